//! The summary as one self-contained HTML page (no scripts, no external
//! files): for the apps' share sheet and the clinic's portal. Prints on A4
//! with its own margins. Every text the patient wrote is escaped.

use std::fmt::Write;

use crate::model::{Answer, CheckIn, Lang, QuestionBlock, Summary};
use crate::texts::{Texts, date};

/// Escapes text for HTML (element content and attribute values).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs of a text as written (blank lines split paragraphs, single
/// line breaks are kept).
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

fn question(out: &mut String, q: &QuestionBlock, t: &Texts) {
    let _ = write!(out, "<section class=\"q\"><h3>{}</h3>", escape(&q.prompt));
    match &q.answer {
        Answer::NotAnswered => {
            let _ = write!(out, "<p class=\"none\">{}</p>", t.not_answered);
        }
        Answer::Text { text, answered_on } => {
            let _ = write!(
                out,
                "<div class=\"a\">{}</div><p class=\"when\">{} {}</p>",
                paragraphs(text),
                t.answered,
                date(*answered_on)
            );
        }
        Answer::Scale {
            value,
            min,
            max,
            answered_on,
        } => {
            let _ = write!(
                out,
                "<p class=\"a\"><strong>{value}</strong> ({} {}, {} {})</p><p class=\"when\">{} {}</p>",
                min.0,
                escape(&min.1),
                max.0,
                escape(&max.1),
                t.answered,
                date(*answered_on)
            );
        }
        Answer::Choices {
            labels,
            answered_on,
        } => {
            out.push_str("<ul class=\"a\">");
            for l in labels {
                let _ = write!(out, "<li>{}</li>", escape(l));
            }
            let _ = write!(
                out,
                "</ul><p class=\"when\">{} {}</p>",
                t.answered,
                date(*answered_on)
            );
        }
        Answer::Diary { columns, rows } => {
            if rows.is_empty() {
                let _ = write!(out, "<p class=\"none\">{}</p>", t.not_answered);
            } else {
                let _ = write!(
                    out,
                    "<table><thead><tr><th scope=\"col\">{}</th>",
                    t.written
                );
                for c in columns {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", escape(c));
                }
                out.push_str("</tr></thead><tbody>");
                for r in rows {
                    let _ = write!(out, "<tr><td>{}</td>", date(r.written_on));
                    for c in &r.cells {
                        let _ = write!(out, "<td>{}</td>", escape(c));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
        }
    }
    out.push_str("</section>");
}

/// A small line chart of the check-in (one line per item), as inline SVG
/// with a text alternative; the table beside it holds the numbers.
fn chart(c: &CheckIn, t: &Texts) -> String {
    const W: f64 = 480.0;
    const H: f64 = 160.0;
    const PAD: f64 = 24.0;
    let n = c.weeks.len().max(2) as f64;
    let (lo, hi) = (c.range.0 as f64, c.range.1.max(c.range.0 + 1) as f64);
    let x = |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (n - 1.0);
    let y = |v: i64| H - PAD - (H - 2.0 * PAD) * (v as f64 - lo) / (hi - lo);
    let dashes = ["", "6 4", "2 3", "10 3 2 3"];
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\"><rect x=\"{PAD}\" y=\"{PAD}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>",
        escape(t.check_in),
        W - 2.0 * PAD,
        H - 2.0 * PAD
    );
    for item in 0..c.items.len() {
        let points: Vec<String> = c
            .weeks
            .iter()
            .enumerate()
            .filter_map(|(i, (_, values))| {
                values
                    .get(item)
                    .copied()
                    .flatten()
                    .map(|v| format!("{:.1},{:.1}", x(i), y(v)))
            })
            .collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\" stroke-dasharray=\"{}\" points=\"{}\"/>",
            dashes[item % dashes.len()],
            points.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The page's style sheet (inline in the standalone page; the portal serves
/// it as a file, since its content security policy allows no inline style).
pub const STYLESHEET: &str = "@page{size:A4;margin:20mm 18mm}body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:11pt;line-height:1.45;color:#111;max-width:46em;margin:0 auto;padding:1em}h1{font-size:18pt;margin:0 0 .3em}h2{font-size:14pt;margin:1.4em 0 .4em;border-bottom:1px solid #999;break-after:avoid}h3{font-size:11pt;margin:.9em 0 .2em;break-after:avoid}.meta{color:#333}.when{color:#555;font-size:9pt;margin:.1em 0}.none{color:#555;font-style:italic}table{border-collapse:collapse;width:100%;font-size:9.5pt;margin:.3em 0}th,td{border:1px solid #bbb;padding:2px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere}tr{break-inside:avoid}.chart{width:100%;max-width:480px}.turn{margin-top:2em;border-top:1px solid #999;padding-top:.5em;font-size:10pt}.toolbar{display:flex;gap:1.5em;flex-wrap:wrap;padding:.6em 0;margin-bottom:1em;border-bottom:1px solid #ccc}@media print{.toolbar{display:none}}";

/// How a page around the summary is made: the standalone page has its style
/// inline; the portal links its style sheet and puts its own toolbar first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Frame<'a> {
    /// Link this style sheet instead of inlining the style.
    pub stylesheet: Option<&'a str>,
    /// Trusted markup before the summary (the caller escapes its texts).
    pub before: &'a str,
}

/// The summary as a complete, self-contained HTML document.
pub fn to_html(s: &Summary) -> String {
    to_html_framed(s, Frame::default())
}

/// The summary as an HTML document made as `frame` says.
pub fn to_html_framed(s: &Summary, frame: Frame<'_>) -> String {
    let t = Texts::of(s.lang);
    let lang = match s.lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>",
        t.title
    );
    match frame.stylesheet {
        Some(href) => {
            let _ = write!(out, "<link rel=\"stylesheet\" href=\"{}\">", escape(href));
        }
        None => {
            let _ = write!(out, "<style>{STYLESHEET}</style>");
        }
    }
    let _ = write!(out, "</head><body>{}<h1>{}</h1>", frame.before, t.title);
    if let Some(name) = s.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(
            out,
            "<p class=\"meta\"><strong>{}</strong></p>",
            escape(name)
        );
    }
    let _ = write!(
        out,
        "<p class=\"meta\">{}: {} – {}. {}: {}.</p>",
        t.period,
        date(s.period.start),
        date(s.period.end),
        t.made_on,
        date(s.made_on)
    );
    if !s.plans.is_empty() {
        let _ = write!(out, "<h2>{}</h2>", t.plans);
        for q in &s.plans {
            question(&mut out, q, t);
        }
    }
    for m in &s.modules {
        if m.questions.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<h2>{} {}. {}</h2>",
            t.module,
            m.number,
            escape(&m.title)
        );
        for q in &m.questions {
            question(&mut out, q, t);
        }
    }
    let _ = write!(out, "<h2>{}</h2>", t.check_in);
    match &s.check_in {
        Some(c) if !c.weeks.is_empty() => {
            out.push_str(&chart(c, t));
            let _ = write!(out, "<table><thead><tr><th scope=\"col\">{}</th>", t.week);
            for item in &c.items {
                let _ = write!(out, "<th scope=\"col\">{}</th>", escape(item));
            }
            out.push_str("</tr></thead><tbody>");
            for (week, values) in &c.weeks {
                let _ = write!(out, "<tr><th scope=\"row\">{week}</th>");
                for v in values {
                    match v {
                        Some(v) => {
                            let _ = write!(out, "<td>{v}</td>");
                        }
                        None => out.push_str("<td>–</td>"),
                    }
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
        _ => {
            let _ = write!(out, "<p class=\"none\">{}</p>", t.none);
        }
    }
    let _ = write!(out, "<h2>{}</h2>", t.practice);
    if s.practice.is_empty() {
        let _ = write!(out, "<p class=\"none\">{}</p>", t.none);
    } else {
        let _ = write!(
            out,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t.week_of, t.minutes
        );
        for w in &s.practice {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                date(w.week_of),
                w.minutes
            );
        }
        out.push_str("</tbody></table>");
    }
    let _ = write!(
        out,
        "<p class=\"turn\">{}</p></body></html>",
        t.where_to_turn
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample(lang: Lang) -> Summary {
        Summary {
            lang,
            display_name: Some("Åsa <Test>".into()),
            period: Period {
                start: d("2026-11-02"),
                end: d("2027-11-02"),
            },
            made_on: d("2026-12-21"),
            plans: vec![QuestionBlock {
                prompt: "Min plan: vad jag fortsätter med".into(),
                answer: Answer::Text {
                    text: "Promenera varje dag.\n\nTa pauser före smärtan, inte efter.".into(),
                    answered_on: d("2026-12-20"),
                },
            }],
            modules: vec![ModuleBlock {
                number: 4,
                title: "Aktivitet i vardagen".into(),
                questions: vec![
                    QuestionBlock {
                        prompt: "Vad vill du pröva?".into(),
                        answer: Answer::NotAnswered,
                    },
                    QuestionBlock {
                        prompt: "Aktivitetsdagbok".into(),
                        answer: Answer::Diary {
                            columns: vec!["Aktivitet".into(), "Minuter".into()],
                            rows: vec![DiaryRow {
                                written_on: d("2026-11-24"),
                                cells: vec!["Städa köket <script>".into(), "20".into()],
                            }],
                        },
                    },
                ],
            }],
            check_in: Some(CheckIn {
                items: vec!["Smärta".into(), "Glädje".into()],
                range: (0, 10),
                weeks: vec![(1, vec![Some(7), Some(6)]), (2, vec![Some(6), None])],
            }),
            practice: vec![PracticeWeek {
                week_of: d("2026-11-02"),
                minutes: 21,
            }],
        }
    }

    #[test]
    fn every_answer_is_there_escaped_with_its_date_and_the_plans_come_first() {
        let html = to_html(&sample(Lang::Sv));
        assert!(html.contains("Åsa &lt;Test&gt;"));
        assert!(
            html.contains("<p>Promenera varje dag.</p><p>Ta pauser före smärtan, inte efter.</p>")
        );
        assert!(html.contains("Besvarad 2026-12-20"));
        assert!(html.contains("Inte besvarad ännu"));
        assert!(html.contains("<td>Städa köket &lt;script&gt;</td>"));
        assert!(!html.contains("<script>"));
        assert!(html.find("Mina planer efter kursen") < html.find("Modul 4. Aktivitet i vardagen"));
        assert!(html.contains("<th scope=\"row\">2</th><td>6</td><td>–</td>"));
        assert!(html.contains("<td>2026-11-02</td><td>21</td>"));
        assert!(html.contains("ring 112"));
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"sv\">"));
    }

    #[test]
    fn english_and_without_a_name() {
        let mut s = sample(Lang::En);
        s.display_name = None;
        s.check_in = None;
        s.practice.clear();
        let html = to_html(&s);
        assert!(html.contains("My summary from the Pain School"));
        assert!(html.contains("Not answered yet"));
        assert!(!html.contains("Åsa"), "no name unless the patient gave one");
        assert_eq!(html.matches("Nothing yet.").count(), 2);
    }
}
