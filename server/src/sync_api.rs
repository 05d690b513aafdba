//! Push and pull: `POST /api/v1/changes` stores a batch of a device's
//! changes, each once by change id; `GET /api/v1/changes?after=CURSOR` returns
//! the patient's feed after a cursor, without the asking device's own changes.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, App, ErrorBody, bearer_token};
use crate::model::{Change, DeviceAuth, ENDED_GRACE_DAYS, FeedItem, PushOutcome};
use crate::secrets;
use crate::store::Repository;
use crate::validate;

/// Most changes in one push.
pub const MAX_BATCH: usize = 500;
/// Most feed items in one pull.
pub const MAX_PULL: u32 = 500;

fn unknown_device() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "this device is not known; activate it with a code from your clinic",
    )
}

/// The device behind `Authorization: Bearer TOKEN`.
pub(crate) async fn authenticate<R: Repository>(
    app: &App<R>,
    headers: &HeaderMap,
) -> Result<DeviceAuth, ApiError> {
    let token = bearer_token(headers).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a device token is required: Authorization: Bearer …",
        )
    })?;
    let device = app
        .store
        .device_by_token(secrets::hash(token))
        .await?
        .ok_or_else(unknown_device)?;
    match access_refusal(&device, (app.now)()) {
        None => Ok(device),
        Some(Refusal::Revoked) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "device_revoked",
            "your clinic has turned off access from this device",
        )),
        Some(Refusal::AccessEnded) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "access_ended",
            "your access to the course has ended; ask your clinic if you need it again",
        )),
    }
}

/// Why a known device's token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The clinic turned the device off (`device_revoked`).
    Revoked,
    /// Access has ended and its 14-day grace is over (`access_ended`).
    AccessEnded,
}

/// Whether a known device may sync at `now` (`None`) or why not. Revoked
/// stops at once. Otherwise a device stops 14 days (`ENDED_GRACE_DAYS`)
/// after whichever comes first: the patient's planned end of access
/// (`DeviceAuth::access_ends_at`, from the current enrolment, so an
/// extension revives the token) or, for an ended device, the moment it was
/// ended. Until then the phone may still push what was written offline and
/// pull.
pub(crate) fn access_refusal(device: &DeviceAuth, now: DateTime<Utc>) -> Option<Refusal> {
    let grace = chrono::Duration::days(ENDED_GRACE_DAYS);
    // A planned end so far off that adding the grace overflows never passes.
    let planned_over = device
        .access_ends_at
        .and_then(|end| end.checked_add_signed(grace))
        .is_some_and(|stop| now >= stop);
    let ended_at = device.state_changed_at.unwrap_or(now);
    match device.state.as_str() {
        "revoked" => Some(Refusal::Revoked),
        "active" if !planned_over => None,
        // Ended: what was written offline can still be sent for 14 days.
        "ended" if !planned_over && now < ended_at + grace => None,
        _ => Some(Refusal::AccessEnded),
    }
}

/// `POST /api/v1/changes` body.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The changes, in the device's upload order.
    pub changes: Vec<Change>,
}

/// `POST /api/v1/changes` answer.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PushResponse {
    /// One outcome per change, in order.
    pub results: Vec<PushOutcome>,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/changes", tag = "device", security(("device_token" = [])), request_body = PushRequest, responses((status = 200, description = "one outcome per change, in order", body = PushResponse), (status = 400, body = ErrorBody), (status = 401, description = "no valid token", body = ErrorBody), (status = 413, description = "body or batch too large", body = ErrorBody), (status = 503, body = ErrorBody)))]
pub(crate) async fn push<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let device = authenticate(&app, &headers).await?;
    let Json(req) = body.map_err(|e| {
        ApiError::new(
            e.status(),
            "bad_request",
            "the body must be JSON: {\"changes\": [{\"id\", \"entity\", \"entity_id\", \"hlc\", \"payload\"}]}",
        )
    })?;
    if req.changes.len() > MAX_BATCH {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_long",
            format!("at most {MAX_BATCH} changes per push"),
        ));
    }
    let now = (app.now)();
    let mut results: Vec<Option<PushOutcome>> = Vec::with_capacity(req.changes.len());
    let mut valid = Vec::new();
    for c in req.changes {
        match validate::check(&app.bundle, &c) {
            Ok(()) => {
                results.push(None);
                valid.push(c);
            }
            Err(reason) => results.push(Some(PushOutcome::Rejected { id: c.id, reason })),
        }
    }
    let stored = if valid.is_empty() {
        Vec::new()
    } else {
        app.store.push(device, valid, now).await?
    };
    let mut stored = stored.into_iter();
    let results = results
        .into_iter()
        .map(|r| r.or_else(|| stored.next()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the store answered fewer changes than it was given",
            )
        })?;
    Ok(Json(PushResponse {
        results,
        server_time: now,
    }))
}

/// `GET /api/v1/changes` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PullQuery {
    /// The cursor from the last pull (0 the first time).
    #[serde(default)]
    pub after: i64,
    /// Most items wanted (at most 500).
    pub limit: Option<u32>,
}

/// `GET /api/v1/changes` answer.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PullResponse {
    /// The feed items.
    pub items: Vec<FeedItem>,
    /// The cursor to send next time.
    pub cursor: i64,
    /// Whether more items wait (ask again at once).
    pub more: bool,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

#[utoipa::path(get, path = "/api/v1/changes", tag = "device", security(("device_token" = [])), params(PullQuery), responses((status = 200, body = PullResponse), (status = 400, body = ErrorBody), (status = 401, description = "no valid token", body = ErrorBody)))]
pub(crate) async fn pull<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let device = authenticate(&app, &headers).await?;
    let Query(q) = query.map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "after and limit must be whole numbers",
        )
    })?;
    let limit = q.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let (items, cursor, more) = app.store.pull(device, q.after.max(0), limit).await?;
    Ok(Json(PullResponse {
        items,
        cursor,
        more,
        server_time: (app.now)(),
    }))
}

/// `GET /api/v1/status` answer.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StatusResponse {
    /// `active` or `ended` (an ended device may push and read this for 14
    /// days after access ended).
    pub device_state: String,
    /// When access ends or ended.
    pub access_ends_at: DateTime<Utc>,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

#[utoipa::path(get, path = "/api/v1/status", tag = "device", security(("device_token" = [])), responses((status = 200, body = StatusResponse), (status = 401, description = "no valid token", body = ErrorBody)))]
pub(crate) async fn status<R: Repository>(
    State(app): State<Arc<App<R>>>,
    headers: HeaderMap,
) -> Result<Json<StatusResponse>, ApiError> {
    let device = authenticate(&app, &headers).await?;
    let patient = app
        .store
        .patient(device.patient_id.clone())
        .await?
        .ok_or_else(unknown_device)?;
    Ok(Json(StatusResponse {
        device_state: device.state,
        access_ends_at: patient.enrolment.access_ends_at(),
        server_time: (app.now)(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    /// A time from RFC 3339 text.
    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// A device in `state`, changed at `changed`, whose patient's planned
    /// end is `planned_end`.
    fn device(
        state: &str,
        changed: Option<DateTime<Utc>>,
        planned_end: Option<DateTime<Utc>>,
    ) -> DeviceAuth {
        DeviceAuth {
            device_id: "d".into(),
            patient_id: "p".into(),
            state: state.into(),
            state_changed_at: changed,
            access_ends_at: planned_end,
        }
    }

    /// An active device syncs until 14 days after the planned end.
    #[test]
    fn an_active_device_stops_14_days_after_the_planned_end() {
        let end = at("2027-11-30T09:00:00Z");
        let d = device("active", None, Some(end));
        assert_eq!(access_refusal(&d, end - Duration::days(1)), None);
        assert_eq!(access_refusal(&d, end), None);
        assert_eq!(
            access_refusal(&d, end + Duration::days(14) - Duration::seconds(1)),
            None
        );
        assert_eq!(
            access_refusal(&d, end + Duration::days(14)),
            Some(Refusal::AccessEnded)
        );
        assert_eq!(
            access_refusal(&d, end + Duration::days(400)),
            Some(Refusal::AccessEnded)
        );
        // An unreadable enrolment: no planned end applies.
        let d = device("active", None, None);
        assert_eq!(access_refusal(&d, end + Duration::days(400)), None);
        // A planned end too far off to add the grace to never passes.
        let d = device("active", None, Some(DateTime::<Utc>::MAX_UTC));
        assert_eq!(access_refusal(&d, end), None);
    }

    /// An ended device stops at whichever 14-day grace ends first.
    #[test]
    fn an_ended_device_stops_at_whichever_grace_ends_first() {
        let end = at("2027-11-30T09:00:00Z");
        // Ended before the planned end: its own 14 days count.
        let ended = end - Duration::days(30);
        let d = device("ended", Some(ended), Some(end));
        assert_eq!(access_refusal(&d, ended + Duration::days(13)), None);
        assert_eq!(
            access_refusal(&d, ended + Duration::days(14)),
            Some(Refusal::AccessEnded)
        );
        // Ended after the planned end: the planned end's 14 days count.
        let ended = end + Duration::days(10);
        let d = device("ended", Some(ended), Some(end));
        assert_eq!(access_refusal(&d, end + Duration::days(13)), None);
        assert_eq!(
            access_refusal(&d, end + Duration::days(14)),
            Some(Refusal::AccessEnded)
        );
    }

    /// Revoked keeps its own error code, before or after the planned end.
    #[test]
    fn a_revoked_device_stops_at_once_whatever_the_planned_end() {
        let end = at("2027-11-30T09:00:00Z");
        let d = device("revoked", Some(end - Duration::days(1)), Some(end));
        assert_eq!(
            access_refusal(&d, end - Duration::days(1)),
            Some(Refusal::Revoked)
        );
        assert_eq!(
            access_refusal(&d, end + Duration::days(30)),
            Some(Refusal::Revoked)
        );
    }
}
