//! The weekly check-in as a chart, a pure function of the course bundle
//! and the patient's submitted answer versions (drafts never reach the
//! server): one line per scale question of the check-in sections, one
//! point per course week that has a current answer. The SVG is made here
//! from numbers only (axis values, week numbers, coordinates), never from
//! text a person typed, so the template may insert it as markup; the same
//! numbers go in a table for screen readers and readers without SVG.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use painschool_core::answers::AnswerValue;
use painschool_core::content::{self, ContentBundle, QuestionKind, SectionKind};

use super::texts::Lang;
use crate::clinic_model::AnswerRecord;

/// Drawing size (the SVG scales to its box).
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 50.0;

/// Line colours (each at least 4.5:1 on white) and dash patterns, so the
/// lines differ without colour too.
const STYLES: [(&str, &str); 4] = [
    ("#1f4e8c", ""),
    ("#a3390f", "8 4"),
    ("#2d6a2f", "2 4"),
    ("#5b3f8c", "12 4 2 4"),
];

/// One question's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The question text in the page's language (shown in the legend).
    pub label: String,
    /// The legend swatch's class (`series-1` …).
    pub class: String,
    /// The scale's ends.
    pub min: i64,
    /// The scale's top.
    pub max: i64,
}

/// The chart and its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinChart {
    /// The inline SVG (numbers only).
    pub svg: String,
    /// The lines, in course order.
    pub series: Vec<Series>,
    /// Per course week (ascending): the week and each series' value.
    pub rows: Vec<(u32, Vec<Option<i64>>)>,
    /// How many points the chart draws.
    pub points: usize,
}

/// The course week of a check-in entry id (`week-03` → 3).
fn week_of(entry_id: &str) -> Option<u32> {
    entry_id.strip_prefix("week-")?.parse().ok()
}

/// The check-in chart, or `None` when no check-in was sent.
/// `title` names the chart and `week` labels its time axis (the page's own
/// words, never a person's).
pub fn checkin_chart(
    bundle: &ContentBundle,
    answers: &[AnswerRecord],
    lang: Lang,
    title: &str,
    week: &str,
) -> Option<CheckinChart> {
    let l = match lang {
        Lang::Sv => content::Lang::Sv,
        Lang::En => content::Lang::En,
    };
    // The check-in's scale questions, in course order, once each.
    let mut questions: Vec<(&str, String, i64, i64)> = Vec::new();
    for module in &bundle.modules {
        for section in &module.sections {
            let SectionKind::CheckIn(form) = &section.kind else {
                continue;
            };
            for q in &form.questions {
                if let QuestionKind::Scale { min, max, .. } = q.kind
                    && !questions.iter().any(|(id, ..)| *id == q.id.as_str())
                {
                    questions.push((q.id.as_str(), q.prompt.get(l).clone(), min, max));
                }
            }
        }
    }
    // (question, week) -> (hlc, value) of the current version.
    let mut current: BTreeMap<(usize, u32), (&str, i64)> = BTreeMap::new();
    for a in answers {
        let Some(qi) = questions.iter().position(|(id, ..)| *id == a.question_id) else {
            continue;
        };
        let Some(week) = week_of(&a.entry_id) else {
            continue;
        };
        let Ok(AnswerValue::Scale(v)) = serde_json::from_value::<AnswerValue>(a.value.clone())
        else {
            continue;
        };
        let slot = current.entry((qi, week)).or_insert((a.hlc.as_str(), v));
        if a.hlc.as_str() >= slot.0 {
            *slot = (a.hlc.as_str(), v);
        }
    }
    if current.is_empty() {
        return None;
    }
    let mut weeks: Vec<u32> = current.keys().map(|(_, w)| *w).collect();
    weeks.sort_unstable();
    weeks.dedup();
    let rows: Vec<(u32, Vec<Option<i64>>)> = weeks
        .iter()
        .map(|w| {
            let values = (0..questions.len())
                .map(|qi| current.get(&(qi, *w)).map(|(_, v)| *v))
                .collect();
            (*w, values)
        })
        .collect();
    let series: Vec<Series> = questions
        .iter()
        .enumerate()
        .map(|(i, (_, label, min, max))| Series {
            label: label.clone(),
            class: format!("series-{}", i % STYLES.len() + 1),
            min: *min,
            max: *max,
        })
        .collect();
    let (svg, points) = draw(&series, &rows, title, week);
    Some(CheckinChart {
        svg,
        series,
        rows,
        points,
    })
}

/// Escapes the few characters of our own title text that XML reserves.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn draw(
    series: &[Series],
    rows: &[(u32, Vec<Option<i64>>)],
    title: &str,
    week_label: &str,
) -> (String, usize) {
    let lo = series.iter().map(|s| s.min).min().unwrap_or(0);
    let hi = series.iter().map(|s| s.max).max().unwrap_or(10).max(lo + 1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        if rows.len() <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (rows.len() - 1) as f64
        }
    };
    let y = |v: i64| TOP + plot_h * (hi - v) as f64 / (hi - lo) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         class=\"chart\" role=\"img\" aria-labelledby=\"checkin-chart-title\">\
         <title id=\"checkin-chart-title\">{}</title>",
        xml(title)
    );
    // The value axis: a grid line and a number every step.
    let step = ((hi - lo) / 5).max(1);
    let mut v = lo;
    while v <= hi {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#c8c8c8\"/>\
             <text class=\"axis\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#333333\" font-size=\"13\">{v}</text>",
            WIDTH - RIGHT,
            LEFT - 8.0,
            y(v) + 4.0,
            y = y(v),
        );
        v += step;
    }
    // The week axis.
    for (i, (week, _)) in rows.iter().enumerate() {
        let _ = write!(
            s,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333333\" font-size=\"13\">{week}</text>",
            x(i),
            HEIGHT - BOTTOM + 20.0
        );
    }
    let _ = write!(
        s,
        "<text class=\"axis-title\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333333\" font-size=\"13\">{}</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 6.0,
        xml(week_label)
    );
    // One line and its points per question.
    let mut points = 0;
    for (si, _) in series.iter().enumerate() {
        let (colour, dash) = STYLES[si % STYLES.len()];
        let coords: Vec<(f64, f64, u32, i64)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, (week, values))| values[si].map(|v| (x(i), y(v), *week, v)))
            .collect();
        if coords.len() > 1 {
            let list: Vec<String> = coords
                .iter()
                .map(|(px, py, ..)| format!("{px:.1},{py:.1}"))
                .collect();
            let _ = write!(
                s,
                "<polyline class=\"line series-{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{} points=\"{}\"/>",
                si + 1,
                if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                },
                list.join(" ")
            );
        }
        for (px, py, week, v) in &coords {
            let _ = write!(
                s,
                "<circle class=\"pt series-{}\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4.5\" fill=\"{colour}\" \
                 data-week=\"{week}\" data-value=\"{v}\"/>",
                si + 1
            );
            points += 1;
        }
    }
    s.push_str("</svg>");
    (s, points)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> ContentBundle {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        ContentBundle::load(&dir, painschool_core::content::Verify::Structure)
            .expect("the course loads")
    }

    fn scale(q: &str, week: u32, hlc: &str, v: i64) -> AnswerRecord {
        AnswerRecord {
            version_id: format!("{q}-{week}-{hlc}"),
            question_id: q.into(),
            entry_id: format!("week-{week:02}"),
            module_id: "m1".into(),
            value: serde_json::json!({"type": "scale", "value": v}),
            hlc: hlc.into(),
            submitted_at: "2026-11-23T10:00:00Z".into(),
            reviewed_at: None,
        }
    }

    #[test]
    fn one_point_per_question_and_week_with_the_current_value() {
        let b = bundle();
        let answers = vec![
            scale("check-in-pain", 1, "001", 7),
            scale("check-in-pain", 2, "002", 6),
            // An edit of week 2: the later stamp wins.
            scale("check-in-pain", 2, "003", 4),
            scale("check-in-sleep", 2, "002", 5),
            // Not a check-in answer.
            AnswerRecord {
                entry_id: String::new(),
                ..scale("m1-reflection-learned", 1, "004", 1)
            },
        ];
        let c = checkin_chart(&b, &answers, Lang::Sv, "Diagram", "Vecka").unwrap();
        assert_eq!(c.points, 3);
        assert_eq!(c.svg.matches("<circle").count(), 3);
        assert_eq!(c.rows.len(), 2);
        let pain = c
            .series
            .iter()
            .position(|s| s.label.contains("Hur ont"))
            .unwrap();
        assert_eq!(
            c.rows[0],
            (1, {
                let mut v = vec![None; c.series.len()];
                v[pain] = Some(7);
                v
            })
        );
        assert_eq!(c.rows[1].1[pain], Some(4));
        assert!(c.svg.contains("role=\"img\"") && c.svg.contains("<title"));
        assert!(!c.svg.contains("Hur ont"), "no question text in the SVG");
    }

    #[test]
    fn no_check_ins_no_chart() {
        assert!(checkin_chart(&bundle(), &[], Lang::En, "Chart", "Week").is_none());
    }
}
