//! robots.txt parsing and matching: any file, any agent, any path.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (rules, path) = text.split_once('\u{0}').unwrap_or((&text, "/a/b?c=d"));
    let robots = warta_sources::robots::Robots::parse(rules);
    for agent in ["warta", "*", "Googlebot"] {
        let r = robots.rules_for(agent);
        let _ = r.allowed(path);
        let _ = robots.allowed(agent, path);
    }
});
