//! Staff administration and one's own account. A unit admin manages only
//! their own unit's staff (another unit's answers 404): creates an account
//! with a one-time initial password shown once (the clinician chooses their
//! own password and sets up the second factor at the first sign-in: there
//! is no password-only path), issues a new initial password for a
//! forgotten one, resets a lost second factor, and deactivates a leaver
//! (every session of theirs ends at once; their replies stay). The unit's
//! last active admin cannot be deactivated. Every clinician may create new
//! recovery codes on their account page.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;

use super::pages::RecoveryCodesPage;
use super::patient_page::failed;
use super::signin::render;
use super::texts::{Lang, Texts};
use super::web::{CsrfOnly, CurrentSession, lang, same_token};
use super::{password, recovery};
use crate::api::App;
use crate::model::Role;
use crate::secrets;
use crate::store::{Deactivation, Repository, StaffMember};

/// How long an initial password works.
pub const INITIAL_PASSWORD_DAYS: i64 = 7;

/// One staff member as the staff page lists them.
pub struct StaffRow {
    /// The account's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sign-in e-mail.
    pub email: String,
    /// Role, in words.
    pub role: &'static str,
    /// Active or not.
    pub active: bool,
    /// Second factor set up.
    pub second_factor: bool,
    /// Still on an initial password.
    pub initial_password: bool,
}

/// An initial password just issued, shown once.
pub struct Issued {
    /// Whose.
    pub name: String,
    /// Their sign-in e-mail.
    pub email: String,
    /// The password.
    pub password: String,
}

/// The create form as typed (shown again after a mistake).
#[derive(Default, Deserialize)]
pub struct NewStaffForm {
    #[serde(default)]
    csrf: String,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The e-mail.
    #[serde(default)]
    pub email: String,
    /// `clinician` or `unit_admin`.
    #[serde(default)]
    pub role: String,
}

/// The staff page.
#[derive(Template)]
#[template(path = "portal/staff.html")]
pub struct StaffPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// The unit's staff, active first.
    pub rows: Vec<StaffRow>,
    /// What was done.
    pub notice: Option<&'a str>,
    /// What went wrong.
    pub error: Option<&'a str>,
    /// A password to show once.
    pub issued: Option<Issued>,
    /// The create form's values.
    pub form: NewStaffForm,
}

/// The account page.
#[derive(Template)]
#[template(path = "portal/account.html")]
pub struct AccountPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// Name.
    pub name: &'a str,
    /// Sign-in e-mail.
    pub email: &'a str,
    /// Role, in words.
    pub role: &'static str,
    /// Whether the staff page is theirs to use.
    pub is_admin: bool,
}

/// One staff member's page: their state and the admin's actions.
#[derive(Template)]
#[template(path = "portal/staff_member.html")]
pub struct StaffMemberPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// The member.
    pub m: StaffRow,
    /// What went wrong.
    pub error: Option<&'a str>,
}

/// `?lang=` and what was just done.
#[derive(Debug, Default, Deserialize)]
pub struct StaffQuery {
    lang: Option<String>,
    done: Option<String>,
}

fn staff_row(t: &Texts, m: StaffMember) -> StaffRow {
    StaffRow {
        role: role_text(t, m.clinician.role),
        id: m.clinician.id,
        name: m.clinician.display_name,
        email: m.clinician.email,
        active: m.active,
        second_factor: m.second_factor,
        initial_password: m.initial_password,
    }
}

fn member_page(
    lang: Lang,
    s: &CurrentSession,
    m: StaffMember,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let t = lang.texts();
    let mut r = render(StaffMemberPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        m: staff_row(t, m),
        error,
    });
    if r.status() == StatusCode::OK {
        *r.status_mut() = status;
    }
    r
}

/// `GET /portal/staff/{staff}`.
pub async fn member<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(staff_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<StaffQuery>,
) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    match own_staff(&app, &s, &staff_id).await {
        Ok(m) => member_page(lang, &s, m, None, StatusCode::OK),
        Err(r) => r,
    }
}

fn role_text(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Clinician => t.role_clinician,
        Role::UnitAdmin => t.role_unit_admin,
    }
}

/// A staff member of the signed-in admin's unit; 404 for anyone else's.
pub async fn own_staff<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    staff_id: &str,
) -> Result<StaffMember, Response> {
    app.store
        .staff_member(staff_id.to_owned())
        .await
        .map_err(failed)?
        .filter(|m| m.clinician.unit_id == s.session.clinician.unit_id)
        .ok_or_else(|| StatusCode::NOT_FOUND.into_response())
}

/// A new initial password: 96 random bits as 24 hex digits in groups of
/// four (easy to read out and type, past the length rule).
fn initial_password() -> Option<String> {
    let token = secrets::new_device_token().ok()?;
    Some(
        token.as_bytes()[..24]
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-"),
    )
}

/// A new initial password and its hash (hashed off the async threads).
async fn issue_password() -> Result<(String, String), Response> {
    let plain =
        initial_password().ok_or_else(|| StatusCode::SERVICE_UNAVAILABLE.into_response())?;
    let p = plain.clone();
    match tokio::task::spawn_blocking(move || password::hash(&p)).await {
        Ok(Ok(hash)) => Ok((plain, hash)),
        _ => Err(StatusCode::SERVICE_UNAVAILABLE.into_response()),
    }
}

/// What a staff page shows besides the list.
#[derive(Default)]
struct Shown<'a> {
    notice: Option<&'a str>,
    error: Option<&'a str>,
    issued: Option<Issued>,
    form: NewStaffForm,
}

async fn staff_page<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    lang: Lang,
    shown: Shown<'_>,
    status: StatusCode,
) -> Response {
    let t = lang.texts();
    let staff = match app
        .store
        .unit_staff(s.session.clinician.unit_id.clone())
        .await
    {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let rows = staff.into_iter().map(|m| staff_row(t, m)).collect();
    let mut r = render(StaffPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        rows,
        notice: shown.notice,
        error: shown.error,
        issued: shown.issued,
        form: shown.form,
    });
    if r.status() == StatusCode::OK {
        *r.status_mut() = status;
    }
    r
}

/// `GET /portal/staff`.
pub async fn list<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<StaffQuery>,
) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    let t = lang.texts();
    let notice = match q.done.as_deref() {
        Some("deactivated") => Some(t.done_deactivated),
        Some("reset") => Some(t.done_reset),
        _ => None,
    };
    let shown = Shown {
        notice,
        ..Shown::default()
    };
    staff_page(&app, &s, lang, shown, StatusCode::OK).await
}

/// `POST /portal/staff`: a new account with an initial password, shown
/// once.
pub async fn create<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Form(form): Form<NewStaffForm>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let lang = lang(&headers, None);
    let t = lang.texts();
    let name = form.name.trim().to_owned();
    let email = form.email.trim().to_owned();
    let role = match form.role.as_str() {
        "clinician" => Some(Role::Clinician),
        "unit_admin" => Some(Role::UnitAdmin),
        _ => None,
    };
    let error = if name.is_empty() || name.chars().count() > 100 {
        Some(t.error_name)
    } else if email.len() < 3
        || email.len() > 254
        || !email.contains('@')
        || email.contains(char::is_whitespace)
    {
        Some(t.error_email)
    } else {
        None
    };
    let (Some(role), None) = (role, error) else {
        let shown = Shown {
            error: Some(error.unwrap_or(t.error_name)),
            form,
            ..Shown::default()
        };
        return staff_page(&app, &s, lang, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let (plain, hash) = match issue_password().await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let now = (app.now)();
    let created = app
        .store
        .create_staff(
            s.session.clinician.unit_id.clone(),
            name.clone(),
            email.clone(),
            role,
            hash,
            now + Duration::days(INITIAL_PASSWORD_DAYS),
            now,
        )
        .await;
    match created {
        Ok(Some(k)) => {
            tracing::info!(clinician = %k.id, by = %s.session.clinician.id, "staff account created");
            let shown = Shown {
                issued: Some(Issued {
                    name,
                    email,
                    password: plain,
                }),
                ..Shown::default()
            };
            staff_page(&app, &s, lang, shown, StatusCode::OK).await
        }
        Ok(None) => {
            let shown = Shown {
                error: Some(t.error_email_taken),
                form,
                ..Shown::default()
            };
            staff_page(&app, &s, lang, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => failed(e),
    }
}

/// `POST /portal/staff/{staff}/new-password`: a new initial password for
/// a forgotten one (shown once); their sessions end, the second factor
/// stays.
pub async fn new_password<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(staff_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let member = match own_staff(&app, &s, &staff_id).await {
        Ok(m) if m.active => m,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(r) => return r,
    };
    let (plain, hash) = match issue_password().await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let now = (app.now)();
    if let Err(e) = app
        .store
        .set_initial_password(
            member.clinician.id.clone(),
            hash,
            now + Duration::days(INITIAL_PASSWORD_DAYS),
            now,
        )
        .await
    {
        return failed(e);
    }
    tracing::info!(clinician = %member.clinician.id, by = %s.session.clinician.id, "new initial password issued");
    let shown = Shown {
        issued: Some(Issued {
            name: member.clinician.display_name,
            email: member.clinician.email,
            password: plain,
        }),
        ..Shown::default()
    };
    staff_page(&app, &s, lang(&headers, None), shown, StatusCode::OK).await
}

/// `POST /portal/staff/{staff}/reset-second-factor`: a lost phone. The
/// next sign-in sets the second factor up again with new recovery codes;
/// every session of theirs ends now.
pub async fn reset_second_factor<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(staff_id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let member = match own_staff(&app, &s, &staff_id).await {
        Ok(m) if m.active => m,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(r) => return r,
    };
    if let Err(e) = app
        .store
        .reset_second_factor(member.clinician.id.clone(), (app.now)())
        .await
    {
        return failed(e);
    }
    tracing::info!(clinician = %member.clinician.id, by = %s.session.clinician.id, "second factor reset");
    Redirect::to("/portal/staff?done=reset").into_response()
}

/// The deactivation form: it cannot be undone, so a box must be ticked.
#[derive(Deserialize)]
pub struct DeactivateForm {
    csrf: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /portal/staff/{staff}/deactivate`: a leaver. Every session of
/// theirs ends at once; their replies stay. 422 without the confirmation,
/// 409 for the unit's last active admin.
pub async fn deactivate<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(staff_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<DeactivateForm>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let member = match own_staff(&app, &s, &staff_id).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    if form.confirm != "yes" {
        let lang = lang(&headers, None);
        let error = Some(lang.texts().error_confirm);
        return member_page(lang, &s, member, error, StatusCode::UNPROCESSABLE_ENTITY);
    }
    match app
        .store
        .deactivate_staff(member.clinician.id.clone(), (app.now)())
        .await
    {
        Ok(Deactivation::Done) => {
            tracing::info!(clinician = %member.clinician.id, by = %s.session.clinician.id, "staff account deactivated");
            Redirect::to("/portal/staff?done=deactivated").into_response()
        }
        Ok(Deactivation::LastAdmin) => {
            let lang = lang(&headers, None);
            let shown = Shown {
                error: Some(lang.texts().error_last_admin),
                ..Shown::default()
            };
            staff_page(&app, &s, lang, shown, StatusCode::CONFLICT).await
        }
        Ok(Deactivation::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => failed(e),
    }
}

/// `GET /portal/account`.
pub async fn account<R: Repository>(
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<StaffQuery>,
) -> Response {
    let lang = lang(&headers, q.lang.as_deref());
    let t = lang.texts();
    let c = &s.session.clinician;
    render(AccountPage {
        lang,
        t,
        signed_in_csrf: Some(&s.session.csrf_token),
        name: &c.display_name,
        email: &c.email,
        role: role_text(t, c.role),
        is_admin: c.role == Role::UnitAdmin,
    })
}

/// `POST /portal/account/recovery-codes`: ten new codes, shown once; the
/// old ones stop working.
pub async fn new_recovery_codes<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Ok(codes) = recovery::new_codes() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let hashes = codes
        .iter()
        .filter_map(|c| recovery::stored_form(c))
        .collect();
    if let Err(e) = app
        .store
        .replace_recovery_codes(s.session.clinician.id.clone(), hashes)
        .await
    {
        return failed(e);
    }
    tracing::info!(clinician = %s.session.clinician.id, "new recovery codes");
    let lang = lang(&headers, None);
    render(RecoveryCodesPage {
        lang,
        t: lang.texts(),
        signed_in_csrf: Some(&s.session.csrf_token),
        codes,
    })
}
