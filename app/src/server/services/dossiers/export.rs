//! "Exporter (CSV)" of "Candidats" (REQUIREMENTS S4): the whole filtered selection, one
//! candidature (or, for "Brouillon seulement", one draft) a line, for French spreadsheets (UTF-8 with a BOM, `;` between cells), read
//! in batches after the last row sent (never the whole selection in memory). A cell a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
//! written as text.

use super::search::{DRAFTS_FROM, FROM, conditions};
use crate::domain::Scope;
use crate::domain::local_time::date_fr;
use crate::error::AppError;
use crate::model::staff::{CandidateQuery, StatusFilter};
use crate::server::services::candidatures::{self, Status};
use crate::server::sql::statement;
use crate::server::state::AppState;
use sea_orm::{FromQueryResult, Value, prelude::DateTimeUtc};

/// Rows read at a time.
pub const BATCH: u64 = 1000;

/// The first line: the byte order mark, then the columns' names.
pub const HEADER: &str = "\u{feff}N° candidat;N° inscription;Civilité;Nom de famille;Nom d'usage;Prénoms;Date de naissance;Commune de naissance;Département de naissance;Pays de naissance;Adresse mail;Téléphone;Adresse;Code postal;Localité;Pays de résidence;Examen;Spécialité;Académie;Session;Version;Date d'inscription;Dernière modification;Statut;Epreuves choisies\r\n";

/// Where the next batch starts: after this row in the export's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    search_name: String,
    /// The candidature, or the account of a draft.
    id: uuid::Uuid,
    /// The offer of a draft (0 for a candidature).
    offer: i32,
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: uuid::Uuid,
    offer: i32,
    search_name: String,
    number: Option<String>,
    registration_number: Option<i32>,
    civility: String,
    birth_name: String,
    usage_name: Option<String>,
    first_names: String,
    birth_date: chrono::NaiveDate,
    birth_commune: String,
    birth_departement_code: Option<String>,
    birth_country_code: String,
    email: String,
    answers: String,
    exam: String,
    speciality: String,
    academy: String,
    year: i32,
    version: Option<i32>,
    status: String,
    created_at: Option<DateTimeUtc>,
    updated_at: DateTimeUtc,
}

/// The next batch of lines of the export of `query` within `scope`, and where the one after
/// starts (`None`: this was the last).
pub async fn batch(
    state: &AppState,
    scope: &Scope,
    query: &CandidateQuery,
    after: Option<&Cursor>,
) -> Result<(String, Option<Cursor>), AppError> {
    let db = &state.db;
    let (mut filter, mut values) = conditions(scope, query);
    let drafts = query.status == StatusFilter::DraftOnly;
    if let Some(after) = after {
        if drafts {
            filter.push_str(
                " AND (a.search_name > {} OR (a.search_name = {} AND (a.id > {} \
                 OR (a.id = {} AND d.offer_id > {}))))",
            );
            values.push(after.search_name.clone().into());
            values.push(after.search_name.clone().into());
            values.push(Value::from(after.id));
            values.push(Value::from(after.id));
            values.push(after.offer.into());
        } else {
            filter.push_str(" AND (a.search_name > {} OR (a.search_name = {} AND c.id > {}))");
            values.push(after.search_name.clone().into());
            values.push(after.search_name.clone().into());
            values.push(Value::from(after.id));
        }
    }
    let (own, from, order) = if drafts {
        (
            format!(
                "a.id AS id, d.offer_id AS offer, NULL AS registration_number, \
                 d.answers AS answers, NULL AS version, '{}' AS status, NULL AS created_at, \
                 d.updated_at AS updated_at",
                StatusFilter::DraftOnly.as_str()
            ),
            DRAFTS_FROM,
            "a.id ASC, d.offer_id ASC",
        )
    } else {
        (
            "c.id AS id, 0 AS offer, c.registration_number AS registration_number, \
             c.answers AS answers, c.version AS version, c.status AS status, \
             c.created_at AS created_at, c.updated_at AS updated_at"
                .to_owned(),
            FROM,
            "c.id ASC",
        )
    };
    let rows = Row::find_by_statement(statement(
        db.get_database_backend(),
        &format!(
            "SELECT {own}, a.search_name AS search_name, n.number AS number, \
             a.civility AS civility, a.birth_name AS birth_name, a.usage_name AS usage_name, \
             a.first_names AS first_names, a.birth_date AS birth_date, \
             a.birth_commune AS birth_commune, \
             a.birth_departement_code AS birth_departement_code, \
             a.birth_country_code AS birth_country_code, a.email AS email, \
             e.label AS exam, s.label AS speciality, ac.label AS academy, se.year AS year \
             {from}{filter} ORDER BY a.search_name ASC, {order} LIMIT {BATCH}"
        ),
        values,
    ))
    .all(db)
    .await?;
    let next = (rows.len() as u64 == BATCH)
        .then(|| rows.last())
        .flatten()
        .map(|r| Cursor {
            search_name: r.search_name.clone(),
            id: r.id,
            offer: r.offer,
        });
    let mut out = String::with_capacity(rows.len() * 300);
    for r in rows {
        out.push_str(&line(state, r)?);
    }
    Ok((out, next))
}

fn line(state: &AppState, r: Row) -> Result<String, AppError> {
    // A draft holds what was typed, read the same way (an unreadable one: empty cells).
    let form = match candidatures::from_json(&r.answers, r.id) {
        Ok(form) => form,
        Err(_) if r.version.is_none() => Default::default(),
        Err(e) => return Err(e),
    };
    let address = [
        &form.address_1,
        &form.address_2,
        &form.address_3,
        &form.address_4,
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .cloned()
    .collect::<Vec<_>>()
    .join(", ");
    let instant = |at| super::read::instant_fr(state, at);
    let cells = [
        r.number.unwrap_or_default(),
        r.registration_number
            .map(|n| format!("{n:03}"))
            .unwrap_or_default(),
        if r.civility == "MADAME" {
            "Madame"
        } else {
            "Monsieur"
        }
        .to_owned(),
        r.birth_name.to_uppercase(),
        r.usage_name.unwrap_or_default().to_uppercase(),
        r.first_names,
        date_fr(r.birth_date),
        r.birth_commune,
        r.birth_departement_code.unwrap_or_default(),
        r.birth_country_code,
        r.email,
        form.phone,
        address,
        form.postal_code,
        form.locality,
        form.address_country,
        r.exam,
        r.speciality,
        r.academy,
        r.year.to_string(),
        r.version.map(|v| v.to_string()).unwrap_or_default(),
        r.created_at.map(instant).unwrap_or_default(),
        instant(r.updated_at),
        if r.status == StatusFilter::DraftOnly.as_str() {
            "brouillon"
        } else if Status::of(&r.status) == Status::Registered {
            "inscrite"
        } else {
            "désinscrite"
        }
        .to_owned(),
        form.epreuves.join(" / "),
    ];
    Ok(crate::server::csv::line(&cells))
}

/// The journal's row of an export: who, from where, and the selection asked for.
pub async fn record(
    state: &AppState,
    actor: &str,
    address: Option<&str>,
    query: &CandidateQuery,
) -> Result<(), AppError> {
    use crate::server::services::journal::{self, Entry};
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    journal::append(
        &txn,
        &Entry {
            actor,
            address,
            action: "candidats.export",
            subject: "candidats",
            before: None,
            after: Some(serde_json::json!({ "recherche": query.to_query(1) })),
        },
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The file's name: `candidats-2026-12-07.csv`.
pub fn file_name(state: &AppState) -> String {
    format!(
        "candidats-{}.csv",
        state
            .clock
            .now()
            .with_timezone(&state.tz)
            .format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_starts_with_the_byte_order_mark_and_has_a_name_per_cell() {
        assert!(HEADER.starts_with('\u{feff}'));
        assert_eq!(HEADER.trim_end().split(';').count(), 25);
    }
}
