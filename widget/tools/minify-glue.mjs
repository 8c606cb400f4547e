// Shrinks the wasm-bindgen JS glue after `wasm-opt --minify-imports-and-exports-and-modules`:
// renames the import/export names in the glue to the minified ones wasm-opt printed (the
// hashed names like `__wbg_setAttribute_f75317b2b5cabfb4` do not compress), then minifies
// the JS with terser.
//   node widget/tools/minify-glue.mjs <map.json from wasm-opt> <glue.js in> <glue.js out>
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

const [mapPath, inPath, outPath] = process.argv.slice(2);
const raw = readFileSync(mapPath, 'utf8');
const map = JSON.parse(raw.slice(raw.indexOf('{')));
let js = readFileSync(inPath, 'utf8');

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let modules = new Set();
for (const [module, name, short] of map.imports) {
  modules.add(module);
  const re = new RegExp(`(^|[\\s{,])${esc(name)}(\\s*:)`, 'gm');
  const before = js;
  js = js.replace(re, `$1${JSON.stringify(short)}$2`);
  if (js === before) throw new Error(`import ${name} not found in the glue`);
}
for (const module of modules) {
  const q = JSON.stringify(module);
  if (!js.includes(q)) throw new Error(`import module ${module} not found in the glue`);
  js = js.split(q).join('"a"');
}
for (const [name, short] of map.exports) {
  js = js.replace(new RegExp(`\\bwasm\\.${esc(name)}\\b`, 'g'), `wasm[${JSON.stringify(short)}]`);
}
const leftover = js.match(/\bwasm\.(?!(?:[A-Za-z$]{1,3})\b)[A-Za-z_$][\w$]*/);
if (leftover) throw new Error(`unmapped export reference: ${leftover[0]}`);

const out = await minify(js, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
writeFileSync(outPath, out.code);
