#!/usr/bin/env bash
# Benchmarks with printed figures: build speed and peak memory at 20,000 records, and query
# latency on that index. Figures go into the README by hand, with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench
cargo build --release -q -p index-builder -p edge
./target/release/index-builder sample --count 20000 --seed 11 --out build/bench/sample-20k.jsonl
echo "== build: 20,000 records, 2 threads ($(nproc) cores)"
./target/release/index-builder build --input build/bench/sample-20k.jsonl --out build/bench/index-20k --quiet
du -sh build/bench/index-20k | sed 's/^/bundle size: /'
echo "== queries"
cargo bench -q -p edge --bench query_latency -- build/bench/index-20k
