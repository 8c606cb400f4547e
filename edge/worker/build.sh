#!/usr/bin/env bash
# Builds the Worker into edge/worker/build/ (index.js + index_bg.wasm) with worker-build,
# using only local tools (install-tools.sh installs them): the wasm-bindgen CLI matching
# Cargo.lock, esbuild from this folder's node_modules, and no wasm-opt unless asked.
#
#   bash edge/worker/build.sh            # release build (profile release-wasm) + wasm-opt -O1
#   WASM_OPT=0 bash edge/worker/build.sh # without wasm-opt (a few seconds faster, ~15% larger)
#
# wrangler runs this as its [build] command; GONGKAI_WORKER_PREBUILT=1 skips it when
# build/ is already there (dev.sh builds once, then starts wrangler).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

if [ -n "${GONGKAI_WORKER_PREBUILT:-}" ] && [ -f "$HERE/build/index.js" ] && [ -f "$HERE/build/index_bg.wasm" ]; then
  exit 0
fi

# A target directory of its own, so Worker builds never block the native ones.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/worker}"
# tantivy → rand → getrandom 0.3 needs its JS backend selected on wasm32-unknown-unknown.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='--cfg getrandom_backend="wasm_js"'
# Never let worker-build download tools.
WASM_BINDGEN_BIN="$(command -v wasm-bindgen || true)"
ESBUILD_BIN="$HERE/node_modules/@esbuild/linux-x64/bin/esbuild"
[ -x "$ESBUILD_BIN" ] || ESBUILD_BIN="$HERE/node_modules/esbuild/bin/esbuild"
if [ -z "$WASM_BINDGEN_BIN" ] || [ ! -x "$ESBUILD_BIN" ] || ! command -v worker-build >/dev/null; then
  echo "build.sh: tools missing; run: bash edge/worker/install-tools.sh" >&2
  exit 1
fi
export WASM_BINDGEN_BIN ESBUILD_BIN

# Profile: release-wasm (root Cargo.toml: opt-level z, LTO, one codegen unit, panic=abort).
# WORKER_OPT_LEVEL overrides its opt-level for the Worker only (e.g. 3 or s); see README.
PROFILE="${WORKER_PROFILE:-release-wasm}"
if [ -n "${WORKER_OPT_LEVEL:-}" ]; then
  export "CARGO_PROFILE_$(echo "$PROFILE" | tr 'a-z-' 'A-Z_')_OPT_LEVEL=$WORKER_OPT_LEVEL"
fi

OPT_ARGS=(--no-opt)
if [ "${WASM_OPT:-1}" != "0" ]; then
  # npm binaryen (pinned in package-lock.json); never Debian's wasm-opt 108, which cannot read
  # wasm-bindgen 0.2.130 output. Arguments: [package.metadata.wasm-pack.profile.*] in Cargo.toml.
  WASM_OPT_BIN="$HERE/node_modules/binaryen/bin/wasm-opt"
  [ -x "$WASM_OPT_BIN" ] || { echo "build.sh: $WASM_OPT_BIN missing; run bash edge/worker/install-tools.sh (or WASM_OPT=0)" >&2; exit 1; }
  export WASM_OPT_BIN
  OPT_ARGS=()
fi

cd "$HERE"
echo "build.sh: worker-build --profile $PROFILE ${OPT_ARGS[*]:-} (target dir $CARGO_TARGET_DIR)" >&2
worker-build --profile "$PROFILE" "${OPT_ARGS[@]}"
# worker-build keeps the wasm names section (~0.9 MB raw, ~0.23 MB gzip) for readable panic
# traces; drop it unless WASM_NAMES=1. Same feature flags as worker-build's own wasm-opt step.
if [ "${WASM_OPT:-1}" != "0" ] && [ "${WASM_NAMES:-0}" != "1" ]; then
  "$WASM_OPT_BIN" build/index_bg.wasm -o build/index_bg.wasm --strip-debug \
    --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory \
    --enable-multivalue --enable-reference-types --enable-exception-handling
fi
raw=$(stat -c %s build/index_bg.wasm)
gz=$(gzip -9 -c build/index_bg.wasm | wc -c)
echo "build.sh: build/index_bg.wasm $raw bytes raw, $gz gzip -9" >&2
