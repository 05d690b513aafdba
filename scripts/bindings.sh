#!/usr/bin/env bash
# Builds the native library and writes the Kotlin and Swift bindings into
# target/bindings (never into hand-written source).
#
#   bash scripts/bindings.sh                 # app surface, debug library
#   bash scripts/bindings.sh --test-exports  # plus the test-only exports
#   bash scripts/bindings.sh --release       # app surface, release library
#
# The bindings are generated from the very library that was built, so the
# symbols always match (see ../shared/notes/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."

features=()
profile=debug
case "${1:-}" in
    --test-exports) features=(--features test-exports) ;;
    --release) profile=release ;;
esac
cargo build -p uniffi-bindgen
if [[ $profile == release ]]; then
    cargo build --release -p painschool-ffi
else
    cargo build -p painschool-ffi "${features[@]}"
fi
rm -rf target/bindings
./target/debug/uniffi-bindgen generate --no-format \
    --library "target/$profile/libpainschool_ffi.so" \
    --language kotlin --language swift \
    --out-dir target/bindings
echo "bindings written to target/bindings:"
find target/bindings -type f | sort
