//! RSS/Atom/RDF feeds over any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(feed) = warta_sources::feed::parse(data) {
        for d in warta_sources::feed::file_documents(&feed, "fuzz.rss") {
            let _ = d;
        }
    }
});
