//! Snippets and highlight ranges.
//!
//! Matching is done on the normalized text (simplified, half-width, lower case), which has
//! exactly one character per original character, so ranges carry over to the original text.
//! Ranges are `[start, end)` in UTF-16 code units — what JavaScript strings index by.

use gongkai_core::analysis;

/// A text with the ranges to highlight in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlighted {
    /// The text (a fragment of the original for snippets).
    pub text: String,
    /// `[start, end)` UTF-16 offsets into `text`.
    pub ranges: Vec<[usize; 2]>,
}

/// Character ranges of every occurrence of any term in `text`, merged.
fn char_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let norm = analysis::normalize(text);
    // Byte offset in `norm` → char index.
    let mut char_at = vec![0usize; norm.len() + 1];
    let mut n = 0;
    for (b, c) in norm.char_indices() {
        for k in 0..c.len_utf8() {
            char_at[b + k] = n;
        }
        n += 1;
    }
    char_at[norm.len()] = n;
    let mut ranges = Vec::new();
    for term in terms {
        let t = analysis::normalize(term);
        if t.trim().is_empty() {
            continue;
        }
        for (at, m) in norm.match_indices(t.as_str()) {
            ranges.push((char_at[at], char_at[at + m.len()]));
        }
    }
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

fn to_utf16(chars: &[char], ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let mut prefix = Vec::with_capacity(chars.len() + 1);
    let mut at = 0;
    prefix.push(0);
    for c in chars {
        at += c.len_utf16();
        prefix.push(at);
    }
    ranges.iter().map(|&(s, e)| [prefix[s], prefix[e]]).collect()
}

/// Highlights every occurrence of the terms in a whole text (titles).
pub fn highlight(text: &str, terms: &[String]) -> Highlighted {
    let chars: Vec<char> = text.chars().collect();
    let ranges = char_ranges(text, terms);
    Highlighted { text: text.to_string(), ranges: to_utf16(&chars, &ranges) }
}

/// The fragment of about `max_chars` characters that covers the most distinct terms, with
/// its highlights; the start of the text when nothing matches.
pub fn snippet(text: &str, terms: &[String], max_chars: usize) -> Highlighted {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    let ranges = char_ranges(text, terms);
    if chars.len() <= max_chars {
        return Highlighted { text: text.to_string(), ranges: to_utf16(&chars, &ranges) };
    }
    let norm: Vec<char> = analysis::normalize(text).chars().collect();
    // Choose the window start among "a little before each match".
    let mut best = (0usize, 0usize, 0usize); // (distinct, matches, start)
    for &(s, _) in &ranges {
        let start = s.saturating_sub(max_chars / 5);
        let end = (start + max_chars).min(chars.len());
        let inside: Vec<&(usize, usize)> = ranges.iter().filter(|r| r.0 >= start && r.1 <= end).collect();
        let mut distinct: Vec<String> = inside.iter().map(|r| norm[r.0..r.1].iter().collect()).collect();
        distinct.sort();
        distinct.dedup();
        if (distinct.len(), inside.len()) > (best.0, best.1) {
            best = (distinct.len(), inside.len(), start);
        }
    }
    let mut start = best.2;
    // Snap to just after a sentence break when one is close before the window.
    if start > 0 {
        let look = start.saturating_sub(12);
        if let Some(p) = (look..start).rev().find(|&i| matches!(chars[i], '。' | '；' | '！' | '？' | '\n' | '：'))
        {
            start = p + 1;
        }
    }
    let end = (start + max_chars).min(chars.len());
    let mut fragment: String = chars[start..end].iter().collect::<String>().replace('\n', " ");
    let mut shift = 0;
    if start > 0 {
        fragment.insert(0, '…');
        shift = 1;
    }
    if end < chars.len() {
        fragment.push('…');
    }
    let local: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|r| r.0 >= start && r.1 <= end)
        .map(|r| (r.0 - start + shift, r.1 - start + shift))
        .collect();
    let frag_chars: Vec<char> = fragment.chars().collect();
    Highlighted { ranges: to_utf16(&frag_chars, &local), text: fragment }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_traditional_and_full_width_matches_in_the_original() {
        let h = highlight("國有建設用地使用權掛牌出讓ＪＳＺＣ", &["国有建设用地".into(), "jszc".into()]);
        assert_eq!(h.ranges, vec![[0, 6], [13, 17]]);
    }

    #[test]
    fn snippets_pick_the_window_with_the_terms() {
        let body = format!(
            "{}本项目中标候选人为江苏某建设有限公司，投标报价1200万元。{}",
            "前言。".repeat(60),
            "后记。".repeat(60)
        );
        let s = snippet(&body, &["中标候选人".into(), "投标报价".into()], 60);
        assert!(s.text.contains("中标候选人") && s.text.contains("投标报价"), "{}", s.text);
        assert_eq!(s.ranges.len(), 2);
        let utf16: Vec<u16> = s.text.encode_utf16().collect();
        let [a, b] = s.ranges[0];
        assert_eq!(String::from_utf16_lossy(&utf16[a..b]), "中标候选人");
    }
}
