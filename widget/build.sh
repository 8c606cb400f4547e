#!/usr/bin/env bash
# Builds the widget into dist/widget/: widget.js (loader), gongkai_widget.js (wasm-bindgen
# glue) and gongkai_widget_bg.wasm. Fails when the three exceed the size budget (gzip). Prints
# the loader's SRI hash (sha384-…) and writes it to widget.js.sri.
#   bash widget/build.sh            (make widget)
# Env: OUT (default dist/widget), CARGO_TARGET_DIR (default target/wasm),
#      WIDGET_BUDGET_BYTES (default 61440 = 60 KB gzip, total of the three files).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/dist/widget}"
BUDGET="${WIDGET_BUDGET_BYTES:-61440}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/wasm}"
export PATH="$HOME/.cargo/bin:$PATH"

bash "$ROOT/widget/install-tools.sh"

cd "$ROOT"
cargo build --target wasm32-unknown-unknown --profile release-wasm -p widget
WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-wasm/gongkai_widget.wasm"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$TMP" --out-name gongkai_widget "$WASM"
# The features rustc enables by default for wasm32-unknown-unknown; nothing newer.
# Import/export names are minified (the hashed wasm-bindgen names do not compress) and
# tools/minify-glue.mjs renames them in the JS glue to match, then runs terser on it.
"$ROOT/widget/node_modules/.bin/wasm-opt" -Oz \
  --enable-bulk-memory --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --minify-imports-and-exports-and-modules \
  "$TMP/gongkai_widget_bg.wasm" -o "$TMP/opt.wasm" > "$TMP/names.json"
mv "$TMP/opt.wasm" "$TMP/gongkai_widget_bg.wasm"
node "$ROOT/widget/tools/minify-glue.mjs" "$TMP/names.json" "$TMP/gongkai_widget.js" "$TMP/glue.min.js"
mv "$TMP/glue.min.js" "$TMP/gongkai_widget.js"

# Version = content hash of glue + wasm: the loader asks for ?v=<hash>, so caches never mix
# an old glue with a new wasm.
VERSION="$(cat "$TMP/gongkai_widget.js" "$TMP/gongkai_widget_bg.wasm" | sha256sum | cut -c1-12)"
sed "s/__GK_VERSION__/$VERSION/" "$ROOT/widget/loader/widget.js" > "$TMP/loader.js"
"$ROOT/widget/node_modules/.bin/terser" "$TMP/loader.js" --compress --mangle --comments '/^!/' -o "$TMP/widget.js"

mkdir -p "$OUT"
rm -f "$OUT"/*.wasm "$OUT"/*.js "$OUT"/*.d.ts
cp "$TMP/widget.js" "$TMP/gongkai_widget.js" "$TMP/gongkai_widget_bg.wasm" "$OUT/"

total=0
printf '%-26s %9s %9s\n' file raw gzip
for f in widget.js gongkai_widget.js gongkai_widget_bg.wasm; do
  raw=$(wc -c < "$OUT/$f")
  gz=$(gzip -9 -c "$OUT/$f" | wc -c)
  total=$((total + gz))
  printf '%-26s %9d %9d\n' "$f" "$raw" "$gz"
done
printf '%-26s %9s %9d  (budget %d)\n' total '' "$total" "$BUDGET"
echo "$total" > "$OUT/.gzip-bytes"
if [ "$total" -gt "$BUDGET" ]; then
  echo "widget: over the size budget: $total > $BUDGET bytes gzip" >&2
  exit 1
fi
# Subresource Integrity of the loader, for admins who pin it:
#   <script src="https://<edge>/widget.js" integrity="sha384-…" crossorigin="anonymous" …>
# (edge-serve sends `Access-Control-Allow-Origin: *` with it, which `crossorigin` needs). The
# loader fetches the glue and wasm of its own version (?v=<hash>), so pinning it pins them.
SRI="$(node -e 'const c = require("crypto"), fs = require("fs");
console.log("sha384-" + c.createHash("sha384").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$OUT/widget.js")"
echo "$SRI" > "$OUT/widget.js.sri"
echo "widget: wrote $OUT (version $VERSION)"
echo "widget: widget.js integrity $SRI (also in $OUT/widget.js.sri)"
