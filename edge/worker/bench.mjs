// Benchmark of the Worker in local workerd, printed as a small report:
//
//   node edge/worker/bench.mjs [--index build/index-20k] [--warm 400] [--cold 3] [--vars "INDEX_READ:lazy"] [--wrangler 0]
//
// --vars: Worker variables for every workerd started (space-separated K:V), e.g. INDEX_READ:lazy
// to read the index by verified chunks (then the index bytes and rounds of range reads of the
// first query and of the warm run are printed too, from /_worker/stats).
//
// Needs a built Worker (bash edge/worker/build.sh) and edge-serve (cargo build --release -p edge).
// The index: cargo run --release -p gongkai-sample -- --count 20000 --out build/sample-20k.jsonl
//            cargo run --release -p index-builder -- build --input build/sample-20k.jsonl --out build/index-20k
//
// Two ways to run the same Worker build:
// - bare workerd (workerd.sh): the runtime alone, the bundle read through the ASSETS binding
//   from workerd's disk service. Every figure checked against a target comes from here.
// - wrangler dev 4.85 (dev.sh): what `make worker-dev` runs. Its local asset pipeline
//   (miniflare) moves static assets at ~27 MB/s on this machine, so its cold start is mostly the
//   dev tool reading the bundle; printed for reference.
//
// What is measured, and how:
// - wasm size: edge/worker/build/index_bg.wasm, raw and gzip -9 (what Cloudflare's upload limit counts).
// - cold first query: a new workerd each run (a fresh isolate; workerd compiles the module
//   before it listens); then the time of the first /v1/search as the client sees it. It
//   includes instantiating the wasm, loading + verifying the index from the assets binding,
//   building the segmenter, the query and the document shards of its page. A second series
//   first wakes the isolate with /_worker/stats (wasm instantiated, index not loaded) to split
//   "wasm start" from "index load + query", and reads the load's phases from the Worker.
// - warm latency: after one pass over the queries (shards cached), --warm sequential requests
//   cycling through them (searches, suggestions, meta, doc); client-side time per request, so
//   it includes HTTP on loopback. edge-serve is measured the same way on the same requests.
// - memory: what counts against the isolate's 128 MB — the wasm linear memory (from
//   /_worker/stats: memory.size × 64 KiB; it never shrinks, so it is the peak of the Rust heap,
//   index and document-shard cache included) plus the V8 heap (Runtime.getHeapUsage over the
//   DevTools protocol on workerd's inspector port: JS objects + ArrayBuffers, read without
//   forcing a GC, so it includes garbage such as the fetched files' buffers; then once more
//   after a full GC (HeapProfiler.collectGarbage): the live figure, checked against the
//   target, since V8 collects that garbage before it would count against the limit). workerd's process
//   RSS is printed too; it also holds the asset shim's isolate and V8's compiled code.
import { execFileSync } from "node:child_process";
import { get } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { HERE, ROOT, arg, enc, freePort, inspectorHeap, startNative, startWorker, startWorkerd, pidsInGroup, rss } from "./harness.mjs";
import { SEARCHES, SUGGESTS } from "./queries.mjs";

const INDEX = resolve(ROOT, arg("index", "build/index-20k"));
const WARM = Number(arg("warm", 400));
const COLD = Number(arg("cold", 3));
const VARS = arg("vars", "").split(" ").filter(Boolean);
// Cold starts under wrangler dev (reference only; its asset pipeline copies the whole bundle,
// minutes for a large one): --wrangler 0 skips them.
const WRANGLER = Number(arg("wrangler", Math.min(COLD, 2)));
const LOGDIR = join(ROOT, "build", "worker-bench");
mkdirSync(LOGDIR, { recursive: true });

const MB = (b) => (b / 1048576).toFixed(1) + " MiB";
const ms = (x) => x.toFixed(1) + " ms";
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
// One request on a new connection (as curl does): keep-alive would add Nagle/delayed-ACK
// stalls with edge-serve's HTTP server and make the comparison meaningless.
function timed(url) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    get(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => { if (res.statusCode !== 200) body += d; });
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`${url}: HTTP ${res.statusCode} ${body.slice(0, 300)}`))));
    }).on("error", reject);
  });
}

const wasm = readFileSync(join(HERE, "build", "index_bg.wasm"));
const manifest = JSON.parse(readFileSync(join(INDEX, "manifest.json"), "utf8"));
const eager = manifest.index_files.flatMap((f) => f.parts).concat(["lexicon.json", "blacklist.json", "dictionary.txt"].filter((p) => manifest.files.some((f) => f.path === p)));
const eagerBytes = eager.reduce((n, p) => n + statSync(join(INDEX, p)).size, 0);
const workerdVersion = execFileSync(join(HERE, "node_modules", "workerd", "bin", "workerd"), ["--version"]).toString().trim();
console.log(`Gongkai Worker benchmark — index ${INDEX} (${manifest.doc_count} documents, ${manifest.doc_shards.length} document shards)`);
console.log(`machine: ${execFileSync("nproc").toString().trim()} cores, node ${process.version}, ${workerdVersion} (npm, bare), wrangler 4.85.0`);
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`worker wasm: ${wasm.length} bytes (${MB(wasm.length)}) raw, ${gz} bytes (${MB(gz)}) gzip -9`);
console.log(`loaded at start: ${eager.length} files, ${MB(eagerBytes)} (index, lexicon, dictionary), sha256-verified`);

// Requests for the warm run.
const first = "/v1/search?" + enc("q=公租房");
const paths = [
  ...SEARCHES.map((q) => "/v1/search?" + enc(q)),
  ...SUGGESTS.map((q) => "/v1/suggest?" + enc(q)),
  "/v1/meta",
];

// Cold starts in bare workerd, then (reference) through wrangler dev.
const cold = [], wake = [], afterWake = [], phases = [], coldWrangler = [];
for (let i = 0; i < COLD; i++) {
  for (const mode of ["direct", "wake"]) {
    const w = await startWorkerd({ index: INDEX, log: join(LOGDIR, `cold-${i}-${mode}.log`), vars: VARS });
    try {
      if (mode === "direct") {
        cold.push(await timed(w.url + first));
      } else {
        wake.push(await timed(w.url + "/_worker/stats"));
        afterWake.push(await timed(w.url + first));
        phases.push((await (await fetch(w.url + "/_worker/stats")).json()).load_phases_ms ?? {});
      }
    } finally {
      await w.stop();
    }
  }
}
for (let i = 0; i < WRANGLER; i++) {
  const w = await startWorker({ index: INDEX, log: join(LOGDIR, `cold-wrangler-${i}.log`), touch: false });
  try {
    coldWrangler.push(await timed(w.url + first));
  } finally {
    await w.stop();
  }
}

// Warm run, memory.
const inspector = await freePort();
const worker = await startWorkerd({ index: INDEX, log: join(LOGDIR, "warm.log"), vars: VARS, env: { WORKER_INSPECTOR_PORT: String(inspector) } });
const native = await startNative({ index: INDEX, log: join(LOGDIR, "native.log") });
let report;
try {
  const workerd = pidsInGroup(worker.proc.pid, "workerd");
  const rssBefore = workerd.reduce((n, p) => n + rss(p), 0);
  await timed(worker.url + first);
  const stats0 = await (await fetch(worker.url + "/_worker/stats")).json();
  const heap0 = await inspectorHeap(inspector).catch(() => null);
  // Documents: a few ids from real hits.
  const hits = (await (await fetch(native.url + "/v1/search?" + enc("q=公告&size=20"))).json()).hits;
  for (const h of hits.slice(0, 10)) paths.push("/v1/doc/" + encodeURIComponent(h.id));
  for (const p of paths) { await timed(worker.url + p); await timed(native.url + p); }
  const lat = { worker: [], native: [] };
  for (let i = 0; i < WARM; i++) {
    const p = paths[i % paths.length];
    lat.worker.push(await timed(worker.url + p));
    lat.native.push(await timed(native.url + p));
  }
  // The fixed cost of the local chain (client → workerd → Worker), with a route that does no
  // search: what the warm figures carry on top of the handler.
  lat.floor = [];
  for (let i = 0; i < 100; i++) lat.floor.push(await timed(worker.url + "/_worker/stats"));
  const stats1 = await (await fetch(worker.url + "/_worker/stats")).json();
  const heap1 = await inspectorHeap(inspector).catch(() => null);
  const heap1gc = await inspectorHeap(inspector, { poke: () => fetch(worker.url + "/_worker/stats").then((r) => r.text()) }).catch(() => null);
  const rssAfter = workerd.reduce((n, p) => n + rss(p), 0);
  report = { lat, stats0, stats1, heap0, heap1, heap1gc, rssBefore, rssAfter, workerd };
} finally {
  await worker.stop();
  await native.stop();
}

const { lat, stats0, stats1, heap0, heap1, heap1gc, rssBefore, rssAfter } = report;
const isolate = (st, h) => st.wasm_memory_bytes + (h ? h.usedSize + h.backingStorageSize : 0);
const heapText = (h) => (h ? `JS heap ${MB(h.usedSize)} + ArrayBuffers ${MB(h.backingStorageSize)}` : "JS heap n/a");
const phaseNames = [...new Set(phases.flatMap((p) => Object.keys(p)))];
console.log("");
console.log(`cold first query, bare workerd (fresh isolate, first /v1/search): ${cold.map(ms).join(", ")} → median ${ms(pct(cold, 50))}`);
console.log(`  split: wasm start (first /_worker/stats) ${wake.map(ms).join(", ")}; then index load + query ${afterWake.map(ms).join(", ")}`);
console.log(`  load phases inside the Worker (median): ${phaseNames.map((n) => `${n} ${ms(pct(phases.map((p) => p[n] ?? 0), 50))}`).join(", ")}`);
if (WRANGLER > 0) console.log(`cold first query, wrangler dev (reference: its asset pipeline reads the bundle): ${coldWrangler.map(ms).join(", ")}`);
console.log(`warm (${WARM} requests over ${paths.length} distinct): worker p50 ${ms(pct(lat.worker, 50))}, p90 ${ms(pct(lat.worker, 90))}, p99 ${ms(pct(lat.worker, 99))}, max ${ms(Math.max(...lat.worker))}`);
console.log(`                       edge-serve (same requests) p50 ${ms(pct(lat.native, 50))}, p99 ${ms(pct(lat.native, 99))}`);
console.log(`                       floor: /_worker/stats (no search) p50 ${ms(pct(lat.floor, 50))}, p99 ${ms(pct(lat.floor, 99))}`);
console.log(`memory (isolate = wasm linear memory + V8 heap via the inspector):`);
console.log(`        after the first query: wasm ${MB(stats0.wasm_memory_bytes)} + ${heapText(heap0)} = ${MB(isolate(stats0, heap0))}`);
console.log(`        after the warm run:    wasm ${MB(stats1.wasm_memory_bytes)} + ${heapText(heap1)} = ${MB(isolate(stats1, heap1))}`);
console.log(`        live after a full GC:  wasm ${MB(stats1.wasm_memory_bytes)} + ${heapText(heap1gc)} = ${MB(isolate(stats1, heap1gc))}  ← against the target`);
console.log(`        workerd RSS ${MB(rssBefore)} before the first request → ${MB(rssAfter)} after the warm run (+${MB(rssAfter - rssBefore)})`);
if (stats0.index_read && stats1.index_read) {
  const r0 = stats0.index_read, r1 = stats1.index_read;
  // Rounds of index ranges (some with the page's document shards beside them) and rounds of
  // document shards alone.
  const rounds = (s) => s.load_rounds + (s.shard_rounds ?? 0);
  const n = WARM + paths.length + 100;
  console.log(`index read lazily: loading + first query ${r0.range_reads} range reads, ${MB(r0.bytes_fetched)}, ${rounds(r0)} rounds (opening included); ` +
    `warm run ${((r1.range_reads - r0.range_reads) / n).toFixed(2)} range reads, ${((r1.bytes_fetched - r0.bytes_fetched) / n / 1024).toFixed(1)} KiB and ${((rounds(r1) - rounds(r0)) / n).toFixed(2)} rounds per request; cache ${MB(r1.cached_bytes)}`);
  // Loopback round trips cost nothing; R2 from a colo costs ~20 ms each, one after another.
  const trips = 2 + rounds(r0);
  console.log(`sequential round trips of a cold first query: ${trips} (manifest, lexicon and dictionary, ${r0.load_rounds} of index ranges, ${r0.shard_rounds ?? 0} of document shards alone); ` +
    `modelled at 20 ms each: ${ms(pct(cold, 50) + 20 * trips)}`);
}
console.log(`targets: cold ≤ 150 ms, warm p50 ≤ 5 ms, memory ≤ 64 MB, wasm ≤ 1.5 MB gzip`);
