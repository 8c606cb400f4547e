// Where the Worker's wasm memory goes over a large index: its size after opening, then after
// each request of the parity suite (queries.mjs) and the relevance set, with the index cache's
// bytes beside it. wasm memory never shrinks, so each figure is the high-water mark so far.
//
//   node edge/worker/memory-profile.mjs --index build/bench/index-1m [--vars "INDEX_CACHE_MB:16"]
//
// Needs a built Worker (bash edge/worker/build.sh).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, arg, enc, startWorkerd } from "./harness.mjs";
import { SEARCHES } from "./queries.mjs";

const INDEX = resolve(ROOT, arg("index", "build/bench/index-1m"));
const VARS = ["INDEX_READ:lazy", ...arg("vars", "").split(" ").filter(Boolean)];
const relevance = JSON.parse(readFileSync(join(ROOT, "tests", "relevance", "queries.json"), "utf8"));
const paths = [
  "/v1/meta",
  ...SEARCHES.map((q) => "/v1/search?" + enc(q)),
  ...relevance.map((r) => "/v1/search?q=" + encodeURIComponent(r.q)),
];
const worker = await startWorkerd({ index: INDEX, log: join(ROOT, "build", "worker-bench", "memory-workerd.log"), vars: VARS });
const mib = (b) => (b / 1048576).toFixed(1);
try {
  let last = 0;
  for (const path of paths) {
    const before = (await (await fetch(worker.url + "/_worker/stats")).json()).index_read?.bytes_fetched ?? 0;
    await (await fetch(worker.url + path)).arrayBuffer();
    const s = await (await fetch(worker.url + "/_worker/stats")).json();
    const grew = s.wasm_memory_bytes - last;
    last = s.wasm_memory_bytes;
    console.log(`${mib(s.wasm_memory_bytes).padStart(6)} MiB (+${mib(grew).padStart(5)})  cache ${mib(s.index_read?.cached_bytes ?? 0).padStart(5)}  fetched ${mib((s.index_read?.bytes_fetched ?? 0) - before).padStart(5)}  ${decodeURIComponent(path)}`);
  }
} finally {
  await worker.stop();
}
