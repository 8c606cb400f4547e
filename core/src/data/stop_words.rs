//! Question and function words (`core/data/stop-words.txt`): dropped from a query unless
//! nothing else is left, and never "corrected" by spelling.

use super::{loaded, DataError, Tsv};
use std::collections::HashSet;
use std::sync::OnceLock;

const FILE: Tsv = Tsv::new("stop-words.txt", include_str!("../../data/stop-words.txt"), 1);

pub(crate) fn load() -> Result<HashSet<&'static str>, DataError> {
    FILE.rows()?.iter().map(|row| row.required(0, "word")).collect()
}

fn words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| loaded(load()))
}

/// Whether a (normalized) word is a stop word.
pub fn contains(word: &str) -> bool {
    words().contains(word)
}
