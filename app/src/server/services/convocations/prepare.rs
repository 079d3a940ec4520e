//! "Préparer les convocations": a batch for every registered candidature of an offer, or
//! those of the candidate numbers chosen, shown from now or from a chosen instant. Each
//! candidature whose convocation would say something new gets the next version (n°1, then
//! n°2 after a change of schedule); the others keep theirs. The whole batch is written in
//! one transaction, with its rendering jobs (due at once) and the job that mails its
//! candidates at the instant.

use super::{details, schedule};
use crate::domain::account::Errors;
use crate::domain::home_message::parse_instant_fr;
use crate::error::AppError;
use crate::model::convocations::{PrepareForm, Prepared, Selection, When};
use crate::model::documents::DocumentKind;
use crate::server::entities::{candidate, candidature, convocation_batch, document};
use crate::server::identity::Staff;
use crate::server::ids::CandidatureId;
use crate::server::jobs::{JobKind, queue};
use crate::server::services::candidatures::{Status, from_json, offer as offers};
use crate::server::services::catalog_edit::{INSTANT_FR, checked, refused};
use crate::server::services::documents::publish;
use crate::server::services::scope::offer_in_scope;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The candidate numbers typed: separated by line breaks, spaces, commas or semicolons.
pub fn numbers(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = typed
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    out.dedup();
    out
}

/// A candidature selected, with what its convocation says.
pub struct Selected {
    pub candidature: candidature::Model,
    pub details: Value,
}

/// The registered candidatures of offer `o` that `form` selects (by registration number),
/// with their details; refusals beside the form's fields.
pub async fn selected(
    state: &AppState,
    o: &crate::server::entities::offer::Model,
    selection: &str,
    typed_numbers: &str,
    r: &mut Errors,
) -> Result<Vec<Selected>, AppError> {
    let db = &state.db;
    let mut list = candidature::Entity::find()
        .filter(candidature::Column::OfferId.eq(o.id))
        .filter(candidature::Column::Status.eq(Status::Registered.as_str()))
        .order_by_asc(candidature::Column::CreatedAt)
        .all(db)
        .await?;
    if selection == Selection::NUMBERS {
        let wanted = numbers(typed_numbers);
        if wanted.is_empty() {
            r.add(
                "numbers",
                "Saisissez les numéros de candidat, un par ligne.",
            );
            return Ok(Vec::new());
        }
        let accounts: HashMap<uuid::Uuid, String> = candidate::Entity::find()
            .filter(candidate::Column::Number.is_in(wanted.iter().map(String::as_str)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.account_id, c.number))
            .collect();
        list.retain(|c| accounts.contains_key(&c.account_id));
        let found: Vec<&String> = list
            .iter()
            .filter_map(|c| accounts.get(&c.account_id))
            .collect();
        let unknown: Vec<&str> = wanted
            .iter()
            .filter(|n| !found.contains(n))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            r.add(
                "numbers",
                format!(
                    "Aucun candidat inscrit à cette offre n'a le numéro : {}.",
                    unknown.join(", ")
                ),
            );
        }
    } else if selection != Selection::ALL {
        r.add("selection", "Choisissez les candidats à convoquer.");
        return Ok(Vec::new());
    }
    if list.is_empty() {
        if selection == Selection::ALL {
            r.add("selection", "Aucun candidat n'est inscrit à cette offre.");
        }
        return Ok(Vec::new());
    }
    let catalog = offers::catalog(db, o.speciality_id).await?;
    let schedules = schedule::of_offer(db, o.id).await?;
    let mut out = Vec::with_capacity(list.len());
    let mut missing: Vec<String> = Vec::new();
    for c in list {
        let form = from_json(&c.answers, c.id)?;
        match details::of(&catalog, &schedules, &form, state.tz) {
            Ok(details) => out.push(Selected {
                candidature: c,
                details,
            }),
            Err(labels) => {
                for l in labels {
                    if !missing.contains(&l) {
                        missing.push(l);
                    }
                }
            }
        }
    }
    if !missing.is_empty() {
        r.add(
            "selection",
            format!(
                "Renseignez la date, l'heure, la durée et le lieu de : {}, avant de préparer les convocations.",
                missing.join(", ")
            ),
        );
    }
    Ok(out)
}

/// The instant the batch is shown from.
fn publish_at(
    form: &PrepareForm,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
    r: &mut Errors,
) -> Option<DateTime<Utc>> {
    match form.when.as_str() {
        When::NOW => Some(now),
        When::AT => match parse_instant_fr(&form.publish_at, tz) {
            None => {
                r.add("publish_at", INSTANT_FR);
                None
            }
            Some(at) if at < now => {
                r.add(
                    "publish_at",
                    "Cet instant est passé : choisissez « Maintenant » ou un instant à venir.",
                );
                None
            }
            at => at,
        },
        _ => {
            r.add("when", "Choisissez quand publier les convocations.");
            None
        }
    }
}

/// The last convocation of a candidature: its version number, its details and the instant
/// it is shown from.
type Last = (i32, String, Option<DateTime<Utc>>);

/// The last convocation, per candidature of offer `id`.
async fn last_convocations(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<HashMap<uuid::Uuid, Last>, AppError> {
    use document::Column as C;
    let rows: Vec<(uuid::Uuid, i32, String, Option<DateTime<Utc>>)> = document::Entity::find()
        .select_only()
        .columns([C::CandidatureId, C::Number, C::Details, C::VisibleFrom])
        .filter(C::Kind.eq(DocumentKind::Convocation.as_str()))
        .filter(
            C::CandidatureId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(candidature::Column::Id)
                    .from(candidature::Entity)
                    .and_where(candidature::Column::OfferId.eq(id))
                    .to_owned(),
            ),
        )
        .order_by_asc(C::Number)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(c, n, d, v)| (c, (n, d, v)))
        .collect())
}

/// Whether two details say the same (compared as JSON, not as text).
fn same(stored: &str, new: &Value) -> bool {
    serde_json::from_str::<Value>(stored).is_ok_and(|v| &v == new)
}

/// Prepares and schedules a batch of offer `form.offer`'s convocations.
pub async fn prepare(
    state: &AppState,
    staff: &Staff,
    form: &PrepareForm,
) -> Result<Prepared, AppError> {
    let o = offer_in_scope(state, &staff.scope, form.offer).await?;
    let now = state.clock.now();
    let mut r = Errors::default();
    let at = publish_at(form, now, state.tz, &mut r);
    let chosen = selected(state, &o, &form.selection, &form.numbers, &mut r).await?;
    checked(r)?;
    let at = at.ok_or(AppError::InvalidInput)?;
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // Two preparations of one offer at once: the second numbers after the first.
    crate::server::sql::lock_key(&txn, &format!("convocations:{}", o.id)).await?;
    let last = last_convocations(&txn, o.id).await?;
    let batch = uuid::Uuid::new_v4();
    let mut rows = Vec::new();
    let mut unchanged = 0u32;
    for s in &chosen {
        let previous = last.get(&s.candidature.id);
        // The same convocation, shown by this batch's instant at the latest: nothing new. (The
        // same one still under a later embargo is published again, to be shown sooner.)
        if previous.is_some_and(|(_, d, v)| same(d, &s.details) && v.is_none_or(|v| v <= at)) {
            unchanged += 1;
            continue;
        }
        let mut row = publish::row(
            CandidatureId::new(s.candidature.id),
            DocumentKind::Convocation,
            (previous.map_or(1, |(n, ..)| n + 1), s.candidature.version),
            s.details.clone(),
            now,
        );
        row.batch_id = Set(Some(batch));
        row.visible_from = Set(Some(at));
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(refused(
            "selection",
            "Les convocations de ces candidats sont déjà publiées et n'ont pas changé : rien à publier.",
        ));
    }
    let ids: Vec<uuid::Uuid> = rows
        .iter()
        .filter_map(|r| match &r.id {
            sea_orm::ActiveValue::Set(id) => Some(*id),
            _ => None,
        })
        .collect();
    let published = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let selection = if form.selection == Selection::ALL {
        "Tous les inscrits".to_owned()
    } else {
        format!("{} candidat(s) choisi(s)", chosen.len())
    };
    convocation_batch::ActiveModel {
        id: Set(batch),
        offer_id: Set(o.id),
        selection: Set(selection.clone()),
        publish_at: Set(at),
        total: Set(i32::try_from(published).unwrap_or(i32::MAX)),
        unchanged: Set(i32::try_from(unchanged).unwrap_or(i32::MAX)),
        created_by: Set(acting.name.clone()),
        created_at: Set(now),
        mailed_at: Set(None),
        files_at: Set(None),
    }
    .insert(&txn)
    .await?;
    // 12 values a row: a chunk stays far below the bind limits.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(400).collect();
        document::Entity::insert_many(chunk)
            .exec_without_returning(&txn)
            .await?;
    }
    queue::enqueue_many(&txn, JobKind::Render, &ids, now, now).await?;
    queue::enqueue(&txn, JobKind::Convocation, batch, at, now).await?;
    queue::enqueue(&txn, JobKind::ConvocationFiles, batch, now, now).await?;
    acting
        .record(
            &txn,
            "convocations.lot",
            &format!("offre:{}", o.id),
            None,
            Some(json!({
                "lot": batch, "selection": selection, "publiees": published, "inchangees": unchanged,
                "publication": crate::domain::LocalDateTime::from_utc(at, state.tz).to_string(),
            })),
            now,
        )
        .await?;
    txn.commit().await?;
    state.jobs.wake(JobKind::Render);
    state.jobs.wake(JobKind::Convocation);
    state.jobs.wake(JobKind::ConvocationFiles);
    Ok(Prepared {
        published,
        unchanged,
    })
}

/// The data of the convocation the first registered candidate of offer `id` would get now
/// (nothing is saved): "Aperçu d'une convocation".
pub async fn preview(
    state: &AppState,
    staff: &Staff,
    id: i32,
) -> Result<crate::server::services::documents::DocumentData, AppError> {
    let o = offer_in_scope(state, &staff.scope, id).await?;
    let mut r = Errors::default();
    let chosen = selected(state, &o, Selection::ALL, "", &mut r).await?;
    checked(r)?;
    let first = chosen.into_iter().next().ok_or(AppError::NotFound)?;
    let last = last_convocations(&state.db, o.id).await?;
    let number = last.get(&first.candidature.id).map_or(1, |(n, ..)| n + 1);
    let now = state.clock.now();
    let doc = document::Model {
        id: uuid::Uuid::new_v4(),
        candidature_id: first.candidature.id,
        kind: DocumentKind::Convocation.as_str().to_owned(),
        number,
        candidature_version: first.candidature.version,
        verification_code: crate::domain::VerificationCode::random()
            .as_str()
            .to_owned(),
        details: first.details.to_string(),
        created_at: now,
        pdf: None,
        rendered_at: None,
        batch_id: None,
        visible_from: None,
    };
    crate::server::services::documents::data::data(state, &doc).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_whatever_separates_them() {
        assert_eq!(
            numbers("0193801933\n 0193801934 ; 0193801935,0193801936\r\n"),
            vec!["0193801933", "0193801934", "0193801935", "0193801936"]
        );
        assert!(numbers(" \n ").is_empty());
    }

    #[test]
    fn details_are_compared_as_json() {
        let v = json!({ "epreuves": [{ "code": "010", "time": "09:00" }] });
        assert!(same(r#"{"epreuves":[{"time":"09:00","code":"010"}]}"#, &v));
        assert!(!same(r#"{"epreuves":[{"time":"10:00","code":"010"}]}"#, &v));
        assert!(!same("not json", &v));
    }
}
