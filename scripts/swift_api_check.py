#!/usr/bin/env python3
"""Checks hand-written Swift against the generated bindings' names.

Usage: swift_api_check.py GENERATED.swift FILE.swift...

No Swift compiler runs on this machine, so a wrong name or argument label
in the app would only show on a Mac. This reads the generated
`PainSchoolCore.swift` and checks, in the hand-written files:
- every memberwise init of a generated record (`ThisWeek(today: …)`) passes
  exactly the record's fields, in order;
- every enum case written with arguments (`.active(endsAt: …)`) uses the
  labels of a generated case of that name (patterns without labels, such
  as `case let .ended(a, b)`, are fine);
- every error case written as `CourseError.NotFound(…)` exists with those
  labels;
- every call on a name declared in the file as a `Course` or a
  `MindfulnessPlayer` (`let course: Course`) names an exported method with
  its labels.
It is a lexical check, not a type check: it catches misspelt names and
labels, not wrong types.
"""

import re
import sys

def strip_comments(text):
    """Blanks comments outside string literals (newlines kept)."""
    out, i, n = [], 0, len(text)
    in_string = False
    while i < n:
        c = text[i]
        if in_string:
            if c == "\\":
                out.append(text[i:i + 2])
                i += 2
                continue
            if c == '"':
                in_string = False
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch for ch in text[i:j] if ch == "\n"))
            i = j
        else:
            if c == '"':
                in_string = True
            out.append(c)
            i += 1
    return "".join(out)


def generated_api(path):
    src = strip_comments(open(path, encoding="utf-8").read())
    records = {}
    for m in re.finditer(r"public struct (\w+): Equatable, Hashable \{(.*?)\n\}", src, re.S):
        records[m.group(1)] = re.findall(r"public var (\w+):", m.group(2))
    enums, errors = {}, {}
    for m in re.finditer(r"public\s+enum (\w+): (Equatable|Swift\.Error)[^{]*\{(.*?)\n\}", src, re.S):
        cases = {}
        for c in re.finditer(r"case (`?\w+`?)(\((.*?)\))?\s*\n", m.group(3), re.S):
            cases[c.group(1).strip("`")] = re.findall(r"(?:^|,)\s*(\w+)\s*:", c.group(3) or "")
        (errors if m.group(2) == "Swift.Error" else enums)[m.group(1)] = cases
    methods = {}
    for m in re.finditer(r"public protocol (\w+): AnyObject, Sendable \{(.*?)\n\}", src, re.S):
        table = {}
        for f in re.finditer(r"func (\w+)\((.*?)\)", m.group(2), re.S):
            labels = [p.split(":")[0].strip().split(" ")[0] for p in f.group(2).split(",") if ":" in p]
            table.setdefault(f.group(1), []).append(labels)
        methods[m.group(1)] = table
    return records, enums, errors, methods


def call_args(text, open_index):
    """The top-level arguments of the call whose `(` is at open_index."""
    depth, start, args, i = 0, open_index + 1, [], open_index
    in_string = False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[start:i])
                return [a.strip() for a in args if a.strip()], i
        elif c == "," and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    return None, i


def label(arg):
    m = re.match(r"(\w+)\s*:(?!:)", arg)
    return m.group(1) if m else None


def main(generated, paths):
    records, enums, errors, methods = generated_api(generated)
    case_labels = {}
    for cases in enums.values():
        for name, labels in cases.items():
            case_labels.setdefault(name, []).append(labels)
    course = methods.get("CourseProtocol", {})
    player = methods.get("MindfulnessPlayerProtocol", {})
    problems, checked = [], 0
    for path in paths:
        raw = open(path, encoding="utf-8").read()
        text = strip_comments(raw)

        def where(index):
            return f"{path}:{text.count(chr(10), 0, index) + 1}"

        for name, fields in records.items():
            for m in re.finditer(r"(?<![\w.])" + name + r"\(", text):
                args, _ = call_args(text, m.end() - 1)
                if args is None:
                    continue
                labels = [label(a) for a in args]
                checked += 1
                if labels != fields:
                    problems.append(f"{where(m.start())}: {name}({', '.join(str(l) for l in labels)}) "
                                    f"but the record is {name}({', '.join(fields)})")
        for m in re.finditer(r"(?<![\w)\]])\.(\w+)\(", text):
            name = m.group(1)
            if name not in case_labels or all(not l for l in case_labels[name]):
                continue
            args, _ = call_args(text, m.end() - 1)
            if not args:
                continue
            labels = [label(a) for a in args]
            if all(l is None for l in labels):
                continue  # a pattern: `.ended(let a, let b)` or positional bindings
            checked += 1
            if labels not in case_labels[name]:
                problems.append(f"{where(m.start())}: .{name}({', '.join(str(l) for l in labels)}) matches no "
                                f"generated case ({'; '.join(','.join(l) for l in case_labels[name])})")
        for m in re.finditer(r"\b(\w+Error)\.(\w+)\b(\()?", text):
            enum, case = m.group(1), m.group(2)
            if enum not in errors:
                continue
            checked += 1
            if case not in errors[enum]:
                problems.append(f"{where(m.start())}: {enum}.{case} is not a generated case")
                continue
            if m.group(3):
                args, _ = call_args(text, m.end() - 1)
                labels = [label(a) for a in args or []]
                if any(l is not None for l in labels) and labels != errors[enum][case]:
                    problems.append(f"{where(m.start())}: {enum}.{case}({', '.join(str(l) for l in labels)}) "
                                    f"but the case is {case}({', '.join(errors[enum][case])})")
        # Calls on names declared as a generated object in this file
        # (`let course: Course`, `private let player: MindfulnessPlayer`).
        receivers = []
        for name, kind in re.findall(r"\b(?:let|var)\s+(\w+)\s*:\s*(Course|MindfulnessPlayer)\b", text):
            receivers.append((name, course if kind == "Course" else player))
        for receiver, table in receivers:
            for m in re.finditer(r"\b" + receiver + r"\.(\w+)\(", text):
                name = m.group(1)
                args, _ = call_args(text, m.end() - 1)
                labels = [label(a) for a in args or []]
                checked += 1
                if name not in table:
                    problems.append(f"{where(m.start())}: {receiver}.{name} is not an exported method")
                elif labels not in table[name]:
                    problems.append(f"{where(m.start())}: {receiver}.{name}({', '.join(str(l) for l in labels)}) "
                                    f"but the export is {name}({', '.join(table[name][0])})")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"swift api check: {checked - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
