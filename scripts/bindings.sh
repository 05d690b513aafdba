#!/usr/bin/env bash
# Builds the native library and writes the Kotlin and Swift bindings into
# target/bindings (never into hand-written source).
#
#   bash scripts/bindings.sh            # debug library, with the test-only exports
#   bash scripts/bindings.sh --release  # release library, the app surface only
#
# The bindings are generated from the very library that was built, so the
# symbols always match (see ../shared/notes/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
if [[ "${1:-}" == "--release" ]]; then
    profile=release
fi
# Built as `cargo test --workspace --features painschool-ffi/test-exports`
# builds (whole workspace, all targets, same features), so the features of
# shared dependencies match and nothing is compiled twice.
if [[ $profile == release ]]; then
    cargo build -p uniffi-bindgen
    cargo build --release -p painschool-ffi
else
    cargo build --workspace --all-targets --features painschool-ffi/test-exports
fi
rm -rf target/bindings
./target/debug/uniffi-bindgen generate --no-format \
    --library "target/$profile/libpainschool_ffi.so" \
    --language kotlin --language swift \
    --out-dir target/bindings
# Reuse one call status per thread instead of allocating a JNA Structure for
# every call (ADR 0007).
python3 scripts/kotlin_call_status.py target/bindings/app/painschool/core/painschool_ffi.kt
echo "bindings written to target/bindings:"
find target/bindings -type f | sort
