"""Writes the seed corpora of the fuzz targets from the repository's realistic data: the
relevance queries (tests/relevance/queries.json), the builder fixtures (tests/fixtures) and the
real published notices (/work/shared/data/real-notices, when present). Run from the repository
root: python3 fuzz/seeds/make_seeds.py. The output is committed; rerun only to refresh it."""
import csv, hashlib, html, io, json, os, random, urllib.parse

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "fuzz", "seeds")
REAL = "/work/shared/data/real-notices"
FIELDS = ["id", "title", "body", "domain", "catalog_item", "region_code", "publisher", "source", "url",
          "published_at", "formed_at", "project_code", "amount_yuan", "entities"]


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def records():
    out = []
    for line in open(os.path.join(ROOT, "tests/fixtures/mixed.jsonl"), encoding="utf-8"):
        put("record_json", line.strip())  # the invalid lines too: they are seeds as they are
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    path = os.path.join(REAL, "records.jsonl")
    if os.path.exists(path):
        real = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        random.Random(7).shuffle(real)
        for r in real[:30]:
            r["body"] = r.get("body", "")[:500]
            out.append(r)
    return out


queries = [q["q"] for q in json.load(open(os.path.join(ROOT, "tests/relevance/queries.json"), encoding="utf-8"))]
for q in queries:
    put("query_q", q)
rng = random.Random(13)
params = ["size=5", "size=50", "page=2", "page=100", "sort=date", "sort=relevance", "domain=land",
          "domain=procurement", "region=320500", "region=320115", "catalog=T09", "from=2026-01-01",
          "to=2026-06-30", "size=0", "page=101", "region=999999", "from=2026-13-01", "domain=x"]
for q in queries:
    extra = rng.sample(params, rng.randint(0, 3))
    put("query_string", "&".join(["q=" + urllib.parse.quote(q)] + extra))
for p in params:
    put("query_string", p)

recs = records()
for r in recs:
    put("record_json", json.dumps(r, ensure_ascii=False))

put("csv", open(os.path.join(ROOT, "tests/fixtures/records.csv"), encoding="utf-8").read())
for chunk in range(0, min(len(recs), 30), 5):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(FIELDS)
    for r in recs[chunk:chunk + 5]:
        row = []
        for f in FIELDS:
            v = r.get(f, "")
            row.append(";".join(v) if isinstance(v, list) else ("" if v is None else str(v)))
        w.writerow(row)
    put("csv", buf.getvalue())

put("html", open(os.path.join(ROOT, "tests/fixtures/html/notice.html"), encoding="utf-8").read())
containers = ['<div class="TRS_Editor">{}</div>', '<div id="zoom">{}</div>', "<article>{}</article>",
              '<div class="article-content">{}</div>', "<main>{}</main>", "{}"]
for i, r in enumerate(recs[:24]):
    metas = []
    for f in ["domain", "catalog_item", "region_code", "project_code", "amount_yuan"]:
        if r.get(f) is not None:
            metas.append('<meta name="gongkai:{}" content="{}">'.format(f, html.escape(str(r[f]))))
    if r.get("entities"):
        metas.append('<meta name="gongkai:entities" content="{}">'.format(html.escape(";".join(r["entities"]))))
    if r.get("published_at"):
        metas.append('<meta name="PubDate" content="{} 09:30">'.format(r["published_at"]))
    title = html.escape(r.get("title", ""))
    head = ('<meta name="ArticleTitle" content="{}">'.format(title) if i % 2 else "") + "".join(metas)
    body = "".join("<p>{}</p>".format(html.escape(p)) for p in r.get("body", "").split("\n") if p)
    page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title>{h}"
            "<script>var s = '<p>不是正文</p>';</script><style>p{{color:red}}</style></head>"
            "<body><h1>{t}</h1>{c}</body></html>").format(t=title, h=head, c=containers[i % len(containers)].format(body))
    put("html", page)
if os.path.isdir(os.path.join(REAL, "html")):
    for name in sorted(os.listdir(os.path.join(REAL, "html"))):
        data = open(os.path.join(REAL, "html", name), "rb").read()
        if len(data) <= 32 * 1024:
            put("html", data)
