//! The clinician portal in a real headless Chromium, with the real patient
//! cli (this crate's binary) against the real server (its library in this
//! process, on 127.0.0.1, over a SQLite file, or a PostgreSQL schema when
//! `PAINSCHOOL_TEST_DATABASE_URL` is set).
//!
//! Every browser step is done with the keyboard alone (Tab, typing, Enter,
//! Space: see `browser`), so the flows also prove the tasks need no mouse.
//! Every page visited is checked with axe-core (WCAG 2.2 AA, zero
//! violations) and photographed (`target/screenshots`, or the folder in
//! `PAINSCHOOL_SCREENSHOTS`: `docs/screenshots` for the docs).

mod browser;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering::SeqCst};

use browser::Browser;
use chrono::Utc;
use painschool_e2e::server::{Server, activate_code, answer, change_id, message, push, stamp};
use painschool_server::portal::totp;

const PASSPHRASE: &str = "correct horse battery staple";

/// Runs the cli with `args` on the phone data in `dir`.
async fn cli(dir: &Path, args: &[&str]) -> Output {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_painschool"))
            .arg("--data-dir")
            .arg(&dir)
            .args(&args)
            .env("PAINSCHOOL_PASSPHRASE", PASSPHRASE)
            .env("PAINSCHOOL_ALLOW_LOOPBACK_HTTP", "1")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

/// Runs the cli; it must succeed. Returns its standard output.
async fn cli_ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args).await;
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A server whose clock can be moved ahead.
async fn server() -> (Server, Arc<AtomicI64>) {
    let ahead = Arc::new(AtomicI64::new(0));
    let a = ahead.clone();
    let s = painschool_e2e::server::start_clocked(
        &[],
        Box::new(move || Utc::now() + chrono::Duration::seconds(a.load(SeqCst))),
    )
    .await;
    (s, ahead)
}

/// Signs in with e-mail, password and a one-time code from the set-up
/// page's key (the first sign-in sets the second factor up), by keyboard;
/// checks each page on the way. Returns the authenticator's secret.
async fn sign_in_first_time(b: &Browser, email: &str, password: &str) -> Vec<u8> {
    b.open("/portal/login").await;
    b.check_page("login").await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.activate("form[action='/portal/login'] button[type=submit]")
        .await;
    assert_eq!(
        b.path().await,
        "/portal/second-factor",
        "{}",
        b.main_text().await
    );
    b.check_page("second-factor-setup").await;
    let key = b
        .eval(
            "return document.querySelector('code.secret').textContent",
            vec![],
        )
        .await;
    let secret = totp::secret_from_base32(key.as_str().unwrap()).expect("a base-32 key");
    let code = totp::code_at(&secret, Utc::now().timestamp() as u64).unwrap();
    b.fill("#code", &code).await;
    b.activate("form[action='/portal/second-factor'] button[type=submit]")
        .await;
    // Ten one-time recovery codes, shown once.
    let codes = b
        .eval(
            "return document.querySelectorAll('ul.codes code').length",
            vec![],
        )
        .await;
    assert_eq!(codes, 10, "recovery codes after the set-up");
    b.check_page("recovery-codes").await;
    b.activate("main a[href='/portal']").await;
    assert_eq!(b.path().await, "/portal");
    secret
}

/// The patient cli, activated with `code`, with one answer and a message
/// in each thread synced up.
async fn patient_phone(base: &str, code: &str, dir: &Path) -> PathBuf {
    let phone = dir.join("phone");
    let out = cli_ok(&phone, &["activate", "--server", base, "--code", code]).await;
    assert!(out.contains("activated"), "{out}");
    cli_ok(
        &phone,
        &[
            "answer",
            "m1-reflection-learned",
            "Jag går en promenad varje morgon",
        ],
    )
    .await;
    for (to, text) in [
        ("clinician", "Hej, jag undrar över övning två"),
        ("team", "Appen visar inte ljudfilen"),
    ] {
        cli_ok(&phone, &["message", "send", "--to", to, text]).await;
    }
    let out = cli_ok(&phone, &["--json", "sync"]).await;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["sent"].as_u64().unwrap() >= 3, "{out}");
    phone
}

/// The `href` of the link in `main` whose text is `text`.
async fn link_to(b: &Browser, text: &str) -> String {
    let href = b
        .eval(
            "const a = [...document.querySelectorAll('main a')].find(a => a.textContent.trim() === arguments[0]); \
             return a ? a.getAttribute('href') : null;",
            vec![serde_json::json!(text)],
        )
        .await;
    let path = b.path().await;
    href.as_str()
        .unwrap_or_else(|| panic!("no link {text} on {path}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinician_enrols_reviews_replies_and_ends_access_by_keyboard_with_the_patient_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ahead) = server().await;
    let demo = painschool_e2e::server::demo(&s).await;

    let b = Browser::start(&s.base).await;
    sign_in_first_time(&b, &demo.portal_email, &demo.portal_password).await;
    b.check_page("work-queue").await;

    // Enrol a patient; the answer is the printable activation letter.
    b.activate("nav a[href='/portal/enrol']").await;
    b.check_page("enrol").await;
    b.fill("#name", "Testperson Tangentbord").await;
    b.fill("#personal_number", "19121212-1212").await;
    b.fill("#assessed_by", "Dr Bedömare Prov").await;
    b.fill_date("#assessed_on", "2026-11-20").await;
    assert_eq!(
        b.eval(
            "return document.querySelector('#assessed_on').value",
            vec![]
        )
        .await,
        "2026-11-20",
        "the date was typed"
    );
    b.activate("form[action='/portal/enrol'] button[type=submit]")
        .await;
    b.check_page("activation-letter").await;
    let code = b
        .eval(
            "return [...document.querySelectorAll('.code .code-group')].map(g => g.textContent.trim()).join('-')",
            vec![],
        )
        .await;
    let code = code.as_str().unwrap().to_owned();
    assert!(code.len() >= 16, "a code on the letter: {code}");
    let letter = b.main_text().await;
    assert!(
        letter.contains("112") && letter.contains("1177"),
        "{letter}"
    );

    // The patient activates the cli with the printed code and writes.
    let phone = patient_phone(&s.base, &code, dir.path()).await;

    // The work queue lists the new patient; their page through the list.
    b.activate("nav a[href='/portal']").await;
    let queue = b.main_text().await;
    assert!(queue.contains("Testperson Tangentbord"), "{queue}");
    b.activate("nav a[href='/portal/patients']").await;
    b.check_page("patients").await;
    let page_link = link_to(&b, "Testperson Tangentbord").await;
    b.activate(&format!("main a[href='{page_link}']")).await;
    b.check_page("patient").await;
    let page = b.main_text().await;
    assert!(page.contains("Jag går en promenad varje morgon"), "{page}");
    assert!(page.contains("Hej, jag undrar över övning två"), "{page}");

    // Mark the message read, reply, and mark the answer reviewed.
    b.activate("#clinician form[action$='/read'] button[type=submit]")
        .await;
    b.fill("#reply-clinician", "Hej! Vi tar det på nästa besök.")
        .await;
    b.activate("#clinician form[action$='/messages'] button[type=submit]")
        .await;
    b.activate(".answer form[action$='/reviewed'] button[type=submit]")
        .await;
    let page = b.main_text().await;
    assert!(page.contains("Hej! Vi tar det på nästa besök."), "{page}");
    assert_eq!(
        b.eval(
            "return document.querySelectorAll('.answer .reviewed').length",
            vec![]
        )
        .await,
        1
    );
    b.check_page("patient-after-reply").await;

    // The team mailbox: any clinician of the unit answers practical problems.
    b.activate("nav a[href='/portal/team']").await;
    b.check_page("team-mailbox").await;
    let thread_link = link_to(&b, "Testperson Tangentbord").await;
    b.activate(&format!("main a[href='{thread_link}']")).await;
    b.check_page("team-thread").await;
    assert!(b.main_text().await.contains("Appen visar inte ljudfilen"));
    b.fill("#reply-team", "Prova att ladda ner ljudet igen i Wi-Fi.")
        .await;
    b.activate("form[action$='/messages'] button[type=submit]")
        .await;

    // The patient's cli receives the replies, the read mark and the review.
    cli_ok(&phone, &["sync"]).await;
    let out = cli_ok(&phone, &["--json", "messages"]).await;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let thread = v["clinician"].as_array().unwrap();
    assert!(
        thread
            .iter()
            .any(|m| m["text"] == "Hej! Vi tar det på nästa besök."),
        "{out}"
    );
    assert!(
        thread.iter().any(|m| m["status"] == "read"),
        "the patient's message shows as read: {out}"
    );
    assert!(
        v["team"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "Prova att ladda ner ljudet igen i Wi-Fi."),
        "{out}"
    );
    let out = cli_ok(&phone, &["answers", "m1"]).await;
    assert!(out.contains("läst av kliniken"), "{out}");

    // The admin's pages and the logs.
    b.activate("nav a[href='/portal/account']").await;
    b.check_page("account").await;
    b.activate("main a[href='/portal/access-log']").await;
    b.check_page("my-access-log").await;
    assert!(b.main_text().await.contains("Testperson Tangentbord"));
    b.activate("nav a[href='/portal/account']").await;
    b.activate("main a[href='/portal/staff']").await;
    b.check_page("staff").await;
    let member = link_to(&b, "Demobehandlare").await;
    b.activate(&format!("main a[href='{member}']")).await;
    b.check_page("staff-member").await;

    // End access on the patient page: it needs the "I understand" box.
    b.activate("nav a[href='/portal/patients']").await;
    b.activate(&format!("main a[href='{page_link}']")).await;
    b.activate(&format!("main a[href='{page_link}/access-log']"))
        .await;
    b.check_page("patient-access-log").await;
    b.open(&page_link).await;
    b.tab_to("#end-confirm").await;
    b.press_space().await;
    b.activate("form[action$='/access/end'] button[type=submit]")
        .await;
    b.check_page("patient-ended").await;

    // The phone learns it on its next sync, and once the 14 days for
    // sending are over the server refuses it.
    cli_ok(&phone, &["sync"]).await;
    let out = cli_ok(&phone, &["week"]).await;
    assert!(out.contains("Din tillgång har slutat"), "{out}");
    ahead.store(15 * 24 * 3600, SeqCst);
    let refused = cli(&phone, &["sync"]).await;
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("access to the course has ended"), "{err}");

    // Fifteen days later the portal session is long over too: signing out
    // lands on the sign-in page, and so does the work queue.
    b.activate("form[action='/portal/logout'] button[type=submit]")
        .await;
    assert!(
        b.path().await.starts_with("/portal/login"),
        "{}: {}",
        b.path().await,
        b.main_text().await
    );
    b.open("/portal").await;
    assert!(b.path().await.starts_with("/portal/login"));
    assert!(b.csp_violations().await.is_empty());
}

/// Markup a patient might type, each trying to set `window.__xss`.
const XSS: &[&str] = &[
    "<script>window.__xss = 1</script>",
    "<img src=x onerror=\"window.__xss = 2\">",
    "<a href=\"javascript:window.__xss = 3\">klicka här</a>",
    "\"><svg onload=window.__xss=4>",
    "</textarea><script>window.__xss = 5</script>",
    "<iframe srcdoc=\"<script>parent.__xss = 6</script>\"></iframe>",
    "<b onmouseover=window.__xss=7 autofocus onfocus=window.__xss=7 tabindex=0>hovra</b>",
    "javascript:window.__xss=8",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>",
    "<div <p>trasig <!-- markering",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
    "<details open ontoggle=window.__xss=10>",
    "<form action=javascript:window.__xss=11><button>skicka</button></form>",
    "'';!--\"<XSS>=&{()}",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_patients_write_shows_as_text_and_runs_nothing() {
    let (s, _) = server().await;
    let demo = painschool_e2e::server::demo(&s).await;
    let token = activate_code(&s, &demo.code.code).await;
    // Every payload as an answer version (the last is current, the rest
    // history) and as a message in each thread.
    let mut changes = Vec::new();
    for (i, p) in XSS.iter().enumerate() {
        let n = i as u32;
        changes.push(answer(
            &change_id(n + 1),
            &change_id(1000 + n),
            &stamp(n + 1),
            p,
        ));
        let thread = if i % 2 == 0 { "clinician" } else { "team" };
        changes.push(message(
            &change_id(2000 + n),
            &change_id(3000 + n),
            thread,
            p,
        ));
    }
    let r = push(&s, &token, serde_json::Value::Array(changes)).await;
    assert_eq!(r.status(), 200);

    let b = Browser::start(&s.base).await;
    sign_in_first_time(&b, &demo.portal_email, &demo.portal_password).await;
    // The queue shows the patient's name (and no payload); then the page.
    b.open(&format!("/portal/patients/{}", demo.patient_id))
        .await;
    // Open every history so its text is rendered too, and give focus to
    // everything focusable (an injected autofocus/onfocus would fire).
    b.eval(
        "document.querySelectorAll('details').forEach(d => d.open = true); \
         document.querySelectorAll('main *').forEach(e => { if (e.focus) e.focus(); });",
        vec![],
    )
    .await;
    b.check_page("patient-xss").await;
    let xss = b.eval("return typeof window.__xss", vec![]).await;
    assert_eq!(xss, "undefined", "a payload ran");
    let text = b
        .eval("return document.querySelector('main').textContent", vec![])
        .await;
    let text = text.as_str().unwrap();
    for p in XSS {
        assert!(text.contains(p), "shown as text: {p}");
    }
    assert_eq!(
        b.eval(
            "return document.querySelectorAll('main script, main iframe, main img, main svg:not(.chart), main math, main [onerror], main [onload]').length",
            vec![]
        )
        .await,
        0,
        "no element made from a payload"
    );
    let violations = b.csp_violations().await;
    assert!(violations.is_empty(), "CSP violations: {violations:?}");

    // The team-mailbox thread shows the team messages the same way.
    b.open(&format!("/portal/team/{}", demo.patient_id)).await;
    b.check_page("team-thread-xss").await;
    assert_eq!(
        b.eval("return typeof window.__xss", vec![]).await,
        "undefined"
    );
    let text = b
        .eval("return document.querySelector('main').textContent", vec![])
        .await;
    for p in XSS.iter().skip(1).step_by(2) {
        assert!(text.as_str().unwrap().contains(p), "shown as text: {p}");
    }
    let violations = b.csp_violations().await;
    assert!(violations.is_empty(), "CSP violations: {violations:?}");

    // The check above can see a violation: an inline script added now is
    // refused by the policy and reported.
    b.eval(
        "const s = document.createElement('script'); s.textContent = 'window.__ctl = 1'; document.body.appendChild(s);",
        vec![],
    )
    .await;
    assert_eq!(
        b.eval("return typeof window.__ctl", vec![]).await,
        "undefined"
    );
    assert!(
        !b.csp_violations().await.is_empty(),
        "the policy reports an inline script"
    );
}

/// The pages' other states, each checked with axe-core and photographed:
/// a wrong password, the enrol form with errors, a new staff account's
/// one-time password, the code step of a later sign-in, and English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_states_later_sign_ins_and_english_pass_axe() {
    let (s, _) = server().await;
    let demo = painschool_e2e::server::demo(&s).await;
    let b = Browser::start(&s.base).await;

    b.open("/portal/login").await;
    b.fill("#email", &demo.portal_email).await;
    b.fill("#password", "fel lösenord helt enkelt").await;
    b.activate("form[action='/portal/login'] button[type=submit]")
        .await;
    assert!(b.main_text().await.len() > 10);
    b.check_page("login-error").await;

    let secret = sign_in_first_time(&b, &demo.portal_email, &demo.portal_password).await;

    // The enrol form refuses a wrong check digit, beside the field.
    b.activate("nav a[href='/portal/enrol']").await;
    b.fill("#name", "Testperson Fel").await;
    b.fill("#personal_number", "19121212-1213").await;
    b.activate("form[action='/portal/enrol'] button[type=submit]")
        .await;
    assert_eq!(
        b.eval(
            "return document.querySelector('#personal_number').getAttribute('aria-invalid')",
            vec![]
        )
        .await,
        "true"
    );
    b.check_page("enrol-errors").await;

    // A unit admin creates an account: its one-time password, shown once.
    b.open("/portal/staff").await;
    b.fill("#name", "Testkollega Ny").await;
    b.fill("#email", "ny.kollega@example.invalid").await;
    b.activate("form[action='/portal/staff'] button[type=submit]")
        .await;
    let initial = b
        .eval(
            "return document.querySelector('#initial-password').textContent",
            vec![],
        )
        .await;
    assert!(initial.as_str().is_some_and(|p| p.len() >= 12), "{initial}");
    b.check_page("staff-created").await;

    // English.
    b.open("/portal?lang=en").await;
    assert_eq!(
        b.eval("return document.documentElement.lang", vec![]).await,
        "en"
    );
    b.check_page("work-queue-en").await;
    b.open("/portal/patients?lang=en").await;
    b.check_page("patients-en").await;

    // Sign out; the next sign-in asks only for a code (the next step's, as
    // each step's code is accepted once).
    b.activate("form[action='/portal/logout'] button[type=submit]")
        .await;
    b.fill("#email", &demo.portal_email).await;
    b.fill("#password", &demo.portal_password).await;
    b.activate("form[action='/portal/login'] button[type=submit]")
        .await;
    assert_eq!(b.path().await, "/portal/second-factor");
    b.check_page("second-factor").await;
    let code = totp::code_at(&secret, Utc::now().timestamp() as u64 + 30).unwrap();
    b.fill("#code", &code).await;
    b.activate("form[action='/portal/second-factor'] button[type=submit]")
        .await;
    assert_eq!(b.path().await, "/portal");
    assert!(b.csp_violations().await.is_empty());
}
