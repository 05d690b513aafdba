//! The portal's sign-in records (ADR 0010): staff credentials, one-time
//! recovery codes, server-side sessions and reply drafts. One trait, the
//! same behaviour on both backends; every secret is stored hashed except the
//! second factor's secret, which must be readable to check a code.

use std::future::Future;

use chrono::{DateTime, Utc};

use super::StoreError;
use crate::clinic_model::Visit;
use crate::model::{Clinician, NewPatient};
use crate::portal::session::SessionTimes;

/// A clinician's sign-in secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The argon2id PHC string.
    pub password_hash: String,
    /// The second factor's secret, once set up.
    pub totp_secret: Option<Vec<u8>>,
    /// Whether a code from that secret has been accepted once (set-up done).
    pub totp_confirmed: bool,
    /// The step of the last code accepted.
    pub totp_last_step: Option<u64>,
    /// Set while the password is an initial one a unit admin issued: it
    /// works until then, and only to choose the clinician's own.
    pub initial_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("totp_confirmed", &self.totp_confirmed)
            .field("initial_until", &self.initial_until)
            .finish_non_exhaustive()
    }
}

/// How far a session has signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; the second factor is still to come. Such a
    /// session reaches only the second-factor pages.
    SecondFactor,
    /// Fully signed in.
    SignedIn,
}

impl SessionStage {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::SecondFactor => "second_factor",
            SessionStage::SignedIn => "signed_in",
        }
    }

    /// From the stored name (anything else reads as the weaker stage).
    pub fn parse(s: &str) -> SessionStage {
        if s == "signed_in" {
            SessionStage::SignedIn
        } else {
            SessionStage::SecondFactor
        }
    }
}

/// A stored session with its (active) clinician.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalSession {
    /// The clinician.
    pub clinician: Clinician,
    /// How far it has signed in.
    pub stage: SessionStage,
    /// The token every form of this session carries.
    pub csrf_token: String,
    /// Sign-in and last request times.
    pub times: SessionTimes,
    /// Whether it has ended (timed out). An ended session lets nothing
    /// through; it is kept a day only so that a reply posted from it can be
    /// saved as its clinician's draft.
    pub ended: bool,
}

/// A unit's staff member as the staff page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    /// The account.
    pub clinician: Clinician,
    /// Whether it may sign in (a leaver's is not).
    pub active: bool,
    /// Whether the second factor is set up (a code was accepted once).
    pub second_factor: bool,
    /// Whether the password is still the initial one an admin issued.
    pub initial_password: bool,
}

/// What became of a deactivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deactivation {
    /// Deactivated (or already inactive); every session of theirs ended.
    Done,
    /// Refused: the unit's last active unit admin.
    LastAdmin,
    /// No such account.
    NotFound,
}

/// One row of the access log, with the names the log page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who read.
    pub clinician_id: String,
    /// Their name.
    pub clinician_name: String,
    /// Whose data.
    pub patient_id: String,
    /// The patient's name (server only).
    pub patient_name: String,
    /// What was read (`read_answers`, `read_messages`, …).
    pub action: String,
}

/// A patient's team-mailbox thread as the mailbox lists it (no text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamThread {
    /// The patient.
    pub patient_id: String,
    /// The patient's name (server only).
    pub patient_name: String,
    /// The latest message's arrival.
    pub last_activity: DateTime<Utc>,
    /// Messages in the thread.
    pub messages: u32,
    /// The patient's messages the clinic has not read.
    pub unread: u32,
}

/// One patient of a unit as the work queue and the patient list see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientOverview {
    /// The patient's id.
    pub id: String,
    /// The patient's name (server only).
    pub name: String,
    /// The Swedish personal identity number, if recorded (server only).
    pub personal_number: Option<String>,
    /// The responsible clinician.
    pub clinician_id: Option<String>,
    /// The enrolment as stored (JSON).
    pub enrolment_json: String,
    /// When the patient was created.
    pub created_at: DateTime<Utc>,
    /// The last sync of any of the patient's devices.
    pub last_sync: Option<DateTime<Utc>>,
    /// Messages from the patient the clinic has not read.
    pub unread_messages: u32,
    /// Answers whose current version the clinic has not marked reviewed.
    pub unreviewed_answers: u32,
}

/// What the portal's enrolment records beside a new patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Who assessed the patient (as typed: a name, a title).
    pub assessed_by: String,
    /// The day of the assessment (`YYYY-MM-DD`).
    pub assessed_on: String,
    /// Whether access starts at the first activation: the store then sets
    /// the enrolment's start when the patient's first device activates.
    pub starts_at_activation: bool,
}

/// A patient's enrolment record as the patient page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnrolmentInfo {
    /// Who assessed the patient, if recorded.
    pub assessed_by: Option<String>,
    /// The day of the assessment, if recorded.
    pub assessed_on: Option<String>,
    /// Whether access still waits for the first activation.
    pub starts_at_activation: bool,
    /// The responsible clinician's display name.
    pub responsible: Option<String>,
}

/// The overview's rows, for the patients `$cond` selects.
macro_rules! overview_sql {
    ($cond:literal) => {
        concat!(
            "SELECT p.id, p.name, p.clinician_id, p.enrolment, p.created_at, p.personal_number,
                (SELECT max(d.last_seen_at) FROM devices d WHERE d.patient_id = p.id),
                (SELECT count(*) FROM messages m WHERE m.patient_id = p.id AND m.author = 'patient'
                    AND m.read_by_clinic_at IS NULL)
             FROM patients p WHERE ",
            $cond,
            " ORDER BY p.name, p.id"
        )
    };
}

/// Per patient `$cond` selects: answers whose current version is not
/// reviewed.
macro_rules! unreviewed_sql {
    ($cond:literal) => {
        concat!(
            "SELECT v.patient_id, count(*) FROM (
                SELECT ch.patient_id, ch.entity_id, ch.hlc,
                    max(ch.hlc) OVER (PARTITION BY ch.patient_id, ch.question_id, ch.entry_id) AS top
                FROM changes ch JOIN patients p ON p.id = ch.patient_id
                WHERE ",
            $cond,
            " AND ch.entity = 'answer_version') v
             WHERE v.hlc = v.top AND NOT EXISTS (SELECT 1 FROM answer_reviews r
                WHERE r.patient_id = v.patient_id AND r.version_id = v.entity_id)
             GROUP BY v.patient_id"
        )
    };
}

/// The overview of a unit: its rows and its unreviewed counts, the same
/// SQL on both backends (`$1`, the unit's id, is a numbered parameter to
/// PostgreSQL and a named one to SQLite).
pub(super) const OVERVIEW_OF_UNIT: (&str, &str) = (
    overview_sql!("p.unit_id = $1"),
    unreviewed_sql!("p.unit_id = $1"),
);
/// The same for one patient (`$1`, the patient's id).
pub(super) const OVERVIEW_OF_PATIENT: (&str, &str) =
    (overview_sql!("p.id = $1"), unreviewed_sql!("p.id = $1"));

/// The portal's sign-in storage and its unit-wide reads.
pub trait PortalStore: Send + Sync + 'static {
    /// Every patient of a unit with the counts the work queue needs, by
    /// name. An answer counts once, by its current version (the later
    /// clock stamp), so an edited answer that was reviewed before counts
    /// again until its new text is reviewed.
    fn unit_overview(
        &self,
        unit_id: String,
    ) -> impl Future<Output = Result<Vec<PatientOverview>, StoreError>> + Send;

    /// [`PortalStore::unit_overview`] without the unreviewed-answer counts
    /// (each 0), for the patient list, which does not show them: a unit's
    /// answer versions are not read at all.
    fn unit_list(
        &self,
        unit_id: String,
    ) -> impl Future<Output = Result<Vec<PatientOverview>, StoreError>> + Send;

    /// One patient's line of [`PortalStore::unit_overview`] (for a page
    /// about that patient), read without the rest of the unit.
    fn patient_overview(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Option<PatientOverview>, StoreError>> + Send;

    /// An active clinician by sign-in e-mail (compared without case), with
    /// their credentials if a password has been set.
    fn staff_by_email(
        &self,
        email: String,
    ) -> impl Future<Output = Result<Option<(Clinician, Option<Credentials>)>, StoreError>> + Send;

    /// Sets a clinician's own password hash (the second factor stays; an
    /// initial password is no longer one).
    fn set_password(
        &self,
        clinician_id: String,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Sets a new, unconfirmed second-factor secret, or clears it (`None`:
    /// a unit admin's reset after a lost phone). Needs a password set.
    fn set_totp_secret(
        &self,
        clinician_id: String,
        secret: Option<Vec<u8>>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records an accepted code's step, only if it is later than the last
    /// one (so two requests racing with one code cannot both win), and
    /// marks the set-up confirmed. Returns whether this call recorded it.
    fn use_totp_step(
        &self,
        clinician_id: String,
        step: u64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Replaces a clinician's recovery codes with these hashes.
    fn replace_recovery_codes(
        &self,
        clinician_id: String,
        code_hashes: Vec<String>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Uses one unused recovery code; returns whether it was there.
    fn use_recovery_code(
        &self,
        clinician_id: String,
        code_hash: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Stores a new session (and removes sessions without a request for a
    /// day, ended or not).
    fn create_session(
        &self,
        token_hash: String,
        clinician_id: String,
        stage: SessionStage,
        csrf_token: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A session by token hash, if its clinician is still active (an ended
    /// one too, marked so).
    fn session(
        &self,
        token_hash: String,
    ) -> impl Future<Output = Result<Option<PortalSession>, StoreError>> + Send;

    /// Records a request on a session, and its stage.
    fn touch_session(
        &self,
        token_hash: String,
        stage: SessionStage,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Marks a session ended (a timeout) but keeps it, so that a reply
    /// posted from it can still be saved as a draft.
    fn expire_session(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Removes one session (sign-out; the second factor's new token).
    fn end_session(
        &self,
        token_hash: String,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Ends every session of a clinician (deactivation, a reset factor).
    /// Returns how many ended.
    fn end_sessions_of(
        &self,
        clinician_id: String,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Saves a half-written reply (replacing an earlier draft).
    fn save_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
        body: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The saved reply draft, if any.
    fn reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// The unit's staff, by name, active or not.
    fn unit_staff(
        &self,
        unit_id: String,
    ) -> impl Future<Output = Result<Vec<StaffMember>, StoreError>> + Send;

    /// One staff member, active or not.
    fn staff_member(
        &self,
        clinician_id: String,
    ) -> impl Future<Output = Result<Option<StaffMember>, StoreError>> + Send;

    /// Creates a staff account with an initial password valid until
    /// `initial_until`, in one transaction. `None` when the e-mail
    /// (compared without case) is taken.
    #[allow(clippy::too_many_arguments)]
    fn create_staff(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: crate::model::Role,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<Clinician>, StoreError>> + Send;

    /// Gives a clinician a new initial password (a forgotten one) and ends
    /// their sessions; the second factor stays.
    fn set_initial_password(
        &self,
        clinician_id: String,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Deactivates a leaver and ends all their sessions at once, unless
    /// they are the last active unit admin of their unit (checked in the
    /// same transaction, so two admins cannot remove each other).
    fn deactivate_staff(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Deactivation, StoreError>> + Send;

    /// A lost second factor: clears it and the recovery codes and ends the
    /// clinician's sessions, so the next sign-in sets it up again. Returns
    /// whether the clinician had a password (else nothing to reset).
    fn reset_second_factor(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// A patient's access log, newest first, at most `limit` rows.
    fn patient_access_log(
        &self,
        patient_id: String,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<AccessEntry>, StoreError>> + Send;

    /// What a clinician looked at, newest first, at most `limit` rows.
    fn clinician_access_log(
        &self,
        clinician_id: String,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<AccessEntry>, StoreError>> + Send;

    /// The unit's team-mailbox threads, newest activity first.
    fn team_threads(
        &self,
        unit_id: String,
    ) -> impl Future<Output = Result<Vec<TeamThread>, StoreError>> + Send;

    /// Drops a reply draft (sent or discarded).
    fn drop_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Creates a patient (as `Repository::create_patient`) with the
    /// portal's enrolment record, in one write; returns the patient's id.
    fn enrol_patient(
        &self,
        patient: NewPatient,
        assessment: Assessment,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;

    /// A patient's enrolment record (`None`: no such patient).
    fn enrolment_info(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Option<EnrolmentInfo>, StoreError>> + Send;

    /// A patient's booked visits (cancelled ones too), by start.
    fn visits(
        &self,
        patient_id: String,
    ) -> impl Future<Output = Result<Vec<Visit>, StoreError>> + Send;

    /// The active staff of a unit, by name.
    fn unit_clinicians(
        &self,
        unit_id: String,
    ) -> impl Future<Output = Result<Vec<Clinician>, StoreError>> + Send;
}

/// The enrolment of a patient whose access starts at the first
/// activation, as that activation at `now` makes it: the start becomes
/// `now` (so the planned end is 12 months later), and a planned end the
/// clinic moved before (an extension, still in the future) moves with it.
/// An access already ended stays ended. Both backends apply this rule.
pub fn started_at_activation(
    mut e: painschool_core::course::Enrolment,
    now: DateTime<Utc>,
) -> painschool_core::course::Enrolment {
    if let Some(end) = e.access_end
        && end > now
        && now > e.start
    {
        e.access_end = Some(end + (now - e.start));
    }
    e.start = now;
    e
}

/// Parses a stored time (both backends store RFC 3339 text).
pub(super) fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use painschool_core::course::Enrolment;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_first_activation_starts_access_and_carries_an_extension_along() {
        let enrolled = at("2026-11-23T09:00:00Z");
        let activated = at("2026-11-30T09:00:00Z");
        let e = Enrolment::weekly(enrolled, chrono_tz::Europe::Stockholm);
        let started = started_at_activation(e.clone(), activated);
        assert_eq!(started.start, activated);
        assert_eq!(started.access_end, None);
        assert_eq!(started.access_ends_at(), at("2027-11-30T09:00:00Z"));
        // Extended by three months before the first activation.
        let mut extended = e.clone();
        extended.access_end = Some(at("2028-02-23T09:00:00Z"));
        assert_eq!(
            started_at_activation(extended, activated).access_end,
            Some(at("2028-03-01T09:00:00Z"))
        );
        // Ended before it: stays ended.
        let mut ended = e;
        ended.access_end = Some(at("2026-11-25T09:00:00Z"));
        assert_eq!(
            started_at_activation(ended, activated).access_end,
            Some(at("2026-11-25T09:00:00Z"))
        );
    }
}
