//! The sync API, version 1: JSON under `/api/v1`. Errors are JSON
//! `{"error": CODE, "message": TEXT}` with no patient text.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::model::CodeRejected;
use crate::ratelimit::FailureLimit;
use crate::secrets;
use crate::store::{Repository, StoreError};
use painschool_core::content::ContentBundle;

/// Failed portal sign-ins allowed per client address and hour.
pub const SIGNIN_FAILURES_PER_HOUR: u32 = 20;

/// The server's shared state.
pub struct App<R: Repository> {
    /// The database.
    pub store: R,
    /// The configuration.
    pub config: Config,
    /// Failed-activation counters.
    pub activation_limit: Mutex<FailureLimit>,
    /// Failed portal sign-ins per client address (20 an hour).
    pub signin_limit: Mutex<FailureLimit>,
    /// The clock (tests pass a fixed one).
    pub now: Box<dyn Fn() -> DateTime<Utc> + Send + Sync>,
    /// The course bundle, to check pushed answers against.
    pub bundle: Arc<ContentBundle>,
}

impl<R: Repository> App<R> {
    /// The state for `store` under `config` and the course `bundle`,
    /// reading the system clock.
    pub fn new(store: R, config: Config, bundle: Arc<ContentBundle>) -> Self {
        App {
            bundle,
            activation_limit: Mutex::new(FailureLimit::new(
                config.activation_failures_per_client_hour,
                config.activation_failures_per_server_hour,
            )),
            signin_limit: Mutex::new(FailureLimit::new(SIGNIN_FAILURES_PER_HOUR, u32::MAX)),
            store,
            config,
            now: Box::new(Utc::now),
        }
    }
}

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    /// An error with its HTTP status, a stable code and a message for people.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

/// Every error's body.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code the app acts on (see docs/sync-protocol.md).
    pub error: &'static str,
    /// A message for people; never patient text.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(ErrorBody {
                error: self.code,
                message: self.message,
            }),
        )
            .into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "storage failure");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "the server cannot reach its database; try again later",
        )
    }
}

/// The routes.
pub fn router<R: Repository>(app: Arc<App<R>>) -> Router {
    let limit = app.config.max_body_bytes;
    Router::new()
        .route("/healthz", get(healthz::<R>))
        .route("/api/v1/activate", post(activate::<R>))
        .route(
            "/api/v1/changes",
            post(crate::sync_api::push::<R>).get(crate::sync_api::pull::<R>),
        )
        .route("/api/v1/status", get(crate::sync_api::status::<R>))
        .nest("/api/v1/clinic", crate::clinic_api::routes::<R>())
        .route("/api/v1/openapi.json", get(openapi_json))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(app.clone())
        .merge(crate::portal::router(app))
}

#[utoipa::path(get, path = "/healthz", tag = "server", responses((status = 200, description = "the database answers", body = String), (status = 503, description = "the database does not answer", body = ErrorBody)))]
async fn healthz<R: Repository>(State(app): State<Arc<App<R>>>) -> Result<&'static str, ApiError> {
    app.store.health().await?;
    Ok("ok\n")
}

async fn openapi_json() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::openapi::document(),
    )
}

/// The token in `Authorization: Bearer TOKEN`, if there is one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The client's address: the peer, or the last `X-Forwarded-For` hop when
/// the peer is the configured trusted proxy.
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: Option<IpAddr>) -> IpAddr {
    if Some(peer.ip()) == trusted {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    peer.ip()
}

/// `POST /api/v1/activate` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    /// The activation code as the patient typed it.
    pub code: String,
    /// A random id the phone makes for this code (16–128 letters, digits
    /// or dashes) and sends again with every retry of it. If the code was
    /// used by this attempt (the phone never got the answer), the answer
    /// comes again, for the same device with a new token.
    #[serde(default)]
    pub attempt: Option<String>,
}

/// A unit as the phone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UnitInfo {
    /// The unit's name.
    pub name: String,
    /// The stated reply time, Swedish.
    pub reply_time_sv: String,
    /// The stated reply time, English.
    pub reply_time_en: String,
}

/// `POST /api/v1/activate` answer.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActivateResponse {
    /// This device's id.
    pub device_id: String,
    /// The device token for later calls (`Authorization: Bearer …`); shown once.
    pub token: String,
    /// The enrolment as the clinic set it.
    #[schema(value_type = Object)]
    pub enrolment: painschool_core::course::Enrolment,
    /// The patient's unit: its name and stated reply time.
    pub unit: UnitInfo,
    /// The server's time, for the phone's effective now.
    pub server_time: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/activate", tag = "device", request_body = ActivateRequest, responses((status = 200, body = ActivateResponse), (status = 401, description = "unknown, used or expired code", body = ErrorBody), (status = 429, description = "too many failed attempts", body = ErrorBody)))]
async fn activate<R: Repository>(
    State(app): State<Arc<App<R>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<ActivateRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ActivateResponse>, ApiError> {
    let now = (app.now)();
    let client = client_address(peer, &headers, app.config.trusted_proxy);
    if !app
        .activation_limit
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .allows(client, now)
    {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "too many failed activation attempts; try again in an hour",
        ));
    }
    let Json(req) = body.map_err(|e| {
        ApiError::new(
            e.status(),
            "bad_request",
            "the body must be JSON: {\"code\": \"…\"}",
        )
    })?;
    let rejected = || {
        app.activation_limit
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .failed(client, now);
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_code",
            "this activation code is not valid: it may be mistyped, used or expired; ask your clinic for a new one",
        )
    };
    let Some(code) = secrets::normalise_code(&req.code) else {
        return Err(rejected());
    };
    let attempt = req.attempt.as_deref();
    if attempt.is_some_and(|a| {
        !(16..=128).contains(&a.len()) || !a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "attempt must be 16-128 letters, digits or dashes",
        ));
    }
    let token = secrets::new_device_token().map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "no_randomness",
            "try again",
        )
    })?;
    match app
        .store
        .activate(
            secrets::hash(&code),
            attempt.map(secrets::hash),
            secrets::hash(&token),
            now,
        )
        .await?
    {
        Ok(activated) => {
            tracing::info!(device = %activated.device_id, "device activated");
            Ok(Json(ActivateResponse {
                device_id: activated.device_id,
                token,
                enrolment: activated.enrolment,
                unit: UnitInfo {
                    name: activated.unit.name,
                    reply_time_sv: activated.unit.reply_time_sv,
                    reply_time_en: activated.unit.reply_time_en,
                },
                server_time: now,
            }))
        }
        Err(reason) => {
            let reason = match reason {
                CodeRejected::Unknown => "unknown",
                CodeRejected::Used => "used",
                CodeRejected::Expired => "expired",
            };
            tracing::info!(reason, "activation refused");
            Err(rejected())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_from_the_trusted_proxy() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        let proxy: SocketAddr = "10.0.0.5:40000".parse().unwrap();
        let stranger: SocketAddr = "192.0.2.1:40000".parse().unwrap();
        let trusted = Some("10.0.0.5".parse().unwrap());
        assert_eq!(
            client_address(proxy, &h, trusted),
            "198.51.100.7".parse::<IpAddr>().unwrap(),
            "the hop the proxy saw"
        );
        assert_eq!(
            client_address(stranger, &h, trusted),
            "192.0.2.1".parse::<IpAddr>().unwrap(),
            "anyone else cannot spoof an address"
        );
        assert_eq!(client_address(proxy, &h, None), proxy.ip());
    }
}
