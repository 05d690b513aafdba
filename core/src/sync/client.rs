//! The raw HTTP exchange the sync protocol runs over: one request out, one
//! response back, behind a small trait. The protocol itself (paths, the
//! bearer header, JSON, what a status means) is `api.rs`; this trait only
//! moves bytes, so each platform can bring its own network stack: the
//! apps their own (URLSession on iOS, `HttpURLConnection` on Android,
//! through the bindings), the terminal client and the tests reqwest
//! (`http.rs`, behind the `http` feature).
//!
//! Whoever implements [`HttpClient`] must:
//! - send the request to exactly `url` with exactly these headers and body
//!   (the core has already checked that the server is `https://`, or
//!   loopback `http://` with the development flag);
//! - **not follow redirects** (return the `3xx` as it is): a redirect could
//!   lead off `https://` and carry the device token with it;
//! - give up after `timeout` in all (connecting, sending and reading), with
//!   [`NetworkFailure::TimedOut`];
//! - return any status the server sent, errors included: the core reads
//!   them;
//! - never log the body or the `Authorization` header.

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// How long one request may take in all, unless the transport is given
/// another limit: a full batch of 500 changes on a slow network.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The HTTP methods the protocol uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`: no body.
    Get,
    /// `POST` with a JSON body.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request, complete: the client adds nothing but what its platform
/// always sends (a user agent, `Content-Length`, `Host`).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL (`https://…/api/v1/…`).
    pub url: String,
    /// Header names and values (`Authorization: Bearer …` among them).
    pub headers: Vec<(String, String)>,
    /// The body, for `POST`; `None` for `GET`.
    pub body: Option<Vec<u8>>,
    /// The most the whole exchange may take.
    pub timeout: Duration,
}

impl HttpRequest {
    /// The value of a header (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Prints the method, the URL and the header names only: never the token
/// or the body (which may hold patient text).
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What the server answered.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status, whatever it is (`4xx` and `5xx` included).
    pub status: u16,
    /// The `Retry-After` header as sent, if there was one.
    pub retry_after: Option<String>,
    /// The body (empty when there was none).
    pub body: Vec<u8>,
}

/// Prints the status and the body's length, never the body.
impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("retry_after", &self.retry_after)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why no response came back. The engine treats every kind the same way
/// (offline: try again later, nothing is lost); the kind is for the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFailure {
    /// No connection: no network, the host unknown, refused, reset.
    Unreachable,
    /// The request's `timeout` passed.
    TimedOut,
    /// TLS failed: the certificate did not verify against the trust store,
    /// or the handshake failed (a captive portal, a proxy, a wrong clock).
    Tls,
    /// Anything else: the client failed in a way it did not expect (a bug
    /// in the client, or an exception it did not map).
    Other,
}

impl fmt::Display for NetworkFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NetworkFailure::Unreachable => "the server could not be reached",
            NetworkFailure::TimedOut => "the request timed out",
            NetworkFailure::Tls => "the TLS connection failed",
            NetworkFailure::Other => "the HTTP client failed",
        })
    }
}

/// Sends one HTTP request and returns the response, whatever its status.
pub trait HttpClient: Send + Sync + 'static {
    /// Sends `request`. An answer with an error status is `Ok`; `Err` is
    /// only for no answer at all.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, NetworkFailure>> + Send;
}
