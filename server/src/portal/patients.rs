//! The patient list, as a pure function of the unit's overview, a search
//! and `now`: name, personal identity number, the latest module open by the
//! pace, the last sync and where access stands. The search matches a part
//! of the name (any case) or of the personal identity number (digits).

use chrono::{DateTime, Utc};
use painschool_core::course::Enrolment;
use painschool_core::course::pacing::scheduled_unlock;
use painschool_core::course::week::{Access, access};

use super::texts::Lang;
use crate::store::PatientOverview;

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientRow {
    /// The patient's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Personal identity number, or empty.
    pub personal_number: String,
    /// "Modul 3", or a dash before the start.
    pub module: String,
    /// The last sync's date, or a dash.
    pub last_sync: String,
    /// Access: not started, active, ending soon, ended.
    pub status: String,
}

use super::when::day;

/// Whether `p` matches the search `q` (empty matches all).
pub fn matches(p: &PatientOverview, q: &str) -> bool {
    let q = q.trim();
    if q.is_empty() {
        return true;
    }
    if p.name.to_lowercase().contains(&q.to_lowercase()) {
        return true;
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    digits.len() >= 4
        && p.personal_number.as_deref().is_some_and(|n| {
            n.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .contains(&digits)
        })
}

/// The number (1-based) of the latest module open at `now`, by the pace or
/// by the clinician's hand; 0 when none is.
pub fn latest_open_module(e: &Enrolment, module_ids: &[&str], now: DateTime<Utc>) -> usize {
    module_ids
        .iter()
        .enumerate()
        .filter(|(i, id)| {
            scheduled_unlock(e, *i).is_some_and(|t| now >= t)
                || e.manual_unlocks.iter().any(|m| m == *id)
        })
        .map(|(i, _)| i + 1)
        .max()
        .unwrap_or(0)
}

/// The rows for the search `q`, in the overview's order (by name).
/// `module_ids` are the course's modules in order.
pub fn patient_list(
    patients: &[PatientOverview],
    q: &str,
    module_ids: &[&str],
    lang: Lang,
    now: DateTime<Utc>,
) -> Vec<PatientRow> {
    let sv = lang == Lang::Sv;
    patients
        .iter()
        .filter(|p| matches(p, q))
        .map(|p| {
            let enrolment = serde_json::from_str::<Enrolment>(&p.enrolment_json).ok();
            // The latest module open by the pace or by the clinician.
            let open = enrolment
                .as_ref()
                .map_or(0, |e| latest_open_module(e, module_ids, now));
            let status = match enrolment.as_ref().map(|e| access(e, now)) {
                None => "?".to_owned(),
                Some(Access::NotStarted { .. }) => {
                    if sv { "ej påbörjad" } else { "not started" }.to_owned()
                }
                Some(Access::Active {
                    ending_soon: true,
                    ends_at,
                    ..
                }) => format!("{} {}", if sv { "slutar" } else { "ends" }, day(ends_at)),
                Some(Access::Active { .. }) => if sv { "aktiv" } else { "active" }.to_owned(),
                Some(Access::Ended { ended_at, .. }) => {
                    format!(
                        "{} {}",
                        if sv { "avslutad" } else { "ended" },
                        day(ended_at)
                    )
                }
            };
            PatientRow {
                id: p.id.clone(),
                name: p.name.clone(),
                personal_number: p.personal_number.clone().unwrap_or_default(),
                module: if open == 0 {
                    "–".to_owned()
                } else {
                    format!("{} {open}", if sv { "Modul" } else { "Module" })
                },
                last_sync: p.last_sync.map_or_else(|| "–".to_owned(), day),
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn patient(name: &str, pnr: Option<&str>, start: &str) -> PatientOverview {
        let e = Enrolment::weekly(at(start), chrono_tz::Europe::Stockholm);
        PatientOverview {
            id: format!("id-{name}"),
            name: name.into(),
            personal_number: pnr.map(str::to_owned),
            clinician_id: None,
            enrolment_json: serde_json::to_string(&e).unwrap(),
            created_at: at(start),
            last_sync: Some(at("2026-11-20T12:00:00Z")),
            unread_messages: 0,
            unreviewed_answers: 0,
        }
    }

    #[test]
    fn rows_show_the_module_by_pace_and_the_access_and_search_by_name_or_number() {
        let now = at("2026-11-23T09:00:00Z");
        let ps = [
            patient("Anna Test", Some("19121212-1212"), "2026-11-02T08:00:00Z"),
            patient("Bo Prov", None, "2025-12-10T08:00:00Z"),
            patient("Cilla Test", None, "2026-12-01T08:00:00Z"),
        ];
        let mut ps = ps;
        let mut e: Enrolment = serde_json::from_str(&ps[2].enrolment_json).unwrap();
        e.manual_unlocks.insert("m6".into());
        ps[2].enrolment_json = serde_json::to_string(&e).unwrap();
        let ids = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"];
        let rows = patient_list(&ps, "", &ids, Lang::Sv, now);
        assert_eq!(rows[0].module, "Modul 4", "weeks 1-4 of a weekly pace");
        assert_eq!(rows[0].status, "aktiv");
        assert_eq!(rows[0].last_sync, "2026-11-20");
        assert_eq!(rows[1].module, "Modul 8");
        assert_eq!(rows[1].status, "slutar 2026-12-10");
        assert_eq!(
            (rows[2].module.as_str(), rows[2].status.as_str()),
            ("Modul 6", "ej påbörjad"),
            "opened by the clinician before the start"
        );
        let names = |q: &str| {
            patient_list(&ps, q, &ids, Lang::En, now)
                .into_iter()
                .map(|r| r.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("test"), ["Anna Test", "Cilla Test"]);
        assert_eq!(names("PROV"), ["Bo Prov"]);
        assert_eq!(names("1212-12"), ["Anna Test"]);
        assert_eq!(
            names("12"),
            Vec::<String>::new(),
            "too few digits to search numbers"
        );
        assert_eq!(
            patient_list(&ps, "", &ids, Lang::En, now)[0].status,
            "active"
        );
    }
}
