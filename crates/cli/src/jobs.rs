//! Inputs as queue jobs (`--data postgres://...`): what `warta ingest` and `warta watch`
//! enqueue and `warta worker` reads. A job carries the input itself, not a path, so a worker
//! on another machine can read it: a JSON header line, then the raw bytes.
//!
//! - `text-file`: a text file's bytes, decoded by the worker as `warta analyze` decodes files
//!   (UTF-8, UTF-16 with BOM, Windows-1252).
//! - `html-file`: an HTML page's bytes (gzip allowed), read through `warta-html`.
//! - `record`: a container record (WARC response, JSON line, feed item, fetched page), with
//!   the container's metadata and URL, as text or HTML with its HTTP charset.

use crate::inputs::{self, InputError, Item};
use serde::{Deserialize, Serialize};
use warta_engine::pipeline::Overrides;
use warta_sources::{Body, Document, Meta};
use warta_store::ingest::{ItemError, Named, Read};

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    TextFile,
    HtmlFile,
    Record,
}

#[derive(Serialize, Deserialize)]
struct Header {
    kind: Kind,
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// For a record: `true` when the bytes are HTML.
    #[serde(default)]
    html: bool,
    /// An HTML record's charset from its HTTP headers (an encoding label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    charset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<warta_engine::analysis::Published>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<warta_engine::analysis::Diagnostic>,
}

fn payload(header: &Header, bytes: &[u8]) -> Vec<u8> {
    let mut out = serde_json::to_vec(header).expect("a job header serialises");
    out.push(b'\n');
    out.extend_from_slice(bytes);
    out
}

impl Named for Item {
    fn name(&self) -> String {
        self.source()
    }
}

pub fn item_error(e: InputError) -> ItemError {
    ItemError { name: e.source, message: e.message }
}

/// A container record as a job.
pub fn document_job(d: Document) -> (String, Vec<u8>) {
    let Document { source, url, body, meta, diagnostics } = d;
    let (html, charset, bytes) = match body {
        Body::Html { bytes, charset } => (true, charset.map(|c| c.name().to_string()), bytes),
        Body::Text(t) => (false, None, t.into_bytes()),
    };
    let header = Header {
        kind: Kind::Record,
        source: source.clone(),
        url,
        html,
        charset,
        title: meta.title,
        authors: meta.authors,
        published: meta.published,
        outlet: meta.outlet,
        diagnostics,
    };
    (source, payload(&header, &bytes))
}

/// An input as a job `(name, payload)`; a file is read here (an unreadable one is an error
/// naming it).
pub fn encode(item: Item) -> Result<(String, Vec<u8>), ItemError> {
    match item {
        Item::File(input) => {
            let source = input.path.display().to_string();
            let bytes = std::fs::read(&input.path)
                .map_err(|e| ItemError { name: source.clone(), message: format!("cannot read: {e}") })?;
            let kind = if inputs::is_html(&input.path) { Kind::HtmlFile } else { Kind::TextFile };
            let header = Header {
                kind,
                source: source.clone(),
                url: None,
                html: false,
                charset: None,
                title: None,
                authors: Vec::new(),
                published: None,
                outlet: None,
                diagnostics: Vec::new(),
            };
            Ok((source, payload(&header, &bytes)))
        }
        Item::Record(d) => Ok(document_job(*d)),
    }
}

/// A job back into a decoded article, as `warta ingest` would read the same input.
pub fn decode(name: &str, payload: &[u8], html_opts: &warta_html::Options) -> Result<Read, ItemError> {
    let err = |message: String| ItemError { name: name.to_string(), message };
    let split = payload.iter().position(|&b| b == b'\n').ok_or_else(|| err("not a warta job (no header)".into()))?;
    let header: Header =
        serde_json::from_slice(&payload[..split]).map_err(|e| err(format!("not a warta job header: {e}")))?;
    let bytes = &payload[split + 1..];
    let source = header.source;
    let err = |message: String| ItemError { name: source.clone(), message };
    match header.kind {
        Kind::TextFile => {
            let decoded = warta_engine::decode(bytes).map_err(|e| err(e.to_string()))?;
            Ok(Read { source, decoded, overrides: Overrides::default() })
        }
        Kind::HtmlFile => {
            let page = warta_html::extract(bytes, html_opts).map_err(|e| err(e.to_string()))?;
            let (decoded, overrides) = page.engine_input();
            Ok(Read { source, decoded, overrides })
        }
        Kind::Record => {
            let body = if header.html {
                let charset = header
                    .charset
                    .as_deref()
                    .and_then(|c| warta_sources::http::charset_of(&format!("text/html; charset={c}")));
                Body::Html { bytes: bytes.to_vec(), charset }
            } else {
                Body::Text(String::from_utf8(bytes.to_vec()).map_err(|e| err(format!("record text: {e}")))?)
            };
            let doc = Document {
                source: source.clone(),
                url: header.url,
                body,
                meta: Meta {
                    title: header.title,
                    authors: header.authors,
                    published: header.published,
                    outlet: header.outlet,
                },
                diagnostics: header.diagnostics,
            };
            let (decoded, overrides) =
                doc.engine_input(html_opts).map_err(|e| ItemError { name: e.source, message: e.message })?;
            Ok(Read { source, decoded, overrides })
        }
    }
}

/// Enqueue inputs in batches of `batch` (input order kept); unreadable inputs are named
/// through `failed` and not enqueued. Returns the `seq` range enqueued.
pub fn enqueue_all(
    pg: &mut warta_store::pg::Pg,
    items: impl Iterator<Item = Result<Item, InputError>>,
    batch: usize,
    mut failed: impl FnMut(&ItemError),
) -> warta_store::Result<(usize, Option<(i64, i64)>)> {
    let mut pending: Vec<(String, Vec<u8>)> = Vec::with_capacity(batch);
    let mut count = 0;
    let mut range: Option<(i64, i64)> = None;
    let mut flush = |pending: &mut Vec<(String, Vec<u8>)>, range: &mut Option<(i64, i64)>| {
        if let Some(r) = pg.enqueue(pending)? {
            *range = Some((range.map_or(*r.start(), |(a, _)| a), *r.end()));
        }
        pending.clear();
        Ok::<_, warta_store::StoreError>(())
    };
    for item in items {
        match item.map_err(item_error).and_then(encode) {
            Ok(job) => {
                pending.push(job);
                count += 1;
                if pending.len() >= batch.max(1) {
                    flush(&mut pending, &mut range)?;
                }
            }
            Err(e) => failed(&e),
        }
    }
    flush(&mut pending, &mut range)?;
    Ok((count, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Read, b: &(Decoded, Overrides)) {
        assert_eq!(a.decoded, b.0);
        assert_eq!(a.overrides.title, b.1.title);
        assert_eq!(a.overrides.authors, b.1.authors);
        assert_eq!(a.overrides.outlet, b.1.outlet);
        assert_eq!(a.overrides.published, b.1.published);
    }

    use warta_engine::Decoded;

    /// A record read back from its job is what `warta ingest` reads from the record itself:
    /// HTML with its HTTP charset (Windows-1252 bytes) and container metadata, and text.
    #[test]
    fn records_round_trip() {
        let opts = warta_html::Options::default();
        let html = b"<html><body><article><h1>Judul</h1><p>BANDUNG - Caf\xe9 baru dibuka di pusat kota pada Senin (10/6/2024), kata pengelola.</p></article></body></html>";
        let doc = Document {
            source: "crawl.warc#https://x.test/a".into(),
            url: Some("https://x.test/a".into()),
            body: Body::Html {
                bytes: html.to_vec(),
                charset: warta_sources::http::charset_of("text/html; charset=windows-1252"),
            },
            meta: Meta {
                title: Some("Judul dari feed".into()),
                authors: vec!["Ani".into()],
                published: warta_sources::published_from("2024-06-10T08:00:00+07:00", "feed"),
                outlet: Some("Contoh".into()),
            },
            diagnostics: Vec::new(),
        };
        let want = doc.engine_input(&opts).unwrap();
        let (name, payload) = document_job(doc);
        assert_eq!(name, "crawl.warc#https://x.test/a");
        let got = decode(&name, &payload, &opts).unwrap();
        assert!(got.decoded.text.contains("Café"), "{}", got.decoded.text);
        same(&got, &want);

        let text = Document {
            source: "a.jsonl:3".into(),
            url: None,
            body: Body::Text("JAKARTA - Teks biasa.".into()),
            meta: Meta::default(),
            diagnostics: Vec::new(),
        };
        let want = text.engine_input(&opts).unwrap();
        let (name, payload) = document_job(text);
        same(&decode(&name, &payload, &opts).unwrap(), &want);
    }

    #[test]
    fn files_round_trip_and_bad_jobs_name_the_item() {
        let dir = std::env::temp_dir().join(format!("warta-jobs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, b"\xff\xfeJ\0A\0K\0A\0R\0T\0A\0 \0-\0 \0T\0e\0k\0s\0.\0").unwrap();
        let (name, payload) = encode(Item::File(inputs::Input { path: path.clone() })).unwrap();
        let got = decode(&name, &payload, &warta_html::Options::default()).unwrap();
        assert_eq!(got.decoded.text, "JAKARTA - Teks.");
        assert_eq!(got.decoded.encoding, "utf-16le");
        let missing = encode(Item::File(inputs::Input { path: dir.join("nope.txt") })).unwrap_err();
        assert!(missing.name.ends_with("nope.txt") && missing.message.starts_with("cannot read"), "{missing}");
        let bad = decode("job-7", b"garbage", &warta_html::Options::default()).unwrap_err();
        assert_eq!(bad.to_string(), "job-7: not a warta job (no header)");
        let empty =
            decode(&name, &payload[..payload.iter().position(|&b| b == b'\n').unwrap() + 1], &Default::default())
                .unwrap_err();
        assert!(empty.name.ends_with("a.txt"), "{empty}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
