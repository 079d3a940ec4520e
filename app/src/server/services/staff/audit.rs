//! The Journal page (REQUIREMENTS S1, checklist line 31): administrators read the rows,
//! newest first, filtered by who (a member's address, or part of it), action, subject and
//! dates (Paris), and export the selection as CSV. Reading only: the rows are written by
//! `services::journal` and never changed.

use crate::domain::local_time::parse_date_fr;
use crate::error::AppError;
use crate::model::FieldError;
use crate::model::journal::{JournalPage, JournalQuery};
use crate::server::entities::{journal_entry, staff_member};
use crate::server::services::journal::{actor_names, line};
use crate::server::state::AppState;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

/// Rows per page.
pub const PAGE_SIZE: u64 = 100;

/// A date typed dd/mm/yyyy as the instant its day starts in Paris (`end`: the next day's).
fn day_start(
    state: &AppState,
    typed: &str,
    field: &str,
    end: bool,
) -> Result<Option<DateTime<Utc>>, AppError> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let refused = || {
        AppError::InvalidFields(vec![FieldError {
            field: field.into(),
            message: "Saisissez une date au format jj/mm/aaaa, par exemple 07/12/2026.".into(),
        }])
    };
    let date: NaiveDate = parse_date_fr(typed).ok_or_else(refused)?;
    let date = if end {
        date.succ_opt().ok_or_else(refused)?
    } else {
        date
    };
    let local = date.and_hms_opt(0, 0, 0).ok_or_else(refused)?;
    Ok(state
        .tz
        .from_local_datetime(&local)
        .earliest()
        .map(|d| d.with_timezone(&Utc)))
}

/// Refuses, beside its field, a date of `query` that does not read (before a file starts).
pub fn check_dates(state: &AppState, query: &JournalQuery) -> Result<(), AppError> {
    day_start(state, &query.from, "from", false)?;
    day_start(state, &query.to, "to", true)?;
    Ok(())
}

/// The rows `query` selects.
async fn selection(
    state: &AppState,
    query: &JournalQuery,
) -> Result<Select<journal_entry::Entity>, AppError> {
    use journal_entry::Column as J;
    let mut select = journal_entry::Entity::find();
    let who = query.who.trim().to_lowercase();
    if !who.is_empty() {
        // A member's address (or part of it) stands for their `staff:<id>`; anything else
        // (`cli`, the login typed at a refused sign-in) is matched as written.
        let ids: Vec<String> = staff_member::Entity::find()
            .filter(staff_member::Column::Email.contains(&who))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|m| crate::server::services::journal::staff_actor(m.id))
            .collect();
        select = select.filter(
            Condition::any()
                .add(J::Actor.is_in(ids))
                .add(J::Actor.contains(&who)),
        );
    }
    if !query.action.trim().is_empty() {
        select = select.filter(J::Action.starts_with(query.action.trim()));
    }
    if !query.subject.trim().is_empty() {
        select = select.filter(J::Subject.contains(query.subject.trim()));
    }
    if let Some(from) = day_start(state, &query.from, "from", false)? {
        select = select.filter(J::At.gte(from));
    }
    if let Some(to) = day_start(state, &query.to, "to", true)? {
        select = select.filter(J::At.lt(to));
    }
    Ok(select)
}

/// One page of the rows `query` selects, newest first.
pub async fn page(state: &AppState, query: &JournalQuery) -> Result<JournalPage, AppError> {
    let select = selection(state, query).await?;
    let total = select.clone().count(&state.db).await?;
    let pages = u32::try_from(total.div_ceil(PAGE_SIZE))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = query.page.clamp(1, pages);
    let rows = select
        .order_by_desc(journal_entry::Column::Seq)
        .offset(u64::from(page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(&state.db)
        .await?;
    let names = actor_names(&state.db, &rows).await?;
    Ok(JournalPage {
        rows: rows
            .into_iter()
            .map(|mut e| {
                if let Some(email) = names.get(&e.actor) {
                    e.actor = email.clone();
                }
                line(e, state.tz)
            })
            .collect(),
        total,
        page,
        pages,
    })
}

/// The CSV of the rows `query` selects (BOM, `;`), oldest first, a batch at a time after
/// `after` (a row's number); returns the lines and the number to continue after.
pub async fn csv_batch(
    state: &AppState,
    query: &JournalQuery,
    after: i64,
) -> Result<(String, Option<i64>), AppError> {
    use crate::server::csv::line as cell_line;
    const BATCH: u64 = 1000;
    let rows = selection(state, query)
        .await?
        .filter(journal_entry::Column::Seq.gt(after))
        .order_by_asc(journal_entry::Column::Seq)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let next = (rows.len() as u64 == BATCH)
        .then(|| rows.last().map(|r| r.seq))
        .flatten();
    let names = actor_names(&state.db, &rows).await?;
    let mut out = String::new();
    for e in rows {
        let actor = names
            .get(&e.actor)
            .cloned()
            .unwrap_or_else(|| e.actor.clone());
        let row = line(e, state.tz);
        let cells = [
            row.seq.to_string(),
            row.at,
            actor,
            row.address,
            row.action,
            row.subject,
            row.before,
            row.after,
        ];
        out.push_str(&cell_line(&cells));
    }
    Ok((out, next))
}

/// The journal CSV's first line.
pub const CSV_HEADER: &str =
    "\u{feff}N°;Date (heure de Paris);Par;Adresse IP;Action;Objet;Avant;Après\r\n";
