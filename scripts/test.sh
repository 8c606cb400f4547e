#!/usr/bin/env bash
# Runs every test of the project, as CI does. Each suite prints its own summary.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== The prebuilt widget of \`make demo\` matches the widget sources"
bash widget/prebuilt.sh check

echo "== Rust: unit tests, builder and HTTP integration tests, relevance evaluation"
cargo test --release
# The Worker's runtime-independent glue and its shard loop on a real bundle (natively; the
# workspace's default members leave edge/worker out so plain builds skip workers-rs).
cargo test --release -p edge-worker

if [ -f tests/e2e/run.sh ]; then
  echo "== Browser end to end: the widget in Debian chromium against edge-serve"
  bash tests/e2e/run.sh
fi
if [ -f edge/worker/test.sh ]; then
  echo "== Worker: workerd answers exactly as edge-serve"
  bash edge/worker/test.sh
fi
