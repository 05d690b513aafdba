//! The real bundle loads; broken copies fail with file, place and reason.

use std::fs;
use std::path::Path;

use painschool_core::content::{ContentBundle, ContentErrorReason as R, SectionKind, Verify};

use crate::common::bundle_dir;

#[test]
fn the_real_bundle_is_valid_and_has_every_section_kind_in_module_1() {
    let b = ContentBundle::load(bundle_dir(), Verify::Full).unwrap();
    assert_eq!(b.modules.len(), 8);
    assert_eq!(b.modules[0].title.sv, "Introduktion och smärtfysiologi");
    assert_eq!(b.modules[7].title.en, "Conclusion");
    let kinds: std::collections::BTreeSet<&str> = b.modules[0]
        .sections
        .iter()
        .map(|s| s.kind.name())
        .collect();
    for k in [
        "text",
        "image",
        "audio",
        "video",
        "mindfulness",
        "assignment",
        "reflection",
        "check_in",
    ] {
        assert!(kinds.contains(k), "module 1 lacks a {k} section");
    }
    let types: std::collections::BTreeSet<&str> = b.modules[0]
        .sections
        .iter()
        .flat_map(|s| s.kind.questions())
        .map(|q| q.kind.name())
        .collect();
    assert_eq!(types.len(), 6, "every question type in module 1: {types:?}");
    assert!(matches!(
        b.section("m1-breathing").unwrap().1.kind,
        SectionKind::Mindfulness { .. }
    ));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Copies the bundle, applies `edit` to module 1's manifest, and returns the
/// load errors.
fn broken(
    edit: impl FnOnce(&Path, String) -> String,
) -> Vec<painschool_core::content::ContentError> {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&bundle_dir(), tmp.path());
    let manifest = tmp.path().join("modules/01-introduction/module.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, edit(tmp.path(), text)).unwrap();
    ContentBundle::load(tmp.path(), Verify::Full)
        .unwrap_err()
        .errors
}

fn assert_one(
    errors: &[painschool_core::content::ContentError],
    place_part: &str,
    pred: impl Fn(&R) -> bool,
) {
    let hit = errors
        .iter()
        .find(|e| pred(&e.reason))
        .unwrap_or_else(|| panic!("no such error in {errors:#?}"));
    assert!(
        hit.file.ends_with("modules/01-introduction/module.toml"),
        "{}",
        hit
    );
    assert!(
        hit.place.contains(place_part),
        "place {:?} should name {place_part}",
        hit.place
    );
    assert!(
        hit.to_string().contains("module.toml"),
        "message names the file: {hit}"
    );
}

#[test]
fn a_missing_translation_is_named() {
    let errs = broken(|_, t| {
        t.replacen(
            "en = \"How the Pain School works",
            "xx = \"How the Pain School works",
            1,
        )
    });
    assert!(
        errs.iter()
            .any(|e| matches!(&e.reason, R::MissingTranslation { lang: "en", .. })),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| matches!(&e.reason, R::UnknownLanguage { lang, .. } if lang == "xx"))
    );
}

#[test]
fn an_unknown_section_kind_is_named() {
    let errs = broken(|_, t| t.replacen("kind = \"mindfulness\"", "kind = \"meditation\"", 1));
    assert_one(
        &errs,
        "m1-breathing",
        |r| matches!(r, R::UnknownKind(k) if k == "meditation"),
    );
}

#[test]
fn an_unknown_question_type_is_named() {
    let errs = broken(|_, t| t.replacen("type = \"checklist\"", "type = \"todo\"", 1));
    assert_one(
        &errs,
        "m1-week-checklist",
        |r| matches!(r, R::UnknownType(k) if k == "todo"),
    );
}

#[test]
fn a_duplicate_id_is_named_with_its_first_use() {
    let errs =
        broken(|_, t| t.replacen("id = \"m1-acute-vs-long-term\"", "id = \"m1-welcome\"", 1));
    assert_one(
        &errs,
        "sections[1]",
        |r| matches!(r, R::DuplicateId { id, first } if id == "m1-welcome" && first.contains("sections[0]")),
    );
}

#[test]
fn a_missing_file_is_named() {
    let errs = broken(|root, t| {
        fs::remove_file(root.join("modules/01-introduction/media/pain-system.svg")).unwrap();
        t
    });
    assert_one(
        &errs,
        "m1-pain-system-image",
        |r| matches!(r, R::MissingFile(p) if p.ends_with("pain-system.svg")),
    );
}

#[test]
fn a_hash_mismatch_is_named() {
    let errs = broken(|root, t| {
        let f = root.join("modules/01-introduction/media/pain-system.svg");
        let mut bytes = fs::read(&f).unwrap();
        bytes.extend_from_slice(b"<!-- tampered -->");
        fs::write(f, bytes).unwrap();
        t
    });
    assert_one(
        &errs,
        "m1-pain-system-image",
        |r| matches!(r, R::HashMismatch { path, .. } if path.ends_with("pain-system.svg")),
    );
}

#[test]
fn missing_alt_text_and_transcripts_are_named() {
    let errs = broken(|_, t| {
        let mut out = String::new();
        let mut in_image = false;
        for line in t.lines() {
            if line.starts_with("id = ") {
                in_image = line.contains("m1-pain-system-image") || line.contains("m1-audio-intro");
            }
            if in_image
                && (line.starts_with("alt")
                    || line.starts_with("transcript")
                    || line.starts_with("[sections.alt")
                    || line.starts_with("[sections.transcript"))
            {
                out.push_str("# removed\n");
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    });
    assert_one(&errs, "m1-pain-system-image", |r| {
        matches!(r, R::MissingAltText)
    });
    assert_one(&errs, "m1-audio-intro", |r| {
        matches!(r, R::MissingTranscript("audio"))
    });
}

#[test]
fn malformed_toml_gives_line_and_column() {
    let errs = broken(|_, t| format!("{t}\n[[sections]\n"));
    assert!(
        matches!(&errs[0].reason, R::Malformed(m) if m.contains("line")),
        "{errs:#?}"
    );
}

#[test]
fn a_video_may_have_one_file_per_language_or_one_for_both() {
    // The bundle's film is narrated per language.
    let b = ContentBundle::load(bundle_dir(), Verify::Full).unwrap();
    let SectionKind::Video { file, .. } = &b.section("m1-pain-animation").unwrap().1.kind else {
        panic!("a video")
    };
    assert!(file.sv.path.ends_with("media/pain-animation.sv.mp4"));
    assert!(file.en.path.ends_with("media/pain-animation.en.mp4"));
    // One file for both languages still reads.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&bundle_dir(), tmp.path());
    let manifest = tmp.path().join("modules/01-introduction/module.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("file = { sv = { path = \"media/pain-animation"))
        .unwrap()
        .to_owned();
    let single = format!(
        "file = {{ path = \"media/pain-animation.sv.mp4\", sha256 = \"{}\" }}",
        file.sv.sha256
    );
    fs::write(&manifest, text.replace(&line, &single)).unwrap();
    let b = ContentBundle::load(tmp.path(), Verify::Full).unwrap();
    let SectionKind::Video { file, .. } = &b.section("m1-pain-animation").unwrap().1.kind else {
        panic!("a video")
    };
    assert_eq!(file.sv, file.en);
}

#[test]
fn every_module_has_the_parts_the_course_promises() {
    let b = ContentBundle::load(bundle_dir(), Verify::Structure).unwrap();
    assert_eq!(b.modules.len(), 8);
    for m in &b.modules {
        let count = |kind: &str| m.sections.iter().filter(|s| s.kind.name() == kind).count();
        assert!(
            (3..=6).contains(&count("text")),
            "{}: {} text sections",
            m.id,
            count("text")
        );
        assert!(count("image") >= 1, "{}: an image", m.id);
        assert!(count("assignment") >= 1, "{}: an assignment", m.id);
        assert!(count("reflection") >= 1, "{}: a reflection", m.id);
        let last = m.sections.last().unwrap();
        assert_eq!(
            last.id,
            format!("{}-where-to-turn", m.id),
            "{}: ends with where to turn",
            m.id
        );
    }
    // Six mindfulness exercises, 3–12 minutes each.
    let exercises: Vec<u32> = b
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .filter_map(|s| match s.kind {
            SectionKind::Mindfulness {
                duration_seconds, ..
            } => Some(duration_seconds),
            _ => None,
        })
        .collect();
    assert_eq!(exercises.len(), 6);
    assert!(
        exercises.iter().all(|d| (180..=720).contains(d)),
        "{exercises:?}"
    );
}
