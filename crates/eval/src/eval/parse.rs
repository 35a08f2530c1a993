//! `warta-eval eval parse`: UPOS, UAS and LAS of the syntax model on UD Indonesian-CSUI test
//! (../shared/data/ud-id-csui, never trained on), next to UDPipe 1 trained on the same files with
//! its default settings. Gold tokenisation for both; every word scored, punctuation included.
//! LAS compares universal relations (subtypes ignored, as the CoNLL 2018 evaluation does);
//! "LAS+sub" compares full relations.
//!
//! `--holdout` also trains a variant of each system without every fifth sentence of PUD and of
//! GSD dev, and scores both on those held-out sentences (GSD ones in GSD style).

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Instant;
use warta_syntax::train::{self, Config, Gold, Scores};
use warta_syntax::{Analyser, Deprel, Model, Parsed, Rel, Style, Upos};

#[derive(ClapArgs)]
pub struct Args {
    /// Also score variants trained without a held-out fifth of PUD and GSD dev on that part.
    #[arg(long)]
    pub holdout: bool,
    /// Skip UDPipe.
    #[arg(long)]
    pub no_peer: bool,
}

const CSUI_TRAIN: &str = "ud-id-csui/id_csui-ud-train.conllu";
const CSUI_TEST: &str = "ud-id-csui/id_csui-ud-test.conllu";
const PUD: &str = "ud-id-pud/id_pud-ud-test.conllu";
const GSD: &str = "ud-id-gsd/id_gsd-ud-dev.conllu";

fn read_gold(data: &Path, file: &str) -> Result<Vec<Gold>> {
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    train::read_gold(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Every fifth sentence (index % 5 == 4) is held out.
fn split(v: &[Gold]) -> (Vec<Gold>, Vec<Gold>) {
    let (a, b): (Vec<_>, Vec<_>) = v.iter().cloned().enumerate().partition(|(i, _)| i % 5 != 4);
    (a.into_iter().map(|x| x.1).collect(), b.into_iter().map(|x| x.1).collect())
}

struct Row {
    system: String,
    scores: Scores,
    words_per_s: Option<f64>,
}

fn print_table(title: &str, rows: &[Row]) {
    println!("\n{title}\n");
    println!("| system | words | UPOS | UAS | LAS | LAS+sub | words/s (1 thread) |");
    println!("|---|---|---|---|---|---|---|");
    for r in rows {
        let s = &r.scores;
        let speed = r.words_per_s.map_or("–".to_string(), |v| format!("{v:.0}"));
        println!(
            "| {} | {} | {:.4} | {:.4} | {:.4} | {:.4} | {speed} |",
            r.system,
            s.words,
            s.upos_rate(),
            s.uas_rate(),
            s.las_rate(),
            s.las_full_rate()
        );
    }
}

fn score_warta(model: &Model, gold: &[Gold], style: Style) -> Row {
    let mut analyser = Analyser::new(model);
    analyser.style = style;
    let words: Vec<Vec<&str>> = gold.iter().map(Gold::words).collect();
    let t0 = Instant::now();
    let preds: Vec<Vec<Parsed>> = words.iter().map(|w| analyser.tag_and_parse(w)).collect();
    let secs = t0.elapsed().as_secs_f64();
    let mut scores = Scores::default();
    for (g, p) in gold.iter().zip(&preds) {
        scores.add(g, p);
    }
    Row { system: "warta".into(), words_per_s: Some(scores.words as f64 / secs.max(1e-9)), scores }
}

/// The gold sentences as CoNLL-U with their analyses blanked (what the peer reads).
fn blank_conllu(data: &Path, file: &str, keep: impl Fn(usize) -> bool) -> Result<String> {
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let sents = warta_syntax::conllu::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut out = String::new();
    for (i, mut s) in sents.into_iter().filter(|s| s.words().next().is_some()).enumerate() {
        if !keep(i) {
            continue;
        }
        for w in s.words_mut() {
            for c in [2, 3, 4, 5, 6, 7, 8] {
                w.cols[c] = "_".into();
            }
        }
        out.push_str(&s.to_string());
    }
    Ok(out)
}

/// The UDPipe model trained on `files` (cached in eval/.venv/udpipe/NAME.udpipe).
fn udpipe_model(data: &Path, name: &str, files: &[String]) -> std::result::Result<PathBuf, String> {
    let dir = super::eval_dir().join(".venv/udpipe");
    let model = dir.join(format!("{name}.udpipe"));
    if model.exists() {
        return Ok(model);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut cmd = super::peer_command("parse_udpipe.py", "UDPipe", "ufal.udpipe")?;
    cmd.arg("train").arg(&model).args(files.iter().map(|f| {
        let (file, mode) = f.split_once('@').map_or((f.as_str(), ""), |(a, b)| (a, b));
        let p = data.join(file).display().to_string();
        if mode.is_empty() { p } else { format!("{p}@{mode}") }
    }));
    eprintln!("training UDPipe model {name} (default settings; this takes several minutes, once)");
    let st = cmd.stdout(Stdio::null()).status().map_err(|e| format!("UDPipe not run: {e}"))?;
    if !st.success() || !model.exists() {
        return Err(format!("UDPipe training failed ({st})"));
    }
    Ok(model)
}

fn score_udpipe(model: &Path, input: &str, gold: &[Gold]) -> Result<Row> {
    let mut cmd = super::peer_command("parse_udpipe.py", "UDPipe", "ufal.udpipe").map_err(anyhow::Error::msg)?;
    let mut child = cmd
        .arg("run")
        .arg(model)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting UDPipe")?;
    let mut stdin = child.stdin.take().context("UDPipe stdin")?;
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output()?;
    writer.join().expect("writer thread").context("writing to UDPipe")?;
    if !out.status.success() {
        bail!("UDPipe failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let timing: serde_json::Value =
        stderr.lines().rev().find_map(|l| serde_json::from_str(l).ok()).context("UDPipe printed no timing")?;
    let secs = timing["seconds"].as_f64().unwrap_or(0.0);
    let pred = warta_syntax::conllu::parse(&String::from_utf8_lossy(&out.stdout))
        .map_err(|e| anyhow::anyhow!("UDPipe output: {e}"))?;
    let pred: Vec<_> = pred.into_iter().filter(|s| s.words().next().is_some()).collect();
    if pred.len() != gold.len() {
        bail!("UDPipe returned {} sentences for {}", pred.len(), gold.len());
    }
    let mut scores = Scores::default();
    for (g, p) in gold.iter().zip(&pred) {
        let parsed: Vec<Parsed> = p
            .words()
            .map(|w| Parsed {
                upos: w.upos().unwrap_or(Upos::X),
                head: w.head().unwrap_or(0),
                deprel: w.deprel().unwrap_or(Deprel::new(Rel::Dep)),
            })
            .collect();
        scores.add(g, &parsed);
    }
    Ok(Row {
        system: "UDPipe 1 (default settings)".into(),
        words_per_s: Some(scores.words as f64 / secs.max(1e-9)),
        scores,
    })
}

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    let test = read_gold(data, CSUI_TEST)?;
    let mut rows = vec![score_warta(Model::embedded(), &test, Style::Ud)];
    let full: Vec<String> = [CSUI_TRAIN, PUD, GSD].iter().map(|s| s.to_string()).collect();
    if !args.no_peer {
        match udpipe_model(data, "full", &full) {
            Ok(m) => rows.push(score_udpipe(&m, &blank_conllu(data, CSUI_TEST, |_| true)?, &test)?),
            Err(e) => eprintln!("warta: {e}"),
        }
    }
    println!("Trained on UD Indonesian-CSUI train + PUD + GSD dev; gold tokenisation, punctuation included.");
    print_table(&format!("UD Indonesian-CSUI test ({} sentences)", test.len()), &rows);
    if !args.holdout {
        return Ok(ExitCode::SUCCESS);
    }
    let csui = read_gold(data, CSUI_TRAIN)?;
    let (pud_train, pud_held) = split(&read_gold(data, PUD)?);
    let (mut gsd_train, mut gsd_held) = split(&read_gold(data, GSD)?);
    gsd_train.iter_mut().chain(gsd_held.iter_mut()).for_each(|g| g.style = Style::Gsd);
    let mut all = csui;
    all.extend(pud_train);
    all.extend(gsd_train);
    eprintln!("training warta's held-out variant on {} sentences", all.len());
    let variant = train::train(&all, &Config::default(), &mut |m| eprintln!("  {m}"));
    let held: Vec<String> = [CSUI_TRAIN.to_string(), format!("{PUD}@holdout"), format!("{GSD}@holdout")].to_vec();
    let peer = if args.no_peer {
        None
    } else {
        udpipe_model(data, "holdout", &held).map_err(|e| eprintln!("warta: {e}")).ok()
    };
    for (title, file, set, style) in [
        ("PUD held-out fifth", PUD, &pud_held, Style::Ud),
        ("GSD dev held-out fifth (GSD style)", GSD, &gsd_held, Style::Gsd),
    ] {
        let mut rows = vec![score_warta(&variant, set, style)];
        if let Some(m) = &peer {
            rows.push(score_udpipe(m, &blank_conllu(data, file, |i| i % 5 == 4)?, set)?);
        }
        print_table(&format!("{title} ({} sentences; variants trained without them)", set.len()), &rows);
    }
    Ok(ExitCode::SUCCESS)
}
