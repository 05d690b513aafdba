//! How the engine reaches the server: three calls, behind a trait so the
//! engine's rules run in tests against a fake or a wrapped transport (one
//! that edits the store in the middle of an upload, say). The real one is
//! [`ApiTransport`](super::ApiTransport): the protocol over an
//! [`HttpClient`](super::HttpClient) (the app's own, or reqwest).

use std::future::Future;

use super::error::TransportError;
use super::url::ServerUrl;
use super::wire::{ActivateRequest, ActivateResponse, PullResponse, PushRequest, PushResponse};

/// The sync API, version 1.
pub trait Transport: Send + Sync + 'static {
    /// `POST /api/v1/activate`.
    fn activate(
        &self,
        server: &ServerUrl,
        request: &ActivateRequest<'_>,
    ) -> impl Future<Output = Result<ActivateResponse, TransportError>> + Send;

    /// `POST /api/v1/changes` with the device token.
    fn push(
        &self,
        server: &ServerUrl,
        token: &str,
        request: &PushRequest,
    ) -> impl Future<Output = Result<PushResponse, TransportError>> + Send;

    /// `GET /api/v1/changes?after=CURSOR&limit=N` with the device token.
    fn pull(
        &self,
        server: &ServerUrl,
        token: &str,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<PullResponse, TransportError>> + Send;
}
