use crate::on_both_databases;
use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE};

on_both_databases! {
    async fn the_bundle_is_served_precompressed(app) {
        let pkg = app.site_root.join("pkg");
        std::fs::write(pkg.join("cyclades.js"), "export function hydrate() {}").unwrap();
        std::fs::write(pkg.join("cyclades.js.br"), b"brotli bytes").unwrap();
        std::fs::write(pkg.join("cyclades.js.gz"), b"gzip bytes").unwrap();
        let url = format!("{}/pkg/cyclades.js", app.base);

        let br = app.client.get(&url).header(ACCEPT_ENCODING, "gzip, br").send().await.unwrap();
        assert_eq!(br.status(), StatusCode::OK);
        assert_eq!(br.headers()[CONTENT_ENCODING], "br");
        assert!(br.headers()[CONTENT_TYPE].to_str().unwrap().contains("javascript"));
        assert_eq!(br.text().await.unwrap(), "brotli bytes");

        let gz = app.client.get(&url).header(ACCEPT_ENCODING, "gzip").send().await.unwrap();
        assert_eq!(gz.headers()[CONTENT_ENCODING], "gzip");

        let plain = app.client.get(&url).send().await.unwrap();
        assert!(plain.headers().get(CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()["x-content-type-options"], "nosniff");
        assert_eq!(plain.text().await.unwrap(), "export function hydrate() {}");
    }

    async fn files_outside_the_site_cannot_be_reached(app) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // A file two folders above /pkg (where the SQLite database also sits).
        let secret = app.site_root.join("../secret.txt");
        std::fs::write(&secret, "TOP-SECRET").unwrap();
        let addr = app.base.trim_start_matches("http://").to_owned();
        for path in ["/pkg/../../secret.txt", "/pkg/..%2f..%2fsecret.txt", "/pkg/%2e%2e/%2e%2e/secret.txt", "/../secret.txt", "/pkg/....//....//secret.txt"] {
            // Sent as raw bytes: an HTTP client would fold the dots before sending.
            let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
            let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut response = Vec::new();
            stream.read_to_end(&mut response).await.unwrap();
            let response = String::from_utf8_lossy(&response);
            assert!(!response.starts_with("HTTP/1.1 200"), "{path}: {}", &response[..response.len().min(200)]);
            assert!(!response.contains("TOP-SECRET"), "{path} served a file outside the site");
        }
    }

    async fn pages_and_files_answered_at_once_keep_their_own_headers(app) {
        // The pages a browser loads and the favicon it fetches beside each, several at a time.
        // (leptos_axum's file handler answered the file under another request's page and took
        // that page's headers: pages lost their Content Security Policy, so their scripts were
        // blocked, and the favicon got the 404 page's status; some renders panicked.)
        std::fs::write(app.site_root.join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let paths = ["/", "/favicon.svg", "/connexion", "/nulle-part", "/mot-de-passe-oublie"];
        let answers: Vec<(&str, StatusCode, String)> = futures_util::stream::iter(0..500)
            .map(|i| {
                let path = paths[i % paths.len()];
                let request = app.client.get(format!("{}{path}", app.base)).send();
                async move {
                    let response = request.await.unwrap();
                    let policy = response.headers().get(CONTENT_SECURITY_POLICY)
                        .map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
                    (path, response.status(), policy)
                }
            })
            .buffer_unordered(8)
            .collect()
            .await;
        for (path, status, policy) in answers {
            let expected = match path {
                "/nulle-part" => StatusCode::NOT_FOUND,
                _ => StatusCode::OK,
            };
            assert_eq!(status, expected, "{path}");
            if path == "/favicon.svg" {
                assert_eq!(policy, app::server::headers::FALLBACK, "{path}");
            } else {
                assert!(policy.contains("script-src 'self' 'nonce-"), "{path}: {policy}");
            }
        }
    }
}
