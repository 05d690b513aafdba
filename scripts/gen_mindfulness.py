#!/usr/bin/env python3
"""Generates the mindfulness recordings from their scripts (run by hand,
not in CI).

    python3 scripts/gen_mindfulness.py                  # every track
    python3 scripts/gen_mindfulness.py --only body-scan # one track (both languages)

Needs Python 3.11+ and, on the path, espeak-ng, sox and oggenc
(Debian: apt-get install espeak-ng sox vorbis-tools).

For each track in content/mindfulness/tracks.toml and each language:
  1. reads content/mindfulness/<name>.<lang>.txt (markup: scripts/mindfulness_markup.py,
     described in content/mindfulness/README.md);
  2. speaks every phrase to a WAV with espeak-ng (voice sv or en-gb, RATE words/min,
     default pitch);
  3. joins the phrases with the pauses (a short gap after every phrase, silence for
     every [pause N]), then with sox: 22,050 Hz mono 16-bit, fade in and out,
     peak normalised to -3 dBFS (sox -R -D: no dither, repeatable);
  4. encodes with oggenc -q 2 and a fixed serial number derived from the track name,
     so the same script and tools give the same bytes;
  5. writes <module>/media/<name>.<lang>.ogg and the transcript
     <module>/<lang>/<name>-transcript.md.
Then it records every track in content/mindfulness/audio.lock and updates the
manifest: the section in the module's module.toml when it is there (its audio,
transcript and duration_seconds lines), otherwise the ready-to-paste section
content/mindfulness/sections/<module id>.toml.

A track whose lock entry says source = "recorded" (a clinic's own narration) is
left alone: neither its audio, its transcript nor its lock entry is touched.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mindfulness_markup as markup  # noqa: E402

LANGS = ("sv", "en")
VOICES = {"sv": "sv", "en": "en-gb"}
RATE = 125                 # espeak-ng words per minute
SAMPLE_RATE = 22050
FADE_IN, FADE_OUT = 0.5, 2.0
NORM_DB = -3
OGG_QUALITY = 2
ARTIST = "Smärtskolan"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def serial_for(name: str, lang: str) -> int:
    """A fixed Ogg stream serial number derived from the track name."""
    return int.from_bytes(hashlib.sha256(f"{name}.{lang}".encode()).digest()[:4], "big") & 0x7FFFFFFF


def run(cmd: list[str]) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gen_mindfulness: {' '.join(cmd[:3])} … failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def tool_versions() -> dict[str, str]:
    for tool in ("espeak-ng", "sox", "oggenc"):
        if shutil.which(tool) is None:
            sys.exit(f"gen_mindfulness: {tool} is not installed "
                     "(Debian: apt-get install espeak-ng sox vorbis-tools)")
    def version(cmd: list[str], pattern: str) -> str:
        out = subprocess.run(cmd, capture_output=True, text=True)
        m = re.search(pattern, out.stdout + out.stderr)
        return m.group(1) if m else "unknown"
    return {
        "espeak_ng": version(["espeak-ng", "--version"], r"text-to-speech:\s*(\S+)"),
        "sox": version(["sox", "--version"], r"SoX v(\S+)"),
        "oggenc": version(["oggenc", "--version"], r"vorbis-tools\s+(\S+)"),
    }


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthesize(script: markup.Script, lang: str, work: Path) -> Path:
    """The script as one WAV at SAMPLE_RATE (before fades and normalisation)."""
    frames = bytearray()

    def silence(seconds: float) -> None:
        frames.extend(b"\x00\x00" * round(seconds * SAMPLE_RATE))

    silence(markup.LEAD_SECONDS)
    for i, (kind, value) in enumerate(script.events):
        if kind == "pause":
            silence(float(value))
            continue
        text = work / f"p{i:03d}.txt"
        text.write_text(str(value) + "\n", encoding="utf-8")
        wav = work / f"p{i:03d}.wav"
        run(["espeak-ng", "-v", VOICES[lang], "-s", str(RATE), "-b", "1",
             "-f", str(text), "-w", str(wav)])
        with wave.open(str(wav), "rb") as w:
            if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SAMPLE_RATE):
                # Not espeak-ng's usual output: convert it first.
                conv = work / f"p{i:03d}c.wav"
                run(["sox", "-R", "-D", "-V1", str(wav), "-r", str(SAMPLE_RATE), "-c", "1",
                     "-b", "16", str(conv)])
                wav = conv
        with wave.open(str(wav), "rb") as w:
            frames.extend(w.readframes(w.getnframes()))
        silence(markup.GAP_SECONDS)
    silence(markup.TAIL_SECONDS)
    raw = work / "raw.wav"
    with wave.open(str(raw), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(bytes(frames))
    return raw


def master(raw: Path, work: Path) -> tuple[Path, float]:
    """Mono 22,050 Hz, fades, peak -3 dBFS. Returns the WAV and its seconds."""
    with wave.open(str(raw), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
    out = work / "master.wav"
    run(["sox", "-R", "-D", "-V1", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16",
         str(out), "channels", "1", "rate", "-v", str(SAMPLE_RATE),
         "fade", "q", f"{FADE_IN}", f"{seconds:.6f}", f"{FADE_OUT}", "norm", str(NORM_DB)])
    with wave.open(str(out), "rb") as w:
        return out, w.getnframes() / w.getframerate()


def encode(wav: Path, ogg: Path, name: str, lang: str, title: str) -> None:
    ogg.parent.mkdir(parents=True, exist_ok=True)
    run(["oggenc", "-Q", "--utf8", "-q", str(OGG_QUALITY), "--serial", str(serial_for(name, lang)),
         "-t", title, "-a", ARTIST, "-c", f"LANGUAGE={lang}", "-o", str(ogg), str(wav)])


def read_lock(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("track", [])


def write_lock(path: Path, versions: dict[str, str], entries: list[dict]) -> None:
    keys = ["name", "language", "module_dir", "section_id", "script", "script_sha256",
            "audio", "audio_sha256", "transcript", "duration_seconds", "source"]
    out = [
        "# The mindfulness recordings: written by scripts/gen_mindfulness.py, checked by",
        "# scripts/check_mindfulness.py (CI). Paths are relative to content/.",
        "# A clinic's own recording: set source = \"recorded\" and update audio_sha256 and",
        "# duration_seconds by hand (see content/README.md); the generator then leaves it alone.",
        "",
        "[generator]",
        f"espeak_ng = {toml_str(versions['espeak_ng'])}",
        f"sox = {toml_str(versions['sox'])}",
        f"oggenc = {toml_str(versions['oggenc'])}",
        f"voices = {{ sv = {toml_str(VOICES['sv'])}, en = {toml_str(VOICES['en'])} }}",
        f"rate_wpm = {RATE}",
        f"sample_rate = {SAMPLE_RATE}",
        f"ogg_quality = {OGG_QUALITY}",
        "",
    ]
    for e in entries:
        out.append("[[track]]")
        for k in keys:
            if k in e:
                v = e[k]
                out.append(f"{k} = {v}" if isinstance(v, int) else f"{k} = {toml_str(str(v))}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def section_lines(track: dict, by_lang: dict[str, dict]) -> dict[str, str]:
    """The manifest lines the generator owns: audio, transcript, duration_seconds."""
    module = track["module_dir"] + "/"
    def rel(p: str) -> str:
        assert p.startswith(module), p
        return p[len(module):]
    audio = ", ".join(
        f"{lang} = {{ path = {toml_str(rel(by_lang[lang]['audio']))}, "
        f"sha256 = {toml_str(by_lang[lang]['audio_sha256'])} }}" for lang in LANGS)
    transcript = ", ".join(f"{lang} = {toml_str(rel(by_lang[lang]['transcript']))}" for lang in LANGS)
    # The shortest language, whole seconds down: the player treats a recording that
    # ends more than 2 s before the stated length as cut short.
    duration = min(by_lang[lang]["exact_seconds"] for lang in LANGS)
    return {
        "audio": f"audio = {{ {audio} }}",
        "transcript": f"transcript = {{ {transcript} }}",
        "duration_seconds": f"duration_seconds = {int(duration)}",
    }


def update_module(path: Path, section_id: str, lines: dict[str, str]) -> bool:
    """Rewrites the generator's lines in the section `section_id` of module.toml.
    False when the module has no such section."""
    text = path.read_text(encoding="utf-8").split("\n")
    start = None
    for i, line in enumerate(text):
        if line.strip() == f'id = "{section_id}"' and i > 0 and text[i - 1].strip() == "[[sections]]":
            start = i
            break
    if start is None:
        return False
    end = start + 1
    while end < len(text) and not text[end].lstrip().startswith("["):
        end += 1
    seen = set()
    for i in range(start, end):
        key = text[i].split("=", 1)[0].strip()
        if key in lines:
            text[i] = lines[key]
            seen.add(key)
    missing = set(lines) - seen
    if missing:
        sys.exit(f"gen_mindfulness: {path}: section {section_id} has no {', '.join(sorted(missing))} line")
    path.write_text("\n".join(text), encoding="utf-8")
    return True


def write_snippet(path: Path, track: dict, module_id: str, lines: dict[str, str]) -> None:
    t, i = track["title"], track["intro"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([
        f"# Ready to paste into content/{track['module_dir']}/module.toml: before the module's",
        f"# last section ({module_id}-where-to-turn stays last). Written by scripts/gen_mindfulness.py;",
        "# once pasted, the generator updates the section in module.toml and removes this file.",
        f"# New id for content/ids.lock: {track['section_id']} section mindfulness",
        "",
        "[[sections]]",
        f"id = {toml_str(track['section_id'])}",
        'kind = "mindfulness"',
        f"title = {{ sv = {toml_str(t['sv'])}, en = {toml_str(t['en'])} }}",
        f"intro = {{ sv = {toml_str(i['sv'])}, en = {toml_str(i['en'])} }}",
        lines["audio"],
        lines["transcript"],
        lines["duration_seconds"],
        "",
    ]), encoding="utf-8")


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, default=root / "content", help="the content folder")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="generate only this track (both languages); may be repeated")
    args = ap.parse_args()
    content: Path = args.content.resolve()
    mind = content / "mindfulness"
    tracks = tomllib.loads((mind / "tracks.toml").read_text(encoding="utf-8"))["track"]
    unknown = set(args.only) - {t["name"] for t in tracks}
    if unknown:
        sys.exit(f"gen_mindfulness: unknown track(s): {', '.join(sorted(unknown))}")
    versions = tool_versions()
    lock_path = mind / "audio.lock"
    old_generator = tomllib.loads(lock_path.read_text(encoding="utf-8")).get("generator", {}) \
        if lock_path.exists() else {}
    for k, v in versions.items():
        if old_generator.get(k) not in (None, v):
            print(f"note: {k} is {v}, the lock was made with {old_generator[k]}: "
                  "the audio bytes may differ from the last run", file=sys.stderr)
    lock = {(e["name"], e["language"]): e for e in read_lock(lock_path)}

    for track in tracks:
        name, module_dir = track["name"], track["module_dir"]
        if args.only and name not in args.only:
            continue
        for lang in LANGS:
            old = lock.get((name, lang))
            if old and old.get("source") == "recorded":
                print(f"{name}.{lang}: recorded narration, left alone")
                continue
            script_path = mind / f"{name}.{lang}.txt"
            script = markup.parse(script_path.read_text(encoding="utf-8"),
                                  str(script_path.relative_to(content)))
            ogg_rel = f"{module_dir}/media/{name}.{lang}.ogg"
            md_rel = f"{module_dir}/{lang}/{name}-transcript.md"
            with tempfile.TemporaryDirectory(prefix="mindful-") as tmp:
                work = Path(tmp)
                raw = synthesize(script, lang, work)
                wav, seconds = master(raw, work)
                encode(wav, content / ogg_rel, name, lang, script.title)
            (content / md_rel).parent.mkdir(parents=True, exist_ok=True)
            (content / md_rel).write_text(markup.transcript(script), encoding="utf-8")
            lock[(name, lang)] = {
                "name": name, "language": lang, "module_dir": module_dir,
                "section_id": track["section_id"],
                "script": str(script_path.relative_to(content)),
                "script_sha256": sha256_file(script_path),
                "audio": ogg_rel, "audio_sha256": sha256_file(content / ogg_rel),
                "transcript": md_rel, "duration_seconds": round(seconds),
                "source": "generated", "exact_seconds": seconds,
            }
            size = (content / ogg_rel).stat().st_size
            print(f"{name}.{lang}: {seconds:.1f} s, {size / 1024:.0f} KiB -> {ogg_rel}")

    # The lock, in tracks.toml order (entries of tracks no longer listed are dropped).
    ordered = [lock[(t["name"], lang)] for t in tracks for lang in LANGS if (t["name"], lang) in lock]
    write_lock(lock_path, versions, ordered)

    # The manifests of the tracks made in this run: the section in module.toml, or
    # the ready-to-paste snippet.
    for track in tracks:
        if args.only and track["name"] not in args.only:
            continue
        by_lang = {lang: lock.get((track["name"], lang)) for lang in LANGS}
        if any(e is None for e in by_lang.values()):
            continue
        for e in by_lang.values():
            e.setdefault("exact_seconds", float(e["duration_seconds"]))
        lines = section_lines(track, by_lang)
        module_toml = content / track["module_dir"] / "module.toml"
        module_id = tomllib.loads(module_toml.read_text(encoding="utf-8"))["id"]
        snippet = mind / "sections" / f"{module_id}.toml"
        if update_module(module_toml, track["section_id"], lines):
            where = f"{track['module_dir']}/module.toml"
            if snippet.exists():
                # Pasted: module.toml is now the one place to look.
                snippet.unlink()
                where += f" (removed the pasted {snippet.relative_to(content)})"
        else:
            write_snippet(snippet, track, module_id, lines)
            where = str(snippet.relative_to(content))
        print(f"{track['section_id']}: {lines['duration_seconds']} -> {where}")


if __name__ == "__main__":
    main()
