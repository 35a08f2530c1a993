//! The HTML reader and main-text extraction over any bytes: an error is fine, a panic is not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = warta_html::Options { max_bytes: 1 << 20, max_elements: 20_000 };
    if let Ok(page) = warta_html::extract(data, &opts) {
        let _ = page.engine_input();
    }
});
