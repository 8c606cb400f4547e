#!/usr/bin/env bash
# make worker-dev INDEX=<index-dir> PORT=<port>: the Worker build in local workerd (through
# wrangler dev, pinned 4.85.0) on 127.0.0.1:<port>, with the index from <index-dir>.
#
#   bash edge/worker/dev.sh <index-dir> <port>
#
# Installs missing tools (install-tools.sh), builds (build.sh), stages the index and the widget
# as static assets (stage-assets.sh), then runs wrangler dev in the foreground (Ctrl-C stops).
# Environment:
#   INDEX_SOURCE=r2        serve the index from local R2 instead (uploaded with upload-r2.sh
#                          into the local bucket simulation; wrangler environment `r2`)
#   WORKER_VARS="K:V ..."  extra Worker variables, e.g. "ALLOWED_ORIGINS:https://a.gov.cn"
#   WORKER_PERSIST=<dir>   wrangler's local state directory (default edge/worker/.wrangler/state)
#   WORKER_ASSETS_DIR=<d>  the static assets folder to stage and serve (default edge/worker/assets;
#                          give each concurrent instance its own)
#   SKIP_BUILD=1           use the existing build/ as is
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
INDEX="${1:-build/index}"
PORT="${2:-8787}"
export PATH="$HOME/.cargo/bin:$PATH"
# Relative index paths are relative to where the command was run (make: the repository root).
case "$INDEX" in /*) ;; *) INDEX="$PWD/$INDEX" ;; esac

if [ ! -f "$INDEX/manifest.json" ]; then
  echo "worker-dev: no index bundle in $INDEX; build one first, e.g. make index" >&2
  exit 1
fi
bash "$HERE/install-tools.sh"
if [ -z "${SKIP_BUILD:-}" ]; then
  bash "$HERE/build.sh"
fi
ASSETS_DIR="${WORKER_ASSETS_DIR:-$HERE/assets}"
WITH_BUNDLE=1
[ "${INDEX_SOURCE:-assets}" = "r2" ] && WITH_BUNDLE=0
ASSETS_DIR="$ASSETS_DIR" WITH_BUNDLE="$WITH_BUNDLE" bash "$HERE/stage-assets.sh" "$INDEX"

PERSIST="${WORKER_PERSIST:-$HERE/.wrangler/state}"
ARGS=(dev --ip 127.0.0.1 --port "$PORT" --show-interactive-dev-session=false --persist-to "$PERSIST"
  --assets "$ASSETS_DIR" --var WORKER_STATS:on)
if [ "${INDEX_SOURCE:-assets}" = "r2" ]; then
  bash "$HERE/upload-r2.sh" "$INDEX" --local --persist-to "$PERSIST"
  ARGS+=(--env r2)
fi
for v in ${WORKER_VARS:-}; do
  ARGS+=(--var "$v")
done
# An inspector port of its own (wrangler's default 9229 would clash between two instances).
if [ -z "${WORKER_INSPECTOR_PORT:-}" ]; then
  WORKER_INSPECTOR_PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
fi
ARGS+=(--inspector-port "$WORKER_INSPECTOR_PORT")

cd "$HERE"
echo "worker-dev: http://127.0.0.1:$PORT/ (API: http://127.0.0.1:$PORT/v1/search?q=公租房)" >&2
export WRANGLER_SEND_METRICS=false GONGKAI_WORKER_PREBUILT=1
exec ./node_modules/.bin/wrangler "${ARGS[@]}"
