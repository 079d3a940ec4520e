//! Modal dialogs: while one is open, what is behind it can be neither focused nor read.

/// Makes the page's parts matching `selectors` inert (or live again), with the site's
/// header, footer and skip link.
pub fn inert_behind(on: bool, selectors: &[&str]) {
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
