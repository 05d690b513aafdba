//! The app's transport: reqwest over rustls (the ring provider, Mozilla's
//! root certificates compiled in), with connect and request timeouts.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::error::TransportError;
use super::transport::Transport;
use super::url::ServerUrl;
use super::wire::{
    ActivateRequest, ActivateResponse, ErrorBody, PullResponse, PushRequest, PushResponse,
};

/// How long to wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take in all (a full batch on a slow network).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The sync API over HTTPS.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
}

/// The TLS set-up: TLS 1.2 and 1.3 on rustls's ring provider, verified
/// against the webpki root certificates (no platform verifier, so Android
/// needs no extra set-up).
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

impl HttpTransport {
    /// A transport with the default timeouts.
    pub fn new() -> Result<HttpTransport, TransportError> {
        Self::with_timeouts(CONNECT_TIMEOUT, REQUEST_TIMEOUT)
    }

    /// A transport with the given timeouts.
    pub fn with_timeouts(
        connect: Duration,
        request: Duration,
    ) -> Result<HttpTransport, TransportError> {
        let tls = tls_config().map_err(|e| {
            tracing::error!(error = %e, "cannot set up TLS");
            TransportError::Network
        })?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(connect)
            .timeout(request)
            .user_agent(concat!("painschool/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                tracing::error!(error = %e, "cannot build the HTTP client");
                TransportError::Network
            })?;
        Ok(HttpTransport { client })
    }
}

fn network(e: reqwest::Error) -> TransportError {
    // reqwest's messages name the URL, never a body.
    tracing::debug!(error = %e, "sync request failed");
    TransportError::Network
}

/// Reads a response: the JSON body on success, the error code and
/// `Retry-After` otherwise.
async fn read<T: DeserializeOwned>(r: reqwest::Response) -> Result<T, TransportError> {
    let status = r.status();
    if status.is_success() {
        let bytes = r.bytes().await.map_err(network)?;
        return serde_json::from_slice(&bytes).map_err(|_| TransportError::BadResponse);
    }
    let retry_after = r
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let code = r
        .bytes()
        .await
        .ok()
        .and_then(|b| serde_json::from_slice::<ErrorBody>(&b).ok())
        .map(|b| b.error);
    Err(TransportError::Status {
        status: status.as_u16(),
        code,
        retry_after,
    })
}

impl Transport for HttpTransport {
    async fn activate(
        &self,
        server: &ServerUrl,
        request: &ActivateRequest<'_>,
    ) -> Result<ActivateResponse, TransportError> {
        let r = self
            .client
            .post(server.join("/api/v1/activate"))
            .json(request)
            .send()
            .await
            .map_err(network)?;
        read(r).await
    }

    async fn push(
        &self,
        server: &ServerUrl,
        token: &str,
        request: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        let r = self
            .client
            .post(server.join("/api/v1/changes"))
            .bearer_auth(token)
            .json(request)
            .send()
            .await
            .map_err(network)?;
        read(r).await
    }

    async fn pull(
        &self,
        server: &ServerUrl,
        token: &str,
        after: i64,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        let r = self
            .client
            .get(server.join(&format!("/api/v1/changes?after={after}&limit={limit}")))
            .bearer_auth(token)
            .send()
            .await
            .map_err(network)?;
        read(r).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_builds_on_ring_without_a_process_wide_provider() {
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
        HttpTransport::new().unwrap();
        let c = tls_config().unwrap();
        assert_eq!(c.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }
}
