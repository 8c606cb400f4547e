#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine; safe to run again.
# - the wasm32 Rust target and wasm-bindgen-cli at the exact version in Cargo.lock (widget, Worker)
# - Debian's chromium (browser tests; never a downloaded browser)
# - npm packages of the widget, the browser tests and the Worker (pinned by package-lock.json)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "error: cargo is not installed; install Rust with rustup first" >&2
  exit 1
fi
for script in widget/install-tools.sh tests/e2e/install-tools.sh edge/worker/install-tools.sh; do
  if [ -f "$script" ]; then
    bash "$script"
  fi
done
