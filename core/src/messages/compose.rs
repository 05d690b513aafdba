//! The compose view: what the app shows above the text field. The unit's
//! stated reply time in the patient's language and the safety line (this is
//! not for emergencies: 112, 1177), Swedish first.

use serde::Serialize;

use super::model::{MAX_MESSAGE_CHARS, Thread, UnitInfo};
use crate::content::Lang;

/// What the compose screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compose {
    /// The thread written to.
    pub thread: Thread,
    /// The unit's name, once known (from activation or sync).
    pub unit_name: Option<String>,
    /// The unit's stated reply time in the patient's language, once known.
    pub reply_time: Option<String>,
    /// Where to turn instead in an emergency; always shown.
    pub safety_line: String,
    /// The longest message, in characters.
    pub max_chars: u32,
}

/// The safety line in `lang`.
pub fn safety_line(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => {
            "Meddelanden är inte för akuta ärenden. Vid akut fara för liv eller hälsa, ring 112. \
             För sjukvårdsrådgivning dygnet runt, ring 1177."
        }
        Lang::En => {
            "Messages are not for emergencies. If life or health is in danger, call 112. \
             For medical advice at any hour, call 1177."
        }
    }
}

/// The compose view for `thread`, in `lang`.
pub fn compose(thread: Thread, unit: Option<&UnitInfo>, lang: Lang) -> Compose {
    let reply_time = unit.map(|u| match lang {
        Lang::Sv => u.reply_time_sv.clone(),
        Lang::En => u.reply_time_en.clone(),
    });
    Compose {
        thread,
        unit_name: unit.map(|u| u.name.clone()),
        reply_time: reply_time.filter(|r| !r.trim().is_empty()),
        safety_line: safety_line(lang).to_owned(),
        max_chars: MAX_MESSAGE_CHARS as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit() -> UnitInfo {
        UnitInfo {
            name: "Testenheten".into(),
            reply_time_sv: "Vi svarar inom två vardagar.".into(),
            reply_time_en: "We reply within two working days.".into(),
        }
    }

    #[test]
    fn the_reply_time_follows_the_patients_language() {
        let sv = compose(Thread::Team, Some(&unit()), Lang::Sv);
        assert_eq!(
            sv.reply_time.as_deref(),
            Some("Vi svarar inom två vardagar.")
        );
        assert_eq!(sv.unit_name.as_deref(), Some("Testenheten"));
        let en = compose(Thread::Clinician, Some(&unit()), Lang::En);
        assert_eq!(
            en.reply_time.as_deref(),
            Some("We reply within two working days.")
        );
        assert_eq!(en.max_chars, 4000);
    }

    #[test]
    fn the_safety_line_names_112_and_1177_in_both_languages_even_without_a_unit() {
        for lang in Lang::ALL {
            let c = compose(Thread::Team, None, lang);
            assert!(c.safety_line.contains("112") && c.safety_line.contains("1177"));
            assert_eq!(c.reply_time, None);
        }
        assert!(safety_line(Lang::Sv).contains("akuta"));
        assert!(safety_line(Lang::En).contains("emergencies"));
    }
}
