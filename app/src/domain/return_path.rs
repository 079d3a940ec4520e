//! Where "Se connecter" brings a candidate back to: the page of the portal that sent them
//! to sign in (a candidature opened from a mail, a PDF link). Only a path of this site is
//! ever followed, so the parameter cannot send anyone elsewhere (no open redirect).

/// The name of the sign-in page's parameter: `/connexion?retour=%2Fmes-inscriptions%2F…`.
pub const PARAMETER: &str = "retour";

/// Longest path kept (ours are far shorter).
const MAX_LEN: usize = 512;

/// A path of this site, with its query: starts with one `/`, holds only the characters
/// of our own addresses, and is not the sign-in page itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnPath(String);

impl ReturnPath {
    /// Reads a decoded `retour` value; `None` for anything that is not a local path.
    pub fn parse(value: &str) -> Option<Self> {
        let local = value.starts_with('/') && !value.starts_with("//");
        let plain = value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/?=&".contains(&b));
        let loops = value == "/connexion"
            || value.starts_with("/connexion?")
            || value.starts_with("/connexion/");
        (local && plain && !loops && value.len() <= MAX_LEN).then(|| Self(value.to_owned()))
    }

    /// The sign-in page, asked to come back to `self` afterwards.
    pub fn sign_in(&self) -> String {
        let mut url = format!("/connexion?{PARAMETER}=");
        for c in self.0.chars() {
            match c {
                '/' => url.push_str("%2F"),
                '?' => url.push_str("%3F"),
                '=' => url.push_str("%3D"),
                '&' => url.push_str("%26"),
                c => url.push(c),
            }
        }
        url
    }

    /// The sign-in page for a request of `path` and `query` (the query without its `?`).
    pub fn sign_in_from(path: &str, query: &str) -> String {
        let target = if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        };
        Self::parse(&target).map_or_else(|| "/connexion".to_owned(), |p| p.sign_in())
    }

    /// Whether the path is served by the server itself rather than by a page of the
    /// portal (a PDF): the browser must load it, the client router cannot show it.
    pub fn is_file(&self) -> bool {
        self.0.starts_with("/documents/")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portals_own_pages_are_kept() {
        for path in [
            "/mes-inscriptions/7d0c3c38-5f1e-4a43-9a55-0a3f7c1e2b10",
            "/documents/7d0c3c38-5f1e-4a43-9a55-0a3f7c1e2b10?telecharger=1",
            "/mes-documents",
        ] {
            assert_eq!(ReturnPath::parse(path).unwrap().as_str(), path);
        }
    }

    #[test]
    fn nothing_leads_off_the_site_or_back_to_sign_in() {
        for value in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "evil.example",
            "javascript:alert(1)",
            "/mes-documents\r\nSet-Cookie: x=1",
            "/connexion",
            "/connexion?retour=%2Fconnexion",
            "/connexion/",
            "/é",
        ] {
            assert_eq!(ReturnPath::parse(value), None, "{value:?}");
        }
        assert_eq!(ReturnPath::parse(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn the_sign_in_address_carries_the_path_encoded() {
        let path = ReturnPath::parse("/documents/abc?telecharger=1&x=2").unwrap();
        assert_eq!(
            path.sign_in(),
            "/connexion?retour=%2Fdocuments%2Fabc%3Ftelecharger%3D1%26x%3D2"
        );
        assert!(path.is_file());
        assert_eq!(
            ReturnPath::sign_in_from("/mes-inscriptions/abc", ""),
            "/connexion?retour=%2Fmes-inscriptions%2Fabc"
        );
        assert_eq!(ReturnPath::sign_in_from("//evil", ""), "/connexion");
    }
}
