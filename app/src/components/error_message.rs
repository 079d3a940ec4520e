//! A server function's failure, as a person reads it.

use crate::error::AppError;
use leptos::prelude::*;

/// The French message of `error`, announced to screen readers.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    view! {
        <p class="alert alert-error" role="alert" data-code=error.code()>
            {error.message_fr()}
        </p>
    }
}
