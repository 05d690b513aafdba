//! Clinic-side operations shared by the command line, the demo, the tests
//! and (later) the portal: issue activation codes and staff tokens, make
//! the demo.

use chrono::{DateTime, Duration, Utc};

use crate::model::{Clinician, IssuedCode, NewPatient, Role};
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
    /// The demo clinician's portal sign-in e-mail.
    pub portal_email: String,
    /// The demo clinician's portal password (random, printed once).
    pub portal_password: String,
}

/// Why a unit admin could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    /// The password is too short or too long.
    #[error("{0}")]
    Password(#[from] crate::portal::password::WeakPassword),
    /// The e-mail address does not look like one.
    #[error("the e-mail address is not valid")]
    Email,
    /// Hashing or the random generator failed.
    #[error("cannot hash the password")]
    Hash,
    /// The database refused (e.g. the e-mail is taken).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a unit and its first unit admin with a portal password (the
/// second factor is set up at the first sign-in). The command line's
/// `create-admin` runs this.
pub async fn create_unit_admin<R: Repository>(
    store: &R,
    unit_name: &str,
    email: &str,
    display_name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Clinician, CreateAdminError> {
    crate::portal::password::check_new(password)?;
    let email = email.trim();
    if email.len() < 3 || !email.contains('@') || email.contains(char::is_whitespace) {
        return Err(CreateAdminError::Email);
    }
    let hash = crate::portal::password::hash(password).map_err(|_| CreateAdminError::Hash)?;
    let unit = store
        .create_unit(
            unit_name.trim().to_owned(),
            "Vi svarar inom två vardagar.".into(),
            "We reply within two working days.".into(),
            now,
        )
        .await?;
    let admin = store
        .create_clinician(
            unit.id,
            display_name.trim().to_owned(),
            email.to_owned(),
            Role::UnitAdmin,
            now,
        )
        .await?;
    store.set_password(admin.id.clone(), hash, now).await?;
    Ok(admin)
}

/// Why a unit's shared mailbox address was not set.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    /// The address does not parse as an e-mail address.
    #[error("the shared mailbox address is not a valid e-mail address")]
    Address,
    /// Nobody on the staff has the given e-mail.
    #[error("no staff member has that e-mail address")]
    NoSuchStaff,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Sets the shared mailbox address (for the e-mail notices of the team
/// thread) of the unit that the staff member `staff_email` belongs to; an
/// empty `mailbox` clears it. The command line's `unit-mailbox` and
/// `create-admin --mailbox` run this.
pub async fn set_unit_mailbox<R: Repository>(
    store: &R,
    staff_email: &str,
    mailbox: &str,
) -> Result<(), MailboxError> {
    let mailbox = mailbox.trim();
    let value = if mailbox.is_empty() {
        None
    } else {
        mailbox
            .parse::<lettre::Address>()
            .map_err(|_| MailboxError::Address)?;
        Some(mailbox.to_owned())
    };
    if store
        .set_unit_mailbox(staff_email.trim().to_owned(), value)
        .await?
    {
        Ok(())
    } else {
        Err(MailboxError::NoSuchStaff)
    }
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
    // 96 random bits as 24 hex digits in groups of four: long enough for the
    // password rule, easy to type.
    let random = secrets::new_device_token()
        .map_err(|_| StoreError::Database("the OS random number generator failed".into()))?;
    let portal_password = random.as_bytes()[..24]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    let hash = crate::portal::password::hash(&portal_password)
        .map_err(|_| StoreError::Database("cannot hash the demo password".into()))?;
    store.set_password(clinician.id.clone(), hash, now).await?;
    Ok(Demo {
        patient_id,
        code,
        staff_token,
        portal_email: clinician.email,
        portal_password,
    })
}
