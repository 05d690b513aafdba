//! Signing in and out: the password step, the second factor (set up on the
//! first sign-in, with recovery codes shown once), sign-out, and the start
//! page. No password-only path: a session reaches the portal only after the
//! second factor, and then gets a new token (no session fixation).

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, Extension, Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::pages::{LoginPage, QueuePage, RecoveryCodesPage, SecondFactorPage, Setup};
use super::web::{
    CsrfOnly, CurrentSession, LANG_COOKIE, LOGIN_COOKIE, NEXT_COOKIE, SESSION_COOKIE, cookie, lang,
    same_token, set_cookie,
};
use super::{password, recovery, totp};
use crate::api::{App, client_address};
use crate::secrets;
use crate::store::{Repository, SessionStage, StoreError};

/// `?lang=`, notices and the search on GET pages.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    signed_out: Option<String>,
    draft: Option<String>,
    #[serde(default)]
    q: String,
}

impl PageQuery {
    /// The `lang` asked for, if any.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
}

/// Renders a page (500 if the template fails, logged without values).
pub(super) fn render(t: impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a portal template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn store_failed(e: StoreError) -> Response {
    tracing::error!(error = %e, "portal storage failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// A new 256-bit token; `None` if the OS random generator fails.
fn new_token() -> Option<String> {
    secrets::new_device_token().ok()
}

/// Adds the language cookie when the page was asked for in a language.
fn with_lang(mut r: Response, q: &PageQuery) -> Response {
    if let Some(l) = q.lang.as_deref().filter(|l| *l == "sv" || *l == "en") {
        r.headers_mut()
            .append(header::SET_COOKIE, set_cookie(LANG_COOKIE, Some(l)));
    }
    r
}

/// `GET /portal/login`.
pub async fn login_page<R: Repository>(headers: HeaderMap, Query(q): Query<PageQuery>) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    let t = lang.texts();
    let Some(csrf) = new_token() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let mut r = render(LoginPage {
        lang,
        t,
        signed_in_csrf: None,
        csrf: &csrf,
        email: "",
        error: None,
        notice: if q.draft.is_some() {
            Some(t.draft_saved)
        } else {
            q.signed_out.is_some().then_some(t.signed_out)
        },
    });
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, Some(&csrf)));
    with_lang(r, &q)
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    email: String,
    password: String,
}

/// `POST /portal/login`: the password step. A wrong password shows the
/// form again with 422 (401 and 403 mean "not allowed here" in the portal,
/// which the authorization-matrix test relies on).
pub async fn login<R: Repository>(
    State(app): State<Arc<App<R>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = lang(&headers, None);
    let t = lang.texts();
    if !cookie(&headers, LOGIN_COOKIE).is_some_and(|c| same_token(c, &form.csrf)) {
        return (StatusCode::FORBIDDEN, "the sign-in form has expired").into_response();
    }
    let client = client_address(peer, &headers, app.config.trusted_proxy);
    let now = (app.now)();
    let again = |error: &str| {
        let csrf = form.csrf.clone();
        let mut r = render(LoginPage {
            lang,
            t,
            signed_in_csrf: None,
            csrf: &csrf,
            email: &form.email,
            error: Some(error),
            notice: None,
        });
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        r
    };
    let allowed = app
        .signin_limit
        .lock()
        .map(|mut l| l.allows(client, now))
        .unwrap_or(false);
    if !allowed {
        let mut r = again(t.too_many_attempts);
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return r;
    }
    let found = match app.store.staff_by_email(form.email.trim().to_owned()).await {
        Ok(f) => f,
        Err(e) => return store_failed(e),
    };
    let creds = found.as_ref().and_then(|(_, c)| c.as_ref());
    let stored = creds.map(|c| c.password_hash.clone());
    // An initial password an admin issued works only until its end.
    let initial_expired = creds
        .and_then(|c| c.initial_until)
        .is_some_and(|until| now >= until);
    // Hashing runs on the blocking pool: ~20 ms of one core.
    let password = form.password.clone();
    let ok = tokio::task::spawn_blocking(move || password::verify(&password, stored.as_deref()))
        .await
        .unwrap_or(false);
    let Some((clinician, _)) = found.filter(|_| ok && !initial_expired) else {
        if let Ok(mut l) = app.signin_limit.lock() {
            l.failed(client, now);
        }
        tracing::info!(%client, "portal sign-in refused");
        return again(t.wrong_password);
    };
    let (Some(token), Some(csrf)) = (new_token(), new_token()) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    if let Err(e) = app
        .store
        .create_session(
            secrets::hash(&token),
            clinician.id.clone(),
            SessionStage::SecondFactor,
            csrf,
            now,
        )
        .await
    {
        return store_failed(e);
    }
    tracing::info!(clinician = %clinician.id, "portal password accepted");
    let mut r = Redirect::to("/portal/second-factor").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, Some(&token)));
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, None));
    r
}

/// The set-up to show: the stored secret if not confirmed yet (a new one
/// is made and stored the first time); and whether the password is an
/// initial one to replace.
async fn setup_if_needed<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
) -> Result<(Option<Setup>, bool), Response> {
    let c = &s.session.clinician;
    let creds = app
        .store
        .staff_by_email(c.email.clone())
        .await
        .map_err(store_failed)?
        .and_then(|(_, creds)| creds)
        .ok_or_else(|| StatusCode::UNAUTHORIZED.into_response())?;
    let new_password = creds.initial_until.is_some();
    if creds.totp_confirmed {
        return Ok((None, new_password));
    }
    let secret = match creds.totp_secret {
        Some(s) => s,
        None => {
            let secret =
                totp::new_secret().map_err(|_| StatusCode::SERVICE_UNAVAILABLE.into_response())?;
            app.store
                .set_totp_secret(c.id.clone(), Some(secret.clone()), (app.now)())
                .await
                .map_err(store_failed)?;
            secret
        }
    };
    let url = totp::otpauth_url(&secret, &c.email)
        .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    Ok((
        Some(Setup {
            qr_svg: totp::qr_svg(&url).unwrap_or_default(),
            key: totp::secret_base32(&secret),
        }),
        new_password,
    ))
}

/// `GET /portal/second-factor`.
pub async fn second_factor_page<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    if s.session.stage == SessionStage::SignedIn {
        return Redirect::to("/portal").into_response();
    }
    let lang = lang(&headers, q.lang.as_deref());
    let (setup, new_password) = match setup_if_needed(&app, &s).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let r = render(SecondFactorPage {
        lang,
        t: lang.texts(),
        signed_in_csrf: Some(&s.session.csrf_token),
        csrf: &s.session.csrf_token,
        setup,
        new_password,
        error: None,
    });
    with_lang(r, &q)
}

/// The second-factor form.
#[derive(Deserialize)]
pub struct SecondFactorForm {
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    recovery: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

/// The second-factor page again, with what went wrong (422).
async fn second_factor_again<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    lang: super::texts::Lang,
    error: &str,
) -> Response {
    let (setup, new_password) = match setup_if_needed(app, s).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut r = render(SecondFactorPage {
        lang,
        t: lang.texts(),
        signed_in_csrf: Some(&s.session.csrf_token),
        csrf: &s.session.csrf_token,
        setup,
        new_password,
        error: Some(error),
    });
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// Checks the clinician's own new password against the rules and the
/// initial one; the text of what is wrong.
async fn check_new_password(
    t: &'static super::texts::Texts,
    form: &SecondFactorForm,
    initial_hash: &str,
) -> Result<(), &'static str> {
    if password::check_new(&form.new_password).is_err() {
        return Err(t.password_too_short);
    }
    if !same_token(&form.new_password, &form.new_password_again) {
        return Err(t.passwords_differ);
    }
    let (new, initial) = (form.new_password.clone(), initial_hash.to_owned());
    let same = tokio::task::spawn_blocking(move || password::verify(&new, Some(&initial)))
        .await
        .unwrap_or(true);
    if same {
        return Err(t.password_same);
    }
    Ok(())
}

/// `POST /portal/second-factor`: a code from the app (or a recovery code)
/// turns the session into a signed-in one under a new token.
pub async fn second_factor<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Form(form): Form<SecondFactorForm>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    if s.session.stage == SessionStage::SignedIn {
        return Redirect::to("/portal").into_response();
    }
    let lang = lang(&headers, None);
    let t = lang.texts();
    let c = s.session.clinician.clone();
    let now = (app.now)();
    let creds = match app.store.staff_by_email(c.email.clone()).await {
        Ok(Some((_, Some(creds)))) => creds,
        Ok(_) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(e) => return store_failed(e),
    };
    let first_time = !creds.totp_confirmed;
    // An initial password is replaced in the same step as the code, so
    // neither the password nor the code alone gets in.
    let must_change = creds.initial_until.is_some();
    if must_change && let Err(error) = check_new_password(t, &form, &creds.password_hash).await {
        return second_factor_again(&app, &s, lang, error).await;
    }
    let accepted = if !form.code.trim().is_empty() {
        match creds.totp_secret.as_deref().map(|secret| {
            totp::check(
                secret,
                &form.code,
                now.timestamp().max(0) as u64,
                creds.totp_last_step,
            )
        }) {
            Some(Ok(step)) => match app.store.use_totp_step(c.id.clone(), step).await {
                Ok(recorded) => recorded,
                Err(e) => return store_failed(e),
            },
            _ => false,
        }
    } else if !first_time && !form.recovery.trim().is_empty() {
        match recovery::stored_form(&form.recovery) {
            Some(h) => match app.store.use_recovery_code(c.id.clone(), h, now).await {
                Ok(used) => used,
                Err(e) => return store_failed(e),
            },
            None => false,
        }
    } else {
        false
    };
    if !accepted {
        tracing::info!(clinician = %c.id, "portal second factor refused");
        return second_factor_again(&app, &s, lang, t.wrong_code).await;
    }
    if must_change {
        let new = form.new_password.clone();
        let hash = match tokio::task::spawn_blocking(move || password::hash(&new)).await {
            Ok(Ok(h)) => h,
            _ => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        };
        if let Err(e) = app.store.set_password(c.id.clone(), hash, now).await {
            return store_failed(e);
        }
        tracing::info!(clinician = %c.id, "portal initial password replaced");
    }
    // Signed in: a new session token and CSRF token.
    let (Some(token), Some(csrf)) = (new_token(), new_token()) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let result = async {
        app.store.end_session(s.token_hash.clone()).await?;
        app.store
            .create_session(
                secrets::hash(&token),
                c.id.clone(),
                SessionStage::SignedIn,
                csrf.clone(),
                now,
            )
            .await
    }
    .await;
    if let Err(e) = result {
        return store_failed(e);
    }
    tracing::info!(clinician = %c.id, "portal sign-in complete");
    let mut r = if first_time {
        let codes = match recovery::new_codes() {
            Ok(c) => c,
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        };
        let hashes = codes
            .iter()
            .filter_map(|c| recovery::stored_form(c))
            .collect();
        if let Err(e) = app.store.replace_recovery_codes(c.id.clone(), hashes).await {
            return store_failed(e);
        }
        render(RecoveryCodesPage {
            lang,
            t,
            signed_in_csrf: Some(&csrf),
            codes,
        })
    } else {
        // Back to the page whose reply was kept as a draft, if that is why
        // the clinician signed in again.
        match cookie(&headers, NEXT_COOKIE).and_then(super::drafts::safe_next) {
            Some(next) => {
                let mut r = Redirect::to(&next).into_response();
                r.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(NEXT_COOKIE, None));
                r
            }
            None => Redirect::to("/portal").into_response(),
        }
    };
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, Some(&token)));
    r
}

/// `POST /portal/logout`: ends the session on the server.
pub async fn logout<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    if let Err(e) = app.store.end_session(s.token_hash).await {
        return store_failed(e);
    }
    let mut r = Redirect::to("/portal/login?signed_out=1").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
    r
}

/// `GET /portal`: the work queue.
pub async fn queue<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    let t = lang.texts();
    let c = &s.session.clinician;
    let patients = match app.store.unit_overview(c.unit_id.clone()).await {
        Ok(p) => p,
        Err(e) => return store_failed(e),
    };
    let wq = super::queue::work_queue(&patients, &c.id, lang, (app.now)());
    let r = render(QueuePage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        clinician_name: &c.display_name,
        sections: vec![
            (t.queue_unread, wq.unread),
            (t.queue_unreviewed, wq.unreviewed),
            (t.queue_inactive, wq.inactive),
            (t.queue_ending, wq.ending),
        ],
    });
    with_lang(r, &q)
}

/// `GET /portal/patients?q=`: the unit's patients, searchable.
pub async fn patients<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    let c = &s.session.clinician;
    let all = match app.store.unit_list(c.unit_id.clone()).await {
        Ok(p) => p,
        Err(e) => return store_failed(e),
    };
    let ids: Vec<&str> = app.bundle.modules.iter().map(|m| m.id.as_str()).collect();
    let search: String = q.q.chars().take(100).collect();
    let rows = super::patients::patient_list(&all, &search, &ids, lang, (app.now)());
    let r = render(super::pages::PatientsPage {
        lang,
        t: lang.texts(),
        signed_in_csrf: Some(&s.session.csrf_token),
        q: &search,
        rows,
    });
    with_lang(r, &q)
}
