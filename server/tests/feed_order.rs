//! The pull cursor never skips a row: several devices of one patient push
//! through two server processes on one database, and the clinic writes to
//! the same feed, all at once, while another device pulls page after page.
//! Every item arrives exactly once, in rising `seq`. On PostgreSQL this
//! holds because writes to one patient's feed take turns on the patient's
//! row (ADR 0008); on SQLite because the database file has one writer.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;
use painschool_server::clinic::issue_activation_code;
use reqwest::Method;
use serde_json::json;

const DEVICES: u32 = 4;
const PUSHES: u32 = 25;
const CLINIC_MESSAGES: u32 = 15;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_pulling_during_concurrent_writes_misses_nothing() {
    let s = Arc::new(start(&[], None).await);
    let other = Arc::new(start_beside(&s).await);
    let d = demo_setup(&s).await;
    let mut writers = vec![d.device_token.clone()];
    for _ in 1..DEVICES {
        let code = issue_activation_code(&s.app.store, &d.patient_id, 14, chrono::Utc::now())
            .await
            .unwrap();
        writers.push(activate_code(&s, &code.code).await);
    }
    let code = issue_activation_code(&s.app.store, &d.patient_id, 14, chrono::Utc::now())
        .await
        .unwrap();
    let reader = activate_code(&s, &code.code).await;

    let mut tasks = Vec::new();
    for (w, token) in writers.into_iter().enumerate() {
        // Half the devices reach the other server process.
        let s = if w % 2 == 0 { s.clone() } else { other.clone() };
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..PUSHES {
                let n = w as u32 * 1000 + i;
                let id = change_id(n);
                let r = push(
                    &s,
                    &token,
                    json!([answer(&id, &change_id(100_000 + n), &stamp(n), "x")]),
                )
                .await;
                assert_eq!(r.status(), 200);
                ids.push(id);
            }
            ids
        }));
    }
    {
        let s = s.clone();
        let (staff, patient) = (d.staff_token.clone(), d.patient_id.clone());
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..CLINIC_MESSAGES {
                let (status, made) = clinic(
                    &s,
                    &staff,
                    Method::POST,
                    &format!("/patients/{patient}/messages"),
                    Some(json!({"thread": "team", "text": format!("svar {i}")})),
                )
                .await;
                assert_eq!(status, 201);
                ids.push(made["id"].as_str().unwrap().to_owned());
            }
            ids
        }));
    }
    let writing = Arc::new(AtomicBool::new(true));
    let pulling = {
        let (s, writing) = (s.clone(), writing.clone());
        tokio::spawn(async move {
            // (seq, change id or clinic message id) in the order pulled.
            let mut seen: Vec<(i64, String)> = Vec::new();
            let mut cursor = 0;
            loop {
                let done = !writing.load(Ordering::SeqCst);
                let page = pull(&s, &reader, cursor, 7).await;
                for item in page["items"].as_array().unwrap() {
                    let id = if item["source"] == "clinic" {
                        item["entity_id"].as_str().unwrap()
                    } else {
                        item["id"].as_str().unwrap()
                    };
                    seen.push((item["seq"].as_i64().unwrap(), id.to_owned()));
                }
                cursor = page["cursor"].as_i64().unwrap();
                if done && page["more"] == false {
                    return seen;
                }
            }
        })
    };
    let mut expected = HashSet::new();
    for t in tasks {
        expected.extend(t.await.unwrap());
    }
    writing.store(false, Ordering::SeqCst);
    let seen = pulling.await.unwrap();

    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "seq rises through the pages"
    );
    let got: Vec<&String> = seen.iter().map(|(_, id)| id).collect();
    let unique: HashSet<&String> = got.iter().copied().collect();
    assert_eq!(unique.len(), got.len(), "no item twice");
    let missing = expected.iter().filter(|id| !unique.contains(id)).count();
    assert_eq!(missing, 0, "no item skipped (of {})", expected.len());
    assert_eq!(got.len(), expected.len());
}
