//! Entities: golden cases for every alias rule (tests/golden/entities), the gazetteer's
//! integrity, and regressions on the seeds (read from ../shared at test time).

use crate::support;
use serde_json::Value;
use std::path::PathBuf;
use warta_engine::analysis::{Entity, EntityKind, NerMention, Relation, Span, Subtype};
use warta_engine::entities::{self, gazetteer};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/entities")
}

fn kind(s: &str) -> EntityKind {
    match s {
        "PER" => EntityKind::Per,
        "ORG" => EntityKind::Org,
        _ => EntityKind::Loc,
    }
}

/// Tagged mentions given as (text, kind): each at its next occurrence.
fn tagged(text: &str, spec: &Value) -> Vec<NerMention> {
    let mut out = Vec::new();
    let mut from: std::collections::HashMap<String, usize> = Default::default();
    for t in spec.as_array().into_iter().flatten() {
        let s = t[0].as_str().unwrap();
        let at = from.get(s).copied().unwrap_or(0);
        let i = text[at..].find(s).unwrap_or_else(|| panic!("{s:?} not in text")) + at;
        from.insert(s.to_string(), i + s.len());
        out.push(NerMention { span: Span::new(i, i + s.len()), kind: kind(t[1].as_str().unwrap()) });
    }
    out
}

fn texts(e: &Entity) -> Vec<String> {
    let mut v: Vec<String> = e.mentions.iter().map(|m| m.text.clone()).collect();
    v.sort();
    v
}

fn check_offsets(text: &str, ents: &[Entity]) {
    for e in ents {
        for m in &e.mentions {
            assert_eq!(&text[m.start..m.end], m.text, "mention offsets of {}", e.name);
        }
    }
}

#[test]
fn golden_cases() {
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(golden_dir()).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let case = p.file_stem().unwrap().to_string_lossy().to_string();
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let text = std::fs::read_to_string(p.with_extension("txt")).unwrap();
        let text = text.trim_end();
        let ents = entities::resolve(text, &[Span::new(0, text.len())], &tagged(text, &spec["tagged"]));
        check_offsets(text, &ents);
        for want in spec["expect"].as_array().unwrap() {
            let mut ms: Vec<String> =
                want["mentions"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
            ms.sort();
            let got = ents.iter().find(|e| texts(e) == ms).unwrap_or_else(|| {
                let all: Vec<_> = ents.iter().map(|e| (e.name.clone(), texts(e))).collect();
                panic!("{case}: no entity with mentions {ms:?}; got {all:?}")
            });
            assert_eq!(got.kind.as_str(), want["type"].as_str().unwrap(), "{case}: type of {}", got.name);
            assert_eq!(got.name, want["name"].as_str().unwrap(), "{case}: name");
            assert_eq!(got.kb.as_deref(), want["kb"].as_str(), "{case}: kb of {}", got.name);
            if let Some(links) = want.get("links").and_then(Value::as_object) {
                for (rel, key) in links {
                    let r = Relation::parse(rel).unwrap_or_else(|| panic!("{case}: unknown relation {rel}"));
                    let link = got.links.get(r).unwrap_or_else(|| panic!("{case}: {} lacks {rel}", got.name));
                    assert_eq!(Some(link.kb.as_str()), key.as_str(), "{case}: {rel}");
                    // When the linked thing is mentioned, the link names its entity.
                    if let Some(t) = ents.iter().find(|e| e.kb.as_deref() == key.as_str()) {
                        assert_eq!(link.entity.as_ref(), Some(&t.id), "{case}: {rel} entity");
                        assert_ne!(t.id, got.id);
                    }
                }
            }
        }
        if let Some(c) = spec.get("exact_count").and_then(Value::as_u64) {
            assert_eq!(ents.len() as u64, c, "{case}: entity count {ents:?}");
        }
        n += 1;
    }
    assert!(n >= 10, "golden cases missing: {n}");
}

#[test]
fn ids_follow_first_mention_order() {
    let t = "Rusia dan Tiongkok bertemu. Tiongkok lalu pergi; Rusia tetap.";
    let ents = entities::resolve(t, &[Span::new(0, t.len())], &[]);
    let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["e1", "e2"]);
    assert_eq!(ents[0].name, "Rusia");
    assert_eq!(ents[0].mentions.len(), 2);
}

#[test]
fn tagger_spans_are_kept_and_named() {
    let t = "Pernyataan Presiden Rusia Vladimir Putin dikutip media.";
    let i = t.find("Presiden").unwrap();
    let span = Span::new(i, t.find(" dikutip").unwrap());
    let ents = entities::resolve(t, &[Span::new(0, t.len())], &[NerMention { span, kind: EntityKind::Per }]);
    let putin = ents.iter().find(|e| e.kind == EntityKind::Per).unwrap();
    assert_eq!(putin.kb.as_deref(), Some("per:putin"));
    assert_eq!(putin.mentions[0].text, "Presiden Rusia Vladimir Putin");
    // Russia inside the tagged span is still its own entity.
    assert!(ents.iter().any(|e| e.kb.as_deref() == Some("RU")));
}

#[test]
fn only_the_given_regions_are_read() {
    let t = "Jepang di luar. Korea Selatan di dalam.";
    let k = t.find("Korea").unwrap();
    let ents = entities::resolve(t, &[Span::new(k, t.len())], &[]);
    assert_eq!(ents.len(), 1);
    assert_eq!(ents[0].name, "Korea Selatan");
}

#[test]
fn gazetteer_integrity() {
    let all = gazetteer::entries();
    assert!(all.len() >= 500, "gazetteer has {} rows", all.len());
    for e in all {
        for (rel, key) in &e.links {
            assert!(gazetteer::get(key).is_some(), "{}: {rel} → unknown key {key}", e.key);
        }
        assert!(!e.name.is_empty());
    }
    let kp = gazetteer::get("KP").unwrap();
    assert_eq!(kp.name_in("en"), Some("North Korea"));
    assert_eq!(kp.name_in("zh"), Some("朝鲜"));
    assert_eq!(kp.name_in("ja"), Some("北朝鮮"));
    assert_eq!(kp.name_in("fr"), Some("Corée du Nord"));
    assert!(kp.name_in("ar").is_some());
    assert_eq!(gazetteer::lookup("kim jong-un")[0].key, "per:kimjongun");
    // Countries: every ISO row has names in all six languages.
    let countries = all.iter().filter(|e| e.subtype == Some(Subtype::Country)).count();
    assert!(countries >= 190, "{countries} countries");
}

fn seed(name: &str) -> Option<warta_engine::Analysis> {
    let dir = support::shared("seeds")?.join("seeds");
    let p = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|f| f.to_string_lossy().starts_with(name)))?;
    Some(support::analyze_bytes(&p.to_string_lossy(), &std::fs::read(&p).unwrap()))
}

fn by_kb<'a>(a: &'a warta_engine::Analysis, kb: &str) -> &'a Entity {
    a.entities.iter().find(|e| e.kb.as_deref() == Some(kb)).unwrap_or_else(|| panic!("{}: no entity {kb}", a.source))
}

fn has(e: &Entity, text: &str) -> bool {
    e.mentions.iter().any(|m| m.text == text)
}

#[test]
fn seeds_merge_aliases() {
    let (Some(s0), Some(s1), Some(s2), Some(s3), Some(s4)) =
        (seed("000"), seed("001"), seed("002"), seed("003"), seed("004"))
    else {
        return;
    };
    for a in [&s0, &s1, &s2, &s3, &s4] {
        let text = std::fs::read_to_string(&a.source).unwrap();
        check_offsets(&text, &a.entities);
        // One entity per gazetteer key.
        let mut keys: Vec<&str> = a.entities.iter().filter_map(|e| e.kb.as_deref()).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "{}: a gazetteer key split over entities", a.source);
        // Kim, Putin, Russia and North Korea are in every seed.
        for kb in ["per:kimjongun", "per:putin", "RU", "KP"] {
            by_kb(a, kb);
        }
    }
    let kim0 = by_kb(&s0, "per:kimjongun");
    assert!(has(kim0, "Kim Jong-un") && has(kim0, "Kim"), "{:?}", texts(kim0));
    assert!(kim0.mentions.len() >= 5);
    let kim3 = by_kb(&s3, "per:kimjongun");
    assert!(has(kim3, "Kim Jong Un") && has(kim3, "Kim"));
    let kp2 = by_kb(&s2, "KP");
    for f in ["Korea Utara", "Korut", "DPRK", "Republik Demokratik Rakyat Korea"] {
        assert!(has(kp2, f), "seed 002: KP lacks {f}: {:?}", texts(kp2));
    }
    let ru2 = by_kb(&s2, "RU");
    assert!(has(ru2, "Federasi Rusia") && has(ru2, "Rusia"));
    let wpk = by_kb(&s2, "org:wpk");
    assert!(has(wpk, "WPK") && has(wpk, "Partai Pekerja Korea"));
    let un = by_kb(&s3, "org:un");
    assert!(has(un, "PBB") && has(un, "Perserikatan Bangsa-Bangsa"));
    // Pyongyang: the city, linked to North Korea, not merged with it.
    for a in [&s0, &s3] {
        let py = by_kb(a, "city:pyongyang");
        let kp = by_kb(a, "KP");
        assert_ne!(py.id, kp.id);
        assert_eq!(py.links.capital_of.as_ref().and_then(|l| l.entity.as_ref()), Some(&kp.id));
        assert_eq!(py.kind, EntityKind::Loc);
    }
    // The people, organisations and places a careful reader finds.
    for (a, kbs) in [
        (
            &s0,
            &[
                "per:shoigu",
                "per:rudenko",
                "org:tass",
                "city:moscow",
                "org:rusc",
                "reg:rfe",
                "CN",
                "VN",
                "LA",
                "CU",
                "US",
                "DE",
            ][..],
        ),
        (
            &s1,
            &[
                "org:reuters",
                "org:kcna",
                "org:yonhap",
                "org:kremlin",
                "city:washington",
                "city:seoul",
                "UA",
                "org:vedomosti",
            ][..],
        ),
        (
            &s2,
            &[
                "org:kcna",
                "org:cna",
                "city:khasan",
                "org:kyodo",
                "city:vladivostok",
                "org:eef",
                "org:kpa",
                "org:afp",
                "KR",
                "JP",
            ][..],
        ),
        (
            &s3,
            &[
                "per:lenin",
                "org:kremlin",
                "org:yonhap",
                "org:kcna",
                "per:kimilsung",
                "reg:amur",
                "org:unsc",
                "org:pentagon",
                "UA",
            ][..],
        ),
        (
            &s4,
            &[
                "org:ytn",
                "org:interfax",
                "reg:easteurope",
                "org:reuters",
                "org:krunification",
                "org:nis",
                "org:kremlin",
                "per:trump",
                "org:cnn",
                "org:asean",
                "city:jakarta",
                "per:harris",
            ][..],
        ),
    ] {
        for kb in kbs {
            by_kb(a, kb);
        }
    }
    // Names the gazetteer does not know, found by the title/office and apposition rules.
    let people: Vec<&str> = s2.entities.iter().filter(|e| e.kind == EntityKind::Per).map(|e| e.name.as_str()).collect();
    for p in ["Alexander Kozlov", "Pak Jong Chon", "Jo Chun Ryong", "Yang Moo-jin"] {
        assert!(people.contains(&p), "seed 002: {p} missing from {people:?}");
    }
}

/// Entity ids do not depend on hash-map order: a gazetteer name inside a tagged organisation
/// name starts at the same byte as it, and the two used to swap ids from run to run.
#[test]
fn entity_ids_are_the_same_every_time() {
    let text = "JAKARTA - Ketua Nusantara Durian Foundation, Budi Santoso, mengatakan panen durian tahun \
                ini naik dua kali lipat.\n\nMenurut Budi, petani di Jawa Barat kini menjual durian ke \
                Nusantara Durian Foundation dengan harga lebih baik.\n";
    let ids = |a: &warta_engine::Analysis| -> Vec<(String, String)> {
        a.entities.iter().map(|e| (e.id.clone(), e.name.clone())).collect()
    };
    let first = ids(&support::analyze_str(text));
    assert!(first.len() >= 3, "{first:?}");
    for _ in 0..20 {
        assert_eq!(ids(&support::analyze_str(text)), first);
    }
}

/// A bare given name after the full name of someone the gazetteer does not know is the same
/// person ("Budi" after "Budi Santoso"), as Indonesian news names people by either part.
#[test]
fn a_given_name_refers_back_to_the_full_name() {
    let text = "JAKARTA - Ketua koperasi petani, Budi Santoso, mengatakan panen durian tahun ini naik \
                dua kali lipat.\n\nMenurut Budi, petani di Jawa Barat kini menjual durian dengan harga \
                lebih baik.\n";
    let a = support::analyze_str(text);
    let budi: Vec<&Entity> =
        a.entities.iter().filter(|e| e.mentions.iter().any(|m| m.text.starts_with("Budi"))).collect();
    assert_eq!(budi.len(), 1, "{:?}", a.entities.iter().map(|e| (&e.name, texts(e))).collect::<Vec<_>>());
    assert_eq!(texts(budi[0]), ["Budi", "Budi Santoso"]);
}
