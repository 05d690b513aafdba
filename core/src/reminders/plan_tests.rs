//! Table tests of the planner with a fixed clock, one per kind and rule.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Europe::Stockholm;

use super::*;
use crate::messages::VisitKind;
use crate::reminders::settings::QuietHours;

fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

/// Eight weekly modules from Monday 2026-11-02 09:00 local (08:00 UTC);
/// module n opens at local midnight of Monday n-1 weeks later. `open`
/// modules are open (first seen at their scheduled time).
fn modules(open: usize, now: DateTime<Utc>) -> Vec<ModuleTimes> {
    let e = crate::course::Enrolment::weekly(utc("2026-11-02 08:00"), Stockholm);
    (0..8)
        .map(|i| {
            let scheduled = crate::course::scheduled_unlock(&e, i);
            let is_open = i < open || scheduled.is_some_and(|s| s <= now);
            ModuleTimes {
                id: format!("m{}", i + 1),
                scheduled,
                opened_at: if is_open { scheduled } else { None },
                open: is_open,
                started: false,
                finished: false,
                last_touch: None,
            }
        })
        .collect()
}

struct Case {
    now: DateTime<Utc>,
    settings: ReminderSettings,
    modules: Vec<ModuleTimes>,
    last_nudge_at: Option<DateTime<Utc>>,
    visits: Vec<Visit>,
    message: Option<MessageAlert>,
    end: DateTime<Utc>,
    lang: Lang,
}

impl Case {
    fn at(now: &str) -> Case {
        let now = utc(now);
        Case {
            now,
            settings: ReminderSettings::default(),
            modules: modules(1, now),
            last_nudge_at: None,
            visits: Vec::new(),
            message: None,
            end: utc("2027-11-02 08:00"),
            lang: Lang::Sv,
        }
    }

    fn plan(&self) -> ReminderPlan {
        plan(&PlanInput {
            now: self.now,
            time_zone: Stockholm,
            lang: self.lang,
            settings: &self.settings,
            access_start: utc("2026-11-02 08:00"),
            access_end: self.end,
            modules: &self.modules,
            last_nudge_at: self.last_nudge_at,
            visits: &self.visits,
            message: self.message.clone(),
        })
    }

    fn of(&self, kind: ReminderKind) -> Vec<(String, DateTime<Utc>)> {
        self.plan()
            .requests
            .into_iter()
            .filter(|r| r.kind == kind)
            .map(|r| (r.id, r.fire_at))
            .collect()
    }
}

fn ids_times(v: &[(&str, &str)]) -> Vec<(String, DateTime<Utc>)> {
    v.iter().map(|(i, t)| (i.to_string(), utc(t))).collect()
}

#[test]
fn module_reminders_at_ten_on_the_day_each_module_opens() {
    let c = Case::at("2026-11-02 08:00");
    assert_eq!(
        c.of(ReminderKind::ModuleOpened),
        ids_times(&[
            ("module-m2", "2026-11-09 09:00"), // Monday 10:00 CET
            ("module-m3", "2026-11-16 09:00"),
            ("module-m4", "2026-11-23 09:00"),
            ("module-m5", "2026-11-30 09:00"),
            ("module-m6", "2026-12-07 09:00"),
            ("module-m7", "2026-12-14 09:00"),
            ("module-m8", "2026-12-21 09:00"),
        ])
    );
    let plan = c.plan();
    let r = plan.requests.iter().find(|r| r.id == "module-m2").unwrap();
    assert_eq!(r.fire_at_local.to_string(), "2026-11-09 10:00:00");
    assert_eq!(
        r.screen,
        ReminderScreen::Module {
            module_id: "m2".into()
        }
    );
    assert_eq!(r.screen.deep_link(), "painschool://module/m2");
    assert_eq!(
        r.body,
        "En ny del av kursen är öppen. Ta den när det passar dig."
    );
    assert_eq!(r.repeat, Repeat::Once);
}

#[test]
fn module_reminders_on_the_patients_weekday_and_time_across_dst() {
    // Modules open on Mondays; the patient wants Thursdays 18:30. Start in
    // March, so the spring change (29 March) falls between modules 2 and 3.
    let now = utc("2026-03-16 09:00");
    let e = crate::course::Enrolment::weekly(now, Stockholm);
    let mut c = Case::at("2026-03-16 09:00");
    c.modules = (0..4)
        .map(|i| ModuleTimes {
            id: format!("m{}", i + 1),
            scheduled: crate::course::scheduled_unlock(&e, i),
            opened_at: None,
            open: i == 0,
            started: false,
            finished: false,
            last_touch: None,
        })
        .collect();
    c.settings.module_weekday = Some(Weekday::Thu);
    c.settings.module_time = hm("18:30");
    c.settings.nudges = false;
    assert_eq!(
        c.of(ReminderKind::ModuleOpened),
        ids_times(&[
            ("module-m2", "2026-03-26 17:30"), // Thu 18:30 CET
            ("module-m3", "2026-04-02 16:30"), // Thu 18:30 CEST: same local time
            ("module-m4", "2026-04-09 16:30"),
        ])
    );
}

#[test]
fn passed_and_begun_modules_get_no_reminder_and_a_clinician_unlock_gets_one() {
    let mut c = Case::at("2026-11-10 12:00"); // m2 open since Monday
    c.modules = modules(2, c.now);
    c.modules[2].started = true; // read ahead into m3: no reminder for it
    // Manual pace for m5: no schedule; the clinician opened it today.
    c.modules[4].scheduled = None;
    c.modules[4].opened_at = Some(utc("2026-11-10 11:00"));
    c.modules[4].open = true;
    let ids: Vec<String> = c
        .of(ReminderKind::ModuleOpened)
        .into_iter()
        .map(|r| r.0)
        .collect();
    // Soonest first: m5 (opened today) before m4 (opens next Monday).
    assert_eq!(
        ids,
        [
            "module-m5",
            "module-m4",
            "module-m6",
            "module-m7",
            "module-m8"
        ]
    );
    assert_eq!(
        c.of(ReminderKind::ModuleOpened)[0].1,
        utc("2026-11-11 09:00"),
        "the next 10:00 after the clinician's unlock"
    );
    c.settings.module_reminders = false;
    assert!(c.of(ReminderKind::ModuleOpened).is_empty());
}

#[test]
fn nudge_after_three_quiet_days_once_per_rest_and_at_most_weekly() {
    // m1 opened Monday 2 Nov 09:00 local; last touched Tuesday 20:00 local.
    let mut c = Case::at("2026-11-03 19:30");
    c.modules[0].last_touch = Some(utc("2026-11-03 19:00"));
    assert_eq!(
        c.of(ReminderKind::Nudge),
        ids_times(&[("nudge", "2026-11-07 09:00")]), // Fri 20:00 + → Sat 10:00
        "three local days after the last touch, at the reminder time"
    );
    // The nudge fired; nothing was touched since: no second nudge.
    c.now = utc("2026-11-08 12:00");
    c.last_nudge_at = Some(utc("2026-11-07 09:00"));
    assert!(c.of(ReminderKind::Nudge).is_empty());
    // Touched again on Sunday: the next rest may nudge, but not within a
    // week of the last nudge.
    c.modules[0].last_touch = Some(utc("2026-11-08 12:00"));
    assert_eq!(
        c.of(ReminderKind::Nudge),
        ids_times(&[("nudge", "2026-11-14 09:00")]),
        "Wed 11 would be 3 days; a week after Sat 7 is Sat 14"
    );
    // Finished modules are not nudged; nudges can be turned off.
    c.modules[0].finished = true;
    assert!(c.of(ReminderKind::Nudge).is_empty());
    c.modules[0].finished = false;
    c.settings.nudges = false;
    assert!(c.of(ReminderKind::Nudge).is_empty());
}

#[test]
fn a_nudge_never_sounds_in_quiet_hours() {
    let mut c = Case::at("2026-11-03 19:30");
    c.modules[0].last_touch = Some(utc("2026-11-03 19:00"));
    // No quiet hours and a late reminder time: the nudge is at 23:00.
    c.settings.quiet_hours = None;
    c.settings.module_time = hm("23:00");
    assert_eq!(
        c.of(ReminderKind::Nudge),
        ids_times(&[("nudge", "2026-11-06 22:00")])
    );
    // Quiet hours that cover 23:00 cannot be saved with that time, but
    // settings synced from an older app could: the nudge moves out.
    c.settings.quiet_hours = Some(QuietHours {
        start: hm("22:30"),
        end: hm("07:00"),
    });
    assert_eq!(
        c.of(ReminderKind::Nudge),
        ids_times(&[("nudge", "2026-11-07 06:00")])
    );
}

#[test]
fn daily_practice_is_one_repeating_request_until_the_last_two_weeks() {
    let mut c = Case::at("2026-11-02 08:00");
    c.settings.practice_time = Some(hm("19:00"));
    let plan = c.plan();
    let practice: Vec<&ReminderRequest> = plan
        .requests
        .iter()
        .filter(|r| r.kind == ReminderKind::Practice)
        .collect();
    assert_eq!(practice.len(), 1);
    assert_eq!(practice[0].repeat, Repeat::Daily);
    assert_eq!(practice[0].fire_at, utc("2026-11-02 18:00"));
    assert_eq!(practice[0].screen, ReminderScreen::Mindfulness);
    // Five days before the end: one request a day, none after the end.
    c.now = utc("2027-10-28 12:00");
    assert_eq!(
        c.of(ReminderKind::Practice),
        ids_times(&[
            ("practice-2027-10-28", "2027-10-28 17:00"),
            ("practice-2027-10-29", "2027-10-29 17:00"),
            ("practice-2027-10-30", "2027-10-30 17:00"),
            ("practice-2027-10-31", "2027-10-31 18:00"), // winter time again
            ("practice-2027-11-01", "2027-11-01 18:00"),
        ])
    );
    c.settings.practice_time = None;
    assert!(c.of(ReminderKind::Practice).is_empty());
}

fn visit(id: &str, at: &str, cancelled: bool) -> Visit {
    Visit {
        id: id.into(),
        starts_at: utc(at),
        minutes: 45,
        kind: VisitKind::Clinic,
        cancelled,
    }
}

#[test]
fn visits_24_hours_and_1_hour_before() {
    let mut c = Case::at("2026-11-20 12:00");
    c.visits = vec![
        visit("v1", "2026-12-08 09:00", false), // Tue 10:00 CET
        visit("v2", "2026-12-09 09:00", true),  // cancelled
        visit("v3", "2026-11-21 11:30", false), // in 23.5 h: only the 1 h one
        visit("v4", "2026-11-01 09:00", false), // past
    ];
    assert_eq!(
        c.of(ReminderKind::Visit),
        ids_times(&[
            ("visit-v3-1h", "2026-11-21 10:30"),
            ("visit-v1-24h", "2026-12-07 09:00"),
            ("visit-v1-1h", "2026-12-08 08:00"),
        ])
    );
    let r = c
        .plan()
        .requests
        .into_iter()
        .find(|r| r.id == "visit-v1-1h")
        .unwrap();
    assert_eq!(
        r.body,
        "Du har en bokad tid hos mottagningen tisdag 8 december kl. 10.00."
    );
    assert_eq!(r.screen, ReminderScreen::Visits);
}

#[test]
fn an_early_visit_is_reminded_the_evening_before_not_in_quiet_hours() {
    let mut c = Case::at("2026-11-20 12:00");
    c.visits = vec![visit("v1", "2026-12-08 07:00", false)]; // 08:00 local
    assert_eq!(
        c.of(ReminderKind::Visit),
        ids_times(&[
            ("visit-v1-24h", "2026-12-07 07:00"),
            // 07:00 local is quiet; 08:00 is the visit itself: 20:59 the
            // evening before.
            ("visit-v1-1h", "2026-12-07 19:59"),
        ])
    );
}

#[test]
fn access_ending_30_and_7_days_before_at_the_reminder_time() {
    let mut c = Case::at("2027-09-01 12:00");
    c.settings.module_time = hm("18:00");
    assert_eq!(
        c.of(ReminderKind::AccessEnding),
        ids_times(&[
            ("access-30", "2027-10-03 16:00"), // Sun 3 Oct 18:00 CEST
            ("access-7", "2027-10-26 16:00"),  // Tue 26 Oct 18:00, still CEST
        ])
    );
    let r = c
        .plan()
        .requests
        .into_iter()
        .find(|r| r.id == "access-7")
        .unwrap();
    assert_eq!(
        r.body,
        "Din tillgång till kursen slutar om 7 dagar, tisdag 2 november. Du kan spara din sammanfattning innan dess."
    );
    assert_eq!(r.screen, ReminderScreen::Access);
    // After the first warning only the second is left.
    c.now = utc("2027-10-10 12:00");
    assert_eq!(c.of(ReminderKind::AccessEnding).len(), 1);
    // A clinician's extension moves them.
    c.end = utc("2028-02-01 09:00");
    assert_eq!(
        c.of(ReminderKind::AccessEnding),
        ids_times(&[
            ("access-30", "2028-01-02 17:00"),
            ("access-7", "2028-01-25 17:00"),
        ])
    );
}

#[test]
fn nothing_after_access_ends() {
    let mut c = Case::at("2027-11-02 09:00");
    c.settings.practice_time = Some(hm("19:00"));
    c.modules[0].last_touch = Some(utc("2027-11-01 19:00"));
    let plan = c.plan();
    assert!(
        plan.requests.iter().all(|r| r.kind == ReminderKind::Visit),
        "{plan:?}"
    );
}

#[test]
fn a_new_message_a_minute_after_it_arrives_and_not_in_quiet_hours() {
    let mut c = Case::at("2026-11-10 12:00");
    c.message = Some(MessageAlert {
        message_id: "msg1".into(),
        thread: Thread::Team,
        arrived_at: utc("2026-11-10 12:00"),
    });
    c.lang = Lang::En;
    let plan = c.plan();
    let r = plan
        .requests
        .iter()
        .find(|r| r.kind == ReminderKind::NewMessage)
        .unwrap();
    assert_eq!(
        (r.id.as_str(), r.fire_at),
        ("message", utc("2026-11-10 12:01"))
    );
    assert_eq!(r.body, "You have a new message from your clinic.");
    assert_eq!(r.screen.deep_link(), "painschool://messages/team");
    // A minute later it is due and gone from the plan: never planned twice.
    c.now = utc("2026-11-10 12:01");
    assert!(c.of(ReminderKind::NewMessage).is_empty());
    // Arriving at 23:00 local: at 08:00.
    c.message.as_mut().unwrap().arrived_at = utc("2026-11-10 22:00");
    c.now = utc("2026-11-10 22:00");
    assert_eq!(
        c.of(ReminderKind::NewMessage),
        ids_times(&[("message", "2026-11-11 07:00")])
    );
    c.settings.message_alerts = false;
    assert!(c.of(ReminderKind::NewMessage).is_empty());
}

#[test]
fn worst_case_settings_never_exceed_the_budget() {
    // Every kind at once: 30 visits (60 reminders), practice in the last
    // two weeks (one a day), all modules ahead, a nudge, a message, both
    // warnings.
    let mut c = Case::at("2026-11-02 08:00");
    c.end = utc("2026-11-14 08:00");
    c.settings.practice_time = Some(hm("19:00"));
    c.settings.quiet_hours = None;
    c.modules = modules(1, c.now);
    c.modules[0].last_touch = Some(c.now);
    c.message = Some(MessageAlert {
        message_id: "m".into(),
        thread: Thread::Clinician,
        arrived_at: c.now,
    });
    c.visits = (0..30)
        .map(|d| Visit {
            id: format!("v{d}"),
            starts_at: utc("2026-11-03 09:00") + Duration::hours(8 * d),
            minutes: 30,
            kind: VisitKind::Video,
            cancelled: false,
        })
        .collect();
    let plan = c.plan();
    assert_eq!(plan.requests.len(), MAX_PENDING);
    assert!(plan.left_out > 0);
    let count = |k| plan.requests.iter().filter(|r| r.kind == k).count();
    assert_eq!(count(ReminderKind::Visit), 60.min(MAX_PENDING));
    // Visits first; then access, message, modules; practice is what goes.
    assert_eq!(count(ReminderKind::Practice), 0);
    // Ids are unique and the plan is soonest first.
    let mut ids: Vec<&str> = plan.requests.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), plan.requests.len());
    assert!(
        plan.requests
            .windows(2)
            .all(|w| w[0].fire_at <= w[1].fire_at)
    );
}

#[test]
fn every_setting_of_every_quarter_hour_stays_within_the_budget() {
    // 7 weekdays × 96 quarter-hours for module and practice times, with a
    // year of visits: never more than the budget, never a past request.
    let mut c = Case::at("2026-11-02 08:00");
    c.visits = (0..52)
        .map(|w| visit(&format!("v{w}"), "2026-11-05 13:00", false))
        .enumerate()
        .map(|(w, mut v)| {
            v.starts_at += Duration::days(7 * w as i64);
            v
        })
        .collect();
    c.settings.quiet_hours = None;
    for wd in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ] {
        for q in 0..96u32 {
            let t = NaiveTime::from_hms_opt(q / 4, (q % 4) * 15, 0).unwrap();
            c.settings.module_weekday = Some(wd);
            c.settings.module_time = t;
            c.settings.practice_time = Some(t);
            let plan = c.plan();
            assert!(plan.requests.len() <= MAX_PENDING);
            assert!(plan.requests.iter().all(|r| r.fire_at > c.now));
        }
    }
}
