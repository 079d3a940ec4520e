//! Server functions of the pièces justificatives (J1-J5, S6). Each one: authenticate (the
//! candidate, or staff with `require_staff`), parse, call one service, map the error. The
//! files themselves travel on plain routes of the server: the deposit is a multipart POST
//! (`/mes-justificatifs/<candidature>/<piece>/depot`), the downloads are GETs.

use crate::error::AppError;
use crate::model::pieces::{
    CandidaturePieces, GroupForm, PieceCatalog, PieceControl, PieceForm, PieceQueue,
    PieceQueueQuery, PieceTodo,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use uuid::Uuid;

/// "Mes justificatifs": the pieces of each of the candidate's candidatures.
#[server(prefix = "/api", endpoint = "my_pieces", input = GetUrl)]
pub async fn load_my_pieces() -> Result<Vec<CandidaturePieces>, AppError> {
    use crate::server::services::pieces::requested;
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        requested::of_account(&state.db, state.tz, state.clock.now(), who.id.uuid()).await
    }
    .await
    .map_err(AppError::respond)
}

/// The Accueil's lines "à faire": groups to deposit and confirm before their deadline.
#[server(prefix = "/api", endpoint = "pieces_todo", input = GetUrl)]
pub async fn load_pieces_todo() -> Result<Vec<PieceTodo>, AppError> {
    use crate::server::services::pieces::requested;
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        let all =
            requested::of_account(&state.db, state.tz, state.clock.now(), who.id.uuid()).await?;
        Ok(all.iter().flat_map(CandidaturePieces::todo).collect())
    }
    .await
    .map_err(AppError::respond)
}

/// "J'ai fourni toutes mes pièces" for a group of a candidature; returns how many pieces
/// were confirmed.
#[server(prefix = "/api", endpoint = "confirm_pieces", input = Json)]
pub async fn confirm_pieces(candidature: Uuid, group: i32) -> Result<u32, AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::services::pieces::confirm;
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        let n = confirm::confirm(&state, &who, CandidatureId::new(candidature), group).await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
    .await
    .map_err(AppError::respond)
}

/// The delete button of a deposited file.
#[server(prefix = "/api", endpoint = "delete_piece_file", input = Json)]
pub async fn delete_piece_file(candidature: Uuid, file: Uuid) -> Result<(), AppError> {
    use crate::server::ids::CandidatureId;
    use crate::server::services::pieces::deposit;
    use crate::server::{identity, state::app_state};
    async {
        let state = app_state()?;
        let who = identity::require_candidate(&state).await?;
        deposit::delete(&state, &who, CandidatureId::new(candidature), file).await
    }
    .await
    .map_err(AppError::respond)
}

/// The control queue of the member's académies.
#[server(prefix = "/api", endpoint = "piece_queue", input = GetUrl)]
pub async fn load_piece_queue(query: PieceQueueQuery) -> Result<PieceQueue, AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::control;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::AnyStaff).await?;
        control::queue(&state, &staff, &query).await
    }
    .await
    .map_err(AppError::respond)
}

/// One piece of a candidature, opened from the queue `query`.
#[server(prefix = "/api", endpoint = "piece_control", input = GetUrl)]
pub async fn load_piece_control(
    candidature: Uuid,
    piece: i32,
    query: PieceQueueQuery,
) -> Result<PieceControl, AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::ids::CandidatureId;
    use crate::server::services::pieces::control;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::AnyStaff).await?;
        control::piece(
            &state,
            &staff,
            CandidatureId::new(candidature),
            piece,
            &query,
        )
        .await
    }
    .await
    .map_err(AppError::respond)
}

/// A status set on one piece or a selection (`<candidature>/<piece>` each): `revision` is
/// the one the member saw on a piece's page (empty from the queue's selection). Returns how
/// many pieces changed.
#[server(prefix = "/api", endpoint = "decide_pieces", input = Json)]
pub async fn decide_pieces(
    selection: Vec<String>,
    revision: String,
    status: String,
    received_on: String,
    comment: String,
) -> Result<u32, AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::control::{self, Decision};
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::AnyStaff).await?;
        let targets = selection
            .iter()
            .map(|s| {
                let (c, p) = s.split_once('/').ok_or(AppError::InvalidInput)?;
                Ok((
                    Uuid::parse_str(c).map_err(|_| AppError::InvalidInput)?,
                    p.parse::<i32>().map_err(|_| AppError::InvalidInput)?,
                ))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let today = state.clock.now().with_timezone(&state.tz).date_naive();
        let decision = Decision::parse(&status, &received_on, &comment, today)?;
        let seen = (!revision.is_empty()).then_some(revision.as_str());
        let n = control::decide(&state, &staff, &targets, seen, &decision).await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
    .await
    .map_err(AppError::respond)
}

/// "Publier la relance": to one candidature (`candidature`), or to every registered
/// candidature of an offer (`offer`) that misses pieces, on the job runner. Returns how many
/// candidatures will be looked at.
#[server(prefix = "/api", endpoint = "publish_relance", input = Json)]
pub async fn publish_relance(
    candidature: Option<Uuid>,
    offer: Option<i32>,
) -> Result<u32, AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::demande::{self, Relance};
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::AnyStaff).await?;
        let target = match (candidature, offer) {
            (Some(c), None) => Relance::Candidature(c),
            (None, Some(o)) => Relance::Offer(o),
            _ => {
                return Err(AppError::InvalidFields(vec![crate::model::FieldError {
                    field: "offre".into(),
                    message: "Choisissez l'examen ou la certification dont les candidats recevront la relance.".into(),
                }]));
            }
        };
        let n = demande::queue_relance(&state, &staff, target).await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
    .await
    .map_err(AppError::respond)
}

/// "Pièces demandées": the offers of the administrator's académies and their pieces.
#[server(prefix = "/api", endpoint = "piece_catalog", input = GetUrl)]
pub async fn load_piece_catalog() -> Result<PieceCatalog, AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::catalog;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::Administrateur).await?;
        catalog::catalog(&state, &staff).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Ajouter le regroupement" of an offer.
#[server(prefix = "/api", endpoint = "add_piece_group", input = Json)]
pub async fn add_piece_group(form: GroupForm) -> Result<(), AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::catalog;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::Administrateur).await?;
        catalog::add_group(&state, &staff, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Ajouter la pièce" to a group.
#[server(prefix = "/api", endpoint = "add_piece", input = Json)]
pub async fn add_piece(form: PieceForm) -> Result<(), AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::catalog;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::Administrateur).await?;
        catalog::add_piece(&state, &staff, &form).await
    }
    .await
    .map_err(AppError::respond)
}

/// "Supprimer" a piece nothing refers to.
#[server(prefix = "/api", endpoint = "delete_piece", input = Json)]
pub async fn delete_piece(id: i32) -> Result<(), AppError> {
    use crate::server::identity::{Need, require_staff};
    use crate::server::services::pieces::catalog;
    use crate::server::state::app_state;
    async {
        let state = app_state()?;
        let staff = require_staff(&state, Need::Administrateur).await?;
        catalog::delete_piece(&state, &staff, id).await
    }
    .await
    .map_err(AppError::respond)
}
