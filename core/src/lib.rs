//! Smärtskolan's core: everything the patient's phone knows and decides.
//!
//! See `ARCHITECTURE.md` at the repository root for how the modules fit.

pub mod clock;
pub mod content;
pub mod course;
