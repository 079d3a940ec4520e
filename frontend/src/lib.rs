//! The browser entry point: hydrates the page the server rendered.

/// Called by the hydration script once the WASM module is loaded. The pages behind lazy
/// routes live in their own chunks: hydration waits for the one the page needs (the server
/// asked the browser to preload it).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
