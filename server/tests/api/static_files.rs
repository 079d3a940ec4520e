use crate::on_both_databases;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};

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
        let (status, _) = app.get("/pkg/../../../etc/passwd").await;
        assert_ne!(status, StatusCode::OK);
        let (status, _) = app.get("/pkg/%2e%2e/%2e%2e/cyclades.db").await;
        assert_ne!(status, StatusCode::OK);
    }
}
