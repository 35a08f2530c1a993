//! `warta extract FILE...`: HTML pages → one JSON object per extracted article.

use crate::inputs;
use anyhow::Result;
use serde_json::json;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Largest page (or container record) accepted, in bytes, before and after gzip
    /// decompression.
    #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Largest number of HTML elements a page may have (0 = no limit); a bigger page is refused.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub max_elements: usize,
    /// Pretty-print each object (not JSON Lines; for reading by eye).
    #[arg(long)]
    pub pretty: bool,
    /// Also print `text`: the extracted text the engine reads (offsets of `warta analyze` on
    /// this page refer to it).
    #[arg(long)]
    pub text: bool,
    /// HTML pages, containers holding HTML records (.warc, .warc.gz, .jsonl), or folders.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let opts = warta_html::Options { max_bytes: args.max_bytes, max_elements: args.max_elements };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let src_opts = warta_sources::Options { max_bytes: args.max_bytes };
    for item in inputs::items(&args.files, &src_opts) {
        let read = item.and_then(|input| {
            if input.is_html() {
                input.read_page(&opts)
            } else {
                Err(inputs::InputError {
                    source: input.source(),
                    message: "not an HTML page (.html, .htm, .html.gz, or an HTML record of a .warc/.jsonl): use `warta analyze` for text".into(),
                })
            }
        });
        match read {
            Ok((source, page)) => {
                out.flush()?;
                for d in page.diagnostics.iter().filter(|d| d.level == "warning") {
                    eprintln!("warta: {source}: {}: {}", d.code, d.message);
                }
                let mut v = json!({
                    "source": source,
                    "title": page.title,
                    "authors": page.authors,
                    "published": page.published,
                    "outlet": page.outlet,
                    "language": page.language,
                    "declared_language": page.declared_language,
                    "body": page.body,
                    "method": page.method,
                    "captions": page.captions,
                    "removed": page.removed,
                    "encoding": page.encoding,
                    "diagnostics": page.diagnostics,
                });
                if args.text {
                    v["text"] = json!(page.text);
                }
                crate::write_json_line(&mut out, &v, args.pretty)?;
            }
            Err(e) => {
                out.flush()?;
                eprintln!("warta: {e}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
