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
    /// Notice: a reply posted after the session ended was kept.
    pub draft_saved: &'static str,
    /// Heading: choose one's own password at first sign-in.
    pub choose_password: &'static str,
    /// Why a new password is needed.
    pub choose_password_help: &'static str,
    /// New password field label.
    pub new_password: &'static str,
    /// Repeat field label.
    pub new_password_again: &'static str,
    /// A new password of the wrong length.
    pub password_too_short: &'static str,
    /// The two new passwords differ.
    pub passwords_differ: &'static str,
    /// The new password is the initial one.
    pub password_same: &'static str,
    /// Account page heading and nav link.
    pub my_account: &'static str,
    /// Column: e-mail.
    pub col_email: &'static str,
    /// Column and field: role.
    pub col_role: &'static str,
    /// Role: clinician.
    pub role_clinician: &'static str,
    /// Role: unit admin.
    pub role_unit_admin: &'static str,
    /// Button: new recovery codes.
    pub new_recovery_codes: &'static str,
    /// What new recovery codes do.
    pub new_recovery_codes_help: &'static str,
    /// Link and heading: the clinician's own access log.
    pub my_access_log: &'static str,
    /// Staff page heading and link.
    pub staff: &'static str,
    /// Column: active or deactivated.
    pub col_account: &'static str,
    /// Account state: active.
    pub state_active: &'static str,
    /// Account state: deactivated.
    pub state_inactive: &'static str,
    /// Column: second factor.
    pub col_second_factor: &'static str,
    /// Second factor set up.
    pub factor_set: &'static str,
    /// Second factor not set up.
    pub factor_not_set: &'static str,
    /// Still on the initial password.
    pub awaiting_first_sign_in: &'static str,
    /// Heading: create an account.
    pub new_account: &'static str,
    /// Button: create the account.
    pub create_account: &'static str,
    /// Heading: the issued initial password.
    pub initial_password: &'static str,
    /// How to hand over the initial password.
    pub initial_password_help: &'static str,
    /// Button: deactivate a leaver.
    pub deactivate: &'static str,
    /// Button: reset a lost second factor.
    pub reset_second_factor: &'static str,
    /// Button: issue a new initial password.
    pub new_initial_password: &'static str,
    /// Notice after deactivation.
    pub done_deactivated: &'static str,
    /// Notice after a second-factor reset.
    pub done_reset: &'static str,
    /// Refusal: the unit's last admin.
    pub error_last_admin: &'static str,
    /// A missing or too long name.
    pub error_name: &'static str,
    /// An e-mail address that cannot be one.
    pub error_email: &'static str,
    /// The e-mail address has an account.
    pub error_email_taken: &'static str,
    /// Access log heading and link.
    pub access_log: &'static str,
    /// Column: time in UTC.
    pub col_time_utc: &'static str,
    /// Column: who read.
    pub col_staff_member: &'static str,
    /// Column: the patient.
    pub col_patient: &'static str,
    /// Column: what was read.
    pub col_what: &'static str,
    /// Log action: answers read.
    pub action_read_answers: &'static str,
    /// Log action: messages read.
    pub action_read_messages: &'static str,
    /// Access-log action: read the mindfulness practice log.
    pub action_read_practice: &'static str,
    /// Access-log action: the printable summary (page or PDF).
    pub action_read_summary: &'static str,
    /// The patient page's link to the summary.
    pub summary_link: &'static str,
    /// The summary page's link back to the patient.
    pub summary_back: &'static str,
    /// The summary page's PDF link.
    pub summary_pdf: &'static str,
    /// How to print the summary page.
    pub summary_print_hint: &'static str,
    /// Log action: devices listed.
    pub action_read_devices: &'static str,
    /// Log action: team thread read.
    pub action_read_team_messages: &'static str,
    /// The log page shows at most 500 rows.
    pub log_limited: &'static str,
    /// An empty log.
    pub log_empty: &'static str,
    /// What the team mailbox is.
    pub team_help: &'static str,
    /// Column: the latest message.
    pub col_last_activity: &'static str,
    /// Column: messages.
    pub col_messages: &'static str,
    /// Column: unread.
    pub col_unread: &'static str,
    /// An empty team mailbox.
    pub no_team_threads: &'static str,
    /// Link back to the mailbox.
    pub back_to_mailbox: &'static str,
    /// Link to the patient page.
    pub patient_page: &'static str,
    /// Checkbox: confirm a deactivation.
    pub confirm_deactivate: &'static str,
    /// The confirmation box was not ticked.
    pub error_confirm: &'static str,
    /// What deactivation does.
    pub deactivate_help: &'static str,
    /// What a second-factor reset does.
    pub reset_help: &'static str,
    /// What a new initial password does.
    pub new_password_help: &'static str,
    /// Link back to the staff list.
    pub back_to_staff: &'static str,
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
    draft_saved: "Du hade varit utloggad. Ditt svar är sparat som utkast – logga in igen så finns det kvar.",
    choose_password: "Välj ett eget lösenord",
    choose_password_help: "Du loggade in med ett engångslösenord. Välj ett eget med minst 12 tecken.",
    new_password: "Nytt lösenord",
    new_password_again: "Nytt lösenord igen",
    password_too_short: "Lösenordet måste ha 12–256 tecken.",
    passwords_differ: "Lösenorden är inte lika.",
    password_same: "Välj ett annat lösenord än engångslösenordet.",
    my_account: "Mitt konto",
    col_email: "E-post",
    col_role: "Roll",
    role_clinician: "Behandlare",
    role_unit_admin: "Enhetsadministratör",
    new_recovery_codes: "Skapa nya reservkoder",
    new_recovery_codes_help: "Du får tio nya koder som visas en gång. De gamla slutar fungera.",
    my_access_log: "Det jag har läst",
    staff: "Personal",
    col_account: "Konto",
    state_active: "Aktivt",
    state_inactive: "Avslutat",
    col_second_factor: "Engångskod",
    factor_set: "Inställd",
    factor_not_set: "Inte inställd",
    awaiting_first_sign_in: "väntar på första inloggningen",
    new_account: "Nytt konto",
    create_account: "Skapa konto",
    initial_password: "Engångslösenord",
    initial_password_help: "Ge lösenordet till personen på ett säkert sätt. Det visas bara nu och gäller i 7 dagar. Vid första inloggningen väljer personen ett eget lösenord och ställer in engångskoder.",
    deactivate: "Avsluta kontot",
    reset_second_factor: "Återställ engångskoden",
    new_initial_password: "Nytt engångslösenord",
    done_deactivated: "Kontot är avslutat och alla dess inloggningar har avslutats.",
    done_reset: "Engångskoden är återställd. Vid nästa inloggning ställs den in igen.",
    error_last_admin: "Du är enhetens sista aktiva administratör och kan inte avsluta ditt eget konto.",
    error_name: "Skriv ett namn (högst 100 tecken).",
    error_email: "Skriv en giltig e-postadress.",
    error_email_taken: "Det finns redan ett konto med den e-postadressen.",
    access_log: "Åtkomstlogg",
    col_time_utc: "Tid (UTC)",
    col_staff_member: "Vem",
    col_patient: "Patient",
    col_what: "Vad",
    action_read_answers: "Läste svar",
    action_read_messages: "Läste meddelanden",
    action_read_practice: "Läste övningsloggen",
    action_read_summary: "Läste sammanfattningen",
    summary_link: "Patientens sammanfattning (utskrift, PDF)",
    summary_back: "Tillbaka till patienten",
    summary_pdf: "Ladda ner som PDF (A4)",
    summary_print_hint: "Skriv ut med webbläsarens utskrift (Ctrl+P).",
    action_read_devices: "Läste enheter",
    action_read_team_messages: "Läste teamets brevlåda",
    log_limited: "Visar bara de senaste 500 raderna.",
    log_empty: "Inga rader.",
    team_help: "Patienternas frågor om praktiska saker. Alla i enheten kan svara.",
    col_last_activity: "Senaste meddelande",
    col_messages: "Meddelanden",
    col_unread: "Olästa",
    no_team_threads: "Inga meddelanden i teamets brevlåda.",
    back_to_mailbox: "Tillbaka till teamets brevlåda",
    patient_page: "Patientsidan",
    confirm_deactivate: "Ja, avsluta kontot. Det går inte att ångra.",
    error_confirm: "Kryssa i rutan för att bekräfta.",
    deactivate_help: "När någon slutar: personen kan inte längre logga in och alla pågående inloggningar avslutas direkt. Svar som personen har skickat finns kvar.",
    reset_help: "Vid borttappad telefon: nästa inloggning ställer in engångskoden på nytt och ger nya reservkoder. Pågående inloggningar avslutas.",
    new_password_help: "Vid glömt lösenord: ett nytt engångslösenord som visas en gång. Engångskoden behålls. Pågående inloggningar avslutas.",
    back_to_staff: "Tillbaka till personallistan",
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
    draft_saved: "Your session had ended. Your reply is saved as a draft; sign in again to find it.",
    choose_password: "Choose your own password",
    choose_password_help: "You signed in with an initial password. Choose your own, at least 12 characters.",
    new_password: "New password",
    new_password_again: "New password again",
    password_too_short: "The password must have 12–256 characters.",
    passwords_differ: "The passwords are not the same.",
    password_same: "Choose a password other than the initial one.",
    my_account: "My account",
    col_email: "E-mail",
    col_role: "Role",
    role_clinician: "Clinician",
    role_unit_admin: "Unit admin",
    new_recovery_codes: "Create new recovery codes",
    new_recovery_codes_help: "You get ten new codes, shown once. The old ones stop working.",
    my_access_log: "What I have looked at",
    staff: "Staff",
    col_account: "Account",
    state_active: "Active",
    state_inactive: "Deactivated",
    col_second_factor: "Second factor",
    factor_set: "Set up",
    factor_not_set: "Not set up",
    awaiting_first_sign_in: "awaiting first sign-in",
    new_account: "New account",
    create_account: "Create account",
    initial_password: "Initial password",
    initial_password_help: "Give the password to the person in a safe way. It is shown only now and works for 7 days. At the first sign-in they choose their own password and set up one-time codes.",
    deactivate: "Deactivate",
    reset_second_factor: "Reset second factor",
    new_initial_password: "New initial password",
    done_deactivated: "The account is deactivated and all its sessions have ended.",
    done_reset: "The second factor is reset. It is set up again at the next sign-in.",
    error_last_admin: "You are the unit's last active admin and cannot deactivate your own account.",
    error_name: "Enter a name (at most 100 characters).",
    error_email: "Enter a valid e-mail address.",
    error_email_taken: "There is already an account with that e-mail address.",
    access_log: "Access log",
    col_time_utc: "Time (UTC)",
    col_staff_member: "Who",
    col_patient: "Patient",
    col_what: "What",
    action_read_answers: "Read answers",
    action_read_messages: "Read messages",
    action_read_practice: "Read the practice log",
    action_read_summary: "Read the summary",
    summary_link: "The patient's summary (print, PDF)",
    summary_back: "Back to the patient",
    summary_pdf: "Download as PDF (A4)",
    summary_print_hint: "Print with the browser's print command (Ctrl+P).",
    action_read_devices: "Read devices",
    action_read_team_messages: "Read the team mailbox",
    log_limited: "Showing only the latest 500 rows.",
    log_empty: "No rows.",
    team_help: "Patients' practical questions. Anyone in the unit may answer.",
    col_last_activity: "Latest message",
    col_messages: "Messages",
    col_unread: "Unread",
    no_team_threads: "No messages in the team mailbox.",
    back_to_mailbox: "Back to the team mailbox",
    patient_page: "Patient page",
    confirm_deactivate: "Yes, deactivate the account. This cannot be undone.",
    error_confirm: "Tick the box to confirm.",
    deactivate_help: "When someone leaves: they can no longer sign in and all their sessions end at once. Replies they sent stay.",
    reset_help: "For a lost phone: the next sign-in sets the second factor up again and gives new recovery codes. Current sessions end.",
    new_password_help: "For a forgotten password: a new initial password, shown once. The second factor stays. Current sessions end.",
    back_to_staff: "Back to the staff list",
};
