//! The tantivy index schema, shared by the builder (which writes it) and the edge (which
//! queries it by these field names).
//!
//! Nothing is stored in tantivy's own document store: documents live in separate shards of the
//! bundle (see [`crate::bundle`]), so the postings can be loaded without the documents. The
//! `ord` fast field links a tantivy document to its position in those shards.

use crate::analysis;
use crate::record::Record;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TantivyDocument, TextFieldIndexing, TextOptions,
};

/// Field names, for queries and fast-field readers.
pub mod names {
    /// Document ordinal in the bundle's document shards (u64, fast).
    pub const ORD: &str = "ord";
    /// Record id, raw (exact match, for `/v1/doc/{id}`).
    pub const ID: &str = "id";
    /// Title, jieba words.
    pub const TITLE: &str = "title";
    /// Title, bigrams.
    pub const TITLE_BIGRAMS: &str = "title_bi";
    /// Body, jieba words.
    pub const BODY: &str = "body";
    /// Body, bigrams (frequencies only: positions of every character pair of every body would
    /// double the index for little gain; phrases are checked on words and title bigrams).
    pub const BODY_BIGRAMS: &str = "body_bi";
    /// Entities (companies, persons), jieba words.
    pub const ENTITIES: &str = "entities";
    /// Entities, bigrams (a name without its suffix still matches).
    pub const ENTITIES_BIGRAMS: &str = "entities_bi";
    /// Publisher and source, jieba words.
    pub const PUBLISHER: &str = "publisher";
    /// Project code and codes quoted in title and body, as code keys.
    pub const CODE: &str = "code";
    /// Region names of the record's division and its ancestors, jieba words (苏州 finds 昆山).
    pub const PLACE: &str = "place";
    /// Domain ordinal (u64, indexed, fast).
    pub const DOMAIN: &str = "domain";
    /// Catalog item ordinal, 0 when absent (u64, indexed, fast).
    pub const CATALOG: &str = "catalog";
    /// Region code (u64, indexed, fast).
    pub const REGION: &str = "region";
    /// The region code and every ancestor's code (u64, indexed, multi-valued): region filters.
    pub const REGION_PATH: &str = "region_path";
    /// Publication date as days since 1970-01-01 (i64, indexed, fast).
    pub const PUBLISHED: &str = "published";
    /// Working days from `formed_at` to `published_at` (u64, fast; absent without `formed_at`):
    /// 公开时效 statistics without loading a record ([`crate::timeliness`]).
    pub const WORKING_DAYS: &str = "working_days";
    /// The 公开时效 limit that applies, 20 or 7 working days (u64, fast).
    pub const TIME_LIMIT: &str = "time_limit";
    /// The publisher (公开主体) as written, raw (exact match, fast: grouping by publisher).
    pub const PUBLISHER_KEY: &str = "publisher_key";
    /// Party keys (`n:` whole name, `b:` name without its suffix; [`crate::entities::keys`]) of
    /// the `entities` field and the names found in the text, raw (exact match, fast).
    pub const ENTITY_KEY: &str = "entity_key";
    /// What the record says about its parties ([`crate::process::Role`] ordinal; u64, fast).
    pub const ROLE: &str = "role";
    /// The procurement categories ([`crate::data::categories`]) whose item words the record's
    /// title or body names, one raw term per catalogue section (`医疗设备 / 医学影像设备`).
    pub const CATEGORY: &str = "category";
    /// The same for the title alone: a record whose headline names the item ranks first.
    pub const CATEGORY_TITLE: &str = "category_title";
}

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`names::ORD`].
    pub ord: Field,
    /// See [`names::ID`].
    pub id: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::TITLE_BIGRAMS`].
    pub title_bigrams: Field,
    /// See [`names::BODY`].
    pub body: Field,
    /// See [`names::BODY_BIGRAMS`].
    pub body_bigrams: Field,
    /// See [`names::ENTITIES`].
    pub entities: Field,
    /// See [`names::ENTITIES_BIGRAMS`].
    pub entities_bigrams: Field,
    /// See [`names::PUBLISHER`].
    pub publisher: Field,
    /// See [`names::CODE`].
    pub code: Field,
    /// See [`names::PLACE`].
    pub place: Field,
    /// See [`names::DOMAIN`].
    pub domain: Field,
    /// See [`names::CATALOG`].
    pub catalog: Field,
    /// See [`names::REGION`].
    pub region: Field,
    /// See [`names::REGION_PATH`].
    pub region_path: Field,
    /// See [`names::PUBLISHED`].
    pub published: Field,
    /// See [`names::WORKING_DAYS`].
    pub working_days: Field,
    /// See [`names::TIME_LIMIT`].
    pub time_limit: Field,
    /// See [`names::PUBLISHER_KEY`].
    pub publisher_key: Field,
    /// See [`names::ENTITY_KEY`].
    pub entity_key: Field,
    /// See [`names::ROLE`].
    pub role: Field,
    /// See [`names::CATEGORY`].
    pub category: Field,
    /// See [`names::CATEGORY_TITLE`].
    pub category_title: Field,
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let option = if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(option))
}

/// A text field whose length does not rank (a publisher's name, a record's places, its codes):
/// no fieldnorms, so BM25 takes every record's length as the same. A query reads a scored
/// field's fieldnorms whole in every segment (250 KB a field per 250,000 records), which an
/// edge reading by ranges pays for each such field a query touches.
fn short_text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false),
    )
}

/// An exact key (an id, a whole company name): indexed as one raw token, no fieldnorms.
fn key() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fast = NumericOptions::default().set_fast().set_indexed();
    let fields = Fields {
        ord: b.add_u64_field(names::ORD, NumericOptions::default().set_fast()),
        // Keys are read by term (and their values per document from the postings,
        // `edge::endpoints::scan::TermsByDoc`), never as fast columns: none is `FAST`, which
        // would write a dictionary-encoded column per segment that nothing reads.
        id: b.add_text_field(names::ID, key()),
        title: b.add_text_field(names::TITLE, text(analysis::WORDS, true)),
        title_bigrams: b.add_text_field(names::TITLE_BIGRAMS, text(analysis::BIGRAMS, true)),
        body: b.add_text_field(names::BODY, text(analysis::WORDS, true)),
        body_bigrams: b.add_text_field(names::BODY_BIGRAMS, text(analysis::BIGRAMS, false)),
        entities: b.add_text_field(names::ENTITIES, text(analysis::WORDS, true)),
        entities_bigrams: b.add_text_field(names::ENTITIES_BIGRAMS, text(analysis::BIGRAMS, true)),
        publisher: b.add_text_field(names::PUBLISHER, short_text(analysis::WORDS)),
        code: b.add_text_field(names::CODE, short_text(analysis::CODE)),
        place: b.add_text_field(names::PLACE, short_text(analysis::WORDS)),
        domain: b.add_u64_field(names::DOMAIN, fast.clone()),
        catalog: b.add_u64_field(names::CATALOG, fast.clone()),
        region: b.add_u64_field(names::REGION, fast.clone()),
        region_path: b.add_u64_field(names::REGION_PATH, NumericOptions::default().set_indexed()),
        published: b.add_i64_field(names::PUBLISHED, fast.clone()),
        working_days: b.add_u64_field(names::WORKING_DAYS, NumericOptions::default().set_fast()),
        time_limit: b.add_u64_field(names::TIME_LIMIT, NumericOptions::default().set_fast()),
        publisher_key: b.add_text_field(names::PUBLISHER_KEY, key()),
        entity_key: b.add_text_field(names::ENTITY_KEY, key()),
        role: b.add_u64_field(names::ROLE, NumericOptions::default().set_fast()),
        category: b.add_text_field(names::CATEGORY, key()),
        category_title: b.add_text_field(names::CATEGORY_TITLE, key()),
    };
    (b.build(), fields)
}

impl Fields {
    /// Looks the fields up by name in an existing schema (the edge, on a loaded index).
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            ord: f(names::ORD)?,
            id: f(names::ID)?,
            title: f(names::TITLE)?,
            title_bigrams: f(names::TITLE_BIGRAMS)?,
            body: f(names::BODY)?,
            body_bigrams: f(names::BODY_BIGRAMS)?,
            entities: f(names::ENTITIES)?,
            entities_bigrams: f(names::ENTITIES_BIGRAMS)?,
            publisher: f(names::PUBLISHER)?,
            code: f(names::CODE)?,
            place: f(names::PLACE)?,
            domain: f(names::DOMAIN)?,
            catalog: f(names::CATALOG)?,
            region: f(names::REGION)?,
            region_path: f(names::REGION_PATH)?,
            published: f(names::PUBLISHED)?,
            working_days: f(names::WORKING_DAYS)?,
            time_limit: f(names::TIME_LIMIT)?,
            publisher_key: f(names::PUBLISHER_KEY)?,
            entity_key: f(names::ENTITY_KEY)?,
            role: f(names::ROLE)?,
            category: f(names::CATEGORY)?,
            category_title: f(names::CATEGORY_TITLE)?,
        })
    }

    /// Turns a record into the tantivy document indexed for it; `ord` is its shard position.
    pub fn document(&self, record: &Record, ord: u64) -> TantivyDocument {
        self.analyse(record, ord).0
    }

    /// The tantivy document of a record and, if it is a blacklist or removal notice, the notice
    /// for the bundle's blacklist: one pass finds its role and parties for both.
    pub fn analyse(&self, record: &Record, ord: u64) -> (TantivyDocument, Option<crate::blacklist::Notice>) {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.ord, ord);
        doc.add_text(self.id, &record.id);
        doc.add_text(self.title, &record.title);
        doc.add_text(self.title_bigrams, &record.title);
        if !record.body.is_empty() {
            doc.add_text(self.body, &record.body);
            doc.add_text(self.body_bigrams, &record.body);
        }
        // Names found in the text count as entities when the record gives none (a record
        // that lists its parties is ranked on exactly that list); both are look-up keys.
        let parties = crate::entities::of_record(record);
        let ranked = if record.entities.is_empty() { &parties } else { &record.entities };
        for entity in ranked {
            doc.add_text(self.entities, entity);
            doc.add_text(self.entities_bigrams, entity);
        }
        for key in parties.iter().flat_map(|p| crate::entities::keys(p)) {
            doc.add_text(self.entity_key, &key);
        }
        let role = crate::process::role(record);
        doc.add_u64(self.role, role.ordinal());
        for value in [&record.publisher, &record.source].into_iter().flatten() {
            doc.add_text(self.publisher, value);
        }
        for value in code_values(record) {
            doc.add_text(self.code, &value);
        }
        let region = record.region();
        for r in crate::regions::lineage(region) {
            doc.add_text(self.place, r.name);
            doc.add_u64(self.region_path, r.code as u64);
        }
        doc.add_u64(self.domain, record.domain.ordinal());
        let catalog = record.catalog_item.as_deref().and_then(crate::catalog::item).map(|i| i.ordinal()).unwrap_or(0);
        doc.add_u64(self.catalog, catalog);
        doc.add_u64(self.region, region as u64);
        doc.add_i64(self.published, days_since_epoch(record.published_at));
        if let Some(t) = crate::timeliness::assess(record) {
            doc.add_u64(self.working_days, t.working_days as u64);
        }
        doc.add_u64(self.time_limit, crate::timeliness::limit_for(record).working_days() as u64);
        if let Some(publisher) = &record.publisher {
            doc.add_text(self.publisher_key, publisher);
        }
        let in_title = crate::data::categories::sections_named_in(&crate::text::normalized(&record.title).text);
        let mut anywhere = in_title.clone();
        for section in crate::data::categories::sections_named_in(&crate::text::normalized(&record.body).text) {
            if !anywhere.contains(&section) {
                anywhere.push(section);
            }
        }
        for section in in_title {
            doc.add_text(self.category_title, section);
        }
        for section in anywhere {
            doc.add_text(self.category, section);
        }
        (doc, crate::blacklist::Notice::of_analysed(ord, record, role, &parties))
    }

    /// The terms of the `code` field of a document [`Fields::analyse`] made: [`code_keys`] of
    /// its record, without reading the record's text again.
    pub fn code_keys_of(&self, doc: &TantivyDocument) -> Vec<String> {
        use tantivy::schema::Value;
        let values = doc.get_all(self.code).filter_map(|v| v.as_str().map(analysis::code_key));
        values.filter(|k| !k.is_empty()).collect()
    }
}

/// What a record's `code` field is given: its 项目编号 and every code quoted in its title or
/// body (the field's tokenizer makes each one [`analysis::code_key`]).
fn code_values(record: &Record) -> impl Iterator<Item = String> + '_ {
    let quoted = analysis::codes_in_text(&record.title).into_iter().chain(analysis::codes_in_text(&record.body));
    record.project_code.iter().cloned().chain(quoted)
}

/// The terms of a record's `code` field, as indexed: what `/v1/project/{code}` finds it by and
/// what [`crate::projects`] counts.
pub fn code_keys(record: &Record) -> Vec<String> {
    code_values(record).map(|v| analysis::code_key(&v)).filter(|k| !k.is_empty()).collect()
}

/// Days since 1970-01-01 for a date (the `published` field's unit).
pub fn days_since_epoch(date: chrono::NaiveDate) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days()
}

/// The inverse of [`days_since_epoch`].
pub fn date_from_days(days: i64) -> chrono::NaiveDate {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch + chrono::Duration::days(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Value;

    fn tags(doc: &TantivyDocument, field: Field) -> Vec<String> {
        doc.get_all(field).filter_map(|v| v.as_str().map(str::to_string)).collect()
    }

    #[test]
    fn a_record_is_tagged_with_the_categories_its_title_and_body_name() {
        let (_, fields) = build();
        let record: Record = serde_json::from_value(serde_json::json!({
            "id": "p1", "title": "泰州市人民医院2025年12月政府采购意向", "domain": "procurement",
            "body": "采购项目名称：彩色多普勒超声诊断仪采购项目\n预算金额：318.00万元",
            "published_at": "2025-11-03", "region_code": "321200",
        }))
        .expect("a record");
        let doc = fields.document(&record, 0);
        assert_eq!(tags(&doc, fields.category), vec!["医疗设备", "医疗设备 / 医学影像设备"]);
        assert!(tags(&doc, fields.category_title).is_empty(), "the title names no item");

        let mut tender = record.clone();
        tender.title = "泰州市人民医院螺旋CT采购项目公开招标公告".into();
        tender.body = "采购需求：64排螺旋CT一台；另购课桌椅若干。".into();
        let doc = fields.document(&tender, 1);
        assert_eq!(tags(&doc, fields.category_title), vec!["医疗设备", "医疗设备 / 医学影像设备"]);
        let anywhere = tags(&doc, fields.category);
        assert!(anywhere.iter().any(|t| t == "家具和用具") && anywhere.len() == 4, "{anywhere:?}");
    }
}
