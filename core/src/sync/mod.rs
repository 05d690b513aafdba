//! Sync with the clinic server (`docs/sync-protocol.md`, version 1).
//!
//! - `wire.rs`: the JSON shapes.
//! - `decode.rs`: feed items into store changes (pure; unknown ones skipped).
//! - `backoff.rs`: when to try again (pure, exponential with full jitter,
//!   `Retry-After` honoured).
//! - `url.rs`: HTTPS only (loopback HTTP behind a development flag).
//! - `error.rs`, `state.rs`: typed errors and the state the app shows.
//! - `transport.rs`, `http.rs`: the three API calls, and reqwest over rustls.
//! - `engine.rs`: activation and `sync_now` (upload the outbox, then pull
//!   and apply pages).

mod backoff;
mod decode;
mod engine;
mod error;
#[cfg(feature = "http")]
mod http;
mod state;
mod transport;
mod url;
pub mod wire;

pub use backoff::{Backoff, os_random_unit};
pub use decode::{Skip, decode, decode_page};
pub use engine::{Activated, SyncEngine, SyncReport};
pub use error::{StorageProblem, SyncError, SyncErrorReason, TransportError};
#[cfg(feature = "http")]
pub use http::{CONNECT_TIMEOUT, HttpTransport, REQUEST_TIMEOUT};
pub use state::{SyncActivity, SyncState};
pub use transport::Transport;
pub use url::ServerUrl;
