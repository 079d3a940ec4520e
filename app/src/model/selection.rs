//! The cascading catalog selection of "Ouverture des services" (and later "M'inscrire"),
//! as it lives in the page's URL.

use crate::domain::CatalogCode;
use serde::{Deserialize, Serialize};

/// The levels of the selection, in the order a person chooses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Autres examens (G01) or Autres certifications (G02).
    Domain,
    /// The exam or certification.
    Exam,
    /// The speciality (secteur disciplinaire).
    Speciality,
    /// The académie and the session year, chosen together.
    AcademySession,
}

impl Level {
    /// The heading above the choices of this level.
    pub fn title_fr(self) -> &'static str {
        match self {
            Self::Domain => "Domaine",
            Self::Exam => "Examen ou certification",
            Self::Speciality => "Spécialité (secteur disciplinaire)",
            Self::AcademySession => "Académie et session",
        }
    }
}

/// What has been chosen so far. Levels are contiguous: a level is only kept when every
/// level before it is chosen too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Selection {
    pub domain: Option<CatalogCode>,
    pub exam: Option<CatalogCode>,
    pub speciality: Option<CatalogCode>,
    pub academy: Option<CatalogCode>,
    pub session: Option<i32>,
}

/// The URL query keys, in level order.
const KEYS: [&str; 5] = ["domaine", "examen", "specialite", "academie", "session"];

impl Selection {
    /// Reads the selection from URL query values (`get("domaine")`…). Unreadable values and
    /// every level after them are dropped, so a hand-edited URL falls back to a valid step.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let code = |key: &str| get(key).and_then(|v| CatalogCode::parse(&v).ok());
        let mut s = Selection::default();
        s.domain = code(KEYS[0]);
        s.exam = s.domain.as_ref().and(code(KEYS[1]));
        s.speciality = s.exam.as_ref().and(code(KEYS[2]));
        let academy = s.speciality.as_ref().and(code(KEYS[3]));
        let session = academy
            .as_ref()
            .and(get(KEYS[4]))
            .and_then(|v| v.trim().parse::<i32>().ok())
            .filter(|y| (1900..=9999).contains(y));
        if session.is_some() {
            s.academy = academy;
            s.session = session;
        }
        s
    }

    /// The URL query for this selection (`?domaine=G02&examen=…`), or an empty string.
    pub fn to_query(&self) -> String {
        let session = self.session.map(|y| y.to_string());
        let values = [
            self.domain.as_ref().map(|c| c.as_str()),
            self.exam.as_ref().map(|c| c.as_str()),
            self.speciality.as_ref().map(|c| c.as_str()),
            self.academy.as_ref().map(|c| c.as_str()),
            session.as_deref(),
        ];
        let pairs: Vec<String> = KEYS
            .iter()
            .zip(values)
            .map_while(|(k, v)| v.map(|v| format!("{k}={v}")))
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The deepest level chosen, if any.
    pub fn depth(&self) -> Option<Level> {
        if self.session.is_some() {
            Some(Level::AcademySession)
        } else if self.speciality.is_some() {
            Some(Level::Speciality)
        } else if self.exam.is_some() {
            Some(Level::Exam)
        } else if self.domain.is_some() {
            Some(Level::Domain)
        } else {
            None
        }
    }

    /// The same selection with `level` and every level after it removed: where the ↩ of
    /// that level leads.
    pub fn before(&self, level: Level) -> Self {
        let mut s = self.clone();
        match level {
            Level::Domain => s = Selection::default(),
            Level::Exam => {
                s.exam = None;
                s.speciality = None;
                s.academy = None;
                s.session = None;
            }
            Level::Speciality => {
                s.speciality = None;
                s.academy = None;
                s.session = None;
            }
            Level::AcademySession => {
                s.academy = None;
                s.session = None;
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Selection {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Selection::from_query(|k| map.get(k).cloned())
    }

    fn code(s: &str) -> Option<CatalogCode> {
        Some(CatalogCode::parse(s).unwrap())
    }

    #[test]
    fn reads_and_writes_the_whole_selection() {
        let q = [
            ("domaine", "G02"),
            ("examen", "CCPE1D"),
            ("specialite", "ARTSCINE"),
            ("academie", "VERSAILLES"),
            ("session", "2027"),
        ];
        let s = parse(&q);
        assert_eq!(s.depth(), Some(Level::AcademySession));
        assert_eq!(
            s.to_query(),
            "?domaine=G02&examen=CCPE1D&specialite=ARTSCINE&academie=VERSAILLES&session=2027"
        );
    }

    #[test]
    fn a_missing_level_drops_the_levels_after_it() {
        let s = parse(&[("domaine", "G02"), ("specialite", "ARTSCINE")]);
        assert_eq!(s.domain, code("G02"));
        assert_eq!(s.speciality, None);
        assert_eq!(s.to_query(), "?domaine=G02");
    }

    #[test]
    fn an_unreadable_value_drops_its_level_and_the_next_ones() {
        let s = parse(&[
            ("domaine", "G02"),
            ("examen", "<script>"),
            ("specialite", "X"),
        ]);
        assert_eq!(s.depth(), Some(Level::Domain));
        let s = parse(&[
            ("domaine", "G02"),
            ("examen", "E"),
            ("specialite", "S"),
            ("academie", "VERSAILLES"),
            ("session", "deux-mille"),
        ]);
        assert_eq!(s.depth(), Some(Level::Speciality));
        assert_eq!(s.academy, None);
    }

    #[test]
    fn going_back_removes_the_level_and_the_following_ones() {
        let s = parse(&[
            ("domaine", "G02"),
            ("examen", "E"),
            ("specialite", "S"),
            ("academie", "A"),
            ("session", "2027"),
        ]);
        assert_eq!(
            s.before(Level::AcademySession).to_query(),
            "?domaine=G02&examen=E&specialite=S"
        );
        assert_eq!(
            s.before(Level::Speciality).to_query(),
            "?domaine=G02&examen=E"
        );
        assert_eq!(s.before(Level::Exam).to_query(), "?domaine=G02");
        assert_eq!(s.before(Level::Domain).to_query(), "");
        assert_eq!(s.before(Level::Domain).depth(), None);
    }

    #[test]
    fn empty_selection_has_no_query() {
        assert_eq!(Selection::default().to_query(), "");
        assert_eq!(parse(&[]).depth(), None);
    }
}
