//! Portal benchmark: server time of the pages a clinician opens all day,
//! on a unit of 2,000 patients with one patient holding a year of data.
//!
//! ```text
//! cargo bench -p painschool-server --bench portal                 # SQLite
//! PAINSCHOOL_TEST_DATABASE_URL=$(bash scripts/pg.sh start) \
//!   cargo bench -p painschool-server --bench portal               # PostgreSQL
//! ```
//!
//! The server is the real router over the real store, on loopback. The
//! unit gets 2,000 patients (each with a device that synced a few answers
//! and a message, so the list and the work queue have real rows to show);
//! one of them also has a synthetic year: every free-text and choice
//! question answered and edited, a weekly check-in for 52 weeks, a daily
//! entry in every diary for 365 days, and 100 messages each way. A signed-in
//! clinician then asks for the patient list, the work queue and that
//! patient's page, one request at a time; each page's p50 and p95 (goal:
//! p95 ≤ 50 ms) are printed. Latency is measured at the client on
//! loopback, so it is the server's time plus a loopback round trip.
//!
//! `PORTAL_PATIENTS` and `PORTAL_REQUESTS` override the defaults.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::content::{FieldKind, QuestionKind, SectionKind};
use painschool_e2e::server::{Server, activate_code, on_postgres, push, start};
use painschool_server::model::NewPatient;
use painschool_server::model::Role;
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use serde_json::{Value, json};

/// Patients in the unit.
const PATIENTS: usize = 2_000;
/// Requests per page.
const REQUESTS: usize = 100;

fn main() {
    let patients = setting("PORTAL_PATIENTS", PATIENTS);
    let requests = setting("PORTAL_REQUESTS", REQUESTS);
    let backend = if on_postgres() { "postgres" } else { "sqlite" };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async move {
        let s = start(&[], None).await;
        let setup = Instant::now();
        let (unit, clinician) = unit_and_clinician(&s).await;
        let ids = fill_unit(&s, &unit, &clinician, patients).await;
        let year_patient = ids[0].clone();
        let versions = synthetic_year(&s, &year_patient).await;
        println!(
            "set-up: {patients} patients, one with {versions} answer versions and 200 messages, \
             in {:.1} s",
            setup.elapsed().as_secs_f64()
        );

        // The store's part of the list and the queue: one unit overview.
        let mut store_times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let rows = s
                .app
                .store
                .unit_overview(unit.clone())
                .await
                .expect("overview");
            store_times.push(t.elapsed());
            assert_eq!(rows.len(), patients);
        }
        store_times.sort();
        println!(
            "store: unit overview of {patients} patients, median {:.2} ms",
            ms(store_times[10])
        );

        let cookie = session(&s, &clinician).await;
        let http = reqwest::Client::new();
        let pages = [
            ("patient list", "/portal/patients".to_owned()),
            ("work queue", "/portal".to_owned()),
            (
                "patient page (a year)",
                format!("/portal/patients/{year_patient}"),
            ),
            (
                "patient page (a week)",
                format!("/portal/patients/{}", ids[1]),
            ),
        ];
        println!();
        println!(
            "PORTAL {backend}: {patients} patients, {requests} requests per page, one at a time"
        );
        let mut all_met = true;
        for (name, path) in &pages {
            let mut times = Vec::with_capacity(requests);
            let mut bytes = 0;
            for i in 0..requests + 5 {
                let t = Instant::now();
                let r = http
                    .get(format!("{}{path}", s.base))
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .expect("the page answers");
                assert_eq!(r.status(), 200, "{path}");
                bytes = r.bytes().await.expect("a body").len();
                // The first few warm caches and prepared statements.
                if i >= 5 {
                    times.push(t.elapsed());
                }
            }
            times.sort();
            let p =
                |q: f64| ms(times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1)]);
            let met = p(0.95) <= 50.0;
            all_met &= met;
            println!(
                "  {name:<24} p50 {:>6.2} ms  p95 {:>6.2} ms  max {:>6.2} ms  {:>7} bytes  {}",
                p(0.50),
                p(0.95),
                ms(*times.last().expect("requests")),
                bytes,
                if met { "ok" } else { "OVER 50 ms" }
            );
        }
        println!(
            "  goal (p95 <= 50 ms on every page): {}",
            if all_met { "met" } else { "NOT met" }
        );
        // Each patient-page view wrote its access-log row.
        let log = s.app.store.access_log(year_patient).await.expect("the log");
        assert!(log.len() >= requests, "the views were logged");
    });
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn unit_and_clinician(s: &Server) -> (String, String) {
    let now = Utc::now();
    let unit = s
        .app
        .store
        .create_unit(
            "Bänkenheten".into(),
            "Två vardagar.".into(),
            "Two working days.".into(),
            now,
        )
        .await
        .expect("a unit");
    let c = s
        .app
        .store
        .create_clinician(
            unit.id.clone(),
            "Bänkbehandlare".into(),
            "bank@example.invalid".into(),
            Role::Clinician,
            now,
        )
        .await
        .expect("a clinician");
    (unit.id, c.id)
}

/// A signed-in session's cookie for `clinician`.
async fn session(s: &Server, clinician: &str) -> String {
    let token = secrets::new_device_token().expect("random");
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            clinician.to_owned(),
            SessionStage::SignedIn,
            "csrf-bench".into(),
            Utc::now(),
        )
        .await
        .expect("a session");
    format!("__Host-smartskolan={token}")
}

/// Synthetic names: a first and a last name from short lists.
fn name(i: usize) -> String {
    const FIRST: [&str; 10] = [
        "Testa", "Prova", "Exempel", "Demo", "Fikt", "Alfa", "Beta", "Gamma", "Delta", "Epsilon",
    ];
    const LAST: [&str; 10] = [
        "Andersdotter",
        "Bänkström",
        "Cederlund",
        "Dalgren",
        "Ekholm",
        "Forsberg",
        "Granqvist",
        "Holmér",
        "Isaksson",
        "Jägerlund",
    ];
    format!("{} {} {i}", FIRST[i % 10], LAST[(i / 10) % 10])
}

/// Creates `n` patients of the unit, each with an activated device that
/// pushed two versions of an answer and a message. Returns their ids.
async fn fill_unit(s: &Server, unit: &str, clinician: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    let start = Utc::now() - chrono::Duration::days(40);
    for i in 0..n {
        let id = s
            .app
            .store
            .create_patient(
                NewPatient {
                    unit_id: unit.to_owned(),
                    // A third have no responsible clinician (the team's).
                    clinician_id: (i % 3 != 1).then(|| clinician.to_owned()),
                    name: name(i),
                    personal_number: None,
                    enrolment: painschool_core::course::Enrolment::weekly(
                        start + chrono::Duration::days((i % 30) as i64),
                        chrono_tz::Europe::Stockholm,
                    ),
                },
                Utc::now(),
            )
            .await
            .expect("a patient");
        let code =
            painschool_server::clinic::issue_activation_code(&s.app.store, &id, 14, Utc::now())
                .await
                .expect("a code")
                .code;
        let token = activate_code(s, &code).await;
        let k = i as u32;
        let changes = json!([
            change(
                "m1-reflection-learned",
                "",
                &AnswerValue::Text("Jag har lärt mig att smärta är komplex.".into()),
                1,
                k
            ),
            change(
                "m1-reflection-learned",
                "",
                &AnswerValue::Text("Jag har lärt mig att smärta och rörelse hänger ihop.".into()),
                2,
                k
            ),
            painschool_e2e::server::message(
                &uuid(),
                &uuid(),
                "clinician",
                "Hej, en fråga om veckans övning."
            ),
        ]);
        let r = push(s, &token, changes).await;
        assert_eq!(r.status(), 200);
        ids.push(id);
    }
    ids
}

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// One answer-version change; `n` orders the stamps.
fn change(question: &str, entry: &str, value: &AnswerValue, n: u32, salt: u32) -> Value {
    let version = uuid();
    let hlc = format!(
        "{:015}-{:06}-benchdevice{salt:05}",
        1_763_892_000_000u64 + u64::from(n),
        0
    );
    json!({
        "id": uuid(),
        "entity": "answer_version",
        "entity_id": version,
        "hlc": hlc,
        "payload": {
            "version_id": version,
            "question_id": question,
            "entry_id": entry,
            "module_id": question.split('-').next().unwrap_or("m1"),
            "value": value,
            "hlc": hlc,
            "submitted_at": Utc::now().to_rfc3339()
        }
    })
}

/// A year of one patient's answers and messages; returns the number of
/// answer versions pushed.
async fn synthetic_year(s: &Server, patient: &str) -> usize {
    let code =
        painschool_server::clinic::issue_activation_code(&s.app.store, patient, 14, Utc::now())
            .await
            .expect("a code")
            .code;
    let token = activate_code(s, &code).await;
    let mut changes = Vec::new();
    let mut n = 10u32;
    let day0 = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    for module in &s.app.bundle.modules {
        for section in &module.sections {
            let check_in = matches!(section.kind, SectionKind::CheckIn(_));
            for q in section.kind.questions() {
                let mut add = |entry: String, value: AnswerValue| {
                    n += 1;
                    changes.push(change(&q.id, &entry, &value, n, 0));
                };
                match &q.kind {
                    QuestionKind::FreeText { .. } => {
                        for edit in 0..4 {
                            add(
                                String::new(),
                                AnswerValue::Text(format!(
                                    "Version {edit}: jag tänker på hur smärtan påverkar min vardag, och vad som hjälper mig att göra mer av det jag tycker om."
                                )),
                            );
                        }
                    }
                    QuestionKind::Scale { min, max, .. } if check_in => {
                        for week in 1..=52 {
                            add(
                                format!("week-{week:02}"),
                                AnswerValue::Scale(min + (week % (max - min + 1))),
                            );
                        }
                    }
                    QuestionKind::Scale { min, .. } => add(String::new(), AnswerValue::Scale(*min)),
                    QuestionKind::SingleChoice { options } => {
                        add(String::new(), AnswerValue::Choice(options[0].id.clone()))
                    }
                    QuestionKind::MultipleChoice { options }
                    | QuestionKind::Checklist { options } => add(
                        String::new(),
                        AnswerValue::Choices(options.iter().map(|o| o.id.clone()).collect()),
                    ),
                    QuestionKind::Diary { fields } => {
                        for d in 0..365 {
                            let date = day0 + chrono::Duration::days(d);
                            let entry = fields
                                .iter()
                                .map(|f| {
                                    let v = match &f.kind {
                                        FieldKind::Date => FieldValue::Date(date),
                                        FieldKind::Text => {
                                            FieldValue::Text("Promenad och vila.".into())
                                        }
                                        FieldKind::Number { min, .. }
                                        | FieldKind::Scale { min, .. } => FieldValue::Number(*min),
                                    };
                                    (f.id.clone(), v)
                                })
                                .collect();
                            add(date.to_string(), AnswerValue::Diary(entry));
                        }
                    }
                }
            }
        }
    }
    let versions = changes.len();
    for i in 0..100 {
        changes.push(painschool_e2e::server::message(
            &uuid(),
            &uuid(),
            if i % 4 == 0 { "team" } else { "clinician" },
            "Hej, jag har en fråga om veckans övning och om hur jag kan lägga upp dagen.",
        ));
    }
    for batch in changes.chunks(100) {
        let r = push(s, &token, Value::Array(batch.to_vec())).await;
        assert_eq!(r.status(), 200);
        let body: Value = r.json().await.expect("JSON");
        for result in body["results"].as_array().expect("results") {
            assert_eq!(result["status"], "accepted", "{result}");
        }
    }
    // The clinic's side of the year: 100 replies.
    let clinician = s
        .app
        .store
        .patient(patient.to_owned())
        .await
        .expect("the patient")
        .expect("exists")
        .clinician_id
        .expect("a clinician");
    for _ in 0..100 {
        s.app
            .store
            .clinic_write(
                patient.to_owned(),
                clinician.clone(),
                painschool_server::clinic_model::ClinicItem::Message {
                    id: uuid(),
                    thread: painschool_server::clinic_model::Thread::Clinician,
                    text: "Tack för ditt meddelande. Vi pratar mer om det vid nästa besök.".into(),
                    author_name: "Bänkbehandlare".into(),
                },
                Utc::now(),
            )
            .await
            .expect("a reply");
    }
    versions
}
