// Renders a JSONL corpus (Gongkai records, shared/CONTRACT.md §1) as one static HTML page per
// record, the way a portal publishes its notices, for Pagefind to index:
//   node scripts/pagefind/render.mjs <records.jsonl> <site-dir>
// Each page: <html lang="zh-CN"> (Pagefind picks its Chinese segmentation from it), the title
// as <h1>, publisher and date, the body's paragraphs, all inside data-pagefind-body; the domain
// as a Pagefind filter (Gongkai's `domain` facet). Streams the corpus; prints the page count.
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const [input, site] = process.argv.slice(2);
if (!input || !site) {
  console.error('usage: node scripts/pagefind/render.mjs <records.jsonl> <site-dir>');
  process.exit(2);
}
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// A file name for any id: letters, digits, `-` and `_` kept, everything else as _XX hex.
const fileName = (id) => String(id).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0).toString(16)}`);

const dir = join(site, 'r');
mkdirSync(dir, { recursive: true });
let pages = 0;
let line = 0;
for await (const text of createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity })) {
  line++;
  if (!text.trim()) continue;
  let r;
  try {
    r = JSON.parse(text);
  } catch (e) {
    console.error(`${input}:${line}: not JSON (${e.message}); skipped`);
    continue;
  }
  const paragraphs = String(r.body ?? '').split(/\n+/).filter((p) => p.trim()).map((p) => `<p>${esc(p)}</p>`).join('\n');
  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${esc(r.title)}</title></head>
<body>
<main data-pagefind-body>
<h1>${esc(r.title)}</h1>
<p class="meta"><span>${esc(r.publisher)}</span> <time>${esc(r.published_at)}</time> <span data-pagefind-filter="domain">${esc(r.domain)}</span></p>
${paragraphs}
</main>
</body>
</html>
`;
  writeFileSync(join(dir, `${fileName(r.id)}.html`), html);
  pages++;
}
console.log(`rendered ${pages} pages into ${dir}`);
