#!/usr/bin/env bash
# Installs what widget/build.sh needs, on a fresh machine too: the wasm32 target, the
# wasm-bindgen CLI of exactly the version in Cargo.lock, and wasm-opt from npm `binaryen`
# (Debian's binaryen 108 breaks the output with a WebAssembly.Table.set error: never use it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

VER="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [ -z "$VER" ]; then
  echo "install-tools: wasm-bindgen not found in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$VER" ]; then
  echo "install-tools: installing wasm-bindgen-cli $VER (matches Cargo.lock)"
  # Not --locked: with it the install fails for this version.
  cargo install wasm-bindgen-cli --version "$VER"
fi

WANT_BINARYEN="$(node -p "require('$ROOT/widget/package-lock.json').packages['node_modules/binaryen'].version")"
HAVE_BINARYEN="$(node -p "try { require('$ROOT/widget/node_modules/binaryen/package.json').version } catch (e) { '' }")"
if [ "$WANT_BINARYEN" != "$HAVE_BINARYEN" ]; then
  (cd "$ROOT/widget" && npm ci --no-audit --no-fund)
fi
