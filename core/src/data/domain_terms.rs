//! Words that signal a domain on their own (`core/data/domain-terms.tsv`: 出让 → land,
//! 采购 → procurement), besides the official terms of [`super::synonyms`].

use super::{loaded, DataError, Tsv};
use crate::domain::Domain;
use std::sync::OnceLock;

const FILE: Tsv = Tsv::new("domain-terms.tsv", include_str!("../../data/domain-terms.tsv"), 2);

pub(crate) fn load() -> Result<Vec<(String, Domain)>, DataError> {
    FILE.rows()?
        .iter()
        .map(|row| {
            let word = crate::text::normalize(row.required(0, "word")?);
            Ok((word, row.lookup(1, "domain", "a domain code (land, procurement, …)", Domain::from_code)?))
        })
        .collect()
}

/// Every word and its domain, in file order.
pub fn all() -> &'static [(String, Domain)] {
    static TERMS: OnceLock<Vec<(String, Domain)>> = OnceLock::new();
    TERMS.get_or_init(|| loaded(load()))
}
