//! The pieces asked of a candidature and where each stands (REQUIREMENTS J1-J5): the groups
//! of its offer by deposit mode then deadline, the pieces asked of every candidature of the
//! offer or of this one, the files deposited (not deleted), each piece's confirmation,
//! status, reception date and comment, the counter of conforming pieces, and the version of
//! the "Demande de pièces justificatives" published. What "Mes justificatifs" shows, and the
//! dossier for staff.

use super::history;
use crate::domain::LocalDateTime;
use crate::domain::local_time::{date_fr, long_date_fr};
use crate::error::AppError;
use crate::model::documents::DocumentKind;
use crate::model::pieces::{
    CandidaturePieces, PieceFileView, PieceGroupView, PieceMode, PieceStatus, PieceView,
};
use crate::model::version_fr;
use crate::server::entities::{candidature, document, piece_file, piece_group};
use crate::server::services::candidatures::{Status, offer};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The pieces of every registered candidature of an account, oldest candidature first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    account: uuid::Uuid,
) -> Result<Vec<CandidaturePieces>, AppError> {
    let candidatures = candidature::Entity::find()
        .filter(candidature::Column::AccountId.eq(account))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .order_by_asc(candidature::Column::RegistrationNumber)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(candidatures.len());
    for c in &candidatures {
        out.push(of_candidature(db, tz, now, c).await?);
    }
    Ok(out)
}

/// "A déposer en ligne entre le jeudi 05 avril 2018 et le mardi 30 octobre 2018 23:59
/// (heure/Paris)", and the sentences of the post and of other ways.
pub fn when_fr(
    mode: PieceMode,
    opens: Option<DateTime<Utc>>,
    closes: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> String {
    let local = |at: DateTime<Utc>| at.with_timezone(&tz);
    let until = local(closes);
    let deadline = format!(
        "{} {}",
        long_date_fr(until.date_naive()),
        LocalDateTime::from_utc(closes, tz).time_fr()
    );
    match (mode, opens) {
        (PieceMode::EnLigne, Some(opens)) => format!(
            "A déposer en ligne entre le {} et le {deadline} (heure/Paris)",
            long_date_fr(local(opens).date_naive())
        ),
        (PieceMode::EnLigne, None) => {
            format!("A déposer en ligne jusqu'au {deadline} (heure/Paris)")
        }
        (PieceMode::Courrier, _) => {
            format!("A envoyer par courrier au plus tard le {deadline} (heure/Paris)")
        }
        (PieceMode::Autres, _) => {
            format!(
                "A remettre selon les modalités du service au plus tard le {deadline} (heure/Paris)"
            )
        }
    }
}

/// Why an online group takes no file at `now`: not open yet, or past its deadline.
fn closed_reason(
    mode: PieceMode,
    open: bool,
    opens: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Option<String> {
    if mode != PieceMode::EnLigne || open {
        return None;
    }
    Some(match opens.filter(|o| now < *o) {
        Some(opens) => format!(
            "Le dépôt en ligne n'est pas encore ouvert : il ouvrira le {} (heure/Paris).",
            LocalDateTime::from_utc(opens, tz)
        ),
        None => "La date limite de dépôt est passée : aucun fichier ne peut plus être ajouté ni supprimé. Pour toute question, contactez le service gestionnaire.".into(),
    })
}

/// The pieces of candidature `c`.
pub async fn of_candidature(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    c: &candidature::Model,
) -> Result<CandidaturePieces, AppError> {
    of_candidature_for(db, tz, now, c, &history::Reader::Candidate).await
}

/// The pieces of candidature `c` as `reader` reads their history.
pub async fn of_candidature_for(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    c: &candidature::Model,
    reader: &history::Reader,
) -> Result<CandidaturePieces, AppError> {
    let ctx = offer::by_id(db, tz, now, c.offer_id).await?;
    let o = &ctx.summary;
    let mut groups: Vec<piece_group::Model> = piece_group::Entity::find()
        .filter(piece_group::Column::OfferId.eq(c.offer_id))
        .all(db)
        .await?;
    groups.sort_by_key(|g| {
        (
            PieceMode::parse(&g.mode).unwrap_or(PieceMode::Autres),
            g.closes_at,
            g.position,
            g.id,
        )
    });
    let group_ids: Vec<i32> = groups.iter().map(|g| g.id).collect();
    let pieces = super::asked::pieces_asked(db, group_ids, c.id).await?;
    let files = piece_file::Entity::find()
        .filter(piece_file::Column::CandidatureId.eq(c.id))
        .filter(piece_file::Column::DeletedAt.is_null())
        .order_by_asc(piece_file::Column::DepositedAt)
        .all(db)
        .await?;
    let reviews = super::asked::reviews_of(db, c.id).await?;
    let demande: Option<Option<i32>> = document::Entity::find()
        .select_only()
        .column_as(Expr::col(document::Column::Number).max(), "last")
        .filter(document::Column::CandidatureId.eq(c.id))
        .filter(document::Column::Kind.eq(DocumentKind::DemandePieces.as_str()))
        .into_tuple()
        .one(db)
        .await?;
    let events = history::events_of(db, c.id).await?;
    let reader = match reader {
        history::Reader::Staff(_) => {
            history::Reader::Staff(history::staff_names(db, &events).await?)
        }
        history::Reader::Candidate => history::Reader::Candidate,
    };
    let instant = |at: DateTime<Utc>| format!("{} (heure/Paris)", LocalDateTime::from_utc(at, tz));
    let mut conformes = 0;
    let views: Vec<PieceGroupView> = groups
        .into_iter()
        .map(|g| {
            let mode = PieceMode::parse(&g.mode).unwrap_or(PieceMode::Autres);
            let open = super::asked::open(&g, now);
            let pieces = pieces
                .iter()
                .filter(|p| p.group_id == g.id)
                .map(|p| {
                    let review = reviews.iter().find(|r| r.piece_id == p.id);
                    let status = review.and_then(|r| PieceStatus::parse(&r.status));
                    let unlocked = super::asked::unlocked(review);
                    if status == Some(PieceStatus::Conforme) {
                        conformes += 1;
                    }
                    PieceView {
                        id: p.id,
                        title: format!("{} : {}", p.label, p.description),
                        files: files
                            .iter()
                            .filter(|f| f.piece_id == p.id)
                            .map(|f| PieceFileView {
                                id: f.id,
                                name: f.original_name.clone(),
                                deposited: format!("Déposé le {}", instant(f.deposited_at)),
                                scanned: f.scanned_at.is_some(),
                                infected: f.infection.is_some(),
                            })
                            .collect(),
                        confirmed_at: review.and_then(|r| r.confirmed_at).map(instant),
                        status,
                        received_on: review.and_then(|r| r.received_on).map(date_fr),
                        comment: review.and_then(|r| r.comment.clone()),
                        changeable: open && unlocked,
                        history: history::lines(&events, p.id, tz, &reader),
                    }
                })
                .collect();
            PieceGroupView {
                id: g.id,
                mode,
                when: when_fr(mode, g.opens_at, g.closes_at, tz),
                label: g.label,
                postal_address: g.postal_address.filter(|_| mode != PieceMode::EnLigne),
                open,
                closed_reason: closed_reason(mode, open, g.opens_at, now, tz),
                pieces,
            }
        })
        .collect();
    let total = u32::try_from(pieces.len()).unwrap_or(u32::MAX);
    Ok(CandidaturePieces {
        candidature: c.id,
        offer: format!("{} : {}", o.exam_label, o.speciality_label),
        academy: o.academy_label.clone(),
        session: o.session_year,
        demande: demande.flatten().map(|n| {
            format!(
                "{} {}",
                DocumentKind::DemandePieces.label_fr(),
                version_fr(n)
            )
        }),
        conformes,
        total,
        groups: views,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Paris;

    #[test]
    fn a_window_reads_as_in_the_guide() {
        let opens = Paris
            .with_ymd_and_hms(2018, 4, 5, 0, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let closes = Paris
            .with_ymd_and_hms(2018, 10, 30, 23, 59, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            when_fr(PieceMode::EnLigne, Some(opens), closes, Paris),
            "A déposer en ligne entre le jeudi 05 avril 2018 et le mardi 30 octobre 2018 23:59 (heure/Paris)"
        );
        assert_eq!(
            when_fr(PieceMode::Courrier, None, closes, Paris),
            "A envoyer par courrier au plus tard le mardi 30 octobre 2018 23:59 (heure/Paris)"
        );
    }
}
