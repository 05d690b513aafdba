//! The two faces the PDF embeds (Noto Sans Regular and Bold, subset to
//! Latin, Greek and Cyrillic by `scripts/gen_fonts.sh`; SIL Open Font
//! License 1.1, `summary/fonts/OFL.txt`) and their advance widths, which the
//! line breaker measures with.

use std::collections::HashMap;
use std::sync::LazyLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// A face of the summary's font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    /// Body text.
    Regular,
    /// Headings and questions.
    Bold,
}

/// One face's widths, in font units.
#[derive(Debug)]
pub(crate) struct Metrics {
    advances: HashMap<char, u16>,
    fallback: u16,
    units_per_em: f32,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        let font = FontRef::new(data).expect("the embedded font parses (checked by a test)");
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let width = |gid| glyphs.advance_width(gid).unwrap_or(0.0).round() as u16;
        let advances = font
            .charmap()
            .mappings()
            .filter_map(|(cp, gid)| Some((char::from_u32(cp)?, width(gid))))
            .collect();
        Metrics {
            advances,
            fallback: width(skrifa::GlyphId::NOTDEF),
            units_per_em: f32::from(font.head().map(|h| h.units_per_em()).unwrap_or(1000)),
        }
    }

    /// Whether the face can draw `c`.
    #[cfg(test)]
    pub(crate) fn covers(&self, c: char) -> bool {
        self.advances.contains_key(&c)
    }

    /// The width of `text` at `size` points (without kerning, which only
    /// ever narrows these faces' text by a fraction of a point).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(*self.advances.get(&c).unwrap_or(&self.fallback)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

static METRICS: LazyLock<[Metrics; 2]> =
    LazyLock::new(|| [Metrics::load(REGULAR), Metrics::load(BOLD)]);

impl Face {
    /// The face's font file.
    pub(crate) fn data(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }

    /// The face's widths.
    pub(crate) fn metrics(self) -> &'static Metrics {
        &METRICS[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse_cover_swedish_and_measure_bold_wider() {
        for face in [Face::Regular, Face::Bold] {
            let m = face.metrics();
            for c in "åäöÅÄÖéüßøæłšžčćđ–—“”‘’…€§°±×·€ЖΩ".chars()
            {
                assert!(m.covers(c), "{face:?} lacks {c}");
            }
            assert!(!m.covers('\u{4e2d}'));
            assert!(m.width("Smärtskolan", 10.0) > 40.0);
        }
        assert!(
            Face::Bold.metrics().width("Smärtskolan", 10.0)
                > Face::Regular.metrics().width("Smärtskolan", 10.0)
        );
        assert_eq!(Face::Regular.metrics().width("", 10.0), 0.0);
    }
}
