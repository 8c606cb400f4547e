//! The reviewed synonym list (`core/data/synonyms.tsv`): what people type → the official terms
//! records use, and what the word says the asker wants (a domain, catalog items).
//!
//! Index time uses only its keys (they reach jieba's dictionary, so 公租房 stays one word); query
//! understanding uses the rest.

use super::{loaded, DataError, Tsv};
use crate::domain::Domain;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILE: Tsv = Tsv::new("synonyms.tsv", include_str!("../../data/synonyms.tsv"), 3);

/// One line of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Synonym {
    /// The official terms (normalized), each an alternative of equal standing with the key.
    pub official: Vec<String>,
    /// The domain the word is about, if the intent column names one.
    pub domain: Option<Domain>,
    /// Catalog items the word is about (卖地 → T09).
    pub catalog: Vec<&'static str>,
}

pub(crate) fn load() -> Result<HashMap<String, Synonym>, DataError> {
    let mut map = HashMap::new();
    for row in FILE.rows()? {
        let key = crate::text::normalize(row.required(0, "query term")?);
        let official: Vec<String> = row
            .required(1, "official terms")?
            .split('|')
            .map(crate::text::normalize)
            .filter(|s| !s.is_empty())
            .collect();
        // The intent column: a domain code and/or catalog item codes, space-separated.
        let mut domain = None;
        let mut catalog = Vec::new();
        for code in row.text(2).split_whitespace() {
            if let Some(d) = Domain::from_code(code) {
                domain = domain.or(Some(d));
            } else if let Some(item) = crate::catalog::item(code) {
                catalog.push(item.code);
            } else {
                return Err(
                    row.invalid(format!("column 3 (intent) `{code}` is neither a domain code nor a catalog item"))
                );
            }
        }
        if map.insert(key.clone(), Synonym { official, domain, catalog }).is_some() {
            return Err(row.invalid(format!("`{key}` is listed twice")));
        }
    }
    Ok(map)
}

/// The whole list, by normalized key.
pub fn all() -> &'static HashMap<String, Synonym> {
    static MAP: OnceLock<HashMap<String, Synonym>> = OnceLock::new();
    MAP.get_or_init(|| loaded(load()))
}

/// The line of a (normalized) word, if it is a key of the list.
pub fn get(word: &str) -> Option<&'static Synonym> {
    all().get(word)
}

/// Every key of the list (for the jieba dictionary, the analyzer fingerprint and suggestions).
pub fn keys() -> impl Iterator<Item = &'static str> {
    all().keys().map(String::as_str)
}
