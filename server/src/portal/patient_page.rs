//! The patient page and its actions: the answers per module beside the
//! question text with their history, the two message threads with a reply
//! box, "mark reviewed", "mark read", and the devices with a revoke button.
//! Every view writes the access log before any patient data is read; a
//! patient of another unit answers 404, as if absent.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::checkin_chart::{CheckinChart, checkin_chart};
use super::pacing::{CourseView, Problem, VisitView, course_view, visit_views};
use super::patient_view::{ModuleView, answers_by_module};
use super::signin::PageQuery;
use super::texts::{Lang, Texts};
use super::texts_enrol::EnrolTexts;
use super::web::{CsrfOnly, CurrentSession, lang, same_token};
use crate::api::App;
use crate::clinic_model::{
    Author, ClinicItem, DeviceRecord, Message, PatientRecord, Thread, check_text,
};
use crate::model::DeviceState;
use crate::store::{PatientOverview, Repository, StoreError};
use painschool_core::course::Enrolment;

/// One message as shown.
pub struct MessageView {
    /// From the patient (else from the clinic).
    pub from_patient: bool,
    /// When it was written.
    pub written_at: String,
    /// The text (escaped by the template).
    pub text: String,
    /// Whether the clinic has read it (patient messages).
    pub read: bool,
}

/// One thread as shown.
pub struct ThreadView {
    /// `clinician` or `team`.
    pub thread: &'static str,
    /// Its heading.
    pub heading: &'static str,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// Patient messages the clinic has not read.
    pub unread: usize,
    /// A saved half-written reply.
    pub draft: String,
}

/// The patient page.
#[derive(Template)]
#[template(path = "portal/patient.html")]
pub struct PatientPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// The patient's id.
    pub id: &'a str,
    /// The patient's name.
    pub name: &'a str,
    /// The personal identity number, or empty.
    pub personal_number: &'a str,
    /// Answers per module.
    pub modules: Vec<ModuleView>,
    /// The two threads.
    pub threads: Vec<ThreadView>,
    /// The patient's devices.
    pub devices: Vec<DeviceRecord>,
    /// The enrolment, visit and chart texts.
    pub et: &'a EnrolTexts,
    /// The course and access state.
    pub course: CourseView,
    /// The booked visits.
    pub visits: Vec<VisitView>,
    /// What went wrong with one of the forms, and the visit form as typed.
    pub problem: Problem,
    /// The weekly check-in chart, once a check-in was sent.
    pub chart: Option<CheckinChart>,
    /// The mindfulness practice log.
    pub practice: PracticeView,
}

/// The practice log as the patient page shows it.
#[derive(Debug, Clone, Default)]
pub struct PracticeView {
    /// (week's first day, sessions, minutes), oldest first.
    pub per_week: Vec<(String, u32, u32)>,
    /// (exercise title, sessions, completed, minutes).
    pub per_exercise: Vec<(String, u32, u32, u32)>,
}

/// The practice log's totals in the patient's zone, with exercise titles in
/// the page's language.
fn practice_view(
    bundle: &painschool_core::content::ContentBundle,
    sessions: &[painschool_core::practice::PracticeSession],
    tz: chrono_tz::Tz,
    lang: painschool_core::content::Lang,
) -> PracticeView {
    let totals = painschool_core::practice::totals(sessions, tz);
    PracticeView {
        per_week: totals
            .per_week
            .iter()
            .map(|w| (w.week_of.to_string(), w.sessions, w.minutes))
            .collect(),
        per_exercise: totals
            .per_exercise
            .iter()
            .map(|e| {
                let title = bundle
                    .section(&e.section_id)
                    .map_or_else(|| e.section_id.clone(), |(_, s)| s.title.get(lang).clone());
                (title, e.sessions, e.completed, e.minutes)
            })
            .collect(),
    }
}

/// A storage failure as the portal answers it (nothing about the data).
pub(super) fn failed(e: StoreError) -> Response {
    tracing::error!(error = %e, "portal storage failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// The patient, when they belong to the signed-in clinician's unit (else
/// 404, as if absent).
pub(super) async fn own_patient<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient_id: &str,
) -> Result<PatientRecord, Response> {
    app.store
        .patient(patient_id.to_owned())
        .await
        .map_err(failed)?
        .filter(|p| p.unit_id == s.session.clinician.unit_id)
        .ok_or_else(|| StatusCode::NOT_FOUND.into_response())
}

/// The checks a form about a patient starts with: the session's form token
/// (else 403), then the patient, of the clinician's unit (else 404).
pub(super) async fn form_patient<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient_id: &str,
    csrf: &str,
) -> Result<PatientRecord, Response> {
    if !same_token(&s.session.csrf_token, csrf) {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    own_patient(app, s, patient_id).await
}

/// Writes an access-log row (before the read it records).
pub(super) async fn log<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient_id: &str,
    what: &'static str,
) -> Result<(), Response> {
    app.store
        .log_access(
            s.session.clinician.id.clone(),
            patient_id.to_owned(),
            what,
            (app.now)(),
        )
        .await
        .map_err(failed)
}

/// A thread as shown, with the clinician's saved draft.
pub(super) fn thread_view(
    t: &Texts,
    thread: Thread,
    messages: &[Message],
    draft: Option<String>,
) -> ThreadView {
    let messages: Vec<MessageView> = messages
        .iter()
        .filter(|m| m.thread == thread)
        .map(|m| MessageView {
            from_patient: m.author == Author::Patient,
            written_at: super::when::minute(&m.written_at),
            text: m.text.clone(),
            read: m.read_by_clinic_at.is_some(),
        })
        .collect();
    ThreadView {
        thread: thread.as_str(),
        heading: match thread {
            Thread::Clinician => t.thread_clinician,
            Thread::Team => t.thread_team,
        },
        unread: messages
            .iter()
            .filter(|m| m.from_patient && !m.read)
            .count(),
        messages,
        draft: draft.unwrap_or_default(),
    }
}

/// `GET /portal/patients/{patient}`.
pub async fn page<R: Repository>(
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
    render_page(&app, &s, &patient, lang, None, StatusCode::OK).await
}

/// The patient page with `status`, and `problem` beside its form (a
/// refused action). Writes the access log before reading.
pub(super) async fn render_page<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    lang: Lang,
    problem: Option<Problem>,
    status: StatusCode,
) -> Response {
    let t = lang.texts();
    let et = EnrolTexts::of(lang);
    // The log first: a read that is not logged does not happen.
    for what in ["read_answers", "read_messages", "read_practice"] {
        if let Err(r) = log(app, s, &patient.id, what).await {
            return r;
        }
    }
    let loaded = async {
        let overview: Option<PatientOverview> =
            app.store.patient_overview(patient.id.clone()).await?;
        let answers = app.store.answers(patient.id.clone()).await?;
        let messages = app.store.messages(patient.id.clone()).await?;
        let devices = app.store.devices(patient.id.clone()).await?;
        let info = app.store.enrolment_info(patient.id.clone()).await?;
        let visits = app.store.visits(patient.id.clone()).await?;
        let practice = app.store.practice_sessions(patient.id.clone()).await?;
        let me = s.session.clinician.id.clone();
        let mut drafts = Vec::new();
        for th in [Thread::Clinician, Thread::Team] {
            drafts.push(
                app.store
                    .reply_draft(me.clone(), patient.id.clone(), th.as_str().into())
                    .await?,
            );
        }
        Ok::<_, StoreError>((
            overview, answers, messages, devices, info, visits, drafts, practice,
        ))
    }
    .await;
    let (overview, answers, messages, devices, info, visits, mut drafts, practice) = match loaded {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let (Some(overview), Some(info)) = (overview, info) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let team_draft = drafts.pop().flatten();
    let clinician_draft = drafts.pop().flatten();
    let l = match lang {
        Lang::Sv => painschool_core::content::Lang::Sv,
        Lang::En => painschool_core::content::Lang::En,
    };
    let modules: Vec<(String, String)> = app
        .bundle
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), format!("{}. {}", i + 1, m.title.get(l))))
        .collect();
    // The enrolment as stored now (an action may just have changed it).
    let enrolment = serde_json::from_str::<Enrolment>(&overview.enrolment_json)
        .unwrap_or_else(|_| patient.enrolment.clone());
    let page = PatientPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        id: &patient.id,
        name: &overview.name,
        personal_number: overview.personal_number.as_deref().unwrap_or_default(),
        modules: answers_by_module(&app.bundle, &answers, lang),
        threads: vec![
            thread_view(t, Thread::Clinician, &messages, clinician_draft),
            thread_view(t, Thread::Team, &messages, team_draft),
        ],
        devices,
        et,
        course: course_view(&enrolment, &info, &modules, et, (app.now)()),
        visits: visit_views(&visits, &enrolment, et),
        problem: problem.unwrap_or_default(),
        chart: checkin_chart(&app.bundle, &answers, lang, et.checkin_chart, et.week),
        practice: practice_view(&app.bundle, &practice, enrolment.time_zone, l),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the patient page failed to render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn back(patient_id: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/portal/patients/{patient_id}#{anchor}")).into_response()
}

async fn clinic_write<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    item: ClinicItem,
) -> Result<(), Response> {
    match app
        .store
        .clinic_write(
            patient.id.clone(),
            s.session.clinician.id.clone(),
            item,
            (app.now)(),
        )
        .await
    {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound(_)) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => Err(failed(e)),
    }
}

/// `POST /portal/patients/{patient}/answers/{version}/reviewed`.
pub async fn mark_reviewed<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path((patient_id, version_id)): Path<(String, String)>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &form.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let item = ClinicItem::AnswerReviewed {
        version_id: version_id.clone(),
        question_id: String::new(),
    };
    match clinic_write(&app, &s, &patient, item).await {
        Ok(()) => back(&patient.id, "answers"),
        Err(r) => r,
    }
}

/// The reply form.
#[derive(Deserialize)]
pub struct ReplyForm {
    csrf: String,
    thread: String,
    text: String,
}

/// `POST /portal/patients/{patient}/messages`: a reply (also marks the
/// thread's patient messages read). An empty or too long text is kept as a
/// draft and the page says why.
pub async fn reply<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    Form(form): Form<ReplyForm>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(thread) = Thread::parse(&form.thread) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let patient = match own_patient(&app, &s, &patient_id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match send_reply(&app, &s, &patient, thread, form.text).await {
        Ok(()) => back(&patient.id, thread.as_str()),
        Err(r) => r,
    }
}

/// Sends a clinic reply in `thread`: marks the thread's patient messages
/// read, writes the message into the patient's feed (their phone gets it on
/// sync) and drops the clinician's draft. An empty or too long text is
/// kept as the draft instead and refused with 422. Shared by the patient
/// page and the team mailbox.
pub(super) async fn send_reply<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    thread: Thread,
    text: String,
) -> Result<(), Response> {
    let me = s.session.clinician.clone();
    if check_text(&text).is_err() {
        if !text.trim().is_empty() {
            app.store
                .save_reply_draft(
                    me.id.clone(),
                    patient.id.clone(),
                    thread.as_str().into(),
                    text.chars().take(super::drafts::MAX_DRAFT_CHARS).collect(),
                    (app.now)(),
                )
                .await
                .map_err(failed)?;
        }
        return Err(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    }
    mark_thread_read(app, s, patient, thread).await?;
    let item = ClinicItem::Message {
        id: uuid::Uuid::now_v7().to_string(),
        thread,
        text,
        author_name: me.display_name.clone(),
    };
    clinic_write(app, s, patient, item).await?;
    app.store
        .drop_reply_draft(me.id, patient.id.clone(), thread.as_str().into())
        .await
        .map_err(failed)
}

/// Marks a thread's unread patient messages read (each mark reaches the
/// patient's devices).
pub(super) async fn mark_thread_read<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    thread: Thread,
) -> Result<(), Response> {
    let unread: Vec<String> = app
        .store
        .messages(patient.id.clone())
        .await
        .map_err(failed)?
        .into_iter()
        .filter(|m| {
            m.thread == thread && m.author == Author::Patient && m.read_by_clinic_at.is_none()
        })
        .map(|m| m.id)
        .collect();
    for message_id in unread {
        clinic_write(app, s, patient, ClinicItem::MessageRead { message_id }).await?;
    }
    Ok(())
}

/// `POST /portal/patients/{patient}/threads/{thread}/read`.
pub async fn mark_read<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path((patient_id, thread)): Path<(String, String)>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(thread) = Thread::parse(&thread) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let patient = match own_patient(&app, &s, &patient_id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match mark_thread_read(&app, &s, &patient, thread).await {
        Ok(()) => back(&patient.id, thread.as_str()),
        Err(r) => r,
    }
}

/// `POST /portal/patients/{patient}/devices/{device}/revoke`: a lost phone
/// stops at once.
pub async fn revoke<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path((patient_id, device_id)): Path<(String, String)>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &form.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let known = match app.store.devices(patient.id.clone()).await {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    if !known.iter().any(|d| d.id == device_id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match app
        .store
        .set_device_states(
            patient.id.clone(),
            Some(device_id),
            DeviceState::Revoked,
            (app.now)(),
        )
        .await
    {
        Ok(_) => back(&patient.id, "devices"),
        Err(e) => failed(e),
    }
}
