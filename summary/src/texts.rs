//! The summary's own words in Swedish and English. Content free beyond what
//! the patient wrote, and always where to turn.

use crate::model::Lang;

/// The fixed texts of a summary.
#[derive(Debug)]
pub struct Texts {
    /// The document's title.
    pub title: &'static str,
    /// "Course period".
    pub period: &'static str,
    /// "Made on".
    pub made_on: &'static str,
    /// The plans' heading.
    pub plans: &'static str,
    /// "Module".
    pub module: &'static str,
    /// Printed for an unanswered question.
    pub not_answered: &'static str,
    /// "Answered".
    pub answered: &'static str,
    /// "Written" (a diary row's date column).
    pub written: &'static str,
    /// The check-in heading.
    pub check_in: &'static str,
    /// "Week".
    pub week: &'static str,
    /// The practice heading.
    pub practice: &'static str,
    /// "Week of".
    pub week_of: &'static str,
    /// "Minutes".
    pub minutes: &'static str,
    /// "No check-ins answered." / "No practice logged."
    pub none: &'static str,
    /// The closing line: where to turn.
    pub where_to_turn: &'static str,
}

const SV: Texts = Texts {
    title: "Min sammanfattning från Smärtskolan",
    period: "Kursperiod",
    made_on: "Gjord",
    plans: "Mina planer efter kursen",
    module: "Modul",
    not_answered: "Inte besvarad ännu",
    answered: "Besvarad",
    written: "Skrivet",
    check_in: "Veckans avstämning",
    week: "Vecka",
    practice: "Mindfulness, minuter per vecka",
    week_of: "Veckan från",
    minutes: "Minuter",
    none: "Inget ännu.",
    where_to_turn: "Om det blir värre: kontakta din mottagning eller ring 1177 (1177.se). Vid akut fara för liv eller hälsa, ring 112.",
};

const EN: Texts = Texts {
    title: "My summary from the Pain School",
    period: "Course period",
    made_on: "Made on",
    plans: "My plans after the course",
    module: "Module",
    not_answered: "Not answered yet",
    answered: "Answered",
    written: "Written",
    check_in: "Weekly check-in",
    week: "Week",
    practice: "Mindfulness, minutes per week",
    week_of: "Week from",
    minutes: "Minutes",
    none: "Nothing yet.",
    where_to_turn: "If things get worse: contact your clinic or call 1177 (1177.se). In an emergency, call 112.",
};

impl Texts {
    /// The texts of `lang`.
    pub fn of(lang: Lang) -> &'static Texts {
        match lang {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
