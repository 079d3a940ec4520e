//! Typed ids for the rows that cross modules: an account's id cannot be passed where a
//! candidature's is expected. Each converts to the column value it is stored as.

use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl From<$name> for sea_orm::Value {
            fn from(id: $name) -> Self {
                id.0.into()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A candidate's account (staff members have [`StaffId`]).
    AccountId
);
typed_id!(
    /// A staff member (gestionnaire or administrateur).
    StaffId
);
typed_id!(
    /// A candidature.
    CandidatureId
);
typed_id!(
    /// A published document.
    DocumentId
);
