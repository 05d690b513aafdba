//! Output for people (Swedish or English, by the patient's language) and
//! JSON for scripts.

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use painschool_core::content::{Lang, Module};
use painschool_core::course::progress::section_done;
use painschool_core::course::{Access, ModuleCard, ModuleLock, ProgressFacts, ThisWeek};
use painschool_core::facade::{AnswerVersion, Preferences, QuestionAnswers, SectionView};
use painschool_core::summary::{SummaryOffer, offer};
use painschool_core::{Error, PainSchool};
use serde::Serialize;

/// Where output goes and in which form.
pub struct Out {
    /// JSON instead of text.
    pub json: bool,
}

/// " · read by the clinic 2026-11-23" after an answer the clinic reviewed.
fn reviewed_mark(lang: Lang, at: Option<DateTime<Utc>>) -> String {
    at.map(|at| {
        format!(
            " · {} {}",
            t(lang, "läst av kliniken", "read by the clinic"),
            at.format("%Y-%m-%d")
        )
    })
    .unwrap_or_default()
}

pub(crate) fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Sv { sv } else { en }
}

/// What a message about the patient's own course needs: their language, their
/// time zone, and the course's now.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The patient's language.
    pub lang: Lang,
    /// The patient's time zone.
    pub tz: Tz,
    /// The course's now (the effective now).
    pub now: DateTime<Utc>,
}

impl Context {
    /// The context of `school`, once it holds an enrolment.
    pub fn of(school: &PainSchool) -> Option<Context> {
        Some(Context {
            lang: school.preferences().ok()?.language,
            tz: school.enrolment().ok()?.time_zone,
            now: school.now().ok()?,
        })
    }
}

/// "mån" / "Mon".
pub(crate) fn weekday_short(lang: Lang, w: Weekday) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    if lang == Lang::Sv {
        ["mån", "tis", "ons", "tor", "fre", "lör", "sön"][i]
    } else {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i]
    }
}

/// "onsdagar" / "Wednesdays".
pub(crate) fn weekdays_plural(lang: Lang, w: Weekday) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    if lang == Lang::Sv {
        [
            "måndagar",
            "tisdagar",
            "onsdagar",
            "torsdagar",
            "fredagar",
            "lördagar",
            "söndagar",
        ][i]
    } else {
        [
            "Mondays",
            "Tuesdays",
            "Wednesdays",
            "Thursdays",
            "Fridays",
            "Saturdays",
            "Sundays",
        ][i]
    }
}

/// "1 november 2026" / "1 November 2026".
fn long_date(lang: Lang, d: NaiveDate) -> String {
    let month = painschool_core::reminders::texts::month_name(lang, d.month());
    format!("{} {month} {}", d.day(), d.year())
}

/// "15 november 2026 kl. 10.00" / "15 November 2026 at 10:00", in `tz`.
fn long_date_time(lang: Lang, tz: Tz, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&tz);
    match lang {
        Lang::Sv => format!(
            "{} kl. {}",
            long_date(lang, local.date_naive()),
            local.format("%H.%M")
        ),
        Lang::En => format!(
            "{} at {}",
            long_date(lang, local.date_naive()),
            local.format("%H:%M")
        ),
    }
}

/// The line that puts the summary forward when the core offers it (the last
/// module is open, or the days after access ended), with until when; none
/// when it is not offered. Never any answer text.
fn summary_offer_line(lang: Lang, tz: Tz, offer: &SummaryOffer) -> Option<String> {
    offer.reason?;
    let until = offer
        .until
        .map(|at| {
            format!(
                " {} {}",
                t(lang, "fram till", "until"),
                long_date_time(lang, tz, at)
            )
        })
        .unwrap_or_default();
    Some(match lang {
        Lang::Sv => format!(
            "Du kan spara en sammanfattning av allt du har skrivit{until}: {SUMMARY_COMMAND}"
        ),
        Lang::En => {
            format!("You can save a summary of everything you wrote{until}: {SUMMARY_COMMAND}")
        }
    })
}

/// How to save the summary, as the patient types it.
const SUMMARY_COMMAND: &str = "painschool summary --pdf FILE";

/// The end of access, for the patient: when it ended (local date), what
/// still happens until the end of the grace, how to save the summary while
/// it is offered, and where to turn.
fn access_ended_message(
    ended_at: DateTime<Utc>,
    grace_until: DateTime<Utc>,
    ctx: Option<&Context>,
) -> String {
    let Some(ctx) = ctx else {
        // Not known whose course this is: English, in UTC.
        return format!(
            "your access to the course ended on {}; what you wrote before then is still sent to your clinic, \
             and you can save your summary, until {}. If you have questions, contact your clinic. \
             For healthcare advice, call 1177. In an emergency: call 112.",
            ended_at.format("%Y-%m-%d %H:%M UTC"),
            grace_until.format("%Y-%m-%d %H:%M UTC"),
        );
    };
    let lang = ctx.lang;
    let ended = long_date(lang, ended_at.with_timezone(&ctx.tz).date_naive());
    let grace = long_date_time(lang, ctx.tz, grace_until);
    let help = t(
        lang,
        "Har du frågor, kontakta din klinik. För sjukvårdsrådgivning, ring 1177. Vid akut fara: ring 112.",
        "If you have questions, contact your clinic. For healthcare advice, call 1177. In an emergency: call 112.",
    );
    // The core's offer rule, on this very end of access.
    let access = Access::Ended {
        ended_at,
        grace_until,
    };
    // The sentence above already says until when.
    let save_offer = SummaryOffer {
        until: None,
        ..offer(false, &access, ctx.now)
    };
    let save = summary_offer_line(lang, ctx.tz, &save_offer)
        .map(|line| format!("\n{line}"))
        .unwrap_or_default();
    let text = match (lang, ctx.now < grace_until) {
        (Lang::Sv, true) => format!(
            "Din tillgång till kursen slutade den {ended}. Det du skrev innan dess skickas ändå till din klinik, \
             och du kan spara din sammanfattning fram till {grace}. {help}"
        ),
        (Lang::Sv, false) => format!(
            "Din tillgång till kursen slutade den {ended}, och tiden för att skicka det du skrev och spara \
             din sammanfattning gick ut den {grace}. {help}"
        ),
        (Lang::En, true) => format!(
            "Your access to the course ended on {ended}. What you wrote before then is still sent to your clinic, \
             and you can save your summary until {grace}. {help}"
        ),
        (Lang::En, false) => format!(
            "Your access to the course ended on {ended}, and the time for sending what you wrote and saving \
             your summary ran out on {grace}. {help}"
        ),
    };
    format!("{text}{save}")
}

/// The message for an error, with what the patient can do about it. `ctx`
/// (the patient's language, zone and now, once known) words the messages
/// that name a date in the patient's own terms.
pub fn error_message(e: &Error, ctx: Option<&Context>) -> String {
    match e {
        Error::AccessEnded {
            ended_at,
            grace_until,
        } => access_ended_message(*ended_at, *grace_until, ctx),
        Error::WrongKey => "the passphrase does not open this course data".into(),
        Error::NotEnrolled => "not enrolled yet: run `painschool init --demo`".into(),
        Error::DatabaseTooNew { .. } => {
            format!("{e}: a newer painschool wrote this course data; update painschool to open it")
        }
        Error::ModuleLocked {
            module_id,
            opens_at: Some(at),
        } => {
            format!(
                "module \"{module_id}\" is not open yet: it opens {}",
                at.format("%Y-%m-%d %H:%M UTC")
            )
        }
        other => other.to_string(),
    }
}

pub(crate) fn json<T: Serialize>(v: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into())
    );
}

fn value_text(v: &painschool_core::answers::AnswerValue) -> String {
    use painschool_core::answers::{AnswerValue as A, FieldValue as F};
    match v {
        A::Text(s) | A::Choice(s) => s.clone(),
        A::Scale(n) => n.to_string(),
        A::Choices(ids) => ids.join(", "),
        A::Diary(map) => map
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    F::Date(d) => d.to_string(),
                    F::Text(s) => s.clone(),
                    F::Number(n) => n.to_string(),
                };
                format!("{k}={v}")
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

impl Out {
    pub fn line(&self, j: &serde_json::Value, text: &str) {
        if self.json {
            json(j)
        } else {
            println!("{text}")
        }
    }

    /// This week; with the summary's offer line when the core offers it.
    pub fn week(&self, w: &ThisWeek, offer: &SummaryOffer, ctx: &Context) {
        if self.json {
            // This week's fields, and the offer beside them.
            let mut v = serde_json::to_value(w).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert(
                    "summary_offer".into(),
                    serde_json::to_value(offer).unwrap_or_default(),
                );
            }
            return json(&v);
        }
        let lang = ctx.lang;
        println!(
            "{} {} · {}",
            t(lang, "Smärtskolan — vecka", "The Pain School — week"),
            w.course_week,
            w.today
        );
        match &w.access {
            Access::NotStarted { starts_at } => {
                println!(
                    "{} {}",
                    t(lang, "Kursen börjar", "The course starts"),
                    starts_at.format("%Y-%m-%d")
                )
            }
            Access::Active {
                ending_soon: true,
                days_left,
                ..
            } => {
                println!(
                    "{} {days_left} {}",
                    t(lang, "Din tillgång slutar om", "Your access ends in"),
                    t(lang, "dagar.", "days.")
                )
            }
            Access::Ended { .. } => println!(
                "{}",
                t(lang, "Din tillgång har slutat.", "Your access has ended.")
            ),
            Access::Active { .. } => {}
        }
        if let Some(c) = &w.current {
            println!(
                "{} {} · {} ({}/{} {})",
                t(lang, "Nu: modul", "Now: module"),
                c.number,
                c.title,
                c.progress.sections_done,
                c.progress.sections_total,
                t(lang, "delar klara", "parts done")
            );
        }
        if let Some(n) = &w.next_unlock {
            println!(
                "{} {} {} {}",
                t(lang, "Nästa: modul", "Next: module"),
                n.number,
                t(lang, "öppnar", "opens"),
                n.opens_on
            );
        }
        println!(
            "{} {}/{} · {} {}",
            t(lang, "Öppna moduler:", "Open modules:"),
            w.modules_open,
            w.modules_total,
            t(lang, "klara:", "finished:"),
            w.modules_finished
        );
        if w.check_in_due {
            println!(
                "{}",
                t(
                    lang,
                    "Veckans incheckning väntar på dig.",
                    "This week's check-in is waiting for you."
                )
            );
        }
        if let Some(line) = summary_offer_line(lang, ctx.tz, offer) {
            println!("{line}");
        }
        println!(
            "\n{}",
            t(
                lang,
                "Blir det sämre? Kontakta din klinik eller ring 1177. Vid akut fara: ring 112.",
                "Getting worse? Contact your clinic or call 1177. In an emergency: call 112."
            )
        );
    }

    pub fn modules(&self, cards: &[ModuleCard], lang: Lang) {
        if self.json {
            return json(&cards);
        }
        for c in cards {
            let state = match &c.lock {
                ModuleLock::Open if c.progress.finished => t(lang, "klar", "finished").to_owned(),
                ModuleLock::Open => {
                    format!("{}/{}", c.progress.sections_done, c.progress.sections_total)
                }
                ModuleLock::Locked { .. } => match c.opens_on {
                    Some(d) => format!("{} {d}", t(lang, "öppnar", "opens")),
                    None => t(lang, "låst", "locked").to_owned(),
                },
            };
            println!("{:>2}. {:<4} {:<40} {state}", c.number, c.id, c.title);
        }
    }

    pub fn sections(&self, m: &Module, facts: &ProgressFacts, lang: Lang) {
        if self.json {
            let list: Vec<_> = m
                .sections
                .iter()
                .map(|s| serde_json::json!({ "id": s.id, "kind": s.kind.name(), "title": s.title.get(lang), "done": section_done(s, facts) }))
                .collect();
            return json(&list);
        }
        for s in &m.sections {
            let mark = if section_done(s, facts) { "✓" } else { " " };
            println!(
                "[{mark}] {:<28} {:<12} {}",
                s.id,
                s.kind.name(),
                s.title.get(lang)
            );
        }
    }

    pub fn section(&self, v: &SectionView, lang: Lang) {
        if self.json {
            return json(v);
        }
        println!("# {}\n", v.title);
        if let Some(alt) = &v.alt_text {
            println!("[{}: {alt}]", t(lang, "Bild", "Image"));
        }
        if let Some(c) = &v.caption {
            println!("{c}\n");
        }
        if let Some(b) = &v.body_markdown {
            println!("{}\n", b.trim());
        }
        if let Some(m) = &v.media {
            let secs = v.duration_seconds.unwrap_or(0);
            println!(
                "[{} {} ({}:{:02})]",
                t(lang, "Fil:", "File:"),
                m.path.display(),
                secs / 60,
                secs % 60
            );
        }
        if let Some(tr) = &v.transcript_markdown {
            println!(
                "\n{}\n{}",
                t(lang, "Text till inspelningen:", "Transcript:"),
                tr.trim()
            );
        }
        for q in &v.questions {
            println!("\n» {} ({}, {})", q.prompt, q.id, q.question_type);
            if let (Some((lo, hi)), Some((l, h))) = (q.range, &q.range_labels) {
                println!("  {lo} = {l} … {hi} = {h}");
            }
            for (id, label) in &q.options {
                println!("  - {id}: {label}");
            }
            for (id, label, ty) in &q.fields {
                println!("  · {id} ({ty}): {label}");
            }
            for a in &q.answers {
                println!(
                    "  {} {}",
                    t(lang, "Ditt svar:", "Your answer:"),
                    value_text(&a.value)
                );
            }
            if let Some(d) = &q.draft {
                println!("  {} {}", t(lang, "Utkast:", "Draft:"), value_text(d));
            }
        }
    }

    pub fn submitted(&self, v: &AnswerVersion) {
        if self.json {
            return json(v);
        }
        match &v.entry_id {
            Some(e) => println!("Sparat / Saved ({} · {e}).", v.question_id),
            None => println!("Sparat / Saved ({}).", v.question_id),
        }
    }

    pub fn answers(&self, all: &[(String, Vec<QuestionAnswers>)], lang: Lang) {
        if self.json {
            let map: serde_json::Map<String, serde_json::Value> = all
                .iter()
                .map(|(m, qs)| (m.clone(), serde_json::to_value(qs).unwrap_or_default()))
                .collect();
            return json(&map);
        }
        for (m, qs) in all {
            println!("== {m} ==");
            for q in qs {
                println!("» {} ({})", q.prompt, q.question_id);
                if q.answers.is_empty() {
                    println!("  {}", t(lang, "Inte besvarad ännu.", "Not answered yet."));
                }
                for a in &q.answers {
                    let entry = a
                        .entry_id
                        .as_deref()
                        .map(|e| format!("[{e}] "))
                        .unwrap_or_default();
                    println!(
                        "  {entry}{} ({}){}",
                        value_text(&a.value),
                        a.submitted_at.format("%Y-%m-%d"),
                        reviewed_mark(lang, a.reviewed_at)
                    );
                }
            }
        }
    }

    pub fn history(&self, versions: &[AnswerVersion], lang: Lang) {
        if self.json {
            return json(&versions);
        }
        for (i, v) in versions.iter().enumerate() {
            println!(
                "{}. {} — {}{}",
                i + 1,
                v.submitted_at.format("%Y-%m-%d %H:%M UTC"),
                value_text(&v.value),
                reviewed_mark(lang, v.reviewed_at)
            );
        }
    }

    /// Where the summary was saved: the paths only, never what it holds.
    pub fn summary_saved(&self, written: &[(&str, std::path::PathBuf)], lang: Lang) {
        if self.json {
            let mut map = serde_json::Map::new();
            map.insert("ok".into(), true.into());
            for (format, path) in written {
                map.insert((*format).into(), path.to_string_lossy().into_owned().into());
            }
            return json(&map);
        }
        for (_, path) in written {
            println!(
                "{} {}",
                t(lang, "Sammanfattningen sparades:", "Summary saved:"),
                path.display()
            );
        }
    }

    pub fn prefs(&self, p: &Preferences) {
        if self.json {
            return json(p);
        }
        println!("display name: {}", p.display_name.as_deref().unwrap_or("—"));
        println!("language: {}", p.language.code());
        println!("text size: {:?}", p.text_size);
    }
}
