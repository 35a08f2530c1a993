//! Metadata from the page's own markup: JSON-LD (NewsArticle / Article / …, also inside
//! `@graph`), OpenGraph and `article:*` properties, plain `<meta name>` tags, `<time datetime>`,
//! `<title>` and `<html lang>`. Each value remembers where it came from, so the Analysis can
//! say why it believes a date.

use crate::tree::{NodeId, Tree};
use serde_json::Value;
use warta_engine::analysis::{Precision, Published};

/// What the markup says about the page. Every field is `None`/empty when the page is silent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Markup {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Published>,
    pub outlet: Option<String>,
    /// `<html lang>` (or `og:locale`, `content-language`), lowercased primary subtag, e.g. `id`.
    pub declared_language: Option<String>,
    /// `articleBody` from JSON-LD, when the page carries one.
    pub article_body: Option<String>,
    /// The page's summary: `og:description`, `twitter:description`, `<meta name=description>`
    /// or JSON-LD `description`.
    pub description: Option<String>,
    /// The page's own address: `<link rel=canonical>`, else `og:url` (to tell a page's number
    /// in a multi-page article).
    pub url: Option<String>,
}

const ARTICLE_TYPES: &[&str] =
    &["newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "opinionnewsarticle"];

/// What the markup reading needs from a parsed page, gathered once.
#[derive(Debug, Clone, Default)]
struct Raw {
    /// Text of each `<script type="…ld+json">`, in order.
    ld_json: Vec<String>,
    metas: Metas,
    /// The first `<title>`, whitespace collapsed.
    title: Option<String>,
    /// `<time datetime>` elements: (datetime, itemprop is datePublished, has pubdate).
    times: Vec<(String, bool, bool)>,
    /// `<html lang>` or `xml:lang`.
    html_lang: Option<String>,
    /// `<link rel=canonical href>`.
    canonical: Option<String>,
}

/// Read the markup of a page parsed by warta's light tree ([`crate::tree`]).
pub fn read_tree(tree: &Tree) -> Markup {
    let mut raw = Raw::default();
    for id in 0..tree.nodes.len() as NodeId {
        let Some(name) = tree.name(id) else { continue };
        match name {
            "script" if tree.attr(id, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                raw.ld_json.push(tree.text(id));
            }
            "meta" => raw.metas.push(|k| tree.attr(id, k)),
            "title" if raw.title.is_none() => {
                raw.title = Some(squash(&tree.text(id))).filter(|t| !t.is_empty());
            }
            "time" => {
                if let Some(d) = tree.attr(id, "datetime") {
                    raw.times.push((
                        d.to_string(),
                        tree.attr(id, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")),
                        tree.attr(id, "pubdate").is_some(),
                    ));
                }
            }
            "html" if raw.html_lang.is_none() => {
                raw.html_lang = tree.attr(id, "lang").or_else(|| tree.attr(id, "xml:lang")).map(str::to_string);
            }
            "link"
                if raw.canonical.is_none()
                    && tree.attr(id, "rel").is_some_and(|r| r.trim().eq_ignore_ascii_case("canonical")) =>
            {
                raw.canonical = tree.attr(id, "href").map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
            }
            _ => {}
        }
    }
    from_raw(raw)
}

fn from_raw(raw: Raw) -> Markup {
    let mut m = Markup::default();
    let mut ld: Option<Value> = None;
    for text in &raw.ld_json {
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else { continue };
        if let Some(article) = find_article(&v) {
            ld = Some(article.clone());
            break;
        }
    }
    let meta = raw.metas;

    // Title: JSON-LD headline, og:title, twitter:title, <title>.
    m.title = ld
        .as_ref()
        .and_then(|a| str_of(a.get("headline")))
        .or_else(|| meta.get(&["og:title", "twitter:title"]))
        .or(raw.title);
    // Authors: JSON-LD author, then <meta name=author>, article:author (when not a URL).
    if let Some(a) = ld.as_ref().and_then(|a| a.get("author")) {
        collect_names(a, &mut m.authors);
    }
    if m.authors.is_empty() {
        for key in ["author", "article:author", "dc.creator", "parsely-author", "content_author"] {
            for v in meta.all(key) {
                if !v.starts_with("http") && !m.authors.contains(&v) {
                    m.authors.push(v);
                }
            }
            if !m.authors.is_empty() {
                break;
            }
        }
    }

    // Published: JSON-LD datePublished, article:published_time, other date metas, <time>.
    m.published =
        ld.as_ref().and_then(|a| str_of(a.get("datePublished"))).and_then(|d| published(&d, "JSON-LD datePublished"));
    if m.published.is_none() {
        for key in [
            "article:published_time",
            "og:article:published_time",
            "datepublished",
            "publishdate",
            "pubdate",
            "publish-date",
            "publish_date",
            "dc.date.issued",
            "dc.date",
            "parsely-pub-date",
            "content_publisheddate",
            "date",
        ] {
            if let Some(p) = meta.get(&[key]).and_then(|d| published(&d, &format!("<meta> {key}"))) {
                m.published = Some(p);
                break;
            }
        }
    }
    if m.published.is_none() {
        let times = &raw.times;
        let chosen = times.iter().find(|t| t.1).or_else(|| times.iter().find(|t| t.2)).or_else(|| times.iter().next());
        if let Some(t) = chosen {
            m.published = published(&t.0, "<time datetime>");
        }
    }

    // Outlet: JSON-LD publisher.name, og:site_name, application-name.
    m.outlet = ld
        .as_ref()
        .and_then(|a| a.get("publisher"))
        .and_then(|p| str_of(p.get("name")).or_else(|| str_of(Some(p))))
        .or_else(|| meta.get(&["og:site_name", "application-name", "twitter:site"]))
        .map(|s| s.trim_start_matches('@').to_string());

    m.declared_language = raw
        .html_lang
        .or_else(|| meta.get(&["og:locale", "content-language", "language"]))
        .and_then(|l| primary_subtag(&l));

    m.article_body = ld.as_ref().and_then(|a| paragraphs_of(a.get("articleBody")));
    m.description = meta
        .get(&["og:description", "twitter:description", "description"])
        .or_else(|| ld.as_ref().and_then(|a| str_of(a.get("description"))));
    m.url = raw.canonical.or_else(|| meta.get(&["og:url"]));
    m
}

/// The primary language subtag, lowercased (`id-ID` → `id`, `en_US` → `en`).
pub fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

/// A publication date from a markup value: `YYYY-MM-DD…` (day), `YYYY-MM` (month), `YYYY`.
/// The calendar date is taken as written, i.e. in the page's own offset (a WIB page's
/// `2023-09-13T06:00:00+07:00` is 13 September, not 12 September UTC).
pub fn published(raw: &str, reason: &str) -> Option<Published> {
    let s = raw.trim();
    // Byte tests only: a value may hold any character where a digit or '-' is expected (an
    // en dash is three bytes), and slicing it by position would cut inside one.
    let digits = |r: std::ops::Range<usize>| s.as_bytes().get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let dash = |i: usize| s.as_bytes().get(i) == Some(&b'-');
    let (value, precision) = if digits(0..4) && dash(4) && digits(5..7) && dash(7) && digits(8..10) {
        (s[..10].to_string(), Precision::Day)
    } else if digits(0..4) && dash(4) && digits(5..7) && !s.as_bytes().get(7).is_some_and(u8::is_ascii_digit) {
        (s[..7].to_string(), Precision::Month)
    } else if s.len() == 4 && digits(0..4) {
        (s.to_string(), Precision::Year)
    } else {
        return None;
    };
    // Reject impossible dates (month 13, 31 February) rather than pass them on.
    let ok = match precision {
        Precision::Day => value.parse::<jiff::civil::Date>().is_ok(),
        Precision::Month => format!("{value}-01").parse::<jiff::civil::Date>().is_ok(),
        Precision::Year => true,
    };
    ok.then(|| Published { value, precision, reason: reason.to_string(), evidence: None, earliest: None })
}

fn find_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str()))),
                _ => false,
            };
            if is_article {
                return Some(v);
            }
            o.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

/// A text value kept as paragraphs: one per line, whitespace inside each collapsed; markup
/// inside the value (some sites put the article's HTML there) read as text.
fn paragraphs_of(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("\n"),
        _ => return None,
    };
    let text = if s.contains('<') && s.contains('>') {
        match Tree::parse(&s, 0) {
            Ok(t) => crate::main_text::block_text(&t),
            Err(_) => s,
        }
    } else {
        s
    };
    let out: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    (!out.is_empty()).then(|| out.join("\n"))
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(squash(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => push_name(s, out),
        Value::Array(a) => a.iter().for_each(|x| collect_names(x, out)),
        Value::Object(o) => {
            if let Some(Value::String(s)) = o.get("name") {
                push_name(s, out);
            }
        }
        _ => {}
    }
}

fn push_name(s: &str, out: &mut Vec<String>) {
    let s = squash(s);
    if !s.is_empty() && !s.starts_with("http") && !out.contains(&s) {
        out.push(s);
    }
}

/// Collapse whitespace runs to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `<meta>` tags by lowercased `property` / `name` / `itemprop` / `http-equiv`.
#[derive(Debug, Clone, Default)]
struct Metas(Vec<(String, String)>);

impl Metas {
    /// Add one `<meta>` element, given a lookup of its attributes.
    fn push<S: AsRef<str>>(&mut self, attr: impl Fn(&str) -> Option<S>) {
        let Some(content) = attr("content") else { return };
        let content = squash(content.as_ref());
        if content.is_empty() {
            return;
        }
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = attr(key) {
                self.0.push((k.as_ref().trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
    }
    fn all(&self, key: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
    }
}
