//! The clinician portal (issue 5): sign-in rules first. Each module holds
//! one rule set and no I/O, so it is tested with a fixed clock:
//!
//! - [`password`]: argon2id hashes of staff passwords;
//! - [`totp`]: the second factor (RFC 6238 codes, each accepted once) and
//!   its set-up QR code;
//! - [`recovery`]: one-time recovery codes for a lost second factor;
//! - [`session`]: when a signed-in session ends (idle and absolute limits).

pub mod password;
pub mod recovery;
pub mod session;
pub mod totp;
