//! Small DOM helpers. Everything the widget shows from the index goes through
//! [`text`] (text nodes) or [`highlighted`] (text nodes and `<mark>`): nothing is ever
//! parsed as HTML.

use crate::action::Act;
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Document, Element, HtmlElement, Node};

/// The page's document.
pub fn doc() -> Document {
    // The widget only runs in a window with a document.
    web_sys::window().and_then(|w| w.document()).unwrap_throw()
}

/// A new element with a class name (none when `class` is empty).
pub fn el(tag: &str, class: &str) -> Element {
    let e = doc().create_element(tag).unwrap_throw();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element appended to `parent`.
pub fn add(parent: &Element, tag: &str, class: &str) -> Element {
    let e = el(tag, class);
    let _ = parent.append_child(&e);
    e
}

/// Sets an attribute (errors only come from invalid names, which are constants here).
pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Appends a text node.
pub fn text(parent: &Element, s: &str) {
    let _ = parent.append_child(&doc().create_text_node(s));
}

/// Removes all children.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// Shows or hides an element with the `hidden` attribute.
pub fn show(e: &Element, visible: bool) {
    let _ = e.toggle_attribute_with_force("hidden", !visible);
}

/// A `<button type="button">` with a class, a `data-act` action (none for keys of the kiosk
/// keyboard, which carry `data-key`) and a text label.
pub fn button(parent: &Element, class: &str, act: Option<Act>, label: &str) -> Element {
    let b = add(parent, "button", class);
    attr(&b, "type", "button");
    if let Some(act) = act {
        attr(&b, "data-act", act.as_str());
    }
    text(&b, label);
    b
}

/// Moves keyboard focus to an element.
pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

/// The nearest element (from an event target up) carrying attribute `name`, with its value.
pub fn closest_with(target: Option<web_sys::EventTarget>, name: &str) -> Option<(Element, String)> {
    let node: Node = target?.dyn_into().ok()?;
    let start: Element = match node.dyn_into::<Element>() {
        Ok(e) => e,
        Err(n) => n.parent_element()?,
    };
    let found = start.closest(&format!("[{name}]")).ok()??;
    let v = found.get_attribute(name)?;
    Some((found, v))
}

/// The `[start, end)` ranges (UTF-16 code units, as JavaScript counts) to mark in a text of
/// `units`: clipped to the text, sorted, without overlaps; backwards or empty ranges are
/// dropped, and a boundary inside a surrogate pair moves outwards so that no character
/// (𠀀, an emoji) is ever split into two replacement characters.
pub fn mark_ranges(units: &[u16], ranges: &[(u32, u32)]) -> Vec<(usize, usize)> {
    let n = units.len();
    let inside_pair =
        |i: usize| i > 0 && i < n && (0xDC00..0xE000).contains(&units[i]) && (0xD800..0xDC00).contains(&units[i - 1]);
    let mut rs: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&(a, b)| {
            let (a, b) = ((a as usize).min(n), (b as usize).min(n));
            (if inside_pair(a) { a - 1 } else { a }, if inside_pair(b) { b + 1 } else { b })
        })
        .filter(|(a, b)| a < b)
        .collect();
    sort_small(&mut rs, |a, b| a.0 > b.0);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(rs.len());
    let mut pos = 0;
    for (a, b) in rs {
        let a = a.max(pos);
        if a < b {
            out.push((a, b));
            pos = b;
        }
    }
    out
}

/// Appends `s` to `parent` as text nodes, wrapping the highlight `ranges` (see
/// [`mark_ranges`]) in `<mark>` elements. Nothing is parsed as HTML.
pub fn highlighted(parent: &Element, s: &str, ranges: &[(u32, u32)]) {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut pos = 0;
    for (a, b) in mark_ranges(&units, ranges) {
        if a > pos {
            text(parent, &String::from_utf16_lossy(&units[pos..a]));
        }
        let m = add(parent, "mark", "");
        text(&m, &String::from_utf16_lossy(&units[a..b]));
        pos = b;
    }
    if pos < units.len() {
        text(parent, &String::from_utf16_lossy(&units[pos..]));
    }
}

/// `Some(url)` when `url` is an absolute http(s) URL; anything else (`javascript:`,
/// `data:`, relative or unparsable) gives `None`, and the result is shown without a link.
pub fn safe_href(url: &str) -> Option<String> {
    let u = web_sys::Url::new(url.trim()).ok()?;
    matches!(u.protocol().as_str(), "http:" | "https:").then(|| u.href())
}

/// The parts with `sep` between them (`[T]::join` is compiled once per element type: kilobytes
/// of wasm).
pub fn joined(parts: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

/// Insertion sort for the few items of a facet or highlight list (the standard library's
/// sorts add kilobytes of wasm). `after(a, b)` is true when `a` goes after `b`.
pub fn sort_small<T>(v: &mut [T], after: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && after(&v[j - 1], &v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(s: &str, ranges: &[(u32, u32)]) -> Vec<String> {
        let u: Vec<u16> = s.encode_utf16().collect();
        mark_ranges(&u, ranges).into_iter().map(|(a, b)| String::from_utf16_lossy(&u[a..b])).collect()
    }

    #[test]
    fn ranges_are_clipped_sorted_and_disjoint() {
        assert_eq!(marks("苏州市公共租赁住房", &[(3, 9)]), ["公共租赁住房"]);
        assert_eq!(marks("苏州市公共租赁住房", &[(3, 5), (0, 2)]), ["苏州", "公共"]);
        assert_eq!(marks("苏州市公共租赁住房", &[(0, 4), (2, 6)]), ["苏州市公", "共租"]);
        assert_eq!(marks("苏州", &[(1, 1), (2, 1), (5, 9)]), Vec::<String>::new());
        assert_eq!(marks("苏州", &[(1, 99)]), ["州"]);
    }

    #[test]
    fn surrogate_pairs_are_never_split() {
        // 𠀀 and 😀 are two UTF-16 code units each.
        assert_eq!(marks("𠀀𠀁南京", &[(1, 3)]), ["𠀀𠀁"]);
        assert_eq!(marks("a😀b", &[(2, 3)]), ["😀"]);
        assert_eq!(marks("a😀b", &[(0, 2)]), ["a😀"]);
    }

    #[test]
    fn joining() {
        assert_eq!(joined(&["中标", "2026-10-19"], " · "), "中标 · 2026-10-19");
        assert_eq!(joined(&["江苏天成数据科技有限公司"], "、"), "江苏天成数据科技有限公司");
        assert_eq!(joined(&[], "、"), "");
    }

    #[test]
    fn small_sort() {
        let mut v = vec![5, 1, 4, 1, 3];
        sort_small(&mut v, |a, b| a > b);
        assert_eq!(v, [1, 1, 3, 4, 5]);
    }
}
