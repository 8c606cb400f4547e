//! Categories people say → the item words procurement records name
//! (`core/data/procurement-categories.tsv`, derived from the national 政府采购品目分类目录: A 货物,
//! B 工程, C 服务). 医疗设备 finds 彩色多普勒超声诊断仪 and 螺旋CT tenders; 家具 finds 课桌椅.
//!
//! Both sides of the index read the table: the builder tags each record with the sections whose
//! item words its text names ([`sections_named_in`], one pass over the text for every item word
//! of the table), and a query naming a category ([`get`]) asks for its section's tag, one term,
//! instead of each of its item words in each field (医疗设备's 22 words × 7 fields were most of the
//! slowest query's time at 1,000,000 records).

use super::{loaded, DataError, Tsv};
use crate::domain::Domain;
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILE: Tsv = Tsv::new("procurement-categories.tsv", include_str!("../../data/procurement-categories.tsv"), 4);

/// One category of the catalogue as people say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// The catalogue's class: `A` goods, `B` works, `C` services.
    pub class: char,
    /// The catalogue's section, as the file names it (`医疗设备 / 医学影像设备`): the tag the
    /// builder gives records that name one of its items.
    pub section: String,
    /// What records of the category name (normalized), the section's own words first.
    pub items: Vec<String>,
}

impl Category {
    /// The domain whose records buy this category: works are let through construction
    /// tendering, goods and services through government procurement.
    pub fn domain(&self) -> Domain {
        if self.class == 'B' {
            Domain::Construction
        } else {
            Domain::Procurement
        }
    }
}

/// The table: its sections in file order, and every name people say for one.
#[derive(Debug)]
pub(crate) struct Catalogue {
    sections: Vec<Category>,
    by_name: HashMap<String, usize>,
}

pub(crate) fn load() -> Result<Catalogue, DataError> {
    parse(&FILE)
}

fn parse(file: &Tsv) -> Result<Catalogue, DataError> {
    let mut catalogue = Catalogue { sections: Vec::new(), by_name: HashMap::new() };
    for row in file.rows()? {
        let class = row.required(0, "class")?;
        let class = match class {
            "A" | "B" | "C" => class.chars().next().unwrap_or('A'),
            other => return Err(row.invalid(format!("column 1 (class) `{other}` is not A, B or C"))),
        };
        let section = row.required(1, "catalogue section")?.to_string();
        if catalogue.sections.iter().any(|c| c.section == section) {
            return Err(row.invalid(format!("column 2: section `{section}` is already given on another line")));
        }
        let split = |i: usize, name: &str| -> Result<Vec<String>, DataError> {
            let words: Vec<String> = row
                .required(i, name)?
                .split('|')
                .map(|w| crate::text::normalize(w.trim()))
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(row.invalid(format!("column {} ({name}) has no words", i + 1)));
            }
            Ok(words)
        };
        let names = split(2, "names people say")?;
        let items = split(3, "item words")?;
        let at = catalogue.sections.len();
        for name in names {
            if catalogue.by_name.insert(name.clone(), at).is_some() {
                return Err(row.invalid(format!("column 3: `{name}` is already the name of another category")));
            }
        }
        catalogue.sections.push(Category { class, section, items });
    }
    Ok(catalogue)
}

fn all() -> &'static Catalogue {
    static TABLE: OnceLock<Catalogue> = OnceLock::new();
    TABLE.get_or_init(|| loaded(load()))
}

/// The category a (normalized) word names, if it names one (`医疗设备`, `家具`, `信息化`).
pub fn get(word: &str) -> Option<&'static Category> {
    let table = all();
    table.by_name.get(word).map(|&i| &table.sections[i])
}

/// The longest name of a category, in characters (how far a query's words are joined to find one).
pub fn longest_name() -> usize {
    all().by_name.keys().map(|k| k.chars().count()).max().unwrap_or(0)
}

/// Every item word of the table in one automaton, and the sections listing each.
struct ItemFinder {
    automaton: AhoCorasick,
    /// For each item word (the automaton's pattern id), the sections (indices) that list it.
    sections_of: Vec<Vec<usize>>,
}

fn finder() -> &'static ItemFinder {
    static FINDER: OnceLock<ItemFinder> = OnceLock::new();
    FINDER.get_or_init(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut sections_of: Vec<Vec<usize>> = Vec::new();
        for (s, category) in all().sections.iter().enumerate() {
            for item in &category.items {
                match words.iter().position(|w| w == item) {
                    Some(p) => sections_of[p].push(s),
                    None => {
                        words.push(item);
                        sections_of.push(vec![s]);
                    }
                }
            }
        }
        // The words are the table's, already checked non-empty: building cannot fail on them.
        let automaton = loaded(AhoCorasick::new(&words).map_err(|e| DataError {
            file: FILE.file,
            line: 0,
            message: format!("the item words do not make an automaton: {e}"),
        }));
        ItemFinder { automaton, sections_of }
    })
}

/// The sections (their [`Category::section`], in the table's order) whose item words a
/// normalized text names: `…彩色多普勒超声诊断仪采购项目…` names 医疗设备 and 医疗设备 / 医学影像设备.
/// An item word spelled in Latin letters or digits at an end (`dr`, `ct机`) counts only where
/// it is not part of a longer Latin word or number (`dr` in `address` is not an item).
pub fn sections_named_in(text: &str) -> Vec<&'static str> {
    let finder = finder();
    let table = all();
    let mut named = vec![false; table.sections.len()];
    let bytes = text.as_bytes();
    let alnum = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    for m in finder.automaton.find_overlapping_iter(text) {
        let (start, end) = (m.start(), m.end());
        let first_latin = alnum(bytes.get(start));
        let last_latin = end > 0 && alnum(bytes.get(end - 1));
        let glued_before = first_latin && start > 0 && alnum(bytes.get(start - 1));
        let glued_after = last_latin && alnum(bytes.get(end));
        if glued_before || glued_after {
            continue;
        }
        for &s in &finder.sections_of[m.pattern().as_usize()] {
            named[s] = true;
        }
    }
    table.sections.iter().zip(named).filter(|(_, n)| *n).map(|(c, _)| c.section.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_people_say_map_to_the_item_words_records_name() {
        let m = get("医疗设备").expect("医疗设备");
        assert_eq!(m.class, 'A');
        assert!(m.items.iter().any(|i| i == "彩色多普勒超声") && m.items.iter().any(|i| i == "监护仪"), "{m:?}");
        assert!(get("家具").unwrap().items.iter().any(|i| i == "课桌椅"));
        assert!(get("信息化").unwrap().items.iter().any(|i| i == "政务云"));
        assert!(get("车辆").unwrap().items.iter().any(|i| i == "公务用车"));
        assert_eq!(get("车辆").unwrap().domain(), Domain::Procurement);
        assert_eq!(get("装修工程").unwrap().domain(), Domain::Construction);
        // Item words are normalized like the index's text (CT → ct).
        assert!(get("医学影像设备").unwrap().items.iter().any(|i| i == "螺旋ct"));
        assert!(get("土地").is_none());
    }

    #[test]
    fn a_text_names_the_sections_of_the_item_words_in_it() {
        let text = crate::text::normalize("南京市第一医院彩色多普勒超声诊断仪采购项目公开招标公告");
        assert_eq!(sections_named_in(&text), vec!["医疗设备", "医疗设备 / 医学影像设备"]);
        let text = crate::text::normalize("某中学课桌椅及办公家具采购项目成交公告");
        let named = sections_named_in(&text);
        assert!(named.contains(&"家具和用具") && named.contains(&"教育设备"), "{named:?}");
        assert!(sections_named_in("某路段道路养护工程施工招标公告").is_empty());
        // Latin item words count only on their own: DR is an item, an address is not.
        assert!(sections_named_in(&crate::text::normalize("采购DR一台")).contains(&"医疗设备"));
        assert!(sections_named_in("联系地址 address: nanjing").is_empty());
        assert!(sections_named_in("drdr").is_empty());
    }

    #[test]
    fn a_bad_class_or_a_name_given_twice_is_refused_with_its_line() {
        let e = parse(&Tsv::new("procurement-categories.tsv", "# x\nD\t设备\t设备\t设备\n", 4)).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("column 1 (class) `D`"), "{e}");
        let twice = "A\t家具\t家具\t课桌椅\nA\t家具和用具\t家具\t办公桌\n";
        let e = parse(&Tsv::new("procurement-categories.tsv", twice, 4)).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("`家具` is already"), "{e}");
        let e = parse(&Tsv::new("procurement-categories.tsv", "A\t家具\t家具\t\n", 4)).unwrap_err();
        assert!(e.message.contains("column 4 (item words) is empty"), "{e}");
    }
}
