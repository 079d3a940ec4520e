//! Pièces justificatives (REQUIREMENTS J1-J5, S6; issue 14): the pieces asked of a
//! candidature and where each stands (`requested`, `history`), the rules every change
//! starts from (`asked`), what a deposited file must be (`file_check`), "Ajouter" and
//! delete (`receiving`, `deposit`), "J'ai fourni toutes mes pièces" (`confirm`), the
//! antivirus job (`scan`), the file served (`served`), the staff's control (`control`), and
//! the demande and relance documents (`demande`), the pieces asked per offer (`catalog`).

pub mod asked;
pub mod catalog;
pub mod confirm;
pub mod control;
pub mod demande;
pub mod deposit;
pub mod file_check;
pub mod history;
pub mod receiving;
pub mod requested;
pub mod scan;
pub mod served;
