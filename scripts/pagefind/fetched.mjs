// Bytes a browser fetches to search, Gongkai's widget against Pagefind, in headless Debian
// Chromium (tests/e2e/lib-browser.mjs: /usr/bin/chromium, never a downloaded browser):
//   node scripts/pagefind/fetched.mjs --site <site-dir with pagefind/> --edge <edge-serve URL> <first query> <later query>...
// Serves <site-dir> on a loopback port with two host pages of its own (their HTML is not
// counted): one embedding Gongkai's widget from the edge (`<div data-gongkai>` + widget.js,
// as widget/README.md says), one calling Pagefind's JS API (pagefind.js: init, search, and the
// `data()` of the first 10 results: what a results page of 10 shows; Pagefind's UI would add
// its own script and styles on top). Counted: every response but the host page, its web
// workers' included, as Playwright's request sizes (response headers + body as carried), in a
// fresh browser context (empty cache) per
// engine; the first query includes loading the search itself (widget and wasm, or Pagefind's
// script, wasm, metadata and index chunks); a later query is what it adds, the HTTP cache on.
// Prints one JSON line: {gongkai: {first, later: [...]}, pagefind: {...}} with bytes, requests
// and the hit count each query found.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { launch } from '../../tests/e2e/lib-browser.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || !args[i + 1]) {
    console.error('usage: node scripts/pagefind/fetched.mjs --site <dir> --edge <url> <first query> <later query>...');
    process.exit(2);
  }
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const site = opt('site');
const edge = opt('edge').replace(/\/$/, '');
const queries = args;
if (queries.length < 2) {
  console.error('fetched.mjs: give a first query and at least one later query');
  process.exit(2);
}

const HOST_PAGES = {
  '/gongkai.html': `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Gongkai</title></head>
<body><div data-gongkai data-label="信息公开检索"></div>
<script src="${edge}/widget.js" data-endpoint="${edge}" defer></script></body></html>`,
  '/pagefind.html': `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><script>
window.runQuery = async (q) => {
  window.__pf = window.__pf || (await import('/pagefind/pagefind.js'));
  const search = await window.__pf.search(q);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { total: search.results.length, titles: shown.map((d) => d.meta.title) };
};
</script></body></html>`,
};
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (HOST_PAGES[path]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(HOST_PAGES[path]);
  }
  const file = join(site, normalize(path).replace(/^(\.\.[/\\])+/, ''));
  let size;
  try {
    size = statSync(file).isFile() ? statSync(file).size : -1;
  } catch {
    size = -1;
  }
  if (size < 0) {
    res.writeHead(404);
    return res.end();
  }
  // Pagefind's files are content-addressed (their names change with the index): cacheable.
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-length': size, 'cache-control': 'public, max-age=3600' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launch();
/** A page in a fresh context, with a counter of what it fetched (all but the host page),
 * its web workers' requests included (Pagefind searches in one). */
async function counted() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const total = { bytes: 0, requests: 0 };
  const pending = new Set();
  context.on('requestfinished', (req) => {
    if (req.resourceType() === 'document') return;
    const p = req.sizes().then((s) => {
      total.bytes += s.responseHeadersSize + s.responseBodySize;
      total.requests++;
    }).catch(() => {}).finally(() => pending.delete(p));
    pending.add(p);
  });
  const settled = async () => {
    await page.waitForTimeout(300);
    await Promise.all([...pending]);
  };
  return { context, page, total, settled };
}
const since = (total, before) => ({ bytes: total.bytes - before.bytes, requests: total.requests - before.requests });

async function gongkai() {
  const { context, page, total, settled } = await counted();
  await page.goto(`${origin}/gongkai.html`);
  await page.waitForFunction(() => {
    const h = document.querySelector('[data-gongkai]');
    return h && h.shadowRoot && h.shadowRoot.querySelector('.gk-input');
  }, null, { timeout: 30000 });
  await page.evaluate(() => {
    window.__results = [];
    document.querySelector('[data-gongkai]').addEventListener('gongkai:results', (e) => window.__results.push(e.detail));
  });
  const input = page.locator('[data-gongkai] .gk-input');
  const out = [];
  for (const q of queries) {
    const before = { ...total };
    await input.fill('');
    await input.pressSequentially(q, { delay: 20 });
    const total_hits = await page.waitForFunction((q) => {
      const r = window.__results.find((d) => d.query === q.trim());
      return r && { total: r.total };
    }, q, { timeout: 30000 });
    await page.waitForTimeout(300); // the suggestion requests typing sent
    await settled();
    const hits = (await total_hits.jsonValue()).total;
    out.push({ query: q, hits, ...(out.length ? since(total, before) : { ...total }) });
  }
  await context.close();
  return { first: out[0], later: out.slice(1) };
}

async function pagefind() {
  const { context, page, total, settled } = await counted();
  await page.goto(`${origin}/pagefind.html`);
  const out = [];
  for (const q of queries) {
    const before = { ...total };
    const r = await page.evaluate((q) => window.runQuery(q), q);
    await settled();
    out.push({ query: q, hits: r.total, ...(out.length ? since(total, before) : { ...total }) });
  }
  await context.close();
  return { first: out[0], later: out.slice(1) };
}

try {
  // No Pagefind bundle (the script skipped Pagefind at this size): Gongkai alone.
  const havePagefind = statSync(join(site, 'pagefind'), { throwIfNoEntry: false })?.isDirectory();
  const result = { gongkai: await gongkai(), pagefind: havePagefind ? await pagefind() : null };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
