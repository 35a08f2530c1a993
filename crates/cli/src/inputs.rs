//! Input edge: files and folders named on the command line → decoded texts.
//!
//! HTML pages (`.html`, `.htm`, `.html.gz`, `.htm.gz`) go through `warta-html`: the engine then
//! reads the extracted article text, and the page's markup metadata overrides the text's own
//! ([`Input::read_any`]). Offsets in their Analysis refer to that extracted text.
//!
//! Containers (`warta-sources`: WARC / WARC.gz archives, JSON Lines, RSS/Atom feeds) expand
//! into one [`Item`] per article, streamed by [`items`] (one record in memory at a time);
//! a bad record is one [`InputError`] naming it (`FILE#URL`, `FILE:LINE`, or the file and the
//! record's offset), and the other records are kept.

use std::fmt;
use std::path::{Path, PathBuf};
use warta_engine::pipeline::Overrides;
use warta_engine::{Decoded, decode};

/// One input file, not yet read.
pub struct Input {
    pub path: PathBuf,
}

/// Default largest article (a text file, an HTML page, a container's record), in bytes.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

static MAX_ARTICLE_BYTES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// Set the article cap for this run (`warta --max-article-bytes`); once, at start.
pub fn set_max_article_bytes(bytes: usize) {
    let _ = MAX_ARTICLE_BYTES.set(bytes);
}

/// The global `--max-article-bytes` flag, flattened into `warta` and `warta-eval`.
#[derive(clap::Args)]
pub struct CapArgs {
    /// Largest article accepted, in bytes: a text file, an HTML page (also once decompressed)
    /// or a container's record. A larger one is refused with an error naming it and the cap;
    /// the rest of the batch goes on.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
}

impl CapArgs {
    /// Make the flag's value the run's cap (`set_max_article_bytes`).
    pub fn apply(&self) {
        set_max_article_bytes(self.max_article_bytes);
    }
}

/// The article cap: a text file, page or record larger than this is refused, named, and the
/// batch goes on.
pub fn max_article_bytes() -> usize {
    *MAX_ARTICLE_BYTES.get().unwrap_or(&DEFAULT_MAX_ARTICLE_BYTES)
}

/// HTML reading options with the run's article cap.
pub fn html_options() -> warta_html::Options {
    warta_html::Options { max_bytes: max_article_bytes(), ..warta_html::Options::default() }
}

/// Container reading options with the run's article cap (each record).
pub fn source_options() -> warta_sources::Options {
    warta_sources::Options { max_bytes: max_article_bytes(), ..warta_sources::Options::default() }
}

/// Read a whole file, refusing one over `cap` bytes before reading it (the refusal names the
/// file and the cap).
pub fn read_capped(path: &Path, cap: usize, flag: &str) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let source = path.display().to_string();
    let err = |message: String| InputError { source: source.clone(), message };
    let file = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > cap as u64 {
        return Err(err(format!("{len} bytes is over the cap of {cap} bytes ({flag})")));
    }
    // The length can change under us (a file still being written): read at most cap + 1.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(cap as u64 + 1).read_to_end(&mut bytes).map_err(|e| err(format!("cannot read: {e}")))?;
    if bytes.len() > cap {
        return Err(err(format!("over the cap of {cap} bytes ({flag})")));
    }
    Ok(bytes)
}

/// Why one input could not be analysed. Displays as one line naming the input.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl Input {
    /// Read and decode the file.
    pub fn read(self) -> Result<(String, Decoded), InputError> {
        let source = self.path.display().to_string();
        let bytes = read_capped(&self.path, max_article_bytes(), "--max-article-bytes")?;
        let decoded = decode(&bytes).map_err(|e| InputError { source: source.clone(), message: e.to_string() })?;
        Ok((source, decoded))
    }
}

/// Is this file name an HTML page warta reads through `warta-html`?
pub fn is_html(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    [".html", ".htm", ".html.gz", ".htm.gz", ".xhtml"].iter().any(|x| name.ends_with(x))
}

impl Input {
    /// Read an HTML page into its extracted article. Errors name the file.
    pub fn read_page(&self, opts: &warta_html::Options) -> Result<(String, warta_html::Page), InputError> {
        let source = self.path.display().to_string();
        // A gzipped page may be up to the cap compressed; warta-html caps it decompressed.
        let bytes = read_capped(&self.path, opts.max_bytes, "--max-article-bytes; `warta extract --max-bytes`")?;
        let page = warta_html::extract(&bytes, opts)
            .map_err(|e| InputError { source: source.clone(), message: e.to_string() })?;
        Ok((source, page))
    }

    /// Read any input: plain text as before; an HTML page as its extracted text plus the
    /// markup's metadata as overrides (empty for text).
    pub fn read_any(self, opts: &warta_html::Options) -> Result<(String, Decoded, Overrides), InputError> {
        if is_html(&self.path) {
            let (source, page) = self.read_page(opts)?;
            let (decoded, overrides) = page.engine_input();
            Ok((source, decoded, overrides))
        } else {
            let (source, decoded) = self.read()?;
            Ok((source, decoded, Overrides::default()))
        }
    }
}

/// Run the work on one item with panics caught: a bug that panics on this item becomes an
/// error naming it (`warta_engine::guard`), and the caller goes on with the next.
pub fn guarded<T>(source: &str, f: impl FnOnce() -> Result<T, InputError>) -> Result<T, InputError> {
    warta_engine::guard::catch(f)
        .unwrap_or_else(|caught| Err(InputError { source: source.to_string(), message: caught.to_string() }))
}

/// Read one item (text, page or record) and analyse it, with panics caught ([`guarded`]).
pub fn analyze_item(
    item: Item,
    html: &warta_html::Options,
    opts: &warta_engine::Options,
) -> Result<(warta_engine::Analysis, Decoded), InputError> {
    let source = item.source();
    guarded(&source, || {
        let (source, decoded, overrides) = item.read_any(html)?;
        let analysis = warta_engine::pipeline::analyze_with(&source, &decoded, opts, &overrides);
        Ok((analysis, decoded))
    })
}

/// One article to read: a file, or a document read out of a container file.
pub enum Item {
    File(Input),
    Record(Box<warta_sources::Document>),
}

impl Item {
    /// How outputs and errors name it.
    pub fn source(&self) -> String {
        match self {
            Item::File(i) => i.path.display().to_string(),
            Item::Record(d) => d.source.clone(),
        }
    }

    /// Is it a web page (`warta extract` reads only those)?
    pub fn is_html(&self) -> bool {
        match self {
            Item::File(i) => is_html(&i.path),
            Item::Record(d) => matches!(d.body, warta_sources::Body::Html { .. }),
        }
    }

    /// [`Input::read_any`] for files; for a record, its text (or extracted page) with the
    /// container's metadata and the page markup as overrides.
    pub fn read_any(self, opts: &warta_html::Options) -> Result<(String, Decoded, Overrides), InputError> {
        match self {
            Item::File(i) => i.read_any(opts),
            Item::Record(d) => {
                let (decoded, overrides) =
                    d.engine_input(opts).map_err(|e| InputError { source: e.source, message: e.message })?;
                Ok((d.source, decoded, overrides))
            }
        }
    }

    /// The extracted page of an HTML file or record.
    pub fn read_page(&self, opts: &warta_html::Options) -> Result<(String, warta_html::Page), InputError> {
        match self {
            Item::File(i) => i.read_page(opts),
            Item::Record(d) => match d.page(opts) {
                Some(Ok(page)) => Ok((d.source.clone(), page)),
                Some(Err(e)) => Err(InputError { source: d.source.clone(), message: e.to_string() }),
                None => Err(InputError {
                    source: d.source.clone(),
                    message: "not an HTML record (text): use `warta analyze` for text".into(),
                }),
            },
        }
    }
}

/// Files and folders → articles: plain files as [`Item::File`], container files expanded into
/// their records as they are read. Folder errors and record errors come in order.
pub fn items(paths: &[PathBuf], opts: &warta_sources::Options) -> Items {
    Items { files: expand(paths).into_iter(), current: None, opts: opts.clone() }
}

/// The iterator of [`items`].
pub struct Items {
    files: std::vec::IntoIter<Result<Input, InputError>>,
    current: Option<warta_sources::Documents>,
    opts: warta_sources::Options,
}

impl Iterator for Items {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(docs) = self.current.as_mut() {
                match docs.next() {
                    Some(Ok(d)) => return Some(Ok(Item::Record(Box::new(d)))),
                    Some(Err(e)) => return Some(Err(InputError { source: e.source, message: e.message })),
                    None => self.current = None,
                }
            }
            match self.files.next()? {
                Err(e) => return Some(Err(e)),
                Ok(input) => match warta_sources::format_of(&input.path) {
                    Some(format) => {
                        let label = input.path.display().to_string();
                        self.current = Some(warta_sources::open(&input.path, format, &label, &self.opts));
                    }
                    None => return Some(Ok(Item::File(input))),
                },
            }
        }
    }
}

/// Is this file a container warta expands into articles (WARC, JSON Lines, feed)?
pub fn is_container(path: &Path) -> bool {
    warta_sources::format_of(path).is_some()
}

/// Expand folders (recursively, `*.txt` and HTML pages, sorted) and keep files as named, in order.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, &mut out);
            found.sort();
            if found.is_empty() {
                out.push(Err(InputError {
                    source: p.display().to_string(),
                    message:
                        "folder holds no .txt, .html/.htm/.html.gz, .warc/.warc.gz, .jsonl/.ndjson or .rss/.atom files"
                            .into(),
                }));
            }
            out.extend(found.into_iter().map(|path| Ok(Input { path })));
        } else {
            out.push(Ok(Input { path: p.clone() }));
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<Result<Input, InputError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Err(InputError {
                source: dir.display().to_string(),
                message: format!("cannot list folder: {e}"),
            }));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, errors);
        } else if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt"))
            || is_html(&path)
            || in_folder_container(&path)
        {
            found.push(path);
        }
    }
}

/// Containers picked up inside folders: all but `.xml` and `.csv`, which a folder may hold
/// for other purposes (name a `.xml` feed or a `.csv` export explicitly).
fn in_folder_container(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    is_container(path) && !name.ends_with(".xml") && !name.ends_with(".csv")
}
