//! The HTTP API of edge-serve on the 5,000-record sample corpus: contract shape, real Chinese
//! queries, filters, facets, sorting, paging, suggestions, documents and errors.

use gongkai_core::regions;
use gongkai_tests::{bin, encode, hit_field, sample_index, titles, EdgeServer};
use serde_json::Value;
use std::sync::OnceLock;

fn edge() -> &'static EdgeServer {
    static EDGE: OnceLock<EdgeServer> = OnceLock::new();
    EDGE.get_or_init(|| EdgeServer::start(&sample_index("http"), &[]))
}

fn search(q: &str, extra: &str) -> Value {
    edge().search(&format!("q={}{extra}", encode(q)))
}

#[test]
fn hits_carry_every_contract_field() {
    let resp = search("公共租赁住房", "");
    assert!(resp["total"].as_u64().unwrap() > 0, "{resp}");
    for hit in resp["hits"].as_array().unwrap() {
        for field in ["id", "title", "domain", "region_code", "published_at", "region_name", "snippet"] {
            assert!(hit[field].is_string(), "{field} missing in {hit}");
        }
        assert!(hit["highlights"]["title"].is_array());
        let date = hit["published_at"].as_str().unwrap();
        assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
    }
    let meta = edge().get("/v1/meta").1;
    assert_eq!(meta["doc_count"].as_u64(), Some(5000));
    assert!(meta["index_version"].as_str().unwrap().len() >= 8);
}

#[test]
fn a_city_finds_its_counties_records() {
    let resp = search("苏州 国有建设用地使用权", "&size=20");
    let codes = hit_field(&resp, "region_code");
    assert!(!codes.is_empty());
    let in_suzhou = codes.iter().filter(|c| regions::is_within(c.parse().unwrap(), 320500)).count();
    assert!(in_suzhou >= 15, "only {in_suzhou}/20 in 苏州: {codes:?}");
    assert!(
        codes.iter().any(|c| c != "320500" && regions::is_within(c.parse().unwrap(), 320500)),
        "no county-level record of 苏州: {codes:?}"
    );
}

#[test]
fn the_region_filter_includes_counties_and_facets_count_them() {
    let resp = search("", "&region=320500&size=50");
    let total = resp["total"].as_u64().unwrap();
    assert!(total > 50);
    for c in hit_field(&resp, "region_code") {
        assert!(regions::is_within(c.parse().unwrap(), 320500), "{c}");
    }
    // The region facet shows 苏州市 with the same total and its counties under it.
    let facets = resp["facets"]["region"].as_array().unwrap();
    let suzhou = facets.iter().find(|f| f["value"] == "320500").unwrap();
    assert_eq!(suzhou["count"].as_u64(), Some(total));
    let counties: u64 = facets.iter().filter(|f| f["parent"] == "320500").map(|f| f["count"].as_u64().unwrap()).sum();
    assert!(counties > 0 && counties <= total);
}

#[test]
fn domain_filter_and_facets_agree() {
    let all = search("公告", "");
    let land_count = all["facets"]["domain"].as_array().unwrap().iter().find(|f| f["value"] == "land").unwrap()
        ["count"]
        .as_u64()
        .unwrap();
    let land = search("公告", "&domain=land");
    assert_eq!(land["total"].as_u64(), Some(land_count));
    assert!(hit_field(&land, "domain").iter().all(|d| d == "land"));
    // The domain facet ignores the domain filter itself (so other domains stay selectable).
    assert_eq!(land["facets"]["domain"], all["facets"]["domain"]);
}

#[test]
fn sort_by_date_and_date_range() {
    let resp = search("采购", "&sort=date&size=30&from=2025-01-01&to=2025-12-31");
    let dates = hit_field(&resp, "published_at");
    assert!(dates.len() >= 10);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("2025")), "{dates:?}");
}

#[test]
fn pages_do_not_overlap() {
    let p1 = hit_field(&search("招标公告", "&size=10&page=1"), "id");
    let p2 = hit_field(&search("招标公告", "&size=10&page=2"), "id");
    assert_eq!(p1.len(), 10);
    assert_eq!(p2.len(), 10);
    assert!(p1.iter().all(|id| !p2.contains(id)));
}

#[test]
fn colloquial_words_find_official_terms() {
    let resp = search("公租房", "");
    assert!(
        titles(&resp).iter().take(5).all(|t| t.contains("公共租赁住房") || t.contains("公租房")),
        "{:?}",
        titles(&resp)
    );
    assert_eq!(resp["hits"][0]["domain"], "housing");
    let resp = search("政采", "");
    assert!(hit_field(&resp, "domain").iter().take(5).all(|d| d == "procurement"), "{:?}", titles(&resp));
}

#[test]
fn pinyin_traditional_and_wrong_characters() {
    let resp = search("gongzufang", "");
    assert_eq!(resp["understood"]["rewritten_from"], "gongzufang");
    assert_eq!(resp["hits"][0]["domain"], "housing", "{:?}", titles(&resp));
    let trad = search("國有建設用地使用權", "");
    let simp = search("国有建设用地使用权", "");
    assert_eq!(hit_field(&trad, "id"), hit_field(&simp, "id"));
    let resp = search("中标侯选人公示", "");
    assert_eq!(resp["did_you_mean"], "中标候选人公示");
    assert!(titles(&resp)[0].contains("候选人"), "{:?}", titles(&resp));
}

#[test]
fn highlights_point_at_the_query_terms() {
    let resp = search("中标候选人", "");
    let hit = &resp["hits"][0];
    let title: Vec<u16> = hit["title"].as_str().unwrap().encode_utf16().collect();
    let ranges = hit["highlights"]["title"].as_array().unwrap();
    assert!(!ranges.is_empty(), "{hit}");
    for r in ranges {
        let (a, b) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        let marked = String::from_utf16_lossy(&title[a..b]);
        assert!(marked.contains("中标") || marked.contains("候选人"), "{marked}");
    }
}

#[test]
fn suggestions_complete_chinese_and_pinyin_prefixes() {
    let (status, resp) = edge().get(&format!("/v1/suggest?q={}", encode("公共")));
    assert_eq!(status, 200);
    let s: Vec<&str> = resp["suggestions"].as_array().unwrap().iter().map(|x| x["text"].as_str().unwrap()).collect();
    assert!(!s.is_empty() && s.iter().all(|t| t.starts_with("公共")), "{s:?}");
    let (_, resp) = edge().get("/v1/suggest?q=baozhang");
    let s: Vec<&str> = resp["suggestions"].as_array().unwrap().iter().map(|x| x["text"].as_str().unwrap()).collect();
    assert!(s.iter().any(|t| t.starts_with("保障")), "{s:?}");
}

#[test]
fn documents_by_id() {
    let resp = search("采矿权", "");
    let id = resp["hits"][0]["id"].as_str().unwrap().to_string();
    let (status, doc) = edge().get(&format!("/v1/doc/{}", encode(&id)));
    assert_eq!(status, 200);
    assert_eq!(doc["id"], id.as_str());
    assert!(doc["body"].as_str().unwrap().chars().count() > 50);
    let (status, err) = edge().get("/v1/doc/no-such-record");
    assert_eq!(status, 404);
    assert_eq!(err["error"]["code"], "not_found");
}

#[test]
fn every_bad_request_is_a_json_error_naming_the_parameter() {
    let long = "招".repeat(201);
    let cases = [
        ("/v1/search?q=a&size=0", 400, "size"),
        ("/v1/search?q=a&size=51", 400, "size"),
        ("/v1/search?q=a&page=abc", 400, "page"),
        ("/v1/search?q=a&domain=土地", 400, "domain"),
        ("/v1/search?q=a&region=110100", 400, "region"),
        ("/v1/search?q=a&catalog=T99", 400, "catalog"),
        ("/v1/search?q=a&from=2026-02-30", 400, "from"),
        ("/v1/search?q=a&sort=price", 400, "sort"),
        ("/v1/search", 400, "q"),
        ("/v1/nope", 404, ""),
    ];
    for (path, status, param) in cases {
        let (s, body) = edge().get(path);
        assert_eq!(s, status, "{path}: {body}");
        assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{path}: {body}");
        if !param.is_empty() {
            assert_eq!(body["error"]["param"], param, "{path}: {body}");
        }
    }
    let (s, body) = edge().get(&format!("/v1/search?q={}", encode(&long)));
    assert_eq!((s, body["error"]["param"].as_str()), (400, Some("q")));
    // Garbage percent-encoding and odd input never crash the server.
    for path in ["/v1/search?q=%ZZ%", "/v1/search?q=%FF%FE", "/v1/search?q=%00", "/v1/search?q=%E2%80%AE%3Cscript%3E"] {
        let (s, _) = edge().get(path);
        assert!(s == 200 || s == 400, "{path}: {s}");
    }
    assert_eq!(edge().get("/healthz").0, 200);
}

#[test]
fn cors_and_etag_follow_the_index_version() {
    let path = format!("/v1/search?q={}", encode("摇号"));
    let (status, headers, _) = edge().get_raw(&path, &[("Origin", "https://www.suzhou.gov.cn")]);
    assert_eq!(status, 200);
    let h = |k: &str| headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(h("access-control-allow-origin").as_deref(), Some("*"));
    let etag = h("etag").unwrap();
    let meta = edge().get("/v1/meta").1;
    assert!(etag.contains(meta["index_version"].as_str().unwrap()));
    let (status, _, body) = edge().get_raw(&path, &[("If-None-Match", &etag)]);
    assert_eq!((status, body.as_str()), (304, ""));
}

#[test]
fn an_allow_list_restricts_cors_origins() {
    let edge = EdgeServer::start(&sample_index("http"), &["--allow-origins", "https://www.jiangsu.gov.cn"]);
    let (_, headers, _) = edge.get_raw("/v1/search?q=a", &[("Origin", "https://www.jiangsu.gov.cn")]);
    assert!(headers.iter().any(|(k, v)| k == "access-control-allow-origin" && v == "https://www.jiangsu.gov.cn"));
    let (_, headers, _) = edge.get_raw("/v1/search?q=a", &[("Origin", "https://evil.example")]);
    assert!(!headers.iter().any(|(k, _)| k == "access-control-allow-origin"));
}

#[test]
fn allow_origins_star_allows_every_origin_as_in_the_worker() {
    // `*` means every origin here exactly as the Worker's ALLOWED_ORIGINS='*' (one parser:
    // edge::config), and a list that contains `*` too.
    for value in ["*", "https://www.jiangsu.gov.cn, *"] {
        let edge = EdgeServer::start(&sample_index("http"), &["--allow-origins", value]);
        let (status, headers, _) = edge.get_raw("/v1/search?q=公租房", &[("Origin", "https://www.suzhou.gov.cn")]);
        assert_eq!(status, 200);
        assert!(
            headers.iter().any(|(k, v)| k == "access-control-allow-origin" && v == "*"),
            "--allow-origins '{value}': {headers:?}"
        );
    }
}

#[test]
fn an_out_of_range_ranking_knob_is_refused_with_its_range() {
    let out = std::process::Command::new(bin("edge-serve"))
        .args(["--index", sample_index("http").to_str().unwrap(), "--addr", "127.0.0.1:0", "--ranking", "title=100"])
        .output()
        .expect("edge-serve runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--ranking") && err.contains("title") && err.contains("1 to 10"), "{err}");
}

/// The sample corpus behind the `http` index, for choosing real names and codes.
fn corpus() -> Vec<Value> {
    let path = sample_index("http").parent().unwrap().join("sample.jsonl");
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn an_exact_company_name_ranks_its_records_first_even_without_its_suffix() {
    // The contractor named in the most construction records of the corpus.
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for r in corpus().iter().filter(|r| r["domain"] == "construction") {
        for e in r["entities"].as_array().into_iter().flatten() {
            let e = e.as_str().unwrap();
            if e.ends_with("有限公司") && e.contains("建设") {
                *counts.entry(e.to_string()).or_default() += 1;
            }
        }
    }
    let (company, n) = counts.into_iter().max_by_key(|x| (x.1, x.0.clone())).unwrap();
    assert!(n >= 5, "{company} in {n} records");
    let short = company.trim_end_matches("有限公司");
    for q in [company.as_str(), short] {
        let resp = search(q, "&size=5");
        for hit in resp["hits"].as_array().unwrap() {
            let names: Vec<&str> = hit["entities"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
            assert!(names.contains(&company.as_str()), "{q}: {} names {names:?}", hit["title"]);
        }
    }
}

#[test]
fn codes_match_exactly_punctuation_and_all() {
    let records = corpus();
    let mut by_code: std::collections::HashMap<String, usize> = Default::default();
    for r in &records {
        if let Some(c) = r["project_code"].as_str() {
            *by_code.entry(c.to_string()).or_default() += 1;
        }
    }
    let pick = |pred: &dyn Fn(&str) -> bool| {
        let mut v: Vec<(&String, &usize)> = by_code.iter().filter(|(c, n)| pred(c) && **n >= 2).collect();
        v.sort();
        v.first().map(|(c, n)| ((*c).clone(), **n)).unwrap_or_else(|| panic!("no such code in the corpus"))
    };
    for (code, n) in [
        pick(&|c| c.starts_with("JSZC-")),
        pick(&|c| c.contains('〔')),
        pick(&|c| c.contains("地") && c.ends_with('号')),
    ] {
        let resp = search(&code, "&size=20");
        let top: Vec<String> = resp["hits"]
            .as_array()
            .unwrap()
            .iter()
            .take(n)
            .map(|h| h["project_code"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(top.iter().all(|c| c == &code), "{code}: {top:?}");
    }
}

#[test]
fn plain_language_questions_are_not_dominated_by_question_words() {
    let resp = search("哪些公司被列入黑名单", "&size=5");
    for t in titles(&resp) {
        assert!(t.contains("黑名单") || t.contains("失信"), "{t}");
    }
    // 医疗设备 is a category of the 品目分类目录: a hospital's 超声诊断仪 or CT tender is one,
    // though its title never says 设备.
    let items = &gongkai_core::data::categories::get("医疗设备").expect("the category").items;
    let resp = search("医院买医疗设备的招标公告", "&size=5");
    assert!(resp["total"].as_u64().unwrap() > 0);
    for hit in resp["hits"].as_array().unwrap() {
        let t = gongkai_core::analysis::normalize(hit["title"].as_str().unwrap());
        assert!(t.contains("医院") && items.iter().any(|i| t.contains(i.as_str())), "{t}");
    }
    // The question's particles are never "corrected" (州德 is a known pair in company names).
    let resp = search("苏州的地块卖给了谁", "&size=5");
    assert!(resp["did_you_mean"].is_null(), "{}", resp["did_you_mean"]);
    assert_eq!(resp["understood"]["places"][0], "苏州市");
}

#[test]
fn a_place_with_a_topic_ranks_that_place_first_but_not_inside_a_company_name() {
    // 常州 保障房 摇号: lotteries in 常州 (or its 溧阳市, 金坛区…) before the same elsewhere.
    let resp = search("常州 保障房 摇号", "&size=3");
    assert_eq!(hit_field(&resp, "region_code").len(), 3);
    for (code, t) in hit_field(&resp, "region_code").iter().zip(titles(&resp)) {
        assert!(code.starts_with("3204"), "{code} {t}");
    }
    assert!(titles(&resp)[0].contains("摇号"), "{:?}", titles(&resp));
    // 太仓 inside a company's name names the company, not a place to search in.
    let resp = search("太仓同济建设工程有限公司", "&size=3");
    assert_eq!(resp["understood"]["places"].as_array().map(Vec::len), Some(0), "{}", resp["understood"]);
}

#[test]
fn domain_intent_ranks_land_above_mining_notices_that_also_say_挂牌出让() {
    let resp = search("土地 挂牌出让", "&size=10");
    assert_eq!(hit_field(&resp, "domain"), vec!["land".to_string(); 10], "{:?}", titles(&resp));
    let resp = search("采矿权 挂牌出让", "&size=10");
    assert_eq!(hit_field(&resp, "domain"), vec!["mining".to_string(); 10], "{:?}", titles(&resp));
}

#[test]
fn pinyin_inside_chinese_and_while_still_typing() {
    let resp = search("苏州 gongzufang", "&size=10");
    assert_eq!(resp["understood"]["rewritten_from"], "苏州 gongzufang");
    for hit in resp["hits"].as_array().unwrap() {
        assert_eq!(hit["domain"], "housing", "{}", hit["title"]);
        assert!(regions::is_within(hit["region_code"].as_str().unwrap().parse().unwrap(), 320500), "{}", hit["title"]);
    }
    // A kiosk user halfway through a word still sees results.
    let resp = search("gongzuf", "");
    assert!(resp["total"].as_u64().unwrap() > 0);
    assert_eq!(resp["hits"][0]["domain"], "housing", "{:?}", titles(&resp));
}

#[test]
fn a_query_nothing_matches_as_asked_still_finds_the_closest_records() {
    // No record says 经济适用房 (nor 经济适用住房): the closest housing records come back,
    // marked as relaxed, with the shared characters highlighted.
    let resp = search("经济适用房", "&size=5");
    assert_eq!(resp["understood"]["relaxed"], true, "{resp}");
    assert!(resp["total"].as_u64().unwrap() > 0);
    assert_eq!(resp["hits"][0]["domain"], "housing", "{:?}", titles(&resp));
    let marks = &resp["hits"][0]["highlights"];
    assert!(
        !marks["title"].as_array().unwrap().is_empty() || !marks["snippet"].as_array().unwrap().is_empty(),
        "{marks}"
    );
    // An ordinary query is not relaxed.
    assert_eq!(search("公租房", "")["understood"]["relaxed"], false);
}

/// The sample corpus the `http` index was built from, one JSON record per line.
fn http_records() -> Vec<Value> {
    let path = gongkai_tests::build_dir().join("http").join("sample.jsonl");
    edge();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn the_result_set_is_what_every_concept_matches_and_the_facets_describe_it() {
    // 宿迁 政府采购 中标结果: every record counted is in 宿迁 (321300) or inside it, the region
    // facet names nothing else and its 宿迁市 row is the total; results come first.
    let resp = search("宿迁 政府采购 中标结果", "&size=10");
    let total = resp["total"].as_u64().unwrap();
    let in_suqian = http_records()
        .iter()
        .filter(|r| regions::is_within(r["region_code"].as_str().unwrap().parse().unwrap(), 321300))
        .count() as u64;
    assert!(total > 0 && total <= in_suqian, "total {total}, records in 宿迁 {in_suqian}");
    let facets = resp["facets"]["region"].as_array().unwrap();
    for f in facets {
        let code: u32 = f["value"].as_str().unwrap().parse().unwrap();
        assert!(regions::is_within(code, 321300), "the region facet lists {f} for a query about 宿迁");
    }
    let suqian = facets.iter().find(|f| f["value"] == "321300").expect("宿迁市 in the region facet");
    assert_eq!(suqian["count"].as_u64(), Some(total));
    let domains: u64 = resp["facets"]["domain"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum();
    assert_eq!(domains, total, "the domain facet counts the same set");
    assert_eq!(resp["understood"]["stages"][0], "中标结果", "{}", resp["understood"]);
    let first = titles(&resp);
    assert!(first[0].contains("结果") || first[0].contains("成交"), "{first:?}");
}

#[test]
fn a_company_named_without_its_suffix_is_that_company_even_with_a_place_in_its_name() {
    // A penalised company of the corpus whose name starts with a city (盐城…, 南京…): asked for as
    // people say it (no 有限公司) with 处罚, its own records come back, its penalty first, and the
    // city in its name is not taken for a place.
    let records = http_records();
    let penalty = ["T07", "T19", "T24", "T27"];
    let city_names =
        ["南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁"];
    let (name, base) = records
        .iter()
        .filter(|r| penalty.contains(&r["catalog_item"].as_str().unwrap_or("")))
        .flat_map(|r| r["entities"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e.as_str().map(str::to_string))
        .filter(|e| city_names.iter().any(|c| e.starts_with(c)))
        .find_map(|e| e.strip_suffix("有限公司").map(|b| (e.clone(), b.to_string())))
        .expect("a penalised company named after its city");
    let resp = search(&format!("{base} 处罚"), "&size=10");
    assert_eq!(resp["understood"]["entities"][0].as_str(), Some(base.as_str()), "{}", resp["understood"]);
    assert_eq!(resp["understood"]["places"].as_array().map(Vec::len), Some(0), "{}", resp["understood"]);
    let names_it: std::collections::HashSet<&str> = records
        .iter()
        .filter(|r| {
            let text = format!("{}{}{}", r["title"], r["body"], r["entities"]);
            text.contains(&base)
        })
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let ids = hit_field(&resp, "id");
    assert!(!ids.is_empty());
    for id in &ids {
        assert!(names_it.contains(id.as_str()), "{id} does not name {name}: {:?}", titles(&resp));
    }
    let first = records.iter().find(|r| r["id"] == ids[0].as_str()).unwrap();
    assert!(penalty.contains(&first["catalog_item"].as_str().unwrap_or("")), "first hit is not its penalty: {first}");
}
