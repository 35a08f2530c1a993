//! Input edge: files and folders named on the command line → decoded texts.

use std::fmt;
use std::path::{Path, PathBuf};
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

/// Expand folders (recursively, `*.txt`, sorted) and keep files as named, in order.
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
                    message: "folder holds no .txt files".into(),
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
        } else if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
            found.push(path);
        }
    }
}
