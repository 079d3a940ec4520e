//! Cross-site request refusal (checklist line 18). Leptos has no CSRF protection of its
//! own: every request that may change state (anything but GET, HEAD, OPTIONS) must come
//! from the portal's own pages, as the browser tells with `Sec-Fetch-Site` and `Origin`:
//! the origin must be the configured public one, scheme included (`http://` pages of the
//! same host cannot post to the `https://` portal). Requests with neither header (curl,
//! scripts) carry no browser cookies of a victim and pass. A header sent twice, or that is
//! not text, is refused (fail closed: which of two values would a proxy have read?). The
//! session cookie is also SameSite=Lax, and server functions take JSON.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins a state-changing request may come from.
#[derive(Debug, Clone)]
pub struct Origins {
    /// `https://cyclades.example.fr` (scheme, host and port of the public address).
    public: String,
}

impl Origins {
    /// From the configured public address (`[accounts] public-url`).
    pub fn new(public_url: &str) -> Self {
        let public = match public_url.find("://") {
            Some(i) => {
                let rest = &public_url[i + 3..];
                let end = rest.find('/').unwrap_or(rest.len());
                format!("{}{}", &public_url[..i + 3], &rest[..end]).to_ascii_lowercase()
            }
            None => public_url.to_ascii_lowercase(),
        };
        Self { public }
    }

    fn allows(&self, origin: &str) -> bool {
        origin.eq_ignore_ascii_case(&self.public)
    }
}

/// Whether a request with these headers comes from another site.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, origins: &Origins) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    // The header's one value; Err when it is there twice or is not text.
    let one = |name| -> Result<Option<&str>, ()> {
        let mut values = headers.get_all(name).iter();
        let first = values.next();
        if values.next().is_some() {
            return Err(());
        }
        first.map(|v| v.to_str().map_err(|_| ())).transpose()
    };
    let (Ok(site), Ok(origin)) = (
        one(header::HeaderName::from_static("sec-fetch-site")),
        one(header::ORIGIN),
    ) else {
        return true;
    };
    if let Some(site) = site
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    match origin {
        Some(origin) => !origins.allows(origin),
        None => false,
    }
}

/// The middleware: 403 with the portal's error (`cross_site`) as JSON.
pub async fn refuse_cross_site(
    axum::extract::State(origins): axum::extract::State<std::sync::Arc<Origins>>,
    request: Request,
    next: Next,
) -> Response {
    if is_cross_site(request.method(), request.headers(), &origins) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        let body = serde_json::to_string(&app::error::AppError::CrossSite).unwrap_or_default();
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    fn portal() -> Origins {
        Origins::new("https://cyclades.fr/")
    }

    #[test]
    fn posts_from_another_site_are_refused() {
        let post = Method::POST;
        let o = portal();
        assert!(is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &o
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "same-site")]),
            &o
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "https://evil.example"), ("host", "cyclades.fr")]),
            &o
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "null"), ("host", "cyclades.fr")]),
            &o
        ));
        // Same host, other scheme: a page served over plain http is another origin.
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "http://cyclades.fr"), ("host", "cyclades.fr")]),
            &o
        ));
        // A Host header the attacker chose does not make its origin the portal's.
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "https://evil.example"), ("host", "evil.example")]),
            &o
        ));
        // Sec-Fetch-Site says same-origin, but the origin is not the portal's.
        assert!(is_cross_site(
            &post,
            &headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "https://evil.example")
            ]),
            &o
        ));
    }

    #[test]
    fn a_header_sent_twice_or_not_text_is_refused() {
        let o = portal();
        let mut twice = headers(&[("origin", "https://cyclades.fr")]);
        twice.append("origin", "https://evil.example".parse().unwrap());
        assert!(is_cross_site(&Method::POST, &twice, &o));
        let mut sites = headers(&[("sec-fetch-site", "same-origin")]);
        sites.append("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(is_cross_site(&Method::POST, &sites, &o));
        let mut binary = HeaderMap::new();
        binary.insert(
            "origin",
            header::HeaderValue::from_bytes(b"https://cyclades.fr\xff").unwrap(),
        );
        assert!(is_cross_site(&Method::POST, &binary, &o));
    }

    #[test]
    fn the_portals_own_requests_and_reads_pass() {
        let post = Method::POST;
        let o = portal();
        assert!(!is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")]),
            &o
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[("origin", "https://cyclades.fr"), ("host", "cyclades.fr")]),
            &o
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[("origin", "HTTPS://Cyclades.fr")]),
            &o
        ));
        assert!(!is_cross_site(&post, &headers(&[]), &o));
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &o
        ));
    }
}
