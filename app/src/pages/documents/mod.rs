//! "Mes documents" (D2), "Les formulaires" (D4) and the public "Vérifier un document".

pub mod candidature_documents;
pub mod forms;
pub mod my_documents;
pub mod verify;

pub use candidature_documents::CandidatureDocumentsPage;
pub use forms::FormsPage;
pub use my_documents::MyDocumentsPage;
pub use verify::VerifyDocumentPage;
