//! "Candidats" (REQUIREMENTS S4, X3): the candidatures a staff member may see (their
//! académies only: another's are as if they did not exist), found by name without case or
//! accents, N° candidat or email, filtered, sorted and paged by the database with the count
//! of the whole selection. One statement for both databases; what a person typed only ever
//! reaches it as a bound value (LIKE patterns escaped).

use crate::domain::LocalDateTime;
use crate::domain::Scope;
use crate::domain::local_time::date_fr;
use crate::domain::text::search_form;
use crate::error::AppError;
use crate::model::staff::{
    CandidateQuery, CandidateRow, CandidateSort, CandidatesPage, FilterChoice, StatusFilter,
};
use crate::server::entities::academy;
use crate::server::sql::statement;
use crate::server::state::AppState;
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, QueryOrder, Value, prelude::DateTimeUtc,
};

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

/// Words of a search beyond which the rest is ignored.
const MAX_WORDS: usize = 6;

/// Every table a search may read (the export's rows and a page need them all).
pub(super) const FROM: &str = "FROM candidatures c \
    JOIN accounts a ON a.id = c.account_id \
    JOIN candidates n ON n.account_id = c.account_id \
    JOIN offers o ON o.id = c.offer_id \
    JOIN academies ac ON ac.id = o.academy_id \
    JOIN exams e ON e.id = o.exam_id \
    JOIN specialities s ON s.id = o.speciality_id \
    JOIN sessions se ON se.id = o.session_id";

/// The tables of "Brouillon seulement": drafts of the wizard, with what a search reads (no
/// N° candidat before a first candidature).
pub(super) const DRAFTS_FROM: &str = "FROM registration_drafts d \
    JOIN accounts a ON a.id = d.account_id \
    LEFT JOIN candidates n ON n.account_id = d.account_id \
    JOIN offers o ON o.id = d.offer_id \
    JOIN academies ac ON ac.id = o.academy_id \
    JOIN exams e ON e.id = o.exam_id \
    JOIN specialities s ON s.id = o.speciality_id \
    JOIN sessions se ON se.id = o.session_id";

/// The tables the count of a selection needs: those its conditions name (on SQLite the
/// count of 100,000 candidatures through every join cost most of a search).
fn count_from(scope: &Scope, query: &CandidateQuery) -> String {
    if query.status == StatusFilter::DraftOnly {
        return DRAFTS_FROM.to_owned();
    }
    let text = !search_form(&query.text).is_empty();
    let academy = *scope != Scope::All || !query.academy.trim().is_empty();
    let exam = !query.exam.trim().is_empty();
    let session = query.session.trim().parse::<i32>().is_ok();
    let mut from = String::from("FROM candidatures c");
    if text {
        from.push_str(" JOIN accounts a ON a.id = c.account_id JOIN candidates n ON n.account_id = c.account_id");
    }
    if academy || exam || session {
        from.push_str(" JOIN offers o ON o.id = c.offer_id");
    }
    if academy {
        from.push_str(" JOIN academies ac ON ac.id = o.academy_id");
    }
    if exam {
        from.push_str(" JOIN exams e ON e.id = o.exam_id");
    }
    if session {
        from.push_str(" JOIN sessions se ON se.id = o.session_id");
    }
    from
}

/// Whether a word typed is a N° candidat (ten digits): then it is that number exactly.
pub fn is_candidate_number(word: &str) -> bool {
    word.len() == 10 && word.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: Option<uuid::Uuid>,
    number: Option<String>,
    registration_number: Option<i32>,
    birth_name: String,
    usage_name: Option<String>,
    first_names: String,
    birth_date: chrono::NaiveDate,
    email: String,
    exam: String,
    speciality: String,
    academy: String,
    year: i32,
    version: i32,
    status: String,
    updated_at: DateTimeUtc,
}

#[derive(Debug, FromQueryResult)]
struct Count {
    total: i64,
}

/// The `WHERE` clause of a search within `scope` and its values.
pub fn conditions(scope: &Scope, query: &CandidateQuery) -> (String, Vec<Value>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut values: Vec<Value> = Vec::new();
    crate::server::services::scope::within(scope, &mut sql, &mut values);
    let mut exact = |column: &str, value: &str| {
        if !value.trim().is_empty() {
            sql.push_str(&format!(" AND {column} = {{}}"));
            values.push(value.trim().to_uppercase().into());
        }
    };
    exact("ac.code", &query.academy);
    exact("e.code", &query.exam);
    if let Ok(year) = query.session.trim().parse::<i32>() {
        sql.push_str(" AND se.year = {}");
        values.push(year.into());
    }
    match query.status {
        StatusFilter::Any => {}
        StatusFilter::Registered | StatusFilter::Unregistered => {
            sql.push_str(" AND c.status = {}");
            values.push(query.status.as_str().into());
        }
        // Drafts of offers the candidate has no candidature for (see `DRAFTS_FROM`).
        StatusFilter::DraftOnly => sql.push_str(
            " AND NOT EXISTS (SELECT 1 FROM candidatures c \
             WHERE c.account_id = d.account_id AND c.offer_id = d.offer_id)",
        ),
    }
    for word in search_form(&query.text).split(' ').take(MAX_WORDS) {
        if word.is_empty() {
            continue;
        }
        if is_candidate_number(word) {
            // Found by its unique index.
            sql.push_str(" AND n.number = {}");
            values.push(word.to_owned().into());
            continue;
        }
        let pattern = escape_like(word);
        sql.push_str(
            " AND (a.search_name LIKE {} ESCAPE '\\' OR a.email LIKE {} ESCAPE '\\' \
             OR n.number LIKE {} ESCAPE '\\')",
        );
        values.push(format!("%{pattern}%").into());
        values.push(format!("%{}%", pattern.to_lowercase()).into());
        values.push(format!("{pattern}%").into());
    }
    (sql, values)
}

/// `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '\'`.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn order_by(query: &CandidateQuery) -> String {
    let direction = if query.descending { "DESC" } else { "ASC" };
    let drafts = query.status == StatusFilter::DraftOnly;
    let first = match query.sort {
        CandidateSort::Name => "a.search_name",
        CandidateSort::Number => "n.number",
        CandidateSort::Exam => "e.label",
        CandidateSort::Academy => "ac.label",
        CandidateSort::LastChange if drafts => "d.updated_at",
        CandidateSort::LastChange => "c.updated_at",
    };
    // A unique key last: one order for the same rows, page after page.
    if drafts {
        format!(" ORDER BY {first} {direction}, a.id ASC, d.offer_id ASC")
    } else {
        format!(" ORDER BY {first} {direction}, n.number ASC, c.registration_number ASC, c.id ASC")
    }
}

/// The two statements of a search: the count of the selection, and the page `query` asks
/// for (what the benchmark runs bare, beside the service).
pub fn statements(
    backend: sea_orm::DbBackend,
    scope: &Scope,
    query: &CandidateQuery,
) -> (sea_orm::Statement, sea_orm::Statement) {
    let (filter, values) = conditions(scope, query);
    let offset = u64::from(query.page.max(1) - 1) * u64::from(PAGE_SIZE);
    let count = statement(
        backend,
        &format!(
            "SELECT COUNT(*) AS total {}{filter}",
            count_from(scope, query)
        ),
        values.clone(),
    );
    let candidature = if query.status == StatusFilter::DraftOnly {
        format!(
            "NULL AS id, NULL AS registration_number, 0 AS version, '{}' AS status, \
             d.updated_at AS updated_at {DRAFTS_FROM}",
            StatusFilter::DraftOnly.as_str()
        )
    } else {
        format!(
            "c.id AS id, c.registration_number AS registration_number, c.version AS version, \
             c.status AS status, c.updated_at AS updated_at {FROM}"
        )
    };
    let page = statement(
        backend,
        &format!(
            "SELECT n.number AS number, a.birth_name AS birth_name, a.usage_name AS usage_name, \
             a.first_names AS first_names, a.birth_date AS birth_date, a.email AS email, \
             e.label AS exam, s.label AS speciality, ac.label AS academy, se.year AS year, \
             {candidature}{filter}{} LIMIT {PAGE_SIZE} OFFSET {offset}",
            order_by(query)
        ),
        values,
    );
    (count, page)
}

/// One page of the candidatures `scope` covers that `query` selects.
pub async fn search(
    state: &AppState,
    scope: &Scope,
    query: &CandidateQuery,
) -> Result<CandidatesPage, AppError> {
    let db = &state.db;
    let backend = db.get_database_backend();
    let (count, _) = statements(backend, scope, query);
    let count = Count::find_by_statement(count)
        .one(db)
        .await?
        .map_or(0, |c| u64::try_from(c.total).unwrap_or(0));
    let pages = u32::try_from(count.div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = query.page.clamp(1, pages);
    let clamped = CandidateQuery {
        page,
        ..query.clone()
    };
    let (_, rows) = statements(backend, scope, &clamped);
    let rows = Row::find_by_statement(rows).all(db).await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let last = r.usage_name.as_deref().unwrap_or(&r.birth_name);
            let changed = LocalDateTime::from_utc(r.updated_at, state.tz);
            CandidateRow {
                candidature: r.id,
                number: r.number.unwrap_or_default(),
                registration: r
                    .registration_number
                    .map(|n| format!("{n:03}"))
                    .unwrap_or_default(),
                name: format!("{} {}", last.to_uppercase(), r.first_names),
                birth_date: date_fr(r.birth_date),
                email: r.email,
                exam: r.exam,
                speciality: r.speciality,
                academy: r.academy,
                session: r.year,
                version: r.version,
                registered: r.status
                    == crate::server::services::candidatures::Status::Registered.as_str(),
                last_change: changed.to_string(),
            }
        })
        .collect();
    let (academies, exams, sessions) = filter_lists(db, scope).await?;
    Ok(CandidatesPage {
        rows,
        total: count,
        page,
        pages,
        academies,
        exams,
        sessions,
    })
}

/// The choices of the filters: the member's académies, the exams and the session years.
async fn filter_lists(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<(Vec<FilterChoice>, Vec<FilterChoice>, Vec<i32>), AppError> {
    use crate::server::entities::{exam, session};
    let academies = academy::Entity::find()
        .order_by_asc(academy::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| scope.covers(&a.code))
        .map(|a| FilterChoice {
            code: a.code,
            label: a.label,
        })
        .collect();
    let exams = exam::Entity::find()
        .order_by_asc(exam::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .map(|e| FilterChoice {
            code: e.code,
            label: e.label,
        })
        .collect();
    let mut sessions: Vec<i32> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.year)
        .collect();
    sessions.sort_unstable_by(|a, b| b.cmp(a));
    sessions.dedup();
    Ok((academies, exams, sessions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Whatever is typed and whatever académie is asked for, a scope of one académie is
        /// the first condition of the statement and only ever a bound value.
        #[test]
        fn a_scope_is_in_every_search(text in "\\PC{0,30}", academy in "[A-Z-]{0,12}", session in "[0-9]{0,4}") {
            let query = CandidateQuery { text: text.clone(), academy, session, ..CandidateQuery::default() };
            let (sql, values) = conditions(&Scope::of_codes(["AIX-MARSEILLE"]), &query);
            prop_assert!(sql.starts_with(" WHERE 1 = 1 AND ac.code IN ({})"), "{}", sql);
            prop_assert_eq!(values.first().cloned(), Some(Value::from("AIX-MARSEILLE".to_owned())));
            // Nothing typed reaches the statement's text: it is that of as many plain words.
            let plain: Vec<&str> = search_form(&text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| if is_candidate_number(w) { "0123456789" } else { "X" })
                .collect();
            let plain = CandidateQuery { text: plain.join(" "), ..query };
            prop_assert_eq!(sql, conditions(&Scope::of_codes(["AIX-MARSEILLE"]), &plain).0);
        }
    }

    #[test]
    fn what_is_typed_is_bound_and_its_wildcards_escaped() {
        let query = CandidateQuery {
            text: "Tàlu 50%_x'; DROP".into(),
            ..CandidateQuery::default()
        };
        let (sql, values) = conditions(&Scope::All, &query);
        assert!(!sql.contains("DROP") && !sql.contains("TALU"), "{sql}");
        // Marks are spaces: four words, three values each (name, email, number).
        assert_eq!(values.len(), 12);
        assert_eq!(values[0], Value::from("%TALU%".to_owned()));
        assert_eq!(values[1], Value::from("%talu%".to_owned()));
        assert_eq!(values[2], Value::from("TALU%".to_owned()));
        // Should a wildcard ever reach a pattern, it is a character.
        assert_eq!(escape_like("50%_\\"), "50\\%\\_\\\\");
    }

    #[test]
    fn a_candidate_number_is_matched_exactly_and_the_count_joins_only_what_it_filters() {
        let query = CandidateQuery {
            text: "0123456789".into(),
            ..CandidateQuery::default()
        };
        let (sql, values) = conditions(&Scope::All, &query);
        assert!(sql.ends_with(" AND n.number = {}"), "{sql}");
        assert_eq!(values, vec![Value::from("0123456789".to_owned())]);
        assert!(!is_candidate_number("012345678") && !is_candidate_number("01234567890"));
        assert_eq!(
            count_from(&Scope::All, &CandidateQuery::default()),
            "FROM candidatures c"
        );
        let versailles = count_from(&Scope::of_codes(["VERSAILLES"]), &CandidateQuery::default());
        assert!(versailles.contains("JOIN academies") && !versailles.contains("JOIN accounts"));
    }

    #[test]
    fn drafts_only_are_drafts_without_a_candidature_for_their_offer() {
        let query = CandidateQuery {
            status: StatusFilter::DraftOnly,
            ..CandidateQuery::default()
        };
        let (sql, values) = conditions(&Scope::of_codes(["VERSAILLES"]), &query);
        assert!(
            sql.ends_with("WHERE c.account_id = d.account_id AND c.offer_id = d.offer_id)"),
            "{sql}"
        );
        assert_eq!(values.len(), 1, "the académie alone is bound");
        assert_eq!(count_from(&Scope::All, &query), DRAFTS_FROM);
        assert!(order_by(&query).ends_with(", a.id ASC, d.offer_id ASC"));
    }

    #[test]
    fn a_scope_without_academies_selects_nothing() {
        let (sql, _) = conditions(
            &Scope::Academies(Default::default()),
            &CandidateQuery::default(),
        );
        assert!(sql.contains("1 = 0"));
        let (sql, values) =
            conditions(&Scope::of_codes(["VERSAILLES"]), &CandidateQuery::default());
        assert!(sql.contains("ac.code IN ({})"));
        assert_eq!(values, vec![Value::from("VERSAILLES".to_owned())]);
    }
}
