//! Relevance evaluation: the graded query set in `tests/relevance/queries.json` run against
//! the sample corpus (5,000 records, seed 7) through the real `edge-serve`, scored with
//! nDCG@10 and the zero-result rate, per kind of query, beside a plain-jieba baseline built in
//! the same run (an in-memory tantivy index of title + body with plain jieba words and
//! tantivy's `QueryParser`, no synonyms, no pinyin, no bigrams).
//!
//! The judgements are written from what a user means by each query, as criteria over the
//! records' fields (see `tests/relevance/README.md`), so they stay valid when the corpus
//! generator changes; a query none of whose grade-2/3 criteria matches any record fails the
//! test, so the set cannot silently rot.
//!
//! Floors (the build fails below them): overall nDCG@10 ≥ [`FLOOR`], zero-result rate ≤
//! [`MAX_ZERO_RATE`], and Gongkai ≥ baseline + [`MIN_LEAD`]. The figures are written to
//! `build/relevance.json`.
//!
//! Run: `cargo test --release -p gongkai-tests --test relevance -- --nocapture`

use gongkai_core::regions;
use gongkai_tests::{encode, root, sample_index, EdgeServer};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// Overall nDCG@10 below which the build fails (about 0.05 below what the ranking achieves).
const FLOOR: f64 = 0.90;
/// Highest acceptable share of queries with no result at all.
const MAX_ZERO_RATE: f64 = 0.05;
/// How far Gongkai must stay ahead of the plain-jieba baseline, overall.
const MIN_LEAD: f64 = 0.15;
/// The cut-off of the metric.
const K: usize = 10;

/// Every kind of query the issue names; each must have at least [`MIN_PER_KIND`] queries.
const KINDS: &[&str] =
    &["place", "colloquial", "intent", "pinyin", "traditional", "typo", "entity", "code", "question", "mixed"];
const MIN_PER_KIND: usize = 8;

// ---------------------------------------------------------------------------------------
// The corpus and the judgements

/// The fields of a record the criteria look at.
struct Doc {
    id: String,
    title: String,
    body: String,
    domain: String,
    catalog: String,
    region: u32,
    project_code: String,
    published: String,
    entities: Vec<String>,
}

fn load_corpus(path: &std::path::Path) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let s = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("corpus line is JSON");
            Doc {
                id: s(&v, "id"),
                title: s(&v, "title"),
                body: s(&v, "body"),
                domain: s(&v, "domain"),
                catalog: s(&v, "catalog_item"),
                region: s(&v, "region_code").parse().unwrap_or(0),
                project_code: s(&v, "project_code"),
                published: s(&v, "published_at"),
                entities: v["entities"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// One query of the set.
struct Query {
    q: String,
    kind: String,
    note: String,
    /// (grade, criteria), every key of the criteria must hold.
    grades: Vec<(u32, Map<String, Value>)>,
}

fn load_queries() -> Vec<Query> {
    let path = root().join("tests/relevance/queries.json");
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list = v.as_array().or_else(|| v["queries"].as_array()).expect("queries.json holds an array of queries");
    list.iter()
        .map(|q| {
            let text = q["q"].as_str().expect("every query has `q`").to_string();
            let grades = q["grades"]
                .as_array()
                .unwrap_or_else(|| panic!("{text}: no `grades`"))
                .iter()
                .map(|g| {
                    let grade = g["grade"].as_u64().unwrap_or_else(|| panic!("{text}: grade without a number")) as u32;
                    assert!((1..=3).contains(&grade), "{text}: grade {grade} is not 1, 2 or 3");
                    let crit =
                        g["where"].as_object().unwrap_or_else(|| panic!("{text}: grade without `where`")).clone();
                    assert!(!crit.is_empty(), "{text}: empty `where`");
                    (grade, crit)
                })
                .collect();
            Query {
                q: text,
                kind: q["kind"].as_str().unwrap_or("").to_string(),
                note: q["note"].as_str().unwrap_or("").to_string(),
                grades,
            }
        })
        .collect()
}

/// A criterion value as a list of strings (a single string is a list of one).
fn strings(q: &str, key: &str, v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap_or_else(|| panic!("{q}: `{key}` holds a non-string")).to_string())
            .collect(),
        _ => panic!("{q}: `{key}` must be a string or a list of strings"),
    }
}

/// Whether a record satisfies every key of a criteria object.
fn matches(q: &str, doc: &Doc, crit: &Map<String, Value>) -> bool {
    crit.iter().all(|(key, v)| {
        let list = strings(q, key, v);
        match key.as_str() {
            "domain" => list.contains(&doc.domain),
            "region" => list.iter().any(|r| {
                let code: u32 = r.parse().unwrap_or_else(|_| panic!("{q}: region {r} is not a code"));
                assert!(regions::get(code).is_some(), "{q}: region {r} is not a Jiangsu division");
                regions::is_within(doc.region, code)
            }),
            "catalog" => list.contains(&doc.catalog),
            "title_any" => list.iter().any(|s| doc.title.contains(s.as_str())),
            "title_all" => list.iter().all(|s| doc.title.contains(s.as_str())),
            "text_any" => list.iter().any(|s| doc.title.contains(s.as_str()) || doc.body.contains(s.as_str())),
            "entity" => list.iter().any(|s| doc.entities.iter().any(|e| e == s)),
            "entity_contains" => list.iter().any(|s| doc.entities.iter().any(|e| e.contains(s.as_str()))),
            "project_code" => list.contains(&doc.project_code),
            "id" => list.contains(&doc.id),
            // An extension: the publication date starts with this (`2025`, `2025-03`).
            "published" => list.iter().any(|s| doc.published.starts_with(s.as_str())),
            other => panic!("{q}: unknown criterion `{other}`"),
        }
    })
}

/// The grade of a record for a query: the highest grade whose criteria it satisfies.
fn grade(query: &Query, doc: &Doc) -> u32 {
    query.grades.iter().filter(|(g, c)| matches(&query.q, doc, c) && *g > 0).map(|(g, _)| *g).max().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------
// The metric

/// nDCG@K of a ranked list of record ids against the corpus grades (ideal from the corpus).
fn ndcg(ranked: &[String], grades: &BTreeMap<String, u32>, ideal: &[u32]) -> f64 {
    let mut seen = HashSet::new();
    let got: Vec<u32> =
        ranked.iter().filter(|id| seen.insert(id.as_str())).map(|id| grades.get(id).copied().unwrap_or(0)).collect();
    gongkai_tests::ndcg_at(K, &got, ideal)
}

// ---------------------------------------------------------------------------------------
// The plain-jieba baseline

mod baseline {
    use super::Doc;
    use gongkai_core::analysis;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::QueryParser;
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value as _, STORED, STRING};
    use tantivy::{doc, Index, IndexReader, TantivyDocument};

    const PLAIN_JIEBA: &str = "plain_jieba";

    /// Plain jieba: the same dictionary, jieba's default cut with HMM, lower case — no
    /// traditional→simplified, no compound parts, no bigrams, no synonyms.
    fn plain_words(text: &str) -> Vec<String> {
        analysis::jieba()
            .cut(text, true)
            .into_iter()
            .map(|t| t.word.to_lowercase())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }

    fn plain_tokens(text: &str) -> Vec<tantivy::tokenizer::Token> {
        analysis::jieba()
            .cut(text, true)
            .into_iter()
            .filter(|t| t.word.chars().any(char::is_alphanumeric))
            .enumerate()
            .map(|(position, t)| tantivy::tokenizer::Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position,
                text: t.word.to_lowercase(),
                position_length: 1,
            })
            .collect()
    }

    #[derive(Clone)]
    struct PlainJieba;

    struct PlainStream(Vec<tantivy::tokenizer::Token>, usize);

    impl tantivy::tokenizer::TokenStream for PlainStream {
        fn advance(&mut self) -> bool {
            self.1 += 1;
            self.1 <= self.0.len()
        }
        fn token(&self) -> &tantivy::tokenizer::Token {
            &self.0[self.1 - 1]
        }
        fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
            &mut self.0[self.1 - 1]
        }
    }

    impl tantivy::tokenizer::Tokenizer for PlainJieba {
        type TokenStream<'a> = PlainStream;
        fn token_stream<'a>(&'a mut self, text: &'a str) -> PlainStream {
            PlainStream(plain_tokens(text), 0)
        }
    }

    /// An in-memory index of title + body with plain jieba words only.
    pub struct Baseline {
        index: Index,
        reader: IndexReader,
        id: tantivy::schema::Field,
        title: tantivy::schema::Field,
        body: tantivy::schema::Field,
    }

    /// How the query text reaches the `QueryParser`.
    #[derive(Clone, Copy)]
    pub enum Mode {
        /// The query text as typed (escaped): a CJK run of several words becomes a phrase.
        Raw,
        /// The query text segmented by the same jieba analyzer first, each word a separate
        /// OR-ed clause (a bag of words: what "plain jieba search" usually means).
        Words,
    }

    impl Baseline {
        pub fn build(docs: &[Doc]) -> Baseline {
            let mut sb = Schema::builder();
            let words = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(PLAIN_JIEBA)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            let id = sb.add_text_field("id", STRING | STORED);
            let title = sb.add_text_field("title", words.clone());
            let body = sb.add_text_field("body", words);
            let index = Index::create_in_ram(sb.build());
            index.tokenizers().register(PLAIN_JIEBA, PlainJieba);
            let mut writer = index.writer_with_num_threads(1, 100_000_000).expect("baseline writer");
            for d in docs {
                writer
                    .add_document(doc!(id => d.id.clone(), title => d.title.clone(), body => d.body.clone()))
                    .expect("baseline add");
            }
            writer.commit().expect("baseline commit");
            let reader = index.reader().expect("baseline reader");
            Baseline { index, reader, id, title, body }
        }

        /// (total, top ids).
        pub fn search(&self, q: &str, k: usize, mode: Mode) -> (usize, Vec<String>) {
            let parser = QueryParser::for_index(&self.index, vec![self.title, self.body]);
            let text = match mode {
                Mode::Raw => escape(q),
                Mode::Words => plain_words(q)
                    .iter()
                    .map(|t| format!("\"{}\"", t.replace(['"', '\\'], "")))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let (query, _errors) = parser.parse_query_lenient(&text);
            let searcher = self.reader.searcher();
            let (top, total) =
                searcher.search(&query, &(TopDocs::with_limit(k).order_by_score(), Count)).expect("baseline search");
            let ids = top
                .into_iter()
                .filter_map(|(_, addr)| {
                    let d: TantivyDocument = searcher.doc(addr).ok()?;
                    d.get_first(self.id).and_then(|v| v.as_str()).map(str::to_string)
                })
                .collect();
            (total, ids)
        }
    }

    /// Escapes the query grammar's special characters so the raw text parses as plain words.
    fn escape(q: &str) -> String {
        let mut out = String::new();
        for c in q.chars() {
            if "+-&|!(){}[]^\"~*?:\\/<>='".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// The run

type Score = gongkai_tests::Tally;

fn score_json(s: &Score) -> Value {
    json!({ "queries": s.n, "ndcg10": round(s.mean()), "zero_result_rate": round(s.zero_rate()) })
}

fn round(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// The systems compared, in table order.
const SYSTEMS: &[&str] = &["gongkai", "jieba", "jieba_raw"];

/// One row of the table: nDCG@10 and zero-result rate of each system.
fn print_row(label: &str, s: &[Score]) {
    let pct = |x: f64| format!("{:5.1}%", x * 100.0);
    println!(
        "{:<12} {:>4} | {:>8.3} {:>8.3} {:>8.3} | {} {} {}",
        label,
        s[0].n,
        s[0].mean(),
        s[1].mean(),
        s[2].mean(),
        pct(s[0].zero_rate()),
        pct(s[1].zero_rate()),
        pct(s[2].zero_rate())
    );
}

#[test]
fn relevance_meets_the_floor_and_beats_plain_jieba() {
    let queries = load_queries();
    let index = sample_index("relevance");
    let corpus_path = index.parent().expect("index has a parent").join("sample.jsonl");
    let docs = load_corpus(&corpus_path);
    assert!(docs.len() >= 1000, "the sample corpus has only {} records", docs.len());

    // The set itself: every kind covered, no duplicate query, every query judgeable.
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &queries {
        assert!(KINDS.contains(&q.kind.as_str()), "{}: unknown kind `{}`", q.q, q.kind);
        assert!(!q.note.is_empty(), "{}: no note saying what the user wants", q.q);
        *per_kind.entry(q.kind.as_str()).or_default() += 1;
    }
    for k in KINDS {
        let n = per_kind.get(k).copied().unwrap_or(0);
        assert!(n >= MIN_PER_KIND, "kind `{k}` has {n} queries, fewer than {MIN_PER_KIND}");
    }
    assert!(queries.len() >= 100, "only {} queries", queries.len());
    let mut seen = HashSet::new();
    for q in &queries {
        assert!(seen.insert(q.q.as_str()), "duplicate query {}", q.q);
    }

    // Grades of every record for every query.
    let judged: Vec<BTreeMap<String, u32>> = queries
        .iter()
        .map(|q| docs.iter().filter_map(|d| Some((d.id.clone(), grade(q, d))).filter(|(_, g)| *g > 0)).collect())
        .collect();
    let unjudgeable: Vec<String> = queries
        .iter()
        .zip(&judged)
        .filter(|(_, g)| !g.values().any(|&g| g >= 2))
        .map(|(q, _)| format!("  {} ({}): no record of grade 2 or 3 in the corpus", q.q, q.kind))
        .collect();
    assert!(
        unjudgeable.is_empty(),
        "queries without a relevant record (fix the judgements):\n{}",
        unjudgeable.join("\n")
    );

    let edge = EdgeServer::start(&index, &[]);
    let base = baseline::Baseline::build(&docs);
    let titles: BTreeMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();

    let mut by_kind: BTreeMap<(String, &str), Score> = BTreeMap::new();
    let mut overall: BTreeMap<&str, Score> = BTreeMap::new();
    let mut rows = Vec::new();
    for (q, grades) in queries.iter().zip(&judged) {
        let mut ideal: Vec<u32> = grades.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        ideal.truncate(K);

        let resp = edge.search(&format!("q={}&size={K}", encode(&q.q)));
        let ids: Vec<String> = resp["hits"]
            .as_array()
            .map(|h| h.iter().map(|x| x["id"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default();
        let total = resp["total"].as_u64().unwrap_or(ids.len() as u64) as usize;
        let (jt, jids) = base.search(&q.q, K, baseline::Mode::Words);
        let (rt, rids) = base.search(&q.q, K, baseline::Mode::Raw);

        let results = [(total, &ids), (jt, &jids), (rt, &rids)];
        let mut scores = Vec::new();
        for (sys, (total, ids)) in SYSTEMS.iter().zip(results) {
            let s = ndcg(ids, grades, &ideal);
            let zero = total == 0 || ids.is_empty();
            by_kind.entry((q.kind.clone(), sys)).or_default().add(s, zero);
            overall.entry(sys).or_default().add(s, zero);
            scores.push(s);
        }
        let top: Vec<Value> = ids
            .iter()
            .take(3)
            .map(|id| json!({ "id": id, "grade": grades.get(id).copied().unwrap_or(0), "title": titles.get(id.as_str()).copied().unwrap_or("?") }))
            .collect();
        rows.push(json!({
            "q": q.q, "kind": q.kind, "note": q.note,
            "relevant": grades.len(), "relevant_2plus": grades.values().filter(|&&g| g >= 2).count(),
            "total": total, "ndcg10": round(scores[0]), "baseline_ndcg10": round(scores[1]), "baseline_raw_ndcg10": round(scores[2]),
            "top": top, "understood": resp.get("understood").cloned().unwrap_or(Value::Null),
        }));
    }

    // The table.
    println!();
    println!(
        "Relevance on the sample corpus ({} records, {} queries): nDCG@{K} and zero-result rate",
        docs.len(),
        queries.len()
    );
    println!(
        "  baseline = in-memory tantivy, title+body, jieba words, QueryParser (OR); raw = same, query text as typed"
    );
    println!();
    println!(
        "{:<12} {:>4} | {:>8} {:>8} {:>8} | {:>7} {:>7} {:>7}",
        "kind", "n", "gongkai", "jieba", "raw", "0-gk", "0-jb", "0-raw"
    );
    println!("{}", "-".repeat(78));
    let mut kinds_json = Map::new();
    for k in KINDS {
        let s: Vec<Score> =
            SYSTEMS.iter().map(|sys| by_kind.get(&(k.to_string(), *sys)).cloned().unwrap_or_default()).collect();
        print_row(k, &s);
        kinds_json.insert(
            k.to_string(),
            json!({ "gongkai": score_json(&s[0]), "baseline": score_json(&s[1]), "baseline_raw": score_json(&s[2]) }),
        );
    }
    println!("{}", "-".repeat(78));
    let o: Vec<Score> = SYSTEMS.iter().map(|sys| overall.get(sys).cloned().unwrap_or_default()).collect();
    print_row("overall", &o);

    // The worst queries, to guide ranking work.
    let mut worst: Vec<&Value> = rows.iter().collect();
    worst.sort_by(|a, b| a["ndcg10"].as_f64().partial_cmp(&b["ndcg10"].as_f64()).unwrap_or(std::cmp::Ordering::Equal));
    println!();
    println!("Worst 10 queries for Gongkai (nDCG@{K}; top 3 as [grade] title):");
    for r in worst.iter().take(10) {
        println!(
            "  {:.3} (jieba {:.3}) {:<11} {}   total {} — {}",
            r["ndcg10"].as_f64().unwrap_or(0.0),
            r["baseline_ndcg10"].as_f64().unwrap_or(0.0),
            r["kind"].as_str().unwrap_or(""),
            r["q"].as_str().unwrap_or(""),
            r["total"],
            r["note"].as_str().unwrap_or("")
        );
        for t in r["top"].as_array().into_iter().flatten() {
            println!("        [{}] {}", t["grade"], t["title"].as_str().unwrap_or(""));
        }
    }
    println!();

    let report = json!({
        "corpus": { "records": docs.len(), "sample_count": 5000, "seed": 7 },
        "k": K,
        "floor": { "ndcg10": FLOOR, "max_zero_result_rate": MAX_ZERO_RATE, "min_lead_over_baseline": MIN_LEAD },
        "overall": { "gongkai": score_json(&o[0]), "baseline": score_json(&o[1]), "baseline_raw": score_json(&o[2]) },
        "kinds": kinds_json,
        "queries": rows,
    });
    let out = root().join("build").join("relevance.json");
    let _ = std::fs::create_dir_all(out.parent().unwrap_or(&root()));
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap_or_default())
        .expect("write build/relevance.json");
    println!("figures written to {}", out.display());

    assert!(o[0].mean() >= FLOOR, "overall nDCG@{K} {:.3} is below the floor {FLOOR}", o[0].mean());
    assert!(o[0].zero_rate() <= MAX_ZERO_RATE, "zero-result rate {:.3} is above {MAX_ZERO_RATE}", o[0].zero_rate());
    assert!(
        o[0].mean() >= o[1].mean() + MIN_LEAD,
        "Gongkai nDCG@{K} {:.3} does not lead the plain-jieba baseline {:.3} by {MIN_LEAD}",
        o[0].mean(),
        o[1].mean()
    );
}

#[test]
fn the_metric_is_standard_ndcg() {
    let g: BTreeMap<String, u32> = [("a".to_string(), 3), ("b".to_string(), 1)].into_iter().collect();
    let ideal = [3, 1];
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!((ndcg(&ids(&["a", "b"]), &g, &ideal) - 1.0).abs() < 1e-12);
    // Swapped: (1 + 7/log2 3) / (7 + 1/log2 3).
    let want = (1.0 + 7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2());
    assert!((ndcg(&ids(&["b", "a"]), &g, &ideal) - want).abs() < 1e-12);
    // Duplicates and unknown ids score nothing.
    assert!((ndcg(&ids(&["x", "a", "a"]), &g, &ideal) - (7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2())).abs() < 1e-12);
    assert_eq!(ndcg(&ids(&[]), &g, &ideal), 0.0);
}
