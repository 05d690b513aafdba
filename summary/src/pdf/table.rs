//! Tables (diaries, the check-in, practice): the columns share the width by
//! what they hold, cells wrap, a row too tall for the rest of the page goes
//! on across the break, and the header row is repeated on every page.

use super::fonts::Face;
use super::layout::{Flow, GREY, INK, LEFT, Op, RULE, SHADE, Style, WIDTH};
use super::wrap::wrap;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 2.5;
/// A column never gets narrower than this for its longest word.
const WORD_CAP: f32 = 90.0;

const HEAD: Style = Style {
    face: Face::Bold,
    size: 8.5,
    color: GREY,
    leading: 1.35,
};
const CELL: Style = Style {
    face: Face::Regular,
    size: 9.0,
    color: INK,
    leading: 1.35,
};

/// Column widths for `header` and `rows` across the content width.
fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<f32> {
    let n = header.len();
    let mut natural = vec![0.0f32; n];
    let mut least = vec![0.0f32; n];
    let measure = |s: &str, style: Style| style.face.metrics().width(s, style.size);
    for (i, h) in header.iter().enumerate() {
        natural[i] = measure(h, HEAD);
        least[i] = h
            .split_whitespace()
            .map(|w| measure(w, HEAD).min(WORD_CAP))
            .fold(0.0, f32::max);
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            for line in cell.lines() {
                natural[i] = natural[i].max(measure(line, CELL));
            }
            let word = cell
                .split_whitespace()
                .map(|w| measure(w, CELL).min(WORD_CAP))
                .fold(0.0, f32::max);
            least[i] = least[i].max(word);
        }
    }
    let pad = 2.0 * PAD_X + 1.0;
    let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
    let least: Vec<f32> = least.iter().map(|w| w + pad).collect();
    let (sum_nat, sum_least) = (natural.iter().sum::<f32>(), least.iter().sum::<f32>());
    if sum_nat <= WIDTH {
        // Everything fits on one line: share out the rest by content.
        let extra = (WIDTH - sum_nat) / n as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    if sum_least >= WIDTH {
        return least.iter().map(|w| w * WIDTH / sum_least).collect();
    }
    let spare = WIDTH - sum_least;
    let want = sum_nat - sum_least;
    least
        .iter()
        .zip(&natural)
        .map(|(l, nat)| l + spare * (nat - l) / want)
        .collect()
}

fn cells(texts: &[String], widths: &[f32], style: Style) -> Vec<Vec<String>> {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = texts.get(i).map(String::as_str).unwrap_or("");
            wrap(text, style.face.metrics(), style.size, w - 2.0 * PAD_X)
        })
        .collect()
}

/// Draws lines `from..to` of each cell as one band at the flow's position.
fn band(
    flow: &mut Flow,
    lines: &[Vec<String>],
    widths: &[f32],
    range: (usize, usize),
    style: Style,
    shade: bool,
) {
    let lh = style.line_height();
    let h = (range.1 - range.0).max(1) as f32 * lh + 2.0 * PAD_Y;
    if shade {
        flow.push(Op::Rect {
            x: LEFT,
            y: flow.y,
            w: WIDTH,
            h,
            fill: SHADE,
        });
    }
    let mut x = LEFT;
    for (col, w) in lines.iter().zip(widths) {
        let end = range.1.min(col.len());
        for (k, line) in col.iter().enumerate().take(end).skip(range.0) {
            if line.is_empty() {
                continue;
            }
            let top = flow.y + PAD_Y + (k - range.0) as f32 * lh;
            flow.push(Op::Text {
                x: x + PAD_X,
                y: style.baseline(top),
                face: style.face,
                size: style.size,
                color: style.color,
                text: line.clone(),
            });
        }
        x += w;
    }
    flow.y += h;
    flow.push(Op::Lines {
        points: vec![(LEFT, flow.y), (LEFT + WIDTH, flow.y)],
        width: 0.5,
        color: RULE,
        dash: Vec::new(),
    });
}

/// Draws a table: `header` then `rows`, each row a cell per column.
pub(crate) fn table(flow: &mut Flow, header: &[String], rows: &[Vec<String>]) {
    if header.is_empty() {
        return;
    }
    let widths = widths(header, rows);
    let head = cells(header, &widths, HEAD);
    let head_rows = head.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let head_h = head_rows as f32 * HEAD.line_height() + 2.0 * PAD_Y;
    let lh = CELL.line_height();
    let one_row = lh + 2.0 * PAD_Y;
    // The header never stands alone: it goes with a few rows (or all).
    flow.need(head_h + one_row * rows.len().clamp(1, 4) as f32);
    band(flow, &head, &widths, (0, head_rows), HEAD, true);
    for row in rows {
        let lines = cells(row, &widths, CELL);
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut start = 0;
        while start < n {
            let fit = ((flow.room() - 2.0 * PAD_Y) / lh).floor().max(0.0) as usize;
            let left = n - start;
            // The whole rest of the row, or at least two of its lines.
            if fit < left.min(2) {
                flow.new_page();
                band(flow, &head, &widths, (0, head_rows), HEAD, true);
                continue;
            }
            let take = left.min(fit);
            band(flow, &lines, &widths, (start, start + take), CELL, false);
            start += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::{BOTTOM, TOP};
    use super::*;

    #[test]
    fn columns_fill_the_width_and_a_tall_row_breaks_across_pages_with_the_header_again() {
        let header = vec![
            "Skrivet".to_string(),
            "Vad hände".to_string(),
            "Min".to_string(),
        ];
        let long = "Jag gick en kort promenad och vilade sedan. ".repeat(200);
        let rows = vec![
            vec![
                "2026-11-24".to_string(),
                "Kort".to_string(),
                "20".to_string(),
            ],
            vec!["2026-11-25".to_string(), long.clone(), "35".to_string()],
        ];
        let w = widths(&header, &rows);
        assert!((w.iter().sum::<f32>() - WIDTH).abs() < 0.5);
        assert!(w[1] > w[0] && w[1] > w[2]);
        let mut flow = Flow::new();
        table(&mut flow, &header, &rows);
        let pages = flow.finish();
        assert!(pages.len() >= 2);
        let mut words = Vec::new();
        for page in &pages {
            let texts: Vec<&str> = page
                .iter()
                .filter_map(|op| match op {
                    Op::Text { text, y, .. } => {
                        assert!(*y > TOP && *y < BOTTOM);
                        Some(text.as_str())
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(texts[0], "Skrivet", "the header opens every page");
            words.extend(texts.iter().flat_map(|t| t.split_whitespace()));
        }
        for word in long.split_whitespace() {
            assert!(words.contains(&word));
        }
        let count = words.iter().filter(|w| **w == "promenad").count();
        assert_eq!(count, 200, "every line of the long cell, once");
    }
}
