//! Raw SQL shared by SQLite and PostgreSQL: the few statements SeaORM cannot express
//! (upserts that return the row), with each backend's placeholders.

use sea_orm::{DbBackend, Statement, Value};

/// `template` with each `{}` replaced by the backend's placeholder (`?` or `$1`, `$2`…).
pub fn statement(backend: DbBackend, template: &str, values: Vec<Value>) -> Statement {
    let mut n = 0;
    let sql = template
        .split("{}")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_owned()
            } else {
                n += 1;
                match backend {
                    DbBackend::Postgres => format!("${n}{part}"),
                    _ => format!("?{part}"),
                }
            }
        })
        .collect::<String>();
    Statement::from_sql_and_values(backend, sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_for_postgres_only() {
        let pg = statement(DbBackend::Postgres, "a = {} AND b = {}", vec![1.into(), 2.into()]);
        assert_eq!(pg.sql, "a = $1 AND b = $2");
        let lite = statement(DbBackend::Sqlite, "a = {} AND b = {}", vec![1.into(), 2.into()]);
        assert_eq!(lite.sql, "a = ? AND b = ?");
    }
}
