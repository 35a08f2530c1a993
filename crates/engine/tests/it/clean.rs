//! Golden cleaning cases (`tests/golden/clean/cases.json`): the body that stays and every
//! removed piece with its reason, plus the offset invariant on each case.

use serde_json::Value;
use warta_engine::clean::clean;

#[test]
fn golden_cleaning_cases() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("../golden/clean/cases.json")).unwrap();
    assert!(cases.len() >= 25);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let c = clean(text);
        let body: Vec<&str> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let want_body: Vec<&str> = case["body"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let removed: Vec<(String, String)> =
            c.removed.iter().map(|r| (r.text.clone(), r.reason.as_str().to_string())).collect();
        let want_removed: Vec<(String, String)> = case["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
            .collect();
        if body != want_body {
            failures.push(format!("{name}: body {body:?} != {want_body:?}"));
        }
        if removed != want_removed {
            failures.push(format!("{name}: removed {removed:?} != {want_removed:?}"));
        }
        for r in &c.removed {
            assert_eq!(&text[r.start..r.end], r.text, "{name}: removed offsets");
        }
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n"));
}
