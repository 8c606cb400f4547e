// The size budget, as served: widget.js + wasm-bindgen JS + wasm ≤ 60 KB gzip (61,440 bytes),
// with the right content types for the browser's streaming wasm compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { BASE } from './lib.mjs';

const BUDGET = 60 * 1024;

test('widget.js + glue + wasm fit in 60 KB gzip and are served with the right types', async () => {
  const loader = await fetch(`${BASE}/widget.js`);
  assert.equal(loader.status, 200);
  assert.match(loader.headers.get('content-type'), /^(text|application)\/javascript/);
  const loaderText = await loader.text();
  const version = loaderText.match(/gongkai_widget\.js\?v=/) && loaderText.match(/"([0-9a-f]{12})"|'([0-9a-f]{12})'/);
  assert.ok(version, 'the loader pins the build version of glue and wasm');
  const glue = await fetch(`${BASE}/gongkai_widget.js`);
  assert.match(glue.headers.get('content-type'), /javascript/);
  const wasm = await fetch(`${BASE}/gongkai_widget_bg.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const files = {
    'widget.js': Buffer.from(loaderText),
    'gongkai_widget.js': Buffer.from(await glue.arrayBuffer()),
    'gongkai_widget_bg.wasm': Buffer.from(await wasm.arrayBuffer()),
  };
  let total = 0;
  for (const [name, body] of Object.entries(files)) {
    const gz = gzipSync(body, { level: 9 }).length;
    total += gz;
    console.log(`# ${name}: ${body.length} bytes, ${gz} gzip`);
  }
  console.log(`# total: ${total} bytes gzip (budget ${BUDGET})`);
  assert.ok(total <= BUDGET, `${total} > ${BUDGET} bytes gzip`);
  assert.ok(files['widget.js'].length < 3000, 'the loader stays tiny');
  assert.ok(WebAssembly.validate(files['gongkai_widget_bg.wasm']), 'valid wasm');
});
