//! "Personnels" on the wire (REQUIREMENTS S1): the staff members an administrator manages,
//! the invitation form as typed, and the changes made to a member.

use crate::model::staff::FilterChoice;
use serde::{Deserialize, Serialize};

/// A staff member as "Personnels" lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLine {
    pub id: uuid::Uuid,
    pub email: String,
    /// `administrateur` or `gestionnaire`.
    pub role: String,
    pub role_label: String,
    /// Codes; empty: every académie.
    pub academies: Vec<String>,
    /// "Actif depuis le …", "Invité le …", "Désactivé le …".
    pub state: String,
    pub disabled: bool,
    /// The administrator looking at the list (never changed from it).
    pub yourself: bool,
}

/// "Personnels": the members, and what the administrator may grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDirectory {
    pub members: Vec<StaffLine>,
    pub academies: Vec<FilterChoice>,
    /// Whether "Toutes les académies" may be granted (an administrator of all of them).
    pub can_grant_all: bool,
}

/// "Inviter un membre du personnel", as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    pub email: String,
    pub role: String,
    /// Codes; none: every académie.
    pub academies: Vec<String>,
}

/// A change to a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChange {
    pub id: uuid::Uuid,
    pub action: StaffAction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffAction {
    /// New role and académies (their sessions end).
    Grant {
        role: String,
        academies: Vec<String>,
    },
    /// A new enrolment link, mailed (the old factor works until the new one is confirmed).
    ResetFactor,
    /// Refused at sign-in from now on, every session ended.
    Disable,
}
