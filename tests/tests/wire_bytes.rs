//! Bytes on the wire of a sync with nothing to do. A counting TCP proxy on
//! 127.0.0.1 stands in front of the real server (the backend under test); a
//! real phone (encrypted store, the core's sync engine over reqwest, the
//! transport the cli uses) activates and syncs through it. Once the phone
//! and the server agree, one more sync with no change on either side must
//! make exactly one request and stay within 1 KB each way (goal of issue 4).
//! The figures are printed for docs/benchmarks.md.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};

use chrono::Utc;
use painschool_core::PainSchool;
use painschool_core::answers::AnswerValue;
use painschool_core::clock::FixedClock;
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::sync::{HttpTransport, SyncEngine};
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{demo, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The goal for each direction of a no-change sync.
const MAX_BYTES: u64 = 1024;

/// What went through the proxy.
#[derive(Default)]
struct Counts {
    connections: AtomicU64,
    /// Request heads seen (each HTTP/1.1 request line).
    requests: AtomicU64,
    up: AtomicU64,
    down: AtomicU64,
}

impl Counts {
    fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.requests.load(SeqCst),
            self.up.load(SeqCst),
            self.down.load(SeqCst),
        )
    }
}

/// Forwards every connection to `target`, counting bytes both ways and
/// request lines going up.
async fn counting_proxy(target: std::net::SocketAddr) -> (String, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let counts = Arc::new(Counts::default());
    let c = counts.clone();
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            c.connections.fetch_add(1, SeqCst);
            let c = c.clone();
            tokio::spawn(async move {
                let server = TcpStream::connect(target).await.unwrap();
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let up = {
                    let c = c.clone();
                    async move {
                        let mut buf = vec![0u8; 16 * 1024];
                        loop {
                            let n = match cr.read(&mut buf).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            c.up.fetch_add(n as u64, SeqCst);
                            let chunk = &buf[..n];
                            let heads = chunk
                                .windows(b" HTTP/1.1\r\n".len())
                                .filter(|w| *w == b" HTTP/1.1\r\n")
                                .count();
                            c.requests.fetch_add(heads as u64, SeqCst);
                            if sw.write_all(chunk).await.is_err() {
                                break;
                            }
                        }
                        let _ = sw.shutdown().await;
                    }
                };
                let down = async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    loop {
                        let n = match sr.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        c.down.fetch_add(n as u64, SeqCst);
                        if cw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = cw.shutdown().await;
                };
                tokio::join!(up, down);
            });
        }
    });
    (format!("http://{addr}"), counts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_with_nothing_to_do_is_one_request_under_a_kilobyte_each_way() {
    let s = start(&[], None).await;
    let d = demo(&s).await;
    let target = s.base.trim_start_matches("http://").parse().unwrap();
    let (proxy, counts) = counting_proxy(target).await;

    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([7; 32])));
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let school = Arc::new(PainSchool::open(dir.path(), &bundle_dir(), &keys, clock).unwrap());
    let engine = SyncEngine::new(school.clone(), HttpTransport::over_reqwest().unwrap()).unwrap();
    engine.set_allow_loopback_http(true);
    engine.activate(&proxy, &d.code.code).await.unwrap();

    // Something to send and something to receive, so the no-change sync
    // below comes after real work (a cursor past zero, a settled outbox).
    school
        .submit_answer(
            "m1-reflection-learned",
            &EntryRef::Current,
            &AnswerValue::Text("Ett svar att skicka".into()),
        )
        .unwrap();
    let first = engine.sync_now().await.unwrap();
    assert!(first.sent >= 1, "the answer went up");
    engine.sync_now().await.unwrap();

    let (requests_before, up_before, down_before) = counts.snapshot();
    let report = engine.sync_now().await.unwrap();
    assert_eq!((report.sent, report.received), (0, 0), "nothing to do");
    let (requests, up, down) = counts.snapshot();
    let (requests, up, down) = (
        requests - requests_before,
        up - up_before,
        down - down_before,
    );
    println!(
        "WIRE no-change sync: {requests} request(s), {up} bytes up, {down} bytes down \
         ({} connection(s) in the whole test)",
        counts.connections.load(SeqCst)
    );
    assert_eq!(requests, 1, "a no-change sync is one request");
    assert!(up > 0 && down > 0, "the request went through the proxy");
    assert!(up <= MAX_BYTES, "{up} bytes up");
    assert!(down <= MAX_BYTES, "{down} bytes down");
}
