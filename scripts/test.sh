#!/usr/bin/env bash
# Runs every test: the Rust workspace, the server's test suite and the
# end-to-end tests that run a server (sync, fault, server_crash) a second
# time on PostgreSQL (a throwaway cluster from scripts/pg.sh), the Kotlin
# bindings and the Android presenters on the JVM (with the surface check), and
# the Swift syntax check.
# Prints the test count of each suite, the counts per backend, and one total
# line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
mkdir -p target
log=$PWD/target/test-log.txt
: >"$log"
status=0
# The player's sound-device code (the core's `playback` feature, which the
# cli turns on, so the whole workspace builds with it) plays on an ALSA null
# device: core/tests/playback.rs runs in the workspace pass below.
# The file lives in target/, not /tmp (like the log above): a /tmp clean-up
# by another process during a run once took both away mid-run.
alsa_conf=$PWD/target/alsa-null.conf
echo 'pcm.!default { type null }' >"$alsa_conf"
export ALSA_CONFIG_PATH="$alsa_conf"
# The bindings' test-only exports are on, so the Kotlin step reuses this build.
cargo test --workspace --features painschool-ffi/test-exports --no-fail-fast 2>&1 | tee "$log" || status=$?

# The test binaries from that build (no rebuild) that run a server: all of
# them ran on SQLite above. The server's integration tests run again on
# PostgreSQL, except the SQLite-only ones (online backup, TLS with a SQLite
# store); so do the end-to-end tests in e2e_both (not crash.rs: that is the
# phone store's own crash test, with no server) and the portal's browser
# test (cli/tests/portal_browser.rs: Chromium, the cli and the server).
sqlite_only="backup tls"
e2e_both="sync fault server_crash wire_bytes access_end practice summary"
server_bins=$(cargo test --workspace --features painschool-ffi/test-exports --no-run \
  --message-format=json 2>/dev/null | E2E_BOTH="$e2e_both" python3 -c '
import json, os, sys
e2e = os.environ["E2E_BOTH"].split()
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") != "compiler-artifact" or not m.get("executable") or not m["profile"]["test"]:
        continue
    kind, name = m["target"]["kind"][0], m["target"]["name"]
    if "painschool-server" in m["package_id"]:
        print(",".join(["server", kind, name, m["executable"]]))
    elif "painschool-e2e" in m["package_id"] and kind == "test" and name in e2e:
        print(",".join(["e2e", kind, name, m["executable"]]))
    elif "painschool-cli" in m["package_id"] and kind == "test" and name == "portal_browser":
        print(",".join(["cli", kind, name, m["executable"]]))
') || status=1
echo "::: server and end-to-end tests on PostgreSQL"
t0=$SECONDS
if pg_url=$(bash scripts/pg.sh start); then
  trap 'bash scripts/pg.sh stop' EXIT
  ran=0 ran_e2e=0 ran_cli=0
  for entry in $server_bins; do
    IFS=, read -r pkg kind name exe <<<"$entry"
    [ "$kind" = test ] || continue
    if [ "$pkg" = server ]; then
      case " $sqlite_only " in *" $name "*) continue ;; esac
      dir=server
      ran=$((ran + 1))
    elif [ "$pkg" = cli ]; then
      dir=cli
      ran_cli=$((ran_cli + 1))
    else
      dir=tests
      ran_e2e=$((ran_e2e + 1))
    fi
    echo "     Running postgres $pkg tests/$name.rs ($exe)" | tee -a "$log"
    (cd "$dir" && PAINSCHOOL_TEST_DATABASE_URL="$pg_url" "$exe") 2>&1 | tee -a "$log" || status=1
  done
  [ "$ran" -gt 0 ] || { echo "no server test binary found for the PostgreSQL pass" | tee -a "$log"; status=1; }
  [ "$ran_e2e" -eq "$(wc -w <<<"$e2e_both")" ] \
    || { echo "the PostgreSQL pass found $ran_e2e of the e2e tests $e2e_both" | tee -a "$log"; status=1; }
  [ "$ran_cli" -eq 1 ] \
    || { echo "the PostgreSQL pass did not find the portal's browser test" | tee -a "$log"; status=1; }
  bash scripts/pg.sh stop
  trap - EXIT
else
  echo "pg.sh: no PostgreSQL cluster; the PostgreSQL pass FAILED" | tee -a "$log"
  status=1
fi
echo "::: server and end-to-end tests on PostgreSQL took $((SECONDS - t0)) s"
echo "::: kotlin bindings on the JVM"
bash scripts/kotlin-tests.sh 2>&1 | tee -a "$log" || status=1
echo "::: swift syntax and names (every *.swift under ios/, and the generated bindings)"
# Every Swift file under ios/ (the package and the app), found rather than
# listed, so a new file cannot be left out.
mapfile -t swift_files < <(find ios -name '*.swift' | sort)
target/swift-venv/bin/python scripts/swift_parse.py \
  target/bindings/PainSchoolCore.swift "${swift_files[@]}" \
  2>&1 | tee -a "$log" || status=1
# The hand-written Swift against the generated names (records, enum cases,
# errors, Course and player methods). ios/Sources/PainSchoolCore is the
# generated copy build-xcframework.sh makes on a Mac (never committed).
mapfile -t own_swift < <(find ios -name '*.swift' -not -path 'ios/Sources/PainSchoolCore/*' | sort)
python3 scripts/swift_api_check.py target/bindings/PainSchoolCore.swift "${own_swift[@]}" \
  2>&1 | tee -a "$log" || status=1
# The app's texts in both languages, its Info.plist keys, and rules the
# compiler cannot check (no literal UI text, no .secondary text colour,
# no try!/as!, no print).
python3 scripts/ios_strings_check.py ios 2>&1 | tee -a "$log" || status=1
# The colours the app draws, light and dark, against WCAG AA (4.5:1 for text).
python3 scripts/ios_contrast_check.py ios 2>&1 | tee -a "$log" || status=1
echo "::: kotlin syntax (every *.kt and *.kts under android/; the Android-only ones cannot be compiled here)"
mapfile -t kotlin_files < <(find android -name '*.kt' -o -name '*.kts' | sort)
target/swift-venv/bin/python scripts/kotlin_parse.py "${kotlin_files[@]}" 2>&1 | tee -a "$log" || status=1
echo "::: generated media match their sources (mindfulness audio, the animation)"
python3 scripts/check_mindfulness.py 2>&1 | tee -a "$log" || status=1
python3 scripts/check_animation.py 2>&1 | tee -a "$log" || status=1
echo "::: content report (readability goals, stale report)"
python3 scripts/content_report.py --check 2>&1 | tee -a "$log" || status=1
echo
echo "== test counts per suite =="
awk -v server_bins="$server_bins" '
  BEGIN {
    n = split(server_bins, entries, " ")
    for (i = 1; i <= n; i++) { split(entries[i], f, ","); k = f[4]; sub(/.*\//, "", k); pkg[k] = f[1] }
  }
  /Running |Doc-tests / {
    suite = $2; if ($1 == "Doc-tests") suite = "doc " $2
    backend = ""
    exe = $NF; gsub(/[()]/, "", exe); sub(/.*\//, "", exe)
    if ($2 == "postgres") { suite = $3 " " $4 " [postgres]"; backend = $3 " on postgres" }
    else if ($1 == "Running" && (exe in pkg)) {
      suite = pkg[exe] " " ($2 == "unittests" ? "unittests " $3 : $2) " [sqlite]"
      backend = pkg[exe] " on sqlite"
    }
  }
  /^test result:/ {
    passed = $4; failed = $6; ignored = $8
    if (passed + failed > 0) printf "  %-55s %4d passed, %d failed, %d ignored\n", suite, passed, failed, ignored
    tp += passed; tf += failed
    if (backend != "") { bp[backend] += passed; bf[backend] += failed }
  }
  /^kotlin bindings: / {
    printf "  %-55s %4d passed, %d failed, %d ignored\n", "kotlin bindings (JVM)", $3, $5, $7
    tp += $3; tf += $5
  }
  /^kotlin presenters: / {
    printf "  %-55s %4d passed, %d failed, %d ignored\n", "kotlin android presenters (JVM; fake and real library)", $3, $5, $7
    tp += $3; tf += $5
  }
  /^kotlin android app: / {
    printf "  %-55s %4d passed, %d failed, %d ignored\n", "kotlin android app shell (JVM; fake and real library)", $4, $6, $8
    tp += $4; tf += $6
  }
  /^surface check: all / { printf "  %-55s %4d covered\n", "kotlin surface check", $4 }
  /^surface check FAILED/ { printf "  %-55s FAILED\n", "kotlin surface check" }
  /^mindfulness check: [0-9]+ passed/ {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "mindfulness audio matches its scripts", $3, $5
    tp += $3; tf += $5
  }
  /^animation check: [0-9]+ passed/ {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "animation matches its sources", $3, $5
    tp += $3; tf += $5
  }
  /^content report: [0-9]+ passed/ {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "content report (LIX, Flesch, size, stale)", $3, $5
    tp += $3; tf += $5
  }
  /^swift parse: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "swift syntax (tree-sitter)", $3, $5
    tp += $3; tf += $5
  }
  /^ios strings: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "ios app texts (sv, en) and Info.plist", $3, $5
    tp += $3; tf += $5
  }
  /^kotlin parse: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "kotlin syntax under android/ (tree-sitter)", $3, $5
    tp += $3; tf += $5
  }
  /^ios contrast: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "ios colours, AA contrast (light, dark)", $3, $5
    tp += $3; tf += $5
  }
  /^swift api check: / {
    printf "  %-55s %4d passed, %d failed, 0 ignored\n", "swift names against the bindings", $4, $6
    tp += $4; tf += $6
  }
  END {
    printf "server on sqlite:   %d passed, %d failed\n", bp["server on sqlite"], bf["server on sqlite"]
    printf "server on postgres: %d passed, %d failed\n", bp["server on postgres"], bf["server on postgres"]
    printf "e2e (sync, fault, crash, wire, access, practice, summary) on sqlite: %d passed, %d failed\n", bp["e2e on sqlite"], bf["e2e on sqlite"]
    printf "e2e (sync, fault, crash, wire, access, practice, summary) on postgres: %d passed, %d failed\n", bp["e2e on postgres"], bf["e2e on postgres"]
    printf "portal browser (Chromium) on sqlite:   %d passed, %d failed\n", bp["cli on sqlite"], bf["cli on sqlite"]
    printf "portal browser (Chromium) on postgres: %d passed, %d failed\n", bp["cli on postgres"], bf["cli on postgres"]
    printf "%d passed, %d failed\n", tp, tf
  }
' "$log"
rm -f "$log"
exit $status
