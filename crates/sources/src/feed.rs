//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds → items: link, title, publication date (RFC 822
//! `pubDate`, RFC 3339 / ISO 8601 `published`, `updated`, `dc:date`), authors (`author`,
//! `dc:creator`, Atom `author/name`), and content (`content:encoded`, Atom `content`; else
//! `description` / `summary`).
//!
//! An item whose feed carries the article ([`Item::is_full`]: a content element with at least
//! [`FULL_TEXT_MIN_CHARS`] characters of text) is an article as it stands; otherwise the feed
//! holds only a summary, and `warta watch` fetches the item's link. Read as a file, a
//! summary-only item is analysed from what the feed holds, with a `summary_only` warning.
//! XML broken part-way keeps the items before the break (with [`Feed::error`]).

use crate::text::{decode_entities, fragment_line, fragment_paragraphs};
use crate::{Body, Document, Meta, SourceError};
use quick_xml::events::Event;
use warta_engine::analysis::{Diagnostic, DiagnosticCode, Precision, Published};

/// Content shorter than this (in characters of text) is taken for a summary.
pub const FULL_TEXT_MIN_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rss2,
    Rdf,
    Atom,
}

#[derive(Debug, Clone)]
pub struct Feed {
    pub kind: Kind,
    pub title: Option<String>,
    pub items: Vec<Item>,
    /// Where the XML broke, if it did: the items before it are kept.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Item {
    pub title: Option<String>,
    pub link: Option<String>,
    /// `guid` or Atom `id`.
    pub id: Option<String>,
    pub published: Option<Published>,
    /// The date as the feed wrote it.
    pub published_raw: Option<String>,
    pub authors: Vec<String>,
    /// `content:encoded` / Atom `content`, as HTML.
    pub content: Option<String>,
    /// `description` / Atom `summary`, as HTML.
    pub summary: Option<String>,
}

impl Item {
    /// The article's paragraphs, when the feed carries the full text.
    pub fn full_text(&self) -> Option<Vec<String>> {
        let paras = fragment_paragraphs(self.content.as_deref()?);
        let chars: usize = paras.iter().map(|p| p.chars().count()).sum();
        (chars >= FULL_TEXT_MIN_CHARS).then_some(paras)
    }

    pub fn is_full(&self) -> bool {
        self.full_text().is_some()
    }

    /// What the feed holds of the text: the full text, else the longer of content and summary.
    pub fn paragraphs(&self) -> Vec<String> {
        if let Some(full) = self.full_text() {
            return full;
        }
        let c = self.content.as_deref().map(fragment_paragraphs).unwrap_or_default();
        let s = self.summary.as_deref().map(fragment_paragraphs).unwrap_or_default();
        let len = |v: &Vec<String>| v.iter().map(|p| p.len()).sum::<usize>();
        if len(&c) >= len(&s) { c } else { s }
    }

    /// The link to the article page (else an id that is a URL).
    pub fn url(&self) -> Option<&str> {
        self.link.as_deref().or(self.id.as_deref().filter(|i| i.starts_with("http://") || i.starts_with("https://")))
    }

    /// The item as a document named `source`: title, blank line, paragraphs; the feed's title,
    /// authors and date as overrides. `None` when the feed holds no text for it at all.
    pub fn document(&self, source: String) -> Option<Document> {
        let paras = self.paragraphs();
        if paras.is_empty() {
            return None;
        }
        let mut text = String::new();
        if let Some(t) = &self.title {
            text.push_str(t);
            text.push_str("\n\n");
        }
        text.push_str(&paras.join("\n\n"));
        text.push('\n');
        let mut diagnostics = Vec::new();
        if !self.is_full() {
            diagnostics.push(Diagnostic::warning(
                DiagnosticCode::SummaryOnly,
                "the feed holds only a summary of this item, not the article (`warta watch` fetches the page)",
            ));
        }
        if self.published.is_none()
            && let Some(raw) = &self.published_raw
        {
            diagnostics.push(Diagnostic::warning(
                DiagnosticCode::PublishedUnreadable,
                format!("feed date {raw:?} not understood: ignored"),
            ));
        }
        Some(Document {
            source,
            url: self.url().map(str::to_string),
            body: Body::Text(text),
            meta: Meta {
                title: self.title.clone(),
                authors: self.authors.clone(),
                published: self.published.clone(),
                outlet: None,
            },
            diagnostics,
        })
    }
}

/// Documents of a feed read as a file: one per item, source `LABEL#LINK` (or `LABEL#N`, the
/// item's 1-based position, when it has no link); an item with no text is an error naming it.
pub fn file_documents(feed: &Feed, label: &str) -> Vec<Result<Document, SourceError>> {
    let mut out: Vec<Result<Document, SourceError>> = feed
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let source = match item.url() {
                Some(u) => format!("{label}#{u}"),
                None => format!("{label}#{}", i + 1),
            };
            item.document(source.clone())
                .ok_or(SourceError { source, message: "the feed holds no text for this item (only a link)".into() })
        })
        .collect();
    if let Some(e) = &feed.error {
        out.push(Err(SourceError {
            source: label.to_string(),
            message: format!("feed XML is broken ({e}); the {} items before the break were read", feed.items.len()),
        }));
    }
    out
}

/// Bytes → text: BOM, else the XML declaration's `encoding`, else UTF-8.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, n)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[n..]).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let declared = head.strip_prefix("<?xml").and_then(|h| {
        let i = h.find("encoding")?;
        let rest = h[i + 8..].trim_start().strip_prefix('=')?.trim_start();
        // The value's quote, of any width (a curly quote is three bytes; only ' and " are
        // XML, but a malformed declaration must not abort the feed).
        let q = rest.chars().next()?;
        let rest = &rest[q.len_utf8()..];
        let end = rest.find(q)?;
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    });
    declared.unwrap_or(encoding_rs::UTF_8).decode_without_bom_handling(bytes).0.into_owned()
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Link,
    Id,
    PubDate,
    Published,
    Updated,
    DcDate,
    Author,
    AuthorName,
    Creator,
    Content,
    Summary,
    FeedTitle,
}

struct Capture {
    field: Field,
    depth: usize,
    raw: String,
    /// Atom `type="xhtml"`: the value is markup, not escaped text.
    xhtml: bool,
}

/// Parse a feed.
pub fn parse(bytes: &[u8]) -> Result<Feed, String> {
    let text = decode(bytes);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut feed: Option<Feed> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<(Item, usize)> = None;
    let mut cap: Option<Capture> = None;
    let mut published_atom: Option<String> = None;
    let mut updated_atom: Option<String> = None;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let msg = format!("at byte {}: {e}", reader.buffer_position());
                return match feed {
                    Some(mut f) => {
                        f.error = Some(msg);
                        Ok(f)
                    }
                    None => Err(msg),
                };
            }
        };
        match ev {
            Event::Start(e) => {
                let qname = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                let attrs = attributes(&e);
                stack.push(local.clone());
                let depth = stack.len();
                if let Some(c) = cap.as_mut() {
                    c.raw.push('<');
                    c.raw.push_str(&local);
                    c.raw.push('>');
                    continue;
                }
                if feed.is_none() {
                    let kind = match local.as_str() {
                        "rss" => Kind::Rss2,
                        "rdf" => Kind::Rdf,
                        "feed" => Kind::Atom,
                        other => return Err(format!("not RSS or Atom: the root element is <{other}>")),
                    };
                    feed = Some(Feed { kind, title: None, items: Vec::new(), error: None });
                    continue;
                }
                if item.is_none() {
                    if local == "item" || local == "entry" {
                        item = Some((Item::default(), depth));
                        published_atom = None;
                        updated_atom = None;
                    } else if local == "title" && feed.as_ref().is_some_and(|f| f.title.is_none()) {
                        cap = Some(Capture { field: Field::FeedTitle, depth, raw: String::new(), xhtml: false });
                    }
                    continue;
                }
                let in_author = stack.iter().rev().nth(1).is_some_and(|p| p == "author");
                // Unprefixed (or atom:) elements, plus dc:* and content:encoded; media:title,
                // media:content and other extensions are not the item's own fields.
                let prefix = qname.split_once(':').map(|(p, _)| p);
                let plain = matches!(prefix, None | Some("atom") | Some("rss"));
                let field = match (prefix, local.as_str()) {
                    (_, "title") if plain => Some(Field::Title),
                    (_, "link") if plain => Some(Field::Link),
                    (_, "guid") | (_, "id") if plain => Some(Field::Id),
                    (_, "pubdate") if plain => Some(Field::PubDate),
                    (_, "published") | (_, "issued") if plain => Some(Field::Published),
                    (_, "updated") | (_, "modified") if plain => Some(Field::Updated),
                    (Some("dc"), "date") => Some(Field::DcDate),
                    (_, "name") if plain && in_author => Some(Field::AuthorName),
                    (_, "author") if plain => Some(Field::Author),
                    (Some("dc"), "creator") => Some(Field::Creator),
                    (Some("content"), "encoded") => Some(Field::Content),
                    (_, "content") if plain => Some(Field::Content),
                    (_, "description") | (_, "summary") if plain => Some(Field::Summary),
                    _ => None,
                };
                if let Some(field) = field {
                    let xhtml = attrs.iter().any(|(k, v)| k == "type" && v.eq_ignore_ascii_case("xhtml"));
                    if field == Field::Link
                        && let Some(href) = attr(&attrs, "href")
                    {
                        set_link(&mut item.as_mut().expect("in item").0, &attrs, href);
                    }
                    cap = Some(Capture { field, depth, raw: String::new(), xhtml });
                }
            }
            Event::Empty(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if let Some(c) = cap.as_mut() {
                    c.raw.push_str(&format!("<{local}/>"));
                    continue;
                }
                let qname = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                let plain = !qname.contains(':') || qname.starts_with("atom:");
                if local == "link"
                    && plain
                    && let Some((it, _)) = item.as_mut()
                {
                    let attrs = attributes(&e);
                    if let Some(href) = attr(&attrs, "href") {
                        set_link(it, &attrs, href);
                    }
                }
            }
            Event::End(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                let depth = stack.len();
                stack.pop();
                if let Some(c) = cap.take() {
                    if c.depth != depth {
                        let mut c = c;
                        c.raw.push_str(&format!("</{local}>"));
                        cap = Some(c);
                        continue;
                    }
                    let value = if c.xhtml { c.raw.clone() } else { decode_entities(&c.raw) };
                    let line = || Some(fragment_line(&value)).filter(|v| !v.is_empty());
                    if c.field == Field::FeedTitle {
                        if let Some(f) = feed.as_mut() {
                            f.title = line();
                        }
                        continue;
                    }
                    let Some((it, _)) = item.as_mut() else { continue };
                    match c.field {
                        Field::Title => it.title = line(),
                        Field::Link => {
                            if it.link.is_none() {
                                it.link = line();
                            }
                        }
                        Field::Id => it.id = line(),
                        Field::PubDate | Field::DcDate => {
                            if let Some(v) = line() {
                                it.published = crate::published_from(&v, "the feed's publication date");
                                it.published_raw = Some(v);
                            }
                        }
                        Field::Published => published_atom = line(),
                        Field::Updated => updated_atom = line(),
                        Field::Author | Field::AuthorName | Field::Creator => {
                            if let Some(a) = line().map(|a| rss_author(&a)).filter(|a| !a.is_empty())
                                && !it.authors.contains(&a)
                            {
                                it.authors.push(a);
                            }
                        }
                        Field::Content => it.content = Some(value).filter(|v| !v.trim().is_empty()),
                        Field::Summary => it.summary = Some(value).filter(|v| !v.trim().is_empty()),
                        Field::FeedTitle => {}
                    }
                    continue;
                }
                if let Some((mut it, d)) = item.take() {
                    if d != depth {
                        item = Some((it, d));
                        continue;
                    }
                    if it.published.is_none() {
                        for (raw, why) in [(&published_atom, "published"), (&updated_atom, "updated")] {
                            if let Some(v) = raw {
                                it.published = crate::published_from(v, &format!("the feed's `{why}` date"));
                                it.published_raw = Some(v.clone());
                                if it.published.is_some() {
                                    break;
                                }
                            }
                        }
                    }
                    if let Some(f) = feed.as_mut() {
                        f.items.push(it);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = cap.as_mut() {
                    c.raw.push_str(&String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::CData(t) => {
                if let Some(c) = cap.as_mut() {
                    let s = String::from_utf8_lossy(t.as_ref());
                    // Escape so the one entity-decoding pass restores it exactly.
                    c.raw.push_str(&s.replace('&', "&amp;"));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cap.as_mut() {
                    c.raw.push('&');
                    c.raw.push_str(&String::from_utf8_lossy(r.as_ref()));
                    c.raw.push(';');
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    feed.ok_or_else(|| "empty document: no RSS or Atom root element".to_string())
}

fn attributes(e: &quick_xml::events::BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            (
                String::from_utf8_lossy(a.key.local_name().as_ref()).to_ascii_lowercase(),
                decode_entities(&String::from_utf8_lossy(&a.value)),
            )
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Atom `<link href>`: the `alternate` link (or one with no `rel`) is the article.
fn set_link(it: &mut Item, attrs: &[(String, String)], href: &str) {
    let rel = attr(attrs, "rel").unwrap_or("alternate");
    if rel.eq_ignore_ascii_case("alternate") && it.link.is_none() && !href.trim().is_empty() {
        it.link = Some(href.trim().to_string());
    }
}

/// RSS `author` is an e-mail address, often `mail@x (Name)`: keep the name.
fn rss_author(a: &str) -> String {
    if let (Some(open), Some(close)) = (a.find('('), a.rfind(')'))
        && open < close
        && a[..open].contains('@')
    {
        return a[open + 1..close].trim().to_string();
    }
    a.trim().to_string()
}

const MONTHS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("peb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("mei", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("agu", 8),
    ("ags", 8),
    ("agt", 8),
    ("sep", 9),
    ("oct", 10),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
    ("des", 12),
];

/// An RFC 822 / RFC 2822 date (`Wed, 13 Sep 2023 08:30:00 +0700`; English or Indonesian
/// month abbreviations; two-digit years as 19xx/20xx) → a day-precise date as written.
pub fn rfc822_date(raw: &str, reason: &str) -> Option<Published> {
    let tokens: Vec<&str> = raw.split([' ', ',', '\t']).filter(|t| !t.is_empty()).collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for t in &tokens {
        if t.contains(':') {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        if month.is_none()
            && lower.len() >= 3
            && lower.chars().all(|c| c.is_ascii_alphabetic())
            && let Some((_, m)) = MONTHS.iter().find(|(n, _)| lower.starts_with(n))
        {
            month = Some(*m);
            continue;
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            match (t.len(), day.is_none(), month.is_some()) {
                (1 | 2, true, _) if year.is_none() => day = t.parse::<u8>().ok(),
                (4, _, true) => year = t.parse::<i16>().ok(),
                (2, false, true) if year.is_none() => {
                    let y: i16 = t.parse().ok()?;
                    year = Some(if y < 70 { 2000 + y } else { 1900 + y });
                }
                _ => {}
            }
        }
    }
    let date = jiff::civil::Date::new(year?, month? as i8, day? as i8).ok()?;
    Some(Published {
        value: date.to_string(),
        precision: Precision::Day,
        reason: format!("{reason} (as written: {raw})"),
        evidence: None,
        earliest: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_body() -> String {
        (1..=8)
            .map(|i| {
                format!("<p>Paragraf nomor {i} dari artikel contoh ini berisi cukup banyak kata agar panjang.</p>")
            })
            .collect()
    }

    #[test]
    fn rss2_full_and_summary() {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Kabar Contoh</title><link>https://contoh.test/</link>
<item><title>Judul &amp; Lengkap</title><link>https://contoh.test/a</link>
<pubDate>Wed, 12 Jun 2024 08:30:00 +0700</pubDate><dc:creator>Budi Santoso</dc:creator>
<description>Ringkasan pendek.</description>
<content:encoded><![CDATA[{}]]></content:encoded></item>
<item><title>Hanya Ringkasan</title><link>https://contoh.test/b</link><guid>b-1</guid>
<pubDate>Kam, 13 Jun 2024 10:00:00 WIB</pubDate><author>redaksi@contoh.test (Siti Aminah)</author>
<description>&lt;p&gt;Cuplikan berita &amp;amp; singkat.&lt;/p&gt;</description></item>
<item><link>https://contoh.test/c</link></item>
</channel></rss>"#,
            long_body()
        );
        let f = parse(xml.as_bytes()).unwrap();
        assert_eq!(f.kind, Kind::Rss2);
        assert_eq!(f.title.as_deref(), Some("Kabar Contoh"));
        assert_eq!(f.items.len(), 3);
        let a = &f.items[0];
        assert_eq!(a.title.as_deref(), Some("Judul & Lengkap"));
        assert_eq!(a.link.as_deref(), Some("https://contoh.test/a"));
        assert_eq!(a.published.as_ref().unwrap().value, "2024-06-12");
        assert_eq!(a.authors, ["Budi Santoso"]);
        assert!(a.is_full());
        assert_eq!(a.paragraphs().len(), 8);
        let b = &f.items[1];
        assert!(!b.is_full());
        assert_eq!(b.paragraphs(), ["Cuplikan berita & singkat."]);
        assert_eq!(b.published.as_ref().unwrap().value, "2024-06-13");
        assert_eq!(b.authors, ["Siti Aminah"]);

        let docs = file_documents(&f, "f.rss");
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.source, "f.rss#https://contoh.test/a");
        assert!(a.diagnostics.is_empty());
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.diagnostics[0].code.as_str(), "summary_only");
        let Body::Text(t) = &b.body else { panic!() };
        assert_eq!(t, "Hanya Ringkasan\n\nCuplikan berita & singkat.\n");
        assert!(docs[2].as_ref().unwrap_err().message.contains("no text"));
    }

    #[test]
    fn atom_and_rdf() {
        let atom = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Contoh</title>
<entry><title>Entri satu</title><link rel="self" href="https://contoh.test/self"/><link href="https://contoh.test/e1"/>
<id>urn:x:1</id><updated>2024-06-14T01:00:00Z</updated><published>2024-06-13T23:00:00-05:00</published>
<author><name>Rina</name></author><summary>Ringkas.</summary>
<content type="html">{}</content></entry>
<entry><title>Entri dua</title><link rel="alternate" href="https://contoh.test/e2"/><updated>2024-06</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Satu &amp; dua.</p><p>Tiga.</p></div></content></entry>
</feed>"#,
            long_body().replace('<', "&lt;").replace('>', "&gt;")
        );
        let f = parse(atom.as_bytes()).unwrap();
        assert_eq!(f.kind, Kind::Atom);
        assert_eq!(f.items[0].link.as_deref(), Some("https://contoh.test/e1"));
        let p = f.items[0].published.as_ref().unwrap();
        assert_eq!(p.value, "2024-06-13");
        assert_eq!(f.items[0].authors, ["Rina"]);
        assert!(f.items[0].is_full());
        assert_eq!(f.items[1].paragraphs(), ["Satu & dua.", "Tiga."]);
        assert_eq!(f.items[1].published.as_ref().unwrap().precision, Precision::Month);
        assert!(!f.items[1].is_full());

        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>RDF</title></channel>
<item rdf:about="https://contoh.test/r1"><title>R satu</title><link>https://contoh.test/r1</link><dc:date>2024-06-10</dc:date><description>Isi.</description></item>
</rdf:RDF>"#;
        let f = parse(rdf.as_bytes()).unwrap();
        assert_eq!((f.kind, f.items.len()), (Kind::Rdf, 1));
        assert_eq!(f.items[0].published.as_ref().unwrap().value, "2024-06-10");
    }

    #[test]
    fn broken_and_foreign_xml() {
        let broken = "<rss><channel><item><title>Satu</title><description>a</description></item><item><title>Dua</titel></item></channel></rss>";
        let f = parse(broken.as_bytes()).unwrap();
        assert_eq!(f.items.len(), 1);
        assert!(f.error.is_some());
        let docs = file_documents(&f, "b.rss");
        assert!(docs.last().unwrap().as_ref().unwrap_err().message.contains("broken"));
        assert!(parse(b"<html><body>bukan feed</body></html>").unwrap_err().contains("<html>"));
        assert!(parse(b"").is_err());
    }

    /// A declaration with curly quotes (a word processor's) once cut a character in half.
    #[test]
    fn curly_quotes_in_the_declaration_are_not_fatal() {
        let feed = "<?xml version=\u{201c}1.0\u{201d} encoding=\u{201c}UTF-8\u{201d}?><rss version=\"2.0\"><channel>\
                    <item><title>Satu</title><link>http://contoh.test/a</link><description>isi</description></item>\
                    </channel></rss>";
        let got = parse(feed.as_bytes());
        // Not XML, so refusing it is fine; panicking is not. Either way the item's text is safe.
        if let Ok(f) = got {
            assert!(f.items.len() <= 1);
        }
    }

    #[test]
    fn rfc822() {
        let cases = [
            ("Wed, 13 Sep 2023 08:30:00 +0700", Some("2023-09-13")),
            ("13 Sep 23 08:30 GMT", Some("2023-09-13")),
            ("Sen, 2 Okt 2023 10:00:00 WIB", Some("2023-10-02")),
            ("Fri, 31 Feb 2023 10:00:00 GMT", None),
            ("kemarin sore", None),
        ];
        for (raw, want) in cases {
            assert_eq!(rfc822_date(raw, "t").map(|p| p.value).as_deref(), want, "{raw}");
        }
    }
}
