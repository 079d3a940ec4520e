//! A candidate's dossier for staff (REQUIREMENTS S4, X3): opened from one of its
//! candidatures; a candidature outside the member's académies is "not found", exactly like
//! one that does not exist, and the dossier lists only the candidatures the member may see.

use crate::domain::local_time::date_fr;
use crate::domain::{LocalDateTime, Scope};
use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::model::fields::FormFields;
use crate::model::staff::{
    Dossier, DossierCandidature, DossierMail, StaffDocumentLine, VersionLine,
};
use crate::model::{IdentitySummary, RegistrationForm, version_fr};
use crate::server::entities::{
    account, candidature, candidature_version, document, journal_entry, mail_outbox,
};
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::services::candidatures::{self, Status, offer};
use crate::server::services::journal;
use crate::server::services::revision::revision;
use crate::server::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The journal's subject of a candidature and of an account.
pub fn journal_subject(id: CandidatureId) -> String {
    format!("candidature:{}", id.uuid())
}

pub fn account_subject(id: AccountId) -> String {
    format!("compte:{}", id.uuid())
}

/// The fields of the wizard a version may change, with the words of the récapitulatif.
const FIELDS: [(&str, &str); 16] = [
    ("address_country", "Pays de résidence"),
    ("address_1", "Adresse"),
    ("address_2", "Adresse"),
    ("address_3", "Adresse"),
    ("address_4", "Adresse"),
    ("postal_code", "Code postal"),
    ("locality", "Localité"),
    ("nationality", "Nationalité"),
    ("phone", "Téléphone"),
    ("corps", "Corps"),
    ("statut", "Statut"),
    ("position", "Position"),
    ("work_country", "Pays d'exercice"),
    ("work_departement", "Département d'exercice"),
    ("work_locality", "Commune d'exercice"),
    ("etablissement", "Établissement d'exercice"),
];

/// The labels of what differs from `before` to `after` (each label once, in form order).
pub fn changes(before: &RegistrationForm, after: &RegistrationForm) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (name, label) in FIELDS {
        if before.get(name) != after.get(name) && !out.iter().any(|l| l == label) {
            out.push(label.to_owned());
        }
    }
    if before.epreuves != after.epreuves {
        out.push("Épreuves".to_owned());
    }
    out
}

pub use crate::server::services::scope::in_scope;

/// The dossier of the candidate of candidature `id`.
pub async fn dossier(
    state: &AppState,
    scope: &Scope,
    administrator: bool,
    id: CandidatureId,
) -> Result<Dossier, AppError> {
    let opened = in_scope(state, scope, id).await?;
    let db = &state.db;
    let row = account::Entity::find_by_id(opened.account_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let account_id = AccountId::new(row.id);
    let number = candidatures::candidate_number(db, account_id).await?;
    let mut candidatures = Vec::new();
    let mut subjects = vec![account_subject(account_id)];
    let all = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(row.id))
        .order_by_asc(candidature::Column::RegistrationNumber)
        .all(db)
        .await?;
    for c in all {
        match crate::server::services::scope::offer_in_scope(state, scope, c.offer_id).await {
            Ok(_) => {}
            // Another académie's candidature of the same candidate: not shown.
            Err(AppError::NotFound) => continue,
            Err(e) => return Err(e),
        }
        subjects.push(journal_subject(CandidatureId::new(c.id)));
        candidatures.push(candidature_of(state, &c, administrator).await?);
    }
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(row.email.as_str()))
        .order_by_desc(mail_outbox::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(|m| DossierMail {
            subject: m.subject,
            created_at: instant_fr(state, m.created_at),
            state: match (m.sent_at, m.abandoned_at) {
                (Some(at), _) => format!("Envoyé le {}", instant_fr(state, at)),
                (None, Some(_)) => format!(
                    "Abandonné : {}",
                    m.last_error
                        .unwrap_or_else(|| "refusé par le serveur de messagerie".into())
                ),
                (None, None) => "En attente d'envoi".to_owned(),
            },
        })
        .collect();
    let entries = journal_entry::Entity::find()
        .filter(journal_entry::Column::Subject.is_in(subjects))
        .order_by_desc(journal_entry::Column::Seq)
        .all(db)
        .await?;
    let names = journal::actor_names(db, &entries).await?;
    let beyond = journal::members_beyond(db, scope, &entries).await?;
    let journal = entries
        .into_iter()
        .map(|mut e| {
            if beyond.contains(&e.actor) {
                // A correction of the identity by another académie's service: what changed
                // is the candidate's, who did it from where is that académie's.
                e.actor = "service d'une autre académie".to_owned();
                e.address = None;
            } else if let Some(email) = names.get(&e.actor) {
                e.actor = email.clone();
            }
            journal::line(e, state.tz)
        })
        .collect();
    let last = row.usage_name.as_deref().unwrap_or(&row.birth_name);
    let identity = vec![
        ("Civilité".to_owned(), civility_fr(&row.civility).to_owned()),
        ("Nom de famille".to_owned(), row.birth_name.to_uppercase()),
        (
            "Nom d'usage".to_owned(),
            row.usage_name.clone().unwrap_or_default().to_uppercase(),
        ),
        ("Prénoms".to_owned(), row.first_names.clone()),
        ("Date de naissance".to_owned(), date_fr(row.birth_date)),
        (
            "Lieu de naissance".to_owned(),
            birth_place(state, &row).await?,
        ),
        ("Adresse mail".to_owned(), row.email.clone()),
        (
            "Compte créé le".to_owned(),
            instant_fr(state, row.created_at),
        ),
    ];
    Ok(Dossier {
        name: format!("{} {}", last.to_uppercase(), row.first_names),
        number,
        identity,
        identity_form: crate::server::services::accounts::identity_form(&row),
        identity_revision: revision(row.updated_at),
        candidatures,
        mails,
        journal,
    })
}

async fn candidature_of(
    state: &AppState,
    c: &candidature::Model,
    administrator: bool,
) -> Result<DossierCandidature, AppError> {
    let db = &state.db;
    let ctx = offer::by_id(db, state.tz, state.clock.now(), c.offer_id).await?;
    let o = ctx.summary;
    let stored = candidature_version::Entity::find()
        .filter(candidature_version::Column::CandidatureId.eq(c.id))
        .order_by_asc(candidature_version::Column::Version)
        .all(db)
        .await?;
    let mut versions = Vec::with_capacity(stored.len());
    let mut previous: Option<(RegistrationForm, String)> = None;
    for v in stored {
        let form = candidatures::from_json(&v.answers, c.id)?;
        let mut changed = match &previous {
            Some((before, _)) => changes(before, &form),
            None => Vec::new(),
        };
        if let Some((_, identity)) = &previous
            && identity_differs(identity, &v.identity)
        {
            changed.insert(0, "Identité".to_owned());
        }
        versions.push(VersionLine {
            version: v.version,
            saved_at: instant_fr(state, v.saved_at),
            changes: changed,
        });
        previous = Some((form, v.identity));
    }
    versions.reverse();
    let documents = crate::server::services::documents::listing::metas(
        db,
        CandidatureId::new(c.id),
        document::Column::CreatedAt,
        None,
    )
    .await?
    .into_iter()
    .filter_map(|d| {
        let kind = DocumentKind::parse(&d.kind)?;
        Some(StaffDocumentLine {
            id: d.id,
            title: format!("{} {}", kind.label_fr(), version_fr(d.number)),
            published_at: instant_fr(state, d.created_at),
            ready: d.rendered_at.is_some(),
        })
    })
    .collect();
    let pieces = crate::server::services::pieces::requested::of_candidature_for(
        db,
        state.tz,
        state.clock.now(),
        c,
        &crate::server::services::pieces::history::Reader::Staff(Default::default()),
    )
    .await?;
    let registered = Status::of(&c.status) == Status::Registered;
    let session_over = {
        use chrono::Datelike;
        o.session_year < state.clock.now().with_timezone(&state.tz).year()
    };
    Ok(DossierCandidature {
        id: c.id,
        registration: format!("{:03}", c.registration_number),
        offer: format!("{} : {}", o.exam_label, o.speciality_label),
        academy: o.academy_label,
        session: o.session_year,
        registered,
        version: c.version,
        revision: revision(c.updated_at),
        can_reinstate: administrator && !registered && !session_over,
        versions,
        documents,
        pieces,
    })
}

/// Whether two saved identities differ (an unreadable one counts as the same: nothing is
/// claimed that cannot be shown).
fn identity_differs(before: &str, after: &str) -> bool {
    match (
        serde_json::from_str::<IdentitySummary>(before),
        serde_json::from_str::<IdentitySummary>(after),
    ) {
        (Ok(a), Ok(b)) => a != b,
        _ => false,
    }
}

async fn birth_place(state: &AppState, row: &account::Model) -> Result<String, AppError> {
    use crate::server::entities::country;
    let country = country::Entity::find_by_id(row.birth_country_code.clone())
        .one(&state.db)
        .await?
        .map_or_else(|| row.birth_country_code.clone(), |c| c.label);
    Ok(match &row.birth_departement_code {
        Some(d) => format!("{} ({d}), {country}", row.birth_commune),
        None => format!("{}, {country}", row.birth_commune),
    })
}

fn civility_fr(stored: &str) -> &'static str {
    match stored {
        "MADAME" => "Madame",
        _ => "Monsieur",
    }
}

/// dd/mm/yyyy hh:mm in the portal's zone.
pub fn instant_fr(state: &AppState, at: chrono::DateTime<chrono::Utc>) -> String {
    LocalDateTime::from_utc(at, state.tz).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_names_what_changed_once_each() {
        let before = RegistrationForm {
            address_1: "Rue de la pluie".into(),
            address_2: "Bâtiment A".into(),
            phone: "0123456789".into(),
            epreuves: vec!["010".into()],
            ..RegistrationForm::default()
        };
        let mut after = before.clone();
        assert!(changes(&before, &after).is_empty());
        after.address_1 = "Rue du soleil".into();
        after.address_2 = "Bâtiment B".into();
        after.epreuves = vec!["020".into()];
        assert_eq!(changes(&before, &after), ["Adresse", "Épreuves"]);
        after.phone = "0987654321".into();
        assert_eq!(
            changes(&before, &after),
            ["Adresse", "Téléphone", "Épreuves"]
        );
    }
}
