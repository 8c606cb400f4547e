//! `report.json`: what a build read, rejected, replaced and found late.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A record the build refused, with where it was and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rejected {
    /// The input file.
    pub file: String,
    /// 1-based line in that file (0 for an HTML page).
    pub line: usize,
    /// The record's id, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The offending field.
    pub field: String,
    /// Why.
    pub reason: String,
}

/// A disclosure published later than its time limit (公开时效).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Late {
    /// Record id.
    pub id: String,
    /// Working days from `formed_at` to `published_at`.
    pub working_days: u32,
    /// The limit that applies: 20, or 7 for administrative permits and penalties.
    pub limit: u32,
    /// When the information was formed or changed.
    pub formed_at: String,
    /// When it was published.
    pub published_at: String,
    /// Catalog item, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog_item: Option<String>,
    /// 公开主体.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Whether both dates lie in years the working-day calendar knows (else weekends only).
    pub calendar_exact: bool,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Report {
    /// Documents in the index.
    pub doc_count: usize,
    /// Input items read (valid or not).
    pub records_read: usize,
    /// Records replaced by a later record with the same id (变更).
    pub replaced: usize,
    /// Index version of the bundle built.
    pub index_version: String,
    /// Documents per domain.
    pub by_domain: BTreeMap<String, usize>,
    /// Documents per catalog item (`none` when absent).
    pub by_catalog_item: BTreeMap<String, usize>,
    /// Documents per region code.
    pub by_region: BTreeMap<String, usize>,
    /// Documents per publisher (`unknown` when absent).
    pub by_publisher: BTreeMap<String, usize>,
    /// Rejected records.
    pub rejected: Vec<Rejected>,
    /// Late disclosures.
    pub late: Vec<Late>,
    /// The years whose holidays and make-up working days the calendar knows.
    pub calendar_years: String,
    /// Build time in milliseconds.
    pub build_ms: u128,
    /// For `index-builder update`: what this update did, and the version it updated (absent
    /// after a full build).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<UpdateSummary>,
}

/// What one `index-builder update` changed (the report's other counts are of the whole index
/// after it).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct UpdateSummary {
    /// The index version the update started from.
    pub from_version: String,
    /// Records whose id was new to the index.
    pub added: usize,
    /// Records that replaced one already in the index (变更).
    pub replaced: usize,
    /// Records withdrawn (撤回) from the index.
    pub withdrawn: usize,
    /// Withdrawn ids the index did not hold (nothing to do).
    pub not_found: Vec<String>,
    /// Whether the segments were merged (`--merge`).
    pub merged: bool,
    /// Segments in the index after the update.
    pub segments: usize,
}
