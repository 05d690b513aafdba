//! A half-written reply survives a new sign-in (ADR 0010). A reply form
//! posted after the session ended (idle or absolute timeout) is not lost:
//! the guard hands it here instead of answering 401. The text is saved as
//! the session's clinician's draft for that patient and thread — only when
//! the form's CSRF token is the ended session's own, the clinician is still
//! active and the patient is of their unit — and the browser goes to the
//! sign-in page with a cookie naming the patient page to come back to.
//!
//! Why this is safe: the ended session lets nothing through; it only names
//! whose draft this is, and only a request carrying both its cookie and its
//! form token (what the clinician's own open page has) can name it. A
//! missing session (no cookie, a signed-out or deleted one) cannot be
//! attributed to anyone and saves nothing. The text is never logged.

use std::sync::Arc;

use axum::extract::{Form, FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::web::{CurrentSession, NEXT_COOKIE, same_token, set_cookie};
use crate::api::App;
use crate::clinic_model::Thread;
use crate::store::{Repository, SessionStage};

/// The longest draft kept, in characters (as the reply form's own drafts).
pub const MAX_DRAFT_CHARS: usize = 20_000;

/// The reply routes whose form is kept: the patient page's
/// (`/portal/patients/{id}/messages`, the thread in the form) and the team
/// mailbox's (`/portal/team/{id}/messages`, always the team thread).
/// Returns the patient id and the thread the path fixes, if any.
pub fn reply_target(path: &str) -> Option<(&str, Option<Thread>)> {
    let (rest, fixed) = if let Some(r) = path.strip_prefix("/portal/patients/") {
        (r, None)
    } else if let Some(r) = path.strip_prefix("/portal/team/") {
        (r, Some(Thread::Team))
    } else {
        return None;
    };
    let id = rest.strip_suffix("/messages")?;
    safe_id(id).then_some((id, fixed))
}

/// Whether `id` looks like one of the server's ids (so it can go into a
/// path and a cookie as is).
fn safe_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Where to land after signing in again, if the cookie names a page this
/// module sent it to (nothing else: no open redirect).
pub fn safe_next(value: &str) -> Option<String> {
    let (path, anchor) = value.split_once('#').unwrap_or((value, ""));
    let id = path
        .strip_prefix("/portal/patients/")
        .or_else(|| path.strip_prefix("/portal/team/"))?;
    (safe_id(id) && matches!(anchor, "" | "clinician" | "team")).then(|| value.to_owned())
}

/// The reply form as the guard reads it.
#[derive(Deserialize)]
struct DraftForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    thread: String,
    #[serde(default)]
    text: String,
}

/// Keeps a reply posted from an ended session as a draft and sends the
/// browser to sign in again; 401 (nothing saved) when it cannot be
/// attributed safely.
pub async fn rescue<R: Repository>(app: &Arc<App<R>>, s: CurrentSession, req: Request) -> Response {
    let Some((patient_id, fixed)) = reply_target(req.uri().path()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let patient_id = patient_id.to_owned();
    let Ok(Form(form)) = Form::<DraftForm>::from_request(req, &()).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if s.session.stage != SessionStage::SignedIn || !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(thread) = fixed.or_else(|| Thread::parse(&form.thread)) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let clinician = &s.session.clinician;
    let patient = match app.store.patient(patient_id.clone()).await {
        Ok(p) => p.filter(|p| p.unit_id == clinician.unit_id),
        Err(e) => {
            tracing::error!(error = %e, "portal storage failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(patient) = patient else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if form.text.trim().is_empty() {
        return Redirect::to("/portal/login").into_response();
    }
    if let Err(e) = app
        .store
        .save_reply_draft(
            clinician.id.clone(),
            patient.id.clone(),
            thread.as_str().into(),
            form.text.chars().take(MAX_DRAFT_CHARS).collect(),
            (app.now)(),
        )
        .await
    {
        tracing::error!(error = %e, "portal storage failed");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    tracing::info!(clinician = %clinician.id, "a reply from an ended session kept as a draft");
    let next = match fixed {
        Some(_) => format!("/portal/team/{}", patient.id),
        None => format!("/portal/patients/{}#{}", patient.id, thread.as_str()),
    };
    let mut r = Redirect::to("/portal/login?draft=1").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(NEXT_COOKIE, Some(&next)));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reply_paths_are_targets() {
        assert_eq!(
            reply_target("/portal/patients/0193-ab/messages"),
            Some(("0193-ab", None))
        );
        assert_eq!(
            reply_target("/portal/team/0193-ab/messages"),
            Some(("0193-ab", Some(Thread::Team)))
        );
        assert_eq!(
            reply_target("/portal/patients/0193-ab/threads/x/read"),
            None
        );
        assert_eq!(reply_target("/portal/patients/../messages"), None);
        assert_eq!(reply_target("/portal/logout"), None);
    }

    #[test]
    fn next_pages_are_only_patient_and_team_pages() {
        assert!(safe_next("/portal/patients/abc-1#clinician").is_some());
        assert!(safe_next("/portal/team/abc-1").is_some());
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/portal/patients/a/b",
            "/portal/patients/",
            "/portal/patients/a#x\"",
            "/portal/staff",
        ] {
            assert_eq!(safe_next(bad), None, "{bad}");
        }
    }
}
