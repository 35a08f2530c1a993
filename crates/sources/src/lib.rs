//! `warta-sources`: the inputs users hold besides single pages — WARC archives, JSON Lines of
//! pages or texts, RSS/Atom feeds — read as a stream of [`Document`]s, plus the pure parts of
//! polite crawling ([`robots`]) that `warta watch` uses.
//!
//! An edge like `warta-html`: the parsers ([`warc::WarcReader`], [`jsonl::parse_line`],
//! [`feed::parse`], [`http::parse_response`], [`robots::Robots`]) are pure over bytes or any
//! [`std::io::BufRead`]; [`open`] is the one function that opens a file.
//!
//! Each document carries its `source` name (`FILE#URL` for a WARC record or feed item,
//! the record's `source`/`url` or `FILE:LINE` for JSON Lines) and the metadata its container
//! gave (title, authors, publication date, outlet), which [`Document::engine_input`] passes to
//! the engine as overrides. A container error names the file and the record (offset or line);
//! one bad record never loses the others.

pub mod csv;
pub mod feed;
pub mod http;
pub mod jsonl;
pub mod net;
pub mod robots;
pub mod text;
pub mod warc;

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use warta_engine::Decoded;
use warta_engine::analysis::{Diagnostic, DiagnosticCode, Published};
use warta_engine::pipeline::Overrides;

/// The content of one document.
#[derive(Debug, Clone)]
pub enum Body {
    /// A web page; `charset` is the HTTP `Content-Type` charset, a hint that wins over the
    /// page's `<meta charset>` (a BOM wins over both).
    Html { bytes: Vec<u8>, charset: Option<&'static encoding_rs::Encoding> },
    /// Article text, as `warta analyze` reads a `.txt` file.
    Text(String),
}

/// Metadata a container gives about a document (feed item fields, JSON Lines fields).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Published>,
    pub outlet: Option<String>,
}

/// One article read from a container.
#[derive(Debug, Clone)]
pub struct Document {
    /// How outputs and errors name it: `FILE#URL`, `FILE:LINE`, or a record's own source/url.
    pub source: String,
    pub url: Option<String>,
    pub body: Body,
    pub meta: Meta,
    /// Warnings about this document from its container (e.g. a feed item that is only a summary).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why one record (or a whole container) could not be read. Displays as one line.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceError {
    /// The file, or the record (`FILE#URL`, `FILE:LINE`).
    pub source: String,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for SourceError {}

/// Container formats, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.warc`, `.warc.gz`, `.arc.warc.gz`
    Warc,
    /// `.jsonl`, `.ndjson`, `.jsonl.gz`, `.ndjson.gz`
    Jsonl,
    /// `.rss`, `.atom`, `.xml` (RSS 2.0, RSS 1.0/RDF, Atom)
    Feed,
    /// `.csv`, `.csv.gz`: a header row, one article per row ([`csv`]).
    Csv,
}

/// The container format a file name says, if any.
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".warc") {
        Some(Format::Warc)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Format::Jsonl)
    } else if name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".xml") {
        Some(Format::Feed)
    } else if name.ends_with(".csv") {
        Some(Format::Csv)
    } else {
        None
    }
}

/// Limits for reading containers.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest record (WARC block, JSON line, feed file, decoded HTTP body), in bytes.
    pub max_bytes: usize,
    /// Largest WARC record header (all its lines), in bytes.
    pub max_header_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: 20 * 1024 * 1024, max_header_bytes: warc::DEFAULT_MAX_HEADER }
    }
}

/// A stream of documents (or per-record errors) from one container.
pub type Documents = Box<dyn Iterator<Item = Result<Document, SourceError>> + Send>;

/// Open a container file and stream its documents. `label` is how the file is named in
/// sources and errors (the path as the user gave it).
pub fn open(path: &Path, format: Format, label: &str, opts: &Options) -> Documents {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one_error(label, format!("cannot read: {e}")),
    };
    let reader = BufReader::with_capacity(256 * 1024, file);
    match format {
        Format::Warc => Box::new(warc_documents(reader, label.to_string(), opts.clone())),
        Format::Csv => {
            let r: Box<dyn BufRead + Send> = if is_gz_name(path) {
                Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)))
            } else {
                Box::new(reader)
            };
            Box::new(csv::Rows::new(r, label.to_string(), opts.max_bytes))
        }
        Format::Jsonl => {
            let gz = is_gz_name(path);
            let r: Box<dyn BufRead + Send> = if gz {
                Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)))
            } else {
                Box::new(reader)
            };
            Box::new(jsonl::Lines::new(r, label.to_string(), opts.max_bytes))
        }
        Format::Feed => {
            let mut bytes = Vec::new();
            let limit = opts.max_bytes as u64 + 1;
            let raw: Box<dyn Read> = if is_gz_name(path) {
                Box::new(flate2::bufread::MultiGzDecoder::new(reader))
            } else {
                Box::new(reader)
            };
            if let Err(e) = raw.take(limit).read_to_end(&mut bytes) {
                return one_error(label, format!("cannot read: {e}"));
            }
            if bytes.len() > opts.max_bytes {
                return one_error(label, format!("feed is larger than {} bytes", opts.max_bytes));
            }
            match feed::parse(&bytes) {
                Ok(f) => Box::new(feed::file_documents(&f, label).into_iter()),
                Err(e) => one_error(label, format!("not a readable feed: {e}")),
            }
        }
    }
}

fn is_gz_name(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz"))
}

fn one_error(label: &str, message: String) -> Documents {
    Box::new(std::iter::once(Err(SourceError { source: label.to_string(), message })))
}

/// Documents of a WARC archive: `response` records holding an HTTP 2xx HTML (or plain-text)
/// page and `resource` records of those types; `request`, `metadata`, `warcinfo`, `revisit`,
/// `conversion` records and non-page responses (images, scripts, redirects, errors) are passed
/// over. Source: `LABEL#WARC-Target-URI`.
pub fn warc_documents<R: BufRead>(
    reader: R,
    label: String,
    opts: Options,
) -> impl Iterator<Item = Result<Document, SourceError>> {
    let max_record = opts.max_bytes as u64 + 1024 * 1024;
    warc::WarcReader::new(reader).max_record(max_record).max_header(opts.max_header_bytes).filter_map(move |item| {
        match item {
            Ok(rec) => record_document(&rec, &label, &opts).transpose(),
            Err(e) => Some(Err(SourceError { source: label.clone(), message: e.to_string() })),
        }
    })
}

/// One WARC record → a document, `None` for records that hold no page.
pub fn record_document(rec: &warc::Record, label: &str, opts: &Options) -> Result<Option<Document>, SourceError> {
    let kind = rec.warc_type();
    let uri = rec.target_uri().map(str::to_string);
    let source = match &uri {
        Some(u) => format!("{label}#{u}"),
        None => format!("{label}#{}", rec.offset),
    };
    let err =
        |m: String| SourceError { source: source.clone(), message: format!("record at offset {}: {m}", rec.offset) };
    let (mime, charset, bytes) = match kind.as_str() {
        "response" => {
            let ct = rec.header("Content-Type").unwrap_or("").to_ascii_lowercase();
            if !ct.starts_with("application/http") {
                return Ok(None);
            }
            let resp = http::parse_response(&rec.block, opts.max_bytes).map_err(err)?;
            if !(200..300).contains(&resp.status) {
                return Ok(None);
            }
            let ct = resp.header("content-type").unwrap_or("");
            (http::mime_of(ct), http::charset_of(ct), resp.body)
        }
        "resource" => {
            let ct = rec.header("Content-Type").unwrap_or("");
            (http::mime_of(ct), http::charset_of(ct), rec.block.clone())
        }
        _ => return Ok(None),
    };
    let body = if http::is_html_mime(&mime) {
        Body::Html { bytes, charset }
    } else if mime == "text/plain" {
        let enc = charset.unwrap_or(encoding_rs::UTF_8);
        Body::Text(enc.decode(&bytes).0.into_owned())
    } else {
        return Ok(None);
    };
    Ok(Some(Document { source, url: uri, body, meta: Meta::default(), diagnostics: Vec::new() }))
}

/// Read a page's bytes with the HTTP charset as a hint: a BOM wins, then the hint, then what
/// the page declares (`warta_html::bytes`).
pub fn html_page(
    bytes: &[u8],
    charset: Option<&'static encoding_rs::Encoding>,
    opts: &warta_html::Options,
) -> Result<warta_html::Page, warta_html::PageError> {
    let hint = charset.filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    let Some(enc) = hint else { return warta_html::extract(bytes, opts) };
    if encoding_rs::Encoding::for_bom(bytes).is_some() || warta_html::bytes::is_gzip(bytes) {
        return warta_html::extract(bytes, opts);
    }
    if bytes.len() > opts.max_bytes {
        return Err(warta_html::PageError::TooLarge { bytes: bytes.len(), max_bytes: opts.max_bytes });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(warta_html::PageError::Empty);
    }
    if bytes.iter().take(1024).filter(|&&b| b == 0).count() > 8 {
        return Err(warta_html::PageError::Binary);
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut diagnostics = Vec::new();
    if had_errors {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::InvalidBytes,
            format!("bytes invalid in {} (the HTTP charset) were replaced with U+FFFD", enc.name()),
        ));
    }
    warta_html::extract_html(&text, enc.name(), diagnostics, opts)
}

impl Document {
    /// The extracted page, for an HTML document (`warta extract`); `None` for text.
    pub fn page(&self, opts: &warta_html::Options) -> Option<Result<warta_html::Page, warta_html::PageError>> {
        match &self.body {
            Body::Html { bytes, charset } => Some(html_page(bytes, *charset, opts).map(|mut p| {
                p.diagnostics.extend(self.diagnostics.iter().cloned());
                p
            })),
            Body::Text(_) => None,
        }
    }

    /// The engine's input: decoded text and overrides. For HTML, the extracted page (offsets
    /// of the analysis refer to its extracted text); the container's metadata wins over the
    /// page's markup where it gives a value, and the markup fills the rest.
    pub fn engine_input(&self, opts: &warta_html::Options) -> Result<(Decoded, Overrides), SourceError> {
        let (mut decoded, mut ov) = match &self.body {
            Body::Html { .. } => {
                let page = self
                    .page(opts)
                    .expect("html body")
                    .map_err(|e| SourceError { source: self.source.clone(), message: e.to_string() })?;
                page.engine_input()
            }
            Body::Text(text) => {
                if text.trim().is_empty() {
                    return Err(SourceError { source: self.source.clone(), message: "empty text".into() });
                }
                let decoded = Decoded { text: text.clone(), encoding: "utf-8", diagnostics: self.diagnostics.clone() };
                (decoded, Overrides::default())
            }
        };
        let m = &self.meta;
        if m.title.is_some() {
            ov.title = m.title.clone();
        }
        if !m.authors.is_empty() {
            ov.authors = m.authors.clone();
        }
        if m.published.is_some() {
            ov.published = m.published.clone();
        }
        if m.outlet.is_some() {
            ov.outlet = m.outlet.clone();
        }
        if self.url.is_some() {
            ov.url = self.url.clone();
        }
        decoded.diagnostics.dedup();
        Ok((decoded, ov))
    }
}

/// A publication date from a container field: ISO 8601 / RFC 3339 (`2023-09-13`,
/// `2023-09-13T08:30:00+07:00`, `2023-09`) or RFC 822 (`Wed, 13 Sep 2023 08:30:00 +0700`).
/// The calendar date is taken as written, in the value's own offset. `None` if neither.
pub fn published_from(raw: &str, reason: &str) -> Option<Published> {
    warta_html::markup::published(raw, reason).or_else(|| feed::rfc822_date(raw, reason))
}
