//! Server function of the Journal page (REQUIREMENTS S1, checklist line 31): administrators
//! only; the rows of every académie (the journal is the portal's, not an académie's).

use crate::error::AppError;
use crate::model::journal::{JournalPage, JournalQuery};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the journal, filtered.
#[server(prefix = "/api", endpoint = "staff_journal", input = GetUrl)]
pub async fn load_journal(#[server(default)] query: JournalQuery) -> Result<JournalPage, AppError> {
    use crate::server::services::staff::audit;
    use crate::server::{identity, identity::Need, state::app_state};
    async {
        let state = app_state()?;
        identity::require_staff(&state, Need::Administrateur).await?;
        audit::page(&state, &query).await
    }
    .await
    .map_err(AppError::respond)
}
