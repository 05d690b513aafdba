//! The patient's preferences: display name for the summary, language, text
//! size. Patient-owned and synced between their devices.

use serde::{Deserialize, Serialize};

use super::PainSchool;
use crate::content::Lang;
use crate::error::{Error, Result};
use crate::store::Store;

/// Text size for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// The platform's size.
    #[default]
    Standard,
    /// Larger.
    Large,
    /// Largest.
    ExtraLarge,
}

impl TextSize {
    fn as_str(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
            TextSize::ExtraLarge => "extra_large",
        }
    }
    fn parse(s: &str) -> TextSize {
        match s {
            "large" => TextSize::Large,
            "extra_large" => TextSize::ExtraLarge,
            _ => TextSize::Standard,
        }
    }
}

/// The patient's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// The name to print on the summary; none unless the patient gives one.
    pub display_name: Option<String>,
    /// The course language.
    pub language: Lang,
    /// The reading text size.
    pub text_size: TextSize,
}

/// Longest display name, in characters.
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;

pub(super) fn language(store: &Store) -> Result<Lang> {
    Ok(store
        .preference("language")?
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::Sv))
}

impl PainSchool {
    /// The patient's preferences.
    pub fn preferences(&self) -> Result<Preferences> {
        let store = self.store();
        Ok(Preferences {
            display_name: store.preference("display_name")?.filter(|n| !n.is_empty()),
            language: language(&store)?,
            text_size: store
                .preference("text_size")?
                .map(|s| TextSize::parse(&s))
                .unwrap_or_default(),
        })
    }

    /// Saves the preferences; each changed one is synced.
    pub fn set_preferences(&self, p: &Preferences) -> Result<()> {
        let name = p.display_name.as_deref().map(str::trim).unwrap_or("");
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(Error::InvalidInput(format!(
                "the display name is longer than {DISPLAY_NAME_MAX_CHARS} characters"
            )));
        }
        let old = self.preferences()?;
        let mut changed: Vec<(&str, &str)> = Vec::new();
        if old.display_name.as_deref().unwrap_or("") != name {
            changed.push(("display_name", name));
        }
        if old.language != p.language {
            changed.push(("language", p.language.code()));
        }
        if old.text_size != p.text_size {
            changed.push(("text_size", p.text_size.as_str()));
        }
        // All or nothing: one transaction.
        self.store().set_preferences(&changed, self.clock.now())?;
        if !changed.is_empty() {
            self.changed();
        }
        Ok(())
    }
}
