//! The on-screen pinyin keyboard of kiosk mode.
//!
//! Kiosks rarely have a Chinese input method, so the keyboard types pinyin letters
//! (`gongzufang`); the edge converts pinyin queries to Chinese, and `/v1/suggest` offers
//! Chinese candidates for a pinyin prefix, shown above the keyboard like an IME's candidate
//! bar. Keys are ordinary buttons (reachable by keyboard and screen readers) that keep the
//! focus in the search box when pressed with a pointer.

use crate::action::Act;
use crate::dom::{add, attr, button};
use crate::i18n::Strings;
use web_sys::Element;

/// QWERTY rows of the keyboard.
pub const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// What a key press does to the query text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyAction {
    /// Type a character.
    Char(char),
    /// Delete the last character.
    Backspace,
    /// Empty the box.
    Clear,
}

impl KeyAction {
    /// Parses a key's `data-key` value.
    pub fn parse(v: &str) -> Option<KeyAction> {
        match v {
            "bs" => Some(KeyAction::Backspace),
            "clear" => Some(KeyAction::Clear),
            "space" => Some(KeyAction::Char(' ')),
            _ => {
                let mut cs = v.chars();
                let c = cs.next()?;
                (cs.next().is_none() && c.is_ascii_lowercase()).then_some(KeyAction::Char(c))
            }
        }
    }

    /// The query text after the key press.
    pub fn apply(self, text: &str) -> String {
        match self {
            KeyAction::Char(c) => {
                let mut s = text.to_string();
                if !(c == ' ' && (s.is_empty() || s.ends_with(' '))) {
                    s.push(c);
                }
                s
            }
            KeyAction::Backspace => {
                let mut s = text.to_string();
                s.pop();
                s
            }
            KeyAction::Clear => String::new(),
        }
    }
}

/// Builds the keyboard inside `parent`; its search key carries `data-act="go"`.
pub fn build(parent: &Element, t: &Strings) -> Element {
    let kb = add(parent, "div", "gk-kb");
    attr(&kb, "role", "group");
    attr(&kb, "aria-label", t.keyboard);
    for row in ROWS {
        let r = add(&kb, "div", "gk-kbr");
        for c in row.chars() {
            let k = button(&r, "gk-key", None, &c.to_string());
            attr(&k, "data-key", &c.to_string());
            attr(&k, "data-keep", "");
        }
    }
    let r = add(&kb, "div", "gk-kbr");
    for (key, label, class) in [
        ("bs", t.backspace, "gk-key gk-key-w"),
        ("space", t.space, "gk-key gk-key-w gk-key-wide"),
        ("clear", t.kb_clear, "gk-key gk-key-w"),
    ] {
        let k = button(&r, class, None, label);
        attr(&k, "data-key", key);
        attr(&k, "data-keep", "");
    }
    let go = button(&r, "gk-key gk-key-w gk-btn-primary", Some(Act::Go), t.search);
    attr(&go, "data-keep", "");
    kb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_pinyin() {
        let mut s = String::new();
        for k in ["g", "o", "n", "g", "space", "space", "z", "u"] {
            s = KeyAction::parse(k).unwrap().apply(&s);
        }
        assert_eq!(s, "gong zu");
        s = KeyAction::Backspace.apply(&s);
        assert_eq!(s, "gong z");
        assert_eq!(KeyAction::Clear.apply(&s), "");
        assert_eq!(KeyAction::Char(' ').apply(""), "");
        assert!(KeyAction::parse("<").is_none());
        assert!(KeyAction::parse("ab").is_none());
    }
}
