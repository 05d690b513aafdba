//! The summary's own words in Swedish and English. Content free beyond what
//! the patient wrote, and always where to turn.

use crate::model::Lang;

/// The fixed texts of a summary.
#[derive(Debug)]
pub struct Texts {
    /// The language these are in.
    pub lang: Lang,
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
    /// "Date" (a diary row's date column).
    pub written: &'static str,
    /// The check-in heading.
    pub check_in: &'static str,
    /// "Week".
    pub week: &'static str,
    /// Under the check-in chart: what the numbers are.
    pub check_in_note: &'static str,
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
    /// The program's name (the masthead and the footer).
    pub brand: &'static str,
    /// What the document is, under the title.
    pub intro: &'static str,
}

const SV: Texts = Texts {
    lang: Lang::Sv,
    title: "Min sammanfattning från Smärtskolan",
    period: "Kursperiod",
    made_on: "Gjord",
    plans: "Mina planer efter kursen",
    module: "Modul",
    not_answered: "Inte besvarad ännu",
    answered: "Besvarad",
    written: "Datum",
    check_in: "Veckans avstämning",
    week: "Vecka",
    check_in_note: "Dina svar 0–10 för varje kursvecka. Där en siffra saknas svarade du inte den veckan.",
    practice: "Mindfulness, minuter per vecka",
    week_of: "Veckan från",
    minutes: "Minuter",
    none: "Inget ännu.",
    where_to_turn: "Om det blir värre: kontakta din mottagning eller ring 1177 (1177.se). Vid akut fara för liv eller hälsa, ring 112.",
    brand: "Smärtskolan",
    intro: "Här är det du skrev under kursen: dina planer, dina svar och dina anteckningar. Spara den, läs den när du behöver och ta gärna med den till dina besök.",
};

const EN: Texts = Texts {
    lang: Lang::En,
    title: "My summary from the Pain School",
    period: "Course period",
    made_on: "Made on",
    plans: "My plans after the course",
    module: "Module",
    not_answered: "Not answered yet",
    answered: "Answered",
    written: "Date",
    check_in: "Weekly check-in",
    week: "Week",
    check_in_note: "Your answers, 0–10, for each course week. Where a number is missing you did not answer that week.",
    practice: "Mindfulness, minutes per week",
    week_of: "Week from",
    minutes: "Minutes",
    none: "Nothing yet.",
    where_to_turn: "If things get worse: contact your clinic or call 1177 (1177.se). In an emergency, call 112.",
    brand: "Pain School",
    intro: "This is what you wrote during the course: your plans, your answers and your notes. Keep it, read it when you need to, and feel free to bring it to your visits.",
};

/// A date as the summary prints it (ISO, as Swedish documents do).
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl Texts {
    /// The texts of `lang`.
    pub fn of(lang: Lang) -> &'static Texts {
        match lang {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    fn is_sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    /// "Page 2 of 9".
    pub fn page(&self, n: usize, of: usize) -> String {
        if self.is_sv() {
            format!("Sida {n} av {of}")
        } else {
            format!("Page {n} of {of}")
        }
    }

    /// The practice total: "In all 412 minutes over 38 weeks."
    pub fn practice_total(&self, minutes: u32, weeks: usize) -> String {
        match (self.is_sv(), weeks) {
            (true, 1) => format!("Totalt {minutes} minuter under 1 vecka."),
            (true, _) => format!("Totalt {minutes} minuter under {weeks} veckor."),
            (false, 1) => format!("In all {minutes} minutes in 1 week."),
            (false, _) => format!("In all {minutes} minutes over {weeks} weeks."),
        }
    }
}
