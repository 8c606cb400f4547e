//! Gongkai core: what the index builder and the edge share.
//!
//! - [`record`]: the disclosure record of the contract and its validation;
//! - [`data`]: the reference tables and their one strict loader; [`domain`], [`catalog`],
//!   [`regions`]: the domains, the two disclosure catalogs of 苏政办发〔2018〕50号 and every GB/T
//!   2260 division;
//! - [`calendar`]: the mainland-China working-day calendar behind 公开时效;
//! - [`timeliness`]: the 公开时效 rule (20 or 7 working days) on a record;
//! - [`text`], [`analysis`]: normalization and Chinese text analysis, used identically at index
//!   and query time (query understanding itself is the edge's: `edge::understanding`);
//! - [`lexicon`]: the bundle's vocabulary, built by the builder, read by the edge;
//! - [`process`]: a record's stage in its project (notice → candidates → result → contract → 履约);
//! - [`projects`]: how many records each record's project has (the bundle's `project-sizes.bin`);
//! - [`entities`]: party names (keys for exact look-up, extraction from notices);
//! - [`schema`]: the tantivy index schema;
//! - [`bundle`]: the on-disk bundle format (manifest, index files, document shards).

#![deny(missing_docs)]

pub mod analysis;
pub mod blacklist;
pub mod bundle;
pub mod calendar;
pub mod catalog;
pub mod data;
pub mod domain;
pub mod entities;
pub mod lexicon;
pub mod process;
pub mod projects;
pub mod record;
pub mod regions;
pub mod schema;
pub mod text;
pub mod timeliness;

pub use domain::Domain;
pub use record::{FieldError, Record};
