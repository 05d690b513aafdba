//! The access-log pages over HTTP on the backend under test: viewing a
//! patient page writes rows that the patient's log lists (who by name,
//! what, when in UTC) without any answer or message text; a clinician's own
//! log lists what they looked at; a unit admin reads a staff member's log;
//! viewing a log is not itself logged; another unit gets 404; at most the
//! latest 500 rows, with a note.

mod portal_client;

use painschool_e2e::server::{answer, change_id, message, push, stamp};
use painschool_server::clinic::create_demo;
use painschool_server::model::Role;
use painschool_server::store::{PortalStore, Repository};
use portal_client::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_access_log_lists_the_reads_a_patient_page_wrote() {
    let p = Portal::start().await;
    let demo = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (admin, _) =
        p.s.app
            .store
            .staff_by_email(demo.portal_email.clone())
            .await
            .unwrap()
            .unwrap();
    let device = p.device(&demo.patient_id).await;
    let r = push(
        &p.s,
        &device,
        json!([
            answer(&change_id(1), &change_id(101), &stamp(1), "Hemligt svar"),
            message(
                &change_id(2),
                &change_id(102),
                "clinician",
                "Hemligt meddelande"
            ),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
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
    let a = p.session(&admin.id).await;

    // The clinician views the patient page: three rows (answers, messages,
    // the practice log).
    let patient_page = format!("/portal/patients/{}", demo.patient_id);
    let html = p.page(&patient_page, &b).await;
    let log_page = format!("{patient_page}/access-log");
    assert!(html.contains(&format!("href=\"{log_page}\"")), "linked");
    let rows =
        p.s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap();
    assert_eq!(rows.len(), 3);

    // The patient's log, for any clinician of the unit: who, what, when.
    for viewer in [&a, &b] {
        let html = p.page(&log_page, viewer).await;
        assert!(html.contains("Testpatient Demo"));
        assert_eq!(html.matches("<td>Kliniker Två</td>").count(), 3, "{html}");
        assert!(html.contains("Läste svar") && html.contains("Läste meddelanden"));
        assert!(html.contains("Läste övningsloggen"));
        let year = &rows[0].0[..4];
        assert!(html.contains(&format!("<th scope=\"row\">{year}-")) && html.contains(" UTC</th>"));
        assert!(!html.contains("Hemligt"), "no patient text");
        assert!(!html.contains("Visar bara de senaste"));
    }
    // Viewing a log is not a patient-data read.
    assert_eq!(
        p.s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap()
            .len(),
        3
    );

    // What I looked at: the clinician's own log names the patient; the
    // admin's own is empty; the admin reads the clinician's from the staff
    // page; the clinician may not read the admin's.
    let html = p.page("/portal/access-log", &b).await;
    assert_eq!(html.matches("Testpatient Demo</a>").count(), 3);
    assert!(!html.contains("Hemligt"));
    assert!(
        p.page("/portal/access-log", &a)
            .await
            .contains("Inga rader.")
    );
    let staff = p.page("/portal/staff", &a).await;
    assert!(staff.contains(&format!("href=\"/portal/staff/{}\"", k.id)));
    let member = p.page(&format!("/portal/staff/{}", k.id), &a).await;
    let staff_log = format!("/portal/staff/{}/access-log", k.id);
    assert!(member.contains(&format!("href=\"{staff_log}\"")));
    let html = p.page(&staff_log, &a).await;
    assert!(html.contains("Kliniker Två") && html.matches("Testpatient Demo</a>").count() == 3);
    assert_eq!(
        p.get(&format!("/portal/staff/{}/access-log", admin.id), &b.cookie)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Another unit's clinician: 404.
    let other = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (o, _) =
        p.s.app
            .store
            .staff_by_email(other.portal_email)
            .await
            .unwrap()
            .unwrap();
    let ob = p.session(&o.id).await;
    assert_eq!(
        p.get(&log_page, &ob.cookie).await.status(),
        StatusCode::NOT_FOUND
    );

    // A long log: the latest 500 rows, with a note.
    for _ in 0..510 {
        p.s.app
            .store
            .log_access(
                admin.id.clone(),
                demo.patient_id.clone(),
                "read_answers",
                p.now(),
            )
            .await
            .unwrap();
    }
    let html = p.page(&log_page, &b).await;
    assert_eq!(html.matches("<th scope=\"row\">").count(), 500);
    assert!(html.contains("Visar bara de senaste 500 raderna."));
    assert_eq!(
        html.matches("<td>Kliniker Två</td>").count(),
        0,
        "the oldest left out"
    );
    let html = p.page("/portal/access-log", &b).await;
    assert_eq!(html.matches("<th scope=\"row\">").count(), 3);
}
