// Searching on the demo page (/ of edge-serve, sample index): Chinese and pinyin queries,
// suggestions, "did you mean", facets, sorting, "more", cancellation, two widgets at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, BUDGET_BASE, launch, newPage, widget, ready, typeAndWait, hitTexts, assertClean, screenshotPath } from './lib.mjs';

let browser, page, main, aside;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openDemo() {
  page = await newPage(browser);
  await page.goto(`${BASE}/`);
  main = widget(page, '#main [data-gongkai]');
  aside = widget(page, 'aside [data-gongkai]');
  await ready(main);
}

test('typing 公租房 shows housing results with highlighted marks', async () => {
  await openDemo();
  const detail = await typeAndWait(main, '公租房');
  assert.ok(detail.total > 10, `total ${detail.total}`);
  assert.equal(await main.hits.count(), 10);
  assert.equal((await main.status.textContent()).trim(), `找到 ${detail.total} 条结果`);
  // Every hit is housing and has highlighted terms of the query (公租房 ⇒ 公共租赁住房).
  const domains = await main.hits.locator('.gk-tag').allTextContents();
  assert.ok(domains.filter((d) => d.includes('住房保障')).length >= 10, domains.join(','));
  for (let i = 0; i < 10; i++) {
    const marks = await main.hits.nth(i).locator('mark').allTextContents();
    assert.ok(marks.length > 0, `hit ${i} has no <mark>`);
    for (const m of marks) assert.match(m, /^[公共租赁住房]+$/, `mark "${m}"`);
  }
  // Each result shows its region, publisher, source (信息来源) and date.
  const meta = await main.hits.first().locator('.gk-meta').textContent();
  for (const label of ['地区', '公开主体', '信息来源', '发布日期']) assert.ok(meta.includes(label), meta);
  assert.match(meta, /发布日期\d{4}-\d{2}-\d{2}/);
  // Result links are real http(s) links opening in a new window, announced as such.
  const a = main.hits.first().locator('a.gk-link');
  assert.match(await a.getAttribute('href'), /^https?:\/\//);
  assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
  await page.screenshot({ path: screenshotPath('desktop.png') });
  assertClean(page);
});

test('typing pinyin gongzufang (key events) shows the same housing results', async () => {
  await openDemo();
  const detail = await typeAndWait(main, 'gongzufang');
  assert.ok(detail.total > 10, `total ${detail.total}`);
  const titles = await hitTexts(main);
  assert.ok(titles.every((t) => /公共租赁住房|公租房/.test(t)), titles.join('\n'));
  assert.ok((await main.hits.locator('mark').count()) >= 10);
  // The edge rewrote the pinyin; the widget says so.
  assert.match(await main.host.locator('.gk-notice').textContent(), /已按“公租房”搜索/);
  assertClean(page);
});

test('suggestions for a pinyin prefix; choosing one searches it', async () => {
  await openDemo();
  await main.input.click();
  await main.input.pressSequentially('gong', { delay: 40 });
  await main.options.first().waitFor();
  assert.equal(await main.input.getAttribute('aria-expanded'), 'true');
  const texts = await main.options.allTextContents();
  assert.ok(texts.includes('公共租赁住房'), texts.join(','));
  const detail = await main.results(() => main.options.filter({ hasText: '公共租赁住房' }).click());
  assert.equal(detail.query, '公共租赁住房');
  assert.equal(await main.input.inputValue(), '公共租赁住房');
  assert.equal(await main.input.getAttribute('aria-expanded'), 'false');
  assert.ok(detail.total > 10);
  assertClean(page);
});

test('"did you mean" for a misspelt place, and it can be taken', async () => {
  await openDemo();
  await typeAndWait(main, '苏洲');
  const notice = main.host.locator('.gk-notice');
  assert.match(await notice.textContent(), /您是不是要找：苏州/);
  const titles = await hitTexts(main);
  assert.ok(titles.filter((t) => t.includes('苏州')).length >= 5, titles.join('\n'));
  await main.results(() => notice.getByRole('button', { name: '苏州' }).click());
  assert.equal(await main.input.inputValue(), '苏州');
  assertClean(page);
});

test('a search nothing matches whole is relaxed, and the widget says so in words', async () => {
  await openDemo();
  // No record is both social housing and mining rights: the edge relaxes the query (it drops
  // the commoner word) and says so in `understood`; the widget tells the reader.
  const detail = await typeAndWait(main, '公租房 采矿权');
  assert.ok(detail.total > 0, `total ${detail.total}`);
  const notice = main.host.locator('.gk-notice');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /没有同时符合全部检索条件的结果/);
  // A query that matches whole carries no such notice.
  await typeAndWait(main, '采矿权');
  assert.ok(!(await notice.isVisible()) || !/没有同时符合/.test(await notice.textContent()));
  assertClean(page);
});

test('domain and region facets filter results and their counts match', async () => {
  await openDemo();
  const all = await typeAndWait(main, '公告');
  const land = main.facet('domain', 'land');
  const landCount = Number((await land.locator('.gk-n').textContent()).replace(/\D/g, ''));
  assert.ok(landCount > 0 && landCount < all.total, `land ${landCount} of ${all.total}`);
  let d = await main.results(() => land.click());
  assert.equal(d.total, landCount, 'total after the domain filter = the facet count');
  assert.equal(await main.facet('domain', 'land').getAttribute('aria-pressed'), 'true');
  const tags = await main.hits.locator('.gk-tag').allTextContents();
  assert.ok(tags.filter((t) => t.includes('国有土地使用权出让')).length === 10, tags.join(','));
  // Region: a city, then one of its counties (shown nested under the city).
  const suzhou = main.facet('region', '320500');
  const szCount = Number((await suzhou.locator('.gk-n').textContent()).replace(/\D/g, ''));
  d = await main.results(() => suzhou.click());
  assert.equal(d.total, szCount);
  const regions = await main.hits.locator('.gk-meta div:first-child dd').allTextContents();
  assert.ok(regions.length > 0 && regions.every((r) => r.startsWith('苏州市')), regions.join(','));
  const counties = main.host.locator('.gk-sub .gk-fv[data-f=region]');
  assert.ok((await counties.count()) > 0, 'counties of 苏州市 are listed');
  const county = counties.first();
  const cName = (await county.locator('span').first().textContent()).trim();
  const cCount = Number((await county.locator('.gk-n').textContent()).replace(/\D/g, ''));
  d = await main.results(() => county.click());
  assert.equal(d.total, cCount);
  const cRegions = await main.hits.locator('.gk-meta div:first-child dd').allTextContents();
  assert.ok(cRegions.every((r) => r.includes(cName)), `${cName}: ${cRegions.join(',')}`);
  // Active filters are chips; removing them all restores the unfiltered total.
  const chips = main.host.locator('.gk-chip');
  assert.equal(await chips.count(), 2);
  d = await main.results(() => main.host.getByRole('button', { name: '清除全部筛选' }).click());
  assert.equal(d.total, all.total);
  assert.equal(await chips.count(), 0);
  assertClean(page);
});

test('year facet and catalog item facet', async () => {
  await openDemo();
  await typeAndWait(main, '公租房');
  const years = main.facetButtons('year');
  assert.ok((await years.count()) >= 2);
  const y = await years.first().getAttribute('data-v');
  const dy = await main.results(() => years.first().click());
  const dates = await main.hits.locator('.gk-meta dd').allTextContents();
  const pubDates = dates.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t));
  assert.ok(pubDates.length === Math.min(10, dy.total) && pubDates.every((t) => t.startsWith(y)), pubDates.join(','));
  const cat = main.facetButtons('catalog_item').first();
  const label = (await cat.locator('span').first().textContent()).trim();
  const count = Number((await cat.locator('.gk-n').textContent()).replace(/\D/g, ''));
  const dc = await main.results(() => cat.click());
  assert.equal(dc.total, count, 'total = the facet count');
  const tags = await main.hits.locator('.gk-tag').allTextContents();
  assert.equal(tags.filter((t) => t.includes(label)).length, Math.min(10, dc.total), `${label}: ${tags.join(',')}`);
  assertClean(page);
});

test('sort by date orders dates newest first; "more" appends the next page', async () => {
  await openDemo();
  await typeAndWait(main, '土地出让');
  await main.results(() => main.host.locator('select.gk-sel').selectOption('date'));
  const dates = (await main.hits.locator('.gk-meta dd').allTextContents()).filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t));
  assert.equal(dates.length, 10);
  assert.deepEqual(dates, [...dates].sort().reverse(), dates.join(','));
  const d = await main.results(() => main.host.getByRole('button', { name: '加载更多' }).click());
  assert.equal(d.shown, 20);
  assert.equal(await main.hits.count(), 20);
  const all = (await main.hits.locator('.gk-meta dd').allTextContents()).filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t));
  assert.deepEqual(all, [...all].sort().reverse(), 'still newest first across pages');
  // Focus moves to the first new result, for keyboard and screen reader users.
  const focused = await main.host.evaluate((h) => h.shadowRoot.activeElement?.textContent ?? '');
  assert.equal(focused, await main.hits.nth(10).locator('h3').textContent());
  assertClean(page);
});

test('a stale request is aborted and only the latest query is rendered', async () => {
  await openDemo();
  // Hold the first search long enough for the next keystrokes to replace it.
  let first = true;
  await page.route('**/v1/search?*', async (route) => {
    if (first) {
      first = false;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue().catch(() => {});
  });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${new URL(r.url()).searchParams.get('q')} ${r.failure()?.errorText}`));
  const rendered = [];
  await main.host.evaluate((el) => el.addEventListener('gongkai:results', (e) => { window.__gkRendered = [...(window.__gkRendered || []), e.detail.query]; }));
  await main.input.click();
  await main.input.pressSequentially('苏州', { delay: 30 });
  await page.waitForTimeout(400); // the debounce fires: a request for 苏州 is in flight
  const d = await main.results(() => main.input.pressSequentially(' 土地', { delay: 30 }));
  assert.equal(d.query, '苏州 土地');
  await page.waitForTimeout(1600);
  rendered.push(...(await page.evaluate(() => window.__gkRendered)));
  assert.deepEqual(rendered, ['苏州 土地'], 'the stale answer for 苏州 was never rendered');
  assert.ok(failed.some((f) => f.startsWith('苏州 ') && /ABORTED/.test(f)), `aborted: ${failed.join('; ')}`);
  assertClean(page);
});

test('two widgets on one page work independently', async () => {
  await openDemo();
  // The housing widget starts by listing the latest housing records (default filter).
  await aside.hits.first().waitFor();
  assert.equal(await aside.hits.count(), 5);
  const asideBefore = await hitTexts(aside);
  assert.match(await aside.host.locator('.gk-chip').textContent(), /领域：住房保障/);
  await typeAndWait(main, '政府采购');
  assert.deepEqual(await hitTexts(aside), asideBefore, 'typing in one widget leaves the other alone');
  const d = await typeAndWait(aside, '分配结果');
  assert.ok(d.total > 0);
  const tags = await aside.hits.locator('.gk-tag').allTextContents();
  assert.ok(tags.filter((t) => t.includes('住房保障')).length === 5, 'the default domain filter applies');
  assert.notEqual(await main.input.inputValue(), await aside.input.inputValue());
  assertClean(page);
});

test('a query broader than the edge\'s match budget shows its total as an estimate (约)', async () => {
  assert.ok(BUDGET_BASE, 'GK_BUDGET_BASE is set by tests/e2e/run.sh');
  const answer = async (base, q) => (await fetch(`${base}/v1/search?q=${encodeURIComponent(q)}`)).json();
  const [exact, estimated] = [await answer(BASE, '公告'), await answer(BUDGET_BASE, '公告')];
  assert.equal(exact.total_estimated, false);
  assert.equal(estimated.total_estimated, true, 'the sample index has two segments and 公告 matches most records');
  page = await newPage(browser);
  await page.goto(`${BUDGET_BASE}/`);
  main = widget(page, '#main [data-gongkai]');
  await ready(main);
  const detail = await typeAndWait(main, '公告');
  assert.equal(detail.total, estimated.total);
  assert.equal((await main.status.textContent()).trim(), `找到 约 ${detail.total} 条结果`);
  // A narrow query is answered exactly, and said so.
  const narrow = await typeAndWait(main, '采矿权 挂牌出让');
  assert.equal((await main.status.textContent()).trim(), `找到 ${narrow.total} 条结果`);
  assert.equal(narrow.total, (await answer(BASE, '采矿权 挂牌出让')).total);
  assertClean(page);
});
