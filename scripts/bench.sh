#!/usr/bin/env bash
# Benchmarks with printed figures: build wall time and peak memory (medians of 3 runs) at 20,000
# records, and query latency on that index. BENCH_LARGE=1 adds one build of 200,000 records
# (about a minute and 350 MB). Figures go into the README by hand, with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench
cargo build --release -q -p index-builder -p gongkai-sample -p edge

# build_bench COUNT LABEL RUNS: median wall time and peak RSS of RUNS builds of COUNT records.
build_bench() {
  local count=$1 runs=$3 corpus="build/bench/sample-$2.jsonl" index="build/bench/index-$2"
  [ -s "$corpus" ] || ./target/release/gongkai-sample --count "$count" --seed 11 --out "$corpus"
  echo "== build: $count records, 2 threads ($(nproc) cores), $runs run(s)"
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%e %M" -o build/bench/time.txt \
        ./target/release/index-builder build --input "$corpus" --out "$index" --quiet 2>/dev/null
      read -r wall kb < build/bench/time.txt
    else
      local start=$(date +%s.%N)
      ./target/release/index-builder build --input "$corpus" --out "$index" --quiet 2>/dev/null
      wall=$(echo "$(date +%s.%N) - $start" | bc); kb=0
    fi
    walls+=("$wall"); rss+=("$kb")
  done
  local mid=$(( (runs + 1) / 2 ))
  local wall_med=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")
  local rss_med=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "${mid}p")
  echo "wall: median ${wall_med} s (runs: ${walls[*]})"
  echo "peak RSS: median $((rss_med / 1024)) MB"
  du -sh "$index" | sed 's/^/bundle size: /'
}

build_bench 20000 20k 3
if [ -n "${BENCH_LARGE:-}" ]; then
  build_bench 200000 200k 1
fi
echo "== queries"
cargo bench -q -p edge --bench query_latency -- build/bench/index-20k
