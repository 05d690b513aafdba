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

#[tokio::test]
async fn a_lost_answer_is_answered_again_for_the_same_attempt_only() {
    let clock = std::sync::Arc::new(std::sync::Mutex::new(Utc::now()));
    let c = clock.clone();
    let s = common::start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
    let demo = common::demo(&s).await;
    let (code, attempt) = (demo.code.code.clone(), "a1b2c3d4e5f60718293a4b5c6d7e8f90");
    let first = activate(&s, json!({ "code": code, "attempt": attempt })).await;
    assert_eq!(first.status(), 200);
    let first: ActivateResponse = first.json().await.unwrap();

    // The phone never got that answer and sends the same attempt again,
    // the code typed differently.
    let again = activate(
        &s,
        json!({ "code": code.to_lowercase().replace('-', " "), "attempt": attempt }),
    )
    .await;
    assert_eq!(again.status(), 200);
    let again: ActivateResponse = again.json().await.unwrap();
    assert_eq!(again.device_id, first.device_id, "the same device");
    assert_ne!(again.token, first.token);
    assert_eq!(
        s.app
            .store
            .devices(demo.patient_id.clone())
            .await
            .unwrap()
            .len(),
        1
    );
    let pull = |token: String| {
        let base = s.base.clone();
        async move {
            reqwest::Client::new()
                .get(format!("{base}/api/v1/changes?after=0"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        pull(first.token.clone()).await,
        401,
        "the lost token is dead"
    );
    assert_eq!(pull(again.token.clone()).await, 200);

    // Anyone else with the code: another attempt, or none.
    for body in [
        json!({ "code": code, "attempt": "ffffffffffffffffffffffffffffffff" }),
        json!({ "code": code }),
    ] {
        let r = activate(&s, body).await;
        assert_eq!(r.status(), 401);
        let err: serde_json::Value = r.json().await.unwrap();
        assert_eq!(err["error"], "invalid_code");
    }

    // Once the device has pushed, its attempt cannot take it over.
    let push = common::push(
        &s,
        &again.token,
        json!([common::answer(
            &common::change_id(1),
            "01a20940-0000-7000-8000-000000000101",
            &common::stamp(1),
            "svar"
        )]),
    )
    .await;
    assert_eq!(push.status(), 200);
    let late = activate(&s, json!({ "code": code, "attempt": attempt })).await;
    assert_eq!(late.status(), 401);
    assert_eq!(
        pull(again.token.clone()).await,
        200,
        "the device keeps its token"
    );

    // Nor after the code's expiry, nor for a revoked device.
    let code2 = common::new_code(&s, &demo.patient_id).await;
    let attempt2 = "0123456789abcdef-0123456789abcdef";
    let r = activate(&s, json!({ "code": code2, "attempt": attempt2 })).await;
    assert_eq!(r.status(), 200);
    *clock.lock().unwrap() += Duration::days(15);
    let r = activate(&s, json!({ "code": code2, "attempt": attempt2 })).await;
    assert_eq!(r.status(), 401, "expired");
    *clock.lock().unwrap() -= Duration::days(15);
    let device2 = other_device(&s, &demo.patient_id, &first.device_id).await;
    s.app
        .store
        .set_device_states(
            demo.patient_id.clone(),
            Some(device2),
            painschool_server::model::DeviceState::Revoked,
            Utc::now(),
        )
        .await
        .unwrap();
    let r = activate(&s, json!({ "code": code2, "attempt": attempt2 })).await;
    assert_eq!(r.status(), 401, "revoked");

    // An attempt id that is not one.
    for bad in ["short", "has space in it 0123456789", &"x".repeat(129)] {
        let r = activate(&s, json!({ "code": code2, "attempt": bad })).await;
        assert_eq!(r.status(), 400, "{bad}");
    }
}

/// The patient's device other than `not`.
async fn other_device(s: &Server, patient: &str, not: &str) -> String {
    let devices = s.app.store.devices(patient.to_owned()).await.unwrap();
    assert_eq!(devices.len(), 2);
    devices.into_iter().find(|d| d.id != not).unwrap().id
}
