//! `warta-html`: news pages in HTML → the article, for warta's engine.
//!
//! Pure like the engine (bytes or strings in, values out; no files, network, clock or env):
//! 1. [`bytes::read`]: gzip (by magic bytes), size limit, charset (BOM, `<meta charset>`,
//!    UTF-8 validity, else Windows-1252).
//! 2. [`markup::read_tree`]: metadata from the page's own markup (JSON-LD, OpenGraph, `<meta>`,
//!    `<time datetime>`, `<html lang>`).
//! 3. Main text ([`main_text::extract`]): readability-style scoring in a few linear passes over
//!    a light tree ([`tree::Tree`], one pass over the bytes; the same tree gives the markup
//!    metadata), figure captions kept apart, `<br>` and blocks splitting paragraphs.
//! 4. The engine's own cleaning ([`warta_engine::clean::clean`]) on those paragraphs, so
//!    in-article "Baca Juga" blocks, ad lines and sign-offs go exactly as they do for text.
//! 5. Language of the body ([`lang::detect`]); a non-Indonesian page is flagged, never dropped.
//!
//! [`Page::engine_input`] turns a page into the engine's input: the extracted text (title,
//! blank line, paragraphs separated by blank lines) plus [`warta_engine::pipeline::Overrides`]
//! so the markup's title, authors, outlet and publication date win over text heuristics.

pub mod bytes;
pub mod lang;
pub mod main_text;
pub mod markup;
pub mod tree;

use serde::Serialize;
use std::fmt;
use warta_engine::Decoded;
use warta_engine::analysis::{Diagnostic, DiagnosticCode, Published, Removed};
use warta_engine::clean::{self, Cleaned};
use warta_engine::pipeline::Overrides;

/// Limits and switches for one page.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest page accepted, in bytes, before and after gzip decompression.
    pub max_bytes: usize,
    /// Largest number of elements a page may have (0 = no limit); more is an error.
    pub max_elements: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: 20 * 1024 * 1024, max_elements: 0 }
    }
}

/// Why a page could not be read at all. Displays as one line (the caller adds the file name).
#[derive(Debug, Clone, PartialEq)]
pub enum PageError {
    TooLarge { bytes: usize, max_bytes: usize },
    Gzip(String),
    Empty,
    Binary,
    TooManyElements { max_elements: usize },
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::TooLarge { bytes, max_bytes } => {
                write!(f, "page too large: more than {max_bytes} bytes (read {bytes}); raise --max-bytes to accept it")
            }
            PageError::Gzip(m) => write!(f, "{m}"),
            PageError::Empty => write!(f, "empty page"),
            PageError::Binary => write!(f, "not HTML: binary content"),
            PageError::TooManyElements { max_elements } => {
                write!(f, "page has more than {max_elements} elements; raise --max-elements to accept it")
            }
        }
    }
}

impl std::error::Error for PageError {}

/// Where a page's body came from, in order of trust. The main-text extraction is tried first;
/// when it finds nothing, each fallback is tried in turn, so a page with any prose never comes
/// back empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodySource {
    /// The article container found by the main-text extraction.
    MainText,
    /// The page's JSON-LD `articleBody` (the publisher's own copy of the text).
    JsonLdArticleBody,
    /// The page's summary (`og:description`, `twitter:description`, `<meta name=description>`).
    Description,
    /// The densest block of prose on the page (most characters outside links).
    DensestBlock,
    /// Nothing: the page has no prose at all.
    None,
}

impl BodySource {
    /// The name used in JSON and diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            BodySource::MainText => "main_text",
            BodySource::JsonLdArticleBody => "json_ld_article_body",
            BodySource::Description => "description",
            BodySource::DensestBlock => "densest_block",
            BodySource::None => "none",
        }
    }
}

/// The article read from one page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Published>,
    pub outlet: Option<String>,
    /// Detected language of the body (`id`, `ms`, `en`), else the page's declared language,
    /// else null.
    pub language: Option<String>,
    /// The page's own `<html lang>` (primary subtag).
    pub declared_language: Option<String>,
    /// Body paragraphs after extraction and the engine's cleaning.
    pub body: Vec<String>,
    /// Where the body came from (the main text, or which fallback).
    pub method: BodySource,
    /// What the main-text extraction took out from inside the article's container, with
    /// reasons (teasers, ads, newsletter boxes, video prompts, pagination, link lists…). The
    /// engine's cleaning of the extracted text is in `removed`.
    pub dropped: Vec<main_text::Dropped>,
    /// The address of the article's next page, when the page links one (`rel=next`,
    /// "Halaman selanjutnya", "Berikutnya", "Next page"): a caller that fetches it can give
    /// the pages together to [`extract_pages`].
    pub next_page: Option<String>,
    /// Figure captions, kept apart from the body.
    pub captions: Vec<String>,
    /// What the engine's cleaning took out of the extracted paragraphs, with reasons.
    pub removed: Vec<Removed>,
    pub encoding: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The extracted text the engine reads (title, blank line, paragraphs separated by blank
    /// lines), before cleaning. Offsets in an Analysis of this page refer to this text.
    pub text: String,
    /// The engine's cleaning of `text` (what `body` and `removed` come from), handed to the
    /// engine by [`Page::engine_input`] so that the text is not cleaned twice.
    #[serde(skip)]
    pub cleaned: Cleaned,
}

/// Do now the one-time work the first page would otherwise pay for: lingua's models and
/// tables, the cleaning's patterns. A batch or a benchmark calls this once before it starts.
pub fn preload() {
    lang::preload();
    clean::prepare();
}

/// Read one page: bytes (HTML, or gzip of HTML) → [`Page`].
pub fn extract(raw: &[u8], opts: &Options) -> Result<Page, PageError> {
    let html = bytes::read(raw, opts.max_bytes)?;
    extract_html(&html.text, html.encoding, html.diagnostics, opts)
}

/// Read one page already decoded to text.
pub fn extract_html(
    html: &str,
    encoding: &str,
    diagnostics: Vec<Diagnostic>,
    opts: &Options,
) -> Result<Page, PageError> {
    let part = read_part(html, opts)?;
    Ok(assemble(vec![part], encoding, diagnostics))
}

/// Read the pages of one article split over several pages ("Halaman selanjutnya", `?page=2`,
/// detik's `…/judul/2`), given together, into one [`Page`]. The pages are joined in page
/// order: the number each page's own address gives (`<link rel=canonical>` or `og:url`, see
/// [`page_number`]; an address without one is page 1), else the order given. The metadata is the first
/// page's; a paragraph repeated from an earlier page (a lead or a teaser shown on every page)
/// is kept once. A page that holds the whole article (Kompas' `?page=all`) is simply read on
/// its own with [`extract`].
pub fn extract_pages(pages: &[&[u8]], opts: &Options) -> Result<Page, PageError> {
    let mut parts = Vec::new();
    let mut diagnostics = Vec::new();
    let mut encoding = "utf-8";
    for (i, raw) in pages.iter().enumerate() {
        let html = bytes::read(raw, opts.max_bytes)?;
        if i == 0 {
            encoding = html.encoding;
        }
        diagnostics.extend(html.diagnostics);
        parts.push(read_part(&html.text, opts)?);
    }
    // A page whose address has no number is the first page (its plain address); a stable
    // sort keeps the order given among equals, and the order given when no page is numbered.
    let numbers: Vec<Option<u32>> = parts.iter().map(|p| p.markup.url.as_deref().and_then(page_number)).collect();
    if numbers.iter().any(Option::is_some) {
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by_key(|&i| numbers[i].unwrap_or(1));
        let mut slots: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
        parts = order.iter().filter_map(|&i| slots[i].take()).collect();
    }
    if parts.len() > 1 {
        diagnostics.push(Diagnostic::info(
            DiagnosticCode::PagesJoined,
            format!("{} pages of one article joined in page order", parts.len()),
        ));
    }
    Ok(assemble(parts, encoding, diagnostics))
}

/// The page number a page's address gives: `?page=N` / `&page=N` (also `halaman`, `hal`,
/// `p`), a last path segment that is a small number after a slug (detik's `…/judul/2`), or
/// `…/halaman-N`. `None` for the first page's plain address and for a whole-article view
/// (`?page=all`).
pub fn page_number(url: &str) -> Option<u32> {
    let url = url.trim();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, q.split('#').next().unwrap_or("")),
        None => (url.split('#').next().unwrap_or(url), ""),
    };
    for kv in query.split('&') {
        if let Some((k, v)) = kv.split_once('=')
            && matches!(k.to_ascii_lowercase().as_str(), "page" | "halaman" | "hal" | "p" | "pg")
        {
            return v.parse().ok().filter(|&n| (1..=200).contains(&n));
        }
    }
    let mut segs = path.trim_end_matches('/').rsplit('/');
    let last = segs.next()?;
    if let Some(n) = last.strip_prefix("halaman-").or_else(|| last.strip_prefix("page-")) {
        return n.parse().ok().filter(|&n| (1..=200).contains(&n));
    }
    let before = segs.next()?;
    if !last.is_empty()
        && last.len() <= 2
        && last.bytes().all(|b| b.is_ascii_digit())
        && before.bytes().any(|b| b.is_ascii_alphabetic())
        && before.contains('-')
    {
        return last.parse().ok().filter(|&n| n >= 1);
    }
    None
}

/// What one page gives before the pages are assembled.
struct Part {
    markup: markup::Markup,
    main: main_text::MainText,
    /// The densest block, found only when the main text is empty.
    densest: Option<Vec<String>>,
    next_page: Option<String>,
}

fn read_part(html: &str, opts: &Options) -> Result<Part, PageError> {
    let tree = match tree::Tree::parse(html, opts.max_elements) {
        Ok(t) => t,
        Err(tree::TooManyElements) => return Err(PageError::TooManyElements { max_elements: opts.max_elements }),
    };
    let markup = markup::read_tree(&tree);
    let main = main_text::extract(&tree);
    let densest = if main.paragraphs.is_empty() { main_text::densest_block(&tree) } else { None };
    let next_page = main_text::next_page(&tree);
    Ok(Part { markup, main, densest, next_page })
}

/// One [`Page`] from the parts of one article (one page, or its pages in order).
fn assemble(parts: Vec<Part>, encoding: &str, mut diagnostics: Vec<Diagnostic>) -> Page {
    let mut parts = parts.into_iter();
    let first = parts.next().expect("at least one page");
    let markup = first.markup;
    let mut paragraphs = first.main.paragraphs;
    let mut captions = first.main.captions;
    let mut dropped = first.main.dropped;
    let mut densest = first.densest;
    let mut next_page = first.next_page;
    for p in parts {
        let mut seen: std::collections::HashSet<String> = paragraphs.iter().cloned().collect();
        for para in p.main.paragraphs {
            if seen.insert(para.clone()) {
                paragraphs.push(para);
            }
        }
        for c in p.main.captions {
            if !captions.contains(&c) {
                captions.push(c);
            }
        }
        dropped.extend(p.main.dropped);
        if densest.is_none() {
            densest = p.densest;
        }
        next_page = p.next_page;
    }
    let title = markup.title.clone();
    let read = |paragraphs: &[String]| {
        let mut text = String::new();
        if let Some(t) = &title {
            text.push_str(t);
            text.push_str("\n\n");
        }
        text.push_str(&paragraphs.join("\n\n"));
        text.push('\n');
        let cleaned = clean::clean(&text);
        let body: Vec<String> = cleaned
            .paragraphs
            .iter()
            .map(|p| p.text.clone())
            .filter(|p| title.as_deref() != Some(p.as_str()))
            .collect();
        (text, cleaned, body)
    };
    let (mut text, mut cleaned, mut body) = read(&paragraphs);
    let mut method = BodySource::MainText;
    if body.is_empty() {
        // Fallbacks, in order of trust: the publisher's own copy of the text, its summary, the
        // densest block of prose. The first that gives a body after cleaning is kept.
        let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
        let candidates = [
            (BodySource::JsonLdArticleBody, markup.article_body.as_deref().map(lines)),
            (BodySource::Description, markup.description.as_deref().map(lines)),
            (BodySource::DensestBlock, densest),
        ];
        method = BodySource::None;
        for (source, paragraphs) in candidates {
            let Some(paragraphs) = paragraphs.filter(|p| !p.is_empty()) else { continue };
            let r = read(&paragraphs);
            if !r.2.is_empty() {
                (text, cleaned, body) = r;
                method = source;
                break;
            }
        }
        match method {
            BodySource::None => {
                diagnostics.push(Diagnostic::warning(DiagnosticCode::NoMainText, "no article text found in the page"))
            }
            m => diagnostics.push(Diagnostic::info(
                DiagnosticCode::BodyFallback,
                format!("no article container found: the body is the page's {}", m.as_str()),
            )),
        }
    }

    let detected = lang::detect(&body.join("\n"));
    let language = match (detected.code, &markup.declared_language) {
        (Some(code), declared) => {
            if let Some(d) = declared.as_deref().filter(|d| *d != code && !(code == "id" && *d == "in")) {
                diagnostics.push(Diagnostic::info(
                    DiagnosticCode::LanguageMismatch,
                    format!("page declares lang=\"{d}\" but its text reads as {code}"),
                ));
            }
            Some(code.to_string())
        }
        (None, declared) => {
            if let Some(note) = &detected.note {
                diagnostics.push(Diagnostic::info(DiagnosticCode::LanguageUndetermined, note.clone()));
            }
            declared.clone()
        }
    };
    match language.as_deref() {
        Some("id") | Some("in") => {}
        Some(other) => diagnostics.push(Diagnostic::warning(
            DiagnosticCode::NotIndonesian,
            format!("page language is {other}, not Indonesian: kept, but the engine's Indonesian rules may miss"),
        )),
        None => {}
    }

    Page {
        title,
        authors: markup.authors,
        published: markup.published,
        outlet: markup.outlet,
        language,
        declared_language: markup.declared_language,
        body,
        method,
        captions,
        dropped,
        next_page,
        removed: cleaned.removed.clone(),
        encoding: encoding_name(encoding).to_string(),
        diagnostics,
        text,
        cleaned,
    }
}

impl Page {
    /// The engine's input for this page: the extracted text as a [`Decoded`] and the markup
    /// metadata as [`Overrides`] (markup wins over text heuristics).
    pub fn engine_input(&self) -> (Decoded, Overrides) {
        let decoded = Decoded {
            text: self.text.clone(),
            encoding: encoding_name(&self.encoding),
            diagnostics: self.diagnostics.clone(),
        };
        let overrides = Overrides {
            title: self.title.clone(),
            authors: self.authors.clone(),
            outlet: self.outlet.clone(),
            published: self.published.clone(),
            url: None,
            cleaned: Some(self.cleaned.clone()),
        };
        (decoded, overrides)
    }
}

/// The engine's spelling of an encoding name (lowercase WHATWG name).
fn encoding_name(name: &str) -> &'static str {
    match encoding_rs::Encoding::for_label(name.as_bytes()).map(|e| e.name()) {
        Some("UTF-8") | None => "utf-8",
        Some("UTF-16LE") => "utf-16le",
        Some("UTF-16BE") => "utf-16be",
        Some(other) => other,
    }
}
