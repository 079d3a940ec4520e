//! The database behind tower-sessions (checklist lines 13-16): records live in the table
//! `web_sessions` of whichever database the portal runs on, SQLite or PostgreSQL.
//! (tower-sessions-sqlx-store would do the same but is built on another sqlx version than
//! SeaORM's, and both cannot link SQLite into one binary.)

use crate::server::entities::web_session;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, ExpiredDeletion, Result, SessionStore};

/// Sessions stored with SeaORM.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn row(record: &Record) -> Result<web_session::ActiveModel> {
    Ok(web_session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?),
        expires_at: Set(to_chrono(record.expiry_date)),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh id on the (astronomically unlikely) collision, never an overwrite.
        loop {
            let exists = web_session::Entity::find_by_id(record.id.to_string())
                .one(&self.db)
                .await
                .map_err(backend)?
                .is_some();
            if !exists {
                break;
            }
            record.id = Id::default();
        }
        web_session::Entity::insert(row(record)?)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    /// Updates the record if it still exists, never inserts (checklist line 15): a request
    /// that loaded the session before "Se déconnecter" and ends after it cannot bring the
    /// deleted session back. New sessions go through [`SessionStore::create`].
    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let updated = web_session::Entity::update_many()
            .col_expr(web_session::Column::Data, Expr::value(data))
            .col_expr(
                web_session::Column::ExpiresAt,
                Expr::value(to_chrono(record.expiry_date)),
            )
            .filter(web_session::Column::Id.eq(record.id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        if updated.rows_affected == 0 {
            tracing::info!("a request ended after its session: not saved again");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(found) = web_session::Entity::find_by_id(id.to_string())
            .filter(web_session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(found.expires_at.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&found.data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        web_session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        web_session::Entity::delete_many()
            .filter(web_session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
