#!/usr/bin/env bash
# Compiles the generated Kotlin bindings with the Kotlin test suite and runs
# it on the JVM against the real library; then checks that the suite calls
# every exported function and method. Needs: java, libjna-java, junit4, and
# the pinned kotlin-compiler (npm ci in bindings/kotlin-tools).
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
cp_compile=/usr/share/java/jna.jar:$klib/kotlinx-coroutines-core-jvm.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit.jar:/usr/share/java/junit4.jar
jar=target/kotlin-tests.jar

# The Android module's plain-Kotlin sources compile here too, against the
# very bindings they wrap: CourseClient, and UrlConnectionHttpClient, the
# HTTP client the sync tests use against the real server.
android_client=android/painschool-core/src/main/kotlin/app/painschool/client
# The app's platform duties that are plain Kotlin compile here too: the
# database key at rest (SealedKeyFile), registering the reminder plan
# (ReminderRegistrar) and audio interruptions (AudioInterruptions); the
# Android halves beside them need the SDK.
android_platform=android/app/src/main/kotlin/app/painschool/app/platform
sources=(bindings/tests/kotlin/Support.kt bindings/tests/kotlin/CourseTest.kt bindings/tests/kotlin/SyncTest.kt
         bindings/tests/kotlin/HttpClientTest.kt bindings/tests/kotlin/ReminderTest.kt bindings/tests/kotlin/PlayerTest.kt bindings/tests/kotlin/SummaryTest.kt
         bindings/tests/kotlin/Main.kt
         bindings/tests/kotlin/SealedKeyTest.kt bindings/tests/kotlin/ReminderRegistrarTest.kt
         bindings/tests/kotlin/AudioInterruptionsTest.kt
         "$android_client/CourseClient.kt" "$android_client/UrlConnectionHttpClient.kt"
         "$android_platform/SealedKeyFile.kt" "$android_platform/ReminderRegistrar.kt"
         "$android_platform/AudioInterruptions.kt")
main=app.painschool.core.test.MainKt
if [[ "${1:-}" == "--bench" ]]; then
    sources=(bindings/tests/kotlin/Support.kt bindings/tests/kotlin/Bench.kt)
    main=app.painschool.core.test.BenchKt
    jar=target/kotlin-bench.jar
fi
"$kotlinc" -nowarn -cp "$cp_compile" "$generated" "${sources[@]}" -d "$jar" 2>&1 \
    | grep -v "^warning: unable to find kotlin-stdlib.jar" || true
[[ -s "$jar" ]] || { echo "kotlinc produced no $jar" >&2; exit 1; }

if [[ "${1:-}" != "--bench" ]]; then
    # A real server for the sync tests: the workspace's painschool-server
    # (built with the bindings above) on a free loopback port, with demo data
    # in a temp folder. Its URL and activation code go to the suite; it is
    # stopped when this script exits, however it exits.
    server_dir=$(mktemp -d)
    server_pid=
    cleanup() {
        if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
        rm -rf "$server_dir"
    }
    trap cleanup EXIT
    BIND=127.0.0.1:0 DATABASE_URL="sqlite://$server_dir/server.db" CONTENT_DIR=content LOG=warn \
        target/debug/painschool-server --demo >"$server_dir/out" 2>"$server_dir/err" &
    server_pid=$!
    for _ in $(seq 1 300); do
        grep -q "listening on" "$server_dir/out" 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$server_dir/err" >&2; echo "painschool-server did not start" >&2; exit 1; }
        sleep 0.1
    done
    export PAINSCHOOL_TEST_SERVER=$(grep -o "http://127\.0\.0\.1:[0-9]*" "$server_dir/out" | head -1)
    export PAINSCHOOL_TEST_CODE=$(sed -n 's/.*activation code: \([^ ]*\).*/\1/p' "$server_dir/out" | head -1)
    [[ -n "$PAINSCHOOL_TEST_SERVER" && -n "$PAINSCHOOL_TEST_CODE" ]] || { cat "$server_dir/out" >&2; echo "no server URL or code" >&2; exit 1; }
fi

java -Djna.library.path="$libdir" \
    -cp "$jar:$klib/kotlin-stdlib.jar:$cp_compile" "$main"

if [[ "${1:-}" != "--bench" ]]; then
    python3 scripts/kotlin_surface.py "$generated" bindings/tests/kotlin
fi
