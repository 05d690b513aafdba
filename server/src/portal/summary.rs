//! The patient's printable summary in the portal (issue 9): the same
//! document the patient's phone makes, from the answers and practice the
//! phone synced, in the patient's language: as a page to read and print
//! (its style sheet served as a file, since the portal allows no inline
//! style) and as the A4 PDF. Each view writes `read_summary` to the access
//! log before anything is read; another unit's patient answers 404.

use std::sync::Arc;

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use painschool_core::answers::AnswerValue;
use painschool_core::content::Lang as ContentLang;
use painschool_core::course::localtime::local_date;
use painschool_core::summary::{AnswerFact, SummaryFacts, build};
use painschool_summary::html::{Frame, escape};

use super::patient_page::{failed, log, own_patient};
use super::signin::PageQuery;
use super::web::{CurrentSession, lang};
use crate::api::App;
use crate::clinic_model::PatientRecord;
use crate::store::Repository;

/// The summary's model from what the server holds for `patient`, made now.
async fn model<R: Repository>(
    app: &App<R>,
    patient: &PatientRecord,
) -> Result<painschool_summary::Summary, Response> {
    let id = patient.id.clone();
    let answers = app.store.answers(id.clone()).await.map_err(failed)?;
    let practice = app
        .store
        .practice_sessions(id.clone())
        .await
        .map_err(failed)?;
    let prefs = app.store.preferences(id).await.map_err(failed)?;
    let e = &patient.enrolment;
    let tz = e.time_zone;
    let answers = answers
        .into_iter()
        .filter_map(|a| {
            // A version the server accepted is valid; anything unreadable
            // is left out rather than failing the whole document.
            let value = serde_json::from_value::<AnswerValue>(a.value).ok()?;
            let at = DateTime::parse_from_rfc3339(&a.submitted_at).ok()?;
            Some(AnswerFact {
                question_id: a.question_id,
                entry_id: a.entry_id,
                value,
                hlc: a.hlc,
                submitted_on: local_date(tz, at.with_timezone(&Utc)),
            })
        })
        .collect();
    let facts = SummaryFacts {
        lang: prefs
            .get("language")
            .and_then(|l| ContentLang::from_code(l))
            .unwrap_or(ContentLang::Sv),
        display_name: prefs.get("display_name").cloned(),
        start: local_date(tz, e.start),
        end: local_date(tz, e.access_ends_at()),
        made_on: local_date(tz, (app.now)()),
        answers,
        practice,
        time_zone: tz,
    };
    Ok(build(&app.bundle, &facts))
}

/// The patient (of the clinician's unit, else 404) and their summary,
/// after the access-log row is written.
async fn logged_summary<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient_id: &str,
) -> Result<(PatientRecord, painschool_summary::Summary), Response> {
    let patient = own_patient(app, s, patient_id).await?;
    log(app, s, &patient.id, "read_summary").await?;
    let summary = model(app, &patient).await?;
    Ok((patient, summary))
}

/// `GET /portal/patients/{patient}/summary`: the summary as a page, with a
/// toolbar (back, PDF, how to print) that does not print.
pub async fn page<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let t = lang(&headers, q.lang()).texts();
    let (patient, summary) = match logged_summary(&app, &s, &patient_id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let id = escape(&patient.id);
    let toolbar = format!(
        "<nav class=\"toolbar\"><a href=\"/portal/patients/{id}\">{}</a><a href=\"/portal/patients/{id}/summary.pdf\">{}</a><span>{}</span></nav>",
        escape(t.summary_back),
        escape(t.summary_pdf),
        escape(t.summary_print_hint),
    );
    let html = painschool_summary::to_html_framed(
        &summary,
        Frame {
            stylesheet: Some("/portal/static/summary.css"),
            before: &toolbar,
        },
    );
    Html(html).into_response()
}

/// `GET /portal/patients/{patient}/summary.pdf`: the A4 PDF, shown in the
/// browser's viewer (print from there) or saved.
pub async fn pdf<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
) -> Response {
    let summary = match logged_summary(&app, &s, &patient_id).await {
        Ok((_, summary)) => summary,
        Err(r) => return r,
    };
    match painschool_summary::to_pdf(&summary) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/pdf"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("inline; filename=\"summary.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the summary PDF failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
