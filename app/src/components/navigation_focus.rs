//! Where the keyboard focus goes after an in-app navigation (the router changes the page
//! without the browser's own reset of the focus): to the new page's title, or, when only
//! the selection of a cascade changed (`?…` of the same page), to the new level's heading;
//! the registration form ("Valider", "Modifier") starts on its first field, or on the offer
//! to resume a kept draft when there is one. A link that was clicked for one choice never
//! keeps the focus for the next.

use leptos::prelude::*;

/// The headings a cascade's new level starts with, the first one present wins (the page's
/// title when it has neither).
const LEVEL_HEADINGS: [&str; 3] = ["#choix-niveau", "#informations-disponibles", "main h1"];

/// Where the wizard starts: the kept draft's offer, else the first field one can fill.
const WIZARD_START: [&str; 2] = [
    ".draft-offer .button",
    ".wizard__panel :is(input, select, textarea):not([readonly]):not([disabled]):not([type='hidden'])",
];

/// Whether `path` is a page of the wizard (a new candidature or a modification).
fn opens_wizard(path: &str) -> bool {
    path == "/m-inscrire/formulaire"
        || path
            .strip_prefix("/mes-inscriptions/")
            .is_some_and(|rest| rest.ends_with("/modifier"))
}

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
            // The wizard's page has its title before the wizard arrives: its field is
            // waited for, the title taken only if it never comes.
            Some((path, _)) if path != now.0 && opens_wizard(&now.0) => {
                focus_when_rendered(&WIZARD_START, "main h1");
            }
            Some((path, _)) if path != now.0 => focus_when_rendered(&["main h1"], "main h1"),
            Some((_, search)) if search != now.1 => {
                focus_when_rendered(&LEVEL_HEADINGS, "main h1");
            }
            Some(_) => {}
        }
    });
}

/// Focuses the first element of `selectors` once the new content is there: the page may
/// still be loading (a lazy page, a resource), so it looks again for up to two seconds,
/// for an element that was not there when the navigation began; then `fallback`. A person
/// who moved the focus meanwhile (tabbing on while the page loads) keeps it: the focus is
/// never taken back from them.
fn focus_when_rendered(selectors: &[&'static str], fallback: &'static str) {
    #[cfg(feature = "hydrate")]
    {
        let mut selectors = selectors.to_vec();
        let mut find = move |last_try: bool| {
            if last_try && !selectors.contains(&fallback) {
                selectors.push(fallback);
            }
            selectors
                .iter()
                .find_map(|s| document().query_selector(s).ok().flatten())
        };
        let before = find(false);
        let started = document().active_element();
        try_focus(find, before, started, 0);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (selectors, fallback);
}

/// Tries (50 ms apart) after which an element already there before the navigation will do.
#[cfg(feature = "hydrate")]
const SAME_AFTER: u32 = 8;
/// The last try, which takes the fallback.
#[cfg(feature = "hydrate")]
const LAST_TRY: u32 = 40;

#[cfg(feature = "hydrate")]
fn try_focus(
    mut find: impl FnMut(bool) -> Option<leptos::web_sys::Element> + 'static,
    before: Option<leptos::web_sys::Element>,
    started: Option<leptos::web_sys::Element>,
    tries: u32,
) {
    set_timeout(
        move || match find(tries >= LAST_TRY) {
            // The focus is on something else than where the navigation left it (or than
            // the page itself, once that was removed): the person moved it.
            _ if moved_on(started.as_ref()) => {}
            // A new element: the new page's.
            Some(el) if Some(&el) != before.as_ref() => focus(&el),
            // The same one after a while: a page that changed its text in place, or the old
            // page still shown while the new one loads (a lazy page's code on a slow
            // network). It gets the focus, and a new element that comes later takes it.
            Some(el) if tries >= SAME_AFTER => {
                if document().active_element().as_ref() != Some(&el) {
                    focus(&el);
                }
                if tries < LAST_TRY {
                    try_focus(find, before, Some(el), tries + 1);
                }
            }
            _ if tries < LAST_TRY => try_focus(find, before, started, tries + 1),
            _ => {}
        },
        std::time::Duration::from_millis(50),
    );
}

/// Moves the focus to `el` (made focusable by script if it is not).
#[cfg(feature = "hydrate")]
fn focus(el: &leptos::web_sys::Element) {
    use leptos::wasm_bindgen::JsCast;
    if !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Some(el) = el.dyn_ref::<leptos::web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Whether the focus is now on an element of the person's choosing: not where the
/// navigation started, and not the page's body (where it falls when that element goes).
#[cfg(feature = "hydrate")]
fn moved_on(started: Option<&leptos::web_sys::Element>) -> bool {
    let doc = document();
    match doc.active_element() {
        None => false,
        Some(now) => {
            Some(&now) != started
                && doc.body().is_none_or(|b| {
                    let body: &leptos::web_sys::Element = b.as_ref();
                    &now != body
                })
        }
    }
}
