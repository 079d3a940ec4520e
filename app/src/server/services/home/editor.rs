//! "Messages d'accueil" (REQUIREMENTS S3): administrators write the messages of "Accueil"
//! for every académie or for one of theirs (every académie: only a member of all of them),
//! with an optional display window typed in the portal's zone. Saved, a message shows at
//! once on the home pages (nothing caches them). Each creation, change and deletion is a
//! journal row with the values before and after; a change is made only if the message is as
//! the member saw it.

use super::academy_labels;
use crate::domain::account::Errors;
use crate::domain::home_message::{EVERY_ACADEMY, MessageDraft, field, parse_message};
use crate::domain::{LocalDateTime, Scope};
use crate::error::AppError;
use crate::model::home::{MessageForm, MessagesView, StaffMessage};
use crate::model::{FieldError, ListOption};
use crate::server::entities::{academy, home_message};
use crate::server::services::journal::{self, Acting, Entry};
use crate::server::services::revision;
use crate::server::sql::write_transaction;
use crate::server::state::AppState;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

/// The journal's subject of a message.
fn subject(id: i32) -> String {
    format!("message:{id}")
}

/// Whether a message for `academy` (`None`: every académie) is within `scope`.
fn covers(scope: &Scope, academy: Option<&str>) -> bool {
    match academy {
        None => *scope == Scope::All,
        Some(code) => scope.covers(code),
    }
}

/// The page: the messages the member may change, newest first, and the académies a message
/// may be for.
pub async fn view(state: &AppState, scope: &Scope) -> Result<MessagesView, AppError> {
    let now = state.clock.now();
    let labels = academy_labels(&state.db).await?;
    let messages = home_message::Entity::find()
        .order_by_desc(home_message::Column::CreatedAt)
        .order_by_desc(home_message::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|m| covers(scope, m.academy_code.as_deref()))
        .map(|m| line(state, &labels, m, now))
        .collect();
    let academies: Vec<ListOption> = academy::Entity::find()
        .order_by_asc(academy::Column::Label)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|a| scope.covers(&a.code))
        .map(|a| ListOption {
            code: a.code,
            label: a.label,
        })
        .collect();
    Ok(MessagesView {
        messages,
        academies,
        national: *scope == Scope::All,
    })
}

fn line(
    state: &AppState,
    labels: &std::collections::HashMap<String, String>,
    m: home_message::Model,
    now: DateTime<Utc>,
) -> StaffMessage {
    let local = |at: DateTime<Utc>| LocalDateTime::from_utc(at, state.tz).to_string();
    let window = match (m.visible_from, m.visible_until) {
        (None, None) => "Sans limite".to_owned(),
        (Some(f), None) => format!("À partir du {}", local(f)),
        (None, Some(u)) => format!("Jusqu'au {}", local(u)),
        (Some(f), Some(u)) => format!("Du {} au {}", local(f), local(u)),
    };
    let state_fr = if !m.published {
        "Non publié"
    } else if m.visible_until.is_some_and(|u| u <= now) {
        "Terminé"
    } else if m.visible_from.is_some_and(|f| f > now) {
        "Programmé"
    } else {
        "En ligne"
    };
    let typed = |at: Option<DateTime<Utc>>| at.map(&local).unwrap_or_default();
    StaffMessage {
        id: m.id,
        academy: m.academy_code.as_ref().map_or_else(
            || "Toutes les académies".to_owned(),
            |c| labels.get(c).cloned().unwrap_or_else(|| c.clone()),
        ),
        window,
        state: state_fr.to_owned(),
        form: MessageForm {
            id: m.id.to_string(),
            revision: revision::revision(m.updated_at.unwrap_or(m.created_at)),
            title: m.title.clone(),
            body: m.body.clone(),
            visible_from: typed(m.visible_from),
            visible_until: typed(m.visible_until),
            academy: m
                .academy_code
                .clone()
                .unwrap_or_else(|| EVERY_ACADEMY.to_owned()),
            published: if m.published {
                "oui".into()
            } else {
                String::new()
            },
        },
        title: m.title,
    }
}

/// Reads and checks the form for `scope` (every refused field at once), the window as
/// instants.
pub async fn check(
    state: &AppState,
    scope: &Scope,
    form: &MessageForm,
) -> Result<Checked, AppError> {
    let mut errors = Errors::default();
    let draft = parse_message(form, &mut errors);
    let Some(draft) = draft else {
        return Err(AppError::InvalidFields(errors.into_vec()));
    };
    let refuse = |field: &str, message: &str| {
        AppError::InvalidFields(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    };
    if let Some(code) = &draft.academy
        && academy::Entity::find()
            .filter(academy::Column::Code.eq(code.as_str()))
            .one(&state.db)
            .await?
            .is_none()
    {
        return Err(refuse(
            field::ACADEMY,
            "Choisissez l'académie dans la liste.",
        ));
    }
    if !covers(scope, draft.academy.as_deref()) {
        return Err(refuse(
            field::ACADEMY,
            "Choisissez une de vos académies : un message pour toutes les académies est publié par un administrateur de toutes les académies.",
        ));
    }
    let instant = |name: &str,
                   local: Option<NaiveDateTime>|
     -> Result<Option<DateTime<Utc>>, AppError> {
        match local {
            None => Ok(None),
            Some(l) => state
                .tz
                .from_local_datetime(&l)
                .earliest()
                .map(|t| Some(t.with_timezone(&Utc)))
                .ok_or_else(|| {
                    refuse(
                        name,
                        "Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été) : choisissez-en une autre.",
                    )
                }),
        }
    };
    let from = instant(field::FROM, draft.visible_from)?;
    let until = instant(field::UNTIL, draft.visible_until)?;
    Ok(Checked {
        published: form.published == "oui",
        from,
        until,
        draft,
    })
}

/// A form read and checked.
#[derive(Debug, Clone)]
pub struct Checked {
    draft: MessageDraft,
    published: bool,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
}

fn values(m: &home_message::Model) -> Value {
    json!({
        "titre": m.title,
        "texte": m.body,
        "academie": m.academy_code,
        "debut": m.visible_from,
        "fin": m.visible_until,
        "publie": m.published,
    })
}

/// Saves the form: a new message (no `id`) or a change to one of the member's, as they saw
/// it. Returns the message's id.
pub async fn save(state: &AppState, who: &Acting<'_>, form: &MessageForm) -> Result<i32, AppError> {
    let checked = check(state, who.scope, form).await?;
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    let (before, row) = if form.id.trim().is_empty() {
        let row = home_message::ActiveModel {
            title: Set(checked.draft.title.clone()),
            body: Set(checked.draft.body.clone()),
            published: Set(checked.published),
            created_at: Set(now),
            visible_from: Set(checked.from),
            visible_until: Set(checked.until),
            academy_code: Set(checked.draft.academy.clone()),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        (None, row)
    } else {
        let id: i32 = form.id.trim().parse().map_err(|_| AppError::InvalidInput)?;
        let seen = revision::parse(&form.revision)?;
        lock(&txn, id).await?;
        let old = mine(&txn, who.scope, id).await?;
        let last = old.updated_at.unwrap_or(old.created_at);
        if last != seen {
            return Err(
                revision::changed_by(&txn, state.tz, who.scope, &[subject(id)], last).await?,
            );
        }
        let before = values(&old);
        let mut row = old.into_active_model();
        row.title = Set(checked.draft.title.clone());
        row.body = Set(checked.draft.body.clone());
        row.published = Set(checked.published);
        row.visible_from = Set(checked.from);
        row.visible_until = Set(checked.until);
        row.academy_code = Set(checked.draft.academy.clone());
        row.updated_at = Set(Some(revision::next(now, last)));
        (Some(before), row.update(&txn).await?)
    };
    journal::append(
        &txn,
        &Entry {
            actor: &who.name,
            address: who.address.as_deref(),
            action: if before.is_some() {
                "message.modification"
            } else {
                "message.creation"
            },
            subject: &subject(row.id),
            before,
            after: Some(values(&row)),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(message = row.id, "home message saved");
    Ok(row.id)
}

/// Deletes one of the member's messages, as they saw it.
pub async fn delete(
    state: &AppState,
    who: &Acting<'_>,
    id: i32,
    seen: &str,
) -> Result<(), AppError> {
    let seen = revision::parse(seen)?;
    let now = state.clock.now();
    let txn = write_transaction(&state.db).await?;
    lock(&txn, id).await?;
    let old = mine(&txn, who.scope, id).await?;
    let last = old.updated_at.unwrap_or(old.created_at);
    if last != seen {
        return Err(revision::changed_by(&txn, state.tz, who.scope, &[subject(id)], last).await?);
    }
    home_message::Entity::delete_by_id(id).exec(&txn).await?;
    journal::append(
        &txn,
        &Entry {
            actor: &who.name,
            address: who.address.as_deref(),
            action: "message.suppression",
            subject: &subject(id),
            before: Some(values(&old)),
            after: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes message `id`'s row lock in the caller's transaction (a write that changes nothing),
/// so that two changes of it happen one after the other and the second sees the first's
/// revision (PostgreSQL; SQLite has one writer at a time).
async fn lock(db: &impl sea_orm::ConnectionTrait, id: i32) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    home_message::Entity::update_many()
        .col_expr(
            home_message::Column::Id,
            Expr::col(home_message::Column::Id),
        )
        .filter(home_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Message `id` if the member may change it ("not found" otherwise, as if it did not exist).
async fn mine(
    db: &impl sea_orm::ConnectionTrait,
    scope: &Scope,
    id: i32,
) -> Result<home_message::Model, AppError> {
    home_message::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|m| covers(scope, m.academy_code.as_deref()))
        .ok_or(AppError::NotFound)
}
