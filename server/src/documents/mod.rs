//! Official documents (D1-D3): the Typst renderer in process, its background job, and the
//! route that hands a PDF to its owner.

pub mod batch_files;
pub mod download;
pub mod job;
pub mod pdf_text;
pub mod preview;
pub mod render;
pub mod sample;
pub mod world;

pub use render::{Render, Typst};
