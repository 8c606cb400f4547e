// Embedding: the one script tag alone (the widget appears right after it), options from
// the script tag with host overrides, a second copy of the script, and hosts added later.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, widget, ready, typeAndWait, openHostPage, assertClean } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

test('one script tag and nothing else: the widget appears right after it', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'one-tag.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>一行代码</title>
<link rel="icon" href="data:,"></head><body><main><h1>镇政府信息公开</h1><p id="before">请输入关键词：</p>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" data-page-size="5" data-domain="land" defer></script>
<p id="after">页面其余内容</p></main></body></html>`);
  const w = widget(page);
  await ready(w);
  const order = await page.evaluate(() => {
    const host = document.querySelector('[data-gongkai]');
    return [host.previousElementSibling?.tagName, host.nextElementSibling?.id, host.parentElement.tagName];
  });
  assert.deepEqual(order, ['SCRIPT', 'after', 'MAIN']);
  // Options on the script tag apply: five results a page, land only (browsing the latest).
  await w.hits.first().waitFor();
  assert.equal(await w.hits.count(), 5);
  assert.match(await w.host.locator('.gk-chip').textContent(), /国有土地使用权出让/);
  const d = await typeAndWait(w, '出让公告');
  assert.ok(d.total > 0);
  assert.equal(await w.hits.count(), Math.min(5, d.total));
  assertClean(page);
});

test('host attributes override the script tag; a second copy of the script mounts nothing twice; hosts added later', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'two-tags.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>两次引用</title>
<link rel="icon" href="data:,"></head><body><main><h1>信息公开</h1>
<div id="a" data-gongkai data-page-size="3" data-label="检索甲"></div>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" data-page-size="7" defer></script>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" defer></script>
</main></body></html>`);
  const a = widget(page, '#a');
  await ready(a);
  await typeAndWait(a, '公告');
  assert.equal(await a.hits.count(), 3, 'the host data-page-size wins');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-gongkai]').length), 1);
  assert.equal(await page.evaluate(() => document.querySelector('#a').shadowRoot.querySelectorAll('.gk').length), 1);
  // A host added after load, mounted through the loader's API; it gets the script's options.
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'b';
    el.setAttribute('data-label', '检索乙');
    document.querySelector('main').append(el);
    return window.GongkaiWidget.mount(el);
  });
  const b = widget(page, '#b');
  await ready(b);
  await typeAndWait(b, '公告');
  assert.equal(await b.hits.count(), 7);
  assert.equal(await a.hits.count(), 3, 'the first widget is untouched');
  assertClean(page);
});
