//! The wizard's tabs, one file each; they read the wizard's context, never the wizard.

pub mod epreuves;
pub mod identification;
pub mod numero;
pub mod recap;
pub mod situation;

pub use epreuves::EpreuvesTab;
pub use identification::IdentificationTab;
pub use numero::NumeroTab;
pub use recap::Recap;
pub use situation::SituationTab;
