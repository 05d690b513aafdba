//! A real clinic server for tests, on 127.0.0.1 over a real database: the
//! server's own integration tests (`server/tests/common`) and the
//! end-to-end tests here share it. The backend is SQLite (a temp file)
//! unless `PAINSCHOOL_TEST_DATABASE_URL` names a PostgreSQL server
//! (`postgres://postgres@127.0.0.1:55432/postgres`, see scripts/pg.sh): then
//! each database gets a schema of its own, dropped afterwards, so tests
//! running in parallel never see each other's rows. Also the JSON the tests
//! push (answer and message changes, stamps, ids) and small HTTP helpers.

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use painschool_server::api::{App, router};
use painschool_server::config::Config;
use painschool_server::store::AnyStore;

/// The variable naming the PostgreSQL server to test against.
pub const DATABASE_ENV: &str = "PAINSCHOOL_TEST_DATABASE_URL";

/// A server running in this process, serving HTTP on a loopback port.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's state: its store, config, bundle and clock.
    pub app: Arc<App<AnyStore>>,
    /// Its database (removed when the server is dropped).
    pub db: TestDb,
    /// The store's `DATABASE_URL`.
    pub url: String,
}

/// A test server's database; removed when dropped.
pub enum TestDb {
    /// A SQLite file in a temp dir.
    Sqlite(tempfile::TempDir),
    /// A schema of its own in the PostgreSQL database at `url`.
    Postgres {
        /// The PostgreSQL server's URL (without the schema).
        url: String,
        /// The schema's name.
        schema: String,
    },
    /// Another server's database (removed with that server).
    Shared,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { url, schema } = self {
            let (url, schema) = (url.clone(), schema.clone());
            // Drop runs inside the test's runtime: use a thread of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    let client = pg_admin(&url).await;
                    let _ = client
                        .batch_execute(&format!(
                            "SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS {schema} CASCADE"
                        ))
                        .await;
                });
            })
            .join();
        }
    }
}

/// A connection to the test PostgreSQL server.
pub async fn pg_admin(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("{DATABASE_ENV}: cannot connect: {e}"));
    tokio::spawn(connection);
    client
}

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(DATABASE_ENV).is_ok_and(|u| !u.is_empty())
}

/// A fresh, empty database of the backend under test, not opened yet, and
/// the `DATABASE_URL` that names it (for a store here or a server process).
pub async fn test_database() -> (TestDb, String) {
    match std::env::var(DATABASE_ENV) {
        Ok(url) if !url.is_empty() => {
            let schema = format!("test_{}", uuid::Uuid::now_v7().simple());
            pg_admin(&url)
                .await
                .batch_execute(&format!("CREATE SCHEMA {schema}"))
                .await
                .unwrap();
            let sep = if url.contains('?') { '&' } else { '?' };
            let store_url = format!("{url}{sep}options=-csearch_path%3D{schema}");
            (TestDb::Postgres { url, schema }, store_url)
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("server.db").display());
            (TestDb::Sqlite(dir), url)
        }
    }
}

/// A fresh, empty database of the backend under test, opened by its URL
/// (returned too).
pub async fn open_store() -> (AnyStore, TestDb, String) {
    let (db, url) = test_database().await;
    (AnyStore::open_url(&url).await.unwrap(), db, url)
}

/// Everything the server stored, as bytes: the SQLite file and its WAL, or
/// every row of every table of the PostgreSQL schema as text.
pub async fn stored_bytes(s: &Server) -> Vec<u8> {
    match &s.db {
        TestDb::Sqlite(_) => {
            let path = s.app.store.sqlite().unwrap().path();
            let mut all = std::fs::read(path).unwrap();
            all.extend(std::fs::read(path.with_extension("db-wal")).unwrap_or_default());
            all
        }
        TestDb::Shared => panic!("ask the server that owns the database"),
        TestDb::Postgres { url, schema } => {
            let client = pg_admin(url).await;
            let tables = client
                .query(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1",
                    &[schema],
                )
                .await
                .unwrap();
            let mut all = Vec::new();
            for t in tables {
                let table: String = t.get(0);
                for row in client
                    .query(&format!("SELECT t::text FROM {schema}.{table} t"), &[])
                    .await
                    .unwrap()
                {
                    all.extend(row.get::<_, String>(0).into_bytes());
                    all.push(b'\n');
                }
            }
            all
        }
    }
}

/// A configuration from `(variable, value)` pairs; the rest are defaults.
pub fn config(pairs: &[(&str, &str)]) -> Config {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(&move |k| map.get(k).cloned()).unwrap()
}

/// A server on a fresh database of the backend under test, with the
/// settings `pairs`, reading the clock `now` if given (else the real one).
pub async fn start(pairs: &[(&str, &str)], now: Option<DateTime<Utc>>) -> Server {
    match now {
        Some(t) => start_clocked(pairs, Box::new(move || t)).await,
        None => start_clocked(pairs, Box::new(Utc::now)).await,
    }
}

/// A server reading the clock `now`.
pub async fn start_clocked(
    pairs: &[(&str, &str)],
    now: Box<dyn Fn() -> DateTime<Utc> + Send + Sync>,
) -> Server {
    let (store, db, url) = open_store().await;
    serve(store, db, url, pairs, now).await
}

/// A second server on `s`'s database, as a second server process behind
/// the same load balancer would be.
pub async fn start_beside(s: &Server) -> Server {
    let store = AnyStore::open_url(&s.url).await.unwrap();
    serve(
        store,
        TestDb::Shared,
        s.url.clone(),
        &[],
        Box::new(Utc::now),
    )
    .await
}

/// A server on SQLite whatever the backend under test (for tests of
/// SQLite-only features such as the online backup).
pub async fn start_sqlite(pairs: &[(&str, &str)]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("server.db").display());
    let store = AnyStore::open_url(&url).await.unwrap();
    serve(store, TestDb::Sqlite(dir), url, pairs, Box::new(Utc::now)).await
}

async fn serve(
    store: AnyStore,
    db: TestDb,
    url: String,
    pairs: &[(&str, &str)],
    now: Box<dyn Fn() -> DateTime<Utc> + Send + Sync>,
) -> Server {
    // reqwest's rustls backend (unified across the workspace) needs a
    // process-wide crypto provider before any client is built.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let bundle = painschool_core::content::ContentBundle::load(
        crate::bundle_dir(),
        painschool_core::content::Verify::Structure,
    )
    .unwrap();
    let mut app = App::new(store, config(pairs), Arc::new(bundle));
    app.now = now;
    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let r = router(app.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            r.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    Server {
        base: format!("http://{addr}"),
        app,
        db,
        url,
    }
}

/// A demo unit, clinician and patient (created in the store, enrolled now),
/// with a first activation code.
pub async fn demo(s: &Server) -> painschool_server::clinic::Demo {
    painschool_server::clinic::create_demo(&s.app.store, 14, (s.app.now)())
        .await
        .unwrap()
}

/// A signed-in portal session for the demo's clinician (`email`), made in
/// the store: the cookie to send.
pub async fn portal_cookie(s: &Server, email: &str) -> String {
    use painschool_server::secrets;
    use painschool_server::store::{PortalStore, SessionStage};
    let (clinician, _) = s
        .app
        .store
        .staff_by_email(email.to_owned())
        .await
        .unwrap()
        .unwrap();
    let token = secrets::new_device_token().unwrap();
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            clinician.id.clone(),
            SessionStage::SignedIn,
            "csrf".into(),
            Utc::now(),
        )
        .await
        .unwrap();
    format!("__Host-smartskolan={token}")
}

/// `GET path` on the portal with `cookie`.
pub async fn portal_get(s: &Server, cookie: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", s.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

/// A new activation code for `patient` (for another device).
pub async fn new_code(s: &Server, patient: &str) -> String {
    painschool_server::clinic::issue_activation_code(&s.app.store, patient, 14, (s.app.now)())
        .await
        .unwrap()
        .code
}

/// Activates a new device for a fresh demo patient; returns (patient_id, token).
pub async fn demo_device(s: &Server) -> (String, String) {
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, Utc::now())
        .await
        .unwrap();
    (
        demo.patient_id.clone(),
        activate_code(s, &demo.code.code).await,
    )
}

/// Activates a device with `code`; returns its token.
pub async fn activate_code(s: &Server, code: &str) -> String {
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/activate", s.base))
        .json(&serde_json::json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    body["token"].as_str().unwrap().to_owned()
}

/// A valid answer change to a free-text question.
pub fn answer(id: &str, version: &str, hlc: &str, text: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "entity": "answer_version",
        "entity_id": version,
        "hlc": hlc,
        "payload": {
            "version_id": version,
            "question_id": "m1-reflection-learned",
            "entry_id": "",
            "module_id": "m1",
            "value": { "type": "text", "value": text },
            "hlc": hlc,
            "submitted_at": "2026-11-23T10:00:00Z"
        }
    })
}

/// A stamp for test changes.
pub fn stamp(n: u32) -> String {
    format!(
        "{:015}-{:06}-testdevice",
        1_763_892_000_000u64 + u64::from(n),
        0
    )
}

/// A UUIDv7-shaped id for test changes.
pub fn change_id(n: u32) -> String {
    format!("01a20940-0000-7000-8000-{n:012}")
}

/// Pushes `changes` with `token`.
pub async fn push(s: &Server, token: &str, changes: serde_json::Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/changes", s.base))
        .bearer_auth(token)
        .json(&serde_json::json!({ "changes": changes }))
        .send()
        .await
        .unwrap()
}

/// Pulls after `after` with `token`.
pub async fn pull(s: &Server, token: &str, after: i64, limit: u32) -> serde_json::Value {
    let r = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/changes?after={after}&limit={limit}",
            s.base
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// A demo unit, clinician and patient with one activated device.
pub struct DemoSetup {
    /// The patient.
    pub patient_id: String,
    /// The activated device's token.
    pub device_token: String,
    /// The demo clinician's staff token.
    pub staff_token: String,
}

/// Creates demo data and activates one device.
pub async fn demo_setup(s: &Server) -> DemoSetup {
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, (s.app.now)())
        .await
        .unwrap();
    DemoSetup {
        device_token: activate_code(s, &demo.code.code).await,
        patient_id: demo.patient_id,
        staff_token: demo.staff_token,
    }
}

/// Calls the clinic API: `method` on `/api/v1/clinic{path}` with `token`.
pub async fn clinic(
    s: &Server,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}/api/v1/clinic{path}", s.base))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

/// A patient's message change.
pub fn message(id: &str, message_id: &str, thread: &str, text: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "entity": "message",
        "entity_id": message_id,
        "hlc": stamp(900),
        "payload": {
            "message_id": message_id,
            "thread": thread,
            "text": text,
            "written_at": "2026-11-23T10:00:00Z"
        }
    })
}
