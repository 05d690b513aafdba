//! A lost phone is revoked at once; ended access keeps a 14-day grace for
//! sending what was written offline; an extension revives it.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::{answer, change_id, push, stamp};
use painschool_server::model::DeviceState;
use painschool_server::store::Repository;
use serde_json::json;

/// A server whose clock the test moves.
async fn start_with_clock() -> (common::Server, Arc<std::sync::Mutex<DateTime<Utc>>>) {
    let clock = Arc::new(std::sync::Mutex::new(Utc::now()));
    let c = clock.clone();
    let s = common::start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
    (s, clock)
}

async fn status(s: &common::Server, token: &str) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/changes", s.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let code = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap_or_default();
    (code, body["error"].as_str().unwrap_or("").to_owned())
}

#[tokio::test]
async fn a_revoked_device_stops_at_once_and_others_go_on() {
    let (s, _) = start_with_clock().await;
    let (patient, lost) = common::demo_device(&s).await;
    let code =
        painschool_server::clinic::issue_activation_code(&s.app.store, &patient, 14, Utc::now())
            .await
            .unwrap();
    let new_phone = common::activate_code(&s, &code.code).await;
    let lost_id = s
        .app
        .store
        .device_by_token(painschool_server::secrets::hash(&lost))
        .await
        .unwrap()
        .unwrap()
        .device_id;
    let n = s
        .app
        .store
        .set_device_states(
            patient.clone(),
            Some(lost_id),
            DeviceState::Revoked,
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(status(&s, &lost).await, (401, "device_revoked".into()));
    assert_eq!(status(&s, &new_phone).await.0, 200);
    // Ending access later does not revive a revoked device.
    s.app
        .store
        .set_device_states(patient.clone(), None, DeviceState::Active, Utc::now())
        .await
        .unwrap();
    assert_eq!(status(&s, &lost).await.0, 401);
}

#[tokio::test]
async fn ended_access_keeps_14_days_to_send_then_stops_until_extended() {
    let (s, clock) = start_with_clock().await;
    let (patient, phone) = common::demo_device(&s).await;
    let ended = *clock.lock().unwrap();
    s.app
        .store
        .set_device_states(patient.clone(), None, DeviceState::Ended, ended)
        .await
        .unwrap();
    // Within the grace period, what was written offline still goes up.
    *clock.lock().unwrap() = ended + Duration::days(13);
    let r = push(
        &s,
        &phone,
        json!([answer(
            &change_id(1),
            &change_id(101),
            &stamp(1),
            "written offline"
        )]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "accepted");
    // After it, the device stops with a reason the app can show.
    *clock.lock().unwrap() = ended + Duration::days(15);
    assert_eq!(status(&s, &phone).await, (401, "access_ended".into()));
    // A clinician's extension revives it.
    s.app
        .store
        .set_device_states(
            patient,
            None,
            DeviceState::Active,
            ended + Duration::days(15),
        )
        .await
        .unwrap();
    assert_eq!(status(&s, &phone).await.0, 200);
}
