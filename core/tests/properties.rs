//! Properties of the analysis shared by the index builder and the edge, checked on generated
//! text mixing realistic notice characters (simplified and traditional Chinese, full-width
//! codes, brackets of document numbers) with arbitrary Unicode, 4-byte CJK included.

use gongkai_core::analysis::{self, TextToken};
use gongkai_core::text::{normalize, normalize_with_map};
use proptest::prelude::*;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// Pieces of real notices: words as they appear, simplified and traditional, codes in full and
/// half width, the punctuation of document numbers.
const PIECES: &[&str] = &[
    "国有建设用地使用权",
    "國有建設用地使用權",
    "挂牌出让",
    "掛牌出讓",
    "公告",
    "苏州",
    "昆山市",
    "江宁区",
    "中标候选人",
    "中標候選人",
    "公共租赁住房",
    "公租房",
    "政府采购",
    "失信联合惩戒",
    "苏政办发〔2018〕50号",
    "宁地2026-G15号",
    "JSZC-320115-2026-00942",
    "ＪＳＺＣ－３２０１",
    "（",
    "）",
    "，",
    "。",
    " ",
    "\u{3000}",
    "\n",
    "1200万元",
    "有限公司",
    "𠀀",
    "𠮷野家",
    "𡈽",
    "İ",
    "ẞ",
    "Σ",
    "\u{FEFF}",
];

/// Text built from notice pieces, single CJK characters and any characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => proptest::char::range('\u{4E00}', '\u{9FFF}').prop_map(String::from),
        1 => proptest::char::range('\u{20000}', '\u{2A6DF}').prop_map(String::from),
        1 => proptest::char::range('\u{FF01}', '\u{FF5E}').prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Every token's offsets are char boundaries of the original text, in order, and the original
/// slice normalizes to the token's text (so highlights computed from offsets are right).
fn check_offsets(text: &str, tokens: &[TextToken], analyzer: &str) -> Result<(), TestCaseError> {
    for t in tokens {
        prop_assert!(t.from < t.to && t.to <= text.len(), "{analyzer}: {t:?} outside {text:?}");
        prop_assert!(
            text.is_char_boundary(t.from) && text.is_char_boundary(t.to),
            "{analyzer}: {t:?} splits a character of {text:?}"
        );
        prop_assert_eq!(
            normalize(&text[t.from..t.to]),
            t.text.clone(),
            "{}: offsets of {:?} in {:?}",
            analyzer,
            t,
            text
        );
    }
    Ok(())
}

fn texts(tokens: &[TextToken]) -> Vec<String> {
    tokens.iter().map(|t| t.text.clone()).collect()
}

fn stream_texts(mut stream: impl TokenStream) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    while stream.advance() {
        out.push((stream.token().text.clone(), stream.token().position));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn normalization_is_idempotent(s in text()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone(), "normalizing {:?} twice", s);
    }

    #[test]
    fn normalization_maps_character_to_character(s in text()) {
        // One output character per input character, the same as normalizing it alone: offsets
        // into normalized text map back to the original.
        let whole = normalize(&s);
        let alone: String = s.chars().map(|c| normalize(&c.to_string())).collect();
        prop_assert_eq!(whole.chars().count(), s.chars().count());
        prop_assert_eq!(whole, alone);
        let (norm, map) = normalize_with_map(&s);
        prop_assert_eq!(map.len(), norm.len() + 1);
        prop_assert!(map.windows(2).all(|w| w[0] <= w[1]), "map not monotone for {:?}", s);
        prop_assert!(map.iter().all(|&at| s.is_char_boundary(at as usize)), "map off a boundary for {:?}", s);
        for (at, c) in norm.char_indices() {
            let orig = map[at] as usize;
            let orig_char = s[orig..].chars().next().expect("a character at a mapped offset");
            prop_assert_eq!(Some(c), normalize(&orig_char.to_string()).chars().next());
        }
    }

    #[test]
    fn word_and_bigram_offsets_point_into_the_original(s in text()) {
        check_offsets(&s, &analysis::words(&s), "words")?;
        check_offsets(&s, &analysis::bigrams(&s), "bigrams")?;
        let parts: Vec<TextToken> = analysis::index_words(&s).into_iter().map(|(_, t)| t).collect();
        check_offsets(&s, &parts, "index_words")?;
    }

    #[test]
    fn documents_and_queries_are_analysed_alike(s in text()) {
        // The edge analyses a query after normalizing it (query::understand); the builder
        // analyses the raw document text. Both must see the same words and bigrams.
        let normalized = normalize(&s);
        prop_assert_eq!(texts(&analysis::words(&s)), texts(&analysis::words(&normalized)), "words of {:?}", s);
        prop_assert_eq!(texts(&analysis::bigrams(&s)), texts(&analysis::bigrams(&normalized)), "bigrams of {:?}", s);
        // The indexed words are the query words, each at its own position, plus the dictionary
        // words inside a compound at the compound's position.
        let query_words = texts(&analysis::words(&s));
        let indexed = stream_texts(analysis::WordsTokenizer.token_stream(&s));
        for (i, w) in query_words.iter().enumerate() {
            prop_assert!(indexed.contains(&(w.clone(), i)), "query word {w:?} not indexed at position {i} for {s:?}");
        }
        for (t, position) in &indexed {
            let compound = query_words.get(*position);
            prop_assert!(
                compound.is_some_and(|c| c.contains(t.as_str())),
                "{t:?} at {position} is not in a query word of {s:?}"
            );
        }
        let bigram_stream: Vec<String> =
            stream_texts(analysis::BigramTokenizer.token_stream(&s)).into_iter().map(|t| t.0).collect();
        prop_assert_eq!(bigram_stream, texts(&analysis::bigrams(&normalized)));
    }

    #[test]
    fn code_keys_are_stable(s in text()) {
        let key = analysis::code_key(&s);
        prop_assert_eq!(analysis::code_key(&key), key.clone(), "code_key of its own key, {:?}", s);
        prop_assert_eq!(analysis::code_key(&normalize(&s)), key.clone(), "code_key after normalizing {:?}", s);
        prop_assert!(key.chars().all(char::is_alphanumeric));
        let indexed = stream_texts(analysis::CodeTokenizer.token_stream(&s));
        if key.is_empty() {
            prop_assert!(indexed.is_empty());
        } else {
            prop_assert_eq!(indexed, vec![(key, 0)]);
        }
        for found in analysis::codes_in_text(&s) {
            prop_assert_eq!(analysis::code_key(&found), found.clone(), "codes_in_text of {:?}", s);
        }
    }

    #[test]
    fn a_code_has_one_key_however_it_is_punctuated_or_written(
        prefix in proptest::sample::select(&["宁地", "苏政办发", "JSZC", "ＪＳＺＣ", "常公资"][..]),
        year in 2018u32..2027,
        number in 1u32..100_000,
        sep in proptest::sample::select(&["-", "－", "〔", "_", "/", " ", ""][..]),
    ) {
        let written = format!("{prefix}{sep}{year}{sep}{number:05}号");
        let plain = format!("{prefix}{year}{number:05}号");
        prop_assert_eq!(analysis::code_key(&written), analysis::code_key(&plain));
        // A code quoted in prose, half or full width, is found with that key.
        let prose = format!("根据《{written}》文件");
        let key = analysis::code_key(&plain);
        if sep != " " {
            let found = analysis::codes_in_text(&prose);
            prop_assert!(found.contains(&key), "{key} not in {found:?} from {prose:?}");
        }
    }
}
