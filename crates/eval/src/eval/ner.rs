//! `warta-eval eval ner`: strict entity-level precision / recall / F1 (PER, ORG, LOC and micro
//! overall) of the entity tagger on each dev set in ../shared/data, next to the
//! sklearn-crfsuite peer (`eval/peers/ner_crf.py`) trained in the same run on the same
//! training data (the train splits as `warta-eval train ner` reads them by default).

use crate::train::{CORPORA, read_conll, training_set};
use anyhow::{Context, Result, bail};

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_engine::analysis::EntityKind;
use warta_engine::ner::Tag;
use warta_eval::ner_train::Sentence;

#[derive(clap::Args)]
pub struct Args {
    /// Score this model file instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Do not train and run the sklearn-crfsuite peer.
    #[arg(long)]
    pub no_peer: bool,
    /// Also write the tables to this Markdown file.
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
}

const KINDS: [EntityKind; 3] = [EntityKind::Per, EntityKind::Org, EntityKind::Loc];

/// Entities of a BIO sequence as (sentence, start, end, kind); an `I-X` that does not
/// continue an `X` opens a new entity (conlleval's reading).
fn entities(sents: &[Vec<Tag>]) -> HashSet<(usize, usize, usize, EntityKind)> {
    let mut out = HashSet::new();
    for (s, tags) in sents.iter().enumerate() {
        let mut open: Option<(usize, EntityKind)> = None;
        for (i, t) in tags.iter().enumerate() {
            let cont = matches!((t, open), (Tag::I(k), Some((_, o))) if *k == o);
            if !cont {
                if let Some((b, k)) = open.take() {
                    out.insert((s, b, i, k));
                }
                open = t.kind().map(|k| (i, k));
            }
        }
        if let Some((b, k)) = open {
            out.insert((s, b, tags.len(), k));
        }
    }
    out
}

/// Counts (tp, predicted, gold) per kind, in KINDS order.
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub counts: [(usize, usize, usize); 3],
}

impl Score {
    fn of(gold: &[Vec<Tag>], pred: &[Vec<Tag>]) -> Score {
        let g = entities(gold);
        let p = entities(pred);
        let mut s = Score::default();
        for (k, kind) in KINDS.iter().enumerate() {
            let gk: HashSet<_> = g.iter().filter(|e| e.3 == *kind).collect();
            let pk: HashSet<_> = p.iter().filter(|e| e.3 == *kind).collect();
            s.counts[k] = (gk.intersection(&pk).count(), pk.len(), gk.len());
        }
        s
    }

    fn prf(c: (usize, usize, usize)) -> (f64, f64, f64) {
        let p = if c.1 == 0 { 0.0 } else { c.0 as f64 / c.1 as f64 };
        let r = if c.2 == 0 { 0.0 } else { c.0 as f64 / c.2 as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }

    fn micro(&self) -> (f64, f64, f64) {
        let c = self.counts.iter().fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        Self::prf(c)
    }
}

fn tag_all(tagger: &warta_engine::ner::Tagger, dev: &[Sentence]) -> Vec<Vec<Tag>> {
    dev.iter()
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            tagger.tag(&toks)
        })
        .collect()
}

fn write_conll(path: &Path, sents: &[Sentence], with_tags: bool) -> Result<()> {
    let mut s = String::new();
    for sent in sents {
        for (t, g) in sent.tokens.iter().zip(&sent.tags) {
            if with_tags {
                let _ = writeln!(s, "{t}\t{}", g.as_str());
            } else {
                let _ = writeln!(s, "{t}");
            }
        }
        s.push('\n');
    }
    std::fs::write(path, s).with_context(|| format!("writing {}", path.display()))
}

fn read_tags(path: &Path, expect: &[Sentence]) -> Result<Vec<Vec<Tag>>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out: Vec<Vec<Tag>> = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push(Tag::parse(line.trim()).unwrap_or(Tag::O));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() != expect.len() || out.iter().zip(expect).any(|(a, b)| a.len() != b.tokens.len()) {
        bail!("peer output {} does not line up with the dev set", path.display());
    }
    Ok(out)
}

/// Train and run the CRF peer; None (with the reason) when it cannot run.
fn run_peer(data: &Path, devs: &[Vec<Sentence>]) -> Result<std::result::Result<Vec<Vec<Vec<Tag>>>, String>> {
    let mut cmd = match super::peer_command("ner_crf.py", "peer", "sklearn-crfsuite") {
        Ok(cmd) => cmd,
        Err(why) => return Ok(Err(why)),
    };
    let dir = std::env::temp_dir().join(format!("warta-eval-ner-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    write_conll(&dir.join("train.txt"), &training_set(data, false, 10)?, true)?;
    cmd.arg(dir.join("train.txt"));
    for (i, d) in devs.iter().enumerate() {
        let p = dir.join(format!("dev{i}.txt"));
        write_conll(&p, d, false)?;
        cmd.arg(&p);
    }
    eprintln!("training the sklearn-crfsuite peer (this takes a few minutes)...");
    let status = cmd.status().context("running the CRF peer")?;
    if !status.success() {
        return Ok(Err(format!("peer failed ({status})")));
    }
    let mut out = Vec::new();
    for (i, d) in devs.iter().enumerate() {
        out.push(read_tags(&dir.join(format!("dev{i}.txt.pred")), d)?);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Ok(out))
}

fn table(title: &str, names: &[&str], scores: &[Score], in_mean: &[bool]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### {title}\n");
    let _ = writeln!(s, "| dev set | PER P/R/F1 | ORG P/R/F1 | LOC P/R/F1 | micro P | micro R | micro F1 |");
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    let mut mean = 0.0;
    let mut n = 0;
    for ((name, sc), m) in names.iter().zip(scores).zip(in_mean) {
        let cells: Vec<String> = (0..3)
            .map(|k| {
                let (p, r, f) = Score::prf(sc.counts[k]);
                format!("{p:.1} / {r:.1} / **{f:.1}**")
            })
            .collect();
        let (p, r, f) = sc.micro();
        let _ = writeln!(s, "| {name} | {} | {} | {} | {p:.1} | {r:.1} | **{f:.1}** |", cells[0], cells[1], cells[2]);
        if *m {
            mean += f;
            n += 1;
        }
    }
    let _ = writeln!(s, "\nMean micro F1 over NERGrit, NER-UI, NER-UGM, IDNer: **{:.1}**\n", mean / n.max(1) as f64);
    s
}

pub fn run(args: Args, data: &Path) -> Result<ExitCode> {
    if !data.join("ner-nergrit").exists() {
        bail!("no NER data under {} (pass --data DIR)", data.display());
    }
    let tagger = crate::ner::load_tagger(&args.model)?;
    let mut names = Vec::new();
    let mut devs = Vec::new();
    let mut in_mean = Vec::new();
    for c in CORPORA {
        names.push(c.name);
        in_mean.push(c.in_mean);
        devs.push(read_conll(&data.join(c.dir).join(c.dev))?);
    }
    let ours: Vec<Score> = devs
        .iter()
        .map(|d| {
            let gold: Vec<Vec<Tag>> = d.iter().map(|s| s.tags.clone()).collect();
            Score::of(&gold, &tag_all(tagger, d))
        })
        .collect();
    let mut report = String::from("## Entity tagger: strict entity-level scores on the dev sets\n\n");
    report += &table("warta (averaged structured perceptron, embedded model)", &names, &ours, &in_mean);
    if args.no_peer {
        report += "Peer not run (--no-peer).\n";
    } else {
        match run_peer(data, &devs)? {
            Ok(preds) => {
                let peer: Vec<Score> = devs
                    .iter()
                    .zip(&preds)
                    .map(|(d, p)| {
                        let gold: Vec<Vec<Tag>> = d.iter().map(|s| s.tags.clone()).collect();
                        Score::of(&gold, p)
                    })
                    .collect();
                report += &table(
                    "peer: sklearn-crfsuite (L-BFGS CRF, classic features, same training data)",
                    &names,
                    &peer,
                    &in_mean,
                );
            }
            Err(why) => {
                report += &format!("{why}\n");
            }
        }
    }
    print!("{report}");
    if let Some(p) = &args.report {
        std::fs::write(p, &report).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    #[test]
    fn strict_scoring_needs_exact_spans_and_types() {
        let gold = vec![vec![Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc)]];
        let pred = vec![vec![Tag::B(Per), Tag::O, Tag::O, Tag::B(Loc)]];
        let s = Score::of(&gold, &pred);
        assert_eq!(s.counts[0], (0, 1, 1)); // PER boundary wrong
        assert_eq!(s.counts[2], (1, 1, 1));
        let (p, r, f) = s.micro();
        assert!((p - 50.0).abs() < 1e-9 && (r - 50.0).abs() < 1e-9 && (f - 50.0).abs() < 1e-9);
    }

    #[test]
    fn stray_inside_tag_opens_an_entity() {
        let e = entities(&[vec![Tag::O, Tag::I(Org), Tag::I(Org)]]);
        assert_eq!(e.into_iter().collect::<Vec<_>>(), [(0, 1, 3, Org)]);
    }
}
