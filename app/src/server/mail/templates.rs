//! The portal's mails: subject, text and HTML, in the guide's words. Values put into a
//! mail are escaped for HTML and stripped of line breaks wherever a header could see them.

use super::Mail;
use crate::domain::Email;

/// `text` safe inside HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line: no CR, LF or other control character can reach a header.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

const SIGNATURE_TEXT: &str = "A bientôt sur Cyclades\n\nCordialement\nLe Service Gestionnaire\n";
const SIGNATURE_HTML: &str =
    "<p>A bientôt sur Cyclades</p><p>Cordialement<br>Le Service Gestionnaire</p>";

/// Builds a mail from paragraphs and at most one link with its label.
fn compose(
    to: &Email,
    subject: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
    after: &[&str],
) -> Mail {
    let mut text = String::from("Bonjour,\n\n");
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body><p>Bonjour,</p>",
    );
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    if let Some((label, url)) = link {
        text.push_str(&format!("{label} :\n{url}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p><p>Si le lien ci-dessus ne fonctionne pas, il vous suffit de copier l'adresse suivante dans la barre de votre navigateur :<br>{}</p>",
            escape(url),
            escape(label),
            escape(url)
        ));
    }
    for p in after {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    text.push_str(SIGNATURE_TEXT);
    html.push_str(SIGNATURE_HTML);
    html.push_str("</body></html>");
    Mail {
        to: to.clone(),
        subject: one_line(subject),
        text,
        html,
    }
}

/// "[CYCLADES] Activer mon compte" (A4), with the guide's text.
pub fn activation(to: &Email, link: &str) -> Mail {
    compose(
        to,
        "[CYCLADES] Activer mon compte",
        &[
            "Vous venez de créer un compte sur Cyclades. Votre inscription sera possible seulement quand vous aurez activé votre compte.",
            "Pour activer votre compte, veuillez cliquer sur le lien :",
        ],
        Some(("Activer mon compte", link)),
        &[
            "Ce lien n'est valable que pour une durée de 48h. Passé ce délai, vos informations seront effacées.",
        ],
    )
}

/// Someone tried to create an account with an address that has one (A3).
pub fn account_exists(to: &Email, sign_in: &str, reset: &str) -> Mail {
    compose(
        to,
        "[CYCLADES] Tentative de création de compte",
        &[
            "Une demande de création de compte a été faite sur Cyclades avec votre adresse mail. Un compte existe déjà pour cette adresse : aucun nouveau compte n'a été créé.",
            &format!(
                "Si c'était vous, connectez-vous avec votre adresse mail et votre mot de passe : {sign_in}"
            ),
            "Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser :",
        ],
        Some(("Réinitialiser mon mot de passe", reset)),
        &[
            "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre compte n'a pas été modifié.",
        ],
    )
}

/// "Mot de passe oublié" (A5): the single-use link.
pub fn password_reset(to: &Email, link: &str, minutes: i64) -> Mail {
    compose(
        to,
        "[CYCLADES] Réinitialiser mon mot de passe",
        &[
            "Vous avez demandé la réinitialisation du mot de passe de votre compte Cyclades.",
            "Pour choisir un nouveau mot de passe, veuillez cliquer sur le lien :",
        ],
        Some(("Réinitialiser mon mot de passe", link)),
        &[
            &format!("Ce lien n'est valable qu'une seule fois, pendant {minutes} minutes."),
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
        ],
    )
}

/// After a reset or a change of password (checklist line 10).
pub fn password_changed(to: &Email, reset: &str) -> Mail {
    compose(
        to,
        "[CYCLADES] Mot de passe modifié",
        &[
            "Le mot de passe de votre compte Cyclades vient d'être modifié. Toutes les autres connexions à votre compte ont été fermées.",
            "Si vous n'êtes pas à l'origine de cette modification, réinitialisez votre mot de passe sans attendre :",
        ],
        Some(("Réinitialiser mon mot de passe", reset)),
        &[],
    )
}

/// Sent to the new address: it becomes the login once this link is followed (A6).
pub fn confirm_new_email(to: &Email, link: &str) -> Mail {
    compose(
        to,
        "[CYCLADES] Confirmer ma nouvelle adresse mail",
        &[
            "Vous avez demandé que cette adresse devienne l'identifiant de votre compte Cyclades.",
            "Pour confirmer cette adresse, veuillez cliquer sur le lien :",
        ],
        Some(("Confirmer mon adresse mail", link)),
        &[
            "Ce lien n'est valable que pour une durée de 48h. Tant qu'il n'est pas suivi, votre identifiant reste l'ancienne adresse.",
        ],
    )
}

/// Sent to the old address once the new one is confirmed.
pub fn email_changed(to: &Email, new_email: &Email) -> Mail {
    compose(
        to,
        "[CYCLADES] Adresse mail modifiée",
        &[
            &format!(
                "L'identifiant de votre compte Cyclades est désormais l'adresse {}. Cette adresse-ci ne permet plus de vous connecter.",
                new_email.as_str()
            ),
            "Si vous n'êtes pas à l'origine de cette modification, contactez le service gestionnaire de votre académie.",
        ],
        None,
        &[],
    )
}

/// "Inscription enregistrée : <exam>", after a first save: where the document that
/// attests it is.
pub fn candidature_registered(to: &Email, offer: &crate::model::OfferSummary, link: &str) -> Mail {
    let document = crate::model::documents::DocumentKind::at_registration(&offer.domain_code);
    let mut lines = vec![
        format!(
            "Votre inscription à « {} : {} » ({}, session {}) a bien été enregistrée.",
            offer.exam_label, offer.speciality_label, offer.academy_label, offer.session_year
        ),
        format!(
            "Votre {} est à votre disposition dans votre espace candidat, menu « Mes documents ».",
            document.label_fr().to_lowercase()
        ),
    ];
    if document == crate::model::documents::DocumentKind::Confirmation {
        lines.push(
            "Elle est à retourner au service gestionnaire des examens avant la date qu'elle indique."
                .to_owned(),
        );
    }
    lines.push(format!(
        "Vous pouvez consulter et modifier votre inscription jusqu'à la fermeture du service, le {} à {}.",
        offer.closes_at.date_fr(),
        offer.closes_at.time_fr()
    ));
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    compose(
        to,
        &format!("Inscription enregistrée : {}", offer.exam_label),
        &lines,
        Some(("Consulter mes documents", link)),
        &[],
    )
}

/// "Relance de pièces justificatives : <exam>" (S7): pieces are still missing; the
/// document that lists them is in "Mes documents" (no content in the mail beyond that).
pub fn pieces_reminder(to: &Email, offer: &crate::model::OfferSummary, link: &str) -> Mail {
    compose(
        to,
        &format!("Relance de pièces justificatives : {}", offer.exam_label),
        &[
            &format!(
                "Pour votre inscription à « {} : {} » ({}, session {}), des pièces justificatives ne sont pas encore parvenues au service gestionnaire, ou ne sont pas conformes.",
                offer.exam_label, offer.speciality_label, offer.academy_label, offer.session_year
            ),
            "La relance de pièces justificatives, qui les liste avec leurs dates limites, est à votre disposition dans « Mes documents ». Les pièces à déposer en ligne se déposent dans « Mes justificatifs ».",
        ],
        Some(("Consulter mes documents", link)),
        &[],
    )
}

/// "Convocation aux épreuves : <exam>" (S7): the convocation is in "Mes documents" (the
/// mail holds no date nor place: only the link).
pub fn convocation_published(to: &Email, offer: &crate::model::OfferSummary, link: &str) -> Mail {
    compose(
        to,
        &format!("Convocation aux épreuves : {}", offer.exam_label),
        &[
            &format!(
                "Pour votre inscription à « {} : {} » ({}, session {}), votre convocation aux épreuves est publiée.",
                offer.exam_label, offer.speciality_label, offer.academy_label, offer.session_year
            ),
            "Elle est à votre disposition dans « Mes documents » : imprimez-la et présentez-la avec une pièce d'identité à chaque épreuve.",
        ],
        Some(("Consulter mes documents", link)),
        &[],
    )
}

/// "[CYCLADES] Votre accès à l'Espace gestionnaire" (S1): an administrator's invitation,
/// with the one-time enrolment link.
pub fn staff_invitation(to: &Email, link: &str, hours: i64) -> Mail {
    compose(
        to,
        "[CYCLADES] Votre accès à l'Espace gestionnaire",
        &[
            "Un administrateur de Cyclades vous a donné accès à l'Espace gestionnaire, où les services des examens suivent les inscriptions des candidats.",
            "Pour activer votre accès, choisissez votre mot de passe et enregistrez Cyclades dans votre application d'authentification (FreeOTP, Aegis, Google Authenticator…) :",
        ],
        Some(("Activer mon accès", link)),
        &[
            &format!("Ce lien ne fonctionne qu'une fois et pendant {hours} heures."),
            "Si vous n'attendiez pas ce message, ignorez-le et prévenez le service des examens de votre académie.",
        ],
    )
}

/// "[CYCLADES] Nouveau second facteur" (S1): an administrator reset a member's factor.
pub fn staff_factor_reset(to: &Email, link: &str, hours: i64) -> Mail {
    compose(
        to,
        "[CYCLADES] Nouveau second facteur pour l'Espace gestionnaire",
        &[
            "Un administrateur de Cyclades vous envoie un lien pour enregistrer à nouveau Cyclades dans votre application d'authentification, avec un nouveau mot de passe.",
            "Votre accès actuel reste valable jusqu'à ce que vous utilisiez ce lien :",
        ],
        Some(("Enregistrer mon nouveau second facteur", link)),
        &[
            &format!("Ce lien ne fonctionne qu'une fois et pendant {hours} heures."),
            "Si vous n'avez rien demandé, prévenez sans attendre le service des examens de votre académie.",
        ],
    )
}

/// "Désinscription : <exam>" (S5): the service unregistered a candidature, with its reason.
pub fn candidature_unregistered(
    to: &Email,
    offer: &crate::model::OfferSummary,
    registration: &str,
    reason: &str,
) -> Mail {
    compose(
        to,
        &format!("Désinscription : {}", offer.exam_label),
        &[
            &format!(
                "Le service gestionnaire des examens a annulé votre inscription n° {} à « {} : {} » ({}, session {}).",
                registration,
                offer.exam_label,
                offer.speciality_label,
                offer.academy_label,
                offer.session_year
            ),
            &format!("Motif : {reason}"),
            "Cette candidature n'apparaît plus dans « Mes inscriptions » ni dans « Mes documents », et ses documents ne sont plus valables.",
            &format!(
                "Pour toute question, contactez le service gestionnaire : {} - {} - {}.",
                offer.service.name, offer.service.phone, offer.service.email
            ),
        ],
        None,
        &[],
    )
}

/// "Réinscription : <exam>" (S5): an administrator undid a désinscription.
pub fn candidature_reinstated(
    to: &Email,
    offer: &crate::model::OfferSummary,
    registration: &str,
) -> Mail {
    compose(
        to,
        &format!("Réinscription : {}", offer.exam_label),
        &[
            &format!(
                "Le service gestionnaire des examens a rétabli votre inscription n° {} à « {} : {} » ({}, session {}).",
                registration,
                offer.exam_label,
                offer.speciality_label,
                offer.academy_label,
                offer.session_year
            ),
            "Elle apparaît de nouveau dans « Mes inscriptions » et ses documents dans « Mes documents ».",
        ],
        None,
        &[],
    )
}

/// "Correction de vos informations" (S4, A6): the service corrected the identity; the
/// documents that print it are published again.
pub fn identity_corrected(to: &Email, changed: &[&str], reason: &str, link: &str) -> Mail {
    compose(
        to,
        "Correction de vos informations",
        &[
            &format!(
                "Le service gestionnaire des examens a corrigé les informations de votre compte : {}.",
                changed.join(", ")
            ),
            &format!("Motif : {reason}"),
            "Vos documents ont été publiés de nouveau avec ces informations. Vous pouvez les consulter dans « Mes documents ».",
        ],
        Some(("Mes documents", link)),
        &[
            "Si ces informations ne sont pas exactes, contactez le service gestionnaire des examens.",
        ],
    )
}

/// "Modification d'inscription : <exam>" (R10), after each saved modification.
pub fn candidature_modified(
    to: &Email,
    offer: &crate::model::OfferSummary,
    version: i32,
    link: &str,
) -> Mail {
    compose(
        to,
        &format!("Modification d'inscription : {}", offer.exam_label),
        &[
            &format!(
                "La modification de votre inscription à « {} : {} » ({}, session {}) a bien été enregistrée. Votre inscription est maintenant en {}.",
                offer.exam_label,
                offer.speciality_label,
                offer.academy_label,
                offer.session_year,
                crate::model::version_fr(version).to_lowercase()
            ),
            &format!(
                "Vous pouvez la consulter et la modifier jusqu'à la fermeture du service, le {} à {}.",
                offer.closes_at.date_fr(),
                offer.closes_at.time_fr()
            ),
        ],
        Some(("Consulter mon inscription", link)),
        &[
            "Si vous n'êtes pas à l'origine de cette modification, contactez sans attendre le service gestionnaire de votre académie.",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to() -> Email {
        Email::parse("jean_talu@ac-rennes.fr").unwrap()
    }

    #[test]
    fn the_activation_mail_has_the_guides_subject_text_and_link() {
        let mail = activation(&to(), "https://cyclades.test/activer-mon-compte?jeton=abc");
        assert_eq!(mail.subject, "[CYCLADES] Activer mon compte");
        assert!(
            mail.text
                .contains("Vous venez de créer un compte sur Cyclades.")
        );
        assert!(
            mail.text
                .contains("https://cyclades.test/activer-mon-compte?jeton=abc")
        );
        assert!(mail.text.contains("48h"));
        assert!(
            mail.html
                .contains("href=\"https://cyclades.test/activer-mon-compte?jeton=abc\"")
        );
        assert!(mail.html.contains("Le Service Gestionnaire"));
    }

    #[test]
    fn values_are_escaped_in_html_and_kept_on_one_line_in_subjects() {
        let mail = activation(&to(), "https://x.test/?a=<b>&c=\"d\"");
        assert!(mail.html.contains("a=&lt;b&gt;&amp;c=&quot;d&quot;"));
        assert!(!mail.html.contains("<b>"));
        assert_eq!(one_line("Objet\r\nBcc: x@y.z"), "Objet  Bcc: x@y.z");
    }
}

/// Every mail as the candidate reads it (subject, text, HTML), with fixed links and dates:
/// a change of wording shows in review as a change of `snapshots/`.
#[cfg(test)]
mod snapshots {
    use super::*;
    use crate::domain::LocalDateTime;
    use chrono::TimeZone;

    fn to() -> Email {
        Email::parse("jean_talu@ac-rennes.fr").unwrap()
    }

    fn offer(domain: &str) -> crate::model::OfferSummary {
        let at = |d, h| {
            LocalDateTime::from_utc(
                chrono::Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap(),
                chrono_tz::Europe::Paris,
            )
        };
        crate::model::OfferSummary {
            public_id: uuid::Uuid::nil(),
            domain_code: domain.into(),
            domain_label: "AUTRES CERTIFICATIONS".into(),
            exam_label: "CERTIFICATION COMPLEMENTAIRE".into(),
            speciality_label: "ARTS - CINEMA ET AUDIOVISUEL".into(),
            academy_label: "ACADÉMIE DE VERSAILLES".into(),
            session_year: 2027,
            opens_at: at(1, 9),
            closes_at: at(18, 16),
            open: true,
            service: crate::model::ServiceContact {
                name: "DEC 5".into(),
                phone: "01 30 83 44 44".into(),
                email: "ce.dec@ac-versailles.fr".into(),
                address: String::new(),
            },
        }
    }

    fn shown(mail: &Mail) -> String {
        format!(
            "To: {}\nSubject: {}\n\n{}\n---- HTML ----\n{}",
            mail.to, mail.subject, mail.text, mail.html
        )
    }

    const LINK: &str = "https://cyclades.test/lien?jeton=JETON";

    #[test]
    fn every_mail_reads_as_reviewed() {
        let new = Email::parse("jean.talu@example.fr").unwrap();
        for (name, mail) in [
            ("activation", activation(&to(), LINK)),
            (
                "account_exists",
                account_exists(&to(), "https://cyclades.test/connexion", LINK),
            ),
            ("password_reset", password_reset(&to(), LINK, 60)),
            ("password_changed", password_changed(&to(), LINK)),
            ("confirm_new_email", confirm_new_email(&new, LINK)),
            ("email_changed", email_changed(&to(), &new)),
            (
                "candidature_registered_g01",
                candidature_registered(&to(), &offer("G01"), LINK),
            ),
            (
                "candidature_registered_g02",
                candidature_registered(&to(), &offer("G02"), LINK),
            ),
            (
                "candidature_modified",
                candidature_modified(&to(), &offer("G02"), 2, LINK),
            ),
            (
                "candidature_unregistered",
                candidature_unregistered(&to(), &offer("G02"), "001", "Candidature en double."),
            ),
            ("staff_invitation", staff_invitation(&to(), LINK, 72)),
            ("staff_factor_reset", staff_factor_reset(&to(), LINK, 72)),
            (
                "candidature_reinstated",
                candidature_reinstated(&to(), &offer("G02"), "001"),
            ),
            (
                "identity_corrected",
                identity_corrected(
                    &to(),
                    &["Prénoms", "Date de naissance"],
                    "Erreur de saisie signalée par le candidat.",
                    LINK,
                ),
            ),
            (
                "pieces_reminder",
                pieces_reminder(&to(), &offer("G02"), LINK),
            ),
        ] {
            insta::assert_snapshot!(name, shown(&mail));
        }
    }
}
