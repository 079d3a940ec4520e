//! What a document's template receives, as data (JSON read by the template with
//! `json(bytes(sys.inputs.data))`): never spliced into Typst markup, so a name such as
//! `#read("/etc/passwd")` prints literally (checklist line 29).
//!
//! The candidate's part comes from the candidature's version the document shows (its
//! answers and the identity saved with it), so a document rendered late, or again, says what
//! the candidate saved. The catalog's part (labels of the exam, tests and lists, the service
//! gestionnaire, the dates of the offer) is read when rendering: it is the académie's
//! current word, which staff may correct.

use crate::domain::{LocalDateTime, VerificationCode};
use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::model::recap::{self, RecapSection, RecapSource};
use crate::model::{IdentitySummary, ServiceContact, version_fr};
use crate::server::AppState;
use crate::server::entities::{candidature, document};
use crate::server::ids::{AccountId, CandidatureId};
use crate::server::services::candidatures::{self, from_json, offer};
use crate::server::services::reference::lists as references;
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

/// A date as documents print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateFr {
    /// dd/mm/yyyy
    pub date: String,
    /// hh:mm (Paris)
    pub time: String,
}

impl From<LocalDateTime> for DateFr {
    fn from(t: LocalDateTime) -> Self {
        Self {
            date: t.date_fr(),
            time: t.time_fr(),
        }
    }
}

/// The code printed on the document and the address its QR code holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationData {
    /// "ABCD-EFGH-JKMN-PQRS".
    pub code: String,
    /// The public page "Vérifier un document" for this code.
    pub url: String,
}

/// The candidature's numbers and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationData {
    pub candidate_number: String,
    /// "001".
    pub registration_number: String,
    /// "Version n°2".
    pub version: String,
    pub saved: DateFr,
    pub registered: DateFr,
    /// The closing of the registration service.
    pub closes: DateFr,
    /// G01: the date before which the confirmation must reach the service.
    pub due: DateFr,
}

/// The qualification registered for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationData {
    /// "AUTRES CERTIFICATIONS".
    pub domain: String,
    /// "Examen" or "Certification".
    pub exam_word: String,
    pub exam: String,
    pub speciality: String,
    /// "ACADÉMIE DE VERSAILLES".
    pub academy: String,
    pub year: i32,
}

/// Everything a template prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentData {
    /// The template's name (`DocumentKind::as_str`).
    pub kind: String,
    /// "Récapitulatif d'inscription".
    pub title: String,
    /// The document's version n°.
    pub number: i32,
    pub published: DateFr,
    pub verification: VerificationData,
    pub service: ServiceContact,
    pub qualification: QualificationData,
    /// "Madame TALU Jean".
    pub candidate_name: String,
    pub registration: RegistrationData,
    /// The récapitulatif's sections, as the page shows them.
    pub sections: Vec<RecapSection>,
    /// "031 - Compréhension de l'oral (Oral)" for each test registered for.
    pub epreuves: Vec<String>,
    /// What the kind needs beyond the candidature (a JSON object).
    pub details: serde_json::Value,
}

/// "TALU Jean" (the usage name first when there is one).
pub fn display_name(i: &IdentitySummary) -> String {
    crate::server::identity::Names {
        birth: i.birth_name.clone(),
        usage: Some(i.usage_name.clone()).filter(|u| !u.is_empty()),
        first: i.first_names.clone(),
    }
    .display()
}

/// The data of `doc`, read from the candidature's version it shows.
pub async fn data(state: &AppState, doc: &document::Model) -> Result<DocumentData, AppError> {
    let db = &state.db;
    let kind = DocumentKind::parse(&doc.kind).ok_or(AppError::Internal)?;
    let c = candidature::Entity::find_by_id(doc.candidature_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = candidatures::version_of(db, CandidatureId::new(c.id), doc.candidature_version)
        .await?
        .ok_or(AppError::NotFound)?;
    let number = candidatures::candidate_number(db, AccountId::new(c.account_id)).await?;
    let identity: IdentitySummary =
        serde_json::from_str(&version.identity).map_err(|_| AppError::Internal)?;
    let form = from_json(&version.answers, c.id)?;
    let ctx = offer::by_id(db, state.tz, state.clock.now(), c.offer_id).await?;
    let lists = references::cached_lists(state).await?;
    let etablissement = references::etablissement_label(db, &form).await?;
    let sections = recap::sections(RecapSource {
        offer: &ctx.summary,
        identity: &identity,
        lists: &lists,
        epreuves: &ctx.catalog,
        form: &form,
        etablissement: &etablissement,
    });
    let (mandatory, chosen) = recap::epreuves_of(&ctx.catalog, &form);
    let code = VerificationCode::parse(&doc.verification_code).map_err(|_| AppError::Internal)?;
    let local = |t| LocalDateTime::from_utc(t, state.tz);
    let o = &ctx.summary;
    let details = match serde_json::from_str(&doc.details) {
        Ok(v @ serde_json::Value::Object(_)) => v,
        _ => serde_json::Value::Object(serde_json::Map::new()),
    };
    Ok(DocumentData {
        kind: kind.as_str().to_owned(),
        title: kind.label_fr().to_owned(),
        number: doc.number,
        published: local(doc.created_at).into(),
        verification: VerificationData {
            url: state
                .accounts
                .link(&format!("/verifier-un-document?code={}", code.as_str())),
            code: code.to_string(),
        },
        service: o.service.clone(),
        qualification: QualificationData {
            domain: o.domain_label.clone(),
            exam_word: o.exam_word().to_owned(),
            exam: o.exam_label.clone(),
            speciality: o.speciality_label.clone(),
            academy: o.academy_label.clone(),
            year: o.session_year,
        },
        candidate_name: format!("{} {}", identity.civility, display_name(&identity))
            .trim()
            .to_owned(),
        registration: RegistrationData {
            candidate_number: number,
            registration_number: format!("{:03}", c.registration_number),
            version: version_fr(version.version),
            saved: local(version.saved_at).into(),
            registered: local(c.created_at).into(),
            closes: o.closes_at.into(),
            due: local(ctx.offer.confirmation_due_at.unwrap_or(ctx.offer.closes_at)).into(),
        },
        sections,
        epreuves: mandatory
            .iter()
            .chain(&chosen)
            .map(recap::epreuve_line)
            .collect(),
        details,
    })
}
