//! The demo catalog: the guide's example (Autres Certifications, CERTIFICATION
//! COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE in the académie de Versailles) and an
//! "autre examen" in Aix-Marseille, with periods placed around today so that offers are
//! open, closed and not yet open. Loaded on an empty catalog when asked, never by default.

use crate::server::entities::{
    academy, domain, epreuve, epreuve_group, exam, home_message, offer, session, speciality,
};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

/// Loads the demo catalog when no offer exists yet. Returns whether it loaded anything.
pub async fn load_if_empty(
    db: &DatabaseConnection,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if offer::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    load(&txn, tz, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// `days` from today at `hh:mm` in the portal's zone, as an instant.
fn at(tz: chrono_tz::Tz, now: DateTime<Utc>, days: i64, hh: u32, mm: u32) -> DateTime<Utc> {
    let date = now.with_timezone(&tz).date_naive() + Duration::days(days);
    let local = date.and_time(NaiveTime::from_hms_opt(hh, mm, 0).unwrap_or_default());
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

async fn load(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let g01 = domain_id(db, "G01").await?;
    let g02 = domain_id(db, "G02").await?;

    let versailles = academy::ActiveModel {
        code: Set("VERSAILLES".into()),
        label: Set("ACADÉMIE DE VERSAILLES".into()),
        name: Set("Versailles".into()),
        service_name: Set("Rectorat de Versailles - DEC".into()),
        service_phone: Set("0130834444".into()),
        service_email: Set("ce.dec@ac-versailles.fr".into()),
        service_address: Set(
            "Rectorat de Versailles - DEC\n3 boulevard de Lesseps\n78017 VERSAILLES CEDEX".into(),
        ),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let aix = academy::ActiveModel {
        code: Set("AIX-MARSEILLE".into()),
        label: Set("ACADÉMIE D'AIX-MARSEILLE".into()),
        name: Set("Aix-Marseille".into()),
        service_name: Set("Rectorat".into()),
        service_phone: Set("0442266803".into()),
        service_email: Set("contact@ac-aixmarseille.fr".into()),
        service_address: Set("Rectorat\nPlace Lucien Paye\n13621 AIX-EN-PROVENCE CEDEX 1".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;

    // The session is the coming school year's, as in the guide (registrations in
    // September 2019 for the 2020 session).
    let year = now.with_timezone(&tz).year() + 1;
    let ses = session::ActiveModel {
        year: Set(year),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let ccpe = new_exam(
        db,
        g02,
        "CCPE1D",
        "CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE",
    )
    .await?;
    let cinema = new_speciality(db, ccpe, "ARTS-CINEMA", "ARTS CINEMA et AUDIOVISUEL").await?;
    let visuels = new_speciality(
        db,
        ccpe,
        "DNL-ARTS-VISUELS",
        "Enseignement en Langue Etrangère dans une DNL - Domaine disciplinaire Enseignements Artistiques - Arts Visuels",
    )
    .await?;
    let musique = new_speciality(
        db,
        ccpe,
        "DNL-EDUC-MUSICALE",
        "Enseignement en Langue Etrangère dans une DNL - Domaine disciplinaire Enseignements Artistiques - Education Musicale",
    )
    .await?;

    let dcl = new_exam(db, g01, "DCL", "DIPLOME DE COMPETENCE EN LANGUE").await?;
    let anglais = new_speciality(db, dcl, "ANGLAIS", "ANGLAIS").await?;
    let allemand = new_speciality(db, dcl, "ALLEMAND", "ALLEMAND").await?;

    let open = (at(tz, now, -3, 10, 0), at(tz, now, 14, 17, 0));
    let later = (at(tz, now, 21, 10, 0), at(tz, now, 42, 17, 0));
    let closed = (at(tz, now, -30, 10, 0), at(tz, now, -2, 12, 0));

    let certification_tests: &[(&str, &str, &str, &str)] = &[
        ("010", "EXAMEN DU DOSSIER", "obligatoire", "ecrit"),
        ("020", "ENTRETIEN AVEC LE JURY", "obligatoire", "oral"),
    ];
    for (spe, period) in [(cinema, open), (visuels, open), (musique, later)] {
        add_tests(db, spe, certification_tests).await?;
        let o = new_offer(db, ccpe, spe, versailles.id, ses.id, period).await?;
        if spe == cinema {
            add_pieces(db, tz, now, o).await?;
        }
    }
    // The same certification in Aix-Marseille, whose period is over.
    new_offer(db, ccpe, cinema, aix.id, ses.id, closed).await?;

    let dcl_tests: &[(&str, &str, &str, &str)] = &[
        (
            "010",
            "EPREUVE 1 - COMPREHENSION ET EXPRESSION ECRITES",
            "obligatoire",
            "ecrit",
        ),
        (
            "020",
            "EPREUVE 2 - INTERACTION ORALE",
            "obligatoire",
            "oral",
        ),
        (
            "030",
            "EPREUVE FACULTATIVE - CIVILISATION",
            "facultative",
            "oral",
        ),
        ("031", "ORAL SUR SUPPORT AUDIO", "a_choix", "oral"),
        ("032", "ORAL SUR SUPPORT VIDEO", "a_choix", "oral"),
    ];
    for spe in [anglais, allemand] {
        new_offer(db, dcl, spe, aix.id, ses.id, open).await?;
        add_tests(db, spe, dcl_tests).await?;
        epreuve_group::ActiveModel {
            speciality_id: Set(spe),
            code: Set("SUPPORT".into()),
            label: Set("Support de l'épreuve orale".into()),
            min_choices: Set(1),
            max_choices: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    for (title, body, from, until, academy) in [
        (
            "Bienvenue sur le portail Cyclades",
            "Les inscriptions aux certifications complémentaires de l'académie de Versailles sont ouvertes.\n\nConsultez [Ouverture des services](/ouverture-des-services) pour connaître les dates.",
            Some(at(tz, now, -3, 10, 0)),
            None,
            Some("VERSAILLES"),
        ),
        (
            "Maintenance programmée",
            "Le portail sera indisponible pour maintenance le dernier jour du mois entre 20:00 et 22:00.",
            Some(at(tz, now, -1, 8, 0)),
            Some(at(tz, now, 30, 22, 0)),
            None,
        ),
        (
            "Message expiré",
            "Ce message n'est plus affiché.",
            Some(at(tz, now, -20, 8, 0)),
            Some(at(tz, now, -10, 8, 0)),
            None,
        ),
    ] {
        home_message::ActiveModel {
            title: Set(title.into()),
            body: Set(body.into()),
            published: Set(true),
            created_at: Set(from.unwrap_or(now)),
            visible_from: Set(from),
            visible_until: Set(until),
            academy_code: Set(academy.map(str::to_owned)),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn domain_id(db: &impl ConnectionTrait, code: &str) -> Result<i32, DbErr> {
    domain::Entity::find()
        .filter(domain::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|d| d.id)
        .ok_or_else(|| DbErr::RecordNotFound(format!("domain {code}")))
}

async fn new_exam(
    db: &impl ConnectionTrait,
    domain_id: i32,
    code: &str,
    label: &str,
) -> Result<i32, DbErr> {
    let e = exam::ActiveModel {
        domain_id: Set(domain_id),
        code: Set(code.into()),
        label: Set(label.into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(e.id)
}

async fn new_speciality(
    db: &impl ConnectionTrait,
    exam_id: i32,
    code: &str,
    label: &str,
) -> Result<i32, DbErr> {
    let s = speciality::ActiveModel {
        exam_id: Set(exam_id),
        code: Set(code.into()),
        label: Set(label.into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(s.id)
}

async fn new_offer(
    db: &impl ConnectionTrait,
    exam_id: i32,
    speciality_id: i32,
    academy_id: i32,
    session_id: i32,
    (opens_at, closes_at): (DateTime<Utc>, DateTime<Utc>),
) -> Result<i32, DbErr> {
    let o = offer::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        exam_id: Set(exam_id),
        speciality_id: Set(speciality_id),
        academy_id: Set(academy_id),
        session_id: Set(session_id),
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        // G01's confirmation reaches the service within ten days of the closing.
        confirmation_due_at: Set(Some(closes_at + chrono::Duration::days(10))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(o.id)
}

/// The guide's pieces for its certification (chapter 10): one to deposit online, its window
/// open now, and one to send by post, both due in a month.
async fn add_pieces(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    offer_id: i32,
) -> Result<(), DbErr> {
    use crate::server::entities::{piece, piece_group};
    let due = at(tz, now, 30, 23, 59);
    for (position, (label, mode, opens, address, piece_label, description)) in [
        (
            "Confirmation d'inscription",
            "en_ligne",
            Some(at(tz, now, -3, 0, 0)),
            None,
            "Justificatif 1",
            "Confirmation d'inscription signée",
        ),
        (
            "Pièces à envoyer par courrier",
            "courrier",
            None,
            Some("Rectorat de l'académie de Versailles - DEC - 3 boulevard de Lesseps - 78017 Versailles Cedex"),
            "Justificatif 2",
            "Copie de l'arrêté de titularisation",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let group = piece_group::ActiveModel {
            offer_id: Set(offer_id),
            label: Set(label.into()),
            mode: Set(mode.into()),
            opens_at: Set(opens),
            closes_at: Set(due),
            postal_address: Set(address.map(str::to_owned)),
            position: Set(i32::try_from(position).unwrap_or_default()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        piece::ActiveModel {
            group_id: Set(group.id),
            label: Set(piece_label.into()),
            description: Set(description.into()),
            candidature_id: Set(None),
            position: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn add_tests(
    db: &impl ConnectionTrait,
    speciality_id: i32,
    tests: &[(&str, &str, &str, &str)],
) -> Result<(), DbErr> {
    for (code, label, kind, mode) in tests {
        // The tests "à choix" of the demo form the group "SUPPORT", inserted beside them.
        let group = (*kind == "a_choix").then(|| "SUPPORT".to_owned());
        epreuve::ActiveModel {
            speciality_id: Set(speciality_id),
            code: Set((*code).into()),
            label: Set((*label).into()),
            kind: Set((*kind).into()),
            mode: Set((*mode).into()),
            choice_group: Set(group),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
