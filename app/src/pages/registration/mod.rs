//! Registration (R1-R11): "M'inscrire", the six-tab wizard, "Mes inscriptions" and the
//! récapitulatif of a candidature.

pub mod candidature;
pub mod context;
pub mod my_registrations;
pub mod navigation;
pub mod register;
pub mod tabs;
pub mod visualiser;
pub mod wizard;

pub use candidature::{CandidaturePage, ModifyCandidaturePage};
pub use my_registrations::MyRegistrationsPage;
pub use register::{NewRegistrationPage, RegisterPage};
