//! The team mailbox over HTTP on the backend under test: the unit's team
//! threads, newest activity first, unread ones marked; any clinician of the
//! unit opens one (an access-log row), answers it — the reply reaches the
//! patient's phone on its next pull — and marks it read. Another unit's
//! clinician sees none of it.

mod portal_client;

use painschool_e2e::server::{change_id, message, pull, push};
use painschool_server::clinic::create_demo;
use painschool_server::model::Role;
use painschool_server::store::{PortalStore, Repository};
use portal_client::*;
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use serde_json::json;

#[tokio::test]
async fn any_clinician_of_the_unit_answers_the_team_mailbox_and_the_phone_gets_it() {
    let p = Portal::start().await;
    let demo = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (admin, _) =
        p.s.app
            .store
            .staff_by_email(demo.portal_email.clone())
            .await
            .unwrap()
            .unwrap();
    let first = p.device(&demo.patient_id).await;
    let r = push(
        &p.s,
        &first,
        json!([
            message(
                &change_id(1),
                &change_id(101),
                "team",
                "Ljudet spelas inte upp"
            ),
            message(
                &change_id(2),
                &change_id(102),
                "clinician",
                "Till behandlaren"
            ),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
    p.advance(chrono::Duration::seconds(5));
    let other_patient = p.patient(&admin.unit_id, "Testpatient Två").await;
    let second = p.device(&other_patient).await;
    let r = push(
        &p.s,
        &second,
        json!([message(
            &change_id(3),
            &change_id(103),
            "team",
            "Appen startar inte"
        )]),
    )
    .await;
    assert_eq!(r.status(), 200);
    // A clinician (not the patients' own, not an admin) of the unit.
    let k =
        p.s.app
            .store
            .create_clinician(
                admin.unit_id.clone(),
                "Kliniker Två".into(),
                "k2@example.se".into(),
                Role::Clinician,
                p.now(),
            )
            .await
            .unwrap();
    let b = p.session(&k.id).await;

    // The list: newest activity first, both unread, no message text.
    let html = p.page("/portal/team", &b).await;
    assert!(html.contains("href=\"/portal/team\""), "in the navigation");
    let (two, demo_at) = (
        html.find("Testpatient Två").expect("the second patient"),
        html.find("Testpatient Demo").expect("the demo patient"),
    );
    assert!(two < demo_at, "newest first");
    assert_eq!(html.matches("class=\"unread\"").count(), 2);
    assert!(!html.contains("Ljudet") && !html.contains("Till behandlaren"));

    // Opening a thread is a patient-data read: logged first.
    let log_len = || async {
        p.s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap()
    };
    let thread = format!("/portal/team/{}", demo.patient_id);
    let html = p.page(&thread, &b).await;
    assert!(html.contains("Ljudet spelas inte upp") && !html.contains("Till behandlaren"));
    let log = log_len().await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].1.as_str(), log[0].2.as_str()),
        (k.id.as_str(), "read_team_messages")
    );

    // A reply with a wrong token sends nothing; with its token it reaches
    // the phone's pull, and the thread is read.
    let r = p
        .post(
            &format!("{thread}/messages"),
            &b.cookie,
            &[("csrf", "wrong"), ("text", "Nej")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = p
        .act(
            &format!("{thread}/messages"),
            &b,
            &[("text", "Prova att starta om telefonen.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], thread.as_str());
    let feed = pull(&p.s, &first, 0, 100).await;
    let items = feed["items"].as_array().unwrap();
    let reply = items
        .iter()
        .find(|i| i["entity"] == "message")
        .expect("the reply in the feed");
    assert_eq!(reply["payload"]["thread"], "team");
    assert_eq!(reply["payload"]["text"], "Prova att starta om telefonen.");
    assert_eq!(reply["source"], "clinic");
    assert!(
        items.iter().any(|i| i["entity"] == "message_read"
            && i["payload"]["message_id"] == change_id(101).as_str())
    );
    assert!(
        !items.iter().any(|i| i["entity"] == "message_read"
            && i["payload"]["message_id"] == change_id(102).as_str()),
        "the clinician thread stays unread"
    );
    let html = p.page("/portal/team", &b).await;
    assert_eq!(html.matches("class=\"unread\"").count(), 1);
    let demo_row = &html[html.find("Testpatient Demo").unwrap()..];
    assert!(
        demo_row
            .split("</tr>")
            .next()
            .unwrap()
            .contains("<td>2</td><td>0</td>")
    );

    // Mark read without replying.
    let r = p
        .act(&format!("/portal/team/{other_patient}/read"), &b, &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = p.page("/portal/team", &b).await;
    assert_eq!(html.matches("class=\"unread\"").count(), 0);
    let feed = pull(&p.s, &second, 0, 100).await;
    assert!(
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["entity"] == "message_read")
    );

    // Another unit's clinician: an empty mailbox, and 404 for this unit's
    // threads (nothing logged, nothing sent).
    let other = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (o, _) =
        p.s.app
            .store
            .staff_by_email(other.portal_email)
            .await
            .unwrap()
            .unwrap();
    let ob = p.session(&o.id).await;
    let html = p.page("/portal/team", &ob).await;
    assert!(!html.contains("Testpatient Två") && html.contains("Inga meddelanden"));
    assert_eq!(
        p.get(&thread, &ob.cookie).await.status(),
        StatusCode::NOT_FOUND
    );
    let r = p
        .act(&format!("{thread}/messages"), &ob, &[("text", "Fel enhet")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(log_len().await.len(), 1);
}
