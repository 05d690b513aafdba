#!/usr/bin/env bash
# Builds PainSchoolCoreFFI.xcframework and the generated Swift on a Mac with
# Xcode and the iOS Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
# Not run in CI (no Apple toolchain on Linux). SQLCipher uses the vendored
# OpenSSL so the library is self-contained. `playback` puts the mindfulness
# player on the device's sound output (cpal over Core Audio; without it the
# player is silent). Package.swift links the Apple frameworks it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
features=(--no-default-features --features sqlcipher-vendored,playback)
for t in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    cargo build --profile ffi-release -p painschool-ffi --target "$t" "${features[@]}"
done
cargo build -p uniffi-bindgen
out=target/ios
rm -rf "$out" && mkdir -p "$out/headers" "$out/sim"
./target/debug/uniffi-bindgen generate --no-format \
    --library target/aarch64-apple-ios/ffi-release/libpainschool_ffi.a \
    --language swift --out-dir "$out/generated"
cp "$out/generated/PainSchoolCoreFFI.h" "$out/headers/"
cp "$out/generated/PainSchoolCoreFFI.modulemap" "$out/headers/module.modulemap"
lipo -create \
    target/aarch64-apple-ios-sim/ffi-release/libpainschool_ffi.a \
    target/x86_64-apple-ios/ffi-release/libpainschool_ffi.a \
    -output "$out/sim/libpainschool_ffi.a"
rm -rf ios/PainSchoolCoreFFI.xcframework
xcodebuild -create-xcframework \
    -library target/aarch64-apple-ios/ffi-release/libpainschool_ffi.a -headers "$out/headers" \
    -library "$out/sim/libpainschool_ffi.a" -headers "$out/headers" \
    -output ios/PainSchoolCoreFFI.xcframework
mkdir -p ios/Sources/PainSchoolCore
cp "$out/generated/PainSchoolCore.swift" ios/Sources/PainSchoolCore/
echo "ios/PainSchoolCoreFFI.xcframework and ios/Sources/PainSchoolCore are ready"
