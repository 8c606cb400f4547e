//! Text helpers for the sample corpus: money and date formats as Chinese notices write them,
//! and a body builder that keeps bodies within a realistic length.

use chrono::{Datelike, NaiveDate};

/// Shortest body we aim for, in characters (checked by the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub const BODY_MIN_CHARS: usize = 150;
/// Longest body we aim for, in characters.
pub const BODY_MAX_CHARS: usize = 800;

/// `3860000` → `386.00万元`.
pub fn wan(yuan: f64) -> String {
    format!("{:.2}万元", yuan / 10_000.0)
}

/// `3860000` → `3,860,000.00元`.
pub fn yuan(yuan: f64) -> String {
    let whole = yuan.round() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(".00元");
    out
}

const UPPER_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UPPER_UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
const UPPER_GROUPS: [&str; 3] = ["", "万", "亿"];

/// Whole yuan in capital numerals, as contracts write them: `3860000` → `人民币叁佰捌拾陆万元整`.
pub fn yuan_upper(yuan: f64) -> String {
    let mut n = yuan.round() as u64;
    if n == 0 {
        return "人民币零元整".to_string();
    }
    let mut groups = Vec::new();
    while n > 0 {
        groups.push((n % 10_000) as usize);
        n /= 10_000;
    }
    let mut out = String::new();
    let mut need_zero = false;
    for (gi, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            need_zero |= !out.is_empty();
            continue;
        }
        need_zero |= !out.is_empty() && group < 1000;
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut seen = false;
        for (pos, &d) in digits.iter().enumerate() {
            if d == 0 {
                need_zero |= seen;
                continue;
            }
            if need_zero {
                out.push('零');
                need_zero = false;
            }
            seen = true;
            out.push(UPPER_DIGITS[d]);
            out.push_str(UPPER_UNITS[3 - pos]);
        }
        out.push_str(UPPER_GROUPS[gi.min(2)]);
        need_zero = false;
    }
    format!("人民币{out}元整")
}

/// `2026-03-18` → `2026年3月18日`.
pub fn date_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2026-03-18`, 9, 30 → `2026年03月18日09时30分`.
pub fn datetime_cn(d: NaiveDate, hour: u32, minute: u32) -> String {
    format!("{}年{:02}月{:02}日{:02}时{:02}分", d.year(), d.month(), d.day(), hour, minute)
}

/// A body made of paragraphs: required ones always, optional ones while they fit.
#[derive(Debug, Default)]
pub struct Body {
    required: Vec<String>,
    optional: Vec<(usize, String)>,
    tail: Vec<String>,
}

impl Body {
    /// An empty body.
    pub fn new() -> Self {
        Body::default()
    }

    /// Adds a paragraph that is always kept.
    pub fn p(&mut self, text: impl Into<String>) -> &mut Self {
        self.required.push(text.into());
        self
    }

    /// Adds a paragraph that is kept only if the body stays within [`BODY_MAX_CHARS`].
    pub fn opt(&mut self, text: impl Into<String>) -> &mut Self {
        self.optional.push((self.required.len(), text.into()));
        self
    }

    /// Adds a closing paragraph (signature, date), always kept, always last.
    pub fn sign(&mut self, text: impl Into<String>) -> &mut Self {
        self.tail.push(text.into());
        self
    }

    /// Joins the paragraphs with line breaks; optional paragraphs are dropped, last first,
    /// until the body fits.
    pub fn finish(&self) -> String {
        let len = |s: &String| s.chars().count() + 1;
        let fixed: usize = self.required.iter().chain(&self.tail).map(len).sum();
        let mut keep = vec![false; self.optional.len()];
        let mut total = fixed;
        for (i, (_, text)) in self.optional.iter().enumerate() {
            if total + len(text) <= BODY_MAX_CHARS {
                keep[i] = true;
                total += len(text);
            }
        }
        let mut parts: Vec<&str> = Vec::new();
        for (i, req) in self.required.iter().enumerate() {
            for (k, (at, text)) in self.optional.iter().enumerate() {
                if *at == i && keep[k] {
                    parts.push(text);
                }
            }
            parts.push(req);
        }
        for (k, (at, text)) in self.optional.iter().enumerate() {
            if *at == self.required.len() && keep[k] {
                parts.push(text);
            }
        }
        parts.extend(self.tail.iter().map(String::as_str));
        parts.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(wan(3_860_000.0), "386.00万元");
        assert_eq!(yuan(3_860_000.0), "3,860,000.00元");
        assert_eq!(yuan(986.0), "986.00元");
        assert_eq!(yuan_upper(3_860_000.0), "人民币叁佰捌拾陆万元整");
        assert_eq!(yuan_upper(10_050_000.0), "人民币壹仟零伍万元整");
        assert_eq!(yuan_upper(120_000_008.0), "人民币壹亿贰仟万零捌元整");
        assert_eq!(yuan_upper(1_000_500.0), "人民币壹佰万零伍佰元整");
        assert_eq!(yuan_upper(3_712_468.0), "人民币叁佰柒拾壹万贰仟肆佰陆拾捌元整");
    }

    #[test]
    fn optional_paragraphs_are_dropped_to_fit() {
        let mut b = Body::new();
        b.p("甲".repeat(500)).opt("乙".repeat(200)).opt("丙".repeat(200)).p("丁").sign("戊");
        let text = b.finish();
        assert!(text.contains('乙') && !text.contains('丙'));
        assert!(text.chars().count() <= BODY_MAX_CHARS);
        assert!(text.ends_with("丁\n戊"));
    }
}
