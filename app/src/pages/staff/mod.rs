//! The Espace gestionnaire (REQUIREMENTS S1, S4, S5, S6): its sign-in, the enrolment of a
//! staff member from their one-time link, "Candidats", a candidate's dossier, and the
//! control of pièces justificatives, the catalog (national lists, offers and periods), the convocations. Every page is a lazy route: a
//! candidate's browser never downloads them.

pub mod candidates;
pub mod convocations;
pub mod dossier;
pub mod enrolment;
pub mod fields;
pub mod frame;
pub mod identity;
pub mod journal;
pub mod messages;
pub mod national;
pub mod offer;
pub mod offer_convocations;
pub mod offer_import;
pub mod offers;
pub mod personnels;
pub mod piece;
pub mod piece_catalog;
pub mod pieces;
pub mod sign_in;

pub use candidates::CandidatesPage;
pub use convocations::ConvocationsPage;
pub use dossier::DossierPage;
pub use enrolment::EnrolmentPage;
pub use journal::JournalPage;
pub use messages::MessagesPage;
pub use national::NationalPage;
pub use offer::OfferPage;
pub use offer_convocations::OfferConvocationsPage;
pub use offer_import::OfferImportPage;
pub use offers::OffersPage;
pub use personnels::PersonnelsPage;
pub use piece::PiecePage;
pub use piece_catalog::PieceCatalogPage;
pub use pieces::PiecesPage;
pub use sign_in::StaffSignInPage;
