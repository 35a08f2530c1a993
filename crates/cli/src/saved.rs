//! `warta saved`: searches kept in a store, and what is new in them since the last visit.

use crate::search::{Format, STORE_HINT, bad_query_exit, plain_hit, write_table};
use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta_store::saved::{Filters, NewSavedSearch, SavedError, SavedSearch};
use warta_store::{Store, StoreError};

#[derive(Args)]
pub struct SavedArgs {
    #[command(subcommand)]
    command: SavedCommand,
}

#[derive(Subcommand)]
enum SavedCommand {
    /// Save a search under a name: its query (checked now; a malformed one is explained with
    /// its column, exit 2) and filters. What the store holds now counts as seen.
    Add(AddArgs),
    /// List the saved searches with how many matches were stored since each one's last visit.
    List(ListArgs),
    /// Show a saved search's matches (best first) and how many are new since the last visit;
    /// --new shows only the new ones, --mark-seen then marks them read.
    Show(ShowArgs),
    /// Delete a saved search.
    Rm(RmArgs),
}

#[derive(Args)]
struct DataArg {
    /// The data directory (default: $WARTA_DATA, else ./warta-data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

#[derive(Args)]
struct AddArgs {
    #[command(flatten)]
    data: DataArg,
    /// Only articles of this outlet (case-insensitive).
    #[arg(long)]
    outlet: Option<String>,
    /// Only articles naming this entity: canonical name or a mention text (case-insensitive).
    #[arg(long)]
    entity: Option<String>,
    /// Only articles dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    from: Option<jiff::civil::Date>,
    /// Only articles dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    to: Option<jiff::civil::Date>,
    /// Only articles with an event of this type (as `warta search --type`).
    #[arg(long = "type", value_name = "TYPE", value_parser = crate::parse_event_type)]
    event_type: Option<warta_engine::analysis::EventType>,
    /// table: one line saying what was saved; json: the saved search as a JSON object.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The name to call it by (1 to 100 characters, not a number, unique ignoring case).
    #[arg(value_name = "NAME")]
    name: String,
    /// The query, as `warta search` takes it (several arguments are joined by spaces).
    #[arg(value_name = "QUERY", required = true)]
    query: Vec<String>,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    data: DataArg,
    /// table: one line per saved search (id, new matches, name, query and filters); json: an
    /// array of saved searches, each with `new_count`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
struct ShowArgs {
    #[command(flatten)]
    data: DataArg,
    /// Only the matches stored since the last visit.
    #[arg(long)]
    new: bool,
    /// After showing, mark the search seen: what was stored up to now is no longer new.
    #[arg(long)]
    mark_seen: bool,
    /// Most matches to print, best first (1 or more).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = crate::parse_count, allow_negative_numbers = true)]
    limit: usize,
    /// Matches to skip before printing (paging; not with --new).
    #[arg(long, value_name = "N", default_value_t = 0, conflicts_with = "new")]
    offset: usize,
    /// table: a header line (counts, watermark) and the matches as `warta search` prints them;
    /// json: {search, total, new_count, watermark, hits, new} with hits as `warta search
    /// --format json` prints them.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The saved search, by name (case-insensitive) or id.
    #[arg(value_name = "NAME|ID")]
    key: String,
}

#[derive(Args)]
struct RmArgs {
    #[command(flatten)]
    data: DataArg,
    /// The saved search, by name (case-insensitive) or id.
    #[arg(value_name = "NAME|ID")]
    key: String,
}

pub fn run(args: SavedArgs) -> Result<ExitCode> {
    let result = match args.command {
        SavedCommand::Add(a) => add(a),
        SavedCommand::List(a) => list(a),
        SavedCommand::Show(a) => show(a),
        SavedCommand::Rm(a) => rm(a),
    };
    result.or_else(|e| match e.downcast_ref::<StoreError>() {
        Some(StoreError::Saved(SavedError::Invalid(m))) => Err(crate::Usage(m.clone()).into()),
        _ => bad_query_exit(e),
    })
}

fn open(data: &DataArg) -> Result<Store> {
    let dir = data.data.clone().unwrap_or_else(warta_store::default_dir);
    crate::require_store(&dir, STORE_HINT)?;
    Ok(Store::open(&dir)?)
}

/// The query and filters in one line: `banjir rob [outlet=x, from=2024-06-01]`.
fn describe(s: &SavedSearch) -> String {
    let f = &s.filters;
    let mut parts = Vec::new();
    for (k, v) in [("outlet", &f.outlet), ("entity", &f.entity)] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    for (k, v) in [("from", f.from), ("to", f.to)] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    if let Some(t) = f.event_type {
        parts.push(format!("type={t}"));
    }
    if parts.is_empty() { s.query.clone() } else { format!("{} [{}]", s.query, parts.join(", ")) }
}

fn add(a: AddArgs) -> Result<ExitCode> {
    crate::check_range(a.from, a.to)?;
    let store = open(&a.data)?;
    let new = NewSavedSearch {
        name: a.name,
        query: a.query.join(" "),
        filters: Filters { outlet: a.outlet, entity: a.entity, from: a.from, to: a.to, event_type: a.event_type },
    };
    let saved = store.save_search(&new)?;
    let mut out = io::stdout().lock();
    match a.format {
        Format::Json => crate::batch::write_json_line(&mut out, &saved, true)?,
        Format::Table => writeln!(
            out,
            "saved {} {:?}: {} (seen through article {})",
            saved.id,
            saved.name,
            describe(&saved),
            saved.seen_through
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn list(a: ListArgs) -> Result<ExitCode> {
    let store = open(&a.data)?;
    let all = store.saved_summaries()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        Format::Json => crate::batch::write_json_line(&mut out, &all, true)?,
        Format::Table => {
            writeln!(out, "{:>4}  {:>5}  {:<24}  QUERY", "ID", "NEW", "NAME")?;
            for s in &all {
                writeln!(
                    out,
                    "{:>4}  {:>5}  {:<24}  {}",
                    s.search.id,
                    s.new_count,
                    s.search.name,
                    describe(&s.search)
                )?;
            }
            writeln!(out, "{} saved search(es)", all.len())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(a: ShowArgs) -> Result<ExitCode> {
    let store = open(&a.data)?;
    let r = store.saved_results(&a.key, a.limit, a.offset)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        Format::Json => {
            let plain = |hits: &[warta_store::Hit]| hits.iter().map(plain_hit).collect::<Result<Vec<Value>>>();
            let v = json!({
                "search": r.search,
                "total": r.total,
                "new_count": r.new_count,
                "watermark": r.watermark,
                "hits": if a.new { Value::Null } else { Value::Array(plain(&r.hits)?) },
                "new": plain(&r.new)?,
            });
            crate::batch::write_json_line(&mut out, &v, true)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{} {:?}: {} — {} match(es), {} new since the last visit (seen through article {})",
                r.search.id,
                r.search.name,
                describe(&r.search),
                r.total,
                r.new_count,
                r.search.seen_through
            )?;
            write_table(&mut out, if a.new { &r.new } else { &r.hits })?;
        }
    }
    out.flush()?;
    if a.mark_seen {
        let seen = store.mark_saved_seen(&r.search.id.to_string(), Some(r.watermark))?;
        eprintln!("warta: {:?} marked seen through article {}", seen.name, seen.seen_through);
    }
    Ok(ExitCode::SUCCESS)
}

fn rm(a: RmArgs) -> Result<ExitCode> {
    let store = open(&a.data)?;
    let gone = store.delete_saved(&a.key)?;
    writeln!(io::stdout().lock(), "removed {} {:?}", gone.id, gone.name)?;
    Ok(ExitCode::SUCCESS)
}
