//! Opening a recording: from a section of the course bundle to a decoder,
//! with the file's SHA-256 checked against the bundle before anything is
//! played.

use std::io::Cursor;
use std::path::Path;

use rodio::decoder::DecoderError;
use rodio::{Decoder, Source};
use sha2::{Digest, Sha256};

use super::engine::{Decoded, Loaded};
use super::error::AudioError;
use super::state::TrackInfo;
use crate::content::{ContentBundle, Lang, Media, SectionKind};

/// The recording of `section_id` in `lang`, with its stated length in
/// seconds.
pub fn recording(
    bundle: &ContentBundle,
    section_id: &str,
    lang: Lang,
) -> Result<(Media, u32), AudioError> {
    let (_, section) = bundle
        .section(section_id)
        .ok_or_else(|| AudioError::NoRecording(section_id.to_owned()))?;
    match &section.kind {
        SectionKind::Audio {
            file,
            duration_seconds,
            ..
        } => Ok((file.get(lang).clone(), *duration_seconds)),
        SectionKind::Mindfulness {
            audio,
            duration_seconds,
            ..
        } => Ok((audio.get(lang).clone(), *duration_seconds)),
        _ => Err(AudioError::NoRecording(section_id.to_owned())),
    }
}

/// The key positions are kept under: `section_id.lang`.
pub fn track_key(section_id: &str, lang: Lang) -> String {
    format!("{section_id}.{}", lang.code())
}

/// Opens the recording of `section_id` in `lang` from the bundle.
pub(crate) fn open_section(
    bundle: &ContentBundle,
    section_id: &str,
    lang: Lang,
) -> Result<Loaded, AudioError> {
    let (media, stated) = recording(bundle, section_id, lang)?;
    open_file(
        &bundle.root.join(&media.path),
        Some(&media.sha256),
        section_id,
        lang,
        stated,
    )
}

/// Reads the file whole, checks its SHA-256 (when given) and opens a
/// decoder over the bytes read, so what is decoded is what was checked.
pub(crate) fn open_file(
    path: &Path,
    sha256: Option<&str>,
    section_id: &str,
    lang: Lang,
    stated_seconds: u32,
) -> Result<Loaded, AudioError> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AudioError::Missing,
        _ => AudioError::Corrupt,
    })?;
    if let Some(expected) = sha256 {
        let actual = hex::encode(Sha256::digest(&bytes));
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(AudioError::HashMismatch);
        }
    }
    let hint = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let len = bytes.len() as u64;
    let decoder = Decoder::builder()
        .with_data(Cursor::new(bytes))
        .with_byte_len(len)
        .with_seekable(true)
        .with_hint(&hint)
        .build()
        .map_err(|e| match e {
            DecoderError::UnrecognizedFormat => AudioError::Unsupported,
            _ => AudioError::Corrupt,
        })?;
    let channels = decoder.channels().get();
    let rate = decoder.sample_rate().get();
    let stated_ms = u64::from(stated_seconds) * 1000;
    let duration_ms = decoder
        .total_duration()
        .map_or(stated_ms, |d| d.as_millis() as u64);
    let decoder: Decoded = Box::new(decoder);
    Ok(Loaded {
        info: TrackInfo {
            section_id: section_id.to_owned(),
            lang,
            key: track_key(section_id, lang),
            duration_ms,
        },
        decoder,
        channels,
        rate,
        expected_frames: u64::from(stated_seconds) * u64::from(rate),
    })
}
