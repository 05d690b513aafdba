//! Reads a bundle folder into the typed model and checks every rule of
//! `docs/content-format.md`.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::{BundleError, ContentError, ContentErrorReason as R};
use super::model::*;
use super::reader::{Node, Problems};

/// How much of the bundle to check on load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    /// Structure, translations, ids, and that every file exists: fast enough
    /// for every app start.
    Structure,
    /// Everything, including each media file's SHA-256 and that every text
    /// file is non-empty UTF-8: for the content build, CI and new downloads.
    Full,
}

const IMAGE: (&[&str], &str) = (
    &["svg", "png", "jpg", "jpeg", "webp"],
    "an image (.svg .png .jpg .webp)",
);
const AUDIO: (&[&str], &str) = (&["ogg", "mp3", "wav"], "audio (.ogg .mp3 .wav)");
const VIDEO: (&[&str], &str) = (&["mp4", "webm"], "video (.mp4 .webm)");
const CAPTIONS: (&[&str], &str) = (&["vtt"], "WebVTT captions (.vtt)");
const MARKDOWN: (&[&str], &str) = (&["md"], "Markdown (.md)");

/// A validated bundle with its id index.
#[derive(Debug, Clone)]
pub struct ContentBundle {
    /// The bundle's folder.
    pub root: PathBuf,
    /// Course id.
    pub id: String,
    /// Bundle version.
    pub version: String,
    /// Course title.
    pub title: Text,
    /// Modules in course order.
    pub modules: Vec<Module>,
    sections: HashMap<String, (usize, usize)>,
    questions: HashMap<String, (usize, usize, usize)>,
}

impl ContentBundle {
    /// Loads and validates the bundle in `root`.
    pub fn load(root: impl AsRef<Path>, verify: Verify) -> Result<Self, BundleError> {
        let root = root.as_ref().to_path_buf();
        let problems = Problems::default();
        let loaded = Loader {
            root: &root,
            verify,
            problems: &problems,
            ids: HashMap::new(),
        }
        .course();
        let errors = problems.into_inner();
        match loaded {
            Some(bundle) if errors.is_empty() => Ok(bundle),
            _ => Err(BundleError {
                errors: if errors.is_empty() {
                    vec![ContentError {
                        file: root.join("course.toml"),
                        place: String::new(),
                        reason: R::Invalid("the bundle could not be read".into()),
                    }]
                } else {
                    errors
                },
            }),
        }
    }

    /// A module by id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// A section and the module holding it.
    pub fn section(&self, id: &str) -> Option<(&Module, &Section)> {
        let &(m, s) = self.sections.get(id)?;
        Some((&self.modules[m], &self.modules[m].sections[s]))
    }

    /// A question with its section and module.
    pub fn question(&self, id: &str) -> Option<(&Module, &Section, &Question)> {
        let &(m, s, q) = self.questions.get(id)?;
        let module = &self.modules[m];
        let section = &module.sections[s];
        Some((module, section, &section.kind.questions()[q]))
    }

    /// Reads a text file of the bundle (a path from the model).
    pub fn read_text(&self, path: &Path) -> std::io::Result<String> {
        fs::read_to_string(self.root.join(path))
    }
}

struct Loader<'a> {
    root: &'a Path,
    verify: Verify,
    problems: &'a Problems,
    /// Every bundle-wide id and where it was first used.
    ids: HashMap<String, String>,
}

fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

impl<'a> Loader<'a> {
    fn parse(&self, file: &Path) -> Option<toml::Table> {
        let push = |reason| {
            self.problems.borrow_mut().push(ContentError {
                file: file.to_path_buf(),
                place: String::new(),
                reason,
            })
        };
        match fs::read_to_string(file) {
            Err(e) => {
                push(R::Unreadable(e.kind().to_string()));
                None
            }
            Ok(text) => match text.parse::<toml::Table>() {
                Ok(t) => Some(t),
                Err(e) => {
                    push(R::Malformed(e.to_string().trim().replace('\n', " ")));
                    None
                }
            },
        }
    }

    fn course(mut self) -> Option<ContentBundle> {
        let file = self.root.join("course.toml");
        let table = self.parse(&file)?;
        let node = Node::root(&table, &file, self.problems);
        match node.int("format") {
            Some(1) | None => {}
            Some(other) => node.error(R::Invalid(format!(
                "unsupported format {other}; this app reads format 1"
            ))),
        }
        let id = node.str("id");
        let version = node.str("version");
        if let Some(langs) = node.str_list("languages")
            && langs != ["sv", "en"]
        {
            node.error(R::Invalid(
                "`languages` must be [\"sv\", \"en\"] in format 1".into(),
            ));
        }
        let title = node.localized("title");
        let mut modules = Vec::new();
        for (i, m) in node.tables("modules").into_iter().enumerate() {
            let mid = m.str("id");
            let dir = m.str("dir");
            m.finish();
            let (Some(mid), Some(dir)) = (mid, dir) else {
                continue;
            };
            let Some(rel) = self.safe_path(&m, Path::new(""), &dir) else {
                continue;
            };
            if let Some(module) = self.module(&rel, &mid, i as u32 + 1) {
                modules.push(module);
            }
        }
        node.finish();
        let (sections, questions) = index(&modules);
        Some(ContentBundle {
            root: self.root.to_path_buf(),
            id: id?,
            version: version?,
            title: title?,
            modules,
            sections,
            questions,
        })
    }

    fn claim_id(&mut self, node: &Node<'_>, id: &str, file: &Path) -> bool {
        if !valid_id(id) {
            node.error(R::InvalidId(id.to_owned()));
            return false;
        }
        let here = format!("{}: {}", file.display(), node.place());
        if let Some(first) = self.ids.get(id) {
            node.error(R::DuplicateId {
                id: id.to_owned(),
                first: first.clone(),
            });
            return false;
        }
        self.ids.insert(id.to_owned(), here);
        true
    }

    fn module(&mut self, dir: &Path, expected_id: &str, number: u32) -> Option<Module> {
        let file = self.root.join(dir).join("module.toml");
        let table = self.parse(&file)?;
        let node = Node::root(&table, &file, self.problems);
        let id = node.str("id")?;
        if id != expected_id {
            node.error(R::Invalid(format!(
                "module id \"{id}\" differs from \"{expected_id}\" in course.toml"
            )));
        }
        self.claim_id(&node, &id, &file);
        if let Some(n) = node.int("number")
            && n != i64::from(number)
        {
            node.error(R::Invalid(format!(
                "module number {n} should be {number} (its place in course.toml)"
            )));
        }
        let title = node.localized("title");
        let summary = node.localized("summary");
        let mut sections = Vec::new();
        for s in node.tables("sections") {
            if let Some(section) = self.section(s, dir, &file) {
                sections.push(section);
            }
        }
        node.finish();
        Some(Module {
            id,
            number,
            title: title?,
            summary: summary?,
            sections,
        })
    }

    fn section(&mut self, mut node: Node<'_>, dir: &Path, file: &Path) -> Option<Section> {
        let id = node.str("id");
        if let Some(id) = &id {
            node.name_with_id(id);
            self.claim_id(&node, id, file);
        }
        let title = node.localized("title");
        let kind = node.str("kind");
        let kind = kind.and_then(|k| self.section_kind(&node, &k, dir, file));
        node.finish();
        Some(Section {
            id: id?,
            title: title?,
            kind: kind?,
        })
    }

    fn section_kind(
        &mut self,
        n: &Node<'_>,
        kind: &str,
        dir: &Path,
        file: &Path,
    ) -> Option<SectionKind> {
        let k = match kind {
            "text" => SectionKind::Text {
                body: self.paths(n, "body", dir, MARKDOWN)?,
            },
            "image" => {
                let file = n.child("file").and_then(|c| self.media(c, dir, IMAGE));
                let alt = if n.has("alt") {
                    n.localized("alt")
                } else {
                    n.error(R::MissingAltText);
                    None
                };
                let caption = n.opt_localized("caption");
                SectionKind::Image {
                    file: file?,
                    alt: alt?,
                    caption: caption?,
                }
            }
            "audio" => {
                let file = self.localized_media(n, "file", dir, AUDIO);
                let transcript = self.transcript(n, "audio", dir);
                let duration = self.duration(n);
                SectionKind::Audio {
                    file: file?,
                    transcript: transcript?,
                    duration_seconds: duration?,
                }
            }
            "video" => {
                // One file for both languages (`file = { path, sha256 }`) or
                // one narrated per language (`file = { sv = {…}, en = {…} }`).
                let video = match n.child("file") {
                    Some(c) if c.has("path") => self.media(c, dir, VIDEO).map(|m| Localized {
                        sv: m.clone(),
                        en: m,
                    }),
                    Some(_) => self.localized_media(n, "file", dir, VIDEO),
                    None => None,
                };
                let captions = if n.has("captions") {
                    self.localized_media(n, "captions", dir, CAPTIONS)
                } else {
                    n.error(R::MissingCaptions);
                    None
                };
                let transcript = self.transcript(n, "video", dir);
                let duration = self.duration(n);
                SectionKind::Video {
                    file: video?,
                    captions: captions?,
                    transcript: transcript?,
                    duration_seconds: duration?,
                }
            }
            "mindfulness" => {
                let intro = self.opt_paths(n, "intro", dir);
                let audio = self.localized_media(n, "audio", dir, AUDIO);
                let transcript = self.transcript(n, "mindfulness", dir);
                let duration = self.duration(n);
                SectionKind::Mindfulness {
                    intro: intro?,
                    audio: audio?,
                    transcript: transcript?,
                    duration_seconds: duration?,
                }
            }
            "assignment" => SectionKind::Assignment(self.form(n, dir, file)?),
            "reflection" => SectionKind::Reflection(self.form(n, dir, file)?),
            "check_in" => SectionKind::CheckIn(self.form(n, dir, file)?),
            other => {
                n.error(R::UnknownKind(other.to_owned()));
                return None;
            }
        };
        Some(k)
    }

    fn duration(&self, n: &Node<'_>) -> Option<u32> {
        let d = n.int("duration_seconds")?;
        if !(1..=24 * 3600).contains(&d) {
            n.error(R::Invalid(format!("duration_seconds {d} is out of range")));
            return None;
        }
        Some(d as u32)
    }

    fn transcript(&self, n: &Node<'_>, what: &'static str, dir: &Path) -> Option<LocalizedPath> {
        if !n.has("transcript") {
            n.error(R::MissingTranscript(what));
            return None;
        }
        self.paths(n, "transcript", dir, MARKDOWN)
    }

    fn form(&mut self, n: &Node<'_>, dir: &Path, file: &Path) -> Option<Form> {
        let intro = self.opt_paths(n, "intro", dir);
        let mut questions = Vec::new();
        let mut ok = true;
        for q in n.tables("questions") {
            match self.question(q, file) {
                Some(q) => questions.push(q),
                None => ok = false,
            }
        }
        (ok && !questions.is_empty()).then_some(Form {
            intro: intro?,
            questions,
        })
    }

    fn question(&mut self, mut n: Node<'_>, file: &Path) -> Option<Question> {
        let id = n.str("id");
        if let Some(id) = &id {
            n.name_with_id(id);
            self.claim_id(&n, id, file);
        }
        let prompt = n.localized("prompt");
        let short = n.opt_localized("short");
        let required = n.bool_or("required", true);
        let kind = n.str("type").and_then(|t| self.question_kind(&n, &t));
        n.finish();
        Some(Question {
            id: id?,
            prompt: prompt?,
            short: short?,
            required,
            kind: kind?,
        })
    }

    fn question_kind(&self, n: &Node<'_>, ty: &str) -> Option<QuestionKind> {
        Some(match ty {
            "free_text" => {
                let max = n.int_or("max_chars", 5000)?;
                if !(1..=100_000).contains(&max) {
                    n.error(R::Invalid(format!("max_chars {max} is out of range")));
                    return None;
                }
                QuestionKind::FreeText {
                    max_chars: max as u32,
                }
            }
            "scale" => {
                let (min, max) = self.range(n, Some((0, 10)))?;
                let min_label = n.localized("min_label");
                let max_label = n.localized("max_label");
                QuestionKind::Scale {
                    min,
                    max,
                    min_label: min_label?,
                    max_label: max_label?,
                }
            }
            "single_choice" => QuestionKind::SingleChoice {
                options: self.options(n, 2)?,
            },
            "multiple_choice" => QuestionKind::MultipleChoice {
                options: self.options(n, 2)?,
            },
            "checklist" => QuestionKind::Checklist {
                options: self.options(n, 1)?,
            },
            "diary" => QuestionKind::Diary {
                fields: self.fields(n)?,
            },
            other => {
                n.error(R::UnknownType(other.to_owned()));
                return None;
            }
        })
    }

    fn range(&self, n: &Node<'_>, default: Option<(i64, i64)>) -> Option<(i64, i64)> {
        let (min, max) = match default {
            Some((lo, hi)) => (n.int_or("min", lo)?, n.int_or("max", hi)?),
            None => (n.int("min")?, n.int("max")?),
        };
        if min >= max {
            n.error(R::Invalid(format!("min {min} must be below max {max}")));
            return None;
        }
        Some((min, max))
    }

    fn sub_ids<'n>(&self, list: Vec<Node<'n>>) -> Vec<(Node<'n>, String)> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for mut item in list {
            let Some(id) = item.str("id") else { continue };
            if !valid_id(&id) {
                item.error(R::InvalidId(id));
                continue;
            }
            let place = item.place().to_owned();
            item.name_with_id(&id);
            if let Some(first) = seen.get(&id) {
                item.error(R::DuplicateId {
                    id,
                    first: first.clone(),
                });
                continue;
            }
            seen.insert(id.clone(), place);
            out.push((item, id));
        }
        out
    }

    fn options(&self, n: &Node<'_>, at_least: usize) -> Option<Vec<ChoiceOption>> {
        let list = n.tables("options");
        let count = list.len();
        let mut out = Vec::new();
        for (item, id) in self.sub_ids(list) {
            let label = item.localized("label");
            item.finish();
            out.push(ChoiceOption { id, label: label? });
        }
        if count < at_least {
            n.error(R::Invalid(format!("needs at least {at_least} options")));
            return None;
        }
        (out.len() == count).then_some(out)
    }

    fn fields(&self, n: &Node<'_>) -> Option<Vec<DiaryField>> {
        let list = n.tables("fields");
        let count = list.len();
        let mut out = Vec::new();
        for (item, id) in self.sub_ids(list) {
            let label = item.localized("label");
            let kind = match item.str("type").as_deref() {
                Some("date") => Some(FieldKind::Date),
                Some("text") => Some(FieldKind::Text),
                Some("number") => self
                    .range(&item, None)
                    .map(|(min, max)| FieldKind::Number { min, max }),
                Some("scale") => self
                    .range(&item, Some((0, 10)))
                    .map(|(min, max)| FieldKind::Scale { min, max }),
                Some(other) => {
                    item.error(R::UnknownType(other.to_owned()));
                    None
                }
                None => None,
            };
            item.finish();
            out.push(DiaryField {
                id,
                label: label?,
                kind: kind?,
            });
        }
        (out.len() == count).then_some(out)
    }

    /// Checks that `raw` (relative to `dir`) stays inside the bundle and
    /// returns it relative to the bundle root.
    fn safe_path(&self, n: &Node<'_>, dir: &Path, raw: &str) -> Option<PathBuf> {
        let p = Path::new(raw);
        let bad = raw.is_empty()
            || raw.contains('\\')
            || p.components().any(|c| !matches!(c, Component::Normal(_)));
        if bad {
            n.error(R::PathOutsideBundle(raw.to_owned()));
            return None;
        }
        Some(dir.join(p))
    }

    fn existing(
        &self,
        n: &Node<'_>,
        dir: &Path,
        raw: &str,
        kind: (&[&str], &'static str),
    ) -> Option<PathBuf> {
        let rel = self.safe_path(n, dir, raw)?;
        let ext = rel
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !ext.as_deref().is_some_and(|e| kind.0.contains(&e)) {
            n.error(R::WrongMediaType {
                path: raw.to_owned(),
                expected: kind.1,
            });
            return None;
        }
        match fs::metadata(self.root.join(&rel)) {
            Ok(m) if m.is_file() => Some(rel),
            _ => {
                n.error(R::MissingFile(rel.display().to_string()));
                None
            }
        }
    }

    fn paths(
        &self,
        n: &Node<'_>,
        key: &str,
        dir: &Path,
        kind: (&[&str], &'static str),
    ) -> Option<LocalizedPath> {
        let raw = n.localized(key)?;
        let sv = self.text_file(n, dir, &raw.sv, kind);
        let en = self.text_file(n, dir, &raw.en, kind);
        Some(Localized { sv: sv?, en: en? })
    }

    fn opt_paths(&self, n: &Node<'_>, key: &str, dir: &Path) -> Option<Option<LocalizedPath>> {
        if !n.has(key) {
            return Some(None);
        }
        self.paths(n, key, dir, MARKDOWN).map(Some)
    }

    fn text_file(
        &self,
        n: &Node<'_>,
        dir: &Path,
        raw: &str,
        kind: (&[&str], &'static str),
    ) -> Option<PathBuf> {
        let rel = self.existing(n, dir, raw, kind)?;
        let full = self.root.join(&rel);
        let ok = match self.verify {
            Verify::Structure => fs::metadata(&full).map(|m| m.len() > 0).unwrap_or(false),
            Verify::Full => fs::read_to_string(&full)
                .map(|t| !t.trim().is_empty())
                .unwrap_or(false),
        };
        if !ok {
            n.error(R::EmptyText(rel.display().to_string()));
            return None;
        }
        Some(rel)
    }

    fn media(&self, n: Node<'_>, dir: &Path, kind: (&[&str], &'static str)) -> Option<Media> {
        let path = n.str("path");
        let sha = n.str("sha256");
        n.finish();
        let (path, sha) = (path?, sha?);
        if sha.len() != 64
            || !sha
                .bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        {
            n.error(R::WrongType {
                key: "sha256".into(),
                expected: "64 lowercase hex digits",
            });
            return None;
        }
        let rel = self.existing(&n, dir, &path, kind)?;
        if self.verify == Verify::Full {
            let actual = match fs::read(self.root.join(&rel)) {
                Ok(bytes) => hex::encode(Sha256::digest(&bytes)),
                Err(e) => {
                    n.error(R::Unreadable(e.kind().to_string()));
                    return None;
                }
            };
            if actual != sha {
                n.error(R::HashMismatch {
                    path: rel.display().to_string(),
                    expected: sha,
                    actual,
                });
                return None;
            }
        }
        Some(Media {
            path: rel,
            sha256: sha,
        })
    }

    fn localized_media(
        &self,
        n: &Node<'_>,
        key: &str,
        dir: &Path,
        kind: (&[&str], &'static str),
    ) -> Option<Localized<Media>> {
        let table = n.child(key)?;
        let pick = |lang: Lang| {
            if !table.has(lang.code()) {
                n.error(R::MissingTranslation {
                    key: key.to_owned(),
                    lang: lang.code(),
                });
                return None;
            }
            table
                .child(lang.code())
                .and_then(|c| self.media(c, dir, kind))
        };
        let sv = pick(Lang::Sv);
        let en = pick(Lang::En);
        table.finish();
        Some(Localized { sv: sv?, en: en? })
    }
}

type SectionIndex = HashMap<String, (usize, usize)>;
type QuestionIndex = HashMap<String, (usize, usize, usize)>;

fn index(modules: &[Module]) -> (SectionIndex, QuestionIndex) {
    let mut sections = HashMap::new();
    let mut questions = HashMap::new();
    for (mi, m) in modules.iter().enumerate() {
        for (si, s) in m.sections.iter().enumerate() {
            sections.insert(s.id.clone(), (mi, si));
            for (qi, q) in s.kind.questions().iter().enumerate() {
                questions.insert(q.id.clone(), (mi, si, qi));
            }
        }
    }
    (sections, questions)
}
