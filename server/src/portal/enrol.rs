//! Enrolling a patient (issue 5, point 5): the form (name, personal
//! identity number with its check digit, who assessed the patient and when,
//! the responsible clinician of the unit, the pace and the letter's
//! language), its checks with an error beside each field and the typed
//! values kept, and the activation letter that answers a successful
//! enrolment or a "new activation code" (another phone; nothing else is
//! invalidated). Access starts at the first activation and its planned end
//! is 12 months after it (the store sets the start then).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;
use painschool_core::course::{Enrolment, Pace};
use serde::Deserialize;

use super::letter::{LetterPage, activation_uri, code_groups, server_url};
use super::patient_page::{failed, form_patient};
use super::signin::PageQuery;
use super::texts::{Lang, Texts};
use super::texts_enrol::EnrolTexts;
use super::web::{CurrentSession, lang, same_token};
use crate::api::App;
use crate::clinic::{checked_pace, issue_activation_code};
use crate::model::{Clinician, NewPatient};
use crate::personal_number;
use crate::store::{Assessment, Repository};

/// The enrolment form as typed (every field optional, so a form with a
/// missing field is answered with the form, not a bare error).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EnrolForm {
    csrf: String,
    /// Name.
    pub name: String,
    /// Personal identity number.
    pub personal_number: String,
    /// Who assessed the patient.
    pub assessed_by: String,
    /// The assessment date.
    pub assessed_on: String,
    /// The responsible clinician's id.
    pub clinician_id: String,
    /// `weekly`, `every_n_days`, `all_at_once` or `manual`.
    pub pace: String,
    /// Days between modules (`every_n_days`).
    pub pace_days: String,
    /// `1` when the patient may read ahead.
    pub read_ahead: String,
    /// `sv` or `en`.
    pub letter_lang: String,
}

/// The error beside each field (`None`: the field is fine).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnrolErrors {
    /// Name.
    pub name: Option<&'static str>,
    /// Personal identity number.
    pub personal_number: Option<&'static str>,
    /// Assessed by.
    pub assessed_by: Option<&'static str>,
    /// Assessment date.
    pub assessed_on: Option<&'static str>,
    /// Responsible clinician.
    pub clinician_id: Option<&'static str>,
    /// Pace.
    pub pace: Option<&'static str>,
}

/// The template's name for [`ALREADY_ENROLLED`].
const ALREADY: &str = ALREADY_ENROLLED;

impl EnrolErrors {
    /// Whether any field is wrong.
    pub fn any(&self) -> bool {
        self.name.is_some()
            || self.personal_number.is_some()
            || self.assessed_by.is_some()
            || self.assessed_on.is_some()
            || self.clinician_id.is_some()
            || self.pace.is_some()
    }
}

/// The personal number's error when the unit already has the person.
pub const ALREADY_ENROLLED: &str = "already_enrolled";

/// The enrolment page.
#[derive(Template)]
#[template(path = "portal/enrol.html")]
pub struct EnrolPage<'a> {
    /// The page language.
    pub lang: Lang,
    /// Its texts.
    pub t: &'a Texts,
    /// Its enrolment texts.
    pub et: &'a EnrolTexts,
    /// The forms' token.
    pub signed_in_csrf: Option<&'a str>,
    /// What was typed (or the defaults).
    pub form: EnrolForm,
    /// What is wrong.
    pub errors: EnrolErrors,
    /// The unit's clinicians to choose from.
    pub clinicians: Vec<Clinician>,
}

/// A pace from the form's fields.
pub fn parse_pace(kind: &str, days: &str) -> Option<Pace> {
    let pace = match kind {
        "weekly" => Pace::Weekly,
        "all_at_once" => Pace::AllAtOnce,
        "manual" => Pace::Manual,
        "every_n_days" => Pace::EveryNDays {
            days: days.trim().parse().ok()?,
        },
        _ => return None,
    };
    checked_pace(pace).ok()
}

/// The pace's form name and days.
pub fn pace_fields(p: &Pace) -> (&'static str, String) {
    match p {
        Pace::Weekly => ("weekly", String::new()),
        Pace::EveryNDays { days } => ("every_n_days", days.to_string()),
        Pace::AllAtOnce => ("all_at_once", String::new()),
        Pace::Manual => ("manual", String::new()),
    }
}

/// What the form asks the store to make, or the errors to show.
pub fn check(
    f: &EnrolForm,
    clinicians: &[Clinician],
    now: DateTime<Utc>,
) -> Result<(NewPatientFields, Pace), EnrolErrors> {
    let mut e = EnrolErrors::default();
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        e.name = Some("name");
    }
    let pnr = personal_number::normalise(&f.personal_number, now.year());
    if pnr.is_none() {
        e.personal_number = Some("personal_number");
    }
    let by = f.assessed_by.trim();
    if by.is_empty() || by.chars().count() > 200 {
        e.assessed_by = Some("assessed_by");
    }
    let today = now.with_timezone(&Stockholm).date_naive();
    let on = NaiveDate::parse_from_str(f.assessed_on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= today && d.year() >= 2000);
    if on.is_none() {
        e.assessed_on = Some("assessed_on");
    }
    if !clinicians.iter().any(|c| c.id == f.clinician_id) {
        e.clinician_id = Some("clinician_id");
    }
    let pace = parse_pace(&f.pace, &f.pace_days);
    if pace.is_none() {
        e.pace = Some("pace");
    }
    match (pnr, on, pace) {
        (Some(pnr), Some(on), Some(pace)) if !e.any() => Ok((
            NewPatientFields {
                name: name.to_owned(),
                personal_number: pnr,
                assessed_by: by.to_owned(),
                assessed_on: on.format("%Y-%m-%d").to_string(),
                clinician_id: f.clinician_id.clone(),
                read_ahead: f.read_ahead == "1",
            },
            pace,
        )),
        _ => Err(e),
    }
}

/// The checked fields of a new patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPatientFields {
    /// Name, trimmed.
    pub name: String,
    /// Normalised personal identity number.
    pub personal_number: String,
    /// Who assessed the patient.
    pub assessed_by: String,
    /// `YYYY-MM-DD`.
    pub assessed_on: String,
    /// The responsible clinician (of the unit).
    pub clinician_id: String,
    /// Whether the patient may read ahead.
    pub read_ahead: bool,
}

fn render(t: impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a portal template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /portal/enrol`: the empty form, with the signed-in clinician as
/// assessor and responsible clinician, today's date and a weekly pace.
pub async fn form_page<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = lang(&headers, q.lang());
    let me = &s.session.clinician;
    let clinicians = match app.store.unit_clinicians(me.unit_id.clone()).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    let form = EnrolForm {
        assessed_by: me.display_name.clone(),
        assessed_on: (app.now)()
            .with_timezone(&Stockholm)
            .format("%Y-%m-%d")
            .to_string(),
        clinician_id: me.id.clone(),
        pace: "weekly".into(),
        letter_lang: lang.code().into(),
        ..EnrolForm::default()
    };
    render(
        EnrolPage {
            lang,
            t: lang.texts(),
            et: EnrolTexts::of(lang),
            signed_in_csrf: Some(&s.session.csrf_token),
            form,
            errors: EnrolErrors::default(),
            clinicians,
        },
        StatusCode::OK,
    )
}

/// `POST /portal/enrol`: enrols the patient and answers with the
/// activation letter; invalid input answers 422 with the form.
pub async fn enrol<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(form): Form<EnrolForm>,
) -> Response {
    if !same_token(&s.session.csrf_token, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let lang = lang(&headers, q.lang());
    let me = s.session.clinician.clone();
    let clinicians = match app.store.unit_clinicians(me.unit_id.clone()).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    let now = (app.now)();
    let checked = match check(&form, &clinicians, now) {
        Ok((fields, pace)) => {
            // One enrolment per person and unit: a second one (or the
            // letter page reloaded, which posts the form again) is refused
            // and shows no code.
            match app.store.unit_overview(me.unit_id.clone()).await {
                Ok(all)
                    if all.iter().any(|p| {
                        p.personal_number.as_deref() == Some(fields.personal_number.as_str())
                    }) =>
                {
                    Err(EnrolErrors {
                        personal_number: Some(ALREADY_ENROLLED),
                        ..EnrolErrors::default()
                    })
                }
                Ok(_) => Ok((fields, pace)),
                Err(e) => return failed(e),
            }
        }
        Err(errors) => Err(errors),
    };
    let (fields, pace) = match checked {
        Ok(x) => x,
        Err(errors) => {
            return render(
                EnrolPage {
                    lang,
                    t: lang.texts(),
                    et: EnrolTexts::of(lang),
                    signed_in_csrf: Some(&s.session.csrf_token),
                    form: EnrolForm {
                        csrf: String::new(),
                        ..form
                    },
                    errors,
                    clinicians,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    // The start is set again at the first activation (the store does it).
    let mut enrolment = Enrolment::weekly(now, Stockholm);
    enrolment.pace = pace;
    enrolment.read_ahead = fields.read_ahead;
    let patient_id = match app
        .store
        .enrol_patient(
            NewPatient {
                unit_id: me.unit_id.clone(),
                clinician_id: Some(fields.clinician_id.clone()),
                name: fields.name.clone(),
                personal_number: Some(fields.personal_number.clone()),
                enrolment,
            },
            Assessment {
                assessed_by: fields.assessed_by.clone(),
                assessed_on: fields.assessed_on.clone(),
                starts_at_activation: true,
            },
            now,
        )
        .await
    {
        Ok(id) => id,
        Err(e) => return failed(e),
    };
    let letter_lang = Lang::parse(Some(form.letter_lang.as_str()));
    letter(&app, &s, &headers, &patient_id, &fields.name, letter_lang).await
}

/// Issues a code and answers with the letter (after its access-log row).
async fn letter<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    headers: &HeaderMap,
    patient_id: &str,
    name: &str,
    lang: Lang,
) -> Response {
    let now = (app.now)();
    let issued =
        match issue_activation_code(&app.store, patient_id, app.config.activation_code_days, now)
            .await
        {
            Ok(c) => c,
            Err(e) => return failed(e),
        };
    // The letter shows the patient's name: its view is logged first.
    if let Err(e) = app
        .store
        .log_access(
            s.session.clinician.id.clone(),
            patient_id.to_owned(),
            "activation_letter",
            now,
        )
        .await
    {
        return failed(e);
    }
    let uri = activation_uri(&server_url(headers, &app.config), &issued.code);
    let Some(qr_svg) = super::totp::qr_svg(&uri) else {
        tracing::error!("the activation QR code could not be drawn");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    render(
        LetterPage {
            lang,
            t: lang.texts(),
            et: EnrolTexts::of(lang),
            signed_in_csrf: Some(&s.session.csrf_token),
            patient_id,
            name,
            groups: code_groups(&issued.code),
            qr_svg,
            expires_on: issued
                .expires_at
                .with_timezone(&Stockholm)
                .format("%Y-%m-%d")
                .to_string(),
        },
        StatusCode::OK,
    )
}

/// The "new activation code" form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewCodeForm {
    csrf: String,
    letter_lang: String,
}

/// `POST /portal/patients/{patient}/activation-code`: a new code for
/// another phone, with its letter. Earlier codes and devices stay as they
/// are.
pub async fn new_code<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<NewCodeForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &form.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let name = match app.store.patient_overview(patient.id.clone()).await {
        Ok(p) => p.map(|p| p.name),
        Err(e) => return failed(e),
    };
    let Some(name) = name else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let lang = Lang::parse(Some(form.letter_lang.as_str()));
    letter(&app, &s, &headers, &patient.id, &name, lang).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn form() -> EnrolForm {
        EnrolForm {
            name: " Testa Testsson ".into(),
            personal_number: "19121212-1212".into(),
            assessed_by: "Dr Prov".into(),
            assessed_on: "2026-11-20".into(),
            clinician_id: "k1".into(),
            pace: "every_n_days".into(),
            pace_days: "5".into(),
            read_ahead: "1".into(),
            ..EnrolForm::default()
        }
    }

    fn staff() -> Vec<Clinician> {
        vec![Clinician {
            id: "k1".into(),
            unit_id: "u".into(),
            display_name: "K".into(),
            email: "k@example.se".into(),
            role: Role::Clinician,
        }]
    }

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_good_form_gives_the_patient_and_the_pace() {
        let (p, pace) = check(&form(), &staff(), now()).unwrap();
        assert_eq!(p.name, "Testa Testsson");
        assert_eq!(p.personal_number, "19121212-1212");
        assert!(p.read_ahead);
        assert_eq!(pace, Pace::EveryNDays { days: 5 });
    }

    #[test]
    fn each_bad_field_gets_its_own_error() {
        let bad = EnrolForm {
            name: "  ".into(),
            personal_number: "19121212-1213".into(),
            assessed_by: String::new(),
            assessed_on: "2026-12-24".into(),
            clinician_id: "someone-else".into(),
            pace: "every_n_days".into(),
            pace_days: "61".into(),
            ..form()
        };
        let e = check(&bad, &staff(), now()).unwrap_err();
        assert!(e.name.is_some() && e.personal_number.is_some() && e.assessed_by.is_some());
        assert!(e.assessed_on.is_some(), "a date in the future");
        assert!(e.clinician_id.is_some() && e.pace.is_some());
        let only_pnr = EnrolForm {
            personal_number: "19121212-1213".into(),
            ..form()
        };
        let e = check(&only_pnr, &staff(), now()).unwrap_err();
        assert_eq!(
            e,
            EnrolErrors {
                personal_number: Some("personal_number"),
                ..EnrolErrors::default()
            }
        );
    }
}
