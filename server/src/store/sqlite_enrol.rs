//! The SQLite backend's enrolment statements (issue 5, points 5 and 6): a
//! patient enrolled through the portal with who assessed them, the start of
//! access at the first activation, the patient's visits and the unit's
//! staff. Each function runs on a connection the caller got from the writer
//! (writes) or the read pool (reads).

use chrono::{DateTime, Utc};
use painschool_core::course::Enrolment;
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::portal::{Assessment, EnrolmentInfo, started_at_activation};
use super::sqlite::new_id;
use super::sqlite_clinic::{insert_feed_entry, role};
use crate::clinic_model::{ClinicItem, Visit, VisitKind};
use crate::model::{Clinician, NewPatient};

/// Inserts a patient with the portal's enrolment record.
pub(super) fn enrol_patient(
    c: &Connection,
    p: &NewPatient,
    a: &Assessment,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let enrolment = serde_json::to_string(&p.enrolment)
        .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
    let id = new_id();
    c.execute(
        "INSERT INTO patients (id, unit_id, clinician_id, name, personal_number, enrolment, created_at,
                               assessed_by, assessed_on, starts_at_activation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            p.unit_id,
            p.clinician_id,
            p.name,
            p.personal_number,
            enrolment,
            now.to_rfc3339(),
            a.assessed_by,
            a.assessed_on,
            a.starts_at_activation
        ],
    )?;
    Ok(id)
}

/// At a patient's first activation, when access starts then: the
/// enrolment starts `now` (`portal::started_at_activation`: its planned end
/// is 12 months later), the flag is cleared, and the new enrolment enters the feed after any
/// earlier one (the last enrolment item in feed order wins on the phone).
/// Returns the new enrolment, or `None` when nothing changed.
pub(super) fn start_at_first_activation(
    c: &Connection,
    patient_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Enrolment>, StoreError> {
    let json: Option<String> = c
        .prepare_cached(
            "SELECT enrolment FROM patients WHERE id = ?1 AND starts_at_activation = 1",
        )?
        .query_row([patient_id], |r| r.get(0))
        .optional()?;
    let Some(json) = json else { return Ok(None) };
    let enrolment: Enrolment = serde_json::from_str(&json)
        .map_err(|_| StoreError::Database("unreadable enrolment".into()))?;
    let enrolment = started_at_activation(enrolment, now);
    let encoded = serde_json::to_string(&enrolment)
        .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
    c.prepare_cached("UPDATE patients SET enrolment = ?2, starts_at_activation = 0 WHERE id = ?1")?
        .execute(params![patient_id, encoded])?;
    let entry = ClinicItem::Enrolment(enrolment.clone()).feed_entry(now);
    insert_feed_entry(c, patient_id, None, &entry, &now.to_rfc3339())?;
    Ok(Some(enrolment))
}

/// A patient's enrolment record.
pub(super) fn enrolment_info(
    c: &Connection,
    patient_id: &str,
) -> Result<Option<EnrolmentInfo>, StoreError> {
    Ok(c.prepare_cached(
        "SELECT p.assessed_by, p.assessed_on, p.starts_at_activation, k.display_name
         FROM patients p LEFT JOIN clinicians k ON k.id = p.clinician_id WHERE p.id = ?1",
    )?
    .query_row([patient_id], |r| {
        Ok(EnrolmentInfo {
            assessed_by: r.get(0)?,
            assessed_on: r.get(1)?,
            starts_at_activation: r.get::<_, i64>(2)? != 0,
            responsible: r.get(3)?,
        })
    })
    .optional()?)
}

/// A patient's visits, by start.
pub(super) fn visits(c: &Connection, patient_id: &str) -> Result<Vec<Visit>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT id, starts_at, minutes, kind, cancelled, place, video_link
         FROM visits WHERE patient_id = ?1 ORDER BY starts_at, id",
    )?;
    let rows = stmt.query_map([patient_id], |r| {
        Ok(Visit {
            id: r.get(0)?,
            starts_at: super::portal::time(&r.get::<_, String>(1)?),
            minutes: r.get(2)?,
            kind: VisitKind::parse(&r.get::<_, String>(3)?).unwrap_or(VisitKind::Clinic),
            cancelled: r.get(4)?,
            place: r.get(5)?,
            video_link: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The unit's active staff, by name.
pub(super) fn unit_clinicians(c: &Connection, unit_id: &str) -> Result<Vec<Clinician>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT id, unit_id, display_name, email, role FROM clinicians
         WHERE unit_id = ?1 AND active = 1 ORDER BY display_name, id",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        Ok(Clinician {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            display_name: r.get(2)?,
            email: r.get(3)?,
            role: role(&r.get::<_, String>(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
