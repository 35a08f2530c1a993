//! `warta export`: a store's contents in another shape. `--format stories` prints the stories
//! as `warta stories` does, from either backend; the other formats read a data directory
//! (`search.rs`).

use crate::search::{ExportArgs, ExportFormat};
use anyhow::{Result, bail};
use clap::{Args as ClapArgs, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use warta_store::Data;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One analysis per line (JSON Lines).
    Jsonl,
    /// One row per article.
    Csv,
    /// TimelineJS3 JSON.
    Timelinejs,
    /// The stories document `warta stories` prints (stories with timelines, duplicates).
    Stories,
}

#[derive(ClapArgs)]
pub struct Args {
    /// The store: a data directory or a PostgreSQL URL (default: $WARTA_DATA, else ./warta-data).
    /// A data directory must hold a store.
    #[arg(long, value_name = "DIR|URL")]
    pub data: Option<PathBuf>,
    /// What to print: jsonl, csv, timelinejs or stories.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Only this story (s1, s2, …; not with --format stories).
    #[arg(long)]
    pub story: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let data = Data::from_arg(args.data.as_deref());
    let format = match args.format {
        Format::Stories => {
            if args.story.is_some() {
                bail!("--story is not available with --format stories");
            }
            let doc = match &data {
                Data::Dir(dir) => {
                    crate::require_store(dir, "make one with `warta ingest --data DIR FILE...`")?;
                    warta_store::Store::open(dir)?.stories_document()?
                }
                Data::Postgres(url) => warta_store::pg::stories_document(&mut warta_store::pg::Pg::connect(url)?)?,
            };
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &doc)?;
            out.write_all(b"\n")?;
            return Ok(ExitCode::SUCCESS);
        }
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Csv => ExportFormat::Csv,
        Format::Timelinejs => ExportFormat::Timelinejs,
    };
    let Data::Dir(dir) = data else {
        bail!(
            "--format jsonl, csv and timelinejs read a data directory; from PostgreSQL only --format stories is built so far"
        );
    };
    crate::search::export(ExportArgs { data: Some(dir), format, story: args.story })
}
