// Kiosk mode: full screen at 1080×1920 portrait, the on-screen pinyin keyboard (no IME on
// kiosks), big touch targets, and the reset to the start screen after data-idle-seconds.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, widget, ready, openHostPage, pageHtml, assertClean, screenshotPath } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

async function openKiosk(idle = '600') {
  page = await newPage(browser, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await openHostPage(page, `kiosk-${idle}.html`, pageHtml('kiosk.html', { IDLE: idle }));
  const k = widget(page);
  await ready(k);
  return k;
}

/** Taps the on-screen keys for `text` (letters, space). */
async function tapKeys(k, text) {
  for (const c of text) await k.host.locator(`.gk-key[data-key="${c === ' ' ? 'space' : c}"]`).tap();
}

test('kiosk: full screen, pinyin typed on the on-screen keyboard finds 公租房 records', async () => {
  const k = await openKiosk();
  const box = await k.host.locator('.gk').boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 1080, 1920], 'the widget fills the portrait screen');
  // The device keyboard stays away: the box takes input from the on-screen keyboard only.
  assert.equal(await k.input.getAttribute('inputmode'), 'none');
  const keys = k.host.locator('.gk-kb button');
  assert.ok((await keys.count()) >= 26 + 4);
  const d = await k.results(() => tapKeys(k, 'gongzufang'), { query: 'gongzufang' });
  assert.equal(await k.input.inputValue(), 'gongzufang');
  assert.equal(d.query, 'gongzufang');
  assert.ok(d.total > 10);
  const titles = await k.hits.locator('h3').allTextContents();
  assert.ok(titles.every((t) => /公共租赁住房|公租房/.test(t)), titles.join('\n'));
  assert.match(await k.host.locator('.gk-notice').textContent(), /已按“公租房”搜索/);
  // Pinyin suggestions act as the IME's candidate bar: tapping one searches it in Chinese.
  await k.options.first().waitFor();
  // Delete and clear keys.
  await k.host.locator('.gk-key[data-key="bs"]').tap();
  assert.equal(await k.input.inputValue(), 'gongzufan');
  await k.host.locator('.gk-key[data-key="clear"]').tap();
  assert.equal(await k.input.inputValue(), '');
  await k.results(() => tapKeys(k, 'tudi'), { query: 'tudi' });
  const cand = k.options.filter({ hasText: '土地' }).first();
  await cand.waitFor();
  const d2 = await k.results(() => cand.tap());
  assert.match(d2.query, /土地/);
  assert.match(await k.input.inputValue(), /土地/);
  // Everything touchable is big: at least 44 CSS px each way (keys are much bigger).
  const small = await k.host.evaluate((h) => [...h.shadowRoot.querySelectorAll('button, a, input, select, summary, [role=option]')]
    .filter((e) => e.getClientRects().length)
    .map((e) => { const r = e.getBoundingClientRect(); return { t: e.textContent.trim().slice(0, 20), w: r.width, h: r.height }; })
    .filter((r) => r.w < 44 || r.h < 44));
  assert.deepEqual(small, []);
  const key = await k.host.locator('.gk-key[data-key="q"]').boundingBox();
  assert.ok(key.width >= 60 && key.height >= 60, `key ${key.width}×${key.height}`);
  assertClean(page);
});

test('kiosk: screenshot with results, keyboard and candidates', async () => {
  const k = await openKiosk();
  await k.results(() => tapKeys(k, 'gongzufang'), { query: 'gongzufang' });
  await k.options.first().waitFor();
  await page.screenshot({ path: screenshotPath('kiosk.png') });
  assertClean(page);
});

test('kiosk: resets to the start screen after data-idle-seconds without a touch', async () => {
  const k = await openKiosk('2');
  await k.results(() => tapKeys(k, 'tudi'), { query: 'tudi' });
  await k.host.getByRole('button', { name: '大字' }).tap();
  assert.ok((await k.hits.count()) > 0);
  // Touching keeps it alive…
  await page.waitForTimeout(1200);
  await k.host.locator('.gk-scroll').tap({ position: { x: 5, y: 5 } });
  await page.waitForTimeout(1200);
  assert.equal(await k.input.inputValue(), 'tudi', 'still there after 2.4 s with a touch in between');
  // …and 2 s without one resets it.
  await page.waitForTimeout(2500);
  assert.equal(await k.input.inputValue(), '');
  assert.equal(await k.hits.count(), 0);
  assert.ok(await k.host.locator('.gk-start').isVisible(), 'start screen');
  assert.equal(await k.host.getByRole('button', { name: '大字' }).getAttribute('aria-pressed'), 'false');
  // The start screen offers browsing by domain (from /v1/meta) for people who would rather tap.
  const browse = k.host.locator('[data-act=browse]');
  assert.ok((await browse.count()) >= 7);
  const d = await k.results(() => browse.filter({ hasText: '住房保障' }).tap());
  assert.ok(d.total > 0);
  assert.match(await k.host.locator('.gk-chip').textContent(), /住房保障/);
  assertClean(page);
});
