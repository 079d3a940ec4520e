//! Candidatures, read: whose, for which offer, their status, their versions, the N°
//! candidat and the answers as stored. A leaf: registration (which writes candidatures)
//! and documents (which publish and show them) both read them here, never through each
//! other; registration → documents (publishing on save) is the one way between those two.
//!
//! (Candidature, inscription, N° candidat: the guide's words, kept in French.)

pub mod answers;
pub mod offer;
mod read;

pub use answers::{StoredAnswers, from_json, to_json};
pub use read::{academy_codes, candidate_number, owned, version_of};

/// Where a candidature stands (`candidatures.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// "Inscrite": registered, shown to its candidate.
    Registered,
    /// "Désinscrite" by the service (S5): kept, no longer shown.
    Withdrawn,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "inscrite",
            Self::Withdrawn => "desinscrite",
        }
    }

    /// The status of a stored row (an unknown value reads as withdrawn: shown to nobody).
    pub fn of(stored: &str) -> Self {
        if stored == Self::Registered.as_str() {
            Self::Registered
        } else {
            Self::Withdrawn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn statuses_read_back_and_an_unknown_one_shows_nothing() {
        for s in [Status::Registered, Status::Withdrawn] {
            assert_eq!(Status::of(s.as_str()), s);
        }
        assert_eq!(Status::of("peut-être"), Status::Withdrawn);
    }
}
