"""The mindfulness script markup, shared by gen_mindfulness.py and
check_mindfulness.py (Python 3.11+, standard library only).

A script (content/mindfulness/<name>.<lang>.txt, UTF-8) is read line by line:

    # a comment                 not spoken, not in the transcript
    title: The breath as an anchor
                                (blank line) starts a new transcript paragraph
    One phrase per line.        spoken, then GAP_SECONDS of silence
    [pause 8]                   8 seconds of silence (0.5 to 20, decimals allowed)

Rules: exactly one `title:` line, before the first phrase; at least one
phrase; no other `[...]` line; silence in a row (consecutive pause lines,
blank and comment lines between them do not count) at most
MAX_SILENCE_SECONDS. The full description is content/mindfulness/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

GAP_SECONDS = 0.7          # after every phrase
LEAD_SECONDS = 0.5         # before the first phrase
TAIL_SECONDS = 1.0         # after the last line
MIN_PAUSE, MAX_PAUSE = 0.5, 20.0
MAX_SILENCE_SECONDS = 20.0  # pause lines in a row, added up

_PAUSE = re.compile(r"^\[pause\s+([0-9]+(?:\.[0-9]+)?)\]$")


class ScriptError(ValueError):
    """A malformed script: the message names the file and the line."""


@dataclass
class Script:
    title: str
    # ("say", text) or ("pause", seconds), in order.
    events: list[tuple[str, object]] = field(default_factory=list)
    # The phrases grouped into transcript paragraphs.
    paragraphs: list[list[str]] = field(default_factory=list)

    def phrases(self) -> list[str]:
        return [e[1] for e in self.events if e[0] == "say"]  # type: ignore[misc]

    def pause_seconds(self) -> float:
        return sum(e[1] for e in self.events if e[0] == "pause")  # type: ignore[misc]


def parse(text: str, name: str = "<script>") -> Script:
    title: str | None = None
    events: list[tuple[str, object]] = []
    paragraphs: list[list[str]] = [[]]
    silence = 0.0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{name}:{number}"
        if line.startswith("#"):
            continue
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if line.lower().startswith("title:"):
            if title is not None:
                raise ScriptError(f"{where}: a second title line")
            if events:
                raise ScriptError(f"{where}: the title line must come before the first phrase")
            title = line[len("title:"):].strip()
            if not title:
                raise ScriptError(f"{where}: empty title")
            continue
        if line.startswith("["):
            m = _PAUSE.match(line)
            if not m:
                raise ScriptError(f"{where}: unknown mark {line!r} (only [pause N] is allowed)")
            seconds = float(m.group(1))
            if not MIN_PAUSE <= seconds <= MAX_PAUSE:
                raise ScriptError(
                    f"{where}: pause of {seconds:g} s (allowed {MIN_PAUSE:g} to {MAX_PAUSE:g} s)")
            silence += seconds
            if silence > MAX_SILENCE_SECONDS:
                raise ScriptError(
                    f"{where}: {silence:g} s of silence in a row (at most {MAX_SILENCE_SECONDS:g} s; "
                    "put a phrase between long pauses)")
            events.append(("pause", seconds))
            continue
        if title is None:
            raise ScriptError(f"{where}: the first line (after comments) must be 'title: ...'")
        silence = 0.0
        events.append(("say", line))
        paragraphs[-1].append(line)
    if title is None:
        raise ScriptError(f"{name}: no 'title:' line")
    if not any(e[0] == "say" for e in events):
        raise ScriptError(f"{name}: no phrases")
    return Script(title=title, events=events, paragraphs=[p for p in paragraphs if p])


def transcript(script: Script) -> str:
    """The transcript Markdown: a title line, then one paragraph per block of
    phrases, without pause marks."""
    out = [f"# {script.title}", ""]
    for para in script.paragraphs:
        out.append(" ".join(para))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
