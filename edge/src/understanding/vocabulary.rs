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

/// Where a text lies in [`Vocabulary::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    at: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    text: Span,
    weight: u32,
    kind: Kind,
}

/// Suggestion and pinyin indexes. Every text (entries and keys) lies in one string, and the
/// indexes are sorted lists of spans into it: at 1,000,000 records (57,000 entries, 230,000
/// keys) a `String` per key cost more in headers and allocations than in text.
#[derive(Debug, Default)]
pub struct Vocabulary {
    text: String,
    entries: Vec<Entry>,
    /// (key, entry) sorted by key: normalized text, full pinyin, initials, entity short forms.
    keys: Vec<(Span, u32)>,
    /// Full pinyin (no spaces) → best term entry, sorted by key.
    by_pinyin: Vec<(Span, u32)>,
    /// Pinyin initials → best term entry, sorted by key.
    by_initials: Vec<(Span, u32)>,
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
        // Room for every text and its keys (pinyin is about as long as the Chinese it spells,
        // in fewer bytes), so the text is not copied as it grows: the Worker's memory keeps
        // the peak of a build.
        let lexicon_bytes: usize = lexicon.words.iter().chain(&lexicon.entities).map(|(t, _)| t.len()).sum();
        v.text.reserve(lexicon_bytes * 5 / 2 + 64 * 1024);
        v.entries.reserve(lexicon.words.len() + lexicon.entities.len() + 4096);
        // Entries by the hash of their normalized text (checked against the text itself on a
        // hit): no second copy of every text while building.
        let mut seen: HashMap<u64, u32> = HashMap::with_capacity(v.entries.capacity());
        let state = std::collections::hash_map::RandomState::new();
        let mut add = |v: &mut Vocabulary, text: &str, weight: u32, kind: Kind| {
            let norm = analysis::normalize(text);
            let key = std::hash::BuildHasher::hash_one(&state, norm.as_str());
            if let Some(&i) = seen.get(&key) {
                let e = v.entries[i as usize];
                if analysis::normalize(v.str(e.text)) == norm {
                    let e = &mut v.entries[i as usize];
                    e.weight = e.weight.max(weight);
                    return;
                }
            }
            let i = v.entries.len() as u32;
            seen.entry(key).or_insert(i);
            let text = v.push(text);
            v.entries.push(Entry { text, weight, kind });
        };
        for (w, df) in &lexicon.words {
            add(&mut v, w, *df, Kind::Term);
        }
        for (e, df) in &lexicon.entities {
            add(&mut v, e, *df + 1, Kind::Entity);
        }
        drop(lexicon);
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
        drop(seen);
        v.keys.reserve_exact(v.entries.len() * 4);
        let (mut by_pinyin, mut by_initials) = (Vec::new(), Vec::new());
        for i in 0..v.entries.len() {
            let e = v.entries[i];
            let i = i as u32;
            let norm = analysis::normalize(v.str(e.text));
            // The normalized text is most often the text itself: then its key is the entry's span.
            let key = if norm == v.str(e.text) { e.text } else { v.push(&norm) };
            v.keys.push((key, i));
            let py = pinyin_key(&norm);
            if !py.is_empty() && py != norm {
                let py = v.push(&py);
                v.keys.push((py, i));
                if e.kind == Kind::Term {
                    by_pinyin.push((py, i));
                }
                let ini = initials_key(&norm);
                if ini.len() >= 2 {
                    let ini = v.push(&ini);
                    v.keys.push((ini, i));
                    if e.kind == Kind::Term {
                        by_initials.push((ini, i));
                    }
                }
            }
            if e.kind == Kind::Entity {
                // Companies are typed without their province or city: 鑫源 for 江苏省鑫源….
                let short = strip_place_prefix(&norm);
                if short != norm {
                    // A suffix of the key: a span inside it.
                    let cut = (norm.len() - short.len()) as u32;
                    v.keys.push((Span { at: key.at + cut, len: key.len - cut }, i));
                }
            }
        }
        let text = &v.text;
        let str_of = |s: Span| &text[s.at as usize..(s.at + s.len) as usize];
        v.keys.sort_unstable_by(|a, b| str_of(a.0).cmp(str_of(b.0)).then(a.1.cmp(&b.1)));
        // The best term for a pinyin key: the heaviest, the first entry among equals.
        let entries = &v.entries;
        let best_first = |a: &(Span, u32), b: &(Span, u32)| {
            str_of(a.0)
                .cmp(str_of(b.0))
                .then(entries[b.1 as usize].weight.cmp(&entries[a.1 as usize].weight))
                .then(a.1.cmp(&b.1))
        };
        by_pinyin.sort_unstable_by(best_first);
        by_initials.sort_unstable_by(best_first);
        by_pinyin.dedup_by(|b, a| str_of(a.0) == str_of(b.0));
        by_initials.dedup_by(|b, a| str_of(a.0) == str_of(b.0));
        v.by_pinyin = by_pinyin;
        v.by_initials = by_initials;
        v.text.shrink_to_fit();
        v.keys.shrink_to_fit();
        v
    }

    /// Appends `s` to the text, returning where it lies.
    fn push(&mut self, s: &str) -> Span {
        let at = self.text.len() as u32;
        self.text.push_str(s);
        Span { at, len: s.len() as u32 }
    }

    fn str(&self, s: Span) -> &str {
        &self.text[s.at as usize..(s.at + s.len) as usize]
    }

    /// The entry a sorted index gives `key`.
    fn find(&self, index: &[(Span, u32)], key: &str) -> Option<u32> {
        index.binary_search_by(|(s, _)| self.str(*s).cmp(key)).ok().map(|at| index[at].1)
    }

    /// Up to `size` completions of a prefix (Chinese or pinyin), most used first.
    pub fn suggest(&self, prefix: &str, size: usize) -> Vec<(String, Kind)> {
        let key: String = analysis::normalize(prefix).chars().filter(|c| !c.is_whitespace() && *c != '\'').collect();
        if key.is_empty() {
            return Vec::new();
        }
        let start = self.keys.partition_point(|(k, _)| self.str(*k) < key.as_str());
        let mut found: Vec<u32> = self.keys[start..]
            .iter()
            .take_while(|(k, _)| self.str(*k).starts_with(key.as_str()))
            .take(5000)
            .map(|&(_, i)| i)
            .collect();
        found.sort();
        found.dedup();
        found.sort_by(|&a, &b| {
            let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
            let (ta, tb) = (self.str(ea.text), self.str(eb.text));
            eb.weight.cmp(&ea.weight).then_with(|| ta.chars().count().cmp(&tb.chars().count())).then_with(|| ta.cmp(tb))
        });
        found
            .into_iter()
            .take(size)
            .map(|i| (self.str(self.entries[i as usize].text).to_string(), self.entries[i as usize].kind))
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
                    .then(|| {
                        self.find(&self.by_initials, part).map(|i| self.str(self.entries[i as usize].text).to_string())
                    })
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
                if let Some(e) = self.find(&self.by_pinyin, &s[i..j]) {
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
            parts.push(self.str(self.entries[e as usize].text).to_string());
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
    fn of_words_sounding_alike_pinyin_becomes_the_most_used() {
        let lexicon = |words: &[(&str, u32)]| Lexicon {
            words: words.iter().map(|(w, n)| (w.to_string(), *n)).collect(),
            entities: vec![],
        };
        // 公示 and 公式 are both gongshi; 工事 too (initials gs for all three).
        let v = Vocabulary::build(lexicon(&[("公式", 3), ("公示", 800), ("工事", 800)]));
        assert_eq!(v.pinyin_to_chinese("gongshi").as_deref(), Some("公示"), "heaviest, then first");
        assert_eq!(v.pinyin_to_chinese("gs").as_deref(), Some("公示"));
        let v = Vocabulary::build(lexicon(&[("公式", 900), ("公示", 800)]));
        assert_eq!(v.pinyin_to_chinese("gongshi").as_deref(), Some("公式"));
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
