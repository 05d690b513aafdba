//! Clinic-side operations shared by the command line, the demo, the tests
//! and (later) the portal: issue activation codes and staff tokens, make
//! the demo.

use chrono::{DateTime, Duration, Utc};

use crate::model::{IssuedCode, NewPatient, Role};
use crate::secrets;
use crate::store::{Repository, StoreError};

/// Issues a one-time activation code for a patient; only its hash is stored.
pub async fn issue_activation_code<R: Repository>(
    store: &R,
    patient_id: &str,
    valid_days: i64,
    now: DateTime<Utc>,
) -> Result<IssuedCode, StoreError> {
    let code = secrets::new_activation_code()
        .map_err(|_| StoreError::Database("the OS random number generator failed".into()))?;
    let expires_at = now + Duration::days(valid_days);
    let normalised = secrets::normalise_code(&code).unwrap_or_default();
    store
        .add_activation_code(
            patient_id.to_owned(),
            secrets::hash(&normalised),
            expires_at,
            now,
        )
        .await?;
    Ok(IssuedCode { code, expires_at })
}

/// Days a staff API token is valid.
pub const STAFF_TOKEN_DAYS: i64 = 30;

/// Issues a staff API token for a clinician (`Authorization: Bearer …` on
/// `/api/v1/clinic`); only its hash is stored. The portal's login replaces
/// this for people; the token serves scripts and tests.
pub async fn issue_staff_token<R: Repository>(
    store: &R,
    clinician_id: &str,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let token = secrets::new_device_token()
        .map_err(|_| StoreError::Database("the OS random number generator failed".into()))?;
    store
        .add_staff_token(
            clinician_id.to_owned(),
            secrets::hash(&token),
            now + Duration::days(STAFF_TOKEN_DAYS),
            now,
        )
        .await?;
    Ok(token)
}

/// What `--demo` made.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The demo patient's id.
    pub patient_id: String,
    /// The activation code to try.
    pub code: IssuedCode,
    /// A staff API token for the demo clinician.
    pub staff_token: String,
}

/// Creates a demo unit, a demo clinician and a demo patient enrolled today,
/// and issues an activation code. All names are synthetic.
pub async fn create_demo<R: Repository>(
    store: &R,
    valid_days: i64,
    now: DateTime<Utc>,
) -> Result<Demo, StoreError> {
    let unit = store
        .create_unit(
            "Demoenheten för smärtrehabilitering".into(),
            "Vi svarar inom två vardagar.".into(),
            "We reply within two working days.".into(),
            now,
        )
        .await?;
    let clinician = store
        .create_clinician(
            unit.id.clone(),
            "Demobehandlare".into(),
            format!("demo-{}@example.invalid", unit.id),
            Role::UnitAdmin,
            now,
        )
        .await?;
    let patient_id = store
        .create_patient(
            NewPatient {
                unit_id: unit.id,
                clinician_id: Some(clinician.id.clone()),
                name: "Testpatient Demo".into(),
                personal_number: None,
                enrolment: painschool_core::course::Enrolment::weekly(
                    now,
                    chrono_tz::Europe::Stockholm,
                ),
            },
            now,
        )
        .await?;
    let code = issue_activation_code(store, &patient_id, valid_days, now).await?;
    let staff_token = issue_staff_token(store, &clinician.id, now).await?;
    Ok(Demo {
        patient_id,
        code,
        staff_token,
    })
}
