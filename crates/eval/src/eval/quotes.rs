//! `warta-eval eval quotes`: score quotes, cues and speakers on PFSA-ID (Kompas 2020, CoNLL BILOU).
//!
//! The tokens of each article are joined back into text (no space before closing punctuation
//! and closing quote marks, none after opening ones), the article is one paragraph, and the
//! extractor runs on it with no entities. Gold spans: STATEMENT; CUE and CUECOREF (the speech
//! verb, "kata" / "katanya"); PERSON and PERSONCOREF (the speaker's name as written).
//!
//! Matching: a predicted span and a gold span of the same label *overlap* when they share at
//! least one byte; each gold span is matched at most once, greedily in text order. They match
//! *exactly* when they are equal after trimming quote marks, whitespace and `,.;:` at both ends.
//! Precision = matched predictions / predictions; recall = matched gold / gold.
//!
//! PFSA-ID is CC BY-NC-SA: read at evaluation time only, never compiled in.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use warta_engine::analysis::{Paragraph, QuoteKind, Span, TextSpan};
use warta_engine::quotes;

#[derive(ClapArgs)]
pub struct Args {
    /// The CoNLL file (default: DATA/pfsa-id/pfsa-id-dev40.txt).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print the first N missed and spurious statements (for error analysis).
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
}

struct Article {
    text: String,
    gold: Vec<(&'static str, Span)>,
}

fn is_open_mark(t: &str) -> bool {
    matches!(t, "“" | "‘" | "«" | "„")
}
fn is_quote_tok(t: &str) -> bool {
    matches!(t, "“" | "”" | "\"" | "‘" | "’" | "'" | "«" | "»" | "„")
}

/// Join one article's tokens back into text, recording the byte span of each token.
fn detokenize(sents: &[Vec<(String, String)>]) -> Article {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open_double = false;
    let mut open_single = false;
    let mut no_space_next = true;
    let mut cur: Vec<Option<(&'static str, usize)>> = Vec::new();
    for sent in sents {
        for (tok, tag) in sent {
            let t = tok.as_str();
            // decide whether this quote mark opens or closes
            let opening = if is_quote_tok(t) {
                let single = matches!(t, "‘" | "’" | "'");
                let state = if single { &mut open_single } else { &mut open_double };
                let open = if is_open_mark(t) { true } else { !*state };
                *state = open;
                Some(open)
            } else {
                None
            };
            let closing_punct =
                matches!(t, "." | "," | ";" | ":" | "!" | "?" | ")" | "%" | "]") || opening == Some(false);
            if !text.is_empty() && !no_space_next && !closing_punct {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(t);
            let end = text.len();
            no_space_next = matches!(t, "(" | "[" | "/") || opening == Some(true);
            // gold spans
            let (bilou, label) = tag.split_once('-').unwrap_or(("O", ""));
            let label: Option<&'static str> = match label {
                "STATEMENT" => Some("STATEMENT"),
                "CUE" => Some("CUE"),
                "CUECOREF" => Some("CUECOREF"),
                "PERSON" => Some("PERSON"),
                "PERSONCOREF" => Some("PERSONCOREF"),
                _ => None,
            };
            if let Some(l) = label {
                if matches!(bilou, "B" | "U") {
                    cur.retain(|c| c.is_some_and(|(cl, _)| cl != l));
                    cur.push(Some((l, start)));
                }
                if matches!(bilou, "L" | "U")
                    && let Some(pos) = cur.iter().position(|c| c.is_some_and(|(cl, _)| cl == l))
                {
                    let (_, s) = cur.remove(pos).expect("some");
                    gold.push((l, Span::new(s, end)));
                }
            }
        }
    }
    Article { text, gold }
}

fn read(path: &PathBuf) -> Result<Vec<Article>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sents: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur = Vec::new();
    for line in raw.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.split_once('\t').unwrap_or((line, "O"));
        cur.push((tok.to_string(), tag.trim().to_string()));
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    // an article starts at the sentence holding its ISSUE span (one per article)
    let mut articles = Vec::new();
    let mut start = 0;
    for (i, s) in sents.iter().enumerate() {
        let issue = s.iter().any(|(_, t)| t == "B-ISSUE" || t == "U-ISSUE");
        if issue && i > start {
            articles.push(detokenize(&sents[start..i]));
            start = i;
        }
    }
    articles.push(detokenize(&sents[start..]));
    Ok(articles)
}

#[derive(Default, Clone, Copy)]
struct Count {
    pred: usize,
    gold: usize,
    overlap: usize,
    exact: usize,
}

impl Count {
    fn add(&mut self, o: Count) {
        self.pred += o.pred;
        self.gold += o.gold;
        self.overlap += o.overlap;
        self.exact += o.exact;
    }
    fn prf(m: usize, p: usize, g: usize) -> (f64, f64, f64) {
        let pr = if p == 0 { 0.0 } else { m as f64 / p as f64 };
        let re = if g == 0 { 0.0 } else { m as f64 / g as f64 };
        let f = if pr + re == 0.0 { 0.0 } else { 2.0 * pr * re / (pr + re) };
        (pr, re, f)
    }
}

fn norm(text: &str, s: Span) -> &str {
    s.of(text).trim_matches(|c: char| quotes::is_mark(c) || c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
}

fn score(text: &str, pred: &[Span], gold: &[Span]) -> Count {
    let mut used = vec![false; gold.len()];
    let mut c = Count { pred: pred.len(), gold: gold.len(), ..Count::default() };
    for p in pred {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && gold[i].start < p.end && p.start < gold[i].end) {
            used[i] = true;
            c.overlap += 1;
        }
    }
    let mut used = vec![false; gold.len()];
    for p in pred {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && norm(text, gold[i]) == norm(text, *p)) {
            used[i] = true;
            c.exact += 1;
        }
    }
    c
}

/// The baseline: every pair of double quote marks is a statement; the word after the closing
/// mark (past a comma) is the cue; the capitalised words after it are the speaker.
fn baseline(text: &str) -> (Vec<Span>, Vec<Span>, Vec<Span>) {
    let mut st = Vec::new();
    let mut cues = Vec::new();
    let mut spk = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if !matches!(c, '"' | '“' | '”') {
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(s) => {
                let end = i + c.len_utf8();
                st.push(Span::new(s, end));
                let rest = &text[end..];
                let words: Vec<(usize, &str)> = rest
                    .split_whitespace()
                    .take(5)
                    .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                    .collect();
                if let Some(&(p, w)) = words.first() {
                    let w2 = w.trim_end_matches([',', '.']);
                    cues.push(Span::new(p, p + w2.len()));
                    let caps: Vec<&(usize, &str)> =
                        words[1..].iter().take_while(|(_, w)| w.starts_with(char::is_uppercase)).collect();
                    if let (Some(f), Some(l)) = (caps.first(), caps.last()) {
                        let lw = l.1.trim_end_matches([',', '.']);
                        spk.push(Span::new(f.0, l.0 + lw.len()));
                    }
                }
            }
        }
    }
    (st, cues, spk)
}

pub fn run(data: PathBuf, args: Args) -> Result<ExitCode> {
    let path = args.file.clone().unwrap_or_else(|| data.join("pfsa-id/pfsa-id-dev40.txt"));
    if !path.exists() {
        println!("PFSA-ID not found at {}: nothing scored (pass --data DIR or --file FILE)", path.display());
        return Ok(ExitCode::from(1));
    }
    let articles = read(&path)?;
    let rows = ["statement (direct + mixed)", "statement (all, reported too)", "cue", "speaker"];
    let mut ours = [Count::default(); 5];
    let mut base = [Count::default(); 3];
    let mut shown = 0;
    for a in &articles {
        let para = Paragraph { text: a.text.clone(), spans: vec![Span::new(0, a.text.len())] };
        let r = quotes::extract(&a.text, &[para], &[]);
        let gold =
            |ls: &[&str]| -> Vec<Span> { a.gold.iter().filter(|(l, _)| ls.contains(l)).map(|(_, s)| *s).collect() };
        let g_st = gold(&["STATEMENT"]);
        let g_cue = gold(&["CUE", "CUECOREF"]);
        let g_spk = gold(&["PERSON", "PERSONCOREF"]);
        let spans = |direct_only: bool| -> Vec<Span> {
            r.quotes
                .iter()
                .filter(|q| !direct_only || q.kind != QuoteKind::Reported)
                .map(|q| Span::new(q.start, q.end))
                .collect()
        };
        let p_direct = spans(true);
        let p_all = spans(false);
        let p_cue: Vec<Span> = r
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Reported)
            .filter_map(|q| q.cue.as_ref().map(TextSpan::span))
            .collect();
        let p_spk: Vec<Span> = r
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Reported)
            .filter_map(|q| q.speaker_span.as_ref().map(TextSpan::span))
            .collect();
        ours[0].add(score(&a.text, &p_direct, &g_st));
        ours[1].add(score(&a.text, &p_all, &g_st));
        ours[2].add(score(&a.text, &p_cue, &g_cue));
        ours[3].add(score(&a.text, &p_spk, &g_spk));
        // speakers the text names at a cue: a CUE within the same sentence, at most 80 bytes away
        let cues = gold(&["CUE"]);
        let near = |g: &Span| {
            cues.iter().any(|c| {
                let (lo, hi) = if c.end <= g.start { (c.end, g.start) } else { (g.end, c.start.max(g.end)) };
                hi >= lo && hi - lo <= 80 && !a.text[lo..hi].contains(". ")
            })
        };
        let g_spk_cue: Vec<Span> = g_spk.iter().copied().filter(near).collect();
        ours[4].add(score(&a.text, &p_spk, &g_spk_cue));
        let (b_st, b_cue, b_spk) = baseline(&a.text);
        base[0].add(score(&a.text, &b_st, &g_st));
        base[1].add(score(&a.text, &b_cue, &g_cue));
        base[2].add(score(&a.text, &b_spk, &g_spk));
        if shown < args.show_errors {
            for g in &g_st {
                if !p_direct.iter().any(|p| p.start < g.end && g.start < p.end) && shown < args.show_errors {
                    println!("MISSED   {}", g.of(&a.text));
                    shown += 1;
                }
            }
            for p in &p_direct {
                if !g_st.iter().any(|g| p.start < g.end && g.start < p.end) && shown < args.show_errors {
                    println!("SPURIOUS {}", p.of(&a.text));
                    shown += 1;
                }
            }
        }
    }
    println!("PFSA-ID {}: {} articles (one paragraph each), no entities given", path.display(), articles.len());
    println!();
    println!(
        "| span | system | gold | predicted | overlap P | overlap R | overlap F1 | exact P | exact R | exact F1 |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let line = |name: &str, sys: &str, c: Count| {
        let (op, or, of) = Count::prf(c.overlap, c.pred, c.gold);
        let (ep, er, ef) = Count::prf(c.exact, c.pred, c.gold);
        println!(
            "| {name} | {sys} | {} | {} | {op:.3} | {or:.3} | {of:.3} | {ep:.3} | {er:.3} | {ef:.3} |",
            c.gold, c.pred
        );
    };
    line(rows[0], "warta", ours[0]);
    line(rows[1], "warta", ours[1]);
    line("statement", "baseline: text between quote marks", base[0]);
    line(rows[2], "warta", ours[2]);
    line("cue", "baseline: word after the closing mark", base[1]);
    line(rows[3], "warta", ours[3]);
    line("speaker named at a cue (gold subset)", "warta", ours[4]);
    line("speaker", "baseline: capitalised words after that", base[2]);
    println!();
    println!("target: statement overlap F1 >= 0.80");
    Ok(ExitCode::SUCCESS)
}
