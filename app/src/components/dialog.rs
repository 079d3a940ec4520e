//! Modal dialogs: while one is open, what is behind it can be neither focused nor read,
//! Tab and Shift+Tab go round its own buttons and links, and Escape closes it.

use leptos::prelude::*;

/// What can take the focus inside a dialog.
#[cfg(feature = "hydrate")]
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// A modal dialog titled by its element `title_id` (which takes the focus when it opens);
/// `behind` lists the page's parts made inert meanwhile (with the site's header, footer and
/// skip link). Escape runs `on_escape`.
#[component]
pub fn Modal(
    title_id: &'static str,
    behind: &'static [&'static str],
    on_escape: Callback<()>,
    children: Children,
) -> impl IntoView {
    Effect::new(move |_| {
        inert_behind(true, behind);
        crate::components::form::focus(title_id);
    });
    on_cleanup(move || inert_behind(false, behind));
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                on:keydown=move |ev| match ev.key().as_str() {
                    "Escape" => on_escape.run(()),
                    "Tab" => keep_tab_inside(&ev),
                    _ => {}
                }
            >
                {children()}
            </div>
        </div>
    }
}

/// Tab on the dialog's last focusable element goes to its first, Shift+Tab on the first
/// (or on the title) to the last: the focus never leaves the dialog for the browser's bar.
fn keep_tab_inside(ev: &leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{Element, HtmlElement};
        let Some(dialog) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            return;
        };
        let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
            return;
        };
        let items: Vec<HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            ev.prevent_default();
            return;
        };
        let active = document().active_element();
        let at = |el: &HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == el.unchecked_ref::<Element>())
        };
        let on_edge_back = at(first) || !items.iter().any(&at);
        if ev.shift_key() && on_edge_back {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// Makes the page's parts matching `selectors` inert (or live again), with the site's
/// header, footer and skip link.
fn inert_behind(on: bool, selectors: &[&str]) {
    #[cfg(feature = "hydrate")]
    for selector in [".skip-link", ".site-header", ".site-footer"]
        .iter()
        .chain(selectors)
    {
        if let Ok(Some(el)) = leptos::prelude::document().query_selector(selector) {
            let _ = if on {
                el.set_attribute("inert", "")
            } else {
                el.remove_attribute("inert")
            };
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (on, selectors);
}
