//! A browser stand-in for the portal tests of staff admin, drafts, the team
//! mailbox and the access log: a test server on a clock the test moves,
//! plain HTTP with cookies passed by hand, sign-in over the real forms
//! (password, then the second factor's code from the stored secret), and
//! signed-in sessions made directly in the store where the sign-in itself
//! is not under test. Each test file uses part of it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use painschool_e2e::server::{Server, start_clocked};
use painschool_server::model::NewPatient;
use painschool_server::portal::totp;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};

/// The session cookie's name.
pub const SESSION: &str = "__Host-smartskolan";

/// A portal under test.
pub struct Portal {
    /// The server.
    pub s: Server,
    /// A client that does not follow redirects.
    pub http: reqwest::Client,
    clock: Arc<Mutex<DateTime<Utc>>>,
}

/// A signed-in browser: its cookie header and the session's CSRF token.
#[derive(Clone, Debug)]
pub struct Browser {
    /// `NAME=VALUE` for the `cookie` header.
    pub cookie: String,
    /// The forms' token.
    pub csrf: String,
}

impl Portal {
    /// A server on a movable clock.
    pub async fn start() -> Portal {
        let clock = Arc::new(Mutex::new(Utc::now()));
        let c = clock.clone();
        let s = start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
        Portal {
            s,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            clock,
        }
    }

    /// The server's time.
    pub fn now(&self) -> DateTime<Utc> {
        *self.clock.lock().unwrap()
    }

    /// Moves the server's clock.
    pub fn advance(&self, d: Duration) {
        *self.clock.lock().unwrap() += d;
    }

    /// `GET path` with `cookie`.
    pub async fn get(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.s.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    /// `GET path`, expecting 200; the page.
    pub async fn page(&self, path: &str, b: &Browser) -> String {
        let r = self.get(path, &b.cookie).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.text().await.unwrap()
    }

    /// `POST path` with `cookie` and a form.
    pub async fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.s.base))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// `POST path` as `b` with its CSRF token and `more` fields.
    pub async fn act(&self, path: &str, b: &Browser, more: &[(&str, &str)]) -> reqwest::Response {
        let mut form = vec![("csrf", b.csrf.as_str())];
        form.extend_from_slice(more);
        self.post(path, &b.cookie, &form).await
    }

    /// A signed-in session for `clinician_id`, made in the store.
    pub async fn session(&self, clinician_id: &str) -> Browser {
        let token = secrets::new_device_token().unwrap();
        let csrf = secrets::new_device_token().unwrap();
        self.s
            .app
            .store
            .create_session(
                secrets::hash(&token),
                clinician_id.to_owned(),
                SessionStage::SignedIn,
                csrf.clone(),
                self.now(),
            )
            .await
            .unwrap();
        Browser {
            cookie: format!("{SESSION}={token}"),
            csrf,
        }
    }

    /// The password step; the answer (303 to the second factor, or 422).
    pub async fn password_step(&self, email: &str, password: &str) -> reqwest::Response {
        let page = self.get("/portal/login", "").await;
        let login_cookie = cookie_of(page.headers(), "__Host-smartskolan-login");
        let csrf = csrf_of(&page.text().await.unwrap());
        self.post(
            "/portal/login",
            &login_cookie,
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }

    /// The password step that must succeed; the half-signed-in cookie.
    pub async fn half_signed_in(&self, email: &str, password: &str) -> String {
        let r = self.password_step(email, password).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "password step");
        assert_eq!(r.headers()[LOCATION], "/portal/second-factor");
        cookie_of(r.headers(), SESSION)
    }

    /// The current code of `email`'s second factor (a fresh 30-second step
    /// each call: the clock moves 31 s first, as a code is accepted once).
    pub async fn code(&self, email: &str) -> String {
        self.advance(Duration::seconds(31));
        let secret = self
            .s
            .app
            .store
            .staff_by_email(email.into())
            .await
            .unwrap()
            .expect("an active account")
            .1
            .unwrap()
            .totp_secret
            .expect("a second-factor secret");
        totp::code_at(&secret, self.now().timestamp() as u64).unwrap()
    }

    /// Posts the second-factor form of the half-signed-in `half` with the
    /// current code and `more` fields (`cookie_extra` is sent beside it).
    pub async fn second_factor(
        &self,
        half: &str,
        email: &str,
        more: &[(&str, &str)],
        cookie_extra: &str,
    ) -> reqwest::Response {
        let html = self
            .get("/portal/second-factor", half)
            .await
            .text()
            .await
            .unwrap();
        let csrf = csrf_of(&html);
        let code = self.code(email).await;
        let mut form = vec![("csrf", csrf.as_str()), ("code", code.as_str())];
        form.extend_from_slice(more);
        let cookie = if cookie_extra.is_empty() {
            half.to_owned()
        } else {
            format!("{half}; {cookie_extra}")
        };
        self.post("/portal/second-factor", &cookie, &form).await
    }

    /// Signs in over the forms (setting the second factor up the first
    /// time); the signed-in browser.
    pub async fn sign_in(&self, email: &str, password: &str) -> Browser {
        let half = self.half_signed_in(email, password).await;
        let r = self.second_factor(&half, email, &[], "").await;
        assert!(r.status() == StatusCode::OK || r.status() == StatusCode::SEE_OTHER);
        let cookie = cookie_of(r.headers(), SESSION);
        let html = self.get("/portal", &cookie).await.text().await.unwrap();
        Browser {
            csrf: csrf_of(&html),
            cookie,
        }
    }

    /// A patient in `unit_id`, enrolled now; their id.
    pub async fn patient(&self, unit_id: &str, name: &str) -> String {
        let now = self.now();
        self.s
            .app
            .store
            .create_patient(
                NewPatient {
                    unit_id: unit_id.to_owned(),
                    clinician_id: None,
                    name: name.into(),
                    personal_number: None,
                    enrolment: painschool_core::course::Enrolment::weekly(
                        now,
                        chrono_tz::Europe::Stockholm,
                    ),
                },
                now,
            )
            .await
            .unwrap()
    }

    /// Activates a device for `patient_id`; its token.
    pub async fn device(&self, patient_id: &str) -> String {
        let code = painschool_e2e::server::new_code(&self.s, patient_id).await;
        painschool_e2e::server::activate_code(&self.s, &code).await
    }
}

/// `NAME=VALUE` of a `Set-Cookie` header.
pub fn cookie_of(h: &HeaderMap, name: &str) -> String {
    h.get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {h:?}"))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The first CSRF field's value in a page.
pub fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

/// The recovery codes a page lists.
pub fn codes_of(html: &str) -> Vec<String> {
    html.split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_owned())
        .collect()
}
