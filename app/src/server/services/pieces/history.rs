//! A piece's history as people read it (beyond the guide): every file deposited or
//! deleted, every scan, confirmation and status, oldest first. The candidate reads who
//! acted as "Vous", "Le service gestionnaire" or "L'antivirus"; staff read the member.

use super::asked::event;
use crate::domain::LocalDateTime;
use crate::model::pieces::PieceEventView;
use crate::server::entities::piece_event;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Who reads the history.
#[derive(Debug, Clone)]
pub enum Reader {
    Candidate,
    /// Staff, with the addresses of the members named by `staff:<id>`.
    Staff(HashMap<String, String>),
}

/// The events of every piece of candidature `candidature`, oldest first.
pub async fn events_of(
    db: &impl ConnectionTrait,
    candidature: uuid::Uuid,
) -> Result<Vec<piece_event::Model>, DbErr> {
    piece_event::Entity::find()
        .filter(piece_event::Column::CandidatureId.eq(candidature))
        .order_by_asc(piece_event::Column::At)
        .order_by_asc(piece_event::Column::Id)
        .all(db)
        .await
}

/// The addresses of the staff members among the actors of `events`.
pub async fn staff_names(
    db: &impl ConnectionTrait,
    events: &[piece_event::Model],
) -> Result<HashMap<String, String>, DbErr> {
    use crate::server::entities::staff_member;
    let ids: Vec<uuid::Uuid> = events
        .iter()
        .filter_map(|e| e.actor.strip_prefix("staff:"))
        .filter_map(|id| uuid::Uuid::parse_str(id).ok())
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(staff_member::Entity::find()
        .filter(staff_member::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (crate::server::services::journal::staff_actor(m.id), m.email))
        .collect())
}

/// The lines of piece `piece` among `events`.
pub fn lines(
    events: &[piece_event::Model],
    piece: i32,
    tz: chrono_tz::Tz,
    reader: &Reader,
) -> Vec<PieceEventView> {
    events
        .iter()
        .filter(|e| e.piece_id == piece)
        .map(|e| PieceEventView {
            at: format!("{} (heure/Paris)", LocalDateTime::from_utc(e.at, tz)),
            by: by(&e.actor, reader),
            what: what(&e.kind, e.detail.as_deref().unwrap_or("")),
        })
        .collect()
}

fn by(actor: &str, reader: &Reader) -> String {
    match (actor, reader) {
        ("candidat", Reader::Candidate) => "Vous".into(),
        ("candidat", Reader::Staff(_)) => "Le candidat".into(),
        ("antivirus", _) => "L'antivirus".into(),
        (_, Reader::Candidate) => "Le service gestionnaire".into(),
        (staff, Reader::Staff(names)) => names
            .get(staff)
            .cloned()
            .unwrap_or_else(|| "Un personnel".into()),
    }
}

fn what(kind: &str, detail: &str) -> String {
    match kind {
        event::DEPOSIT => format!("Fichier « {detail} » déposé"),
        event::DELETION => format!("Fichier « {detail} » supprimé"),
        event::CONFIRMATION => "« J'ai fourni toutes mes pièces » : pièce validée".into(),
        event::SCAN => format!("Vérification antivirus : {detail}"),
        event::STATUS => detail.to_owned(),
        other => format!("{other} {detail}"),
    }
}
