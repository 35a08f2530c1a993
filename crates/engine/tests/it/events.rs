//! Events: seed regressions read from ../shared/seeds at test time. (The self-written gold's
//! floors are `warta-eval`'s tests: crates/eval/tests/events.rs.)

use crate::support;
use serde_json::Value;

/// Events of one seed, or None when ../shared is absent.
fn seed_events(prefix: &str) -> Option<(String, Vec<Value>)> {
    let shared = support::shared("seeds")?;
    let dir = shared.join("seeds");
    let path = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))?;
    let bytes = std::fs::read(&path).ok()?;
    let a = support::analyze_bytes(&path.display().to_string(), &bytes);
    let text = warta_engine::decode(&bytes).expect("decodes").text;
    let v = serde_json::to_value(&a).expect("serialises");
    Some((text, v["events"].as_array().cloned().unwrap_or_default()))
}

fn names(e: &Value) -> Vec<&str> {
    e["participant_names"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// The first event of `kind` whose participants include all of `who`.
fn find<'a>(events: &'a [Value], kind: &str, who: &[&str]) -> Option<&'a Value> {
    events.iter().find(|e| e["type"] == kind && who.iter().all(|w| names(e).contains(w)))
}

fn check_evidence(text: &str, events: &[Value]) {
    for e in events {
        let (s, t) =
            (e["evidence"]["start"].as_u64().unwrap() as usize, e["evidence"]["end"].as_u64().unwrap() as usize);
        assert!(s < t && t <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(t), "{e}");
        let trig = &e["trigger"];
        let (a, b) = (trig["start"].as_u64().unwrap() as usize, trig["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], trig["text"].as_str().unwrap());
    }
}

#[test]
fn seed_002_visit_to_russia_and_hedged_meeting() {
    let Some((text, ev)) = seed_events("002_") else { return };
    check_evidence(&text, &ev);
    let visit = find(&ev, "visit", &["Kim Jong Un", "Rusia"]).expect("Kim's visit to Russia");
    assert_eq!(visit["date"], "2023-09-12", "{visit}");
    assert_eq!(visit["participants"].as_array().unwrap().len(), 2);
    let hedged = ev
        .iter()
        .filter(|e| e["type"] == "meeting" && names(e).contains(&"Vladimir Putin") && names(e).contains(&"Kim Jong Un"))
        .any(|e| matches!(e["status"].as_str(), Some("speculated" | "planned")));
    assert!(hedged, "a speculated or planned Kim–Putin meeting");
}

#[test]
fn seed_004_invitation_and_planned_visit() {
    let Some((text, ev)) = seed_events("004_") else { return };
    check_evidence(&text, &ev);
    let visit = find(&ev, "visit", &["Kim Jong Un", "Rusia"]).expect("Kim's visit to Russia");
    assert!(matches!(visit["status"].as_str(), Some("planned" | "reported")), "{visit}");
    let inv = find(&ev, "invitation", &["Vladimir Putin"]).expect("Putin's invitation");
    assert_eq!(inv["roles"]["agent"][0], inv["participants"][0], "Putin invites: {inv}");
    let bg = find(&ev, "visit", &["Kim Jong Un", "Vladivostok"]).expect("the 2019 visit");
    assert_eq!(bg["status"], "background");
    assert_eq!(bg["date"], "2019");
}

#[test]
fn seed_003_accusation_denial_veto_background_caption() {
    let Some((text, ev)) = seed_events("003_") else { return };
    check_evidence(&text, &ev);
    let acc = find(&ev, "accusation", &["Seoul", "Washington", "Pyongyang"]).expect("accusation");
    assert_eq!(acc["status"], "background", "last year's accusation: {acc}");
    let arms = find(&ev, "arms_transfer", &["Korea Utara", "Rusia"]).expect("denied arms transfer");
    assert_eq!(arms["status"], "denied");
    find(&ev, "denial", &["Korea Utara"]).expect("North Korea's denial");
    let veto = find(&ev, "veto", &["Moskow"]).expect("Moscow's veto");
    assert_eq!(veto["date"], "2024-03");
    let cap = ev
        .iter()
        .find(|e| e["type"] == "visit" && e["from_caption"] == true && e["date"] == "2019-04-25")
        .expect("the 2019 caption visit");
    assert_eq!(cap["status"], "background");
    assert_eq!(cap["place"], "Vladivostok");
}

#[test]
fn seed_001_planned_visits_unconfirmed_vietnam() {
    let Some((text, ev)) = seed_events("001_") else { return };
    check_evidence(&text, &ev);
    let nk = find(&ev, "visit", &["Vladimir Putin", "Korea Utara"]).expect("Putin's visit to North Korea");
    assert!(matches!(nk["status"].as_str(), Some("planned" | "speculated")), "{nk}");
    let vn = ev
        .iter()
        .find(|e| {
            let mut n = names(e);
            n.sort_unstable();
            e["type"] == "visit" && n == ["Vietnam", "Vladimir Putin"]
        })
        .expect("Putin's visit to Vietnam");
    assert_eq!(vn["status"], "unconfirmed");
    assert_eq!(vn["date"], "2024-06-19");
    assert_eq!(vn["date_end"], "2024-06-20");
}
