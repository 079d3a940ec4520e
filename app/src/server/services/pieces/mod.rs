//! Pièces justificatives (REQUIREMENTS J1-J5, S6; issue 14): what a deposited file must be
//! before it is kept (`file_check`), and the pieces asked of a candidature with where each
//! stands (`requested`). The deposit, the storage, the scan and the control come next.

pub mod file_check;
pub mod requested;
