//! The activation API over real HTTP on 127.0.0.1 with a real database.

mod common;

use chrono::{Duration, Utc};
use common::{Server, start};
use painschool_server::api::ActivateResponse;
use painschool_server::clinic::{create_demo, issue_activation_code};
use painschool_server::store::{Durability, Repository};
use serde_json::json;

async fn activate(s: &Server, body: serde_json::Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/activate", s.base))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn healthz_touches_the_database() {
    let s = start(&[], None).await;
    let r = reqwest::get(format!("{}/healthz", s.base)).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok\n");
    match s.app.store.durability().await.unwrap() {
        Durability::Sqlite {
            synchronous: sync,
            journal_mode: mode,
        } => {
            assert_eq!(sync, 2, "synchronous=FULL");
            assert_eq!(mode, "wal");
        }
        Durability::Postgres {
            synchronous_commit,
            fsync,
        } => {
            assert_eq!(synchronous_commit, "on");
            assert_eq!(fsync, "on");
        }
    }
}

#[tokio::test]
async fn a_code_activates_one_device_once() {
    let s = start(&[], None).await;
    let demo = create_demo(&s.app.store, 14, Utc::now()).await.unwrap();
    let r = activate(&s, json!({ "code": demo.code.code.to_uppercase() })).await;
    assert_eq!(r.status(), 200);
    let body: ActivateResponse = r.json().await.unwrap();
    assert_eq!(body.token.len(), 64, "256-bit token");
    assert_eq!(body.enrolment.time_zone, chrono_tz::Europe::Stockholm);
    // The token is stored hashed only.
    let stored = common::stored_bytes(&s).await;
    assert!(!String::from_utf8_lossy(&stored).contains(&body.token));
    // Single use.
    let again = activate(&s, json!({ "code": demo.code.code })).await;
    assert_eq!(again.status(), 401);
    let err: serde_json::Value = again.json().await.unwrap();
    assert_eq!(err["error"], "invalid_code");
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let issued_at = Utc::now() - Duration::days(15);
    let s = start(&[], None).await;
    let demo = create_demo(&s.app.store, 14, issued_at).await.unwrap();
    let r = activate(&s, json!({ "code": demo.code.code })).await;
    assert_eq!(r.status(), 401);
    // A fresh code for the same patient works.
    let code = issue_activation_code(&s.app.store, &demo.patient_id, 14, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        activate(&s, json!({ "code": code.code })).await.status(),
        200
    );
}

#[tokio::test]
async fn bad_input_gets_clear_4xx_and_the_server_keeps_serving() {
    let s = start(&[("MAX_BODY_BYTES", "1024")], None).await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/activate", s.base);
    let malformed = client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let wrong_type = activate(&s, json!({ "code": 12345 })).await;
    assert_eq!(wrong_type.status(), 422);
    let unknown_field = activate(&s, json!({ "code": "x", "extra": 1 })).await;
    assert_eq!(unknown_field.status(), 422);
    let huge = client
        .post(&url)
        .header("content-type", "application/json")
        .body(format!("{{\"code\": \"{}\"}}", "a".repeat(5000)))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);
    let garbage_code = activate(&s, json!({ "code": "not-a-code" })).await;
    assert_eq!(garbage_code.status(), 401);
    let r = reqwest::get(format!("{}/healthz", s.base)).await.unwrap();
    assert_eq!(r.status(), 200, "still serving");
}

#[tokio::test]
async fn failed_attempts_are_limited_per_client_and_per_server() {
    let now = Utc::now();
    let s = start(
        &[
            ("ACTIVATION_FAILURES_PER_CLIENT_HOUR", "5"),
            ("ACTIVATION_FAILURES_PER_SERVER_HOUR", "1000"),
        ],
        Some(now),
    )
    .await;
    let demo = create_demo(&s.app.store, 14, now).await.unwrap();
    for _ in 0..5 {
        let r = activate(&s, json!({ "code": "0000-0000-0000-0000" })).await;
        assert_eq!(r.status(), 401);
    }
    // Now even the right code is refused from this address for the hour.
    let r = activate(&s, json!({ "code": demo.code.code })).await;
    assert_eq!(r.status(), 429);
    let commits_before = s.app.store.commits();
    assert!(commits_before > 0);
}
