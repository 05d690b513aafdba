//! Reading a PDF back with poppler-utils (pdftotext, pdfinfo, pdftoppm):
//! shared by the summary crate's tests and the end-to-end summary tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A4 and the 20 mm margins, in points, with a quarter point for rounding.
pub const W: f64 = 595.276;
pub const H: f64 = 841.89;
pub const M: f64 = 56.69 - 0.25;

pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One word of `pdftotext -bbox`.
#[derive(Debug)]
pub struct Word {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

fn attr(line: &str, name: &str) -> f64 {
    let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + line[start..].find('"').unwrap();
    line[start..end].parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

pub fn words(pdf: &Path) -> (Vec<Word>, usize) {
    let xml = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
            assert!(
                (attr(line, "width") - W).abs() < 0.5 && (attr(line, "height") - H).abs() < 0.5,
                "A4"
            );
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            out.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: unescape(text),
            });
        }
    }
    (out, page)
}

/// The text without the footers, whitespace collapsed.
pub fn flat_text(pdf: &Path) -> String {
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let kept: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches('\u{c}'))
        .filter(|l| !l.starts_with("Smärtskolan · ") && !l.starts_with("Pain School · "))
        .filter(|l| {
            !(l.starts_with("Sida ") || l.starts_with("Page "))
                || !l.contains(" av ") && !l.contains(" of ")
        })
        .collect();
    kept.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether every word lies inside the 20 mm margins of an A4 page; the
/// first one that does not, if any.
pub fn outside_margins(words: &[Word]) -> Option<&Word> {
    words
        .iter()
        .find(|w| !(w.x0 >= M && w.x1 <= W - M && w.y0 >= M && w.y1 <= H - M))
}

/// Renders every page of `pdf` to PNG at `dpi` into `dir` (`page-N.png`);
/// the files, in page order.
pub fn render_pages(pdf: &Path, dir: &Path, dpi: u32) -> Vec<PathBuf> {
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "png")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("page-"))
        })
        .collect();
    pngs.sort_by_key(|p| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.rsplit('-').next())
            .and_then(|n| n.parse::<u32>().ok())
    });
    for png in &pngs {
        let bytes = std::fs::read(png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 1000,
            "{png:?}"
        );
    }
    pngs
}
