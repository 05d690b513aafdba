//! The app's HTTP client: a foreign trait the apps implement over their
//! platform's stack (URLSession on iOS, `HttpURLConnection` on Android), so
//! TLS, the trust store, proxies and the OS network policy are the
//! platform's and the library carries no Rust TLS (ADR 0009). An adapter
//! makes it the core's raw `HttpClient`; the protocol (paths, token, JSON,
//! statuses) stays in the core, and so does the https-only rule.
//!
//! A foreign client cannot break the library: whatever it throws becomes an
//! [`HttpError`] (an unexpected exception becomes [`HttpError::Failed`]),
//! whatever it returns is read by the core (an impossible status or an
//! unreadable body is a bad response), and a call that never returns is
//! dropped, and the foreign task cancelled, [`BACKSTOP`] after the
//! request's own timeout.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use painschool_core::sync as core;

/// How long past the request's own `timeout` the library waits for a
/// foreign client that did not enforce it, before it gives up on the call
/// (as timed out) and drops it, which cancels the foreign task.
pub const BACKSTOP: Duration = Duration::from_secs(5);

/// The HTTP methods the sync protocol uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HttpMethod {
    /// `GET`, without a body.
    Get,
    /// `POST`, with a JSON body.
    Post,
}

/// One request, complete. Send it as it is: the URL was checked by the core
/// (`https://`, or loopback `http://` with the development flag).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    /// The method.
    pub method: HttpMethod,
    /// The absolute URL.
    pub url: String,
    /// Headers to set (`Authorization`, `Content-Type`). The token is a
    /// secret: never log this map.
    pub headers: HashMap<String, String>,
    /// The body for `POST` (JSON, may hold patient text: never log it);
    /// `null`/`nil` for `GET`.
    pub body: Option<Vec<u8>>,
    /// The most the whole exchange (connect, send, read) may take; then
    /// throw `HttpError.TimedOut`.
    pub timeout: Duration,
}

/// Never prints the headers' values or the body.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// What the server answered, whatever the status.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// The HTTP status (`4xx` and `5xx` too: return them, do not throw).
    pub status: u16,
    /// The `Retry-After` header as sent, if any.
    pub retry_after: Option<String>,
    /// The body; empty if there was none.
    pub body: Vec<u8>,
}

/// Never prints the body.
impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Why the app's client got no response. Every kind makes sync "offline"
/// (it tries again later; nothing is lost); the kind goes to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum HttpError {
    /// No connection: no network, the host unknown, refused, reset.
    #[error("unreachable")]
    Unreachable,
    /// The request's `timeout` passed.
    #[error("timed out")]
    TimedOut,
    /// TLS failed (the certificate did not verify against the system's
    /// trust store, or the handshake failed).
    #[error("TLS failed")]
    Tls,
    /// Anything else; also what any other exception the client throws
    /// becomes.
    #[error("failed")]
    Failed,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for HttpError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        // The foreign exception's text is the app's: only its kind (the part
        // before the first ':', the class name in Kotlin) is logged.
        let kind = e.reason.split(':').next().unwrap_or_default();
        tracing::warn!(kind, "the app's HTTP client threw an unexpected exception");
        HttpError::Failed
    }
}

/// The app's HTTP client. Implement it over the platform's own stack and
/// pass it to `open_course`. Called from the library's threads (one call
/// at a time per course; on Kotlin, in a coroutine on
/// `Dispatchers.Default`: switch to `Dispatchers.IO` for blocking I/O).
/// It must not follow redirects,
/// must give up after `request.timeout` (connect, send and read together)
/// with `TimedOut`, and must return error statuses as responses.
#[uniffi::export(foreign)]
#[async_trait::async_trait]
pub trait HttpClient: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError>;
}

impl From<core::HttpRequest> for HttpRequest {
    fn from(r: core::HttpRequest) -> Self {
        HttpRequest {
            method: match r.method {
                core::Method::Get => HttpMethod::Get,
                core::Method::Post => HttpMethod::Post,
            },
            url: r.url,
            headers: r.headers.into_iter().collect(),
            body: r.body,
            timeout: r.timeout,
        }
    }
}

impl From<HttpError> for core::NetworkFailure {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Unreachable => core::NetworkFailure::Unreachable,
            HttpError::TimedOut => core::NetworkFailure::TimedOut,
            HttpError::Tls => core::NetworkFailure::Tls,
            HttpError::Failed => core::NetworkFailure::Other,
        }
    }
}

/// The app's client as the core's raw HTTP client.
pub(crate) struct HttpAdapter {
    client: Arc<dyn HttpClient>,
    backstop: Duration,
}

impl HttpAdapter {
    /// An adapter that waits [`BACKSTOP`] past each request's timeout.
    pub(crate) fn new(client: Arc<dyn HttpClient>) -> Self {
        HttpAdapter {
            client,
            backstop: BACKSTOP,
        }
    }
}

impl core::HttpClient for HttpAdapter {
    async fn send(
        &self,
        request: core::HttpRequest,
    ) -> Result<core::HttpResponse, core::NetworkFailure> {
        let limit = request.timeout.saturating_add(self.backstop);
        let call = self.client.send(request.into());
        match tokio::time::timeout(limit, call).await {
            Ok(Ok(r)) => Ok(core::HttpResponse {
                status: r.status,
                retry_after: r.retry_after,
                body: r.body,
            }),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => {
                // Dropping the call cancels the foreign task (UniFFI's
                // dropped-future callback).
                tracing::warn!("the app's HTTP client did not return in time; call dropped");
                Err(core::NetworkFailure::TimedOut)
            }
        }
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
