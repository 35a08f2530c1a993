//! Timelines over whole analyses: articles written for these tests (own text) that exercise the
//! merge rules end to end (date conflicts, plans and their confirmation, different happenings
//! kept apart, entity timelines across stories), a property (adding an article never takes a
//! source away from the happening it supports), and the seeds' stories and timelines as golden
//! output (read from ../shared/seeds; skipped with a message where it is absent).

use crate::support::{analyze_bytes, seed_analyses};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use warta_engine::Analysis;
use warta_engine::stories::{Config, Engine};
use warta_engine::timeline::{self, EntityKey, Entry, Member};

fn analyse(source: &str, text: &str) -> Analysis {
    analyze_bytes(source, text.as_bytes())
}

// Own articles: three outlets on one meeting, one of them (a later look back) with another month.
const MEET_A: &str = "Kabarsatu.com, JAKARTA - Presiden Prabowo Subianto bertemu Perdana Menteri Malaysia \
Anwar Ibrahim di Kuala Lumpur pada Rabu (13/9/2023). Keduanya membahas perdagangan minyak sawit dan \
perbatasan di Kalimantan.";
const MEET_B: &str = "Wartadua.com, JAKARTA - Perdana Menteri Malaysia Anwar Ibrahim bertemu Presiden Prabowo \
Subianto di Kuala Lumpur pada Rabu (13/9/2023). Pertemuan itu berlangsung selama dua jam.";
const MEET_LATER: &str = "Harianempat.com, JAKARTA - Hubungan kedua negara terus membaik, kata pejabat \
kementerian pada Senin (4/3/2024). Prabowo Subianto bertemu Anwar Ibrahim di Kuala Lumpur pada Agustus \
2023 untuk membahas minyak sawit.";
// The same two leaders in the same city almost two years later: another happening.
const MEET_AGAIN: &str = "Kabarsatu.com, JAKARTA - Presiden Prabowo Subianto bertemu Anwar Ibrahim di Kuala \
Lumpur pada Selasa (1/7/2025). Mereka menandatangani nota kesepahaman soal tenaga kerja.";

// A plan told in two articles (one without a date, one with a month), then confirmed.
const PLAN_A: &str = "Kabarsatu.com, JAKARTA - Presiden Emmanuel Macron akan berkunjung ke Jakarta, kata \
juru bicara kedutaan pada Senin (4/3/2024). Kunjungan yang direncanakan itu akan membahas kerja sama \
pertahanan.";
const PLAN_B: &str = "Wartadua.com, JAKARTA - Emmanuel Macron dijadwalkan berkunjung ke Jakarta pada Maret \
2024, menurut seorang pejabat pada Rabu (6/3/2024). Agenda lengkapnya belum diumumkan.";
const PLAN_DONE: &str = "Harianempat.com, JAKARTA - Presiden Prancis Emmanuel Macron tiba di Jakarta pada \
Rabu (20/3/2024) untuk kunjungan kenegaraan selama tiga hari.";

fn entries_of(arts: &[&Analysis]) -> Vec<Entry> {
    timeline::build(arts)
}

fn show(t: &[Entry]) -> String {
    t.iter()
        .map(|e| format!("{:?} {} {:?} {:?} {}", e.date, e.kind, e.participants, e.supported_by, e.status))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_dissenting_month_is_a_conflict_and_the_agreed_day_stays() {
    let (a, b, c) = (analyse("a", MEET_A), analyse("b", MEET_B), analyse("c", MEET_LATER));
    let t = entries_of(&[&a, &b, &c]);
    let meetings: Vec<&Entry> = t.iter().filter(|e| e.kind.as_str() == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{}", show(&t));
    let m = meetings[0];
    assert_eq!(m.date.as_deref(), Some("2023-09-13"));
    assert_eq!(m.supported_by, ["a", "b", "c"]);
    assert_eq!(m.conflicts.len(), 1, "{m:#?}");
    let c0 = &m.conflicts[0];
    assert_eq!(c0.field.as_str(), "date");
    assert_eq!(c0.value.as_deref(), Some("2023-08"));
    assert_eq!(c0.precision.map(|p| p.as_str()), Some("month"));
    assert_eq!(c0.sources, ["c"]);
    assert!(c0.evidence[0].text.contains("Agustus 2023"), "{:?}", c0.evidence);
}

#[test]
fn the_same_people_two_years_later_are_another_happening() {
    let (a, b, d) = (analyse("a", MEET_A), analyse("b", MEET_B), analyse("d", MEET_AGAIN));
    let t = entries_of(&[&a, &b, &d]);
    let meetings: Vec<&Entry> = t.iter().filter(|e| e.kind.as_str() == "meeting").collect();
    assert_eq!(meetings.len(), 2, "{}", show(&t));
    assert!(meetings.iter().all(|e| e.conflicts.is_empty()));
    assert_eq!(meetings[1].date.as_deref(), Some("2025-07-01"));
}

#[test]
fn a_plan_and_its_confirmation_are_one_entry_with_both_statuses() {
    let (a, b, c) = (analyse("a", PLAN_A), analyse("b", PLAN_B), analyse("c", PLAN_DONE));
    let t = entries_of(&[&a, &b, &c]);
    let visits: Vec<&Entry> = t.iter().filter(|e| e.kind.as_str() == "visit").collect();
    assert_eq!(visits.len(), 1, "{}", show(&t));
    let v = visits[0];
    assert_eq!(v.date.as_deref(), Some("2024-03-20"));
    assert_eq!(v.supported_by, ["a", "b", "c"]);
    assert_eq!(v.status.as_str(), "confirmed");
    let planned: Vec<&str> =
        v.statuses.iter().filter(|s| s.status.as_str() == "planned").map(|s| s.source.as_str()).collect();
    assert_eq!(planned, ["a", "b"], "{:?}", v.statuses);
    assert_eq!(v.statuses.last().map(|s| (s.status.as_str(), s.source.as_str())), Some(("confirmed", "c")));
    // Without the confirmation: one planned entry.
    let t = entries_of(&[&a, &b]);
    let visits: Vec<&Entry> = t.iter().filter(|e| e.kind.as_str() == "visit").collect();
    assert_eq!(visits.len(), 1, "{}", show(&t));
    assert_eq!(visits[0].status.as_str(), "planned");
}

#[test]
fn an_entity_timeline_spans_stories() {
    let arts: Vec<Analysis> = [("a", MEET_A), ("b", MEET_B), ("d", MEET_AGAIN), ("p", PLAN_A), ("q", PLAN_DONE)]
        .iter()
        .map(|(s, t)| analyse(s, t))
        .collect();
    let mut engine = Engine::new(Config::default());
    let story: Vec<String> = arts.iter().map(|a| format!("s{}", engine.add(a) + 1)).collect();
    let members: Vec<Member> =
        arts.iter().zip(&story).map(|(a, s)| Member { analysis: a, story: Some(s.as_str()) }).collect();
    let key = EntityKey::resolve("Anwar");
    assert_eq!(key.kb.as_deref(), Some("per:anwar"));
    let t = timeline::for_entity(&members, &key);
    assert!(t.len() >= 2, "{}", show(&t));
    assert!(t.iter().all(|e| e.participant_kb.iter().any(|k| k.as_deref() == Some("per:anwar"))));
    assert!(t.iter().all(|e| e.story.is_some() && !e.stories.is_empty()));
    let dates: Vec<&str> = t.iter().filter_map(|e| e.date.as_deref()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "date order: {dates:?}");
    assert!(t.iter().all(|e| !e.supported_by.iter().any(|s| s == "p" || s == "q")), "Macron's visit is not Anwar's");
    let stories: BTreeSet<&str> = t.iter().flat_map(|e| e.stories.iter().map(String::as_str)).collect();
    assert!(stories.len() >= 2, "the 2023 and 2025 meetings are in different stories: {stories:?}");
}

const PEOPLE: [&str; 4] = ["Prabowo Subianto", "Anwar Ibrahim", "Emmanuel Macron", "Anthony Albanese"];
const CITIES: [&str; 3] = ["Kuala Lumpur", "Jakarta", "Canberra"];
const DAYS: [(u8, &str); 4] = [(4, "Senin"), (6, "Rabu"), (13, "Rabu"), (20, "Rabu")];

/// A generated one-sentence article: who meets whom, where, on which day of March 2024 (or with
/// no day, as a plan).
fn generated(n: usize, who: usize, whom: usize, city: usize, day: Option<usize>) -> Analysis {
    let (a, b) = (PEOPLE[who], PEOPLE[(who + 1 + whom % 3) % 4]);
    let text = match day {
        Some(d) => format!(
            "Kabar{n}.com, JAKARTA - {a} bertemu {b} di {} pada {} ({}/3/2024). Pertemuan berlangsung singkat.",
            CITIES[city], DAYS[d].1, DAYS[d].0
        ),
        None => format!(
            "Kabar{n}.com, JAKARTA - {a} akan bertemu {b} di {}, kata seorang pejabat pada Senin (4/3/2024).",
            CITIES[city]
        ),
    };
    analyse(&format!("g{n}"), &text)
}

/// Each (source, evidence start) pair of each entry.
fn supports(t: &[Entry]) -> Vec<BTreeSet<(String, usize)>> {
    t.iter().map(|e| e.evidence.iter().map(|ev| (ev.source.clone(), ev.start)).collect()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Adding an article never takes a source away from the happening it supports: every
    /// (source, evidence) an entry held is held after the addition by an entry that also lists
    /// that source in `supported_by`, and nothing an article said is dropped.
    #[test]
    fn adding_an_article_never_removes_a_supporting_source(
        items in prop::collection::vec((0usize..4, 0usize..3, 0usize..2, prop::option::of(0usize..4)), 2..9)
    ) {
        let arts: Vec<Analysis> =
            items.iter().enumerate().map(|(n, &(w, x, c, d))| generated(n, w, x, c, d)).collect();
        let mut before: Vec<Entry> = Vec::new();
        for k in 1..=arts.len() {
            let members: Vec<Member> = arts[..k].iter().map(|a| Member { analysis: a, story: None }).collect();
            let (after, stats) = timeline::build_with_stats(&members, None);
            let events: usize = arts[..k].iter().map(|a| a.events.len()).sum();
            let held: usize = after.iter().map(|e| e.evidence.len()).sum();
            prop_assert_eq!(held + stats.self_place + stats.unplaced, events, "every event of every article is in one entry");
            for (old, sup) in before.iter().zip(supports(&before)) {
                for (source, start) in sup {
                    let kept = after.iter().any(|e| {
                        e.supported_by.contains(&source)
                            && e.evidence.iter().any(|ev| ev.source == source && ev.start == start)
                    });
                    prop_assert!(kept, "{source}@{start} of {:?} lost after adding g{}", old.summary, k - 1);
                }
            }
            before = after;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Seeds: golden stories and timelines.

/// An entry as the golden file keeps it: warta's facts and offsets, no quoted seed text.
fn golden_entry(e: &Entry) -> Value {
    json!({
        "date": e.date,
        "type": e.kind,
        "summary": e.summary,
        "participants": e.participants,
        "place": e.place,
        "supported_by": e.supported_by,
        "corroboration": {
            "outlets": e.corroboration.outlets, "articles": e.corroboration.articles,
            "reports": e.corroboration.reports, "copies": e.corroboration.copies,
            "copy_groups": e.corroboration.copy_groups.iter().map(|g| json!([g.original, g.copies, g.kind])).collect::<Vec<_>>(),
        },
        "status": e.status,
        "statuses": e.statuses.iter().map(|s| json!([s.status, s.source, s.as_of])).collect::<Vec<_>>(),
        "conflicts": e.conflicts.iter().map(|c| json!({
            "field": c.field, "value": c.value, "precision": c.precision, "sources": c.sources,
            "evidence": c.evidence.iter().map(|v| json!([v.source, v.start, v.end])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "background": e.background,
        "evidence": e.evidence.iter().map(|v| json!([v.source, v.start, v.end])).collect::<Vec<_>>(),
        "stories": e.stories,
        "said": e.said.iter().map(|x| json!([x.summary, x.evidence.iter().map(|v| json!([v.source, v.start])).collect::<Vec<_>>()])).collect::<Vec<_>>(),
    })
}

fn seed_golden(arts: &[Analysis]) -> Value {
    let mut engine = Engine::new(Config::default());
    let ids: Vec<String> = arts.iter().map(|a| format!("s{}", engine.add(a) + 1)).collect();
    let members: Vec<Member> =
        arts.iter().zip(&ids).map(|(a, s)| Member { analysis: a, story: Some(s.as_str()) }).collect();
    let stories: Vec<Value> = engine
        .stories()
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let id = format!("s{}", n + 1);
            let mine: Vec<Member> = members.iter().copied().filter(|m| m.story == Some(id.as_str())).collect();
            let t = timeline::build_members(&mine);
            json!({
                "id": id,
                "articles": s.articles,
                "first_date": s.first_date,
                "last_date": s.last_date,
                "timeline": t.iter().map(golden_entry).collect::<Vec<_>>(),
            })
        })
        .collect();
    let entities: Vec<Value> = ["Kim Jong Un", "Vladimir Putin"]
        .iter()
        .map(|name| {
            let t = timeline::for_entity(&members, &EntityKey::resolve(name));
            json!({"entity": name, "timeline": t.iter().map(golden_entry).collect::<Vec<_>>()})
        })
        .collect();
    json!({"stories": stories, "entities": entities})
}

fn golden_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/timeline/seeds.json")
}

/// The seeds' stories and timelines as golden output (`UPDATE_GOLDEN=1` rewrites the file for
/// review), and the checks the issue names: the summit's agreed date with the dissenting seed
/// as a conflict, in the entity timeline across stories.
#[test]
fn seed_stories_and_timelines_golden() {
    let Some(arts) = seed_analyses() else { return };
    let got = seed_golden(&arts);
    let path = golden_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    } else {
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display())),
        )
        .unwrap();
        assert_eq!(got["stories"], want["stories"], "seed stories changed; review and rewrite with UPDATE_GOLDEN=1");
        assert_eq!(got["entities"], want["entities"], "seed entity timelines changed; UPDATE_GOLDEN=1 rewrites");
    }
}

/// The Far East summit: 13 September 2023 by the seeds that date it to the day, and the seed
/// that puts it around August 2023 named in `conflicts` with its date and evidence.
#[test]
fn seed_summit_date_conflict() {
    let Some(arts) = seed_analyses() else { return };
    let members: Vec<Member> = arts.iter().map(|a| Member { analysis: a, story: None }).collect();
    let t = timeline::for_entity(&members, &EntityKey::resolve("Kim Jong Un"));
    let summit = t
        .iter()
        .find(|e| e.kind.as_str() == "meeting" && e.date.as_deref() == Some("2023-09-13"))
        .unwrap_or_else(|| panic!("no meeting on 2023-09-13: {}", show(&t)));
    assert!(summit.participant_kb.iter().any(|k| k.as_deref() == Some("per:putin")), "{summit:#?}");
    let c = summit
        .conflicts
        .iter()
        .find(|c| c.value.as_deref() == Some("2023-08"))
        .unwrap_or_else(|| panic!("no August 2023 conflict: {summit:#?}"));
    assert_eq!(c.sources, ["000"]);
    assert_eq!(c.precision.map(|p| p.as_str()), Some("month"));
    assert!(c.evidence.iter().all(|e| e.source == "000" && !e.text.is_empty()));
}
