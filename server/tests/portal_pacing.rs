//! Pacing and access on the patient page, on the backend under test: each
//! action (pace, unlock, read ahead, a visit, extend, end) is a POST with
//! the CSRF token that changes what the patient's device pulls, exactly as
//! the clinic API does; invalid input answers 422 with the error beside its
//! form and changes nothing; ending access needs the "I understand" box,
//! and the device's next request gets the ended state. Another unit's
//! clinician gets 404 on every new route. The weekly check-in chart has one
//! point per submitted answer and week.

mod common;

use chrono::{DateTime, Months, Utc};
use common::*;
use painschool_server::model::Role;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Portal {
    http: reqwest::Client,
    base: String,
    cookie: String,
}

impl Portal {
    async fn signed_in(s: &Server, clinician_id: &str, csrf: &str) -> Portal {
        let token = secrets::new_device_token().unwrap();
        s.app
            .store
            .create_session(
                secrets::hash(&token),
                clinician_id.to_owned(),
                SessionStage::SignedIn,
                csrf.into(),
                (s.app.now)(),
            )
            .await
            .unwrap();
        Portal {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: s.base.clone(),
            cookie: format!("__Host-smartskolan={token}"),
        }
    }

    async fn page(&self, patient: &str) -> String {
        let r = self
            .http
            .get(format!("{}/portal/patients/{patient}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.text().await.unwrap()
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    }
}

/// The feed items a device pulls from the clinic, of one entity.
async fn clinic_items(s: &Server, token: &str, entity: &str) -> Vec<Value> {
    pull(s, token, 0, 500).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["entity"] == entity && i["source"] == "clinic")
        .cloned()
        .collect()
}

/// The enrolment the device holds after applying the feed (the last one).
async fn enrolment(s: &Server, token: &str) -> Value {
    clinic_items(s, token, "enrolment")
        .await
        .last()
        .map(|i| i["payload"]["enrolment"].clone())
        .unwrap_or(Value::Null)
}

fn check_in(n: u32, question: &str, week: u32, value: i64) -> Value {
    let version = change_id(500 + n);
    let hlc = stamp(100 + n);
    json!({
        "id": change_id(400 + n),
        "entity": "answer_version",
        "entity_id": version,
        "hlc": hlc,
        "payload": {
            "version_id": version,
            "question_id": question,
            "entry_id": format!("week-{week:02}"),
            "module_id": "m1",
            "value": { "type": "scale", "value": value },
            "hlc": hlc,
            "submitted_at": "2026-11-23T10:00:00Z"
        }
    })
}

#[tokio::test]
async fn each_pacing_and_access_action_reaches_the_device() {
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let device = activate_code(&s, &demo.code.code).await;
    let p = Portal::signed_in(&s, &admin.id, "csrf-p").await;
    let id = demo.patient_id.clone();
    let at = |action: &str| format!("/portal/patients/{id}/{action}");

    // The page shows the state before any change.
    let html = p.page(&id).await;
    assert!(html.contains(&format!("action=\"/portal/patients/{id}/access/end\"")));
    assert!(html.contains("id=\"course-h\""));
    assert!(html.contains("aktiv"));
    assert!(html.contains("Modul 1"));
    assert!(html.contains("En modul i veckan"));
    assert!(html.contains("Inga bokade besök."));

    // Every action without the CSRF token is refused and changes nothing.
    for (action, form) in [
        ("pace", vec![("pace", "all_at_once")]),
        ("read-ahead", vec![("allow", "1")]),
        ("unlock", vec![("module_id", "m5")]),
        (
            "visits",
            vec![("date", "2026-12-01"), ("time", "10:00"), ("minutes", "45")],
        ),
        ("access/extend", vec![("months", "3")]),
        ("access/end", vec![("confirm", "yes")]),
    ] {
        let (status, _) = p.post(&at(action), &form).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}");
        let mut wrong = form.clone();
        wrong.push(("csrf", "not-the-token"));
        let (status, _) = p.post(&at(action), &wrong).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(enrolment(&s, &device).await, Value::Null, "nothing written");

    // Pace: a bad number is refused beside its form; a good one reaches the
    // device.
    let (status, html) = p
        .post(
            &at("pace"),
            &[
                ("csrf", "csrf-p"),
                ("pace", "every_n_days"),
                ("pace_days", "99"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"pace-error\""));
    assert_eq!(enrolment(&s, &device).await, Value::Null);
    let (status, _) = p
        .post(
            &at("pace"),
            &[
                ("csrf", "csrf-p"),
                ("pace", "every_n_days"),
                ("pace_days", "3"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment(&s, &device).await["pace"],
        json!({"kind": "every_n_days", "days": 3})
    );

    // Unlock a module; an unknown one is refused.
    let (status, html) = p
        .post(&at("unlock"), &[("csrf", "csrf-p"), ("module_id", "m99")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"unlock-error\""));
    let (status, _) = p
        .post(&at("unlock"), &[("csrf", "csrf-p"), ("module_id", "m5")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment(&s, &device).await["manual_unlocks"],
        json!(["m5"])
    );

    // Reading ahead, on.
    let (status, _) = p
        .post(&at("read-ahead"), &[("csrf", "csrf-p"), ("allow", "1")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let e = enrolment(&s, &device).await;
    assert_eq!(e["read_ahead"], true);
    assert_eq!(e["pace"]["days"], 3, "earlier changes kept");

    // A visit: an http link is refused with what was typed kept; an https
    // one is booked and reaches the device with its place and link.
    let visit = |link: &'static str| {
        vec![
            ("csrf", "csrf-p"),
            ("date", "2026-12-01"),
            ("time", "10:00"),
            ("minutes", "45"),
            ("kind", "video"),
            ("place", "Rum 3, plan 2"),
            ("video_link", link),
        ]
    };
    let (status, html) = p
        .post(&at("visits"), &visit("http://meet.example.se/r1"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"visit-error\""));
    assert!(html.contains("value=\"Rum 3, plan 2\""));
    assert!(clinic_items(&s, &device, "visit").await.is_empty());
    let (status, _) = p
        .post(&at("visits"), &visit("https://meet.example.se/r1"))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let visits = clinic_items(&s, &device, "visit").await;
    assert_eq!(visits.len(), 1);
    let v = &visits[0]["payload"];
    assert_eq!(
        v["starts_at"], "2026-12-01T09:00:00.000Z",
        "10:00 in Stockholm"
    );
    assert_eq!(v["minutes"], 45);
    assert_eq!(v["kind"], "video");
    assert_eq!(v["place"], "Rum 3, plan 2");
    assert_eq!(v["video_link"], "https://meet.example.se/r1");
    let html = p.page(&id).await;
    assert!(html.contains("2026-12-01 10:00") && html.contains("https://meet.example.se/r1"));

    // Extend by three months: the planned end moves, the device pulls it.
    let before: DateTime<Utc> = s
        .app
        .store
        .patient(id.clone())
        .await
        .unwrap()
        .unwrap()
        .enrolment
        .access_ends_at();
    let (status, html) = p
        .post(&at("access/extend"), &[("csrf", "csrf-p"), ("months", "0")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"extend-error\""));
    let (status, _) = p
        .post(&at("access/extend"), &[("csrf", "csrf-p"), ("months", "3")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let end: DateTime<Utc> = enrolment(&s, &device).await["access_end"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(end, before.checked_add_months(Months::new(3)).unwrap());

    // End access: not without the box ticked; with it, the device's next
    // request gets the ended state and its enrolment ends.
    let (status, html) = p.post(&at("access/end"), &[("csrf", "csrf-p")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"end-error\""));
    let state = |token: String| {
        let base = s.base.clone();
        async move {
            reqwest::Client::new()
                .get(format!("{base}/api/v1/status"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()["device_state"]
                .clone()
        }
    };
    assert_eq!(state(device.clone()).await, "active");
    let (status, _) = p
        .post(&at("access/end"), &[("csrf", "csrf-p"), ("confirm", "yes")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(state(device.clone()).await, "ended");
    let ended: DateTime<Utc> = enrolment(&s, &device).await["access_end"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(ended <= Utc::now());
    let html = p.page(&id).await;
    assert!(html.contains("avslutad"));
    assert!(!html.contains(&format!("action=\"/portal/patients/{id}/access/end\"")));

    // An extension after the end lets the device sync again.
    let (status, _) = p
        .post(&at("access/extend"), &[("csrf", "csrf-p"), ("months", "2")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(state(device.clone()).await, "active");
}

#[tokio::test]
async fn another_units_clinician_gets_404_on_every_new_route() {
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let now = Utc::now();
    let unit = s
        .app
        .store
        .create_unit("Annan enhet".into(), "sv".into(), "en".into(), now)
        .await
        .unwrap();
    let other = s
        .app
        .store
        .create_clinician(
            unit.id,
            "Kliniker Annan".into(),
            "annan@example.se".into(),
            Role::Clinician,
            now,
        )
        .await
        .unwrap();
    let device = activate_code(&s, &demo.code.code).await;
    let p = Portal::signed_in(&s, &other.id, "csrf-o").await;
    for (action, form) in [
        ("activation-code", vec![("csrf", "csrf-o")]),
        ("pace", vec![("csrf", "csrf-o"), ("pace", "all_at_once")]),
        ("read-ahead", vec![("csrf", "csrf-o"), ("allow", "1")]),
        ("unlock", vec![("csrf", "csrf-o"), ("module_id", "m5")]),
        (
            "visits",
            vec![
                ("csrf", "csrf-o"),
                ("date", "2026-12-01"),
                ("time", "10:00"),
                ("minutes", "45"),
            ],
        ),
        ("access/extend", vec![("csrf", "csrf-o"), ("months", "3")]),
        ("access/end", vec![("csrf", "csrf-o"), ("confirm", "yes")]),
    ] {
        let (status, html) = p
            .post(
                &format!("/portal/patients/{}/{action}", demo.patient_id),
                &form,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{action}");
        assert!(!html.contains("Testpatient Demo"));
    }
    // Nothing reached the device, nothing was read.
    assert!(clinic_items(&s, &device, "enrolment").await.is_empty());
    assert!(clinic_items(&s, &device, "visit").await.is_empty());
    assert!(
        s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap()
            .is_empty()
    );
    // The other unit's enrolment form lists only its own staff.
    let r = p
        .http
        .get(format!("{}/portal/enrol", s.base))
        .header("cookie", &p.cookie)
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Kliniker Annan") && !html.contains("Demobehandlare"));
}

#[tokio::test]
async fn the_check_in_chart_has_a_point_per_submitted_answer_and_week() {
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let device = activate_code(&s, &demo.code.code).await;
    let p = Portal::signed_in(&s, &admin.id, "csrf-c").await;
    let html = p.page(&demo.patient_id).await;
    assert!(html.contains("Inga inskickade avstämningar än."));
    assert!(!html.contains("class=\"pt "));

    // Weeks 1-3 of pain, weeks 1 and 3 of sleep, and an edit of week 2's
    // pain (the later version counts, once).
    let r = push(
        &s,
        &device,
        json!([
            check_in(1, "check-in-pain", 1, 7),
            check_in(2, "check-in-pain", 2, 6),
            check_in(3, "check-in-pain", 3, 4),
            check_in(4, "check-in-sleep", 1, 3),
            check_in(5, "check-in-sleep", 3, 6),
            check_in(6, "check-in-pain", 2, 5),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let results: Value = r.json().await.unwrap();
    assert!(
        results["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] == "accepted"),
        "{results}"
    );

    let html = p.page(&demo.patient_id).await;
    let svg_start = html.find("<svg").expect("a chart");
    let svg = &html[svg_start..svg_start + html[svg_start..].find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\"") && svg.contains("<title"));
    assert_eq!(svg.matches("class=\"pt ").count(), 5, "{svg}");
    assert!(svg.contains("data-week=\"2\" data-value=\"5\""), "the edit");
    assert!(!svg.contains("data-value=\"6\" data-week=\"2\""));
    assert!(!svg.contains("Hur ont"), "no text in the SVG");
    // The same numbers in a table: a row per week.
    let table = &html[html.find("class=\"numbers\"").unwrap()..];
    for week in 1..=3 {
        assert!(table.contains(&format!("<th scope=\"row\">{week}</th>")));
    }
    assert!(!table.contains("<th scope=\"row\">4</th>"));
}
