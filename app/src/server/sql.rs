//! SQL shared by SQLite and PostgreSQL: transactions that write, and the few statements
//! SeaORM cannot express (upserts that return the row) with each backend's placeholders.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, Value,
};

/// A transaction that will write. On SQLite it takes the write lock at `BEGIN IMMEDIATE`
/// (waiting up to the busy timeout): a deferred transaction that reads first and writes
/// later fails at once with "database is locked" when another writer committed in between.
/// PostgreSQL ignores the mode.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Serialises the transactions that name the same `key` until the caller's transaction
/// ends (a count then an insert, done by one at a time). PostgreSQL: a transaction-level
/// advisory lock on the key's hash; SQLite: nothing to do, a write transaction there holds
/// the database's write lock from its start (see [`write_transaction`]).
pub async fn lock_key(txn: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        txn.execute_raw(statement(
            backend,
            "SELECT pg_advisory_xact_lock(hashtextextended({}, 0))",
            vec![key.into()],
        ))
        .await?;
    }
    Ok(())
}

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
        let pg = statement(
            DbBackend::Postgres,
            "a = {} AND b = {}",
            vec![1.into(), 2.into()],
        );
        assert_eq!(pg.sql, "a = $1 AND b = $2");
        let lite = statement(
            DbBackend::Sqlite,
            "a = {} AND b = {}",
            vec![1.into(), 2.into()],
        );
        assert_eq!(lite.sql, "a = ? AND b = ?");
    }
}
