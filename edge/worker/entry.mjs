// The Worker's entry: the workers-rs module built by build.sh (build/index.js), wrapped so that
// an exception that escapes it (a Rust panic, an out-of-memory trap) still answers the API's
// JSON error shape instead of an HTML error page. Everything else happens in Rust
// (src/glue.rs → edge::http::handle, the same handler as edge-serve).
import { WorkerEntrypoint } from "cloudflare:workers";
import RustWorker from "./build/index.js";

function corsOrigin(env, request) {
  const allowed = String(env.ALLOWED_ORIGINS ?? "").split(/[,\s]+/).map((o) => o.replace(/\/+$/, "")).filter(Boolean);
  if (allowed.length === 0 || allowed.includes("*")) return "*";
  const origin = request.headers.get("Origin");
  return origin && allowed.includes(origin) ? origin : null;
}

export default class GongkaiEdge extends WorkerEntrypoint {
  async fetch(request) {
    try {
      return await new RustWorker(this.ctx, this.env).fetch(request);
    } catch (e) {
      console.error("gongkai: the request failed with an exception", e);
      const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
      const origin = corsOrigin(this.env, request);
      if (origin) headers["Access-Control-Allow-Origin"] = origin;
      const body = { error: { code: "internal", message: "the request could not be answered; it has been logged" } };
      return new Response(JSON.stringify(body), { status: 500, headers });
    }
  }
}
