//! Inputs that property tests and fuzzing found mishandled, kept as tests.

use edge::http::{percent_decode, Request};

/// Found by `properties::percent_decoding_never_panics_and_keeps_stray_percents`: `%+0` was read
/// as the escape of byte 0 (a sign is accepted by `u8::from_str_radix`), so `q=%+0` searched for
/// a NUL and `100%+1` lost its `%`.
#[test]
fn a_percent_before_a_plus_sign_is_kept_and_the_plus_is_a_space() {
    assert_eq!(percent_decode("%+0"), "% 0");
    assert_eq!(percent_decode("%+A"), "% A");
    assert_eq!(percent_decode("涨幅100%+1"), "涨幅100% 1");
    let req = Request { query: "q=%E8%8B%8F%E5%B7%9E%+1&size=%-1".into(), ..Request::default() };
    assert_eq!(req.pairs(), vec![("q".into(), "苏州% 1".into()), ("size".into(), "%-1".into())]);
}
