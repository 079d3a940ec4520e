//! The journal (REQUIREMENTS S1, security checklist line 31): every staff action, sign-in,
//! failure and lockout is appended as a row; the application never updates or deletes one.
//! Each row carries the SHA-256 of its fields and of the previous row's hash (the first
//! row's previous hash is 64 zeros), and rows are numbered 1, 2, 3… under a lock, so
//! [`verify`] finds a row edited in the database, and one removed from before the last.
//! (Removing the last rows leaves a shorter valid chain: keep the count and last hash that
//! `verify` prints, as staff do with a signed register, to see it.) A leaf.

use crate::server::entities::journal_entry;
use crate::server::services::tokens::hex;
use crate::server::sql::lock_key;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect,
    Set,
};
use sha2::{Digest, Sha256};

/// A staff member acting: their académies, their journal name, their address.
#[derive(Debug, Clone)]
pub struct Acting<'a> {
    pub scope: &'a crate::domain::Scope,
    pub name: String,
    pub address: Option<String>,
}

impl Acting<'_> {
    /// Appends the row of this member's `action` on `subject` in the caller's transaction.
    pub async fn record(
        &self,
        txn: &impl ConnectionTrait,
        action: &str,
        subject: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
        at: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let entry = Entry {
            actor: &self.name,
            address: self.address.as_deref(),
            action,
            subject,
            before,
            after,
        };
        append(txn, &entry, at).await.map(|_| ())
    }
}

/// The journal's name of a staff member, as actor and as subject (`staff:<id>`).
pub fn staff_actor(id: uuid::Uuid) -> String {
    format!("staff:{id}")
}

/// The staff actors of `entries` whose académies are all beyond `scope` (none for a member
/// of every académie; a member of every académie is never beyond).
pub async fn members_beyond(
    db: &impl sea_orm::ConnectionTrait,
    scope: &crate::domain::Scope,
    entries: &[journal_entry::Model],
) -> Result<std::collections::HashSet<String>, DbErr> {
    use crate::server::entities::staff_academy;
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut beyond = std::collections::HashSet::new();
    if *scope == crate::domain::Scope::All {
        return Ok(beyond);
    }
    let ids = staff_ids(entries);
    if ids.is_empty() {
        return Ok(beyond);
    }
    let mut academies: std::collections::HashMap<uuid::Uuid, Vec<String>> = Default::default();
    for row in staff_academy::Entity::find()
        .filter(staff_academy::Column::StaffId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        academies
            .entry(row.staff_id)
            .or_default()
            .push(row.academy_code);
    }
    for id in ids {
        if let Some(codes) = academies.get(&id)
            && !codes.iter().any(|c| scope.covers(c))
        {
            beyond.insert(staff_actor(id));
        }
    }
    Ok(beyond)
}

/// The staff members among the rows' actors (`staff:<id>`).
fn staff_ids(entries: &[journal_entry::Model]) -> Vec<uuid::Uuid> {
    entries
        .iter()
        .filter_map(|e| e.actor.strip_prefix("staff:"))
        .filter_map(|id| uuid::Uuid::parse_str(id).ok())
        .collect()
}

/// The login of each staff member among the rows' actors (`staff:<id>` → their email).
pub async fn actor_names(
    db: &impl ConnectionTrait,
    entries: &[journal_entry::Model],
) -> Result<std::collections::HashMap<String, String>, DbErr> {
    use crate::server::entities::staff_member;
    use sea_orm::{ColumnTrait, QueryFilter};
    let ids = staff_ids(entries);
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(staff_member::Entity::find()
        .filter(staff_member::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (staff_actor(m.id), m.email))
        .collect())
}

/// A journal row as pages show it (UTC stored, the portal's zone shown, seconds kept).
pub fn line(e: journal_entry::Model, tz: chrono_tz::Tz) -> crate::model::staff::JournalLine {
    let local = e.at.with_timezone(&tz);
    crate::model::staff::JournalLine {
        seq: e.seq,
        at: local.format("%d/%m/%Y %H:%M:%S").to_string(),
        actor: e.actor,
        address: e.address.unwrap_or_default(),
        action: e.action,
        subject: e.subject,
        before: e.before.unwrap_or_default(),
        after: e.after.unwrap_or_default(),
    }
}

/// The previous hash of the first row.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, by whom, to what; the values before and after as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// `staff:<id>`, `cli`…
    pub actor: &'a str,
    /// The client's address, when the action came over HTTP.
    pub address: Option<&'a str>,
    pub action: &'a str,
    pub subject: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Appends `entry` at `at` in the caller's transaction (a write transaction: the rows of
/// concurrent appends are numbered and chained one at a time). Returns its number.
pub async fn append(
    txn: &impl ConnectionTrait,
    entry: &Entry<'_>,
    at: DateTime<Utc>,
) -> Result<i64, DbErr> {
    lock_key(txn, "journal").await?;
    let last = journal_entry::Entity::find()
        .order_by_desc(journal_entry::Column::Seq)
        .limit(1)
        .one(txn)
        .await?;
    let (seq, previous) = match &last {
        Some(row) => (row.seq + 1, row.hash.as_str()),
        None => (1, GENESIS),
    };
    // Microseconds: what both databases keep, so the hash reads back the same.
    let at = at.trunc_subsecs(6);
    let before = entry.before.as_ref().map(ToString::to_string);
    let after = entry.after.as_ref().map(ToString::to_string);
    let mut row = journal_entry::Model {
        seq,
        at,
        actor: entry.actor.to_owned(),
        address: entry.address.map(str::to_owned),
        action: entry.action.to_owned(),
        subject: entry.subject.to_owned(),
        before,
        after,
        hash: String::new(),
    };
    row.hash = chain(previous, &row);
    journal_entry::ActiveModel {
        seq: Set(row.seq),
        at: Set(row.at),
        actor: Set(row.actor),
        address: Set(row.address),
        action: Set(row.action),
        subject: Set(row.subject),
        before: Set(row.before),
        after: Set(row.after),
        hash: Set(row.hash),
    }
    .insert(txn)
    .await?;
    Ok(seq)
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every row chains to the one before: how many, and the last hash.
    Intact { rows: u64, last_hash: String },
    /// Row `seq` was edited, or the row before it removed.
    Broken { seq: i64 },
}

/// Reads the journal in order, a page at a time, and checks its numbering and its chain.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verdict, DbErr> {
    let mut pages = journal_entry::Entity::find()
        .order_by_asc(journal_entry::Column::Seq)
        .paginate(db, 1000);
    let (mut expected, mut previous, mut rows) = (1i64, GENESIS.to_owned(), 0u64);
    while let Some(page) = pages.fetch_and_next().await? {
        for row in page {
            if row.seq != expected || chain(&previous, &row) != row.hash {
                return Ok(Verdict::Broken {
                    seq: expected.min(row.seq),
                });
            }
            expected += 1;
            rows += 1;
            previous = row.hash;
        }
    }
    Ok(Verdict::Intact {
        rows,
        last_hash: previous,
    })
}

/// SHA-256 of the previous hash and of the row's fields, each length-prefixed (no two rows
/// of different fields write the same bytes), in hexadecimal.
fn chain(previous: &str, row: &journal_entry::Model) -> String {
    let mut hasher = Sha256::new();
    let at = row.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let seq = row.seq.to_string();
    let fields: [Option<&str>; 9] = [
        Some(previous),
        Some(&seq),
        Some(&at),
        Some(&row.actor),
        row.address.as_deref(),
        Some(&row.action),
        Some(&row.subject),
        row.before.as_deref(),
        row.after.as_deref(),
    ];
    for field in fields {
        match field {
            None => hasher.update(b"-;"),
            Some(text) => {
                hasher.update(format!("{}:", text.len()).as_bytes());
                hasher.update(text.as_bytes());
                hasher.update(b";");
            }
        }
    }
    hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: i64, action: &str, address: Option<&str>) -> journal_entry::Model {
        journal_entry::Model {
            seq,
            at: DateTime::parse_from_rfc3339("2026-12-02T10:00:00.123456Z")
                .unwrap()
                .with_timezone(&Utc),
            actor: "cli".into(),
            address: address.map(str::to_owned),
            action: action.into(),
            subject: "staff:1".into(),
            before: None,
            after: Some("{\"role\":\"administrateur\"}".into()),
            hash: String::new(),
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_are_in_the_chain() {
        let base = chain(GENESIS, &row(1, "staff.add", None));
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            chain(GENESIS, &row(1, "staff.add", None)),
            "the same row, the same hash"
        );
        assert_ne!(base, chain(&"1".repeat(64), &row(1, "staff.add", None)));
        assert_ne!(base, chain(GENESIS, &row(2, "staff.add", None)));
        assert_ne!(base, chain(GENESIS, &row(1, "staff.ad", None)));
        // An absent address is not an empty one.
        assert_ne!(base, chain(GENESIS, &row(1, "staff.add", Some(""))));
    }
}
