#!/usr/bin/env bash
# Installs what the Worker build and local workerd need, from package registries only, and
# only what is missing (safe to run again):
# - the wasm32-unknown-unknown Rust target;
# - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
# - worker-build (workers-rs build tool) at the version of the `worker` crate in Cargo.lock;
# - wrangler 4.85.0 (+ its workerd and esbuild) and binaryen 132 (wasm-opt), pinned by
#   edge/worker/package-lock.json. 4.85 is the newest wrangler that runs on Node 20 (newer ones
#   need Node >= 22.12); Debian's wasm-opt 108 cannot read wasm-bindgen 0.2.130 output.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

lock_version() { # <crate> → its version in Cargo.lock
  awk -v want="name = \"$1\"" '$0 == want { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

BINDGEN="$(lock_version wasm-bindgen)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN" ]; then
  echo "install-tools: installing wasm-bindgen-cli $BINDGEN (matches Cargo.lock)"
  # Not --locked: with it the install fails for this version.
  cargo install wasm-bindgen-cli --version "$BINDGEN"
fi

WORKER="$(lock_version worker)"
if [ -z "$WORKER" ]; then
  echo "install-tools: the worker crate is not in Cargo.lock (is edge/worker a workspace member?)" >&2
  exit 1
fi
if [ "$(worker-build --version 2>/dev/null)" != "$WORKER" ]; then
  echo "install-tools: installing worker-build $WORKER (matches the worker crate in Cargo.lock)"
  cargo install worker-build --version "$WORKER" --locked
fi

if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=3)?0:1)'; then
  echo "install-tools: wrangler 4.85 needs Node >= 20.3 (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
npm_version() { # <lock|installed> <package>
  if [ "$1" = lock ]; then
    node -p "require('$HERE/package-lock.json').packages['node_modules/$2'].version"
  else
    node -p "try { require('$HERE/node_modules/$2/package.json').version } catch (e) { '' }"
  fi
}
if [ "$(npm_version lock wrangler)" != "$(npm_version installed wrangler)" ] \
  || [ "$(npm_version lock binaryen)" != "$(npm_version installed binaryen)" ] \
  || [ ! -e "$HERE/node_modules/.bin/workerd" ]; then
  echo "install-tools: installing wrangler $(npm_version lock wrangler), workerd and binaryen $(npm_version lock binaryen) (edge/worker/package-lock.json)"
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi
