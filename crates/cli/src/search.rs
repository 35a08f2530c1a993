//! `warta search`, `warta timeline` and `warta export`: reads of a store.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta_engine::timeline::ConflictField;
use warta_render::Lang;
use warta_store::query::{EntryKind, Hit, snippet_plain};
use warta_store::{SearchQuery, Store, StoreError, TimelineOf};
use warta_translate::Translator;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
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
    /// Only articles with an event of this type: statement, visit, meeting, agreement, arrest,
    /// trial, disaster, ... (the typology of the event guideline; a wrong name lists them all).
    #[arg(long = "type", value_name = "TYPE", value_parser = crate::parse_event_type)]
    pub event_type: Option<warta_engine::analysis::EventType>,
    /// relevance: best match first; newest: newest publication day first, undated articles
    /// last (scores are still printed).
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Most results to print, best first (1 or more).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = crate::parse_count, allow_negative_numbers = true)]
    pub limit: usize,
    /// Results to skip before printing: with --limit 10, --offset 10 is the second page.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// table: one line per result and its snippet (plain text); json: the results as a JSON
    /// array (`snippet` plain, `snippet_parts` with the matched words marked).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show the results in this language (id, en, zh, ja, ar, fr): dates as the locale writes
    /// them and the articles' main entities by their names in it (`entities`); article titles
    /// and snippets are article text and stay Indonesian, marked `title_lang: "id"`,
    /// `title_untranslated` (and likewise `snippet_*`), unless --translate. JSON adds `lang`
    /// and `dir` (rtl for ar) to every result.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// With --lang: machine-translate the titles through the configured backend (see
    /// --translate-url), with the note that the Indonesian is authoritative. Without a backend
    /// this is an error (exit 2): translation is off.
    #[arg(long)]
    pub translate: bool,
    #[command(flatten)]
    pub backend: crate::translate::BackendArgs,
    /// tantivy query syntax over title and body: words (all required), "a phrase", OR, -word,
    /// title:word. Words are stemmed (`kebijakan` finds `bijak`). Several arguments are joined
    /// by spaces; `*` or nothing with filters lists matching articles.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let data = args.data.clone().unwrap_or_else(warta_store::default_dir);
    crate::check_range(args.from, args.to)?;
    crate::require_store(&data, STORE_HINT)?;
    let translator = match (args.translate, args.lang) {
        (false, _) => None,
        (true, None | Some(Lang::Id)) => {
            eprintln!("warta: --translate needs --lang en, zh, ja, ar or fr");
            return Ok(ExitCode::from(2));
        }
        (true, Some(_)) => match crate::translate::translator(&args.backend, &data) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("warta: {e}");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let store = Store::open(&data)?;
    let q = SearchQuery {
        text: args.query.join(" "),
        outlet: args.outlet,
        entity: args.entity,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.offset,
        stored_after: None,
        event_type: args.event_type,
        sort: match args.sort {
            Sort::Relevance => warta_store::SearchSort::Relevance,
            Sort::Newest => warta_store::SearchSort::Newest,
        },
    };
    let hits = match store.search(&q) {
        Ok(h) => h,
        Err(e) => return bad_query_exit(e.into()),
    };
    if let Some(lang) = args.lang {
        return localized(&store, &hits, lang, translator.as_ref(), args.format);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            let plain: Vec<Value> = hits.iter().map(plain_hit).collect::<Result<_>>()?;
            serde_json::to_writer_pretty(&mut out, &plain)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&mut out, &hits)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A malformed query is explained with a caret under its column, exit code 2; any other error
/// goes on.
pub(crate) fn bad_query_exit(e: anyhow::Error) -> Result<ExitCode> {
    match e.downcast_ref::<StoreError>() {
        Some(StoreError::BadQuery(bad)) => {
            eprintln!("warta: {}", bad.pointed());
            Ok(ExitCode::from(2))
        }
        _ => Err(e),
    }
}

/// Hits as `warta search` prints them by default: a line each (score, date, outlet, story,
/// title) with its snippet as plain text under it, and the count.
pub(crate) fn write_table(out: &mut impl Write, hits: &[Hit]) -> Result<()> {
    writeln!(out, "{:>6}  {:<10}  {:<16}  {:<6}  TITLE / SNIPPET", "SCORE", "DATE", "OUTLET", "STORY")?;
    for h in hits {
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
        writeln!(out, "{:>44}{}", "", snippet_plain(&h.snippet))?;
    }
    writeln!(out, "{} result(s)", hits.len())?;
    Ok(())
}

/// What `warta search` tells when the store is missing.
pub(crate) const STORE_HINT: &str = "make one with `warta ingest --data DIR FILE...`";

/// A hit as the command line prints it: `snippet` as plain text (no HTML escapes, no `**`
/// marks), and `snippet_parts` (`[{"text", "match"}]`) keeping which words matched.
pub(crate) fn plain_hit(h: &Hit) -> Result<Value> {
    let mut v = serde_json::to_value(h)?;
    let parts: Vec<Value> = warta_store::query::snippet_parts(&h.snippet)
        .into_iter()
        .map(|(text, m)| json!({"text": text, "match": m}))
        .collect();
    if let Some(o) = v.as_object_mut() {
        o.insert("snippet".into(), json!(snippet_plain(&h.snippet)));
        o.insert("snippet_parts".into(), Value::Array(parts));
    }
    Ok(v)
}

/// One search result in `lang`: the hit's fields, plus `lang`, `dir`, `published_text`,
/// `title_lang`/`title_untranslated`, `snippet_lang`/`snippet_untranslated` and `entities` (the
/// article's five most mentioned entities, each by its name in `lang` through warta_render).
/// With a translator, the title is machine translated (`title_id` keeps the Indonesian,
/// `title_machine_translated`, `note`, `title_warnings`, `title_cached`).
fn localize_hit(store: &Store, h: &Hit, lang: Lang, t: Option<&Translator>) -> Result<(Value, Shown, Option<String>)> {
    let mut v = plain_hit(h)?;
    let stored = match store.article(h.id)? {
        Some(v) => Some((serde_json::from_value::<warta_engine::Analysis>(v.analysis)?, v.text)),
        None => None,
    };
    let other = lang != Lang::Id;
    let mut error = None;
    let o = v.as_object_mut().expect("a hit is an object");
    let mut shown = Shown {
        published_text: h.published.as_deref().map(|p| warta_render::format_date(p, lang)),
        title: h.title.clone(),
        untranslated: other && h.title.is_some(),
        machine_translated: false,
        names: Vec::new(),
    };
    o.insert("lang".into(), json!(lang));
    o.insert("dir".into(), json!(lang.dir()));
    o.insert("published_text".into(), json!(shown.published_text));
    o.insert("title_lang".into(), json!("id"));
    o.insert("title_untranslated".into(), json!(shown.untranslated));
    o.insert("snippet_lang".into(), json!("id"));
    o.insert("snippet_untranslated".into(), json!(other));
    let mut entities = Vec::new();
    if let Some((a, _)) = &stored {
        let mut by_count: Vec<&warta_engine::analysis::Entity> = a.entities.iter().collect();
        by_count.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
        for e in by_count.into_iter().take(5) {
            let kb = e.kb.as_deref();
            let n = warta_render::name(&e.name, kb, lang);
            shown.names.push(n.text.clone());
            entities.push(json!({
                "name": e.name, "kb": kb, "type": e.kind, "text": n.text, "lang_of_text": n.lang_of_text,
                "untranslated": n.untranslated, "source": n.source,
            }));
        }
    }
    o.insert("entities".into(), Value::Array(entities));
    if let (Some(t), Some((a, text)), true) = (t, &stored, h.title.is_some()) {
        match t.translate_title(a, text, lang) {
            Ok(tr) => {
                (shown.title, shown.untranslated, shown.machine_translated) = (tr.title.clone(), false, true);
                o.insert("title_id".into(), json!(h.title));
                o.insert("title".into(), json!(tr.title));
                o.insert("title_lang".into(), json!(lang));
                o.insert("title_untranslated".into(), json!(false));
                o.insert("title_machine_translated".into(), json!(true));
                o.insert("note".into(), json!(tr.note));
                o.insert("title_warnings".into(), json!(tr.warnings));
                o.insert("title_cached".into(), json!(tr.cached));
            }
            Err(e) => error = Some(e.to_string()),
        }
    }
    Ok((v, shown, error))
}

/// What the table shows of a localized hit (the same values its JSON carries).
struct Shown {
    published_text: Option<String>,
    title: Option<String>,
    untranslated: bool,
    machine_translated: bool,
    /// The names of its most mentioned entities in the language.
    names: Vec<String>,
}

/// `warta search --lang`: results with localized dates and names (and translated titles).
fn localized(store: &Store, hits: &[Hit], lang: Lang, t: Option<&Translator>, format: Format) -> Result<ExitCode> {
    let mut items = Vec::with_capacity(hits.len());
    let mut shown = Vec::with_capacity(hits.len());
    let mut failed = 0;
    for h in hits {
        let (v, sh, err) = localize_hit(store, h, lang, t)?;
        if let Some(e) = err {
            eprintln!("warta: {e}");
            failed += 1;
        }
        items.push(v);
        shown.push(sh);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{:>6}  {:<20}  {:<16}  {:<6}  TITLE / SNIPPET", "SCORE", "DATE", "OUTLET", "STORY")?;
            let (mut any_id, mut any_mt) = (false, false);
            for (h, v) in hits.iter().zip(&shown) {
                let date = v.published_text.as_deref().unwrap_or("-");
                let outlet: String = h.outlet.as_deref().unwrap_or("-").chars().take(16).collect();
                let (mt, untranslated) = (v.machine_translated, v.untranslated);
                let mark = if mt {
                    "[MT] "
                } else if untranslated {
                    "[id] "
                } else {
                    ""
                };
                any_mt |= mt;
                any_id |= lang != Lang::Id;
                let title = v.title.as_deref().unwrap_or(&h.source);
                writeln!(
                    out,
                    "{:>6.2}  {:<20}  {:<16}  {:<6}  {mark}{title}",
                    h.score,
                    date,
                    outlet,
                    h.story.as_deref().unwrap_or("-"),
                )?;
                if !v.names.is_empty() {
                    writeln!(out, "{:>54}{}", "", warta_render::format_list(&v.names, lang))?;
                }
                let id_mark = if lang != Lang::Id { "[id] " } else { "" };
                writeln!(out, "{:>54}{id_mark}{}", "", snippet_plain(&h.snippet))?;
            }
            writeln!(out, "{} result(s)", hits.len())?;
            if any_id {
                writeln!(out, "[id] {}", warta_translate::untranslated_label(lang))?;
            }
            if any_mt {
                writeln!(out, "[MT] {}", warta_translate::note(lang))?;
            }
        }
    }
    out.flush()?;
    Ok(crate::batch::exit_code(failed))
}

#[derive(Args)]
pub struct TimelineArgs {
    /// The data directory (default: $WARTA_DATA, else ./warta-data); it must hold a store.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// table: one line per entry (date, type, status, summary, outlets) and its conflicts;
    /// json: the timeline document (`of`, `key`, `title`, `entries`).
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
    let data = args.data.clone().unwrap_or_else(warta_store::default_dir);
    crate::require_store(&data, STORE_HINT)?;
    let store = Store::open(&data)?;
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
            // An entity's entries name their stories by title too.
            let keys: Vec<&str> = tl.entries.iter().filter_map(|e| e.story.as_deref()).collect();
            let titles = if tl.of == TimelineOf::Entity { store.story_titles(&keys)? } else { Default::default() };
            for e in &tl.entries {
                // In `lang`, an event entry's summary, status and conflicting dates as
                // `--format json` renders them; an article entry keeps its title.
                let rendered = match (args.lang, e.kind) {
                    (Some(lang), EntryKind::Event(_)) => {
                        let facts = warta_render::Facts::from_json(&serde_json::to_value(e)?)?;
                        Some((lang, warta_render::render_facts(&facts, lang)))
                    }
                    _ => None,
                };
                let status = match (&rendered, e.status) {
                    (Some((_, r)), _) => r.status_text.clone(),
                    (None, Some(s)) => s.to_string(),
                    (None, None) => "-".into(),
                };
                let summary = rendered.as_ref().map_or(e.summary.as_str(), |(_, r)| r.summary.as_str());
                let story = if tl.of == TimelineOf::Entity {
                    let key = e.story.as_deref().unwrap_or("-");
                    let title: String = titles.get(key).map(|t| t.chars().take(30).collect()).unwrap_or_default();
                    format!("{key:<5} {title:<30}  ")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{:<10}  {}{:<12}  {:<10}  {}  [{}]",
                    e.date.as_deref().unwrap_or("-"),
                    story,
                    e.kind.as_str(),
                    status,
                    summary,
                    e.outlets.join(", ")
                )?;
                for c in &e.conflicts {
                    let value = match (&rendered, c.field, c.value.as_deref()) {
                        (Some((lang, _)), ConflictField::Date, Some(v)) => warta_render::format_date(v, *lang),
                        (_, _, v) => v.unwrap_or("-").to_string(),
                    };
                    writeln!(out, "{:>12}conflict: {} {} by {}", "", c.field, value, c.sources.join(", "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One stored analysis per line (the objects `warta analyze` prints).
    Jsonl,
    /// One row per article.
    Csv,
    /// TimelineJS3 JSON (one story, or every story as a group).
    Timelinejs,
}

/// `warta export`'s request for a data directory (`export.rs` owns the flags).
pub struct ExportArgs {
    pub data: Option<PathBuf>,
    pub format: ExportFormat,
    pub story: Option<String>,
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let data = args.data.clone().unwrap_or_else(warta_store::default_dir);
    crate::require_store(&data, STORE_HINT)?;
    let store = Store::open(&data)?;
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
