//! What goes on the pages, in order: the masthead, the plans from module 8,
//! every module's questions and answers, the check-in, the practice, where
//! to turn, and a footer with page numbers on every page.

use chrono::NaiveDate;

use super::chart;
use super::fonts::Face;
use super::layout::{Flow, GREY, INK, LEFT, MARGIN_Y, NAVY, Op, PAGE_H, RULE, SHADE, Style, WIDTH};
use super::table::table;
use super::wrap::wrap;
use crate::model::{Answer, QuestionBlock, Summary};
use crate::texts::{Texts, date};

const BRAND: Style = Style {
    face: Face::Bold,
    size: 9.0,
    color: NAVY,
    leading: 1.4,
};
const H1: Style = Style {
    face: Face::Bold,
    size: 20.0,
    color: NAVY,
    leading: 1.25,
};
const NAME: Style = Style {
    face: Face::Bold,
    size: 12.5,
    color: INK,
    leading: 1.4,
};
const H2: Style = Style {
    face: Face::Bold,
    size: 13.5,
    color: NAVY,
    leading: 1.3,
};
const QUESTION: Style = Style {
    face: Face::Bold,
    size: 10.0,
    color: INK,
    leading: 1.4,
};
const BODY: Style = Style {
    face: Face::Regular,
    size: 10.5,
    color: INK,
    leading: 1.45,
};
const META: Style = Style {
    face: Face::Regular,
    size: 9.5,
    color: GREY,
    leading: 1.45,
};
const SMALL: Style = Style {
    face: Face::Regular,
    size: 8.0,
    color: GREY,
    leading: 1.4,
};
/// Answers sit a little in from their questions.
const INDENT: f32 = 10.0;

fn rule(flow: &mut Flow, color: super::layout::Rgb, width: f32) {
    flow.push(Op::Lines {
        points: vec![(LEFT, flow.y), (LEFT + WIDTH, flow.y)],
        width,
        color,
        dash: Vec::new(),
    });
}

/// A section heading with a rule under it, kept with what follows.
fn heading(flow: &mut Flow, text: &str) {
    flow.gap(16.0);
    flow.need(H2.line_height() + 70.0);
    flow.paragraph(text, H2, LEFT, WIDTH);
    flow.y += 2.0;
    rule(flow, RULE, 0.8);
    flow.y += 6.0;
}

fn answered(flow: &mut Flow, t: &Texts, on: NaiveDate) {
    flow.y += 1.0;
    flow.lines(
        &[format!("{} {}", t.answered, date(on))],
        SMALL,
        LEFT + INDENT,
    );
}

fn question(flow: &mut Flow, q: &QuestionBlock, t: &Texts) {
    let prompt = wrap(&q.prompt, QUESTION.face.metrics(), QUESTION.size, WIDTH);
    // The question stays with the first lines of its answer.
    flow.need(prompt.len() as f32 * QUESTION.line_height() + 2.0 * BODY.line_height());
    flow.lines(&prompt, QUESTION, LEFT);
    flow.y += 2.0;
    let at = LEFT + INDENT;
    let width = WIDTH - INDENT;
    match &q.answer {
        Answer::NotAnswered => flow.paragraph(t.not_answered, META, at, width),
        Answer::Text { text, answered_on } => {
            flow.paragraph(text, BODY, at, width);
            answered(flow, t, *answered_on);
        }
        Answer::Scale {
            value,
            min,
            max,
            answered_on,
        } => {
            let line = format!("{value}   ({} = {}, {} = {})", min.0, min.1, max.0, max.1);
            flow.paragraph(&line, BODY, at, width);
            answered(flow, t, *answered_on);
        }
        Answer::Choices {
            labels,
            answered_on,
        } => {
            for label in labels {
                let lines = wrap(label, BODY.face.metrics(), BODY.size, width - 12.0);
                flow.need(BODY.line_height());
                flow.lines(&["•".to_string()], BODY, at);
                flow.y -= BODY.line_height();
                flow.lines(&lines, BODY, at + 12.0);
            }
            answered(flow, t, *answered_on);
        }
        Answer::Diary { columns, rows } => {
            if rows.is_empty() {
                flow.paragraph(t.not_answered, META, at, width);
            } else {
                let header: Vec<String> = std::iter::once(t.written.to_string())
                    .chain(columns.iter().cloned())
                    .collect();
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        std::iter::once(date(r.written_on))
                            .chain(r.cells.iter().cloned())
                            .collect()
                    })
                    .collect();
                flow.y += 2.0;
                table(flow, &header, &rows);
            }
        }
    }
    flow.gap(10.0);
}

fn masthead(flow: &mut Flow, s: &Summary, t: &Texts) {
    flow.lines(&[t.brand.to_uppercase()], BRAND, LEFT);
    flow.y += 2.0;
    flow.paragraph(t.title, H1, LEFT, WIDTH);
    if let Some(name) = s.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        flow.y += 2.0;
        flow.paragraph(name, NAME, LEFT, WIDTH);
    }
    flow.y += 2.0;
    let period = format!(
        "{}: {} – {} · {}: {}",
        t.period,
        date(s.period.start),
        date(s.period.end),
        t.made_on,
        date(s.made_on)
    );
    flow.paragraph(&period, META, LEFT, WIDTH);
    flow.y += 6.0;
    flow.paragraph(t.intro, BODY, LEFT, WIDTH);
    flow.y += 4.0;
}

fn check_in(flow: &mut Flow, s: &Summary, t: &Texts) {
    heading(flow, t.check_in);
    let Some(c) = s.check_in.as_ref().filter(|c| !c.weeks.is_empty()) else {
        flow.paragraph(t.none, META, LEFT, WIDTH);
        return;
    };
    chart::check_in(flow, c, 150.0);
    flow.y += 6.0;
    flow.paragraph(t.check_in_note, SMALL, LEFT, WIDTH);
    flow.y += 6.0;
    let header: Vec<String> = std::iter::once(t.week.to_string())
        .chain(c.items.iter().cloned())
        .collect();
    let rows: Vec<Vec<String>> = c
        .weeks
        .iter()
        .map(|(week, values)| {
            std::iter::once(week.to_string())
                .chain(
                    values
                        .iter()
                        .map(|v| v.map_or_else(|| "–".to_string(), |v| v.to_string())),
                )
                .collect()
        })
        .collect();
    let groups = if rows.len() > 12 { 2 } else { 1 };
    let (header, rows) = side_by_side(&header, &rows, groups);
    table(flow, &header, &rows);
}

/// A long, narrow table as `groups` pairs of columns side by side, read
/// down then across.
fn side_by_side(
    header: &[String],
    rows: &[Vec<String>],
    groups: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let per = rows.len().div_ceil(groups.max(1));
    let wide_header = (0..groups).flat_map(|_| header.iter().cloned()).collect();
    let wide_rows = (0..per)
        .map(|r| {
            (0..groups)
                .flat_map(|g| match rows.get(g * per + r) {
                    Some(row) => row.clone(),
                    None => vec![String::new(); header.len()],
                })
                .collect()
        })
        .collect();
    (wide_header, wide_rows)
}

fn practice(flow: &mut Flow, s: &Summary, t: &Texts) {
    heading(flow, t.practice);
    if s.practice.is_empty() {
        flow.paragraph(t.none, META, LEFT, WIDTH);
        return;
    }
    let total: u32 = s.practice.iter().map(|w| w.minutes).sum();
    flow.paragraph(
        &t.practice_total(total, s.practice.len()),
        BODY,
        LEFT,
        WIDTH,
    );
    flow.y += 4.0;
    chart::practice(flow, &s.practice, 110.0);
    flow.y += 8.0;
    let groups = match s.practice.len() {
        0..=8 => 1,
        9..=20 => 2,
        _ => 3,
    };
    let header = [t.week_of.to_string(), t.minutes.to_string()];
    let rows: Vec<Vec<String>> = s
        .practice
        .iter()
        .map(|w| vec![date(w.week_of), w.minutes.to_string()])
        .collect();
    let (header, rows) = side_by_side(&header, &rows, groups);
    table(flow, &header, &rows);
}

fn where_to_turn(flow: &mut Flow, t: &Texts) {
    const PAD: f32 = 9.0;
    let lines = wrap(
        t.where_to_turn,
        BODY.face.metrics(),
        BODY.size,
        WIDTH - 2.0 * PAD,
    );
    let h = lines.len() as f32 * BODY.line_height() + 2.0 * PAD;
    flow.gap(18.0);
    flow.need(h);
    flow.push(Op::Rect {
        x: LEFT,
        y: flow.y,
        w: WIDTH,
        h,
        fill: SHADE,
    });
    flow.y += PAD;
    flow.lines(&lines, BODY, LEFT + PAD);
    flow.y += PAD;
}

fn footers(pages: &mut [Vec<Op>], t: &Texts) {
    let total = pages.len();
    let base = PAGE_H - MARGIN_Y - 3.0;
    let left = format!("{} · {}", t.brand, t.title);
    for (i, page) in pages.iter_mut().enumerate() {
        let number = t.page(i + 1, total);
        let w = SMALL.face.metrics().width(&number, SMALL.size);
        page.push(Op::Lines {
            points: vec![(LEFT, base - 11.0), (LEFT + WIDTH, base - 11.0)],
            width: 0.5,
            color: RULE,
            dash: Vec::new(),
        });
        for (x, text) in [(LEFT, left.clone()), (LEFT + WIDTH - w, number)] {
            page.push(Op::Text {
                x,
                y: base,
                face: SMALL.face,
                size: SMALL.size,
                color: SMALL.color,
                text,
            });
        }
    }
}

/// The summary laid out on A4 pages.
pub(crate) fn compose(s: &Summary) -> Vec<Vec<Op>> {
    let t = Texts::of(s.lang);
    let mut flow = Flow::new();
    masthead(&mut flow, s, t);
    if !s.plans.is_empty() {
        heading(&mut flow, t.plans);
        for q in &s.plans {
            question(&mut flow, q, t);
        }
    }
    for m in s.modules.iter().filter(|m| !m.questions.is_empty()) {
        heading(
            &mut flow,
            &format!("{} {}. {}", t.module, m.number, m.title),
        );
        for q in &m.questions {
            question(&mut flow, q, t);
        }
    }
    check_in(&mut flow, s, t);
    practice(&mut flow, s, t);
    where_to_turn(&mut flow, t);
    let mut pages = flow.finish();
    footers(&mut pages, t);
    pages
}
