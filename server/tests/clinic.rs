//! The clinician-side API over real HTTP on 127.0.0.1 with a real
//! database: messaging both ways, read marks, pace, unlock, visits, reviewed
//! marks, access end and extension, device revocation, access checks and
//! the access log.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

fn items_of(feed: &serde_json::Value, entity: &str) -> Vec<serde_json::Value> {
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["entity"] == entity)
        .cloned()
        .collect()
}

#[tokio::test]
async fn messages_go_both_ways_with_read_marks() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let p = format!("/patients/{}", d.patient_id);
    let mid = "01a20940-0000-7000-8000-00000000aaaa";
    let r = push(
        &s,
        &d.device_token,
        json!([message(
            &change_id(1),
            mid,
            "team",
            "Appen visar inte ljudet"
        )]),
    )
    .await;
    assert_eq!(r.status(), 200);

    // The clinic sees the patient's message, unread.
    let (status, body) = clinic(
        &s,
        &d.staff_token,
        Method::GET,
        &format!("{p}/messages"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["text"], "Appen visar inte ljudet");
    assert_eq!(msgs[0]["thread"], "team");
    assert_eq!(msgs[0]["author"], "patient");
    assert!(msgs[0]["read_by_clinic_at"].is_null());

    // Marked read, and answered.
    let (status, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/messages/{mid}/read"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, made) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/messages"),
        Some(json!({"thread": "team", "text": "Prova att starta om appen."})),
    )
    .await;
    assert_eq!(status, 201);
    let reply_id = made["id"].as_str().unwrap().to_owned();

    // The phone pulls the read mark and the reply, from the clinic.
    let feed = pull(&s, &d.device_token, 0, 100).await;
    let read = items_of(&feed, "message_read");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0]["payload"]["message_id"], mid);
    assert_eq!(read[0]["source"], "clinic");
    assert!(read[0]["device_id"].is_null());
    let replies = items_of(&feed, "message");
    assert_eq!(replies.len(), 1, "its own message is not sent back");
    assert_eq!(replies[0]["payload"]["text"], "Prova att starta om appen.");
    assert_eq!(replies[0]["payload"]["author_name"], "Demobehandlare");
    assert_eq!(replies[0]["payload"]["thread"], "team");

    // The patient reads the reply; the clinic sees when.
    let r = push(
        &s,
        &d.device_token,
        json!([{
            "id": change_id(2), "entity": "message_read", "entity_id": reply_id, "hlc": stamp(901),
            "payload": {"message_id": reply_id, "read_at": "2026-11-23T11:00:00Z"}
        }]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let (_, body) = clinic(
        &s,
        &d.staff_token,
        Method::GET,
        &format!("{p}/messages"),
        None,
    )
    .await;
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 2);
    assert!(msgs[0]["read_by_clinic_at"].is_string());
    assert_eq!(msgs[1]["author"], "clinic");
    assert_eq!(msgs[1]["read_by_patient_at"], "2026-11-23T11:00:00Z");
}

#[tokio::test]
async fn a_bad_message_is_rejected_alone_without_its_text() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let long = "å".repeat(4001);
    let r = push(
        &s,
        &d.device_token,
        json!([
            message(
                &change_id(1),
                "01a20940-0000-7000-8000-00000000bbb1",
                "team",
                &long
            ),
            message(
                &change_id(2),
                "01a20940-0000-7000-8000-00000000bbb2",
                "doctor",
                "hej"
            ),
            message(
                &change_id(3),
                "01a20940-0000-7000-8000-00000000bbb3",
                "clinician",
                "   "
            ),
            message(
                &change_id(4),
                "01a20940-0000-7000-8000-00000000bbb4",
                "clinician",
                "Tack"
            ),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    let statuses: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["rejected", "rejected", "rejected", "accepted"]);
    assert!(!body.to_string().contains("ååå"), "no text in reasons");
    let (_, msgs) = clinic(
        &s,
        &d.staff_token,
        Method::GET,
        &format!("/patients/{}/messages", d.patient_id),
        None,
    )
    .await;
    assert_eq!(msgs["messages"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn pace_unlock_visits_and_reviews_reach_the_phone_in_order() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let p = format!("/patients/{}", d.patient_id);
    let version = "01a20940-0000-7000-8000-0000000000v1".replace('v', "1");
    push(
        &s,
        &d.device_token,
        json!([answer(
            &change_id(1),
            &version,
            &stamp(1),
            "Att smärta är en signal"
        )]),
    )
    .await;

    let (st, enrolment) = clinic(
        &s,
        &d.staff_token,
        Method::PUT,
        &format!("{p}/pace"),
        Some(json!({"pace": {"kind": "every_n_days", "days": 3}, "read_ahead": true})),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(enrolment["pace"]["days"], 3);
    let (st, enrolment) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/unlock"),
        Some(json!({"module_id": "m5"})),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(enrolment["manual_unlocks"], json!(["m5"]));
    assert_eq!(enrolment["pace"]["days"], 3, "the unlock keeps the pace");
    let (st, visit) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/visits"),
        Some(json!({"starts_at": "2026-12-01T09:00:00Z", "minutes": 45, "kind": "video"})),
    )
    .await;
    assert_eq!(st, 201);
    let visit_id = visit["id"].as_str().unwrap().to_owned();
    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::PUT,
        &format!("{p}/visits/{visit_id}"),
        Some(json!({"starts_at": "2026-12-01T10:00:00Z", "minutes": 45, "kind": "video", "cancelled": true})),
    )
    .await;
    assert_eq!(st, 204);
    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/answers/{version}/reviewed"),
        None,
    )
    .await;
    assert_eq!(st, 204);

    let feed = pull(&s, &d.device_token, 0, 100).await;
    let entities: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities,
        [
            "enrolment",
            "enrolment",
            "visit",
            "visit",
            "answer_reviewed"
        ],
        "in the order the clinic wrote them; the phone's own answer is not sent back"
    );
    let items = feed["items"].as_array().unwrap();
    assert_eq!(
        items[1]["payload"]["enrolment"]["manual_unlocks"],
        json!(["m5"])
    );
    assert_eq!(items[3]["payload"]["cancelled"], true);
    assert_eq!(items[3]["payload"]["starts_at"], "2026-12-01T10:00:00.000Z");
    assert_eq!(items[4]["payload"]["question_id"], "m1-reflection-learned");

    // The clinic's view of the answers shows the review.
    let (_, answers) = clinic(
        &s,
        &d.staff_token,
        Method::GET,
        &format!("{p}/answers"),
        None,
    )
    .await;
    let a = &answers["answers"][0];
    assert_eq!(a["version_id"], version.as_str());
    assert_eq!(a["value"]["value"], "Att smärta är en signal");
    assert!(a["reviewed_at"].is_string());
}

#[tokio::test]
async fn bad_clinic_requests_get_clear_errors() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let p = format!("/patients/{}", d.patient_id);
    let t = &d.staff_token;
    let cases = [
        (
            Method::PUT,
            format!("{p}/pace"),
            Some(json!({"pace": {"kind": "every_n_days", "days": 0}})),
            400,
        ),
        (
            Method::PUT,
            format!("{p}/pace"),
            Some(json!({"pace": "fast"})),
            422,
        ),
        (
            Method::POST,
            format!("{p}/unlock"),
            Some(json!({"module_id": "m99"})),
            404,
        ),
        (
            Method::POST,
            format!("{p}/answers/01a20940-0000-7000-8000-000000000000/reviewed"),
            None,
            404,
        ),
        (
            Method::POST,
            format!("{p}/messages/01a20940-0000-7000-8000-000000000000/read"),
            None,
            404,
        ),
        (
            Method::POST,
            format!("{p}/messages"),
            Some(json!({"thread": "team", "text": ""})),
            400,
        ),
        (
            Method::POST,
            format!("{p}/visits"),
            Some(json!({"starts_at": "2026-12-01T09:00:00Z", "minutes": 2, "kind": "video"})),
            400,
        ),
        (
            Method::POST,
            format!("{p}/access"),
            Some(json!({"action": "extend", "until": "2001-01-01T00:00:00Z"})),
            400,
        ),
        (Method::POST, format!("{p}/devices/nope/revoke"), None, 404),
        (
            Method::POST,
            "/patients".to_owned(),
            Some(json!({"name": "Testperson Ett", "personal_number": "19121212-1213"})),
            400,
        ),
        (Method::GET, "/patients/nope/messages".to_owned(), None, 404),
    ];
    for (method, path, body, want) in cases {
        let (status, answer) = clinic(&s, t, method.clone(), &path, body).await;
        assert_eq!(status, want, "{method} {path}: {answer}");
        assert!(answer["error"].is_string(), "{method} {path}: a JSON error");
    }
    // Still serving.
    let (status, _) = clinic(&s, t, Method::GET, &format!("{p}/devices"), None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn staff_see_only_their_own_unit_and_every_read_is_logged() {
    let s = start(&[], None).await;
    let ours = demo_setup(&s).await;
    let theirs = demo_setup(&s).await; // another unit
    let p = format!("/patients/{}", ours.patient_id);

    let (status, _) = clinic(
        &s,
        "not-a-token",
        Method::GET,
        &format!("{p}/messages"),
        None,
    )
    .await;
    assert_eq!(status, 401);
    for path in ["messages", "answers", "devices"] {
        let (status, _) = clinic(
            &s,
            &theirs.staff_token,
            Method::GET,
            &format!("{p}/{path}"),
            None,
        )
        .await;
        assert_eq!(status, 404, "{path}: another unit's patient looks absent");
    }
    let (status, _) = clinic(
        &s,
        &theirs.staff_token,
        Method::POST,
        &format!("{p}/messages"),
        Some(json!({"thread": "team", "text": "fel enhet"})),
    )
    .await;
    assert_eq!(status, 404);

    for path in ["messages", "answers", "devices"] {
        let (status, _) = clinic(
            &s,
            &ours.staff_token,
            Method::GET,
            &format!("{p}/{path}"),
            None,
        )
        .await;
        assert_eq!(status, 200);
    }
    use painschool_server::store::Repository;
    let log = s
        .app
        .store
        .access_log(ours.patient_id.clone())
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|(_, _, a)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["read_messages", "read_answers", "read_devices"],
        "refused reads are not logged as reads"
    );
}

#[tokio::test]
async fn a_new_patient_gets_a_code_and_activates_with_the_units_reply_time() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let (status, made) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        "/patients",
        Some(json!({"name": "Testperson Två", "personal_number": "191212121212", "pace": {"kind": "manual"}})),
    )
    .await;
    assert_eq!(status, 201);
    let pid = made["patient_id"].as_str().unwrap();
    let (status, code) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("/patients/{pid}/activation-codes"),
        None,
    )
    .await;
    assert_eq!(status, 201);
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/activate", s.base))
        .json(&json!({"code": code["code"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        body["unit"]["reply_time_sv"],
        "Vi svarar inom två vardagar."
    );
    assert_eq!(body["enrolment"]["pace"]["kind"], "manual");
    assert!(
        !body.to_string().contains("Testperson"),
        "the phone never gets the name"
    );
}

#[tokio::test]
async fn ending_access_reaches_the_phone_then_an_extension_revives_it() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let p = format!("/patients/{}", d.patient_id);
    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/access"),
        Some(json!({"action": "end"})),
    )
    .await;
    assert_eq!(st, 200);
    // Within the grace period the phone still pulls the end and its status.
    let feed = pull(&s, &d.device_token, 0, 100).await;
    let e = items_of(&feed, "enrolment");
    assert_eq!(e.len(), 1);
    assert!(e[0]["payload"]["enrolment"]["access_end"].is_string());
    let status: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/status", s.base))
        .bearer_auth(&d.device_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["device_state"], "ended");

    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/access"),
        Some(json!({"action": "extend", "until": "2099-01-01T00:00:00Z"})),
    )
    .await;
    assert_eq!(st, 200);
    let status: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/status", s.base))
        .bearer_auth(&d.device_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["device_state"], "active");
    assert_eq!(status["access_ends_at"], "2099-01-01T00:00:00Z");
}

#[tokio::test]
async fn a_revoked_device_stops_at_once() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let p = format!("/patients/{}", d.patient_id);
    let (_, devices) = clinic(
        &s,
        &d.staff_token,
        Method::GET,
        &format!("{p}/devices"),
        None,
    )
    .await;
    let device_id = devices["devices"][0]["id"].as_str().unwrap().to_owned();
    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/devices/{device_id}/revoke"),
        None,
    )
    .await;
    assert_eq!(st, 204);
    let (st, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("{p}/devices/{device_id}/revoke"),
        None,
    )
    .await;
    assert_eq!(st, 204, "revoking twice is fine");
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/changes", s.base))
        .bearer_auth(&d.device_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "device_revoked");
}
