#!/usr/bin/env python3
"""Fails when the Kotlin test suite leaves part of the generated surface untested.

Usage: kotlin_surface.py GENERATED.kt TEST_DIR

- Every method of an exported object (`interface XInterface { fun … }`) and
  every top-level exported function must be called in the suite: `name(`
  appears in a test source.
- Every foreign trait (an interface the library calls back, such as `Clock`)
  must be implemented in the suite, each of its methods overridden.

So a later issue cannot add an export without a Kotlin test for it.
"""

import pathlib
import re
import sys

FUN = re.compile(r"^\s*(?:suspend\s+)?fun\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*\(")


def interfaces(text):
    """Yields (name, [method names]) for each `public interface` block."""
    for m in re.finditer(r"^public interface (\w+) \{\n(.*?)^\}", text, re.M | re.S):
        methods = []
        for line in m.group(2).splitlines():
            f = FUN.match(line)
            if f:
                methods.append(f.group(1))
        yield m.group(1), methods


def top_level_functions(text):
    """Exported top-level functions: those that call `uniffi_<crate>_fn_func_`."""
    names = []
    for m in re.finditer(
        r"fun\s+`(\w+)`\s*\([^)]*\)[^{]*\{\s*return[^;]*?uniffi_\w+_fn_func_\w+", text, re.S
    ):
        names.append(m.group(1))
    return sorted(set(names))


def main():
    generated = pathlib.Path(sys.argv[1]).read_text()
    tests = "\n".join(p.read_text() for p in sorted(pathlib.Path(sys.argv[2]).glob("*.kt")))
    missing = []
    counted = 0
    for name, methods in interfaces(generated):
        if name.endswith("Interface"):
            for meth in methods:
                counted += 1
                if not re.search(r"\b" + re.escape(meth) + r"\s*\(", tests):
                    missing.append(f"{name[: -len('Interface')]}.{meth}() is never called")
        else:
            # A foreign trait: the suite must implement it.
            counted += 1
            if not re.search(r":\s*" + re.escape(name) + r"\b", tests):
                missing.append(f"foreign trait {name} is never implemented")
            for meth in methods:
                counted += 1
                if not re.search(r"override\s+(?:suspend\s+)?fun\s+" + re.escape(meth) + r"\s*\(", tests):
                    missing.append(f"{name}.{meth}() is never implemented")
    for fn in top_level_functions(generated):
        counted += 1
        if not re.search(r"\b" + re.escape(fn) + r"\s*\(", tests):
            missing.append(f"function {fn}() is never called")
    if counted == 0:
        print("surface check: found no exports in the generated Kotlin", file=sys.stderr)
        return 1
    if missing:
        print("surface check FAILED: the Kotlin suite does not cover", file=sys.stderr)
        for m in missing:
            print(f"  - {m}", file=sys.stderr)
        return 1
    print(f"surface check: all {counted} exported functions, methods and traits are covered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
