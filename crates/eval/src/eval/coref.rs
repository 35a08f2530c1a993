//! `warta-eval eval coref`: score alias merging (`entities::resolve`) on ../shared/data/coref-id.
//!
//! The gold set is phrase-level XML: `<phrase id ne="..." coref="antecedent id">tok\POS ...`.
//! Gold chains are built over all phrases (coref links are transitive, through pronouns and
//! common nouns too) and then restricted to **named-entity phrases**: phrases with at least one
//! PERSON, ORGANIZATION or LOCATION token. Each document's text is rebuilt from its tokens
//! (one line per sentence) and the resolver is given the gold NE phrases as its mentions, so
//! this scores *merging*, not tagging. MUC and B³ are printed next to a baseline that merges
//! mentions whose text is identical (case-insensitive), in the same run.

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_engine::analysis::{EntityKind, NerMention, Span};
use warta_engine::entities;

#[derive(ClapArgs)]
pub struct Args {
    /// The XML file to score (default: coref-id/train.xml in the data folder).
    #[arg(long, value_name = "FILE")]
    pub xml: Option<PathBuf>,
    /// The sentence → document table (default: coref-id/document_id.csv beside the XML).
    #[arg(long, value_name = "FILE")]
    pub documents: Option<PathBuf>,
    /// Print up to N merging mistakes of warta's resolver (wrong merges and missed links).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,
}

struct Phrase {
    id: u32,
    ne_kind: Option<EntityKind>,
    coref: Option<u32>,
    words: Vec<String>,
}

struct Sentence {
    id: u32,
    phrases: Vec<Phrase>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn ne_kind(labels: &str) -> Option<EntityKind> {
    let mut counts = [0usize; 3];
    for l in labels.split('|') {
        match l {
            "PERSON" => counts[0] += 1,
            "ORGANIZATION" => counts[1] += 1,
            "LOCATION" => counts[2] += 1,
            _ => {}
        }
    }
    let max = *counts.iter().max()?;
    if max == 0 {
        return None;
    }
    // Ties go to the later label (head-final phrases such as "Pemerintah kota Delhi").
    let kinds = [EntityKind::Per, EntityKind::Org, EntityKind::Loc];
    let last = labels.split('|').rev().find_map(|l| match l {
        "PERSON" => Some(0),
        "ORGANIZATION" => Some(1),
        "LOCATION" => Some(2),
        _ => None,
    })?;
    if counts[last] == max { Some(kinds[last]) } else { counts.iter().position(|&c| c == max).map(|i| kinds[i]) }
}

fn parse_xml(xml: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<sentence ") {
        let open_end = rest[i..].find('>').context("unterminated <sentence>")? + i;
        let id: u32 = attr(&rest[i..open_end], "id").context("sentence without id")?.parse()?;
        let close = rest[open_end..].find("</sentence>").context("unterminated sentence")? + open_end;
        let body = &rest[open_end + 1..close];
        let mut phrases = Vec::new();
        let mut b = body;
        while let Some(p) = b.find("<phrase") {
            let tag_end = b[p..].find('>').context("unterminated <phrase>")? + p;
            let tag = &b[p..tag_end];
            let end = b[tag_end..].find("</phrase>").context("unterminated phrase")? + tag_end;
            let content = unescape(&b[tag_end + 1..end]);
            let words = content
                .split_whitespace()
                .map(|t| t.rsplit_once('\\').map_or(t, |(w, _)| w).to_string())
                .filter(|w| !w.is_empty())
                .collect();
            phrases.push(Phrase {
                id: attr(tag, "id").and_then(|s| s.parse().ok()).unwrap_or(0),
                ne_kind: attr(tag, "ne").as_deref().and_then(ne_kind),
                coref: attr(tag, "coref").and_then(|s| s.parse().ok()),
                words,
            });
            b = &b[end + "</phrase>".len()..];
        }
        out.push(Sentence { id, phrases });
        rest = &rest[close..];
    }
    Ok(out)
}

fn parse_docs(csv: &str) -> HashMap<u32, String> {
    let mut m = HashMap::new();
    for line in csv.lines().skip(1) {
        let (Some((sid, _)), Some((_, doc))) = (line.split_once(','), line.rsplit_once(',')) else { continue };
        if let Ok(s) = sid.trim().parse() {
            m.insert(s, doc.trim().to_string());
        }
    }
    m
}

/// One document: its text and its NE mentions with gold chain ids.
struct Doc {
    name: String,
    text: String,
    mentions: Vec<(Span, EntityKind)>,
    gold: Vec<usize>,
}

fn find(p: &mut HashMap<u32, u32>, x: u32) -> u32 {
    let mut r = x;
    while let Some(&q) = p.get(&r) {
        if q == r {
            break;
        }
        r = q;
    }
    p.insert(x, r);
    r
}

fn build_docs(sentences: Vec<Sentence>, docs: &HashMap<u32, String>) -> Vec<Doc> {
    let mut by_doc: BTreeMap<String, Vec<Sentence>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for s in sentences {
        let d = docs.get(&s.id).cloned().unwrap_or_else(|| format!("sentence-{}", s.id));
        if !by_doc.contains_key(&d) {
            order.push(d.clone());
        }
        by_doc.entry(d).or_default().push(s);
    }
    let mut out = Vec::new();
    for name in order {
        let ss = &by_doc[&name];
        let mut text = String::new();
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut ne: Vec<(u32, Span, EntityKind)> = Vec::new();
        for s in ss {
            for p in &s.phrases {
                if p.words.is_empty() {
                    continue;
                }
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(&p.words.join(" "));
                let end = text.len();
                if p.id != 0 {
                    parent.entry(p.id).or_insert(p.id);
                    if let Some(a) = p.coref {
                        parent.entry(a).or_insert(a);
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, p.id));
                        if ra != rb {
                            parent.insert(rb.max(ra), rb.min(ra));
                        }
                    }
                    if let Some(k) = p.ne_kind {
                        ne.push((p.id, Span::new(start, end), k));
                    }
                }
            }
            text.push('\n');
        }
        let mut chain_ids: HashMap<u32, usize> = HashMap::new();
        let mut gold = Vec::new();
        let mut mentions = Vec::new();
        for (id, span, k) in ne {
            let r = find(&mut parent, id);
            let n = chain_ids.len();
            gold.push(*chain_ids.entry(r).or_insert(n));
            mentions.push((span, k));
        }
        out.push(Doc { name, text, mentions, gold });
    }
    out
}

/// Partition as cluster id per mention → MUC (P, R) numerators/denominators.
fn muc(key: &[usize], resp: &[usize]) -> (usize, usize) {
    // Recall side: Σ(|k| - p(k)) and Σ(|k| - 1) over key clusters.
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    for (m, &c) in key.iter().enumerate() {
        clusters.entry(c).or_default().push(m);
    }
    let (mut num, mut den) = (0, 0);
    for ms in clusters.values() {
        let mut parts: Vec<usize> = ms.iter().map(|&m| resp[m]).collect();
        parts.sort_unstable();
        parts.dedup();
        num += ms.len() - parts.len();
        den += ms.len() - 1;
    }
    (num, den)
}

fn b3(key: &[usize], resp: &[usize]) -> (f64, f64) {
    let n = key.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for m in 0..n {
        let both = (0..n).filter(|&x| key[x] == key[m] && resp[x] == resp[m]).count() as f64;
        let rs = (0..n).filter(|&x| resp[x] == resp[m]).count() as f64;
        let ks = (0..n).filter(|&x| key[x] == key[m]).count() as f64;
        p += both / rs;
        r += both / ks;
    }
    (p, r)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

#[derive(Default)]
struct Score {
    muc_rn: usize,
    muc_rd: usize,
    muc_pn: usize,
    muc_pd: usize,
    b3_p: f64,
    b3_r: f64,
    n: usize,
}

impl Score {
    fn add(&mut self, key: &[usize], resp: &[usize]) {
        let (rn, rd) = muc(key, resp);
        let (pn, pd) = muc(resp, key);
        self.muc_rn += rn;
        self.muc_rd += rd;
        self.muc_pn += pn;
        self.muc_pd += pd;
        let (p, r) = b3(key, resp);
        self.b3_p += p;
        self.b3_r += r;
        self.n += key.len();
    }
    fn row(&self, name: &str) -> String {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (mp, mr) = (div(self.muc_pn, self.muc_pd), div(self.muc_rn, self.muc_rd));
        let n = self.n.max(1) as f64;
        let (bp, br) = (self.b3_p / n, self.b3_r / n);
        format!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            100.0 * mp,
            100.0 * mr,
            100.0 * f1(mp, mr),
            100.0 * bp,
            100.0 * br,
            100.0 * f1(bp, br),
            50.0 * (f1(mp, mr) + f1(bp, br))
        )
    }
}

fn baseline(doc: &Doc) -> Vec<usize> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    doc.mentions
        .iter()
        .map(|(s, _)| {
            let n = ids.len();
            *ids.entry(doc.text[s.start..s.end].to_lowercase()).or_insert(n)
        })
        .collect()
}

fn warta(doc: &Doc) -> Vec<usize> {
    let tagged: Vec<NerMention> = doc.mentions.iter().map(|&(span, kind)| NerMention { span, kind }).collect();
    let regions = [Span::new(0, doc.text.len())];
    let ents = entities::resolve(&doc.text, &regions, &tagged);
    let mut of_span: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, e) in ents.iter().enumerate() {
        for m in &e.mentions {
            of_span.insert((m.start, m.end), i);
        }
    }
    let base = ents.len();
    doc.mentions
        .iter()
        .enumerate()
        .map(|(k, (s, _))| of_span.get(&(s.start, s.end)).copied().unwrap_or(base + k))
        .collect()
}

pub fn run(args: Args, data: &Path) -> Result<ExitCode> {
    let xml_path = args.xml.clone().unwrap_or_else(|| data.join("coref-id/train.xml"));
    let csv_path =
        args.documents.clone().unwrap_or_else(|| xml_path.parent().unwrap_or(Path::new(".")).join("document_id.csv"));
    if !xml_path.exists() {
        bail!("{} is absent: pass --data DIR or --xml FILE", xml_path.display());
    }
    let xml = std::fs::read_to_string(&xml_path).with_context(|| format!("reading {}", xml_path.display()))?;
    let csv = std::fs::read_to_string(&csv_path).with_context(|| format!("reading {}", csv_path.display()))?;
    let docs = build_docs(parse_xml(&xml)?, &parse_docs(&csv));
    let (mut sb, mut sw) = (Score::default(), Score::default());
    let (mut n_mentions, mut n_chains, mut n_links) = (0, 0, 0);
    let mut shown = 0;
    for d in &docs {
        let b = baseline(d);
        let w = warta(d);
        sb.add(&d.gold, &b);
        sw.add(&d.gold, &w);
        n_mentions += d.mentions.len();
        let mut cs = d.gold.clone();
        cs.sort_unstable();
        cs.dedup();
        n_chains += cs.iter().filter(|&&c| d.gold.iter().filter(|&&g| g == c).count() > 1).count();
        n_links += d.gold.len() - cs.len();
        for i in 0..d.mentions.len() {
            for j in i + 1..d.mentions.len() {
                let (g, r) = (d.gold[i] == d.gold[j], w[i] == w[j]);
                if g != r && shown < args.show_errors {
                    let t = |k: usize| &d.text[d.mentions[k].0.start..d.mentions[k].0.end];
                    let what = if r { "wrong merge" } else { "missed link" };
                    println!("doc {}: {what}: {:?} ~ {:?}", d.name, t(i), t(j));
                    shown += 1;
                }
            }
        }
    }
    println!("# warta-eval eval coref — alias merging on {}", xml_path.display());
    println!();
    println!(
        "{} documents, {} named-entity mentions (phrases with PERSON/ORGANIZATION/LOCATION tokens), \
         {} gold chains of 2+ mentions, {} gold links among them.",
        docs.len(),
        n_mentions,
        n_chains,
        n_links
    );
    println!("Mentions are the gold NE phrases (this scores merging, not tagging).");
    println!();
    println!("| system | MUC P | MUC R | MUC F1 | B³ P | B³ R | B³ F1 | avg F1 |");
    println!("|---|---|---|---|---|---|---|---|");
    println!("{}", sb.row("baseline: identical text (case-insensitive)"));
    println!("{}", sw.row("warta entities::resolve"));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn muc_and_b3_on_a_small_partition() {
        // key {a,b,c} {d}; response {a,b} {c,d}
        let key = [0, 0, 0, 1];
        let resp = [0, 0, 1, 1];
        assert_eq!(muc(&key, &resp), (1, 2));
        assert_eq!(muc(&resp, &key), (1, 2));
        let (p, r) = b3(&key, &resp);
        assert!((p / 4.0 - 0.75).abs() < 1e-9);
        assert!((r / 4.0 - (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9);
    }

    #[test]
    fn parses_phrases_and_chains() {
        let xml = "<data><sentence id=\"1\"><phrase type=\"np\" id=\"1\" ne=\"ORGANIZATION|ORGANIZATION\">Bank\\NNP Sentosa\\NNP</phrase>\
                   <phrase type=\"other\">naik\\VB</phrase></sentence>\
                   <sentence id=\"2\"><phrase type=\"np\" id=\"2\" ne=\"ORGANIZATION\" coref=\"1\">Sentosa\\NNP</phrase></sentence></data>";
        let docs = build_docs(parse_xml(xml).unwrap(), &HashMap::from([(1, "d".into()), (2, "d".into())]));
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Bank Sentosa naik\nSentosa\n");
        assert_eq!(docs[0].gold, vec![0, 0]);
    }
}
