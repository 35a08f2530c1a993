//! WARC archives (records, headers, HTTP responses inside) over any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = warta_sources::Options { max_bytes: 1 << 20, ..Default::default() };
    for d in warta_sources::warc_documents(data, "fuzz.warc".to_string(), opts).take(64) {
        if let Ok(doc) = d {
            let _ = doc.engine_input(&warta_html::Options::default());
        }
    }
});
