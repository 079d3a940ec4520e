//! What crosses the wire between server and browser. Never a database entity.

pub mod account;
pub mod catalog;
pub mod catalog_edit;
pub mod convocations;
pub mod documents;
pub mod fields;
pub mod home;
pub mod journal;
pub mod legal;
pub mod pieces;
pub mod posted;
pub mod recap;
pub mod registration;
pub mod selection;
pub mod staff;
pub mod staff_members;

pub use account::{
    AccountForm, AccountFormLists, ActivationForm, EmailChangeForm, FieldError, ListOption,
    MyAccount, NewPasswordForm, ServiceContact, SignInForm, Viewer,
};
pub use catalog::{Choice, LevelChoices, OfferLine, OfferList, ServicesView, SummaryItem};
pub use home::HomeMessage;
pub use posted::Posted;
pub use registration::{
    CandidatureLine, ChoiceGroup, ChosenOffer, DraftInfo, DraftLine, DraftRequest, EpreuveCatalog,
    EpreuveInfo, EpreuveKind, ExtraLabels, IdentitySummary, MyCandidatures, OfferSummary,
    RegisterView, RegistrationForm, SaveRequest, SavedCandidature, Tab, Wizard, WizardLists,
    version_fr,
};
pub use selection::{Level, Selection};
