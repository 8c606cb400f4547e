// The platform's views in the widget (issue #11), on the demo page against edge-serve with the
// sample index: a late publication marked in words, a project's timeline under its hit on one
// click (keyboard too), the link that subscribes to the current search, a company's credit
// record (from a hit naming it and from 查企业信用) and the catalog browsed without typing. What to look for is
// taken from the edge's own answers (/v1/stats/timeliness, /v1/search), never hard-coded.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, widget, ready, typeAndWait, axe, assertNoViolations, assertClean, screenshotPath } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

const api = async (path) => {
  const r = await fetch(`${BASE}${path}`);
  assert.equal(r.status, 200, path);
  return r.json();
};

async function demo() {
  page = await newPage(browser);
  await page.goto(`${BASE}/`);
  const main = widget(page, '#main [data-gongkai]');
  await ready(main);
  return main;
}

test('a late publication says so in words, with its working days and limit', async () => {
  // The latest publisher of the corpus, by the edge's own timeliness figures.
  const stats = await api('/v1/stats/timeliness?group=domain');
  const worst = stats.rows.flatMap((r) => r.worst ?? []).sort((a, b) => b.working_days - a.working_days)[0];
  assert.ok(worst, JSON.stringify(stats).slice(0, 300));
  const doc = await api(`/v1/doc/${encodeURIComponent(worst.id)}`);
  assert.deepEqual(doc.late, { working_days: worst.working_days, limit: worst.limit });
  const main = await demo();
  await typeAndWait(main, doc.project_code || doc.title);
  const hit = main.hits.filter({ hasText: doc.title }).first();
  await hit.waitFor();
  const tag = hit.locator('.gk-warn').filter({ hasText: '逾期公开' });
  assert.equal(
    (await tag.textContent()).trim(),
    `逾期公开：用时 ${worst.working_days} 个工作日，时限 ${worst.limit} 个工作日`,
  );
  await hit.screenshot({ path: screenshotPath('late.png') });
  assertClean(page);
});

test("a project's timeline opens under its hit in process order, by mouse and by keyboard", async () => {
  // A project with several records, as the edge reports it on its hits.
  const found = await api(`/v1/search?q=${encodeURIComponent('中标结果公告')}&size=50`);
  const hit = found.hits.find((h) => h.timeline && h.timeline.records >= 3);
  assert.ok(hit, 'a hit with a timeline of 3+ records');
  const project = await api(`/v1/project/${encodeURIComponent(hit.timeline.project_code)}`);
  assert.equal(project.records.length, hit.timeline.records);

  const main = await demo();
  await typeAndWait(main, hit.project_code);
  const shown = main.hits.filter({ hasText: hit.title }).first();
  const button = shown.locator('.gk-tl-btn');
  assert.equal((await button.textContent()).trim(), `项目进度（${hit.timeline.records} 条）`);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  const steps = shown.locator('.gk-tl li');
  await steps.nth(project.records.length - 1).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const texts = await steps.allTextContents();
  // Same records, same order as /v1/project: stage · date, then the title.
  project.records.forEach((r, i) => {
    assert.ok(texts[i].includes(r.title), `step ${i}: ${texts[i]} / ${r.title}`);
    assert.ok(texts[i].startsWith(`${r.stage_label} · ${r.published_at}`), texts[i]);
  });
  await main.input.blur();
  await shown.screenshot({ path: screenshotPath('timeline.png') });
  assertNoViolations(await axe(page), 'timeline open');
  // Keyboard: Enter on the focused button closes it again.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await shown.locator('.gk-tl').isVisible(), false);
  assertClean(page);
});

test('the current search can be subscribed to as an Atom feed', async () => {
  const main = await demo();
  await typeAndWait(main, '公租房');
  const link = main.host.locator('a.gk-feed');
  assert.equal((await link.textContent()).trim(), '订阅此搜索（Atom）');
  const href = await link.getAttribute('href');
  const url = new URL(href);
  assert.equal(url.pathname, '/v1/feed');
  assert.equal(url.searchParams.get('q'), '公租房');
  assert.equal(url.searchParams.get('format'), 'atom');
  const r = await fetch(href);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
  const xml = await r.text();
  assert.match(xml, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.ok((xml.match(/<entry>/g) || []).length >= 10);
  // A filter chosen in the widget is in the feed's link too.
  await main.results(() => main.facetButtons('domain').first().click());
  const filtered = new URL(await link.getAttribute('href'));
  assert.ok(filtered.searchParams.get('domain'), filtered.href);
  await main.input.blur();
  await main.host.locator('.gk-summary').screenshot({ path: screenshotPath('feed.png') });
  assertClean(page);
});

// The focused element inside a widget's shadow root: its text.
const focusedText = (w) => w.host.evaluate((el) => el.shadowRoot.activeElement?.textContent ?? '');

test("a company's credit record opens from a hit naming it, newest first, with its blacklist status in words", async () => {
  // A party on a blacklist now, as the edge's own search hits report it.
  const found = await api(`/v1/search?q=${encodeURIComponent('严重违法失信行为记录名单')}&size=50`);
  const listedHit = found.hits.find((h) => (h.blacklisted ?? []).length > 0);
  assert.ok(listedHit, 'a hit naming a party blacklisted now');
  const name = listedHit.blacklisted[0];
  const party = await api(`/v1/entity?name=${encodeURIComponent(name)}&size=10`);
  assert.equal(party.summary.blacklisted, true);
  assert.ok(party.total >= 2, JSON.stringify(party.summary));

  const main = await demo();
  await typeAndWait(main, name);
  const credit = main.host.locator('.gk-hit .gk-ents button', { hasText: `查信用：${name}` }).first();
  await credit.waitFor();
  await main.results(() => credit.click());
  // The summary: the party, listed now since when and by whom, its records per kind.
  const notice = main.host.locator('.gk-notice');
  const summary = (await notice.textContent()).trim();
  assert.ok(summary.startsWith(party.name), summary);
  assert.ok(summary.includes(`失信黑名单：在列，自 ${party.summary.blacklisted_since} 起，列入单位：${party.summary.blacklisted_by}`), summary);
  if (party.summary.blacklisted_until) assert.ok(summary.includes(`期限至 ${party.summary.blacklisted_until}`), summary);
  assert.ok(summary.includes(`列入黑名单 ${party.summary.blacklist} 条`), summary);
  assert.match((await main.status.textContent()).trim(), new RegExp(`找到 ${party.total} 条结果`));
  // Its records, in the edge's order (newest first), each saying what it is about the party.
  const titles = await main.hits.locator('h3').allTextContents();
  assert.deepEqual(titles.map((t) => t.replace('（在新窗口打开）', '').trim()), party.records.map((r) => r.title));
  const roles = await main.hits.locator('.gk-role').allTextContents();
  assert.equal(roles.length, party.records.length);
  assert.ok(roles.includes('列入黑名单') || party.records.every((r) => r.role !== 'blacklist'), roles.join());
  // Keyboard: the focus is on the first record, arrows move between them.
  assert.equal((await focusedText(main)).replace('（在新窗口打开）', '').trim(), party.records[0].title);
  await page.keyboard.press('ArrowDown');
  assert.equal((await focusedText(main)).replace('（在新窗口打开）', '').trim(), party.records[1].title);
  await main.input.blur();
  assertNoViolations(await axe(page), 'credit record');
  // The summary and the first records.
  const top = await notice.boundingBox();
  const last = await main.hits.nth(Math.min(2, party.records.length - 1)).boundingBox();
  const area = await main.host.locator('.gk-scroll').boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.screenshot({
    path: screenshotPath('entity.png'),
    fullPage: true,
    clip: { x: area.x, y: top.y + scrolled - 4, width: area.width, height: last.y + last.height - top.y + 8 },
  });
  // The chip leads back: removing it leaves the look-up.
  const chip = main.host.locator('.gk-chip', { hasText: `企业信用查询：${name}` });
  await main.results(() => chip.click());
  assert.equal(await notice.isVisible(), false);
  assertClean(page);
});

test('查企业信用 looks up the name typed in the box, with or without its suffix, by keyboard', async () => {
  const found = await api(`/v1/search?q=${encodeURIComponent('中标结果公告')}&size=50`);
  const full = found.hits.flatMap((h) => h.entities ?? []).find((e) => /有限公司$/.test(e));
  assert.ok(full, 'a company named by a hit');
  const short = full.replace(/(股份)?有限公司$/, '');
  const party = await api(`/v1/entity?name=${encodeURIComponent(short)}&size=10`);
  assert.equal(party.name, full);
  const main = await demo();
  // With an empty box it says what to do first.
  const button = main.host.locator('.gk-combo button', { hasText: '查企业信用' });
  await button.focus();
  await page.keyboard.press('Enter');
  assert.match(await main.host.locator('.gk-start p').first().textContent(), /请先在搜索框输入企业名称/);
  await typeAndWait(main, short);
  await button.focus();
  await main.results(() => page.keyboard.press('Enter'));
  assert.ok((await main.host.locator('.gk-notice').textContent()).startsWith(full));
  assert.match((await main.status.textContent()).trim(), new RegExp(`找到 ${party.total} 条结果`));
  assert.equal(await main.hits.count(), Math.min(10, party.total));
  // Typing again is a search again.
  await typeAndWait(main, '公租房');
  assert.equal(await main.host.locator('.gk-notice').isVisible(), false);
  assertClean(page);
});

test('the catalog is browsed domain → item (with counts) → newest records, without typing', async () => {
  const catalog = await api('/v1/catalog');
  const byDomain = new Map();
  for (const i of catalog.items) byDomain.set(i.domain, (byDomain.get(i.domain) ?? 0) + i.count);
  const [domain, domainCount] = [...byDomain].sort((a, b) => b[1] - a[1])[0];
  const item = catalog.items.filter((i) => i.domain === domain).sort((a, b) => b.count - a.count)[0];
  assert.ok(item.count > 0);

  const main = await demo();
  const open = main.host.locator('.gk-bar button', { hasText: '按目录浏览' });
  await open.focus();
  await page.keyboard.press('Enter');
  const view = main.host.locator('.gk-view');
  const domainButton = view.locator(`.gk-fv[data-f="domain"][data-v="${domain}"]`);
  await domainButton.waitFor();
  assert.equal(await main.host.locator('.gk-search, .gk-start').first().isVisible(), false);
  assert.match(await domainButton.textContent(), new RegExp(`${domainCount} 条`));
  // The focus is on the first domain; Enter on the chosen one shows its items, focus on the first.
  assert.equal(await view.locator('.gk-fv').first().evaluate((b) => b === b.getRootNode().activeElement), true);
  await domainButton.focus();
  await page.keyboard.press('Enter');
  assert.equal(await domainButton.getAttribute('aria-pressed'), 'true');
  const items = view.locator('.gk-fv[data-f="catalog_item"]');
  await items.first().waitFor();
  const expected = catalog.items.filter((i) => i.domain === domain);
  assert.equal(await items.count(), expected.length);
  const itemButton = view.locator(`.gk-fv[data-v="${item.code}"]`);
  const label = await itemButton.textContent();
  assert.ok(label.includes(`${item.code} ${item.category}`) && label.includes(`${item.count} 条`), label);
  assert.equal(await items.first().evaluate((b) => b === b.getRootNode().activeElement), true);
  assertNoViolations(await axe(page), 'catalog view');
  await view.screenshot({ path: screenshotPath('catalog.png') });
  // The item: its newest records, as a search filtered by domain and item, sorted by date.
  await itemButton.focus();
  await main.results(() => page.keyboard.press('Enter'));
  assert.equal(await view.isVisible(), false);
  assert.match((await main.status.textContent()).trim(), new RegExp(`找到 ${item.count} 条结果`));
  assert.equal(await main.host.locator('.gk-sel').inputValue(), 'date');
  const dates = await main.hits.locator('.gk-meta div', { hasText: '发布日期' }).locator('dd').allTextContents();
  assert.ok(dates.length > 0 && dates.every((d, i) => i === 0 || dates[i - 1] >= d), dates.join());
  const chips = (await main.host.locator('.gk-chip').allTextContents()).join(' ');
  assert.ok(chips.includes(item.domain_label) && chips.includes('信息类别'), chips);
  assertClean(page);
});
