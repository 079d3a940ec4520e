//! The candidate's account: creation, activation, sign-in, reset, "Modifier mon compte",
//! and the candidate's home with the menu of the guide.

pub mod activate;
pub mod candidate_home;
pub mod create;
pub mod details;
pub mod forgot;
pub mod my_account;
pub mod reset;
pub mod sign_in;

pub use activate::{ActivatePage, ConfirmEmailPage};
pub use candidate_home::CandidateHomePage;
pub use create::CreateAccountPage;
pub use forgot::ForgotPasswordPage;
pub use my_account::MyAccountPage;
pub use reset::ResetPasswordPage;
pub use sign_in::SignInPage;
