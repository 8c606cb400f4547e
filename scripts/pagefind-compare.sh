#!/usr/bin/env bash
# Gongkai beside Pagefind on the same records (issue #13, "side by side"):
#
#   bash scripts/pagefind-compare.sh                 # 20,000 and 200,000 records, in one run
#   COUNTS=20000 bash scripts/pagefind-compare.sh    # only 20,000
#
# For each size: generates the sample corpus (gongkai-sample, seed 7), builds it with
# index-builder, renders the same records as one HTML page each (scripts/pagefind/render.mjs,
# lang="zh-CN") and indexes those with Pagefind 1.6's pagefind_extended (npm `pagefind`, pinned
# in scripts/pagefind/package-lock.json; the extended build segments Chinese). Prints, for
# both and as ratios: build time and peak RSS (GNU time), bundle bytes and file count, and the
# bytes headless Chromium fetches for a first and for later queries (scripts/pagefind/
# fetched.mjs: Gongkai's widget against edge-serve, Pagefind's JS API over a static server).
# Rendering the pages is the site's work, not the indexer's: it is not in Pagefind's time.
#
# Knobs: COUNTS (default "20000 200000"), RUNS (builds of each kind per size, default 1; the
# median is printed), WORK (scratch folder, default /tmp/gongkai-pagefind; emptied after each
# size unless KEEP=1), SKIP_BUILD=1 (reuse the release binaries).
# A size whose corpus, pages and bundles would not fit on the disk (estimated from the sizes
# before it, or 14 KB a record) is skipped with a message; so is Pagefind at a size where its
# peak memory, scaled from the size before, would exceed 70 % of the memory available (the
# machine is shared): Gongkai's figures are then printed alone. Leaves no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNTS=${COUNTS:-"20000 200000"}
RUNS=${RUNS:-1}
WORK=${WORK:-${TMPDIR:-/tmp}/gongkai-pagefind}
TARGET=${CARGO_TARGET_DIR:-target}
QUERIES=("苏州 国有建设用地" "公租房" "政府采购 中标" "保障性住房 分配结果")

SERVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -z "${KEEP:-}" ]; then
    for n in $COUNTS; do rm -rf "${WORK:?}/$n"; done
    rm -f "$WORK/results.jsonl"
    rmdir "$WORK" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
bash tests/e2e/install-tools.sh >&2 # Debian chromium, CJK fonts, playwright-core
if [ ! -x scripts/pagefind/node_modules/@pagefind/linux-x64/bin/pagefind_extended ]; then
  (cd scripts/pagefind && npm ci --no-audit --no-fund) >&2
fi
PAGEFIND=$ROOT/scripts/pagefind/node_modules/@pagefind/linux-x64/bin/pagefind_extended
if [ "${SKIP_BUILD:-}" != 1 ]; then
  cargo build --release -q -p index-builder -p gongkai-sample -p edge --bin index-builder --bin gongkai-sample --bin edge-serve
fi
WIDGET_DIR=widget/prebuilt
[ -f dist/widget/widget.js ] && WIDGET_DIR=dist/widget

mkdir -p "$WORK"
RESULTS=$WORK/results.jsonl
: > "$RESULTS"
bytes_of() { du -sb --apparent-size "$1" | cut -f1; }
files_of() { find "$1" -type f | wc -l; }
per_record=14000 # bytes of scratch space a record needs (corpus, pages, both bundles): refined below
pf_kb_per_record="" # Pagefind's peak RSS per record at the size before (KB)
# median_time FILES...: the run with the median wall time, as "seconds peak_kb".
median_time() { cat "$@" | sort -n | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}'; }

for N in $COUNTS; do
  need=$((N * per_record * 12 / 10))
  free=$(($(df -B1 --output=avail "$WORK" | tail -1)))
  if [ "$need" -gt "$free" ]; then
    echo "pagefind-compare: skipping $N records: needs ~$((need >> 20)) MiB of scratch space, $((free >> 20)) MiB free on $WORK" >&2
    continue
  fi
  D=$WORK/$N
  rm -rf "$D" && mkdir -p "$D"
  echo "pagefind-compare: $N records in $D" >&2
  "$TARGET/release/gongkai-sample" --count "$N" --seed 7 --out "$D/records.jsonl" >&2

  for r in $(seq 1 "$RUNS"); do
    rm -rf "$D/gongkai"
    /usr/bin/time -f '%e %M' -o "$D/gongkai.time.$r" \
      "$TARGET/release/index-builder" build --input "$D/records.jsonl" --out "$D/gongkai" --quiet >&2
  done
  node scripts/pagefind/render.mjs "$D/records.jsonl" "$D/site" >&2
  avail_kb=$(awk '/^MemAvailable/ {print $2}' /proc/meminfo)
  pf_skip=""
  if [ -n "$pf_kb_per_record" ] && [ $((pf_kb_per_record * N)) -gt $((avail_kb * 7 / 10)) ]; then
    pf_skip="Pagefind skipped: its peak would be ~$((pf_kb_per_record * N >> 20)) GiB (scaled from the size before), $((avail_kb >> 20)) GiB of memory available"
    echo "pagefind-compare: $N records: $pf_skip" >&2
  else
    for r in $(seq 1 "$RUNS"); do
      rm -rf "$D/site/pagefind"
      /usr/bin/time -f '%e %M' -o "$D/pagefind.time.$r" \
        "$PAGEFIND" --site "$D/site" --output-subdir pagefind --quiet >&2
    done
  fi

  PORT=""
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
  done
  [ -n "$PORT" ] || { echo "pagefind-compare: no free port" >&2; exit 1; }
  setsid "$TARGET/release/edge-serve" --index "$D/gongkai" --addr "127.0.0.1:$PORT" --widget-dir "$WIDGET_DIR" \
    > "$D/edge-serve.log" 2>&1 < /dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$D/edge-serve.log" >&2; exit 1; }
    sleep 0.1
  done
  fetched=$(node scripts/pagefind/fetched.mjs --site "$D/site" --edge "http://127.0.0.1:$PORT" "${QUERIES[@]}")
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""

  used=$(bytes_of "$D")
  per_record=$((used / N + 1))
  read -r gk_s gk_kb <<< "$(median_time "$D"/gongkai.time.*)"
  if [ -z "$pf_skip" ]; then
    read -r pf_s pf_kb <<< "$(median_time "$D"/pagefind.time.*)"
    pf_kb_per_record=$((pf_kb / N + 1))
    pagefind=$(printf '{"seconds":%s,"peak_kb":%s,"bytes":%d,"files":%d}' "$pf_s" "$pf_kb" "$(bytes_of "$D/site/pagefind")" "$(files_of "$D/site/pagefind")")
  else
    pagefind=$(printf '{"skipped":"%s"}' "$pf_skip")
  fi
  printf '{"records":%d,"runs":%d,"gongkai":{"seconds":%s,"peak_kb":%s,"bytes":%d,"files":%d},"pagefind":%s,"pages_bytes":%d,"fetched":%s}\n' \
    "$N" "$RUNS" "$gk_s" "$gk_kb" "$(bytes_of "$D/gongkai")" "$(files_of "$D/gongkai")" \
    "$pagefind" "$(bytes_of "$D/site/r")" "$fetched" >> "$RESULTS"
  [ -n "${KEEP:-}" ] || rm -rf "$D"
done

node - "$RESULTS" <<'EOF'
const rows = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(JSON.parse);
const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;
const KB = (b) => `${(b / 1e3).toFixed(1)} KB`;
const ratio = (pf, gk) => (gk ? `${(pf / gk).toFixed(pf / gk < 10 ? 2 : 0)}×` : '–');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const line = (label, gk, pf, r) => console.log(`  ${label.padEnd(34)} ${gk.padStart(22)} ${pf.padStart(24)} ${r.padStart(12)}`);
for (const r of rows) {
  const { gongkai: g, fetched: f } = r;
  console.log(`\n${r.records.toLocaleString('en')} records (HTML pages for Pagefind: ${MB(r.pages_bytes)}; builds: median of ${r.runs})`);
  if (r.pagefind.skipped) {
    console.log(`  ${r.pagefind.skipped}`);
    console.log(`  index-builder: ${g.seconds.toFixed(1)} s, peak RSS ${MB(g.peak_kb * 1024)}, ${MB(g.bytes)} in ${g.files} files`);
    const all = [f.gongkai.first, ...f.gongkai.later];
    all.forEach((x, i) => console.log(`  ${i ? 'later' : 'first'} "${x.query}": ${KB(x.bytes)} in ${x.requests} (${x.hits} hits)`));
    continue;
  }
  const p = r.pagefind;
  line('', 'index-builder', 'Pagefind 1.6 extended', 'Pagefind/Gk');
  line('build time', `${g.seconds.toFixed(1)} s`, `${p.seconds.toFixed(1)} s`, ratio(p.seconds, g.seconds));
  line('peak RSS', MB(g.peak_kb * 1024), MB(p.peak_kb * 1024), ratio(p.peak_kb, g.peak_kb));
  line('bundle bytes', MB(g.bytes), MB(p.bytes), ratio(p.bytes, g.bytes));
  line('bundle files', g.files.toLocaleString('en'), p.files.toLocaleString('en'), ratio(p.files, g.files));
  const fq = (e) => `${KB(e.bytes)} in ${e.requests}`;
  line(`first query "${f.gongkai.first.query}"`, fq(f.gongkai.first), fq(f.pagefind.first), ratio(f.pagefind.first.bytes, f.gongkai.first.bytes));
  f.gongkai.later.forEach((gl, i) => {
    const pl = f.pagefind.later[i];
    line(`later "${gl.query}"`, fq(gl), fq(pl), ratio(pl.bytes, gl.bytes));
  });
  const gm = median(f.gongkai.later.map((x) => x.bytes));
  const pm = median(f.pagefind.later.map((x) => x.bytes));
  line('later query, median', KB(gm), KB(pm), ratio(pm, gm));
  const hits = (e) => [e.first, ...e.later].map((x) => x.hits).join('/');
  console.log(`  hits found per query: Gongkai ${hits(f.gongkai)}, Pagefind ${hits(f.pagefind)}`);
}
console.log('\nFetched: bytes on the wire (response headers + bodies as carried, web workers included) in headless Chromium, the host page excluded;');
console.log('first query includes loading the search (Gongkai: widget.js, glue, wasm, its API answers and suggestions; Pagefind: pagefind.js, wasm, metadata, index chunks, 10 result fragments).');
EOF
