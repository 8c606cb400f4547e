//! Properties of highlighting, snippets and query-string decoding, on generated text mixing
//! realistic notice text (traditional and full-width forms, 4-byte CJK, line breaks) with
//! arbitrary Unicode.

use edge::http::{percent_decode, percent_decode_strict};
use edge::snippet::{highlight, snippet, Highlighted};
use gongkai_core::analysis::normalize;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "国有建设用地使用权",
    "國有建設用地使用權",
    "挂牌出让",
    "中标候选人",
    "中標候選人",
    "苏州",
    "昆山市",
    "公共租赁住房",
    "JSZC-320115-2026-00942",
    "ＪＳＺＣ",
    "。",
    "；",
    "：",
    "，",
    " ",
    "\n",
    "𠮷",
    "𡈽野",
    "İ",
    "😀",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => proptest::char::range('\u{4E00}', '\u{9FFF}').prop_map(String::from),
        1 => proptest::char::range('\u{20000}', '\u{2A6DF}').prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
    ]
}

fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..max_pieces).prop_map(|v| v.concat())
}

fn terms() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        prop_oneof![3 => proptest::sample::select(PIECES).prop_map(str::to_string), 1 => text(3)],
        0..4,
    )
}

/// Ranges are `[start, end)` UTF-16 offsets: sorted, disjoint, non-empty, inside the text, never
/// splitting a surrogate pair, and each covering a normalized occurrence of some term (a snippet
/// writes line breaks as spaces, so both sides are compared with them as spaces).
fn check(h: &Highlighted, terms: &[String]) -> Result<(), TestCaseError> {
    let units: Vec<u16> = h.text.encode_utf16().collect();
    let normalize = |t: &str| normalize(t).replace('\n', " ");
    let terms: Vec<String> = terms.iter().map(|t| normalize(t)).filter(|t| !t.trim().is_empty()).collect();
    let mut last_end = 0;
    for &[s, e] in &h.ranges {
        prop_assert!(s < e && e <= units.len(), "[{s}, {e}) outside {:?}", h.text);
        prop_assert!(s >= last_end, "ranges unsorted or overlapping: {:?}", h.ranges);
        let low = |i: usize| i < units.len() && (0xDC00..0xE000).contains(&units[i]);
        prop_assert!(!low(s) && !low(e), "[{s}, {e}) splits a character of {:?}", h.text);
        let covered = normalize(&String::from_utf16(&units[s..e]).expect("whole characters"));
        prop_assert!(terms.iter().any(|t| covered.contains(t.as_str())), "{covered:?} is none of {terms:?}");
        last_end = e;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn title_highlights_cover_every_occurrence_in_utf16(title in text(16), terms in terms()) {
        let h = highlight(&title, &terms);
        prop_assert_eq!(&h.text, &title);
        check(&h, &terms)?;
        // Every occurrence of a term is inside some range.
        let norm: Vec<u16> = normalize(&title).encode_utf16().collect();
        for t in terms.iter().map(|t| normalize(t)).filter(|t| !t.trim().is_empty()) {
            let t: Vec<u16> = t.encode_utf16().collect();
            for at in (0..norm.len()).filter(|&at| norm[at..].starts_with(&t)) {
                if String::from_utf16(&norm[..at]).is_err() {
                    continue; // inside a surrogate pair: not a character match
                }
                prop_assert!(
                    h.ranges.iter().any(|&[s, e]| s <= at && at + t.len() <= e),
                    "occurrence at {at} of {:?} not highlighted in {title:?}: {:?}", String::from_utf16_lossy(&t), h.ranges
                );
            }
        }
    }

    #[test]
    fn snippets_stay_short_and_their_highlights_inside(body in text(80), terms in terms(), max in 10usize..120) {
        let s = snippet(&body, &terms, max);
        check(&s, &terms)?;
        // At most `max` characters of the body, plus an ellipsis at each cut end.
        prop_assert!(s.text.chars().count() <= max + 2, "{} chars for max {max}", s.text.chars().count());
        let inner = s.text.trim_start_matches('…').trim_end_matches('…');
        prop_assert!(body.replace('\n', " ").contains(&inner.replace('\n', " ")), "{:?} is not from the body", s.text);
    }

    #[test]
    fn percent_decoding_inverts_encoding(s in text(12)) {
        let encoded: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
        prop_assert_eq!(percent_decode(&encoded), s.clone());
        let lower: String = s.bytes().map(|b| format!("%{b:02x}")).collect();
        prop_assert_eq!(percent_decode(&lower), s.clone());
        // Text without escapes is itself, `+` being a space.
        let plain = s.replace('%', "");
        prop_assert_eq!(percent_decode(&plain), plain.replace('+', " "));
    }

    #[test]
    fn percent_decoding_never_panics_and_keeps_stray_percents(s in "[%+a-fA-F0-9\\-xé苏 ]{0,12}", bytes in proptest::collection::vec(any::<u8>(), 0..12)) {
        let decoded = percent_decode(&s);
        // A `%` not followed by two hex digits is kept as it is.
        if !s.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit()) {
            prop_assert_eq!(decoded, s.replace('+', " "));
        }
        // Invalid UTF-8 escapes become replacement characters, never a panic.
        let encoded: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
        prop_assert_eq!(percent_decode(&encoded), String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn strict_percent_decoding_accepts_exactly_well_formed_utf8(s in text(12), bytes in proptest::collection::vec(any::<u8>(), 0..12), junk in "[%+a-fA-F0-9xé苏 ]{0,12}") {
        // Whatever a browser's encodeURIComponent would send decodes to the text.
        let encoded: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
        prop_assert_eq!(percent_decode_strict(&encoded), Ok(s.clone()));
        // Escaped bytes are accepted exactly when they are UTF-8, and then decode as leniently.
        let escaped: String = bytes.iter().map(|b| format!("%{b:02x}")).collect();
        prop_assert_eq!(percent_decode_strict(&escaped).is_ok(), std::str::from_utf8(&bytes).is_ok());
        // A value either decodes strictly to what lenient decoding gives, or is refused; a
        // stray `%` (one without two hex digits) is always refused.
        match percent_decode_strict(&junk) {
            Ok(v) => prop_assert_eq!(v, percent_decode(&junk)),
            Err(_) => prop_assert!(junk.contains('%')),
        }
        let stray = junk.as_bytes().iter().enumerate().any(|(i, &b)| {
            b == b'%' && !junk.as_bytes().get(i + 1..i + 3).is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit))
        });
        if stray {
            prop_assert!(percent_decode_strict(&junk).is_err(), "{junk:?} accepted");
        }
    }
}
