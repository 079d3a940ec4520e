//! The `:id` of a page's address (`/mes-inscriptions/<id>`), read as a UUID.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// The route's `id`, or `None` when it does not read as a UUID (the page then answers
/// "not found", as for an id that is not the candidate's).
pub fn use_route_id() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| Uuid::parse_str(&v).ok())
    })
}
