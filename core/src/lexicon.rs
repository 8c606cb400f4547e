//! The bundle's vocabulary: the words of titles and the names of entities, with how many
//! documents use them. The edge builds its suggestion, pinyin and spelling indexes from it.

use crate::analysis;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Vocabulary of an index.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Lexicon {
    /// Title words (normalized jieba words of two or more characters) and their document
    /// frequency, most frequent first.
    pub words: Vec<(String, u32)>,
    /// Entity names as published (companies, persons) and their document frequency.
    pub entities: Vec<(String, u32)>,
}

fn is_vocabulary_word(w: &str) -> bool {
    let n = w.chars().count();
    (2..=12).contains(&n) && w.chars().any(analysis::is_cjk) && !w.chars().all(|c| c.is_ascii_digit())
}

/// A record's distinct vocabulary words of its title.
fn title_words(r: &Record) -> Vec<String> {
    let mut seen: Vec<String> =
        analysis::words(&r.title).into_iter().map(|t| t.text).filter(|w| is_vocabulary_word(w)).collect();
    seen.sort();
    seen.dedup();
    seen
}

/// Collects a [`Lexicon`] one record at a time, so a build never needs all its records at
/// once: memory grows with the vocabulary, not with the corpus.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    words: HashMap<String, u32>,
    entities: HashMap<String, u32>,
}

impl LexiconBuilder {
    /// Continues counting from an existing vocabulary (an incremental update).
    pub fn from_lexicon(lexicon: Lexicon) -> LexiconBuilder {
        LexiconBuilder { words: lexicon.words.into_iter().collect(), entities: lexicon.entities.into_iter().collect() }
    }

    /// Takes back one record counted before (a record replaced or withdrawn by an update):
    /// a word or name no record uses any more leaves the vocabulary.
    pub fn remove(&mut self, r: &Record) {
        fn take(map: &mut HashMap<String, u32>, key: &str) {
            if let Some(n) = map.get_mut(key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    map.remove(key);
                }
            }
        }
        for w in title_words(r) {
            take(&mut self.words, &w);
        }
        for e in &r.entities {
            take(&mut self.entities, e);
        }
    }

    /// Counts one record's title words and entity names.
    pub fn add(&mut self, r: &Record) {
        for w in title_words(r) {
            *self.words.entry(w).or_insert(0) += 1;
        }
        for e in &r.entities {
            match self.entities.get_mut(e.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.entities.insert(e.clone(), 1);
                }
            }
        }
    }

    /// The vocabulary of every record added, most frequent first (ties in text order).
    pub fn finish(self) -> Lexicon {
        let sorted = |m: HashMap<String, u32>| {
            let mut v: Vec<(String, u32)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        Lexicon { words: sorted(self.words), entities: sorted(self.entities) }
    }
}

impl Lexicon {
    /// Collects the vocabulary of a set of records.
    pub fn build(records: &[Record]) -> Lexicon {
        let mut builder = LexiconBuilder::default();
        for r in records {
            builder.add(r);
        }
        builder.finish()
    }

    /// Serializes to the bundle's `lexicon.json`.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads `lexicon.json`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Lexicon, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}
