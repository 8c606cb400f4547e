//! Text normalization, the first step of every analysis: traditional → simplified (fast2s,
//! character for character, so offsets survive), full-width → half-width, lower case. Index and
//! query text and the keys of the data tables are all normalized by this one function.

/// Normalizes one character: traditional → simplified is done on whole strings by
/// [`normalize`]; this does full-width → half-width and lower case.
#[inline]
fn fold_char(c: char) -> char {
    // CJK punctuation, kana and ideographs (most of a Chinese text) have nothing to fold.
    if ('\u{3001}'..'\u{A000}').contains(&c) {
        return c;
    }
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
    std::rc::Rc::try_unwrap(normalized(text)).map(|n| n.text).unwrap_or_else(|shared| shared.text.clone())
}

/// Texts at least this long are remembered by [`normalize_with_map`]: a record's body is
/// normalized by several analyses in a row (its words, its bigrams, its codes, the names in it),
/// and traditional → simplified conversion is the costliest part of each.
const REMEMBERED_FROM_BYTES: usize = 16;

/// Texts longer than this are not remembered (memory stays bounded whatever the input).
const REMEMBERED_UP_TO_BYTES: usize = 64 * 1024;

/// How many recent long texts [`normalize_with_map`] remembers, per thread.
const REMEMBERED_TEXTS: usize = 6;

/// A text's normalization and where each of its byte offsets is in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Where offsets shift: after each character whose normalization has another length in
    /// bytes (full-width `，` → `,`), its end in the normalized text and in the original, in
    /// order. Between two such points offsets move together; empty when nothing shifts.
    shifts: Vec<(u32, u32)>,
}

impl Normalized {
    /// The byte offset in the original text of the character starting at byte `at` of the
    /// normalized text (or of its end).
    #[inline]
    pub fn original_offset(&self, at: usize) -> usize {
        let after = self.shifts.partition_point(|&(norm, _)| norm as usize <= at);
        match after.checked_sub(1) {
            Some(i) => {
                let (norm, orig) = self.shifts[i];
                orig as usize + (at - norm as usize)
            }
            None => at,
        }
    }
}

/// A long text recently normalized on this thread, with its normalization.
struct Remembered {
    text: String,
    normalized: std::rc::Rc<Normalized>,
}

thread_local! {
    static RECENT: std::cell::RefCell<std::collections::VecDeque<Remembered>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Normalizes and returns, for every byte offset of the normalized text (plus its end), the
/// byte offset in the original text. The same long text normalized again on the same thread
/// soon after is answered from memory (the result is the same: this is a pure function).
pub fn normalize_with_map(text: &str) -> (String, Vec<u32>) {
    let n = normalized(text);
    // Every byte of a character maps to where that character starts in the original.
    let mut map: Vec<u32> = Vec::with_capacity(n.text.len() + 1);
    for (at, c) in n.text.char_indices() {
        map.extend(std::iter::repeat_n(n.original_offset(at) as u32, c.len_utf8()));
    }
    map.push(n.original_offset(n.text.len()) as u32);
    let text = std::rc::Rc::try_unwrap(n).map(|n| n.text).unwrap_or_else(|shared| shared.text.clone());
    (text, map)
}

/// [`normalize_with_map`], shared: a text normalized again soon after on the same thread (a
/// record's body, for its words and then its bigrams) is not copied either.
pub fn normalized(text: &str) -> std::rc::Rc<Normalized> {
    if !(REMEMBERED_FROM_BYTES..=REMEMBERED_UP_TO_BYTES).contains(&text.len()) {
        return std::rc::Rc::new(compute(text));
    }
    let known = RECENT.with(|recent| {
        let recent = recent.borrow();
        recent.iter().find(|r| r.text == text).map(|r| r.normalized.clone())
    });
    if let Some(found) = known {
        return found;
    }
    let shared = std::rc::Rc::new(compute(text));
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == REMEMBERED_TEXTS {
            recent.pop_front();
        }
        recent.push_back(Remembered { text: text.to_string(), normalized: shared.clone() });
    });
    shared
}

fn compute(text: &str) -> Normalized {
    let simplified = if !text.is_ascii() && may_be_traditional(text) { Some(fast2s::convert(text)) } else { None };
    let mut out = String::new();
    let mut shifts = Vec::new();
    // The original's bytes from here on are copied as they are until a character changes.
    let mut unchanged_from = 0;
    let mut simplified_chars = simplified.as_deref().map(str::chars);
    for (orig_at, orig_c) in text.char_indices() {
        // fast2s maps character to character; fall back to the original if it ever doesn't.
        let c = fold_char(simplified_chars.as_mut().and_then(Iterator::next).unwrap_or(orig_c));
        if c == orig_c {
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[unchanged_from..orig_at]);
        out.push(c);
        unchanged_from = orig_at + orig_c.len_utf8();
        if c.len_utf8() != orig_c.len_utf8() {
            shifts.push((out.len() as u32, unchanged_from as u32));
        }
    }
    if unchanged_from == 0 && out.is_empty() {
        return Normalized { text: text.to_string(), shifts };
    }
    out.push_str(&text[unchanged_from..]);
    Normalized { text: out, shifts }
}

/// Whether fast2s could change `text`: it holds a character fast2s converts, or one whose
/// conversion depends on its neighbours. Most text is simplified already, and fast2s looks every
/// Chinese character up in three hash maps (a twentieth of a build's CPU); a text without such a
/// character is its own conversion. On wasm (the Worker, which converts little: queries and a
/// page's snippets) the table is not built and every text is converted.
fn may_be_traditional(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = text;
        true
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let table = convertible();
        text.chars().any(|c| (c as u32) < 0x10000 && table[(c as u32 >> 6) as usize] & (1 << (c as u32 & 63)) != 0)
    }
}

/// The characters that fast2s might convert: those it converts on their own, found by
/// converting every three-byte character once (fast2s leaves the others alone), and those
/// whose conversion depends on a neighbour (`著` in `看著` → `着`), listed by hand from fast2s's
/// special cases; a bit per character of the Basic Multilingual Plane.
#[cfg(not(target_arch = "wasm32"))]
fn convertible() -> &'static [u64; 1024] {
    static TABLE: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u64; 1024]);
        let mut set = |c: char| table[(c as u32 >> 6) as usize] |= 1 << (c as u32 & 63);
        let all: String = (0x800..0x10000).filter_map(char::from_u32).collect();
        for (c, converted) in all.chars().zip(fast2s::convert(&all).chars()) {
            if c != converted {
                set(c);
            }
        }
        for c in CONTEXTUAL.chars() {
            set(c);
        }
        table
    })
}

/// The characters fast2s 0.3 converts by their neighbours (its `T2S_EXCLUDE` and
/// `T2S_SPECIAL_CONVERT_TYPE`), whatever they do on their own.
#[cfg(not(target_arch = "wasm32"))]
const CONTEXTUAL: &str = "乾兒夥幺於畫瞭苧著藉覆讎鍾闔麽";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fast2s_would_change_is_always_converted() {
        // Neighbour-dependent conversions and exclusions come out as fast2s gives them.
        for text in ["看著他", "計畫書", "闔家歡樂", "答覆如下", "慰藉", "幺麽小丑", "這是國有建設用地", "乾淨"] {
            assert!(may_be_traditional(text), "{text}");
            assert_eq!(compute(text).text, fast2s::convert(text).to_lowercase(), "{text}");
        }
        // Every character fast2s converts, in any neighbourhood we try, is caught.
        let all: Vec<char> = (0x800..0x10000).filter_map(char::from_u32).collect();
        for window in all.windows(3).step_by(2) {
            let text: String = window.iter().collect();
            if fast2s::convert(&text) != text {
                assert!(may_be_traditional(&text), "{text}");
            }
        }
        assert!(!may_be_traditional("南京市江宁区国有建设用地使用权挂牌出让公告"));
    }
}
