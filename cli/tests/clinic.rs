//! The clinic commands run as real processes against the real server
//! (its library, in this test process, on 127.0.0.1).

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

const CANARY: &str = "MEDDELANDE-KANARIE-51c2-ÅÄÖ";

fn run(dir: &Path, args: &[&str]) -> Output {
    run_env(dir, args, &[])
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_painschool"))
        .envs(env.iter().copied())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("PAINSCHOOL_PASSPHRASE", "correct horse battery staple")
        .env("PAINSCHOOL_LOG", "trace")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    ok_env(dir, args, &[])
}

fn ok_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let out = run_env(dir, args, env);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

/// A server started by [`server`].
struct TestServer {
    url: String,
    code: String,
    patient_id: String,
    staff_token: String,
    rt: tokio::runtime::Runtime,
}

/// Starts the server on its own runtime thread, with a demo patient and
/// clinician.
fn server(dir: &Path) -> TestServer {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let db = dir.join("server.db");
    let (url, demo) = rt.block_on(async move {
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
        (format!("http://{addr}"), demo)
    });
    TestServer {
        url,
        code: demo.code.code,
        patient_id: demo.patient_id,
        staff_token: demo.staff_token,
        rt,
    }
}

#[test]
fn activate_sync_and_message_against_a_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(dir.path());
    let (url, code) = (srv.url.clone(), srv.code.clone());
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

    // A quick sync shows only its result: here "quick" is anything under
    // ten minutes, so nothing is timed.
    let (out, err) = ok_env(
        &data,
        &["--allow-loopback-http", "sync"],
        &[("PAINSCHOOL_PROGRESS_AFTER_MS", "600000")],
    );
    assert!(
        out.contains("Synced: ") && !out.contains("Synced: 0 sent"),
        "{out}"
    );
    assert!(!err.contains("sent "), "{err}");
    ok(
        &data,
        &[
            "answer",
            "m1-reflection-learned",
            &format!("Ändrat {CANARY}"),
        ],
    );
    // A long sync (here: from its first moment) shows its progress on
    // stderr, ending with everything sent.
    let (out, err) = ok_env(
        &data,
        &["--allow-loopback-http", "sync"],
        &[("PAINSCHOOL_PROGRESS_AFTER_MS", "0")],
    );
    assert!(out.contains("Synced:"), "{out}");
    let last = err
        .lines()
        .rfind(|l| l.contains("sent "))
        .unwrap_or_default()
        .to_owned();
    let counts = last.rsplit("sent ").next().unwrap_or_default();
    let (sent, total) = counts.split_once('/').expect("a progress line");
    assert_eq!(sent, total, "{err}");
    assert!(!err.contains(CANARY), "patient text in the sync log");

    // The clinician marks the answer reviewed; the mark shows after a sync.
    let (out, _) = ok(&data, &["--json", "answers", "m1"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let version = v["m1"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question_id"] == "m1-reflection-learned")
        .unwrap()["answers"][0]["version_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // reqwest is built without a default TLS provider in this workspace.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let status = srv.rt.block_on(async {
        reqwest::Client::new()
            .post(format!(
                "{url}/api/v1/clinic/patients/{}/answers/{version}/reviewed",
                srv.patient_id
            ))
            .bearer_auth(&srv.staff_token)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 204);
    let (out, _) = ok(&data, &["answers", "m1"]);
    assert!(!out.contains("läst av kliniken"), "{out}");
    ok(&data, &["--allow-loopback-http", "sync"]);
    let (out, _) = ok(&data, &["answers", "m1"]);
    let reviewed = out
        .lines()
        .find(|l| l.contains("Ändrat"))
        .unwrap_or_default();
    assert!(reviewed.contains("läst av kliniken"), "{out}");

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
