#!/usr/bin/env bash
# The patient's course in the terminal: a fresh demo enrolment (started eight
# days ago, so two modules are open) and a short walk through it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo build -q -p painschool-cli
export PAINSCHOOL_PASSPHRASE="${PAINSCHOOL_PASSPHRASE:-demo-passphrase}"
export PAINSCHOOL_DATA_DIR="${PAINSCHOOL_DATA_DIR:-target/demo-data}"
rm -rf "$PAINSCHOOL_DATA_DIR"
p=./target/debug/painschool
step() { echo; echo "\$ painschool $*"; $p "$@"; }
step init --demo
step modules
step sections m1
step read m1-welcome
step answer m1-reflection-learned "Att smärtsystemet kan bli överkänsligt."
step answer m1-activity-diary "date=$(date +%F);activity=Promenad;minutes=20;pain-before=6;pain-after=5"
step answer check-in-pain 5
step answers m1
step week
echo
echo "Data (encrypted): $PAINSCHOOL_DATA_DIR — try: $p --help"
