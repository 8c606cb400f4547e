//! Correcting wrong characters against the index's own vocabulary.
//!
//! People type homophones (工告 for 公告, 要号 for 摇号) and look-alikes (侯选人 for 候选人).
//! A character pair of the query that no document contains is suspicious; each of its two
//! characters is replaced by its homophones and look-alikes, and the replacement that the
//! index knows best (document frequency of the new pair, plus its neighbours) wins.

use gongkai_core::analysis;
use pinyin::ToPinyin;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Pairs of characters that look alike and are often confused (both directions apply).
const LOOK_ALIKES: &[(char, char)] = &[
    ('侯', '候'),
    ('己', '已'),
    ('已', '巳'),
    ('未', '末'),
    ('拔', '拨'),
    ('汩', '汨'),
    ('戌', '戍'),
    ('券', '卷'),
    ('赢', '嬴'),
    ('治', '冶'),
    ('析', '折'),
    ('睛', '晴'),
    ('准', '淮'),
    ('苦', '若'),
    ('天', '夭'),
    ('人', '入'),
    ('土', '士'),
    ('日', '曰'),
    ('竟', '竞'),
    ('帐', '账'),
    ('做', '作'),
    ('的', '地'),
    ('再', '在'),
    ('象', '像'),
    ('部', '剖'),
    ('茶', '荼'),
    ('鸟', '乌'),
    ('免', '兔'),
];

/// A document-frequency oracle: how many documents contain a normalized character bigram.
pub trait BigramFrequency {
    /// Documents containing `bigram`.
    fn df(&self, bigram: &str) -> u64;
}

impl<F: Fn(&str) -> u64> BigramFrequency for F {
    fn df(&self, bigram: &str) -> u64 {
        self(bigram)
    }
}

fn homophones() -> &'static HashMap<&'static str, Vec<char>> {
    static MAP: OnceLock<HashMap<&'static str, Vec<char>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<char>> = HashMap::new();
        for code in 0x4E00u32..=0x9FA5 {
            if let Some(c) = char::from_u32(code) {
                if let Some(p) = c.to_pinyin() {
                    map.entry(p.plain()).or_default().push(c);
                }
            }
        }
        map
    })
}

/// Characters a typist may have meant instead of `c`.
pub fn confusable(c: char) -> Vec<char> {
    let mut out: Vec<char> = c
        .to_pinyin()
        .and_then(|p| homophones().get(p.plain()))
        .map(|v| v.iter().copied().filter(|&x| x != c).collect())
        .unwrap_or_default();
    for &(a, b) in LOOK_ALIKES {
        if a == c {
            out.push(b);
        } else if b == c {
            out.push(a);
        }
    }
    out
}

/// Single characters of a question that are never a mistyped content word.
const PARTICLES: &str = "的了吗呢吧啊谁";

/// Minimum document frequency for a replacement pair to be trusted.
const MIN_DF: u64 = 2;

/// Corrects the Chinese runs of a query, or `None` when every pair is known to the index (or
/// nothing better is found). Codes and ASCII are left alone.
pub fn correct(query: &str, index: &dyn BigramFrequency) -> Option<String> {
    let normalized = analysis::normalize(query);
    let mut chars: Vec<char> = normalized.chars().collect();
    // Words the dictionary knows (集采, 公租房, place names) are what people meant, even when
    // no record of this index happens to contain them: never "correct" those.
    let mut protected = vec![false; chars.len()];
    let mut at = 0;
    for token in analysis::jieba().cut(&normalized, false) {
        let n = token.word.chars().count();
        // So are the particles and question words of a question (的, 了, 谁, 哪些): 苏州的地块
        // must not become 苏州德地块 because company names make 州德 a known pair. (Not every
        // stop word: 要号 is still 摇号 mistyped.)
        let known = n >= 2 && analysis::jieba().has_word(token.word);
        let particle =
            gongkai_core::data::stop_words::contains(token.word) && (n >= 2 || PARTICLES.contains(token.word));
        if known || particle {
            protected[at..at + n].iter_mut().for_each(|p| *p = true);
        }
        at += n;
    }
    let mut changed = false;
    let pair = |a: char, b: char| -> String { [a, b].iter().collect() };
    let mut i = 0;
    while i + 1 < chars.len() {
        let (a, b) = (chars[i], chars[i + 1]);
        if !(analysis::is_cjk(a) && analysis::is_cjk(b))
            || (protected[i] && protected[i + 1])
            || index.df(&pair(a, b)) > 0
        {
            i += 1;
            continue;
        }
        // Score replacing position `at` by `c`: the repaired pair must be known; the pair it
        // forms on its other side counts too, so context decides between homophones.
        let score = |at: usize, c: char| -> u64 {
            let (l, r) = if at == i { (c, b) } else { (a, c) };
            let main = index.df(&pair(l, r));
            if main < MIN_DF {
                return 0;
            }
            let outer = if at == i {
                (at > 0 && analysis::is_cjk(chars[at - 1])).then(|| pair(chars[at - 1], c))
            } else {
                (at + 1 < chars.len() && analysis::is_cjk(chars[at + 1])).then(|| pair(c, chars[at + 1]))
            };
            main + outer.map(|p| index.df(&p)).unwrap_or(0)
        };
        let mut best: Option<(u64, usize, char)> = None;
        for at in [i, i + 1].into_iter().filter(|&k| !protected[k]) {
            for c in confusable(chars[at]) {
                let s = score(at, c);
                if s > 0 && best.map(|b| s > b.0).unwrap_or(true) {
                    best = Some((s, at, c));
                }
            }
        }
        if let Some((_, at, c)) = best {
            chars[at] = c;
            changed = true;
        }
        i += 1;
    }
    changed.then(|| chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn corpus_df(texts: &[&str]) -> impl Fn(&str) -> u64 {
        let mut df: HashMap<String, u64> = HashMap::new();
        for t in texts {
            let mut seen: Vec<String> = analysis::bigrams(t).into_iter().map(|b| b.text).collect();
            seen.sort();
            seen.dedup();
            for b in seen {
                *df.entry(b).or_insert(0) += 1;
            }
        }
        move |b: &str| df.get(b).copied().unwrap_or(0)
    }

    #[test]
    fn homophones_and_look_alikes_are_corrected_against_the_corpus() {
        let index = corpus_df(&[
            "南京市政府采购公告",
            "中标候选人公示",
            "第一中标候选人",
            "公共租赁住房摇号结果公告",
            "保障性住房摇号公告",
            "招标公告",
            "成交公告",
            "中标候选人名单",
        ]);
        assert_eq!(correct("工告", &index).as_deref(), Some("公告"));
        assert_eq!(correct("中标侯选人", &index).as_deref(), Some("中标候选人"));
        assert_eq!(correct("要号", &index).as_deref(), Some("摇号"));
        assert_eq!(correct("摇号公告", &index), None, "a known query is left alone");
        assert_eq!(correct("JSZC-01", &index), None);
        assert_eq!(correct("集采", &index), None, "a dictionary word absent from the corpus stays");
        let with_names = corpus_df(&["徐州德润置业有限公司", "苏州德胜建设", "苏州地块出让公告"]);
        assert_eq!(correct("苏州的地块卖给了谁", &with_names), None, "的 and 谁 are never corrected");
    }
}
