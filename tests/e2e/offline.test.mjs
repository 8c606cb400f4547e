// Offline tolerance: an unreachable or slow edge gives a clear message and a retry button;
// the widget recovers (retry, or by itself when the browser comes back online); an edge
// without /v1/suggest or /v1/meta still searches.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, widget, ready, typeAndWait, openHostPage, pageHtml, assertClean } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

const NET_ERRORS = /ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to load resource|status of 404/;

function dropNetworkNoise(p) {
  p.problems = p.problems.filter((x) => !NET_ERRORS.test(x));
}

test('unreachable edge: message and retry button; retry works once it is back', async () => {
  page = await newPage(browser);
  await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
  await openHostPage(page, 'offline.html', pageHtml('mobile.html'));
  const w = widget(page);
  await ready(w);
  await w.input.fill('公租房');
  await w.alert.waitFor({ state: 'visible' });
  assert.match(await w.alert.locator('[role=alert]').textContent(), /无法连接到搜索服务，请检查网络后重试/);
  const retry = w.alert.getByRole('button', { name: '重试' });
  assert.ok(await retry.isVisible());
  // Still down: retrying keeps the message.
  await retry.click();
  await w.alert.waitFor({ state: 'visible' });
  assert.equal(await w.hits.count(), 0);
  // Back up.
  await page.unroute('**/v1/**');
  const d = await w.results(() => retry.click());
  assert.ok(d.total > 0);
  assert.ok(await w.alert.isHidden());
  assert.ok((await w.hits.count()) > 0);
  dropNetworkNoise(page);
  assertClean(page);
});

test('a dead data-endpoint fails clearly, without breaking the other widget', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'dead.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>dead</title>
<link rel="icon" href="data:,"></head><body><main><h1>两个检索框</h1>
<div id="dead" data-gongkai data-endpoint="http://127.0.0.1:9" data-label="失效的检索"></div>
<div id="live" data-gongkai data-label="正常的检索"></div></main>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" defer></script></body></html>`);
  const dead = widget(page, '#dead');
  const live = widget(page, '#live');
  await ready(dead);
  await dead.input.fill('土地');
  await dead.alert.waitFor({ state: 'visible' });
  assert.match(await dead.alert.textContent(), /无法连接到搜索服务/);
  const d = await typeAndWait(live, '土地');
  assert.ok(d.total > 0);
  assert.ok(await live.alert.isHidden());
  dropNetworkNoise(page);
  assertClean(page);
});

test('browser offline, then online again: the widget retries by itself', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'online.html', pageHtml('mobile.html'));
  const w = widget(page);
  await ready(w);
  await page.context().setOffline(true);
  await w.input.fill('政府采购');
  await w.alert.waitFor({ state: 'visible' });
  const d = await w.results(() => page.context().setOffline(false));
  assert.equal(d.query, '政府采购');
  assert.ok(d.total > 0);
  assert.ok(await w.alert.isHidden());
  dropNetworkNoise(page);
  assertClean(page);
});

test('a slow edge times out (data-timeout-ms) with a message, and retry succeeds', async () => {
  page = await newPage(browser);
  let slow = true;
  await page.route('**/v1/search?*', async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, 4000));
    await route.continue().catch(() => {});
  });
  await openHostPage(page, 'slow.html', pageHtml('mobile.html').replace('<div data-gongkai', '<div data-gongkai data-timeout-ms="1500"'));
  const w = widget(page);
  await ready(w);
  const t0 = Date.now();
  await w.input.fill('公租房');
  await w.alert.waitFor({ state: 'visible' });
  const waited = Date.now() - t0;
  assert.ok(waited >= 1400 && waited < 3900, `timed out after ${waited} ms`);
  assert.match(await w.alert.textContent(), /响应超时/);
  slow = false;
  const d = await w.results(() => w.alert.getByRole('button', { name: '重试' }).click());
  assert.ok(d.total > 0);
  dropNetworkNoise(page);
  assertClean(page);
});

test('an edge without /v1/suggest and /v1/meta still searches (graceful degradation)', async () => {
  page = await newPage(browser);
  await page.route(/\/v1\/(suggest|meta)/, (route) => route.fulfill({
    status: 404, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify({ error: { code: 'not_found', message: 'no route' } }),
  }));
  await openHostPage(page, 'old-edge.html', pageHtml('mobile.html').replace('<div data-gongkai', '<div data-gongkai data-domain="land"'));
  const w = widget(page);
  await ready(w);
  await w.hits.first().waitFor();
  // Without /v1/meta the default filter's label comes from the search facets.
  assert.match(await w.host.locator('.gk-chip').textContent(), /国有土地使用权出让/);
  const d = await typeAndWait(w, '出让');
  assert.ok(d.total > 0);
  assert.equal(await w.options.count(), 0);
  assert.ok(await w.alert.isHidden());
  dropNetworkNoise(page);
  assertClean(page);
});
