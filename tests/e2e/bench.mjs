// Benchmark: time from the last keystroke to rendered results, and bytes per query, in
// headless Debian Chromium, on a page that embeds the widget.
//   node tests/e2e/bench.mjs <page-url> [--runs 3] [--selector <host css>]
// e.g. node tests/e2e/bench.mjs http://127.0.0.1:8080/   (the demo page of edge-serve)
//
// For each query the box is cleared, the query typed with real key events, and three times
// measured from the last keystroke (input event): results in the DOM (the widget's `gongkai:results`
// event), the next painted frame, and the widget's own fetch-to-render time. The debounce
// (180 ms) is part of the keystroke figures. Bytes are what the network carried for the
// query's /v1/search and /v1/suggest requests (CDP encodedDataLength: headers + body).
import { launch } from './lib-browser.mjs';

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
if (!url) {
  console.error('usage: node tests/e2e/bench.mjs <page-url> [--runs N] [--selector CSS]');
  process.exit(2);
}
const RUNS = Number(opt('runs', '3'));
const QUERIES = [
  '公租房', 'gongzufang', '苏州 土地出让', '政府采购 中标', '南京 招标公告', '国有产权转让', '采矿权 出让',
  '药品集中采购', '保障性租赁住房', '江宁区 公共租赁住房', '无锡 地块', 'tudi', '中标候选人公示', '行政处罚',
  '采购意向', '挂牌出让公告', '徐州 工程建设', '医用耗材', '分配结果', '竞买须知',
];

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
// Every query goes over the network (a real user's repeated queries would hit the HTTP cache).
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const requests = new Map();
let bytes = { search: 0, suggest: 0, n: 0 };
cdp.on('Network.requestWillBeSent', (e) => {
  const m = e.request.url.match(/\/v1\/(search|suggest)\?/);
  if (m) requests.set(e.requestId, m[1]);
});
cdp.on('Network.loadingFinished', (e) => {
  const kind = requests.get(e.requestId);
  if (kind) {
    bytes[kind] += e.encodedDataLength;
    bytes.n++;
  }
});

await page.goto(url);
// The first inline (or kiosk) widget of the page.
const found = await page.waitForFunction(() => {
  for (const h of document.querySelectorAll('[data-gongkai]')) {
    const root = h.shadowRoot && h.shadowRoot.querySelector('.gk');
    if (root && !root.classList.contains('gk-modal')) {
      h.setAttribute('data-bench', '');
      return true;
    }
  }
  return false;
}, null, { timeout: 20000 });
if (!found) throw new Error('no widget on the page');
const host = page.locator(opt('selector', '[data-bench]')).first();
const input = host.locator('.gk-input');
await page.evaluate(() => {
  window.__bench = [];
  // The last keystroke = the last `input` event (Chinese characters arrive as text input,
  // without keydown, as from an IME).
  document.addEventListener('input', () => { window.__lastKey = performance.now(); }, true);
  document.querySelector('[data-bench]').addEventListener('gongkai:results', (e) => {
    const dom = performance.now() - window.__lastKey;
    requestAnimationFrame(() => setTimeout(() => {
      window.__bench.push({ query: e.detail.query, total: e.detail.total, dom, paint: performance.now() - window.__lastKey, fetch: e.detail.fetchMs });
    }, 0));
  });
});

// Warm-up (wasm compiled, connections open, edge caches warm).
await input.fill('');
await input.pressSequentially('公告');
await page.waitForFunction(() => window.__bench.length > 0);

const rows = [];
for (let run = 0; run < RUNS; run++) {
  for (const q of QUERIES) {
    await input.fill('');
    await page.waitForTimeout(250);
    await page.evaluate(() => { window.__bench = []; });
    const before = { ...bytes };
    await input.pressSequentially(q, { delay: 0 });
    await page.waitForFunction((q) => window.__bench.some((b) => b.query === q.trim()), q, { timeout: 15000 });
    await page.waitForTimeout(300); // let the suggestion request finish too
    const b = (await page.evaluate(() => window.__bench)).find((x) => x.query === q.trim());
    rows.push({ ...b, search: bytes.search - before.search, suggest: bytes.suggest - before.suggest });
  }
}
await browser.close();

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f = (x) => x.toFixed(1).padStart(7);
console.log(`Gongkai widget benchmark: ${url}`);
console.log(`${QUERIES.length} queries × ${RUNS} runs, typed with key events; the 180 ms debounce is included\n`);
console.log(`${'query'.padEnd(14)} ${'hits'.padStart(6)} ${'key→DOM'.padStart(8)} ${'key→paint'.padStart(9)} ${'fetch→DOM'.padStart(9)} ${'search B'.padStart(9)} ${'suggest B'.padStart(9)}`);
for (const r of rows.slice(0, QUERIES.length)) {
  console.log(`${r.query.padEnd(14 - [...r.query].filter((c) => c > '\u2e80').length)} ${String(r.total).padStart(6)} ${f(r.dom)} ${f(r.paint).padStart(9)} ${f(r.fetch).padStart(9)} ${String(r.search).padStart(9)} ${String(r.suggest).padStart(9)}`);
}
const summary = {
  queries: rows.length,
  key_to_dom_ms: { median: pct(rows.map((r) => r.dom), 50), p95: pct(rows.map((r) => r.dom), 95) },
  key_to_paint_ms: { median: pct(rows.map((r) => r.paint), 50), p95: pct(rows.map((r) => r.paint), 95) },
  fetch_to_dom_ms: { median: pct(rows.map((r) => r.fetch), 50), p95: pct(rows.map((r) => r.fetch), 95) },
  bytes_per_query: {
    search_median: pct(rows.map((r) => r.search), 50),
    suggest_median: pct(rows.map((r) => r.suggest), 50),
    total_median: pct(rows.map((r) => r.search + r.suggest), 50),
    total_p95: pct(rows.map((r) => r.search + r.suggest), 95),
  },
};
const m = summary;
console.log(`\nkeystroke → results in DOM:   median ${m.key_to_dom_ms.median.toFixed(1)} ms, p95 ${m.key_to_dom_ms.p95.toFixed(1)} ms`);
console.log(`keystroke → painted frame:    median ${m.key_to_paint_ms.median.toFixed(1)} ms, p95 ${m.key_to_paint_ms.p95.toFixed(1)} ms`);
console.log(`request → results in DOM:     median ${m.fetch_to_dom_ms.median.toFixed(1)} ms, p95 ${m.fetch_to_dom_ms.p95.toFixed(1)} ms (no debounce)`);
console.log(`bytes per query (search+suggest, on the wire): median ${m.bytes_per_query.total_median}, p95 ${m.bytes_per_query.total_p95} (search ${m.bytes_per_query.search_median}, suggest ${m.bytes_per_query.suggest_median})`);
console.log(`BENCH_JSON ${JSON.stringify(summary)}`);
