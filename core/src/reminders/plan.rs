//! The reminder planner: from the course, the patient's settings, the
//! visits, a new message and the effective now, the OS notification
//! requests the app should have pending. Pure: no I/O, no clock.
//!
//! Rules (each has a table test below):
//! - **Module opened**: modules 2–8, at the first module-reminder slot
//!   (the patient's weekday and local time, or the day it opens) at or
//!   after the module opens; none for a module the patient has begun or
//!   that opened with the first, one for modules opening together.
//! - **Nudge**: one, when the module being worked on has rested for 3
//!   local days, at the reminder time; one per rest, and at most one a week.
//! - **Practice**: the daily mindfulness reminder, one repeating request;
//!   in the last 14 days of access, one request per day up to the end, so
//!   no reminder outlives access.
//! - **Visit**: 24 h and 1 h before a booked visit that is not cancelled.
//! - **Access ending**: 30 and 7 days before the end, at the reminder time.
//! - **New message**: a minute after sync brought an unread one (none if
//!   it is read by then).
//!
//! Only future requests are planned (after the effective now), so a
//! reminder whose time has passed is never planned again, whatever the
//! device clock does; ids are stable, so re-registering a plan replaces
//! requests and never doubles them. Nothing sounds in the quiet hours.
//! At most [`MAX_PENDING`] requests, kept by kind and then time.

use chrono::{DateTime, Days, Duration, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use super::budget::{MAX_PENDING, ReminderKind, fit_budget};
use super::quiet::out_of_quiet;
use super::settings::ReminderSettings;
use super::texts::{TextFacts, reminder_text};
use super::time::next_local;
use crate::content::Lang;
use crate::course::localtime::{local_date, resolve_local};
use crate::messages::{Thread, Visit};

/// Days without a touch before the nudge.
pub const NUDGE_AFTER_DAYS: u64 = 3;
/// Days at least between two nudges.
pub const NUDGE_INTERVAL_DAYS: u64 = 7;
/// Days before the end of access with one practice request per day.
pub const PRACTICE_SINGLE_DAYS: i64 = 14;
/// The access-ending warnings, in days before the end.
pub const ACCESS_WARNINGS_DAYS: [u64; 2] = [30, 7];
/// How long after a new message arrives its notification comes (none if it
/// was read by then).
pub const MESSAGE_DELAY: Duration = Duration::minutes(1);

/// The screen a reminder opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum ReminderScreen {
    /// A module.
    Module {
        /// The module's id.
        module_id: String,
    },
    /// The mindfulness exercises.
    Mindfulness,
    /// A message thread.
    Messages {
        /// The thread.
        thread: Thread,
    },
    /// The booked visits.
    Visits,
    /// The access-ending screen with the summary offer.
    Access,
}

impl ReminderScreen {
    /// The app's deep link for the screen (`painschool://…`).
    pub fn deep_link(&self) -> String {
        match self {
            ReminderScreen::Module { module_id } => format!("painschool://module/{module_id}"),
            ReminderScreen::Mindfulness => "painschool://mindfulness".into(),
            ReminderScreen::Messages { thread } => {
                format!("painschool://messages/{}", thread.as_str())
            }
            ReminderScreen::Visits => "painschool://visits".into(),
            ReminderScreen::Access => "painschool://access".into(),
        }
    }
}

/// How a request repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    /// Fires once, at `fire_at`.
    Once,
    /// Fires at `fire_at` and every day after at the same local time (one
    /// request on both platforms).
    Daily,
}

/// One OS notification request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderRequest {
    /// Stable id: registering a request with an id that is pending replaces
    /// it.
    pub id: String,
    /// What it is about.
    pub kind: ReminderKind,
    /// When it fires (the first time, for a repeating one).
    pub fire_at: DateTime<Utc>,
    /// The same instant in the patient's zone.
    pub fire_at_local: NaiveDateTime,
    /// Whether it repeats.
    pub repeat: Repeat,
    /// The title.
    pub title: String,
    /// The body (content free).
    pub body: String,
    /// The screen it opens.
    pub screen: ReminderScreen,
}

/// One module, as the planner needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleTimes {
    /// The module's id.
    pub id: String,
    /// When it opens by schedule, if it has a date.
    pub scheduled: Option<DateTime<Utc>>,
    /// When this device first saw it open (a clinician's unlock has no
    /// schedule).
    pub opened_at: Option<DateTime<Utc>>,
    /// Whether it is open now.
    pub open: bool,
    /// Whether the patient has begun it (opened a section).
    pub started: bool,
    /// Whether every section is done.
    pub finished: bool,
    /// The patient's last activity in it (a section read, an answer).
    pub last_touch: Option<DateTime<Utc>>,
}

impl ModuleTimes {
    /// When it opened or opens: the earlier of its schedule and the time
    /// this device saw it open.
    fn opens(&self) -> Option<DateTime<Utc>> {
        match (self.scheduled, self.opened_at) {
            (Some(s), Some(o)) => Some(s.min(o)),
            (s, o) => s.or(o),
        }
    }
}

/// The newest unread message from the clinic, and when it arrived here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageAlert {
    /// The message.
    pub message_id: String,
    /// Its thread.
    pub thread: Thread,
    /// When sync brought it.
    pub arrived_at: DateTime<Utc>,
}

/// Everything the planner reads.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    /// The effective now.
    pub now: DateTime<Utc>,
    /// The patient's zone.
    pub time_zone: Tz,
    /// The language of the texts.
    pub lang: Lang,
    /// The patient's settings.
    pub settings: &'a ReminderSettings,
    /// When access started.
    pub access_start: DateTime<Utc>,
    /// When access ends.
    pub access_end: DateTime<Utc>,
    /// The modules in course order.
    pub modules: &'a [ModuleTimes],
    /// When the last nudge fired, if any.
    pub last_nudge_at: Option<DateTime<Utc>>,
    /// The booked visits.
    pub visits: &'a [Visit],
    /// The newest unread clinic message, if any.
    pub message: Option<MessageAlert>,
}

/// The plan: what should be pending, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderPlan {
    /// The requests, at most [`MAX_PENDING`], soonest first.
    pub requests: Vec<ReminderRequest>,
    /// Requests left out because the budget was full.
    pub left_out: u32,
}

impl ReminderPlan {
    /// The nudge in the plan, if any.
    pub fn nudge(&self) -> Option<&ReminderRequest> {
        self.requests.iter().find(|r| r.kind == ReminderKind::Nudge)
    }
}

/// The first instant at or after `at` when local `time` happens (on
/// `weekday`, if given).
fn slot_at_or_after(
    tz: Tz,
    at: DateTime<Utc>,
    weekday: Option<Weekday>,
    time: NaiveTime,
) -> DateTime<Utc> {
    next_local(tz, at - Duration::seconds(1), weekday, time)
}

/// The same local wall-clock time `days` calendar days after `at`.
fn plus_local_days(tz: Tz, at: DateTime<Utc>, days: u64) -> DateTime<Utc> {
    let local = at.with_timezone(&tz).naive_local();
    local
        .checked_add_days(Days::new(days))
        .map_or(at, |l| resolve_local(tz, l))
}

struct Builder<'a> {
    input: &'a PlanInput<'a>,
    out: Vec<ReminderRequest>,
}

impl Builder<'_> {
    fn add(
        &mut self,
        id: String,
        facts: TextFacts,
        at: DateTime<Utc>,
        latest: Option<DateTime<Utc>>,
        repeat: Repeat,
        screen: ReminderScreen,
    ) {
        let i = self.input;
        let at = out_of_quiet(i.time_zone, i.settings.quiet_hours, at, latest);
        if at <= i.now {
            return;
        }
        let text = reminder_text(facts, i.lang);
        self.out.push(ReminderRequest {
            id,
            kind: facts.kind(),
            fire_at: at,
            fire_at_local: at.with_timezone(&i.time_zone).naive_local(),
            repeat,
            title: text.title,
            body: text.body,
            screen,
        });
    }

    fn modules(&mut self) {
        let i = self.input;
        let s = i.settings;
        if !s.module_reminders {
            return;
        }
        let course_opens = i.modules.first().and_then(ModuleTimes::opens);
        let mut last_at = None;
        for m in i.modules.iter().skip(1) {
            let Some(opens) = m.opens() else { continue };
            // Modules that open with the first need no reminder; one who has
            // begun a module needs none either.
            if m.started || course_opens.is_some_and(|c| opens <= c) {
                continue;
            }
            let at = slot_at_or_after(i.time_zone, opens, s.module_weekday, s.module_time);
            // Modules opening together get one reminder.
            if at < i.access_end && last_at != Some(at) {
                last_at = Some(at);
                self.add(
                    format!("module-{}", m.id),
                    TextFacts::ModuleOpened,
                    at,
                    None,
                    Repeat::Once,
                    ReminderScreen::Module {
                        module_id: m.id.clone(),
                    },
                );
            }
        }
    }

    fn nudge(&mut self) {
        let i = self.input;
        if !i.settings.nudges {
            return;
        }
        let Some(m) = i.modules.iter().find(|m| m.open && !m.finished) else {
            return;
        };
        let Some(rest_from) = m.opens().max(m.last_touch) else {
            return;
        };
        if i.last_nudge_at.is_some_and(|n| n >= rest_from) {
            return; // One nudge per rest.
        }
        let tz = i.time_zone;
        let mut at = slot_at_or_after(
            tz,
            plus_local_days(tz, rest_from, NUDGE_AFTER_DAYS),
            None,
            i.settings.module_time,
        );
        if let Some(last) = i.last_nudge_at {
            at = at.max(slot_at_or_after(
                tz,
                plus_local_days(tz, last, NUDGE_INTERVAL_DAYS),
                None,
                i.settings.module_time,
            ));
        }
        if at < i.access_end {
            self.add(
                "nudge".into(),
                TextFacts::Nudge,
                at,
                None,
                Repeat::Once,
                ReminderScreen::Module {
                    module_id: m.id.clone(),
                },
            );
        }
    }

    fn practice(&mut self) {
        let i = self.input;
        let Some(time) = i.settings.practice_time else {
            return;
        };
        let from = i.now.max(i.access_start);
        if from >= i.access_end {
            return;
        }
        let first = next_local(i.time_zone, from, None, time);
        if i.access_end - first > Duration::days(PRACTICE_SINGLE_DAYS) {
            self.add(
                "practice".into(),
                TextFacts::Practice,
                first,
                None,
                Repeat::Daily,
                ReminderScreen::Mindfulness,
            );
            return;
        }
        let mut at = first;
        while at < i.access_end {
            let date = local_date(i.time_zone, at);
            self.add(
                format!("practice-{date}"),
                TextFacts::Practice,
                at,
                None,
                Repeat::Once,
                ReminderScreen::Mindfulness,
            );
            at = next_local(i.time_zone, at, None, time);
        }
    }

    fn visits(&mut self) {
        let i = self.input;
        for v in i
            .visits
            .iter()
            .filter(|v| !v.cancelled && v.starts_at > i.now)
        {
            let local = v.starts_at.with_timezone(&i.time_zone).naive_local();
            for (label, before) in [("24h", Duration::hours(24)), ("1h", Duration::hours(1))] {
                self.add(
                    format!("visit-{}-{label}", v.id),
                    TextFacts::Visit(local),
                    v.starts_at - before,
                    Some(v.starts_at - Duration::minutes(15)),
                    Repeat::Once,
                    ReminderScreen::Visits,
                );
            }
        }
    }

    fn access_ending(&mut self) {
        let i = self.input;
        let tz = i.time_zone;
        let end_date = local_date(tz, i.access_end);
        let end_local = i.access_end.with_timezone(&tz).naive_local();
        for days in ACCESS_WARNINGS_DAYS {
            let Some(date) = end_date.checked_sub_days(Days::new(days)) else {
                continue;
            };
            let at = resolve_local(tz, date.and_time(i.settings.module_time));
            if at < i.access_end && at >= i.access_start {
                self.add(
                    format!("access-{days}"),
                    TextFacts::AccessEnding(days as i64, end_local),
                    at,
                    Some(i.access_end),
                    Repeat::Once,
                    ReminderScreen::Access,
                );
            }
        }
    }

    fn message(&mut self) {
        let i = self.input;
        let Some(m) = &i.message else { return };
        if !i.settings.message_alerts {
            return;
        }
        self.add(
            "message".into(),
            TextFacts::NewMessage,
            m.arrived_at + MESSAGE_DELAY,
            None,
            Repeat::Once,
            ReminderScreen::Messages { thread: m.thread },
        );
    }
}

/// Plans the reminders (see the module documentation for the rules).
pub fn plan(input: &PlanInput<'_>) -> ReminderPlan {
    let mut b = Builder {
        input,
        out: Vec::with_capacity(24),
    };
    b.visits();
    b.access_ending();
    b.message();
    b.modules();
    b.nudge();
    b.practice();
    let ranked: Vec<(ReminderKind, DateTime<Utc>)> =
        b.out.iter().map(|r| (r.kind, r.fire_at)).collect();
    let keep = fit_budget(&ranked, MAX_PENDING);
    let left_out = (b.out.len() - keep.len()) as u32;
    let mut slots: Vec<Option<ReminderRequest>> = b.out.into_iter().map(Some).collect();
    ReminderPlan {
        requests: keep.into_iter().filter_map(|k| slots[k].take()).collect(),
        left_out,
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
