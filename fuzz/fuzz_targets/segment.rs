//! Lines, sentences and tokens: spans in order, inside the text, on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use warta_engine::analysis::Span;
use warta_engine::segment;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for line in segment::lines(text) {
        assert!(text.get(line.start..line.end).is_some());
        for s in segment::sentences(text, line) {
            assert!(text.get(s.start..s.end).is_some() && line.contains(s), "sentence {s:?} of {line:?}");
            let mut last = s.start;
            for t in segment::tokens(text, s) {
                assert!(t.start >= last && s.contains(t) && text.get(t.start..t.end).is_some(), "token {t:?}");
                last = t.end;
            }
        }
    }
    let _ = segment::fold_key(text);
    let _ = segment::trim(text, Span::new(0, text.len()));
});
