//! A lost phone is revoked at once; ended access keeps a 14-day grace for
//! sending what was written offline; an extension revives it. The patient's
//! planned end of access (the enrolment's) ends every device's access the
//! same way, 14 days after it.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::{answer, change_id, push, stamp};
use painschool_server::model::{DeviceState, ENDED_GRACE_DAYS};
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

/// A demo patient enrolled at the server's clock with one activated device:
/// (patient id, device token, the patient's planned end of access).
async fn planned_setup(s: &common::Server) -> (String, String, DateTime<Utc>) {
    let demo = common::demo(s).await;
    let token = common::activate_code(s, &demo.code.code).await;
    let planned_end = s
        .app
        .store
        .patient(demo.patient_id.clone())
        .await
        .unwrap()
        .unwrap()
        .enrolment
        .access_ends_at();
    (demo.patient_id, token, planned_end)
}

/// Pushes one new change (ids from `n`) and pulls with `token`: the status
/// and error code of each.
async fn push_and_pull(s: &common::Server, token: &str, n: u32) -> [(u16, String); 2] {
    let r = push(
        s,
        token,
        json!([answer(
            &change_id(n),
            &change_id(1000 + n),
            &stamp(n),
            "written offline"
        )]),
    )
    .await;
    let pushed = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap_or_default();
    if pushed == 200 {
        assert_eq!(body["results"][0]["status"], "accepted");
    }
    let pushed = (pushed, body["error"].as_str().unwrap_or("").to_owned());
    [pushed, status(s, token).await]
}

/// Push or pull answered 200.
const OK: (u16, &str) = (200, "");
/// Push or pull refused: access has ended.
const ENDED: (u16, &str) = (401, "access_ended");

/// `push_and_pull`'s answers as comparable constants (any other error
/// code fails the test).
fn codes(got: [(u16, String); 2]) -> [(u16, &'static str); 2] {
    got.map(|(c, e)| {
        (
            c,
            match e.as_str() {
                "" => "",
                "access_ended" => "access_ended",
                other => panic!("unexpected error {other}"),
            },
        )
    })
}

/// From the planned end until just before 14 days after it, an active
/// device still pushes and pulls.
#[tokio::test]
async fn an_active_device_still_syncs_within_14_days_after_the_planned_end() {
    let (s, clock) = start_with_clock().await;
    let (_, phone, planned_end) = planned_setup(&s).await;
    // The token lookup carries the planned end from the enrolment.
    let auth = s
        .app
        .store
        .device_by_token(painschool_server::secrets::hash(&phone))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(auth.access_ends_at, Some(planned_end));
    assert_eq!(auth.state, "active");
    let grace = Duration::days(ENDED_GRACE_DAYS);
    for (n, at) in [
        planned_end - Duration::seconds(1),
        planned_end,
        planned_end + Duration::days(1),
        planned_end + grace - Duration::seconds(1),
    ]
    .into_iter()
    .enumerate()
    {
        *clock.lock().unwrap() = at;
        assert_eq!(
            codes(push_and_pull(&s, &phone, n as u32 + 1).await),
            [OK, OK],
            "at {at}"
        );
    }
}

/// At the planned end + 14 days and later, push and pull answer 401
/// `access_ended`.
#[tokio::test]
async fn an_active_device_stops_14_days_after_the_planned_end() {
    let (s, clock) = start_with_clock().await;
    let (_, phone, planned_end) = planned_setup(&s).await;
    let grace = Duration::days(ENDED_GRACE_DAYS);
    for (n, at) in [
        planned_end + grace,
        planned_end + grace + Duration::seconds(1),
        planned_end + Duration::days(400),
    ]
    .into_iter()
    .enumerate()
    {
        *clock.lock().unwrap() = at;
        assert_eq!(
            codes(push_and_pull(&s, &phone, n as u32 + 1).await),
            [ENDED, ENDED],
            "at {at}"
        );
    }
}

/// A clinician's extension (clinic API) after the token stopped makes the
/// same token work again, until the new end + 14 days.
#[tokio::test]
async fn an_extension_after_the_planned_end_revives_the_token() {
    let (s, clock) = start_with_clock().await;
    let (patient, phone, planned_end) = planned_setup(&s).await;
    let now = planned_end + Duration::days(20);
    *clock.lock().unwrap() = now;
    assert_eq!(codes(push_and_pull(&s, &phone, 1).await), [ENDED, ENDED]);
    // The clinician extends access through the clinic API (a fresh staff
    // token: the demo's has expired by now).
    let record = s.app.store.patient(patient.clone()).await.unwrap().unwrap();
    let staff = painschool_server::clinic::issue_staff_token(
        &s.app.store,
        record.clinician_id.as_deref().unwrap(),
        now,
    )
    .await
    .unwrap();
    let until = now + Duration::days(30);
    let (st, _) = common::clinic(
        &s,
        &staff,
        reqwest::Method::POST,
        &format!("/patients/{patient}/access"),
        Some(json!({"action": "extend", "until": until})),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(codes(push_and_pull(&s, &phone, 2).await), [OK, OK]);
    // The new planned end counts from now on, with its own 14 days.
    *clock.lock().unwrap() = until + Duration::days(ENDED_GRACE_DAYS) - Duration::seconds(1);
    assert_eq!(codes(push_and_pull(&s, &phone, 3).await), [OK, OK]);
    *clock.lock().unwrap() = until + Duration::days(ENDED_GRACE_DAYS);
    assert_eq!(codes(push_and_pull(&s, &phone, 4).await), [ENDED, ENDED]);
}

/// An ended device stops at whichever 14-day grace ends first: here the
/// planned end's, before its own.
#[tokio::test]
async fn an_ended_device_also_stops_14_days_after_the_planned_end() {
    let (s, clock) = start_with_clock().await;
    let (patient, phone, planned_end) = planned_setup(&s).await;
    // Ended 10 days after the planned end: its own grace would last until
    // day 24, but the planned end's runs out at day 14.
    let ended = planned_end + Duration::days(10);
    s.app
        .store
        .set_device_states(patient, None, DeviceState::Ended, ended)
        .await
        .unwrap();
    *clock.lock().unwrap() = planned_end + Duration::days(ENDED_GRACE_DAYS) - Duration::seconds(1);
    assert_eq!(codes(push_and_pull(&s, &phone, 1).await), [OK, OK]);
    *clock.lock().unwrap() = planned_end + Duration::days(ENDED_GRACE_DAYS);
    assert_eq!(codes(push_and_pull(&s, &phone, 2).await), [ENDED, ENDED]);
}
