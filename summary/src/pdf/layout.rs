//! The page flow: A4 pages filled top to bottom with drawing operations in
//! points (origin top left, text placed by its baseline). Pure, so tests can
//! check where everything went without a PDF reader.

use super::fonts::Face;
use super::wrap::wrap;

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.276;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// The left and right margins (20 mm).
pub(crate) const MARGIN_X: f32 = 56.69;
/// The top and bottom margins (20 mm).
pub(crate) const MARGIN_Y: f32 = 56.69;
/// Where content starts.
pub(crate) const TOP: f32 = MARGIN_Y;
/// Where content must end (the footer sits below, still inside the margin).
pub(crate) const BOTTOM: f32 = PAGE_H - MARGIN_Y - 22.0;
/// The left edge of content.
pub(crate) const LEFT: f32 = MARGIN_X;
/// The width of content.
pub(crate) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

/// Body text.
pub(crate) const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Headings and the chart's first line.
pub(crate) const NAVY: Rgb = Rgb(0x1d, 0x35, 0x57);
/// Dates, labels, "not answered yet".
pub(crate) const GREY: Rgb = Rgb(0x55, 0x5b, 0x63);
/// Rules and grid lines.
pub(crate) const RULE: Rgb = Rgb(0xc4, 0xcb, 0xd3);
/// Table headers and the closing box.
pub(crate) const SHADE: Rgb = Rgb(0xea, 0xef, 0xf5);

/// One drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// One line of text, `y` its baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Colour.
        color: Rgb,
        /// The text (one line).
        text: String,
    },
    /// A stroked open path.
    Lines {
        /// The points.
        points: Vec<(f32, f32)>,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Rgb,
        /// Dash pattern (empty: solid).
        dash: Vec<f32>,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Rgb,
    },
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    /// The height of one line.
    pub(crate) fn line_height(&self) -> f32 {
        self.size * self.leading
    }

    /// The baseline of a line whose box starts at `top`: the font's ascent
    /// (1.069 em) below it, plus half of any leading beyond the font's own
    /// line height (1.362 em), so no glyph rises above the box.
    pub(crate) fn baseline(&self, top: f32) -> f32 {
        top + self.size * ((self.leading - 1.362).max(0.0) / 2.0 + 1.069)
    }
}

/// Pages being filled.
#[derive(Debug)]
pub(crate) struct Flow {
    pages: Vec<Vec<Op>>,
    /// The top of the next thing on the current page.
    pub y: f32,
}

impl Flow {
    /// One empty page.
    pub(crate) fn new() -> Flow {
        Flow {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The height left on this page.
    pub(crate) fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Whether nothing has been placed on this page yet.
    pub(crate) fn at_top(&self) -> bool {
        self.y <= TOP
    }

    /// Starts a new page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` fits on this one (or this one is empty).
    pub(crate) fn need(&mut self, h: f32) {
        if self.room() < h && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space (dropped at the top of a page).
    pub(crate) fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Adds an operation to the current page.
    pub(crate) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Places lines one under the other from `x`, breaking pages between
    /// lines. An empty line is half a line of space.
    pub(crate) fn lines(&mut self, lines: &[String], style: Style, x: f32) {
        let lh = style.line_height();
        for line in lines {
            if line.is_empty() {
                self.gap(lh / 2.0);
                continue;
            }
            self.need(lh);
            self.push(Op::Text {
                x,
                y: style.baseline(self.y),
                face: style.face,
                size: style.size,
                color: style.color,
                text: line.clone(),
            });
            self.y += lh;
        }
    }

    /// Wraps `text` to `width` and places it from `x`.
    pub(crate) fn paragraph(&mut self, text: &str, style: Style, x: f32, width: f32) {
        let lines = wrap(text, style.face.metrics(), style.size, width);
        self.lines(&lines, style, x);
    }

    /// The pages.
    pub(crate) fn finish(self) -> Vec<Vec<Op>> {
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_runs_onto_new_pages_and_stays_inside_the_content_box() {
        let mut flow = Flow::new();
        let style = Style {
            face: Face::Regular,
            size: 10.5,
            color: INK,
            leading: 1.45,
        };
        let text = "Ord som upprepas många gånger i en lång dagbok. ".repeat(400);
        flow.paragraph(&text, style, LEFT, WIDTH);
        let pages = flow.finish();
        assert!(pages.len() >= 4, "{} pages", pages.len());
        for page in &pages {
            for op in page {
                let Op::Text { x, y, .. } = op else {
                    continue;
                };
                assert!(*x >= LEFT && *y - 10.5 * 1.07 >= TOP && *y + 10.5 * 0.3 <= BOTTOM);
            }
        }
    }
}
