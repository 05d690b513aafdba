//! Load benchmark: durable sync pushes per second and their latency, on the
//! backend under test, beside a bare axum JSON echo measured in the same run.
//!
//! ```text
//! cargo bench -p painschool-server --bench load                 # SQLite
//! PAINSCHOOL_TEST_DATABASE_URL=$(bash scripts/pg.sh start) \
//!   cargo bench -p painschool-server --bench load               # PostgreSQL
//! ```
//!
//! A bounded, closed-loop load generator on loopback: `CLIENTS` phones, each
//! a device of its own patient with its own keep-alive connection, each
//! pushing `PUSHES` one-answer batches one after the other (a new change id
//! each time, so every push is a durable insert). The server is the real
//! router over the real store (a SQLite file with `synchronous=FULL`, or a
//! PostgreSQL schema with `synchronous_commit=on`), on a runtime of its own
//! with two worker threads; the generator runs on another two. The echo is
//! an axum route that parses the same JSON body and answers with it, served
//! and loaded the same way, so the ratio shows what the store, the checks
//! and the durable commit cost over the HTTP and JSON floor on this machine.
//! Rounds alternate echo and server; each figure is the median round.
//! Every push must be accepted, and the server must hold every change once.
//!
//! `LOAD_CLIENTS`, `LOAD_PUSHES` and `LOAD_ROUNDS` override the defaults.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::routing::post;
use painschool_e2e::server::{Server, answer, change_id, demo_device, on_postgres, stamp, start};
use painschool_server::store::Repository;
use serde_json::{Value, json};

/// Concurrent phones.
const CLIENTS: usize = 20;
/// Pushes per phone per round.
const PUSHES: usize = 200;
/// Rounds (each: echo, then server).
const ROUNDS: usize = 3;
/// Pushes per phone before the first round (connections, caches, plans).
const WARM_UP: usize = 10;

fn main() {
    let clients = setting("LOAD_CLIENTS", CLIENTS);
    let pushes = setting("LOAD_PUSHES", PUSHES);
    let rounds = setting("LOAD_ROUNDS", ROUNDS);
    let backend = if on_postgres() { "postgres" } else { "sqlite" };
    let server_rt = runtime();
    let client_rt = runtime();

    let echo = server_rt.block_on(start_echo());
    let server = Arc::new(server_rt.block_on(start(&[], None)));
    let (patients, tokens): (Vec<String>, Vec<String>) = server_rt.block_on(async {
        let mut devices = Vec::new();
        for _ in 0..clients {
            devices.push(demo_device(&server).await);
        }
        devices.into_iter().unzip()
    });
    let commits_before = server.app.store.commits();

    let mut next = 0u32;
    let mut bodies = |n: usize| -> Vec<Vec<String>> {
        (0..clients)
            .map(|_| {
                (0..n)
                    .map(|_| {
                        next += 1;
                        push_body(next)
                    })
                    .collect()
            })
            .collect()
    };

    // Warm up both, uncounted.
    let warm = bodies(WARM_UP);
    client_rt.block_on(load(&echo, &tokens, warm.clone(), "/echo"));
    client_rt.block_on(load(&server.base, &tokens, warm, "/api/v1/changes"));
    let mut sent = clients * WARM_UP;

    let mut echo_runs = Vec::new();
    let mut server_runs = Vec::new();
    for round in 1..=rounds {
        let batch = bodies(pushes);
        let e = client_rt.block_on(load(&echo, &tokens, batch.clone(), "/echo"));
        let s = client_rt.block_on(load(&server.base, &tokens, batch, "/api/v1/changes"));
        sent += clients * pushes;
        println!("round {round}: echo {e}");
        println!("round {round}: {backend} {s}");
        echo_runs.push(e);
        server_runs.push(s);
    }

    // Every push was accepted (checked per response in `load`); the server
    // holds each change once.
    let held = server_rt.block_on(count_answers(&server, &patients));
    assert_eq!(
        held, sent as u64,
        "the server holds every pushed change once"
    );
    let commits = server.app.store.commits() - commits_before;

    let e = median(&mut echo_runs);
    let s = median(&mut server_runs);
    println!();
    println!(
        "LOAD {backend}: {clients} clients x {pushes} pushes, median of {rounds} rounds \
         (release build, 2 server + 2 client worker threads)"
    );
    println!(
        "  durable pushes: {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        s.per_second, s.p50_ms, s.p99_ms, s.max_ms
    );
    println!(
        "  axum JSON echo: {:.0}/s, p50 {:.2} ms, p99 {:.2} ms",
        e.per_second, e.p50_ms, e.p99_ms
    );
    println!(
        "  RATIO server/echo throughput {:.2}, p99 {:.1}x; {} commits for {} pushes ({:.3} per push)",
        s.per_second / e.per_second,
        s.p99_ms / e.p99_ms,
        commits,
        sent - clients * WARM_UP,
        commits as f64 / (sent - clients * WARM_UP) as f64
    );
    let goal = s.per_second >= 2000.0 && s.p99_ms <= 50.0;
    println!(
        "  goal (>= 2000/s, p99 <= 50 ms): {}",
        if goal { "met" } else { "NOT met" }
    );
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// One push: a batch of one answer version with a fresh id.
fn push_body(n: u32) -> String {
    json!({
        "changes": [answer(
            &change_id(n),
            &change_id(10_000_000 + n),
            &stamp(n),
            "Jag har gått en kort promenad varje dag den här veckan."
        )]
    })
    .to_string()
}

/// The bare floor: an axum route that parses a JSON body and returns it.
async fn start_echo() -> String {
    async fn echo(Json(body): Json<Value>) -> Json<Value> {
        Json(body)
    }
    let app = axum::Router::new().route("/echo", post(echo));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("the echo serves")
    });
    format!("http://{addr}")
}

/// One round's figures.
#[derive(Debug, Clone, Copy)]
struct Run {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.per_second, self.p50_ms, self.p99_ms, self.max_ms
        )
    }
}

/// The round with the median throughput.
fn median(runs: &mut [Run]) -> Run {
    runs.sort_by(|a, b| a.per_second.total_cmp(&b.per_second));
    runs[runs.len() / 2]
}

/// Each client sends its bodies in turn on its own connection; returns the
/// throughput and the latency percentiles over all requests.
async fn load(base: &str, tokens: &[String], bodies: Vec<Vec<String>>, path: &str) -> Run {
    let url = format!("{base}{path}");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (token, bodies) in tokens.iter().cloned().zip(bodies) {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()
                .expect("a client");
            let mut latencies = Vec::with_capacity(bodies.len());
            for body in bodies {
                let t = Instant::now();
                let r = client
                    .post(&url)
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("the request is sent");
                assert_eq!(r.status(), 200, "every push is accepted");
                let answer: Value = r.json().await.expect("a JSON answer");
                if let Some(results) = answer.get("results") {
                    assert_eq!(results[0]["status"], "accepted", "{answer}");
                }
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("a client finishes"));
    }
    let elapsed = started.elapsed();
    all.sort();
    let at = |q: f64| all[((all.len() as f64 * q).ceil() as usize).saturating_sub(1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Run {
        per_second: all.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: ms(at(0.50)),
        p99_ms: ms(at(0.99)),
        max_ms: ms(*all.last().expect("requests")),
    }
}

/// How many answer versions the patients hold on the server.
async fn count_answers(server: &Server, patients: &[String]) -> u64 {
    let mut held = 0;
    for p in patients {
        held += server
            .app
            .store
            .answers(p.clone())
            .await
            .expect("the store reads")
            .len() as u64;
    }
    held
}
