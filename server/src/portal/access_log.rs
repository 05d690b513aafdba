//! The access-log pages: who read a patient's data, what and when (UTC,
//! with the clinician's name), and what one clinician looked at — one's own
//! log for everyone, any staff member's for the unit's admins. A log page
//! shows no answer or message text, so viewing it is not itself a
//! patient-data read. At most the latest [`LIMIT`] rows, with a note.
//!
//! Who may see a patient's log: any clinician of the unit. They may already
//! open the patient page itself, which shows far more; the log shows only
//! names, times and what was read. Everyone in the unit seeing who read a
//! record is what deters browsing without a reason, and whoever the patient
//! asks "who has read my record?" can answer without waiting for an admin.
//! A clinician's whole log across patients is another matter (it maps a
//! colleague's work), so it is one's own or, for a unit admin, the unit's.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::mailbox::READ_TEAM_MESSAGES;
use super::patient_page::{failed, own_patient};
use super::signin::{PageQuery, render};
use super::staff::own_staff;
use super::texts::{Lang, Texts};
use super::web::{CurrentSession, lang};
use crate::api::App;
use crate::store::{AccessEntry, Repository};

/// The most rows a log page shows.
pub const LIMIT: u32 = 500;

/// One row as shown.
pub struct LogRow {
    /// When, UTC.
    pub at: String,
    /// Who read (name).
    pub who: String,
    /// Whose data (name) and their id (a link).
    pub patient: (String, String),
    /// What was read, in words.
    pub what: String,
}

/// A log page.
#[derive(Template)]
#[template(path = "portal/access_log.html")]
pub struct AccessLogPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// Whose log.
    pub heading: String,
    /// The rows, newest first.
    pub rows: Vec<LogRow>,
    /// Whether each row names who read (a patient's log).
    pub show_who: bool,
    /// Whether each row names the patient (a clinician's log).
    pub show_patient: bool,
    /// Whether older rows were left out.
    pub limited: bool,
}

/// What an access-log action says, in words.
pub fn action_text(t: &Texts, action: &str) -> String {
    match action {
        "read_answers" => t.action_read_answers,
        "read_messages" => t.action_read_messages,
        "read_practice" => t.action_read_practice,
        "read_summary" => t.action_read_summary,
        "read_devices" => t.action_read_devices,
        READ_TEAM_MESSAGES => t.action_read_team_messages,
        other => other,
    }
    .to_owned()
}

fn page(
    lang: Lang,
    s: &CurrentSession,
    heading: String,
    mut entries: Vec<AccessEntry>,
    show_who: bool,
) -> Response {
    let t = lang.texts();
    let limited = entries.len() > LIMIT as usize;
    entries.truncate(LIMIT as usize);
    render(AccessLogPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        heading,
        rows: entries
            .into_iter()
            .map(|e| LogRow {
                at: e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                who: e.clinician_name,
                patient: (e.patient_id, e.patient_name),
                what: action_text(t, &e.action),
            })
            .collect(),
        show_who,
        show_patient: !show_who,
        limited,
    })
}

/// `GET /portal/patients/{patient}/access-log`.
pub async fn patient<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    let patient = match own_patient(&app, &s, &patient_id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let name = match app.store.patient_overview(patient.id.clone()).await {
        Ok(p) => p.map(|p| p.name).unwrap_or_default(),
        Err(e) => return failed(e),
    };
    match app
        .store
        .patient_access_log(patient.id.clone(), LIMIT + 1)
        .await
    {
        Ok(rows) => {
            let heading = format!("{}: {name}", lang.texts().access_log);
            page(lang, &s, heading, rows, true)
        }
        Err(e) => failed(e),
    }
}

/// `GET /portal/access-log`: what I looked at.
pub async fn mine<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    match app
        .store
        .clinician_access_log(s.session.clinician.id.clone(), LIMIT + 1)
        .await
    {
        Ok(rows) => page(lang, &s, lang.texts().my_access_log.to_owned(), rows, false),
        Err(e) => failed(e),
    }
}

/// `GET /portal/staff/{staff}/access-log`: a unit admin reads a staff
/// member's log (another unit's staff answers 404).
pub async fn staff_member<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(staff_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    let member = match own_staff(&app, &s, &staff_id).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    match app
        .store
        .clinician_access_log(member.clinician.id.clone(), LIMIT + 1)
        .await
    {
        Ok(rows) => {
            let heading = format!(
                "{}: {}",
                lang.texts().access_log,
                member.clinician.display_name
            );
            page(lang, &s, heading, rows, false)
        }
        Err(e) => failed(e),
    }
}
