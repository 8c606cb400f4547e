#!/usr/bin/env bash
# Lays out edge/worker/assets/ for wrangler (dev and deploy):
#   assets/<INDEX_PATH>/...   the index bundle (manifest.json, lexicon.json, index/, docs/)
#   assets/widget.js, *.wasm  the widget, when built (make widget → dist/widget/)
#   assets/index.html         the demo page (widget/demo/index.html), when present
#   assets/.assetsignore      keeps report.json (the build's rejected records) off Cloudflare
#
#   bash edge/worker/stage-assets.sh <index-dir> [widget-dir]
# INDEX_PATH (default _index) must match the Worker variable of the same name.
# ASSETS_DIR (default edge/worker/assets) is the folder to fill; WITH_BUNDLE=0 leaves the bundle
# out (INDEX_SOURCE=r2: only the widget is served from assets).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
INDEX="${1:?usage: stage-assets.sh <index-dir> [widget-dir]}"
WIDGET="${2:-$ROOT/dist/widget}"
INDEX_PATH="${INDEX_PATH:-_index}"
INDEX_PATH="${INDEX_PATH#/}"; INDEX_PATH="${INDEX_PATH%/}"

if [ ! -f "$INDEX/manifest.json" ]; then
  echo "stage-assets: $INDEX/manifest.json not found; build an index first:" >&2
  echo "  cargo run --release -p index-builder -- build --input <records.jsonl> --out <index-dir>" >&2
  exit 1
fi
INDEX="$(cd "$INDEX" && pwd)"
ASSETS="${ASSETS_DIR:-$HERE/assets}"
rm -rf "$ASSETS"
mkdir -p "$ASSETS"
if [ "${WITH_BUNDLE:-1}" != "0" ]; then
  mkdir -p "$ASSETS/$INDEX_PATH"
  # Hard links when possible (same file system): instant, no extra space.
  for entry in "$INDEX"/*; do
    name="$(basename "$entry")"
    [ "$name" = "report.json" ] && continue
    cp -al "$entry" "$ASSETS/$INDEX_PATH/" 2>/dev/null || cp -a "$entry" "$ASSETS/$INDEX_PATH/"
  done
fi
printf '%s\n' "${INDEX_PATH:+$INDEX_PATH/}report.json" > "$ASSETS/.assetsignore"

if [ -d "$WIDGET" ]; then
  find "$WIDGET" -maxdepth 1 -type f ! -name '.*' -exec cp -a {} "$ASSETS/" \;
fi
if [ -f "$ROOT/widget/demo/index.html" ] && [ ! -f "$ASSETS/index.html" ]; then
  cp -a "$ROOT/widget/demo/index.html" "$ASSETS/index.html"
fi
if [ "${WITH_BUNDLE:-1}" != "0" ]; then
  files=$(find "$ASSETS/$INDEX_PATH" -type f | wc -l)
  echo "stage-assets: $files bundle files in $ASSETS/$INDEX_PATH/ ($(du -shL "$ASSETS/$INDEX_PATH" | cut -f1))" >&2
fi
