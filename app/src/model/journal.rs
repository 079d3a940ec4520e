//! The Journal page on the wire (REQUIREMENTS S1, checklist line 31): its filters, as the
//! address carries them, and a page of rows.

use crate::model::staff::JournalLine;
use serde::{Deserialize, Serialize};

/// The Journal's filters (`?qui=&action=&objet=&du=&au=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JournalQuery {
    /// A staff member's address (or part of it), or `cli`.
    pub who: String,
    /// An action or the start of one (`candidature.`, `connexion`).
    pub action: String,
    /// Part of the subject (`candidature:…`, `staff:…`).
    pub subject: String,
    /// dd/mm/yyyy, Paris, included.
    pub from: String,
    pub to: String,
    /// From 1.
    pub page: u32,
}

impl JournalQuery {
    const KEYS: [&'static str; 6] = ["qui", "action", "objet", "du", "au", "page"];

    /// The filters an address's query describes.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = Self {
            page: 1,
            ..Self::default()
        };
        for (k, v) in pairs {
            let v: String = v.chars().take(100).collect();
            match k {
                "qui" => q.who = v,
                "action" => q.action = v,
                "objet" => q.subject = v,
                "du" => q.from = v,
                "au" => q.to = v,
                "page" => q.page = v.parse().unwrap_or(1).max(1),
                _ => {}
            }
        }
        q
    }

    /// The query string of these filters at `page`.
    pub fn to_query(&self, page: u32) -> String {
        let page = page.to_string();
        let values = [
            self.who.as_str(),
            self.action.as_str(),
            self.subject.as_str(),
            self.from.as_str(),
            self.to.as_str(),
            if page == "1" { "" } else { page.as_str() },
        ];
        Self::KEYS
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::domain::text::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The names of the address's parameters.
    pub fn keys() -> [&'static str; 6] {
        Self::KEYS
    }
}

/// One page of the journal, newest first, with the count of the selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalPage {
    pub rows: Vec<JournalLine>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_from_their_address() {
        let q = JournalQuery {
            who: "gestion@ac-versailles.fr".into(),
            action: "candidature.".into(),
            subject: String::new(),
            from: "01/12/2026".into(),
            to: "07/12/2026".into(),
            page: 2,
        };
        let text = q.to_query(2);
        let decoded: Vec<(String, String)> = text
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), v.replace("%40", "@").replace("%2F", "/"))
            })
            .collect();
        let back = JournalQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, q);
    }
}
