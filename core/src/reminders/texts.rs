//! What a reminder says, in Swedish and English. Every text is content
//! free: it may show on a locked screen, so it names no module topic, no
//! answer, no message and no health detail, only that something is waiting
//! and, for a visit or the end of access, when.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

use super::budget::ReminderKind;
use crate::content::Lang;

/// A reminder's title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderText {
    /// The title line.
    pub title: String,
    /// The body.
    pub body: String,
}

fn text(title: &str, body: String) -> ReminderText {
    ReminderText {
        title: title.to_owned(),
        body,
    }
}

/// What the reminder is about, with the facts its text may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFacts {
    /// A new module opened.
    ModuleOpened,
    /// The open module has rested.
    Nudge,
    /// Daily practice.
    Practice,
    /// A booked visit starting at this local time.
    Visit(NaiveDateTime),
    /// Access ends in this many days, on this local date and time.
    AccessEnding(i64, NaiveDateTime),
    /// The clinic wrote.
    NewMessage,
}

impl TextFacts {
    /// The kind of reminder these facts make.
    pub fn kind(&self) -> ReminderKind {
        match self {
            TextFacts::ModuleOpened => ReminderKind::ModuleOpened,
            TextFacts::Nudge => ReminderKind::Nudge,
            TextFacts::Practice => ReminderKind::Practice,
            TextFacts::Visit(_) => ReminderKind::Visit,
            TextFacts::AccessEnding(..) => ReminderKind::AccessEnding,
            TextFacts::NewMessage => ReminderKind::NewMessage,
        }
    }
}

/// The text of a reminder in `lang`.
pub fn reminder_text(facts: TextFacts, lang: Lang) -> ReminderText {
    match (facts, lang) {
        (TextFacts::ModuleOpened, Lang::Sv) => text(
            "Smärtskolan",
            "En ny del av kursen är öppen. Ta den när det passar dig.".into(),
        ),
        (TextFacts::ModuleOpened, Lang::En) => text(
            "Smärtskolan",
            "A new part of your course is ready. Take it when it suits you.".into(),
        ),
        (TextFacts::Nudge, Lang::Sv) => text(
            "Smärtskolan",
            "Välkommen tillbaka till kursen när du orkar. En liten stund räcker.".into(),
        ),
        (TextFacts::Nudge, Lang::En) => text(
            "Smärtskolan",
            "Welcome back to your course when you feel up to it. A few minutes is enough.".into(),
        ),
        (TextFacts::Practice, Lang::Sv) => text(
            "Smärtskolan",
            "Dags för en stunds medveten närvaro, om det passar nu.".into(),
        ),
        (TextFacts::Practice, Lang::En) => text(
            "Smärtskolan",
            "Time for a moment of mindfulness, if now suits you.".into(),
        ),
        (TextFacts::Visit(at), Lang::Sv) => text(
            "Bokad tid",
            format!("Du har en bokad tid hos mottagningen {}.", when_sv(at)),
        ),
        (TextFacts::Visit(at), Lang::En) => text(
            "Appointment",
            format!("You have an appointment with your clinic {}.", when_en(at)),
        ),
        (TextFacts::AccessEnding(days, at), Lang::Sv) => text(
            "Smärtskolan",
            format!(
                "Din tillgång till kursen slutar om {days} dagar, {} {} {}. Du kan spara din sammanfattning innan dess.",
                weekday_sv(at.weekday()),
                at.day(),
                month_sv(at.month())
            ),
        ),
        (TextFacts::AccessEnding(days, at), Lang::En) => text(
            "Smärtskolan",
            format!(
                "Your access to the course ends in {days} days, on {} {} {}. You can save your summary before then.",
                weekday_en(at.weekday()),
                at.day(),
                month_en(at.month())
            ),
        ),
        (TextFacts::NewMessage, Lang::Sv) => text(
            "Smärtskolan",
            "Du har ett nytt meddelande från mottagningen.".into(),
        ),
        (TextFacts::NewMessage, Lang::En) => text(
            "Smärtskolan",
            "You have a new message from your clinic.".into(),
        ),
    }
}

/// "tisdag 8 december kl. 10.00"
fn when_sv(at: NaiveDateTime) -> String {
    format!(
        "{} {} {} kl. {:02}.{:02}",
        weekday_sv(at.weekday()),
        at.day(),
        month_sv(at.month()),
        at.hour(),
        at.minute()
    )
}

/// "on Tuesday 8 December at 10:00"
fn when_en(at: NaiveDateTime) -> String {
    format!(
        "on {} {} {} at {:02}:{:02}",
        weekday_en(at.weekday()),
        at.day(),
        month_en(at.month()),
        at.hour(),
        at.minute()
    )
}

fn weekday_sv(w: Weekday) -> &'static str {
    [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ][w.num_days_from_monday() as usize]
}

fn weekday_en(w: Weekday) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][w.num_days_from_monday() as usize]
}

/// A month's name (1–12) in `lang`: "januari" / "January".
pub fn month_name(lang: Lang, m: u32) -> &'static str {
    match lang {
        Lang::Sv => month_sv(m),
        Lang::En => month_en(m),
    }
}

fn month_sv(m: u32) -> &'static str {
    [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ][(m.clamp(1, 12) - 1) as usize]
}

fn month_en(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn visit_and_access_texts_name_only_the_time() {
        let at = local("2026-12-08 10:00");
        assert_eq!(
            reminder_text(TextFacts::Visit(at), Lang::Sv).body,
            "Du har en bokad tid hos mottagningen tisdag 8 december kl. 10.00."
        );
        assert_eq!(
            reminder_text(TextFacts::Visit(at), Lang::En).body,
            "You have an appointment with your clinic on Tuesday 8 December at 10:00."
        );
        assert_eq!(
            reminder_text(
                TextFacts::AccessEnding(7, local("2027-01-12 09:00")),
                Lang::Sv
            )
            .body,
            "Din tillgång till kursen slutar om 7 dagar, tisdag 12 januari. Du kan spara din sammanfattning innan dess."
        );
    }

    #[test]
    fn no_text_names_health_details() {
        let at = local("2026-12-08 10:00");
        let all = [
            TextFacts::ModuleOpened,
            TextFacts::Nudge,
            TextFacts::Practice,
            TextFacts::Visit(at),
            TextFacts::AccessEnding(30, at),
            TextFacts::NewMessage,
        ];
        for f in all {
            for lang in [Lang::Sv, Lang::En] {
                let t = reminder_text(f, lang);
                let all_text = format!("{} {}", t.title, t.body).to_lowercase();
                for word in [
                    "pain",
                    "smärta",
                    "ont",
                    "värk",
                    "sömn",
                    "sleep",
                    "stress",
                    "medic",
                    "läkemedel",
                    "mood",
                    "oro",
                    "worry",
                    "modul",
                ] {
                    assert!(
                        !all_text
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.starts_with(word)),
                        "{f:?} {lang:?} names \"{word}\": {all_text}"
                    );
                }
                assert!(!t.body.is_empty());
            }
        }
    }
}
