//! Golden metadata cases (`tests/golden/meta/cases.json`): outlet, dateline city, publication
//! date with precision, title, authors and editors, through the whole `analyze` pipeline.

use crate::support::analyze_str;
use serde_json::{Value, json};

#[test]
fn golden_metadata_cases() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("../golden/meta/cases.json")).unwrap();
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let a = analyze_str(case["text"].as_str().unwrap());
        let published = a.published.as_ref().map(|p| json!([p.value, p.precision]));
        let got = json!({
            "outlet": a.outlet, "dateline": a.dateline, "published": published,
            "title": a.title, "authors": a.authors, "editors": a.editors,
        });
        for key in ["outlet", "dateline", "published", "title", "authors", "editors"] {
            if got[key] != case[key] {
                failures.push(format!("{name}: {key} = {} (want {})", got[key], case[key]));
            }
        }
        if let Some(p) = &a.published {
            assert!(!p.reason.is_empty(), "{name}: a published date always says why");
        }
    }
    assert!(failures.is_empty(), "{} failing:\n{}", failures.len(), failures.join("\n"));
}
