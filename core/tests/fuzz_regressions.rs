//! Inputs that property tests and fuzzing found mishandled, kept as tests.

use gongkai_core::analysis::{code_key, codes_in_text};

/// Found by `properties::a_code_has_one_key_however_it_is_punctuated_or_written`: a code quoted
/// in full width (common in documents typed with a Chinese input method) was keyed by its
/// digits alone, `201800001号`, so searching the code never found the notice.
#[test]
fn a_full_width_code_quoted_in_a_title_is_found_whole() {
    let title = "关于《ＪＳＺＣ－３２０１１５－２０２６－００９４２》项目中标结果的公告";
    let found = codes_in_text(title);
    assert!(found.contains(&code_key("JSZC-320115-2026-00942")), "{found:?}");
    let mixed = codes_in_text("根据《ＪＳＺＣ-2018-00001号》文件");
    assert!(mixed.contains(&"jszc201800001号".to_string()), "{mixed:?}");
}
