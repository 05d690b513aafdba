//! The adapter between the app's HTTP client and the core: conversions,
//! every error kind, an unexpected exception, and a call that never returns.

use std::sync::atomic::{AtomicBool, Ordering};

use painschool_core::sync::HttpClient as _;

use super::*;

fn request(timeout: Duration) -> core::HttpRequest {
    core::HttpRequest {
        method: core::Method::Post,
        url: "https://clinic.example.se/api/v1/changes".into(),
        headers: vec![
            ("Authorization".into(), "Bearer tok".into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: Some(b"{}".to_vec()),
        timeout,
    }
}

/// Answers with a fixed result and keeps the last request.
struct Fixed {
    answer: Result<HttpResponse, HttpError>,
    seen: std::sync::Mutex<Option<HttpRequest>>,
}

#[async_trait::async_trait]
impl HttpClient for Fixed {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        *self.seen.lock().unwrap() = Some(request);
        self.answer.clone()
    }
}

fn fixed(answer: Result<HttpResponse, HttpError>) -> Arc<Fixed> {
    Arc::new(Fixed {
        answer,
        seen: std::sync::Mutex::new(None),
    })
}

#[tokio::test]
async fn the_request_and_the_response_cross_unchanged() {
    let app = fixed(Ok(HttpResponse {
        status: 503,
        retry_after: Some("120".into()),
        body: b"{\"error\":\"storage_unavailable\"}".to_vec(),
    }));
    let adapter = HttpAdapter::new(app.clone());
    let r = adapter
        .send(request(Duration::from_secs(60)))
        .await
        .unwrap();
    assert_eq!(r.status, 503);
    assert_eq!(r.retry_after.as_deref(), Some("120"));
    assert_eq!(r.body, b"{\"error\":\"storage_unavailable\"}");
    let seen = app.seen.lock().unwrap().clone().unwrap();
    assert_eq!(seen.method, HttpMethod::Post);
    assert_eq!(seen.url, "https://clinic.example.se/api/v1/changes");
    assert_eq!(seen.headers["Authorization"], "Bearer tok");
    assert_eq!(seen.headers["Content-Type"], "application/json");
    assert_eq!(seen.body.as_deref(), Some(&b"{}"[..]));
    assert_eq!(seen.timeout, Duration::from_secs(60));
    assert!(!format!("{seen:?}").contains("tok"), "no token in Debug");
}

#[tokio::test]
async fn each_error_the_app_throws_is_a_network_failure_of_its_kind() {
    for (thrown, failure) in [
        (HttpError::Unreachable, core::NetworkFailure::Unreachable),
        (HttpError::TimedOut, core::NetworkFailure::TimedOut),
        (HttpError::Tls, core::NetworkFailure::Tls),
        (HttpError::Failed, core::NetworkFailure::Other),
    ] {
        let adapter = HttpAdapter::new(fixed(Err(thrown)));
        assert_eq!(
            adapter.send(request(Duration::from_secs(1))).await,
            Err(failure)
        );
    }
}

#[test]
fn an_unexpected_exception_becomes_failed() {
    let e = uniffi::UnexpectedUniFFICallbackError::new(
        "java.lang.IllegalStateException: token abc in a message",
    );
    assert_eq!(HttpError::from(e), HttpError::Failed);
}

/// Never answers; records when its call is dropped.
struct Never {
    dropped: Arc<AtomicBool>,
}

struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[async_trait::async_trait]
impl HttpClient for Never {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, HttpError> {
        let _guard = SetOnDrop(self.dropped.clone());
        std::future::pending().await
    }
}

#[tokio::test]
async fn a_call_that_never_returns_times_out_after_the_backstop_and_is_dropped() {
    let dropped = Arc::new(AtomicBool::new(false));
    let adapter = HttpAdapter {
        client: Arc::new(Never {
            dropped: dropped.clone(),
        }),
        backstop: Duration::from_millis(50),
    };
    let started = std::time::Instant::now();
    let r = tokio::time::timeout(
        Duration::from_secs(5),
        adapter.send(request(Duration::from_millis(100))),
    )
    .await
    .expect("the adapter gives up by itself");
    let waited = started.elapsed();
    assert_eq!(r, Err(core::NetworkFailure::TimedOut));
    assert!(
        waited >= Duration::from_millis(150),
        "waits the request's timeout plus the backstop: {waited:?}"
    );
    assert!(dropped.load(Ordering::SeqCst), "the call was dropped");
}
