// Stands in for Cloudflare's static asset service when the Worker runs in bare workerd
// (workerd.sh): the Worker's ASSETS binding points here, and this serves the staged assets
// folder through workerd's disk service, the way the asset service does for the parts the
// Worker uses: GET/HEAD, `/` → index.html, a Content-Type from the file extension, 404 JSON-free
// (the Worker turns a 404 into its own JSON answer). Only used locally; never deployed.
const TYPES = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  json: "application/json",
  wasm: "application/wasm",
  css: "text/css; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  png: "image/png",
  svg: "image/svg+xml",
};

export default {
  async fetch(request, env) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response(null, { status: 405 });
    }
    const url = new URL(request.url);
    if (url.pathname.endsWith("/")) url.pathname += "index.html";
    const resp = await env.DISK.fetch(new Request(url, { method: request.method }));
    if (resp.status !== 200) return new Response(null, { status: resp.status === 404 ? 404 : resp.status });
    const ext = url.pathname.slice(url.pathname.lastIndexOf(".") + 1).toLowerCase();
    const headers = new Headers(resp.headers);
    headers.set("Content-Type", TYPES[ext] ?? "application/octet-stream");
    return new Response(request.method === "HEAD" ? null : resp.body, { status: 200, headers });
  },
};
