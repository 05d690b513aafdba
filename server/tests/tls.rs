//! HTTPS with rustls: a self-signed certificate made in the test, a real
//! TLS handshake on 127.0.0.1, and a clear error for a broken certificate.

use std::sync::Arc;

use painschool_server::api::{App, router};
use painschool_server::serve::{ServeError, run, tls_config};
use painschool_server::store::SqliteStore;

fn app(dir: &std::path::Path) -> Arc<App<SqliteStore>> {
    let store = SqliteStore::open(&dir.join("server.db")).unwrap();
    let bundle = painschool_core::content::ContentBundle::load(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
        painschool_core::content::Verify::Structure,
    )
    .unwrap();
    let config =
        painschool_server::config::Config::from_lookup(&|_| None).expect("the defaults are valid");
    Arc::new(App::new(store, config, Arc::new(bundle)))
}

#[tokio::test]
async fn the_server_speaks_https_with_the_given_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();

    let tls = tls_config(&cert, &key).await.unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(run(
        router(app(dir.path())),
        listener,
        Some(tls),
        async move {
            let _ = stopped.await;
        },
    ));

    let mut roots = rustls::RootCertStore::empty();
    roots.add(made.cert.der().clone()).unwrap();
    let client_tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(client_tls)
        .resolve("localhost", ([127, 0, 0, 1], port).into())
        .build()
        .unwrap();
    let r = client
        .get(format!("https://localhost:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok\n");

    // Plain HTTP to the HTTPS port gets no answer from the API.
    let plain = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await;
    assert!(
        plain.map(|r| r.status() != 200).unwrap_or(true),
        "plain HTTP must not reach the API"
    );

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_broken_certificate_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, "not a certificate").unwrap();
    std::fs::write(&key, "not a key").unwrap();
    let err = tls_config(&cert, &key).await.unwrap_err();
    assert!(matches!(err, ServeError::Tls(..)), "{err}");
    assert!(err.to_string().contains("cert.pem"), "{err}");
    let missing = tls_config(&dir.path().join("none.pem"), &key).await;
    assert!(matches!(missing, Err(ServeError::Tls(..))));
}
