// Hostile data and hostile hosts: XSS payloads in indexed records render as text; a hostile
// host stylesheet does not break the widget; a strict CSP (no inline styles, no eval) works;
// malformed or hostile edge answers neither run code nor crash the widget.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, XSS_BASE, launch, newPage, widget, ready, typeAndWait, openHostPage, pageHtml, assertClean } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

/** Elements in the widget's shadow root that no rendering of ours ever creates. */
function injected(w) {
  return w.host.evaluate((h) => {
    const bad = h.shadowRoot.querySelectorAll('img, script, svg, iframe, style, b, marquee, object, embed, [onerror], [onload], [onmouseover], [onstart], [style], a[href^="javascript"], a[href^="data"]');
    return [...bad].map((e) => e.outerHTML.slice(0, 120));
  });
}

test('XSS payloads in titles, snippets, publisher, source and URLs render as inert text', { skip: !XSS_BASE && 'GK_XSS_BASE not set' }, async () => {
  page = await newPage(browser);
  await openHostPage(page, 'xss.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>XSS</title>
<link rel="icon" href="data:,"></head><body><main><h1>XSS</h1><div data-gongkai></div></main>
<script src="${XSS_BASE}/widget.js" data-endpoint="${XSS_BASE}" defer></script></body></html>`);
  const w = widget(page);
  await ready(w);
  const d = await typeAndWait(w, '公共租赁住房');
  assert.ok(d.total >= 4, `total ${d.total}`);
  const text = await w.host.evaluate((h) => h.shadowRoot.querySelector('.gk-results').textContent);
  // The payloads are there, as text.
  for (const payload of [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '<script>window.__pwned=7</script>',
    '"><svg onload="window.__pwned=3">',
    '<a href="javascript:window.__pwned=4">',
    "{{constructor.constructor('window.__pwned=9')()}}",
    '<style>*{display:none}</style>',
  ]) assert.ok(text.includes(payload), `payload shown as text: ${payload}`);
  // …and nothing was created from them.
  assert.deepEqual(await injected(w), []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Links: only http(s); the URL with markup in it is a percent-encoded href, not markup.
  const hrefs = await w.host.evaluate((h) => [...h.shadowRoot.querySelectorAll('a')].map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 3 && hrefs.every((u) => /^https?:\/\//.test(u)), hrefs.join('\n'));
  assert.ok(hrefs.every((u) => !/[<>"]/.test(u)), hrefs.join('\n'));
  // The record without a URL is shown without a link.
  assert.ok((await w.host.locator('.gk-nolink').count()) >= 1);
  // Interacting does not trigger anything either.
  await w.hits.first().hover();
  await page.mouse.move(5, 5);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assertClean(page);
});

test('hostile host CSS (* { … !important }) does not reach into the widget', async () => {
  page = await newPage(browser);
  await openHostPage(page, 'hostile.html', pageHtml('hostile.html'));
  const w = widget(page);
  await ready(w);
  await typeAndWait(w, '公租房');
  const s = await w.host.evaluate((h) => {
    const q = (sel) => h.shadowRoot.querySelector(sel);
    const cs = (sel) => getComputedStyle(q(sel));
    const rect = (sel) => q(sel).getBoundingClientRect();
    return {
      hostDisplay: getComputedStyle(h).display,
      rootFont: cs('.gk').fontSize, rootColor: cs('.gk').color, rootFamily: cs('.gk').fontFamily, writing: cs('.gk').writingMode,
      lineHeight: parseFloat(cs('.gk-snip').lineHeight) / parseFloat(cs('.gk-snip').fontSize),
      inputDisplay: cs('.gk-input').display, inputH: rect('.gk-input').height, inputW: rect('.gk-input').width,
      buttonDisplay: cs('button[type=submit]').display, buttonH: rect('button[type=submit]').height,
      hitDisplay: cs('.gk-hit').display, hitW: rect('.gk-hit').width,
      linkColor: cs('.gk-link').color, linkEvents: cs('.gk-link').pointerEvents, linkFont: parseFloat(cs('.gk-link').fontSize),
      markBg: cs('mark').backgroundColor, markColor: cs('mark').color,
      transform: cs('.gk-link').textTransform, spacing: cs('.gk-link').letterSpacing,
    };
  });
  assert.equal(s.hostDisplay, 'block');
  assert.equal(s.rootFont, '16px');
  assert.equal(s.rootColor, 'rgb(31, 31, 31)');
  assert.notEqual(s.rootFamily, 'serif');
  assert.equal(s.writing, 'horizontal-tb');
  assert.ok(s.lineHeight >= 1.3);
  assert.equal(s.inputDisplay, 'block');
  assert.ok(s.inputH >= 44 && s.inputW >= 200, `input ${s.inputW}×${s.inputH}`);
  assert.match(s.buttonDisplay, /^(inline-)?flex$/);
  assert.ok(s.buttonH >= 44);
  assert.equal(s.hitDisplay, 'block');
  assert.ok(s.hitW >= 300);
  assert.equal(s.linkColor, 'rgb(11, 78, 162)');
  assert.equal(s.linkEvents, 'auto');
  assert.ok(s.linkFont >= 18);
  assert.equal(s.markBg, 'rgb(255, 229, 143)');
  assert.equal(s.markColor, 'rgb(31, 31, 31)');
  assert.equal(s.transform, 'none');
  assert.equal(s.spacing, 'normal');
  // And it still works: click a facet.
  const f = w.facetButtons('region').first();
  const n = Number((await f.locator('.gk-n').textContent()).replace(/\D/g, ''));
  const d = await w.results(() => f.click());
  assert.equal(d.total, n);
  assertClean(page);
});

test('works under a strict CSP: no inline styles or scripts, only the edge and wasm-unsafe-eval', async () => {
  page = await newPage(browser);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  const csp = `default-src 'none'; script-src ${BASE} 'wasm-unsafe-eval'; connect-src ${BASE}; style-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'`;
  await openHostPage(page, 'csp.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>CSP</title></head>
<body><main><h1>严格 CSP 的政府网站</h1><div data-gongkai></div></main>
<script src="${BASE}/widget.js" data-endpoint="${BASE}" defer></script></body></html>`, { 'Content-Security-Policy': csp });
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => { (window.__csp ||= []).push(`${e.violatedDirective} ${e.blockedURI}`); }));
  const w = widget(page);
  await ready(w);
  const d = await typeAndWait(w, '公租房');
  assert.ok(d.total > 0);
  // Styled (adoptedStyleSheets are not subject to style-src) and no <style> element needed.
  assert.equal(await w.host.locator('.gk-input').evaluate((e) => getComputedStyle(e).borderTopWidth), '2px');
  assert.equal(await w.host.evaluate((h) => h.shadowRoot.querySelectorAll('style').length), 0);
  assert.deepEqual(await page.evaluate(() => window.__csp || []), []);
  assert.deepEqual(violations, []);
  assertClean(page);
});

test('malformed and hostile edge answers: no crash, no code, a message', async () => {
  page = await newPage(browser);
  const answers = [
    // Not JSON at all.
    { status: 200, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' },
    // JSON of the wrong shape.
    { status: 200, body: JSON.stringify({ hits: 'nope', total: 'many' }) },
    // An error status with the contract's error body.
    { status: 503, body: JSON.stringify({ error: { code: 'overloaded', message: '服务繁忙' } }) },
    // Hostile but well-formed: javascript: URLs, ranges out of bounds, splitting surrogates,
    // overlapping, backwards; fields of wrong types; huge numbers.
    { status: 200, body: JSON.stringify({
      total: 3, page: 1, size: 10, did_you_mean: '<img src=x onerror=window.__pwned=21>',
      hits: [
        { id: 'a', title: '𠀀𠀁南京<script>window.__pwned=22</script>', url: 'javascript:window.__pwned=23', snippet: '𠀀x𠀁y',
          highlights: { title: [[1, 3], [2, 6], [9, 2], [-5, 4], [0, 1e12], 'x', [null, 3]], snippet: [[0, 1], [3, 5]] },
          domain_label: 42, region_name: { evil: 1 }, publisher: ['<b>x</b>'], published_at: '2026-03-18T08:00:00+08:00' },
        { id: 'b', title: '', url: 'https://example.gov.cn/" onmouseover="window.__pwned=24' },
        { id: 'c', title: null, url: 'data:text/html,<script>window.__pwned=25</script>' },
        'not an object', null, 7,
      ],
      facets: { domain: [{ value: 'x"><img src=x onerror=window.__pwned=26>', label: '<img src=x onerror=window.__pwned=27>', count: 'NaN' }], region: 'bad', year: [null, { value: 2026, count: 1e300 }] },
    }) },
  ];
  let i = 0;
  await page.route('**/v1/search?*', (route) => {
    const a = answers[Math.min(i++, answers.length - 1)];
    route.fulfill({ status: a.status, contentType: a.contentType || 'application/json; charset=utf-8', headers: { 'access-control-allow-origin': '*' }, body: a.body });
  });
  await openHostPage(page, 'bad-edge.html', pageHtml('mobile.html'));
  const w = widget(page);
  await ready(w);
  const msgs = [];
  for (const q of ['南京', '南京市', '南京市公']) {
    await w.input.fill(q);
    await w.alert.waitFor({ state: 'visible' });
    msgs.push((await w.alert.textContent()).trim());
    await w.input.fill('');
    await w.alert.waitFor({ state: 'hidden' });
  }
  assert.match(msgs[0], /无法识别/);
  assert.match(msgs[1], /无法识别/);
  assert.match(msgs[2], /HTTP 503/);
  await w.results(() => w.input.fill('南京市公租房'));
  assert.equal(await w.hits.count(), 3, 'the three object hits are shown; the rest skipped');
  assert.deepEqual(await injected(w), []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // In the hits (the widget's own subscribe link is beside them, to the edge).
  assert.equal(await w.hits.locator('a').count(), 1, 'only the https link is a link');
  assert.equal(await w.hits.locator('a').getAttribute('href'), 'https://example.gov.cn/%22%20onmouseover=%22window.__pwned=24');
  const title0 = await w.hits.first().locator('h3').textContent();
  assert.ok(title0.startsWith('𠀀𠀁南京<script>'), title0);
  assert.ok(await w.host.locator('.gk-notice').textContent().then((t) => t.includes('<img src=x onerror=window.__pwned=21>')));
  // Still works afterwards: the real edge answers again.
  await page.unroute('**/v1/search?*');
  const d = await typeAndWait(w, '公租房');
  assert.ok(d.total > 0);
  page.problems = page.problems.filter((p) => !/status of 503/.test(p));
  assertClean(page);
});
