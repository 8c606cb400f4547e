//! Gongkai core: what the index builder and the edge share.
//!
//! - [`record`]: the disclosure record of the contract and its validation;
//! - [`domain`], [`catalog`], [`regions`]: the domains, the two disclosure catalogs of
//!   苏政办发〔2018〕50号 and Jiangsu's administrative divisions, as data;
//! - [`calendar`]: the mainland-China working-day calendar behind 公开时效;
//! - [`timeliness`]: the 公开时效 rule (20 or 7 working days) on a record;
//! - [`analysis`]: Chinese text analysis, used identically at index and query time;
//! - [`process`]: a record's stage in its project (notice → candidates → result → contract → 履约);
//! - [`entities`]: party names (keys for exact look-up, extraction from notices);
//! - [`schema`]: the tantivy index schema;
//! - [`bundle`]: the on-disk bundle format (manifest, index files, document shards).

#![deny(missing_docs)]

pub mod analysis;
pub mod bundle;
pub mod calendar;
pub mod catalog;
pub mod data;
pub mod domain;
pub mod entities;
pub mod lexicon;
pub mod process;
pub mod query;
pub mod record;
pub mod regions;
pub mod schema;
pub mod spelling;
pub mod text;
pub mod timeliness;
pub mod vocabulary;

pub use domain::Domain;
pub use record::{FieldError, Record};
