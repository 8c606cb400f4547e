// Process helpers for bench.mjs: free loopback ports, starting the Worker (dev.sh → wrangler
// dev → workerd) and edge-serve in process groups of their own, stopping exactly those
// groups, and reading workerd's memory from /proc.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { openSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..", "..");

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

function group(cmd, args, log, env = {}) {
  const out = openSync(log, "w");
  // detached: a process group of its own, so stop() ends wrangler, workerd and nothing else.
  return spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ["ignore", out, out], env: { ...process.env, ...env } });
}

function stopper(proc) {
  return async () => {
    if (proc.exitCode !== null) return;
    // SIGINT first: wrangler then stops workerd and waits for it (no orphans); then insist.
    try { process.kill(-proc.pid, "SIGINT"); } catch {}
    for (let i = 0; i < 50 && proc.exitCode === null; i++) await sleep(100);
    try { process.kill(-proc.pid, "SIGKILL"); } catch {}
  };
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
  return { url, port, proc, stop: stopper(proc) };
}

export async function startNative({ index, port, log, args = [] }) {
  port ??= await freePort();
  const bin = join(ROOT, "target", "release", "edge-serve");
  const proc = group(bin, ["--index", index, "--addr", `127.0.0.1:${port}`, ...args], log);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, 60_000, proc, log);
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

/** The isolate's V8 heap through the DevTools protocol on wrangler's inspector port:
 * `Runtime.getHeapUsage` → { usedSize (JS heap), backingStorageSize (ArrayBuffers), … }.
 * The wasm linear memory is not part of it (read it from /_worker/stats). */
export async function inspectorHeap(inspectorPort, timeoutMs = 5000) {
  const { default: WebSocket } = await import(join(HERE, "node_modules", "ws", "index.js"));
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => { ws.on("open", resolve); ws.on("error", reject); });
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("inspector did not answer")), timeoutMs);
      ws.on("message", (m) => {
        const d = JSON.parse(m);
        if (d.id === 1) { clearTimeout(timer); resolve(d.result); }
      });
      ws.send(JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" }));
    });
  } finally {
    ws.close();
  }
}
