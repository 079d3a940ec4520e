//! "Mes documents" (D2): the candidate's candidatures as cards, then the documents of one,
//! the latest version of each kind; and the PDF itself. Every lookup is filtered by the
//! owner: another account's id gets the same "not found" as an id that does not exist.

use crate::domain::LocalDateTime;
use crate::domain::local_time::date_fr;
use crate::error::AppError;
use crate::model::documents::{
    CandidatureDocuments, DocumentCard, DocumentKind, DocumentLine, MyDocuments,
};
use crate::server::AppState;
use crate::server::entities::{candidature, document};
use crate::server::identity::Candidate;
use crate::server::ids::{CandidatureId, DocumentId};
use crate::server::services::candidatures::{self, Status, offer};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// A document row without its PDF.
#[derive(Debug, FromQueryResult)]
pub struct Meta {
    pub id: Uuid,
    pub kind: String,
    pub number: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub rendered_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Documents shown to their candidate at `now`: those of a batch from its instant on.
pub fn visible(now: chrono::DateTime<chrono::Utc>) -> Condition {
    Condition::any()
        .add(document::Column::VisibleFrom.is_null())
        .add(document::Column::VisibleFrom.lte(now))
}

/// Every document row of a candidature, without the PDFs, newest first by `newest_first_by`:
/// all of them for staff (`None`), those shown at the instant given for the candidate.
pub async fn metas(
    db: &impl ConnectionTrait,
    candidature: CandidatureId,
    newest_first_by: document::Column,
    shown_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<Meta>, DbErr> {
    use document::Column as C;
    let mut find = document::Entity::find();
    if let Some(now) = shown_at {
        find = find.filter(visible(now));
    }
    find.select_only()
        .columns([C::Id, C::Kind, C::Number, C::CreatedAt, C::RenderedAt])
        .filter(C::CandidatureId.eq(candidature))
        .order_by_desc(newest_first_by)
        .into_model::<Meta>()
        .all(db)
        .await
}

/// The latest version of each kind shown to the candidate at `now`, in the order of D3.
pub async fn lines(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    candidature: CandidatureId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DocumentLine>, DbErr> {
    let rows = metas(db, candidature, document::Column::Number, Some(now)).await?;
    let mut out: Vec<DocumentLine> = Vec::new();
    for row in rows {
        let Some(kind) = DocumentKind::parse(&row.kind) else {
            continue;
        };
        if out.iter().any(|l| l.kind == kind) {
            continue;
        }
        out.push(DocumentLine {
            id: row.id,
            kind,
            number: row.number,
            updated_at: LocalDateTime::from_utc(row.created_at, tz),
            ready: row.rendered_at.is_some(),
        });
    }
    out.sort_by_key(|l| DocumentKind::ALL.iter().position(|k| *k == l.kind));
    Ok(out)
}

async fn card(state: &AppState, c: &candidature::Model) -> Result<DocumentCard, AppError> {
    let ctx = offer::by_id(&state.db, state.tz, state.clock.now(), c.offer_id).await?;
    let o = ctx.summary;
    Ok(DocumentCard {
        candidature: c.id,
        domain_label: o.domain_label,
        session_year: o.session_year,
        exam_label: o.exam_label,
        speciality_label: o.speciality_label,
        academy_label: o.academy_label,
        registration_number: format!("{:03}", c.registration_number),
    })
}

/// "Mes documents": the candidate, then one card per candidature.
pub async fn my_documents(state: &AppState, who: &Candidate) -> Result<MyDocuments, AppError> {
    let candidatures = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(who.id))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .order_by_asc(candidature::Column::RegistrationNumber)
        .all(&state.db)
        .await?;
    let mut cards = Vec::with_capacity(candidatures.len());
    for c in &candidatures {
        cards.push(card(state, c).await?);
    }
    Ok(MyDocuments {
        candidate_number: who.number_or_blank(),
        name: who.names.display(),
        birth_date: date_fr(who.birth_date),
        cards,
    })
}

/// "Liste des documents publiés pour la candidature n° …".
pub async fn candidature_documents(
    state: &AppState,
    who: &Candidate,
    id: CandidatureId,
) -> Result<CandidatureDocuments, AppError> {
    let c = candidatures::owned(&state.db, who, id).await?;
    Ok(CandidatureDocuments {
        candidate_number: who.number_or_blank(),
        card: card(state, &c).await?,
        documents: lines(&state.db, state.tz, id, state.clock.now()).await?,
    })
}

/// A PDF as the browser receives it.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// "recapitulatif-inscription-0193801933-001-v2.pdf" (ASCII only).
    pub file_name: String,
}

/// What a fetch finds.
#[derive(Debug, Clone)]
pub enum Fetched {
    Ready(Pdf),
    /// Published, not rendered yet (it is, within moments of the save).
    Pending,
}

/// The PDF of document `id`, for its owner only: the row is found and its owner checked
/// before the PDF itself is read.
/// A convocation before its batch's instant is "not found", as if it did not exist.
pub async fn pdf(state: &AppState, who: &Candidate, id: DocumentId) -> Result<Fetched, AppError> {
    let shown = document::Entity::find_by_id(id)
        .filter(visible(state.clock.now()))
        .select_only()
        .column(document::Column::Id)
        .into_tuple::<Uuid>()
        .one(&state.db)
        .await?;
    if shown.is_none() {
        return Err(AppError::NotFound);
    }
    pdf_checked(state, id, |c| candidatures::owned(&state.db, who, c)).await
}

/// The PDF of document `id` once `allowed` gives its candidature (its refusal, "not found",
/// is the answer): the row's candidature is checked before the PDF itself is read. Staff
/// reach documents through it with their académies' check.
pub async fn pdf_checked<F, Fut>(
    state: &AppState,
    id: DocumentId,
    allowed: F,
) -> Result<Fetched, AppError>
where
    F: FnOnce(CandidatureId) -> Fut,
    Fut: std::future::Future<Output = Result<candidature::Model, AppError>>,
{
    use document::Column as C;
    let meta = document::Entity::find_by_id(id)
        .select_only()
        .columns([C::CandidatureId, C::Kind, C::Number, C::RenderedAt])
        .into_model::<OwnedMeta>()
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = allowed(CandidatureId::new(meta.candidature_id)).await?;
    if meta.rendered_at.is_none() {
        return Ok(Fetched::Pending);
    }
    let kind = DocumentKind::parse(&meta.kind).ok_or(AppError::Internal)?;
    let bytes: Option<Vec<u8>> = document::Entity::find_by_id(id)
        .select_only()
        .column(C::Pdf)
        .into_tuple()
        .one(&state.db)
        .await?
        .flatten();
    let bytes = bytes.ok_or(AppError::Internal)?;
    let number =
        candidatures::candidate_number(&state.db, crate::server::ids::AccountId::new(c.account_id))
            .await?;
    Ok(Fetched::Ready(Pdf {
        bytes,
        file_name: format!(
            "{}-{}-{:03}-v{}.pdf",
            kind.file_stem(),
            number,
            c.registration_number,
            meta.number
        ),
    }))
}

/// A document row without its PDF, with its candidature.
#[derive(Debug, FromQueryResult)]
struct OwnedMeta {
    candidature_id: Uuid,
    kind: String,
    number: i32,
    rendered_at: Option<chrono::DateTime<chrono::Utc>>,
}
