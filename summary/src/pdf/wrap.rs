//! Line breaking: text as written (line breaks kept, runs of blank lines as
//! one) into lines no wider than a measure. Breaks at spaces; a word wider
//! than the whole line is split between characters, so nothing is ever cut
//! off at the margin.

use super::fonts::Metrics;

/// Text as it may be printed: tabs as spaces, other control characters
/// dropped, `\r\n` and `\r` as `\n`.
pub(crate) fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            // Zero-width and bidi formatting marks print as nothing at best.
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            '\u{feff}' => None,
            c => Some(c),
        })
        .collect()
}

/// `text` broken into lines of at most `width` points at `size`. A blank
/// line in the text is an empty line here (one, however many there were);
/// leading and trailing blank lines are dropped.
pub(crate) fn wrap(text: &str, m: &Metrics, size: f32, width: f32) -> Vec<String> {
    let text = clean(text);
    let mut lines: Vec<String> = Vec::new();
    for hard in text.trim().split('\n') {
        if hard.trim().is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let space = m.width(" ", size);
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in hard.split_whitespace() {
            let w = m.width(word, size);
            if !line.is_empty() && line_w + space + w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= width {
                line.push_str(word);
                line_w = w;
                continue;
            }
            // A word wider than the line: as many characters per line as fit.
            line_w = 0.0;
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let cw = m.width(c.encode_utf8(&mut buf), size);
                if !line.is_empty() && line_w + cw > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Face;
    use super::*;

    #[test]
    fn lines_fit_keep_every_word_and_keep_paragraphs() {
        let m = Face::Regular.metrics();
        let text = "Jag promenerar varje morgon, även när det gör ont. Det hjälper mig att komma igång med dagen.\n\n\n\nSedan vilar jag en stund.\r\nSlut";
        let lines = wrap(text, m, 10.0, 150.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(m.width(l, 10.0) <= 150.0, "{l}");
        }
        assert_eq!(lines.iter().filter(|l| l.is_empty()).count(), 1);
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        let expected: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, expected);
        assert_eq!(lines.last().unwrap(), "Slut");
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_not_cut() {
        let m = Face::Regular.metrics();
        let word = "https://example.invalid/".repeat(8);
        let lines = wrap(&format!("se {word} här"), m, 10.0, 100.0);
        assert!(lines.len() > 4);
        for l in &lines {
            assert!(m.width(l, 10.0) <= 100.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), format!("se{word}här"));
    }

    #[test]
    fn control_characters_go_and_blank_text_is_no_lines() {
        assert_eq!(clean("a\tb\u{7}c\u{200b}d"), "a bcd");
        assert!(wrap(" \n\n \t", Face::Regular.metrics(), 10.0, 100.0).is_empty());
    }
}
