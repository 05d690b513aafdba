//! Storage: one repository trait, with a backend per database chosen by
//! `DATABASE_URL` ([`AnyStore::open_url`]): SQLite (embedded, the default)
//! and PostgreSQL (for a region), with migrations of the same names.

mod any;
mod pg_pool;
mod pg_writer;
mod postgres;
mod postgres_clinic;
mod postgres_enrol;
mod postgres_notices;
mod postgres_portal;
mod sqlite;
mod sqlite_clinic;
mod sqlite_enrol;
mod sqlite_notices;
mod sqlite_portal;
mod sqlite_writer;

pub mod notices;
pub mod portal;

use std::future::Future;

use chrono::{DateTime, Utc};
use painschool_core::practice::PracticeSession;

use crate::clinic_model::{AnswerRecord, ClinicItem, DeviceRecord, Message, PatientRecord};
use crate::model::DeviceState;
use crate::model::{
    Activated, Change, Clinician, CodeRejected, DeviceAuth, FeedItem, NewPatient, PushOutcome,
    Role, Unit,
};

pub use any::{AnyStore, Durability};
pub use notices::NoticeStore;
pub use portal::{
    AccessEntry, Assessment, Credentials, Deactivation, EnrolmentInfo, PatientOverview,
    PortalSession, PortalStore, SessionStage, StaffMember, TeamThread,
};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed (message names tables and constraints, never values).
    #[error("database error: {0}")]
    Database(String),
    /// A record the call needs does not exist.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// The database URL is not one this server knows.
    #[error("unsupported DATABASE_URL: {0}")]
    UnsupportedUrl(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// The outcome of an activation attempt.
pub type ActivateResult = Result<Result<Activated, CodeRejected>, StoreError>;

/// The device a used activation code made, when `attempt_hash` is the
/// attempt that used it: the same phone retrying after a lost answer. Both
/// backends apply this rule.
pub(crate) fn retry_of(
    attempt_hash: &Option<String>,
    used_attempt: Option<String>,
    used_device: Option<String>,
) -> Option<String> {
    match (attempt_hash, used_attempt) {
        (Some(a), Some(used)) if *a == used => used_device,
        _ => None,
    }
}

/// The planned end of access of a stored enrolment (`enrolment_json`, the
/// `patients.enrolment` text), for a device's token check. An enrolment that
/// cannot be read gives `None` (no planned end applies) and a warning naming
/// only the device, never the enrolment or the patient. Both backends apply
/// this rule.
pub(crate) fn planned_access_end(enrolment_json: &str, device_id: &str) -> Option<DateTime<Utc>> {
    match serde_json::from_str::<painschool_core::course::Enrolment>(enrolment_json) {
        Ok(e) => Some(e.access_ends_at()),
        Err(_) => {
            tracing::warn!(
                device = %device_id,
                "unreadable enrolment; no planned end of access applied to this device"
            );
            None
        }
    }
}

/// What the server needs from its database. Every write is durable when the
/// returned future resolves (`synchronous=FULL` / `synchronous_commit=on`);
/// concurrent writes share commits (group commit).
pub trait Repository: PortalStore + NoticeStore + Send + Sync + 'static {
    /// Touches the database (for `/healthz`).
    fn health(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Creates a unit.
    fn create_unit(
        &self,
        name: String,
        reply_time_sv: String,
        reply_time_en: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Unit, StoreError>> + Send;

    /// Creates a staff account.
    fn create_clinician(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: Role,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Clinician, StoreError>> + Send;

    /// Creates a patient; returns the patient's id.
    fn create_patient(
        &self,
        patient: NewPatient,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;

    /// Stores a new activation code's hash for a patient.
    fn add_activation_code(
        &self,
        patient_id: String,
        code_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Uses an activation code (once) and registers a device with the
    /// token's hash, in one transaction, keeping the hash of the phone's
    /// attempt id. A used code presented again with the same attempt id,
    /// before it expires, for a device still active and never seen, gives
    /// that device the new token hash instead (the phone's retry after a
    /// lost answer): the same device id, and the earlier token stops
    /// working.
    fn activate(
        &self,
        code_hash: String,
        attempt_hash: Option<String>,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = ActivateResult> + Send;

    /// The device a token hash belongs to, if any, with its patient's
    /// planned end of access read from the current enrolment (one query).
    fn device_by_token(
        &self,
        token_hash: String,
    ) -> impl Future<Output = Result<Option<DeviceAuth>, StoreError>> + Send;

    /// Stores checked changes of one device, each once by change id, in one
    /// durable commit. Returns an outcome per change, in order.
    fn push(
        &self,
        device: DeviceAuth,
        changes: Vec<Change>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Vec<PushOutcome>, StoreError>> + Send;

    /// The patient's feed after `after`, at most `limit` items, leaving out
    /// the asking device's own changes. Returns the items and the cursor to
    /// ask from next (the last seq looked at).
    fn pull(
        &self,
        device: DeviceAuth,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<(Vec<FeedItem>, i64, bool), StoreError>> + Send;

    /// Sets the state of one device of a patient (`device_id`), or of all
    /// of them. A revoked device stays revoked. Returns how many changed.
    fn set_device_states(
        &self,
        patient_id: String,
        device_id: Option<String>,
        state: DeviceState,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;

    /// Stores a staff API token's hash for a clinician.
    fn add_staff_token(
        &self,
        clinician_id: String,
        token_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The active clinician a staff token hash belongs to, if the token has
    /// not expired.
    fn staff_by_token(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<Clinician>, StoreError>> + Send;

    /// A patient, for access checks.
    fn patient(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Option<PatientRecord>, StoreError>> + Send;

    /// Writes one clinic item for a patient, with its feed entry, in one
    /// durable commit. `NotFound` when the item names a message or an answer
    /// version the patient does not have. Returns the feed position.
    fn clinic_write(
        &self,
        patient_id: String,
        clinician_id: String,
        item: ClinicItem,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Records that a clinician read a patient's data (`action` names what),
    /// durably, before the data is handed out.
    fn log_access(
        &self,
        clinician_id: String,
        patient_id: String,
        action: &'static str,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The access log of a patient, oldest first: (time, clinician, action).
    fn access_log(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<(String, String, String)>, StoreError>> + Send;

    /// A patient's messages, both threads, oldest first.
    fn messages(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<Message>, StoreError>> + Send;

    /// Every answer version a patient submitted, oldest first.
    fn answers(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<AnswerRecord>, StoreError>> + Send;

    /// A patient's mindfulness practice sessions, each as last pushed
    /// (the later stamp wins), oldest first.
    fn practice_sessions(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<PracticeSession>, StoreError>> + Send;

    /// A patient's preferences (display name, language, …), each as last
    /// pushed.
    fn preferences(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<std::collections::BTreeMap<String, String>, StoreError>> + Send;

    /// A patient's devices.
    fn devices(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<DeviceRecord>, StoreError>> + Send;

    /// How many durable commits the backend has made (for the group-commit
    /// measurement).
    fn commits(&self) -> u64;
}

/// Opens the backend `DATABASE_URL` names (`sqlite://PATH` or
/// `postgres://…`).
pub async fn open_url(url: &str) -> Result<AnyStore, StoreError> {
    AnyStore::open_url(url).await
}

/// Opens a `sqlite://PATH` URL.
pub fn open_sqlite_url(url: &str) -> Result<SqliteStore, StoreError> {
    let path = url.strip_prefix("sqlite://").ok_or_else(|| {
        let scheme = url.split_once("://").map_or("(none)", |(s, _)| s);
        StoreError::UnsupportedUrl(format!("scheme {scheme}"))
    })?;
    SqliteStore::open(std::path::Path::new(path))
}

/// The sessions among `(session id, stamp, payload)` rows, each at its
/// latest stamp, oldest first; unreadable payloads are skipped.
/// The payload with the highest clock stamp per entity id.
fn latest_payloads(
    rows: Vec<(String, String, String)>,
) -> std::collections::HashMap<String, String> {
    let mut latest: std::collections::HashMap<String, (String, String)> =
        std::collections::HashMap::new();
    for (id, hlc, payload) in rows {
        match latest.get(&id) {
            Some((h, _)) if *h >= hlc => {}
            _ => {
                latest.insert(id, (hlc, payload));
            }
        }
    }
    latest.into_iter().map(|(id, (_, p))| (id, p)).collect()
}

/// The patient's preferences (display name, language, …), each as last
/// pushed; an empty value is no value.
pub(crate) fn latest_preferences(
    rows: Vec<(String, String, String)>,
) -> std::collections::BTreeMap<String, String> {
    latest_payloads(rows)
        .into_iter()
        .filter_map(|(key, p)| {
            let v: serde_json::Value = serde_json::from_str(&p).ok()?;
            let value = v.get("value")?.as_str()?.to_owned();
            (!value.is_empty()).then_some((key, value))
        })
        .collect()
}

pub(crate) fn latest_sessions(rows: Vec<(String, String, String)>) -> Vec<PracticeSession> {
    let mut out: Vec<PracticeSession> = latest_payloads(rows)
        .into_values()
        .filter_map(|p| serde_json::from_str(&p).ok())
        .collect();
    out.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A readable enrolment gives its planned end; an unreadable one gives
    /// none (no planned end applies).
    #[test]
    fn the_planned_end_comes_from_the_stored_enrolment() {
        let start: DateTime<Utc> = "2026-11-30T09:00:00Z".parse().unwrap();
        let e = painschool_core::course::Enrolment::weekly(start, chrono_tz::Europe::Stockholm);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            planned_access_end(&json, "d"),
            Some("2027-11-30T09:00:00Z".parse().unwrap())
        );
        assert_eq!(planned_access_end("{\"start\": 1}", "d"), None);
    }
}
