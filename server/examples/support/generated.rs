//! Generated candidates for the benchmark examples: an account, its N° candidat and one
//! registered candidatura each, inserted a batch at a time as each database stores them.
//! Included with `#[path = "support/generated.rs"] mod generated;`.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

/// What every generated candidature saved (tabs 1, 3 and 4, as the guide's example).
pub const ANSWERS: &str = r#"{"format":1,"form":{"address_country":"FR","address_1":"Rue de la pluie","address_2":"","address_3":"","address_4":"","postal_code":"78270","locality":"BLARU","nationality":"FR","phone":"0123456789","corps":"ACT1D","statut":"TIT","position":"ACT","work_country":"FR","work_departement":"078","work_locality":"78000-VERSAILLES","etablissement":"0783371R","epreuves":[]}}"#;

/// One generated candidate.
pub struct Candidate {
    pub email: String,
    pub birth_name: String,
    pub first_names: String,
    pub search_name: String,
    /// The ten-digit N° candidat.
    pub number: String,
    pub offer: i64,
}

/// Inserts `rows` (a few hundred at once: one statement per table).
pub async fn insert(db: &DatabaseConnection, rows: &[Candidate]) -> Result<(), DbErr> {
    // A uuid as each database stores it (SQLite: 16 bytes).
    let sqlite = db.get_database_backend() == sea_orm::DbBackend::Sqlite;
    let u = |id: uuid::Uuid| {
        if sqlite {
            format!("X'{}'", id.simple())
        } else {
            format!("'{id}'")
        }
    };
    let at = "2026-11-01T09:00:00+00:00";
    let (mut accounts, mut candidates, mut candidatures) = (vec![], vec![], vec![]);
    for c in rows {
        let id = uuid::Uuid::new_v4();
        accounts.push(format!(
            "({}, '{}', 'MADAME', '{}', NULL, '{}', 'FR', '1990-01-01', '075', 'Paris', 'x', 0, '{at}', '{at}', '{at}', '{}')",
            u(id),
            c.email,
            c.birth_name,
            c.first_names,
            c.search_name
        ));
        candidates.push(format!("({}, '{}', 1)", u(id), c.number));
        candidatures.push(format!(
            "({}, {}, {}, 1, 1, 'inscrite', '{ANSWERS}', '{at}', '{at}')",
            u(uuid::Uuid::new_v4()),
            u(id),
            c.offer
        ));
    }
    let backend = db.get_database_backend();
    for (table, columns, rows) in [
        (
            "accounts",
            "id, email, civility, birth_name, usage_name, first_names, birth_country_code, birth_date, birth_departement_code, birth_commune, password_hash, session_epoch, created_at, activated_at, updated_at, search_name",
            &accounts,
        ),
        (
            "candidates",
            "account_id, number, registrations",
            &candidates,
        ),
        (
            "candidatures",
            "id, account_id, offer_id, registration_number, version, status, answers, created_at, updated_at",
            &candidatures,
        ),
    ] {
        db.execute_raw(Statement::from_string(
            backend,
            format!("INSERT INTO {table} ({columns}) VALUES {}", rows.join(", ")),
        ))
        .await?;
    }
    Ok(())
}
