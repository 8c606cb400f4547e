//! Categories people say → the item words procurement records name
//! (`core/data/procurement-categories.tsv`, derived from the national 政府采购品目分类目录: A 货物,
//! B 工程, C 服务). 医疗设备 finds 彩色多普勒超声诊断仪 and 螺旋CT tenders; 家具 finds 课桌椅.

use super::{loaded, DataError, Tsv};
use crate::domain::Domain;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILE: Tsv = Tsv::new("procurement-categories.tsv", include_str!("../../data/procurement-categories.tsv"), 4);

/// One category of the catalogue as people say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// The catalogue's class: `A` goods, `B` works, `C` services.
    pub class: char,
    /// The catalogue's section, as the file names it (`医疗设备 / 医学影像设备`).
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

pub(crate) fn load() -> Result<HashMap<String, Category>, DataError> {
    parse(&FILE)
}

fn parse(file: &Tsv) -> Result<HashMap<String, Category>, DataError> {
    let mut map: HashMap<String, Category> = HashMap::new();
    for row in file.rows()? {
        let class = row.required(0, "class")?;
        let class = match class {
            "A" | "B" | "C" => class.chars().next().unwrap_or('A'),
            other => return Err(row.invalid(format!("column 1 (class) `{other}` is not A, B or C"))),
        };
        let section = row.required(1, "catalogue section")?.to_string();
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
        for name in names {
            if map.contains_key(&name) {
                return Err(row.invalid(format!("column 3: `{name}` is already the name of another category")));
            }
            map.insert(name, Category { class, section: section.clone(), items: items.clone() });
        }
    }
    Ok(map)
}

fn all() -> &'static HashMap<String, Category> {
    static MAP: OnceLock<HashMap<String, Category>> = OnceLock::new();
    MAP.get_or_init(|| loaded(load()))
}

/// The category a (normalized) word names, if it names one (`医疗设备`, `家具`, `信息化`).
pub fn get(word: &str) -> Option<&'static Category> {
    all().get(word)
}

/// The longest name of a category, in characters (how far a query's words are joined to find one).
pub fn longest_name() -> usize {
    all().keys().map(|k| k.chars().count()).max().unwrap_or(0)
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
