//! Candidate accounts (A1-A6), one file each: creation and activation (`signup`), the
//! mailed links, the password checks every form shares (`credentials`, a leaf), sign-in,
//! passwords (reset and change), "Modifier mon compte" with its A6 rule, the address
//! change. Every mail is queued in the transaction of its change.

use crate::domain::Email;
use crate::error::AppError;
use crate::server::entities::account;
use crate::server::identity::Candidate;
use crate::server::state::AppState;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

mod address;
mod credentials;
mod links;
mod password;
mod profile;
mod sign_in;
pub mod signup;

pub use address::*;
pub use links::*;
pub use password::*;
pub use profile::*;
pub use sign_in::*;

/// The account row of the signed-in candidate (for the changes that need its password
/// hash or its every field).
pub(super) async fn row_of(
    db: &impl ConnectionTrait,
    who: &Candidate,
) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(who.id.uuid())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Commits the change with its mails, then wakes the sender.
pub(crate) async fn commit_and_wake_mail(
    state: &AppState,
    txn: DatabaseTransaction,
) -> Result<(), AppError> {
    txn.commit().await?;
    state.jobs.wake(crate::server::jobs::JobKind::Mail);
    Ok(())
}

/// The names of an account as "Candidats" searches them: birth name, usage name and first
/// names in [`search_form`](crate::domain::text::search_form).
pub fn search_name(birth: &str, usage: Option<&str>, first: &str) -> String {
    crate::domain::text::search_form(&format!("{birth} {} {first}", usage.unwrap_or_default()))
}

/// Fills the search names of the accounts created before the column (run at start; a
/// no-op once every row has one). Returns how many were filled.
pub async fn fill_search_names(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{QueryOrder, QuerySelect};
    // A thousand at a time, after the last id seen: never every account in memory, and an
    // end even should a name fold to nothing.
    const BATCH: u64 = 1000;
    let mut filled = 0;
    let mut after: Option<uuid::Uuid> = None;
    loop {
        let mut query = account::Entity::find()
            .filter(account::Column::SearchName.eq(""))
            .order_by_asc(account::Column::Id)
            .limit(BATCH);
        if let Some(last) = after {
            query = query.filter(account::Column::Id.gt(last));
        }
        let rows = query.all(db).await?;
        let Some(last) = rows.last().map(|r| r.id) else {
            break;
        };
        for row in &rows {
            let key = search_name(&row.birth_name, row.usage_name.as_deref(), &row.first_names);
            // Only this column: a change of the account meanwhile is kept.
            account::Entity::update_many()
                .col_expr(account::Column::SearchName, Expr::value(key))
                .filter(account::Column::Id.eq(row.id))
                .filter(account::Column::SearchName.eq(""))
                .exec(db)
                .await?;
        }
        filled += rows.len() as u64;
        if (rows.len() as u64) < BATCH {
            break;
        }
        after = Some(last);
    }
    Ok(filled)
}

pub(crate) async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}
