//! Shared test helpers: a real server on 127.0.0.1 over a real database
//! (SQLite, or PostgreSQL when `PAINSCHOOL_TEST_DATABASE_URL` is set), and
//! the JSON the tests push. One copy, in the end-to-end crate
//! (`tests/src/server.rs`), which runs the phone's sync engine against the
//! same server.

pub use painschool_e2e::server::*;
