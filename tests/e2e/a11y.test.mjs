// axe-core (WCAG 2.1 A/AA and best practices) inside the widgets' open shadow roots: zero
// violations on the demo page with results, suggestions, the modal dialog, high contrast,
// large text, English, and kiosk mode. Target: GB/T 37668-2019 level 2 / WCAG 2.1 AA.
import { test, before, after, afterEach } from 'node:test';
import { BASE, launch, newPage, widget, ready, typeAndWait, axe, assertNoViolations, assertClean, openHostPage, pageHtml } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

async function demoWithResults(query = '公租房') {
  page = await newPage(browser);
  await page.goto(`${BASE}/`);
  const main = widget(page, '#main [data-gongkai]');
  await ready(main);
  await widget(page, 'aside [data-gongkai]').hits.first().waitFor();
  await typeAndWait(main, query);
  return main;
}

test('axe: demo page with results, facets and the second widget', async () => {
  const main = await demoWithResults();
  await main.input.blur();
  assertNoViolations(await axe(page), 'desktop results');
  assertClean(page);
});

test('axe: suggestions open, an option active, a filter chip and "did you mean"', async () => {
  const main = await demoWithResults('苏洲');
  await main.host.locator('.gk-notice').waitFor();
  await main.results(() => main.facetButtons('domain').first().click());
  await main.input.fill('');
  await main.input.pressSequentially('gong', { delay: 40 });
  await main.options.first().waitFor();
  await main.input.press('ArrowDown');
  assertNoViolations(await axe(page), 'suggestions');
  assertClean(page);
});

test('axe: modal dialog open with results', async () => {
  await demoWithResults();
  const modal = widget(page, 'header [data-gongkai]');
  await modal.host.locator('.gk-open').click();
  await typeAndWait(modal, '政府采购');
  assertNoViolations(await axe(page), 'modal');
  assertClean(page);
});

test('axe: high contrast and large text', async () => {
  const main = await demoWithResults();
  for (const w of [main, widget(page, 'aside [data-gongkai]')]) {
    await w.host.getByRole('button', { name: '高对比度' }).click();
    await w.host.getByRole('button', { name: '大字' }).click();
  }
  assertNoViolations(await axe(page), 'high contrast + large text');
  assertClean(page);
});

test('axe: English widget, error message with retry', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'english.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Jiangsu public resources: disclosure search</title></head><body><main><h1>Disclosure search</h1>
<div data-gongkai data-lang="en" data-label="Search disclosures"></div>
<div data-gongkai data-lang="en" data-label="Search (offline edge)" data-endpoint="http://127.0.0.1:9"></div></main>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" defer></script></body></html>`);
  const w = widget(page, '[data-gongkai]');
  await ready(w);
  await typeAndWait(w, 'gongzufang');
  const dead = widget(page, '[data-gongkai]:nth-of-type(2)');
  await dead.input.fill('土地');
  await dead.alert.waitFor({ state: 'visible' });
  assertNoViolations(await axe(page), 'english + error');
  page.problems = page.problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(p));
  assertClean(page);
});

test('axe: kiosk mode at 1080×1920 with results and suggestions', async () => {
  page = await newPage(browser, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await openHostPage(page, 'kiosk.html', pageHtml('kiosk.html', { IDLE: '600' }));
  const k = widget(page);
  await ready(k);
  await k.results(async () => {
    for (const c of 'gongzufang') await k.host.locator(`.gk-key[data-key="${c}"]`).click();
  });
  assertNoViolations(await axe(page), 'kiosk');
  await k.host.getByRole('button', { name: '高对比度' }).click();
  assertNoViolations(await axe(page), 'kiosk high contrast');
  assertClean(page);
});
