#!/usr/bin/env bash
# Runs every test of the workspace and prints the test count of each suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
log=$(mktemp)
status=0
cargo test --workspace --no-fail-fast 2>&1 | tee "$log" || status=$?
echo
echo "== test counts per suite =="
awk '
  /Running |Doc-tests / { suite = $2; if ($1 == "Doc-tests") suite = "doc " $2 }
  /^test result:/ {
    passed = $4; failed = $6; ignored = $8
    if (passed + failed > 0) printf "  %-55s %4d passed, %d failed, %d ignored\n", suite, passed, failed, ignored
    tp += passed; tf += failed
  }
  END { printf "%d passed, %d failed\n", tp, tf }
' "$log"
rm -f "$log"
exit $status
