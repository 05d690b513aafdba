//! Push and pull over real HTTP on 127.0.0.1 with a real database.

mod common;

use common::{answer, change_id, demo_device, pull, push, stamp, start};
use painschool_server::clinic::issue_activation_code;
use serde_json::json;

#[tokio::test]
async fn a_push_is_stored_once_and_reaches_the_patients_other_device() {
    let s = start(&[], None).await;
    let (patient, phone) = demo_device(&s).await;
    let batch = json!([
        answer(&change_id(1), &change_id(101), &stamp(1), "first answer, å ä ö"),
        {
            "id": change_id(2), "entity": "progress", "entity_id": "section_opened:m1-welcome",
            "hlc": stamp(2),
            "payload": { "kind": "section_opened", "item_id": "m1-welcome", "module_id": "m1", "at": "2026-11-23T10:00:00Z" }
        },
        {
            "id": change_id(3), "entity": "preference", "entity_id": "language", "hlc": stamp(3),
            "payload": { "key": "language", "value": "en", "hlc": stamp(3) }
        }
    ]);
    let r = push(&s, &phone, batch.clone()).await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    let statuses: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["accepted", "accepted", "accepted"]);
    // The same batch again changes nothing.
    let again: serde_json::Value = push(&s, &phone, batch).await.json().await.unwrap();
    assert!(
        again["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "duplicate")
    );
    // The phone does not get its own changes back.
    let own = pull(&s, &phone, 0, 100).await;
    assert!(own["items"].as_array().unwrap().is_empty());
    assert!(own["cursor"].as_i64().unwrap() > 0);
    // A second device of the same patient gets all three, once.
    let code = issue_activation_code(&s.app.store, &patient, 14, chrono::Utc::now())
        .await
        .unwrap();
    let tablet = common::activate_code(&s, &code.code).await;
    let feed = pull(&s, &tablet, 0, 100).await;
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["payload"]["value"]["value"], "first answer, å ä ö");
    assert_eq!(feed["more"], false);
    // Another patient sees none of it.
    let (_, stranger) = demo_device(&s).await;
    assert!(
        pull(&s, &stranger, 0, 100).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn bad_items_are_rejected_alone_with_a_reason_without_the_text() {
    let s = start(&[], None).await;
    let (_, phone) = demo_device(&s).await;
    let secret = "SECRET-TEXT";
    let mut unknown_q = answer(&change_id(2), &change_id(102), &stamp(2), secret);
    unknown_q["payload"]["question_id"] = json!("no-such-question");
    let mut bad_value = answer(&change_id(3), &change_id(103), &stamp(3), secret);
    bad_value["payload"]["value"] = json!({ "type": "scale", "value": 5 });
    let bad_hlc = answer(&change_id(4), &change_id(104), "yesterday", secret);
    let too_long = answer(
        &change_id(5),
        &change_id(105),
        &stamp(5),
        &"x".repeat(20_000),
    );
    let batch = json!([
        answer(&change_id(1), &change_id(101), &stamp(1), "kept"),
        unknown_q,
        bad_value,
        bad_hlc,
        too_long,
        { "id": change_id(6), "entity": "spaceship", "entity_id": "x", "hlc": stamp(6), "payload": {} },
        { "id": "not-a-uuid", "entity": "progress", "entity_id": "x", "hlc": stamp(7), "payload": {} },
    ]);
    let body: serde_json::Value = push(&s, &phone, batch).await.json().await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    assert_eq!(results[0]["status"], "accepted");
    for r in &results[1..] {
        assert_eq!(r["status"], "rejected", "{r}");
        assert!(!r["reason"].as_str().unwrap().contains("SECRET"));
    }
    assert!(
        results[1]["reason"]
            .as_str()
            .unwrap()
            .contains("unknown question")
    );
    assert!(
        results[4]["reason"]
            .as_str()
            .unwrap()
            .contains("longer than")
    );
}

#[tokio::test]
async fn pull_pages_through_the_feed() {
    let s = start(&[], None).await;
    let (patient, phone) = demo_device(&s).await;
    let batch: Vec<_> = (1..=5)
        .map(|i| {
            answer(
                &change_id(i),
                &change_id(100 + i),
                &stamp(i),
                &format!("answer {i}"),
            )
        })
        .collect();
    push(&s, &phone, json!(batch)).await;
    let code = issue_activation_code(&s.app.store, &patient, 14, chrono::Utc::now())
        .await
        .unwrap();
    let tablet = common::activate_code(&s, &code.code).await;
    let mut cursor = 0;
    let mut seen = Vec::new();
    loop {
        let page = pull(&s, &tablet, cursor, 2).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        cursor = page["cursor"].as_i64().unwrap();
        if page["more"] == false {
            break;
        }
    }
    assert_eq!(seen, (1..=5).map(change_id).collect::<Vec<_>>());
}

#[tokio::test]
async fn sync_needs_a_known_device_token() {
    let s = start(&[], None).await;
    let url = format!("{}/api/v1/changes", s.base);
    let none = reqwest::Client::new().get(&url).send().await.unwrap();
    assert_eq!(none.status(), 401);
    let wrong = reqwest::Client::new()
        .get(&url)
        .bearer_auth("0".repeat(64))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let body: serde_json::Value = wrong.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
    let (_, phone) = demo_device(&s).await;
    let too_many: Vec<_> = (0..501)
        .map(|i| answer(&change_id(i), &change_id(1000 + i), &stamp(i), "x"))
        .collect();
    assert_eq!(push(&s, &phone, json!(too_many)).await.status(), 413);
    let malformed = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&phone)
        .header("content-type", "application/json")
        .body("{\"changes\": 5}")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 422);
}
