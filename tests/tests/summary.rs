//! The printable summary made on a phone from a synthetic patient's whole
//! year in a real store: every current answer in the PDF's text with å, ä
//! and ö intact, the replaced version gone, "not answered yet" where
//! nothing was written, every word inside the margins, every page rendered
//! (and, with `UPDATE_SCREENSHOTS=1`, kept in docs/screenshots/); when the
//! app offers it; writing it to a file all or nothing; and the clinic's
//! portal showing the same document from what the phone synced.

#[path = "../../summary/tests/poppler/mod.rs"]
mod poppler;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use painschool_core::PainSchool;
use painschool_core::clock::FixedClock;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::summary::OfferReason;
use painschool_e2e::bundle_dir;
use painschool_e2e::year::{SKIPPED, write_one_year};
use poppler::{collapse, flat_text, outside_margins, render_pages, words};

fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

fn phone(dir: &Path, clock: Arc<FixedClock>) -> PainSchool {
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([5; 32])));
    PainSchool::open(dir, &bundle_dir(), &keys, clock).unwrap()
}

#[test]
fn a_year_on_the_phone_prints_every_current_answer_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(utc("2025-12-01 07:00")));
    let s = phone(dir.path(), clock.clone());
    let year = write_one_year(&s, &clock, utc("2025-12-01 07:00"));
    assert!(year.diary_entries > 10 && year.check_in_weeks > 40);

    let pdf = dir.path().join("sammanfattning.pdf");
    s.write_summary(&pdf, true).unwrap();
    let text = flat_text(&pdf);
    assert!(text.contains("Åsa Exempelsson"));
    assert!(text.contains("Kursperiod: 2025-12-01 – 2026-12-01"));
    for (qid, answer) in &year.texts {
        assert!(
            text.contains(&collapse(answer)),
            "the answer to {qid} is missing"
        );
    }
    assert!(
        !text.contains(&collapse(&year.replaced)),
        "only the latest version prints"
    );
    let model = s.summary().unwrap();
    let skipped = s
        .bundle()
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .flat_map(|sec| sec.kind.questions())
        .find(|q| q.id == SKIPPED)
        .unwrap();
    let prompt = collapse(skipped.prompt.get(painschool_core::content::Lang::Sv));
    let at = text
        .find(&prompt)
        .expect("the unanswered question is printed");
    assert!(
        text[at + prompt.len()..]
            .trim_start()
            .starts_with("Inte besvarad ännu")
    );
    // The plans from module 8 open the document.
    let plan_questions = s
        .bundle()
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .filter(|sec| painschool_core::summary::PLAN_SECTIONS.contains(&sec.id.as_str()))
        .map(|sec| sec.kind.questions().len())
        .sum::<usize>();
    assert!(plan_questions >= 2);
    assert_eq!(model.plans.len(), plan_questions);
    assert!(text.find(&collapse(&model.plans[0].prompt)) < text.find("Modul 1."));
    // Diaries as tables, the check-in, the practice.
    let (words, pages) = words(&pdf);
    assert!(
        outside_margins(&words).is_none(),
        "{:?}",
        outside_margins(&words)
    );
    assert!(words.iter().any(|w| w.text == "Promenad"));
    assert!(
        text.contains("Veckans avstämning") && text.contains("Smärta") && text.contains("Sömn")
    );
    let practice: u32 = model.practice.iter().map(|w| w.minutes).sum();
    assert!(practice > 0);
    assert!(text.contains(&format!(
        "Totalt {practice} minuter under {} veckor.",
        model.practice.len()
    )));
    assert!(text.contains("ring 112"));

    let shots = tempfile::tempdir().unwrap();
    let pngs = render_pages(&pdf, shots.path(), 60);
    assert_eq!(pngs.len(), pages);
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
        for old in std::fs::read_dir(&out).unwrap() {
            let old = old.unwrap().path();
            if old
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("summary-page-"))
            {
                std::fs::remove_file(old).unwrap();
            }
        }
        for (i, png) in pngs.iter().enumerate() {
            std::fs::copy(png, out.join(format!("summary-page-{:02}.png", i + 1))).unwrap();
        }
        std::fs::copy(&pdf, out.join("summary-one-year.pdf")).unwrap();
    }
}

#[test]
fn the_summary_is_offered_from_the_last_module_and_for_fourteen_days_after_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let start = utc("2026-01-05 07:00");
    let clock = Arc::new(FixedClock::new(start));
    let s = phone(dir.path(), clock.clone());
    s.enrol(&painschool_core::course::Enrolment::weekly(
        start,
        chrono_tz::Europe::Stockholm,
    ))
    .unwrap();
    assert_eq!(s.summary_offer().unwrap().reason, None);
    clock.set(start + Duration::weeks(7) + Duration::hours(1));
    assert_eq!(
        s.summary_offer().unwrap().reason,
        Some(OfferReason::LastModule)
    );
    let end = s.enrolment().unwrap().access_ends_at();
    clock.set(end + Duration::days(3));
    let offer = s.summary_offer().unwrap();
    assert_eq!(offer.reason, Some(OfferReason::AccessEnded));
    assert_eq!(offer.until, Some(end + Duration::days(14)));
    assert!(s.access_status().unwrap().summary_offered);
    // Still made after the end (the answers are locked, not gone).
    assert!(
        s.summary_html()
            .unwrap()
            .contains("Min sammanfattning från Smärtskolan")
    );
    clock.set(end + Duration::days(15));
    assert_eq!(s.summary_offer().unwrap().reason, None);
}

#[test]
fn writing_the_summary_is_all_or_nothing_and_html_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(utc("2026-01-05 07:00")));
    let s = phone(dir.path(), clock.clone());
    s.enrol(&painschool_core::course::Enrolment::weekly(
        utc("2026-01-05 07:00"),
        chrono_tz::Europe::Stockholm,
    ))
    .unwrap();
    let q = "m1-reflection-learned";
    let q = s.bundle().modules[0]
        .sections
        .iter()
        .flat_map(|sec| sec.kind.questions())
        .find(|x| {
            x.id == q
                || matches!(
                    x.kind,
                    painschool_core::content::QuestionKind::FreeText { .. }
                )
        })
        .unwrap()
        .id
        .clone();
    s.submit_answer(
        &q,
        &painschool_core::facade::EntryRef::Current,
        &painschool_core::answers::AnswerValue::Text("Jag vill <b>orka</b> & hinna".into()),
    )
    .unwrap();
    let html = dir.path().join("s.html");
    assert_eq!(s.write_summary(&html, false).unwrap(), html);
    let written = std::fs::read_to_string(&html).unwrap();
    assert!(written.contains("Jag vill &lt;b&gt;orka&lt;/b&gt; &amp; hinna"));
    // A folder that does not exist: an error, and nothing left behind.
    let missing = dir.path().join("no-such-folder").join("s.pdf");
    assert!(s.write_summary(&missing, true).is_err());
    assert!(!missing.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The document from its title on (the page head and the portal's toolbar
/// differ; what the patient wrote must not).
fn body(html: &str) -> &str {
    &html[html.find("<h1>").expect("a title")..]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_shows_the_same_summary_the_phone_makes() {
    use painschool_core::answers::AnswerValue;
    use painschool_core::facade::{EntryRef, Preferences, TextSize};
    use painschool_core::sync::{HttpTransport, SyncEngine};
    use painschool_e2e::server::{self, start};
    use painschool_server::store::PortalStore;

    let s = start(&[], None).await;
    let demo = server::demo(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let school = Arc::new(phone(dir.path(), Arc::new(FixedClock::new(Utc::now()))));
    let engine = SyncEngine::new(school.clone(), HttpTransport::over_reqwest().unwrap()).unwrap();
    engine.set_allow_loopback_http(true);
    engine.activate(&s.base, &demo.code.code).await.unwrap();
    school
        .set_preferences(&Preferences {
            display_name: Some("Örjan Påhitt".into()),
            language: painschool_core::content::Lang::Sv,
            text_size: TextSize::Standard,
        })
        .unwrap();
    let m1 = school.bundle().modules[0].clone();
    let mut written = Vec::new();
    for (i, q) in m1
        .sections
        .iter()
        .flat_map(|sec| sec.kind.questions())
        .enumerate()
    {
        if let painschool_core::content::QuestionKind::FreeText { .. } = q.kind {
            let text = format!(
                "Svar {i}: jag går ut på förmiddagen och vilar efteråt, även när det är blåsigt."
            );
            school
                .submit_answer(&q.id, &EntryRef::Current, &AnswerValue::Text(text.clone()))
                .unwrap();
            written.push(text);
        }
    }
    assert!(written.len() >= 2);
    let report = engine.sync_now().await.unwrap();
    assert_eq!(report.rejected, 0, "{report:?}");

    let cookie = server::portal_cookie(&s, &demo.portal_email).await;
    let summary = format!("/portal/patients/{}/summary", demo.patient_id);
    let portal = server::portal_get(&s, &cookie, &summary)
        .await
        .text()
        .await
        .unwrap();
    let mine = school.summary_html().unwrap();
    assert_eq!(
        body(&portal),
        body(&mine),
        "the clinic sees what the patient printed"
    );
    for text in &written {
        assert!(portal.contains(text.as_str()));
    }
    assert!(portal.contains("Örjan Påhitt"));
    let pdf = server::portal_get(&s, &cookie, &format!("{summary}.pdf")).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let log = s
        .app
        .store
        .patient_access_log(demo.patient_id.clone(), 100)
        .await
        .unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "read_summary").count(), 2);
}
