//! The facade's behaviour: locks, progress, answers, drafts, history, outbox.

use painschool_core::answers::AnswerValue;
use painschool_core::content::Lang;
use painschool_core::course::Access;
use painschool_core::facade::{EntryRef, Preferences, TextSize};
use painschool_core::{Error, PainSchool};

use crate::common::{Fixture, utc};

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

#[test]
fn this_week_follows_the_weekly_pace_and_locked_modules_refuse() {
    let f = Fixture::new();
    let s = f.enrolled();
    let w = s.this_week().unwrap();
    assert_eq!((w.course_week, w.modules_open, w.modules_total), (1, 1, 8));
    assert_eq!(w.current.as_ref().unwrap().id, "m1");
    assert_eq!(
        w.next_unlock.as_ref().unwrap().opens_on.to_string(),
        "2026-11-09"
    );
    assert!(w.check_in_due);
    assert!(matches!(
        w.access,
        Access::Active {
            ending_soon: false,
            ..
        }
    ));
    match s.open_section("m2-intro") {
        Err(Error::ModuleLocked {
            module_id,
            opens_at,
        }) => {
            assert_eq!(module_id, "m2");
            assert_eq!(opens_at, Some(utc("2026-11-08 23:00")));
        }
        other => panic!("{other:?}"),
    }
    f.clock.set(utc("2026-11-09 08:00"));
    assert_eq!(s.this_week().unwrap().modules_open, 2);
    let v = s.open_section("m2-intro").unwrap();
    assert_eq!(v.kind, "text");
    assert!(v.body_markdown.unwrap().len() > 100);
}

#[test]
fn module_sections_list_an_open_module_in_order_with_what_is_done() {
    let f = Fixture::new();
    let s = f.enrolled();
    let before = s.module_sections("m1").unwrap();
    assert_eq!(before[0].id, "m1-welcome");
    assert_eq!(before[0].kind, "text");
    assert_eq!(
        before.len() as u32,
        s.modules().unwrap()[0].progress.sections_total
    );
    assert!(before.iter().all(|c| !c.done));
    assert!(before.iter().any(|c| c.kind == "check_in"));
    s.open_section("m1-welcome").unwrap();
    let after = s.module_sections("m1").unwrap();
    assert!(after[0].done);
    assert_eq!(
        after.iter().filter(|c| c.done).count() as u32,
        s.modules().unwrap()[0].progress.sections_done
    );
    assert!(matches!(
        s.module_sections("m2"),
        Err(Error::ModuleLocked { .. })
    ));
    assert!(matches!(
        s.module_sections("m99"),
        Err(Error::UnknownModule(_))
    ));
}

#[test]
fn a_module_stays_open_when_the_clock_goes_back_and_after_reopening() {
    let f = Fixture::new();
    let s = f.enrolled();
    f.clock.set(utc("2026-11-20 08:00"));
    assert_eq!(s.this_week().unwrap().modules_open, 3);
    drop(s);
    f.clock.set(utc("2026-11-03 08:00"));
    let s = f.open().unwrap();
    assert_eq!(
        s.this_week().unwrap().modules_open,
        3,
        "opened modules never lock again"
    );
    s.open_section("m3-intro").unwrap();
}

#[test]
fn progress_finishes_a_module_when_every_section_is_done() {
    let f = Fixture::new();
    let s = f.enrolled();
    f.clock.set(utc("2026-11-10 08:00"));
    let m2 = s
        .modules()
        .unwrap()
        .into_iter()
        .find(|c| c.id == "m2")
        .unwrap();
    assert!(!m2.progress.finished);
    s.open_section("m2-intro").unwrap();
    let part = s
        .modules()
        .unwrap()
        .into_iter()
        .find(|c| c.id == "m2")
        .unwrap();
    assert!(!part.progress.finished, "one section is not the module");
    crate::common::complete_module(&s, "m2");
    let m2 = s
        .modules()
        .unwrap()
        .into_iter()
        .find(|c| c.id == "m2")
        .unwrap();
    assert!(m2.progress.finished);
    assert!(matches!(
        s.mark_exercise_done("m1-welcome"),
        Err(Error::InvalidInput(_))
    ));
    s.mark_exercise_done("m1-breathing").unwrap();
    assert!(
        s.progress_facts()
            .unwrap()
            .exercises_done
            .contains("m1-breathing")
    );
}

#[test]
fn submitting_keeps_history_and_queues_changes_but_drafts_stay_local() {
    let f = Fixture::new();
    let s = f.enrolled();
    s.save_draft(
        "m1-reflection-learned",
        &EntryRef::Current,
        &text("half a thought"),
    )
    .unwrap();
    assert_eq!(
        s.draft("m1-reflection-learned", &EntryRef::Current)
            .unwrap(),
        Some(text("half a thought"))
    );
    let before = s.store_for_tests().pending_changes(1000).unwrap().len();
    let v1 = s
        .submit_answer("m1-reflection-learned", &EntryRef::Current, &text("first"))
        .unwrap();
    assert_eq!(
        s.draft("m1-reflection-learned", &EntryRef::Current)
            .unwrap(),
        None,
        "submit clears the draft"
    );
    let v2 = s
        .submit_answer("m1-reflection-learned", &EntryRef::Current, &text("second"))
        .unwrap();
    let history = s
        .answer_history("m1-reflection-learned", &EntryRef::Current)
        .unwrap();
    assert_eq!(
        history.iter().map(|v| &v.version_id).collect::<Vec<_>>(),
        vec![&v1.version_id, &v2.version_id]
    );
    let answers = s.module_answers("m1").unwrap();
    let q = answers
        .iter()
        .find(|q| q.question_id == "m1-reflection-learned")
        .unwrap();
    assert_eq!(q.answers.len(), 1);
    assert_eq!(q.answers[0].value, text("second"));
    let pending = s.store_for_tests().pending_changes(1000).unwrap();
    let answer_changes: Vec<_> = pending
        .iter()
        .filter(|c| c.entity == "answer_version")
        .collect();
    assert_eq!(answer_changes.len(), 2);
    assert!(answer_changes[0].hlc < answer_changes[1].hlc);
    assert!(
        pending
            .iter()
            .all(|c| !c.payload.contains("half a thought")),
        "drafts never reach the outbox"
    );
    assert!(pending.len() > before);
}

#[test]
fn diary_entries_repeat_and_check_ins_are_per_week() {
    let f = Fixture::new();
    let s = f.enrolled();
    let entry = |a: &str| {
        serde_json::from_value::<AnswerValue>(serde_json::json!({"type": "diary", "value": {
            "date": {"date": "2026-11-03"}, "activity": {"text": a}, "minutes": {"number": 20},
            "pain-before": {"number": 6}, "pain-after": {"number": 4}}}))
        .unwrap()
    };
    let a = s
        .submit_answer("m1-activity-diary", &EntryRef::Current, &entry("walk"))
        .unwrap();
    let b = s
        .submit_answer("m1-activity-diary", &EntryRef::Current, &entry("swim"))
        .unwrap();
    assert_ne!(a.entry_id, b.entry_id);
    let a_id = a.entry_id.clone().unwrap();
    s.submit_answer(
        "m1-activity-diary",
        &EntryRef::Existing(a_id.clone()),
        &entry("long walk"),
    )
    .unwrap();
    assert_eq!(
        s.answer_history("m1-activity-diary", &EntryRef::Existing(a_id))
            .unwrap()
            .len(),
        2
    );
    let q = s
        .module_answers("m1")
        .unwrap()
        .into_iter()
        .find(|q| q.question_id == "m1-activity-diary")
        .unwrap();
    assert_eq!(q.answers.len(), 2);
    assert!(matches!(
        s.submit_answer(
            "m1-activity-diary",
            &EntryRef::Existing("nope".into()),
            &entry("x")
        ),
        Err(Error::InvalidInput(_))
    ));

    let c1 = s
        .submit_answer("check-in-pain", &EntryRef::Current, &AnswerValue::Scale(6))
        .unwrap();
    assert_eq!(c1.entry_id.as_deref(), Some("week-01"));
    f.clock.set(utc("2026-11-10 08:00"));
    let c2 = s
        .submit_answer("check-in-pain", &EntryRef::Current, &AnswerValue::Scale(5))
        .unwrap();
    assert_eq!(c2.entry_id.as_deref(), Some("week-02"));
}

#[test]
fn invalid_answers_are_typed_errors_without_the_text() {
    let f = Fixture::new();
    let s = f.enrolled();
    let long = "secret ".repeat(2000);
    let err = s
        .submit_answer("m1-reflection-learned", &EntryRef::Current, &text(&long))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidAnswer { .. }));
    assert!(!err.to_string().contains("secret"));
    for (q, v) in [
        ("check-in-pain", AnswerValue::Scale(11)),
        ("m1-pain-duration", AnswerValue::Choice("forever".into())),
        (
            "m1-pain-triggers",
            AnswerValue::Choices(vec!["stress".into(), "stress".into()]),
        ),
        ("m1-reflection-learned", AnswerValue::Scale(3)),
        ("m1-reflection-learned", text("   ")),
    ] {
        assert!(
            matches!(
                s.submit_answer(q, &EntryRef::Current, &v),
                Err(Error::InvalidAnswer { .. })
            ),
            "{q} {v:?}"
        );
    }
    assert!(matches!(
        s.submit_answer("nope", &EntryRef::Current, &text("x")),
        Err(Error::UnknownQuestion(_))
    ));
    assert!(
        s.store_for_tests()
            .pending_changes(1000)
            .unwrap()
            .iter()
            .all(|c| c.entity != "answer_version")
    );
}

#[test]
fn preferences_are_saved_and_coalesce_in_the_outbox() {
    let f = Fixture::new();
    let s = f.enrolled();
    let mut p = s.preferences().unwrap();
    assert_eq!(
        p,
        Preferences {
            display_name: None,
            language: Lang::Sv,
            text_size: TextSize::Standard
        }
    );
    p.display_name = Some("Testperson Ett".into());
    p.language = Lang::En;
    s.set_preferences(&p).unwrap();
    let display_name = |s: &PainSchool| {
        s.store_for_tests()
            .pending_changes(1000)
            .unwrap()
            .into_iter()
            .filter(|c| c.entity == "preference" && c.entity_id == "display_name")
            .collect::<Vec<_>>()
    };
    // An upload reads the pending change; the patient edits again meanwhile.
    let sent = display_name(&s);
    p.display_name = Some("T. Ett".into());
    s.set_preferences(&p).unwrap();
    assert_eq!(s.preferences().unwrap(), p);
    let pending = display_name(&s);
    assert_eq!(pending.len(), 1, "one pending change per preference");
    assert!(pending[0].payload.contains("T. Ett"));
    assert_ne!(pending[0].id, sent[0].id);
    assert_eq!(sent[0].change_counter, 1);
    assert_eq!(pending[0].change_counter, 2);
    // Confirming what was sent does not drop the newer edit.
    let n = s.store_for_tests().confirm_changes(&sent).unwrap();
    assert_eq!(n, 0);
    assert_eq!(display_name(&s), pending);
    let n = s.store_for_tests().confirm_changes(&pending).unwrap();
    assert_eq!(n, 1);
    assert!(display_name(&s).is_empty());
    assert_eq!(
        s.open_section("m1-welcome").unwrap().title,
        "How the Pain School works",
        "English after the switch"
    );
}

#[test]
fn later_edits_win_after_reopening_with_the_clock_set_back() {
    let f = Fixture::new();
    let s = f.enrolled();
    s.submit_answer("m1-reflection-learned", &EntryRef::Current, &text("first"))
        .unwrap();
    // Everything uploaded: the outbox is empty, so the last stamp must have
    // been saved elsewhere.
    let sent = s.store_for_tests().pending_changes(1000).unwrap();
    s.store_for_tests().confirm_changes(&sent).unwrap();
    assert!(s.store_for_tests().pending_changes(10).unwrap().is_empty());
    drop(s);
    f.clock.set(utc("2026-11-02 09:00"));
    let s = f.open().unwrap();
    s.submit_answer("m1-reflection-learned", &EntryRef::Current, &text("second"))
        .unwrap();
    // Not uploaded: the newest outbox row holds the last stamp.
    drop(s);
    f.clock.set(utc("2026-11-01 09:00"));
    let s = f.open().unwrap();
    s.submit_answer("m1-reflection-learned", &EntryRef::Current, &text("third"))
        .unwrap();
    let history = s
        .answer_history("m1-reflection-learned", &EntryRef::Current)
        .unwrap();
    let texts: Vec<_> = history.iter().map(|v| v.value.clone()).collect();
    assert_eq!(texts, vec![text("first"), text("second"), text("third")]);
    let current = s.module_answers("m1").unwrap();
    let q = current
        .iter()
        .find(|q| q.question_id == "m1-reflection-learned")
        .unwrap();
    assert_eq!(q.answers[0].value, text("third"));
}

#[test]
fn a_message_being_written_is_kept_per_thread_until_sent_and_never_queued() {
    use painschool_core::facade::Thread;
    let f = Fixture::new();
    let s = f.enrolled();
    let unsent = s.access_status().unwrap().unsent;
    s.save_message_draft(Thread::Clinician, "Hej, jag undrar")
        .unwrap();
    s.save_message_draft(Thread::Clinician, "Hej, jag undrar över övningen")
        .unwrap();
    assert_eq!(
        s.access_status().unwrap().unsent,
        unsent,
        "a draft never goes to the clinic"
    );
    drop(s);

    // The app was ended: opened again, the text is still there, in its thread only.
    let s = f.open().unwrap();
    assert_eq!(
        s.message_draft(Thread::Clinician).unwrap().as_deref(),
        Some("Hej, jag undrar över övningen")
    );
    assert_eq!(s.message_draft(Thread::Team).unwrap(), None);

    // Too long is refused and the old draft stays.
    let long = "x".repeat(painschool_core::messages::MAX_DRAFT_CHARS + 1);
    assert!(matches!(
        s.save_message_draft(Thread::Clinician, &long),
        Err(Error::InvalidInput(_))
    ));
    assert!(s.message_draft(Thread::Clinician).unwrap().is_some());

    // Sent: the draft is gone. Emptied: gone too.
    s.send_message(Thread::Clinician, "Hej, jag undrar över övningen")
        .unwrap();
    assert_eq!(s.message_draft(Thread::Clinician).unwrap(), None);
    s.save_message_draft(Thread::Team, "Appen").unwrap();
    s.save_message_draft(Thread::Team, "").unwrap();
    assert_eq!(s.message_draft(Thread::Team).unwrap(), None);
}
