//! The sync protocol over any [`HttpClient`]: which path each call uses,
//! the bearer header, JSON in and out, and what a status means
//! (`docs/sync-protocol.md`, version 1). No network code lives here, so the
//! same rules run over reqwest (the terminal client) and over the phone's
//! own HTTP stack (through the bindings).
//!
//! Nothing read from a response reaches an error or a log line except the
//! status, the JSON error code and `Retry-After`.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::{HttpClient, HttpRequest, HttpResponse, Method, REQUEST_TIMEOUT};
use super::error::TransportError;
use super::transport::Transport;
use super::url::ServerUrl;
use super::wire::{
    ActivateRequest, ActivateResponse, ErrorBody, PullResponse, PushRequest, PushResponse,
};

/// The sync API over an [`HttpClient`].
#[derive(Debug, Clone)]
pub struct ApiTransport<C> {
    client: C,
    timeout: Duration,
}

impl<C: HttpClient> ApiTransport<C> {
    /// The API over `client`, each request limited to [`REQUEST_TIMEOUT`].
    pub fn new(client: C) -> Self {
        ApiTransport {
            client,
            timeout: REQUEST_TIMEOUT,
        }
    }

    /// Sets the limit passed with each request.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The HTTP client (tests reach their fake through it).
    pub fn client(&self) -> &C {
        &self.client
    }

    fn request(&self, method: Method, url: String, token: Option<&str>) -> HttpRequest {
        let mut headers = Vec::with_capacity(2);
        if let Some(token) = token {
            headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
        }
        HttpRequest {
            method,
            url,
            headers,
            body: None,
            timeout: self.timeout,
        }
    }

    /// Sends `request`, with `body` as JSON if there is one, and reads the
    /// answer as `T`.
    async fn exchange<T: DeserializeOwned>(
        &self,
        mut request: HttpRequest,
        body: Option<&impl Serialize>,
    ) -> Result<T, TransportError> {
        if let Some(body) = body {
            // Encoding the protocol's own types cannot fail; reqwest's
            // `.json()` reported it as a failed send, and so does this.
            let bytes = serde_json::to_vec(body).map_err(|_| {
                tracing::error!("cannot encode a sync request");
                TransportError::Network
            })?;
            request
                .headers
                .push(("Content-Type".to_owned(), "application/json".to_owned()));
            request.body = Some(bytes);
        }
        let method = request.method;
        let response = self.client.send(request).await.map_err(|failure| {
            tracing::debug!(%failure, method = method.as_str(), "sync request failed");
            TransportError::Network
        })?;
        read(response)
    }
}

/// Reads a response: the JSON body on success, the error code and
/// `Retry-After` otherwise. A status no server sends (below 100, above 599)
/// is an unreadable answer.
fn read<T: DeserializeOwned>(r: HttpResponse) -> Result<T, TransportError> {
    if !(100..=599).contains(&r.status) {
        tracing::warn!(
            status = r.status,
            "the HTTP client returned an impossible status"
        );
        return Err(TransportError::BadResponse);
    }
    if (200..300).contains(&r.status) {
        return serde_json::from_slice(&r.body).map_err(|_| {
            tracing::warn!(
                status = r.status,
                len = r.body.len(),
                "the server's answer does not read"
            );
            TransportError::BadResponse
        });
    }
    let retry_after = r
        .retry_after
        .as_deref()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let code = serde_json::from_slice::<ErrorBody>(&r.body)
        .ok()
        .map(|b| b.error);
    Err(TransportError::Status {
        status: r.status,
        code,
        retry_after,
    })
}

impl<C: HttpClient> Transport for ApiTransport<C> {
    async fn activate(
        &self,
        server: &ServerUrl,
        activation: &ActivateRequest<'_>,
    ) -> Result<ActivateResponse, TransportError> {
        let request = self.request(Method::Post, server.join("/api/v1/activate"), None);
        self.exchange(request, Some(activation)).await
    }

    async fn push(
        &self,
        server: &ServerUrl,
        token: &str,
        request: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        let http = self.request(Method::Post, server.join("/api/v1/changes"), Some(token));
        self.exchange(http, Some(request)).await
    }

    async fn pull(
        &self,
        server: &ServerUrl,
        token: &str,
        after: i64,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        let url = server.join(&format!("/api/v1/changes?after={after}&limit={limit}"));
        let http = self.request(Method::Get, url, Some(token));
        self.exchange(http, None::<&()>).await
    }
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
