// Stands in for Cloudflare's static asset service when the Worker runs in bare workerd
// (workerd.sh): the Worker's ASSETS binding points here, and this serves the staged assets
// folder through workerd's disk service, the way the asset service does for the parts the
// Worker uses: GET/HEAD, `/` → index.html, a Content-Type from the file extension, byte ranges
// (206), 404 JSON-free
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
    // A Range header (the Worker reading the index lazily) is passed on; a byte range comes back
    // as 206, sliced here if the disk service answered with the whole file.
    const range = request.headers.get("Range");
    const resp = await env.DISK.fetch(new Request(url, { method: request.method, headers: range ? { Range: range } : {} }));
    if (resp.status !== 200 && resp.status !== 206) return new Response(null, { status: resp.status === 404 ? 404 : resp.status });
    const m = range && resp.status === 200 && /^bytes=(\d+)-(\d+)$/.exec(range);
    if (m) {
      const whole = new Uint8Array(await resp.arrayBuffer());
      const part = whole.slice(Number(m[1]), Number(m[2]) + 1);
      return new Response(part, { status: 206, headers: { "Content-Type": "application/octet-stream", "Content-Range": `bytes ${m[1]}-${m[2]}/${whole.length}` } });
    }
    if (resp.status === 206) return new Response(resp.body, { status: 206, headers: resp.headers });
    const ext = url.pathname.slice(url.pathname.lastIndexOf(".") + 1).toLowerCase();
    const headers = new Headers(resp.headers);
    headers.set("Content-Type", TYPES[ext] ?? "application/octet-stream");
    return new Response(request.method === "HEAD" ? null : resp.body, { status: 200, headers });
  },
};
