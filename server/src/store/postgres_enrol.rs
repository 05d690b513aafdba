//! The PostgreSQL backend's enrolment statements: the same as
//! `sqlite_enrol`, in PostgreSQL's dialect, storing and returning the same
//! text.

use chrono::{DateTime, Utc};
use painschool_core::course::Enrolment;

use super::StoreError;
use super::pg_pool::Conn;
use super::portal::{Assessment, EnrolmentInfo, started_at_activation, time};
use super::postgres::{LOCK_PATIENT, new_id};
use super::postgres_clinic::{insert_feed_entry, role};
use crate::clinic_model::{ClinicItem, Visit, VisitKind};
use crate::model::{Clinician, NewPatient};

/// Inserts a patient with the portal's enrolment record.
pub(super) async fn enrol_patient(
    c: &mut Conn,
    p: NewPatient,
    a: Assessment,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let enrolment = serde_json::to_string(&p.enrolment)
        .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
    let id = new_id();
    c.execute(
        "INSERT INTO patients (id, unit_id, clinician_id, name, personal_number, enrolment, created_at,
                               assessed_by, assessed_on, starts_at_activation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &id,
            &p.unit_id,
            &p.clinician_id,
            &p.name,
            &p.personal_number,
            &enrolment,
            &now.to_rfc3339(),
            &a.assessed_by,
            &a.assessed_on,
            &a.starts_at_activation,
        ],
    )
    .await?;
    Ok(id)
}

/// At a patient's first activation, when access starts then: as
/// `sqlite_enrol::start_at_first_activation`, after locking the patient's
/// feed (ADR 0008).
pub(super) async fn start_at_first_activation(
    c: &mut Conn,
    patient_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Enrolment>, StoreError> {
    c.query_opt(LOCK_PATIENT, &[&patient_id]).await?;
    let Some(row) = c
        .query_opt(
            "SELECT enrolment FROM patients WHERE id = $1 AND starts_at_activation",
            &[&patient_id],
        )
        .await?
    else {
        return Ok(None);
    };
    let json: String = row.try_get(0)?;
    let enrolment: Enrolment = serde_json::from_str(&json)
        .map_err(|_| StoreError::Database("unreadable enrolment".into()))?;
    let enrolment = started_at_activation(enrolment, now);
    let encoded = serde_json::to_string(&enrolment)
        .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
    c.execute(
        "UPDATE patients SET enrolment = $2, starts_at_activation = FALSE WHERE id = $1",
        &[&patient_id, &encoded],
    )
    .await?;
    let entry = ClinicItem::Enrolment(enrolment.clone()).feed_entry(now);
    insert_feed_entry(c, patient_id, None, &entry, &now.to_rfc3339()).await?;
    Ok(Some(enrolment))
}

/// A patient's enrolment record.
pub(super) async fn enrolment_info(
    c: &mut Conn,
    patient_id: String,
) -> Result<Option<EnrolmentInfo>, StoreError> {
    let row = c
        .query_opt(
            "SELECT p.assessed_by, p.assessed_on, p.starts_at_activation, k.display_name
             FROM patients p LEFT JOIN clinicians k ON k.id = p.clinician_id WHERE p.id = $1",
            &[&patient_id],
        )
        .await?;
    row.map(|r| {
        Ok(EnrolmentInfo {
            assessed_by: r.try_get(0)?,
            assessed_on: r.try_get(1)?,
            starts_at_activation: r.try_get(2)?,
            responsible: r.try_get(3)?,
        })
    })
    .transpose()
}

/// A patient's visits, by start.
pub(super) async fn visits(c: &mut Conn, patient_id: String) -> Result<Vec<Visit>, StoreError> {
    let rows = c
        .query(
            "SELECT id, starts_at, minutes, kind, cancelled, place, video_link
             FROM visits WHERE patient_id = $1 ORDER BY starts_at, id",
            &[&patient_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Visit {
                id: r.try_get(0)?,
                starts_at: time(r.try_get(1)?),
                minutes: u32::try_from(r.try_get::<_, i32>(2)?).unwrap_or(0),
                kind: VisitKind::parse(r.try_get(3)?).unwrap_or(VisitKind::Clinic),
                cancelled: r.try_get(4)?,
                place: r.try_get(5)?,
                video_link: r.try_get(6)?,
            })
        })
        .collect()
}

/// The unit's active staff, by name.
pub(super) async fn unit_clinicians(
    c: &mut Conn,
    unit_id: String,
) -> Result<Vec<Clinician>, StoreError> {
    let rows = c
        .query(
            "SELECT id, unit_id, display_name, email, role FROM clinicians
             WHERE unit_id = $1 AND active ORDER BY display_name, id",
            &[&unit_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Clinician {
                id: r.try_get(0)?,
                unit_id: r.try_get(1)?,
                display_name: r.try_get(2)?,
                email: r.try_get(3)?,
                role: role(r.try_get(4)?),
            })
        })
        .collect()
}
