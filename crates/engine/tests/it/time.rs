//! The time stage: data-driven golden cases (tests/golden/time/*.tsv) and seed regressions.

use std::path::PathBuf;
use warta_engine::analysis::{Span, TimeMod};
use warta_engine::time::tag_times;

fn golden_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/time");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden/time")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    v.sort();
    v
}

fn render(text: &str, reference: Option<jiff::civil::Date>) -> String {
    let ms = tag_times(text, &[Span::new(0, text.len())], reference);
    for m in &ms {
        assert_eq!(&text[m.start..m.end], m.text, "offsets of {:?}", m.text);
    }
    if ms.is_empty() {
        return "-".into();
    }
    ms.iter().map(|m| format!("{} | {} | {}", m.text, m.kind, m.value)).collect::<Vec<_>>().join(" ;; ")
}

#[test]
fn golden_time_cases() {
    let mut n = 0;
    let mut failures = Vec::new();
    for f in golden_files() {
        let src = std::fs::read_to_string(&f).unwrap();
        for (ln, line) in src.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{}:{}: need 3 tab-separated columns", f.display(), ln + 1);
            let reference = if cols[1] == "-" { None } else { Some(cols[1].parse().expect("reference date")) };
            let got = render(cols[0], reference);
            n += 1;
            if got != cols[2].trim() {
                failures.push(format!(
                    "{}:{}: {}\n    want {}\n    got  {}",
                    f.file_name().unwrap().to_string_lossy(),
                    ln + 1,
                    cols[0],
                    cols[2],
                    got
                ));
            }
        }
    }
    assert!(n >= 300, "only {n} golden time cases");
    assert!(failures.is_empty(), "{} of {n} golden time cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn no_reference_marks_relative_values_unresolved() {
    let s = "Kemarin dan tahun lalu, serta 12 Juni, tetapi juga 17 Agustus 1945.";
    let ms = tag_times(s, &[Span::new(0, s.len())], None);
    let unresolved: Vec<bool> = ms.iter().map(|m| !m.resolved).collect();
    assert_eq!(unresolved, [true, true, true, false]);
    assert_eq!(ms[3].value, "1945-08-17");
}

#[test]
fn mentions_only_inside_the_given_spans() {
    let s = "Senin (10/6/2024) rapat. Sampingan kemarin. Selasa (11/6/2024) lagi.";
    let first = s.find("Sampingan").unwrap();
    let spans = [Span::new(0, first), Span::new(s.find("Selasa").unwrap(), s.len())];
    let ms = tag_times(s, &spans, Some("2024-06-12".parse().unwrap()));
    let texts: Vec<&str> = ms.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Senin (10/6/2024)", "Selasa (11/6/2024)"]);
}

fn seed(name: &str) -> Option<String> {
    let root = crate::support::shared("seeds")?;
    std::fs::read_to_string(root.join("seeds").join(name)).ok()
}

fn find<'a>(ms: &'a [warta_engine::analysis::TimeMention], text: &str) -> &'a warta_engine::analysis::TimeMention {
    ms.iter().find(|m| m.text == text).unwrap_or_else(|| panic!("no mention {text:?} in {ms:#?}"))
}

#[test]
fn seed_002_weekday_date_and_approximate_duration() {
    let Some(text) = seed("002_ed3a9f055e0eb795.txt") else { return };
    let ms = tag_times(&text, &[Span::new(0, text.len())], Some("2023-09-13".parse().unwrap()));
    let rabu = find(&ms, "Rabu (13/9/2023)");
    assert_eq!((rabu.kind.as_str(), rabu.value.as_str()), ("DATE", "2023-09-13"));
    let dur = find(&ms, "hampir empat tahun");
    assert_eq!((dur.kind.as_str(), dur.value.as_str()), ("DURATION", "P4Y"));
    assert_eq!(dur.modifier, Some(TimeMod::Approx));
}

#[test]
fn seed_003_last_year_is_the_previous_calendar_year() {
    let Some(text) = seed("003_b7a383dd7ada1b94.txt") else { return };
    let ms = tag_times(&text, &[Span::new(0, text.len())], Some("2024-06-12".parse().unwrap()));
    let last: Vec<_> = ms.iter().filter(|m| m.text == "tahun lalu").collect();
    assert!(!last.is_empty(), "no 'tahun lalu' in seed 003");
    for m in last {
        assert_eq!((m.kind.as_str(), m.value.as_str()), ("DATE", "2023"));
    }
}

#[test]
fn seeds_through_analyze_fill_times_with_valid_offsets() {
    let Some(root) = crate::support::shared("seeds") else { return };
    for name in [
        "000_2138e1df78b34b50.txt",
        "001_a3a8ff49fa06a43c.txt",
        "002_ed3a9f055e0eb795.txt",
        "003_b7a383dd7ada1b94.txt",
        "004_e6794f81e0dfb4e7.txt",
    ] {
        let bytes = std::fs::read(root.join("seeds").join(name)).unwrap();
        let d = warta_engine::decode(&bytes).unwrap();
        let a = warta_engine::analyze(name, &d, &warta_engine::Options::default());
        assert!(!a.times.is_empty(), "{name}: no time expressions");
        for m in &a.times {
            assert_eq!(&d.text[m.start..m.end], m.text, "{name}");
            assert!(matches!(m.kind.as_str(), "DATE" | "TIME" | "DURATION" | "SET"), "{name}: {}", m.kind);
            assert!(!m.value.is_empty());
        }
    }
}

#[test]
fn seed_002_through_analyze_uses_the_reference_date_option() {
    let Some(root) = crate::support::shared("seeds") else { return };
    let bytes = std::fs::read(root.join("seeds/003_b7a383dd7ada1b94.txt")).unwrap();
    let d = warta_engine::decode(&bytes).unwrap();
    let opts = warta_engine::Options { reference_date: Some("2024-06-12".parse().unwrap()) };
    let a = warta_engine::analyze("003", &d, &opts);
    let m = a.times.iter().find(|m| m.text == "tahun lalu").expect("tahun lalu");
    assert_eq!(m.value, "2023");
}
