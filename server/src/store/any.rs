//! The backend chosen at start-up by `DATABASE_URL`. [`Repository`] uses
//! `impl Future` returns, so it cannot be a trait object; this enum
//! delegates each call to the backend it holds.

use chrono::{DateTime, Utc};

use super::notices::NoticeStore;
use super::portal::{
    AccessEntry, Assessment, Credentials, Deactivation, EnrolmentInfo, PatientOverview,
    PortalSession, PortalStore, SessionStage, StaffMember, TeamThread,
};
use super::{ActivateResult, PgStore, Repository, SqliteStore, StoreError};
use crate::clinic_model::{AnswerRecord, ClinicItem, DeviceRecord, Message, PatientRecord, Visit};
use crate::model::{
    Change, Clinician, DeviceAuth, DeviceState, FeedItem, NewPatient, PushOutcome, Role, Unit,
};
use crate::notices::{PendingNotice, RecipientKey};

/// SQLite or PostgreSQL.
pub enum AnyStore {
    /// `sqlite://PATH`.
    Sqlite(SqliteStore),
    /// `postgres://…`.
    Postgres(PgStore),
}

/// The live durability settings of a backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Durability {
    /// SQLite: `PRAGMA synchronous` (2 is FULL) and the journal mode.
    Sqlite {
        /// `PRAGMA synchronous`.
        synchronous: i64,
        /// `PRAGMA journal_mode`.
        journal_mode: String,
    },
    /// PostgreSQL: `synchronous_commit` and `fsync` as a pooled connection
    /// sees them.
    Postgres {
        /// `synchronous_commit`.
        synchronous_commit: String,
        /// `fsync`.
        fsync: String,
    },
}

impl AnyStore {
    /// Opens the backend `url` names: `sqlite://PATH` or `postgres://…`
    /// (also `postgresql://…`).
    pub async fn open_url(url: &str) -> Result<AnyStore, StoreError> {
        if url.starts_with("sqlite://") {
            Ok(AnyStore::Sqlite(super::open_sqlite_url(url)?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(AnyStore::Postgres(PgStore::open(url).await?))
        } else {
            // Never the whole URL: it may hold a password.
            let scheme = url.split_once("://").map_or("(none)", |(s, _)| s);
            Err(StoreError::UnsupportedUrl(format!("scheme {scheme}")))
        }
    }

    /// The SQLite store, if that is the backend.
    pub fn sqlite(&self) -> Option<&SqliteStore> {
        match self {
            AnyStore::Sqlite(s) => Some(s),
            AnyStore::Postgres(_) => None,
        }
    }

    /// Writes waiting for the writer, and writes it has taken so far.
    pub fn writer_queue(&self) -> (u64, u64) {
        match self {
            AnyStore::Sqlite(s) => s.writer_queue(),
            AnyStore::Postgres(s) => s.writer_queue(),
        }
    }

    /// The PostgreSQL store, if that is the backend.
    pub fn postgres(&self) -> Option<&PgStore> {
        match self {
            AnyStore::Sqlite(_) => None,
            AnyStore::Postgres(s) => Some(s),
        }
    }

    /// The live settings that make commits durable.
    pub async fn durability(&self) -> Result<Durability, StoreError> {
        match self {
            AnyStore::Sqlite(s) => {
                let (synchronous, journal_mode) = s.durability_settings()?;
                Ok(Durability::Sqlite {
                    synchronous,
                    journal_mode,
                })
            }
            AnyStore::Postgres(s) => {
                let (synchronous_commit, fsync) = s.durability_settings().await?;
                Ok(Durability::Postgres {
                    synchronous_commit,
                    fsync,
                })
            }
        }
    }
}

macro_rules! delegate {
    ($self:ident, $s:ident => $call:expr) => {
        match $self {
            AnyStore::Sqlite($s) => $call,
            AnyStore::Postgres($s) => $call,
        }
    };
}

impl Repository for AnyStore {
    async fn health(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.health().await)
    }

    async fn create_unit(
        &self,
        name: String,
        reply_time_sv: String,
        reply_time_en: String,
        now: DateTime<Utc>,
    ) -> Result<Unit, StoreError> {
        delegate!(self, s => s.create_unit(name, reply_time_sv, reply_time_en, now).await)
    }

    async fn create_clinician(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Clinician, StoreError> {
        delegate!(self, s => s.create_clinician(unit_id, display_name, email, role, now).await)
    }

    async fn create_patient(
        &self,
        patient: NewPatient,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        delegate!(self, s => s.create_patient(patient, now).await)
    }

    async fn add_activation_code(
        &self,
        patient_id: String,
        code_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.add_activation_code(patient_id, code_hash, expires_at, now).await)
    }

    async fn activate(
        &self,
        code_hash: String,
        attempt_hash: Option<String>,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> ActivateResult {
        delegate!(self, s => s.activate(code_hash, attempt_hash, token_hash, now).await)
    }

    async fn device_by_token(&self, token_hash: String) -> Result<Option<DeviceAuth>, StoreError> {
        delegate!(self, s => s.device_by_token(token_hash).await)
    }

    async fn push(
        &self,
        device: DeviceAuth,
        changes: Vec<Change>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushOutcome>, StoreError> {
        delegate!(self, s => s.push(device, changes, now).await)
    }

    async fn pull(
        &self,
        device: DeviceAuth,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<FeedItem>, i64, bool), StoreError> {
        delegate!(self, s => s.pull(device, after, limit).await)
    }

    async fn set_device_states(
        &self,
        patient_id: String,
        device_id: Option<String>,
        state: DeviceState,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        delegate!(self, s => s.set_device_states(patient_id, device_id, state, now).await)
    }

    async fn add_staff_token(
        &self,
        clinician_id: String,
        token_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.add_staff_token(clinician_id, token_hash, expires_at, now).await)
    }

    async fn staff_by_token(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<Option<Clinician>, StoreError> {
        delegate!(self, s => s.staff_by_token(token_hash, now).await)
    }

    async fn patient(&self, patient_id: String) -> Result<Option<PatientRecord>, StoreError> {
        delegate!(self, s => s.patient(patient_id).await)
    }

    async fn clinic_write(
        &self,
        patient_id: String,
        clinician_id: String,
        item: ClinicItem,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        delegate!(self, s => s.clinic_write(patient_id, clinician_id, item, now).await)
    }

    async fn log_access(
        &self,
        clinician_id: String,
        patient_id: String,
        action: &'static str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.log_access(clinician_id, patient_id, action, now).await)
    }

    async fn access_log(
        &self,
        patient_id: String,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        delegate!(self, s => s.access_log(patient_id).await)
    }

    async fn messages(&self, patient_id: String) -> Result<Vec<Message>, StoreError> {
        delegate!(self, s => s.messages(patient_id).await)
    }

    async fn answers(&self, patient_id: String) -> Result<Vec<AnswerRecord>, StoreError> {
        delegate!(self, s => s.answers(patient_id).await)
    }

    async fn practice_sessions(
        &self,
        patient_id: String,
    ) -> Result<Vec<painschool_core::practice::PracticeSession>, StoreError> {
        delegate!(self, s => s.practice_sessions(patient_id).await)
    }

    async fn preferences(
        &self,
        patient_id: String,
    ) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        delegate!(self, s => s.preferences(patient_id).await)
    }

    async fn devices(&self, patient_id: String) -> Result<Vec<DeviceRecord>, StoreError> {
        delegate!(self, s => s.devices(patient_id).await)
    }

    fn commits(&self) -> u64 {
        delegate!(self, s => s.commits())
    }
}

impl PortalStore for AnyStore {
    async fn unit_overview(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        delegate!(self, s => s.unit_overview(unit_id).await)
    }

    async fn unit_list(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        delegate!(self, s => s.unit_list(unit_id).await)
    }

    async fn patient_overview(
        &self,
        patient_id: String,
    ) -> Result<Option<PatientOverview>, StoreError> {
        delegate!(self, s => s.patient_overview(patient_id).await)
    }

    async fn staff_by_email(
        &self,
        email: String,
    ) -> Result<Option<(Clinician, Option<Credentials>)>, StoreError> {
        delegate!(self, s => s.staff_by_email(email).await)
    }

    async fn set_password(
        &self,
        clinician_id: String,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.set_password(clinician_id, password_hash, now).await)
    }

    async fn set_totp_secret(
        &self,
        clinician_id: String,
        secret: Option<Vec<u8>>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.set_totp_secret(clinician_id, secret, now).await)
    }

    async fn use_totp_step(&self, clinician_id: String, step: u64) -> Result<bool, StoreError> {
        delegate!(self, s => s.use_totp_step(clinician_id, step).await)
    }

    async fn replace_recovery_codes(
        &self,
        clinician_id: String,
        code_hashes: Vec<String>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.replace_recovery_codes(clinician_id, code_hashes).await)
    }

    async fn use_recovery_code(
        &self,
        clinician_id: String,
        code_hash: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.use_recovery_code(clinician_id, code_hash, now).await)
    }

    async fn create_session(
        &self,
        token_hash: String,
        clinician_id: String,
        stage: SessionStage,
        csrf_token: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.create_session(token_hash, clinician_id, stage, csrf_token, now).await)
    }

    async fn session(&self, token_hash: String) -> Result<Option<PortalSession>, StoreError> {
        delegate!(self, s => s.session(token_hash).await)
    }

    async fn touch_session(
        &self,
        token_hash: String,
        stage: SessionStage,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.touch_session(token_hash, stage, now).await)
    }

    async fn expire_session(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.expire_session(token_hash, now).await)
    }

    async fn end_session(&self, token_hash: String) -> Result<(), StoreError> {
        delegate!(self, s => s.end_session(token_hash).await)
    }

    async fn end_sessions_of(&self, clinician_id: String) -> Result<u64, StoreError> {
        delegate!(self, s => s.end_sessions_of(clinician_id).await)
    }

    async fn save_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
        body: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.save_reply_draft(clinician_id, patient_id, thread, body, now).await)
    }

    async fn reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.reply_draft(clinician_id, patient_id, thread).await)
    }

    async fn drop_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.drop_reply_draft(clinician_id, patient_id, thread).await)
    }

    async fn enrol_patient(
        &self,
        patient: NewPatient,
        assessment: Assessment,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        delegate!(self, s => s.enrol_patient(patient, assessment, now).await)
    }

    async fn enrolment_info(
        &self,
        patient_id: String,
    ) -> Result<Option<EnrolmentInfo>, StoreError> {
        delegate!(self, s => s.enrolment_info(patient_id).await)
    }

    async fn visits(&self, patient_id: String) -> Result<Vec<Visit>, StoreError> {
        delegate!(self, s => s.visits(patient_id).await)
    }

    async fn unit_clinicians(&self, unit_id: String) -> Result<Vec<Clinician>, StoreError> {
        delegate!(self, s => s.unit_clinicians(unit_id).await)
    }

    async fn unit_staff(&self, unit_id: String) -> Result<Vec<StaffMember>, StoreError> {
        delegate!(self, s => s.unit_staff(unit_id).await)
    }

    async fn staff_member(&self, clinician_id: String) -> Result<Option<StaffMember>, StoreError> {
        delegate!(self, s => s.staff_member(clinician_id).await)
    }

    async fn create_staff(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: Role,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Clinician>, StoreError> {
        delegate!(self, s => s.create_staff(unit_id, display_name, email, role, password_hash, initial_until, now).await)
    }

    async fn set_initial_password(
        &self,
        clinician_id: String,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.set_initial_password(clinician_id, password_hash, initial_until, now).await)
    }

    async fn deactivate_staff(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> Result<Deactivation, StoreError> {
        delegate!(self, s => s.deactivate_staff(clinician_id, now).await)
    }

    async fn reset_second_factor(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.reset_second_factor(clinician_id, now).await)
    }

    async fn patient_access_log(
        &self,
        patient_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        delegate!(self, s => s.patient_access_log(patient_id, limit).await)
    }

    async fn clinician_access_log(
        &self,
        clinician_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        delegate!(self, s => s.clinician_access_log(clinician_id, limit).await)
    }

    async fn team_threads(&self, unit_id: String) -> Result<Vec<TeamThread>, StoreError> {
        delegate!(self, s => s.team_threads(unit_id).await)
    }
}

impl NoticeStore for AnyStore {
    async fn pending_notices(&self) -> Result<Vec<PendingNotice>, StoreError> {
        delegate!(self, s => s.pending_notices().await)
    }

    async fn notice_done(
        &self,
        key: RecipientKey,
        arrivals: i64,
        sent_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.notice_done(key, arrivals, sent_at).await)
    }

    async fn notice_failed(
        &self,
        key: RecipientKey,
        failures: u32,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.notice_failed(key, failures, retry_at).await)
    }

    async fn set_unit_mailbox(
        &self,
        staff_email: String,
        mailbox: Option<String>,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.set_unit_mailbox(staff_email, mailbox).await)
    }
}
