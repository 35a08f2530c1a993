//! The light markup tree alone, with elements, attributes and text read back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    if let Ok(tree) = warta_html::tree::Tree::parse(html, 20_000) {
        for name in ["p", "div", "a", "script", "time", "meta"] {
            for id in tree.elements(name).take(100) {
                let _ = (tree.name(id), tree.attr(id, "class"), tree.attr(id, "content"));
                let _ = tree.text(id);
                let _ = tree.children(id).count();
            }
        }
    }
});
