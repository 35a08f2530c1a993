//! `warta-eval eval timeline` end to end on ../shared (the seeds, events-gold and the detik
//! CSV): the report has its four parts and the fifteen seed checks. Skipped with a message when
//! ../shared is absent. Stories over the whole detik set, as reports/timeline.md measures them
//! (about 11 s in a debug build).

use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    for what in ["seeds", "data/events-gold", "data/news-detik-2025/articles.csv"] {
        if !p.join(what).exists() {
            eprintln!("skipping: ../shared/{what} is absent");
            return None;
        }
    }
    Some(p)
}

#[test]
fn eval_timeline_reports_every_part() {
    let Some(_) = shared() else { return };
    let report = std::env::temp_dir().join(format!("warta-eval-timeline-{}.md", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_warta-eval"))
        .args(["eval", "timeline", "--report"])
        .arg(&report)
        .output()
        .expect("warta-eval runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let written = std::fs::read_to_string(&report).expect("--report writes the file");
    std::fs::remove_file(&report).ok();
    assert_eq!(out, written, "the report file is what was printed");
    for part in [
        "## Seed checks:",
        "| main events, right type and date |",
        "| main events, right type (any date) |",
        "## Bare statements",
        "| entries counting a copy as an independent supporter",
    ] {
        assert!(out.contains(part), "no {part:?} in:\n{out}");
    }
    let checks = out
        .lines()
        .skip_while(|l| !l.starts_with("## Seed checks"))
        .filter(|l| l.ends_with(" |") && (l.contains("| pass |") || l.contains("| **fail** |")))
        .count();
    assert_eq!(checks, 15, "fifteen seed checks:\n{out}");
    // the main-event row: found ≤ gold, and the annotated set's 96 main events
    let row = out.lines().find(|l| l.starts_with("| main events, right type and date |")).unwrap();
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    let (found, gold): (usize, usize) = (cells[2].parse().unwrap(), cells[3].parse().unwrap());
    assert!(found <= gold && gold > 0, "{row}");
    // no copy counted as an independent supporter (issue 18 item 7's target, met today)
    let copies = out.lines().find(|l| l.starts_with("| entries counting a copy as an independent supporter")).unwrap();
    assert!(copies.ends_with("| 0 | 0 |"), "{copies}");
}
