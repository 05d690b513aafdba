#!/usr/bin/env python3
"""The syntax check shared by swift_parse.py and kotlin_parse.py: parses each
file with a tree-sitter grammar and fails on any ERROR or missing node.
It proves files parse; it does not resolve names or types."""

import sys

from tree_sitter import Parser


def errors(node, out):
    if node.type == "ERROR" or node.is_missing:
        out.append(node)
    for child in node.children:
        errors(child, out)
    return out


def check(language, paths, label, prepare=lambda text: text):
    """Parses `paths` with `language`; prints each result and `LABEL parse: N passed, M failed`."""
    parser = Parser(language)
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = prepare(f.read())
        found = errors(parser.parse(text.encode("utf-8")).root_node, [])
        if found:
            failed += 1
            print(f"{path}: {len(found)} syntax error(s)", file=sys.stderr)
            for n in found[:10]:
                line, col = n.start_point
                kind = "missing " + n.type if n.is_missing else "error"
                print(f"  {path}:{line + 1}:{col + 1}: {kind}", file=sys.stderr)
        else:
            print(f"{path}: parsed, no syntax errors")
    print(f"{label} parse: {len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0
