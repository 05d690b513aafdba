//! The portal's HTTP plumbing: the router built from the route table, the
//! guard that loads the session and enforces each route's access, the
//! security headers on every response, cookies and CSRF checks.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

use super::routes::{Access, ROUTES, RouteInfo};
use super::session::SessionCheck;
use super::texts::Lang;
use super::{
    access_log, drafts, enrol, mailbox, pacing, patient_page, signin, staff, static_files, summary,
};
use crate::api::App;
use crate::secrets;
use crate::store::{PortalSession, Repository, SessionStage};

/// The session cookie: `__Host-` so it is Secure, host-only and path `/`.
pub const SESSION_COOKIE: &str = "__Host-smartskolan";
/// The sign-in form's CSRF cookie (before there is a session).
pub const LOGIN_COOKIE: &str = "__Host-smartskolan-login";
/// The page to come back to after signing in again (a reply kept as a
/// draft, see [`super::drafts`]).
pub const NEXT_COOKIE: &str = "__Host-smartskolan-next";
/// The language cookie.
pub const LANG_COOKIE: &str = "__Host-smartskolan-lang";

/// The CSP: nothing inline, scripts and styles only from this server.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The signed-in session a guarded handler receives.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    /// The session cookie's token hash.
    pub token_hash: String,
    /// The stored session.
    pub session: PortalSession,
}

/// The portal's router.
pub fn router<R: Repository>(app: Arc<App<R>>) -> Router {
    let mut r = Router::new();
    for info in ROUTES {
        let guarded = handler::<R>(info)
            .route_layer(from_fn_with_state((app.clone(), info.access), guard::<R>));
        r = r.route(info.path, guarded);
    }
    r.layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

/// The handler of a table entry.
fn handler<R: Repository>(info: &RouteInfo) -> MethodRouter<Arc<App<R>>> {
    match (info.method, info.path) {
        ("GET", "/portal/static/portal.css") => get(static_files::css),
        ("GET", "/portal/static/summary.css") => get(static_files::summary_css),
        ("GET", "/portal/login") => get(signin::login_page::<R>),
        ("POST", "/portal/login") => post(signin::login::<R>),
        ("GET", "/portal/second-factor") => get(signin::second_factor_page::<R>),
        ("POST", "/portal/second-factor") => post(signin::second_factor::<R>),
        ("POST", "/portal/logout") => post(signin::logout::<R>),
        ("GET", "/portal") => get(signin::queue::<R>),
        ("GET", "/portal/patients") => get(signin::patients::<R>),
        ("GET", "/portal/patients/{patient}") => get(patient_page::page::<R>),
        ("POST", "/portal/patients/{patient}/answers/{version}/reviewed") => {
            post(patient_page::mark_reviewed::<R>)
        }
        ("GET", "/portal/patients/{patient}/summary") => get(summary::page::<R>),
        ("GET", "/portal/patients/{patient}/summary.pdf") => get(summary::pdf::<R>),
        ("POST", "/portal/patients/{patient}/messages") => post(patient_page::reply::<R>),
        ("POST", "/portal/patients/{patient}/threads/{thread}/read") => {
            post(patient_page::mark_read::<R>)
        }
        ("POST", "/portal/patients/{patient}/devices/{device}/revoke") => {
            post(patient_page::revoke::<R>)
        }
        ("GET", "/portal/patients/{patient}/access-log") => get(access_log::patient::<R>),
        ("GET", "/portal/access-log") => get(access_log::mine::<R>),
        ("GET", "/portal/team") => get(mailbox::list::<R>),
        ("GET", "/portal/team/{patient}") => get(mailbox::thread::<R>),
        ("POST", "/portal/team/{patient}/messages") => post(mailbox::reply::<R>),
        ("POST", "/portal/team/{patient}/read") => post(mailbox::mark_read::<R>),
        ("GET", "/portal/account") => get(staff::account::<R>),
        ("POST", "/portal/account/recovery-codes") => post(staff::new_recovery_codes::<R>),
        ("GET", "/portal/staff") => get(staff::list::<R>),
        ("POST", "/portal/staff") => post(staff::create::<R>),
        ("GET", "/portal/staff/{staff}") => get(staff::member::<R>),
        ("GET", "/portal/staff/{staff}/access-log") => get(access_log::staff_member::<R>),
        ("POST", "/portal/staff/{staff}/reset-second-factor") => {
            post(staff::reset_second_factor::<R>)
        }
        ("POST", "/portal/staff/{staff}/new-password") => post(staff::new_password::<R>),
        ("POST", "/portal/staff/{staff}/deactivate") => post(staff::deactivate::<R>),
        ("GET", "/portal/enrol") => get(enrol::form_page::<R>),
        ("POST", "/portal/enrol") => post(enrol::enrol::<R>),
        ("POST", "/portal/patients/{patient}/activation-code") => post(enrol::new_code::<R>),
        ("POST", "/portal/patients/{patient}/pace") => post(pacing::set_pace::<R>),
        ("POST", "/portal/patients/{patient}/read-ahead") => post(pacing::read_ahead::<R>),
        ("POST", "/portal/patients/{patient}/unlock") => post(pacing::unlock::<R>),
        ("POST", "/portal/patients/{patient}/visits") => post(pacing::book_visit::<R>),
        ("POST", "/portal/patients/{patient}/access/extend") => post(pacing::extend::<R>),
        ("POST", "/portal/patients/{patient}/access/end") => post(pacing::end::<R>),
        (m, p) => unreachable!("route {m} {p} has no handler"),
    }
}

/// Headers on every portal response.
async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Every portal page may show patient data or a secret: never cached.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value for a `__Host-` cookie (Secure, HttpOnly,
/// SameSite=Strict, Path=/). `None` deletes it.
pub fn set_cookie(name: &str, value: Option<&str>) -> HeaderValue {
    let s = match value {
        Some(v) => format!("{name}={v}; Secure; HttpOnly; SameSite=Strict; Path=/"),
        None => format!("{name}=; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    };
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The page language: `?lang=` wins, then the language cookie.
pub fn lang(headers: &HeaderMap, query: Option<&str>) -> Lang {
    Lang::parse(query.or_else(|| cookie(headers, LANG_COOKIE)))
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether a state-changing request comes from a page of this site: no
/// cross-site `Sec-Fetch-Site`, and an `Origin`, when sent, naming this
/// host.
fn same_origin(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| !host.is_empty() && rest == host)
}

/// The session a request's cookie names.
enum Loaded {
    /// No cookie, or no such session.
    None,
    /// A session that timed out (marked ended now if it was not yet).
    Ended(CurrentSession),
    /// A live session (its last request time is now).
    Alive(CurrentSession),
}

/// The session named by the request's cookie. A session past its limits
/// is marked ended, not deleted, so that a reply posted from it can still
/// be kept as its clinician's draft ([`super::drafts`]).
async fn load_session<R: Repository>(
    app: &App<R>,
    headers: &HeaderMap,
) -> Result<Loaded, crate::store::StoreError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(Loaded::None);
    };
    let token_hash = secrets::hash(token);
    let Some(session) = app.store.session(token_hash.clone()).await? else {
        return Ok(Loaded::None);
    };
    let now = (app.now)();
    if session.ended || session.times.check(now) != SessionCheck::Alive {
        if !session.ended {
            app.store.expire_session(token_hash.clone(), now).await?;
        }
        return Ok(Loaded::Ended(CurrentSession {
            token_hash,
            session,
        }));
    }
    app.store
        .touch_session(token_hash.clone(), session.stage, now)
        .await?;
    Ok(Loaded::Alive(CurrentSession {
        token_hash,
        session,
    }))
}

/// A form with only its CSRF token (mark read, revoke, sign out, …).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    /// The session's form token.
    pub csrf: String,
}

/// Loads the session and lets the request through only if the route's
/// access allows it: anonymous routes always; others redirect to sign-in
/// without a live session, and answer 403 for a role
/// the route does not allow.
async fn guard<R: Repository>(
    State((app, access)): State<(Arc<App<R>>, Access)>,
    mut req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::POST && !same_origin(req.headers()) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    let session = match load_session(&app, req.headers()).await {
        Ok(Loaded::Alive(s)) => Some(s),
        Ok(Loaded::Ended(s))
            if req.method() == Method::POST && drafts::reply_target(req.uri().path()).is_some() =>
        {
            // A reply posted after the session ended: kept as a draft.
            return drafts::rescue(&app, s, req).await;
        }
        Ok(Loaded::Ended(_) | Loaded::None) => None,
        Err(e) => {
            tracing::error!(error = %e, "portal session lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let allowed = match (access, &session) {
        (Access::Anonymous, _) => true,
        (_, None) => {
            // A form posted after the session ended (idle timeout, signed
            // out in another tab) leads to the sign-in page, not to a bare
            // error.
            return if req.method() == Method::GET {
                Redirect::to("/portal/login").into_response()
            } else {
                Redirect::to("/portal/login?signed_out=1").into_response()
            };
        }
        (Access::SecondFactor, Some(_)) => true,
        (Access::Staff | Access::UnitAdmin, Some(s))
            if s.session.stage == SessionStage::SecondFactor =>
        {
            return if req.method() == Method::GET {
                Redirect::to("/portal/second-factor").into_response()
            } else {
                StatusCode::UNAUTHORIZED.into_response()
            };
        }
        (Access::Staff, Some(_)) => true,
        (Access::UnitAdmin, Some(s)) => s.session.clinician.role == crate::model::Role::UnitAdmin,
    };
    if !allowed {
        return StatusCode::FORBIDDEN.into_response();
    }
    if let Some(s) = session {
        req.extensions_mut().insert(s);
    }
    next.run(req).await
}
