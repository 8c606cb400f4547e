//! Chinese text analysis, used identically at index time and at query time.
//!
//! Every analyzer first [`normalize`]s: traditional → simplified characters (fast2s),
//! full-width → half-width, and lower case. Normalization maps each character to exactly one
//! character, so offsets in the normalized text map back to the original text.
//!
//! Three analyzers, each registered with tantivy under its own name:
//! - [`WORDS`]: jieba words (compact dictionary + the domain dictionary), punctuation dropped;
//!   jieba's plain mode (never its overlapping search mode), so tokens never overlap;
//! - [`BIGRAMS`]: overlapping character bigrams of Chinese runs, whole ASCII words; the recall
//!   net for words jieba splits differently and for wrong characters;
//! - [`CODE`]: a whole project code, document number or parcel number as one token, with
//!   punctuation and brackets dropped (`苏政办发〔2018〕50号` → `苏政办发201850号`).

use jieba_rs::Jieba;
use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the jieba word analyzer.
pub const WORDS: &str = "zh_words";
/// Name of the bigram analyzer.
pub const BIGRAMS: &str = "zh_bigrams";
/// Name of the code analyzer.
pub const CODE: &str = "zh_code";

/// The compact jieba dictionary, compiled in unless the `embedded-dictionary` feature is off.
#[cfg(feature = "embedded-dictionary")]
const EMBEDDED_DICT: Option<&str> = Some(include_str!("../data/jieba-compact.dict"));
#[cfg(not(feature = "embedded-dictionary"))]
const EMBEDDED_DICT: Option<&str> = None;

static INSTALLED_DICT: OnceLock<String> = OnceLock::new();

/// Path of the dictionary inside a bundle (written by the builder, read by edges built
/// without the embedded dictionary).
pub const DICTIONARY_FILE: &str = "dictionary.txt";

/// The compact dictionary's text: the embedded one, else the one installed from a bundle.
pub fn dictionary_text() -> Option<&'static str> {
    EMBEDDED_DICT.or_else(|| INSTALLED_DICT.get().map(String::as_str))
}

/// Supplies the dictionary when it is not compiled in (the Worker reads it from the bundle).
/// Must come before the first analysis; later calls, or calls when the dictionary is
/// embedded, change nothing. Returns whether this dictionary is the one in use.
pub fn install_dictionary(text: String) -> bool {
    if EMBEDDED_DICT.is_some() {
        return false;
    }
    INSTALLED_DICT.set(text).is_ok()
}
const DOMAIN_WORDS: &str = include_str!("../data/domain-words.txt");

/// A token with byte offsets into the *original* text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextToken {
    /// The normalized token text.
    pub text: String,
    /// Byte offset of the first character in the original text.
    pub from: usize,
    /// Byte offset just past the last character in the original text.
    pub to: usize,
}

pub use crate::text::normalize;
use crate::text::{normalized, Normalized};

/// Whether a character belongs to the CJK scripts handled by bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[inline]
fn is_word_char(c: char) -> bool {
    // CJK ideographs (every code point of these blocks is assigned, and alphabetic) without
    // the Unicode table's look-up.
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) || c.is_alphanumeric()
}

/// The shared jieba instance: the compact dictionary (top 100,000 words of jieba's dictionary
/// by frequency), the domain dictionary, catalog terms and the division names (Jiangsu's full
/// and short; the other provinces' as `national_place_words` says).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = Jieba::empty();
        // The dictionary is tested and checksummed in the bundle; should it ever fail to load,
        // segmentation falls back to the domain words and single characters rather than panic.
        if let Some(dict) = dictionary_text() {
            let _ = jieba.load_dict(&mut std::io::BufReader::new(dict.as_bytes()));
        }
        for line in DOMAIN_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split_whitespace();
            if let Some(word) = parts.next() {
                let freq = parts.next().and_then(|f| f.parse().ok()).unwrap_or(20000);
                jieba.add_word(&normalize(word), Some(freq), None);
            }
        }
        for word in extra_words() {
            jieba.add_word(&word, Some(20000), None);
        }
        // Colloquial keys of the synonym list (公租房, 卖地) must reach the synonym lookup whole,
        // but must not change how known words segment (挂牌 must not split 挂牌出让公告): only
        // unknown keys are added, with a frequency just high enough to glue their characters.
        for key in crate::data::synonyms::keys().filter(|k| k.chars().count() <= 6) {
            if !jieba.has_word(key) {
                jieba.add_word(key, Some(SYNONYM_KEY_FREQ), None);
            } else if jieba.cut(key, false).len() > 1 {
                // Known but rare (地王): just frequent enough to stay whole.
                let freq = jieba.suggest_freq(key);
                jieba.add_word(key, Some(freq), None);
            }
        }
        // The other provinces' division names (东湖区, 南昌, 恩施): only those jieba does not
        // know, and only just frequent enough to glue their characters, so that ordinary words
        // keep their segmentation (新建区域 stays 新建 + 区域, 城区 and 东区 stay as they were).
        for word in national_place_words() {
            if !jieba.has_word(word) {
                jieba.add_word(word, Some(PLACE_WORD_FREQ), None);
            }
        }
        jieba
    })
}

/// Identifies how this build of the analyzers turns text into tokens: the first 16 hex digits
/// of a SHA-256 over the jieba dictionary in use (given by its hex SHA-256, which the edge
/// already has from the manifest), the domain dictionary, the words added from the division
/// and catalog data (Jiangsu's and the national division names, with their frequency), and the
/// synonym keys (which reach jieba too). The builder writes it into
/// the manifest; an edge whose fingerprint differs analyses queries differently from how the
/// index was built (an upgrade of one without the other), and says so (`/v1/meta`, a warning
/// at start).
pub fn fingerprint(dictionary_sha256: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"gongkai-analyzers/1\n");
    h.update(dictionary_sha256.as_bytes());
    h.update(DOMAIN_WORDS.as_bytes());
    // Sorted: the synonym keys come from a hash map, whose order changes from run to run.
    let mut words: Vec<String> = extra_words();
    words.extend(crate::data::synonyms::keys().map(String::from));
    words.extend(national_place_words().map(|w| format!("{w}\t{PLACE_WORD_FREQ}")));
    words.sort_unstable();
    for word in words {
        h.update(word.as_bytes());
        h.update(b"\n");
    }
    crate::bundle::hex(&h.finalize()[..8])
}

/// Dictionary frequency of colloquial synonym keys added to jieba (see [`jieba`]).
const SYNONYM_KEY_FREQ: usize = 50;

/// Dictionary frequency of division names outside Jiangsu added to jieba (see [`jieba`]).
const PLACE_WORD_FREQ: usize = 50;

/// Names of the divisions outside Jiangsu, for jieba (see [`jieba`]): every full name (东湖区,
/// 恩施土家族苗族自治州) and the short names of provinces and prefectures (江西, 南昌, 恩施).
/// Not the short names of counties: two characters such as 东宁, 宁阳, 梁平, 新荣 are also
/// given names and split people's names in ordinary text (王东宁 → 王 + 东宁); a county's short
/// name is still recognised in queries when jieba already keeps it whole (东湖). Jiangsu's
/// names, full and short, are in [`extra_words`], as frequent as the domain words.
fn national_place_words() -> impl Iterator<Item = &'static str> {
    use crate::regions::Level;
    crate::regions::national()
        .iter()
        .filter(|r| r.code / 10000 != crate::regions::JIANGSU / 10000)
        .flat_map(|r| [Some(r.name), matches!(r.level, Level::Province | Level::City).then_some(r.short_name)])
        .flatten()
}

/// Words added to jieba from data: Jiangsu's division names (full and short) and catalog terms.
fn extra_words() -> Vec<String> {
    let mut words = Vec::new();
    for r in crate::regions::all() {
        words.push(r.name.to_string());
        words.push(r.short_name.to_string());
    }
    for item in crate::catalog::items() {
        for part in item.content.split(['、', '（', '）', '，']) {
            let part = part.trim_end_matches("等信息").trim_end_matches("信息");
            if (2..=8).contains(&part.chars().count()) {
                words.push(part.to_string());
            }
        }
    }
    words
}

/// A token as a byte range of a normalized text ([`crate::text::Normalized`]).
type Span = (u32, u32);

/// A span as a token of the original text.
fn text_token(norm: &Normalized, (from, to): Span) -> TextToken {
    TextToken {
        text: norm.text[from as usize..to as usize].to_string(),
        from: norm.original_offset(from as usize),
        to: norm.original_offset(to as usize),
    }
}

/// Segments text into normalized jieba words, dropping punctuation and white space.
pub fn words(text: &str) -> Vec<TextToken> {
    let norm = normalized(text);
    word_spans(&norm.text).into_iter().map(|s| text_token(&norm, s)).collect()
}

/// [`words`] as spans of the normalized text.
fn word_spans(norm: &str) -> Vec<Span> {
    let tokens = jieba().cut(norm, true);
    let words = tokens.into_iter().filter(|t| t.word.chars().any(is_word_char));
    words.map(|t| (t.byte_start as u32, t.byte_end as u32)).collect()
}

/// The words indexed for a text: [`words`], plus, at the same position as a compound word,
/// the dictionary words inside it (挂牌出让 → 挂牌, 出让; 国有建设用地使用权 → 国有建设用地,
/// 建设用地, 使用权 …). A query for a part then matches the compound, and phrases still line
/// up because the parts share the compound's position. Queries use plain [`words`].
pub fn index_words(text: &str) -> Vec<(usize, TextToken)> {
    let norm = normalized(text);
    index_word_spans(&norm.text).into_iter().map(|(p, s)| (p as usize, text_token(&norm, s))).collect()
}

/// [`index_words`] as spans of the normalized text, with their positions.
fn index_word_spans(norm: &str) -> Vec<(u32, Span)> {
    let jieba = jieba();
    let mut out = Vec::new();
    for (position, (from, to)) in word_spans(norm).into_iter().enumerate() {
        let position = position as u32;
        let word = &norm[from as usize..to as usize];
        // Compounds of three or more Chinese characters (three bytes each in UTF-8).
        if word.len() >= 9 && word.chars().all(is_cjk) {
            let starts: Vec<u32> = word.char_indices().map(|(i, _)| from + i as u32).chain([to]).collect();
            let n = starts.len() - 1;
            for len in (2..n).rev() {
                for start in 0..=n - len {
                    let (a, b) = (starts[start], starts[start + len]);
                    if jieba.has_word(&norm[a as usize..b as usize]) {
                        out.push((position, (a, b)));
                    }
                }
            }
        }
        out.push((position, (from, to)));
    }
    out
}

/// Overlapping character bigrams of CJK runs (a lone CJK character is kept as a unigram) and
/// whole ASCII/number words.
pub fn bigrams(text: &str) -> Vec<TextToken> {
    let norm = normalized(text);
    bigram_spans(&norm.text).into_iter().map(|s| text_token(&norm, s)).collect()
}

/// [`bigrams`] as spans of the normalized text.
fn bigram_spans(norm: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map(|c| c.0).unwrap_or(norm.len()) as u32;
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_cjk(c) {
            let run_start = i;
            while i < chars.len() && is_cjk(chars[i].1) {
                i += 1;
            }
            if i - run_start == 1 {
                out.push((at as u32, end_of(run_start)));
            } else {
                for k in run_start..i - 1 {
                    out.push((chars[k].0 as u32, end_of(k + 1)));
                }
            }
        } else if is_word_char(c) {
            let run_start = i;
            while i < chars.len() && is_word_char(chars[i].1) && !is_cjk(chars[i].1) {
                i += 1;
            }
            out.push((chars[run_start].0 as u32, end_of(i - 1)));
        } else {
            i += 1;
        }
    }
    out
}

/// The match key of a code: normalized, with everything but letters, digits and Chinese
/// characters dropped. `JSZC-320115-2026-00942` → `jszc320115202600942`.
pub fn code_key(text: &str) -> String {
    normalize(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether a query fragment looks like a code (project code, parcel or document number):
/// it mixes digits with letters or Chinese, or carries code punctuation such as `〔〕` or `-`.
pub fn looks_like_code(text: &str) -> bool {
    let key = code_key(text);
    let digits = key.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = key.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let has_bracket = text.contains(['〔', '〕', '[', ']']) || text.contains("号");
    key.chars().count() >= 5 && digits >= 2 && (letters > 0 || has_bracket || text.contains('-'))
}

/// Scans text for code-like substrings (document numbers such as `苏政办发〔2018〕50号`, parcel
/// numbers such as `宁地2026-G15号`, project codes such as `JSZC-320115-2026-00942`) and
/// returns their match keys, so a code quoted in a title or body is found as a code.
pub fn codes_in_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Normalized first, so full-width codes (ＪＳＺＣ－２０２６－００９４２) are found whole too.
    let chars: Vec<char> = normalize(text).chars().collect();
    let code_char = |c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '〔' | '〕' | '[' | ']' | '(' | ')' | '（' | '）' | '/')
    };
    let mut i = 0;
    while i < chars.len() {
        if !code_char(chars[i]) || matches!(chars[i], '(' | ')' | '（' | '）') {
            i += 1;
            continue;
        }
        // Extend left over up to 6 Chinese characters (宁地, 苏政办发) and right over code chars.
        let mut start = i;
        while start > 0 && is_cjk(chars[start - 1]) && i - start < 6 {
            start -= 1;
        }
        let mut end = i;
        while end < chars.len() && (code_char(chars[end]) || (chars[end] == '号' && end > i)) {
            let stop = chars[end] == '号';
            end += 1;
            if stop {
                break;
            }
        }
        // What looks_like_code asks of the key, counted on the characters first: most runs are
        // plain numbers (dates, amounts) and need no string.
        let run = &chars[start..end];
        let digits = run.iter().filter(|c| c.is_ascii_digit()).count();
        let marked = run.iter().any(|&c| c.is_ascii_alphabetic() || matches!(c, '〔' | '〕' | '[' | ']' | '号' | '-'));
        if digits < 2 || !marked {
            i = end.max(i + 1);
            continue;
        }
        let candidate: String = run.iter().collect();
        if looks_like_code(&candidate) {
            out.push(code_key(&candidate));
            // Also the code without its Chinese prefix, for ASCII-only codes quoted in prose.
            let ascii: String = chars[i..end].iter().collect();
            if start < i && looks_like_code(&ascii) {
                out.push(code_key(&ascii));
            }
        }
        i = end.max(i + 1);
    }
    out.sort();
    out.dedup();
    out
}

/// A token stream over precomputed tokens.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    at: usize,
}

impl VecTokenStream {
    fn new(tokens: Vec<TextToken>) -> Self {
        let tokens = tokens
            .into_iter()
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: t.from,
                offset_to: t.to,
                position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, at: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

/// A token stream over spans of one normalized text: each token is copied in turn into the
/// one [`Token`] the stream holds, so indexing a body's thousand tokens allocates nothing per
/// token (allocating and freeing each token's text was a tenth of a build's CPU).
pub struct SpanTokenStream {
    norm: std::rc::Rc<Normalized>,
    /// Spans and their positions, in order.
    spans: Vec<(u32, Span)>,
    at: usize,
    token: Token,
}

impl SpanTokenStream {
    fn new(norm: std::rc::Rc<Normalized>, spans: Vec<(u32, Span)>) -> Self {
        SpanTokenStream { norm, spans, at: 0, token: Token::default() }
    }
}

impl TokenStream for SpanTokenStream {
    fn advance(&mut self) -> bool {
        let Some(&(position, (from, to))) = self.spans.get(self.at) else { return false };
        self.at += 1;
        let (from, to) = (from as usize, to as usize);
        self.token.text.clear();
        self.token.text.push_str(&self.norm.text[from..to]);
        self.token.offset_from = self.norm.original_offset(from);
        self.token.offset_to = self.norm.original_offset(to);
        self.token.position = position as usize;
        self.token.position_length = 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The jieba word analyzer as a tantivy tokenizer.
#[derive(Clone, Default)]
pub struct WordsTokenizer;

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = SpanTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        let norm = normalized(text);
        let spans = index_word_spans(&norm.text);
        SpanTokenStream::new(norm, spans)
    }
}

/// The bigram analyzer as a tantivy tokenizer.
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = SpanTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        let norm = normalized(text);
        let spans = bigram_spans(&norm.text).into_iter().enumerate().map(|(p, s)| (p as u32, s)).collect();
        SpanTokenStream::new(norm, spans)
    }
}

/// The code analyzer: each input value is one token (its [`code_key`]).
#[derive(Clone, Default)]
pub struct CodeTokenizer;

impl Tokenizer for CodeTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let key = code_key(text);
        let tokens = if key.is_empty() { vec![] } else { vec![TextToken { text: key, from: 0, to: text.len() }] };
        VecTokenStream::new(tokens)
    }
}

/// Registers the three analyzers on an index (at build time and at load time alike).
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(WORDS, WordsTokenizer);
    manager.register(BIGRAMS, BigramTokenizer);
    manager.register(CODE, CodeTokenizer);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn ideographs_are_word_characters_as_unicode_says() {
        for u in (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF) {
            let c = char::from_u32(u).unwrap();
            assert!(c.is_alphanumeric(), "{u:X}");
        }
    }

    #[test]
    fn other_provinces_division_names_are_whole_words_without_splitting_ordinary_ones() {
        let w = word_texts("南昌市东湖区、恩施土家族苗族自治州和赣州市章贡区的招标公告");
        for name in ["南昌市", "东湖区", "恩施土家族苗族自治州", "章贡区"] {
            assert!(w.iter().any(|t| t == name), "{name}: {w:?}");
        }
        // County short names are not added: people's names and drug names keep their words.
        assert_eq!(word_texts("王东宁"), vec!["王东宁"]);
        assert!(word_texts("注射用头孢曲松钠").iter().all(|t| t != "曲松"), "{:?}", word_texts("注射用头孢曲松钠"));
        assert_eq!(word_texts("新建区域"), vec!["新建", "区域"]);
        // Jiangsu's short names are words, as before.
        assert_eq!(word_texts("江宁卖地"), vec!["江宁", "卖地"]);
    }

    #[test]
    fn the_fingerprint_follows_the_dictionary_and_nothing_else_of_the_call() {
        let a = fingerprint("aa");
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint("aa"));
        assert_ne!(a, fingerprint("ab"));
    }

    fn texts(tokens: &[TextToken]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn normalization_folds_traditional_full_width_and_case() {
        assert_eq!(normalize("國有建設用地"), "国有建设用地");
        assert_eq!(normalize("ＪＳＺＣ－３２０１"), "jszc-3201");
        assert_eq!(normalize("招標公告"), "招标公告");
    }

    #[test]
    fn domain_terms_stay_whole_and_offsets_point_into_the_original() {
        let text = "宁地2026-G15号地块國有建設用地使用權掛牌出讓公告";
        let toks = words(text);
        let t = texts(&toks);
        assert!(t.contains(&"国有建设用地使用权"), "{t:?}");
        assert!(t.contains(&"挂牌出让"), "{t:?}");
        for tok in &toks {
            assert_eq!(normalize(&text[tok.from..tok.to]), tok.text);
        }
        let t2 = words("昆山市公共租赁住房分配结果公示");
        assert!(texts(&t2).contains(&"公共租赁住房"), "{:?}", texts(&t2));
        assert!(texts(&t2).contains(&"昆山市"), "{:?}", texts(&t2));
    }

    #[test]
    fn compounds_are_indexed_with_their_parts_at_the_same_position() {
        let toks = index_words("宁地2026-G15号地块国有建设用地使用权挂牌出让公告");
        let at = |w: &str| toks.iter().filter(|(_, t)| t.text == w).map(|(p, _)| *p).collect::<Vec<_>>();
        assert_eq!(at("出让"), at("挂牌出让"), "{toks:?}");
        assert!(!at("出让").is_empty());
        assert_eq!(at("使用权"), at("国有建设用地使用权"));
        assert_eq!(at("国有建设用地"), at("国有建设用地使用权"));
        // Plain query words are unchanged.
        assert!(words("挂牌出让").iter().all(|t| t.text == "挂牌出让"));
    }

    #[test]
    fn bigrams_cover_chinese_runs_and_keep_ascii_words() {
        let toks = bigrams("中标候选人 JSZC-01，公示");
        assert_eq!(texts(&toks), vec!["中标", "标候", "候选", "选人", "jszc", "01", "公示"]);
        let one = bigrams("a 地 b");
        assert_eq!(texts(&one), vec!["a", "地", "b"]);
    }

    #[test]
    fn codes_are_keyed_without_punctuation_and_found_in_text() {
        assert_eq!(code_key("苏政办发〔2018〕50号"), "苏政办发201850号");
        assert_eq!(code_key("JSZC-320115-2026-00942"), "jszc320115202600942");
        assert!(looks_like_code("宁地2026-G15号"));
        assert!(looks_like_code("JSZC-320115-2026-00942"));
        assert!(!looks_like_code("2026年"));
        assert!(!looks_like_code("公租房"));
        let found = codes_in_text("根据《实施意见》（苏政办发〔2018〕50号）要求，宁地2026-G15号地块");
        assert!(found.contains(&"苏政办发201850号".to_string()), "{found:?}");
        assert!(found.contains(&"宁地2026g15号".to_string()), "{found:?}");
    }
}
