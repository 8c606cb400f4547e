// Phones: 390×844 with touch. Touch targets of at least 44×44 CSS px, no sideways
// scrolling, facets folded, results readable; the page's zoom and text size are honoured.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, widget, ready, typeAndWait, openHostPage, pageHtml, assertClean, screenshotPath } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Interactive elements of the widget smaller than 44×44 CSS px. */
function smallTargets(w) {
  return w.host.evaluate((h) => [...h.shadowRoot.querySelectorAll('button, a, input, select, summary, [role=option]')]
    .filter((e) => e.getClientRects().length)
    .map((e) => { const r = e.getBoundingClientRect(); return { t: (e.textContent || e.placeholder || '').trim().slice(0, 20), w: Math.round(r.width), h: Math.round(r.height) }; })
    .filter((r) => r.w < 44 || r.h < 44));
}

test('mobile 390×844: touch targets ≥ 44 px, no horizontal scroll, facets folded', async () => {
  page = await newPage(browser, PHONE);
  await openHostPage(page, 'mobile.html', pageHtml('mobile.html'));
  const w = widget(page);
  await ready(w);
  await w.input.tap();
  const d = await typeAndWait(w, '苏州 土地出让');
  assert.ok(d.total > 0);
  await w.options.first().waitFor({ timeout: 3000 }).catch(() => {});
  assert.deepEqual(await smallTargets(w), [], 'with suggestions open');
  await page.locator('h1').tap();
  assert.deepEqual(await smallTargets(w), [], 'with results');
  const facets = w.host.locator('details.gk-facets');
  assert.equal(await facets.getAttribute('open'), null, 'facets start folded on a narrow screen');
  await facets.locator('summary').tap();
  assert.deepEqual(await smallTargets(w), [], 'with facets open');
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `page scrolls sideways by ${sideways}px`);
  // Line spacing of result text is at least 1.3.
  const lh = await w.hits.first().locator('.gk-snip').evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize));
  assert.ok(lh >= 1.3, `line-height ${lh}`);
  await facets.locator('summary').tap();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('mobile.png') });
  assertClean(page);
});

test('mobile: a tap on a facet filters; the chip removes the filter', async () => {
  page = await newPage(browser, PHONE);
  await openHostPage(page, 'mobile.html', pageHtml('mobile.html'));
  const w = widget(page);
  await ready(w);
  const all = await typeAndWait(w, '公告');
  await w.host.locator('details.gk-facets summary').tap();
  const f = w.facet('domain', 'procurement');
  const n = Number((await f.locator('.gk-n').textContent()).replace(/\D/g, ''));
  const d = await w.results(() => f.tap());
  assert.equal(d.total, n);
  const back = await w.results(() => w.host.locator('.gk-chip').tap());
  assert.equal(back.total, all.total);
  assertClean(page);
});

test('text size follows the user: browser zoom and a larger default font', async () => {
  page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await openHostPage(page, 'mobile-zoom.html', pageHtml('mobile.html').replace('<html lang="zh-CN">', '<html lang="zh-CN" style="font-size:24px">'));
  const w = widget(page);
  await ready(w);
  const size = await w.host.locator('.gk').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.equal(size, 24, 'a larger root font size (user setting) enlarges the widget');
  await openHostPage(page, 'mobile-small.html', pageHtml('mobile.html').replace('<html lang="zh-CN">', '<html lang="zh-CN" style="font-size:10px">'));
  await ready(w);
  const small = await w.host.locator('.gk').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.equal(small, 16, 'a page that shrinks its root font does not shrink the widget below 16px');
  assertClean(page);
});
