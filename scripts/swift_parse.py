#!/usr/bin/env python3
"""Parses Swift files with tree-sitter and fails on any syntax error.

Usage: swift_parse.py FILE.swift...

No Swift compiler runs on this machine, so this proves only that the
generated bindings and the hand-written Swift parse; it does not type-check.
tree-sitter-swift 0.7.4 wrongly rejects two valid constructs that UniFFI
generates (an attribute alone inside `#if swift(>=5.8) … #endif`, and the unit
closure `{ () }`); they are blanked out (same length, newlines kept) first.
"""

import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

KNOWN_FALSE_ALARMS = [
    # `#if swift(>=5.8)\n@_documentation(visibility: private)\n#endif`
    re.compile(r"#if swift\(>=5\.8\)\s*\n\s*@_documentation\(visibility: private\)\s*\n\s*#endif"),
    re.compile(r"\{\s*\(\)\s*\}"),
]


def blank(match):
    return "".join(c if c == "\n" else " " for c in match.group(0))


def errors(node, out):
    if node.type == "ERROR" or node.is_missing:
        out.append(node)
    for child in node.children:
        errors(child, out)
    return out


def main(paths):
    parser = Parser(Language(tree_sitter_swift.language()))
    failed = 0
    for path in paths:
        text = open(path, encoding="utf-8").read()
        for pattern in KNOWN_FALSE_ALARMS:
            text = pattern.sub(blank, text)
        tree = parser.parse(text.encode("utf-8"))
        found = errors(tree.root_node, [])
        if found:
            failed += 1
            print(f"{path}: {len(found)} syntax error(s)", file=sys.stderr)
            for n in found[:10]:
                line, col = n.start_point
                kind = "missing " + n.type if n.is_missing else "error"
                print(f"  {path}:{line + 1}:{col + 1}: {kind}", file=sys.stderr)
        else:
            print(f"{path}: parsed, no syntax errors")
    print(f"swift parse: {len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
