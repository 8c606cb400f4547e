//! Reading disclosure records from JSON Lines, CSV and HTML files (or a directory of them).
//!
//! Every input item becomes a loosely typed JSON object with its location, so one validator
//! ([`gongkai_core::Record::from_json`]) checks records from every format alike.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Where a record came from: the file and, for line-based formats, the 1-based line.
#[derive(Debug, Clone)]
pub struct Location {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line (JSON Lines: the line; CSV: the line of the row, header = 1); 0 for HTML.
    pub line: usize,
}

/// One raw input item: a JSON object to validate, or an error that already names a field.
pub struct RawItem {
    /// Where it came from.
    pub location: Location,
    /// The object, or `(field, reason)` when it could not even be read as one.
    pub value: Result<Value, (String, String)>,
}

/// An input error that stops the build (the input itself cannot be read).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist or cannot be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The input has no records in a known format.
    #[error("`{0}` has no .jsonl, .json, .csv or .html files to read")]
    NothingToRead(PathBuf),
    /// The file extension is not one the builder reads.
    #[error("`{0}` is not a .jsonl, .json, .csv, .html or .htm file")]
    UnknownFormat(PathBuf),
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    JsonLines,
    Csv,
    Html,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        "csv" => Some(Format::Csv),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Lists the input files: the file itself, or every readable file below a directory, sorted
/// by path so builds are reproducible.
pub fn input_files(input: &Path) -> Result<Vec<PathBuf>, InputError> {
    let meta = std::fs::metadata(input).map_err(|source| InputError::Io { path: input.to_path_buf(), source })?;
    if meta.is_file() {
        return match format_of(input) {
            Some(_) => Ok(vec![input.to_path_buf()]),
            None => Err(InputError::UnknownFormat(input.to_path_buf())),
        };
    }
    let mut files = Vec::new();
    let mut stack = vec![input.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| InputError::Io { path: dir.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| InputError::Io { path: dir.clone(), source })?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if format_of(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(InputError::NothingToRead(input.to_path_buf()));
    }
    Ok(files)
}

/// Reads every item of one file.
pub fn read_file(path: &Path) -> Result<Vec<RawItem>, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Io { path: path.to_path_buf(), source })?;
    let at = |line: usize| Location { file: path.to_path_buf(), line };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Report the first bad line rather than giving up on the whole file silently.
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            return Ok(vec![RawItem {
                location: at(line),
                value: Err(("record".into(), "the file is not UTF-8 from this line on; save it as UTF-8".into())),
            }]);
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(match format_of(path) {
        Some(Format::JsonLines) => read_json_lines(text, at),
        Some(Format::Csv) => read_csv(text, at),
        Some(Format::Html) => vec![RawItem { location: at(0), value: Ok(crate::html::record_from_html(text, path)) }],
        None => return Err(InputError::UnknownFormat(path.to_path_buf())),
    })
}

fn read_json_lines(text: &str, at: impl Fn(usize) -> Location) -> Vec<RawItem> {
    let trimmed = text.trim_start();
    // A whole-file JSON array is accepted too (a common CMS export).
    if trimmed.starts_with('[') {
        if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(trimmed) {
            return items.into_iter().enumerate().map(|(i, v)| RawItem { location: at(i + 1), value: Ok(v) }).collect();
        }
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| RawItem {
            location: at(i + 1),
            value: serde_json::from_str::<Value>(line)
                .map_err(|e| ("record".to_string(), format!("not valid JSON: {e}"))),
        })
        .collect()
}

fn read_csv(text: &str, at: impl Fn(usize) -> Location) -> Vec<RawItem> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return vec![RawItem { location: at(1), value: Err(("record".into(), format!("bad CSV header: {e}"))) }]
        }
    };
    let mut out = Vec::new();
    for row in reader.records() {
        match row {
            Ok(row) => {
                let line = row.position().map(|p| p.line() as usize).unwrap_or(0);
                let mut obj = Map::new();
                for (name, value) in headers.iter().zip(row.iter()) {
                    if value.trim().is_empty() {
                        continue;
                    }
                    let v = if name == "amount_yuan" {
                        value
                            .trim()
                            .parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map(Value::Number)
                            .unwrap_or_else(|| Value::String(value.to_string()))
                    } else {
                        Value::String(value.to_string())
                    };
                    obj.insert(name.clone(), v);
                }
                out.push(RawItem { location: at(line), value: Ok(Value::Object(obj)) });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                out.push(RawItem { location: at(line), value: Err(("record".into(), format!("bad CSV row: {e}"))) });
            }
        }
    }
    out
}
