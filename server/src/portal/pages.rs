//! The portal's page templates (askama, HTML-escaped by default). Every
//! page carries its language and texts; a signed-in page also carries the
//! session's CSRF token for the sign-out form.

use askama::Template;

use super::patients::PatientRow;
use super::queue::QueueItem;
use super::texts::{Lang, Texts};

/// The sign-in page.
#[derive(Template)]
#[template(path = "portal/login.html")]
pub struct LoginPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// None: not signed in.
    pub signed_in_csrf: Option<&'a str>,
    /// The sign-in form's token (also in a cookie).
    pub csrf: &'a str,
    /// The e-mail typed before a failed attempt.
    pub email: &'a str,
    /// What went wrong.
    pub error: Option<&'a str>,
    /// A neutral notice (signed out, session ended).
    pub notice: Option<&'a str>,
}

/// The second factor's set-up: the QR code and the key.
pub struct Setup {
    /// The QR code, an SVG the server drew.
    pub qr_svg: String,
    /// The key in base 32.
    pub key: String,
}

/// The second-factor page.
#[derive(Template)]
#[template(path = "portal/second_factor.html")]
pub struct SecondFactorPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// This form's token.
    pub csrf: &'a str,
    /// Set-up, the first time.
    pub setup: Option<Setup>,
    /// Whether the password is an initial one to replace in this step.
    pub new_password: bool,
    /// What went wrong.
    pub error: Option<&'a str>,
}

/// The recovery codes, shown once.
#[derive(Template)]
#[template(path = "portal/recovery_codes.html")]
pub struct RecoveryCodesPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// The codes.
    pub codes: Vec<String>,
}

/// The work queue (start page).
#[derive(Template)]
#[template(path = "portal/queue.html")]
pub struct QueuePage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// Who is signed in.
    pub clinician_name: &'a str,
    /// The four lists, with their headings.
    pub sections: Vec<(&'a str, Vec<QueueItem>)>,
}

/// The patient list.
#[derive(Template)]
#[template(path = "portal/patients.html")]
pub struct PatientsPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// The search as typed.
    pub q: &'a str,
    /// The matching patients.
    pub rows: Vec<PatientRow>,
}
