//! Parse-checked value types, compiled for the browser and the server alike.

pub mod account;
pub mod birth_date;
pub mod catalog_code;
pub mod departement;
pub mod email;
pub mod epreuve_rules;
pub mod home_message;
pub mod local_time;
pub mod password;
pub mod period;
pub mod person_name;
pub mod phone;
pub mod postal_code;
pub mod registration;
pub mod return_path;
pub mod staff;
pub mod text;
pub mod uai;
pub mod verification_code;

pub use birth_date::{BirthDate, BirthDateError};
pub use catalog_code::CatalogCode;
pub use departement::DepartementCode;
pub use email::{Email, EmailError};
pub use local_time::LocalDateTime;
pub use password::{Password, PasswordError, PasswordPolicy};
pub use period::{PeriodState, RegistrationPeriod};
pub use person_name::{ConfirmationMismatch, PersonName, PersonNameError, confirm};
pub use phone::{Phone, PhoneError};
pub use postal_code::{PostalCode, PostalCodeError};
pub use return_path::ReturnPath;
pub use staff::{Scope, StaffRole};
pub use uai::{Uai, UaiError};
pub use verification_code::VerificationCode;
