//! The clinician portal (issue 5): sign-in rules first. Each module holds
//! one rule set and no I/O, so it is tested with a fixed clock:
//!
//! - [`password`]: argon2id hashes of staff passwords;
//! - [`totp`]: the second factor (RFC 6238 codes, each accepted once) and
//!   its set-up QR code;
//! - [`recovery`]: one-time recovery codes for a lost second factor;
//! - [`session`]: when a signed-in session ends (idle and absolute limits).
//!
//! The web layer: [`routes`] (the one route table), [`web`] (router, guard,
//! headers, cookies), [`signin`] (the sign-in pages), [`pages`] and
//! [`texts`] (templates and their Swedish and English words); the pages:
//! [`patient_page`], [`mailbox`] (the team mailbox), [`staff`] (staff
//! admin and one's own account), [`access_log`]; [`drafts`] keeps a reply
//! posted after the session ended.
//!
//! Enrolment and the course: [`enrol`] (the form), [`letter`] (the
//! printable activation letter and its QR code), [`pacing`] (pace, access
//! and visits on the patient page), [`checkin_chart`] (the weekly check-in
//! as SVG) and [`texts_enrol`] (their words).

pub mod access_log;
pub mod checkin_chart;
pub mod drafts;
pub mod enrol;
pub mod letter;
pub mod mailbox;
pub mod pacing;
pub mod pages;
pub mod password;
pub mod patient_page;
pub mod patient_view;
pub mod patients;
pub mod queue;
pub mod recovery;
pub mod routes;
pub mod session;
pub mod signin;
pub mod staff;
pub mod static_files;
pub mod summary;
pub mod texts;
pub mod texts_enrol;
pub mod totp;
pub mod web;
pub mod when;

pub use web::router;
