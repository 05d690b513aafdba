//! Output of `reminders` and `settings reminders`: the reminder plan and the
//! reminder settings, in the patient's language, with times in their zone.

use chrono::{Datelike, NaiveTime};
use painschool_core::content::Lang;
use painschool_core::reminders::{
    MAX_PENDING, ReminderKind, ReminderPlan, ReminderRequest, ReminderSettings, Repeat,
};

use crate::render::{Context, Out, json, t, weekday_short, weekdays_plural};

/// The kind of a reminder in words.
fn kind_text(kind: ReminderKind, lang: Lang) -> &'static str {
    match kind {
        ReminderKind::Visit => t(lang, "Bokad tid", "Appointment"),
        ReminderKind::AccessEnding => t(lang, "Tillgången slutar snart", "Access ending"),
        ReminderKind::NewMessage => t(lang, "Nytt meddelande", "New message"),
        ReminderKind::ModuleOpened => t(lang, "Ny modul öppen", "New module open"),
        ReminderKind::Nudge => t(lang, "Puff", "Nudge"),
        ReminderKind::Practice => t(lang, "Daglig övning", "Daily practice"),
    }
}

/// "ons 2026-11-18 18:00 (17:00 UTC) · Ny modul öppen", with " · dagligen"
/// for a repeating one.
fn when_line(r: &ReminderRequest, lang: Lang) -> String {
    let local = r.fire_at_local;
    let repeat = match r.repeat {
        Repeat::Daily => format!(" · {}", t(lang, "dagligen", "daily")),
        Repeat::Once => String::new(),
    };
    format!(
        "{} {} ({}) · {}{repeat}",
        weekday_short(lang, local.weekday()),
        local.format("%Y-%m-%d %H:%M"),
        r.fire_at.format("%Y-%m-%d %H:%M UTC"),
        kind_text(r.kind, lang),
    )
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn on_off(on: bool, lang: Lang) -> &'static str {
    if on {
        t(lang, "på", "on")
    } else {
        t(lang, "av", "off")
    }
}

impl Out {
    /// `reminders`: the plan, soonest first.
    pub fn reminder_plan(&self, plan: &ReminderPlan, ctx: &Context) {
        if self.json {
            return json(plan);
        }
        let lang = ctx.lang;
        if plan.requests.is_empty() {
            println!(
                "{}",
                t(lang, "Inga påminnelser planerade.", "No reminders planned.")
            );
        } else {
            println!(
                "{} ({} {}):",
                t(lang, "Planerade påminnelser", "Planned reminders"),
                t(lang, "tider i", "times in"),
                ctx.tz.name()
            );
            for r in &plan.requests {
                println!("\n{}", when_line(r, lang));
                println!("  {}: {}", r.title, r.body);
                println!("  {}", r.screen.deep_link());
            }
        }
        if plan.left_out > 0 {
            println!(
                "\n{} {} ({} {MAX_PENDING})",
                plan.left_out,
                t(lang, "fick inte plats", "left out"),
                t(lang, "högst", "budget")
            );
        }
    }

    /// `settings reminders`: the settings and the next reminder they give
    /// (`None` when none is planned).
    pub fn reminder_settings(
        &self,
        s: &ReminderSettings,
        next: Option<&ReminderRequest>,
        lang: Lang,
    ) {
        if self.json {
            return json(&serde_json::json!({ "settings": s, "next": next }));
        }
        let modules = match (s.module_reminders, s.module_weekday) {
            (false, _) => on_off(false, lang).to_owned(),
            (true, None) => format!(
                "{}, {}",
                on_off(true, lang),
                t(
                    lang,
                    "samma dag som modulen öppnar",
                    "on the day a module opens"
                )
            ),
            (true, Some(w)) => format!("{}, {}", on_off(true, lang), weekdays_plural(lang, w)),
        };
        let rows = [
            (t(lang, "Nya moduler", "New modules"), modules),
            (
                t(lang, "Påminnelsetid", "Reminder time"),
                format!(
                    "{} ({})",
                    hhmm(s.module_time),
                    t(
                        lang,
                        "nya moduler, puffar, slutet på tillgången",
                        "new modules, nudges, the end of access"
                    )
                ),
            ),
            (
                t(lang, "Daglig övning", "Daily practice"),
                s.practice_time
                    .map_or_else(|| on_off(false, lang).to_owned(), hhmm),
            ),
            (
                t(lang, "Puffar", "Nudges"),
                format!(
                    "{} ({})",
                    on_off(s.nudges, lang),
                    t(
                        lang,
                        "en gång när en öppen modul har vilat i 3 dagar",
                        "once when an open module has rested for 3 days"
                    )
                ),
            ),
            (
                t(lang, "Nya meddelanden", "New messages"),
                on_off(s.message_alerts, lang).to_owned(),
            ),
            (
                t(lang, "Tysta timmar", "Quiet hours"),
                s.quiet_hours.map_or_else(
                    || on_off(false, lang).to_owned(),
                    |q| format!("{}–{}", hhmm(q.start), hhmm(q.end)),
                ),
            ),
        ];
        for (label, value) in rows {
            println!("{:<17}{value}", format!("{label}:"));
        }
        match next {
            Some(r) => println!(
                "\n{} {}",
                t(lang, "Nästa påminnelse:", "Next reminder:"),
                when_line(r, lang)
            ),
            None => println!(
                "\n{}",
                t(lang, "Inga påminnelser planerade.", "No reminders planned.")
            ),
        }
    }
}
