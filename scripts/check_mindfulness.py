#!/usr/bin/env python3
"""Checks the mindfulness recordings against content/mindfulness/audio.lock
(CI; Python 3.11+, standard library only, no espeak needed).

    python3 scripts/check_mindfulness.py [--content DIR]

For every track and language in the lock:
  - the audio file exists and its SHA-256 is the lock's audio_sha256;
  - duration_seconds is within 180-720 s (3 to 12 minutes);
  - for a generated track (source = "generated"):
      the script's SHA-256 is the lock's script_sha256 (else: the script changed
      but the audio was not regenerated), the script is well formed, the
      transcript is the one the script gives, and the Ogg file's own length
      matches duration_seconds;
  - for a recorded track (source = "recorded", a clinic's narration): only the
    audio hash and the duration range;
  - the manifest (the section in module.toml, or the ready-to-paste section in
    content/mindfulness/sections/ until it is pasted) names the same audio file
    and hash, and a duration_seconds no longer than the recording.
Every track of content/mindfulness/tracks.toml needs an entry per language.
Prints one line per track and `mindfulness check: N passed, M failed`;
exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import struct
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mindfulness_markup as markup  # noqa: E402

LANGS = ("sv", "en")
MIN_SECONDS, MAX_SECONDS = 180, 720
REGENERATE = "python3 scripts/gen_mindfulness.py"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ogg_seconds(path: Path) -> float | None:
    """The length of an Ogg Vorbis file: the last page's granule position over
    the sample rate of the identification header. None when it is not one."""
    data = path.read_bytes()
    head = data.find(b"\x01vorbis", 0, 512)
    last = data.rfind(b"OggS")
    if not data.startswith(b"OggS") or head < 0 or last < 0 or last + 14 > len(data):
        return None
    rate = struct.unpack_from("<I", data, head + 12)[0]
    granule = struct.unpack_from("<q", data, last + 6)[0]
    if rate <= 0 or granule < 0:
        return None
    return granule / rate


def find_section(content: Path, module_dir: str, section_id: str) -> tuple[dict | None, str]:
    """The section from module.toml, else from the ready-to-paste snippet."""
    module_toml = content / module_dir / "module.toml"
    try:
        module = tomllib.loads(module_toml.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        return None, f"{module_dir}/module.toml: {e}"
    for s in module.get("sections", []):
        if s.get("id") == section_id:
            return s, f"{module_dir}/module.toml"
    snippet = content / "mindfulness" / "sections" / f"{module.get('id')}.toml"
    if snippet.exists():
        try:
            for s in tomllib.loads(snippet.read_text(encoding="utf-8")).get("sections", []):
                if s.get("id") == section_id:
                    return s, str(snippet.relative_to(content))
        except tomllib.TOMLDecodeError as e:
            return None, f"{snippet.relative_to(content)}: {e}"
    return None, f"section {section_id} is neither in {module_dir}/module.toml nor in {snippet.relative_to(content)}"


def check_entry(content: Path, e: dict, shortest: dict[str, int]) -> list[str]:
    problems: list[str] = []
    source = e.get("source")
    if source not in ("generated", "recorded"):
        return [f'source is {source!r}, not "generated" or "recorded"']

    audio = content / e["audio"]
    if not audio.is_file():
        problems.append(f"audio file {e['audio']} is missing")
    elif sha256_file(audio) != e["audio_sha256"]:
        problems.append(f"audio file {e['audio']} differs from the lock (audio_sha256): "
                        f"regenerate ({REGENERATE}) or, for a recording, update the lock")

    duration = e.get("duration_seconds")
    if not isinstance(duration, int) or not MIN_SECONDS <= duration <= MAX_SECONDS:
        problems.append(f"duration_seconds {duration} is outside {MIN_SECONDS}-{MAX_SECONDS} s")

    if source == "generated":
        script = content / e["script"]
        if not script.is_file():
            problems.append(f"script {e['script']} is missing")
        else:
            if sha256_file(script) != e["script_sha256"]:
                problems.append(f"script {e['script']} changed since its audio was generated "
                                f"(script_sha256 differs): run {REGENERATE} --only {e['name']}")
            try:
                parsed = markup.parse(script.read_text(encoding="utf-8"), e["script"])
                transcript = content / e["transcript"]
                if not transcript.is_file():
                    problems.append(f"transcript {e['transcript']} is missing")
                elif transcript.read_text(encoding="utf-8") != markup.transcript(parsed):
                    problems.append(f"transcript {e['transcript']} is not the one the script gives: "
                                    f"run {REGENERATE} --only {e['name']}")
            except markup.ScriptError as err:
                problems.append(f"malformed script: {err}")
        if audio.is_file() and isinstance(duration, int):
            seconds = ogg_seconds(audio)
            if seconds is None:
                problems.append(f"audio file {e['audio']} is not Ogg Vorbis")
            elif abs(seconds - duration) > 1:
                problems.append(f"audio file lasts {seconds:.1f} s, the lock says {duration} s")

    section, where = find_section(content, e["module_dir"], e["section_id"])
    if section is None:
        problems.append(where)
    else:
        prefix = e["module_dir"] + "/"
        media = section.get("audio", {}).get(e["language"], {})
        if prefix + str(media.get("path")) != e["audio"] or media.get("sha256") != e["audio_sha256"]:
            problems.append(f"{where}: {e['section_id']} audio.{e['language']} is not "
                            f"{e['audio'][len(prefix):]} with the lock's sha256")
        stated = section.get("duration_seconds")
        # The player reports a recording that ends more than 2 s before the
        # stated length as cut short; the generator states the shortest language.
        if not isinstance(stated, int) or not isinstance(duration, int) or stated > duration + 1:
            problems.append(f"{where}: duration_seconds {stated} is longer than this recording ({duration} s)")
        elif stated < shortest[e["section_id"]] - 1:
            problems.append(f"{where}: duration_seconds {stated} is out of date "
                            f"(the shortest language lasts {shortest[e['section_id']]} s)")
    return problems


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, default=root / "content", help="the content folder")
    content = ap.parse_args().content.resolve()
    mind = content / "mindfulness"
    try:
        tracks = tomllib.loads((mind / "tracks.toml").read_text(encoding="utf-8"))["track"]
        lock = tomllib.loads((mind / "audio.lock").read_text(encoding="utf-8")).get("track", [])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as e:
        print(f"mindfulness check: cannot read tracks.toml / audio.lock: {e}")
        print("mindfulness check: 0 passed, 1 failed")
        return 1

    passed = failed = 0
    known = {(t["name"], lang): t for t in tracks for lang in LANGS}
    entries = {}
    for e in lock:
        key = (e.get("name"), e.get("language"))
        if key not in known:
            print(f"FAIL {key[0]}.{key[1]}: in audio.lock but not a track of tracks.toml")
            failed += 1
            continue
        entries[key] = e
    shortest: dict[str, int] = {}
    for e in entries.values():
        d = e.get("duration_seconds")
        if isinstance(d, int):
            shortest[e["section_id"]] = min(d, shortest.get(e["section_id"], d))
    for key, t in known.items():
        label = f"{key[0]}.{key[1]}"
        e = entries.get(key)
        if e is None:
            print(f"FAIL {label} ({t['section_id']}): no entry in audio.lock: run {REGENERATE} --only {key[0]}")
            failed += 1
            continue
        if (e.get("module_dir"), e.get("section_id")) != (t["module_dir"], t["section_id"]):
            problems = [f"the lock says {e.get('module_dir')} {e.get('section_id')}, "
                        f"tracks.toml says {t['module_dir']} {t['section_id']}"]
        else:
            try:
                problems = check_entry(content, e, shortest)
            except KeyError as missing:
                problems = [f"the lock entry has no {missing} key"]
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {label} ({e['section_id']}): {p}")
        else:
            passed += 1
            print(f"ok   {label} ({e['section_id']}, {e['duration_seconds']} s, {e['source']})")
    print(f"mindfulness check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
