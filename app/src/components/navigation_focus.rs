//! Where the keyboard focus goes after an in-app navigation (the router changes the page
//! without the browser's own reset of the focus): to the new page's title, or, when only
//! the selection of a cascade changed (`?…` of the same page), to the new level's heading.
//! A link that was clicked for one choice never keeps the focus for the next.

use leptos::prelude::*;

/// The headings a cascade's new level starts with, the first one present wins.
const LEVEL_HEADINGS: [&str; 2] = ["#choix-niveau", "#informations-disponibles"];

/// Watches the location from the router's scope; the first page (a full load) is left to
/// the browser.
pub fn follow_navigation() {
    let location = leptos_router::hooks::use_location();
    let last = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        let now = (location.pathname.get(), location.search.get());
        let before = last.get_value();
        last.set_value(Some(now.clone()));
        match before {
            None => {}
            Some((path, _)) if path != now.0 => focus_when_rendered(&["main h1"]),
            Some((_, search)) if search != now.1 => {
                let mut targets = LEVEL_HEADINGS.to_vec();
                targets.push("main h1");
                focus_when_rendered(&targets);
            }
            Some(_) => {}
        }
    });
}

/// Focuses the first element of `selectors` once the new content is there: the page may
/// still be loading (a lazy page, a resource), so it looks again for up to two seconds,
/// for an element that was not there when the navigation began.
fn focus_when_rendered(selectors: &[&'static str]) {
    #[cfg(feature = "hydrate")]
    {
        let selectors = selectors.to_vec();
        let find = move || {
            selectors
                .iter()
                .find_map(|s| document().query_selector(s).ok().flatten())
        };
        let before = find();
        try_focus(find, before, 0);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = selectors;
}

#[cfg(feature = "hydrate")]
fn try_focus(
    find: impl Fn() -> Option<leptos::web_sys::Element> + 'static,
    before: Option<leptos::web_sys::Element>,
    tries: u32,
) {
    use leptos::wasm_bindgen::JsCast;
    set_timeout(
        move || match find() {
            // A new element, or the same one once the page had time to change its text.
            Some(el) if Some(&el) != before.as_ref() || tries >= 8 => {
                if !el.has_attribute("tabindex") {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
            _ if tries < 40 => try_focus(find, before, tries + 1),
            _ => {}
        },
        std::time::Duration::from_millis(50),
    );
}
