//! `painschool-server`: the clinic's sync server. Phones activate with a
//! one-time code and sync through `/api/v1`; the clinician portal comes
//! later. Storage is SQLite by default (PostgreSQL for a region).

pub mod api;
pub mod backup;
pub mod clinic;
pub mod clinic_api;
pub mod clinic_model;
pub mod config;
pub mod model;
pub mod notice_sender;
pub mod notices;
pub mod openapi;
pub mod personal_number;
pub mod portal;
pub mod ratelimit;
pub mod secrets;
pub mod serve;
pub mod store;
pub mod sync_api;
pub mod validate;
