//! The sample's word lists and tables, kept as data files under `sample/data/` (compiled in
//! with `include_str!`) and read by one small loader: lines are rows, `#` starts a comment
//! line, fields are separated by tabs.

/// The rows of a data file: its non-empty, non-comment lines split at tabs.
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

/// Every field of every row, in order (word lists written several to a line).
pub(crate) fn words(text: &'static str) -> Vec<&'static str> {
    rows(text).flatten().collect()
}

/// A number field of an embedded table. The tables are part of the source (a unit test reads
/// every one of them), so a bad number is a programming error and named as such.
pub(crate) fn number(field: &str, file: &str) -> f64 {
    field.parse().unwrap_or_else(|_| panic!("sample/data/{file}: `{field}` is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_read_whole() {
        assert_eq!(words(include_str!("../data/trade-names.txt")).len(), 144);
        assert_eq!(words(include_str!("../data/surnames.txt"))[..3], ["王", "李", "张"]);
        assert!(rows(include_str!("../data/company-patterns.tsv")).all(|r| r.len() == 2 && r[1].contains("{t}")));
        for r in rows(include_str!("../data/drugs.tsv")) {
            assert_eq!(r.len(), 4, "{r:?}");
            assert!(number(r[2], "drugs.tsv") < number(r[3], "drugs.tsv"), "{r:?}");
        }
    }
}
