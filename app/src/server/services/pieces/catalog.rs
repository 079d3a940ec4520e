//! The pieces asked per offer, in administrators' hands (REQUIREMENTS S2, issue 14): groups
//! (a label, a deposit mode, a window and a deadline typed in Paris time, for the post the
//! service's address) and their pieces (a label, a description, optionally asked of one
//! candidature only, named by its N° candidat). A piece that a file or a status refers to is
//! never deleted. Each change is in the journal, and the demande of every registered
//! candidature of the offer is published again (Version n+1) on the job runner.

use crate::domain::LocalDateTime;
use crate::domain::home_message::parse_instant_fr;
use crate::error::AppError;
use crate::model::FieldError;
use crate::model::pieces::{
    GroupEdit, GroupForm, OfferPieces, PieceCatalog, PieceEdit, PieceForm, PieceMode,
};
use crate::server::entities::{
    academy, candidate, candidature, offer, piece, piece_file, piece_group, piece_review,
};
use crate::server::identity::Staff;
use crate::server::jobs::{JobKind, queue};
use crate::server::services::candidatures::Status;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// The offers of the administrator's académies, with their groups and pieces.
pub async fn catalog(state: &AppState, staff: &Staff) -> Result<PieceCatalog, AppError> {
    let db = &state.db;
    let academies = academy::Entity::find().all(db).await?;
    let in_scope: Vec<i32> = academies
        .iter()
        .filter(|a| staff.scope.covers(&a.code))
        .map(|a| a.id)
        .collect();
    let offers = offer::Entity::find()
        .filter(offer::Column::AcademyId.is_in(in_scope))
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(offers.len());
    for o in offers {
        let ctx = crate::server::services::candidatures::offer::by_id(
            db,
            state.tz,
            state.clock.now(),
            o.id,
        )
        .await?;
        let s = &ctx.summary;
        let mut groups = piece_group::Entity::find()
            .filter(piece_group::Column::OfferId.eq(o.id))
            .all(db)
            .await?;
        groups.sort_by_key(|g| (g.closes_at, g.position, g.id));
        let mut edits = Vec::with_capacity(groups.len());
        for g in groups {
            let mode = PieceMode::parse(&g.mode).unwrap_or(PieceMode::Autres);
            let pieces = piece::Entity::find()
                .filter(piece::Column::GroupId.eq(g.id))
                .order_by_asc(piece::Column::Position)
                .order_by_asc(piece::Column::Id)
                .all(db)
                .await?;
            let mut piece_edits = Vec::with_capacity(pieces.len());
            for p in pieces {
                piece_edits.push(PieceEdit {
                    id: p.id,
                    used: used(db, p.id).await?,
                    only: match p.candidature_id {
                        Some(c) => Some(only_label(db, c).await?),
                        None => None,
                    },
                    label: p.label,
                    description: p.description,
                });
            }
            edits.push(GroupEdit {
                id: g.id,
                when: super::requested::when_fr(mode, g.opens_at, g.closes_at, state.tz),
                label: g.label,
                mode,
                postal_address: g.postal_address,
                pieces: piece_edits,
            });
        }
        out.push(OfferPieces {
            id: o.id,
            label: format!(
                "{} : {} - {} - {}",
                s.exam_label, s.speciality_label, s.academy_label, s.session_year
            ),
            groups: edits,
        });
    }
    Ok(PieceCatalog { offers: out })
}

/// Whether a file or a review refers to piece `id`.
async fn used(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    let files = piece_file::Entity::find()
        .filter(piece_file::Column::PieceId.eq(id))
        .count(db)
        .await?;
    let reviews = piece_review::Entity::find()
        .filter(piece_review::Column::PieceId.eq(id))
        .count(db)
        .await?;
    Ok(files + reviews > 0)
}

/// "N° candidat 0193801933, N° inscription 001" of candidature `id`.
async fn only_label(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<String, AppError> {
    let Some(c) = candidature::Entity::find_by_id(id).one(db).await? else {
        return Ok(String::new());
    };
    let number = candidate::Entity::find()
        .filter(candidate::Column::AccountId.eq(c.account_id))
        .one(db)
        .await?
        .map(|n| n.number)
        .unwrap_or_default();
    Ok(format!(
        "N° candidat {number}, N° inscription {:03}",
        c.registration_number
    ))
}

fn refused(errors: Vec<(&str, &str)>) -> AppError {
    AppError::InvalidFields(
        errors
            .into_iter()
            .map(|(field, message)| FieldError {
                field: field.into(),
                message: message.into(),
            })
            .collect(),
    )
}

/// Adds a group to an offer.
pub async fn add_group(state: &AppState, staff: &Staff, form: &GroupForm) -> Result<(), AppError> {
    const DATE: &str =
        "Saisissez une date et une heure au format jj/mm/aaaa hh:mm, par exemple 30/10/2027 23:59.";
    let mut errors = Vec::new();
    let label = crate::domain::text::squeeze(&form.label);
    if label.is_empty() || label.chars().count() > 200 {
        errors.push(("label", "Saisissez le libellé du regroupement (200 caractères au plus), par exemple « Confirmation d'inscription »."));
    }
    let mode = PieceMode::parse(&form.mode);
    if mode.is_none() {
        errors.push((
            "mode",
            "Choisissez le mode de dépôt : en ligne, courrier ou autres modalités.",
        ));
    }
    let opens = if form.opens.trim().is_empty() {
        None
    } else {
        let at = parse_instant_fr(&form.opens, state.tz);
        if at.is_none() {
            errors.push(("opens", DATE));
        }
        at
    };
    let closes = parse_instant_fr(&form.closes, state.tz);
    if closes.is_none() {
        errors.push(("closes", DATE));
    }
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        errors.push((
            "closes",
            "La date limite doit être après l'ouverture du dépôt.",
        ));
    }
    if mode == Some(PieceMode::EnLigne) && opens.is_none() && form.opens.trim().is_empty() {
        errors.push((
            "opens",
            "Saisissez l'ouverture du dépôt en ligne (jj/mm/aaaa hh:mm).",
        ));
    }
    let address = form.address.replace("\r\n", "\n").trim().to_owned();
    if mode == Some(PieceMode::Courrier) && address.is_empty() {
        errors.push((
            "address",
            "Saisissez l'adresse postale où envoyer les pièces.",
        ));
    }
    if address.chars().count() > 1000 {
        errors.push(("address", "L'adresse ne doit pas dépasser 1000 caractères."));
    }
    let offer_id = form
        .offer
        .parse::<i32>()
        .map_err(|_| AppError::InvalidInput)?;
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, offer_id).await?;
    let (Some(mode), Some(closes), true) = (mode, closes, errors.is_empty()) else {
        return Err(refused(errors));
    };
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let g = piece_group::ActiveModel {
        offer_id: Set(o.id),
        label: Set(label),
        mode: Set(mode.as_str().to_owned()),
        opens_at: Set(opens.filter(|_| mode == PieceMode::EnLigne)),
        closes_at: Set(closes),
        postal_address: Set((mode != PieceMode::EnLigne && !address.is_empty()).then_some(address)),
        position: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    acting
        .record(
            &txn,
            "pieces.regroupement.creation",
            &format!("regroupement:{}", g.id),
            None,
            Some(serde_json::json!({
                "offre": o.id, "libelle": g.label, "mode": g.mode,
                "ouverture": g.opens_at.map(|t| LocalDateTime::from_utc(t, state.tz).to_string()),
                "date_limite": LocalDateTime::from_utc(g.closes_at, state.tz).to_string(),
            })),
            now,
        )
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a piece to a group (optionally asked of one candidature only).
pub async fn add_piece(state: &AppState, staff: &Staff, form: &PieceForm) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let label = crate::domain::text::squeeze(&form.label);
    if label.is_empty() || label.chars().count() > 200 {
        errors.push(("label", "Saisissez le libellé de la pièce (200 caractères au plus), par exemple « Justificatif 1 »."));
    }
    let description = crate::domain::text::squeeze(&form.description);
    if description.is_empty() || description.chars().count() > 1000 {
        errors.push((
            "description",
            "Saisissez la description de la pièce (1000 caractères au plus).",
        ));
    }
    let group_id = form
        .group
        .parse::<i32>()
        .map_err(|_| AppError::InvalidInput)?;
    let g = piece_group::Entity::find_by_id(group_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, g.offer_id).await?;
    let only = match form.candidate.trim() {
        "" => None,
        number => {
            let account = candidate::Entity::find()
                .filter(candidate::Column::Number.eq(number))
                .one(&state.db)
                .await?;
            let c = match account {
                Some(a) => {
                    candidature::Entity::find()
                        .filter(candidature::Column::AccountId.eq(a.account_id))
                        .filter(candidature::Column::OfferId.eq(o.id))
                        .one(&state.db)
                        .await?
                }
                None => None,
            };
            if c.is_none() {
                errors.push(("candidate", "Aucune candidature de cet examen n'a ce N° candidat : vérifiez le numéro, ou laissez le champ vide pour demander la pièce à tous."));
            }
            c.map(|c| c.id)
        }
    };
    if !errors.is_empty() {
        return Err(refused(errors));
    }
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let p = piece::ActiveModel {
        group_id: Set(g.id),
        label: Set(label),
        description: Set(description),
        candidature_id: Set(only),
        position: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    acting.record(&txn, "pieces.piece.creation", &format!("piece:{}", p.id), None, Some(serde_json::json!({
        "regroupement": g.id, "libelle": p.label, "description": p.description, "candidature": only,
    })), now).await?;
    republish(&txn, o.id, only, now).await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Demande);
    Ok(())
}

/// Deletes a piece nothing refers to.
pub async fn delete_piece(state: &AppState, staff: &Staff, id: i32) -> Result<(), AppError> {
    let p = piece::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = piece_group::Entity::find_by_id(p.group_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let o = crate::server::services::scope::offer_in_scope(state, &staff.scope, g.offer_id).await?;
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    if used(&txn, p.id).await? {
        return Err(refused(vec![(
            "piece",
            "Des fichiers ou des statuts se rapportent à cette pièce : elle ne peut pas être supprimée.",
        )]));
    }
    delete_rows(&txn, vec![p.id]).await?;
    acting
        .record(
            &txn,
            "pieces.piece.suppression",
            &format!("piece:{}", p.id),
            None,
            Some(serde_json::json!({
                "regroupement": g.id, "libelle": p.label, "description": p.description,
            })),
            now,
        )
        .await?;
    republish(&txn, o.id, p.candidature_id, now).await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Demande);
    Ok(())
}

/// Queues the demande of the registered candidatures of offer `offer` (of `only` alone, for
/// a piece asked of one candidature): the pieces asked changed.
async fn republish(
    db: &impl ConnectionTrait,
    offer: i32,
    only: Option<uuid::Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut q = candidature::Entity::find()
        .filter(candidature::Column::OfferId.eq(offer))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()));
    if let Some(id) = only {
        q = q.filter(candidature::Column::Id.eq(id));
    }
    for c in q.all(db).await? {
        queue::ensure(db, JobKind::Demande, c.id, now).await?;
    }
    Ok(())
}

/// Removes pieces `ids` with their events (pieces nothing else refers to).
async fn delete_rows(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<(), AppError> {
    crate::server::entities::piece_event::Entity::delete_many()
        .filter(crate::server::entities::piece_event::Column::PieceId.is_in(ids.clone()))
        .exec(db)
        .await?;
    piece::Entity::delete_many()
        .filter(piece::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes every group and piece an offer asks, for an offer deleted before any candidature
/// (so no file, status or event of a candidature refers to them).
pub async fn delete_of_offer(db: &impl ConnectionTrait, offer_id: i32) -> Result<(), AppError> {
    for g in piece_group::Entity::find()
        .filter(piece_group::Column::OfferId.eq(offer_id))
        .all(db)
        .await?
    {
        let ids = piece::Entity::find()
            .filter(piece::Column::GroupId.eq(g.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        delete_rows(db, ids).await?;
        piece_group::Entity::delete_by_id(g.id).exec(db).await?;
    }
    Ok(())
}
