//! Reading disclosure records from JSON Lines, CSV and HTML files (or a directory of them),
//! streaming: a file is never read whole, one item at a time is handed to the caller.
//!
//! Every input item becomes a loosely typed JSON object with its location, so one validator
//! ([`gongkai_core::Record::from_json`]) checks records from every format alike. An item that
//! cannot even be read as an object (a line that is not UTF-8 or not JSON, a CSV row with the
//! wrong number of fields) is an item too, carrying its rejection, and the items beside it are
//! read as usual: one bad line never costs the good ones.
//!
//! Limits, each a named rejection rather than a silent truncation:
//! - a JSON line or CSV row is at most [`MAX_LINE_BYTES`] (a record's body may be up to
//!   [`gongkai_core::record::MAX_BODY_BYTES`], and JSON escapes can triple it);
//! - an HTML page is at most [`MAX_HTML_BYTES`];
//! - a JSON array is read element by element; a syntax error inside it ends that file
//!   (JSON cannot be resynchronised), with the rejection naming the line.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Longest JSON line or CSV row read (longer ones are rejected and skipped).
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;
/// Largest HTML page read (larger ones are rejected).
pub const MAX_HTML_BYTES: u64 = 16 * 1024 * 1024;

/// Where a record came from: the file and, for line-based formats, the 1-based line.
#[derive(Debug, Clone)]
pub struct Location {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line (JSON Lines: the line; JSON array: the line where the element ends;
    /// CSV: the line of the row, header = 1); 0 for HTML.
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

fn item(file: &Path, line: usize, value: Result<Value, (String, String)>) -> RawItem {
    RawItem { location: Location { file: file.to_path_buf(), line }, value }
}

fn bad(field: &str, reason: impl Into<String>) -> Result<Value, (String, String)> {
    Err((field.to_string(), reason.into()))
}

/// Why bytes are not UTF-8, for a rejection: the offending byte and its column.
fn utf8_reason(what: &str, bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let column = String::from_utf8_lossy(&bytes[..at]).chars().count() + 1;
    format!(
        "{what} is not valid UTF-8 (byte 0x{:02X} at character {column}); save the file as UTF-8 \
         (a GBK/GB2312 export can be converted with `iconv -f GBK -t UTF-8`)",
        bytes[at]
    )
}

/// Reads every item of one file, handing each to `each` as soon as it is read.
pub fn read_file(path: &Path, each: &mut dyn FnMut(RawItem)) -> Result<(), InputError> {
    let io = |source| InputError::Io { path: path.to_path_buf(), source };
    let format = format_of(path).ok_or_else(|| InputError::UnknownFormat(path.to_path_buf()))?;
    let file = File::open(path).map_err(io)?;
    match format {
        Format::JsonLines => {
            let mut reader = BufReader::with_capacity(256 * 1024, file);
            skip_bom(&mut reader).map_err(io)?;
            // Peek past leading whitespace (counting the lines of any that has to be consumed).
            let mut skipped_lines = 0;
            let starts_array = loop {
                let buf = reader.fill_buf().map_err(io)?;
                match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(i) => {
                        let is_array = buf[i] == b'[';
                        break is_array;
                    }
                    None if buf.is_empty() => break false,
                    None => {
                        let n = buf.len();
                        skipped_lines += buf.iter().filter(|&&b| b == b'\n').count();
                        reader.consume(n);
                    }
                }
            };
            if starts_array {
                read_json_array(path, reader, skipped_lines, each).map_err(io)
            } else {
                read_json_lines(path, reader, skipped_lines, each).map_err(io)
            }
        }
        Format::Csv => read_csv(path, file, each),
        Format::Html => {
            let len = file.metadata().map_err(io)?.len();
            if len > MAX_HTML_BYTES {
                each(item(
                    path,
                    0,
                    bad(
                        "record",
                        format!("the page is {len} bytes, more than the {MAX_HTML_BYTES} bytes a page may have"),
                    ),
                ));
                return Ok(());
            }
            let mut bytes = Vec::with_capacity(len as usize);
            file.take(MAX_HTML_BYTES).read_to_end(&mut bytes).map_err(io)?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let value = match std::str::from_utf8(bytes) {
                Ok(text) => Ok(crate::html::record_from_html(text, path)),
                Err(e) => {
                    let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                    let line_start = bytes[..e.valid_up_to()].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                    let err = std::str::from_utf8(&bytes[line_start..]).expect_err("the same bad byte");
                    bad("record", format!("line {line}: {}", utf8_reason("the page", &bytes[line_start..], err)))
                }
            };
            each(item(path, 0, value));
            Ok(())
        }
    }
}

fn skip_bom(reader: &mut impl BufRead) -> std::io::Result<()> {
    let buf = reader.fill_buf()?;
    if buf.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(())
}

/// Reads one line of at most [`MAX_LINE_BYTES`] into `buf` (without its `\n`). Returns
/// `Ok(None)` at the end of the file, `Ok(Some(false))` for a line that was too long (the rest
/// of it is skipped), `Ok(Some(true))` otherwise.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let n = reader.by_ref().take(MAX_LINE_BYTES as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        return Ok(Some(true));
    }
    if buf.len() <= MAX_LINE_BYTES {
        return Ok(Some(true)); // the last line, without a final newline
    }
    // Too long: skip to the end of the line without holding it.
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                break;
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
    Ok(Some(false))
}

fn read_json_lines(
    path: &Path,
    mut reader: impl BufRead,
    lines_before: usize,
    each: &mut dyn FnMut(RawItem),
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut line = lines_before;
    while let Some(whole) = read_line(&mut reader, &mut buf)? {
        line += 1;
        if !whole {
            let reason = format!("the line is longer than {} MiB; the record was skipped", MAX_LINE_BYTES >> 20);
            each(item(path, line, bad("record", reason)));
            continue;
        }
        let bytes = buf.strip_suffix(b"\r").unwrap_or(&buf);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value = match std::str::from_utf8(bytes) {
            Err(e) => bad("record", utf8_reason("the line", bytes, e)),
            Ok(text) => serde_json::from_str::<Value>(text).map_err(|e| {
                let hint =
                    if e.is_eof() { " (the line ends in the middle of a record: is the file truncated?)" } else { "" };
                ("record".to_string(), format!("not valid JSON: {e}{hint}"))
            }),
        };
        each(item(path, line, value));
    }
    Ok(())
}

/// Counts the lines of what serde_json reads (it reads byte by byte through [`Read`]).
struct LineCounter<R> {
    inner: R,
    newlines: Rc<Cell<usize>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        let seen = out[..n].iter().filter(|&&b| b == b'\n').count();
        self.newlines.set(self.newlines.get() + seen);
        Ok(n)
    }
}

/// Streams the elements of a top-level JSON array to a callback, with the line each ends on.
struct Elements<'a> {
    each: &'a mut dyn FnMut(Value, usize),
    newlines: Rc<Cell<usize>>,
}

impl<'de> DeserializeSeed<'de> for Elements<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            (self.each)(v, self.newlines.get() + 1);
        }
        Ok(())
    }
}

fn read_json_array(
    path: &Path,
    reader: impl BufRead,
    lines_before: usize,
    each: &mut dyn FnMut(RawItem),
) -> std::io::Result<()> {
    let newlines = Rc::new(Cell::new(lines_before));
    let counter = LineCounter { inner: reader, newlines: newlines.clone() };
    let mut de = serde_json::Deserializer::from_reader(counter);
    let mut emit = |v: Value, line: usize| each(item(path, line, Ok(v)));
    let result = Elements { each: &mut emit, newlines }.deserialize(&mut de).and_then(|()| de.end());
    if let Err(e) = result {
        if e.is_io() {
            return Err(std::io::Error::other(e.to_string()));
        }
        let what = if e.is_eof() { "the array ends in the middle of a record: is the file truncated?" } else { "" };
        let reason = format!(
            "not valid JSON: {e}{}; the rest of this file could not be read",
            if what.is_empty() { String::new() } else { format!(" ({what})") }
        );
        each(item(path, lines_before + e.line(), bad("record", reason)));
    }
    Ok(())
}

fn read_csv(path: &Path, file: File, each: &mut dyn FnMut(RawItem)) -> Result<(), InputError> {
    // Rows end at `\n` (a `\r` before it is dropped below): with csv's default terminator a
    // CRLF file's rows would be reported one line early.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(256 * 1024)
        .from_reader(file);
    let header_error = |reason: String| item(path, 1, bad("header", reason));
    let headers: Vec<String> = match reader.byte_headers() {
        Err(e) => {
            each(header_error(format!("the header row cannot be read: {e}; no row of this file was read")));
            return Ok(());
        }
        Ok(h) => {
            let mut names = Vec::new();
            for (i, raw) in h.iter().enumerate() {
                let raw = if i == 0 { raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw) } else { raw };
                match std::str::from_utf8(raw) {
                    Ok(name) => names.push(name.trim().to_string()),
                    Err(e) => {
                        let why = utf8_reason(&format!("column {} of the header", i + 1), raw, e);
                        each(header_error(format!("{why}; no row of this file was read")));
                        return Ok(());
                    }
                }
            }
            names
        }
    };
    if let Some(reason) = header_problem(&headers) {
        each(header_error(format!("{reason}; no row of this file was read")));
        return Ok(());
    }
    let mut row = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let line = row.position().map(|p| p.line() as usize).unwrap_or(0);
                if row.len() == 1 && row[0].trim_ascii().is_empty() {
                    continue; // a blank line
                }
                each(item(path, line, csv_row(&headers, &row)));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                if let csv::ErrorKind::Io(_) = e.kind() {
                    return Err(InputError::Io {
                        path: path.to_path_buf(),
                        source: std::io::Error::other(e.to_string()),
                    });
                }
                each(item(path, line, bad("record", format!("bad CSV row: {e}"))));
            }
        }
    }
    Ok(())
}

/// The columns a CSV must have: the contract's required fields.
const REQUIRED_COLUMNS: &[&str] = &["id", "title", "domain", "region_code", "published_at"];

/// Why a header row cannot be used: a required column missing, a column named twice, or a
/// blank column name.
fn header_problem(headers: &[String]) -> Option<String> {
    let missing: Vec<&str> = REQUIRED_COLUMNS.iter().copied().filter(|c| !headers.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        return Some(format!(
            "the header row `{}` lacks the required column(s) {} (the first row must name the columns: {})",
            headers.join(","),
            missing.join(", "),
            REQUIRED_COLUMNS.join(", ")
        ));
    }
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Some(format!("column {} of the header row has no name", i + 1));
        }
        if headers[..i].contains(h) {
            return Some(format!("the header row names the column `{h}` twice"));
        }
    }
    None
}

fn csv_row(headers: &[String], row: &csv::ByteRecord) -> Result<Value, (String, String)> {
    if row.len() != headers.len() {
        return bad(
            "record",
            format!(
                "the row has {} field(s) but the header has {} columns (a missing or extra comma, or an unquoted comma inside a value?)",
                row.len(),
                headers.len()
            ),
        );
    }
    let mut obj = Map::new();
    for (i, (name, raw)) in headers.iter().zip(row.iter()).enumerate() {
        let raw = if i + 1 == headers.len() { raw.strip_suffix(b"\r").unwrap_or(raw) } else { raw };
        let value = match std::str::from_utf8(raw) {
            Ok(v) => v,
            Err(e) => return bad(name, utf8_reason("the value", raw, e)),
        };
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
    Ok(Value::Object(obj))
}
