// Cold first queries of two Worker builds, alternately (a fresh workerd each), for a paired
// comparison on a noisy machine:
//
//   node edge/worker/cold-pair.mjs --index build/bench/index-1m --a <build-dir> --b <build-dir> [--runs 5] [--vars "INDEX_READ:lazy"]
//
// Each build directory is what build.sh writes (index.js, index_bg.wasm). Prints each run and
// the medians, with the Worker's load phases.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { HERE, ROOT, arg, enc, startWorkerd } from "./harness.mjs";

const INDEX = resolve(ROOT, arg("index", "build/index-20k"));
const RUNS = Number(arg("runs", 5));
const VARS = arg("vars", "INDEX_READ:lazy").split(" ").filter(Boolean);
const builds = { a: resolve(arg("a", "")), b: resolve(arg("b", "")) };
const live = join(HERE, "build");
const saved = join(ROOT, "build", "worker-bench", "build-saved");
const LOGDIR = join(ROOT, "build", "worker-bench");
mkdirSync(LOGDIR, { recursive: true });
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const first = "/v1/search?" + enc("q=公租房");

rmSync(saved, { recursive: true, force: true });
cpSync(live, saved, { recursive: true });
const times = { a: [], b: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const which of ["a", "b"]) {
      rmSync(live, { recursive: true, force: true });
      cpSync(builds[which], live, { recursive: true });
      const w = await startWorkerd({ index: INDEX, log: join(LOGDIR, `pair-${which}.log`), vars: VARS });
      try {
        const t = performance.now();
        const r = await fetch(w.url + first);
        await r.arrayBuffer();
        const ms = performance.now() - t;
        if (r.status !== 200) throw new Error(`build ${which} answered HTTP ${r.status}; see ${join(LOGDIR, `pair-${which}.log`)}`);
        const phases = (await (await fetch(w.url + "/_worker/stats")).json()).load_phases_ms;
        times[which].push(ms);
        console.log(`run ${i + 1} ${which}: ${ms.toFixed(0)} ms ${JSON.stringify(phases)}`);
      } finally {
        await w.stop();
      }
    }
  }
} finally {
  rmSync(live, { recursive: true, force: true });
  cpSync(saved, live, { recursive: true });
}
console.log(`median cold first query: a ${median(times.a).toFixed(0)} ms, b ${median(times.b).toFixed(0)} ms, b/a ${(median(times.b) / median(times.a)).toFixed(2)}`);
