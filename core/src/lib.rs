//! Smärtskolan's core: everything the patient's phone knows and decides.
//!
//! See `ARCHITECTURE.md` at the repository root for how the modules fit.

pub mod answers;
#[cfg(feature = "audio")]
pub mod audio;
pub mod clock;
pub mod content;
pub mod course;
pub mod error;
pub mod hlc;
pub mod keys;
pub mod messages;
pub mod practice;
pub mod reminders;
pub mod store;
pub mod summary;
pub mod sync;

pub use error::{Error, Result};
pub mod facade;

pub use facade::PainSchool;
