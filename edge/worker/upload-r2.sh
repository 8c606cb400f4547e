#!/usr/bin/env bash
# Uploads an index bundle to R2 for the Worker's INDEX_SOURCE=r2 mode, with wrangler:
#
#   bash edge/worker/upload-r2.sh <index-dir> --remote                 # the real bucket
#   bash edge/worker/upload-r2.sh <index-dir> --local [--persist-to D] # wrangler dev's local R2
#
# Keys: <INDEX_PATH>/<bundle path> (INDEX_PATH default _index, as the Worker variable), in
# bucket R2_BUCKET (default gongkai-index). Every file but manifest.json goes first and
# manifest.json last, so a running Worker only switches (at its next INDEX_CHECK_SECONDS check)
# once the whole new bundle is there; a half-uploaded bundle fails the sha256 check and the
# Worker keeps the index it has. report.json (the build's rejected records) is not uploaded.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INDEX="${1:?usage: upload-r2.sh <index-dir> --remote|--local [--persist-to DIR]}"
shift
BUCKET="${R2_BUCKET:-gongkai-index}"
INDEX_PATH="${INDEX_PATH:-_index}"
INDEX_PATH="${INDEX_PATH#/}"; INDEX_PATH="${INDEX_PATH%/}"
if [ ! -f "$INDEX/manifest.json" ]; then
  echo "upload-r2: $INDEX/manifest.json not found" >&2
  exit 1
fi
INDEX="$(cd "$INDEX" && pwd)"
WRANGLER="$HERE/node_modules/.bin/wrangler"
export WRANGLER_SEND_METRICS=false

mapfile -t FILES < <(cd "$INDEX" && find . -type f ! -name manifest.json ! -name report.json | sed 's|^\./||' | sort)
n=0
for f in "${FILES[@]}" manifest.json; do
  key="${INDEX_PATH:+$INDEX_PATH/}$f"
  (cd "$HERE" && "$WRANGLER" r2 object put "$BUCKET/$key" --file "$INDEX/$f" "$@" >/dev/null 2>&1) || {
    echo "upload-r2: failed: wrangler r2 object put $BUCKET/$key --file $INDEX/$f $*" >&2
    exit 1
  }
  n=$((n + 1))
done
echo "upload-r2: $n files to r2://$BUCKET/${INDEX_PATH:+$INDEX_PATH/} ($*), manifest.json last" >&2
