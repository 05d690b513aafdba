//! Sync through a faulty network. A fault-injecting TCP proxy on 127.0.0.1
//! stands in front of the real server (its library in this process, over
//! the backend under test: a SQLite file, or a PostgreSQL schema when
//! `PAINSCHOOL_TEST_DATABASE_URL` is set). For each connection it decides
//! at random, from a printed seed, to pass the exchange through, to delay
//! it, to reset the connection before forwarding anything, to forward the
//! request and hang up at once (the phone gives up while the server works),
//! or — the case that matters — to forward the request, let the server
//! answer in full (so the server has committed) and then cut the response
//! after none or some of its bytes.
//!
//! Twenty phones (real `PainSchool`s, each with its own encrypted file and
//! activation code: two devices for each of ten patients) activate through
//! the proxy, retrying the same code until it works, and make 100 changes
//! each (answers and messages) through the facade, while their sync engines
//! sync through the proxy, again at once after each failure, until a sync
//! succeeds. Meanwhile the clinic replies to each patient now and then
//! (straight to the server). At the end the server holds every change
//! exactly once (read from its store and from its feed by a fresh device),
//! every outbox is empty, every phone holds both of its patient's devices'
//! changes and the clinic's replies exactly once, each patient has exactly
//! the devices that activated, and the proxy has injected every kind of
//! fault many times.
//!
//! Replay a failure with `FAULT_SEED=N` (the seed is printed). The seed
//! fixes each connection's decision by the connection's number; which
//! request gets which number still depends on scheduling.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::time::{Duration, Instant};

use chrono::Utc;
use painschool_core::PainSchool;
use painschool_core::answers::AnswerValue;
use painschool_core::clock::FixedClock;
use painschool_core::content::{ContentBundle, Verify};
use painschool_core::facade::{EntryRef, Thread};
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::sync::{Backoff, HttpTransport, ReqwestClient, SyncEngine, SyncError};
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{Server, activate_code, demo, new_code, pull, start};
use painschool_server::store::Repository;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};

/// Phones, two per patient.
const PHONES: usize = 20;
/// Changes each phone makes (every tenth a message, the rest answers).
const CHANGES: usize = 100;
/// The fewest times each kind of fault must have been injected.
const MIN_EACH_FAULT: u64 = 30;
/// Sync attempts allowed before one succeeds.
const MAX_ATTEMPTS: u32 = 300;
/// The free-text questions the phones answer, in turn.
const QUESTIONS: [&str; 2] = ["m1-reflection-learned", "m1-pain-daily-life"];

// ---------------------------------------------------------------------------
// The proxy
// ---------------------------------------------------------------------------

/// What the proxy does to one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Forwards the request and the whole response.
    Pass,
    /// The same, a few milliseconds late each way.
    Delay,
    /// Reads the request, forwards nothing and resets the connection.
    Reset,
    /// Forwards the request and drops both connections at once, before
    /// any answer: the server may or may not act on it.
    Drop,
    /// Forwards the request, reads the server's whole response, passes on
    /// none or part of it and drops the connection (reset or closed).
    Cut,
}

/// What the proxy did, counted when it happened.
#[derive(Debug, Default)]
struct Injected {
    pass: AtomicU64,
    delay: AtomicU64,
    reset: AtomicU64,
    drop: AtomicU64,
    cut: AtomicU64,
    /// Cut responses that passed on no byte at all.
    cut_at_zero: AtomicU64,
    /// Cut `200` answers to pushes: the server had stored the batch.
    cut_push_after_commit: AtomicU64,
    /// Cut `200` answers to pulls.
    cut_pull: AtomicU64,
    /// Cut `200` answers to activations: the code was used.
    cut_activation_after_commit: AtomicU64,
}

struct Proxy {
    base: String,
    /// Off at the end, while the test reads what the phones hold.
    armed: AtomicBool,
    injected: Injected,
}

impl Proxy {
    /// A proxy on a free loopback port in front of `upstream`.
    async fn start(upstream: SocketAddr, seed: u64) -> Arc<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy = Arc::new(Proxy {
            base: format!("http://{}", listener.local_addr().unwrap()),
            armed: AtomicBool::new(false),
            injected: Injected::default(),
        });
        let p = proxy.clone();
        tokio::spawn(async move {
            for n in 0u64.. {
                let Ok((client, _)) = listener.accept().await else {
                    continue;
                };
                // A generator per connection from the seed and the
                // connection's number.
                let mut rng = StdRng::seed_from_u64(seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
                let fault = p
                    .armed
                    .load(SeqCst)
                    .then(|| match rng.random_range(0..100) {
                        0..35 => Fault::Pass,
                        35..55 => Fault::Delay,
                        55..70 => Fault::Reset,
                        70..80 => Fault::Drop,
                        _ => Fault::Cut,
                    });
                let p = p.clone();
                tokio::spawn(async move {
                    // A phone that hung up early is a fault too, not a failure.
                    let _ = p.handle(client, upstream, fault, rng).await;
                });
            }
        });
        proxy
    }

    /// One exchange; `fault` is `None` while the proxy is not armed.
    async fn handle(
        &self,
        mut client: TcpStream,
        upstream: SocketAddr,
        fault: Option<Fault>,
        mut rng: StdRng,
    ) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(8192);
        let mut chunk = [0u8; 8192];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = client.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        if fault == Some(Fault::Reset) {
            // Dropped with SO_LINGER 0: a reset, and the server saw nothing.
            client.set_zero_linger()?;
            self.injected.reset.fetch_add(1, SeqCst);
            return Ok(());
        }
        let head = std::str::from_utf8(&buf[..head_end])
            .expect("an HTTP request head")
            .to_owned();
        let body_len = content_length(&head);
        while buf.len() < head_end + body_len {
            let n = client.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let is_push = head.starts_with("POST /api/v1/changes ");
        let is_pull = head.starts_with("GET /api/v1/changes?");
        let is_activation = head.starts_with("POST /api/v1/activate ");
        if fault == Some(Fault::Delay) {
            tokio::time::sleep(Duration::from_millis(rng.random_range(1..=15))).await;
        }
        // One exchange per connection: the server closes after answering,
        // so its whole answer is everything up to the end of the stream,
        // and the phone opens a new connection (a new decision) each time.
        let mut server = TcpStream::connect(upstream).await?;
        server.write_all(one_exchange(&head).as_bytes()).await?;
        server.write_all(&buf[head_end..]).await?;
        if fault == Some(Fault::Drop) {
            client.set_zero_linger()?;
            server.set_zero_linger()?;
            self.injected.drop.fetch_add(1, SeqCst);
            return Ok(());
        }
        let mut response = Vec::new();
        server.read_to_end(&mut response).await?;
        drop(server);
        match fault {
            Some(Fault::Cut) if !response.is_empty() => {
                let keep = if rng.random_bool(0.3) {
                    0
                } else {
                    rng.random_range(1..response.len())
                };
                client.write_all(&response[..keep]).await?;
                if rng.random_bool(0.5) {
                    client.set_zero_linger()?;
                }
                let i = &self.injected;
                i.cut.fetch_add(1, SeqCst);
                if keep == 0 {
                    i.cut_at_zero.fetch_add(1, SeqCst);
                }
                if response.starts_with(b"HTTP/1.1 200 ") {
                    if is_push {
                        i.cut_push_after_commit.fetch_add(1, SeqCst);
                    } else if is_pull {
                        i.cut_pull.fetch_add(1, SeqCst);
                    } else if is_activation {
                        i.cut_activation_after_commit.fetch_add(1, SeqCst);
                    }
                }
                Ok(())
            }
            _ => {
                if fault == Some(Fault::Delay) {
                    tokio::time::sleep(Duration::from_millis(rng.random_range(1..=15))).await;
                }
                client.write_all(&response).await?;
                client.shutdown().await?;
                match fault {
                    Some(Fault::Pass) => self.injected.pass.fetch_add(1, SeqCst),
                    Some(Fault::Delay) => self.injected.delay.fetch_add(1, SeqCst),
                    _ => 0,
                };
                Ok(())
            }
        }
    }
}

/// The request's `Content-Length` (0 without one; the phone's requests are
/// never chunked).
fn content_length(head: &str) -> usize {
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "the proxy reads bodies by Content-Length"
    );
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.trim().parse().expect("a Content-Length"))
}

/// `head` with `Connection: close` in place of any Connection header.
fn one_exchange(head: &str) -> String {
    let mut out = String::with_capacity(head.len() + 20);
    for line in head.trim_end_matches("\r\n").split("\r\n") {
        if !line.to_ascii_lowercase().starts_with("connection:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n\r\n");
    out
}

// ---------------------------------------------------------------------------
// The phones
// ---------------------------------------------------------------------------

/// What a phone made: answer versions by question, messages by thread;
/// and the clinic's replies, by thread, posted while it worked.
#[derive(Debug, Default)]
struct Made {
    versions: BTreeMap<&'static str, Vec<String>>,
    messages: BTreeMap<&'static str, Vec<String>>,
    replies: BTreeMap<&'static str, Vec<String>>,
}

/// The clinic of one patient, replying straight to the server.
struct Clinic {
    base: String,
    staff: String,
    patient: String,
}

impl Clinic {
    /// A reply from the clinic in `thread`; returns its id.
    async fn reply(&self, thread: Thread, text: &str) -> String {
        let r = reqwest::Client::new()
            .post(format!(
                "{}/api/v1/clinic/patients/{}/messages",
                self.base, self.patient
            ))
            .bearer_auth(&self.staff)
            .json(&serde_json::json!({ "thread": thread_name(thread), "text": text }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let made: serde_json::Value = r.json().await.unwrap();
        made["id"].as_str().unwrap().to_owned()
    }
}

struct Phone {
    n: usize,
    _dir: tempfile::TempDir,
    school: Arc<PainSchool>,
    engine: SyncEngine<HttpTransport>,
}

fn thread_name(t: Thread) -> &'static str {
    match t {
        Thread::Clinician => "clinician",
        Thread::Team => "team",
    }
}

impl Phone {
    fn new(n: usize, bundle: Arc<ContentBundle>) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([n as u8 + 1; 32])));
        let clock = Arc::new(FixedClock::new(Utc::now()));
        let school =
            Arc::new(PainSchool::open_with_bundle(dir.path(), bundle, &keys, clock).unwrap());
        let transport = HttpTransport::new(
            ReqwestClient::with_connect_timeout(Duration::from_secs(10)).unwrap(),
        )
        .with_timeout(Duration::from_secs(30));
        // No wait between attempts: each failed sync may be retried at once.
        let engine = SyncEngine::new(school.clone(), transport)
            .unwrap()
            .with_backoff(
                Backoff {
                    base: Duration::ZERO,
                    cap: Duration::ZERO,
                    max_retry_after: Duration::ZERO,
                },
                || 0.0,
            );
        engine.set_allow_loopback_http(true);
        Phone {
            n,
            _dir: dir,
            school,
            engine,
        }
    }

    /// The `i`th change, through the facade: every tenth a message, the
    /// rest answers to the two questions in turn.
    fn write(&self, i: usize, made: &mut Made) {
        if i % 10 == 9 {
            let thread = if i % 20 == 9 {
                Thread::Clinician
            } else {
                Thread::Team
            };
            let m = self
                .school
                .send_message(thread, &format!("Meddelande {i} från telefon {}", self.n))
                .unwrap();
            made.messages
                .entry(thread_name(thread))
                .or_default()
                .push(m.id);
        } else {
            let q = QUESTIONS[i % 2];
            let v = self
                .school
                .submit_answer(
                    q,
                    &EntryRef::Current,
                    &AnswerValue::Text(format!("Svar {i} från telefon {}", self.n)),
                )
                .unwrap();
            made.versions.entry(q).or_default().push(v.version_id);
        }
    }

    /// Activates with `code`, retrying the same code until it works (a
    /// lost answer must not make it "used"); returns the attempts. Only
    /// network failures may happen on the way.
    async fn activate(&self, base: &str, code: &str) -> u32 {
        for attempt in 1..=MAX_ATTEMPTS {
            match self.engine.activate(base, code).await {
                Ok(_) => return attempt,
                Err(SyncError::Offline) => {}
                Err(e) => panic!("phone {}: activation failed with {e:?}", self.n),
            }
        }
        panic!("phone {}: not activated in {MAX_ATTEMPTS} attempts", self.n);
    }

    /// Syncs until a sync succeeds; returns the attempts it took. Only
    /// network failures may happen on the way.
    async fn sync_until_ok(&self) -> u32 {
        for attempt in 1..=MAX_ATTEMPTS {
            match self.engine.sync_now().await {
                Ok(report) => {
                    assert_eq!(report.deferred_until, None, "no backoff is set");
                    assert_eq!(report.rejected, 0, "phone {}: {report:?}", self.n);
                    return attempt;
                }
                Err(SyncError::Offline) => {}
                Err(e) => panic!("phone {}: sync failed with {e:?}", self.n),
            }
        }
        panic!(
            "phone {}: no successful sync in {MAX_ATTEMPTS} attempts",
            self.n
        );
    }

    fn outbox(&self) -> u64 {
        self.school.store_for_tests().outbox_len().unwrap()
    }

    /// Writes its changes in bursts of 1–8 and asks a second task for a
    /// sync after each burst; half the time it goes on writing while that
    /// sync runs, half the time it waits for it. A last sync follows the
    /// last change. With a `clinic`, the clinic replies after a quarter of
    /// the bursts. Returns what it made, the syncs and the attempts they
    /// took.
    async fn work(self: Arc<Phone>, clinic: Option<Clinic>, seed: u64) -> (Made, u32, u32) {
        let mut rng = StdRng::seed_from_u64(seed);
        let (ask, mut asked) = mpsc::unbounded_channel::<Option<oneshot::Sender<()>>>();
        let syncer = {
            let phone = self.clone();
            tokio::spawn(async move {
                let (mut syncs, mut attempts) = (0, 0);
                while let Some(done) = asked.recv().await {
                    attempts += phone.sync_until_ok().await;
                    syncs += 1;
                    if let Some(done) = done {
                        let _ = done.send(());
                    }
                }
                (syncs, attempts)
            })
        };
        let mut made = Made::default();
        let mut i = 0;
        while i < CHANGES {
            let burst = rng.random_range(1..=8).min(CHANGES - i);
            for _ in 0..burst {
                let phone = self.clone();
                made = tokio::task::spawn_blocking(move || {
                    phone.write(i, &mut made);
                    made
                })
                .await
                .unwrap();
                i += 1;
            }
            if let Some(clinic) = clinic.as_ref().filter(|_| rng.random_bool(0.25)) {
                let thread = if rng.random_bool(0.5) {
                    Thread::Clinician
                } else {
                    Thread::Team
                };
                let id = clinic
                    .reply(thread, &format!("Svar från kliniken ({i})"))
                    .await;
                made.replies
                    .entry(thread_name(thread))
                    .or_default()
                    .push(id);
            }
            if rng.random_bool(0.5) && i < CHANGES {
                ask.send(None).unwrap();
            } else {
                let (done, synced) = oneshot::channel();
                ask.send(Some(done)).unwrap();
                synced.await.unwrap();
            }
        }
        drop(ask);
        let (syncs, attempts) = syncer.await.unwrap();
        (made, syncs, attempts)
    }
}

// ---------------------------------------------------------------------------
// What the server holds
// ---------------------------------------------------------------------------

/// The patient's whole feed, pulled by a fresh device straight from the
/// server (not through the proxy): (change ids, answer version ids,
/// message ids).
async fn feed(s: &Server, patient: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let token = activate_code(s, &new_code(s, patient).await).await;
    let (mut ids, mut versions, mut messages) = (Vec::new(), Vec::new(), Vec::new());
    let mut after = 0;
    loop {
        let page = pull(s, &token, after, 500).await;
        for item in page["items"].as_array().unwrap() {
            ids.push(item["id"].as_str().unwrap().to_owned());
            let entity_id = item["entity_id"].as_str().unwrap().to_owned();
            match item["entity"].as_str().unwrap() {
                "answer_version" => versions.push(entity_id),
                "message" => messages.push(entity_id),
                _ => {}
            }
        }
        after = page["cursor"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            return (ids, versions, messages);
        }
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// (missing, duplicated): how `got` differs from `want` (a list of unique
/// ids).
fn compare(want: &[String], got: &[String]) -> (usize, usize) {
    let mut counts = BTreeMap::<&str, usize>::new();
    for g in got {
        *counts.entry(g.as_str()).or_default() += 1;
    }
    let missing = want
        .iter()
        .filter(|w| !counts.contains_key(w.as_str()))
        .count();
    let duplicated = counts.values().map(|c| c - 1).sum();
    (missing, duplicated)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_arrives_exactly_once_through_resets_delays_and_cut_responses() {
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().random());
    println!("fault seed: {seed} (replay with FAULT_SEED={seed})");
    let started = Instant::now();
    let s = start(&[], None).await;
    let upstream: SocketAddr = s.base.trim_start_matches("http://").parse().unwrap();
    let proxy = Proxy::start(upstream, seed).await;
    let bundle = Arc::new(ContentBundle::load(bundle_dir(), Verify::Structure).unwrap());

    // Ten patients with two phones each, activated through the proxy.
    proxy.armed.store(true, SeqCst);
    let mut patients = Vec::new();
    let mut phones = Vec::new();
    let mut staff = Vec::new();
    let mut activations = 0;
    for p in 0..PHONES / 2 {
        let d = demo(&s).await;
        for code in [d.code.code.clone(), new_code(&s, &d.patient_id).await] {
            let phone = Phone::new(phones.len(), bundle.clone());
            activations += phone.activate(&proxy.base, &code).await;
            phones.push((p, Arc::new(phone)));
        }
        patients.push(d.patient_id);
        staff.push(d.staff_token);
    }

    // The first phone of each patient also has the clinic reply.
    let work = phones
        .iter()
        .map(|(p, phone)| {
            let clinic = (phone.n % 2 == 0).then(|| Clinic {
                base: s.base.clone(),
                staff: staff[*p].clone(),
                patient: patients[*p].clone(),
            });
            tokio::spawn(
                phone
                    .clone()
                    .work(clinic, seed.wrapping_add(phone.n as u64)),
            )
        })
        .collect::<Vec<_>>();
    let mut made = Vec::new();
    let (mut syncs, mut attempts) = (0, 0);
    for w in work {
        let (m, n, a) = w.await.unwrap();
        made.push(m);
        syncs += n;
        attempts += a;
    }
    for (_, phone) in &phones {
        assert_eq!(phone.outbox(), 0, "phone {}: the outbox is empty", phone.n);
    }
    // Once everyone's last changes are on the server, one more sync each
    // brings every phone its other device's last changes.
    let last = phones
        .iter()
        .map(|(_, phone)| {
            let phone = phone.clone();
            tokio::spawn(async move { phone.sync_until_ok().await })
        })
        .collect::<Vec<_>>();
    for l in last {
        attempts += l.await.unwrap();
        syncs += 1;
    }
    proxy.armed.store(false, SeqCst);

    let i = &proxy.injected;
    let injected = [
        ("pass", i.pass.load(SeqCst)),
        ("delay", i.delay.load(SeqCst)),
        ("reset before forwarding", i.reset.load(SeqCst)),
        ("drop mid-request", i.drop.load(SeqCst)),
        ("cut response", i.cut.load(SeqCst)),
        ("cut at zero bytes", i.cut_at_zero.load(SeqCst)),
        (
            "cut push after commit",
            i.cut_push_after_commit.load(SeqCst),
        ),
        ("cut pull", i.cut_pull.load(SeqCst)),
    ];
    let cut_activations = i.cut_activation_after_commit.load(SeqCst);
    println!(
        "{PHONES} phones x {CHANGES} changes: {PHONES} activations in {activations} attempts \
         ({cut_activations} answers cut after the code was used), {syncs} syncs in {attempts} attempts, \
         {:.1} s; injected: {injected:?}",
        started.elapsed().as_secs_f64()
    );

    // Per patient: the union of its two phones' changes and the clinic's
    // replies.
    let (mut lost, mut duplicated, mut replies_total) = (0, 0, 0);
    for (p, patient) in patients.iter().enumerate() {
        let mine = phones
            .iter()
            .zip(&made)
            .filter(|((q, _), _)| *q == p)
            .map(|(_, m)| m)
            .collect::<Vec<_>>();
        let all = |pick: fn(&Made) -> &BTreeMap<&'static str, Vec<String>>, key: Option<&str>| {
            sorted(
                mine.iter()
                    .flat_map(|m| pick(m).iter())
                    .filter(|(k, _)| key.is_none_or(|key| **k == key))
                    .flat_map(|(_, v)| v.iter().cloned())
                    .collect(),
            )
        };
        let versions = all(|m| &m.versions, None);
        let messages = all(|m| &m.messages, None);
        assert_eq!(versions.len() + messages.len(), 2 * CHANGES);
        let replies = all(|m| &m.replies, None);
        let both_ways = sorted([messages.clone(), replies.clone()].concat());
        replies_total += replies.len();

        // The server's feed, and its store read directly.
        let (ids, feed_versions, feed_messages) = feed(&s, patient).await;
        let stored_versions = s
            .app
            .store
            .answers(patient.clone())
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.version_id)
            .collect::<Vec<_>>();
        let stored_messages = s
            .app
            .store
            .messages(patient.clone())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect::<Vec<_>>();
        for (what, want, got) in [
            ("feed: answer versions", &versions, &feed_versions),
            ("feed: messages", &both_ways, &feed_messages),
            ("store: answer versions", &versions, &stored_versions),
            ("store: messages", &both_ways, &stored_messages),
        ] {
            let (l, d) = compare(want, got);
            lost += l;
            duplicated += d;
            assert_eq!(
                (l, d, got.len()),
                (0, 0, want.len()),
                "patient {p}, {what}: (lost, duplicated, count)"
            );
        }
        let (_, d) = compare(&ids, &ids);
        assert_eq!(d, 0, "patient {p}: a change id twice in the feed");
        // Its two phones and the fresh reader; no device per lost answer.
        assert_eq!(s.app.store.devices(patient.clone()).await.unwrap().len(), 3);

        // Each phone: nothing left to send, and both devices' changes once.
        for ((_, phone), _) in phones.iter().zip(&made).filter(|((q, _), _)| *q == p) {
            assert_eq!(phone.outbox(), 0, "phone {}: the outbox is empty", phone.n);
            for q in QUESTIONS {
                let local = phone
                    .school
                    .answer_history(q, &EntryRef::Current)
                    .unwrap()
                    .into_iter()
                    .map(|v| v.version_id)
                    .collect::<Vec<_>>();
                assert_eq!(
                    sorted(local),
                    all(|m| &m.versions, Some(q)),
                    "phone {}: the history of {q}",
                    phone.n
                );
            }
            for t in [Thread::Clinician, Thread::Team] {
                let local = phone
                    .school
                    .messages(t)
                    .unwrap()
                    .into_iter()
                    .map(|m| m.id)
                    .collect::<Vec<_>>();
                let name = Some(thread_name(t));
                let want = [all(|m| &m.messages, name), all(|m| &m.replies, name)].concat();
                assert_eq!(
                    sorted(local),
                    sorted(want),
                    "phone {}: the {} thread",
                    phone.n,
                    thread_name(t)
                );
            }
        }
    }
    println!(
        "server: {} changes made on the phones, {replies_total} clinic replies; {lost} lost, {duplicated} duplicated",
        PHONES * CHANGES
    );
    assert!(replies_total > 0, "the clinic replied");

    // The faults really happened, each many times.
    for (kind, n) in injected {
        assert!(
            n >= MIN_EACH_FAULT,
            "only {n} x {kind} (at least {MIN_EACH_FAULT} wanted): {injected:?}"
        );
    }
}
