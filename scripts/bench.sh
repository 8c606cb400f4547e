#!/usr/bin/env bash
# Benchmarks with printed figures: build wall time and peak memory (medians of 3 runs) at 20,000
# records, and query latency on that index. BENCH_LARGE=1 adds one build of 200,000 records
# (about a minute and 350 MB); BENCH_MILLION=1 one of 1,000,000 (1.7 GB of records, a 2.5 GB
# bundle, several minutes). After each build, `index-builder update` adds 10,000 new records to
# a hard-linked copy of the index (median of 3). CPU time (user + system) is printed beside wall
# time: on a shared machine the wall time says more about the neighbours than the builder.
# Then query latency over every index built (20k, and 200k / 1M when present), and with
# BENCH_WORKER=1 the Worker in bare workerd over each of them (see below).
# Figures go into the README by hand, with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench
cargo build --release -q -p index-builder -p gongkai-sample -p edge

# build_bench COUNT LABEL RUNS: median wall time and peak RSS of RUNS builds of COUNT records.
build_bench() {
  local count=$1 runs=$3 corpus="build/bench/sample-$2.jsonl" index="build/bench/index-$2"
  [ -s "$corpus" ] || ./target/release/gongkai-sample --count "$count" --seed 11 --out "$corpus"
  echo "== build: $count records, 2 threads ($(nproc) cores), $runs run(s)"
  local walls=() rss=() cpus=()
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%e %M %U %S" -o build/bench/time.txt \
        ./target/release/index-builder build --input "$corpus" --out "$index" --quiet 2>/dev/null
      read -r wall kb user sys < build/bench/time.txt
      cpus+=("$(echo "$user + $sys" | bc)")
    else
      local start=$(date +%s.%N)
      ./target/release/index-builder build --input "$corpus" --out "$index" --quiet 2>/dev/null
      wall=$(echo "$(date +%s.%N) - $start" | bc); kb=0; cpus+=(0)
    fi
    walls+=("$wall"); rss+=("$kb")
  done
  local mid=$(( (runs + 1) / 2 ))
  local wall_med=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")
  local rss_med=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "${mid}p")
  local cpu_med=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")
  echo "wall: median ${wall_med} s (runs: ${walls[*]})"
  echo "CPU (user + system): median ${cpu_med} s (runs: ${cpus[*]}); load average now $(cut -d' ' -f1 /proc/loadavg)"
  echo "peak RSS: median $((rss_med / 1024)) MB"
  du -sh "$index" | sed 's/^/bundle size: /'
  echo "bundle files: $(find "$index" -type f | wc -l); largest: $(find "$index" -type f -printf '%s B %P\n' | sort -n | tail -1)"
  update_bench "$2" "$corpus" "$index"
}

# update_bench LABEL CORPUS INDEX: `index-builder update` of 10,000 records whose ids the index
# does not hold, into a hard-linked copy of INDEX (the original stays as built), 3 runs.
update_bench() {
  local adds="build/bench/add-$1.jsonl" copy="build/bench/update-$1"
  [ -x /usr/bin/time ] || return 0
  head -10000 "$2" | sed 's/^{"id":"/{"id":"upd-/' > "$adds"
  echo "== update: 10,000 new records into the $1 index, 3 runs"
  local walls=() rss=() cpus=()
  for _ in 1 2 3; do
    rm -rf "$copy"; cp -al "$3" "$copy"
    /usr/bin/time -f "%e %M %U %S" -o build/bench/time.txt \
      ./target/release/index-builder update --index "$copy" --input "$adds" --quiet 2>/dev/null
    read -r wall kb user sys < build/bench/time.txt
    walls+=("$wall"); rss+=("$kb"); cpus+=("$(echo "$user + $sys" | bc)")
  done
  rm -rf "$copy" "$adds"
  echo "wall: median $(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p) s (runs: ${walls[*]})"
  echo "CPU (user + system): median $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p) s"
  echo "peak RSS: median $(( $(printf '%s\n' "${rss[@]}" | sort -n | sed -n 2p) / 1024 )) MB"
}

build_bench 20000 20k 3
if [ -n "${BENCH_LARGE:-}" ]; then
  build_bench 200000 200k 1
fi
if [ -n "${BENCH_MILLION:-}" ]; then
  build_bench 1000000 1m 1
fi
echo "== queries"
for size in 20k 200k 1m; do
  [ -f "build/bench/index-$size/manifest.json" ] || continue
  cargo bench -q -p edge --bench query_latency -- "build/bench/index-$size"
done
# BENCH_WORKER=1: the Worker in bare workerd reading each index lazily (cold first query, warm
# latency, isolate memory, range reads, bytes and rounds, the 20 ms a round trip model), and at
# the largest size every answer compared with edge-serve's.
if [ -n "${BENCH_WORKER:-}" ]; then
  bash edge/worker/build.sh
  largest=""
  for size in 20k 200k 1m; do
    [ -f "build/bench/index-$size/manifest.json" ] || continue
    echo "== Worker, $size records, index read lazily"
    node edge/worker/bench.mjs --index "build/bench/index-$size" --vars "INDEX_READ:lazy" --cold 2 --warm 200 --wrangler 0
    largest="build/bench/index-$size"
  done
  echo "== Worker against edge-serve on $largest"
  node edge/worker/parity-large.mjs --index "$largest"
fi
