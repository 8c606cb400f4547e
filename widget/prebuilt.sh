#!/usr/bin/env bash
# The widget as built from these sources, kept in widget/prebuilt/ so that `make demo` on a fresh
# machine needs neither wasm-bindgen-cli (a 3-minute `cargo install`) nor npm: it copies these
# files when they were built from exactly the current sources, and builds them otherwise.
#   bash widget/prebuilt.sh check          exit 0 when widget/prebuilt/ matches the sources
#   bash widget/prebuilt.sh install <dir>  copy the prebuilt widget into <dir> (fails if stale)
#   bash widget/prebuilt.sh update         build (widget/build.sh) and refresh widget/prebuilt/
# "The sources" are everything widget/build.sh reads: widget/src, loader, tools, Cargo.toml,
# package-lock.json, build.sh itself and the wasm-bindgen version in Cargo.lock.
# `make test` runs `check`, so a change to the widget that forgets `update` fails CI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRE="$ROOT/widget/prebuilt"
FILES=(widget.js gongkai_widget.js gongkai_widget_bg.wasm)

sources_hash() {
  cd "$ROOT"
  {
    find widget/src widget/loader widget/tools -type f | LC_ALL=C sort | xargs sha256sum
    sha256sum widget/Cargo.toml widget/package-lock.json widget/build.sh
    awk '/^name = "wasm-bindgen"$/ { getline; print; exit }' Cargo.lock
  } | sha256sum | cut -c1-64
}

current() {
  [ -f "$PRE/SOURCES.sha256" ] && [ "$(cat "$PRE/SOURCES.sha256")" = "$(sources_hash)" ] || return 1
  for f in "${FILES[@]}"; do [ -f "$PRE/$f" ] || return 1; done
}

case "${1:-}" in
  check)
    if current; then
      echo "widget/prebuilt: current"
    else
      echo "widget/prebuilt/ was not built from the current widget sources: run \`bash widget/prebuilt.sh update\` and commit widget/prebuilt/" >&2
      exit 1
    fi
    ;;
  install)
    out="${2:?usage: prebuilt.sh install <dir>}"
    current || { echo "widget/prebuilt: stale, building instead" >&2; exit 1; }
    mkdir -p "$out"
    rm -f "$out"/*.wasm "$out"/*.js
    for f in "${FILES[@]}"; do cp "$PRE/$f" "$out/"; done
    echo "widget: copied the prebuilt widget into $out ($(cat "$PRE/"{widget.js,gongkai_widget.js,gongkai_widget_bg.wasm} | gzip -9 | wc -c) bytes gzip)"
    ;;
  update)
    OUT="$(mktemp -d)"
    trap 'rm -rf "$OUT"' EXIT
    OUT="$OUT" bash "$ROOT/widget/build.sh"
    mkdir -p "$PRE"
    for f in "${FILES[@]}"; do cp "$OUT/$f" "$PRE/"; done
    sources_hash > "$PRE/SOURCES.sha256"
    echo "widget/prebuilt: refreshed; commit widget/prebuilt/"
    ;;
  *)
    echo "usage: bash widget/prebuilt.sh check|install <dir>|update" >&2
    exit 2
    ;;
esac
