//! The `warta-eval` binary: its commands are the developer commands `warta` no longer has,
//! with their options.

use std::process::{Command, Output};

fn warta_eval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta-eval")).args(args).output().expect("warta-eval runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_lists_the_developer_commands() {
    let o = warta_eval(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with("   ")) // a wrapped description
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(listed, ["eval", "train", "generate", "bench-stories", "bench-store", "help"], "{help}");
    for (cmd, flag) in [
        (&["eval", "events"][..], "--gold"),
        (&["eval", "extract"], "--repeat"),
        (&["eval", "dedup"], "--threshold"),
        (&["eval", "timeline"], "--report"),
        (&["train", "ner"], "--out"),
        (&["generate"], "--jsonl"),
        (&["bench-stories"], "--threads"),
        (&["bench-store"], "--queries"),
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let o = warta_eval(&args);
        assert!(o.status.success(), "{cmd:?}");
        let help = stdout(&o);
        assert!(help.contains(flag) && help.contains("--max-article-bytes"), "{cmd:?}: {help}");
    }
    let o = warta_eval(&["analyze", "x.txt"]);
    assert_eq!(o.status.code(), Some(2), "a user command is not a developer command");
}

#[test]
fn generate_is_deterministic() {
    let dir = std::env::temp_dir().join(format!("warta-eval-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str| {
        let path = dir.join(name);
        let o = warta_eval(&["generate", "--articles", "60", "--seed", "7", "--jsonl", path.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(path).unwrap()
    };
    let (a, b) = (run("a.jsonl"), run("b.jsonl"));
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 60);
    let first: serde_json::Value = serde_json::from_str(a.lines().next().unwrap()).unwrap();
    assert!(first["text"].is_string() && first["story"].is_number(), "{first}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_events_scores_the_self_written_gold() {
    let o = warta_eval(&["eval", "events"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("self-written gold") && out.contains("| warta |"), "{out}");
}
