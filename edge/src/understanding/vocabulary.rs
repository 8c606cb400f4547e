//! Vocabulary indexes built at load time from the bundle's [`Lexicon`]: prefix suggestions
//! (Chinese or pinyin) and pinyin → Chinese conversion for people without a Chinese input
//! method (`gongzufang` → 公租房, `tudi churang` → 土地出让, `gzf` → 公租房).

use gongkai_core::analysis;
use gongkai_core::lexicon::Lexicon;
use pinyin::ToPinyin;
use std::collections::HashMap;

/// What a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word of titles or a domain term.
    Term,
    /// A company or person.
    Entity,
}

impl Kind {
    /// The API name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Term => "term",
            Kind::Entity => "entity",
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    text: String,
    weight: u32,
    kind: Kind,
}

/// Suggestion and pinyin indexes.
#[derive(Debug, Default)]
pub struct Vocabulary {
    entries: Vec<Entry>,
    /// (key, entry) sorted by key: normalized text, full pinyin, initials, entity short forms.
    keys: Vec<(String, u32)>,
    /// Full pinyin (no spaces) → best entry.
    by_pinyin: HashMap<String, u32>,
    /// Pinyin initials → best entry.
    by_initials: HashMap<String, u32>,
}

/// Plain pinyin of a text, syllables joined (`公租房` → `gongzufang`); ASCII kept, lower-cased.
pub fn pinyin_key(text: &str) -> String {
    let mut out = String::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.plain()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// Pinyin initials of a text (`公租房` → `gzf`).
pub fn initials_key(text: &str) -> String {
    text.to_pinyin().flatten().filter_map(|p| p.plain().chars().next()).collect()
}

/// Whether a query is written in pinyin (ASCII letters and spaces only, not a code).
pub fn is_pinyin_query(q: &str) -> bool {
    let t = q.trim();
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '\'')
        && t.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2
}

impl Vocabulary {
    /// Builds the indexes from a lexicon plus the domain terms every index shares.
    pub fn build(lexicon: Lexicon) -> Vocabulary {
        let mut v = Vocabulary::default();
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut add = |v: &mut Vocabulary, text: &str, weight: u32, kind: Kind| {
            let norm = analysis::normalize(text);
            if let Some(&i) = seen.get(&norm) {
                let e = &mut v.entries[i as usize];
                e.weight = e.weight.max(weight);
                return;
            }
            let i = v.entries.len() as u32;
            seen.insert(norm, i);
            v.entries.push(Entry { text: text.to_string(), weight, kind });
        };
        for (w, df) in &lexicon.words {
            add(&mut v, w, *df, Kind::Term);
        }
        for (e, df) in &lexicon.entities {
            add(&mut v, e, *df + 1, Kind::Entity);
        }
        // Colloquial words people type, and every division name, are worth completing too (in a
        // fixed order: the tables are hash maps, and the entries' order breaks ties).
        let mut colloquial: Vec<&str> = gongkai_core::data::synonyms::keys().collect();
        colloquial.sort_unstable();
        for key in colloquial {
            add(&mut v, key, 5, Kind::Term);
        }
        // The official terms they stand for (矿业权, 国有产权) are typed too, in pinyin as well.
        let mut official: Vec<&str> =
            gongkai_core::data::synonyms::all().values().flat_map(|s| s.official.iter().map(String::as_str)).collect();
        official.sort_unstable();
        for o in official {
            add(&mut v, o, 4, Kind::Term);
        }
        for r in gongkai_core::regions::all() {
            add(&mut v, r.name, 3, Kind::Term);
        }
        for (i, e) in v.entries.iter().enumerate() {
            let i = i as u32;
            let norm = analysis::normalize(&e.text);
            let py = pinyin_key(&norm);
            let ini = initials_key(&norm);
            v.keys.push((norm.clone(), i));
            if !py.is_empty() && py != norm {
                v.keys.push((py.clone(), i));
                let better = |cur: Option<&u32>| cur.map(|&c| v.entries[c as usize].weight < e.weight).unwrap_or(true);
                if e.kind == Kind::Term && better(v.by_pinyin.get(&py)) {
                    v.by_pinyin.insert(py, i);
                }
                if e.kind == Kind::Term && ini.len() >= 2 && better(v.by_initials.get(&ini)) {
                    v.by_initials.insert(ini.clone(), i);
                }
                if ini.len() >= 2 {
                    v.keys.push((ini, i));
                }
            }
            if e.kind == Kind::Entity {
                // Companies are typed without their province or city: 鑫源 for 江苏省鑫源….
                let short = strip_place_prefix(&norm);
                if short != norm {
                    v.keys.push((short.to_string(), i));
                }
            }
        }
        v.keys.sort();
        v
    }

    /// Up to `size` completions of a prefix (Chinese or pinyin), most used first.
    pub fn suggest(&self, prefix: &str, size: usize) -> Vec<(String, Kind)> {
        let key: String = analysis::normalize(prefix).chars().filter(|c| !c.is_whitespace() && *c != '\'').collect();
        if key.is_empty() {
            return Vec::new();
        }
        let start = self.keys.partition_point(|(k, _)| k.as_str() < key.as_str());
        let mut found: Vec<u32> = self.keys[start..]
            .iter()
            .take_while(|(k, _)| k.starts_with(key.as_str()))
            .take(5000)
            .map(|&(_, i)| i)
            .collect();
        found.sort();
        found.dedup();
        found.sort_by(|&a, &b| {
            let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
            eb.weight
                .cmp(&ea.weight)
                .then_with(|| ea.text.chars().count().cmp(&eb.text.chars().count()))
                .then_with(|| ea.text.cmp(&eb.text))
        });
        found
            .into_iter()
            .take(size)
            .map(|i| (self.entries[i as usize].text.clone(), self.entries[i as usize].kind))
            .collect()
    }

    /// Converts a pinyin query to Chinese words of the vocabulary: each space-separated part
    /// is split into known syllable groups (longest known word first), or read as initials
    /// when it is short. `None` when some part cannot be converted.
    pub fn pinyin_to_chinese(&self, q: &str) -> Option<String> {
        let parts: Vec<String> = q
            .split_whitespace()
            .map(|p| p.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect::<String>())
            .filter(|p| !p.is_empty())
            .collect();
        let convert = |part: &str| {
            self.segment_pinyin(part).or_else(|| {
                (part.len() <= 6)
                    .then(|| self.by_initials.get(part).map(|&i| self.entries[i as usize].text.clone()))
                    .flatten()
            })
        };
        // Word by word (`tudi churang`), else syllable by syllable joined (`gong zu fang`).
        let by_part: Option<Vec<String>> = parts.iter().map(|p| convert(p)).collect();
        let out = by_part.map(|v| v.concat()).or_else(|| convert(&parts.concat()))?;
        (!out.is_empty()).then_some(out)
    }

    /// Rewrites the pinyin of a query into Chinese, or `None` when there is none to rewrite:
    /// a query all in pinyin is converted whole (initials allowed, and while someone is still
    /// typing, `gongz` → the best completion, 公租房); pinyin words inside a Chinese query
    /// (`苏州 gongzufang`) are converted when they are whole syllables of a known word.
    pub fn rewrite_pinyin(&self, q: &str) -> Option<String> {
        if is_pinyin_query(q) {
            return self.pinyin_to_chinese(q).or_else(|| {
                let key: String =
                    q.chars().filter(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
                self.suggest(&key, 1).into_iter().next().filter(|(_, kind)| *kind == Kind::Term).map(|(text, _)| text)
            });
        }
        let mut changed = false;
        let parts: Vec<String> = q
            .split_whitespace()
            .map(|part| {
                let lower = part.to_ascii_lowercase();
                if is_pinyin_query(part) && !analysis::looks_like_code(part) {
                    if let Some(chinese) = self.segment_pinyin(&lower) {
                        changed = true;
                        return chinese;
                    }
                }
                part.to_string()
            })
            .collect();
        changed.then(|| parts.join(" "))
    }

    /// Splits concatenated pinyin into vocabulary words, preferring fewer, heavier words.
    fn segment_pinyin(&self, s: &str) -> Option<String> {
        let n = s.len();
        // best[i] = (words used, -weight sum, previous cut, entry) for s[..i]
        let mut best: Vec<Option<(usize, i64, usize, u32)>> = vec![None; n + 1];
        best[0] = Some((0, 0, 0, 0));
        for i in 0..n {
            let Some((words, neg_weight, _, _)) = best[i] else { continue };
            for j in (i + 1..=n.min(i + 30)).rev() {
                if let Some(&e) = self.by_pinyin.get(&s[i..j]) {
                    let cand = (words + 1, neg_weight - self.entries[e as usize].weight as i64, i, e);
                    if best[j].map(|b| (cand.0, cand.1) < (b.0, b.1)).unwrap_or(true) {
                        best[j] = Some(cand);
                    }
                }
            }
        }
        let mut parts = Vec::new();
        let mut at = n;
        while at > 0 {
            let (_, _, prev, e) = best[at]?;
            parts.push(self.entries[e as usize].text.clone());
            at = prev;
        }
        parts.reverse();
        Some(parts.concat())
    }

    /// Number of vocabulary entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn strip_place_prefix(name: &str) -> &str {
    let mut rest = name;
    for prefix in ["江苏省", "江苏"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    for r in gongkai_core::regions::all() {
        for p in [r.name, r.short_name] {
            if p.chars().count() >= 2 {
                if let Some(x) = rest.strip_prefix(p) {
                    if x.chars().count() >= 2 {
                        return x;
                    }
                }
            }
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::build(Lexicon {
            words: vec![("公告".into(), 900), ("土地".into(), 50), ("出让".into(), 300), ("公共租赁住房".into(), 40)],
            entities: vec![("江苏省鑫源招标代理有限公司".into(), 12)],
        })
    }

    #[test]
    fn pinyin_queries_become_chinese() {
        let v = vocab();
        assert_eq!(pinyin_key("公租房"), "gongzufang");
        assert_eq!(v.pinyin_to_chinese("gongzufang").as_deref(), Some("公租房"));
        assert_eq!(v.pinyin_to_chinese("tudi churang").as_deref(), Some("土地出让"));
        assert_eq!(v.pinyin_to_chinese("tudichurang").as_deref(), Some("土地出让"));
        assert_eq!(v.pinyin_to_chinese("gong zu fang").as_deref(), Some("公租房"));
        assert_eq!(v.pinyin_to_chinese("gzf").as_deref(), Some("公租房"));
        assert_eq!(v.pinyin_to_chinese("xqzv"), None);
        assert_eq!(v.rewrite_pinyin("苏州 gongzufang").as_deref(), Some("苏州 公租房"));
        assert_eq!(v.rewrite_pinyin("gongzufan").as_deref(), Some("公租房"), "a prefix completes");
        assert_eq!(v.rewrite_pinyin("苏州 JSZC-01"), None);
        assert_eq!(v.rewrite_pinyin("公告"), None);
        assert!(is_pinyin_query("tudi churang") && !is_pinyin_query("土地") && !is_pinyin_query("JSZC-01"));
    }

    #[test]
    fn suggestions_complete_chinese_pinyin_and_company_names() {
        let v = vocab();
        let texts = |s: Vec<(String, Kind)>| s.into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert!(texts(v.suggest("公", 5)).contains(&"公告".to_string()));
        assert!(texts(v.suggest("gonggao", 5)).contains(&"公告".to_string()));
        assert_eq!(v.suggest("鑫源", 5)[0], ("江苏省鑫源招标代理有限公司".to_string(), Kind::Entity));
        assert!(v.suggest("", 5).is_empty());
    }
}
