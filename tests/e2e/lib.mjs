// Shared helpers of the browser end-to-end tests (run them with tests/e2e/run.sh, which
// starts edge-serve and sets GK_BASE / GK_XSS_BASE).
import { launch, CHROMIUM_ARGS } from './lib-browser.mjs';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import http from 'node:http';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const SHOTS = path.join(ROOT, 'docs/screenshots');

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests with tests/e2e/run.sh`);
  return v.replace(/\/$/, '');
}
/** edge-serve with the sample index (5000 records). */
export const BASE = need('GK_BASE');
/** edge-serve with the sample index and `--match-budget 1000` (broad queries' totals are estimates). */
export const BUDGET_BASE = process.env.GK_BUDGET_BASE ? process.env.GK_BUDGET_BASE.replace(/\/$/, '') : '';
/** edge-serve with the XSS fixture index (tests/e2e/fixtures/xss.jsonl). */
export const XSS_BASE = process.env.GK_XSS_BASE ? process.env.GK_XSS_BASE.replace(/\/$/, '') : '';

export { launch, CHROMIUM_ARGS };

/** A new page that records console errors, page errors and dialogs (`page.problems`). */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.problems = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  if (process.env.GK_DEBUG) {
    page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
    page.on('request', (r) => console.log(`[request] ${decodeURIComponent(r.url())}`));
  }
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss().catch(() => {});
  });
  return page;
}

// Host pages (a government site embedding the widget) are served by a small server of
// this test process on another origin (http://localhost:<port>), so the widget is embedded
// cross-origin from the edge as on a real site: CORS, module import and all.
const hostPages = new Map();
let hostServer;
async function hostOrigin() {
  if (!hostServer) {
    hostServer = http.createServer((req, res) => {
      const p = hostPages.get(new URL(req.url, 'http://x').pathname);
      if (!p) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...p.headers }).end(p.html);
    });
    await new Promise((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
    hostServer.unref();
  }
  return `http://localhost:${hostServer.address().port}`;
}

/**
 * Serves `html` as the host page `/e2e/<name>` (with optional response headers, a CSP say)
 * and opens it in `page`. Returns its URL.
 */
export async function openHostPage(page, name, html, headers = {}) {
  hostPages.set(`/e2e/${name}`, { html, headers });
  const url = `${await hostOrigin()}/e2e/${name}`;
  await page.goto(url);
  return url;
}

/** A page from tests/e2e/pages with `{{BASE}}` replaced by the edge URL. */
export function pageHtml(file, vars = {}) {
  let html = readFileSync(path.join(HERE, 'pages', file), 'utf8');
  for (const [k, v] of Object.entries({ BASE, ...vars })) html = html.split(`{{${k}}}`).join(v);
  return html;
}

/** The widget in `hostSelector`; Playwright's CSS locators pierce its open shadow root. */
export function widget(page, hostSelector = '[data-gongkai]') {
  const host = page.locator(hostSelector).first();
  const w = {
    host,
    input: host.locator('.gk-input'),
    hits: host.locator('.gk-hit'),
    status: host.locator('.gk-status'),
    listbox: host.locator('[role=listbox]'),
    options: host.locator('[role=option]'),
    alert: host.locator('.gk-alert'),
    facet: (facet, value) => host.locator(`.gk-fv[data-f="${facet}"][data-v="${value}"]`),
    facetButtons: (facet) => host.locator(`.gk-fv[data-f="${facet}"]`),
    /** Runs `action` and returns the detail of the next `gongkai:results` event of this
     * widget (the listener is in place before the action starts). With `query`, waits for the
     * results of that query: a slow typist (or a loaded machine) sees results for a prefix of
     * what is being typed first, as a person would. */
    results: async (action, { timeout = 15000, query } = {}) => {
      await host.evaluate((el, [ms, query]) => {
        el.__gkNext = new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`no gongkai:results event${query === undefined ? '' : ` for "${query}"`} within ${ms} ms`)), ms);
          const on = (e) => {
            if (query !== undefined && e.detail.query !== query) return;
            el.removeEventListener('gongkai:results', on);
            clearTimeout(t);
            resolve(e.detail);
          };
          el.addEventListener('gongkai:results', on);
        });
      }, [timeout, query]);
      await action();
      return host.evaluate((el) => el.__gkNext);
    },
  };
  return w;
}

/** Waits until the widget is mounted (its shadow root has the search box). */
export async function ready(w) {
  await w.input.waitFor({ state: 'attached', timeout: 15000 });
}

/** Types like a person (key events, one character at a time) and waits for the results. */
export async function typeAndWait(w, text, { clear = true } = {}) {
  if (clear) await w.input.fill('');
  return w.results(() => w.input.pressSequentially(text, { delay: 40 }), { query: clear ? text.trim() : undefined });
}

/** Titles, dates… of the rendered hits. */
export async function hitTexts(w, selector = 'h3') {
  return w.hits.locator(selector).allTextContents();
}

/** Runs axe-core on the page (open shadow roots included) and returns the violations. */
export async function axe(page, options = {}) {
  const source = readFileSync(path.join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (opts) => {
    const r = await window.axe.run(document, { resultTypes: ['violations'], ...opts });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  }, options);
}

export function assertNoViolations(violations, what) {
  assert.deepEqual(violations, [], `${what}: axe-core violations:\n${JSON.stringify(violations, null, 2)}`);
}

export function screenshotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name);
}

/** Fails when the page logged errors or opened dialogs. */
export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'page errors / console errors');
  assert.deepEqual(page.dialogs, [], 'dialogs (alert/confirm) opened');
}
