//! The Content Security Policy of a page (checklist line 19): scripts only from the portal
//! and, inline, only with the nonce Leptos draws for each response (its hydration script
//! carries it), `'wasm-unsafe-eval'` for the bundle; no plugins, no `<base>`, no framing,
//! forms posting only to the portal. Set by the shell while it renders, since the nonce is
//! drawn there; every other answer gets [`FALLBACK`] from the router.

use leptos::prelude::use_context;

/// The policy of a page rendered with `nonce`.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The policy of answers that are not pages (server functions, files): no script at all.
pub const FALLBACK: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Sets the page's policy on the response being rendered.
pub fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_need_the_nonce_and_nothing_frames_the_portal() {
        let p = policy("abc123");
        assert!(
            p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"),
            "{p}"
        );
        assert!(!p.contains("unsafe-inline"), "{p}");
        for part in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(p.contains(part), "{part} missing from {p}");
            assert!(FALLBACK.contains(part), "{part} missing from the fallback");
        }
    }
}
