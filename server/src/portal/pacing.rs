//! Pacing and access on the patient page (issue 5, point 6): change the
//! pace, open a module, allow reading ahead, book a visit, extend access by
//! months or end it (with a confirmation box that works without
//! JavaScript). Each action is a small POST form with the CSRF token and
//! goes through the same `clinic` functions as the clinic API, so the
//! change reaches the phone on its next sync exactly as there. Invalid
//! input answers 422 with the patient page and the error beside its form.

use std::sync::Arc;

use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use painschool_core::course::week::{Access, access};
use painschool_core::course::{Enrolment, Pace};
use serde::Deserialize;

use super::enrol::{pace_fields, parse_pace};
use super::patient_page::{failed, form_patient, render_page};
use super::patients::latest_open_module;
use super::signin::PageQuery;
use super::texts::Lang;
use super::texts_enrol::EnrolTexts;
use super::web::{CurrentSession, lang};
use crate::api::App;
use crate::clinic::{self, AccessChange, ChangeError, MAX_PLACE_CHARS, is_video_link};
use crate::clinic_model::{PatientRecord, Visit, VisitKind};
use crate::store::{EnrolmentInfo, Repository, StoreError};

/// The course and access state as the patient page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseView {
    /// Active, ended, or waiting for the first activation.
    pub status: &'static str,
    /// Whether access has ended.
    pub ended: bool,
    /// "Modul 3", or a dash.
    pub current_module: String,
    /// The pace in words.
    pub pace: &'static str,
    /// The pace's form value.
    pub pace_kind: &'static str,
    /// Its days (every N days), else empty.
    pub pace_days: String,
    /// Whether the patient may read ahead.
    pub read_ahead: bool,
    /// The planned end of access, in words or as a date.
    pub planned_end: String,
    /// Who assessed the patient, and when.
    pub assessed: String,
    /// The responsible clinician.
    pub responsible: String,
    /// Modules opened by hand, by title.
    pub unlocked: Vec<String>,
    /// Modules not open yet that can be opened: (id, title).
    pub can_unlock: Vec<(String, String)>,
}

fn day(t: DateTime<Utc>, e: &Enrolment) -> String {
    t.with_timezone(&e.time_zone).format("%Y-%m-%d").to_string()
}

/// The course and access state of an enrolment at `now`; `modules` are the
/// course's (id, title) in order.
pub fn course_view(
    e: &Enrolment,
    info: &EnrolmentInfo,
    modules: &[(String, String)],
    et: &EnrolTexts,
    now: DateTime<Utc>,
) -> CourseView {
    let waiting = info.starts_at_activation;
    let ids: Vec<&str> = modules.iter().map(|(id, _)| id.as_str()).collect();
    let open = if waiting {
        0
    } else {
        latest_open_module(e, &ids, now)
    };
    let state = access(e, now);
    let ended = matches!(state, Access::Ended { .. });
    let status = if ended {
        et.status_ended
    } else if waiting {
        et.status_waiting
    } else {
        et.status_active
    };
    let (pace_kind, pace_days) = pace_fields(&e.pace);
    let pace = match e.pace {
        Pace::Weekly => et.pace_weekly,
        Pace::EveryNDays { .. } => et.pace_every_n_days,
        Pace::AllAtOnce => et.pace_all_at_once,
        Pace::Manual => et.pace_manual,
    };
    let planned_end = if waiting && e.access_end.is_none() {
        et.planned_end_waiting.to_owned()
    } else {
        day(e.access_ends_at(), e)
    };
    let assessed = match (&info.assessed_by, &info.assessed_on) {
        (Some(by), Some(on)) => format!("{by}, {on}"),
        (Some(by), None) => by.clone(),
        (None, Some(on)) => on.clone(),
        (None, None) => "–".to_owned(),
    };
    let is_open = |i: usize, id: &str| {
        !waiting && painschool_core::course::scheduled_unlock(e, i).is_some_and(|t| now >= t)
            || e.manual_unlocks.iter().any(|m| m == id)
    };
    CourseView {
        status,
        ended,
        current_module: if open == 0 {
            "–".to_owned()
        } else {
            format!("{} {open}", et.module)
        },
        pace,
        pace_kind,
        pace_days,
        read_ahead: e.read_ahead,
        planned_end,
        assessed,
        responsible: info.responsible.clone().unwrap_or_else(|| "–".to_owned()),
        unlocked: modules
            .iter()
            .filter(|(id, _)| e.manual_unlocks.contains(id))
            .map(|(_, t)| t.clone())
            .collect(),
        can_unlock: modules
            .iter()
            .enumerate()
            .filter(|(i, (id, _))| !is_open(*i, id))
            .map(|(_, m)| m.clone())
            .collect(),
    }
}

/// A visit as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitView {
    /// Local date and time.
    pub when: String,
    /// Minutes.
    pub minutes: u32,
    /// Kind in words.
    pub kind: &'static str,
    /// Place, or empty.
    pub place: String,
    /// Video link, or empty (shown as text, never as a live link).
    pub video_link: String,
    /// Whether it was cancelled.
    pub cancelled: bool,
}

/// The visits as listed, in the patient's time zone.
pub fn visit_views(visits: &[Visit], e: &Enrolment, et: &EnrolTexts) -> Vec<VisitView> {
    visits
        .iter()
        .map(|v| VisitView {
            when: v
                .starts_at
                .with_timezone(&e.time_zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            minutes: v.minutes,
            kind: kind_text(v.kind, et),
            place: v.place.clone().unwrap_or_default(),
            video_link: v.video_link.clone().unwrap_or_default(),
            cancelled: v.cancelled,
        })
        .collect()
}

fn kind_text(k: VisitKind, et: &EnrolTexts) -> &'static str {
    match k {
        VisitKind::Clinic => et.visit_clinic,
        VisitKind::Video => et.visit_video,
        VisitKind::Phone => et.visit_phone,
    }
}

/// What went wrong with one of the page's forms, and what was typed in the
/// visit form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    /// The form: `pace`, `unlock`, `extend`, `end` or `visit`.
    pub form: &'static str,
    /// The message.
    pub message: &'static str,
    /// The visit form as typed.
    pub visit: VisitForm,
}

/// The visit form (every field optional: a missing one is an error shown
/// beside the form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct VisitForm {
    csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    /// Minutes.
    pub minutes: String,
    /// `clinic`, `video` or `phone`.
    pub kind: String,
    /// Place.
    pub place: String,
    /// Video link.
    pub video_link: String,
}

/// The visit the form asks for, in the patient's time zone, or the error.
pub fn check_visit(
    f: &VisitForm,
    e: &Enrolment,
    et: &EnrolTexts,
    id: String,
) -> Result<Visit, &'static str> {
    let date = NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d");
    let time = NaiveTime::parse_from_str(f.time.trim(), "%H:%M");
    let (Ok(date), Ok(time)) = (date, time) else {
        return Err(et.err_visit_time);
    };
    let Some(starts_at) = e
        .time_zone
        .from_local_datetime(&date.and_time(time))
        .earliest()
    else {
        return Err(et.err_visit_time);
    };
    let minutes = f
        .minutes
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (5..=480).contains(m))
        .ok_or(et.err_visit_minutes)?;
    let kind = VisitKind::parse(&f.kind).unwrap_or(VisitKind::Clinic);
    let place = f.place.trim();
    if place.chars().count() > MAX_PLACE_CHARS {
        return Err(et.err_visit_place);
    }
    let link = f.video_link.trim();
    if !link.is_empty() && !is_video_link(link) {
        return Err(et.err_visit_link);
    }
    Ok(Visit {
        id,
        starts_at: starts_at.with_timezone(&Utc),
        minutes,
        kind,
        cancelled: false,
        place: (!place.is_empty()).then(|| place.to_owned()),
        video_link: (!link.is_empty()).then(|| link.to_owned()),
    })
}

fn back(patient_id: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/portal/patients/{patient_id}#{anchor}")).into_response()
}

async fn refuse<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    lang: Lang,
    problem: Problem,
) -> Response {
    render_page(
        app,
        s,
        patient,
        lang,
        Some(problem),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

fn store_failed(e: ChangeError) -> Response {
    match e {
        ChangeError::Store(StoreError::NotFound(_)) => StatusCode::NOT_FOUND.into_response(),
        ChangeError::Store(e) => failed(e),
        ChangeError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
    }
}

async fn save<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    enrolment: Enrolment,
) -> Response {
    match clinic::write_enrolment(
        &app.store,
        &s.session.clinician.id,
        &patient.id,
        enrolment,
        (app.now)(),
    )
    .await
    {
        Ok(_) => back(&patient.id, "course"),
        Err(e) => store_failed(e.into()),
    }
}

/// The pace form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PaceForm {
    csrf: String,
    pace: String,
    pace_days: String,
}

/// `POST /portal/patients/{patient}/pace`.
pub async fn set_pace<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(f): Form<PaceForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let lang = lang(&headers, q.lang());
    let Some(pace) = parse_pace(&f.pace, &f.pace_days) else {
        let problem = Problem {
            form: "pace",
            message: EnrolTexts::of(lang).err_pace,
            ..Problem::default()
        };
        return refuse(&app, &s, &patient, lang, problem).await;
    };
    let mut e = patient.enrolment.clone();
    e.pace = pace;
    save(&app, &s, &patient, e).await
}

/// The read-ahead form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReadAheadForm {
    csrf: String,
    allow: String,
}

/// `POST /portal/patients/{patient}/read-ahead`: `allow=1` allows reading
/// ahead, anything else stops it.
pub async fn read_ahead<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    Form(f): Form<ReadAheadForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut e = patient.enrolment.clone();
    e.read_ahead = f.allow == "1";
    save(&app, &s, &patient, e).await
}

/// The unlock form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnlockForm {
    csrf: String,
    module_id: String,
}

/// `POST /portal/patients/{patient}/unlock`.
pub async fn unlock<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(f): Form<UnlockForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    if app.bundle.module(&f.module_id).is_none() {
        let lang = lang(&headers, q.lang());
        let problem = Problem {
            form: "unlock",
            message: EnrolTexts::of(lang).err_module,
            ..Problem::default()
        };
        return refuse(&app, &s, &patient, lang, problem).await;
    }
    let mut e = patient.enrolment.clone();
    e.manual_unlocks.insert(f.module_id);
    save(&app, &s, &patient, e).await
}

/// The extend form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExtendForm {
    csrf: String,
    months: String,
}

/// `POST /portal/patients/{patient}/access/extend`: the planned end moves
/// `months` later (from now, when access has ended); ended devices sync
/// again.
pub async fn extend<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(f): Form<ExtendForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(months) = f
        .months
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=24).contains(m))
    else {
        let lang = lang(&headers, q.lang());
        let problem = Problem {
            form: "extend",
            message: EnrolTexts::of(lang).err_months,
            ..Problem::default()
        };
        return refuse(&app, &s, &patient, lang, problem).await;
    };
    let now = (app.now)();
    let until = clinic::extended_until(&patient.enrolment, months, now);
    change(&app, &s, &patient, AccessChange::Until(until)).await
}

async fn change<R: Repository>(
    app: &App<R>,
    s: &CurrentSession,
    patient: &PatientRecord,
    c: AccessChange,
) -> Response {
    match clinic::change_access(&app.store, &s.session.clinician.id, patient, c, (app.now)()).await
    {
        Ok(_) => back(&patient.id, "course"),
        Err(e) => store_failed(e),
    }
}

/// The end-access form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    csrf: String,
    confirm: String,
}

/// `POST /portal/patients/{patient}/access/end`: only with the "I
/// understand" box ticked.
pub async fn end<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(f): Form<EndForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    if f.confirm != "yes" {
        let lang = lang(&headers, q.lang());
        let problem = Problem {
            form: "end",
            message: EnrolTexts::of(lang).err_confirm,
            ..Problem::default()
        };
        return refuse(&app, &s, &patient, lang, problem).await;
    }
    change(&app, &s, &patient, AccessChange::End).await
}

/// `POST /portal/patients/{patient}/visits`: books a visit.
pub async fn book_visit<R: Repository>(
    State(app): State<Arc<App<R>>>,
    Extension(s): Extension<CurrentSession>,
    Path(patient_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(f): Form<VisitForm>,
) -> Response {
    let patient = match form_patient(&app, &s, &patient_id, &f.csrf).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let lang = lang(&headers, q.lang());
    let id = uuid::Uuid::now_v7().to_string();
    let visit = match check_visit(&f, &patient.enrolment, EnrolTexts::of(lang), id) {
        Ok(v) => v,
        Err(message) => {
            let problem = Problem {
                form: "visit",
                message,
                visit: VisitForm {
                    csrf: String::new(),
                    ..f
                },
            };
            return refuse(&app, &s, &patient, lang, problem).await;
        }
    };
    match clinic::write_visit(
        &app.store,
        &s.session.clinician.id,
        &patient.id,
        visit,
        (app.now)(),
    )
    .await
    {
        Ok(()) => back(&patient.id, "visits"),
        Err(e) => store_failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrolment() -> Enrolment {
        Enrolment::weekly(
            "2026-11-02T08:00:00Z".parse().unwrap(),
            chrono_tz::Europe::Stockholm,
        )
    }

    fn form(date: &str, time: &str, minutes: &str, link: &str) -> VisitForm {
        VisitForm {
            date: date.into(),
            time: time.into(),
            minutes: minutes.into(),
            kind: "video".into(),
            video_link: link.into(),
            ..VisitForm::default()
        }
    }

    #[test]
    fn a_visit_is_read_in_the_patients_time_zone_and_its_link_must_be_https() {
        let et = EnrolTexts::of(Lang::En);
        let v = check_visit(
            &form("2026-12-01", "10:00", "45", "https://meet.example.se/r/1"),
            &enrolment(),
            et,
            "v1".into(),
        )
        .unwrap();
        assert_eq!(
            v.starts_at,
            "2026-12-01T09:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(v.kind, VisitKind::Video);
        assert_eq!(
            check_visit(
                &form("2026-12-01", "10:00", "45", "http://meet.example.se"),
                &enrolment(),
                et,
                "v".into()
            ),
            Err(et.err_visit_link)
        );
        assert_eq!(
            check_visit(&form("1 dec", "10", "45", ""), &enrolment(), et, "v".into()),
            Err(et.err_visit_time)
        );
        assert_eq!(
            check_visit(
                &form("2026-12-01", "10:00", "4", ""),
                &enrolment(),
                et,
                "v".into()
            ),
            Err(et.err_visit_minutes)
        );
    }

    #[test]
    fn the_course_view_waits_for_the_first_activation_then_counts_weeks() {
        let et = EnrolTexts::of(Lang::Sv);
        let modules: Vec<(String, String)> = (1..=8)
            .map(|i| (format!("m{i}"), format!("{i}. Modul")))
            .collect();
        let now = "2026-11-23T09:00:00Z".parse().unwrap();
        let waiting = EnrolmentInfo {
            starts_at_activation: true,
            ..EnrolmentInfo::default()
        };
        let v = course_view(&enrolment(), &waiting, &modules, et, now);
        assert_eq!(v.status, et.status_waiting);
        assert_eq!(v.planned_end, et.planned_end_waiting);
        assert_eq!(v.current_module, "–");
        assert_eq!(v.can_unlock.len(), 8);
        let v = course_view(&enrolment(), &EnrolmentInfo::default(), &modules, et, now);
        assert_eq!(v.status, et.status_active);
        assert_eq!(v.current_module, "Modul 4");
        assert_eq!(v.planned_end, "2027-11-02");
        assert_eq!(v.can_unlock.len(), 4);
    }
}
