//! Parse-checked value types, compiled for the browser and the server alike.

pub mod catalog_code;
pub mod local_time;
pub mod period;

pub use catalog_code::CatalogCode;
pub use local_time::LocalDateTime;
pub use period::{PeriodState, RegistrationPeriod};
