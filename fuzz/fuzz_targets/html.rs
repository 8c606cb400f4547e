//! Arbitrary bytes as an HTML page: the extractor always yields an object with an id, which
//! then validates like any other record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let value = index_builder::html::record_from_html(&text, Path::new("notices/2026/fuzz.html"));
    let obj = value.as_object().expect("the extractor yields an object");
    assert!(obj.get("id").and_then(|v| v.as_str()).is_some_and(|id| !id.is_empty()), "no id: {value}");
    for key in ["title", "body"] {
        if let Some(v) = obj.get(key) {
            assert!(v.as_str().is_some_and(|s| !s.trim().is_empty()), "empty {key}: {value}");
        }
    }
    let _ = gongkai_fuzz::check_record(&value);
});
