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
from tree_sitter import Language

from syntax_check import check

if __name__ == "__main__":
    sys.exit(check(Language(tree_sitter_kotlin.language()), sys.argv[1:], "kotlin"))
