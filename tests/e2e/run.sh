#!/usr/bin/env bash
# Browser end-to-end tests of the widget, in Debian's headless Chromium, against real
# edge-serve processes: one with the sample index (5000 generated records), one with the
# XSS fixture (tests/e2e/fixtures/xss.jsonl), one with the sample index and a match budget of
# 1000. Always stops the servers it started.
#   bash tests/e2e/run.sh [test files…]      (default: tests/e2e/*.test.mjs)
# Env: GK_REBUILD_WIDGET=1 rebuilds dist/widget even if it exists.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

bash tests/e2e/install-tools.sh
if [ -n "${GK_REBUILD_WIDGET:-}" ] || [ ! -f dist/widget/widget.js ] || [ ! -f dist/widget/gongkai_widget_bg.wasm ]; then
  bash widget/build.sh
fi

echo "e2e: building edge-serve, index-builder and gongkai-sample (release)"
cargo build --release -q -p edge --bin edge-serve -p index-builder -p gongkai-sample
BUILDER="$TARGET/release/index-builder"
SERVE="$TARGET/release/edge-serve"
mkdir -p build
"$TARGET/release/gongkai-sample" --count 5000 --seed 7 --out build/e2e-sample.jsonl
if [ ! -s build/e2e-sample.jsonl ]; then
  echo "e2e: the sample generator wrote no records" >&2
  exit 1
fi
"$BUILDER" build --input build/e2e-sample.jsonl --out build/e2e-index --quiet
"$BUILDER" build --input tests/e2e/fixtures/xss.jsonl --out build/e2e-xss-index --quiet

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}
# Everything started here runs in a process group of its own (setsid): the edge-serve
# processes, and node with the Chromium it launches. On exit, on failure and on Ctrl-C or
# SIGTERM, every such group is ended: TERM, then KILL for whatever is still there.
GROUPS_STARTED=()
cleanup() {
  local g alive
  for g in "${GROUPS_STARTED[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    alive=0
    for g in "${GROUPS_STARTED[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for g in "${GROUPS_STARTED[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() { # index port log [edge-serve flags]
  setsid "$SERVE" --index "$1" --addr "127.0.0.1:$2" --widget-dir dist/widget --demo widget/demo/index.html "${@:4}" > "$3" 2>&1 < /dev/null &
  GROUPS_STARTED+=("$!")
  for _ in $(seq 1 100); do
    if node -e "fetch('http://127.0.0.1:$2/v1/meta').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then return 0; fi
    sleep 0.1
  done
  echo "e2e: edge-serve on port $2 did not come up:" >&2
  cat "$3" >&2
  return 1
}
P1="$(free_port)"
start build/e2e-index "$P1" build/e2e-serve.log
P2="$(free_port)"
start build/e2e-xss-index "$P2" build/e2e-serve-xss.log
# The sample index again with a small match budget: a broad query's total is an estimate.
P3="$(free_port)"
start build/e2e-index "$P3" build/e2e-serve-budget.log --match-budget 1000

if [ "$#" -gt 0 ]; then files=("$@"); else files=(tests/e2e/*.test.mjs); fi
echo "e2e: edge-serve on http://127.0.0.1:$P1 (sample) and http://127.0.0.1:$P2 (XSS fixture)"
# In the background and waited for, so that a signal to this script is handled at once (bash
# runs traps only between commands), not when the whole test run has finished.
GK_BASE="http://127.0.0.1:$P1" GK_XSS_BASE="http://127.0.0.1:$P2" GK_BUDGET_BASE="http://127.0.0.1:$P3" \
  setsid node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec "${files[@]}" < /dev/null &
GROUPS_STARTED+=("$!")
wait "$!"
