//! The work queue on the backend under test: a patient's message and answer
//! put them in the unread and to-review lists; reading and reviewing take
//! them out; an edited answer needs reviewing again; the page lists them
//! for a signed-in clinician of the unit and not for another unit's.

mod common;

use chrono::Utc;
use common::*;
use painschool_server::model::Role;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::Method;
use serde_json::json;

async fn page(s: &Server, clinician_id: &str) -> String {
    let token = secrets::new_device_token().unwrap();
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            clinician_id.to_owned(),
            SessionStage::SignedIn,
            "csrf".into(),
            Utc::now(),
        )
        .await
        .unwrap();
    let r = reqwest::Client::new()
        .get(format!("{}/portal", s.base))
        .header("cookie", format!("__Host-smartskolan={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

#[tokio::test]
async fn messages_and_answers_wait_in_the_queue_until_read_and_reviewed() {
    let s = start(&[], None).await;
    let d = demo_setup(&s).await;
    let unit = s
        .app
        .store
        .patient(d.patient_id.clone())
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let overview = || async {
        let all = s.app.store.unit_overview(unit.clone()).await.unwrap();
        assert_eq!(all.len(), 1);
        (all[0].unread_messages, all[0].unreviewed_answers)
    };
    assert_eq!(overview().await, (0, 0));

    let v1 = change_id(101);
    let msg = change_id(201);
    let r = push(
        &s,
        &d.device_token,
        json!([
            answer(&change_id(1), &v1, &stamp(1), "Första svaret"),
            message(&change_id(2), &msg, "clinician", "Hej <b>där</b>"),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(overview().await, (1, 1));

    // The page, for a clinician of the unit.
    let (admin, _) = s
        .app
        .store
        .staff_by_email(
            painschool_server::clinic::create_demo(&s.app.store, 14, Utc::now())
                .await
                .unwrap()
                .portal_email,
        )
        .await
        .unwrap()
        .unwrap();
    let k = s
        .app
        .store
        .create_clinician(
            unit.clone(),
            "Kliniker Fyra".into(),
            "k4@example.se".into(),
            Role::Clinician,
            Utc::now(),
        )
        .await
        .unwrap();
    let html = page(&s, &k.id).await;
    let unread = html.split("<h2").nth(1).unwrap();
    assert!(
        unread.contains("Testpatient Demo – 1 oläst meddelande"),
        "{html}"
    );
    assert!(!html.contains("Hej <b>"), "no message text on the queue");
    // Another unit's clinician does not see the patient.
    let other = page(&s, &admin.id).await;
    assert!(!other.contains("1 oläst meddelande"), "{other}");

    // Read and reviewed: out of both lists.
    let (status, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("/patients/{}/messages/{msg}/read", d.patient_id),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!("/patients/{}/answers/{v1}/reviewed", d.patient_id),
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(overview().await, (0, 0));
    let html = page(&s, &k.id).await;
    assert!(!html.contains("oläst meddelande"), "{html}");

    // An edit of the reviewed answer needs reviewing again; an older
    // version arriving late does not.
    let r = push(
        &s,
        &d.device_token,
        json!([answer(
            &change_id(3),
            &change_id(102),
            &stamp(5),
            "Ändrat svar"
        )]),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(overview().await, (0, 1));
    let (status, _) = clinic(
        &s,
        &d.staff_token,
        Method::POST,
        &format!(
            "/patients/{}/answers/{}/reviewed",
            d.patient_id,
            change_id(102)
        ),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let r = push(
        &s,
        &d.device_token,
        json!([answer(
            &change_id(4),
            &change_id(103),
            &stamp(3),
            "Gammal version"
        )]),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(overview().await, (0, 0));
}
