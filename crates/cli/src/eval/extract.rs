//! `warta eval extract`: main-text extraction on the Article Extraction Benchmark pages in
//! ../shared/data/boilerplate-aeb, scored with that benchmark's own metric, next to trafilatura
//! (PyPI) run on the same pages in the same command.
//!
//! Metric (the benchmark's `evaluate.py`, reimplemented): tokens are `\w+` runs (here: runs of
//! Unicode alphanumerics and `_`, Python's `str.isalnum` + `_`); each text becomes the multiset
//! of its 4-token shingles (a text of fewer than 4 tokens is one shorter shingle); per page,
//! TP/FP/FN are the multiset intersection and the two differences, normalised to sum to 1;
//! precision is the mean over pages with TP+FP > 0, recall the mean over pages with TP+FN > 0,
//! F1 = 2PR/(P+R). "exact" counts pages whose shingle multiset equals the gold one.
//!
//! Speed: both systems get the same decompressed page bytes; each times only its in-process
//! extraction call (warta: [`warta_html::extract`], which includes charset decoding, markup
//! metadata, the engine's cleaning and language ID; trafilatura: `trafilatura.extract`).
//! Reading and decompressing the files is outside the clock for both, and so are loading
//! warta's language models and trafilatura's imports. One thread each, and in step: each page is
//! timed by warta and then at once by trafilatura (a Python process answering page by page), so
//! that a slow spell of a shared machine falls on both sides alike, not on whichever ran then.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Do not run trafilatura.
    #[arg(long)]
    pub no_peer: bool,
    /// Print the per-page scores of the worst pages (for development).
    #[arg(long)]
    pub verbose: bool,
    /// Write the report (markdown) to this file as well as printing it.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Time each page this many times on both sides and keep each page's fastest run (the
    /// usual guard against a shared machine's noise; the output is the same every time).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub repeat: u32,
}

/// Per-page (tp, fp, fn), normalised to sum to 1 (all zero when both texts are empty).
pub type Counts = (f64, f64, f64);

/// The benchmark's tokeniser: `\w+`.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

fn shingles(text: &str, n: usize) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    let last = toks.len().saturating_sub(n) + 1;
    for i in 0..last.max(1) {
        let s = &toks[i.min(toks.len())..(i + n).min(toks.len())];
        if !s.is_empty() {
            *out.entry(s.to_vec()).or_insert(0) += 1;
        }
    }
    out
}

/// The benchmark's `string_shingle_matching`.
pub fn shingle_matching(gold: &str, pred: &str) -> Counts {
    let g = shingles(gold, 4);
    let p = shingles(pred, 4);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc) as f64;
        fn_ += gc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(gc) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 { (tp / s, fp / s, fn_ / s) } else { (0.0, 0.0, 0.0) }
}

/// The benchmark's `metrics_from_tp_fp_fns`: (precision, recall, f1).
pub fn metrics(pages: &[Counts]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let p = mean(
        pages
            .iter()
            .filter(|c| c.0 + c.1 > 0.0)
            .map(|&(tp, fp, fn_)| if fp == 0.0 && fn_ == 0.0 { 1.0 } else { tp / (tp + fp) })
            .collect(),
    );
    let r = mean(
        pages
            .iter()
            .filter(|c| c.0 + c.2 > 0.0)
            .map(|&(tp, fp, fn_)| if fp == 0.0 && fn_ == 0.0 { 1.0 } else { tp / (tp + fn_) })
            .collect(),
    );
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

struct Row {
    name: String,
    counts: Vec<Counts>,
    seconds: f64,
    note: String,
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let dir = data.join("boilerplate-aeb");
    if !dir.join("ground-truth.json").exists() {
        println!("eval extract: skipped: {} is absent (needs ../shared/data/boilerplate-aeb)", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let gt: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)
        .context("ground-truth.json is not JSON")?;
    let Some(gt) = gt.as_object() else { bail!("ground-truth.json is not an object") };
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in &ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let raw = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(raw.as_slice())
            .read_to_end(&mut bytes)
            .with_context(|| format!("{}: gzip", path.display()))?;
        pages.push((id.to_string(), path, bytes));
    }
    let gold: Vec<String> =
        ids.iter().map(|id| gt[id.as_str()]["articleBody"].as_str().unwrap_or_default().to_string()).collect();

    // warta, in process.
    let opts = warta_html::Options::default();
    // One-time work before the clock, as trafilatura's imports compile its regexes and load its
    // tables: lingua's models and tables, the cleaning's patterns (`warta_html::preload`), and
    // one small page of our own through the whole path.
    warta_html::preload();
    let _ = warta_html::extract(
        b"<html lang=\"id\"><body><article><p>Pemanasan: satu halaman kecil sebelum pengukuran dimulai, \
          agar pola pembersihan sudah disiapkan.</p></article></body></html>",
        &opts,
    );
    let mut peer = if args.no_peer { Err("peer not run (--no-peer)".to_string()) } else { Peer::start() };
    let mut peer_seconds = 0.0;
    let mut peer_bodies: Vec<String> = Vec::new();
    let mut peer_errors = 0;
    let mut cleaned = Vec::new();
    let mut uncleaned = Vec::new();
    let mut seconds = 0.0;
    let mut failures = 0;
    let mut languages: HashMap<String, usize> = HashMap::new();
    for (id, path, bytes) in &pages {
        let mut fastest = f64::INFINITY;
        let mut page = None;
        for _ in 0..args.repeat {
            let t0 = Instant::now();
            let p = warta_html::extract(bytes, &opts);
            fastest = fastest.min(t0.elapsed().as_secs_f64());
            page = Some(p);
        }
        seconds += fastest;
        // The same page through trafilatura, right after.
        if let Ok(p) = &mut peer {
            match p.time(id, path, args.repeat) {
                Ok(t) => {
                    peer_seconds += t.seconds;
                    if let Some(e) = t.error {
                        peer_errors += 1;
                        eprintln!("trafilatura: {id}: {e}");
                    }
                    peer_bodies.push(t.text);
                }
                Err(e) => peer = Err(e),
            }
        }
        let page = page.expect("repeat is at least 1");
        match page {
            Ok(p) => {
                *languages.entry(p.language.clone().unwrap_or_else(|| "null".into())).or_default() += 1;
                cleaned.push(p.body.join("\n"));
                let raw_body = match &p.title {
                    Some(t) => p.text.strip_prefix(t.as_str()).unwrap_or(&p.text).to_string(),
                    None => p.text.clone(),
                };
                uncleaned.push(raw_body);
            }
            Err(_) => {
                failures += 1;
                cleaned.push(String::new());
                uncleaned.push(String::new());
            }
        }
    }
    let score =
        |preds: &[String]| -> Vec<Counts> { gold.iter().zip(preds).map(|(g, p)| shingle_matching(g, p)).collect() };
    let mut rows = vec![
        Row {
            name: "warta (extract + engine cleaning)".into(),
            counts: score(&cleaned),
            seconds,
            note: format!("{failures} pages failed"),
        },
        Row {
            name: "warta, before the engine's cleaning".into(),
            counts: score(&uncleaned),
            seconds: f64::NAN,
            note: "same run; shows what the Indonesian cleaning does to English pages".into(),
        },
    ];

    let mut peer_note = String::new();
    match peer {
        Ok(p) => rows.push(Row {
            name: format!("trafilatura {} (Python, PyPI)", p.version),
            counts: score(&peer_bodies),
            seconds: peer_seconds,
            note: format!("`trafilatura.extract(bytes)`, default settings; {peer_errors} pages raised"),
        }),
        Err(e) => peer_note = e,
    }

    let n = pages.len();
    let mut md = String::new();
    md.push_str(&format!(
        "Pages: {n} (../shared/data/boilerplate-aeb, shared half of the Article Extraction Benchmark)\n\n"
    ));
    md.push_str(
        "| system | precision | recall | F1 | exact | pages/s | ms/page | note |\n|---|---|---|---|---|---|---|---|\n",
    );
    for r in &rows {
        let (p, rc, f) = metrics(&r.counts);
        let exact = r.counts.iter().filter(|c| c.1 == 0.0 && c.2 == 0.0 && c.0 > 0.0).count();
        let (pps, ms) = if r.seconds.is_nan() {
            ("–".to_string(), "–".to_string())
        } else {
            (format!("{:.1}", n as f64 / r.seconds), format!("{:.2}", 1000.0 * r.seconds / n as f64))
        };
        md.push_str(&format!("| {} | {p:.3} | {rc:.3} | {f:.3} | {exact}/{n} | {pps} | {ms} | {} |\n", r.name, r.note));
    }
    // The held-out split: extraction rules were tuned looking at the even-numbered pages (in
    // id order) only; the odd-numbered ones are scored here as a check on overfitting.
    md.push_str("\nSplit (pages in id order; rules were tuned on the even ones, the odd ones are held out):\n\n");
    md.push_str("| system | even P | even R | even F1 | odd P | odd R | odd F1 |\n|---|---|---|---|---|---|---|\n");
    for r in rows.iter().filter(|r| !r.seconds.is_nan()) {
        let part = |odd: usize| -> Vec<Counts> {
            r.counts.iter().enumerate().filter(|(i, _)| i % 2 == odd).map(|(_, c)| *c).collect()
        };
        let (ep, er, ef) = metrics(&part(0));
        let (op, or, of) = metrics(&part(1));
        md.push_str(&format!("| {} | {ep:.3} | {er:.3} | {ef:.3} | {op:.3} | {or:.3} | {of:.3} |\n", r.name));
    }
    if let (Some(w), Some(t)) = (rows.first(), rows.get(2)) {
        md.push_str(&format!(
            "\nwarta / trafilatura pages per second: {:.1}x (target: at least 20x; F1 target: 0.96)\n",
            t.seconds / w.seconds
        ));
    }
    if !peer_note.is_empty() {
        md.push_str(&format!("\n{peer_note}\n"));
    }
    let mut langs: Vec<_> = languages.into_iter().collect();
    langs.sort();
    md.push_str(&format!("\nwarta's detected languages: {langs:?}\n"));
    md.push_str(if cfg!(debug_assertions) {
        "\nBuild: debug (speed figures are not representative; use --release)\n"
    } else {
        "\nBuild: release\n"
    });
    print!("{md}");
    if args.verbose {
        let mut worst: Vec<(f64, &str)> =
            rows[0].counts.iter().zip(&pages).map(|(c, (id, _, _))| (c.0, id.as_str())).collect();
        worst.sort_by(|a, b| a.0.total_cmp(&b.0));
        for ((tp, id), _) in worst.iter().zip(0..15) {
            let i = ids.iter().position(|x| x == id).unwrap_or(0);
            let (_, fp, fn_) = rows[0].counts[i];
            println!("{i:>3} {id}  tp={tp:.2} fp={fp:.2} fn={fn_:.2}");
        }
    }
    if let Some(path) = &args.report {
        std::fs::File::create(path)?.write_all(md.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// trafilatura in a Python process that times one page per request (eval/peers/extract_trafilatura.py).
struct Peer {
    version: String,
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
}

/// trafilatura's answer for one page.
struct PeerPage {
    seconds: f64,
    text: String,
    error: Option<String>,
}

impl Peer {
    fn start() -> std::result::Result<Peer, String> {
        let mut child = super::peer_command(
            "extract_trafilatura.py",
            "trafilatura",
            "eval/peers/requirements-extract.txt from PyPI",
        )?
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("trafilatura not run: {e}"))?;
        let stdin = child.stdin.take().ok_or("trafilatura not run: no stdin")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("trafilatura not run: no stdout")?);
        let mut peer = Peer { version: String::new(), child, stdin, stdout };
        let hello = peer.read()?;
        peer.version = hello["version"].as_str().unwrap_or("?").to_string();
        Ok(peer)
    }

    fn read(&mut self) -> std::result::Result<Value, String> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) => Err("trafilatura stopped before the end (see its message above)".into()),
            Ok(_) => serde_json::from_str(&line).map_err(|e| format!("trafilatura gave no JSON: {e}")),
            Err(e) => Err(format!("trafilatura failed: {e}")),
        }
    }

    /// Time one page (best of `repeat`), as warta has just done.
    fn time(&mut self, id: &str, path: &Path, repeat: u32) -> std::result::Result<PeerPage, String> {
        let req = serde_json::json!({"id": id, "path": path.display().to_string(), "repeat": repeat});
        writeln!(self.stdin, "{req}")
            .and_then(|_| self.stdin.flush())
            .map_err(|e| format!("trafilatura failed: {e}"))?;
        let v = self.read()?;
        Ok(PeerPage {
            seconds: v["seconds"].as_f64().unwrap_or(f64::NAN),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            error: v["error"].as_str().map(str::to_string),
        })
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // Every request has been answered: the peer is stopped.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let c = shingle_matching("one two three four five", "one two three four five");
        assert_eq!(c, (1.0, 0.0, 0.0));
        assert_eq!(metrics(&[c]), (1.0, 1.0, 1.0));
    }

    #[test]
    fn counts_are_normalised_per_page() {
        // gold: 2 shingles (a b c d, b c d e); pred: 1 of them + 1 extra.
        let c = shingle_matching("a b c d e", "a b c d x");
        assert_eq!(c, (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0));
        let (p, r, f) = metrics(&[c]);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
    }

    #[test]
    fn empty_prediction_counts_only_for_recall() {
        let empty = shingle_matching("a b c d", "");
        assert_eq!(empty, (0.0, 0.0, 1.0));
        let full = shingle_matching("a b c d", "a b c d");
        let (p, r, _) = metrics(&[empty, full]);
        assert_eq!(p, 1.0);
        assert_eq!(r, 0.5);
    }

    #[test]
    fn the_peer_answers_page_by_page() {
        if !crate::eval::have_venv() {
            eprintln!("skipped: eval/.venv is absent (bash eval/setup-venv.sh creates it)");
            return;
        }
        let path = std::env::temp_dir().join(format!("warta-peer-test-{}.html", std::process::id()));
        let para = "The harbour authority said on Tuesday that the new quay would open to ships next spring, \
                    after two years of building work that had been delayed by storms.";
        std::fs::write(
            &path,
            format!("<html><body><article><h1>Quay to open</h1><p>{para}</p><p>{para}</p></article></body></html>"),
        )
        .unwrap();
        let mut peer = Peer::start().expect("the peer starts");
        assert!(!peer.version.is_empty());
        let page = peer.time("a", &path, 2).expect("an answer");
        assert!(page.seconds > 0.0 && page.error.is_none());
        assert!(page.text.contains("harbour authority"), "{}", page.text);
        // A file that is not there is an error for that page, and the peer goes on.
        let missing = peer.time("b", Path::new("/nonexistent/page.html"), 1).expect("an answer");
        assert!(missing.error.is_some() && missing.text.is_empty());
        assert!(peer.time("c", &path, 1).is_ok());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingle_matching("hello, world", "hello world!"), (1.0, 0.0, 0.0));
        assert_eq!(tokens("a_b c-d é1"), vec!["a_b", "c", "d", "é1"]);
    }
}
