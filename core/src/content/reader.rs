//! A walker over a parsed TOML table that records precise errors instead of
//! stopping at the first one, and rejects keys nobody asked for.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

use super::error::{ContentError, ContentErrorReason as R};
use super::model::{Lang, Localized, Text};

/// Problems found so far in one load.
pub(super) type Problems = RefCell<Vec<ContentError>>;

/// One TOML table at a known place in a known file.
pub(super) struct Node<'a> {
    table: &'a toml::Table,
    file: &'a Path,
    place: String,
    seen: RefCell<BTreeSet<String>>,
    problems: &'a Problems,
}

impl<'a> Node<'a> {
    /// The root table of `file`.
    pub(super) fn root(table: &'a toml::Table, file: &'a Path, problems: &'a Problems) -> Self {
        Self::at(table, file, String::new(), problems)
    }

    fn at(table: &'a toml::Table, file: &'a Path, place: String, problems: &'a Problems) -> Self {
        Node {
            table,
            file,
            place,
            seen: RefCell::new(BTreeSet::new()),
            problems,
        }
    }

    /// Where this table is, for error messages.
    pub(super) fn place(&self) -> &str {
        &self.place
    }

    /// Records a problem at this table.
    pub(super) fn error(&self, reason: R) {
        self.problems.borrow_mut().push(ContentError {
            file: self.file.to_path_buf(),
            place: self.place.clone(),
            reason,
        });
    }

    /// Whether `key` is present (marks it as known).
    pub(super) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn get(&self, key: &str) -> Option<&'a toml::Value> {
        self.seen.borrow_mut().insert(key.to_owned());
        self.table.get(key)
    }

    fn required(&self, key: &str) -> Option<&'a toml::Value> {
        let v = self.get(key);
        if v.is_none() {
            self.error(R::MissingKey(key.to_owned()));
        }
        v
    }

    /// A required string.
    pub(super) fn str(&self, key: &str) -> Option<String> {
        self.required(key).and_then(|v| self.as_str(key, v))
    }

    fn as_str(&self, key: &str, v: &toml::Value) -> Option<String> {
        match v.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.error(R::WrongType {
                    key: key.to_owned(),
                    expected: "a string",
                });
                None
            }
        }
    }

    /// A required integer.
    pub(super) fn int(&self, key: &str) -> Option<i64> {
        self.required(key).and_then(|v| self.as_int(key, v))
    }

    /// An optional integer with a default.
    pub(super) fn int_or(&self, key: &str, default: i64) -> Option<i64> {
        match self.get(key) {
            None => Some(default),
            Some(v) => self.as_int(key, v),
        }
    }

    fn as_int(&self, key: &str, v: &toml::Value) -> Option<i64> {
        match v.as_integer() {
            Some(i) => Some(i),
            None => {
                self.error(R::WrongType {
                    key: key.to_owned(),
                    expected: "a whole number",
                });
                None
            }
        }
    }

    /// An optional boolean with a default.
    pub(super) fn bool_or(&self, key: &str, default: bool) -> bool {
        match self.get(key) {
            None => default,
            Some(v) => v.as_bool().unwrap_or_else(|| {
                self.error(R::WrongType {
                    key: key.to_owned(),
                    expected: "true or false",
                });
                default
            }),
        }
    }

    /// A required list of strings.
    pub(super) fn str_list(&self, key: &str) -> Option<Vec<String>> {
        let arr = self.required(key)?;
        let wrong = || {
            self.error(R::WrongType {
                key: key.to_owned(),
                expected: "a list of strings",
            });
        };
        let Some(arr) = arr.as_array() else {
            wrong();
            return None;
        };
        let out: Option<Vec<String>> = arr.iter().map(|v| v.as_str().map(str::to_owned)).collect();
        if out.is_none() {
            wrong();
        }
        out
    }

    /// A required localized value whose entries are strings (text or paths).
    pub(super) fn localized(&self, key: &str) -> Option<Text> {
        let v = self.required(key)?;
        self.as_localized(key, v)
    }

    /// An optional localized string value.
    pub(super) fn opt_localized(&self, key: &str) -> Option<Option<Text>> {
        match self.get(key) {
            None => Some(None),
            Some(v) => self.as_localized(key, v).map(Some),
        }
    }

    fn as_localized(&self, key: &str, v: &toml::Value) -> Option<Text> {
        let Some(t) = v.as_table() else {
            self.error(R::WrongType {
                key: key.to_owned(),
                expected: "a table with sv and en",
            });
            return None;
        };
        let mut ok = true;
        for k in t.keys() {
            if Lang::from_code(k).is_none() {
                self.error(R::UnknownLanguage {
                    key: key.to_owned(),
                    lang: k.clone(),
                });
                ok = false;
            }
        }
        let mut pick = |lang: Lang| -> String {
            match t.get(lang.code()).map(|v| v.as_str()) {
                Some(Some(s)) if !s.trim().is_empty() => s.to_owned(),
                Some(None) => {
                    self.error(R::WrongType {
                        key: format!("{key}.{}", lang.code()),
                        expected: "a string",
                    });
                    ok = false;
                    String::new()
                }
                _ => {
                    self.error(R::MissingTranslation {
                        key: key.to_owned(),
                        lang: lang.code(),
                    });
                    ok = false;
                    String::new()
                }
            }
        };
        let value = Localized {
            sv: pick(Lang::Sv),
            en: pick(Lang::En),
        };
        ok.then_some(value)
    }

    /// A required sub-table.
    pub(super) fn child(&self, key: &str) -> Option<Node<'a>> {
        let v = self.required(key)?;
        self.as_child(key, v, self.join(key))
    }

    fn as_child(&self, key: &str, v: &'a toml::Value, place: String) -> Option<Node<'a>> {
        match v.as_table() {
            Some(t) => Some(Node::at(t, self.file, place, self.problems)),
            None => {
                self.error(R::WrongType {
                    key: key.to_owned(),
                    expected: "a table",
                });
                None
            }
        }
    }

    /// A required, non-empty list of tables; each gets the place `key[i]`.
    pub(super) fn tables(&self, key: &str) -> Vec<Node<'a>> {
        let Some(v) = self.required(key) else {
            return Vec::new();
        };
        let Some(arr) = v.as_array() else {
            self.error(R::WrongType {
                key: key.to_owned(),
                expected: "a list of tables",
            });
            return Vec::new();
        };
        if arr.is_empty() {
            self.error(R::Invalid(format!("`{key}` is empty")));
        }
        arr.iter()
            .enumerate()
            .filter_map(|(i, v)| self.as_child(key, v, format!("{}[{i}]", self.join(key))))
            .collect()
    }

    fn join(&self, key: &str) -> String {
        if self.place.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.place)
        }
    }

    /// Names this node after its id once that is known: `sections[2] "m1-x"`.
    pub(super) fn name_with_id(&mut self, id: &str) {
        self.place = format!("{} \"{id}\"", self.place);
    }

    /// Reports every key that no accessor asked for.
    pub(super) fn finish(&self) {
        let seen = self.seen.borrow();
        for k in self.table.keys() {
            if !seen.contains(k) {
                self.error(R::UnknownKey(k.clone()));
            }
        }
    }
}
