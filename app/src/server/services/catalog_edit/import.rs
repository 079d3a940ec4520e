//! An académie's offers and periods as CSV, the format a service keeps its planning in
//! (issue 15): the export of the administrator's académies, and the import of such a file.
//! A file received is kept (`offer_imports`) and previewed: every line says what it will do
//! (create an offer, change a period, nothing) or why it is refused. "Appliquer l'import"
//! applies every line not refused in one transaction, with its journal rows, only if the
//! plan is still the one previewed (else the preview is shown again, updated). Offers the
//! file does not name are left alone: an import never deletes.

use super::offers::{
    Names, NewOffer, Period, insert, paris, parse_period, registered, state_of, write_period,
};
use super::{checked, refused};
use crate::domain::PeriodState;
use crate::domain::account::Errors;
use crate::error::AppError;
use crate::model::catalog_edit::{
    ImportAction, ImportApply, ImportPreview, ImportRow, OFFER_COLUMNS,
};
use crate::server::csv;
use crate::server::entities::{academy, domain, exam, offer, offer_import, session, speciality};
use crate::server::identity::Staff;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The largest file accepted (an académie's planning is a few hundred lines).
pub const MAX_BYTES: usize = 1024 * 1024;

/// How long a file waits for "Appliquer l'import".
const KEPT: chrono::Duration = chrono::Duration::days(1);

/// Columns the import needs: the export's first six (the others are read when present,
/// or ignored).
const NEEDED: &[&str] = OFFER_COLUMNS.split_at(6).0;

/// A header's name as the import matches it: lower case, no accents, `_` for spaces
/// ("Clôture" is "fermeture").
fn column_key(name: &str) -> String {
    let key = crate::domain::text::upper_unaccented(name.trim())
        .to_lowercase()
        .replace([' ', '-'], "_");
    match key.as_str() {
        "cloture" => "fermeture".to_owned(),
        "specialite_code" => "specialite".to_owned(),
        _ => key,
    }
}

/// The export: a header, then one line per offer of the administrator's académies.
pub async fn export(state: &AppState, staff: &Staff) -> Result<String, AppError> {
    let db = &state.db;
    let names = Names::load(db).await?;
    let academies: HashMap<i32, academy::Model> = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|a| staff.scope.covers(&a.code))
        .map(|a| (a.id, a))
        .collect();
    let years: HashMap<i32, i32> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.year))
        .collect();
    let g01: Vec<i32> = domain::Entity::find()
        .filter(domain::Column::Code.eq("G01"))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    let offers = offer::Entity::find()
        .filter(offer::Column::AcademyId.is_in(academies.keys().copied()))
        .order_by_asc(offer::Column::AcademyId)
        .order_by_asc(offer::Column::OpensAt)
        .all(db)
        .await?;
    let mut out = csv::line(&OFFER_COLUMNS.map(str::to_owned));
    for o in offers {
        let (Some(a), Some(e), Some(s)) = (
            academies.get(&o.academy_id),
            names.exams.get(&o.exam_id),
            names.specialities.get(&o.speciality_id),
        ) else {
            continue;
        };
        out.push_str(&csv::line(&[
            a.code.clone(),
            e.code.clone(),
            s.code.clone(),
            years
                .get(&o.session_id)
                .copied()
                .unwrap_or_default()
                .to_string(),
            paris(o.opens_at, state.tz),
            paris(o.closes_at, state.tz),
            // Only an exam (G01) has a confirmation date.
            o.confirmation_due_at
                .filter(|_| g01.contains(&e.domain_id))
                .map(|t| paris(t, state.tz))
                .unwrap_or_default(),
            names.offer(&o),
            registered(db, o.id).await?.to_string(),
        ]));
    }
    Ok(out)
}

/// The header's columns by name; refused when one the import needs is missing.
fn columns(header: &[String]) -> Result<HashMap<String, usize>, AppError> {
    let found: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (column_key(h), i))
        .collect();
    let missing: Vec<&str> = NEEDED
        .iter()
        .copied()
        .filter(|c| !found.contains_key(*c))
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(refused(
            "fichier",
            &format!(
                "Colonne(s) manquante(s) : {}. La première ligne du fichier nomme les colonnes, comme dans le fichier exporté (« Exporter les offres (CSV) »).",
                missing.join(", ")
            ),
        ))
    }
}

/// Keeps a file received for its preview; returns its id.
pub async fn receive(
    state: &AppState,
    staff: &Staff,
    file_name: &str,
    bytes: &[u8],
) -> Result<uuid::Uuid, AppError> {
    if bytes.is_empty() {
        return Err(refused(
            "fichier",
            "Choisissez le fichier CSV des offres (séparateur point-virgule, comme le fichier exporté).",
        ));
    }
    if bytes.len() > MAX_BYTES {
        return Err(refused(
            "fichier",
            "Le fichier dépasse 1 Mo : importez les offres d'une académie à la fois.",
        ));
    }
    let text = csv::decode(bytes);
    let lines = csv::read(&text);
    let Some((_, header)) = lines.first() else {
        return Err(refused("fichier", "Le fichier est vide."));
    };
    columns(header)?;
    let now = state.clock.now();
    let id = uuid::Uuid::new_v4();
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    offer_import::Entity::delete_many()
        .filter(offer_import::Column::CreatedAt.lt(now - KEPT))
        .exec(&txn)
        .await?;
    offer_import::ActiveModel {
        id: Set(id),
        staff_id: Set(staff.id.uuid()),
        file_name: Set(if name.is_empty() {
            "offres.csv".into()
        } else {
            name
        }),
        content: Set(text),
        created_at: Set(now),
        applied_at: Set(None),
        outcome: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// What applying a line does.
enum Step {
    Create(Box<Creation>),
    Change {
        offer: offer::Model,
        period: Period,
        registered: u64,
    },
}

/// A line that creates an offer.
struct Creation {
    academy: academy::Model,
    exam: exam::Model,
    speciality: speciality::Model,
    year: i32,
    period: Period,
}

/// The preview's rows and what applying them does.
struct Plan {
    rows: Vec<ImportRow>,
    steps: Vec<Step>,
}

/// What the catalog the plan is made against holds.
struct Catalog {
    names: Names,
    academies: Vec<academy::Model>,
    g01: Vec<i32>,
    years: HashMap<i32, i32>,
    offers: HashMap<(i32, i32, i32), offer::Model>,
}

impl Catalog {
    async fn load(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        let g01: Vec<i32> = domain::Entity::find()
            .filter(domain::Column::Code.eq("G01"))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
        let years: HashMap<i32, i32> = session::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.year, s.id))
            .collect();
        let offers = offer::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|o| ((o.academy_id, o.speciality_id, o.session_id), o))
            .collect();
        Ok(Self {
            names: Names::load(db).await?,
            academies: academy::Entity::find().all(db).await?,
            g01,
            years,
            offers,
        })
    }
}

/// "01/03/2027 09:00 → 30/03/2027 17:00" (and the confirmation date, for G01).
fn period_fr(
    tz: chrono_tz::Tz,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    due: Option<DateTime<Utc>>,
) -> String {
    let mut out = format!("{} → {}", paris(opens, tz), paris(closes, tz));
    if let Some(d) = due {
        out.push_str(&format!(" ; confirmation : {}", paris(d, tz)));
    }
    out
}

/// The plan of `text` against the catalog `db` holds now.
async fn plan(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    staff: &Staff,
    text: &str,
) -> Result<Plan, AppError> {
    let lines = csv::read(text);
    let Some((_, header)) = lines.first() else {
        return Err(refused("fichier", "Le fichier est vide."));
    };
    let columns = columns(header)?;
    let catalog = Catalog::load(db).await?;
    let mut rows = Vec::new();
    let mut steps = Vec::new();
    let mut seen: HashMap<(i32, i32, i32), usize> = HashMap::new();
    for (line, cells) in lines.iter().skip(1) {
        let cell = |name: &str| {
            columns
                .get(name)
                .and_then(|i| cells.get(*i))
                .map_or("", String::as_str)
        };
        let mut notes = Vec::new();
        let academy_code = cell("academie").to_uppercase();
        let academy = catalog
            .academies
            .iter()
            .find(|a| a.code == academy_code && staff.scope.covers(&a.code));
        if academy.is_none() {
            notes.push(format!(
                "Académie inconnue ou hors de votre périmètre : « {} ».",
                cell("academie")
            ));
        }
        let exam_code = cell("examen").to_uppercase();
        let exam = catalog.names.exams.values().find(|e| e.code == exam_code);
        let speciality_code = cell("specialite").to_uppercase();
        let speciality = exam.and_then(|e| {
            catalog
                .names
                .specialities
                .values()
                .find(|s| s.exam_id == e.id && s.code == speciality_code)
        });
        if speciality.is_none() {
            notes.push(format!(
                "Examen ou spécialité inconnu du catalogue national : « {} » / « {} ».",
                cell("examen"),
                cell("specialite")
            ));
        }
        let year = cell("session")
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y));
        if year.is_none() {
            notes.push("Session : saisissez l'année sur 4 chiffres, par exemple 2027.".into());
        }
        let g01 = exam.is_some_and(|e| catalog.g01.contains(&e.domain_id));
        let mut errors = Errors::default();
        let period = parse_period(
            tz,
            cell("ouverture"),
            cell("fermeture"),
            cell("confirmation"),
            g01,
            &mut errors,
        );
        if let Err(fields) = errors.result() {
            for f in fields {
                let what = match f.field.as_str() {
                    "opens" => "Ouverture",
                    "closes" => "Fermeture",
                    _ => "Confirmation",
                };
                notes.push(format!("{what} : {}", f.message));
            }
        }
        let label = match (exam, speciality, academy, year) {
            (Some(e), Some(s), Some(a), Some(y)) => {
                format!("{} : {} - {} - session {y}", e.label, s.label, a.label)
            }
            _ => format!(
                "{} {} {} {}",
                cell("academie"),
                cell("examen"),
                cell("specialite"),
                cell("session")
            )
            .trim()
            .to_owned(),
        };
        let refuse = |notes: Vec<String>| ImportRow {
            line: *line,
            offer: label.clone(),
            action: ImportAction::Refused,
            before: String::new(),
            after: String::new(),
            notes,
        };
        let (Some(a), Some(e), Some(s), Some(y), Some(p), true) =
            (academy, exam, speciality, year, period, notes.is_empty())
        else {
            rows.push(refuse(notes));
            continue;
        };
        let session_id = catalog.years.get(&y).copied();
        let key = (a.id, s.id, session_id.unwrap_or(-y));
        if let Some(first) = seen.get(&key) {
            rows.push(refuse(vec![format!(
                "Cette offre figure déjà à la ligne {first} du fichier."
            )]));
            continue;
        }
        seen.insert(key, *line);
        let existing = session_id.and_then(|sid| catalog.offers.get(&(a.id, s.id, sid)));
        let mut p = p;
        if !g01 {
            // Only an exam (G01) has a confirmation date: another's stays as it is.
            p.confirmation = existing.and_then(|o| o.confirmation_due_at);
        }
        let shown = |due: Option<DateTime<Utc>>| due.filter(|_| g01);
        let after = period_fr(tz, p.opens, p.closes, shown(p.confirmation));
        match existing {
            Some(o) => {
                let before = period_fr(tz, o.opens_at, o.closes_at, shown(o.confirmation_due_at));
                if (o.opens_at, o.closes_at, o.confirmation_due_at)
                    == (p.opens, p.closes, p.confirmation)
                {
                    rows.push(ImportRow {
                        line: *line,
                        offer: label,
                        action: ImportAction::Unchanged,
                        before,
                        after,
                        notes: Vec::new(),
                    });
                    continue;
                }
                let count = registered(db, o.id).await?;
                let mut notes = Vec::new();
                if state_of(o, now) == PeriodState::Open && count > 0 {
                    notes.push(format!(
                        "Période ouverte, {count} candidat(s) inscrit(s) : la modification s'applique à eux dès l'application de l'import."
                    ));
                }
                rows.push(ImportRow {
                    line: *line,
                    offer: label,
                    action: ImportAction::Change,
                    before,
                    after,
                    notes,
                });
                steps.push(Step::Change {
                    offer: o.clone(),
                    period: p,
                    registered: count,
                });
            }
            None if e.archived_at.is_some() || s.archived_at.is_some() => {
                rows.push(refuse(vec![
                    "Cet examen ou cette spécialité est archivé : aucune nouvelle offre.".into(),
                ]));
            }
            None => {
                rows.push(ImportRow {
                    line: *line,
                    offer: label,
                    action: ImportAction::Creation,
                    before: String::new(),
                    after,
                    notes: Vec::new(),
                });
                steps.push(Step::Create(Box::new(Creation {
                    academy: a.clone(),
                    exam: e.clone(),
                    speciality: s.clone(),
                    year: y,
                    period: p,
                })));
            }
        }
    }
    Ok(Plan { rows, steps })
}

/// What "Appliquer" confirms: the rows of the plan, hashed.
fn fingerprint(rows: &[ImportRow]) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(rows).unwrap_or_default();
    Sha256::digest(json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The staff member's own import `id` ("not found" for anyone else's, or an expired one).
async fn own(
    db: &impl ConnectionTrait,
    staff: &Staff,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<offer_import::Model, AppError> {
    offer_import::Entity::find_by_id(id)
        .filter(offer_import::Column::StaffId.eq(staff.id.uuid()))
        .filter(offer_import::Column::CreatedAt.gte(now - KEPT))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The preview of import `id`.
pub async fn preview(
    state: &AppState,
    staff: &Staff,
    id: uuid::Uuid,
) -> Result<ImportPreview, AppError> {
    let now = state.clock.now();
    let i = own(&state.db, staff, id, now).await?;
    let applied = i.applied_at.map(|t| {
        format!(
            "Import appliqué le {} : {}.",
            paris(t, state.tz),
            i.outcome.clone().unwrap_or_default()
        )
    });
    let plan = plan(&state.db, state.tz, now, staff, &i.content).await?;
    Ok(ImportPreview {
        id: i.id,
        file_name: i.file_name,
        received: paris(i.created_at, state.tz),
        fingerprint: fingerprint(&plan.rows),
        rows: plan.rows,
        applied,
    })
}

/// "Appliquer l'import": every line not refused, in one transaction, if the plan is the
/// one previewed. Returns how many offers were created or changed.
pub async fn apply(state: &AppState, staff: &Staff, form: &ImportApply) -> Result<usize, AppError> {
    let id = uuid::Uuid::parse_str(form.id.trim()).map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    // Two submits at once (a double click): the second waits, then finds it applied.
    crate::server::sql::lock_key(&txn, &format!("offer-import:{id}")).await?;
    let i = own(&txn, staff, id, now).await?;
    if i.applied_at.is_some() {
        return Err(refused("fingerprint", "Cet import a déjà été appliqué."));
    }
    let plan = plan(&txn, state.tz, now, staff, &i.content).await?;
    let mut r = Errors::default();
    if fingerprint(&plan.rows) != form.fingerprint {
        r.add("fingerprint", "Le catalogue a changé depuis l'aperçu : relisez l'aperçu ci-dessous, mis à jour, puis appliquez à nouveau.");
    } else if plan.steps.is_empty() {
        r.add(
            "fingerprint",
            "Rien à appliquer : aucune ligne ne crée d'offre ni ne change de période.",
        );
    }
    checked(r)?;
    let (mut created, mut changed) = (0usize, 0usize);
    for step in plan.steps {
        match step {
            Step::Create(c) => {
                let new = NewOffer {
                    academy: &c.academy,
                    exam: &c.exam,
                    speciality: &c.speciality,
                    year: c.year,
                    period: c.period,
                };
                let source = json!({ "import": i.file_name });
                insert(&txn, &acting, (state.tz, now), new, Some(source)).await?;
                created += 1;
            }
            Step::Change {
                offer: o,
                period,
                registered,
            } => {
                let file = Some(i.file_name.as_str());
                write_period(&txn, &acting, (state.tz, now), o, period, registered, file).await?;
                changed += 1;
            }
        }
    }
    let refusals = plan
        .rows
        .iter()
        .filter(|r| r.action == ImportAction::Refused)
        .count();
    let outcome = format!(
        "{created} offre(s) créée(s), {changed} période(s) modifiée(s), {refusals} ligne(s) refusée(s) non appliquée(s)"
    );
    acting
        .record(
            &txn,
            "catalogue.offres.import",
            &format!("import:{}", i.id),
            None,
            Some(json!({ "fichier": i.file_name, "creees": created, "modifiees": changed, "refusees": refusals })),
            now,
        )
        .await?;
    let mut row: offer_import::ActiveModel = i.into();
    row.applied_at = Set(Some(now));
    row.outcome = Set(Some(outcome));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(created + changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_whatever_their_case_accents_and_spaces() {
        assert_eq!(column_key(" Académie "), "academie");
        assert_eq!(column_key("Spécialité"), "specialite");
        assert_eq!(column_key("Clôture"), "fermeture");
        assert_eq!(column_key("FERMETURE"), "fermeture");
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused_naming_them() {
        let header: Vec<String> = ["Académie", "Examen", "Session"].map(String::from).to_vec();
        let e = columns(&header).unwrap_err();
        assert!(
            e.field_errors()[0]
                .message
                .contains("specialite, ouverture, fermeture"),
            "{e:?}"
        );
        let all: Vec<String> = OFFER_COLUMNS.map(String::from).to_vec();
        assert!(columns(&all).is_ok(), "the export's header reads back");
    }
}
