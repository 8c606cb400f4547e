//! `GET /v1/meta`: what the index holds and the labels a client shows.

use crate::engine::Engine;
use gongkai_core::{catalog, regions, Domain};
use serde_json::{json, Value};

/// The `/v1/meta` answer.
pub fn meta(engine: &Engine) -> Value {
    json!({
        "doc_count": engine.doc_count(),
        "index_version": engine.manifest.index_version,
        "built_at": engine.manifest.built_at,
        "format": engine.manifest.format,
        // Query analysis as at build time? `same: false` after upgrading the edge but not the
        // index (or the reverse): rebuild the index with the matching index-builder.
        "analyzer": {
            "index": engine.manifest.analyzer,
            "edge": engine.analyzer,
            "same": engine.analyzer_matches(),
        },
        "domains": Domain::ALL.iter().map(|d| json!({"value": d.code(), "label": d.label_zh(), "label_en": d.label_en()})).collect::<Vec<_>>(),
        "regions": regions::all().iter().map(|r| json!({"value": r.code.to_string(), "label": r.name, "parent": r.parent.map(|p| p.to_string())})).collect::<Vec<_>>(),
        "catalog_items": catalog::items().iter().map(|i| json!({"value": i.code, "label": i.label(), "domain": i.domain.code(), "category": i.category})).collect::<Vec<_>>(),
    })
}
