//! Ranking knobs, with their effect and sensible range.
//!
//! The score of a document is BM25 over the query's concepts (each concept scores the best of
//! its fields and alternatives, so a word and its synonyms are not counted twice), then
//! multiplied by the domain-intent and recency factors below.

/// Field weights and score factors.
#[derive(Debug, Clone, Copy)]
pub struct Ranking {
    /// Weight of a jieba-word match in the title. Range 1–10; default 4. Raising it favours
    /// records whose headline says what was asked over records that only discuss it.
    pub title: f32,
    /// Weight of a bigram match in the title (partial words, other segmentations). 0.5–5; 2.
    pub title_bigrams: f32,
    /// Weight of a match in the named entities (companies, persons). 1–10; default 4, so an
    /// exact company name ranks that company's records first.
    pub entities: f32,
    /// Weight of a bigram match in entities (a name without its 有限公司 suffix). 0.5–5; 2.
    pub entities_bigrams: f32,
    /// Weight of a body match. 0.2–3; default 1.
    pub body: f32,
    /// Weight of a bigram match in the body. 0.1–2; default 0.4.
    pub body_bigrams: f32,
    /// Weight of a publisher/source match. 0–2; default 0.6.
    pub publisher: f32,
    /// Weight of a place match on the record's division (or an ancestor). 1–10; default 3.
    pub place: f32,
    /// Weight of an exact code match (project, parcel or document number). 5–50; default 20:
    /// a code names one project, so its records come first.
    pub code: f32,
    /// Bonus weight of the whole query as a phrase in the title. 0–5; default 2.
    pub title_phrase: f32,
    /// Weight of official synonyms relative to the typed word. 0.3–1; default 0.8.
    pub synonym: f32,
    /// Multiplier for records of the query's main domain intent (土地 → land). 1–3; 1.6.
    pub domain_intent: f32,
    /// Multiplier for records of a secondary domain intent. 1–2; default 1.2.
    pub secondary_intent: f32,
    /// Maximum recency bonus (fraction of the score) for the newest records. 0–0.5; 0.15.
    pub recency: f32,
    /// Half-life of the recency bonus in days. 30–1000; default 365.
    pub recency_half_life_days: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title: 4.0,
            title_bigrams: 2.0,
            entities: 4.0,
            entities_bigrams: 2.0,
            body: 1.0,
            body_bigrams: 0.4,
            publisher: 0.6,
            place: 3.0,
            code: 20.0,
            title_phrase: 2.0,
            synonym: 0.8,
            domain_intent: 1.6,
            secondary_intent: 1.2,
            recency: 0.15,
            recency_half_life_days: 365.0,
        }
    }
}

impl Ranking {
    /// The recency factor for a record `age_days` older than the newest record.
    pub fn recency_factor(&self, age_days: i64) -> f32 {
        let age = age_days.max(0) as f32;
        1.0 + self.recency * 0.5f32.powf(age / self.recency_half_life_days)
    }
}
