//! A fuzzed `q` (as a browser would encode it) through understanding, plan and search on a
//! small index, and through suggestions: always a JSON answer with a 2xx/4xx status, highlight
//! ranges inside their texts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // The index is built before fuzzing starts, outside the per-input timeout.
    init: {
        gongkai_fuzz::local_edge();
    },
    |data: &[u8]| {
        let q = String::from_utf8_lossy(data);
        let encoded = gongkai_fuzz::percent_encode(&q);
        gongkai_fuzz::check_get(&format!("/v1/search?q={encoded}"));
        gongkai_fuzz::check_get(&format!("/v1/search?q={encoded}&sort=date&size=5&page=2"));
        gongkai_fuzz::check_get(&format!("/v1/suggest?q={encoded}"));
    }
);
