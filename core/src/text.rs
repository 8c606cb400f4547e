//! Text normalization, the first step of every analysis: traditional → simplified (fast2s,
//! character for character, so offsets survive), full-width → half-width, lower case. Index and
//! query text and the keys of the data tables are all normalized by this one function.

/// Normalizes one character: traditional → simplified is done on whole strings by
/// [`normalize`]; this does full-width → half-width and lower case.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Normalizes text for matching: simplified characters, half-width, lower case.
pub fn normalize(text: &str) -> String {
    normalize_with_map(text).0
}

/// Normalizes and returns, for every byte offset of the normalized text (plus its end), the
/// byte offset in the original text.
pub fn normalize_with_map(text: &str) -> (String, Vec<u32>) {
    let simplified = if text.is_ascii() { text.to_string() } else { fast2s::convert(text) };
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut simplified_chars = simplified.chars();
    for (orig_at, orig_c) in text.char_indices() {
        // fast2s maps character to character; fall back to the original if it ever doesn't.
        let c = fold_char(simplified_chars.next().unwrap_or(orig_c));
        for _ in 0..c.len_utf8() {
            map.push(orig_at as u32);
        }
        out.push(c);
    }
    map.push(text.len() as u32);
    (out, map)
}
