//! Sync with the clinic server (`docs/sync-protocol.md`, version 1).
//!
//! - `wire.rs`: the JSON shapes.
//! - `decode.rs`: feed items into store changes (pure; unknown ones skipped).
//! - `backoff.rs`: when to try again (pure, exponential with full jitter,
//!   `Retry-After` honoured).
//! - `url.rs`: HTTPS only (loopback HTTP behind a development flag).
//! - `error.rs`, `state.rs`: typed errors and the state the app shows.
//! - `transport.rs`: the three API calls the engine makes, as a trait.
//! - `client.rs`: the raw HTTP exchange (`HttpClient`: request out, response
//!   back), the one thing a platform must bring.
//! - `api.rs`: the protocol over any `HttpClient` (paths, bearer token, JSON,
//!   statuses to typed errors).
//! - `http.rs` (feature `http`): reqwest over rustls as an `HttpClient`, for
//!   the terminal client and the tests; the apps bring their own stack.
//! - `engine.rs`: activation and `sync_now` (upload the outbox, then pull
//!   and apply pages).

mod api;
mod backoff;
mod client;
mod decode;
mod engine;
mod error;
#[cfg(feature = "http")]
mod http;
mod state;
mod transport;
mod url;
pub mod wire;

pub use api::ApiTransport;
pub use backoff::{Backoff, os_random_unit};
pub use client::{HttpClient, HttpRequest, HttpResponse, Method, NetworkFailure, REQUEST_TIMEOUT};
pub use decode::{Skip, decode, decode_page};
pub use engine::{Activated, SyncEngine, SyncReport};
pub use error::{StorageProblem, SyncError, SyncErrorReason, TransportError};
#[cfg(feature = "http")]
pub use http::{CONNECT_TIMEOUT, HttpTransport, ReqwestClient};
pub use state::{SyncActivity, SyncState};
pub use transport::Transport;
pub use url::ServerUrl;
