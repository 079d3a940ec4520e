//! The pages fetched by the browser only when they are opened (lazy routes): the forms of
//! the account, the registration wizard and the documents. Each is cut out of the main
//! bundle into its own chunk by `tools/wasm-split`, so a visitor of the home page or of
//! "Ouverture des services" downloads and compiles none of them; the server still renders
//! every page in full, and asks the browser to preload the chunk of the page it sends.
//!
//! `#[lazy_route]` expands to the splitter's imports, which are `unsafe extern` blocks
//! (macro output, which the workspace's `unsafe_code` lint does not see): this module holds
//! nothing else.

use crate::pages::{account, documents, legal, pieces, registration, staff};
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// Declares `$route`, a lazy route showing the page component `$page`.
macro_rules! lazy_page {
    ($($route:ident => $page:path;)*) => {$(
        #[doc = concat!("The lazy route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                $page().into_any()
            }
        }
    )*};
}

lazy_page! {
    CreateAccount => account::CreateAccountPage;
    SignIn => account::SignInPage;
    Activate => account::ActivatePage;
    ForgotPassword => account::ForgotPasswordPage;
    ResetPassword => account::ResetPasswordPage;
    ConfirmEmail => account::ConfirmEmailPage;
    MyAccount => account::MyAccountPage;
    Register => registration::RegisterPage;
    NewRegistration => registration::NewRegistrationPage;
    Candidature => registration::CandidaturePage;
    ModifyCandidature => registration::ModifyCandidaturePage;
    MyDocuments => documents::MyDocumentsPage;
    CandidatureDocuments => documents::CandidatureDocumentsPage;
    VerifyDocument => documents::VerifyDocumentPage;
    MyPieces => pieces::MyPiecesPage;
    Accessibility => legal::AccessibilityPage;
    PersonalData => legal::PersonalDataPage;
    LegalNotice => legal::LegalNoticePage;
    StaffSignIn => staff::StaffSignInPage;
    StaffEnrolment => staff::EnrolmentPage;
    StaffCandidates => staff::CandidatesPage;
    StaffDossier => staff::DossierPage;
    StaffMembers => staff::PersonnelsPage;
    StaffJournal => staff::JournalPage;
    StaffMessages => staff::MessagesPage;
    StaffPieces => staff::PiecesPage;
    StaffPiece => staff::PiecePage;
    StaffPieceCatalog => staff::PieceCatalogPage;
    StaffNational => staff::NationalPage;
    StaffOffers => staff::OffersPage;
    StaffOffer => staff::OfferPage;
    StaffConvocations => staff::ConvocationsPage;
    StaffOfferConvocations => staff::OfferConvocationsPage;
    StaffOfferImport => staff::OfferImportPage;
}
