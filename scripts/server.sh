#!/usr/bin/env bash
# The clinic server with its embedded SQLite database (./data) and demo
# data: prints an activation code for the demo patient and a staff token for
# the demo clinician, then serves on http://127.0.0.1:8080 until Ctrl-C.
# Try a phone against it with the terminal client:
#   cargo run -p painschool-cli -- activate --server http://127.0.0.1:8080 --code CODE --allow-loopback-http
set -euo pipefail
cd "$(dirname "$0")/.."
# Build needs: a C compiler, pkg-config and OpenSSL headers (SQLCipher's crypto).
need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
[[ -e /usr/include/openssl/ssl.h ]] || need+=(libssl-dev)
command -v cc >/dev/null || need+=(build-essential)
if (( ${#need[@]} )); then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}"
fi
exec cargo run --release -p painschool-server -- serve --demo "$@"
