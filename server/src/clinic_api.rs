//! The clinician-side API under `/api/v1/clinic`: the operations the portal
//! will reuse. Every route needs a staff token (`Authorization: Bearer …`)
//! and acts only on patients of the clinician's own unit; a patient of
//! another unit answers 404, as if absent. Every read of patient data is
//! written to the access log before the data is returned.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post, put};
use chrono::{DateTime, Datelike, Utc};
use painschool_core::course::{Enrolment, Pace};
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, App, ErrorBody, bearer_token};
use crate::clinic::{self, AccessChange, ChangeError, issue_activation_code};
use crate::clinic_model::{
    AnswerRecord, ClinicItem, DeviceRecord, MAX_MESSAGE_CHARS, Message, PatientRecord, Thread,
    Visit, VisitKind, check_text,
};
use crate::model::{Clinician, DeviceState, NewPatient};
use crate::store::{Repository, StoreError};
use crate::{personal_number, secrets};

/// The clinic routes, to be nested under `/api/v1/clinic`.
pub fn routes<R: Repository>() -> axum::Router<Arc<App<R>>> {
    axum::Router::new()
        .route("/patients", post(create_patient::<R>))
        .route(
            "/patients/{patient}/activation-codes",
            post(activation_code::<R>),
        )
        .route(
            "/patients/{patient}/messages",
            get(messages::<R>).post(send_message::<R>),
        )
        .route(
            "/patients/{patient}/messages/{message}/read",
            post(mark_read::<R>),
        )
        .route("/patients/{patient}/answers", get(answers::<R>))
        .route(
            "/patients/{patient}/answers/{version}/reviewed",
            post(mark_reviewed::<R>),
        )
        .route("/patients/{patient}/pace", put(set_pace::<R>))
        .route("/patients/{patient}/unlock", post(unlock::<R>))
        .route("/patients/{patient}/visits", post(book_visit::<R>))
        .route("/patients/{patient}/visits/{visit}", put(change_visit::<R>))
        .route("/patients/{patient}/access", post(access::<R>))
        .route("/patients/{patient}/devices", get(devices::<R>))
        .route(
            "/patients/{patient}/devices/{device}/revoke",
            post(revoke::<R>),
        )
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
}

fn not_found(what: &'static str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no such {what}"),
    )
}

fn body<T>(b: Result<Json<T>, JsonRejection>, shape: &str) -> Result<T, ApiError> {
    b.map(|Json(t)| t).map_err(|e| {
        ApiError::new(
            e.status(),
            "bad_request",
            format!("the body must be JSON: {shape}"),
        )
    })
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound(what) => not_found(what),
        other => other.into(),
    }
}

/// The clinician behind the staff token.
async fn staff<R: Repository>(app: &App<R>, headers: &HeaderMap) -> Result<Clinician, ApiError> {
    let unauthorized = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid staff token is required: Authorization: Bearer …",
        )
    };
    let token = bearer_token(headers).ok_or_else(unauthorized)?;
    app.store
        .staff_by_token(secrets::hash(token), (app.now)())
        .await?
        .ok_or_else(unauthorized)
}

/// The clinician and the patient, when the patient belongs to the
/// clinician's unit.
async fn staff_and_patient<R: Repository>(
    app: &App<R>,
    headers: &HeaderMap,
    patient_id: &str,
) -> Result<(Clinician, PatientRecord), ApiError> {
    let clinician = staff(app, headers).await?;
    let patient = app
        .store
        .patient(patient_id.to_owned())
        .await?
        .filter(|p| p.unit_id == clinician.unit_id)
        .ok_or_else(|| not_found("patient"))?;
    Ok((clinician, patient))
}

/// Writes the access log entry for a read; the read happens only after.
async fn logged<R: Repository>(
    app: &App<R>,
    clinician: &Clinician,
    patient: &PatientRecord,
    action: &'static str,
) -> Result<(), ApiError> {
    app.store
        .log_access(
            clinician.id.clone(),
            patient.id.clone(),
            action,
            (app.now)(),
        )
        .await
        .map_err(ApiError::from)
}

/// `POST /patients` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePatient {
    /// Full name (stays on the server).
    pub name: String,
    /// Personal identity number (optional; checked and normalised).
    pub personal_number: Option<String>,
    /// The patient's own clinician (default: the caller).
    pub clinician_id: Option<String>,
    /// When the course starts (default: now).
    pub start: Option<DateTime<Utc>>,
    /// IANA time zone (default `Europe/Stockholm`).
    pub time_zone: Option<String>,
    /// How modules open (default weekly).
    #[schema(value_type = Option<Object>)]
    pub pace: Option<Pace>,
}

/// `POST /patients` answer.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Created {
    /// The new patient's id.
    pub patient_id: String,
}

#[utoipa::path(post, path = "/api/v1/clinic/patients", tag = "clinic", security(("staff_token" = [])), request_body = CreatePatient, responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn create_patient<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    b: Result<Json<CreatePatient>, JsonRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let clinician = staff(&app, &headers).await?;
    let req = body(
        b,
        "{\"name\": \"…\", \"personal_number\"?, \"start\"?, \"time_zone\"?, \"pace\"?}",
    )?;
    let now = (app.now)();
    let name = req.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(bad("name must be 1–200 characters"));
    }
    let personal_number = match req.personal_number.as_deref() {
        None => None,
        Some(p) => Some(personal_number::normalise(p, now.year()).ok_or_else(|| {
            bad("personal_number is not a valid Swedish personal identity number")
        })?),
    };
    let time_zone = req
        .time_zone
        .as_deref()
        .unwrap_or("Europe/Stockholm")
        .parse()
        .map_err(|_| bad("time_zone is not an IANA time zone"))?;
    let mut enrolment = Enrolment::weekly(req.start.unwrap_or(now), time_zone);
    if let Some(pace) = req.pace {
        enrolment.pace = checked_pace(pace)?;
    }
    let patient_id = app
        .store
        .create_patient(
            NewPatient {
                unit_id: clinician.unit_id.clone(),
                clinician_id: Some(req.clinician_id.unwrap_or(clinician.id)),
                name,
                personal_number,
                enrolment,
            },
            now,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { patient_id })))
}

fn checked_pace(pace: Pace) -> Result<Pace, ApiError> {
    clinic::checked_pace(pace).map_err(change_error)
}

fn change_error(e: ChangeError) -> ApiError {
    match e {
        ChangeError::Invalid(m) => bad(m),
        ChangeError::Store(e) => store_error(e),
    }
}

/// `POST /patients/{id}/activation-codes` answer.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CodeIssued {
    /// The one-time code to give the patient (shown once).
    pub code: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/activation-codes", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), responses((status = 201, body = CodeIssued), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn activation_code<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
) -> Result<(StatusCode, Json<CodeIssued>), ApiError> {
    let (_, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let issued = issue_activation_code(
        &app.store,
        &patient.id,
        app.config.activation_code_days,
        (app.now)(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CodeIssued {
            code: issued.code,
            expires_at: issued.expires_at,
        }),
    ))
}

/// `GET /patients/{id}/messages` answer.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Messages {
    /// Both threads, oldest first.
    pub messages: Vec<Message>,
}

#[utoipa::path(get, path = "/api/v1/clinic/patients/{patient}/messages", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), responses((status = 200, description = "logged in the access log", body = Messages), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn messages<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
) -> Result<Json<Messages>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    logged(&app, &clinician, &patient, "read_messages").await?;
    Ok(Json(Messages {
        messages: app.store.messages(patient.id).await?,
    }))
}

/// `POST /patients/{id}/messages` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendMessage {
    /// Which thread.
    pub thread: Thread,
    /// The text.
    pub text: String,
}

/// The id of what was made.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MadeId {
    /// The id.
    pub id: String,
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/messages", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), request_body = SendMessage, responses((status = 201, body = MadeId), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn send_message<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
    b: Result<Json<SendMessage>, JsonRejection>,
) -> Result<(StatusCode, Json<MadeId>), ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(b, "{\"thread\": \"clinician\"|\"team\", \"text\": \"…\"}")?;
    if check_text(&req.text).is_err() {
        return Err(bad(format!(
            "a message must be 1–{MAX_MESSAGE_CHARS} characters"
        )));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let item = ClinicItem::Message {
        id: id.clone(),
        thread: req.thread,
        text: req.text,
        author_name: clinician.display_name.clone(),
    };
    app.store
        .clinic_write(patient.id, clinician.id, item, (app.now)())
        .await
        .map_err(store_error)?;
    Ok((StatusCode::CREATED, Json(MadeId { id })))
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/messages/{message}/read", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id"), ("message" = String, Path)), responses((status = 204, description = "marked read"), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn mark_read<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path((patient_id, message_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    app.store
        .clinic_write(
            patient.id,
            clinician.id,
            ClinicItem::MessageRead { message_id },
            (app.now)(),
        )
        .await
        .map_err(store_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /patients/{id}/answers` answer.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Answers {
    /// Every submitted version, oldest first.
    pub answers: Vec<AnswerRecord>,
}

#[utoipa::path(get, path = "/api/v1/clinic/patients/{patient}/answers", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), responses((status = 200, description = "logged in the access log", body = Answers), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn answers<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
) -> Result<Json<Answers>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    logged(&app, &clinician, &patient, "read_answers").await?;
    Ok(Json(Answers {
        answers: app.store.answers(patient.id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/answers/{version}/reviewed", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id"), ("version" = String, Path)), responses((status = 204, description = "marked reviewed"), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn mark_reviewed<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path((patient_id, version_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    app.store
        .clinic_write(
            patient.id,
            clinician.id,
            ClinicItem::AnswerReviewed {
                version_id,
                question_id: String::new(),
            },
            (app.now)(),
        )
        .await
        .map_err(store_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /patients/{id}/pace` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPace {
    /// How modules open.
    #[schema(value_type = Object)]
    pub pace: Pace,
    /// Whether the patient may read ahead once every earlier module is done.
    pub read_ahead: Option<bool>,
}

/// Writes a changed enrolment and returns it.
async fn write_enrolment<R: Repository>(
    app: &App<R>,
    clinician: Clinician,
    patient: PatientRecord,
    enrolment: Enrolment,
) -> Result<Json<Enrolment>, ApiError> {
    clinic::write_enrolment(
        &app.store,
        &clinician.id,
        &patient.id,
        enrolment,
        (app.now)(),
    )
    .await
    .map(Json)
    .map_err(store_error)
}

#[utoipa::path(put, path = "/api/v1/clinic/patients/{patient}/pace", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), request_body = SetPace, responses((status = 200, description = "the new enrolment", body = Object), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn set_pace<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
    b: Result<Json<SetPace>, JsonRejection>,
) -> Result<Json<Enrolment>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(b, "{\"pace\": {\"kind\": \"weekly\"|…}, \"read_ahead\"?}")?;
    let mut enrolment = patient.enrolment.clone();
    enrolment.pace = checked_pace(req.pace)?;
    if let Some(r) = req.read_ahead {
        enrolment.read_ahead = r;
    }
    write_enrolment(&app, clinician, patient, enrolment).await
}

/// `POST /patients/{id}/unlock` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Unlock {
    /// The module to open now.
    pub module_id: String,
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/unlock", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), request_body = Unlock, responses((status = 200, description = "the new enrolment", body = Object), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn unlock<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
    b: Result<Json<Unlock>, JsonRejection>,
) -> Result<Json<Enrolment>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(b, "{\"module_id\": \"…\"}")?;
    if app.bundle.module(&req.module_id).is_none() {
        return Err(not_found("module"));
    }
    let mut enrolment = patient.enrolment.clone();
    enrolment.manual_unlocks.insert(req.module_id);
    write_enrolment(&app, clinician, patient, enrolment).await
}

/// `POST /patients/{id}/visits` and `PUT …/visits/{visit}` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookVisit {
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long, in minutes (5–480).
    pub minutes: u32,
    /// Where or how.
    pub kind: VisitKind,
    /// Whether it is cancelled (`PUT` only).
    #[serde(default)]
    pub cancelled: bool,
    /// Where (a clinic visit), at most 200 characters.
    #[serde(default)]
    pub place: Option<String>,
    /// The video call's link (`https` only).
    #[serde(default)]
    pub video_link: Option<String>,
}

async fn write_visit<R: Repository>(
    app: &App<R>,
    clinician: Clinician,
    patient: PatientRecord,
    id: String,
    req: BookVisit,
) -> Result<(), ApiError> {
    let visit = Visit {
        id,
        starts_at: req.starts_at,
        minutes: req.minutes,
        kind: req.kind,
        cancelled: req.cancelled,
        place: req.place,
        video_link: req.video_link,
    };
    clinic::write_visit(&app.store, &clinician.id, &patient.id, visit, (app.now)())
        .await
        .map_err(change_error)
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/visits", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), request_body = BookVisit, responses((status = 201, body = MadeId), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn book_visit<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
    b: Result<Json<BookVisit>, JsonRejection>,
) -> Result<(StatusCode, Json<MadeId>), ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(
        b,
        "{\"starts_at\", \"minutes\", \"kind\": \"clinic\"|\"video\"|\"phone\"}",
    )?;
    let id = uuid::Uuid::now_v7().to_string();
    write_visit(&app, clinician, patient, id.clone(), req).await?;
    Ok((StatusCode::CREATED, Json(MadeId { id })))
}

#[utoipa::path(put, path = "/api/v1/clinic/patients/{patient}/visits/{visit}", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id"), ("visit" = String, Path)), request_body = BookVisit, responses((status = 204, description = "changed"), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn change_visit<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path((patient_id, visit_id)): Path<(String, String)>,
    b: Result<Json<BookVisit>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(b, "{\"starts_at\", \"minutes\", \"kind\", \"cancelled\"}")?;
    if uuid::Uuid::parse_str(&visit_id).is_err() {
        return Err(not_found("visit"));
    }
    write_visit(&app, clinician, patient, visit_id, req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /patients/{id}/access` body.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Access {
    /// End access now: devices become ended (14 days to push what was
    /// written offline).
    End,
    /// Extend access until a time; ended devices sync again.
    Extend {
        /// The new end.
        until: DateTime<Utc>,
    },
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/access", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), request_body = Access, responses((status = 200, description = "the new enrolment", body = Object), (status = 400, body = ErrorBody), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn access<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
    b: Result<Json<Access>, JsonRejection>,
) -> Result<Json<Enrolment>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let req = body(
        b,
        "{\"action\": \"end\"} or {\"action\": \"extend\", \"until\": \"…\"}",
    )?;
    let change = match req {
        Access::End => AccessChange::End,
        Access::Extend { until } => AccessChange::Until(until),
    };
    clinic::change_access(&app.store, &clinician.id, &patient, change, (app.now)())
        .await
        .map(Json)
        .map_err(change_error)
}

/// `GET /patients/{id}/devices` answer.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Devices {
    /// The patient's devices.
    pub devices: Vec<DeviceRecord>,
}

#[utoipa::path(get, path = "/api/v1/clinic/patients/{patient}/devices", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id")), responses((status = 200, description = "logged in the access log", body = Devices), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn devices<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path(patient_id): Path<String>,
) -> Result<Json<Devices>, ApiError> {
    let (clinician, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    logged(&app, &clinician, &patient, "read_devices").await?;
    Ok(Json(Devices {
        devices: app.store.devices(patient.id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/clinic/patients/{patient}/devices/{device}/revoke", tag = "clinic", security(("staff_token" = [])), params(("patient" = String, Path, description = "the patient id"), ("device" = String, Path)), responses((status = 204, description = "revoked"), (status = 401, description = "no valid staff token", body = ErrorBody), (status = 404, description = "no such patient in your unit", body = ErrorBody)))]
async fn revoke<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    Path((patient_id, device_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (_, patient) = staff_and_patient(&app, &headers, &patient_id).await?;
    let known = app.store.devices(patient.id.clone()).await?;
    if !known.iter().any(|d| d.id == device_id) {
        return Err(not_found("device"));
    }
    // Revoking a revoked device changes nothing and still succeeds.
    app.store
        .set_device_states(
            patient.id,
            Some(device_id),
            DeviceState::Revoked,
            (app.now)(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
