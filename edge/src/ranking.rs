//! Ranking knobs: one table ([`KNOBS`]) gives each knob its name, default, allowed range and
//! effect; the [`Ranking`] struct, its `Default`, the override parser and the README's table all
//! come from it (a test checks the README against it).
//!
//! The score of a document is BM25 over the query's concepts (each concept scores the best of
//! its fields and alternatives, so a word and its synonyms are not counted twice), then
//! multiplied by the intent, place, year and recency factors below.

/// One ranking knob as the table declares it.
#[derive(Debug, Clone, Copy)]
pub struct Knob {
    /// The name used in overrides (`title=5`) and in the README.
    pub name: &'static str,
    /// The default value.
    pub default: f32,
    /// The smallest value accepted.
    pub min: f32,
    /// The largest value accepted.
    pub max: f32,
    /// What raising it does, as the README says.
    pub effect: &'static str,
    field: fn(&mut Ranking) -> &mut f32,
}

macro_rules! knobs {
    ($($name:ident: $default:literal, $min:literal..=$max:literal, $effect:literal;)*) => {
        /// Field weights and score factors. Every field is a knob of [`KNOBS`]; see its effect there.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct Ranking {
            $(
                #[doc = $effect]
                pub $name: f32,
            )*
        }

        impl Default for Ranking {
            fn default() -> Self {
                Ranking { $($name: $default,)* }
            }
        }

        /// Every knob: name, default, range and effect, in the README's order.
        pub const KNOBS: &[Knob] = &[
            $(Knob {
                name: stringify!($name),
                default: $default,
                min: $min,
                max: $max,
                effect: $effect,
                field: |r: &mut Ranking| &mut r.$name,
            },)*
        ];
    };
}

knobs! {
    title: 4.0, 1.0..=10.0, "headline matches over body matches";
    title_bigrams: 2.0, 0.5..=5.0, "partial words and other segmentations in the title";
    entities: 4.0, 1.0..=10.0, "an exact company name ranks that company's records first";
    entities_bigrams: 2.0, 0.5..=5.0, "a company name without its 有限公司 suffix";
    entity_key: 12.0, 1.0..=40.0, "a record that names the company or body the query names (its exact name, or the name without 有限公司)";
    body: 1.0, 0.2..=3.0, "body matches";
    topic_domain: 1.0, 0.0..=5.0, "score of a record that satisfies a topic word (产权, 土地) by its domain alone, without the word";
    body_bigrams: 0.4, 0.1..=2.0, "recall net in the body";
    publisher: 0.6, 0.0..=2.0, "公开主体 and 信息来源 matches";
    place: 3.0, 1.0..=10.0, "records in the named division or inside it";
    code: 20.0, 5.0..=50.0, "exact project, parcel or document numbers come first";
    title_phrase: 2.0, 0.0..=5.0, "the query as a phrase in the title";
    synonym: 0.8, 0.3..=1.0, "official synonyms relative to the typed word";
    category_items: 12.0, 1.0..=40.0, "score (in BM25 points, times the field's weight and `synonym`) of a record naming an item of the category the query names (彩超 for 医疗设备), by the builder's tag, in its title or body";
    domain_intent: 1.6, 1.0..=3.0, "records of the query's main domain (土地 → land over a mining notice)";
    catalog_intent: 2.5, 1.0..=3.0, "records of the catalog item the query is about (卖地 → T09 出让公告、成交公示)";
    place_boost: 2.5, 1.0..=3.0, "records in the division the query names, or inside it (苏州 → 昆山市); not for a place inside an organization's name";
    place_with_topic: 0.5, 0.1..=1.0, "weight of the place words when the query also has a topic (盐城 矿山): lower keeps records that only match the place below records about the topic";
    stage_boost: 2.0, 1.0..=4.0, "records at the stage the query asks for (中标结果, 候选人, 合同, 招标公告 …) over the same project's other stages";
    stage_words: 2.0, 0.5..=5.0, "weight of the stage's own wording (招标公告, 成交) in a record, beside its role";
    year_boost: 1.4, 1.0..=2.0, "records published in a year the query names (`2024`, `2024年`)";
    secondary_intent: 1.2, 1.0..=2.0, "records of a secondary domain intent";
    recency: 0.15, 0.0..=0.5, "largest bonus for the newest records";
    recency_half_life_days: 365.0, 30.0..=1000.0, "how fast the recency bonus fades";
}

impl Knob {
    /// Looks a knob up by name.
    pub fn named(name: &str) -> Option<&'static Knob> {
        KNOBS.iter().find(|k| k.name == name)
    }
}

impl Ranking {
    /// Applies overrides written as `knob=value,knob=value` (e.g. `place_boost=1.5,title=5`),
    /// as given to `edge-serve --ranking` or the Worker's `RANKING` variable. An unknown knob,
    /// a value that is not a number or one outside the knob's range is refused, naming it.
    pub fn with_overrides(mut self, spec: &str) -> Result<Ranking, String> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("`{pair}` is not knob=value"))?;
            let name = name.trim();
            let knob = Knob::named(name).ok_or_else(|| {
                let names: Vec<&str> = KNOBS.iter().map(|k| k.name).collect();
                format!("`{name}` is not a ranking knob; the knobs are {}", names.join(", "))
            })?;
            let value: f32 = value.trim().parse().map_err(|_| format!("`{value}` is not a number (in `{pair}`)"))?;
            if !(knob.min..=knob.max).contains(&value) {
                return Err(format!(
                    "`{pair}`: {name} must be from {} to {} (default {})",
                    knob.min, knob.max, knob.default
                ));
            }
            *(knob.field)(&mut self) = value;
        }
        Ok(self)
    }

    /// The recency factor for a record `age_days` older than the newest record.
    pub fn recency_factor(&self, age_days: i64) -> f32 {
        let age = age_days.max(0) as f32;
        1.0 + self.recency * 0.5f32.powf(age / self.recency_half_life_days)
    }

    /// The knobs as the README's markdown table rows (`| name | default | min–max | effect |`).
    pub fn markdown_rows() -> String {
        KNOBS
            .iter()
            .map(|k| format!("| `{}` | {} | {}–{} | {} |\n", k.name, k.default, k.min, k.max, k.effect))
            .collect()
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

    #[test]
    fn out_of_range_values_are_refused_with_the_range() {
        let e = Ranking::default().with_overrides("title=100").unwrap_err();
        assert!(e.contains("title") && e.contains("1 to 10"), "{e}");
        let e = Ranking::default().with_overrides("recency=0.6").unwrap_err();
        assert!(e.contains("0 to 0.5"), "{e}");
        assert_eq!(Ranking::default().with_overrides("recency=0").unwrap().recency, 0.0);
    }

    #[test]
    fn every_default_lies_in_its_range_and_fields_match_the_table() {
        let mut r = Ranking::default();
        for k in KNOBS {
            assert!((k.min..=k.max).contains(&k.default), "{}", k.name);
            assert_eq!(*(k.field)(&mut r), k.default, "{}", k.name);
        }
    }

    #[test]
    fn the_readme_table_is_this_table() {
        let readme = include_str!("../../README.md");
        for row in Ranking::markdown_rows().lines() {
            assert!(readme.contains(row), "README.md lacks the ranking row `{row}`: paste `Ranking::markdown_rows()`");
        }
    }
}
