#!/usr/bin/env python3
"""Checks that module 1's animation was made from its sources as they are now.

content/animation/pain-signal/animation.lock (written by
scripts/gen_animation.py) holds, for every output, its SHA-256, the SHA-256 of
each source it was made from and, for a film, its length. This check fails
  - when a source (narration, storyboard, generator) changed but the outputs
    were not made again,
  - when an output is missing or differs from the lock (edited by hand, or the
    lock is stale),
  - when a film's length differs from the lock,
  - when module.toml's m1-pain-animation section does not name the locked
    files, hashes and length.
Standard library only; needs none of the tools the generator needs.

  python3 scripts/check_animation.py        # prints: animation check: N passed, M failed
"""
import hashlib
import struct
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "content" / "animation" / "pain-signal" / "animation.lock"
MODULE = ROOT / "content" / "modules" / "01-introduction"
SECTION_ID = "m1-pain-animation"
REGENERATE = "python3 scripts/gen_animation.py"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _boxes(data, start, end):
    i = start
    while i + 8 <= end:
        size, kind = struct.unpack(">I4s", data[i:i + 8])
        head = 8
        if size == 1:
            size = struct.unpack(">Q", data[i + 8:i + 16])[0]
            head = 16
        elif size == 0:
            size = end - i
        if size < head:
            raise ValueError(f"bad MP4 box at byte {i}")
        yield kind.decode("latin-1"), i + head, i + size
        i += size


def mp4_duration(path):
    """The film's length in seconds, from the MP4's movie header (moov/mvhd)."""
    data = Path(path).read_bytes()
    for kind, body, end in _boxes(data, 0, len(data)):
        if kind != "moov":
            continue
        for k2, b2, _ in _boxes(data, body, end):
            if k2 == "mvhd":
                if data[b2] == 1:
                    scale, dur = struct.unpack(">IQ", data[b2 + 20:b2 + 32])
                else:
                    scale, dur = struct.unpack(">II", data[b2 + 12:b2 + 20])
                return dur / scale
    raise ValueError(f"{path}: no moov/mvhd box")


def section_block(module_toml):
    for s in tomllib.loads(module_toml.read_text(encoding="utf-8")).get("sections", []):
        if s.get("id") == SECTION_ID:
            return s
    return None


def main():
    passed, failed = 0, []

    def check(ok, message):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failed.append(message)

    if not LOCK.exists():
        print(f"animation check: {LOCK.relative_to(ROOT)} is missing: run {REGENERATE}")
        print("animation check: 0 passed, 1 failed")
        return 1
    lock = tomllib.loads(LOCK.read_text(encoding="utf-8"))
    outputs = lock.get("outputs", [])
    check(bool(outputs), f"{LOCK.relative_to(ROOT)} lists no outputs")

    # 1. every source as it was when the outputs were made
    sources = {}
    for o in outputs:
        for src, digest in o["sources"].items():
            sources.setdefault((src, digest), []).append(o["path"])
    for (src, digest), made in sorted(sources.items()):
        p = ROOT / src
        if not p.exists():
            check(False, f"{src} is missing, but {len(made)} output(s) were made from it")
            continue
        now = sha256_file(p)
        check(now == digest,
              f"{src} changed since the outputs were made (lock {digest[:12]}…, now {now[:12]}…), "
              f"so {', '.join('/'.join(Path(m).parts[-2:]) for m in made)} are stale: run {REGENERATE}")

    # 2. every output as the generator wrote it
    for o in outputs:
        p = ROOT / o["path"]
        if not p.exists():
            check(False, f"{o['path']} is missing: run {REGENERATE}")
            continue
        now = sha256_file(p)
        check(now == o["sha256"],
              f"{o['path']} differs from the lock (lock {o['sha256'][:12]}…, file {now[:12]}…): "
              f"it was changed by hand or the lock is stale; run {REGENERATE}")
        if "duration_seconds" in o:
            try:
                d = mp4_duration(p)
                check(abs(d - o["duration_seconds"]) < 0.01,
                      f"{o['path']} is {d:.3f} s long, the lock says {o['duration_seconds']} s")
            except (ValueError, struct.error) as e:
                check(False, f"{o['path']}: cannot read its length: {e}")

    # 3. module.toml names the locked files
    locked = {Path(o["path"]).name: o for o in outputs}
    sec = section_block(MODULE / "module.toml")
    if sec is None:
        check(False, f"content/modules/01-introduction/module.toml has no section {SECTION_ID}")
    else:
        refs = []
        file = sec.get("file", {})
        refs += [file] if "path" in file else list(file.values())
        refs += list(sec.get("captions", {}).values())
        for ref in refs:
            name = Path(ref.get("path", "")).name
            o = locked.get(name)
            check(o is not None and ref.get("sha256") == o["sha256"],
                  f"module.toml: {SECTION_ID} names {ref.get('path')} with sha256 {str(ref.get('sha256'))[:12]}…, "
                  f"which is not the locked output: run {REGENERATE}")
        films = [o["duration_seconds"] for o in outputs if "duration_seconds" in o]
        want = round(max(films)) if films else None
        check(sec.get("duration_seconds") == want,
              f"module.toml: {SECTION_ID} has duration_seconds = {sec.get('duration_seconds')}, the films' longest is {want}")

    for message in failed:
        print(f"animation check: FAILED: {message}")
    print(f"animation check: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
