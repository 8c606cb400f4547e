//! Arbitrary bytes, parsed as JSON, validated as a record.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = gongkai_fuzz::check_record(&value);
    }
});
