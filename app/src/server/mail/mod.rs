//! Mail (X4): messages rendered from templates in French, written into the outbox in the
//! same transaction as the change that causes them. The server's sender delivers them.

pub mod outbox;
pub mod templates;

pub use outbox::{Mail, enqueue};
