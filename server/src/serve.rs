//! Serving the router: HTTPS with rustls when the configuration names a
//! certificate, plain HTTP otherwise (the configuration allows that only on
//! loopback or behind a trusted TLS-terminating proxy). Client addresses
//! reach the handlers as `ConnectInfo<SocketAddr>` either way.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;

use axum::Router;
use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;

/// Why serving could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The certificate or key could not be read or used.
    #[error("TLS certificate or key in {0}: {1}")]
    Tls(String, std::io::Error),
    /// The socket failed.
    #[error("listening failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Loads a PEM certificate chain and private key for HTTPS (rustls on the
/// ring provider; TLS 1.2 and 1.3).
pub async fn tls_config(cert: &Path, key: &Path) -> Result<RustlsConfig, ServeError> {
    // The process-wide provider; a second install is a no-op error.
    let _ = rustls::crypto::ring::default_provider().install_default();
    RustlsConfig::from_pem_file(cert, key)
        .await
        .map_err(|e| ServeError::Tls(cert.display().to_string(), e))
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open
/// requests finish for up to 10 seconds.
pub async fn run(
    router: Router,
    listener: std::net::TcpListener,
    tls: Option<RustlsConfig>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    listener.set_nonblocking(true)?;
    let handle: Handle<SocketAddr> = Handle::new();
    let h = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        h.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    match tls {
        Some(config) => {
            axum_server::from_tcp_rustls(listener, config)?
                .handle(handle)
                .serve(service)
                .await?
        }
        None => {
            axum_server::from_tcp(listener)?
                .handle(handle)
                .serve(service)
                .await?
        }
    }
    Ok(())
}
