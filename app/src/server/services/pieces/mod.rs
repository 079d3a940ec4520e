//! Pièces justificatives (REQUIREMENTS J1-J5, S6; issue 14): what a deposited file must be
//! before it is kept (`file_check`). The deposit, storage, scan and control come next.

pub mod file_check;
