#!/usr/bin/env python3
"""Checks the iOS app's colours against WCAG 2.1 AA, in light and dark.

Reads each colour set in ios/App/Resources/Assets.xcassets (its universal
value and its dark-appearance value) and computes the contrast ratio of
every pair the app draws:
- the accent and the warning colour as text on the page background (white /
  black) and on cards (secondarySystemBackground: #F2F2F7 / #1C1C1E);
- OnAccent as text on the accent (the filled buttons).

Text needs 4.5:1 (AA for normal text). A pair that fails, a colour set that
is missing or has no dark value, is a failure. Prints
`ios contrast: N passed, M failed`.

  python3 scripts/ios_contrast_check.py ios
"""

import json
import sys
from pathlib import Path

# The system backgrounds the app's colours sit on (UIKit's fixed values).
PAGE = {"light": (0xFF, 0xFF, 0xFF), "dark": (0x00, 0x00, 0x00)}
CARD = {"light": (0xF2, 0xF2, 0xF7), "dark": (0x1C, 0x1C, 0x1E)}
TEXT = 4.5


def channel(c):
    """sRGB channel (0-255) to linear light."""
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def component(value):
    """A colour set component: "0x5A", "90" or "0.353"."""
    value = str(value).strip()
    if value.lower().startswith("0x"):
        return int(value, 16)
    number = float(value)
    return round(number * 255) if "." in value else int(number)


def read_set(path):
    """{"light": rgb, "dark": rgb} of a colour set."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for entry in data.get("colors", []):
        comps = entry["color"]["components"]
        rgb = tuple(component(comps[k]) for k in ("red", "green", "blue"))
        dark = any(
            a.get("appearance") == "luminosity" and a.get("value") == "dark"
            for a in entry.get("appearances", [])
        )
        found["dark" if dark else "light"] = rgb
    return found


def main(root):
    assets = Path(root) / "App" / "Resources" / "Assets.xcassets"
    passed, problems = 0, []
    colours = {}
    for name in ("AccentColor", "OnAccent", "Warning"):
        path = assets / f"{name}.colorset" / "Contents.json"
        if not path.exists():
            problems.append(f"{name}: no colour set")
            continue
        colours[name] = read_set(path)
        for mode in ("light", "dark"):
            if mode not in colours[name]:
                problems.append(f"{name}: no {mode} value")
    pairs = []
    for mode in ("light", "dark"):
        for fg in ("AccentColor", "Warning"):
            pairs.append((fg, mode, "page", PAGE[mode]))
            pairs.append((fg, mode, "card", CARD[mode]))
        pairs.append(("OnAccent", mode, "AccentColor", colours.get("AccentColor", {}).get(mode)))
    for fg, mode, bg_name, bg in pairs:
        rgb = colours.get(fg, {}).get(mode)
        if rgb is None or bg is None:
            continue
        r = ratio(rgb, bg)
        if r >= TEXT:
            passed += 1
        else:
            problems.append(f"{fg} on {bg_name} ({mode}): {r:.2f}:1, below {TEXT}:1")
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    print(f"ios contrast: {passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ios"))
