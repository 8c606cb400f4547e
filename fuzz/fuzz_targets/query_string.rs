//! A whole fuzzed query string (any parameters, any escapes, invalid UTF-8 escapes included)
//! on the search, suggest and doc routes: always a JSON answer with a 2xx/4xx status.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // The index is built before fuzzing starts, outside the per-input timeout.
    init: {
        gongkai_fuzz::local_edge();
    },
    |data: &[u8]| {
        // The query string as it arrives: the runtimes hand the handler text, so invalid UTF-8
        // can only come in as %XX escapes, which the fuzzer writes too.
        let query = String::from_utf8_lossy(data);
        gongkai_fuzz::check_get(&format!("/v1/search?{query}"));
        gongkai_fuzz::check_get(&format!("/v1/suggest?{query}"));
        if let Some(id) = query.split(['?', '#']).next() {
            gongkai_fuzz::check_get(&format!("/v1/doc/{id}"));
        }
    }
);
