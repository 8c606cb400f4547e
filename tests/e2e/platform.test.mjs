// The platform's views in the widget (issue #11), on the demo page against edge-serve with the
// sample index: a late publication marked in words, a project's timeline under its hit on one
// click (keyboard too), and the link that subscribes to the current search. What to look for is
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
  assertClean(page);
});
