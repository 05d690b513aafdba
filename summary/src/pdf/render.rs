//! Drawing the laid-out pages with krilla: the two faces embedded and
//! subset to the glyphs used, text drawn as text (so it can be searched,
//! copied and read aloud), the document's title and language set.

use chrono::Datelike;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::PdfError;
use super::fonts::Face;
use super::layout::{Op, PAGE_H, PAGE_W, Rgb};
use crate::model::{Lang, Summary};
use crate::texts::Texts;

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn draw(surface: &mut Surface<'_>, op: &Op, fonts: &[Font; 2]) {
    match op {
        Op::Text {
            x,
            y,
            face,
            size,
            color: c,
            text,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: color(*c).into(),
                ..Fill::default()
            }));
            surface.draw_text(
                Point::from_xy(*x, *y),
                fonts[*face as usize].clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Lines {
            points,
            width,
            color: c,
            dash,
        } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            let Some(path) = pb.finish() else { return };
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: color(*c).into(),
                width: *width,
                dash: (!dash.is_empty()).then(|| StrokeDash {
                    array: dash.clone(),
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
            surface.draw_path(&path);
        }
        Op::Rect { x, y, w, h, fill } => {
            let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            let Some(path) = pb.finish() else { return };
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: color(*fill).into(),
                ..Fill::default()
            }));
            surface.draw_path(&path);
        }
    }
}

/// The pages as a PDF file.
pub(crate) fn render(pages: &[Vec<Op>], s: &Summary) -> Result<Vec<u8>, PdfError> {
    let font = |face: Face| Font::new(face.data().into(), 0).ok_or(PdfError::Font);
    let fonts = [font(Face::Regular)?, font(Face::Bold)?];
    let t = Texts::of(s.lang);
    let mut doc = Document::new();
    let made = DateTime::new(s.made_on.year().clamp(0, 9999) as u16)
        .month(s.made_on.month() as u8)
        .day(s.made_on.day() as u8);
    doc.set_metadata(
        Metadata::new()
            .title(t.title.to_string())
            .language(match s.lang {
                Lang::Sv => "sv".to_string(),
                Lang::En => "en".to_string(),
            })
            .creator(t.brand.to_string())
            .creation_date(made),
    );
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Render("page size"))?;
    for ops in pages {
        let mut page = doc.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op, &fonts);
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| {
        PdfError::Render(match e {
            krilla::error::KrillaError::Font(..) => "font",
            krilla::error::KrillaError::Limit(..) => "a PDF limit",
            _ => "document",
        })
    })
}
