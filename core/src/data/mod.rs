//! The project's reference data, compiled in from `core/data/`, and the one strict loader that
//! reads every table of it.
//!
//! Data is kept apart from the code that uses it (as charabia keeps its dictionaries): the
//! tables are plain TSV or word lists a reviewer can read and change without touching Rust.
//! Every table is read by [`Tsv`]: comment (`#`) and blank lines are skipped, every other line
//! must have exactly the table's columns, and a value of the wrong kind is a [`DataError`]
//! naming the file, the line and the column — never a silently skipped line or a default. The
//! tables are compiled in and `every_shipped_table_loads` (below) loads each of them, so a
//! malformed line fails the tests before it can reach a build.
//!
//! - [`synonyms`]: colloquial words → official terms and intent (`data/synonyms.tsv`);
//! - [`stop_words`]: question and function words (`data/stop-words.txt`);
//! - [`domain_terms`]: words that signal a domain on their own (`data/domain-terms.tsv`);
//! - [`categories`]: categories people say → item words records name, from the national
//!   政府采购品目分类目录 (`data/procurement-categories.tsv`);
//! - the catalogs ([`crate::catalog`]), the holiday calendar ([`crate::calendar`]) and the
//!   divisions ([`crate::regions`]) read theirs through [`Tsv`] too.

pub mod categories;
pub mod domain_terms;
pub mod stop_words;
pub mod synonyms;

use std::str::FromStr;

/// A line of a shipped table that is not what the table says it holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("core/data/{file}, line {line}: {message}")]
pub struct DataError {
    /// The file under `core/data/`.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, naming the column.
    pub message: String,
}

/// A tab-separated table with a fixed number of columns.
pub struct Tsv {
    file: &'static str,
    text: &'static str,
    columns: usize,
}

/// One data line of a [`Tsv`] table.
#[derive(Debug, Clone)]
pub struct Row {
    file: &'static str,
    /// 1-based line number.
    pub line: usize,
    fields: Vec<&'static str>,
}

impl Tsv {
    /// A table of `columns` columns in `core/data/<file>`, whose text is `text`.
    pub const fn new(file: &'static str, text: &'static str, columns: usize) -> Tsv {
        Tsv { file, text, columns }
    }

    /// Every data line, each with exactly the table's columns (trailing empty columns may be
    /// left out), or the first line that is not.
    pub fn rows(&self) -> Result<Vec<Row>, DataError> {
        let mut rows = Vec::new();
        for (i, line) in self.text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields: Vec<&'static str> = line.split('\t').collect();
            if fields.len() > self.columns {
                return Err(DataError {
                    file: self.file,
                    line: i + 1,
                    message: format!("{} columns, the table has {}", fields.len(), self.columns),
                });
            }
            fields.resize(self.columns, "");
            rows.push(Row { file: self.file, line: i + 1, fields });
        }
        Ok(rows)
    }
}

impl Row {
    fn error(&self, message: String) -> DataError {
        DataError { file: self.file, line: self.line, message }
    }

    /// Column `i` (0-based) as text, possibly empty.
    pub fn text(&self, i: usize) -> &'static str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// Column `i`, which must not be empty; `name` names it in the error.
    pub fn required(&self, i: usize, name: &str) -> Result<&'static str, DataError> {
        let v = self.text(i).trim();
        if v.is_empty() {
            return Err(self.error(format!("column {} ({name}) is empty", i + 1)));
        }
        Ok(v)
    }

    /// Column `i` parsed as `T`; `name` names it in the error.
    pub fn parse<T: FromStr>(&self, i: usize, name: &str) -> Result<T, DataError>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.required(i, name)?;
        v.parse().map_err(|e| self.error(format!("column {} ({name}) `{v}`: {e}", i + 1)))
    }

    /// Column `i` looked up with `find`; `what` says what it must be.
    pub fn lookup<T>(
        &self,
        i: usize,
        name: &str,
        what: &str,
        find: impl Fn(&str) -> Option<T>,
    ) -> Result<T, DataError> {
        let v = self.required(i, name)?;
        find(v).ok_or_else(|| self.error(format!("column {} ({name}) `{v}` is not {what}", i + 1)))
    }

    /// An error about this line.
    pub fn invalid(&self, message: impl Into<String>) -> DataError {
        self.error(message.into())
    }
}

/// Loads a compiled-in table once. The shipped tables are proven to load by the tests, so the
/// panic below is a build mistake caught by `cargo test`, never a user's input.
pub(crate) fn loaded<T>(result: Result<T, DataError>) -> T {
    result.unwrap_or_else(|e| panic!("{e} (a compiled-in table; run `cargo test -p gongkai-core`)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_table_loads() {
        synonyms::load().unwrap();
        stop_words::load().unwrap();
        domain_terms::load().unwrap();
        categories::load().unwrap();
        crate::catalog::load().unwrap();
        crate::calendar::load().unwrap();
        crate::regions::load().unwrap();
    }

    #[test]
    fn a_bad_line_is_refused_with_its_number_and_column() {
        let t = Tsv::new("example.tsv", "# comment\nT01\t1\nT02\tx\n", 2);
        let rows = t.rows().unwrap();
        assert_eq!(rows[1].line, 3);
        let e = rows[1].parse::<u32>(1, "annex").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("core/data/example.tsv, line 3: column 2 (annex) `x`"), "{e}");
        let e = Tsv::new("example.tsv", "a\tb\tc\n", 2).rows().unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (1, "3 columns, the table has 2"));
        let e = rows[0].lookup(0, "domain", "a domain code", |_| None::<()>).unwrap_err();
        assert!(e.message.contains("is not a domain code"));
    }
}
