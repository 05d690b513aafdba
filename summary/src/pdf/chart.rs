//! The two small charts: the weekly check-in as lines (one per item, told
//! apart by colour and dash as well, so it reads in black and white) and the
//! mindfulness minutes as bars. The tables beside them hold the numbers.

use super::fonts::Face;
use super::layout::{Flow, GREY, INK, LEFT, NAVY, Op, RULE, Rgb, Style, WIDTH};
use crate::model::{CheckIn, PracticeWeek};

const LABEL: Style = Style {
    face: Face::Regular,
    size: 7.5,
    color: GREY,
    leading: 1.3,
};
const LEGEND: Style = Style {
    face: Face::Regular,
    size: 8.5,
    color: INK,
    leading: 1.4,
};
const PALETTE: [(Rgb, &[f32]); 4] = [
    (NAVY, &[]),
    (Rgb(0xc0, 0x5a, 0x1a), &[5.0, 2.5]),
    (Rgb(0x2e, 0x7d, 0x4f), &[1.5, 2.0]),
    (Rgb(0x7b, 0x3f, 0x98), &[7.0, 2.0, 1.5, 2.0]),
];
/// Room on the left for the value labels.
const AXIS: f32 = 22.0;

fn label(flow: &mut Flow, x: f32, baseline: f32, text: String, right_aligned: bool) {
    let w = LABEL.face.metrics().width(&text, LABEL.size);
    flow.push(Op::Text {
        x: if right_aligned { x - w } else { x - w / 2.0 },
        y: baseline,
        face: LABEL.face,
        size: LABEL.size,
        color: LABEL.color,
        text,
    });
}

fn hline(flow: &mut Flow, y: f32, color: Rgb, width: f32) {
    flow.push(Op::Lines {
        points: vec![(LEFT + AXIS, y), (LEFT + WIDTH, y)],
        width,
        color,
        dash: Vec::new(),
    });
}

/// Every `step`-th of `n` x labels, so they never crowd.
fn label_step(n: usize, plot_w: f32) -> usize {
    let fit = (plot_w / 26.0).floor().max(1.0) as usize;
    n.div_ceil(fit).max(1)
}

/// The check-in as a line chart with a legend, `height` points tall.
pub(crate) fn check_in(flow: &mut Flow, c: &CheckIn, height: f32) {
    let legend_h = LEGEND.line_height() + 4.0;
    flow.need(height + legend_h + 12.0);
    let top = flow.y + 4.0;
    let bottom = top + height - 14.0;
    let (lo, hi) = (c.range.0 as f32, c.range.1.max(c.range.0 + 1) as f32);
    let y_of = |v: i64| bottom - (bottom - top) * (v as f32 - lo) / (hi - lo);
    let plot_l = LEFT + AXIS + 8.0;
    let plot_w = WIDTH - AXIS - 16.0;
    let n = c.weeks.len();
    let x_of = |i: usize| {
        if n <= 1 {
            plot_l + plot_w / 2.0
        } else {
            plot_l + plot_w * i as f32 / (n - 1) as f32
        }
    };
    let mid = (c.range.0 + c.range.1) / 2;
    for v in [c.range.0, mid, c.range.1] {
        hline(flow, y_of(v), RULE, if v == c.range.0 { 0.8 } else { 0.4 });
        label(flow, LEFT + AXIS - 3.0, y_of(v) + 2.6, v.to_string(), true);
    }
    let step = label_step(n, plot_w);
    for (i, (week, _)) in c.weeks.iter().enumerate() {
        // Every step-th week, and the last unless it would crowd the one before.
        if i % step == 0 || (i + 1 == n && i % step > step / 2) {
            label(flow, x_of(i), bottom + 10.0, week.to_string(), false);
        }
    }
    for (item, (color, dash)) in (0..c.items.len()).zip(PALETTE.iter().cycle()) {
        // One line per run of answered weeks: a missing week is a gap.
        let mut runs: Vec<Vec<(f32, f32)>> = vec![Vec::new()];
        for (i, (_, values)) in c.weeks.iter().enumerate() {
            match values.get(item).copied().flatten() {
                Some(v) => runs.last_mut().map_or((), |r| r.push((x_of(i), y_of(v)))),
                None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
                None => {}
            }
        }
        let points: Vec<(f32, f32)> = runs.iter().flatten().copied().collect();
        for run in runs.into_iter().filter(|r| r.len() > 1) {
            flow.push(Op::Lines {
                points: run,
                width: 1.6,
                color: *color,
                dash: dash.to_vec(),
            });
        }
        if n <= 30 {
            for (x, y) in points {
                flow.push(Op::Rect {
                    x: x - 1.8,
                    y: y - 1.8,
                    w: 3.6,
                    h: 3.6,
                    fill: *color,
                });
            }
        }
    }
    flow.y = top + height;
    // The legend: a line sample and the item's name, side by side.
    let mut x = LEFT + AXIS;
    let base = LEGEND.baseline(flow.y);
    for (name, (color, dash)) in c.items.iter().zip(PALETTE.iter().cycle()) {
        flow.push(Op::Lines {
            points: vec![(x, base - 3.0), (x + 18.0, base - 3.0)],
            width: 1.6,
            color: *color,
            dash: dash.to_vec(),
        });
        let w = LEGEND.face.metrics().width(name, LEGEND.size);
        flow.push(Op::Text {
            x: x + 22.0,
            y: base,
            face: LEGEND.face,
            size: LEGEND.size,
            color: LEGEND.color,
            text: name.clone(),
        });
        x += 22.0 + w + 16.0;
    }
    flow.y += legend_h;
}

/// Minutes per week as bars, `height` points tall; weeks without practice
/// are empty slots, so the gaps show.
pub(crate) fn practice(flow: &mut Flow, weeks: &[PracticeWeek], height: f32) {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return;
    };
    flow.need(height + 8.0);
    let slots = ((last.week_of - first.week_of).num_days() / 7 + 1).max(1) as usize;
    let top = flow.y + 4.0;
    let bottom = top + height - 14.0;
    let max = weeks.iter().map(|w| w.minutes).max().unwrap_or(1).max(1);
    // A round top for the scale: 10, 20, 30, 60, 90, 120 …
    let scale = [10u32, 20, 30, 45, 60, 90, 120, 180, 240, 360, 600]
        .into_iter()
        .find(|s| *s >= max)
        .unwrap_or(max.div_ceil(60) * 60);
    let plot_l = LEFT + AXIS + 4.0;
    let plot_w = WIDTH - AXIS - 16.0;
    let slot = plot_w / slots as f32;
    for v in [0, scale / 2, scale] {
        let y = bottom - (bottom - top) * v as f32 / scale as f32;
        hline(flow, y, RULE, if v == 0 { 0.8 } else { 0.4 });
        label(flow, LEFT + AXIS - 3.0, y + 2.6, v.to_string(), true);
    }
    for w in weeks {
        let i = ((w.week_of - first.week_of).num_days() / 7) as f32;
        let h = (bottom - top) * w.minutes as f32 / scale as f32;
        flow.push(Op::Rect {
            x: plot_l + i * slot + slot * 0.15,
            y: bottom - h,
            w: slot * 0.7,
            h,
            fill: NAVY,
        });
    }
    let step = label_step(slots, plot_w);
    for i in (0..slots).step_by(step) {
        let day = first.week_of + chrono::Duration::weeks(i as i64);
        label(
            flow,
            plot_l + (i as f32 + 0.5) * slot,
            bottom + 10.0,
            day.format("%m-%d").to_string(),
            false,
        );
    }
    flow.y = top + height;
}
