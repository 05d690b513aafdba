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
        // The list's variant: the same rows, without the unreviewed count;
        // the one-patient variant: the same line.
        let list = s.app.store.unit_list(unit.clone()).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].unread_messages, all[0].unread_messages);
        assert_eq!(list[0].unreviewed_answers, 0);
        let one = s
            .app
            .store
            .patient_overview(all[0].id.clone())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(one, all[0]);
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
        unread.contains(&format!(
            "<a href=\"/portal/patients/{}\">Testpatient Demo</a> – 1 oläst meddelande",
            d.patient_id
        )),
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

#[tokio::test]
async fn the_patient_list_searches_the_unit_by_name_or_number_and_escapes_names() {
    let s = start(&[], None).await;
    let now = Utc::now();
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, now)
        .await
        .unwrap();
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email)
        .await
        .unwrap()
        .unwrap();
    for (name, pnr) in [
        ("Anna <script>Test</script>", Some("19121212-1212")),
        ("Bo Prov", None),
    ] {
        s.app
            .store
            .create_patient(
                painschool_server::model::NewPatient {
                    unit_id: admin.unit_id.clone(),
                    clinician_id: None,
                    name: name.into(),
                    personal_number: pnr.map(str::to_owned),
                    enrolment: painschool_core::course::Enrolment::weekly(
                        now,
                        chrono_tz::Europe::Stockholm,
                    ),
                },
                now,
            )
            .await
            .unwrap();
    }
    let token = secrets::new_device_token().unwrap();
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            admin.id.clone(),
            SessionStage::SignedIn,
            "csrf".into(),
            now,
        )
        .await
        .unwrap();
    let get = |q: &'static str| {
        let (base, token) = (s.base.clone(), token.clone());
        async move {
            let r = reqwest::Client::new()
                .get(format!("{base}/portal/patients?q={q}"))
                .header("cookie", format!("__Host-smartskolan={token}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(r.headers()["cache-control"], "no-store");
            r.text().await.unwrap()
        }
    };
    let all = get("").await;
    assert!(all.contains("Patienter (3)"), "{all}");
    assert!(
        all.contains("Anna &#60;script&#62;Test&#60;/script&#62;")
            || all.contains("Anna &lt;script&gt;"),
        "{all}"
    );
    assert!(!all.contains("<script>"));
    assert!(all.contains("Modul 1") && all.contains("aktiv"));
    let by_number = get("121212-1212").await;
    assert!(by_number.contains("Patienter (1)") && by_number.contains("19121212-1212"));
    let by_name = get("prov").await;
    assert!(by_name.contains("Patienter (1)") && by_name.contains("Bo Prov"));
    assert!(get("ingen").await.contains("Ingen patient matchar."));
}
