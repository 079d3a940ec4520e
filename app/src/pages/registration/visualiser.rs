//! "Visualiser/imprimer" (R2, D1): the PDF of the confirmation or récapitulatif once the
//! candidature is saved (in a new tab); before that, the printable récapitulatif of the page
//! (the print stylesheet keeps the récapitulatif only).

use crate::model::documents::DocumentLine;
use leptos::prelude::*;

#[component]
pub fn Visualiser(#[prop(into)] document: Signal<Option<DocumentLine>>) -> impl IntoView {
    move || match document.get() {
        Some(d) => view! {
            <a class="button button--secondary" href=d.href() target="_blank" rel="noopener">
                "Visualiser/imprimer"
                <span class="sr-only">" (PDF, nouvelle fenêtre)"</span>
            </a>
        }
        .into_any(),
        None => view! {
            <button type="button" class="button button--secondary" on:click=move |_| print()>
                "Visualiser/imprimer"
            </button>
        }
        .into_any(),
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    let _ = leptos::prelude::window().print();
}
