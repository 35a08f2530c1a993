//! Input edge: files and folders named on the command line → decoded texts.
//!
//! HTML pages (`.html`, `.htm`, `.html.gz`, `.htm.gz`) go through `warta-html`: the engine then
//! reads the extracted article text, and the page's markup metadata overrides the text's own
//! ([`Input::read_any`]). Offsets in their Analysis refer to that extracted text.

use std::fmt;
use std::path::{Path, PathBuf};
use warta_engine::pipeline::Overrides;
use warta_engine::{Decoded, decode};

/// One input file, not yet read.
pub struct Input {
    pub path: PathBuf,
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
        let bytes = std::fs::read(&self.path)
            .map_err(|e| InputError { source: source.clone(), message: format!("cannot read: {e}") })?;
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
        let bytes = std::fs::read(&self.path)
            .map_err(|e| InputError { source: source.clone(), message: format!("cannot read: {e}") })?;
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
                    message: "folder holds no .txt or .html/.htm/.html.gz files".into(),
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
        } else if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) || is_html(&path) {
            found.push(path);
        }
    }
}
