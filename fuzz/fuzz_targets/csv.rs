//! Arbitrary bytes as a CSV file, read by the builder's reader (`index_builder::input::read_file`
//! on a `.csv` file): every row becomes an object or an error naming the row's line, and
//! objects validate like any other record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn input_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gongkai-fuzz-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz CSV directory");
        dir.join("records.csv")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = input_path();
    std::fs::write(path, data).expect("write the fuzz CSV file");
    let mut items = Vec::new();
    index_builder::input::read_file(path, &mut |item| items.push(item))
        .expect("a readable .csv file is never an input error");
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    for item in items {
        assert_eq!(&item.location.file, path);
        assert!(item.location.line <= lines, "line {} of a {lines}-line file", item.location.line);
        match &item.value {
            Ok(v) => {
                assert!(v.is_object(), "a CSV row as {v}");
                let _ = gongkai_fuzz::check_record(v);
            }
            Err((field, reason)) => assert!(!field.is_empty() && !reason.is_empty()),
        }
    }
});
