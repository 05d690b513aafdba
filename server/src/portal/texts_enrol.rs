//! The words of the enrolment form, the activation letter, the patient
//! page's pacing, access and visit forms and the check-in chart, Swedish
//! first and English second (beside `texts`, whose struct holds the sign-in
//! and list pages' words). One struct per language, so a template cannot
//! ask for a text one language lacks.

use super::texts::Lang;

/// The enrolment, letter, pacing and chart texts.
#[derive(Debug)]
pub struct EnrolTexts {
    /// Enrolment page heading and link.
    pub enrol: &'static str,
    /// What the form does.
    pub enrol_help: &'static str,
    /// Error summary heading.
    pub form_has_errors: &'static str,
    /// Name label.
    pub name: &'static str,
    /// Personal number label.
    pub personal_number: &'static str,
    /// Its hint.
    pub personal_number_hint: &'static str,
    /// Assessed-by label.
    pub assessed_by: &'static str,
    /// Assessment date label.
    pub assessed_on: &'static str,
    /// Responsible clinician label.
    pub responsible: &'static str,
    /// Pace label.
    pub pace: &'static str,
    /// Pace options.
    pub pace_weekly: &'static str,
    /// Every N days.
    pub pace_every_n_days: &'static str,
    /// All at once.
    pub pace_all_at_once: &'static str,
    /// Manual.
    pub pace_manual: &'static str,
    /// Days label (every N days).
    pub pace_days: &'static str,
    /// Its hint.
    pub pace_days_hint: &'static str,
    /// Read-ahead checkbox.
    pub read_ahead: &'static str,
    /// Letter language label.
    pub letter_language: &'static str,
    /// Submit button.
    pub enrol_button: &'static str,
    /// Access note on the form.
    pub access_note: &'static str,
    /// Errors.
    pub err_name: &'static str,
    /// Bad personal number.
    pub err_personal_number: &'static str,
    /// The unit already has this person.
    pub err_already_enrolled: &'static str,
    /// Missing assessor.
    pub err_assessed_by: &'static str,
    /// Bad date.
    pub err_assessed_on: &'static str,
    /// Unknown clinician.
    pub err_responsible: &'static str,
    /// Bad pace.
    pub err_pace: &'static str,
    /// Letter heading.
    pub letter_title: &'static str,
    /// "For".
    pub letter_for: &'static str,
    /// Intro of the letter.
    pub letter_intro: &'static str,
    /// Steps heading.
    pub letter_steps: &'static str,
    /// Step 1.
    pub letter_step_install: &'static str,
    /// Step 2.
    pub letter_step_scan: &'static str,
    /// Step 3 (before the date).
    pub letter_step_expires: &'static str,
    /// Code heading.
    pub letter_code: &'static str,
    /// The QR code's accessible name.
    pub letter_qr: &'static str,
    /// Safety line.
    pub letter_safety: &'static str,
    /// Shown on screen only: print now, the code is not shown again.
    pub letter_print_note: &'static str,
    /// Back to the patient page.
    pub letter_back: &'static str,
    /// New activation code button.
    pub new_code: &'static str,
    /// Its help.
    pub new_code_help: &'static str,
    /// Course and access section heading.
    pub course_access: &'static str,
    /// Status label.
    pub status: &'static str,
    /// Status: waiting for the first activation.
    pub status_waiting: &'static str,
    /// Status: active.
    pub status_active: &'static str,
    /// Status: ended.
    pub status_ended: &'static str,
    /// Current module label.
    pub current_module: &'static str,
    /// Module.
    pub module: &'static str,
    /// Planned end label.
    pub planned_end: &'static str,
    /// Planned end before the first activation.
    pub planned_end_waiting: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Change-pace button.
    pub change_pace: &'static str,
    /// Unlock label and button.
    pub unlock: &'static str,
    /// Unlock button.
    pub unlock_button: &'static str,
    /// Modules opened by hand.
    pub unlocked_by_hand: &'static str,
    /// Allow reading ahead button.
    pub allow_read_ahead: &'static str,
    /// Stop reading ahead button.
    pub stop_read_ahead: &'static str,
    /// Extend label.
    pub extend_months: &'static str,
    /// Extend button.
    pub extend: &'static str,
    /// End access heading/button.
    pub end_access: &'static str,
    /// Confirmation checkbox.
    pub end_confirm: &'static str,
    /// Bad month count.
    pub err_months: &'static str,
    /// Not confirmed.
    pub err_confirm: &'static str,
    /// Unknown module.
    pub err_module: &'static str,
    /// Visits heading.
    pub visits: &'static str,
    /// No visits.
    pub no_visits: &'static str,
    /// Visit columns and labels.
    pub visit_date: &'static str,
    /// Time.
    pub visit_time: &'static str,
    /// Minutes.
    pub visit_minutes: &'static str,
    /// Kind.
    pub visit_kind: &'static str,
    /// At the clinic.
    pub visit_clinic: &'static str,
    /// Video.
    pub visit_video: &'static str,
    /// Phone.
    pub visit_phone: &'static str,
    /// Place.
    pub visit_place: &'static str,
    /// Video link.
    pub visit_link: &'static str,
    /// Its hint.
    pub visit_link_hint: &'static str,
    /// Cancelled.
    pub visit_cancelled: &'static str,
    /// Book button.
    pub book_visit: &'static str,
    /// Bad date or time.
    pub err_visit_time: &'static str,
    /// Bad minutes.
    pub err_visit_minutes: &'static str,
    /// Bad link.
    pub err_visit_link: &'static str,
    /// Bad place.
    pub err_visit_place: &'static str,
    /// Check-in heading.
    pub checkin: &'static str,
    /// No check-ins.
    pub no_checkins: &'static str,
    /// The chart's accessible name (before the question names).
    pub checkin_chart: &'static str,
    /// Week.
    pub week: &'static str,
    /// Table caption.
    pub checkin_table: &'static str,
    /// Practice heading.
    pub practice: &'static str,
    /// No practice yet.
    pub no_practice: &'static str,
    /// Caption: minutes per week.
    pub practice_weeks: &'static str,
    /// Caption: per exercise.
    pub practice_exercises: &'static str,
    /// Column: the week beginning.
    pub week_of: &'static str,
    /// Column: exercise.
    pub exercise: &'static str,
    /// Column: sessions.
    pub sessions: &'static str,
    /// Column: completed sessions.
    pub completed: &'static str,
    /// Column: minutes.
    pub minutes: &'static str,
}

impl EnrolTexts {
    /// The texts of `lang`.
    pub fn of(lang: Lang) -> &'static EnrolTexts {
        match lang {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

const SV: EnrolTexts = EnrolTexts {
    enrol: "Skriv in patient",
    enrol_help: "Patienten får ett aktiveringsbrev med en kod som gäller en gång.",
    form_has_errors: "Formuläret behöver rättas",
    name: "Namn",
    personal_number: "Personnummer",
    personal_number_hint: "ÅÅÅÅMMDD-NNNN",
    assessed_by: "Bedömd av",
    assessed_on: "Bedömningsdatum",
    responsible: "Ansvarig behandlare",
    pace: "Takt",
    pace_weekly: "En modul i veckan",
    pace_every_n_days: "En modul var N:e dag",
    pace_all_at_once: "Alla moduler direkt",
    pace_manual: "Behandlaren öppnar modulerna",
    pace_days: "Dagar mellan modulerna",
    pace_days_hint: "1–60, bara för ”var N:e dag”",
    read_ahead: "Patienten får läsa i förväg",
    letter_language: "Brevets språk",
    enrol_button: "Skriv in och skapa aktiveringsbrev",
    access_note: "Tillgången börjar när patienten aktiverar appen och gäller i 12 månader.",
    err_name: "Skriv patientens namn (högst 200 tecken).",
    err_personal_number: "Personnumret stämmer inte. Kontrollera siffrorna.",
    err_already_enrolled: "En patient med det personnumret finns redan på enheten. Skapa en ny kod från patientens sida om en behövs.",
    err_assessed_by: "Skriv vem som bedömde patienten (högst 200 tecken).",
    err_assessed_on: "Ange ett datum som ÅÅÅÅ-MM-DD, inte i framtiden.",
    err_responsible: "Välj en behandlare på enheten.",
    err_pace: "Välj en takt; för ”var N:e dag” 1–60 dagar.",
    letter_title: "Välkommen till Smärtskolan",
    letter_for: "Till",
    letter_intro: "Din behandlare har gett dig tillgång till Smärtskolan, en kurs om långvarig smärta i din mobil.",
    letter_steps: "Så kommer du igång",
    letter_step_install: "Installera appen Smärtskolan från App Store eller Google Play.",
    letter_step_scan: "Öppna appen och skanna QR-koden, eller skriv in koden.",
    letter_step_expires: "Koden fungerar en gång och slutar gälla",
    letter_code: "Din kod",
    letter_qr: "QR-kod för att aktivera appen",
    letter_safety: "Smärtskolan är inte till för akuta frågor. Ring 1177 för sjukvårdsrådgivning och 112 vid en nödsituation.",
    letter_print_note: "Skriv ut brevet nu (Ctrl+P). Koden visas bara här och kan inte visas igen; behövs den igen skapar du en ny.",
    letter_back: "Till patientens sida",
    new_code: "Ny aktiveringskod",
    new_code_help: "För en ny telefon. Andra koder och telefoner påverkas inte.",
    course_access: "Kurs och tillgång",
    status: "Status",
    status_waiting: "väntar på första aktiveringen",
    status_active: "aktiv",
    status_ended: "avslutad",
    current_module: "Aktuell modul",
    module: "Modul",
    planned_end: "Tillgången slutar",
    planned_end_waiting: "12 månader efter första aktiveringen",
    yes: "ja",
    no: "nej",
    change_pace: "Ändra takt",
    unlock: "Öppna en modul",
    unlock_button: "Öppna modulen",
    unlocked_by_hand: "Öppnade av behandlare",
    allow_read_ahead: "Tillåt att läsa i förväg",
    stop_read_ahead: "Sluta tillåta att läsa i förväg",
    extend_months: "Förläng med antal månader",
    extend: "Förläng tillgången",
    end_access: "Avsluta tillgången nu",
    end_confirm: "Jag förstår att patientens telefoner slutar synka (de får 14 dagar att skicka det som skrivits utan nät).",
    err_months: "Ange 1–24 månader.",
    err_confirm: "Kryssa i rutan för att bekräfta.",
    err_module: "Välj en modul.",
    visits: "Besök",
    no_visits: "Inga bokade besök.",
    visit_date: "Datum",
    visit_time: "Tid",
    visit_minutes: "Minuter",
    visit_kind: "Typ",
    visit_clinic: "på mottagningen",
    visit_video: "video",
    visit_phone: "telefon",
    visit_place: "Plats",
    visit_link: "Videolänk",
    visit_link_hint: "Måste börja med https://",
    visit_cancelled: "inställt",
    book_visit: "Boka besök",
    err_visit_time: "Ange datum som ÅÅÅÅ-MM-DD och tid som TT:MM.",
    err_visit_minutes: "Ange 5–480 minuter.",
    err_visit_link: "Länken måste börja med https:// och får inte innehålla mellanslag.",
    err_visit_place: "Platsen får vara högst 200 tecken.",
    checkin: "Veckans avstämning",
    practice: "Mindfulnessövningar",
    no_practice: "Inga övningar loggade ännu.",
    practice_weeks: "Minuter per vecka",
    practice_exercises: "Per övning (fullföljd: minst 90 % lyssnat)",
    week_of: "Veckan från",
    exercise: "Övning",
    sessions: "Tillfällen",
    completed: "Fullföljda",
    minutes: "Minuter",
    no_checkins: "Inga inskickade avstämningar än.",
    checkin_chart: "Diagram över veckans avstämning",
    week: "Vecka",
    checkin_table: "Veckans avstämning, siffror",
};

const EN: EnrolTexts = EnrolTexts {
    enrol: "Enrol a patient",
    enrol_help: "The patient gets an activation letter with a code that works once.",
    form_has_errors: "The form needs correcting",
    name: "Name",
    personal_number: "Personal identity number",
    personal_number_hint: "YYYYMMDD-NNNN",
    assessed_by: "Assessed by",
    assessed_on: "Assessment date",
    responsible: "Responsible clinician",
    pace: "Pace",
    pace_weekly: "One module a week",
    pace_every_n_days: "One module every N days",
    pace_all_at_once: "All modules at once",
    pace_manual: "The clinician opens modules",
    pace_days: "Days between modules",
    pace_days_hint: "1–60, only for “every N days”",
    read_ahead: "The patient may read ahead",
    letter_language: "Letter language",
    enrol_button: "Enrol and make the activation letter",
    access_note: "Access starts when the patient activates the app and lasts 12 months.",
    err_name: "Type the patient's name (at most 200 characters).",
    err_personal_number: "The personal identity number is not valid. Check the digits.",
    err_already_enrolled: "A patient with this personal identity number is already enrolled at the unit. Make a new code from the patient's page if one is needed.",
    err_assessed_by: "Type who assessed the patient (at most 200 characters).",
    err_assessed_on: "Give a date as YYYY-MM-DD, not in the future.",
    err_responsible: "Choose a clinician of the unit.",
    err_pace: "Choose a pace; for “every N days”, 1–60 days.",
    letter_title: "Welcome to Smärtskolan",
    letter_for: "For",
    letter_intro: "Your clinician has given you access to Smärtskolan, a course about long-term pain on your phone.",
    letter_steps: "How to start",
    letter_step_install: "Install the Smärtskolan app from the App Store or Google Play.",
    letter_step_scan: "Open the app and scan the QR code, or type the code.",
    letter_step_expires: "The code works once and expires on",
    letter_code: "Your code",
    letter_qr: "QR code to activate the app",
    letter_safety: "Smärtskolan is not for emergencies. Call 1177 for healthcare advice and 112 in an emergency.",
    letter_print_note: "Print the letter now (Ctrl+P). The code is shown only here and cannot be shown again; if it is needed again, make a new one.",
    letter_back: "Back to the patient page",
    new_code: "New activation code",
    new_code_help: "For another phone. Other codes and phones are not affected.",
    course_access: "Course and access",
    status: "Status",
    status_waiting: "waiting for the first activation",
    status_active: "active",
    status_ended: "ended",
    current_module: "Current module",
    module: "Module",
    planned_end: "Access ends",
    planned_end_waiting: "12 months after the first activation",
    yes: "yes",
    no: "no",
    change_pace: "Change pace",
    unlock: "Open a module",
    unlock_button: "Open the module",
    unlocked_by_hand: "Opened by a clinician",
    allow_read_ahead: "Allow reading ahead",
    stop_read_ahead: "Stop allowing reading ahead",
    extend_months: "Extend by months",
    extend: "Extend access",
    end_access: "End access now",
    end_confirm: "I understand that the patient's phones stop syncing (they get 14 days to send what was written offline).",
    err_months: "Give 1–24 months.",
    err_confirm: "Tick the box to confirm.",
    err_module: "Choose a module.",
    visits: "Visits",
    no_visits: "No booked visits.",
    visit_date: "Date",
    visit_time: "Time",
    visit_minutes: "Minutes",
    visit_kind: "Kind",
    visit_clinic: "at the clinic",
    visit_video: "video",
    visit_phone: "phone",
    visit_place: "Place",
    visit_link: "Video link",
    visit_link_hint: "Must start with https://",
    visit_cancelled: "cancelled",
    book_visit: "Book the visit",
    err_visit_time: "Give the date as YYYY-MM-DD and the time as HH:MM.",
    err_visit_minutes: "Give 5–480 minutes.",
    err_visit_link: "The link must start with https:// and contain no spaces.",
    err_visit_place: "The place may be at most 200 characters.",
    checkin: "Weekly check-in",
    practice: "Mindfulness practice",
    no_practice: "No practice logged yet.",
    practice_weeks: "Minutes per week",
    practice_exercises: "Per exercise (completed: at least 90 % heard)",
    week_of: "Week from",
    exercise: "Exercise",
    sessions: "Sessions",
    completed: "Completed",
    minutes: "Minutes",
    no_checkins: "No check-ins sent yet.",
    checkin_chart: "Chart of the weekly check-in",
    week: "Week",
    checkin_table: "Weekly check-in, numbers",
};
