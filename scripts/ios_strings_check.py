#!/usr/bin/env python3
"""Checks the iOS app's texts and a few rules the Swift compiler cannot.

Usage: ios_strings_check.py [IOS_DIR]   (default: ios)

- Every key the app uses (`t("key")`, `t.format("key", …)`) is in both
  `sv.lproj` and `en.lproj` Localizable.strings, every key there is used,
  and both files hold the same keys.
- Each text's placeholders (`%@`, `%ld`, positional `%1$@`) are the same in
  both languages, and a `t.format` call passes as many values as the text
  has placeholders.
- InfoPlist.strings localizes the camera text in both languages, and
  Info.plist has the keys the platform duties need.
- No user-visible literal in `Text("…")`, `Button("…")`, `Label("…")`
  (every text goes through Strings), no `.secondary` text colour (it fails
  AA contrast), no `try!` or `as!`, and no `print(` (nothing is logged
  except through os.Logger).
"""

import plistlib
import re
import sys
from pathlib import Path

# The API check's comment blanking and argument splitting (scripts/ is on the path when run).
from swift_api_check import call_args, strip_comments

USE = re.compile(r'\b(?:t|self)\.format\(\s*"([A-Za-z0-9_.]+)"|\b(?:t|self)\(\s*"([A-Za-z0-9_.]+)"|(?<![\w.])format\(\s*"([A-Za-z0-9_.]+)"')
ENTRY = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*=\s*"((?:[^"\\]|\\.)*)"\s*;\s*$')
PLACEHOLDER = re.compile(r"%(?:(\d+)\$)?(@|ld|d|lu|u|f|%)")
LITERAL_TEXT = re.compile(r'\b(Text|Button|Label|Toggle|Link)\(\s*"([^"\\]*)"')
ALLOWED_LITERALS = {"Svenska", "English", "•"}
INFO_KEYS = {
    "NSCameraUsageDescription",
    "BGTaskSchedulerPermittedIdentifiers",
    "UIBackgroundModes",
    "CFBundleURLTypes",
    "PainSchoolServerURL",
}


def read_strings(path):
    entries, problems = {}, []
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        m = ENTRY.match(line)
        if not m:
            problems.append(f"{path}:{number}: not a strings entry")
            continue
        if m.group(1) in entries:
            problems.append(f"{path}: {m.group(1)} twice")
        entries[m.group(1)] = m.group(2)
    return entries, problems


def placeholders(value):
    found = []
    position = 0
    for m in PLACEHOLDER.finditer(value):
        if m.group(2) == "%":
            continue
        position += 1
        kind = "@" if m.group(2) == "@" else "n"
        found.append((int(m.group(1)) if m.group(1) else position, kind))
    return sorted(found)


def main(root):
    root = Path(root)
    app = root / "App"
    res = app / "Resources"
    problems, passed = [], 0
    langs = {}
    for lang in ("sv", "en"):
        entries, bad = read_strings(res / f"{lang}.lproj" / "Localizable.strings")
        problems += bad
        langs[lang] = entries
    sv, en = langs["sv"], langs["en"]
    for key in sorted(set(sv) ^ set(en)):
        problems.append(f"{key}: only in {'sv' if key in sv else 'en'}")
    for key in sorted(set(sv) & set(en)):
        passed += 1
        if not sv[key].strip() or not en[key].strip():
            problems.append(f"{key}: empty text")
        if placeholders(sv[key]) != placeholders(en[key]):
            problems.append(f"{key}: placeholders differ between sv and en")

    used = {}
    literal_problems = []
    for swift in sorted(app.rglob("*.swift")):
        text = strip_comments(swift.read_text(encoding="utf-8"))
        for m in USE.finditer(text):
            key = m.group(1) or m.group(2) or m.group(3)
            line = text.count("\n", 0, m.start()) + 1
            used.setdefault(key, f"{swift}:{line}")
            if m.group(1) or m.group(3):
                # The values after the key.
                found, _ = call_args(text, text.index("(", m.start()))
                args = None if found is None else len(found) - 1
                expected = len(placeholders(sv.get(key, "")))
                if args is not None and key in sv and args != expected:
                    problems.append(f"{swift}:{line}: {key} takes {expected} value(s), given {args}")
        for m in LITERAL_TEXT.finditer(text):
            literal = m.group(2)
            if re.search(r"[A-Za-zÅÄÖåäö]", literal) and literal not in ALLOWED_LITERALS:
                literal_problems.append(f"{swift}: {m.group(1)}(\"{literal}\") is not localized")
        if re.search(r"\.(foregroundStyle|foregroundColor)\(\s*\.secondary\b", text):
            literal_problems.append(f"{swift}: .secondary text colour fails AA contrast")
        if re.search(r"\btry!|\bas!", text):
            literal_problems.append(f"{swift}: try! or as!")
        if re.search(r"(?<![\w.])print\(", text):
            literal_problems.append(f"{swift}: print( (log through os.Logger, without patient text)")
    problems += literal_problems
    passed += len(list(app.rglob("*.swift")))
    for key, where in sorted(used.items()):
        if key not in sv or key not in en:
            problems.append(f"{where}: {key} is not in both Localizable.strings")
    for key in sorted(set(sv) - set(used)):
        problems.append(f"{key}: in Localizable.strings but never used")

    for lang in ("sv", "en"):
        entries, bad = read_strings(res / f"{lang}.lproj" / "InfoPlist.strings")
        problems += bad
        passed += 1
        if not entries.get("NSCameraUsageDescription"):
            problems.append(f"{lang}.lproj/InfoPlist.strings: no NSCameraUsageDescription")
    with open(res / "Info.plist", "rb") as f:
        info = plistlib.load(f)
    passed += 1
    for key in sorted(INFO_KEYS - set(info)):
        problems.append(f"Info.plist: no {key}")
    modes = set(info.get("UIBackgroundModes", []))
    for mode in ("audio", "fetch", "processing"):
        if mode not in modes:
            problems.append(f"Info.plist: UIBackgroundModes lacks {mode}")
    ids = set(info.get("BGTaskSchedulerPermittedIdentifiers", []))
    swift_ids = set()
    background = app / "Platform" / "BackgroundSync.swift"
    swift_ids.update(re.findall(r'static let \w+Id = "([^"]+)"', background.read_text(encoding="utf-8")))
    if ids != swift_ids:
        problems.append(f"Info.plist BGTaskSchedulerPermittedIdentifiers {sorted(ids)} != BackgroundSync {sorted(swift_ids)}")
    schemes = {s for t in info.get("CFBundleURLTypes", []) for s in t.get("CFBundleURLSchemes", [])}
    for scheme in ("painschool", "smartskolan"):
        if scheme not in schemes:
            problems.append(f"Info.plist: URL scheme {scheme} not registered")

    for p in problems:
        print(p, file=sys.stderr)
    print(f"ios strings: {passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ios"))
