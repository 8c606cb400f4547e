// Keyboard-only operation: Tab into the box, type, arrows through suggestions and results,
// Enter, Escape; the modal widget with "/" and Ctrl+K; the large-text and contrast toggles.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, widget, ready, assertClean } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { await page?.context().close(); });

/** Description of the focused element, looking into shadow roots. */
function focused() {
  return page.evaluate(() => {
    let el = document.activeElement;
    let host = null;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      host = el;
      el = el.shadowRoot.activeElement;
    }
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), cls: el.className, text: (el.textContent || '').trim().slice(0, 60),
      host: host ? (host.closest('main') ? 'main' : host.closest('aside') ? 'aside' : host.closest('header') ? 'header' : 'other') : null,
      outline: parseFloat(cs.outlineWidth) || 0, outlineStyle: cs.outlineStyle,
      activedescendant: el.getAttribute('aria-activedescendant'),
      value: el.value,
    };
  });
}

async function openDemo() {
  page = await newPage(browser);
  // Result links point at government sites: answer them locally (no outside network).
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) =>
    r.fulfill({ contentType: 'text/html; charset=utf-8', body: '<title>原文</title><p>原文页面</p>' }));
  await page.goto(`${BASE}/`);
  const main = widget(page, '#main [data-gongkai]');
  await ready(main);
  return main;
}

test('keyboard only: Tab in, type, arrows through suggestions and results, Enter, Escape', async () => {
  const main = await openDemo();
  let f;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f.host === 'main' && f.cls.includes('gk-input')) break;
  }
  assert.ok(f.cls.includes('gk-input'), `Tab reached the search box: ${JSON.stringify(f)}`);
  assert.ok(f.outline >= 2 && f.outlineStyle !== 'none', `focus is visible: ${JSON.stringify(f)}`);

  await main.results(() => page.keyboard.type('gongzufang', { delay: 40 }));
  await main.options.first().waitFor();
  const nOptions = await main.options.count();
  assert.ok(nOptions > 0);
  // ArrowDown walks the suggestions (aria-activedescendant), focus stays in the box.
  await page.keyboard.press('ArrowDown');
  f = await focused();
  assert.ok(f.cls.includes('gk-input'));
  assert.equal(f.activedescendant, await main.options.first().getAttribute('id'));
  assert.equal(await main.options.first().getAttribute('aria-selected'), 'true');
  for (let i = 1; i < nOptions; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await main.options.last().getAttribute('aria-selected'), 'true');
  // Past the last suggestion: into the results.
  await page.keyboard.press('ArrowDown');
  f = await focused();
  assert.equal(f.tag, 'a', JSON.stringify(f));
  assert.equal(f.text, (await main.hits.first().locator('h3').textContent()).trim() );
  assert.ok(f.outline >= 2, 'focused result link shows a focus ring');
  await page.keyboard.press('ArrowDown');
  f = await focused();
  assert.equal(f.text, (await main.hits.nth(1).locator('h3').textContent()).trim());
  // Enter opens the result (in a new tab).
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
  assert.match(popup.url(), /^https?:\/\//);
  await popup.close();
  // ArrowUp back to the box, Escape clears it.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  f = await focused();
  assert.ok(f.cls.includes('gk-input'), JSON.stringify(f));
  await page.keyboard.press('Escape');
  f = await focused();
  if (f.value) await page.keyboard.press('Escape'); // first Escape closed the suggestions
  assert.equal(await main.input.inputValue(), '');
  assertClean(page);
});

test('keyboard only: Enter on an active suggestion searches it; Escape closes the list', async () => {
  const main = await openDemo();
  await main.input.focus();
  await page.keyboard.type('gong', { delay: 40 });
  await main.options.first().waitFor();
  await page.keyboard.press('ArrowDown');
  const text = (await main.options.first().textContent()).trim();
  const d = await main.results(() => page.keyboard.press('Enter'));
  assert.equal(d.query, text);
  assert.equal(await main.input.inputValue(), text);
  assert.ok(await main.listbox.isHidden());
  await page.keyboard.type('g');
  await main.options.first().waitFor({ timeout: 3000 }).catch(() => {});
  if (await main.listbox.isVisible()) {
    await page.keyboard.press('Escape');
    assert.ok(await main.listbox.isHidden());
    assert.equal(await main.input.getAttribute('aria-expanded'), 'false');
    assert.ok((await main.input.inputValue()).length > 0, 'the first Escape only closes the list');
  }
  assertClean(page);
});

test('modal: "/" and Ctrl+K open the dialog, Escape closes it and focus returns', async () => {
  await openDemo();
  const modal = widget(page, 'header [data-gongkai]');
  const dialog = modal.host.locator('dialog');
  const opener = modal.host.locator('.gk-open');
  assert.equal(await opener.getAttribute('aria-haspopup'), 'dialog');
  await page.locator('h1').click();
  await page.keyboard.press('/');
  await dialog.waitFor({ state: 'visible' });
  let f = await focused();
  assert.equal(f.host, 'header');
  assert.ok(f.cls.includes('gk-input'), 'focus moves into the dialog');
  assert.equal(await modal.input.inputValue(), '', '"/" opened the dialog without typing itself');
  const d = await modal.results(() => page.keyboard.type('政府采购', { delay: 30 }));
  assert.ok(d.total > 0);
  assert.ok((await modal.hits.count()) > 0);
  // Escape with suggestions open closes only the suggestions.
  if (await modal.listbox.isVisible()) {
    await page.keyboard.press('Escape');
    assert.ok(await dialog.isVisible(), 'dialog stays open');
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  for (let i = 0; i < 20 && !(f = await focused()).cls.includes('gk-open'); i++) await page.waitForTimeout(50);
  assert.ok(f.cls.includes('gk-open'), `focus returns to the opener: ${JSON.stringify(f)}`);
  // Ctrl+K opens it again, with the previous search kept.
  await page.keyboard.press('Control+k');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await modal.input.inputValue(), '政府采购');
  // Tab never reaches the page behind the modal dialog (it is inert); as with every native
  // <dialog>, focus may pass through the browser's own UI (document.body) and comes back.
  let inDialog = 0;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    assert.ok(f.host === 'header' || f.tag === 'body', `Tab ${i} reached the page behind: ${JSON.stringify(f)}`);
    if (f.host === 'header') inDialog++;
  }
  assert.ok(inDialog >= 30, `${inDialog} of 40 Tab stops in the dialog`);
  await modal.host.getByRole('button', { name: '关闭搜索' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assertClean(page);
});

test('"/" typed in another search box types a slash instead of opening the dialog', async () => {
  const main = await openDemo();
  await main.input.focus();
  await page.keyboard.type('苏/锡', { delay: 30 });
  assert.equal(await main.input.inputValue(), '苏/锡');
  assert.ok(await widget(page, 'header [data-gongkai]').host.locator('dialog').isHidden());
  assertClean(page);
});

test('large text and high contrast toggles by keyboard', async () => {
  const main = await openDemo();
  const root = main.host.locator('.gk');
  const size = () => root.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await main.host.getByRole('button', { name: '大字' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await main.host.getByRole('button', { name: '大字' }).getAttribute('aria-pressed'), 'true');
  const after = await size();
  assert.ok(after >= before * 1.25, `${before}px → ${after}px`);
  await main.host.getByRole('button', { name: '高对比度' }).focus();
  await page.keyboard.press('Space');
  const colors = await root.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  assert.deepEqual(colors, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  // The choice is remembered on this site.
  await page.reload();
  await ready(main);
  assert.equal(await main.host.getByRole('button', { name: '大字' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await main.host.getByRole('button', { name: '高对比度' }).getAttribute('aria-pressed'), 'true');
  assertClean(page);
});
