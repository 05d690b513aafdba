#!/usr/bin/env bash
# Compiles the generated Kotlin bindings with the Kotlin test suite, the
# Android module's plain Kotlin (android/painschool-core/…/client), the
# Android presenter module (android/presenter, main and test sources) and the
# app shell's plain Kotlin (android/app: phases, content copy, links and back
# stack, sync rules, colours, Markdown; with android/app/src/test), and runs
# three suites on the JVM against the real library: the bindings suite, then
# the presenter suite (golden snapshots and the activation → this week →
# answer → message → summary flow), each with its own local server, then the
# app shell's suite. Then checks
# that the bindings suite calls every exported function and method. Needs:
# java, libjna-java, junit4, and the pinned kotlin-compiler (npm ci in
# bindings/kotlin-tools).
#
#   bash scripts/kotlin-tests.sh          # tests + surface check
#   bash scripts/kotlin-tests.sh --bench  # the FFI call benchmark instead, on the
#                                         # library the apps ship (ffi-release profile)
set -euo pipefail
cd "$(dirname "$0")/.."

tools=bindings/kotlin-tools
klib=$tools/node_modules/kotlin-compiler/lib
kotlinc=$tools/node_modules/kotlin-compiler/bin/kotlinc
for need in /usr/share/java/jna.jar /usr/share/java/junit4.jar "$kotlinc"; do
    if [[ ! -e "$need" ]]; then
        echo "missing $need (run scripts/deps.sh)" >&2
        exit 1
    fi
done
command -v java >/dev/null || { echo "missing java (run scripts/deps.sh)" >&2; exit 1; }

libdir=target/debug
if [[ "${1:-}" == "--bench" ]]; then
    # Timing wants the library the apps ship: the ffi-release profile (its
    # opt-level decides both size and speed). It is stripped, so the bindings
    # come from the release build of the same sources and features (the
    # same UniFFI checksums).
    bash scripts/bindings.sh --release >/dev/null
    cargo build --profile ffi-release -p painschool-ffi
    libdir=target/ffi-release
    echo "library: $libdir/libpainschool_ffi.so, $(stat -c %s "$libdir/libpainschool_ffi.so") bytes"
else
    bash scripts/bindings.sh >/dev/null
fi
generated=target/bindings/app/painschool/core/painschool_ffi.kt
cp_compile=/usr/share/java/jna.jar:$klib/kotlinx-coroutines-core-jvm.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit.jar:/usr/share/java/junit4.jar:$klib/kotlin-reflect.jar
jar=target/kotlin-tests.jar

# The Android module's plain-Kotlin sources compile here too, against the
# very bindings they wrap: CourseClient with its real and fake clients, and
# UrlConnectionHttpClient, the HTTP client the sync tests use against the
# real server. So does the presenter module, main and tests: plain Kotlin
# with no Android imports (checked here, as the SDK is not on this machine).
android_client=android/painschool-core/src/main/kotlin/app/painschool/client
# The app's platform duties that are plain Kotlin compile here too: the
# database key at rest (SealedKeyFile), registering the reminder plan
# (ReminderRegistrar) and audio interruptions (AudioInterruptions); the
# Android halves beside them need the SDK.
android_platform=android/app/src/main/kotlin/app/painschool/app/platform
presenter=android/presenter/src
# The app shell's logic, in plain Kotlin beside the Android files that use it
# (PainSchoolApp, MainActivity, the workers, the Compose screens need the SDK).
android_app=android/app/src/main/kotlin/app/painschool/app
app_plain=("$android_app/AppPhase.kt" "$android_app/ContentInstaller.kt" "$android_app/Route.kt"
           "$android_app/Navigation.kt" "$android_app/SyncingCourseClient.kt" "$android_app/SyncPolicy.kt"
           "$android_app/ShellActions.kt" "$android_app/ShellTexts.kt" "$android_app/TextScale.kt"
           "$android_app/MarkdownBlocks.kt" "$android_app/ui/Palette.kt")
app_tests=android/app/src/test/kotlin
if grep -rnE '^import (android|androidx|com\.google\.android|com\.google\.mlkit)\.' "$presenter" "$android_client" \
        "$android_platform/SealedKeyFile.kt" "$android_platform/ReminderRegistrar.kt" "$android_platform/AudioInterruptions.kt" \
        "${app_plain[@]}" "$app_tests"; then
    echo "the presenter module, the client and the plain-Kotlin halves of the app must not import Android APIs" >&2
    exit 1
fi
sources=(bindings/tests/kotlin/Support.kt bindings/tests/kotlin/CourseTest.kt bindings/tests/kotlin/SyncTest.kt
         bindings/tests/kotlin/HttpClientTest.kt bindings/tests/kotlin/ReminderTest.kt bindings/tests/kotlin/PlayerTest.kt bindings/tests/kotlin/SummaryTest.kt
         bindings/tests/kotlin/Main.kt
         bindings/tests/kotlin/SealedKeyTest.kt bindings/tests/kotlin/ReminderRegistrarTest.kt
         bindings/tests/kotlin/AudioInterruptionsTest.kt
         "$android_client"/*.kt
         "$android_platform/SealedKeyFile.kt" "$android_platform/ReminderRegistrar.kt"
         "$android_platform/AudioInterruptions.kt"
         "${app_plain[@]}" $(find "$app_tests" -name '*.kt' | sort)
         $(find "$presenter/main/kotlin" "$presenter/test/kotlin" -name '*.kt' | sort))
main=app.painschool.core.test.MainKt
if [[ "${1:-}" == "--bench" ]]; then
    sources=(bindings/tests/kotlin/Support.kt bindings/tests/kotlin/Bench.kt)
    main=app.painschool.core.test.BenchKt
    jar=target/kotlin-bench.jar
fi
rm -f "$jar"   # a failed compile must not leave an old jar to run
"$kotlinc" -nowarn -cp "$cp_compile" "$generated" "${sources[@]}" -d "$jar" 2>&1 \
    | grep -v "^warning: unable to find kotlin-stdlib.jar" || true
[[ -s "$jar" ]] || { echo "kotlinc produced no $jar" >&2; exit 1; }

if [[ "${1:-}" == "--bench" ]]; then
    java -Djna.library.path="$libdir" -cp "$jar:$klib/kotlin-stdlib.jar:$cp_compile" "$main"
    exit 0
fi

# A real server for the tests that sync: the workspace's painschool-server
# (built with the bindings above) on a free loopback port, with demo data in
# a temp folder. Its URL and one-time activation code go to the suite in
# PAINSCHOOL_TEST_SERVER and PAINSCHOOL_TEST_CODE. Each suite gets its own
# server (the code works once). They are stopped when this script exits,
# however it exits.
server_pids=()
server_dirs=()
cleanup() {
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "${server_dirs[@]}"
}
trap cleanup EXIT
start_server() {
    local dir pid
    dir=$(mktemp -d)
    server_dirs+=("$dir")
    BIND=127.0.0.1:0 DATABASE_URL="sqlite://$dir/server.db" CONTENT_DIR=content LOG=warn \
        target/debug/painschool-server --demo >"$dir/out" 2>"$dir/err" &
    pid=$!
    server_pids+=("$pid")
    for _ in $(seq 1 300); do
        grep -q "listening on" "$dir/out" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || { cat "$dir/err" >&2; echo "painschool-server did not start" >&2; exit 1; }
        sleep 0.1
    done
    PAINSCHOOL_TEST_SERVER=$(grep -o "http://127\.0\.0\.1:[0-9]*" "$dir/out" | head -1)
    PAINSCHOOL_TEST_CODE=$(sed -n 's/.*activation code: \([^ ]*\).*/\1/p' "$dir/out" | head -1)
    export PAINSCHOOL_TEST_SERVER PAINSCHOOL_TEST_CODE
    [[ -n "$PAINSCHOOL_TEST_SERVER" && -n "$PAINSCHOOL_TEST_CODE" ]] || { cat "$dir/out" >&2; echo "no server URL or code" >&2; exit 1; }
}

status=0
run_cp="$jar:$klib/kotlin-stdlib.jar:$cp_compile"
start_server
java -Djna.library.path="$libdir" -cp "$run_cp" "$main" || status=1

# The presenters (android/presenter): golden snapshots against the fake, and
# the flow against the real library and a fresh server. UPDATE_GOLDEN=1
# rewrites the golden files instead of comparing.
start_server
java -Djna.library.path="$libdir" -Dpainschool.golden=android/presenter/src/test/resources/golden \
    -cp "$run_cp" app.painschool.presenter.PresenterTestsMainKt || status=1

# The app shell (android/app): its plain-Kotlin rules, the content copy and
# opening against the real library; no server.
java -Djna.library.path="$libdir" -cp "$run_cp" app.painschool.app.AppTestsMainKt || status=1

python3 scripts/kotlin_surface.py "$generated" bindings/tests/kotlin || status=1
exit $status
