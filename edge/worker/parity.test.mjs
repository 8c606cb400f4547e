// The Worker (workerd) answers exactly as edge-serve: same status, same JSON bytes, same cache
// and CORS headers. Run by edge/worker/test.sh, which starts the servers and sets:
//   NATIVE_URL   edge-serve on the index, with --allow-origins $ORIGINS
//   WORKER_URL   the Worker on the same index from static assets, ALLOWED_ORIGINS=$ORIGINS
//   R2_URL       the Worker on the same index from local R2, every origin allowed, checks
//                manifest.json every second
//   NATIVE_B_URL edge-serve on a second index ($INDEX_B), switched to over R2 at the end
//   WORKERD_URL  the Worker in bare workerd (workerd.sh) from static assets through workerd's
//                disk service, ALLOWED_ORIGINS=$ORIGINS, SHARD_CACHE_MB=1 (the smallest cache),
//                reading the index lazily (INDEX_READ=lazy, INDEX_CACHE_MB=1)
//   R2_STATE     wrangler's local state directory of the R2 Worker
//   WORKER_ASSETS the static assets folder the assets Worker serves
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ERRORS, FEEDS, PLATFORM, SEARCHES, SUGGESTS } from "./queries.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const env = (k) => {
  if (!process.env[k]) throw new Error(`${k} is not set: run edge/worker/test.sh`);
  return process.env[k];
};
const NATIVE = env("NATIVE_URL");
const WORKER = env("WORKER_URL");
const R2 = env("R2_URL");
const WORKERD = env("WORKERD_URL");
const NATIVE_B = env("NATIVE_B_URL");
const ORIGINS = env("ORIGINS").split(",");
const INDEX_B = env("INDEX_B");
const R2_STATE = env("R2_STATE");

const enc = (q) => q.split("&").map((kv) => kv.split("=").map(encodeURIComponent).join("=")).join("&");

async function get(base, path, init = {}) {
  const r = await fetch(base + path, { redirect: "manual", ...init });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, text: body.toString("utf8") };
}

// The headers that must agree between the two runtimes.
const COMPARED = ["content-type", "x-content-type-options", "cache-control", "etag", "access-control-allow-origin", "vary",
  "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age"];

function assertSame(w, n, what) {
  assert.equal(w.status, n.status, `${what}: status`);
  for (const h of COMPARED) assert.equal(w.headers.get(h), n.headers.get(h), `${what}: header ${h}`);
  assert.equal(w.text, n.text, `${what}: body`);
}

async function parity(path, init = {}, base = WORKER) {
  const [w, n] = await Promise.all([get(base, path, init), get(NATIVE, path, init)]);
  assertSame(w, n, path);
  return { w, n };
}

function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: status`);
  assert.match(r.headers.get("content-type") ?? "", /^application\/json/, `${what}: content-type`);
  const j = JSON.parse(r.text);
  assert.equal(typeof j.error?.code, "string", `${what}: error.code`);
  assert.equal(typeof j.error?.message, "string", `${what}: error.message`);
}

async function stats(base) {
  return JSON.parse((await get(base, "/_worker/stats")).text);
}

test("cold isolate: concurrent first requests share one index load and answer like edge-serve", async () => {
  const before = await stats(WORKER);
  assert.equal(before.index_loaded, false, "the isolate must still be cold (test.sh only touched /_worker/stats)");
  const paths = SEARCHES.slice(0, 8).map((q) => "/v1/search?" + enc(q));
  const [ws, ns] = await Promise.all([
    Promise.all(paths.map((p) => get(WORKER, p))),
    Promise.all(paths.map((p) => get(NATIVE, p))),
  ]);
  paths.forEach((p, i) => assertSame(ws[i], ns[i], p));
  const after = await stats(WORKER);
  assert.equal(after.loads, 1, "one load for all concurrent cold requests");
});

test("/v1/meta", async () => {
  const { w } = await parity("/v1/meta");
  const meta = JSON.parse(w.text);
  assert.ok(meta.doc_count > 0);
  assert.match(meta.index_version, /^[0-9a-f]{16}$/);
});

test("/healthz", async () => {
  await parity("/healthz");
});

test("searches", async (t) => {
  for (const q of SEARCHES) {
    await t.test(q, async () => {
      const { w } = await parity("/v1/search?" + enc(q));
      assert.equal(w.status, 200);
    });
  }
});

test("suggestions", async (t) => {
  for (const q of SUGGESTS) {
    await t.test(q, async () => {
      const { w } = await parity("/v1/suggest?" + enc(q));
      assert.equal(w.status, 200);
    });
  }
});

test("documents and codes taken from real hits", async (t) => {
  const ids = new Set();
  const codes = new Set();
  for (const q of ["q=公告&size=20", "q=出让&size=10", "q=中标&size=10&page=2", "domain=medical&size=5"]) {
    const hits = JSON.parse((await get(NATIVE, "/v1/search?" + enc(q))).text).hits;
    for (const h of hits) {
      ids.add(h.id);
      if (h.project_code) codes.add(h.project_code);
    }
  }
  assert.ok(ids.size >= 20, "enough documents to compare");
  for (const id of ids) {
    await t.test(`/v1/doc/${id}`, async () => {
      const { w } = await parity("/v1/doc/" + encodeURIComponent(id));
      assert.equal(w.status, 200);
      assert.equal(JSON.parse(w.text).id, id);
    });
  }
  for (const code of [...codes].slice(0, 8)) {
    await t.test(`code ${code}`, async () => {
      const { w } = await parity("/v1/search?" + enc("q=" + code));
      assert.ok(JSON.parse(w.text).total >= 1, "the code finds its document");
    });
  }
});

test("platform: timeliness, catalog, feed, and the credit look-up and timelines of real parties", async (t) => {
  for (const path of PLATFORM) {
    await t.test(path, async () => {
      const { w } = await parity(encodeURI(path));
      assert.equal(w.status, 200);
    });
  }
  for (const path of FEEDS) {
    await t.test(path, async () => {
      const [w, n] = await Promise.all([get(WORKER, encodeURI(path)), get(NATIVE, encodeURI(path))]);
      assert.equal(w.status, 200);
      assert.equal(w.status, n.status);
      assert.equal(w.headers.get("content-type"), n.headers.get("content-type"));
      const strip = (r, base) => r.text.split(base).join("BASE").split(base.replace(/[:/]/g, (c) => encodeURIComponent(c))).join("BASE");
      assert.equal(strip(w, WORKER), strip(n, NATIVE), path);
    });
  }
  // Parties and projects named by real hits: listed companies, winners, candidates.
  const names = new Set();
  const codes = new Set();
  for (const q of ["q=黑名单&size=20", "q=严重违法失信&size=20", "q=中标结果&size=20", "q=行政处罚&size=10"]) {
    for (const h of JSON.parse((await get(NATIVE, "/v1/search?" + enc(q))).text).hits) {
      for (const e of h.entities ?? []) if (e.endsWith("公司")) names.add(e);
      if (h.timeline) codes.add(h.timeline.project_code);
    }
  }
  assert.ok(names.size >= 10, `enough parties to compare (${names.size})`);
  let listed = 0;
  for (const name of [...names].slice(0, 25)) {
    await t.test(`/v1/entity ${name}`, async () => {
      const { w } = await parity("/v1/entity?" + enc(`name=${name}&size=50`));
      const body = JSON.parse(w.text);
      assert.ok(body.total >= 1, "the party finds its records");
      if (body.summary.blacklisted) {
        listed += 1;
        assert.ok(body.summary.blacklisted_by, "a listing says who listed the party");
      }
      // Without the suffix, and a second page.
      await parity("/v1/entity?" + enc(`name=${name.replace(/(股份)?有限公司$/, "")}`));
      await parity("/v1/entity?" + enc(`name=${name}&size=2&page=2`));
    });
  }
  assert.ok(listed >= 1, "at least one party is on a blacklist now");
  assert.ok(codes.size >= 3, "projects with timelines");
  for (const code of [...codes].slice(0, 8)) {
    await t.test(`/v1/project/${code}`, async () => {
      const { w } = await parity("/v1/project/" + encodeURIComponent(code));
      assert.ok(JSON.parse(w.text).records.length >= 2);
    });
  }
});

test("errors are the same JSON", async (t) => {
  for (const e of ERRORS) {
    await t.test(`${e.path.slice(0, 60)} → ${e.status}`, async () => {
      const { w } = await parity(e.raw ? e.path : e.path.split("?").map((s, i) => (i ? enc(s) : s)).join("?"));
      if (e.status === 200) assert.equal(w.status, 200);
      else assertJsonError(w, e.status, e.path);
    });
  }
  await t.test("POST → 405", async () => {
    const { w } = await parity("/v1/search?q=x", { method: "POST", body: "x" });
    assertJsonError(w, 405, "POST");
  });
  await t.test("the bundle is not served", async () => {
    for (const p of ["/_index/manifest.json", "/_index/lexicon.json", "/_index/docs/docs-0000.bin"]) {
      assertJsonError(await get(WORKER, p), 404, p);
    }
  });
});

test("widget files and the demo page are served from static assets", async (t) => {
  // What stage-assets.sh copied from dist/widget (compared with that copy: another make widget
  // may rewrite dist/widget while the test runs).
  const staged = env("WORKER_ASSETS");
  const names = readdirSync(staged).filter((n) => !n.startsWith(".") && n !== "index.html" && statSync(join(staged, n)).isFile());
  if (!names.includes("widget.js")) {
    t.skip("dist/widget is not built (make widget)");
    return;
  }
  for (const name of names) {
    await t.test("/" + name, async () => {
      const w = await get(WORKER, "/" + name);
      assert.equal(w.status, 200);
      assert.ok(w.body.equals(readFileSync(join(staged, name))), "same bytes as dist/widget/" + name);
      if (name.endsWith(".wasm")) assert.equal(w.headers.get("content-type"), "application/wasm");
      if (name.endsWith(".js")) assert.match(w.headers.get("content-type"), /javascript/);
    });
  }
  await t.test("/ (demo page)", async () => {
    const [w, n] = await Promise.all([get(WORKER, "/"), get(NATIVE, "/")]);
    assert.equal(w.status, n.status);
    if (n.status === 200) assert.equal(w.text, n.text);
  });
});

test("a Rust panic answers JSON, and the next request works", async () => {
  const r = await get(WORKER, "/_worker/panic", { headers: { Origin: ORIGINS[0] } });
  assertJsonError(r, 500, "panic");
  assert.equal(JSON.parse(r.text).error.code, "internal");
  assert.equal(r.headers.get("access-control-allow-origin"), ORIGINS[0]);
  await parity("/v1/search?" + enc("q=公租房"));
  await parity("/v1/meta");
});

test("HEAD: headers without a body", async () => {
  const { w } = await parity("/v1/meta", { method: "HEAD" });
  assert.equal(w.status, 200);
  assert.equal(w.body.length, 0);
});

test("CORS with an allow-list", async (t) => {
  const path = "/v1/search?" + enc("q=公租房");
  await t.test("allowed origin is echoed", async () => {
    const { w } = await parity(path, { headers: { Origin: ORIGINS[1] } });
    assert.equal(w.headers.get("access-control-allow-origin"), ORIGINS[1]);
    assert.equal(w.headers.get("vary"), "Origin");
  });
  await t.test("other origin gets no CORS header", async () => {
    const { w } = await parity(path, { headers: { Origin: "https://evil.example" } });
    assert.equal(w.headers.get("access-control-allow-origin"), null);
  });
  await t.test("preflight", async () => {
    const { w } = await parity(path, {
      method: "OPTIONS",
      headers: { Origin: ORIGINS[0], "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    assert.equal(w.status, 204);
    assert.equal(w.headers.get("access-control-allow-origin"), ORIGINS[0]);
    assert.match(w.headers.get("access-control-allow-methods"), /GET/);
  });
  await t.test("errors carry CORS too", async () => {
    const { w } = await parity("/v1/search?size=0&q=x", { headers: { Origin: ORIGINS[0] } });
    assert.equal(w.status, 400);
    assert.equal(w.headers.get("access-control-allow-origin"), ORIGINS[0]);
  });
});

test("ETag tied to the index version, 304 on If-None-Match", async (t) => {
  const version = JSON.parse((await get(NATIVE, "/v1/meta")).text).index_version;
  for (const path of ["/v1/search?" + enc("q=苏州 卖地"), "/v1/meta", "/v1/suggest?q=gong"]) {
    await t.test(path, async () => {
      const { w } = await parity(path);
      const etag = w.headers.get("etag");
      assert.equal(etag, `W/"${version}"`);
      assert.match(w.headers.get("cache-control"), /max-age/);
      const again = await parity(path, { headers: { "If-None-Match": etag } });
      assert.equal(again.w.status, 304);
      assert.equal(again.w.body.length, 0);
      const stale = await parity(path, { headers: { "If-None-Match": 'W/"0000000000000000"' } });
      assert.equal(stale.w.status, 200);
    });
  }
});

test("bare workerd answers the same, reading the index lazily, with the smallest caches", async (t) => {
  // Cold, several requests at once, then every search (pages of up to 50 hits, each needing
  // more shards than a 1 MiB cache holds), suggestions, errors, CORS and the widget.
  assert.equal((await stats(WORKERD)).index_loaded, false, "cold before the first request");
  const paths = SEARCHES.slice(0, 6).map((q) => "/v1/search?" + enc(q));
  const [ws, ns] = await Promise.all([
    Promise.all(paths.map((p) => get(WORKERD, p))),
    Promise.all(paths.map((p) => get(NATIVE, p))),
  ]);
  paths.forEach((p, i) => assertSame(ws[i], ns[i], p));
  assert.equal((await stats(WORKERD)).loads, 1, "one load for all concurrent cold requests");
  for (const q of SEARCHES) {
    await t.test(q, async () => {
      const { w } = await parity("/v1/search?" + enc(q), {}, WORKERD);
      assert.equal(w.status, 200);
    });
  }
  for (const q of SUGGESTS) await parity("/v1/suggest?" + enc(q), {}, WORKERD);
  for (const e of ERRORS) await parity(e.path.split("?").map((s, i) => (i ? enc(s) : s)).join("?"), {}, WORKERD);
  await t.test("CORS allow-list", async () => {
    await parity("/v1/search?q=" + encodeURIComponent("政采"), { headers: { Origin: ORIGINS[0] } }, WORKERD);
    await parity("/v1/search?q=" + encodeURIComponent("政采"), { headers: { Origin: "https://evil.example" } }, WORKERD);
  });
  await t.test("the bundle is not served; the demo page is", async () => {
    assertJsonError(await get(WORKERD, "/_index/manifest.json"), 404, "/_index/manifest.json");
    const [w, n] = await Promise.all([get(WORKERD, "/"), get(NATIVE, "/")]);
    assert.equal(w.status, n.status);
    if (n.status === 200) assert.equal(w.text, n.text);
  });
});

// The R2 Worker runs with ALLOWED_ORIGINS=* (every origin, as edge-serve --allow-origins "*";
// both parsed by edge::config).
test("R2 source answers the same, ALLOWED_ORIGINS=* allows every origin", async (t) => {
  for (const q of ["q=公租房", "q=江宁区 中标候选人", "domain=land&region=320500&sort=date", "q=gongzufang&page=2"]) {
    await t.test(q, async () => {
      const path = "/v1/search?" + enc(q);
      const [w, n] = await Promise.all([get(R2, path, { headers: { Origin: "https://any.example" } }), get(NATIVE, path)]);
      assert.equal(w.status, n.status);
      assert.equal(w.text, n.text);
      assert.equal(w.headers.get("etag"), n.headers.get("etag"));
      assert.equal(w.headers.get("access-control-allow-origin"), "*");
    });
  }
  await t.test("/v1/meta", async () => {
    const [w, n] = await Promise.all([get(R2, "/v1/meta"), get(NATIVE, "/v1/meta")]);
    assert.equal(w.text, n.text);
  });
});

const wrangler = join(HERE, "node_modules", ".bin", "wrangler");
const putR2 = (file, key) =>
  execFileSync(wrangler, ["r2", "object", "put", `gongkai-index/${key}`, "--file", file, "--local", "--persist-to", R2_STATE], {
    cwd: HERE, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function metaVersion(base) {
  return JSON.parse((await get(base, "/v1/meta")).text).index_version;
}

test("a new index version in R2 is picked up without redeploying; a broken one is not", { timeout: 180_000 }, async (t) => {
  const versionA = await metaVersion(R2);
  const versionB = await metaVersion(NATIVE_B);
  assert.notEqual(versionA, versionB);

  await t.test("a manifest whose files are missing is refused; the old index keeps answering", async () => {
    putR2(join(INDEX_B, "manifest.json"), "_index/manifest.json");
    let s = {};
    for (let i = 0; i < 40 && !s.last_check_error; i++) {
      await sleep(500);
      await get(R2, "/v1/search?" + enc("q=公租房"));
      s = await stats(R2);
    }
    assert.match(s.last_check_error ?? "", /sha256|missing|corrupt|HTTP|does not exist/i, "the check reports why");
    assert.equal(await metaVersion(R2), versionA);
    const [w, n] = await Promise.all([get(R2, "/v1/search?" + enc("q=苏州")), get(NATIVE, "/v1/search?" + enc("q=苏州"))]);
    assert.equal(w.text, n.text);
  });

  await t.test("the whole new bundle (manifest last) is switched to", async () => {
    execFileSync("bash", [join(HERE, "upload-r2.sh"), INDEX_B, "--local", "--persist-to", R2_STATE], { stdio: "pipe" });
    let version = versionA;
    for (let i = 0; i < 60 && version !== versionB; i++) {
      await sleep(500);
      version = await metaVersion(R2);
    }
    assert.equal(version, versionB);
    for (const q of ["q=公租房", "q=政采&sort=date", "region=320100"]) {
      const path = "/v1/search?" + enc(q);
      const [w, n] = await Promise.all([get(R2, path), get(NATIVE_B, path)]);
      assert.equal(w.text, n.text, q);
      assert.equal(w.headers.get("etag"), `W/"${versionB}"`);
    }
  });
});
