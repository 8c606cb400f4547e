#!/usr/bin/env bash
# Installs what the browser tests need, on a fresh machine too (safe to run again):
# Debian's chromium (never a downloaded browser), CJK fonts for the screenshots, and the
# npm packages pinned by package-lock.json (playwright-core, axe-core).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then need+=(fonts-noto-cjk); fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "e2e: installing ${need[*]} (Debian packages)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

want="$(node -p "require('$HERE/package-lock.json').packages['node_modules/playwright-core'].version")"
have="$(node -p "try { require('$HERE/node_modules/playwright-core/package.json').version } catch (e) { '' }")"
if [ "$want" != "$have" ] || [ ! -f "$HERE/node_modules/axe-core/axe.min.js" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi
