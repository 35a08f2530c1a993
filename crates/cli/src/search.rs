//! `warta search`, `warta timeline` and `warta export`: reads of a store.

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta_store::query::BadQuery;
use warta_store::{SearchQuery, Store};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(Args)]
pub struct SearchArgs {
    /// The data directory (default: $WARTA_DATA, else ./warta-data).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Outlet, exactly as the analysis names it (case-insensitive).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Entity: canonical name or a mention text (case-insensitive).
    #[arg(long)]
    pub entity: Option<String>,
    /// Articles dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// Articles dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    pub to: Option<jiff::civil::Date>,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// tantivy query syntax over title and body: words (all required), "a phrase", OR, -word,
    /// title:word. Words are stemmed (`kebijakan` finds `bijak`). Several arguments are joined
    /// by spaces; `*` or nothing with filters lists matching articles.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = Store::open(args.data.clone().unwrap_or_else(warta_store::default_dir))?;
    let q = SearchQuery {
        text: args.query.join(" "),
        outlet: args.outlet,
        entity: args.entity,
        from: args.from,
        to: args.to,
        limit: args.limit,
    };
    let hits = match store.search(&q) {
        Ok(h) => h,
        Err(e) if e.downcast_ref::<BadQuery>().is_some() => {
            eprintln!("warta: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{:>6}  {:<10}  {:<16}  {:<6}  TITLE / SNIPPET", "SCORE", "DATE", "OUTLET", "STORY")?;
            for h in &hits {
                let date: String = h.published.as_deref().unwrap_or("-").chars().take(10).collect();
                let outlet: String = h.outlet.as_deref().unwrap_or("-").chars().take(16).collect();
                let title = h.title.clone().unwrap_or_else(|| h.source.clone());
                writeln!(
                    out,
                    "{:>6.2}  {:<10}  {:<16}  {:<6}  {}",
                    h.score,
                    date,
                    outlet,
                    h.story.as_deref().unwrap_or("-"),
                    title
                )?;
                writeln!(out, "{:>44}{}", "", h.snippet.replace('\n', " "))?;
            }
            writeln!(out, "{} result(s)", hits.len())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct TimelineArgs {
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Render the entries in this language (id, en, zh, ja, ar, fr) from their structured facts,
    /// as `warta stories --lang` does: `summary` in that language (the Indonesian kept as
    /// `summary_id`), plus `date_text`, `status_text`, names per language, conflict dates.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<warta_render::Lang>,
    /// A story id (s1, s2, … as `warta search` and `warta export` show), or an entity: a
    /// canonical name, an alias the gazetteer knows (Korut) or a gazetteer key (KP, per:putin).
    #[arg(value_name = "ENTITY|STORY")]
    pub key: String,
}

pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let store = Store::open(args.data.clone().unwrap_or_else(warta_store::default_dir))?;
    let tl = store.timeline(&args.key)?;
    let mut doc = serde_json::to_value(&tl)?;
    if let Some(lang) = args.lang {
        doc = warta_render::render_timeline(&doc, lang);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{} {}: {}", tl.of, tl.key, tl.title)?;
            let entries = doc["entries"].as_array().map(Vec::as_slice).unwrap_or_default();
            let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("-").to_string();
            for e in entries {
                let status = match args.lang {
                    Some(_) if e.get("status_text").is_some_and(|s| s.is_string()) => text(e, "status_text"),
                    _ => text(e, "status"),
                };
                let outlets: Vec<&str> =
                    e["outlets"].as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
                let story = if tl.of == "entity" { format!("{:<5} ", text(e, "story")) } else { String::new() };
                writeln!(
                    out,
                    "{:<10}  {}{:<12}  {:<10}  {}  [{}]",
                    text(e, "date"),
                    story,
                    text(e, "type"),
                    status,
                    text(e, "summary"),
                    outlets.join(", ")
                )?;
                for c in e["conflicts"].as_array().map(Vec::as_slice).unwrap_or_default() {
                    let sources: Vec<&str> = c["sources"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                        .unwrap_or_default();
                    let value =
                        c.get("value_text").and_then(|x| x.as_str()).map(str::to_string).unwrap_or(text(c, "value"));
                    writeln!(out, "{:>12}conflict: {} {} by {}", "", text(c, "field"), value, sources.join(", "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// One stored analysis per line (the objects `warta analyze` prints).
    Jsonl,
    /// One row per article.
    Csv,
    /// TimelineJS3 JSON (one story, or every story as a group).
    Timelinejs,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this story (s1, s2, …).
    #[arg(long)]
    pub story: Option<String>,
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let store = Store::open(args.data.clone().unwrap_or_else(warta_store::default_dir))?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ExportFormat::Jsonl => {
            store.export_jsonl(&mut out, args.story.as_deref())?;
        }
        ExportFormat::Csv => {
            store.export_csv(&mut out, args.story.as_deref())?;
        }
        ExportFormat::Timelinejs => {
            let v = store.export_timelinejs(args.story.as_deref())?;
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
