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

/// Texts at least this long are remembered by [`normalize_with_map`]: a record's body is
/// normalized by several analyses in a row (its words, its bigrams, its codes, the names in it),
/// and traditional → simplified conversion is the costliest part of each.
const REMEMBERED_FROM_BYTES: usize = 16;

/// Texts longer than this are not remembered (memory stays bounded whatever the input).
const REMEMBERED_UP_TO_BYTES: usize = 64 * 1024;

/// How many recent long texts [`normalize_with_map`] remembers, per thread.
const REMEMBERED_TEXTS: usize = 6;

/// A long text recently normalized on this thread, with its normalization and offset map.
struct Remembered {
    text: String,
    normalized: String,
    map: Vec<u32>,
}

thread_local! {
    static RECENT: std::cell::RefCell<std::collections::VecDeque<Remembered>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Normalizes and returns, for every byte offset of the normalized text (plus its end), the
/// byte offset in the original text. The same long text normalized again on the same thread
/// soon after is answered from memory (the result is the same: this is a pure function).
pub fn normalize_with_map(text: &str) -> (String, Vec<u32>) {
    if !(REMEMBERED_FROM_BYTES..=REMEMBERED_UP_TO_BYTES).contains(&text.len()) {
        return compute(text);
    }
    let known = RECENT.with(|recent| {
        let recent = recent.borrow();
        recent.iter().find(|r| r.text == text).map(|r| (r.normalized.clone(), r.map.clone()))
    });
    if let Some(found) = known {
        return found;
    }
    let (normalized, map) = compute(text);
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == REMEMBERED_TEXTS {
            recent.pop_front();
        }
        recent.push_back(Remembered { text: text.to_string(), normalized: normalized.clone(), map: map.clone() });
    });
    (normalized, map)
}

fn compute(text: &str) -> (String, Vec<u32>) {
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
