//! `settings reminders`: the options as typed, checked one by one so a bad
//! value names its option, and applied to a copy of the settings (the core
//! then checks the whole set and saves it, or saves nothing).

use chrono::NaiveTime;
use painschool_core::reminders::settings::{parse_hhmm, parse_weekday};
use painschool_core::reminders::{QuietHours, ReminderSettings, SettingsError};

/// The options of `settings reminders`; each one left out keeps its value.
#[derive(clap::Args, Debug, Default)]
#[command(next_help_heading = "Reminder settings")]
pub struct ReminderOptions {
    /// The weekday of module reminders: mon, tue, wed, thu, fri, sat, sun,
    /// or opening-day (the day the module opens).
    #[arg(long, value_name = "DAY")]
    pub weekday: Option<String>,
    /// The local time of module reminders (24-hour HH:MM); nudges and the
    /// access-ending reminders come at this time too.
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// The local time of a daily mindfulness reminder (HH:MM), or off.
    #[arg(long, value_name = "HH:MM|off")]
    pub practice: Option<String>,
    /// The quiet hours, when no reminder sounds (HH:MM-HH:MM, may cross
    /// midnight), or off.
    #[arg(long, value_name = "HH:MM-HH:MM|off")]
    pub quiet: Option<String>,
    /// One gentle nudge when the open module has rested for 3 days: on or off.
    #[arg(long, value_name = "on|off")]
    pub nudges: Option<String>,
    /// A notification when the clinic writes to you: on or off.
    #[arg(long, value_name = "on|off")]
    pub messages: Option<String>,
    /// A reminder when a new module opens: on or off.
    #[arg(long, value_name = "on|off")]
    pub modules: Option<String>,
}

impl ReminderOptions {
    /// Whether any option was given.
    pub fn any(&self) -> bool {
        [
            &self.weekday,
            &self.time,
            &self.practice,
            &self.quiet,
            &self.nudges,
            &self.messages,
            &self.modules,
        ]
        .iter()
        .any(|o| o.is_some())
    }

    /// `current` with the options applied. Every value is checked before
    /// anything is returned; the error names the option.
    pub fn apply(&self, current: &ReminderSettings) -> Result<ReminderSettings, String> {
        let mut s = current.clone();
        if let Some(v) = &self.weekday {
            s.module_weekday = match v.trim() {
                "opening-day" => None,
                day => Some(parse_weekday(day).ok_or_else(|| {
                    format!(
                        "--weekday `{v}` is not a day: use mon, tue, wed, thu, fri, sat, sun or opening-day"
                    )
                })?),
            };
        }
        if let Some(v) = &self.time {
            s.module_time = time("--time", v)?;
        }
        if let Some(v) = &self.practice {
            s.practice_time = match v.trim() {
                "off" => None,
                t => Some(time_or_off("--practice", t)?),
            };
        }
        if let Some(v) = &self.quiet {
            s.quiet_hours = match v.trim() {
                "off" => None,
                range => Some(quiet(range)?),
            };
        }
        if let Some(v) = &self.nudges {
            s.nudges = on_off("--nudges", v)?;
        }
        if let Some(v) = &self.messages {
            s.message_alerts = on_off("--messages", v)?;
        }
        if let Some(v) = &self.modules {
            s.module_reminders = on_off("--modules", v)?;
        }
        Ok(s)
    }
}

/// Why the settings were not changed: the core's reason, and what to do.
pub fn refused(rule: SettingsError, s: &ReminderSettings) -> String {
    let quiet = s
        .quiet_hours
        .map(|q| format!("{}-{}", q.start.format("%H:%M"), q.end.format("%H:%M")))
        .unwrap_or_default();
    match rule {
        SettingsError::ModuleTimeInQuietHours => format!(
            "reminder settings not changed: {rule} ({quiet}); choose a --time outside them, or change them with --quiet"
        ),
        SettingsError::PracticeTimeInQuietHours => format!(
            "reminder settings not changed: {rule} ({quiet}); choose a --practice time outside them, or change them with --quiet"
        ),
        SettingsError::EmptyQuietHours | SettingsError::NotWholeMinutes => {
            format!("reminder settings not changed: {rule}")
        }
    }
}

fn time(option: &str, v: &str) -> Result<NaiveTime, String> {
    parse_hhmm(v)
        .ok_or_else(|| format!("{option} `{v}` is not a time: use HH:MM (24-hour), e.g. 18:00"))
}

fn time_or_off(option: &str, v: &str) -> Result<NaiveTime, String> {
    parse_hhmm(v).ok_or_else(|| {
        format!("{option} `{v}` is not a time: use HH:MM (24-hour), e.g. 19:30, or off")
    })
}

fn quiet(v: &str) -> Result<QuietHours, String> {
    let bad = || {
        format!("--quiet `{v}` is not a stretch of time: use HH:MM-HH:MM, e.g. 21:00-08:00, or off")
    };
    let (start, end) = v.split_once(['-', '–']).ok_or_else(bad)?;
    Ok(QuietHours {
        start: parse_hhmm(start).ok_or_else(bad)?,
        end: parse_hhmm(end).ok_or_else(bad)?,
    })
}

fn on_off(option: &str, v: &str) -> Result<bool, String> {
    match v.trim() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{option} `{v}`: use on or off")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn options_change_only_what_they_name() {
        let d = ReminderSettings::default();
        let o = ReminderOptions {
            weekday: Some("wed".into()),
            time: Some("18:00".into()),
            practice: Some("19:30".into()),
            quiet: Some("22:00–07:00".into()),
            nudges: Some("off".into()),
            ..ReminderOptions::default()
        };
        let s = o.apply(&d).unwrap();
        assert_eq!(s.module_weekday, Some(Weekday::Wed));
        assert_eq!(s.module_time, hm(18, 0));
        assert_eq!(s.practice_time, Some(hm(19, 30)));
        assert_eq!(
            s.quiet_hours,
            Some(QuietHours {
                start: hm(22, 0),
                end: hm(7, 0)
            })
        );
        assert!(!s.nudges && s.message_alerts && s.module_reminders);
        let back = ReminderOptions {
            weekday: Some("opening-day".into()),
            practice: Some("off".into()),
            quiet: Some("off".into()),
            ..ReminderOptions::default()
        }
        .apply(&s)
        .unwrap();
        assert_eq!(back.module_weekday, None);
        assert_eq!(back.practice_time, None);
        assert_eq!(back.quiet_hours, None);
        assert!(!ReminderOptions::default().any() && o.any());
    }

    #[test]
    fn a_bad_value_names_its_option() {
        let d = ReminderSettings::default();
        for (o, option) in [
            (
                ReminderOptions {
                    weekday: Some("someday".into()),
                    ..ReminderOptions::default()
                },
                "--weekday",
            ),
            (
                ReminderOptions {
                    time: Some("25:00".into()),
                    ..ReminderOptions::default()
                },
                "--time",
            ),
            (
                ReminderOptions {
                    practice: Some("evening".into()),
                    ..ReminderOptions::default()
                },
                "--practice",
            ),
            (
                ReminderOptions {
                    quiet: Some("22:00".into()),
                    ..ReminderOptions::default()
                },
                "--quiet",
            ),
            (
                ReminderOptions {
                    messages: Some("yes please".into()),
                    ..ReminderOptions::default()
                },
                "--messages",
            ),
        ] {
            let e = o.apply(&d).unwrap_err();
            assert!(e.starts_with(option), "{e}");
        }
    }
}
