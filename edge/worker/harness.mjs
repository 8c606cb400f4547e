// Process helpers for bench.mjs: free loopback ports, starting the Worker (in bare workerd via
// workerd.sh, or dev.sh → wrangler dev → workerd) and edge-serve in process groups of their
// own, stopping exactly those groups, and reading workerd's memory from /proc.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..", "..");

/** The value after `--name` on the command line, or `dflt`. */
export const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};

/** A query string of `k=v&k=v` pairs with each key and value percent-encoded. */
export const enc = (q) => q.split("&").map((kv) => kv.split("=").map(encodeURIComponent).join("=")).join("&");

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, timeoutMs, proc, log) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}); see ${log}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await sleep(150);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms; see ${log}`);
}

// Every process group started and not yet stopped. Whatever ends this process (a thrown error,
// process.exit, Ctrl-C, SIGTERM), the groups still running are killed: none is left behind.
const running = new Set();
const killAll = () => {
  for (const pgid of running) {
    try { process.kill(-pgid, "SIGKILL"); } catch {}
  }
  running.clear();
};
process.on("exit", killAll);
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
  process.on(signal, () => {
    killAll();
    process.exit(code);
  });
}

function group(cmd, args, log, env = {}) {
  // Its folder may not exist yet on a fresh clone (parity-large.mjs run before bench.mjs).
  mkdirSync(dirname(log), { recursive: true });
  const out = openSync(log, "w");
  // detached: a process group of its own, so stop() ends wrangler, workerd and nothing else.
  const proc = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ["ignore", out, out], env: { ...process.env, ...env } });
  running.add(proc.pid);
  return proc;
}

function stopper(proc) {
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      // SIGINT first: wrangler then stops workerd and waits for it (no orphans); then insist.
      try { process.kill(-proc.pid, "SIGINT"); } catch {}
      for (let i = 0; i < 50 && proc.exitCode === null && proc.signalCode === null; i++) await sleep(100);
    }
    // The whole group, also when its leader has gone already (workerd under a dead wrangler).
    try { process.kill(-proc.pid, "SIGKILL"); } catch {}
    running.delete(proc.pid);
  };
}

/** Stops the group when starting it failed (not ready in time, exited), then rethrows. */
async function readyOrStopped(proc, ready) {
  try {
    await ready();
  } catch (e) {
    await stopper(proc)();
    throw e;
  }
}

/** The Worker in local workerd; ready once `/_worker/stats` answers (it does not load the index),
 * or, with `touch: false`, once wrangler prints "Ready on" (the isolate has not run yet). */
export async function startWorker({ index, port, log, vars = [], touch = true, env = {} }) {
  port ??= await freePort();
  const proc = group("bash", [join(HERE, "dev.sh"), index, String(port)], log, {
    SKIP_BUILD: "1",
    WORKER_ASSETS_DIR: join(ROOT, "build", "worker-bench", "assets"),
    WORKER_VARS: vars.join(" "),
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await readyOrStopped(proc, async () => {
    if (touch) {
      await waitFor(`${url}/_worker/stats`, 180_000, proc, log);
    } else {
      const until = Date.now() + 180_000;
      let seen = 0;
      while (Date.now() < until) {
        const text = readFileSync(log, "utf8");
        if (text.indexOf(`Ready on http://127.0.0.1:${port}`, seen) >= 0) break;
        if (proc.exitCode !== null) throw new Error(`worker exited; see ${log}`);
        await sleep(50);
      }
    }
  });
  return { url, port, proc, stop: stopper(proc) };
}

/** The Worker in bare workerd (workerd.sh). Ready once its port accepts connections: workerd
 * has compiled the module by then, and no request has reached the isolate yet. */
export async function startWorkerd({ index, port, log, vars = [], env = {} }) {
  port ??= await freePort();
  const proc = group("bash", [join(HERE, "workerd.sh"), index, String(port)], log, {
    SKIP_BUILD: "1",
    WORKER_ASSETS_DIR: join(ROOT, "build", "worker-bench", "assets"),
    WORKER_VARS: ["WORKER_STATS:on", ...vars].join(" "),
    ...env,
  });
  const until = Date.now() + 180_000;
  await readyOrStopped(proc, async () => {
    while (!(await accepts(port))) {
      if (proc.exitCode !== null) throw new Error(`workerd exited (${proc.exitCode}); see ${log}`);
      if (Date.now() > until) throw new Error(`workerd not listening on ${port}; see ${log}`);
      await sleep(50);
    }
  });
  return { url: `http://127.0.0.1:${port}`, port, proc, stop: stopper(proc) };
}

function accepts(port) {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    sock.once("connect", () => { sock.destroy(); resolve(true); });
    sock.once("error", () => resolve(false));
  });
}

export async function startNative({ index, port, log, args = [] }) {
  port ??= await freePort();
  const bin = join(ROOT, "target", "release", "edge-serve");
  const proc = group(bin, ["--index", index, "--addr", `127.0.0.1:${port}`, ...args], log);
  const url = `http://127.0.0.1:${port}`;
  await readyOrStopped(proc, () => waitFor(`${url}/healthz`, 60_000, proc, log));
  return { url, port, proc, stop: stopper(proc) };
}

/** Pids of the processes named `name` in process group `pgid`. */
export function pidsInGroup(pgid, name) {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && comm === name) out.push(Number(d));
    } catch {}
  }
  return out;
}

/** Resident memory of a process, bytes (VmRSS). */
export function rss(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** The isolate's V8 heap through the DevTools protocol on workerd's inspector port:
 * `Runtime.getHeapUsage` → { usedSize (JS heap), backingStorageSize (ArrayBuffers), … }.
 * With `poke` (a function making one request to the Worker), a full garbage collection
 * (`HeapProfiler.collectGarbage`) runs first: workerd carries it out when the isolate is next
 * entered, hence the request. The wasm linear memory is not part of it (see /_worker/stats). */
export async function inspectorHeap(inspectorPort, { poke = null, timeoutMs = 5000 } = {}) {
  const { default: WebSocket } = await import(join(HERE, "node_modules", "ws", "index.js"));
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  const pending = new Map();
  let next = 1;
  const call = (method) =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`inspector did not answer ${method}`)), timeoutMs);
      pending.set(id, (d) => { clearTimeout(timer); d.error ? reject(new Error(d.error.message)) : resolve(d.result); });
      ws.send(JSON.stringify({ id, method }));
    });
  try {
    await new Promise((resolve, reject) => { ws.on("open", resolve); ws.on("error", reject); });
    ws.on("message", (m) => {
      const d = JSON.parse(m);
      pending.get(d.id)?.(d);
      pending.delete(d.id);
    });
    if (poke) {
      await call("HeapProfiler.enable");
      const collected = call("HeapProfiler.collectGarbage");
      await poke();
      await collected;
    }
    return await call("Runtime.getHeapUsage");
  } finally {
    ws.close();
  }
}
