//! reqwest over rustls (the ring provider, Mozilla's root certificates
//! compiled in) as an [`HttpClient`]: the terminal client's and the tests'
//! network stack. The apps do not use it: they bring the platform's own
//! through the bindings (ADR 0009), so the native library has no Rust TLS.

use std::sync::Arc;
use std::time::Duration;

use super::api::ApiTransport;
use super::client::{HttpClient, HttpRequest, HttpResponse, Method, NetworkFailure};
use super::error::TransportError;

/// How long to wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The sync API over reqwest.
pub type HttpTransport = ApiTransport<ReqwestClient>;

/// reqwest over rustls, with a connect timeout; each request carries its
/// own total timeout. Redirects are not followed.
#[derive(Debug, Clone)]
pub struct ReqwestClient {
    client: reqwest::Client,
}

/// The TLS set-up: TLS 1.2 and 1.3 on rustls's ring provider, verified
/// against the webpki root certificates (no platform verifier).
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

impl ReqwestClient {
    /// A client with the default connect timeout.
    pub fn new() -> Result<ReqwestClient, TransportError> {
        Self::with_connect_timeout(CONNECT_TIMEOUT)
    }

    /// A client with the given connect timeout.
    pub fn with_connect_timeout(connect: Duration) -> Result<ReqwestClient, TransportError> {
        let tls = tls_config().map_err(|e| {
            tracing::error!(error = %e, "cannot set up TLS");
            TransportError::Network
        })?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(connect)
            // The protocol has no redirects, and one could lead off https
            // with the token: the 3xx goes back to the protocol layer.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("painschool/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                tracing::error!(error = %e, "cannot build the HTTP client");
                TransportError::Network
            })?;
        Ok(ReqwestClient { client })
    }
}

impl ApiTransport<ReqwestClient> {
    /// The sync API over reqwest with the default timeouts.
    pub fn over_reqwest() -> Result<Self, TransportError> {
        Ok(ApiTransport::new(ReqwestClient::new()?))
    }
}

fn failure(e: &reqwest::Error) -> NetworkFailure {
    // reqwest's messages name the URL, never a body.
    tracing::debug!(error = %e, "HTTP request failed");
    if e.is_timeout() {
        NetworkFailure::TimedOut
    } else if e.is_connect() || e.is_request() || e.is_body() {
        NetworkFailure::Unreachable
    } else {
        NetworkFailure::Other
    }
}

impl HttpClient for ReqwestClient {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, NetworkFailure> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self
            .client
            .request(method, &request.url)
            .timeout(request.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| failure(&e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.bytes().await.map_err(|e| failure(&e))?;
        Ok(HttpResponse {
            status,
            retry_after,
            body: body.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_builds_on_ring_without_a_process_wide_provider() {
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
        ReqwestClient::new().unwrap();
        let c = tls_config().unwrap();
        assert_eq!(c.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }
}
