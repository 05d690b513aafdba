//! The first unit admin comes from the command line (`create-admin`, the
//! password from the environment or standard input, never an argument), and
//! `--demo` prints a portal sign-in: both passwords work at the portal's
//! password step, and a weak password creates nothing.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::Utc;
use common::*;
use painschool_server::model::Role;
use painschool_server::store::PortalStore;
use reqwest::StatusCode;

fn create_admin(
    url: &str,
    email: &str,
    password: Option<&str>,
    stdin: &str,
) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_painschool-server"));
    cmd.args([
        "create-admin",
        "--unit",
        "Smärtenheten Test",
        "--email",
        email,
        "--name",
        "Admin Testsson",
    ])
    .env("DATABASE_URL", url)
    .env("LOG", "error")
    .env_remove("PAINSCHOOL_ADMIN_PASSWORD")
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    if let Some(p) = password {
        cmd.env("PAINSCHOOL_ADMIN_PASSWORD", p);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The portal's password step: whether it lets `email` on to the second
/// factor.
async fn password_accepted(s: &Server, email: &str, password: &str) -> bool {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = http
        .get(format!("{}/portal/login", s.base))
        .send()
        .await
        .unwrap();
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = page.text().await.unwrap();
    let at = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = html[at..].split('"').next().unwrap();
    let r = http
        .post(format!("{}/portal/login", s.base))
        .header("cookie", cookie)
        .form(&[("csrf", csrf), ("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    r.status() == StatusCode::SEE_OTHER
}

#[tokio::test]
async fn the_first_unit_admin_is_created_from_the_command_line() {
    let s = start(&[], None).await;

    let weak = create_admin(&s.url, "admin@example.se", Some("kort"), "");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 12"));
    assert!(
        s.app
            .store
            .staff_by_email("admin@example.se".into())
            .await
            .unwrap()
            .is_none()
    );

    let out = create_admin(
        &s.url,
        "admin@example.se",
        Some("ett långt lösenord för admin"),
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (admin, creds) = s
        .app
        .store
        .staff_by_email("admin@example.se".into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admin.role, Role::UnitAdmin);
    let creds = creds.unwrap();
    assert!(creds.password_hash.starts_with("$argon2id$"));
    assert!(
        !creds.totp_confirmed,
        "the second factor comes at first sign-in"
    );
    assert!(password_accepted(&s, "admin@example.se", "ett långt lösenord för admin").await);
    assert!(!password_accepted(&s, "admin@example.se", "fel lösenord för admin").await);

    // From standard input when the variable is unset.
    let out = create_admin(&s.url, "admin2@example.se", None, "lösenord från stdin\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(password_accepted(&s, "admin2@example.se", "lösenord från stdin").await);
}

#[tokio::test]
async fn the_demo_prints_a_portal_password_that_signs_in() {
    let s = start(&[], None).await;
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, Utc::now())
        .await
        .unwrap();
    assert!(demo.portal_password.len() >= 12);
    assert!(password_accepted(&s, &demo.portal_email, &demo.portal_password).await);
}
