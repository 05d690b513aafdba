#!/usr/bin/env python3
"""Parses Kotlin files with tree-sitter and fails on any syntax error.

Usage: kotlin_parse.py FILE.kt|FILE.kts...

The Android-only Kotlin (the app module's activity, services, receivers,
Compose screens, and the Gradle scripts) cannot be compiled here: there is
no Android SDK and no Maven access. This proves they parse; it does not
resolve names or types. Everything plain-Kotlin is compiled for real by
scripts/kotlin-tests.sh.
"""

import sys

import tree_sitter_kotlin
from tree_sitter import Language, Parser


def errors(node, out):
    if node.type == "ERROR" or node.is_missing:
        out.append(node)
    for child in node.children:
        errors(child, out)
    return out


def main(paths):
    parser = Parser(Language(tree_sitter_kotlin.language()))
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
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
    print(f"kotlin parse: {len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
