//! Documents (D1-D3): published in the transaction that causes them, rendered to PDF by
//! the server's background renderer (which retries until the PDF exists), listed and
//! fetched by their owner, verified by anyone holding the code printed on them.

pub mod data;
pub mod listing;
pub mod publish;
pub mod rendered;
pub mod verify;

pub use data::DocumentData;
pub use publish::publish;
