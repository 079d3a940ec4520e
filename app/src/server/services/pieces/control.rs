//! The control of pieces by staff (REQUIREMENTS J5, S6): the queue of the pieces of the
//! member's académies (filters: offer, group, status, confirmed, deadline; the oldest
//! deadline first, confirmed pieces before the others), one piece opened beside the
//! candidate's identity with its files and history and its neighbours in the queue, and
//! the status set on one piece or a selection: Reçue (a reception date), Non conforme (a
//! comment), Conforme, or none. Every change is in the journal and the piece's history;
//! the candidate is sent no mail (the guide says so).

use super::asked::{self, Actor, event};
use super::file_check::Format;
use super::history;
use crate::domain::local_time::{date_fr, parse_date_fr};
use crate::domain::{LocalDateTime, Scope};
use crate::error::AppError;
use crate::model::FieldError;
use crate::model::pieces::{
    Choice, PieceControl, PieceMode, PieceQueue, PieceQueueQuery, PieceQueueRow, PieceStatus,
    StaffFileView,
};
use crate::server::entities::{account, candidate, piece_file};
use crate::server::identity::Staff;
use crate::server::ids::CandidatureId;
use crate::server::services::journal;
use crate::server::services::revision;
use crate::server::sql::statement;
use crate::server::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    Value,
};

/// Rows per page of the queue.
pub const PAGE_SIZE: u32 = 50;

/// Pieces changed at once by one decision on a selection.
pub const MAX_SELECTION: usize = 200;

/// Neighbours are looked for among this many pieces of the queue.
const NEIGHBOURS_WITHIN: u32 = 5000;

const FROM: &str = "FROM piece_groups g \
    JOIN pieces p ON p.group_id = g.id \
    JOIN candidatures c ON c.offer_id = g.offer_id \
        AND (p.candidature_id IS NULL OR p.candidature_id = c.id) \
    JOIN accounts a ON a.id = c.account_id \
    JOIN candidates n ON n.account_id = c.account_id \
    JOIN offers o ON o.id = c.offer_id \
    JOIN academies ac ON ac.id = o.academy_id \
    JOIN exams e ON e.id = o.exam_id \
    JOIN specialities s ON s.id = o.speciality_id \
    LEFT JOIN piece_reviews r ON r.piece_id = p.id AND r.candidature_id = c.id";

const ORDER: &str = " ORDER BY g.closes_at ASC, \
    CASE WHEN r.confirmed_at IS NULL THEN 1 ELSE 0 END ASC, r.confirmed_at ASC, \
    c.registration_number ASC, c.id ASC, p.position ASC, p.id ASC";

/// The filters as SQL conditions and their bound values (nothing typed is ever in the
/// text), or why the deadline typed is not a date.
fn conditions(
    scope: &Scope,
    query: &PieceQueueQuery,
    tz: chrono_tz::Tz,
) -> (String, Vec<Value>, Option<String>) {
    let mut sql = format!(
        " WHERE c.status = '{}'",
        crate::server::services::candidatures::Status::Registered.as_str()
    );
    let mut values: Vec<Value> = Vec::new();
    crate::server::services::scope::within(scope, &mut sql, &mut values);
    if let Ok(offer) = query.offer.trim().parse::<i32>() {
        sql.push_str(" AND o.id = {}");
        values.push(offer.into());
    }
    if let Ok(group) = query.group.trim().parse::<i32>() {
        sql.push_str(" AND g.id = {}");
        values.push(group.into());
    }
    let none = "(r.status IS NULL OR r.status = '')";
    match query.status.as_str() {
        "tous" => {}
        "aucun" => sql.push_str(&format!(" AND {none}")),
        stored @ ("recue" | "non_conforme" | "conforme") => {
            sql.push_str(" AND r.status = {}");
            values.push(stored.to_owned().into());
        }
        _ => sql.push_str(&format!(" AND ({none} OR r.status = 'recue')")),
    }
    match query.confirmed.as_str() {
        "oui" => sql.push_str(" AND r.confirmed_at IS NOT NULL"),
        "non" => sql.push_str(" AND r.confirmed_at IS NULL"),
        _ => {}
    }
    let mut deadline_error = None;
    if !query.deadline.trim().is_empty() {
        match parse_date_fr(query.deadline.trim()) {
            Some(day) => {
                // Until the end of that day, Paris time.
                let end = day
                    .succ_opt()
                    .and_then(|next| next.and_hms_opt(0, 0, 0))
                    .and_then(|t| t.and_local_timezone(tz).earliest())
                    .map(|t| t.with_timezone(&Utc));
                if let Some(end) = end {
                    sql.push_str(" AND g.closes_at < {}");
                    values.push(end.into());
                }
            }
            None => {
                deadline_error =
                    Some("Saisissez une date au format jj/mm/aaaa, par exemple 30/10/2026.".into())
            }
        }
    }
    (sql, values, deadline_error)
}

#[derive(Debug, FromQueryResult)]
struct Row {
    candidature: uuid::Uuid,
    piece: i32,
    birth_name: String,
    usage_name: Option<String>,
    first_names: String,
    number: Option<String>,
    exam: String,
    speciality: String,
    academy: String,
    group_label: String,
    mode: String,
    closes_at: DateTime<Utc>,
    label: String,
    status: Option<String>,
    confirmed_at: Option<DateTime<Utc>>,
    received_on: Option<NaiveDate>,
}

#[derive(Debug, FromQueryResult)]
struct Key {
    candidature: uuid::Uuid,
    piece: i32,
}

#[derive(Debug, FromQueryResult)]
struct Count {
    total: i64,
}

#[derive(Debug, FromQueryResult)]
struct FileCount {
    candidature_id: uuid::Uuid,
    piece_id: i32,
    files: i64,
}

/// "TALU Jean", as every list names the candidate.
fn name_of(birth: &str, usage: Option<&str>, first: &str) -> String {
    crate::server::identity::Names {
        birth: birth.to_owned(),
        usage: usage.map(str::to_owned),
        first: first.to_owned(),
    }
    .display()
}

/// A page of the queue of the member's académies.
pub async fn queue(
    state: &AppState,
    staff: &Staff,
    query: &PieceQueueQuery,
) -> Result<PieceQueue, AppError> {
    let db = &state.db;
    let backend = db.get_database_backend();
    let (filter, values, deadline_error) = conditions(&staff.scope, query, state.tz);
    let total = Count::find_by_statement(statement(
        backend,
        &format!("SELECT COUNT(*) AS total {FROM}{filter}"),
        values.clone(),
    ))
    .one(db)
    .await?
    .map_or(0, |c| u64::try_from(c.total).unwrap_or(0));
    let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = query.page.clamp(1, pages);
    let offset = u64::from(page - 1) * u64::from(PAGE_SIZE);
    let rows = Row::find_by_statement(statement(
        backend,
        &format!(
            "SELECT c.id AS candidature, p.id AS piece, a.birth_name AS birth_name, \
             a.usage_name AS usage_name, a.first_names AS first_names, n.number AS number, \
             e.label AS exam, s.label AS speciality, ac.label AS academy, \
             g.label AS group_label, g.mode AS mode, g.closes_at AS closes_at, \
             p.label AS label, r.status AS status, r.confirmed_at AS confirmed_at, \
             r.received_on AS received_on \
             {FROM}{filter}{ORDER} LIMIT {PAGE_SIZE} OFFSET {offset}"
        ),
        values,
    ))
    .all(db)
    .await?;
    let counts = file_counts(db, backend, &rows).await?;
    let tz = state.tz;
    let rows = rows
        .into_iter()
        .map(|r| PieceQueueRow {
            files: counts
                .iter()
                .find(|c| c.candidature_id == r.candidature && c.piece_id == r.piece)
                .map_or(0, |c| u32::try_from(c.files).unwrap_or(0)),
            candidature: r.candidature,
            piece: r.piece,
            name: name_of(&r.birth_name, r.usage_name.as_deref(), &r.first_names),
            number: r.number.unwrap_or_default(),
            offer: format!("{} : {}", r.exam, r.speciality),
            academy: r.academy,
            group: r.group_label,
            mode: PieceMode::parse(&r.mode).unwrap_or(PieceMode::Autres),
            label: r.label,
            deadline: LocalDateTime::from_utc(r.closes_at, tz).to_string(),
            status: r.status.as_deref().and_then(PieceStatus::parse),
            confirmed_at: r
                .confirmed_at
                .map(|at| LocalDateTime::from_utc(at, tz).to_string()),
            received_on: r.received_on.map(date_fr),
        })
        .collect();
    let (offers, groups) = choices(state, &staff.scope).await?;
    Ok(PieceQueue {
        rows,
        total,
        page,
        pages,
        offers,
        groups,
        deadline_error,
    })
}

/// The files kept for each row's piece (one statement for the page).
async fn file_counts(
    db: &impl ConnectionTrait,
    backend: DbBackend,
    rows: &[Row],
) -> Result<Vec<FileCount>, AppError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.candidature).collect();
    ids.sort_unstable();
    ids.dedup();
    let marks = vec!["{}"; ids.len()].join(", ");
    Ok(FileCount::find_by_statement(statement(
        backend,
        &format!(
            "SELECT candidature_id, piece_id, COUNT(*) AS files FROM piece_files \
             WHERE deleted_at IS NULL AND candidature_id IN ({marks}) \
             GROUP BY candidature_id, piece_id"
        ),
        ids.into_iter().map(Value::from).collect(),
    ))
    .all(db)
    .await?)
}

/// The offers with pieces in the member's académies, and their groups.
async fn choices(state: &AppState, scope: &Scope) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    #[derive(Debug, FromQueryResult)]
    struct Pair {
        offer: i32,
        code: String,
        exam: String,
        speciality: String,
        academy: String,
        group_id: i32,
        group_label: String,
    }
    let pairs = Pair::find_by_statement(statement(
        state.db.get_database_backend(),
        "SELECT o.id AS offer, ac.code AS code, e.label AS exam, s.label AS speciality, \
         ac.label AS academy, g.id AS group_id, g.label AS group_label \
         FROM piece_groups g JOIN offers o ON o.id = g.offer_id \
         JOIN academies ac ON ac.id = o.academy_id JOIN exams e ON e.id = o.exam_id \
         JOIN specialities s ON s.id = o.speciality_id ORDER BY e.label, s.label, g.closes_at, g.id",
        Vec::new(),
    ))
    .all(&state.db)
    .await?;
    let mut offers: Vec<Choice> = Vec::new();
    let mut groups = Vec::new();
    for p in pairs.into_iter().filter(|p| scope.covers(&p.code)) {
        let value = p.offer.to_string();
        if !offers.iter().any(|o| o.value == value) {
            offers.push(Choice {
                value,
                label: format!("{} : {} ({})", p.exam, p.speciality, p.academy),
            });
        }
        groups.push(Choice {
            value: p.group_id.to_string(),
            label: format!("{} : {}", p.speciality, p.group_label),
        });
    }
    Ok((offers, groups))
}

/// Piece `piece` of candidature `id`, as the member opens it from the queue `query`.
pub async fn piece(
    state: &AppState,
    staff: &Staff,
    id: CandidatureId,
    piece: i32,
    query: &PieceQueueQuery,
) -> Result<PieceControl, AppError> {
    let db = &state.db;
    let c = crate::server::services::scope::in_scope(state, &staff.scope, id).await?;
    let asked = asked::piece_of(db, c, piece).await?;
    let c = &asked.candidature;
    let a = account::Entity::find_by_id(c.account_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let number = candidate::Entity::find()
        .filter(candidate::Column::AccountId.eq(c.account_id))
        .one(db)
        .await?
        .map(|n| n.number)
        .unwrap_or_default();
    let ctx = crate::server::services::candidatures::offer::by_id(
        db,
        state.tz,
        state.clock.now(),
        c.offer_id,
    )
    .await?;
    let files = piece_file::Entity::find()
        .filter(piece_file::Column::CandidatureId.eq(c.id))
        .filter(piece_file::Column::PieceId.eq(piece))
        .filter(piece_file::Column::DeletedAt.is_null())
        .order_by_asc(piece_file::Column::DepositedAt)
        .all(db)
        .await?;
    let events = history::events_of(db, c.id).await?;
    let reader = history::Reader::Staff(history::staff_names(db, &events).await?);
    let (previous, next) = neighbours(state, staff, query, c.id, piece).await?;
    let review = asked.review.as_ref();
    let tz = state.tz;
    Ok(PieceControl {
        candidature: c.id,
        piece,
        name: name_of(&a.birth_name, a.usage_name.as_deref(), &a.first_names),
        number,
        birth_date: date_fr(a.birth_date),
        email: a.email.clone(),
        offer: format!(
            "{} : {}",
            ctx.summary.exam_label, ctx.summary.speciality_label
        ),
        academy: ctx.summary.academy_label.clone(),
        group: asked.group.label.clone(),
        mode: asked.mode(),
        when: super::requested::when_fr(
            asked.mode(),
            asked.group.opens_at,
            asked.group.closes_at,
            tz,
        ),
        title: format!("{} : {}", asked.piece.label, asked.piece.description),
        files: files
            .into_iter()
            .map(|f| {
                let format = Format::of_extension(&f.format);
                StaffFileView {
                    id: f.id,
                    name: f.original_name,
                    deposited: format!(
                        "Déposé le {} (heure/Paris)",
                        LocalDateTime::from_utc(f.deposited_at, tz)
                    ),
                    scanned: f.scanned_at.is_some(),
                    infection: f.infection,
                    preview: format.and_then(|f| match f {
                        Format::Pdf => Some("pdf".to_owned()),
                        Format::Png | Format::Jpeg => Some("image".to_owned()),
                        _ => None,
                    }),
                }
            })
            .collect(),
        status: asked.status(),
        confirmed_at: review
            .and_then(|r| r.confirmed_at)
            .map(|at| format!("{} (heure/Paris)", LocalDateTime::from_utc(at, tz))),
        received_on: review.and_then(|r| r.received_on).map(date_fr),
        comment: review.and_then(|r| r.comment.clone()),
        history: history::lines(&events, piece, tz, &reader),
        previous,
        next,
        revision: revision_of(review),
    })
}

/// The pieces before and after (`candidature`, `piece`) in the queue of `query`.
async fn neighbours(
    state: &AppState,
    staff: &Staff,
    query: &PieceQueueQuery,
    candidature: uuid::Uuid,
    piece: i32,
) -> Result<(Option<String>, Option<String>), AppError> {
    let (filter, values, _) = conditions(&staff.scope, query, state.tz);
    let keys = Key::find_by_statement(statement(
        state.db.get_database_backend(),
        &format!(
            "SELECT c.id AS candidature, p.id AS piece {FROM}{filter}{ORDER} LIMIT {NEIGHBOURS_WITHIN}"
        ),
        values,
    ))
    .all(&state.db)
    .await?;
    let at = keys
        .iter()
        .position(|k| k.candidature == candidature && k.piece == piece);
    let name = |k: &Key| format!("{}/{}", k.candidature, k.piece);
    Ok(match at {
        Some(i) => (
            i.checked_sub(1).and_then(|j| keys.get(j)).map(name),
            keys.get(i + 1).map(name),
        ),
        // No longer in the queue (just decided): the first one left is next.
        None => (None, keys.first().map(name)),
    })
}

/// What staff decide for a piece (or a selection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: Option<PieceStatus>,
    pub received_on: Option<NaiveDate>,
    pub comment: Option<String>,
}

/// The field names of the decision form.
pub mod field {
    pub const STATUS: &str = "statut";
    pub const RECEIVED_ON: &str = "date_reception";
    pub const COMMENT: &str = "commentaire";
}

impl Decision {
    /// Reads the form: a status (empty: none), a reception date dd/mm/yyyy (required for
    /// Reçue; today when left empty), a comment (at most 500 characters, Non conforme only).
    pub fn parse(
        status: &str,
        received_on: &str,
        comment: &str,
        today: NaiveDate,
    ) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let status = match status.trim() {
            "" | "aucun" => None,
            other => match PieceStatus::parse(other) {
                Some(s) => Some(s),
                None => {
                    errors.push(FieldError {
                        field: field::STATUS.into(),
                        message: "Choisissez un statut : Reçue, Non conforme ou Conforme.".into(),
                    });
                    None
                }
            },
        };
        let received_on = match received_on.trim() {
            "" if status == Some(PieceStatus::Recue) => Some(today),
            "" => None,
            typed => match parse_date_fr(typed) {
                Some(day) if day <= today => Some(day),
                Some(_) => {
                    errors.push(FieldError {
                        field: field::RECEIVED_ON.into(),
                        message: "La date de réception ne peut pas être dans le futur.".into(),
                    });
                    None
                }
                None => {
                    errors.push(FieldError {
                        field: field::RECEIVED_ON.into(),
                        message: "Saisissez la date de réception au format jj/mm/aaaa, par exemple 23/09/2026.".into(),
                    });
                    None
                }
            },
        };
        let comment = crate::domain::text::squeeze(comment);
        if comment.chars().count() > 500 {
            errors.push(FieldError {
                field: field::COMMENT.into(),
                message: "Le commentaire ne doit pas dépasser 500 caractères.".into(),
            });
        }
        if !errors.is_empty() {
            return Err(AppError::InvalidFields(errors));
        }
        Ok(Self {
            status,
            received_on,
            comment: (!comment.is_empty() && status == Some(PieceStatus::NonConforme))
                .then_some(comment),
        })
    }

    /// The sentence of the piece's history.
    fn history_fr(&self) -> String {
        let mut parts = vec![format!(
            "Statut : {}",
            self.status.map_or("aucun", PieceStatus::label_fr)
        )];
        if let Some(day) = self.received_on {
            parts.push(format!("Date de réception : {}", date_fr(day)));
        }
        if let Some(comment) = &self.comment {
            parts.push(format!("Information du gestionnaire : {comment}"));
        }
        parts.join(" ; ")
    }
}

/// Sets `decision` on each (`candidature`, `piece`) of `targets` in the member's académies
/// (one transaction). `revision_seen`, from a piece's page, is the review the member saw:
/// a change made meanwhile is refused. Returns how many pieces changed.
pub async fn decide(
    state: &AppState,
    staff: &Staff,
    targets: &[(uuid::Uuid, i32)],
    revision_seen: Option<&str>,
    decision: &Decision,
) -> Result<usize, AppError> {
    if targets.is_empty() || targets.len() > MAX_SELECTION {
        return Err(AppError::InvalidInput);
    }
    // Locked in one order whoever decides: two selections never wait for each other.
    let mut targets = targets.to_vec();
    targets.sort_unstable();
    targets.dedup();
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let actor = Actor::Staff(acting.name.clone());
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let mut changed = 0;
    for &(candidature, piece) in &targets {
        let c = crate::server::services::scope::in_scope(
            state,
            &staff.scope,
            CandidatureId::new(candidature),
        )
        .await?;
        if c.status != crate::server::services::candidatures::Status::Registered.as_str() {
            return Err(AppError::NotFound);
        }
        asked::lock(&txn, c.id).await?;
        let asked = asked::piece_of(&txn, c, piece).await?;
        if let Some(seen) = revision_seen
            && seen != revision_of(asked.review.as_ref())
        {
            let at = asked.review.as_ref().map_or(now, |r| r.updated_at);
            return Err(AppError::ChangedMeanwhile {
                by: "un autre personnel".into(),
                at: LocalDateTime::from_utc(at, state.tz).to_string(),
            });
        }
        let existed = asked.review.is_some();
        let before = asked.review.clone();
        let mut review = asked::review_or_new(asked.review, piece, candidature, now);
        review.status = decision
            .status
            .map_or(String::new(), |s| s.as_str().to_owned());
        review.received_on = decision.received_on.or(review.received_on);
        review.comment = decision.comment.clone();
        review.updated_at = before
            .as_ref()
            .map_or(now, |b| revision::next(now, b.updated_at));
        let after = review.clone();
        asked::save_review(&txn, review, existed).await?;
        let described = Decision {
            received_on: after.received_on,
            ..decision.clone()
        };
        asked::record(
            &txn,
            piece,
            candidature,
            event::STATUS,
            &actor,
            Some(described.history_fr()),
            now,
        )
        .await?;
        let subject = format!("candidature:{candidature}/piece:{piece}");
        journal::append(
            &txn,
            &journal::Entry {
                actor: &acting.name,
                address: acting.address.as_deref(),
                action: "piece.statut",
                subject: &subject,
                before: before.map(|b| review_json(&b)),
                after: Some(review_json(&after)),
            },
            now,
        )
        .await?;
        changed += 1;
    }
    txn.commit().await?;
    Ok(changed)
}

/// The revision of a piece's review as a page carries it (`aucune` before the first).
fn revision_of(review: Option<&crate::server::entities::piece_review::Model>) -> String {
    review.map_or_else(|| "aucune".to_owned(), |r| revision::revision(r.updated_at))
}

fn review_json(r: &crate::server::entities::piece_review::Model) -> serde_json::Value {
    serde_json::json!({
        "statut": r.status,
        "date_reception": r.received_on.map(date_fr),
        "commentaire": r.comment,
        "validee_le": r.confirmed_at.map(|at| at.to_rfc3339()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_reads_the_form_as_staff_type_it() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let d = Decision::parse("recue", "", "", today).unwrap();
        assert_eq!(d.received_on, Some(today));
        let d =
            Decision::parse("non_conforme", "23/09/2026", " Pièce\r\nillisible ", today).unwrap();
        assert_eq!(d.comment.as_deref(), Some("Pièce illisible"));
        assert_eq!(
            d.history_fr(),
            "Statut : Non conforme ; Date de réception : 23/09/2026 ; Information du gestionnaire : Pièce illisible"
        );
        // A comment goes with Non conforme only.
        assert_eq!(
            Decision::parse("conforme", "", "bien", today)
                .unwrap()
                .comment,
            None
        );
        let err = Decision::parse("validee", "31/02/2026", &"x".repeat(501), today).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, [field::STATUS, field::RECEIVED_ON, field::COMMENT]);
        assert!(Decision::parse("recue", "30/11/2026", "", today).is_err());
    }

    #[test]
    fn every_queue_is_within_the_members_academies_and_binds_what_is_typed() {
        let query = PieceQueueQuery {
            offer: "1 OR 1=1".into(),
            deadline: "'; DROP TABLE pieces; --".into(),
            status: "conforme".into(),
            ..PieceQueueQuery::default()
        };
        let (sql, values, error) = conditions(
            &Scope::of_codes(["VERSAILLES"]),
            &query,
            chrono_tz::Europe::Paris,
        );
        assert!(sql.contains("ac.code IN ({})"), "{sql}");
        assert!(!sql.contains("DROP") && !sql.contains("OR 1=1"), "{sql}");
        assert_eq!(values.len(), 2);
        assert!(error.is_some());
    }
}
