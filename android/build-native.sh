#!/usr/bin/env bash
# Builds libpainschool_ffi.so for each Android ABI with cargo-ndk and writes
# the generated Kotlin for the Gradle module. Needs the Android NDK
# (ANDROID_NDK_HOME), `cargo install cargo-ndk`, and
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# Not run in CI (no NDK on the Linux CI machine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 \
    -o android/painschool-core/src/main/jniLibs \
    build --profile ffi-release -p painschool-ffi --no-default-features --features sqlcipher-vendored
cargo build -p uniffi-bindgen
./target/debug/uniffi-bindgen generate --no-format \
    --library android/painschool-core/src/main/jniLibs/arm64-v8a/libpainschool_ffi.so \
    --language kotlin --out-dir android/painschool-core/build/generated/uniffi
# The same call-status rewrite the JVM tests run against (ADR 0007).
python3 scripts/kotlin_call_status.py \
    android/painschool-core/build/generated/uniffi/app/painschool/core/painschool_ffi.kt
