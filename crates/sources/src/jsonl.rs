//! JSON Lines of articles, one object per line: `{url, html | text, title?, published?,
//! outlet?, authors?|author?, source?, ...}` (other fields are ignored). The records
//! `warta-eval generate --jsonl` writes (`{source, text, ...}`) are read as they are.
//!
//! Source: the record's `source`, else its `url`, else `FILE:LINE`. A line that is not a JSON
//! object, or has neither `html` nor `text`, is one error naming `FILE:LINE`; the other lines
//! are kept.

use crate::{Body, Document, Meta, SourceError};
use serde_json::Value;
use std::io::{BufRead, Read};
use warta_engine::analysis::{Diagnostic, DiagnosticCode};

/// Parse one line (1-based `line` for names). `Ok(None)` for a blank line.
pub fn parse_line(raw: &str, label: &str, line: usize) -> Result<Option<Document>, SourceError> {
    let at = format!("{label}:{line}");
    let err = |m: String| SourceError { source: at.clone(), message: m };
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let v: Value = serde_json::from_str(raw).map_err(|e| err(format!("not JSON: {e}")))?;
    let Value::Object(o) = v else { return Err(err("not a JSON object".into())) };
    let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let url = s("url").or_else(|| s("link")).or_else(|| s("tautan"));
    let title = s("title").or_else(|| s("judul")).or_else(|| s("headline"));
    let body = if let Some(html) = s("html").or_else(|| s("raw_html")) {
        Body::Html { bytes: html.into_bytes(), charset: None }
    } else if let Some(text) = s("text").or_else(|| s("content")) {
        Body::Text(text)
    } else if let Some(text) = ["body", "isi", "isi_berita", "konten", "artikel", "article"].iter().find_map(|k| s(k)) {
        // An article body under another name (scraped exports): the title leads it, as on
        // the page, so the engine sees the headline apart from the first paragraph.
        match &title {
            Some(t) if !text.starts_with(t.as_str()) => Body::Text(format!("{t}\n\n{text}")),
            _ => Body::Text(text),
        }
    } else if let Some(Value::Array(paras)) = o.get("body").or_else(|| o.get("isi")) {
        // A body given as a list of paragraphs (as `warta extract` prints it).
        let paras: Vec<&str> = paras.iter().filter_map(Value::as_str).collect();
        let mut text = title.as_ref().map(|t| format!("{t}\n\n")).unwrap_or_default();
        text.push_str(&paras.join("\n\n"));
        Body::Text(text)
    } else {
        return Err(
            err("the record has neither `html` nor `text` (nor `content`, `body`, `isi`, `isi_berita`)".into()),
        );
    };
    let mut diagnostics = Vec::new();
    let published = match o
        .get("published")
        .or_else(|| o.get("date"))
        .or_else(|| o.get("datePublished"))
        .or_else(|| o.get("tanggal"))
    {
        Some(Value::String(p)) if !p.trim().is_empty() => {
            let got = crate::published_from(p, "the record's `published` field");
            if got.is_none() {
                diagnostics.push(Diagnostic::warning(
                    DiagnosticCode::PublishedUnreadable,
                    format!("{at}: `published` value {p:?} is not an ISO 8601 or RFC 822 date: ignored"),
                ));
            }
            got
        }
        _ => None,
    };
    let authors = match o.get("authors").or_else(|| o.get("author")) {
        Some(Value::String(a)) => vec![a.trim().to_string()].into_iter().filter(|a| !a.is_empty()).collect(),
        Some(Value::Array(a)) => {
            a.iter().filter_map(Value::as_str).map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()
        }
        _ => Vec::new(),
    };
    let meta = Meta { title, authors, published, outlet: s("outlet").or_else(|| s("media")) };
    let source = s("source").or_else(|| url.clone()).unwrap_or(at);
    Ok(Some(Document { source, url, body, meta, diagnostics }))
}

/// Streaming reader of a JSON Lines file (one line in memory at a time).
pub struct Lines<R> {
    r: R,
    label: String,
    line: usize,
    max_bytes: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(r: R, label: String, max_bytes: usize) -> Self {
        Lines { r, label, line: 0, max_bytes, done: false }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            self.line += 1;
            let at = format!("{}:{}", self.label, self.line);
            let read = self.r.by_ref().take(self.max_bytes as u64 + 1).read_until(b'\n', &mut buf);
            match read {
                Ok(0) => self.done = true,
                Ok(n) if n > self.max_bytes && !buf.ends_with(b"\n") => {
                    // Skip the rest of the long line.
                    let mut sink = Vec::new();
                    loop {
                        sink.clear();
                        match self.r.by_ref().take(1 << 20).read_until(b'\n', &mut sink) {
                            Ok(0) => break,
                            Ok(_) if sink.ends_with(b"\n") => break,
                            Ok(_) => {}
                            Err(_) => break,
                        }
                    }
                    return Some(Err(SourceError {
                        source: at.clone(),
                        message: format!("line longer than {} bytes: skipped", self.max_bytes),
                    }));
                }
                Ok(_) => {
                    let Ok(text) = std::str::from_utf8(&buf) else {
                        return Some(Err(SourceError { source: at.clone(), message: "line is not UTF-8".into() }));
                    };
                    match parse_line(text, &self.label, self.line) {
                        Ok(Some(doc)) => return Some(Ok(doc)),
                        Ok(None) => {}
                        Err(e) => return Some(Err(e)),
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(SourceError {
                        source: self.label.clone(),
                        message: format!(
                            "cannot read past line {} ({e}); the lines before it were read",
                            self.line - 1
                        ),
                    }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_engine::analysis::Precision;

    #[test]
    fn lines_good_and_bad() {
        let input = concat!(
            "{\"url\":\"https://x.test/a\",\"html\":\"<html><body><p>Halo</p></body></html>\",\"title\":\"Judul A\",\"published\":\"2024-06-12T09:00:00+07:00\",\"outlet\":\"Contoh\"}\n",
            "\n",
            "{\"url\":\"https://x.test/b\", \"text\": oops}\n",
            "{\"source\":\"gen/1.txt\",\"text\":\"JAKARTA - Isi.\",\"story\":3}\n",
            "[1,2]\n",
            "{\"text\":\"Tanpa url.\",\"published\":\"Wed, 12 Jun 2024 08:00:00 +0700\",\"authors\":[\"Ani\"]}\n",
            "{\"url\":\"https://x.test/c\"}\n",
            "{\"text\":\"Tanggal aneh.\",\"published\":\"kemarin\"}",
        );
        let got: Vec<_> = Lines::new(input.as_bytes(), "f.jsonl".into(), 1 << 20).collect();
        let names: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(d) => format!("ok {}", d.source),
                Err(e) => format!("err {}", e.source),
            })
            .collect();
        assert_eq!(
            names,
            [
                "ok https://x.test/a",
                "err f.jsonl:3",
                "ok gen/1.txt",
                "err f.jsonl:5",
                "ok f.jsonl:6",
                "err f.jsonl:7",
                "ok f.jsonl:8"
            ]
        );
        let a = got[0].as_ref().unwrap();
        assert!(matches!(a.body, Body::Html { .. }));
        assert_eq!(a.meta.title.as_deref(), Some("Judul A"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Contoh"));
        let p = a.meta.published.as_ref().unwrap();
        assert_eq!((p.value.as_str(), p.precision), ("2024-06-12", Precision::Day));
        let f = got[4].as_ref().unwrap();
        assert_eq!(f.meta.published.as_ref().unwrap().value, "2024-06-12");
        assert_eq!(f.meta.authors, ["Ani"]);
        let odd = got[6].as_ref().unwrap();
        assert!(odd.meta.published.is_none());
        assert_eq!(odd.diagnostics[0].code.as_str(), "published_unreadable");
        assert!(got[5].as_ref().unwrap_err().message.contains("neither `html` nor `text`"));
    }

    #[test]
    fn bodies_under_other_names() {
        let input = concat!(
            "{\"judul\":\"Harga Cabai Turun\",\"isi\":\"MEDAN - Harga cabai turun.\",\"tanggal\":\"2025-02-03\"}\n",
            "{\"title\":\"Banjir Surut\",\"body\":\"Banjir Surut\\n\\nAir mulai surut.\",\"media\":\"Contoh\"}\n",
            "{\"isi_berita\":\"Tanpa judul.\"}\n",
        );
        let got: Vec<Document> = Lines::new(input.as_bytes(), "f.jsonl".into(), 1 << 20).map(Result::unwrap).collect();
        let text = |d: &Document| match &d.body {
            Body::Text(t) => t.clone(),
            Body::Html { .. } => panic!(),
        };
        assert_eq!(text(&got[0]), "Harga Cabai Turun\n\nMEDAN - Harga cabai turun.");
        assert_eq!(got[0].meta.title.as_deref(), Some("Harga Cabai Turun"));
        assert_eq!(got[0].meta.published.as_ref().unwrap().value, "2025-02-03");
        assert_eq!(text(&got[1]), "Banjir Surut\n\nAir mulai surut.", "a title the body starts with is not doubled");
        assert_eq!(got[1].meta.outlet.as_deref(), Some("Contoh"));
        assert_eq!(text(&got[2]), "Tanpa judul.");
        assert_eq!(got[2].source, "f.jsonl:3");
    }

    #[test]
    fn long_line_is_skipped() {
        let input = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"pendek\"}}\n", "a".repeat(500));
        let got: Vec<_> = Lines::new(input.as_bytes(), "f.jsonl".into(), 100).collect();
        assert!(got[0].as_ref().is_err_and(|e| e.source == "f.jsonl:1" && e.message.contains("longer")));
        assert_eq!(got[1].as_ref().unwrap().source, "f.jsonl:2");
        assert_eq!(got.len(), 2);
    }
}
