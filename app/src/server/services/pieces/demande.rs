//! "Demande de pièces justificatives" and "Relance de pièces justificatives" (REQUIREMENTS
//! D3, S7): the demande lists every piece asked of a candidature (its mode, its deadline,
//! where to send postal pieces) and is published at registration; the relance lists only
//! the pieces still missing (not deposited and confirmed, not received, or Non conforme) and
//! is published by staff, to one candidature or to every candidature of an offer, on the
//! job runner (kind `relance`, one job per candidature), each with a mail that points to it.
//! When the pieces asked of an offer change, its demandes are published again (kind
//! `demande`).

use super::asked;
use crate::domain::LocalDateTime;
use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::model::pieces::{PieceMode, PieceStatus};
use crate::server::entities::{candidature, document, piece_group, piece_review};
use crate::server::identity::Staff;
use crate::server::ids::CandidatureId;
use crate::server::jobs::{Job, JobKind, Outcome, queue};
use crate::server::services::candidatures::Status;
use crate::server::services::documents;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// How a mode reads in the documents.
fn mode_fr(mode: PieceMode) -> &'static str {
    match mode {
        PieceMode::EnLigne => "En ligne (« Mes justificatifs »)",
        PieceMode::Courrier => "Par courrier",
        PieceMode::Autres => "Autres modalités du service",
    }
}

/// Whether a piece of review `review` in a group of mode `mode` is still missing.
fn missing(mode: PieceMode, review: Option<&piece_review::Model>) -> bool {
    match review.and_then(|r| PieceStatus::parse(&r.status)) {
        Some(PieceStatus::NonConforme) => true,
        Some(PieceStatus::Recue | PieceStatus::Conforme) => false,
        None => mode != PieceMode::EnLigne || review.is_none_or(|r| r.confirmed_at.is_none()),
    }
}

/// The document's details for candidature `id` of offer `offer_id`: every piece asked
/// (`only_missing`: those still missing), or `None` when there is none.
pub async fn details(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    id: uuid::Uuid,
    offer_id: i32,
    only_missing: bool,
) -> Result<Option<Value>, AppError> {
    let mut groups = piece_group::Entity::find()
        .filter(piece_group::Column::OfferId.eq(offer_id))
        .all(db)
        .await?;
    groups.sort_by_key(|g| (g.closes_at, g.position, g.id));
    if groups.is_empty() {
        return Ok(None);
    }
    let pieces = asked::pieces_asked(db, groups.iter().map(|g| g.id).collect(), id).await?;
    let reviews = asked::reviews_of(db, id).await?;
    let mut lines = Vec::new();
    let mut addresses: Vec<String> = Vec::new();
    for g in &groups {
        let mode = PieceMode::parse(&g.mode).unwrap_or(PieceMode::Autres);
        for p in pieces.iter().filter(|p| p.group_id == g.id) {
            let review = reviews.iter().find(|r| r.piece_id == p.id);
            if only_missing && !missing(mode, review) {
                continue;
            }
            lines.push(json!({
                "label": format!("{} : {}", p.label, p.description),
                "mode": mode_fr(mode),
                "deadline": format!("{} (heure/Paris)", LocalDateTime::from_utc(g.closes_at, tz)),
            }));
            if mode == PieceMode::Courrier
                && let Some(address) = g.postal_address.as_deref().filter(|a| !a.trim().is_empty())
                && !addresses.iter().any(|a| a == address)
            {
                addresses.push(address.to_owned());
            }
        }
    }
    if lines.is_empty() {
        return Ok(None);
    }
    let address_lines: Vec<&str> = addresses
        .iter()
        .flat_map(|a| a.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Ok(Some(
        json!({ "pieces": lines, "return_address": address_lines }),
    ))
}

/// Publishes the demande of candidature `id` of offer `offer_id` at its version `version`
/// (in the caller's transaction), when pieces are asked of it. Returns whether one was.
pub async fn publish_demande(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    (id, offer_id): (uuid::Uuid, i32),
    version: i32,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    match details(db, tz, id, offer_id, false).await? {
        Some(details) => {
            documents::publish(
                db,
                CandidatureId::new(id),
                DocumentKind::DemandePieces,
                version,
                details,
                now,
            )
            .await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Whom a relance goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relance {
    /// One candidature (by id).
    Candidature(uuid::Uuid),
    /// Every registered candidature of an offer (by id).
    Offer(i32),
}

/// Queues the relance of `target` within the member's académies; returns how many
/// candidatures will be looked at (each gets the document only if it misses pieces).
pub async fn queue_relance(
    state: &AppState,
    staff: &Staff,
    target: Relance,
) -> Result<usize, AppError> {
    let now = state.clock.now();
    let ids: Vec<uuid::Uuid> = match target {
        Relance::Candidature(id) => {
            let c = crate::server::services::scope::in_scope(
                state,
                &staff.scope,
                CandidatureId::new(id),
            )
            .await?;
            vec![c.id]
        }
        Relance::Offer(id) => {
            let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, id).await?;
            candidature::Entity::find()
                .filter(candidature::Column::OfferId.eq(o.id))
                .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
                .all(&state.db)
                .await?
                .into_iter()
                .map(|c| c.id)
                .collect()
        }
    };
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    for id in &ids {
        queue::ensure(&txn, JobKind::Relance, *id, now).await?;
    }
    let subject = match target {
        Relance::Candidature(id) => format!("candidature:{id}"),
        Relance::Offer(id) => format!("offre:{id}"),
    };
    crate::server::services::journal::append(
        &txn,
        &crate::server::services::journal::Entry {
            actor: &acting.name,
            address: acting.address.as_deref(),
            action: "pieces.relance",
            subject: &subject,
            before: None,
            after: Some(json!({ "candidatures": ids.len() })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Relance);
    Ok(ids.len())
}

/// Publishes the relances queued (one candidature each), with their mails.
pub struct Relancer;

#[async_trait::async_trait]
impl Job for Relancer {
    fn kind(&self) -> JobKind {
        JobKind::Relance
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        match publish_queued(state, id, DocumentKind::RelancePieces).await {
            Ok(()) => Outcome::Done,
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

/// Publishes the demandes queued when the pieces asked of an offer changed (one candidature
/// each, Version n+1).
pub struct Demander;

#[async_trait::async_trait]
impl Job for Demander {
    fn kind(&self) -> JobKind {
        JobKind::Demande
    }

    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        match publish_queued(state, id, DocumentKind::DemandePieces).await {
            Ok(()) => Outcome::Done,
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

/// The document `kind` (a relance, or a new demande) of candidature `id`, unless it has
/// nothing to list, is no longer registered, or got it since the job was queued (a run
/// again after a crash). A relance comes with a mail.
async fn publish_queued(
    state: &AppState,
    id: uuid::Uuid,
    kind: DocumentKind,
) -> Result<(), AppError> {
    let relance = kind == DocumentKind::RelancePieces;
    let job = if relance {
        JobKind::Relance
    } else {
        JobKind::Demande
    };
    let now = state.clock.now();
    let Some(c) = candidature::Entity::find_by_id(id).one(&state.db).await? else {
        return Ok(());
    };
    if c.status != Status::Registered.as_str() {
        return Ok(());
    }
    let queued_at = queue::find(&state.db, job, id)
        .await?
        .map_or(now, |j| j.created_at);
    let done = document::Entity::find()
        .filter(document::Column::CandidatureId.eq(c.id))
        .filter(document::Column::Kind.eq(kind.as_str()))
        .filter(document::Column::CreatedAt.gt(queued_at))
        .one(&state.db)
        .await?
        .is_some();
    if done {
        return Ok(());
    }
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    asked::lock(&txn, c.id).await?;
    let Some(details) = details(&txn, state.tz, c.id, c.offer_id, relance).await? else {
        return Ok(());
    };
    documents::publish(
        &txn,
        CandidatureId::new(c.id),
        kind,
        c.version,
        details,
        now,
    )
    .await?;
    if !relance {
        txn.commit().await?;
        state.jobs.wake(JobKind::Render);
        return Ok(());
    }
    let account = crate::server::entities::account::Entity::find_by_id(c.account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = crate::domain::Email::parse(&account.email).map_err(|_| AppError::Internal)?;
    let ctx = crate::server::services::candidatures::offer::by_id(&txn, state.tz, now, c.offer_id)
        .await?;
    let link = state.accounts.link(&format!("/mes-documents/{}", c.id));
    crate::server::mail::outbox::enqueue(
        &txn,
        crate::server::mail::templates::pieces_reminder(&to, &ctx.summary, &link),
        now,
    )
    .await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Render);
    state.jobs.wake(JobKind::Mail);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(status: &str, confirmed: bool) -> piece_review::Model {
        piece_review::Model {
            piece_id: 1,
            candidature_id: uuid::Uuid::nil(),
            confirmed_at: confirmed.then(Utc::now),
            status: status.into(),
            received_on: None,
            comment: None,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_piece_is_missing_until_confirmed_received_or_conforming() {
        assert!(missing(PieceMode::EnLigne, None));
        assert!(missing(PieceMode::EnLigne, Some(&review("", false))));
        assert!(!missing(PieceMode::EnLigne, Some(&review("", true))));
        assert!(missing(
            PieceMode::EnLigne,
            Some(&review("non_conforme", true))
        ));
        assert!(!missing(PieceMode::Courrier, Some(&review("recue", false))));
        assert!(missing(PieceMode::Courrier, Some(&review("", false))));
        assert!(!missing(
            PieceMode::Autres,
            Some(&review("conforme", false))
        ));
    }
}
