//! `warta`: the command line. Owns flags, files and exit codes; the work is in `warta-engine`.
//!
//! Exit codes (a contract, ../shared/DESIGN.md): 0 all good; 1 some inputs failed (each named
//! on stderr, the rest processed); 2 usage.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: faster than glibc malloc for the analysis's many small allocations (see
/// reports/store.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod cluster;
mod export;
mod extract;
mod ingest;
mod parse;
mod queue;
mod saved;
mod search;
mod serve;
mod translate;
mod watch;
mod worker;

use warta_cli::{inputs, jobs, ner};

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "News intelligence for Indonesian news: who did what, when, and who says so"
)]
struct Cli {
    #[command(flatten)]
    cap: inputs::CapArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse scraped news pages (plain text or HTML) and print one JSON object per article (JSON Lines).
    ///
    /// FILE may be a file or a folder (read recursively: *.txt, *.html, *.htm, *.html.gz, and
    /// containers *.warc, *.warc.gz, *.jsonl, *.ndjson(.gz), *.rss, *.atom; a .xml feed only
    /// when named). A container gives one article per record (WARC HTML responses, JSON lines,
    /// feed items), named `FILE#URL` or `FILE:LINE`. An HTML page is read through `warta
    /// extract` first: offsets then refer to its extracted text, and its markup metadata
    /// (title, authors, outlet, published) wins. Each line of output has the
    /// fields of ../shared/schema/analysis.schema.json: source, outlet, dateline, published
    /// (value + precision + reason), title, authors, editors, body, removed (with reasons),
    /// entities, times, quotes, sources, events, plus paragraphs with byte spans, captions,
    /// credits, disclaimers, encoding and diagnostics. A file that cannot be read or is not
    /// text, or a bad container record (named with its file and offset or line), is named on
    /// stderr; the others are still processed, and the exit code is 1.
    Analyze {
        /// Resolve relative dates ("kemarin", "tahun lalu") against this date (YYYY-MM-DD)
        /// instead of each article's publication date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        reference_date: Option<jiff::civil::Date>,
        /// Pretty-print each object (not JSON Lines; for reading by eye).
        #[arg(long)]
        pretty: bool,
        /// Text files, HTML pages, containers (.warc, .warc.gz, .jsonl, .ndjson, .rss, .atom,
        /// .xml) or folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Group articles into stories across outlets, and find exact and near duplicates.
    ///
    /// Prints one JSON document: `stories` (id, title, articles by source, timeline, first and
    /// last date, outlets) and `duplicates` (groups of exact or near copies). Articles join a
    /// story when they share its content and actors and are dated within --window-days of it.
    /// FILE is read as by `warta analyze`: text, HTML pages, folders, and containers (WARC,
    /// JSON Lines, RSS/Atom) expanded into one article per record.
    Stories {
        /// Days between an article and a story's nearest dated article for it to join.
        #[arg(long, default_value_t = 10)]
        window_days: i32,
        /// Estimated Jaccard similarity (word 5-shingles) above which articles are near copies.
        #[arg(long, default_value_t = 0.7)]
        near_duplicate: f32,
        /// Render the timelines in this language (id, en, zh, ja, ar, fr) from the structured
        /// facts: each entry's `summary` in it (the Indonesian kept as `summary_id`), plus
        /// `date_text`, `lang`, `dir` and names per language. Without it, Indonesian only.
        #[arg(long, value_name = "LANG")]
        lang: Option<warta_render::Lang>,
        /// Text files, HTML pages, containers (.warc, .warc.gz, .jsonl, .ndjson, .rss, .atom,
        /// .xml) or folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Read news pages in HTML and print each extracted article as one JSON object (JSON Lines).
    ///
    /// FILE may be .html, .htm or .html.gz (gzip is recognised by its bytes), a container
    /// whose HTML records are read (.warc/.warc.gz responses, .jsonl lines with `html`), or a
    /// folder (read recursively for those). Each object: source, title, authors, published (value,
    /// precision, reason: the page's JSON-LD / OpenGraph / <meta> / <time> markup), outlet,
    /// language (detected: id, ms, en; else the page's declared lang), body (paragraphs after
    /// the engine's cleaning), captions, removed, encoding, diagnostics. A page that cannot be
    /// read (corrupt gzip, over --max-bytes, binary) is named on stderr and the exit code is 1;
    /// warnings (truncated gzip, not Indonesian, no main text) are named on stderr too, and the
    /// page is still printed.
    Extract(extract::ExtractArgs),
    /// Tag CoNLL tokens from stdin (first column; blank line between sentences) and print
    /// `token<TAB>tag` with BIO tags over PER/ORG/LOC.
    Ner(ner::NerArgs),
    /// Tag and parse Indonesian: CoNLL-U or plain text in, CoNLL-U with UPOS, HEAD and DEPREL out.
    ///
    /// CoNLL-U input keeps its words, multiword tokens, empty nodes, sentence ids, comments and
    /// other columns; only UPOS, HEAD and DEPREL are filled. Plain text (UTF-8) is split into
    /// sentences and tokens (`-nya` written as a multiword token), with `# sent_id` and
    /// `# text`. The model (UD Indonesian-CSUI + PUD + GSD, CC BY-SA 4.0) is embedded. A
    /// malformed CoNLL-U sentence is named on stderr as FILE:LINE and skipped, an unreadable
    /// file named; the others are still written, and the exit code is 1 (2: usage).
    Parse(parse::Args),
    /// Analyse files and folders into a store (SQLite + search index) in --data DIR
    /// (default: $WARTA_DATA, else ./warta-data). The same content again changes nothing; new
    /// content under a known source updates it in place. Containers (WARC, JSON Lines,
    /// RSS/Atom) are streamed, one article per record. Prints a JSON summary unless --quiet;
    /// a progress indicator only on a terminal. Unreadable files or records are named on
    /// stderr (exit 1).
    Ingest(ingest::Args),
    /// Full-text search of a store (stemmed Indonesian; "phrases"; --outlet, --entity,
    /// --from/--to filters). A malformed query is an error with exit code 2.
    Search(search::SearchArgs),
    /// Saved searches kept in the store (`add NAME QUERY`, `list`, `show NAME|ID [--new]`,
    /// `rm NAME|ID`): what matched since the last visit. The web app and the API
    /// (/api/saved, with an Atom feed per search) show the same ones.
    Saved(saved::SavedArgs),
    /// The timeline of a story (s1, s2, …) or an entity, from stored events (or articles).
    Timeline(search::TimelineArgs),
    /// Export a store: jsonl (analyses), csv (one row per article), timelinejs (TimelineJS3)
    /// or stories (the document `warta stories` prints; from a data directory or PostgreSQL).
    Export(export::Args),
    /// Serve the JSON API (/api/..., OpenAPI at /api/openapi.json) and the web app (/) over a
    /// store. Binds 127.0.0.1:8080 by default and prints the URL on stderr. Endpoints that
    /// change data need --token (or $WARTA_TOKEN) and are disabled without one.
    Serve(serve::Args),
    /// Machine-translate articles (title and body) into en, zh, ja, ar or fr through a
    /// configured backend (--translate-url/--translate-kind or WARTA_TRANSLATE_*), with names,
    /// numbers and dates protected and checked; prints one JSON object per article (source,
    /// lang, title, body, note, machine_translated, warnings, backend, cached). Without a
    /// backend, translation is off and the exit code is 2.
    Translate(translate::Args),
    /// Poll RSS/Atom feeds politely (robots.txt, per-host interval, conditional requests,
    /// Retry-After) and ingest new articles into the store; full-text items directly,
    /// summary-only items by fetching their page. Article URLs already ingested are never
    /// fetched again (state in the store's SQLite file). Prints one JSON summary per poll;
    /// --once polls once and exits. Exit code 1 if a feed or article failed.
    Watch(watch::Args),
    /// Work the PostgreSQL queue (--data postgres://...): claim jobs that `warta ingest` and
    /// `warta watch` enqueued, analyse them, record the results; one worker at a time also
    /// places them in the store (stories in enqueue order). Run any number, on any machine.
    Worker(worker::Args),
    /// Print a PostgreSQL work queue as JSON: pending, running, done, failed counts, how far
    /// the clusterer is, and the failures with their errors (--retry-failed enqueues them again).
    Queue(queue::Args),
    /// Run a local cluster: `warta cluster up --workers N --data postgres://...` starts N
    /// workers, restarts any that die, and stops them all on Ctrl-C.
    Cluster(cluster::Args),
    /// Print a shell completion script for bash, zsh or fish on stdout.
    ///
    /// bash: `warta completions bash > ~/.local/share/bash-completion/completions/warta`;
    /// zsh: `warta completions zsh > ~/.zfunc/_warta` (with `fpath+=~/.zfunc` before `compinit`);
    /// fish: `warta completions fish > ~/.config/fish/completions/warta.fish`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff) on stdout: `warta man > warta.1; man ./warta.1`, or into a
    /// man directory such as ~/.local/share/man/man1/warta.1.
    Man,
}

/// The shells `warta completions` writes for.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// A usage mistake found after parsing (a missing store, an empty range): printed as
/// `warta: MESSAGE`, exit code 2 (the code clap gives its own usage errors).
#[derive(Debug)]
pub(crate) struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A read of a data directory needs the store to be there: a mistyped `--data` must not
/// silently answer from an empty store made on the spot (`create_hint` says how to make one).
pub(crate) fn require_store(dir: &std::path::Path, create_hint: &str) -> Result<()> {
    if dir.join("warta.sqlite3").is_file() {
        return Ok(());
    }
    let what = if dir.is_dir() { "holds no warta store (no warta.sqlite3)" } else { "does not exist" };
    Err(Usage(format!("{} {what}: check --data (or $WARTA_DATA); {create_hint}", dir.display())).into())
}

/// `--from` after `--to` is an empty range, surely a mistake.
pub(crate) fn check_range(from: Option<jiff::civil::Date>, to: Option<jiff::civil::Date>) -> Result<()> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => {
            Err(Usage(format!("--from {f} is after --to {t}: no day is in that range")).into())
        }
        _ => Ok(()),
    }
}

/// A count flag (`--limit`): a whole number of 1 or more.
pub(crate) fn parse_count(s: &str) -> Result<usize, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n as usize),
        Ok(n) => Err(format!("must be 1 or more (got {n})")),
        Err(_) => Err(format!("not a whole number: {s:?}")),
    }
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>().map_err(|e| format!("not a date in YYYY-MM-DD form: {s} ({e})"))
}

/// An event type by its JSON name (`arrest`, `military_activity`); the error lists the known ones.
fn parse_event_type(s: &str) -> Result<warta_engine::analysis::EventType, String> {
    warta_engine::analysis::EventType::parse(s.trim()).ok_or_else(|| {
        let known: Vec<&str> = warta_engine::analysis::EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown event type {s:?} (known: {})", known.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.cap.apply();
    let result = match cli.command {
        Command::Analyze { reference_date, pretty, files } => analyze(reference_date, pretty, &files),
        Command::Stories { window_days, near_duplicate, lang, files } => {
            stories(window_days, near_duplicate, lang, &files)
        }
        Command::Extract(args) => extract::run(&args),
        Command::Ner(args) => ner::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => search::search(args),
        Command::Saved(args) => saved::run(args),
        Command::Timeline(args) => search::timeline(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Worker(args) => worker::run(args),
        Command::Queue(args) => queue::run(args),
        Command::Cluster(args) => cluster::run(args),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<Usage>().is_some() => {
            eprintln!("warta: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("warta: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The reader of stdout went away (`warta search ... | head -1`): not an error, exit quietly
/// as ripgrep does. The io::Error may sit anywhere in the chain, or inside serde_json's.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

fn completions(shell: Shell) -> Result<ExitCode> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    match shell {
        Shell::Bash => clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "warta", &mut out),
        Shell::Zsh => clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "warta", &mut out),
        Shell::Fish => clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "warta", &mut out),
    }
    io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn man() -> Result<ExitCode> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    // One section per visible command, after the main page's list of them.
    for sub in Cli::command().get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = sub.get_name().to_string();
        let sub = sub.clone().bin_name(format!("warta {name}"));
        let man = clap_mangen::Man::new(sub);
        let mut page = Vec::new();
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        out.extend_from_slice(format!(".SH \"WARTA {}\"\n", name.to_uppercase()).as_bytes());
        // Each command's sections become subsections of its own section.
        for line in String::from_utf8_lossy(&page).lines() {
            match line.strip_prefix(".SH ") {
                Some(rest) => out.extend_from_slice(format!(".SS {rest}\n").as_bytes()),
                None => {
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
        }
    }
    io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn stories(
    window_days: i32,
    near_duplicate: f32,
    lang: Option<warta_render::Lang>,
    files: &[PathBuf],
) -> Result<ExitCode> {
    let config = warta_engine::stories::Config { window_days, near_duplicate, ..Default::default() };
    let mut engine = warta_engine::stories::Engine::new(config);
    let opts = warta_engine::Options::default();
    let html_opts = inputs::html_options();
    let mut failed = 0usize;
    let mut analyses = Vec::new();
    for item in inputs::items(files, &inputs::source_options()) {
        match item.and_then(|input| inputs::analyze_item(input, &html_opts, &opts)) {
            Ok((a, _)) => {
                engine.add(&a);
                analyses.push(a);
            }
            Err(e) => {
                eprintln!("warta: {e}");
                failed += 1;
            }
        }
    }
    let mut stories = engine.stories();
    let all: Vec<&warta_engine::Analysis> = analyses.iter().collect();
    warta_engine::stories::tell_all(&mut stories, &all);
    let duplicates = engine.duplicates();
    let doc = match lang {
        Some(lang) => warta_render::render_stories(&stories, &duplicates, lang),
        None => serde_json::json!({ "stories": stories, "duplicates": duplicates }),
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    Ok(batch::exit_code(failed))
}

fn analyze(reference_date: Option<jiff::civil::Date>, pretty: bool, files: &[PathBuf]) -> Result<ExitCode> {
    let opts = warta_engine::Options { reference_date };
    let html_opts = inputs::html_options();
    let mut out = batch::JsonLines::stdout(pretty);
    for item in inputs::items(files, &inputs::source_options()) {
        match item.and_then(|input| inputs::analyze_item(input, &html_opts, &opts)) {
            Ok((analysis, _)) => out.write(&analysis)?,
            Err(e) => out.fail(e)?,
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command, subcommand and argument says what it is for in `--help`.
    #[test]
    fn every_command_and_flag_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || arg.is_hide_set() {
                    continue;
                }
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if help.trim().is_empty() {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                if sub.get_name() == "help" {
                    continue;
                }
                let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
                if about.trim().is_empty() {
                    missing.push(name.clone());
                }
                walk(sub, &name, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "warta", &mut missing);
        assert!(missing.is_empty(), "without help:\n{}", missing.join("\n"));
    }

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn counts_are_whole_and_positive() {
        assert_eq!(parse_count("5"), Ok(5));
        assert!(parse_count("0").is_err());
        assert!(parse_count("-3").is_err());
        assert!(parse_count("lima").is_err());
    }
}
