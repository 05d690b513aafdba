//! The patient's reminder preferences and their rules: which reminders,
//! on which weekday and at what local time, and the quiet hours when no
//! reminder may sound. Stored and synced as one preference (`reminders`)
//! holding compact JSON, so the patient's devices agree on the whole set.

use chrono::{NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The preference key the settings are stored and synced under.
pub const PREFERENCE_KEY: &str = "reminders";

/// A stretch of the local day when no reminder sounds, for example
/// 21:00–08:00. It may cross midnight; `start` is inside, `end` is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    /// When the quiet hours begin (local).
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    /// When they end (local); the first minute a reminder may sound again.
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
}

impl QuietHours {
    /// Whether local time `t` falls in the quiet hours.
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }
}

/// The patient's reminder settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderSettings {
    /// Remind when a new module opens.
    pub module_reminders: bool,
    /// The weekday for module reminders; `None` means the day the module
    /// opens.
    #[serde(with = "weekday_opt")]
    pub module_weekday: Option<Weekday>,
    /// The local time of module reminders; nudges and the access-ending
    /// warnings use it too.
    #[serde(with = "hhmm")]
    pub module_time: NaiveTime,
    /// The local time of the daily mindfulness reminder; `None` is off.
    #[serde(with = "hhmm_opt")]
    pub practice_time: Option<NaiveTime>,
    /// When no reminder sounds; `None` is never quiet.
    pub quiet_hours: Option<QuietHours>,
    /// One gentle nudge when the open module has rested for 3 days.
    pub nudges: bool,
    /// A notification when the clinic writes.
    pub message_alerts: bool,
}

impl Default for ReminderSettings {
    /// Module reminders at 10:00 on the day a module opens, nudges and
    /// message alerts on, no practice reminder, quiet 21:00–08:00.
    fn default() -> Self {
        ReminderSettings {
            module_reminders: true,
            module_weekday: None,
            module_time: hm(10, 0),
            practice_time: None,
            quiet_hours: Some(QuietHours {
                start: hm(21, 0),
                end: hm(8, 0),
            }),
            nudges: true,
            message_alerts: true,
        }
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Why reminder settings are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// A time has seconds; reminders are set to the minute.
    #[error("reminder times are whole minutes")]
    NotWholeMinutes,
    /// The quiet hours start and end at the same time.
    #[error("the quiet hours start and end at the same time")]
    EmptyQuietHours,
    /// The module reminder time falls in the quiet hours.
    #[error("the module reminder time is within the quiet hours")]
    ModuleTimeInQuietHours,
    /// The practice reminder time falls in the quiet hours.
    #[error("the practice reminder time is within the quiet hours")]
    PracticeTimeInQuietHours,
}

impl ReminderSettings {
    /// Checks the settings: whole minutes, quiet hours that are not empty,
    /// and no chosen reminder time inside them.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let times = [
            Some(self.module_time),
            self.practice_time,
            self.quiet_hours.map(|q| q.start),
            self.quiet_hours.map(|q| q.end),
        ];
        if times
            .into_iter()
            .flatten()
            .any(|t| t.second() != 0 || t.nanosecond() != 0)
        {
            return Err(SettingsError::NotWholeMinutes);
        }
        if let Some(q) = self.quiet_hours {
            if q.start == q.end {
                return Err(SettingsError::EmptyQuietHours);
            }
            if q.contains(self.module_time) {
                return Err(SettingsError::ModuleTimeInQuietHours);
            }
            if self.practice_time.is_some_and(|t| q.contains(t)) {
                return Err(SettingsError::PracticeTimeInQuietHours);
            }
        }
        Ok(())
    }

    /// The stored and synced form (compact JSON).
    pub fn to_wire(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored or synced form; `None` when it does not read or
    /// breaks a rule (the caller then keeps the defaults).
    pub fn from_wire(s: &str) -> Option<ReminderSettings> {
        if !s.trim_start().starts_with('{') {
            return None;
        }
        let settings: ReminderSettings = serde_json::from_str(s).ok()?;
        settings.validate().ok().map(|()| settings)
    }
}

/// Parses a weekday as the settings write it (`mon` … `sun`) or in full
/// (`monday`), either language's English spelling, any case.
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    s.trim().parse::<Weekday>().ok()
}

/// The short English weekday the settings write.
pub fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Parses `HH:MM` (24-hour).
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

mod hhmm {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        parse_hhmm(&s).ok_or_else(|| serde::de::Error::custom("a time must be HH:MM"))
    }
}

mod hhmm_opt {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_some(&t.format("%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| parse_hhmm(&s).ok_or_else(|| serde::de::Error::custom("a time must be HH:MM")))
            .transpose()
    }
}

mod weekday_opt {
    use super::*;

    pub fn serialize<S: Serializer>(w: &Option<Weekday>, s: S) -> Result<S::Ok, S::Error> {
        match w {
            Some(w) => s.serialize_some(weekday_code(*w)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Weekday>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| parse_weekday(&s).ok_or_else(|| serde::de::Error::custom("unknown weekday")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_may_cross_midnight() {
        let night = QuietHours {
            start: hm(21, 0),
            end: hm(8, 0),
        };
        for (t, quiet) in [
            (hm(20, 59), false),
            (hm(21, 0), true),
            (hm(0, 0), true),
            (hm(7, 59), true),
            (hm(8, 0), false),
            (hm(12, 0), false),
        ] {
            assert_eq!(night.contains(t), quiet, "{t}");
        }
        let lunch = QuietHours {
            start: hm(12, 0),
            end: hm(13, 0),
        };
        assert!(
            lunch.contains(hm(12, 30)) && !lunch.contains(hm(13, 0)) && !lunch.contains(hm(11, 59))
        );
    }

    #[test]
    fn rules() {
        let ok = ReminderSettings::default();
        assert_eq!(ok.validate(), Ok(()));
        let mut s = ok.clone();
        s.module_time = hm(22, 0);
        assert_eq!(s.validate(), Err(SettingsError::ModuleTimeInQuietHours));
        let mut s = ok.clone();
        s.practice_time = Some(hm(7, 30));
        assert_eq!(s.validate(), Err(SettingsError::PracticeTimeInQuietHours));
        let mut s = ok.clone();
        s.quiet_hours = Some(QuietHours {
            start: hm(9, 0),
            end: hm(9, 0),
        });
        assert_eq!(s.validate(), Err(SettingsError::EmptyQuietHours));
        let mut s = ok.clone();
        s.module_time = NaiveTime::from_hms_opt(10, 0, 30).unwrap();
        assert_eq!(s.validate(), Err(SettingsError::NotWholeMinutes));
        let mut s = ok;
        s.quiet_hours = None;
        s.module_time = hm(23, 45);
        assert_eq!(s.validate(), Ok(()), "no quiet hours: any time");
    }

    #[test]
    fn wire_form_round_trips_and_refuses_what_breaks_a_rule() {
        let s = ReminderSettings {
            module_weekday: Some(Weekday::Tue),
            practice_time: Some(hm(19, 15)),
            ..ReminderSettings::default()
        };
        let wire = s.to_wire();
        assert_eq!(
            wire,
            r#"{"module_reminders":true,"module_weekday":"tue","module_time":"10:00","practice_time":"19:15","quiet_hours":{"start":"21:00","end":"08:00"},"nudges":true,"message_alerts":true}"#
        );
        assert_eq!(ReminderSettings::from_wire(&wire), Some(s));
        // Missing fields take the defaults (an older app's settings).
        assert_eq!(
            ReminderSettings::from_wire(r#"{"module_time":"09:30"}"#).map(|s| s.module_time),
            Some(hm(9, 30))
        );
        for bad in [
            "",
            "[]",
            r#"{"module_time":"25:00"}"#,
            r#"{"module_weekday":"someday"}"#,
            r#"{"module_time":"23:00"}"#,
            r#"{"colour":"red"}"#,
        ] {
            assert_eq!(ReminderSettings::from_wire(bad), None, "{bad}");
        }
    }
}
