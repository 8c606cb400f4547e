//! A valid record with some of its fields replaced by fuzzed values: the record is accepted
//! when nothing is replaced, and a rejection names a field that was replaced (or one that a
//! replaced field is checked against).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

#[derive(Arbitrary, Debug)]
enum Amount {
    Text(String),
    Number(f64),
    Integer(i64),
}

#[derive(Arbitrary, Debug)]
enum Entities {
    List(Vec<String>),
    Csv(String),
}

#[derive(Arbitrary, Debug)]
struct Fields {
    id: Option<String>,
    title: Option<String>,
    body: Option<String>,
    domain: Option<String>,
    catalog_item: Option<String>,
    region_code: Option<String>,
    publisher: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published_at: Option<String>,
    formed_at: Option<String>,
    project_code: Option<String>,
    amount_yuan: Option<Amount>,
    entities: Option<Entities>,
}

fuzz_target!(|f: Fields| {
    let mut obj: Map<String, Value> = json!({
        "id": "js-ggzy-2026-0418",
        "title": "南京市江宁区2026年度第二批国有建设用地使用权挂牌出让公告",
        "body": "<p>根据《江苏省国有建设用地使用权招标拍卖挂牌出让办法》，宁地2026-G15号地块挂牌出让。</p>",
        "domain": "land",
        "catalog_item": "T09",
        "region_code": "320115",
        "publisher": "南京市规划和自然资源局江宁分局",
        "source": "江宁区人民政府",
        "url": "https://www.jiangning.gov.cn/zwgk/2026/0418.html",
        "published_at": "2026-04-18",
        "formed_at": "2026-04-10",
        "project_code": "宁地2026-G15号",
        "amount_yuan": 128000000.0,
        "entities": ["南京江宁城市建设集团有限公司"],
    })
    .as_object()
    .cloned()
    .expect("an object");
    let mut replaced: Vec<&str> = Vec::new();
    let mut put = |name: &'static str, value: Option<Value>, obj: &mut Map<String, Value>| {
        if let Some(v) = value {
            obj.insert(name.to_string(), v);
            replaced.push(name);
        }
    };
    put("id", f.id.map(Value::String), &mut obj);
    put("title", f.title.map(Value::String), &mut obj);
    put("body", f.body.map(Value::String), &mut obj);
    put("domain", f.domain.map(Value::String), &mut obj);
    put("catalog_item", f.catalog_item.map(Value::String), &mut obj);
    put("region_code", f.region_code.map(Value::String), &mut obj);
    put("publisher", f.publisher.map(Value::String), &mut obj);
    put("source", f.source.map(Value::String), &mut obj);
    put("url", f.url.map(Value::String), &mut obj);
    put("published_at", f.published_at.map(Value::String), &mut obj);
    put("formed_at", f.formed_at.map(Value::String), &mut obj);
    put("project_code", f.project_code.map(Value::String), &mut obj);
    let amount = f.amount_yuan.map(|a| match a {
        Amount::Text(s) => Value::String(s),
        Amount::Number(x) => serde_json::Number::from_f64(x).map(Value::Number).unwrap_or(Value::Null),
        Amount::Integer(i) => json!(i),
    });
    put("amount_yuan", amount, &mut obj);
    let entities = f.entities.map(|e| match e {
        Entities::List(items) => json!(items),
        Entities::Csv(s) => Value::String(s),
    });
    put("entities", entities, &mut obj);

    match gongkai_fuzz::check_record(&Value::Object(obj)) {
        Ok(_) => {}
        Err(field) => {
            // A field is also checked against another: catalog_item against domain, formed_at
            // against published_at.
            let blamed_fairly = replaced.contains(&field.as_str())
                || (field == "catalog_item" && replaced.contains(&"domain"))
                || (field == "formed_at" && replaced.contains(&"published_at"));
            assert!(blamed_fairly, "rejected for `{field}`, but only {replaced:?} were replaced");
        }
    }
});
