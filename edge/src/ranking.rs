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
    /// Multiplier for records in a division the query names (or inside it: 苏州 → 昆山市).
    /// 1–3; default 2.5: with a topic (常州 保障房 摇号), records of that place come before the
    /// same topic elsewhere. Records elsewhere that merely mention the place still match. A
    /// place inside an organization's name (太仓同济建设工程有限公司) is not a place intent.
    pub place_boost: f32,
    /// Weight of the place words themselves when the query also has a topic (盐城 矿山):
    /// 0.1–1; default 0.5. Lower lets records about the topic elsewhere outrank records that
    /// only match the place; the place then mostly acts through `place_boost`.
    pub place_with_topic: f32,
    /// Multiplier for records published in a year the query names (`2024`, `2024年`). 1–2; 1.4.
    pub year_boost: f32,
    /// Multiplier for records of a catalog item the query is about (卖地 → T09). 1–3; 2.5.
    /// Strong on purpose: words like 卖地, 摇号 or 黑名单 name the kind of record wanted, and
    /// related records of the same project (出让合同履约情况) would otherwise come first.
    pub catalog_intent: f32,
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
            place_boost: 2.5,
            place_with_topic: 0.5,
            year_boost: 1.4,
            catalog_intent: 2.5,
            recency: 0.15,
            recency_half_life_days: 365.0,
        }
    }
}

impl Ranking {
    /// Applies overrides written as `knob=value,knob=value` (e.g. `place_boost=1.5,title=5`),
    /// as given to `edge-serve --ranking` or the Worker's `RANKING` variable.
    pub fn with_overrides(mut self, spec: &str) -> Result<Ranking, String> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("`{pair}` is not knob=value"))?;
            let value: f32 = value.trim().parse().map_err(|_| format!("`{value}` is not a number (in `{pair}`)"))?;
            if !value.is_finite() || value < 0.0 {
                return Err(format!("`{pair}`: a knob must be a non-negative number"));
            }
            let knob = match name.trim() {
                "title" => &mut self.title,
                "title_bigrams" => &mut self.title_bigrams,
                "entities" => &mut self.entities,
                "entities_bigrams" => &mut self.entities_bigrams,
                "body" => &mut self.body,
                "body_bigrams" => &mut self.body_bigrams,
                "publisher" => &mut self.publisher,
                "place" => &mut self.place,
                "code" => &mut self.code,
                "title_phrase" => &mut self.title_phrase,
                "synonym" => &mut self.synonym,
                "domain_intent" => &mut self.domain_intent,
                "secondary_intent" => &mut self.secondary_intent,
                "place_boost" => &mut self.place_boost,
                "place_with_topic" => &mut self.place_with_topic,
                "year_boost" => &mut self.year_boost,
                "catalog_intent" => &mut self.catalog_intent,
                "recency" => &mut self.recency,
                "recency_half_life_days" => &mut self.recency_half_life_days,
                other => return Err(format!("`{other}` is not a ranking knob (see edge/src/ranking.rs)")),
            };
            *knob = value;
        }
        Ok(self)
    }

    /// The recency factor for a record `age_days` older than the newest record.
    pub fn recency_factor(&self, age_days: i64) -> f32 {
        let age = age_days.max(0) as f32;
        1.0 + self.recency * 0.5f32.powf(age / self.recency_half_life_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_name_the_bad_knob() {
        let r = Ranking::default().with_overrides("place_boost=1.5, title=5").unwrap();
        assert_eq!((r.place_boost, r.title), (1.5, 5.0));
        assert!(Ranking::default().with_overrides("titel=5").unwrap_err().contains("titel"));
        assert!(Ranking::default().with_overrides("title=x").is_err());
        assert!(Ranking::default().with_overrides("title=-1").is_err());
    }
}
