//! `warta-eval eval events --gold DIR`: events on the hand-annotated detik articles of
//! `../shared/data/events-gold` (60 articles, 279 events), scored with exactly the rule of its
//! README and of `../shared/tools/score_events.py` (its figures on all articles equal the
//! script's on `warta analyze` output).
//!
//! Each article goes through the same path as a JSON Lines record `{source, url, title,
//! published, text}` given to `warta analyze` (the text is the CSV's `isi_berita`, stripped).
//! A predicted event matches a gold event when the types are equal (old names mapped) and its
//! evidence overlaps the gold sentence; each prediction matches at most one gold event. On the
//! matches: agent, date, status and place; "fully right" = agent, date and status.
//!
//! Split: `dev` = odd CSV ids (rules may be tuned on them), `held` = even ids (report only).

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_engine::analysis::{DateSource, EventType};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Split {
    /// Odd article ids (the development half).
    Dev,
    /// Even article ids (the held-out half: never tune on it).
    Held,
    /// All 60 articles (the reference scorer's figures).
    All,
}

/// Old type names as the README maps them.
/// The gold typology's name for a warta event type (the guideline files announcements under
/// statements and has no invitation type).
pub(crate) fn alias(t: EventType) -> &'static str {
    match t {
        EventType::Announcement => "statement",
        EventType::Invitation => "other",
        t => t.as_str(),
    }
}

/// `norm` of score_events.py: lower case, everything but word characters and spaces → space,
/// whitespace collapsed.
pub fn norm(s: &str) -> String {
    let lower: String =
        s.to_lowercase().chars().map(|c| if c.is_alphanumeric() || c == '_' || c == ' ' { c } else { ' ' }).collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `same_party` of score_events.py: a gold name or alias and a predicted name contain one
/// another or share half their words (Jaccard ≥ 0.5).
pub fn same_party(gold: &Value, names: &[String]) -> bool {
    let mut keys: Vec<String> = Vec::new();
    let name = gold.get("name").and_then(Value::as_str).unwrap_or("");
    if !name.is_empty() {
        keys.push(norm(name));
    }
    for a in gold.get("aliases").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !a.is_empty() {
            keys.push(norm(a));
        }
    }
    for a in &keys {
        for p in names {
            if !a.is_empty() && !p.is_empty() && (a.contains(p.as_str()) || p.contains(a.as_str())) {
                return true;
            }
            let ta: std::collections::HashSet<&str> = a.split(' ').filter(|w| !w.is_empty()).collect();
            let tp: std::collections::HashSet<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
            if !ta.is_empty() && !tp.is_empty() {
                let inter = ta.intersection(&tp).count() as f64;
                let union = ta.union(&tp).count() as f64;
                if inter / union >= 0.5 {
                    return true;
                }
            }
        }
    }
    false
}

/// One article of the gold set with its CSV row.
struct Article {
    id: String,
    number: u64,
    reference_date: String,
    title: String,
    url: String,
    published: String,
    body: String,
    events: Vec<Value>,
}

struct Pred {
    kind: String,
    span: (usize, usize),
    trigger: String,
    date: Option<String>,
    date_source: DateSource,
    status: String,
    place: String,
    agent: Vec<String>,
    used: bool,
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Count {
    fn p(&self) -> f64 {
        if self.pred == 0 { 0.0 } else { self.tp as f64 / self.pred as f64 }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 }
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

#[derive(Default)]
struct Score {
    articles: usize,
    all: Count,
    main: Count,
    full: Count,
    fields: BTreeMap<&'static str, usize>,
    by_type: BTreeMap<String, Count>,
    /// Per type: fully right on its matches.
    full_by_type: BTreeMap<String, usize>,
    errors: Vec<String>,
}

pub(crate) fn published_iso(tanggal: &str) -> Option<(String, String)> {
    // "10/20/2025 21:36" (month/day/year)
    let (date, time) = tanggal.trim().split_once(' ')?;
    let mut p = date.split('/');
    let m: u32 = p.next()?.parse().ok()?;
    let d: u32 = p.next()?.parse().ok()?;
    let y: u32 = p.next()?.parse().ok()?;
    let (hh, mm) = time.split_once(':')?;
    let (hh, mm): (u32, u32) = (hh.parse().ok()?, mm.parse().ok()?);
    Some((format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00+07:00"), format!("{y:04}-{m:02}-{d:02}")))
}

fn load(gold: &Path, data: &Path) -> Result<Vec<Article>> {
    let gold_dir = if gold.join("gold").is_dir() { gold.join("gold") } else { gold.to_path_buf() };
    let csv_path = [gold.join("../news-detik-2025/articles.csv"), data.join("news-detik-2025/articles.csv")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| data.join("news-detik-2025/articles.csv"));
    let raw = std::fs::read_to_string(&csv_path).with_context(|| format!("reading {}", csv_path.display()))?;
    let rows = warta_engine::csv::parse(&raw);
    let Some(header) = rows.first() else { bail!("{}: empty CSV", csv_path.display()) };
    let col = |name: &str| header.iter().position(|h| h == name).with_context(|| format!("no column {name}"));
    let (id_c, title_c, url_c, date_c, body_c) =
        (col("id")?, col("judul")?, col("tautan")?, col("tanggal")?, col("isi_berita")?);
    let mut by_id: HashMap<String, &Vec<String>> = HashMap::new();
    for r in &rows[1..] {
        if let Some(id) = r.get(id_c) {
            by_id.entry(format!("detik-{id}")).or_insert(r);
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .with_context(|| format!("reading {}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let g: Value =
            serde_json::from_str(&std::fs::read_to_string(&f)?).with_context(|| format!("{}", f.display()))?;
        let id = g["id"].as_str().with_context(|| format!("{}: no id", f.display()))?.to_string();
        let row = by_id.get(&id).with_context(|| format!("{id}: not in the CSV"))?;
        let cell = |c: usize| row.get(c).map_or("", |s| s.as_str());
        let (published, _) = published_iso(cell(date_c)).with_context(|| format!("{id}: bad tanggal"))?;
        out.push(Article {
            number: id.trim_start_matches("detik-").parse().unwrap_or(0),
            reference_date: g["reference_date"].as_str().unwrap_or("").to_string(),
            title: cell(title_c).trim().to_string(),
            url: cell(url_c).to_string(),
            published,
            body: cell(body_c).trim().to_string(),
            events: g["events"].as_array().cloned().unwrap_or_default(),
            id,
        });
    }
    Ok(out)
}

/// The analysis of one article through the JSON Lines path of `warta analyze`.
fn analyse(a: &Article) -> Result<warta_engine::Analysis> {
    let record =
        serde_json::json!({"source": a.id, "url": a.url, "title": a.title, "published": a.published, "text": a.body});
    let doc = warta_sources::jsonl::parse_line(&record.to_string(), "events-gold", 1)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?
        .context("empty record")?;
    let item = crate::inputs::Item::Record(Box::new(doc));
    let (analysis, _) =
        crate::inputs::analyze_item(item, &crate::inputs::html_options(), &warta_engine::Options::default())
            .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?;
    Ok(analysis)
}

fn predictions(an: &warta_engine::Analysis) -> Vec<Pred> {
    let names: HashMap<&str, Vec<String>> = an
        .entities
        .iter()
        .map(|e| {
            let mut v = vec![norm(&e.name)];
            v.extend(e.mentions.iter().map(|m| norm(&m.text)));
            (e.id.as_str(), v)
        })
        .collect();
    an.events
        .iter()
        .map(|e| {
            let agent_ids: Vec<String> = if e.roles.agent.is_empty() {
                e.participants.iter().take(1).cloned().collect()
            } else {
                e.roles.agent.clone()
            };
            Pred {
                kind: alias(e.kind).to_string(),
                span: (e.evidence.start, e.evidence.end),
                trigger: e.trigger.text.clone(),
                date: e.date.clone(),
                date_source: e.date_source,
                status: e.status.to_string(),
                place: norm(e.place.as_deref().unwrap_or("")),
                agent: agent_ids.iter().flat_map(|i| names.get(i.as_str()).cloned().unwrap_or_default()).collect(),
                used: false,
            }
        })
        .collect()
}

fn score_article(a: &Article, an: &warta_engine::Analysis, s: &mut Score, errors: bool) {
    let mut preds = predictions(an);
    s.articles += 1;
    s.all.pred += preds.len();
    s.full.pred += preds.len();
    for p in &preds {
        s.by_type.entry(p.kind.clone()).or_default().pred += 1;
    }
    for ge in &a.events {
        let kind = ge["type"].as_str().unwrap_or("").to_string();
        let sentence = ge["sentence"].as_str().unwrap_or("");
        let main = ge["importance"].as_str() == Some("main");
        s.all.gold += 1;
        s.full.gold += 1;
        s.main.gold += usize::from(main);
        s.by_type.entry(kind.clone()).or_default().gold += 1;
        // score_events.py: body.find(sentence), -1 when absent (then the span is (-1, len-1))
        let gs: (i64, i64) = match a.body.find(sentence) {
            Some(i) => (i as i64, (i + sentence.len()) as i64),
            None => (-1, sentence.len() as i64 - 1),
        };
        let hit = preds
            .iter_mut()
            .find(|p| !p.used && p.kind == kind && (p.span.0 as i64) < gs.1 && (p.span.1 as i64) > gs.0);
        let Some(m) = hit else {
            if errors {
                s.errors.push(format!(
                    "{} MISS {kind}{} [{}] {}",
                    a.id,
                    if main { " (main)" } else { "" },
                    ge["trigger"].as_str().unwrap_or(""),
                    sentence
                ));
            }
            continue;
        };
        m.used = true;
        s.all.tp += 1;
        s.main.tp += usize::from(main);
        s.by_type.entry(kind.clone()).or_default().tp += 1;
        let agent_ok = match ge.get("agent") {
            Some(g) if !g.is_null() => same_party(g, &m.agent),
            _ => m.agent.is_empty(),
        };
        let date_ok = match ge.get("date").and_then(Value::as_str).filter(|d| !d.is_empty()) {
            Some(gd) => m.date.as_deref() == Some(gd),
            None => {
                m.date.is_none()
                    || (m.date_source == DateSource::Reference && m.date.as_deref() == Some(&a.reference_date))
            }
        };
        let status_ok = ge.get("status").and_then(Value::as_str) == Some(m.status.as_str());
        let gp = norm(ge.get("place").and_then(Value::as_str).unwrap_or(""));
        let place_ok = if gp.is_empty() {
            m.place.is_empty()
        } else {
            !m.place.is_empty() && (gp.contains(&m.place) || m.place.contains(&gp))
        };
        for (k, ok) in [("agent", agent_ok), ("date", date_ok), ("status", status_ok), ("place", place_ok)] {
            *s.fields.entry(k).or_default() += usize::from(ok);
        }
        let full = agent_ok && date_ok && status_ok;
        s.full.tp += usize::from(full);
        *s.full_by_type.entry(kind.clone()).or_default() += usize::from(full);
        if errors && !full {
            let gold_agent = ge.get("agent").and_then(|g| g.get("name")).and_then(Value::as_str).unwrap_or("-");
            s.errors.push(format!(
                "{} FIELDS {kind} [{}]{}{}{} gold agent {gold_agent:?} date {:?} status {:?}; got agent {:?} date {:?} ({}) status {:?}",
                a.id,
                m.trigger,
                if agent_ok { "" } else { " agent" },
                if date_ok { "" } else { " date" },
                if status_ok { "" } else { " status" },
                ge.get("date").and_then(Value::as_str),
                ge.get("status").and_then(Value::as_str).unwrap_or(""),
                m.agent.first().map(String::as_str).unwrap_or("-"),
                m.date,
                m.date_source,
                m.status,
            ));
        }
    }
    if errors {
        for p in preds.iter().filter(|p| !p.used) {
            let ev = a.body.get(p.span.0..p.span.1).unwrap_or("");
            s.errors.push(format!(
                "{} SPURIOUS {} [{}] status {} date {:?}: {ev}",
                a.id, p.kind, p.trigger, p.status, p.date
            ));
        }
    }
}

pub fn run(gold: &Path, data: &Path, split: Split, show_errors: bool) -> Result<ExitCode> {
    let articles = load(gold, data)?;
    let mut per_split: Vec<(Split, Score)> = Vec::new();
    let wanted: Vec<Split> = match split {
        Split::All => vec![Split::All, Split::Dev, Split::Held],
        s => vec![s],
    };
    for &sp in &wanted {
        per_split.push((sp, Score::default()));
    }
    for a in &articles {
        let dev = a.number % 2 == 1;
        let todo: Vec<usize> = wanted
            .iter()
            .enumerate()
            .filter(|(_, sp)| match sp {
                Split::All => true,
                Split::Dev => dev,
                Split::Held => !dev,
            })
            .map(|(i, _)| i)
            .collect();
        if todo.is_empty() {
            continue;
        }
        let an = analyse(a)?;
        for i in todo {
            // errors only for the split asked for (never list held-out misses by default)
            let errs = show_errors && per_split[i].0 == split;
            score_article(a, &an, &mut per_split[i].1, errs);
        }
    }
    for (sp, s) in &per_split {
        let name = match sp {
            Split::All => "all (60 articles)",
            Split::Dev => "dev (odd ids)",
            Split::Held => "held (even ids)",
        };
        print_score(name, s);
    }
    if show_errors {
        for (sp, s) in &per_split {
            if *sp == split {
                for e in &s.errors {
                    println!("{e}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_score(name: &str, s: &Score) {
    println!("events-gold, {name}: {} gold events in {} articles, {} predicted", s.all.gold, s.articles, s.all.pred);
    println!();
    println!("| measure | P | R | F1 |");
    println!("|---|---|---|---|");
    println!("| type + sentence | {:.3} | {:.3} | {:.3} |", s.all.p(), s.all.r(), s.all.f());
    println!("| fully right (agent, date, status) | {:.3} | {:.3} | {:.3} |", s.full.p(), s.full.r(), s.full.f());
    println!("| main-event recall | | {:.3} | |", s.main.r());
    println!();
    let tp = s.all.tp.max(1) as f64;
    println!(
        "on {} matches: agent {:.3}, date {:.3}, status {:.3}, place {:.3}",
        s.all.tp,
        s.fields.get("agent").copied().unwrap_or(0) as f64 / tp,
        s.fields.get("date").copied().unwrap_or(0) as f64 / tp,
        s.fields.get("status").copied().unwrap_or(0) as f64 / tp,
        s.fields.get("place").copied().unwrap_or(0) as f64 / tp,
    );
    println!();
    println!("| type | gold | predicted | matched | P | R | F1 | fully right |");
    println!("|---|---|---|---|---|---|---|---|");
    for (t, c) in &s.by_type {
        println!(
            "| {t} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {} |",
            c.gold,
            c.pred,
            c.tp,
            c.p(),
            c.r(),
            c.f(),
            s.full_by_type.get(t).copied().unwrap_or(0)
        );
    }
    println!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_and_party_follow_the_reference_scorer() {
        assert_eq!(norm("  Wakil Bupati, I Wayan-Diar! "), "wakil bupati i wayan diar");
        let g = serde_json::json!({"name": "Budi Santoso", "aliases": ["Menteri Budi"]});
        assert!(same_party(&g, &["budi".into()]));
        assert!(same_party(&g, &["pak budi santoso".into()]));
        assert!(same_party(&g, &["menteri budi hartono".into()]));
        assert!(!same_party(&g, &["kementerian keuangan".into()]));
        assert!(!same_party(&g, &[]));
    }

    #[test]
    fn detik_dates_are_month_first() {
        assert_eq!(published_iso("10/7/2025 09:05"), Some(("2025-10-07T09:05:00+07:00".into(), "2025-10-07".into())));
    }
}
