#!/usr/bin/env bash
# Runs every test: the Rust workspace, the Kotlin bindings on the JVM (with
# the surface check), and the Swift syntax check. Prints the test count of
# each suite and one total line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
log=$(mktemp)
status=0
# The bindings' test-only exports are on, so the Kotlin step reuses this build.
cargo test --workspace --features painschool-ffi/test-exports --no-fail-fast 2>&1 | tee "$log" || status=$?
echo "::: kotlin bindings on the JVM"
bash scripts/kotlin-tests.sh 2>&1 | tee -a "$log" || status=1
echo "::: swift syntax"
target/swift-venv/bin/python scripts/swift_parse.py \
  target/bindings/PainSchoolCore.swift ios/Sources/PainSchool/CourseClient.swift ios/Package.swift \
  2>&1 | tee -a "$log" || status=1
echo
echo "== test counts per suite =="
awk '
  /Running |Doc-tests / { suite = $2; if ($1 == "Doc-tests") suite = "doc " $2 }
  /^test result:/ {
    passed = $4; failed = $6; ignored = $8
    if (passed + failed > 0) printf "  %-55s %4d passed, %d failed, %d ignored\n", suite, passed, failed, ignored
    tp += passed; tf += failed
  }
  /^kotlin bindings: / {
    printf "  %-55s %4d passed, %d failed, %d ignored\n", "kotlin bindings (JVM)", $3, $5, $7
    tp += $3; tf += $5
  }
  /^surface check: all / { printf "  %-55s %4d covered\n", "kotlin surface check", $4 }
  /^surface check FAILED/ { printf "  %-55s FAILED\n", "kotlin surface check" }
  /^swift parse: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "swift syntax (tree-sitter)", $3, $5
    tp += $3; tf += $5
  }
  END { printf "%d passed, %d failed\n", tp, tf }
' "$log"
rm -f "$log"
exit $status
