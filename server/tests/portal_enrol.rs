//! Enrolling a patient in the portal on the backend under test: a bad
//! personal identity number is shown beside its field with what was typed
//! and stores nothing; a good enrolment answers with the printable letter,
//! whose code activates one device once and whose QR code is the
//! activation address; access starts at the first activation and its
//! planned end is 12 months later; a reloaded letter shows no code again;
//! a new code for another phone leaves the first code working; a clinician
//! signed in with password and second factor reaches the form from the
//! start page and the patient list.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Months, Utc};
use common::*;
use painschool_server::portal::letter::activation_uri;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::StatusCode;
use serde_json::json;

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

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String, String) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        let cache = r
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (r.status(), cache, r.text().await.unwrap())
    }
}

/// The code groups the letter shows.
fn code_groups(html: &str) -> Vec<String> {
    html.split("<span class=\"code-group\">")
        .skip(1)
        .map(|p| p.split('<').next().unwrap().to_owned())
        .collect()
}

/// The issued code (lower case with dashes) from the letter's groups.
fn code_of(html: &str) -> String {
    code_groups(html).join("-").to_lowercase()
}

/// Reads the letter's QR code: draws the dark modules of its SVG path
/// (`Mx yhSvSH…V…`) on a white image and decodes that.
fn decode_qr(html: &str) -> String {
    let svg = &html[html.find("<svg").expect("an SVG")..];
    let size: usize = svg
        .split("width=\"")
        .nth(1)
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("the SVG's width");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; size * size];
    for module in path.split('M').filter(|m| !m.is_empty()) {
        let (xy, rest) = module.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let side: usize = rest.split('v').next().unwrap().parse().unwrap();
        for dy in 0..side {
            for dx in 0..side {
                dark[(y + dy) * size + x + dx] = true;
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        if dark[y * size + x] { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("a readable QR code").1
}

async fn activate(s: &Server, code: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/activate", s.base))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

fn form<'a>(clinician: &'a str, pnr: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", "csrf-e"),
        ("name", "Testa Inskrivningsson"),
        ("personal_number", pnr),
        ("assessed_by", "Dr Bedömare Prov"),
        ("assessed_on", "2026-11-20"),
        ("clinician_id", clinician),
        ("pace", "every_n_days"),
        ("pace_days", "5"),
        ("letter_lang", "en"),
    ]
}

#[tokio::test]
async fn enrolment_checks_the_form_then_prints_a_letter_whose_code_activates_once() {
    // A clock the test moves: enrol on day 0, activate on day 3.
    let t0: DateTime<Utc> = "2026-11-23T09:00:00Z".parse().unwrap();
    let clock = Arc::new(Mutex::new(t0));
    let c = clock.clone();
    let s = start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
    let demo = demo(&s).await;
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let p = Portal::signed_in(&s, &admin.id, "csrf-e").await;
    let patients = || async {
        s.app
            .store
            .unit_overview(admin.unit_id.clone())
            .await
            .unwrap()
    };
    assert_eq!(patients().await.len(), 1, "the demo patient");

    // The form, with the signed-in clinician as the default.
    let (status, html) = p.get("/portal/enrol").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<label for=\"personal_number\">"));
    assert!(html.contains(&format!("value=\"{}\" selected", admin.id)));

    // Without the CSRF token: refused, nothing stored.
    let mut no_csrf = form(&admin.id, "19121212-1212");
    no_csrf.retain(|(k, _)| *k != "csrf");
    let (status, ..) = p.post("/portal/enrol", &no_csrf).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A wrong check digit: the error beside the field, the typed values
    // kept, nothing stored.
    let (status, _, html) = p
        .post("/portal/enrol", &form(&admin.id, "19121212-1213"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"personal_number-error\""), "{html}");
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"Testa Inskrivningsson\""));
    assert!(html.contains("value=\"19121212-1213\""));
    assert!(html.contains("value=\"Dr Bedömare Prov\""));
    assert!(code_groups(&html).is_empty());
    assert_eq!(patients().await.len(), 1, "nothing stored");

    // A good form: the letter, in English, not cached, logged.
    let (status, cache, letter) = p
        .post("/portal/enrol", &form(&admin.id, "191212121212"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cache, "no-store");
    assert!(letter.contains("<html lang=\"en\""));
    assert!(letter.contains("Testa Inskrivningsson"));
    assert!(letter.contains("1177") && letter.contains("112"));
    assert!(letter.contains("expires on 2026-12-07"), "14 days");
    let groups = code_groups(&letter);
    assert_eq!(groups.len(), 4, "{letter}");
    assert!(groups.iter().all(|g| g.len() == 4));
    let code = code_of(&letter);
    // The QR code reads back as the activation address with this code.
    let uri = activation_uri(&s.base, &code);
    assert!(uri.starts_with("smartskolan://activate?server=http%3A%2F%2F127.0.0.1%3A"));
    assert!(uri.ends_with(&format!("&code={code}")));
    assert_eq!(decode_qr(&letter), uri);

    let all = patients().await;
    assert_eq!(all.len(), 2);
    let new = all
        .iter()
        .find(|x| x.name == "Testa Inskrivningsson")
        .unwrap();
    assert_eq!(new.personal_number.as_deref(), Some("19121212-1212"));
    assert_eq!(new.clinician_id.as_deref(), Some(admin.id.as_str()));
    let log = s.app.store.access_log(new.id.clone()).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].2, "activation_letter");
    let info = s
        .app
        .store
        .enrolment_info(new.id.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.assessed_by.as_deref(), Some("Dr Bedömare Prov"));
    assert_eq!(info.assessed_on.as_deref(), Some("2026-11-20"));
    assert!(info.starts_at_activation);

    // The letter reloaded (the form posted again): no second patient, no
    // code shown.
    let (status, _, again) = p
        .post("/portal/enrol", &form(&admin.id, "191212121212"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(code_groups(&again).is_empty());
    assert!(again.contains("id=\"personal_number-error\""));
    assert_eq!(patients().await.len(), 2);

    // Three days later the phone activates: access starts then, and its
    // planned end is 12 months after it.
    let t1 = t0 + Duration::days(3);
    *clock.lock().unwrap() = t1;
    let r = activate(&s, &code).await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        body["enrolment"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        t1
    );
    assert_eq!(
        body["enrolment"]["pace"],
        json!({"kind": "every_n_days", "days": 5})
    );
    let token = body["token"].as_str().unwrap().to_owned();
    let status: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/status", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        status["access_ends_at"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        t1.checked_add_months(Months::new(12)).unwrap()
    );
    // The feed carries the started enrolment too (after any earlier one).
    let feed = pull(&s, &token, 0, 100).await;
    let last_enrolment = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .rfind(|i| i["entity"] == "enrolment")
        .expect("an enrolment item");
    assert_eq!(
        last_enrolment["payload"]["enrolment"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        t1
    );
    // The phone never receives the name, the personal identity number or
    // who assessed the patient: not at activation, not in its status, not
    // in its feed.
    let seen = format!("{body}{status}{feed}");
    for secret in [
        "Testa Inskrivningsson",
        "19121212",
        "121212-1212",
        "Dr Bedömare Prov",
    ] {
        assert!(!seen.contains(secret), "the phone received {secret}");
    }
    // Once: the code does not activate a second device.
    assert_eq!(activate(&s, &code).await.status(), 401);
    assert!(
        !s.app
            .store
            .enrolment_info(new.id.clone())
            .await
            .unwrap()
            .unwrap()
            .starts_at_activation
    );

    // A later activation (another phone) does not move the start.
    *clock.lock().unwrap() = t1 + Duration::days(10);
    // (The old session has timed out meanwhile: sign in again.)
    let p = Portal::signed_in(&s, &admin.id, "csrf-e").await;
    let (status, _, letter2) = p
        .post(
            &format!("/portal/patients/{}/activation-code", new.id),
            &[("csrf", "csrf-e"), ("letter_lang", "sv")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(letter2.contains("<html lang=\"sv\"") && letter2.contains("Välkommen"));
    let r = activate(&s, &code_of(&letter2)).await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        body["enrolment"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        t1
    );
}

#[tokio::test]
async fn a_new_code_for_another_phone_invalidates_nothing_else() {
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let p = Portal::signed_in(&s, &admin.id, "csrf-n").await;
    // The first phone is active; the demo's first code was used by it.
    let first = activate_code(&s, &demo.code.code).await;
    let path = format!("/portal/patients/{}/activation-code", demo.patient_id);
    // Without the token: refused, no code.
    let (status, _, html) = p.post(&path, &[("letter_lang", "sv")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(code_groups(&html).is_empty());
    // Two new codes, one after the other.
    let (status, _, a) = p.post(&path, &[("csrf", "csrf-n")]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, b) = p.post(&path, &[("csrf", "csrf-n")]).await;
    let (a, b) = (code_of(&a), code_of(&b));
    assert_ne!(a, b);
    // The later code works, the earlier one still does, the first phone
    // still syncs.
    assert_eq!(activate(&s, &b).await.status(), 200);
    assert_eq!(activate(&s, &a).await.status(), 200);
    assert_eq!(push(&s, &first, json!([])).await.status(), 200);
    assert_eq!(
        s.app
            .store
            .devices(demo.patient_id.clone())
            .await
            .unwrap()
            .len(),
        3
    );
    // Each letter wrote its access-log row.
    let log = s
        .app
        .store
        .access_log(demo.patient_id.clone())
        .await
        .unwrap();
    assert_eq!(log.iter().filter(|r| r.2 == "activation_letter").count(), 2);
}

/// `NAME=VALUE` of a `Set-Cookie` header.
fn set_cookie(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_clinician_signed_in_with_a_second_factor_enrols_from_the_start_page() {
    use painschool_server::portal::{password, totp};
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let pass = "en lång testfras för inskrivning";
    s.app
        .store
        .set_password(admin.id.clone(), password::hash(pass).unwrap(), now)
        .await
        .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = |p: &str| format!("{}{p}", s.base);

    // Password, then the second factor (set up now, a code of this step).
    let page = http.get(url("/portal/login")).send().await.unwrap();
    let login = set_cookie(&page, "__Host-smartskolan-login");
    let csrf = csrf_of(&page.text().await.unwrap());
    let r = http
        .post(url("/portal/login"))
        .header("cookie", &login)
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", demo.portal_email.as_str()),
            ("password", pass),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let half = set_cookie(&r, "__Host-smartskolan");
    let page = http
        .get(url("/portal/second-factor"))
        .header("cookie", &half)
        .send()
        .await
        .unwrap();
    let csrf = csrf_of(&page.text().await.unwrap());
    let secret = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap()
        .1
        .unwrap()
        .totp_secret
        .unwrap();
    let code = totp::code_at(&secret, Utc::now().timestamp() as u64).unwrap();
    let r = http
        .post(url("/portal/second-factor"))
        .header("cookie", &half)
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let full = set_cookie(&r, "__Host-smartskolan");

    // The start page and the patient list link to the form.
    for page in ["/portal", "/portal/patients"] {
        let html = http
            .get(url(page))
            .header("cookie", &full)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("href=\"/portal/enrol\""), "{page}");
    }
    let html = http
        .get(url("/portal/enrol"))
        .header("cookie", &full)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    let mut f = form(&admin.id, "19121212-1212");
    f.retain(|(k, _)| *k != "csrf");
    f.push(("csrf", csrf.as_str()));
    let r = http
        .post(url("/portal/enrol"))
        .header("cookie", &full)
        .form(&f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let letter = r.text().await.unwrap();
    let code = code_of(&letter);
    assert_eq!(activate(&s, &code).await.status(), 200);
    assert_eq!(activate(&s, &code).await.status(), 401, "once");
}
