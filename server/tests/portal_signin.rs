//! Signing in to the portal over real HTTP on the backend under test:
//! password, then the second factor (set up on the first sign-in, recovery
//! codes shown once), a new session token after it, sign-out that ends the
//! session on the server, the idle and absolute timeouts on a moving clock,
//! codes and recovery codes accepted once, CSRF and cross-site refusals,
//! and the security headers on every page.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use common::*;
use painschool_server::model::Role;
use painschool_server::portal::{password, totp};
use painschool_server::store::{PortalStore, Repository};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};

const EMAIL: &str = "kliniker@example.se";
const PASSWORD: &str = "en lång och säker fras";

struct Portal {
    s: Server,
    http: reqwest::Client,
    clock: Arc<Mutex<DateTime<Utc>>>,
}

impl Portal {
    async fn start() -> Portal {
        let clock = Arc::new(Mutex::new(Utc::now()));
        let c = clock.clone();
        let s = start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
        let now = Utc::now();
        let unit = s
            .app
            .store
            .create_unit("Enhet S".into(), "sv".into(), "en".into(), now)
            .await
            .unwrap();
        let k = s
            .app
            .store
            .create_clinician(
                unit.id,
                "Kliniker Ett".into(),
                EMAIL.into(),
                Role::Clinician,
                now,
            )
            .await
            .unwrap();
        s.app
            .store
            .set_password(k.id, password::hash(PASSWORD).unwrap(), now)
            .await
            .unwrap();
        Portal {
            s,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            clock,
        }
    }

    fn advance(&self, d: Duration) {
        *self.clock.lock().unwrap() += d;
    }

    fn now_secs(&self) -> u64 {
        self.clock.lock().unwrap().timestamp() as u64
    }

    async fn get(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.s.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.s.base))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    async fn secret(&self) -> Vec<u8> {
        self.s
            .app
            .store
            .staff_by_email(EMAIL.into())
            .await
            .unwrap()
            .unwrap()
            .1
            .unwrap()
            .totp_secret
            .unwrap()
    }

    /// The password step; returns the half-signed-in session cookie.
    async fn password_step(&self) -> String {
        let page = self.get("/portal/login", "").await;
        let login_cookie = cookie_of(page.headers(), "__Host-smartskolan-login");
        let csrf = csrf_of(&page.text().await.unwrap());
        let r = self
            .post(
                "/portal/login",
                &login_cookie,
                &[("csrf", &csrf), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()[LOCATION], "/portal/second-factor");
        cookie_of(r.headers(), "__Host-smartskolan")
    }
}

/// `NAME=VALUE` of a `Set-Cookie` header, checked for the `__Host-` rules.
fn cookie_of(h: &HeaderMap, name: &str) -> String {
    let set = h
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {h:?}"));
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attr), "{set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    set.split(';').next().unwrap().to_owned()
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn sign_in_takes_a_password_and_a_second_factor_and_sign_out_ends_it() {
    let p = Portal::start().await;

    // Anonymous: the portal sends to sign-in; every page has the headers.
    let r = p.get("/portal", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/portal/login");
    let r = p.get("/portal/login", "").await;
    let h = r.headers().clone();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    assert!(
        !h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("unsafe-inline")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    assert!(
        h["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"sv\">") && html.contains("Logga in"));
    assert!(!html.contains("<script"), "no inline script");

    // A wrong password, and a form without its cookie.
    let login_cookie = cookie_of(&h, "__Host-smartskolan-login");
    let csrf = csrf_of(&html);
    let r = p
        .post(
            "/portal/login",
            &login_cookie,
            &[
                ("csrf", &csrf),
                ("email", EMAIL),
                ("password", "fel lösenord här"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers().get(SET_COOKIE).is_none());
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Fel e-postadress eller lösenord.")
    );
    let r = p
        .post(
            "/portal/login",
            "",
            &[("csrf", &csrf), ("email", EMAIL), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The password alone does not reach the portal.
    let half = p.password_step().await;
    let r = p.get("/portal", &half).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/portal/second-factor");

    // First time: set-up with a QR code drawn as SVG.
    let r = p.get("/portal/second-factor", &half).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg"), "a QR code");
    let csrf = csrf_of(&html);
    let secret = p.secret().await;
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("code", "000000")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp::code_at(&secret, p.now_secs()).unwrap();
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let full = cookie_of(r.headers(), "__Host-smartskolan");
    assert_ne!(full, half, "a new token after the second factor");
    let html = r.text().await.unwrap();
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    let r = p.get("/portal", &half).await;
    assert_eq!(
        r.headers()[LOCATION],
        "/portal/login",
        "the half-signed-in token is gone"
    );
    let r = p.get("/portal", &full).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Kliniker Ett"));
    let csrf = csrf_of(&html);

    // Sign-out needs its token, refuses another site, and ends the session
    // on the server (the old cookie is dead too).
    assert_eq!(
        p.post("/portal/logout", &full, &[("csrf", "wrong")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let cross = p
        .http
        .post(format!("{}/portal/logout", p.s.base))
        .header("cookie", &full)
        .header("origin", "https://evil.example")
        .form(&[("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    let r = p.post("/portal/logout", &full, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        p.get("/portal", &full).await.headers()[LOCATION],
        "/portal/login"
    );

    // The same code is not accepted twice; a recovery code works once.
    let half = p.password_step().await;
    let html = p
        .get("/portal/second-factor", &half)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<svg"), "set up once only");
    let csrf = csrf_of(&html);
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a replayed code"
    );
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("recovery", &codes[0].to_uppercase())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let full = cookie_of(r.headers(), "__Host-smartskolan");
    assert_eq!(p.get("/portal", &full).await.status(), StatusCode::OK);
    let half = p.password_step().await;
    let csrf = csrf_of(
        &p.get("/portal/second-factor", &half)
            .await
            .text()
            .await
            .unwrap(),
    );
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("recovery", &codes[0])],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a used recovery code"
    );

    // Idle: 29 minutes keep the session, 30 more end it.
    p.advance(Duration::minutes(29));
    assert_eq!(p.get("/portal", &full).await.status(), StatusCode::OK);
    p.advance(Duration::minutes(30));
    assert_eq!(
        p.get("/portal", &full).await.headers()[LOCATION],
        "/portal/login"
    );

    // Absolute: busy for 12 hours, then out.
    p.advance(Duration::minutes(1));
    let half = p.password_step().await;
    let csrf = csrf_of(
        &p.get("/portal/second-factor", &half)
            .await
            .text()
            .await
            .unwrap(),
    );
    let code = totp::code_at(&secret, p.now_secs()).unwrap();
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("code", &code)],
        )
        .await;
    let full = cookie_of(r.headers(), "__Host-smartskolan");
    for _ in 0..24 {
        p.advance(Duration::minutes(29));
        assert_eq!(p.get("/portal", &full).await.status(), StatusCode::OK);
    }
    p.advance(Duration::minutes(29));
    assert_eq!(
        p.get("/portal", &full).await.headers()[LOCATION],
        "/portal/login"
    );
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_client_address() {
    let p = Portal::start().await;
    let page = p.get("/portal/login", "").await;
    let login_cookie = cookie_of(page.headers(), "__Host-smartskolan-login");
    let csrf = csrf_of(&page.text().await.unwrap());
    let mut last = StatusCode::OK;
    for _ in 0..=painschool_server::api::SIGNIN_FAILURES_PER_HOUR {
        last = p
            .post(
                "/portal/login",
                &login_cookie,
                &[
                    ("csrf", &csrf),
                    ("email", EMAIL),
                    ("password", "fel fel fel fel"),
                ],
            )
            .await
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Even the right password waits.
    let r = p
        .post(
            "/portal/login",
            &login_cookie,
            &[("csrf", &csrf), ("email", EMAIL), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}
