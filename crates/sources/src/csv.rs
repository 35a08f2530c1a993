//! CSV exports of articles (`.csv`, `.csv.gz`): a header row, then one article per row.
//!
//! Columns are found by their header (case-insensitive, a UTF-8 BOM ignored): the text in
//! `text`, `body`, `isi`, `isi_berita`, `content`, `konten`, `artikel` or `article` (or a page
//! in `html`); the title in `title`, `judul` or `headline`; `url`/`link`/`tautan`; the date in
//! `published`, `date`, `tanggal`, `published_at` or `datePublished`; `outlet`/`media`;
//! `author`/`authors`/`penulis` (several separated by `;`); `source` (the article's name).
//! Other columns are ignored.
//!
//! Rows are streamed: a record ends at a line break outside quotes (RFC 4180, so a text may
//! hold line breaks and doubled quotes). Source: the row's `source`, else its `url`, else
//! `FILE#rowN`, N counted as a spreadsheet does (the header is row 1). A row without text,
//! or with more fields than the header, is one error naming `FILE#rowN`; the others are kept.
//! A header without a text column is one error naming the file.

use crate::{Body, Document, Meta, SourceError};
use std::io::{BufRead, Read};

use warta_engine::analysis::{Diagnostic, DiagnosticCode};

const TEXT: &[&str] = &["text", "body", "isi", "isi_berita", "content", "konten", "artikel", "article"];
const HTML: &[&str] = &["html", "raw_html"];
const TITLE: &[&str] = &["title", "judul", "headline"];
const URL: &[&str] = &["url", "link", "tautan"];
const DATE: &[&str] = &["published", "date", "tanggal", "published_at", "datepublished"];
const OUTLET: &[&str] = &["outlet", "media"];
const AUTHOR: &[&str] = &["author", "authors", "penulis"];
const SOURCE: &[&str] = &["source"];

/// Which field of a row holds what.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    text: Option<usize>,
    html: Option<usize>,
    title: Option<usize>,
    url: Option<usize>,
    date: Option<usize>,
    outlet: Option<usize>,
    author: Option<usize>,
    source: Option<usize>,
    width: usize,
}

impl Columns {
    /// The columns of a header row; an error when no column holds text or a page.
    pub fn from_header(header: &[String]) -> Result<Columns, String> {
        let names: Vec<String> =
            header.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase()).collect();
        let find = |wanted: &[&str]| wanted.iter().find_map(|w| names.iter().position(|n| n == w));
        let c = Columns {
            text: find(TEXT),
            html: find(HTML),
            title: find(TITLE),
            url: find(URL),
            date: find(DATE),
            outlet: find(OUTLET),
            author: find(AUTHOR),
            source: find(SOURCE),
            width: names.len(),
        };
        if c.text.is_none() && c.html.is_none() {
            return Err(format!(
                "no text column in the header ({}): expected one of {} (or html)",
                names.join(", "),
                TEXT.join(", ")
            ));
        }
        Ok(c)
    }

    /// One data row (`row`: its spreadsheet number) → a document.
    pub fn document(&self, fields: &[String], label: &str, row: usize) -> Result<Document, SourceError> {
        let at = format!("{label}#row{row}");
        let err = |m: String| SourceError { source: at.clone(), message: m };
        if fields.len() > self.width {
            return Err(err(format!("{} fields where the header has {}", fields.len(), self.width)));
        }
        let get = |i: Option<usize>| {
            i.and_then(|i| fields.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string)
        };
        let title = get(self.title);
        let body = if let Some(text) = get(self.text) {
            // The title leads the text, as on the page, so the engine sees the headline
            // apart from the first paragraph.
            match &title {
                Some(t) if !text.starts_with(t.as_str()) => Body::Text(format!("{t}\n\n{text}")),
                _ => Body::Text(text),
            }
        } else if let Some(html) = get(self.html) {
            Body::Html { bytes: html.into_bytes(), charset: None }
        } else {
            return Err(err("the row's text is empty".into()));
        };
        let mut diagnostics = Vec::new();
        let published = match get(self.date) {
            Some(p) => {
                let got = crate::published_from(&p, "the CSV row's date column");
                if got.is_none() {
                    diagnostics.push(Diagnostic::warning(
                        DiagnosticCode::PublishedUnreadable,
                        format!("{at}: date {p:?} is not an ISO 8601 or RFC 822 date: ignored"),
                    ));
                }
                got
            }
            None => None,
        };
        let authors = get(self.author)
            .map(|a| a.split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
            .unwrap_or_default();
        let url = get(self.url);
        let meta = Meta { title, authors, published, outlet: get(self.outlet) };
        let source = get(self.source).or_else(|| url.clone()).unwrap_or(at);
        Ok(Document { source, url, body, meta, diagnostics })
    }
}

/// Parse CSV text held in memory into documents (for tests and small inputs).
pub fn documents(text: &str, label: &str) -> Vec<Result<Document, SourceError>> {
    Rows::new(text.as_bytes(), label.to_string(), usize::MAX).collect()
}

/// Streaming reader of a CSV file: one record in memory at a time.
pub struct Rows<R> {
    r: R,
    label: String,
    columns: Option<Columns>,
    /// Spreadsheet number of the next record (the header is 1).
    row: usize,
    max_bytes: usize,
    done: bool,
}

impl<R: BufRead> Rows<R> {
    pub fn new(r: R, label: String, max_bytes: usize) -> Self {
        Rows { r, label, columns: None, row: 1, max_bytes, done: false }
    }

    /// The next record's text (its line breaks inside quotes kept), or None at the end.
    fn record(&mut self) -> Option<Result<String, String>> {
        let mut buf = Vec::new();
        let mut quotes = 0usize;
        loop {
            let before = buf.len();
            let limit = self.max_bytes.saturating_add(1).saturating_sub(before) as u64;
            match self.r.by_ref().take(limit.max(1)).read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {
                    quotes += buf[before..].iter().filter(|&&b| b == b'"').count();
                    if buf.len() > self.max_bytes {
                        self.done = true;
                        return Some(Err(format!("record longer than {} bytes: reading stops here", self.max_bytes)));
                    }
                    if quotes.is_multiple_of(2) && buf.ends_with(b"\n") {
                        break;
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(format!("cannot read: {e}")));
                }
            }
        }
        if buf.is_empty() {
            return None;
        }
        match String::from_utf8(buf) {
            Ok(s) => Some(Ok(s)),
            Err(e) => Some(Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())),
        }
    }
}

impl<R: BufRead> Iterator for Rows<R> {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let row = self.row;
            let rec = match self.record()? {
                Ok(r) => r,
                Err(m) => return Some(Err(SourceError { source: format!("{}#row{row}", self.label), message: m })),
            };
            self.row += 1;
            if rec.trim().is_empty() {
                continue;
            }
            let fields = warta_engine::csv::parse(&rec).into_iter().next().unwrap_or_default();
            match &self.columns {
                None => match Columns::from_header(&fields) {
                    Ok(c) => self.columns = Some(c),
                    Err(m) => {
                        // Nothing further can be read without knowing the columns.
                        self.done = true;
                        return Some(Err(SourceError { source: self.label.clone(), message: m }));
                    }
                },
                Some(c) => return Some(c.document(&fields, &self.label, row)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(d: &Document) -> &str {
        match &d.body {
            Body::Text(t) => t,
            Body::Html { .. } => panic!("html"),
        }
    }

    #[test]
    fn rows_become_articles_by_their_header() {
        let csv = "\u{feff}No,Judul,Tanggal,URL,Isi_Berita\r\n\
            1,Pasar Murah Dibuka,2025-02-03,https://contoh.test/a,\"BANDUNG - Pemkot membuka pasar murah.\n\nWarga antre sejak pagi, kata \"\"Ani\"\".\"\r\n\
            2,Tanpa Isi,2025-02-04,https://contoh.test/b,\r\n\
            3,Jalan Ditutup,kemarin,,\"Jalan protokol ditutup, kata polisi.\"\r\n";
        let docs = documents(csv, "ekspor.csv");
        assert_eq!(docs.len(), 3, "{docs:?}");
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.source, "https://contoh.test/a");
        assert_eq!(a.meta.title.as_deref(), Some("Pasar Murah Dibuka"));
        assert!(a.meta.published.is_some());
        assert_eq!(
            text_of(a),
            "Pasar Murah Dibuka\n\nBANDUNG - Pemkot membuka pasar murah.\n\nWarga antre sejak pagi, kata \"Ani\"."
        );
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.source, "ekspor.csv#row3");
        assert!(e.message.contains("empty"), "{e}");
        let c = docs[2].as_ref().unwrap();
        assert_eq!(c.source, "ekspor.csv#row4");
        assert_eq!(c.diagnostics[0].code.as_str(), "published_unreadable");
    }

    #[test]
    fn a_header_without_text_is_one_error() {
        let docs = documents("nama,umur\nAni,30\nBudi,41\n", "orang.csv");
        assert_eq!(docs.len(), 1);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.source, "orang.csv");
        assert!(e.message.contains("no text column"), "{e}");
    }

    #[test]
    fn a_last_row_without_line_break_and_other_names() {
        let docs = documents("title,body,outlet,author\nA,Isi pertama.,Contoh,Ani; Budi\nB,Isi kedua.,,", "x.csv");
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.meta.outlet.as_deref(), Some("Contoh"));
        assert_eq!(a.meta.authors, vec!["Ani", "Budi"]);
        assert_eq!(docs[1].as_ref().unwrap().source, "x.csv#row3");
    }
}
