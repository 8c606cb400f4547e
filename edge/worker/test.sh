#!/usr/bin/env bash
# The Worker in workerd answers exactly as edge-serve (CI):
#
#   bash edge/worker/test.sh [index-dir]
#
# Without an index, builds a small sample one (build/worker-test/index). Starts, each on a free
# loopback port and in a process group of its own:
#   - edge-serve on the index                          (the reference)
#   - the Worker from static assets (dev.sh → wrangler dev → workerd), same CORS allow-list
#   - the Worker from local R2 (INDEX_SOURCE=r2, INDEX_CHECK_SECONDS=1, ALLOWED_ORIGINS=*: every origin),
#     reading the index lazily by R2 range reads (wrangler.toml's r2 environment: INDEX_READ=lazy)
#   - the Worker in bare workerd (workerd.sh: no wrangler; what the benchmark measures), reading
#     the index lazily (INDEX_READ=lazy: by verified chunks, in rounds of range reads) with the
#     smallest caches (SHARD_CACHE_MB=1, INDEX_CACHE_MB=1)
#   - edge-serve on a second, different index          (for the index-version switch over R2)
# then runs node --test edge/worker/parity.test.mjs, and always stops what it started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

WORK="$ROOT/build/worker-test"
mkdir -p "$WORK"
INDEX="${1:-}"
echo "worker-test: building edge-serve, the sample indexes and the Worker" >&2
cargo build --release -q -p index-builder -p gongkai-sample -p edge
if [ -z "$INDEX" ]; then
  INDEX="$WORK/index"
  ./target/release/gongkai-sample --count 3000 --seed 7 --out "$WORK/sample.jsonl" >/dev/null
  ./target/release/index-builder build --input "$WORK/sample.jsonl" --out "$INDEX" --quiet >/dev/null
fi
case "$INDEX" in /*) ;; *) INDEX="$ROOT/$INDEX" ;; esac
[ -f "$INDEX/manifest.json" ] || { echo "worker-test: $INDEX/manifest.json not found" >&2; exit 1; }
# A second index with another version, to switch to while the R2 Worker runs.
INDEX_B="$WORK/index-b"
./target/release/gongkai-sample --count 1200 --seed 8 --out "$WORK/sample-b.jsonl" >/dev/null
./target/release/index-builder build --input "$WORK/sample-b.jsonl" --out "$INDEX_B" --quiet >/dev/null

bash "$HERE/install-tools.sh"
bash "$HERE/build.sh"

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
GROUPS_STARTED=()
R2_STATE=""
cleanup() {
  # SIGINT first: wrangler then stops workerd and waits for it (no orphans); then insist.
  for g in "${GROUPS_STARTED[@]}"; do
    kill -INT -- "-$g" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    alive=0
    for g in "${GROUPS_STARTED[@]}"; do
      if kill -0 -- "-$g" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for g in "${GROUPS_STARTED[@]}"; do
    kill -KILL -- "-$g" 2>/dev/null || true
  done
  [ -n "${R2_STATE:-}" ] && rm -rf "$R2_STATE"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start() { # <log> <command...>: in a new session (own process group), remembered for cleanup
  local log="$1"
  shift
  setsid "$@" >"$log" 2>&1 < /dev/null &
  GROUPS_STARTED+=("$!")
}
wait_for() { # <url> <log>
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null -m 2 "$1"; then return 0; fi
    sleep 0.3
  done
  echo "worker-test: $1 did not come up; log $2:" >&2
  tail -40 "$2" >&2
  exit 1
}

ORIGINS="https://www.jiangsu.gov.cn,https://zfxxgk.nanjing.gov.cn"
NATIVE_PORT=$(free_port); NATIVE_B_PORT=$(free_port); WORKER_PORT=$(free_port); R2_PORT=$(free_port); WORKERD_PORT=$(free_port)
R2_STATE="$(mktemp -d "$WORK/r2-state.XXXXXX")"

start "$WORK/native.log" ./target/release/edge-serve --index "$INDEX" --addr "127.0.0.1:$NATIVE_PORT" --allow-origins "$ORIGINS"
start "$WORK/native-b.log" ./target/release/edge-serve --index "$INDEX_B" --addr "127.0.0.1:$NATIVE_B_PORT"
start "$WORK/worker.log" env SKIP_BUILD=1 WORKER_VARS="ALLOWED_ORIGINS:$ORIGINS" \
  WORKER_PERSIST="$WORK/assets-state" WORKER_ASSETS_DIR="$WORK/assets" bash "$HERE/dev.sh" "$INDEX" "$WORKER_PORT"
wait_for "http://127.0.0.1:$NATIVE_PORT/healthz" "$WORK/native.log"
wait_for "http://127.0.0.1:$NATIVE_B_PORT/healthz" "$WORK/native-b.log"
# /_worker/stats answers without loading the index: the test's first requests find a cold isolate.
wait_for "http://127.0.0.1:$WORKER_PORT/_worker/stats" "$WORK/worker.log"
start "$WORK/worker-r2.log" env SKIP_BUILD=1 INDEX_SOURCE=r2 WORKER_VARS="INDEX_CHECK_SECONDS:1 ALLOWED_ORIGINS:*" \
  WORKER_PERSIST="$R2_STATE" WORKER_ASSETS_DIR="$WORK/assets-r2" bash "$HERE/dev.sh" "$INDEX" "$R2_PORT"
wait_for "http://127.0.0.1:$R2_PORT/_worker/stats" "$WORK/worker-r2.log"
start "$WORK/workerd.log" env SKIP_BUILD=1 WORKER_VARS="ALLOWED_ORIGINS:$ORIGINS SHARD_CACHE_MB:1 INDEX_READ:lazy INDEX_CACHE_MB:1" \
  WORKER_ASSETS_DIR="$WORK/assets-workerd" bash "$HERE/workerd.sh" "$INDEX" "$WORKERD_PORT"
wait_for "http://127.0.0.1:$WORKERD_PORT/_worker/stats" "$WORK/workerd.log"

echo "worker-test: edge-serve :$NATIVE_PORT, Worker (assets) :$WORKER_PORT, Worker (R2) :$R2_PORT, bare workerd :$WORKERD_PORT" >&2
NATIVE_URL="http://127.0.0.1:$NATIVE_PORT" NATIVE_B_URL="http://127.0.0.1:$NATIVE_B_PORT" \
WORKER_URL="http://127.0.0.1:$WORKER_PORT" R2_URL="http://127.0.0.1:$R2_PORT" WORKERD_URL="http://127.0.0.1:$WORKERD_PORT" \
ORIGINS="$ORIGINS" INDEX_B="$INDEX_B" R2_STATE="$R2_STATE" WORKER_ASSETS="$WORK/assets" \
  setsid node --test --test-reporter=spec "$HERE/parity.test.mjs" < /dev/null &
# Waited for in the background, so that a signal to this script stops everything at once
# (bash runs traps only between commands, not while a foreground command runs).
GROUPS_STARTED+=("$!")
wait "$!"
