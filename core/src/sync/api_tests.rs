//! The protocol layer against a scripted HTTP client: what goes out (method,
//! URL, headers, body, timeout) and how each kind of answer reads.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::value::RawValue;

use super::*;
use crate::sync::client::NetworkFailure;
use crate::sync::wire::{ActivateRequest, PushChange};

/// Answers each request with the next scripted result and keeps the
/// requests.
#[derive(Default)]
struct Scripted {
    answers: Mutex<VecDeque<Result<HttpResponse, NetworkFailure>>>,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Scripted {
    fn answering(answers: Vec<Result<HttpResponse, NetworkFailure>>) -> ApiTransport<Scripted> {
        ApiTransport::new(Scripted {
            answers: Mutex::new(answers.into()),
            sent: Mutex::default(),
        })
    }

    fn last(&self) -> HttpRequest {
        self.sent
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a request")
    }
}

impl HttpClient for Scripted {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, NetworkFailure> {
        self.sent.lock().unwrap().push(request);
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted answer")
    }
}

fn answer(status: u16, retry_after: Option<&str>, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        retry_after: retry_after.map(str::to_owned),
        body: body.as_bytes().to_vec(),
    }
}

fn server() -> ServerUrl {
    ServerUrl::parse("https://clinic.example.se/smarta/", false).unwrap()
}

const ACTIVATED: &str = r#"{"device_id":"d1","token":"t1","server_time":"2026-11-23T10:00:00Z",
    "enrolment":{"start":"2026-11-02T08:00:00Z","time_zone":"Europe/Stockholm","pace":{"kind":"weekly"},
                 "read_ahead":false,"manual_unlocks":[],"access_end":null}}"#;
const EMPTY_PAGE: &str =
    r#"{"items":[],"cursor":0,"more":false,"server_time":"2026-11-23T10:00:00Z"}"#;

fn one_change() -> PushRequest {
    PushRequest {
        changes: vec![PushChange {
            id: "c1".into(),
            entity: "message".into(),
            entity_id: "m1".into(),
            hlc: "001762160400000-000001-dev".into(),
            payload: RawValue::from_string(r#"{"text":"Hej"}"#.into()).unwrap(),
        }],
    }
}

#[tokio::test]
async fn activation_posts_the_code_as_json_without_a_token() {
    let t = Scripted::answering(vec![Ok(answer(200, None, ACTIVATED))]);
    let request = ActivateRequest {
        code: "ABCD-EFGH",
        attempt: Some("attempt-1"),
    };
    let r = t.activate(&server(), &request).await.unwrap();
    assert_eq!((r.device_id.as_str(), r.token.as_str()), ("d1", "t1"));
    let sent = t.client().last();
    assert_eq!(sent.method, Method::Post);
    assert_eq!(sent.url, "https://clinic.example.se/smarta/api/v1/activate");
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.header("Authorization"), None);
    assert_eq!(
        sent.body.as_deref(),
        Some(&br#"{"code":"ABCD-EFGH","attempt":"attempt-1"}"#[..])
    );
    assert_eq!(sent.timeout, REQUEST_TIMEOUT);
}

#[tokio::test]
async fn push_and_pull_carry_the_bearer_token_and_the_timeout() {
    let t = Scripted::answering(vec![
        Ok(answer(
            200,
            None,
            r#"{"results":[{"status":"accepted","id":"c1"}],"server_time":"2026-11-23T10:00:00Z"}"#,
        )),
        Ok(answer(200, None, EMPTY_PAGE)),
    ])
    .with_timeout(Duration::from_secs(7));
    let pushed = t.push(&server(), "tok", &one_change()).await.unwrap();
    assert_eq!(pushed.results.len(), 1);
    let push = t.client().last();
    assert_eq!(push.method, Method::Post);
    assert_eq!(push.url, "https://clinic.example.se/smarta/api/v1/changes");
    assert_eq!(push.header("authorization"), Some("Bearer tok"));
    assert_eq!(push.header("Content-Type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(push.body.as_ref().unwrap()).unwrap();
    assert_eq!(body["changes"][0]["payload"]["text"], "Hej");
    assert_eq!(push.timeout, Duration::from_secs(7));

    let page = t.pull(&server(), "tok", 41, 500).await.unwrap();
    assert!(!page.more);
    let pull = t.client().last();
    assert_eq!(pull.method, Method::Get);
    assert_eq!(
        pull.url,
        "https://clinic.example.se/smarta/api/v1/changes?after=41&limit=500"
    );
    assert_eq!(pull.header("Authorization"), Some("Bearer tok"));
    assert_eq!(pull.header("Content-Type"), None, "a GET has no body");
    assert_eq!(pull.body, None);
}

#[tokio::test]
async fn error_statuses_keep_the_code_and_retry_after() {
    let t = Scripted::answering(vec![
        Ok(answer(
            503,
            Some(" 120 "),
            r#"{"error":"storage_unavailable","message":"busy"}"#,
        )),
        Ok(answer(
            429,
            Some("30"),
            r#"{"error":"too_many_attempts","message":"wait"}"#,
        )),
        Ok(answer(
            401,
            Some("Wed, 21 Oct 2026 07:28:00 GMT"),
            "<html>no JSON</html>",
        )),
    ]);
    assert_eq!(
        t.pull(&server(), "tok", 0, 500).await.unwrap_err(),
        TransportError::Status {
            status: 503,
            code: Some("storage_unavailable".into()),
            retry_after: Some(Duration::from_secs(120)),
        }
    );
    assert_eq!(
        t.activate(
            &server(),
            &ActivateRequest {
                code: "x",
                attempt: None
            }
        )
        .await
        .unwrap_err(),
        TransportError::Status {
            status: 429,
            code: Some("too_many_attempts".into()),
            retry_after: Some(Duration::from_secs(30)),
        }
    );
    assert_eq!(
        t.pull(&server(), "tok", 0, 500).await.unwrap_err(),
        TransportError::Status {
            status: 401,
            code: None,
            retry_after: None,
        },
        "an HTTP-date Retry-After and a body that is not JSON are left out"
    );
}

#[tokio::test]
async fn unreadable_answers_are_bad_responses() {
    let t = Scripted::answering(vec![
        Ok(answer(200, None, "not json at all")),
        Ok(answer(200, None, r#"{"items":"wrong shape"}"#)),
        Ok(answer(200, None, "")),
        Ok(answer(0, None, EMPTY_PAGE)),
        Ok(answer(999, None, EMPTY_PAGE)),
    ]);
    for _ in 0..5 {
        assert_eq!(
            t.pull(&server(), "tok", 0, 500).await.unwrap_err(),
            TransportError::BadResponse
        );
    }
}

#[tokio::test]
async fn no_answer_is_a_network_failure_whatever_the_kind() {
    let kinds = [
        NetworkFailure::Unreachable,
        NetworkFailure::TimedOut,
        NetworkFailure::Tls,
        NetworkFailure::Other,
    ];
    let t = Scripted::answering(kinds.iter().map(|k| Err(*k)).collect());
    for _ in kinds {
        assert_eq!(
            t.push(&server(), "tok", &one_change()).await.unwrap_err(),
            TransportError::Network
        );
    }
}

#[test]
fn requests_and_responses_print_without_token_or_body() {
    let t = ApiTransport::new(Scripted::default());
    let mut r = t.request(
        Method::Post,
        server().join("/api/v1/changes"),
        Some("s3cret"),
    );
    r.body = Some(b"{\"text\":\"patient words\"}".to_vec());
    let printed = format!("{r:?}");
    assert!(printed.contains("Authorization") && printed.contains("/api/v1/changes"));
    assert!(!printed.contains("s3cret") && !printed.contains("patient words"));
    let printed = format!("{:?}", answer(200, None, "patient words"));
    assert!(printed.contains("200") && !printed.contains("patient words"));
}
