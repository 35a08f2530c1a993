//! `warta extract FILE...`: HTML pages → one JSON object per extracted article.

use crate::inputs;
use anyhow::Result;
use serde_json::json;
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
    /// The FILEs are the pages of one article (a story split over "Halaman selanjutnya"
    /// pages): print one object, the pages joined in page order (the number in each page's
    /// own address, else the order given), metadata from the first page.
    #[arg(long)]
    pub join: bool,
    /// HTML pages, containers holding HTML records (.warc, .warc.gz, .jsonl), or folders.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let opts = warta_html::Options { max_bytes: args.max_bytes, max_elements: args.max_elements };
    let mut out = crate::batch::JsonLines::stdout(args.pretty);
    let src_opts = warta_sources::Options { max_bytes: args.max_bytes, ..warta_sources::Options::default() };
    if args.join {
        return join(args, &opts, out);
    }
    for item in inputs::items(&args.files, &src_opts) {
        let read = item.and_then(|input| {
            if input.is_html() {
                inputs::guarded(&input.source(), || input.read_page(&opts))
            } else {
                Err(inputs::InputError {
                    source: input.source(),
                    message: "not an HTML page (.html, .htm, .html.gz, or an HTML record of a .warc/.jsonl): use `warta analyze` for text".into(),
                })
            }
        });
        match read {
            Ok((source, page)) => {
                for d in page.diagnostics.iter().filter(|d| d.level == warta_engine::analysis::Level::Warning) {
                    out.note(format_args!("{source}: {}: {}", d.code, d.message))?;
                }
                out.write(&page_json(&source, &page, args.text))?;
            }
            Err(e) => out.fail(e)?,
        }
    }
    out.finish()
}

/// `--join`: the files are the pages of one article.
fn join<W: std::io::Write>(
    args: &ExtractArgs,
    opts: &warta_html::Options,
    mut out: crate::batch::JsonLines<W>,
) -> Result<ExitCode> {
    let mut pages = Vec::new();
    for f in &args.files {
        match std::fs::read(f) {
            Ok(b) => pages.push(b),
            Err(e) => {
                out.fail(format_args!("{}: cannot read: {e}", f.display()))?;
                return out.finish();
            }
        }
    }
    let source = args.files[0].display().to_string();
    let refs: Vec<&[u8]> = pages.iter().map(|p| p.as_slice()).collect();
    match warta_html::extract_pages(&refs, opts) {
        Ok(page) => {
            for d in page.diagnostics.iter().filter(|d| d.level == warta_engine::analysis::Level::Warning) {
                out.note(format_args!("{source}: {}: {}", d.code, d.message))?;
            }
            out.write(&page_json(&source, &page, args.text))?;
        }
        Err(e) => out.fail(format_args!("{source}: {e}"))?,
    }
    out.finish()
}

fn page_json(source: &str, page: &warta_html::Page, text: bool) -> serde_json::Value {
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
        "dropped": page.dropped,
        "next_page": page.next_page,
        "captions": page.captions,
        "removed": page.removed,
        "encoding": page.encoding,
        "diagnostics": page.diagnostics,
    });
    if text {
        v["text"] = json!(page.text);
    }
    v
}
