//! Clinic-side operations shared by the command line, the demo, the tests,
//! the clinic API and the portal: issue activation codes and staff tokens,
//! make the demo, change a patient's pace, access and visits.

use chrono::{DateTime, Duration, Utc};
use painschool_core::course::{Enrolment, Pace};

use crate::clinic_model::{ClinicItem, PatientRecord, Visit};
use crate::model::{Clinician, DeviceState, IssuedCode, NewPatient, Role};
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

/// Why a clinic change of a patient's enrolment or visits was refused.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// The request is not valid (the message names the field, never a value).
    #[error("{0}")]
    Invalid(&'static str),
    /// The storage failed, or the patient is gone.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The pace, when its numbers are in range (every 1–60 days).
pub fn checked_pace(pace: Pace) -> Result<Pace, ChangeError> {
    match pace {
        Pace::EveryNDays { days } if !(1..=60).contains(&days) => {
            Err(ChangeError::Invalid("pace.days must be 1–60"))
        }
        p => Ok(p),
    }
}

/// Writes a patient's changed enrolment into the feed (the phone pulls the
/// whole enrolment; the last one in feed order wins).
pub async fn write_enrolment<R: Repository>(
    store: &R,
    clinician_id: &str,
    patient_id: &str,
    enrolment: Enrolment,
    now: DateTime<Utc>,
) -> Result<Enrolment, StoreError> {
    store
        .clinic_write(
            patient_id.to_owned(),
            clinician_id.to_owned(),
            ClinicItem::Enrolment(enrolment.clone()),
            now,
        )
        .await?;
    Ok(enrolment)
}

/// Ending or extending a patient's access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessChange {
    /// End access now: devices become ended (14 days to push what was
    /// written offline).
    End,
    /// Access until this time; ended devices sync again.
    Until(DateTime<Utc>),
}

/// Ends or extends a patient's access: the enrolment first, so an ended
/// device pulls its end before it stops, then the devices' state.
pub async fn change_access<R: Repository>(
    store: &R,
    clinician_id: &str,
    patient: &PatientRecord,
    change: AccessChange,
    now: DateTime<Utc>,
) -> Result<Enrolment, ChangeError> {
    let mut enrolment = patient.enrolment.clone();
    let state = match change {
        AccessChange::End => {
            enrolment.access_end = Some(now);
            DeviceState::Ended
        }
        AccessChange::Until(until) => {
            if until <= now {
                return Err(ChangeError::Invalid("until must be in the future"));
            }
            enrolment.access_end = Some(until);
            DeviceState::Active
        }
    };
    let enrolment = write_enrolment(store, clinician_id, &patient.id, enrolment, now).await?;
    store
        .set_device_states(patient.id.clone(), None, state, now)
        .await?;
    Ok(enrolment)
}

/// The planned end of access `months` later than it is now (or than `now`,
/// when access has already ended).
pub fn extended_until(enrolment: &Enrolment, months: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    let from = enrolment.access_ends_at().max(now);
    from.checked_add_months(chrono::Months::new(months))
        .unwrap_or(from)
}

/// Longest place text of a visit.
pub const MAX_PLACE_CHARS: usize = 200;

/// Whether `link` is a plausible `https` link to a video call: `https://`,
/// a host of letters, digits, dots, dashes (and a port), no spaces or
/// control characters, at most 500 characters.
pub fn is_video_link(link: &str) -> bool {
    let Some(rest) = link.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    link.len() <= 500
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && host.chars().any(|c| c.is_ascii_alphabetic())
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A visit, checked: 5–480 minutes, a place of at most 200 characters, a
/// video link only over `https`.
pub fn checked_visit(mut visit: Visit) -> Result<Visit, ChangeError> {
    if !(5..=480).contains(&visit.minutes) {
        return Err(ChangeError::Invalid("minutes must be 5–480"));
    }
    visit.place = visit
        .place
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    if visit
        .place
        .as_ref()
        .is_some_and(|p| p.chars().count() > MAX_PLACE_CHARS)
    {
        return Err(ChangeError::Invalid("place must be at most 200 characters"));
    }
    visit.video_link = visit
        .video_link
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    if visit
        .video_link
        .as_deref()
        .is_some_and(|l| !is_video_link(l))
    {
        return Err(ChangeError::Invalid("video_link must be an https link"));
    }
    Ok(visit)
}

/// Books, moves or cancels a visit (checked first).
pub async fn write_visit<R: Repository>(
    store: &R,
    clinician_id: &str,
    patient_id: &str,
    visit: Visit,
    now: DateTime<Utc>,
) -> Result<(), ChangeError> {
    let visit = checked_visit(visit)?;
    store
        .clinic_write(
            patient_id.to_owned(),
            clinician_id.to_owned(),
            ClinicItem::Visit(visit),
            now,
        )
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_links_must_be_https_with_a_host() {
        assert!(is_video_link("https://meet.example.se/room/42?pin=1"));
        assert!(is_video_link("https://video.region.se:8443/x"));
        for bad in [
            "http://meet.example.se/x",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "https://meet.example.se/a b",
            "https://exa<mple.se/",
            "HTTPS://meet.example.se",
        ] {
            assert!(!is_video_link(bad), "{bad}");
        }
    }

    #[test]
    fn extending_adds_months_to_the_planned_end_or_to_now_when_ended() {
        use chrono::TimeZone;
        let start = Utc.with_ymd_and_hms(2026, 1, 12, 8, 0, 0).unwrap();
        let e = Enrolment::weekly(start, chrono_tz::Europe::Stockholm);
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap();
        assert_eq!(
            extended_until(&e, 3, now),
            Utc.with_ymd_and_hms(2027, 4, 12, 8, 0, 0).unwrap()
        );
        let mut ended = e.clone();
        ended.access_end = Some(Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap());
        assert_eq!(
            extended_until(&ended, 2, now),
            Utc.with_ymd_and_hms(2026, 8, 1, 8, 0, 0).unwrap()
        );
    }
}
