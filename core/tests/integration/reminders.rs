//! Reminders and the end of access through the facade, with a fixed clock
//! over a real encrypted store: the plan, the settings, the device clock
//! jumping both ways, the lock at the end and the wipe.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use painschool_core::Error;
use painschool_core::answers::AnswerValue;
use painschool_core::course::Access;
use painschool_core::facade::EntryRef;
use painschool_core::keys::KeyProvider;
use painschool_core::reminders::{
    HealthStatus, NotificationPermission, ReminderKind, ReminderPlan, ReminderSettings,
};
use painschool_core::store::RemotePage;

use crate::common::{Fixture, utc};

/// Every (id → fire time) a plan holds.
fn times(plan: &ReminderPlan) -> BTreeMap<String, DateTime<Utc>> {
    plan.requests
        .iter()
        .map(|r| (r.id.clone(), r.fire_at))
        .collect()
}

/// Applies an empty feed page carrying the server's time, as a sync does.
fn server_says(s: &painschool_core::PainSchool, at: DateTime<Utc>) {
    s.store_for_tests()
        .apply_remote(
            &RemotePage {
                items: Vec::new(),
                cursor: 0,
                server_time: at,
            },
            at,
        )
        .unwrap();
}

#[test]
fn the_plan_follows_the_course_and_the_settings_sync_as_one_preference() {
    let f = Fixture::new(); // Tuesday 2026-11-03 10:00 local
    let s = f.enrolled();
    let plan = s.reminder_plan().unwrap();
    let t = times(&plan);
    assert_eq!(
        t["module-m2"],
        utc("2026-11-09 09:00"),
        "Monday 10:00 local"
    );
    assert_eq!(t["module-m8"], utc("2026-12-21 09:00"));
    assert_eq!(
        t["nudge"],
        utc("2026-11-05 09:00"),
        "module 1 untouched since Monday"
    );
    assert!(
        plan.requests
            .iter()
            .all(|r| r.fire_at > utc("2026-11-03 09:00"))
    );

    // Reading module 1 moves the nudge: three days after the touch.
    s.open_section("m1-welcome").unwrap();
    assert_eq!(
        times(&s.reminder_plan().unwrap())["nudge"],
        utc("2026-11-06 09:00"),
        "read Tuesday 10:00 local: Friday 10:00"
    );

    // The patient's weekday and time; a practice reminder.
    let settings = ReminderSettings {
        module_weekday: Some(Weekday::Wed),
        module_time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        practice_time: Some(NaiveTime::from_hms_opt(19, 30, 0).unwrap()),
        ..ReminderSettings::default()
    };
    let outbox = s.store_for_tests().outbox_len().unwrap();
    s.set_reminder_settings(&settings).unwrap();
    assert_eq!(s.reminder_settings().unwrap(), settings);
    assert_eq!(
        s.store_for_tests().outbox_len().unwrap(),
        outbox + 1,
        "one synced preference"
    );
    let t = times(&s.reminder_plan().unwrap());
    assert_eq!(t["module-m2"], utc("2026-11-11 17:00"), "Wednesday 18:00");
    assert_eq!(t["practice"], utc("2026-11-03 18:30"));

    // A time in the quiet hours is refused and nothing changes.
    let bad = ReminderSettings {
        module_time: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        ..settings.clone()
    };
    assert!(matches!(
        s.set_reminder_settings(&bad),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(s.reminder_settings().unwrap(), settings);

    // Reminder health.
    let h = s.reminder_health(NotificationPermission::Denied).unwrap();
    assert_eq!(h.status, HealthStatus::Off);
    assert!(h.message.unwrap().contains("inställningar"));
    let h = s.reminder_health(NotificationPermission::Allowed).unwrap();
    assert_eq!(h.status, HealthStatus::Working);
    assert_eq!(h.next.unwrap().at, utc("2026-11-03 18:30"));
}

#[test]
fn a_new_message_from_the_clinic_is_planned_until_it_is_read() {
    use painschool_core::facade::{Author, Thread};
    use painschool_core::hlc::Hlc;
    use painschool_core::store::{IncomingMessage, RemoteChange, RemoteItem};
    let f = Fixture::new();
    let s = f.enrolled();
    let at = utc("2026-11-03 09:00");
    s.store_for_tests()
        .apply_remote(
            &RemotePage {
                items: vec![RemoteItem {
                    hlc: "001762160400000-000001-server".parse::<Hlc>().unwrap(),
                    change: RemoteChange::Message(IncomingMessage {
                        id: "0190f000-0000-7000-8000-00000000c001".into(),
                        thread: Thread::Clinician,
                        author: Author::Clinic,
                        author_name: Some("Behandlare Test".into()),
                        text: "Hej! Bra skrivet.".into(),
                        written_at: at - Duration::days(2),
                    }),
                }],
                cursor: 1,
                server_time: at,
            },
            at,
        )
        .unwrap();
    let plan = s.reminder_plan().unwrap();
    let m = plan
        .requests
        .iter()
        .find(|r| r.kind == ReminderKind::NewMessage)
        .expect("a new-message reminder");
    assert_eq!(m.fire_at, at + Duration::minutes(1));
    assert!(!m.body.contains("Bra skrivet"), "content free");
    s.mark_thread_read(Thread::Clinician).unwrap();
    assert!(
        !s.reminder_plan()
            .unwrap()
            .requests
            .iter()
            .any(|r| r.kind == ReminderKind::NewMessage)
    );
}

#[test]
fn clock_jumps_neither_relock_nor_unlock_early_for_good_nor_double_a_reminder() {
    let f = Fixture::new(); // Tuesday 2026-11-03
    let s = f.enrolled();
    server_says(&s, utc("2026-11-03 09:00"));
    let mut seen: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    let mut gone: Vec<String> = Vec::new();
    let mut check = |plan: &ReminderPlan, now: DateTime<Utc>| {
        for r in &plan.requests {
            assert!(r.fire_at > now, "{} planned in the past", r.id);
            // One id, one time, whatever the clock did.
            let first = *seen.entry(r.id.clone()).or_insert(r.fire_at);
            assert_eq!(first, r.fire_at, "{} moved", r.id);
            // A request whose time came (the OS fired it when the device
            // clock passed it) never comes back: no second reminder.
            assert!(!gone.contains(&r.id), "{} planned again", r.id);
        }
        let ids = times(plan);
        for (id, at) in &seen {
            if !ids.contains_key(id) && *at <= now && !gone.contains(id) {
                gone.push(id.clone());
            }
        }
    };
    check(&s.reminder_plan().unwrap(), utc("2026-11-03 09:00"));

    // The device clock jumps three weeks ahead: modules 2–4 open.
    f.clock.set(utc("2026-11-24 09:00"));
    assert_eq!(s.this_week().unwrap().modules_open, 4);
    let ahead = s.reminder_plan().unwrap();
    check(&ahead, utc("2026-11-24 09:00"));
    let ids = times(&ahead);
    assert!(!ids.contains_key("module-m3") && ids.contains_key("module-m5"));
    assert!(
        matches!(s.this_week().unwrap().access, Access::Active { .. }),
        "still active"
    );

    // And back: nothing locks again, and nothing is planned twice.
    f.clock.set(utc("2026-11-03 10:00"));
    assert_eq!(s.this_week().unwrap().modules_open, 4, "no relock");
    check(&s.reminder_plan().unwrap(), utc("2026-11-24 09:00"));

    // The next sync brings the true time: the course week and the schedule
    // go on from it; what opened stays open; the reminders the jump made
    // due do not come back.
    assert_eq!(s.this_week().unwrap().course_week, 4, "held by the mark");
    server_says(&s, utc("2026-11-03 10:00"));
    let week = s.this_week().unwrap();
    assert_eq!((week.course_week, week.modules_open), (1, 4));
    check(&s.reminder_plan().unwrap(), utc("2026-11-24 09:00"));
    f.clock.set(utc("2026-11-29 22:00")); // Sunday 23:00 local
    assert_eq!(s.this_week().unwrap().modules_open, 4, "m5 opens Monday");
    check(&s.reminder_plan().unwrap(), utc("2026-11-29 22:00"));
    f.clock.set(utc("2026-11-29 23:00")); // Monday 00:00 local
    assert_eq!(s.this_week().unwrap().modules_open, 5);
    check(&s.reminder_plan().unwrap(), utc("2026-11-29 23:00"));
}

#[test]
fn access_end_locks_offers_the_summary_and_a_clock_set_ahead_changes_nothing() {
    let f = Fixture::new();
    let s = f.enrolled(); // ends 2027-11-02 08:00
    server_says(&s, utc("2026-11-03 09:00"));
    // A clock set years ahead ends nothing and wipes nothing.
    f.clock.set(utc("2030-01-01 12:00"));
    assert!(matches!(
        s.this_week().unwrap().access,
        Access::Active { .. }
    ));
    s.open_section("m1-welcome").unwrap();
    let status = s.access_status().unwrap();
    assert!(!status.summary_offered && !status.wipe_due);
    assert!(!s.wipe_if_due(&f.keys).unwrap());
    assert!(f.db_path().exists());
    // A sync corrects the clock's damage.
    server_says(&s, utc("2026-11-03 09:10"));
    f.clock.set(utc("2026-11-03 09:10"));

    // The real end passes: content and answers lock, the summary is
    // offered, messages may still go for 14 days.
    server_says(&s, utc("2027-11-02 09:00"));
    f.clock.set(utc("2027-11-02 09:00"));
    assert!(matches!(
        s.open_section("m1-welcome"),
        Err(Error::AccessEnded { .. })
    ));
    assert!(matches!(
        s.submit_answer(
            "m1-reflection-learned",
            &EntryRef::Current,
            &AnswerValue::Text("efter slutet".into())
        ),
        Err(Error::AccessEnded { .. })
    ));
    let status = s.access_status().unwrap();
    assert!(status.summary_offered && !status.end_confirmed && !status.wipe_due);
    s.send_message(painschool_core::facade::Thread::Team, "Tack för kursen")
        .unwrap();
    // No reminders after the end but visits.
    assert!(s.reminder_plan().unwrap().requests.is_empty());
    // After the 14 days: no more messages, and the summary offer is over.
    server_says(&s, utc("2027-11-16 09:00"));
    f.clock.set(utc("2027-11-16 09:00"));
    assert!(matches!(
        s.send_message(painschool_core::facade::Thread::Team, "Hej"),
        Err(Error::AccessEnded { .. })
    ));
    assert!(!s.access_status().unwrap().summary_offered);
    // Still nothing wiped on the phone's word.
    assert!(!s.wipe_if_due(&f.keys).unwrap());
    assert!(f.db_path().exists());
    assert!(f.keys.get().unwrap().is_some());
}

#[test]
fn clinician_changes_arriving_by_sync_re_plan() {
    use painschool_core::course::{Enrolment, Pace};
    use painschool_core::hlc::Hlc;
    use painschool_core::store::{RemoteChange, RemoteItem};
    let f = Fixture::new();
    f.clock.set(utc("2026-11-03 06:00")); // Tuesday 07:00 local
    let s = f.enrolled();
    let before = times(&s.reminder_plan().unwrap());
    let apply = |e: Enrolment, n: u64| {
        let at = utc("2026-11-03 06:00");
        s.store_for_tests()
            .apply_remote(
                &RemotePage {
                    items: vec![RemoteItem {
                        hlc: format!("{:015}-000001-server", 1_762_160_400_000u64 + n)
                            .parse::<Hlc>()
                            .unwrap(),
                        change: RemoteChange::Enrolment(e),
                    }],
                    cursor: n as i64,
                    server_time: at,
                },
                at,
            )
            .unwrap();
    };
    let mut e = s.enrolment().unwrap();
    // The clinician extends access by three months: the warnings move.
    e.access_end = Some(utc("2028-02-02 08:00"));
    apply(e.clone(), 1);
    let t = times(&s.reminder_plan().unwrap());
    assert_eq!(t["access-30"], utc("2028-01-03 09:00"));
    assert_ne!(before.get("access-30"), t.get("access-30"));
    // Opens module 5 by hand: its reminder comes at the next 10:00.
    e.manual_unlocks.insert("m5".into());
    apply(e.clone(), 2);
    assert_eq!(
        times(&s.reminder_plan().unwrap())["module-m5"],
        utc("2026-11-03 09:00")
    );
    // A faster pace: module 2 opens on Thursday.
    e.pace = Pace::EveryNDays { days: 2 };
    apply(e.clone(), 3);
    assert_eq!(
        times(&s.reminder_plan().unwrap())["module-m2"],
        utc("2026-11-04 09:00"),
        "every 2 days: Wednesday 4 November, 10:00 local"
    );
    // Ends access now: nothing more is planned.
    e.access_end = Some(utc("2026-11-03 06:00"));
    apply(e, 4);
    assert!(s.reminder_plan().unwrap().requests.is_empty());
}
