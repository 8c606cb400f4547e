//! Query understanding: from what people type to what the index is asked. Query-time only —
//! the index side (analysis, data, lexicon) is in `gongkai-core`, which never depends on this.
//!
//! - [`query`] — a query's plan: codes, places, colloquial words and their intent;
//! - [`spelling`] — wrong characters corrected against the index's own character pairs;
//! - [`vocabulary`] — suggestions and pinyin, from the bundle's lexicon.

pub mod query;
pub mod spelling;
pub mod vocabulary;
