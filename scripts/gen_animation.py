#!/usr/bin/env python3
"""Makes module 1's narrated animation "the path of a pain signal" from its
checked-in sources, the same bytes every run.

Sources (content/animation/pain-signal/):
  narration.sv.txt, narration.en.txt   one line per caption cue
  scenes.toml                          storyboard: which scene shows during which cue
and this script, which draws every frame as SVG (no words in the pictures, so
one set of frames serves both languages).

Outputs:
  content/modules/01-introduction/media/pain-animation.{sv,en}.mp4   H.264 + AAC
  content/modules/01-introduction/media/pain-animation.{sv,en}.vtt   captions
  content/modules/01-introduction/{sv,en}/pain-animation-transcript.md
  content/animation/pain-signal/section.toml   the manifest section, one video per language
  content/animation/pain-signal/animation.lock  hashes of sources and outputs, durations
  and the m1-pain-animation block of content/modules/01-introduction/module.toml
  (only that block), in the form --module-form says.

How: espeak-ng speaks each cue (trimmed of its own silence with sox); a cue
lasts as long as the longer of its two narrations plus a lead-in and a gap,
rounded up to whole frames; sox pads each language's speech to those lengths
and joins it; the frames are rasterised with rsvg-convert; ffmpeg encodes one
MP4 per language (libx264 with one thread and bit-exact flags, so two runs give
identical files). Needs: espeak-ng, sox, rsvg-convert, ffmpeg (Debian:
apt-get install espeak-ng sox ffmpeg librsvg2-bin). Runs outside CI.

  python3 scripts/gen_animation.py                      # make everything
  python3 scripts/gen_animation.py --preview /tmp/f --at 3,20,60   # a few PNGs only
  python3 scripts/gen_animation.py --module-form per-language      # once the format allows it
"""
import argparse
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "content" / "animation" / "pain-signal"
MODULE = ROOT / "content" / "modules" / "01-introduction"
LANGS = ("sv", "en")
SCRIPT = Path(__file__).resolve()

sys.path.insert(0, str(SCRIPT.parent))
from check_animation import mp4_duration, sha256_file  # noqa: E402

# ---------------------------------------------------------------- colours
BG = "#fbf8f3"
CARD = "#ffffff"
CARD_LINE = "#ddd2c3"
SKIN = "#f5e6d6"
SKIN_LINE = "#8a6f5c"
BRAIN = "#f7d6dc"
BRAIN_LINE = "#b8566f"
CORD = "#f3b860"
CORD_LINE = "#c98a2b"
VERT = "#ece3d6"
VERT_LINE = "#c9b9a5"
NERVE = "#3b7dd8"
PULSE = "#e8590c"
CALM = "#2a9d8f"
NAVY = "#1f3a5f"
WARM = "#ffcf7a"
AMBER = "#e9a23b"

SCENES = ("intro", "nerve-endings", "nerve", "spinal-cord", "brain", "knob",
          "volume-up", "always-real", "volume-down", "outro")
ICONS_UP = ("stress", "worry", "poor-sleep", "long-lasting")
ICONS_DOWN = ("calm", "safety", "movement", "sleep", "matters")


def f(x):
    """A number for SVG: two decimals at most, no trailing zeros."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def clamp(x, lo=0.0, hi=1.0):
    return max(lo, min(hi, x))


def ease(x):
    x = clamp(x)
    return x * x * (3 - 2 * x)


def mix(c1, c2, t):
    t = clamp(t)
    a = [int(c1[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def rot(p, deg):
    a = math.radians(deg)
    return (p[0] * math.cos(a) - p[1] * math.sin(a), p[0] * math.sin(a) + p[1] * math.cos(a))


def catmull(points, steps=12):
    """A smooth polyline through the points (Catmull-Rom)."""
    pts = [points[0]] + list(points) + [points[-1]]
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3) for k in (0, 1)))
    out.append(points[-1])
    return out


class Path2:
    """A polyline with positions by arc length."""

    def __init__(self, pts):
        self.pts = pts
        self.cum = [0.0]
        for a, b in zip(pts, pts[1:]):
            self.cum.append(self.cum[-1] + math.dist(a, b))
        self.length = self.cum[-1]

    def at(self, u):
        d = clamp(u) * self.length
        for i in range(1, len(self.cum)):
            if self.cum[i] >= d:
                seg = self.cum[i] - self.cum[i - 1] or 1.0
                t = (d - self.cum[i - 1]) / seg
                a, b = self.pts[i - 1], self.pts[i]
                return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        return self.pts[-1]

    def d(self):
        return "M" + " L".join(f"{f(x)} {f(y)}" for x, y in self.pts)


# ---------------------------------------------------------------- the body (local coordinates, x = 0 is the spine)
SHOULDER_L, ELBOW_L, WRIST_L = (-92, 240), (-142, 318), (-178, 392)
ARM_W = 40
HAND_SCALE = 1.22
_dx, _dy = WRIST_L[0] - ELBOW_L[0], WRIST_L[1] - ELBOW_L[1]
HAND_ROT = math.degrees(math.atan2(_dx, -_dy))  # the fingers point on along the forearm
_h = rot((0, 38 * HAND_SCALE), HAND_ROT)  # the hand's wrist end, a little inside the arm
HAND_AT = (WRIST_L[0] - _h[0], WRIST_L[1] - _h[1])
PALM = HAND_AT
JUNCTION = (-9, 252)
BRAIN_C = (0, 98)
NERVE_PTS = catmull([PALM, (-170, 378), ELBOW_L, (-120, 282), (-96, 252), (-52, 247), JUNCTION])
CORD_PTS = [JUNCTION, (0, 244), (0, 150), (0, 120)]
ROUTE = Path2(NERVE_PTS + CORD_PTS[1:])
NERVE_PATH = Path2(NERVE_PTS)
U_JUNCTION = NERVE_PATH.length / ROUTE.length
DOWN = Path2([(0, 122), (0, 150), (0, 244), JUNCTION])


def brain_outline():
    pts = []
    for i in range(72):
        a = 2 * math.pi * i / 72
        r = 1 + 0.035 * math.sin(9 * a) + 0.02 * math.sin(5 * a + 1)
        y = 44 * math.sin(a) * r
        if y > 0:
            y *= 0.86  # a flatter underside
        pts.append((BRAIN_C[0] + 64 * math.cos(a) * r, BRAIN_C[1] + y))
    return "M" + " L".join(f"{f(x)} {f(y)}" for x, y in pts) + "Z"


BRAIN_D = brain_outline()
GYRI = [
    "M-44 84 q12 -12 24 -2 q12 10 22 -2",
    "M8 78 q12 -12 24 -2 q10 8 20 -2",
    "M-50 108 q14 -12 28 0 q12 10 22 -2",
    "M6 106 q12 -12 26 -2 q10 8 22 -4",
    "M0 60 c-6 14 6 26 0 40",
]
TORSO = ("M-70 214 C-100 214 -114 226 -114 252 L-98 360 C-94 394 -98 420 -94 446 "
         "L94 446 C98 420 94 394 98 360 L114 252 C114 226 100 214 70 214 Z")
LIMBS = [  # (path, width)
    (f"M{SHOULDER_L[0]} {SHOULDER_L[1]} L{ELBOW_L[0]} {ELBOW_L[1]} L{WRIST_L[0]} {WRIST_L[1]}", ARM_W),
    ("M92 240 L130 322 L148 404", ARM_W),
    ("M-50 430 L-58 600", 62),
    ("M50 430 L58 600", 62),
]
HAND_PARTS = ('<rect x="-15" y="14" width="28" height="30" rx="8"/>'
              '<rect x="-23" y="-22" width="44" height="46" rx="16"/>'
              '<rect x="-22" y="-48" width="10.5" height="40" rx="5.25"/>'
              '<rect x="-11" y="-57" width="10.5" height="49" rx="5.25"/>'
              '<rect x="0" y="-55" width="10.5" height="47" rx="5.25"/>'
              '<rect x="11" y="-46" width="10.5" height="38" rx="5.25"/>'
              '<rect x="13" y="-16" width="10.5" height="28" rx="5.25" transform="rotate(-40 18 10)"/>')


def body_svg(st):
    """The body, spine, nerve and brain, in local coordinates."""
    o = []
    hand_tf = f'translate({f(HAND_AT[0])} {f(HAND_AT[1])}) rotate({f(HAND_ROT)}) scale({HAND_SCALE})'
    # warm light around the whole body ("the pain is real")
    if st["warm"] > 0.01:
        o.append(f'<ellipse cx="0" cy="250" rx="250" ry="290" fill="url(#warm)" opacity="{f(st["warm"])}"/>')
    # outline layer, then fill layer: one clean silhouette
    for layer, (col, extra) in enumerate(((SKIN_LINE, 8), (SKIN, 0))):
        g = [f'<g fill="{col}" stroke="{col}" stroke-linejoin="round" stroke-linecap="round">']
        for d, w in LIMBS:
            g.append(f'<path d="{d}" fill="none" stroke-width="{w + extra}"/>')
        g.append(f'<path d="{TORSO}" stroke-width="{extra}"/>')
        g.append(f'<rect x="-24" y="170" width="48" height="60" rx="8" stroke-width="{extra}"/>')
        g.append(f'<circle cx="0" cy="104" r="84" stroke-width="{extra}"/>')
        g.append(f'<ellipse cx="153" cy="428" rx="21" ry="27" stroke-width="{extra}"/>')
        g.append(f'<g transform="{hand_tf}" stroke-width="{extra / HAND_SCALE}">{HAND_PARTS}</g>')
        g.append("</g>")
        o.append("".join(g))
    # the vertebrae behind the spinal cord
    v = [f'<g fill="{VERT}" stroke="{VERT_LINE}" stroke-width="2">']
    for y in range(232, 420, 24):
        v.append(f'<rect x="-20" y="{y}" width="40" height="18" rx="7"/>')
    v.append("</g>")
    o.append("".join(v))
    # brain glow
    if st["brain_glow"] > 0.01:
        o.append(f'<ellipse cx="{BRAIN_C[0]}" cy="{BRAIN_C[1]}" rx="96" ry="76" fill="url(#glow)" '
                 f'opacity="{f(clamp(st["brain_glow"]))}"/>')
    # spinal cord (highlighted in its scene)
    if st["hl_cord"] > 0.01:
        o.append(f'<rect x="-20" y="118" width="40" height="312" rx="20" fill="{CORD}" opacity="{f(0.35 * st["hl_cord"])}"/>')
    o.append(f'<rect x="-8" y="128" width="16" height="296" rx="8" fill="{CORD}" stroke="{CORD_LINE}" stroke-width="2.5"/>')
    # brain
    fill = mix(BRAIN, "#f6b28c", clamp(st["brain_glow"]) * 0.7)
    o.append(f'<path d="{BRAIN_D}" fill="{fill}" stroke="{BRAIN_LINE}" stroke-width="3.5" stroke-linejoin="round"/>')
    o.append(f'<g fill="none" stroke="{BRAIN_LINE}" stroke-width="2.5" stroke-linecap="round" opacity="0.7">'
             + "".join(f'<path d="{d}"/>' for d in GYRI) + "</g>")
    if st["hl_brain"] > 0.01:
        o.append(f'<circle cx="0" cy="104" r="{f(98 + 3 * math.sin(st["t"] * 2.2))}" fill="none" stroke="{NAVY}" '
                 f'stroke-width="3" stroke-dasharray="10 9" opacity="{f(0.75 * st["hl_brain"])}"/>')
    # nerve
    nd = NERVE_PATH.d()
    if st["hl_nerve"] > 0.01:
        o.append(f'<path d="{nd}" fill="none" stroke="{NERVE}" stroke-width="16" stroke-linecap="round" '
                 f'stroke-linejoin="round" opacity="{f(0.22 * st["hl_nerve"])}"/>')
    o.append(f'<path d="{nd}" fill="none" stroke="{NERVE}" stroke-width="{f(5 + 2 * st["hl_nerve"])}" '
             f'stroke-linecap="round" stroke-linejoin="round"/>')
    # ring around the hand
    if st["hl_hand"] > 0.01:
        r = 50 + 4 * math.sin(st["t"] * 2.4)
        o.append(f'<circle cx="{f(PALM[0])}" cy="{f(PALM[1])}" r="{f(r)}" fill="none" stroke="{NAVY}" stroke-width="3" '
                 f'stroke-dasharray="10 9" opacity="{f(0.8 * st["hl_hand"])}"/>')
    # the nerve endings' star in the palm
    if st["star"] > 0.01:
        s = st["star"]
        rays = []
        for k in range(8):
            a = math.radians(45 * k)
            r1, r2 = 9 * s, 19 * s
            rays.append(f'<line x1="{f(PALM[0] + r1 * math.cos(a))}" y1="{f(PALM[1] + r1 * math.sin(a))}" '
                        f'x2="{f(PALM[0] + r2 * math.cos(a))}" y2="{f(PALM[1] + r2 * math.sin(a))}"/>')
        o.append(f'<circle cx="{f(PALM[0])}" cy="{f(PALM[1])}" r="{f(26 * s)}" fill="url(#glow)" opacity="0.8"/>')
        o.append(f'<g stroke="{PULSE}" stroke-width="{f(2.5 + 1.2 * s)}" stroke-linecap="round">' + "".join(rays) + "</g>")
        o.append(f'<circle cx="{f(PALM[0])}" cy="{f(PALM[1])}" r="{f(5 * s + 1)}" fill="{PULSE}"/>')
    # green signals down from the brain, and their calming ring at the junction
    for u, a in st["down"]:
        x, y = DOWN.at(u)
        o.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="8" fill="{CALM}" stroke="#ffffff" stroke-width="2" opacity="{f(a)}"/>')
    for r, a in st["calm_rings"]:
        o.append(f'<circle cx="{JUNCTION[0]}" cy="{JUNCTION[1]}" r="{f(r)}" fill="none" stroke="{CALM}" stroke-width="3" opacity="{f(a)}"/>')
    # orange pulses
    for u, r, a in st["pulses"]:
        for k, (du, kr, ka) in enumerate(((0.045, 0.55, 0.25), (0.025, 0.75, 0.45), (0, 1, 1))):
            if u - du < 0:
                continue
            x, y = ROUTE.at(u - du)
            if k == 2:
                o.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r * 2.3)}" fill="url(#glow)" opacity="{f(a)}"/>')
                o.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r)}" fill="{PULSE}" stroke="#ffffff" stroke-width="2" opacity="{f(a)}"/>')
            else:
                o.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r * kr)}" fill="{PULSE}" opacity="{f(a * ka)}"/>')
    return "".join(o)


# ---------------------------------------------------------------- the knob panel
KNOB = (735, 200)


def arc(cx, cy, r, a0, a1):
    """An SVG arc from angle a0 to a1 (degrees, 0 = up, clockwise)."""
    p0 = (cx + r * math.sin(math.radians(a0)), cy - r * math.cos(math.radians(a0)))
    p1 = (cx + r * math.sin(math.radians(a1)), cy - r * math.cos(math.radians(a1)))
    large = 1 if a1 - a0 > 180 else 0
    return f"M{f(p0[0])} {f(p0[1])} A{r} {r} 0 {large} 1 {f(p1[0])} {f(p1[1])}"


def speaker(x, y, waves, col):
    s = [f'<g transform="translate({x} {y})" fill="{col}" stroke="{col}" stroke-linecap="round" stroke-linejoin="round">',
         '<path d="M-14 -5 L-8 -5 L0 -12 L0 12 L-8 5 L-14 5 Z" stroke-width="2"/>']
    for k in range(waves):
        r = 7 + 6 * k
        s.append(f'<path d="M{f(2 + r * 0.6)} {f(-r * 0.8)} A{r} {r} 0 0 1 {f(2 + r * 0.6)} {f(r * 0.8)}" fill="none" stroke-width="3"/>')
    s.append("</g>")
    return "".join(s)


def icon(name):
    """An icon drawn in navy around (0, 0), about 40 px across."""
    n = NAVY
    if name == "stress":
        return f'<path d="M5 -22 L-11 3 L-1 3 L-5 22 L12 -5 L2 -5 L8 -22 Z" fill="{n}" stroke="{n}" stroke-width="2" stroke-linejoin="round"/>'
    if name == "worry":
        return (f'<g fill="{n}"><circle cx="-9" cy="-4" r="9"/><circle cx="3" cy="-10" r="11"/><circle cx="13" cy="-2" r="8"/>'
                f'<rect x="-17" y="-4" width="36" height="10" rx="5"/></g>'
                f'<g stroke="{n}" stroke-width="3" stroke-linecap="round"><line x1="-8" y1="12" x2="-11" y2="20"/>'
                f'<line x1="2" y1="12" x2="-1" y2="20"/><line x1="12" y1="12" x2="9" y2="20"/></g>')
    if name in ("poor-sleep", "sleep"):
        moon = f'<path d="M2 -19 A17 17 0 1 0 17 6 A13 13 0 1 1 2 -19 Z" fill="{n}" transform="translate(-6 0)"/>'
        if name == "sleep":
            return moon + (f'<g fill="{n}"><path d="M15 -18 l2 5 l5 2 l-5 2 l-2 5 l-2 -5 l-5 -2 l5 -2 Z"/>'
                           f'<path d="M19 4 l1.4 3.6 l3.6 1.4 l-3.6 1.4 l-1.4 3.6 l-1.4 -3.6 l-3.6 -1.4 l3.6 -1.4 Z"/></g>')
        return moon + f'<path d="M-20 19 L-13 13 L-6 19 L1 13 L8 19 L15 13 L21 18" fill="none" stroke="{n}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'
    if name == "long-lasting":
        return (f'<g fill="none" stroke="{n}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">'
                f'<line x1="-13" y1="-20" x2="13" y2="-20"/><line x1="-13" y1="20" x2="13" y2="20"/>'
                f'<path d="M-10 -20 C-10 -6 10 -6 10 0 C10 6 -10 6 -10 20 M10 -20 C10 -6 -10 -6 -10 0 C-10 6 10 6 10 20"/></g>'
                f'<path d="M-7 18 L0 10 L7 18 Z M-5 -14 L5 -14 L0 -8 Z" fill="{n}"/>')
    if name == "calm":
        return (f'<g fill="none" stroke="{n}" stroke-width="3.5" stroke-linecap="round">'
                + "".join(f'<path d="M-19 {y} q5 -6 10 0 q5 6 10 0 q5 -6 10 0 q4 5 8 0"/>' for y in (-10, 0, 10)) + "</g>")
    if name == "safety":
        return (f'<path d="M0 -20 L-20 -2 L-14 -2 L-14 18 L14 18 L14 -2 L20 -2 Z" fill="{n}" stroke="{n}" stroke-width="2" stroke-linejoin="round"/>'
                f'<rect x="-5" y="5" width="10" height="13" rx="2" fill="#ffffff"/>')
    if name == "movement":
        return (f'<circle cx="3" cy="-17" r="5.5" fill="{n}"/>'
                f'<g fill="none" stroke="{n}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">'
                f'<path d="M1 -9 L-2 6"/><path d="M-2 6 L-10 20"/><path d="M-2 6 L7 12 L8 21"/>'
                f'<path d="M-12 -2 L-5 -8 L1 -9 L8 -2 L14 0"/></g>')
    if name == "matters":
        return f'<path d="M0 18 C-26 0 -22 -20 -9 -20 C-3 -20 0 -15 0 -12 C0 -15 3 -20 9 -20 C22 -20 26 0 0 18 Z" fill="{n}"/>'
    raise ValueError(name)


def panel_svg(st):
    o = [f'<g opacity="{f(st["panel"])}">',
         f'<rect x="545" y="28" width="390" height="484" rx="26" fill="{CARD}" stroke="{CARD_LINE}" stroke-width="2"/>']
    cx, cy = KNOB
    lvl = st["level"]
    ang = -135 + 270 * lvl
    o.append(f'<path d="{arc(cx, cy, 112, -135, 135)}" fill="none" stroke="#e9e1d5" stroke-width="16" stroke-linecap="round"/>')
    # the filled part, teal at the quiet end, amber in the middle, orange at the loud end
    a = -135.0
    while a < ang - 0.01:
        b = min(a + 6, ang)
        p = (a + b) / 2 / 270 + 0.5
        c = mix(CALM, AMBER, p * 2) if p < 0.5 else mix(AMBER, PULSE, p * 2 - 1)
        o.append(f'<path d="{arc(cx, cy, 112, a, max(b, a + 0.5))}" fill="none" stroke="{c}" stroke-width="16" stroke-linecap="round"/>')
        a = b
    for k in range(11):
        a = math.radians(-135 + 27 * k)
        r1, r2 = 128, 138
        o.append(f'<line x1="{f(cx + r1 * math.sin(a))}" y1="{f(cy - r1 * math.cos(a))}" x2="{f(cx + r2 * math.sin(a))}" '
                 f'y2="{f(cy - r2 * math.cos(a))}" stroke="#9a8a78" stroke-width="3" stroke-linecap="round"/>')
    o.append(speaker(cx - 118, cy + 132, 1, CALM))
    o.append(speaker(cx + 112, cy + 132, 3, PULSE))
    # which way it is turning
    if abs(st["dlevel"]) > 0.02:
        a = clamp(abs(st["dlevel"]) * 2.5, 0, 0.9)
        up = st["dlevel"] > 0
        c2 = PULSE if up else CALM
        a0, a1 = (ang + 14, ang + 50) if up else (ang - 50, ang - 14)
        tip = a1 if up else a0
        tp = (cx + 93 * math.sin(math.radians(tip)), cy - 93 * math.cos(math.radians(tip)))
        head = -90 if up else 90
        o.append(f'<g opacity="{f(a)}"><path d="{arc(cx, cy, 93, a0, a1)}" fill="none" stroke="{c2}" stroke-width="5" stroke-linecap="round"/>'
                 f'<path d="M-7 -6 L2 0 L-7 6" transform="translate({f(tp[0])} {f(tp[1])}) rotate({f(tip + head + 90 if up else tip + head - 90)})" '
                 f'fill="none" stroke="{c2}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g>')
    o.append(f'<circle cx="{cx}" cy="{cy}" r="80" fill="{NAVY}"/>')
    o.append(f'<circle cx="{cx}" cy="{cy}" r="68" fill="#2b5282"/>')
    for k in range(24):
        a = math.radians(15 * k)
        o.append(f'<line x1="{f(cx + 72 * math.sin(a))}" y1="{f(cy - 72 * math.cos(a))}" x2="{f(cx + 78 * math.sin(a))}" '
                 f'y2="{f(cy - 78 * math.cos(a))}" stroke="#5b7fae" stroke-width="2.5"/>')
    o.append(f'<g transform="rotate({f(ang)} {cx} {cy})"><line x1="{cx}" y1="{cy - 18}" x2="{cx}" y2="{cy - 58}" '
             f'stroke="#ffffff" stroke-width="10" stroke-linecap="round"/></g>')
    o.append(f'<circle cx="{cx}" cy="{cy}" r="9" fill="#ffffff" opacity="0.9"/>')
    # the pictures that turn the volume up or down
    for name, x, a, s in st["icons"]:
        up = name in ICONS_UP
        ring = PULSE if up else CALM
        arrow = "M-4 2 L0 -3 L4 2" if up else "M-4 -2 L0 3 L4 -2"
        o.append(f'<g transform="translate({f(x)} 418) scale({f(s)})" opacity="{f(a)}">'
                 f'<circle r="31" fill="#ffffff" stroke="{ring}" stroke-width="4.5"/>{icon(name)}'
                 f'<g transform="translate(24 -24)"><circle r="10" fill="{ring}"/>'
                 f'<path d="{arrow}" fill="none" stroke="#ffffff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></g></g>')
    o.append("</g>")
    return "".join(o)


def frame_svg(st, w, h):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 960 540">'
            '<defs><radialGradient id="glow"><stop offset="0" stop-color="#ff9a4d" stop-opacity="0.75"/>'
            '<stop offset="1" stop-color="#ff9a4d" stop-opacity="0"/></radialGradient>'
            f'<radialGradient id="warm"><stop offset="0" stop-color="{WARM}" stop-opacity="0.55"/>'
            f'<stop offset="0.7" stop-color="{WARM}" stop-opacity="0.25"/><stop offset="1" stop-color="{WARM}" stop-opacity="0"/></radialGradient></defs>'
            f'<rect width="960" height="540" fill="{BG}"/>'
            f'<g transform="translate({f(st["body_x"])} 0)" opacity="{f(st["body_a"])}">{body_svg(st)}</g>'
            + (panel_svg(st) if st["panel"] > 0.005 else "") + "</svg>")


# ---------------------------------------------------------------- the timeline
class Timeline:
    """Cue slots, scenes and every animated value as a function of time."""

    def __init__(self, board, slots, fps):
        self.fps = fps
        self.slots = slots  # [(start, end)] per cue, seconds
        self.end = slots[-1][1]
        self.cue_scene = {}
        self.scene_span = {}
        knob_keys, self.icon_events, self.down_emits = [], [], []
        level = 0.5
        group = 0
        for sc in board["scenes"]:
            cues = sc["cues"]
            start, end = slots[cues[0] - 1][0], slots[cues[-1] - 1][1]
            self.scene_span[sc["id"]] = (start, end)
            if sc.get("clear_icons"):
                group += 1
                self.icon_events.append(("clear", start, group))
            for i, c in enumerate(cues):
                self.cue_scene[c] = sc["id"]
                s0, s1 = slots[c - 1]
                if "knob" in sc:
                    ways = sc["knob"][i]
                    seg = (s1 - s0) / len(ways)
                    for j, v in enumerate(ways):
                        t0 = s0 + j * seg + 0.2
                        knob_keys.append((t0, t0 + min(seg, 1.8), level, v))
                        level = v
                if "icons" in sc:
                    # after a clear, the old pictures fade out before new ones come
                    first = max(s0 + 0.3, start + 1.5) if sc.get("clear_icons") else s0 + 0.3
                    for j, name in enumerate(sc["icons"][i]):
                        self.icon_events.append(("add", first + 0.9 * j, group, name))
                if sc.get("down_signals", [False] * len(cues))[i]:
                    te = s0 + 0.4
                    while te < s1 - 0.2:
                        self.down_emits.append(te)
                        te += 1.9
        self.knob_keys = knob_keys
        # the star lights up on the nerve-endings scene's second cue (its first, if it has one)
        ne = [c for c, s in self.cue_scene.items() if s == "nerve-endings"]
        self.star_on = slots[ne[1 if len(ne) > 1 else 0] - 1][0] + 0.5
        # how many icons each group ends with (to centre its row)
        self.group_size = {}
        for ev in self.icon_events:
            if ev[0] == "add":
                self.group_size[ev[2]] = self.group_size.get(ev[2], 0) + 1
        # orange pulses: from the nerve scene on, one every `period` seconds
        n0 = self.scene_span["nerve"][0]
        sc0 = self.scene_span["spinal-cord"][0]
        self.period, self.travel = 2.4, 3.1
        self.pulses = []
        te = n0 + 0.3
        while te < self.end - 1.0:
            self.pulses.append((te, U_JUNCTION if te < sc0 - 0.2 else 1.0))
            te += self.period

    def level(self, t):
        v = 0.5
        for t0, t1, a, b in self.knob_keys:
            if t >= t1:
                v = b
            elif t >= t0:
                return a + (b - a) * ease((t - t0) / (t1 - t0))
            else:
                break
        return v

    def weight(self, scene, t, fade=0.6):
        s, e = self.scene_span[scene]
        if t < s - fade or t > e + fade:
            return 0.0
        return ease(clamp((t - s) / fade + 0.5)) * ease(clamp((e - t) / fade + 0.5))

    def state(self, t):
        lvl = self.level(t)
        dl = (self.level(t + 0.15) - self.level(t - 0.15)) / 0.3
        ks = self.scene_span["knob"][0]
        slide = ease((t - ks - 0.1) / 1.3)
        st = {
            "t": t,
            "level": lvl,
            "dlevel": dl,
            "body_a": ease(t / 1.6) if t < 1.6 else 1.0,
            "body_x": 480 + (262 - 480) * slide,
            "panel": ease((t - ks - 0.6) / 0.9),
            "hl_hand": self.weight("nerve-endings", t),
            "hl_nerve": self.weight("nerve", t),
            "hl_cord": self.weight("spinal-cord", t),
            "hl_brain": self.weight("brain", t),
            "warm": 0.9 * self.weight("always-real", t, 1.0),
        }
        # the star: pops up on the nerve endings' second cue, then follows the level
        star_on = self.star_on
        star = 0.0
        if t >= star_on:
            pop = ease((t - star_on) / 0.5)
            star = pop * (0.55 + 0.75 * lvl)
            # a flicker each time the nerve endings fire
            for te, _ in self.pulses:
                if 0 <= t - te < 0.5:
                    star *= 1 + 0.25 * (1 - (t - te) / 0.5)
        st["star"] = star
        # orange pulses
        pulses, glow = [], 0.0
        for te, umax in self.pulses:
            age = t - te
            if age < 0:
                break
            u = age / self.travel
            if u > umax + 0.25:
                continue
            if u <= umax:
                if u < U_JUNCTION:
                    r, a = 8.0, 1.0
                else:
                    r, a = 8.0 * (0.55 + 0.9 * lvl), 0.45 + 0.55 * lvl
                if umax < 1 and u > umax - 0.08:
                    a *= clamp((umax - u) / 0.08)
                pulses.append((u, r, a))
            elif umax >= 1:
                dt = (u - 1) * self.travel
                glow += max(0.0, 1 - dt / 0.9) * (0.35 + 0.75 * lvl)
        st["pulses"] = pulses
        st["brain_glow"] = clamp(glow + 0.35 * st["hl_brain"] + 0.25 * st["warm"])
        # green signals down the spinal cord
        down, rings = [], []
        for te in self.down_emits:
            age = t - te
            if age < 0:
                break
            if age < 1.4:
                a = ease(age / 0.2)
                down.append((age / 1.4, a))
            elif age < 2.2:
                k = (age - 1.4) / 0.8
                rings.append((10 + 22 * k, 0.8 * (1 - k)))
        st["down"], st["calm_rings"] = down, rings
        # icons
        icons, groups = [], {}
        cleared = {}
        for ev in self.icon_events:
            if ev[0] == "clear" and t >= ev[1]:
                for g in range(ev[2]):
                    cleared.setdefault(g, ev[1])
        for ev in self.icon_events:
            if ev[0] != "add" or t < ev[1]:
                continue
            g = ev[2]
            idx = groups.get(g, 0)
            groups[g] = idx + 1
            n = self.group_size[g]
            x = KNOB[0] + (idx - (n - 1) / 2) * 72
            k = ease((t - ev[1]) / 0.6)
            a, s = k, 0.7 + 0.3 * k
            if g in cleared:
                a *= 1 - ease((t - cleared[g]) / 0.8)
            if a > 0.01:
                icons.append((ev[3], x, a, s))
        st["icons"] = icons
        return st


# ---------------------------------------------------------------- sources
def load_sources():
    board = tomllib.loads((SRC / "scenes.toml").read_text(encoding="utf-8"))
    lines = {}
    for lang in LANGS:
        text = (SRC / f"narration.{lang}.txt").read_text(encoding="utf-8")
        ls = [l.strip() for l in text.splitlines()]
        if any(not l for l in ls):
            sys.exit(f"narration.{lang}.txt: an empty line (one line per caption cue, no blank lines)")
        lines[lang] = ls
    n = len(lines["sv"])
    if len(lines["en"]) != n:
        sys.exit(f"narration: {n} Swedish cues but {len(lines['en'])} English ones")
    seen = []
    for sc in board["scenes"]:
        if sc["id"] not in SCENES:
            sys.exit(f"scenes.toml: unknown scene {sc['id']!r} (known: {', '.join(SCENES)})")
        seen += sc["cues"]
        for key in ("knob", "icons", "down_signals"):
            if key in sc and len(sc[key]) != len(sc["cues"]):
                sys.exit(f"scenes.toml: scene {sc['id']}: {key} needs one entry per cue")
        for names in sc.get("icons", []):
            for name in names:
                if name not in ICONS_UP + ICONS_DOWN:
                    sys.exit(f"scenes.toml: scene {sc['id']}: unknown icon {name!r}")
        for ways in sc.get("knob", []):
            if not ways or any(not 0 < v <= 1 for v in ways):
                sys.exit(f"scenes.toml: scene {sc['id']}: knob positions must be in (0, 1]")
    if seen != list(range(1, n + 1)):
        sys.exit(f"scenes.toml: the scenes' cues must be 1..{n} in order, each once (got {seen})")
    if [sc["id"] for sc in board["scenes"]] != list(SCENES):
        sys.exit(f"scenes.toml: the scenes must be, in order: {', '.join(SCENES)}")
    return board, lines


# ---------------------------------------------------------------- speech
def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({r.returncode}): {' '.join(map(str, cmd))}\n{r.stderr.decode(errors='replace')}")
    return r.stdout


def samples(path):
    with wave.open(str(path)) as w:
        return w.getnframes(), w.getframerate()


def speak(board, lines, tmp):
    """Speaks every cue; returns {lang: [samples of speech]} and the sample rate."""
    a = board["audio"]
    lens, rate = {}, None
    for lang in LANGS:
        lens[lang] = []
        for i, line in enumerate(lines[lang], 1):
            txt, raw, cut = tmp / f"{lang}-{i:02}.txt", tmp / f"{lang}-{i:02}.raw.wav", tmp / f"{lang}-{i:02}.wav"
            txt.write_text(line + "\n", encoding="utf-8")
            run(["espeak-ng", "-b", "1", "-v", a["voice"][lang], "-s", str(a["words_per_minute"]), "-w", str(raw), "-f", str(txt)])
            run(["sox", "-R", "-D", str(raw), str(cut), "silence", "1", "0.02", "0.5%", "reverse",
                 "silence", "1", "0.02", "0.5%", "reverse"])
            n, r = samples(cut)
            rate = rate or r
            if r != rate:
                sys.exit(f"espeak-ng wrote {r} Hz for {cut.name}, {rate} Hz before")
            lens[lang].append(n)
    return lens, rate


def plan(board, lens, rate):
    """Cue slots in frames, the same for both languages."""
    fps = board["video"]["fps"]
    a = board["audio"]
    per_frame = rate / fps
    if per_frame != int(per_frame):
        sys.exit(f"{rate} Hz is not a whole number of samples per frame at {fps} fps")
    per_frame = int(per_frame)
    frames = []
    n = len(lens["sv"])
    for i in range(n):
        speech = max(lens[l][i] for l in LANGS) / rate
        secs = a["lead_in"] + speech + a["gap"] + (a["tail"] if i == n - 1 else 0)
        frames.append(math.ceil(secs * fps - 1e-9))
    return frames, per_frame


def build_audio(board, lens, rate, frames, per_frame, tmp, lang):
    lead = round(board["audio"]["lead_in"] * rate)
    parts = []
    for i, nf in enumerate(frames, 1):
        total = nf * per_frame
        rest = total - lead - lens[lang][i - 1]
        out = tmp / f"{lang}-{i:02}.pad.wav"
        run(["sox", "-R", "-D", str(tmp / f"{lang}-{i:02}.wav"), str(out), "pad", f"{lead}s", f"{rest}s"])
        parts.append(str(out))
    joined = tmp / f"narration.{lang}.wav"
    run(["sox", "-R", "-D", *parts, str(joined), "gain", "-n", "-3"])
    n, _ = samples(joined)
    if n != sum(frames) * per_frame:
        sys.exit(f"narration.{lang}.wav has {n} samples, expected {sum(frames) * per_frame}")
    return joined


# ---------------------------------------------------------------- captions and transcripts
def wrap(text, width=42):
    if len(text) <= width:
        return [text]
    words = text.split(" ")
    best = None
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        score = max(len(a), len(b)) - (8 if a.endswith((".", ",")) else 0)
        if best is None or score < best[0]:
            best = (score, [a, b])
    return best[1]


def ts(sec):
    ms = round(sec * 1000)
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02}.{ms:03}"


def vtt(board, lines, lens, rate, frames, fps, lang):
    out = ["WEBVTT", ""]
    start = 0
    lead = board["audio"]["lead_in"]
    for i, line in enumerate(lines[lang]):
        t0 = start / fps + round(lead * rate) / rate
        t1 = t0 + lens[lang][i] / rate
        out += [str(i + 1), f"{ts(t0)} --> {ts(t1)}", *wrap(line), ""]
        start += frames[i]
    return "\n".join(out)


def spoken_duration(sec, lang):
    m, s = divmod(round(sec), 60)
    if lang == "sv":
        parts = ([f"{m} minut" if m == 1 else f"{m} minuter"] if m else []) + ([f"{s} sekunder"] if s else [])
        return " och ".join(parts)
    parts = ([f"{m} minute" if m == 1 else f"{m} minutes"] if m else []) + ([f"{s} seconds"] if s else [])
    return " and ".join(parts)


def transcript(board, lines, lang, seconds):
    tr = board["transcript"]
    out = [f"# {tr['title'][lang]}", "", tr["about"][lang].replace("{duration}", spoken_duration(seconds, lang)), ""]
    for sc in board["scenes"]:
        out += [" ".join(lines[lang][c - 1] for c in sc["cues"]), ""]
    return "\n".join(out)


# ---------------------------------------------------------------- frames and video
def render_frames(tl, board, tmp, only=None):
    v = board["video"]
    w, h, fps = v["width"], v["height"], v["fps"]
    total = round(tl.end * fps)
    fdir = tmp / "frames"
    fdir.mkdir(exist_ok=True)
    cache = {}
    todo = range(total) if only is None else only
    for k in todo:
        svg = frame_svg(tl.state(k / fps), w, h)
        key = hashlib.sha256(svg.encode()).hexdigest()
        dst = fdir / f"{k:05}.png"
        if key in cache:
            os.link(cache[key], dst)
        else:
            dst.write_bytes(run(["rsvg-convert", "-w", str(w), "-h", str(h), "-f", "png"], input=svg.encode()))
            cache[key] = dst
        if only is None and k % 150 == 0:
            print(f"  frame {k}/{total} ({len(cache)} drawn)", flush=True)
    return fdir, total, len(cache)


def encode(fdir, fps, audio, out):
    tmp_out = out.with_name(out.name + ".tmp.mp4")
    run(["ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-nostdin",
         "-framerate", str(fps), "-i", str(fdir / "%05d.png"), "-i", str(audio),
         "-map", "0:v:0", "-map", "1:a:0",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-profile:v", "main", "-preset", "medium", "-crf", "28",
         "-tune", "animation", "-g", str(fps * 4), "-threads", "1",
         "-c:a", "aac", "-b:a", "64k",
         "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
         "-map_metadata", "-1", str(tmp_out)])
    tmp_out.replace(out)


# ---------------------------------------------------------------- manifests and lock
def rel(p):
    return Path(p).resolve().relative_to(ROOT).as_posix()


def section_toml(board, hashes, duration, form):
    sec = board["section"]
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    media = lambda p: f'{{ path = {q(p)}, sha256 = {q(hashes[p])} }}'
    if form == "per-language":
        file_line = "file = { " + ", ".join(f"{l} = {media(f'media/pain-animation.{l}.mp4')}" for l in LANGS) + " }"
    else:
        file_line = f"file = {media('media/pain-animation.sv.mp4')}"
    return "\n".join([
        "[[sections]]",
        f"id = {q(sec['id'])}",
        'kind = "video"',
        "title = { " + ", ".join(f"{l} = {q(sec['title'][l])}" for l in LANGS) + " }",
        file_line,
        "captions = { " + ", ".join(f"{l} = {media(f'media/pain-animation.{l}.vtt')}" for l in LANGS) + " }",
        "transcript = { " + ", ".join(f'{l} = "{l}/pain-animation-transcript.md"' for l in LANGS) + " }",
        f"duration_seconds = {duration}",
        "",
    ])


def patch_module(block, section_id):
    path = MODULE / "module.toml"
    text = path.read_text(encoding="utf-8")
    pat = re.compile(r'\[\[sections\]\]\nid = "' + re.escape(section_id) + r'"\n.*?(?=\n\[\[sections\]\]|\Z)', re.S)
    if len(pat.findall(text)) != 1:
        sys.exit(f"{rel(path)}: found no single [[sections]] block with id = \"{section_id}\"")
    new = pat.sub(lambda m: block, text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def tool_versions():
    first = lambda cmd: run(cmd).decode(errors="replace").splitlines()[0].strip()
    return {
        "espeak-ng": first(["espeak-ng", "--version"]),
        "sox": first(["sox", "--version"]),
        "rsvg-convert": first(["rsvg-convert", "--version"]),
        "ffmpeg": first(["ffmpeg", "-version"]),
    }


def write_lock(outputs, tools):
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ["# Written by scripts/gen_animation.py; checked by scripts/check_animation.py. Do not edit by hand:",
           "# change the sources and run python3 scripts/gen_animation.py.", "", "[tools]"]
    out += [f"{q(k)} = {q(v)}" for k, v in tools.items()]
    for o in outputs:
        out += ["", "[[outputs]]", f"path = {q(o['path'])}", f"sha256 = {q(o['sha256'])}"]
        if "duration_seconds" in o:
            out.append(f"duration_seconds = {o['duration_seconds']}")
        out.append("sources = { " + ", ".join(f"{q(k)} = {q(v)}" for k, v in o["sources"].items()) + " }")
    (SRC / "animation.lock").write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preview", metavar="DIR", help="only write PNG frames at --at times into DIR")
    ap.add_argument("--at", default="2,8,14,22,35,45,60,75,90,105", help="seconds, comma-separated (with --preview)")
    ap.add_argument("--module-form", choices=("single", "per-language"), default="single",
                    help="the file form written into module.toml (section.toml is always per language)")
    ap.add_argument("--keep-temp", action="store_true")
    args = ap.parse_args()
    for tool in ("espeak-ng", "sox", "rsvg-convert", "ffmpeg"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install espeak-ng sox ffmpeg librsvg2-bin")

    board, lines = load_sources()
    fps = board["video"]["fps"]
    tmp = Path(tempfile.mkdtemp(prefix="painanim-"))
    try:
        print("speaking the cues")
        lens, rate = speak(board, lines, tmp)
        frames, per_frame = plan(board, lens, rate)
        slots, t = [], 0
        for nf in frames:
            slots.append((t / fps, (t + nf) / fps))
            t += nf
        tl = Timeline(board, slots, fps)
        if args.preview:
            dest = Path(args.preview)
            dest.mkdir(parents=True, exist_ok=True)
            ks = [round(float(x) * fps) for x in args.at.split(",")]
            fdir, _, _ = render_frames(tl, board, tmp, only=ks)
            for k in ks:
                shutil.copy(fdir / f"{k:05}.png", dest / f"frame-{k / fps:06.2f}s.png")
            print(f"wrote {len(ks)} frames to {dest} (film {tl.end:.2f} s)")
            print("cues start at: " + ", ".join(f"{i}: {s:.1f}" for i, (s, _) in enumerate(slots, 1)))
            return 0
        for lang in LANGS:
            print(f"  {lang}: speech {sum(lens[lang]) / rate:.1f} s")
        print(f"film: {len(frames)} cues, {sum(frames)} frames, {sum(frames) / fps:.2f} s")
        audio = {l: build_audio(board, lens, rate, frames, per_frame, tmp, l) for l in LANGS}
        print("drawing the frames")
        fdir, total, drawn = render_frames(tl, board, tmp)
        print(f"  {total} frames, {drawn} different")

        media = MODULE / "media"
        outs = {}
        for lang in LANGS:
            mp4 = media / f"pain-animation.{lang}.mp4"
            print(f"encoding {rel(mp4)}")
            encode(fdir, fps, audio[lang], mp4)
            outs[lang] = mp4
        durations = {l: mp4_duration(outs[l]) for l in LANGS}
        longest = max(durations.values())
        for lang in LANGS:
            (media / f"pain-animation.{lang}.vtt").write_text(vtt(board, lines, lens, rate, frames, fps, lang), encoding="utf-8")
            (MODULE / lang / "pain-animation-transcript.md").write_text(transcript(board, lines, lang, longest), encoding="utf-8")

        # hashes, section snippet, module.toml, lock
        src_all = [SRC / "scenes.toml", SCRIPT]
        hashes = {}
        for lang in LANGS:
            for name in (f"media/pain-animation.{lang}.mp4", f"media/pain-animation.{lang}.vtt"):
                hashes[name] = sha256_file(MODULE / name)
        dur_int = round(longest)
        (SRC / "section.toml").write_text(
            "# The m1-pain-animation section with one video per language (written by scripts/gen_animation.py),\n"
            "# ready to replace the block in content/modules/01-introduction/module.toml once the format\n"
            "# allows `file` per language.\n" + section_toml(board, hashes, dur_int, "per-language"), encoding="utf-8")
        changed = patch_module(section_toml(board, hashes, dur_int, args.module_form).rstrip("\n") + "\n",
                               board["section"]["id"])
        both = [SRC / f"narration.{l}.txt" for l in LANGS]
        out_list = []
        for lang in LANGS:
            timed = both + src_all  # the cue lengths come from both languages
            out_list.append({"path": rel(outs[lang]), "duration_seconds": round(durations[lang], 3), "files": timed})
            out_list.append({"path": rel(media / f"pain-animation.{lang}.vtt"), "files": timed})
        for lang in LANGS:
            out_list.append({"path": rel(MODULE / lang / "pain-animation-transcript.md"), "files": both + src_all})
        out_list.append({"path": rel(SRC / "section.toml"), "files": both + src_all})
        for o in out_list:
            o["sha256"] = sha256_file(ROOT / o["path"])
            o["sources"] = {rel(p): sha256_file(p) for p in o.pop("files")}
        write_lock(out_list, tool_versions())
        for lang in LANGS:
            print(f"{rel(outs[lang])}: {durations[lang]:.2f} s, {outs[lang].stat().st_size / 1e6:.2f} MB, "
                  f"sha256 {hashes[f'media/pain-animation.{lang}.mp4']}")
        print(f"module.toml: m1-pain-animation block {'updated' if changed else 'unchanged'} ({args.module_form} file)")
        print(f"wrote {rel(SRC / 'section.toml')} and {rel(SRC / 'animation.lock')}")
    finally:
        if args.keep_temp:
            print(f"temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
