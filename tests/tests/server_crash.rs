//! The real `painschool-server` binary under SIGKILL. The server runs as a
//! child process on a database file (SQLite) or, when
//! `PAINSCHOOL_TEST_DATABASE_URL` is set, a PostgreSQL schema of its own.
//! Eight pushers (two devices for each of four patients) push batches of
//! answer changes to `/api/v1/changes` as raw JSON, and remember each
//! change whose push got a `200`. The test kills the server with SIGKILL
//! at random moments of that load, 20 times, each time after a random
//! number (0–20) of acknowledged pushes, and starts it again on the same
//! database. A pusher whose push failed sends the same changes again (with
//! new ones) to the next server, as a phone does.
//!
//! At the end every acknowledged change is on the server exactly once (a
//! fresh device pulls each patient's feed), so is every change that was
//! sent again until acknowledged, nothing else is there, and on SQLite the
//! file passes `PRAGMA integrity_check` after every kill.
//!
//! The binary is the one cargo built beside this test
//! (`target/debug/painschool-server`; `cargo test --workspace` builds it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::time::{Duration, Instant};

use chrono::Utc;
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{TestDb, answer, stamp, test_database};
use painschool_server::store::AnyStore;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

/// Patients; each has two pushing devices.
const PATIENTS: usize = 4;
/// SIGKILLs during the load.
const KILLS: u32 = 20;
/// The longest the load may make no progress before the test fails.
const STUCK: Duration = Duration::from_secs(60);

/// The server binary cargo built beside this test, refused when a source
/// it is built from (the server's or the core's, or `Cargo.lock`) changed
/// after it was linked.
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let debug = exe.parent().and_then(Path::parent).unwrap();
    let bin = debug.join(format!("painschool-server{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(linked) = modified(&bin) else {
        panic!(
            "{} is missing: build it with `cargo build -p painschool-server` (`cargo test --workspace` does)",
            bin.display()
        )
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut newer = Vec::new();
    let mut dirs = vec![
        root.join("server/src"),
        root.join("server/migrations"),
        root.join("core/src"),
    ];
    newer.extend([root.join("Cargo.lock"), root.join("server/Cargo.toml")]);
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                newer.push(path);
            }
        }
    }
    newer.retain(|p| modified(p).is_some_and(|m| m > linked));
    assert!(
        newer.is_empty(),
        "{} is older than {newer:?}: rebuild it with `cargo build -p painschool-server`",
        bin.display()
    );
    bin
}

/// A running server process.
struct Running {
    child: Child,
    base: String,
}

/// Starts the server on `database_url`, on a free loopback port; returns
/// once it listens.
async fn launch(bin: &Path, database_url: &str) -> Running {
    let mut child = Command::new(bin)
        .env("DATABASE_URL", database_url)
        .env("BIND", "127.0.0.1:0")
        .env("CONTENT_DIR", bundle_dir())
        .env("LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut base = None;
    while let Some(line) = out.next_line().await.unwrap() {
        if let Some(addr) = line.strip_prefix("painschool-server listening on ") {
            base = Some(addr.to_owned());
            break;
        }
    }
    // Its log, shown if the test fails.
    let err = child.stderr.take().unwrap();
    tokio::spawn(async move {
        let (mut out, mut err) = (out, BufReader::new(err).lines());
        loop {
            tokio::select! {
                Ok(Some(l)) = out.next_line() => println!("server: {l}"),
                Ok(Some(l)) = err.next_line() => println!("server: {l}"),
                else => return,
            }
        }
    });
    let Some(base) = base else {
        panic!(
            "the server exited before listening: {:?}",
            child.wait().await
        )
    };
    Running { child, base }
}

impl Running {
    async fn sigkill(mut self) {
        // tokio's kill is SIGKILL on Unix.
        self.child.kill().await.unwrap();
    }
}

/// `PRAGMA integrity_check` of the server's SQLite file with the server
/// stopped, over a read-only connection (a writable one would checkpoint
/// the WAL the kill left behind, and the next server would not recover it
/// itself).
fn integrity(db: &TestDb) {
    if let TestDb::Sqlite(dir) = db {
        let file = dir.path().join("server.db");
        if let Err(e) = painschool_server::backup::check(&file) {
            panic!("after a kill: {e}");
        }
    }
}

/// Which server the pushers talk to (a new one after each kill), and
/// whether the load has ended (then they only send what is not
/// acknowledged yet).
#[derive(Debug, Clone)]
struct Target {
    generation: u32,
    base: String,
    draining: bool,
}

/// What one pusher did.
#[derive(Debug, Default)]
struct Pushed {
    /// Every change id it sent.
    sent: BTreeSet<String>,
    /// The change ids of pushes answered `200`.
    acknowledged: BTreeSet<String>,
    /// Pushes that failed (refused, reset, cut by a kill).
    failed: u32,
    /// Changes sent again after a failed push that the server had stored
    /// before it died (answered `duplicate`).
    stored_before_the_kill: u32,
}

/// Pushes batches of 1–10 new answer changes, plus every change of a
/// failed push again, until the load ends and all it sent is acknowledged.
async fn pusher(
    n: usize,
    token: String,
    mut target: watch::Receiver<Target>,
    acks: Arc<AtomicU64>,
    acked: watch::Sender<u64>,
    seed: u64,
) -> Pushed {
    let mut rng = StdRng::seed_from_u64(seed);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut done = Pushed::default();
    let mut unacknowledged: Vec<Value> = Vec::new();
    let mut resent = BTreeSet::new();
    let mut stamps = 0u32;
    loop {
        let t = target.borrow_and_update().clone();
        if t.draining && unacknowledged.is_empty() {
            return done;
        }
        let mut batch = unacknowledged.clone();
        if !t.draining {
            for _ in 0..rng.random_range(1..=10) {
                let (id, version) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
                stamps += 1;
                batch.push(answer(
                    &id.to_string(),
                    &version.to_string(),
                    &stamp(stamps),
                    &format!("Svar från enhet {n}"),
                ));
                done.sent.insert(id.to_string());
            }
        }
        let result = client
            .post(format!("{}/api/v1/changes", t.base))
            .bearer_auth(&token)
            .json(&json!({ "changes": batch }))
            .send()
            .await;
        let body = match result {
            Ok(r) if r.status() == 200 => r.json::<Value>().await.ok(),
            Ok(r) => {
                let status = r.status();
                panic!(
                    "pusher {n}: a live server answered {status}: {}",
                    r.text().await.unwrap_or_default()
                )
            }
            Err(_) => None,
        };
        let Some(body) = body else {
            // The server died under this push: wait for the next one, then
            // send the same changes again.
            done.failed += 1;
            resent.extend(batch.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
            unacknowledged = batch;
            while target.borrow_and_update().generation == t.generation {
                target.changed().await.unwrap();
            }
            continue;
        };
        let results = body["results"].as_array().unwrap();
        assert_eq!(results.len(), batch.len(), "pusher {n}: {body}");
        for (change, r) in batch.iter().zip(results) {
            let id = change["id"].as_str().unwrap();
            assert_eq!(r["id"], id, "pusher {n}: outcomes in order");
            match r["status"].as_str().unwrap() {
                "accepted" => {}
                "duplicate" => {
                    assert!(
                        resent.contains(id),
                        "pusher {n}: {id} is a duplicate the first time it is sent"
                    );
                    done.stored_before_the_kill += 1;
                }
                other => panic!("pusher {n}: {id} {other}: {r}"),
            }
            done.acknowledged.insert(id.to_owned());
        }
        unacknowledged.clear();
        let total = acks.fetch_add(1, SeqCst) + 1;
        acked.send_replace(total);
    }
}

/// A patient's whole feed, pulled by a fresh device: change ids and answer
/// version ids, in feed order.
async fn feed(base: &str, token: &str) -> (Vec<String>, Vec<String>) {
    let client = reqwest::Client::new();
    let (mut ids, mut versions) = (Vec::new(), Vec::new());
    let mut after = 0;
    loop {
        let page: Value = client
            .get(format!("{base}/api/v1/changes?after={after}&limit=500"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for item in page["items"].as_array().unwrap() {
            ids.push(item["id"].as_str().unwrap().to_owned());
            versions.push(item["entity_id"].as_str().unwrap().to_owned());
        }
        after = page["cursor"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            return (ids, versions);
        }
    }
}

/// Activates a device with `code`; returns its token.
async fn activate(base: &str, code: &str) -> String {
    let r = reqwest::Client::new()
        .post(format!("{base}/api/v1/activate"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Activation codes for the patients' devices and a reader each, made in
/// the database before the server starts: (patient, codes).
async fn patients(database_url: &str) -> Vec<(String, Vec<String>)> {
    let store = AnyStore::open_url(database_url).await.unwrap();
    let mut out = Vec::new();
    for _ in 0..PATIENTS {
        let d = painschool_server::clinic::create_demo(&store, 14, Utc::now())
            .await
            .unwrap();
        let mut codes = vec![d.code.code];
        for _ in 0..2 {
            let c = painschool_server::clinic::issue_activation_code(
                &store,
                &d.patient_id,
                14,
                Utc::now(),
            )
            .await
            .unwrap();
            codes.push(c.code);
        }
        out.push((d.patient_id, codes));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_pushes_survive_sigkill_and_resent_ones_are_stored_once() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().random());
    println!("crash seed: {seed} (replay with CRASH_SEED={seed})");
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let bin = server_binary();
    let (db, url) = test_database().await;
    let patients = patients(&url).await;

    let mut server = launch(&bin, &url).await;
    let (target, targets) = watch::channel(Target {
        generation: 0,
        base: server.base.clone(),
        draining: false,
    });
    let acks = Arc::new(AtomicU64::new(0));
    let (acked, mut acked_seen) = watch::channel(0u64);
    let mut pushers = Vec::new();
    for (p, (_, codes)) in patients.iter().enumerate() {
        for code in &codes[..2] {
            let token = activate(&server.base, code).await;
            let n = pushers.len();
            pushers.push((
                p,
                tokio::spawn(pusher(
                    n,
                    token,
                    targets.clone(),
                    acks.clone(),
                    acked.clone(),
                    seed.wrapping_add(n as u64 + 1),
                )),
            ));
        }
    }

    let mut kills = 0;
    for generation in 1..=KILLS {
        // Kill after a random number of acknowledged pushes on this server
        // (none: as soon as it listens, the pushers' retries in flight).
        let want = acks.load(SeqCst) + rng.random_range(0..=20);
        tokio::time::timeout(STUCK, acked_seen.wait_for(|n| *n >= want))
            .await
            .expect("the pushers made no progress")
            .unwrap();
        server.sigkill().await;
        kills += 1;
        integrity(&db);
        server = launch(&bin, &url).await;
        target.send_replace(Target {
            generation,
            base: server.base.clone(),
            draining: false,
        });
    }
    // The load ends; what is not acknowledged yet goes again until it is.
    target.send_replace(Target {
        generation: KILLS + 1,
        base: server.base.clone(),
        draining: true,
    });
    let mut pushed: BTreeMap<usize, Vec<Pushed>> = BTreeMap::new();
    for (p, h) in pushers {
        let done = tokio::time::timeout(STUCK, h)
            .await
            .expect("the last pushes did not finish")
            .unwrap();
        pushed.entry(p).or_default().push(done);
    }

    let all = pushed.values().flatten();
    let (sent, acknowledged, failed, stored_before) = all.fold((0, 0, 0, 0), |a, d| {
        (
            a.0 + d.sent.len(),
            a.1 + d.acknowledged.len(),
            a.2 + d.failed,
            a.3 + d.stored_before_the_kill,
        )
    });
    println!(
        "{kills} SIGKILLs in {:.1} s; {sent} changes sent, {acknowledged} acknowledged, {failed} pushes cut by a kill, {stored_before} resent changes already stored",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(kills, KILLS);
    assert!(failed > 0, "no push was ever cut by a kill");

    for (p, (patient, codes)) in patients.iter().enumerate() {
        let mine = &pushed[&p];
        let sent: BTreeSet<String> = mine.iter().flat_map(|d| d.sent.clone()).collect();
        let acknowledged: BTreeSet<String> =
            mine.iter().flat_map(|d| d.acknowledged.clone()).collect();
        assert_eq!(
            acknowledged, sent,
            "patient {patient}: everything sent was acknowledged in the end"
        );
        let reader = activate(&server.base, &codes[2]).await;
        let (ids, versions) = feed(&server.base, &reader).await;
        let on_server: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(ids.len(), on_server.len(), "patient {p}: a change twice");
        assert_eq!(
            versions.iter().collect::<BTreeSet<_>>().len(),
            versions.len(),
            "patient {p}: an answer version twice"
        );
        let lost = sent.difference(&on_server).count();
        let extra = on_server.difference(&sent).count();
        assert_eq!(
            (lost, extra),
            (0, 0),
            "patient {p}: (lost, not sent) changes"
        );
    }
    server.sigkill().await;
    integrity(&db);
    drop(db);
}
