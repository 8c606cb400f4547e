#!/usr/bin/env bash
# The Worker in bare workerd (the runtime Cloudflare runs, from npm, the version wrangler 4.85
# pins), without wrangler's dev proxy: what the benchmark measures and what CI checks besides
# wrangler dev.
#
#   bash edge/worker/workerd.sh <index-dir> <port>
#
# The index is served to the Worker's ASSETS binding from the staged assets folder through
# workerd's disk service and assets-shim.mjs (Content-Type, `/` → index.html). Why not only
# wrangler dev: its local asset pipeline (miniflare) moves static assets at ~27 MB/s here,
# which makes a cold start mostly a measure of the dev tool; bare workerd reads them at disk
# speed, as Cloudflare's asset service does from its cache.
# Environment:
#   WORKER_VARS="K:V ..."       Worker variables (default: WORKER_STATS:on)
#   WORKER_ASSETS_DIR=<dir>     the static assets folder to stage and serve
#   WORKER_INSPECTOR_PORT=<p>   open V8's inspector on 127.0.0.1:<p> (memory figures)
#   SKIP_BUILD=1                use the existing build/ as is
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INDEX="${1:?usage: workerd.sh <index-dir> <port>}"
PORT="${2:?usage: workerd.sh <index-dir> <port>}"
export PATH="$HOME/.cargo/bin:$PATH"
case "$INDEX" in /*) ;; *) INDEX="$PWD/$INDEX" ;; esac
[ -f "$INDEX/manifest.json" ] || { echo "workerd.sh: no index bundle in $INDEX; build one first, e.g. make index" >&2; exit 1; }

bash "$HERE/install-tools.sh" >&2
[ -n "${SKIP_BUILD:-}" ] || bash "$HERE/build.sh"
WORKERD="$HERE/node_modules/workerd/bin/workerd"
[ -x "$WORKERD" ] || { echo "workerd.sh: $WORKERD missing; run bash edge/worker/install-tools.sh" >&2; exit 1; }
ASSETS_DIR="${WORKER_ASSETS_DIR:-$HERE/assets}"
ASSETS_DIR="$ASSETS_DIR" bash "$HERE/stage-assets.sh" "$INDEX"
ASSETS_DIR="$(cd "$ASSETS_DIR" && pwd)"

# The config: text bindings for the Worker's variables (wrangler.toml's [vars] defaults, then
# WORKER_VARS), modules embedded from build/ (paths relative to the config file).
CONFIG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/gongkai-workerd.XXXXXX")"
trap 'rm -rf "$CONFIG_DIR"' EXIT
ln -s "$HERE/entry.mjs" "$CONFIG_DIR/entry.mjs"
ln -s "$HERE/assets-shim.mjs" "$CONFIG_DIR/assets-shim.mjs"
ln -s "$HERE/build" "$CONFIG_DIR/build"
declare -A VARS=([INDEX_SOURCE]=assets [INDEX_PATH]=_index [INDEX_CHECK_SECONDS]=60 [ALLOWED_ORIGINS]="" [WORKER_STATS]=on [SHARD_CACHE_MB]=8)
for v in ${WORKER_VARS:-}; do
  VARS["${v%%:*}"]="${v#*:}"
done
BINDINGS='(name = "ASSETS", service = "assets")'
for k in "${!VARS[@]}"; do
  val="${VARS[$k]//\\/\\\\}"; val="${val//\"/\\\"}"
  BINDINGS+=", (name = \"$k\", text = \"$val\")"
done
cat > "$CONFIG_DIR/config.capnp" <<CAPNP
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .gongkai),
    (name = "assets", worker = .assets),
    (name = "disk", disk = (path = "$ASSETS_DIR", writable = false, allowDotfiles = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:$PORT", http = (), service = "main") ],
);
const gongkai :Workerd.Worker = (
  modules = [
    (name = "entry.mjs", esModule = embed "entry.mjs"),
    (name = "build/index.js", esModule = embed "build/index.js"),
    (name = "build/index_bg.wasm", wasm = embed "build/index_bg.wasm"),
  ],
  compatibilityDate = "2026-04-01",
  bindings = [ $BINDINGS ],
);
const assets :Workerd.Worker = (
  modules = [ (name = "assets-shim.mjs", esModule = embed "assets-shim.mjs") ],
  compatibilityDate = "2026-04-01",
  bindings = [ (name = "DISK", service = "disk") ],
);
CAPNP
ARGS=(serve "$CONFIG_DIR/config.capnp" --experimental)
[ -n "${WORKER_INSPECTOR_PORT:-}" ] && ARGS+=(--inspector-addr "127.0.0.1:$WORKER_INSPECTOR_PORT")
echo "workerd.sh: http://127.0.0.1:$PORT/ (workerd $("$WORKERD" --version | awk '{print $2}'), index $INDEX)" >&2
# Not exec: the trap removes the config directory when workerd stops.
"$WORKERD" "${ARGS[@]}" &
WPID=$!
trap 'kill $WPID 2>/dev/null; wait $WPID 2>/dev/null; rm -rf "$CONFIG_DIR"' EXIT INT TERM
wait $WPID
