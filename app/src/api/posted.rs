//! The forms of the account pages posted by the browser itself (before the client code is
//! ready, or without JavaScript): each is answered by calling the very server function the
//! client calls, so the checks, the throttling, the session and the messages are the same.
//! The router runs [`answer`] with the request's context, as it does for a server function.

use super::account::{
    activate_account, change_email, change_password, confirm_email_change, create_account,
    request_password_reset, resend_activation, reset_password, sign_in, sign_out, update_account,
};
use super::home::{check_home_message, delete_home_message, save_home_message};
use super::pieces::{
    add_piece, add_piece_group, confirm_pieces, decide_pieces, delete_piece, delete_piece_file,
    publish_relance,
};
use super::staff::{
    change_status, complete_enrolment, correct_identity, staff_sign_in, staff_sign_out,
};
use super::staff_members::{change_staff, invite_staff};
use crate::domain::{ReturnPath, return_path};
use crate::error::AppError;
use crate::model::Posted;
use crate::model::fields::FormFields;
use crate::model::posted::{FORM_FIELD, STAFF_HOME, TOKEN_FIELD, form};
use crate::model::staff_members::{StaffAction, StaffChange, StaffForm};

/// The pages whose forms are answered here.
pub const PATHS: [&str; 23] = [
    "/connexion",
    "/creer-un-compte",
    "/activer-mon-compte",
    "/mot-de-passe-oublie",
    "/reinitialiser-mot-de-passe",
    "/modifier-mon-compte",
    "/confirmer-mon-adresse",
    "/se-deconnecter",
    "/gestion",
    "/gestion/inscription",
    "/gestion/se-deconnecter",
    "/gestion/personnels",
    "/gestion/messages",
    // A dossier: "Corriger l'identité", "Désinscrire", "Réinscrire" (the router's pattern).
    "/gestion/candidats/{id}",
    // "J'ai fourni toutes mes pièces", a file's delete button.
    "/mes-justificatifs",
    // The control of pieces: a selection of the queue, one piece.
    "/gestion/justificatifs",
    "/gestion/justificatifs/{candidature}/{piece}",
    // The pieces asked per offer (administrators).
    "/gestion/pieces-demandees",
    // The catalog (administrators): national lists, an académie's offers, one offer.
    "/gestion/catalogue",
    "/gestion/offres",
    "/gestion/offres/{id}",
    // The preview of an imported CSV of offers: "Appliquer l'import".
    "/gestion/offres/import/{id}",
    // An offer's convocations (staff): a test's schedule, a batch.
    "/gestion/offres/{id}/convocations",
];

/// What the browser gets.
pub enum Answer {
    /// Accepted, and the next page is another one (303 See Other).
    Redirect(String),
    /// The page again, rendered with this (the query is the page's own: the link's secret,
    /// the return path).
    Page { query: String, posted: Posted },
}

/// Answers the fields posted to `path` (the confirmation of a new address is a page of its
/// own, `/confirmer-mon-adresse`).
pub async fn answer(path: &str, fields: Vec<(String, String)>) -> Answer {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let form = get(FORM_FIELD);
    let token = get(TOKEN_FIELD);
    let back = ReturnPath::parse(&get(return_path::PARAMETER));
    let mut posted = Posted::new(&form, &fields);
    // The page's own query: the link's secret (ours are hexadecimal: anything else is
    // dropped and the page says the link is not valid), or the return path, encoded as the
    // sign-in page's address has it.
    let query = if !token.is_empty() {
        if token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            format!("{TOKEN_FIELD}={token}")
        } else {
            String::new()
        }
    } else {
        back.as_ref()
            .and_then(|b| b.sign_in().split_once('?').map(|(_, q)| q.to_owned()))
            .unwrap_or_default()
    };
    let dossier = path
        .strip_prefix("/gestion/candidats/")
        .filter(|id| !id.contains('/'));
    // Every value of a field sent several times (the académies' checkboxes).
    let all = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let uuid = |name: &str| uuid::Uuid::parse_str(&get(name)).map_err(|_| AppError::InvalidInput);
    // The queue's filters, carried from the queue to a piece and back (plain query text).
    let filters = get("filtres");
    let filters = if filters
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"=&%-_.".contains(&b))
    {
        filters
    } else {
        String::new()
    };
    let query = if path.starts_with("/gestion/justificatifs") && query.is_empty() {
        filters.clone()
    } else {
        query
    };
    let result: Result<Next, AppError> = match (path, form.as_str()) {
        ("/mes-justificatifs", form::PIECES_CONFIRM) => {
            match (uuid("candidature"), get("groupe").parse::<i32>()) {
                (Ok(candidature), Ok(group)) => {
                    confirm_pieces(candidature, group).await.map(|_| {
                        Next::Go(format!(
                            "/mes-justificatifs?confirme={group}#groupe-{group}"
                        ))
                    })
                }
                _ => Err(AppError::InvalidInput),
            }
        }
        ("/mes-justificatifs", form::PIECE_FILE_DELETE) => {
            match (uuid("candidature"), uuid("fichier")) {
                (Ok(candidature), Ok(file)) => {
                    delete_piece_file(candidature, file).await.map(|()| {
                        let piece = get("piece").parse::<i32>().unwrap_or_default();
                        Next::Go(format!("/mes-justificatifs#piece-{piece}"))
                    })
                }
                _ => Err(AppError::InvalidInput),
            }
        }
        ("/gestion/pieces-demandees", form::STAFF_GROUP) => {
            add_piece_group(crate::model::pieces::GroupForm {
                offer: get("offre"),
                label: get("label"),
                mode: get("mode"),
                opens: get("opens"),
                closes: get("closes"),
                address: get("address"),
            })
            .await
            .map(|()| Next::Go(format!("{path}?ajoute=regroupement#offre-{}", get("offre"))))
        }
        ("/gestion/pieces-demandees", form::STAFF_PIECE_NEW) => {
            add_piece(crate::model::pieces::PieceForm {
                group: get("groupe"),
                label: get("label"),
                description: get("description"),
                candidate: get("candidate"),
            })
            .await
            .map(|()| Next::Go(format!("{path}?ajoute=piece#groupe-{}", get("groupe"))))
        }
        ("/gestion/pieces-demandees", form::STAFF_PIECE_DELETE) => match get("id").parse::<i32>() {
            Ok(id) => delete_piece(id)
                .await
                .map(|()| Next::Go(format!("{path}?supprime=piece"))),
            Err(_) => Err(AppError::InvalidInput),
        },
        (_, form::STAFF_RELANCE) if path.starts_with("/gestion/justificatifs") => {
            let candidature = uuid::Uuid::parse_str(&get("candidature")).ok();
            let offer = get("offre").parse::<i32>().ok();
            publish_relance(candidature, offer).await.map(|n| {
                let (back, sep) = if filters.is_empty() {
                    (String::new(), "?")
                } else {
                    (format!("?{filters}"), "&")
                };
                Next::Go(format!("{path}{back}{sep}relance={n}"))
            })
        }
        (_, form::STAFF_PIECE | form::STAFF_PIECES)
            if path.starts_with("/gestion/justificatifs") =>
        {
            let single = form == form::STAFF_PIECE;
            let next = get("suivant");
            decide_pieces(
                all("selection"),
                if single {
                    get("revision")
                } else {
                    String::new()
                },
                get("statut"),
                get("date_reception"),
                get("commentaire"),
            )
            .await
            .map(|_| {
                let back = if filters.is_empty() {
                    String::new()
                } else {
                    format!("?{filters}")
                };
                // A piece's page goes on to the next piece when asked, else stays.
                let to = if single
                    && !next.is_empty()
                    && next
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b'-' || b == b'/')
                {
                    format!("/gestion/justificatifs/{next}{back}")
                } else {
                    format!("{path}{back}")
                };
                Next::Go(to)
            })
        }
        ("/gestion/personnels", form::STAFF_INVITE) => invite_staff(StaffForm {
            email: get("email"),
            role: get("role"),
            academies: all("academies"),
        })
        .await
        .map(|()| Next::Show(Some("invitation".into()))),
        ("/gestion/personnels", form::STAFF_MEMBER) => match uuid::Uuid::parse_str(&get("id")) {
            Ok(id) => {
                let action = match get("action").as_str() {
                    "facteur" => StaffAction::ResetFactor,
                    "desactiver" => StaffAction::Disable,
                    _ => StaffAction::Grant {
                        role: get("role"),
                        academies: all("academies"),
                    },
                };
                change_staff(StaffChange { id, action })
                    .await
                    .map(|()| Next::Go(path.to_owned()))
            }
            Err(_) => Err(AppError::InvalidInput),
        },
        (_, form::STAFF_STATUS) if dossier.is_some() => {
            match uuid::Uuid::parse_str(&get("candidature")) {
                Ok(candidature) => change_status(crate::model::staff::StatusChange {
                    candidature,
                    revision: get("revision"),
                    unregister: get("unregister") == "true",
                    reason: get("reason"),
                })
                .await
                .map(|()| Next::Go(path.to_owned())),
                Err(_) => Err(AppError::InvalidInput),
            }
        }
        ("/gestion/messages", form::STAFF_MESSAGE) if !get(form::PREVIEW).is_empty() => {
            check_home_message(filled(&fields))
                .await
                .map(|()| Next::Show(Some(form::PREVIEW.to_owned())))
        }
        ("/gestion/messages", form::STAFF_MESSAGE) => save_home_message(filled(&fields))
            .await
            .map(|_| Next::Go("/gestion/messages?enregistre=oui".into())),
        ("/gestion/messages", form::STAFF_MESSAGE_DELETE) => match get("id").parse::<i32>() {
            Ok(id) => delete_home_message(id, get("revision"))
                .await
                .map(|()| Next::Go(path.to_owned())),
            Err(_) => Err(AppError::InvalidInput),
        },
        (_, form::STAFF_IDENTITY) if dossier.is_some() => {
            match uuid::Uuid::parse_str(&get("candidature")) {
                Ok(candidature) => correct_identity(crate::model::staff::IdentityCorrection {
                    candidature,
                    revision: get("revision"),
                    form: filled(&fields),
                    reason: get("reason"),
                })
                .await
                .map(|()| Next::Go(format!("{path}?identite=corrigee"))),
                Err(_) => Err(AppError::InvalidInput),
            }
        }
        ("/connexion", form::SIGN_IN) if !get(form::RESEND).is_empty() => {
            resend_activation(get("email"))
                .await
                .map(|()| Next::Show(Some(form::RESEND.to_owned())))
        }
        ("/connexion", form::SIGN_IN) => sign_in(filled(&fields)).await.map(|()| {
            Next::Go(
                back.as_ref()
                    .map_or("/espace-candidat", ReturnPath::as_str)
                    .to_owned(),
            )
        }),
        ("/creer-un-compte", form::CREATE) => create_account(filled(&fields))
            .await
            .map(|()| Next::Show(Some(get("email").trim().to_owned()))),
        ("/activer-mon-compte", form::ACTIVATE) => activate_account(token, filled(&fields))
            .await
            .map(|()| Next::Go("/connexion?compte=active".into())),
        ("/confirmer-mon-adresse", form::CONFIRM_EMAIL) => confirm_email_change(token)
            .await
            .map(|()| Next::Go("/connexion?adresse=confirmee".into())),
        ("/mot-de-passe-oublie", form::FORGOT) => request_password_reset(get("email"))
            .await
            .map(|()| Next::Show(Some(get("email").trim().to_owned()))),
        ("/reinitialiser-mot-de-passe", form::RESET) => reset_password(token, filled(&fields))
            .await
            .map(|()| Next::Go("/connexion?mot-de-passe=modifie".into())),
        ("/modifier-mon-compte", form::DETAILS) => update_account(filled(&fields))
            .await
            .map(|()| Next::Show(None)),
        ("/modifier-mon-compte", form::EMAIL) => change_email(filled(&fields))
            .await
            .map(|a| Next::Show(Some(a))),
        ("/modifier-mon-compte", form::PASSWORD) => change_password(filled(&fields))
            .await
            .map(|()| Next::Show(None)),
        ("/se-deconnecter", form::SIGN_OUT) => sign_out().await.map(|()| Next::Go("/".into())),
        ("/gestion", form::STAFF_SIGN_IN) => staff_sign_in(filled(&fields))
            .await
            .map(|()| Next::Go(STAFF_HOME.into())),
        ("/gestion/inscription", form::STAFF_ENROL) => complete_enrolment(token, filled(&fields))
            .await
            .map(|codes| Next::Show(Some(codes.join(" ")))),
        ("/gestion/se-deconnecter", form::STAFF_SIGN_OUT) => {
            staff_sign_out().await.map(|()| Next::Go("/gestion".into()))
        }
        _ => super::posted_catalog::answer(path, &form, &get)
            .await
            .unwrap_or(Err(AppError::InvalidInput)),
    };
    match result {
        Ok(Next::Go(to)) => Answer::Redirect(to),
        // A session that ended meanwhile: sign in (the back-office's own page for its own).
        Err(AppError::Unauthenticated) if path.starts_with("/gestion") => {
            Answer::Redirect("/gestion?session=terminee".into())
        }
        Err(AppError::Unauthenticated) => Answer::Redirect(ReturnPath::sign_in_from(path, "")),
        Ok(Next::Show(done)) => {
            posted.done = done;
            Answer::Page { query, posted }
        }
        Err(error) => {
            posted.error = Some(error);
            Answer::Page { query, posted }
        }
    }
}

/// After an accepted form.
pub enum Next {
    Go(String),
    Show(Option<String>),
}

/// The typed form from the posted fields (unknown names are ignored, missing ones empty).
fn filled<T: FormFields + Default>(fields: &[(String, String)]) -> T {
    let mut form = T::default();
    for (name, value) in fields {
        form.set(name, value.clone());
    }
    form
}
