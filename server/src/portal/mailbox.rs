//! The team mailbox: the unit's "team" threads (patients' practical
//! problems), newest activity first, unread ones marked. Any clinician of
//! the unit may open one, answer it (the reply reaches the patient's phone
//! on sync, through the patient page's own reply code) and mark it read.
//! The list shows no message text and is not a patient-data read; opening a
//! thread is, and writes its access-log row first.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::patient_page::{
    ThreadView, failed, form_patient, log, mark_thread_read, own_patient, send_reply, thread_view,
};
use super::signin::{PageQuery, render};
use super::texts::{Lang, Texts};
use super::web::{CsrfOnly, CurrentSession, lang};
use crate::api::App;
use crate::clinic_model::Thread;
use crate::store::{Repository, StoreError};

/// What the access log records when a team thread is opened.
pub const READ_TEAM_MESSAGES: &str = "read_team_messages";

/// One thread in the list.
pub struct TeamRow {
    /// The patient.
    pub patient_id: String,
    /// The patient's name.
    pub name: String,
    /// The latest message, UTC.
    pub last_activity: String,
    /// Messages in the thread.
    pub messages: u32,
    /// Unread patient messages.
    pub unread: u32,
}

/// The mailbox.
#[derive(Template)]
#[template(path = "portal/team.html")]
pub struct TeamPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// The threads, newest activity first.
    pub rows: Vec<TeamRow>,
}

/// One patient's team thread.
#[derive(Template)]
#[template(path = "portal/team_thread.html")]
pub struct TeamThreadPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// The patient.
    pub id: &'a str,
    /// The patient's name.
    pub name: &'a str,
    /// The thread with the clinician's draft.
    pub th: ThreadView,
}

/// A time as the portal shows it: `2026-11-23 10:00 UTC`.
pub fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `GET /portal/team`.
pub async fn list<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    let threads = match app
        .store
        .team_threads(s.session.clinician.unit_id.clone())
        .await
    {
        Ok(t) => t,
        Err(e) => return failed(e),
    };
    render(TeamPage {
        lang,
        t: lang.texts(),
        signed_in_csrf: Some(&s.session.csrf_token),
        rows: threads
            .into_iter()
            .map(|t| TeamRow {
                patient_id: t.patient_id,
                name: t.patient_name,
                last_activity: utc(t.last_activity),
                messages: t.messages,
                unread: t.unread,
            })
            .collect(),
    })
}

/// `GET /portal/team/{patient}`: the thread, logged before it is read.
pub async fn thread<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    let t = lang.texts();
    let patient = match own_patient(&app, &s, &patient_id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    if let Err(r) = log(&app, &s, &patient.id, READ_TEAM_MESSAGES).await {
        return r;
    }
    let loaded = async {
        let name = app
            .store
            .patient_overview(patient.id.clone())
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        let messages = app.store.messages(patient.id.clone()).await?;
        let draft = app
            .store
            .reply_draft(
                s.session.clinician.id.clone(),
                patient.id.clone(),
                Thread::Team.as_str().into(),
            )
            .await?;
        Ok::<_, StoreError>((name, messages, draft))
    }
    .await;
    let (name, messages, draft) = match loaded {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    render(TeamThreadPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        id: &patient.id,
        name: &name,
        th: thread_view(t, Thread::Team, &messages, draft),
    })
}

/// The reply form (the thread is always the team's).
#[derive(Deserialize)]
pub struct TeamReplyForm {
    csrf: String,
    text: String,
}

/// `POST /portal/team/{patient}/messages`: any clinician of the unit
/// answers; the thread is marked read.
pub async fn reply<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    Form(form): Form<TeamReplyForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &form.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match send_reply(&app, &s, &patient, Thread::Team, form.text).await {
        Ok(()) => Redirect::to(&format!("/portal/team/{}", patient.id)).into_response(),
        Err(r) => r,
    }
}

/// `POST /portal/team/{patient}/read`.
pub async fn mark_read<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &form.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match mark_thread_read(&app, &s, &patient, Thread::Team).await {
        Ok(()) => Redirect::to(&format!("/portal/team/{}", patient.id)).into_response(),
        Err(r) => r,
    }
}
