//! The course bundle: its typed model, the loader and the validator.
//!
//! The format is documented in `docs/content-format.md`.

mod error;
mod load;
mod model;
mod reader;

pub use error::{BundleError, ContentError, ContentErrorReason};
pub use load::{ContentBundle, Verify};
pub use model::*;
