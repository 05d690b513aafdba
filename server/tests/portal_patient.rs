//! The patient page on the backend under test: the question text beside
//! the current answer with its history, the threads, and the actions — mark
//! reviewed, reply (which marks the thread read) and revoke a lost phone —
//! reaching the patient's device through the feed. Patient text is escaped.

mod common;

use chrono::Utc;
use common::*;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::StatusCode;
use serde_json::json;

const XSS: &str = "<img src=x onerror=\"window.__xss=1\">";

#[tokio::test]
async fn a_clinician_reads_reviews_replies_and_revokes_on_the_patient_page() {
    let s = start(&[], None).await;
    let now = Utc::now();
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, now)
        .await
        .unwrap();
    let device = activate_code(&s, &demo.code.code).await;
    let (v1, v2, msg) = (change_id(101), change_id(102), change_id(201));
    let r = push(
        &s,
        &device,
        json!([
            answer(&change_id(1), &v1, &stamp(1), "Första tanken"),
            answer(
                &change_id(2),
                &v2,
                &stamp(2),
                &format!("Andra tanken {XSS}")
            ),
            message(&change_id(3), &msg, "clinician", &format!("Hej {XSS}")),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);

    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let token = secrets::new_device_token().unwrap();
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            admin.id.clone(),
            SessionStage::SignedIn,
            "csrf-p".into(),
            now,
        )
        .await
        .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = format!("__Host-smartskolan={token}");
    let page = || async {
        let r = http
            .get(format!("{}/portal/patients/{}", s.base, demo.patient_id))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["cache-control"], "no-store");
        r.text().await.unwrap()
    };
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let (http, cookie, base) = (http.clone(), cookie.clone(), s.base.clone());
        async move {
            http.post(format!("{base}{path}"))
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
        }
    };

    let html = page().await;
    assert!(html.contains("Testpatient Demo"));
    // The question's text from the course bundle, then the current answer,
    // then the earlier version in the history.
    let prompt = html.find("class=\"prompt\"").expect("a question");
    let current = html.find("Andra tanken").unwrap();
    let older = html.find("Första tanken").unwrap();
    assert!(prompt < current && current < older, "{html}");
    assert!(html.contains("Tidigare versioner (1)"));
    assert!(!html.contains(XSS), "patient text is escaped");
    assert!(html.contains("oläst"));

    // Mark reviewed: the page shows it and the patient's device gets it.
    let path = format!("/portal/patients/{}/answers/{v2}/reviewed", demo.patient_id);
    assert_eq!(
        post(path.clone(), vec![("csrf", "wrong".into())]).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(path, vec![("csrf", "csrf-p".into())]).await,
        StatusCode::SEE_OTHER
    );
    assert!(page().await.contains("Läst "));

    // Reply: the thread is read, the reply reaches the device.
    let status = post(
        format!("/portal/patients/{}/messages", demo.patient_id),
        vec![
            ("csrf", "csrf-p".into()),
            ("thread", "clinician".into()),
            ("text", "Tack, vi ses på torsdag.".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let html = page().await;
    assert!(html.contains("Tack, vi ses på torsdag.") && !html.contains("oläst"));
    let feed = pull(&s, &device, 0, 100).await;
    let entities: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["entity"].as_str().unwrap())
        .collect();
    for e in ["answer_reviewed", "message_read", "message"] {
        assert!(entities.contains(&e), "{e} in {entities:?}");
    }
    // An empty reply is refused and sends nothing.
    let status = post(
        format!("/portal/patients/{}/messages", demo.patient_id),
        vec![
            ("csrf", "csrf-p".into()),
            ("thread", "team".into()),
            ("text", "   ".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Revoke the lost phone: it stops at once.
    let device_id = s.app.store.devices(demo.patient_id.clone()).await.unwrap()[0]
        .id
        .clone();
    let status = post(
        format!(
            "/portal/patients/{}/devices/{device_id}/revoke",
            demo.patient_id
        ),
        vec![("csrf", "csrf-p".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let r = push(&s, &device, json!([])).await;
    assert_eq!(r.status(), 401);

    // Each of the three views was logged (answers, messages and the
    // practice log), the actions read nothing more.
    let log = s
        .app
        .store
        .access_log(demo.patient_id.clone())
        .await
        .unwrap();
    assert_eq!(log.len(), 3 * 3, "{log:?}");
}
