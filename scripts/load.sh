#!/usr/bin/env bash
# Load test of edge-serve, or of the Worker in bare workerd, over loopback with wrk (issue #13).
#
#   bash scripts/load.sh                  # 30 s at 1, 8 and 32 keep-alive connections
#   DURATION=10 bash scripts/load.sh      # shorter phases
#   SOAK=300 bash scripts/load.sh         # plus a 5-minute soak at 32 connections (flat memory?)
#   RUNTIME=worker bash scripts/load.sh   # the same against the Worker in workerd (make load-worker)
#
# What it does: builds the release binaries (SKIP_BUILD=1 reuses them), builds a 20,000-record
# sample index once into build/load/ (reused while build/load/index-20k/manifest.json exists),
# starts edge-serve on 127.0.0.1 (loopback only) on a free port, and runs wrk with
# scripts/load.lua over a realistic mix made from tests/relevance/queries.json: every query
# URL-encoded, some with `domain=` or `region=` filters, `page=2` or `sort=date`, and
# `/v1/suggest?q=` with Chinese and pinyin prefixes. For each phase it prints requests/s,
# latency p50/p99/max, errors (HTTP 4xx/5xx and socket errors), edge-serve's CPU time per
# request (what the machine's other load does not change: 2 cores / that = its capacity), and
# its resident memory sampled every 2 s (first, max, last). edge-serve is always stopped at the end, also
# when a step fails or the script is interrupted. Exits 1 if any request failed.
#
# Knobs (environment): DURATION (s per phase, default 30), CONNS (default "1 8 32"), SOAK (s,
# default none), THREADS (edge-serve --threads, default its own), SERVE_ARGS (more edge-serve
# flags, e.g. "--shard-cache-mb 64"), SERVE (the edge-serve binary, e.g. an older build to
# compare), INDEX (an existing bundle instead of the sample one), RUNTIME (edge-serve, the
# default, or worker: edge/worker/workerd.sh serves the index; the CPU and memory figures are
# then workerd's; the Worker is built unless SKIP_BUILD=1 and its build/ exists).
# wrk is Debian's package; it is installed with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
CONNS=${CONNS:-"1 8 32"}
SOAK=${SOAK:-}
RUNTIME=${RUNTIME:-edge-serve}
case "$RUNTIME" in edge-serve | worker) ;; *) echo "load: RUNTIME is edge-serve or worker, not $RUNTIME" >&2; exit 2 ;; esac
OUT=build/load
INDEX=${INDEX:-$OUT/index-20k}
TARGET=${CARGO_TARGET_DIR:-target}
SERVE=${SERVE:-$TARGET/release/edge-serve}
BUILDER=$TARGET/release/index-builder
SAMPLE=$TARGET/release/gongkai-sample
mkdir -p "$OUT"

SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  local rc=$?
  [ -z "$SAMPLER_PID" ] || { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
  if [ -n "$SERVER_PID" ]; then
    # The server runs in a process group of its own (workerd.sh and its workerd): all of it.
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! command -v wrk >/dev/null; then
  echo "load: installing wrk (Debian package)"
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
  cargo build --release -q -p index-builder -p gongkai-sample -p edge --bin index-builder --bin gongkai-sample --bin edge-serve
fi
if [ "$RUNTIME" = worker ]; then
  if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f edge/worker/build/index_bg.wasm ]; then
    bash edge/worker/install-tools.sh
    bash edge/worker/build.sh
  fi
fi

if [ ! -f "$INDEX/manifest.json" ]; then
  # The corpus: 20,000 generated records (seed 7).
  "$SAMPLE" --count 20000 --seed 7 --out "$OUT/sample-20k.jsonl"
  "$BUILDER" build --input "$OUT/sample-20k.jsonl" --out "$INDEX" --quiet
fi

# The request mix, one URL-encoded path per line.
PATHS=$OUT/paths.txt
node - tests/relevance/queries.json > "$PATHS" <<'EOF'
const queries = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8")).map((x) => x.q);
const domains = ["land", "housing", "procurement", "construction", "mining", "state_assets", "medical"];
const regions = ["320500", "320100", "320115", "320583", "320200", "320900"];
const e = encodeURIComponent;
const out = [];
queries.forEach((q, n) => {
  out.push(`/v1/search?q=${e(q)}`);
  if (n % 3 === 0) out.push(`/v1/search?q=${e(q)}&domain=${domains[n % domains.length]}`);
  if (n % 4 === 1) out.push(`/v1/search?q=${e(q)}&region=${regions[n % regions.length]}`);
  if (n % 5 === 2) out.push(`/v1/search?q=${e(q)}&page=2`);
  if (n % 6 === 3) out.push(`/v1/search?q=${e(q)}&sort=date`);
  const chars = Array.from(q.replace(/\s+/g, ""));
  const pinyin = /^[a-z ]+$/.test(q);
  const cut = pinyin ? 3 + (n % 3) : 1 + (n % 2);
  out.push(`/v1/suggest?q=${e(chars.slice(0, cut).join(""))}`);
});
out.push(`/v1/search?q=&domain=land&sort=date`, `/v1/search?q=&region=320500`);
console.log(out.join("\n"));
EOF
echo "load: $(wc -l < "$PATHS") request paths ($(grep -c '^/v1/search' "$PATHS") searches, $(grep -c '^/v1/suggest' "$PATHS") suggestions)"

PORT=""
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "load: no free port found" >&2; exit 1; }
EXTRA=()
[ -n "${THREADS:-}" ] && EXTRA=(--threads "$THREADS")
# shellcheck disable=SC2206 # SERVE_ARGS is split into words on purpose
[ -n "${SERVE_ARGS:-}" ] && EXTRA+=($SERVE_ARGS)
LOG=$OUT/$RUNTIME.log
# setsid: the server leads a process group of its own, which cleanup stops whole.
if [ "$RUNTIME" = worker ]; then
  SKIP_BUILD=1 setsid bash edge/worker/workerd.sh "$INDEX" "$PORT" > "$LOG" 2>&1 < /dev/null &
else
  setsid "$SERVE" --index "$INDEX" --addr "127.0.0.1:$PORT" "${EXTRA[@]}" > "$LOG" 2>&1 < /dev/null &
fi
SERVER_PID=$!
# The first answer of the Worker is its cold start (reading and verifying the bundle).
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "load: $RUNTIME exited:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "load: $RUNTIME did not come up" >&2; cat "$LOG" >&2; exit 1; }
# The processes measured: edge-serve, or the workerd processes of the group.
measured() {
  if [ "$RUNTIME" = worker ]; then pgrep -g "$SERVER_PID" -x workerd || true; else echo "$SERVER_PID"; fi
}
[ -n "$(measured)" ] || { echo "load: no $RUNTIME process found in group $SERVER_PID" >&2; exit 1; }
echo "load: $RUNTIME (pid $(measured | paste -sd ' ')) on http://127.0.0.1:$PORT/ with $INDEX, $(nproc) cores"

RSS=$OUT/rss.log
: > "$RSS"
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    # shellcheck disable=SC2046 # one /proc path per measured process
    cat $(measured | sed 's|.*|/proc/&/status|') 2>/dev/null | awk '/^VmRSS/ {k += $2} END {if (NR) print k}' >> "$RSS" || true
    sleep 2
  done
) &
SAMPLER_PID=$!

# rss_summary FROM_LINE: first, max and last RSS (MB) sampled since that line of the log.
rss_summary() {
  tail -n "+$1" "$RSS" | awk 'NR == 1 {f = $1} $1 > m {m = $1} {l = $1} END {printf "RSS first %.1f MB, max %.1f MB, last %.1f MB (%d samples)", f/1024, m/1024, l/1024, NR}'
}

# CPU time the server has used (user + system, clock ticks): CPU per request is the figure
# that does not depend on what else the machine is running. (A process name in /proc/PID/stat
# has no spaces here: edge-serve, workerd.)
cpu_ticks() {
  # shellcheck disable=SC2046
  cat $(measured | sed 's|.*|/proc/&/stat|') 2>/dev/null | awk '{t += $14 + $15} END {print t + 0}'
}
TICK=$(getconf CLK_TCK)

FAILED=0
phase() { # phase CONNECTIONS SECONDS LABEL
  local c=$1 secs=$2 label=$3 t=2 from result cpu0 cpu1 requests
  [ "$c" -lt 2 ] && t=1
  from=$(( $(wc -l < "$RSS") + 1 ))
  cpu0=$(cpu_ticks)
  result=$(LOAD_PATHS="$PATHS" wrk -t"$t" -c"$c" -d"${secs}s" --timeout 5s -s scripts/load.lua \
    "http://127.0.0.1:$PORT" | grep '^RESULT' || true)
  cpu1=$(cpu_ticks)
  sleep 2 # one more RSS sample after the phase
  [ -n "$result" ] || { echo "load: wrk gave no result" >&2; exit 1; }
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "load: $RUNTIME died during $label" >&2; cat "$LOG" >&2; exit 1; }
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
  printf '%-26s %s; %s CPU %s ms/request; %s\n' "$label" "${result#RESULT }" "$RUNTIME" \
    "$(awk -v d=$((cpu1 - cpu0)) -v n="$requests" -v t="$TICK" 'BEGIN {printf "%.2f", n ? d * 1000 / t / n : 0}')" \
    "$(rss_summary "$from")"
  case "$result" in *"http_errors=0 socket_errors=0"*) ;; *) FAILED=1 ;; esac
}

for c in $CONNS; do
  phase "$c" "$DURATION" "$c connection(s), ${DURATION} s:"
done
if [ -n "$SOAK" ]; then
  phase 32 "$SOAK" "soak, 32 connections, ${SOAK} s:"
fi
echo "load: whole run: $(rss_summary 1)"
[ "$FAILED" = 0 ] || { echo "load: some requests failed" >&2; exit 1; }
