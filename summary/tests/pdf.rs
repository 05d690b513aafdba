//! The PDF read back with poppler (pdftotext, pdfinfo, pdftoppm): every
//! answer is there with å, ä and ö intact, "not answered yet" where nothing
//! was written, every word inside the page margins, every page renders.

mod poppler;
mod sample;

use std::path::{Path, PathBuf};

use painschool_summary::{Answer, Lang, Summary, pdf::page_count, to_pdf};
use poppler::{collapse, flat_text, outside_margins, render_pages, run, words};
use sample::one_year;

fn write(s: &Summary, dir: &Path) -> PathBuf {
    let path = dir.join("summary.pdf");
    std::fs::write(&path, to_pdf(s).expect("pdf")).unwrap();
    path
}

#[test]
fn every_answer_is_in_the_text_with_swedish_letters_intact() {
    let dir = tempfile::tempdir().unwrap();
    let s = one_year(Lang::Sv, 1);
    let pdf = write(&s, dir.path());
    let text = flat_text(&pdf);
    let (words, _) = words(&pdf);
    let all: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    assert!(text.contains("Åsa Öberg-Ärlig"));
    assert!(text.contains("Min sammanfattning från Smärtskolan"));
    assert!(text.contains("Kursperiod: 2025-12-01 – 2026-12-01"));
    let mut unanswered = 0;
    for q in s
        .plans
        .iter()
        .chain(s.modules.iter().flat_map(|m| &m.questions))
    {
        assert!(
            text.contains(&collapse(&q.prompt)),
            "question: {}",
            q.prompt
        );
        match &q.answer {
            Answer::NotAnswered => unanswered += 1,
            Answer::Text {
                text: answer,
                answered_on,
            } => {
                assert!(text.contains(&collapse(answer)), "answer to {}", q.prompt);
                assert!(text.contains(&format!("Besvarad {answered_on}")));
            }
            Answer::Scale { value, .. } => {
                assert!(text.contains(&format!("{value} (0 = Inte alls säker, 10 = Helt säker)")))
            }
            Answer::Choices { labels, .. } => {
                for l in labels {
                    assert!(text.contains(&format!("• {l}")), "{l}");
                }
            }
            Answer::Diary { columns, rows } => {
                for c in columns {
                    assert!(text.contains(c), "{c}");
                }
                // Table cells may be read in any order: every word of every
                // cell is on a page.
                for r in rows {
                    assert!(all.contains(&r.written_on.to_string().as_str()));
                    for word in r.cells.iter().flat_map(|c| c.split_whitespace()) {
                        assert!(all.contains(&word), "{word}");
                    }
                }
            }
        }
    }
    assert_eq!(unanswered, 2);
    assert_eq!(text.matches("Inte besvarad ännu").count(), unanswered);
    for w in [
        "Veckans avstämning",
        "Livsglädje",
        "Sömn",
        "Mindfulness, minuter per vecka",
        "ring 112",
        "1177",
    ] {
        assert!(text.contains(w), "{w}");
    }
    let total: u32 = s.practice.iter().map(|w| w.minutes).sum();
    assert!(text.contains(&format!(
        "Totalt {total} minuter under {} veckor.",
        s.practice.len()
    )));
    // The plans come before the first module.
    assert!(text.find("Min underhållsplan") < text.find("Modul 1. Introduktion"));
}

#[test]
fn long_answers_and_diaries_wrap_across_pages_with_every_word_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let s = one_year(Lang::Sv, 4);
    let pdf = write(&s, dir.path());
    let (words, pages) = words(&pdf);
    assert_eq!(pages, page_count(&s));
    assert!(pages > 10, "{pages} pages");
    assert!(
        outside_margins(&words).is_none(),
        "{:?}",
        outside_margins(&words)
    );
    // The long answer ran on across a page: its last words are on a later
    // page than its first.
    let first = words.iter().find(|w| w.text == "4:").unwrap();
    let tail = words
        .iter()
        .filter(|w| w.text == "skada.")
        .map(|w| w.page)
        .max()
        .unwrap();
    assert!(tail > first.page);
    // Every word of every long answer is there as often as it was written.
    let count = |needle: &str| words.iter().filter(|w| w.text == needle).count();
    let expected = 8 * 4 + 60 * 4 / 7 + 1; // answers + every 7th diary note
    assert_eq!(
        count("morgonen"),
        expected,
        "no line of a long answer lost at a break"
    );
    let text = flat_text(&pdf);
    assert!(text.contains(&collapse(&format!("4: {}", sample::LONG.repeat(4)))));
}

#[test]
fn every_page_renders_to_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let s = one_year(Lang::En, 1);
    let pdf = write(&s, dir.path());
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages = page_count(&s);
    assert!(
        info.contains(&format!("Pages:{:>10}", pages))
            || info
                .lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {pages}"))),
        "{info}"
    );
    assert!(info.contains("Title:") && info.contains("My summary from the Pain School"));
    assert!(info.contains("A4"), "{info}");
    assert_eq!(render_pages(&pdf, dir.path(), 30).len(), pages);
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NotoSans"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded and subset: {fonts}"
    );
}

#[test]
fn english_words_and_no_name_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = one_year(Lang::En, 1);
    s.display_name = None;
    s.check_in = None;
    s.practice.clear();
    let text = flat_text(&write(&s, dir.path()));
    assert!(text.contains("My summary from the Pain School"));
    assert!(text.contains("Not answered yet"));
    assert!(text.contains("Answered 2025-12-08"));
    assert!(!text.contains("Åsa"));
    assert_eq!(text.matches("Nothing yet.").count(), 2);
    assert!(text.contains("In an emergency, call 112."));
}
