//! What crosses the wire between server and browser. Never a database entity.

pub mod account;
pub mod catalog;
pub mod home;
pub mod selection;

pub use account::{
    AccountForm, AccountFormLists, EmailChangeForm, FieldError, ListOption, MyAccount,
    NewPasswordForm, ServiceContact, SignInForm, Viewer,
};
pub use catalog::{Choice, LevelChoices, OfferLine, OfferList, ServicesView, SummaryItem};
pub use home::HomeMessage;
pub use selection::{Level, Selection};
