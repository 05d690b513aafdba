//! The portal's words, Swedish first and English second. One struct per
//! language, so a template cannot ask for a text one language lacks.

/// The portal's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish (the default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// From a `lang` value (`sv`, `en`); anything else is Swedish.
    pub fn parse(s: Option<&str>) -> Lang {
        if s == Some("en") { Lang::En } else { Lang::Sv }
    }

    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// Every text the sign-in pages show.
#[derive(Debug)]
pub struct Texts {
    /// The product's name.
    pub product: &'static str,
    /// "Clinician portal".
    pub portal: &'static str,
    /// Sign-in page heading and button.
    pub sign_in: &'static str,
    /// E-mail field label.
    pub email: &'static str,
    /// Password field label.
    pub password: &'static str,
    /// Wrong e-mail or password.
    pub wrong_password: &'static str,
    /// Too many attempts.
    pub too_many_attempts: &'static str,
    /// Second-factor page heading.
    pub second_factor: &'static str,
    /// How to set up the authenticator app.
    pub setup_help: &'static str,
    /// Label of the secret typed by hand.
    pub setup_key: &'static str,
    /// Code field label.
    pub code: &'static str,
    /// Code field hint.
    pub code_hint: &'static str,
    /// Wrong code.
    pub wrong_code: &'static str,
    /// Confirm button.
    pub confirm: &'static str,
    /// Recovery code field label.
    pub recovery_code: &'static str,
    /// Hint for the recovery code.
    pub recovery_hint: &'static str,
    /// Recovery codes page heading.
    pub recovery_codes: &'static str,
    /// Recovery codes explanation.
    pub recovery_codes_help: &'static str,
    /// Continue link.
    pub continue_: &'static str,
    /// Sign-out button.
    pub sign_out: &'static str,
    /// Signed out / session ended notice.
    pub signed_out: &'static str,
    /// Work queue heading.
    pub work_queue: &'static str,
    /// Queue section: unread messages.
    pub queue_unread: &'static str,
    /// Queue section: answers to review.
    pub queue_unreviewed: &'static str,
    /// Queue section: inactive patients.
    pub queue_inactive: &'static str,
    /// Queue section: access ending.
    pub queue_ending: &'static str,
    /// An empty queue section.
    pub queue_empty: &'static str,
    /// Marks the signed-in clinician's own patients.
    pub my_patient: &'static str,
    /// Patients page heading and nav link.
    pub patients: &'static str,
    /// The enrolment page's link (nav, patient list, start page).
    pub enrol_patient: &'static str,
    /// Search field label and button.
    pub search: &'static str,
    /// Search hint.
    pub search_hint: &'static str,
    /// Column: name.
    pub col_name: &'static str,
    /// Column: personal identity number.
    pub col_personal_number: &'static str,
    /// Column: current module.
    pub col_module: &'static str,
    /// Column: last sync.
    pub col_last_sync: &'static str,
    /// Column: status.
    pub col_status: &'static str,
    /// No patient matches.
    pub no_patients: &'static str,
    /// Thread: my clinician.
    pub thread_clinician: &'static str,
    /// Thread: team mailbox.
    pub thread_team: &'static str,
    /// Answers heading.
    pub answers: &'static str,
    /// No answers yet.
    pub no_answers: &'static str,
    /// Edit history summary.
    pub history: &'static str,
    /// Reviewed mark.
    pub reviewed: &'static str,
    /// Mark reviewed button.
    pub mark_reviewed: &'static str,
    /// Messages heading.
    pub messages: &'static str,
    /// Author: the patient.
    pub from_patient: &'static str,
    /// Author: the clinic.
    pub from_clinic: &'static str,
    /// Unread mark.
    pub unread: &'static str,
    /// Reply field label.
    pub reply: &'static str,
    /// Send button.
    pub send: &'static str,
    /// Mark thread read button.
    pub mark_read: &'static str,
    /// No messages.
    pub no_messages: &'static str,
    /// Devices heading.
    pub devices: &'static str,
    /// Device state column.
    pub device_state: &'static str,
    /// Activated column.
    pub activated: &'static str,
    /// Last seen column.
    pub last_seen: &'static str,
    /// Revoke button.
    pub revoke: &'static str,
    /// Personal identity number label.
    pub personal_number: &'static str,
    /// The other language's name, for the switch link.
    pub other_language: &'static str,
    /// The other language's code.
    pub other_lang_code: &'static str,
    /// Skip link.
    pub skip_to_content: &'static str,
}

/// Swedish.
pub static SV: Texts = Texts {
    product: "Smärtskolan",
    portal: "Portal för vårdpersonal",
    sign_in: "Logga in",
    email: "E-postadress",
    password: "Lösenord",
    wrong_password: "Fel e-postadress eller lösenord.",
    too_many_attempts: "För många försök. Vänta en stund och försök igen.",
    second_factor: "Engångskod",
    setup_help: "Första gången: skanna QR-koden med en autentiseringsapp i din telefon och skriv sedan in den sexsiffriga koden som appen visar.",
    setup_key: "Nyckel att skriva in för hand",
    code: "Kod från appen",
    code_hint: "Sex siffror",
    wrong_code: "Koden stämmer inte. Vänta på nästa kod och försök igen.",
    confirm: "Bekräfta",
    recovery_code: "Eller en reservkod",
    recovery_hint: "Om du inte har telefonen med dig",
    recovery_codes: "Dina reservkoder",
    recovery_codes_help: "Skriv ut eller spara koderna på ett säkert ställe. Varje kod fungerar en gång om du inte har din telefon. De visas bara nu.",
    continue_: "Fortsätt",
    sign_out: "Logga ut",
    signed_out: "Du är utloggad.",
    work_queue: "Arbetskö",
    queue_unread: "Olästa meddelanden",
    queue_unreviewed: "Svar att läsa",
    queue_inactive: "Inaktiva i 14 dagar eller mer",
    queue_ending: "Tillgången slutar inom 30 dagar",
    queue_empty: "Inget här just nu.",
    my_patient: "din patient",
    patients: "Patienter",
    enrol_patient: "Skriv in patient",
    search: "Sök",
    search_hint: "Namn eller personnummer",
    col_name: "Namn",
    col_personal_number: "Personnummer",
    col_module: "Modul",
    col_last_sync: "Senast synkad",
    col_status: "Status",
    no_patients: "Ingen patient matchar.",
    thread_clinician: "Meddelanden till behandlaren",
    thread_team: "Teamets brevlåda",
    answers: "Svar",
    no_answers: "Inga inskickade svar ännu.",
    history: "Tidigare versioner",
    reviewed: "Läst",
    mark_reviewed: "Markera som läst",
    messages: "Meddelanden",
    from_patient: "Patienten",
    from_clinic: "Kliniken",
    unread: "oläst",
    reply: "Svar till patienten",
    send: "Skicka",
    mark_read: "Markera som läst",
    no_messages: "Inga meddelanden.",
    devices: "Enheter",
    device_state: "Status",
    activated: "Aktiverad",
    last_seen: "Senast synkad",
    revoke: "Spärra (borttappad telefon)",
    personal_number: "Personnummer",
    other_language: "English",
    other_lang_code: "en",
    skip_to_content: "Hoppa till innehållet",
};

/// English.
pub static EN: Texts = Texts {
    product: "The Pain School",
    portal: "Clinician portal",
    sign_in: "Sign in",
    email: "E-mail address",
    password: "Password",
    wrong_password: "Wrong e-mail address or password.",
    too_many_attempts: "Too many attempts. Wait a while and try again.",
    second_factor: "One-time code",
    setup_help: "First time: scan the QR code with an authenticator app on your phone, then type the six-digit code the app shows.",
    setup_key: "Key to type by hand",
    code: "Code from the app",
    code_hint: "Six digits",
    wrong_code: "The code does not match. Wait for the next code and try again.",
    confirm: "Confirm",
    recovery_code: "Or a recovery code",
    recovery_hint: "If you do not have your phone with you",
    recovery_codes: "Your recovery codes",
    recovery_codes_help: "Print or store these codes somewhere safe. Each works once if you do not have your phone. They are shown only now.",
    continue_: "Continue",
    sign_out: "Sign out",
    signed_out: "You are signed out.",
    work_queue: "Work queue",
    queue_unread: "Unread messages",
    queue_unreviewed: "Answers to review",
    queue_inactive: "Inactive for 14 days or more",
    queue_ending: "Access ends within 30 days",
    queue_empty: "Nothing here right now.",
    my_patient: "your patient",
    patients: "Patients",
    enrol_patient: "Enrol a patient",
    search: "Search",
    search_hint: "Name or personal identity number",
    col_name: "Name",
    col_personal_number: "Personal identity number",
    col_module: "Module",
    col_last_sync: "Last synced",
    col_status: "Status",
    no_patients: "No patient matches.",
    thread_clinician: "Messages to the clinician",
    thread_team: "Team mailbox",
    answers: "Answers",
    no_answers: "No submitted answers yet.",
    history: "Earlier versions",
    reviewed: "Reviewed",
    mark_reviewed: "Mark reviewed",
    messages: "Messages",
    from_patient: "The patient",
    from_clinic: "The clinic",
    unread: "unread",
    reply: "Reply to the patient",
    send: "Send",
    mark_read: "Mark read",
    no_messages: "No messages.",
    devices: "Devices",
    device_state: "State",
    activated: "Activated",
    last_seen: "Last synced",
    revoke: "Revoke (lost phone)",
    personal_number: "Personal identity number",
    other_language: "Svenska",
    other_lang_code: "sv",
    skip_to_content: "Skip to content",
};
