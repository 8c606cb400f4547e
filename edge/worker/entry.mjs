// The Worker's entry: the workers-rs module built by build.sh (build/index.js), wrapped so that
// an exception that escapes it — a Rust panic, an out-of-memory trap — still answers the API's
// JSON error shape instead of an HTML/text error page. Everything else happens in Rust
// (src/glue.rs → edge::http::handle, the same handler as edge-serve).
import { WorkerEntrypoint } from "cloudflare:workers";
import RustWorker from "./build/index.js";

// A panic inside an async Rust task aborts the wasm instance from a microtask: the request's
// promise would never settle (workerd would answer "code had hung"). The trap surfaces as an
// `error` event; fail every request in flight with it (the instance is gone for all of them;
// worker-build's shim re-instantiates it for the next request).
const inFlight = new Set();
addEventListener("error", (event) => {
  const e = event.error;
  if (e instanceof WebAssembly.RuntimeError || /Rust panic/.test(String(e?.message ?? e))) {
    for (const fail of inFlight) fail(e);
  }
});

function corsOrigin(env, request) {
  const allowed = String(env.ALLOWED_ORIGINS ?? "").split(/[,\s]+/).map((o) => o.replace(/\/+$/, "")).filter(Boolean);
  if (allowed.length === 0 || allowed.includes("*")) return "*";
  const origin = request.headers.get("Origin");
  return origin && allowed.includes(origin) ? origin : null;
}

export default class GongkaiEdge extends WorkerEntrypoint {
  async fetch(request) {
    let fail;
    const crashed = new Promise((_, reject) => { fail = reject; });
    inFlight.add(fail);
    try {
      return await Promise.race([new RustWorker(this.ctx, this.env).fetch(request), crashed]);
    } catch (e) {
      console.error("gongkai: the request failed with an exception", e);
      const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
      const origin = corsOrigin(this.env, request);
      if (origin) {
        headers["Access-Control-Allow-Origin"] = origin;
        if (origin !== "*") headers["Vary"] = "Origin";
      }
      const body = { error: { code: "internal", message: "the request could not be answered; it has been logged" } };
      return new Response(JSON.stringify(body), { status: 500, headers });
    } finally {
      inFlight.delete(fail);
    }
  }
}
