// The Worker in bare workerd answers exactly as edge-serve over a large index, reading it lazily
// (by verified chunks, in rounds of range reads from the ASSETS binding): the check #12 asks for
// at 1,000,000 records, by hand (CI runs edge/worker/test.sh on a sample it can afford).
//
//   node edge/worker/parity-large.mjs --index build/bench/index-1m [--vars "INDEX_CACHE_MB:32"]
//
// Needs a built Worker (bash edge/worker/build.sh) and edge-serve (cargo build --release -p edge).
// Requests: the parity suite's searches and suggestions (queries.mjs) and every query of the
// hand-written relevance set (tests/relevance/queries.json), each asked once of each server.
// Compared: status and body bytes. Printed per request kind: the rounds in all (sequential
// rounds of loads: index chunks, document shards, or both at once), range reads and bytes the
// Worker fetched for it (from /_worker/stats), and the Worker's wasm memory at the end.
// Exits 1 if any answer differs.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, arg, enc, startNative, startWorkerd } from "./harness.mjs";
import { SEARCHES, SUGGESTS } from "./queries.mjs";

const INDEX = resolve(ROOT, arg("index", "build/bench/index-1m"));
const VARS = ["INDEX_READ:lazy", ...arg("vars", "").split(" ").filter(Boolean)];
const LOGDIR = join(ROOT, "build", "worker-bench");

const relevance = JSON.parse(readFileSync(join(ROOT, "tests", "relevance", "queries.json"), "utf8"));
const requests = [
  ...SEARCHES.map((q) => ["search", "/v1/search?" + enc(q)]),
  ...relevance.map((r) => ["relevance", "/v1/search?q=" + encodeURIComponent(r.q)]),
  ...SUGGESTS.map((q) => ["suggest", "/v1/suggest?" + enc(q)]),
  ["meta", "/v1/meta"],
];

const stats = async (url) => (await (await fetch(url + "/_worker/stats")).json());
const body = async (url, path) => {
  const r = await fetch(url + path);
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()) };
};
// Where two JSON answers part, as the path of the first differing value and both values.
function firstDifference(a, b) {
  let x, y;
  try {
    [x, y] = [JSON.parse(a), JSON.parse(b)];
  } catch {
    return `  worker ${a.slice(0, 300)}\n  edge-serve ${b.slice(0, 300)}`;
  }
  const walk = (u, v, at) => {
    if (JSON.stringify(u) === JSON.stringify(v)) return null;
    if (u && v && typeof u === "object" && typeof v === "object") {
      for (const k of new Set([...Object.keys(u), ...Object.keys(v)])) {
        const d = walk(u[k], v[k], `${at}.${k}`);
        if (d) return d;
      }
    }
    const ids = (o) => (o?.hits ?? []).slice(0, 3).map((h) => h.id).join(" ");
    return `  hits worker ${ids(x)} / edge-serve ${ids(y)}\n  at ${at}: worker ${JSON.stringify(u)?.slice(0, 300)}\n  ${" ".repeat(at.length + 4)}edge-serve ${JSON.stringify(v)?.slice(0, 300)}`;
  };
  return walk(x, y, "$");
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

const native = await startNative({ index: INDEX, log: join(LOGDIR, "parity-native.log") });
const worker = await startWorkerd({ index: INDEX, log: join(LOGDIR, "parity-workerd.log"), vars: VARS });
let failures = 0;
const perKind = new Map();
try {
  const started = performance.now();
  const zero = { load_rounds: 0, shard_rounds: 0, range_reads: 0, bytes_fetched: 0 };
  const rounds = (s) => s.load_rounds + (s.shard_rounds ?? 0);
  for (const [i, [asked, path]] of requests.entries()) {
    // The first request opens the index too (its rounds and bytes are counted with it).
    const kind = i === 0 ? "first" : asked;
    const before = (await stats(worker.url)).index_read ?? zero;
    const t = performance.now();
    const w = await body(worker.url, path);
    const took = performance.now() - t;
    const after = (await stats(worker.url)).index_read;
    const n = await body(native.url, path);
    const same = w.status === n.status && w.bytes.equals(n.bytes);
    if (!same) {
      failures++;
      console.log(`DIFFERS ${decodeURIComponent(path)}: worker ${w.status}, edge-serve ${n.status}`);
      console.log(firstDifference(w.bytes.toString("utf8"), n.bytes.toString("utf8")));
      const again = await body(worker.url, path);
      console.log(`  asked again, the Worker answers ${again.bytes.equals(n.bytes) ? "as edge-serve" : "otherwise still"}`);
    }
    const k = perKind.get(kind) ?? { n: 0, rounds: [], reads: [], bytes: [], ms: [] };
    k.n++;
    if (before && after) {
      k.rounds.push(rounds(after) - rounds(before));
      k.reads.push(after.range_reads - before.range_reads);
      k.bytes.push(after.bytes_fetched - before.bytes_fetched);
    }
    k.ms.push(took);
    perKind.set(kind, k);
  }
  const end = await stats(worker.url);
  console.log(`index ${INDEX}: ${end.doc_count} records, ${requests.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s, ${failures} differ`);
  console.log("kind        n  rounds in all (median/max) range reads (median)  KiB fetched (median/max)  Worker ms (median/max)");
  for (const [kind, k] of perKind) {
    const kib = (b) => (b / 1024).toFixed(0);
    console.log(
      `${kind.padEnd(10)} ${String(k.n).padStart(3)}  ${median(k.rounds)} / ${Math.max(0, ...k.rounds)}`.padEnd(42) +
        `${median(k.reads)}`.padEnd(22) +
        `${kib(median(k.bytes))} / ${kib(Math.max(0, ...k.bytes))}`.padEnd(26) +
        `${median(k.ms).toFixed(0)} / ${Math.max(0, ...k.ms).toFixed(0)}`,
    );
  }
  console.log(`Worker wasm memory at the end: ${(end.wasm_memory_bytes / 1048576).toFixed(1)} MiB; index cache ${(end.index_read.cached_bytes / 1048576).toFixed(1)} MiB; opening took ${end.load_phases_ms ? JSON.stringify(end.load_phases_ms) : "?"}`);
} finally {
  await worker.stop();
  await native.stop();
}
process.exit(failures ? 1 : 0);
