#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian/Ubuntu machine.
# A missing tool is a failure, never a skip.
# - libssl-dev, pkg-config: SQLCipher links the system libcrypto.
# - a JRE, libjna-java, junit4, node/npm (the pinned kotlin-compiler): the
#   Kotlin bindings run on the JVM.
# - python3-venv (tree-sitter-swift): the Swift bindings are parsed.
# - postgresql: the server's tests run a second time on a throwaway cluster
#   (scripts/pg.sh); only its binaries are used.
# - libasound2-dev: the player's `playback` feature (cpal over ALSA) is
#   built and run once on an ALSA null device.
# - poppler-utils: the printable summary's tests read its PDF (pdftotext)
#   and render its pages (pdftoppm).
# - chromium, chromium-driver: the portal's browser tests (WebDriver), with
#   axe-core from npm (pinned by tests/browser/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in libssl-dev pkg-config libjna-java junit4 python3-venv libasound2-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
command -v cargo >/dev/null || { echo "cargo is missing: install Rust (rustup) first" >&2; exit 1; }

# The Kotlin compiler, pinned by bindings/kotlin-tools/package-lock.json.
tools=bindings/kotlin-tools
if [ ! -x "$tools/node_modules/kotlin-compiler/bin/kotlinc" ] \
   || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
fi

# axe-core for the portal's accessibility checks, pinned.
browser=tests/browser
if [ ! -f "$browser/node_modules/axe-core/axe.min.js" ] \
   || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$browser" --no-audit --no-fund --loglevel=error
fi

# tree-sitter for the Swift and Kotlin syntax checks (the app code no SDK
# here compiles), pinned.
venv=target/swift-venv
if ! "$venv/bin/python" -c "import tree_sitter, tree_sitter_swift, tree_sitter_kotlin" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check tree-sitter==0.26.1 tree-sitter-swift==0.7.4 \
    tree-sitter-kotlin==1.1.0
fi
