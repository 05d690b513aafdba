//! The clinic commands run as real processes against the real server
//! (its library, in this test process, on 127.0.0.1).

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

const CANARY: &str = "MEDDELANDE-KANARIE-51c2-ÅÄÖ";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_painschool"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("PAINSCHOOL_PASSPHRASE", "correct horse battery staple")
        .env("PAINSCHOOL_LOG", "trace")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = run(dir, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

/// Starts the server on its own runtime thread; returns its URL and an
/// activation code for a new demo patient.
fn server(dir: &Path) -> (String, String, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let db = dir.join("server.db");
    let (url, code) = rt.block_on(async move {
        let store = painschool_server::store::SqliteStore::open(&db).unwrap();
        let bundle = painschool_core::content::ContentBundle::load(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
            painschool_core::content::Verify::Structure,
        )
        .unwrap();
        let config = painschool_server::config::Config::from_lookup(&|_| None).unwrap();
        let app = Arc::new(painschool_server::api::App::new(
            store,
            config,
            Arc::new(bundle),
        ));
        let demo = painschool_server::clinic::create_demo(&app.store, 14, chrono::Utc::now())
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let r = painschool_server::api::router(app);
        tokio::spawn(async move {
            axum::serve(
                listener,
                r.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap()
        });
        (format!("http://{addr}"), demo.code.code)
    });
    (url, code, rt)
}

#[test]
fn activate_sync_and_message_against_a_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let (url, code, _rt) = server(dir.path());
    let data = dir.path().join("phone");

    // Plain http needs the development flag.
    let refused = run(&data, &["activate", "--server", &url, "--code", &code]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("https://"));
    let (out, _) = ok(
        &data,
        &[
            "--allow-loopback-http",
            "activate",
            "--server",
            &url,
            "--code",
            &code,
        ],
    );
    assert!(out.contains("activated"), "{out}");

    let (out, _) = ok(
        &data,
        &["message", "send", "--to", "team", &format!("Hej {CANARY}")],
    );
    assert!(
        out.contains("köat") && out.contains("112") && out.contains("1177"),
        "{out}"
    );
    ok(
        &data,
        &["answer", "m1-reflection-learned", &format!("Svar {CANARY}")],
    );

    let (out, err) = ok(&data, &["--allow-loopback-http", "sync"]);
    assert!(out.contains("Synced:"), "{out}");
    // Progress on stderr, ending with everything sent.
    let last = err
        .lines()
        .rfind(|l| l.contains("sent "))
        .unwrap_or_default()
        .to_owned();
    let counts = last.rsplit("sent ").next().unwrap_or_default();
    let (sent, total) = counts.split_once('/').expect("a progress line");
    assert_eq!(sent, total, "{err}");
    assert!(!err.contains(CANARY), "patient text in the sync log");

    let (out, _) = ok(&data, &["--json", "messages", "--thread", "team"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["team"][0]["status"], "sent");

    // A second sync has nothing to send.
    let (out, _) = ok(&data, &["--json", "--allow-loopback-http", "sync"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sent"], 0);

    let bad = run(&data, &["message", "send", "--to", "everyone", "x"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("clinician or team"));
}
