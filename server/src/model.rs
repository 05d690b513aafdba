//! The server's records: units, staff, patients, devices. Patient identity
//! (name, personal identity number) lives here only; the phone never gets it.

use chrono::{DateTime, Utc};
use painschool_core::course::Enrolment;
use serde::Serialize;

/// A clinic unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Unit {
    /// Id (UUIDv7).
    pub id: String,
    /// Name shown to staff.
    pub name: String,
    /// The stated reply time shown to patients, Swedish.
    pub reply_time_sv: String,
    /// The stated reply time, English.
    pub reply_time_en: String,
}

/// A staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Treats the unit's patients.
    Clinician,
    /// Also manages the unit's staff accounts.
    UnitAdmin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clinician => "clinician",
            Role::UnitAdmin => "unit_admin",
        }
    }
}

/// A clinician or unit admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clinician {
    /// Id (UUIDv7).
    pub id: String,
    /// The unit.
    pub unit_id: String,
    /// Name shown to patients and staff.
    pub display_name: String,
    /// Login e-mail.
    pub email: String,
    /// Role.
    pub role: Role,
}

/// A patient to create.
#[derive(Debug, Clone)]
pub struct NewPatient {
    /// The unit.
    pub unit_id: String,
    /// The patient's own clinician.
    pub clinician_id: Option<String>,
    /// Full name (server only).
    pub name: String,
    /// Swedish personal identity number (server only), checked before.
    pub personal_number: Option<String>,
    /// The enrolment the phone receives.
    pub enrolment: Enrolment,
}

/// What a successful activation returns to the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activated {
    /// The new device's id.
    pub device_id: String,
    /// The patient (an opaque id; never the name).
    pub patient_id: String,
    /// The patient's enrolment.
    pub enrolment: Enrolment,
    /// The patient's unit (its name and stated reply time).
    pub unit: Unit,
}

/// Why an activation code was not accepted. The phone shows the same
/// message for each, so a guesser learns nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRejected {
    /// No such code.
    Unknown,
    /// Already used.
    Used,
    /// Past its expiry.
    Expired,
}

/// A one-time activation code as issued (the plain code is shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    /// The code to give the patient.
    pub code: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// A device as its token shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceAuth {
    /// The device.
    pub device_id: String,
    /// Its patient.
    pub patient_id: String,
    /// `active`, `ended` or `revoked`.
    pub state: String,
    /// When the state last changed (access ended, revoked).
    pub state_changed_at: Option<DateTime<Utc>>,
    /// The patient's planned end of access as the enrolment stands now
    /// (`Enrolment::access_ends_at`: the explicit end, or 12 calendar months
    /// after the start). `None` only when the stored enrolment cannot be
    /// read; then no planned end applies.
    pub access_ends_at: Option<DateTime<Utc>>,
}

/// What a clinician can make of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceState {
    /// Syncs normally (an extension revives an ended device).
    Active,
    /// Access ended: for 14 days it may still push what was written offline
    /// and read its status, then it stops.
    Ended,
    /// Turned off at once (a lost phone).
    Revoked,
}

impl DeviceState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceState::Active => "active",
            DeviceState::Ended => "ended",
            DeviceState::Revoked => "revoked",
        }
    }
}

/// Days an ended device may still push and read its status, counted from
/// when it was ended; and days any device may still sync after the
/// patient's planned end of access (whichever ends first).
pub const ENDED_GRACE_DAYS: i64 = 14;

/// One change a device pushes, already checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Change {
    /// The client-made change id (UUIDv7); the server keeps each id once.
    pub id: String,
    /// `answer_version`, `progress` or `preference`.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// The hybrid-logical-clock stamp.
    pub hlc: String,
    /// The change itself (JSON object).
    pub payload: serde_json::Value,
}

/// What became of one pushed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PushOutcome {
    /// Stored now.
    Accepted {
        /// The change id.
        id: String,
    },
    /// Already stored by an earlier push (nothing changed).
    Duplicate {
        /// The change id.
        id: String,
    },
    /// Not stored; the reason names the rule, never the text.
    Rejected {
        /// The change id (as sent).
        id: String,
        /// Why.
        reason: String,
    },
}

/// One entry of a patient's feed, as pulled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct FeedItem {
    /// Position in the feed (the next cursor).
    pub seq: i64,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
    /// Who made it: `device` (the patient's other device) or `clinic`.
    pub source: String,
    /// The device that made it (none for the clinic).
    pub device_id: Option<String>,
}
