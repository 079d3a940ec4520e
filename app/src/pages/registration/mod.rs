//! Registration (R1-R11): "M'inscrire", the six-tab wizard, "Mes inscriptions" and the
//! récapitulatif of a candidature.

pub mod candidature;
pub mod epreuves;
pub mod identification;
pub mod my_registrations;
pub mod numero;
pub mod recap;
pub mod register;
pub mod situation;
pub mod visualiser;
pub mod wizard;

pub use candidature::{CandidaturePage, ModifyCandidaturePage};
pub use my_registrations::MyRegistrationsPage;
pub use register::{NewRegistrationPage, RegisterPage};
