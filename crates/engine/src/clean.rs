//! Cleaning: separate the article body from the page chrome that scraped Indonesian news
//! carries inside its text.
//!
//! The page is read line by line (a scraped line is a paragraph). Each line is first matched
//! against whole-line chrome (related links, ads, navigation, widgets, share prompts, blog
//! chrome, disclaimers, credits, bylines, timestamps, duplicates, the headline); what is left
//! is body, from which inline chrome is cut (a "(Baca juga: ...)" aside, a glued photo credit,
//! a trailing sign-off or byline).
//!
//! **Invariants:**
//! 1. Every byte of a non-blank line ends up either in a body [`Paragraph`] span or in a
//!    [`Removed`] entry with its reason: nothing is dropped silently.
//! 2. Every span points into the decoded text: `&text[start..end]` is the piece itself.
//! 3. Whole-line rules match whole lines only: "Forum Ekonomi Timur" inside a sentence is
//!    body, "Forum" alone on a line is a widget.

use crate::analysis::{Caption, Paragraph, RemovalReason as R, Removed, Span};
use crate::segment::{fold_key, lines, trim};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A labelled metadata field found in a byline or credit line ("Editor: X").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Normalised label: `author`, `editor`, `source`, `photo`.
    pub label: &'static str,
    pub value: String,
    pub span: Span,
}

/// The result of cleaning one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    pub captions: Vec<Caption>,
    pub title: Option<(String, Span)>,
    /// Byline and credit fields, in page order.
    pub fields: Vec<Field>,
    pub disclaimers: Vec<String>,
    /// Bare date stamps (a blog's "9/11/2023"), for the metadata stage.
    pub stamps: Vec<Span>,
}

// Word boundaries here are ASCII (`(?-u:\b)`): the labels and cues they delimit are ASCII
// words, and a Unicode `\b` makes the regex crate leave its DFA for a slower engine on every
// line holding a non-ASCII character (curly quotes, accented names), which was most of the
// cleaning's time on English pages.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect(stringify!($name)));
    };
}

// ---- whole-line rules -------------------------------------------------------------------

re!(
    RELATED_LABEL,
    r"(?i)^[\[(]?\s*(?:baca|lihat|simak|tonton|cek|klik)\s+(?:juga|pula|selengkapnya|video)(?-u:\b)\s*[:\-–]?\s*[\])]?\s*$|^(?i:see also|read also|read more|related|berita terkait|artikel terkait|baca selengkapnya|selengkapnya)\s*[:\-–]?\s*$"
);
re!(
    RELATED_LINE,
    r"(?i)^[\[(]?\s*(?:baca|lihat|simak|tonton|cek)\s+(?:juga|pula|video)\s*[:\-–]\s*\S|^(?i:see also|read also|read more|related|video|video terkait|tonton)\s*:\s*\S"
);
// An outlet's promo line for its own video or articles: "Tonton juga video 'Judul' di sini:",
// "Simak juga Video: Judul", "Saksikan juga video berikut". Short, so a sentence of body text
// that happens to start so stays.
re!(
    PROMO_LINE,
    r#"(?i)^[\[(]?\s*(?:tonton|simak|saksikan|lihat|baca)\s+(?:juga|pula)\s+(?:video|videonya|berita|artikel|foto)(?-u:\b).{0,200}$|(?i)^[\[(]?\s*(?:tonton|simak|saksikan)\s+(?:juga|pula)\s*["'“‘].{0,200}$"#
);
re!(
    AD,
    r"(?i)^(?:advertisements?|iklan|ads?|sponsored|konten bersponsor|scroll to continue with content|scroll to resume content|scroll untuk melanjutkan(?: membaca)?|lanjutkan membaca(?: di bawah)?|continue reading below|\[?gambas:[^\]]*\]?)\s*$"
);
re!(
    NAV,
    r"(?i)^(?:tautan-tautan akses|tautan akses|skip to (?:main )?content|skip to (?:main )?navigation|skip to search|skip to footer|langsung ke (?:konten|isi)(?: utama)?|lompat ke (?:konten|navigasi|isi)(?: utama)?|lewati ke konten(?: utama)?|menu|beranda|home|navigasi|navigation|cari|search|pencarian|masuk|login|daftar|log in|sign in|loading\.*|memuat\.*|tutup|close|kembali ke atas|back to top|halaman selanjutnya|halaman sebelumnya|next page|previous page|halaman \d+(?: dari \d+)?|\d+ / \d+)\s*$"
);
re!(
    WIDGET,
    r"(?i)^(?:forum|recommended|rekomendasi|rekomendasi untuk anda|terpopuler|populer|paling populer|most popular|terkini|berita terkini|trending|topik|topik terkait|tag|tags|label|video|video terkait|foto|galeri|gallery|kategori|category|newsletter|berlangganan|subscribe|podcast|live|live streaming|xs|sm|md|lg|xl|xxl|s|m|l|a\+|a-|ukuran (?:teks|huruf)|font size|dengarkan(?: artikel(?: ini)?)?|listen(?: to this article)?|\d+ (?:views|dilihat|kali dibaca))\s*$"
);
re!(
    SHARE,
    r"(?i)^(?:bagikan|bagikan artikel(?: ini)?|share|share this(?: article)?|share on \w+|tweet|whatsapp|facebook|twitter|telegram|line|linkedin|email|e-mail|print|cetak|salin tautan|salin link|copy link|link copied|tautan disalin|komentar|komentari|tulis komentar|lihat komentar|beri komentar|\d+ komentar|\d+ comments?|leave a comment|tinggalkan komentar|kirim|ikuti kami(?: di .*)?|follow us(?: on .*)?|ikuti (?:berita|update|kanal|saluran) .*(?:google news|whatsapp|telegram).*|(?:dapatkan|simak) (?:update|berita|informasi) .*(?:google news|whatsapp|telegram).*|download aplikasi .*|unduh aplikasi .*)\s*$"
);
re!(
    BLOG,
    r"(?i)^(?:\d+\s*(?:min|mins|minute|minutes|menit)\s+(?:read|baca|membaca)|my post content|post content|lorem ipsum.*|(?:tulis|write) (?:di sini|here).*|untitled|no comments|belum ada komentar|\d+ likes?|like|suka)\s*$"
);
// Matched against the line's lower-cased key (see `fold_key`), so without `(?i)`: a
// case-sensitive set of literals gets the regex crate's literal prefilter.
re!(
    DISCLAIMER,
    r"(?:automatically generated|machine[- ]translat|auto[- ]translat|diterjemahkan (?:secara )?otomatis|terjemahan (?:mesin|otomatis)|generated by (?:the )?ai|translated by (?:the )?ai|may (?:still )?be inaccuraci|inaccuracies in translat|(?:bahasa )?indonesia(?:n)? as (?:our|the) main language)"
);
re!(
    CREDIT_LINE,
    r"(?i)^[(\[]?\s*(?:sumber foto|sumber gambar|kredit foto|foto|photo|image|gambar|ilustrasi|dok(?:umentasi)?|grafis|infografis|ist)\s*[:.]\s*(?P<v>[^)\]]+?)\s*[)\]]?\s*$"
);
re!(
    BYLINE_LABEL,
    r"(?i)(?-u:\b)(?P<l>nama penulis|nama penyunting|penulis|penyunting|editor|redaktur|reporter|pewarta|kontributor|wartawan|author|oleh|by|sumber|source)\s*:\s*"
);
re!(OLEH_LINE, r"^(?:Oleh|By|Laporan)\s+(?P<v>[\p{Lu}][\p{L}.'’ -]{2,60})\s*$");
re!(
    STAMP,
    r"(?i)^(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+\p{L}{3,10}\.?\s+\d{4}|\p{L}{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:,?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:wib|wita|wit|am|pm)?)?\s*$"
);
re!(
    STAMP_GLUED,
    r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*(?P<rest>\d+\s*(?:min|mins|minute|minutes|menit)\s+(?:read|baca))\s*$"
);

// ---- inline rules (inside body lines) ----------------------------------------------------

re!(INLINE_RELATED, r"(?i)[(\[]\s*(?:baca|lihat|simak|tonton)\s+(?:juga|pula|video)\s*:?[^)\]]*[)\]]");
re!(TRAILING_RELATED, r"(?i)(?:baca|lihat|simak)\s+juga\s*:\s*.*$");
re!(INLINE_AD, r"SCROLL TO CONTINUE WITH CONTENT|SCROLL TO RESUME CONTENT|(?-u:\b)ADVERTISEMENT(?-u:\b)");
re!(
    TRAILING_SIGNOFF,
    r"\s*(?:\[[\p{Ll}\p{N}]{1,6}(?:/[\p{Ll}\p{N}]{1,6})+\]|\((?:[\p{Ll}]{1,6}/)+[\p{Ll}]{1,6}\)|\[[\p{Ll}]{1,6}\])\s*$"
);
re!(TRAILING_PHOTO_CREDIT, r"(?i)\s*\(\s*(?:foto|photo|sumber foto|gambar|ilustrasi|dok)\s*:\s*(?P<v>[^)]*)\)\s*$");
re!(LEADING_CREDIT, r"(?i)^(?:sumber foto|sumber gambar|kredit foto|foto|photo)\s*:\s*");

/// Compile every pattern the cleaning uses now, instead of on the first line that reaches it.
/// A batch or a benchmark calls this once before it starts (the patterns compile in about
/// 0.1 s, more than cleaning a hundred pages).
pub fn prepare() {
    for re in [
        &RELATED_LABEL,
        &RELATED_LINE,
        &AD,
        &NAV,
        &WIDGET,
        &SHARE,
        &BLOG,
        &DISCLAIMER,
        &CREDIT_LINE,
        &BYLINE_LABEL,
        &OLEH_LINE,
        &STAMP,
        &STAMP_GLUED,
        &INLINE_RELATED,
        &TRAILING_RELATED,
        &INLINE_AD,
        &TRAILING_SIGNOFF,
        &TRAILING_PHOTO_CREDIT,
        &LEADING_CREDIT,
    ] {
        LazyLock::force(re);
    }
}

/// Known photo-credit names that span more than one word (so a glued credit ends after them).
const MULTIWORD_CREDITS: &[&str] = &[
    "getty images",
    "antara foto",
    "dok. pribadi",
    "dok pribadi",
    "ist.",
    "the korea times",
    "associated press",
    "korean central news agency",
    "channel news asia",
];

/// Clean one page of decoded text: each non-blank line is whole-line chrome
/// ([`line_chrome`]), a byline ([`byline_line`]), the headline ([`headline_line`]), a caption
/// ([`caption_line`]) or body, from which inline chrome is cut ([`inline_clean`]), tried in
/// that order.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let page = Lines::read(text);
    let mut st = LineState::default();
    for k in 0..page.nonblank.len() {
        let l = page.line(text, k, &mut st);
        if line_chrome(text, &l, &mut st, &mut out)
            || byline_line(text, &l, &mut st, &mut out)
            || headline_line(text, &page, &l, &mut st, &mut out)
            || caption_line(text, &l, &mut out)
        {
            continue;
        }
        // Body line: cut inline chrome.
        st.body_started = true;
        let para = inline_clean(text, l.span, l.key, st.title_key.as_deref(), &mut out);
        if !para.spans.is_empty() {
            out.paragraphs.push(para);
        }
    }
    out
}

/// The page's lines (trimmed), each line's key (whitespace folded, lower-cased: computed once,
/// since a line's key is read up to four times), the non-blank ones and how often each key
/// occurs (duplicated captions, repeated headlines).
struct Lines {
    raw: Vec<Span>,
    keys: Vec<String>,
    nonblank: Vec<usize>,
    /// For each line, how many non-blank lines have its key.
    counts: Vec<usize>,
    /// For each non-blank line, whether it repeats an earlier line as part of a repeated
    /// passage: right after its own copy, or beside a neighbour that is beside the earlier copy
    /// too, the two holding a prose passage's words. A line repeated on its own (a forum's
    /// "Joined: ..." stamp, a post quoted in a reply, a step of a plan that recurs) is not such
    /// a copy.
    copied: Vec<bool>,
}

impl Lines {
    fn read(text: &str) -> Lines {
        let raw: Vec<Span> = lines(text).into_iter().map(|l| trim(text, l)).collect();
        let keys: Vec<String> =
            raw.iter().map(|l| if l.is_empty() { String::new() } else { fold_key(l.of(text)) }).collect();
        let nonblank: Vec<usize> = (0..raw.len()).filter(|&i| !raw[i].is_empty()).collect();
        let counts = {
            let mut by_key: HashMap<&str, usize> = HashMap::new();
            for &i in &nonblank {
                *by_key.entry(keys[i].as_str()).or_default() += 1;
            }
            keys.iter().map(|k| by_key.get(k.as_str()).copied().unwrap_or(0)).collect()
        };
        let copied: Vec<bool> = {
            let key = |k: usize| keys[nonblank[k]].as_str();
            let words = |k: usize| key(k).bytes().filter(|&b| b == b' ').count() + 1;
            // A copied passage is prose: the line and its matching neighbour hold this many
            // words together. Two short items that recur as a pair (a plan's step and its
            // portion) are the text's structure.
            const MIN_WORDS: usize = 20;
            let mut earlier: HashMap<&str, Vec<usize>> = HashMap::new();
            (0..nonblank.len())
                .map(|k| {
                    let copies = earlier.entry(key(k)).or_default();
                    // The latest copies only: a hostile page repeating one line 100,000 times
                    // must not cost a comparison per pair.
                    let copied = copies.iter().rev().take(16).any(|&j| {
                        j + 1 == k
                            || (j > 0 && key(k - 1) == key(j - 1) && words(k) + words(k - 1) >= MIN_WORDS)
                            || (k + 1 < nonblank.len()
                                && key(k + 1) == key(j + 1)
                                && words(k) + words(k + 1) >= MIN_WORDS)
                    });
                    copies.push(k);
                    copied
                })
                .collect()
        };
        // A post quoted in a reply is a copy the reader is meant to see again: from a line that
        // introduces a quote ("Name wrote:", "Originally posted by Name") to the end of the
        // copied run after it, the copies stay.
        let mut copied = copied;
        let mut in_quote = false;
        for k in 0..nonblank.len() {
            if !copied[k] {
                in_quote = false;
            } else if k > 0 && quote_header(&keys[nonblank[k - 1]]) || in_quote {
                in_quote = true;
                copied[k] = false;
            }
        }
        Lines { raw, keys, nonblank, counts, copied }
    }

    /// The `k`th non-blank line.
    fn line<'a>(&'a self, text: &'a str, k: usize, st: &mut LineState) -> Line<'a> {
        let i = self.nonblank[k];
        let span = self.raw[i];
        let key = self.keys[i].as_str();
        Line {
            k,
            i,
            span,
            line: span.of(text),
            key,
            next_key: self.nonblank.get(k + 1).map(|&j| self.keys[j].as_str()),
            // The key is the line's words joined by single spaces.
            words: key.bytes().filter(|&b| b == b' ').count() + 1,
            copied: self.copied[k],
            follows_label: std::mem::take(&mut st.after_related_label),
        }
    }
}

/// A forum's line introducing a quoted post (on the folded key): "Name wrote:" (also with a
/// trailing arrow back to the post), "Name said:", "Originally posted by Name".
fn quote_header(key: &str) -> bool {
    let k = key.trim_end_matches([' ', '↑', '»']);
    k.len() <= 80 && (k.ends_with(" wrote:") || k.ends_with(" said:") || key.starts_with("originally posted by "))
}

/// One non-blank line as the rules read it.
struct Line<'a> {
    /// Its place among the non-blank lines, and among all lines.
    k: usize,
    i: usize,
    span: Span,
    line: &'a str,
    key: &'a str,
    /// The next non-blank line's key.
    next_key: Option<&'a str>,
    words: usize,
    /// A later copy in a repeated passage ([`Lines::copied`]).
    copied: bool,
    /// The line before was a related-links label ("Baca juga:").
    follows_label: bool,
}

/// What the rules carry from line to line.
#[derive(Default)]
struct LineState {
    /// Byline names, lower-cased.
    known_names: Vec<String>,
    title_key: Option<String>,
    after_related_label: bool,
    body_started: bool,
}

fn remove(text: &str, reason: R, span: Span, out: &mut Cleaned) {
    out.removed.push(Removed { text: span.of(text).to_string(), reason, start: span.start, end: span.end });
}

/// Whole-line chrome: a repeated line, related links and promos, ads, stamps, navigation,
/// widgets, share prompts, blog chrome, disclaimers, photo credit lines. True when removed.
fn line_chrome(text: &str, l: &Line, st: &mut LineState, out: &mut Cleaned) -> bool {
    let (line, span) = (l.line, l.span);
    // A repeated passage (a page that prints its text twice, a caption printed twice): the
    // later copies go. A line that recurs on its own stays (a forum's sign-up stamp under each
    // post, a step of a plan); so do short labels that structure the text ("Bahan:").
    let reason = if l.copied && l.words >= 4 {
        R::Duplicate
    } else if RELATED_LABEL.is_match(line) {
        st.after_related_label = true;
        R::RelatedLink
    } else if l.follows_label && looks_like_headline(line) || RELATED_LINE.is_match(line) || PROMO_LINE.is_match(line) {
        R::RelatedLink
    } else if AD.is_match(line) {
        R::Advertisement
    } else if let Some(c) = STAMP_GLUED.captures(line) {
        let d = c.name("date").unwrap();
        let r = c.name("rest").unwrap();
        let ds = Span::new(span.start + d.start(), span.start + d.end());
        remove(text, R::Timestamp, ds, out);
        out.stamps.push(ds);
        remove(text, R::BlogChrome, Span::new(span.start + r.start(), span.start + r.end()), out);
        return true;
    } else if NAV.is_match(line) || (is_breadcrumb(line) && !line.contains(". ")) {
        R::Navigation
    } else if WIDGET.is_match(line) {
        R::Widget
    } else if SHARE.is_match(line) {
        R::SharePrompt
    } else if BLOG.is_match(line) {
        R::BlogChrome
    } else if STAMP.is_match(line) {
        out.stamps.push(span);
        R::Timestamp
    } else if DISCLAIMER.is_match(l.key) {
        out.disclaimers.push(line.to_string());
        R::Disclaimer
    } else if let Some(c) = CREDIT_LINE.captures(line) {
        let v = c.name("v").unwrap();
        out.fields.push(Field {
            label: "photo",
            value: v.as_str().to_string(),
            span: Span::new(span.start + v.start(), span.start + v.end()),
        });
        R::Credit
    } else {
        return false;
    };
    remove(text, reason, span, out);
    true
}

/// A byline: labelled fields ("Editor: X"), an "Oleh X" line before the body, or a byline
/// name repeated as a handle ("adnan kasmas abysaama"). True when removed.
fn byline_line(text: &str, l: &Line, st: &mut LineState, out: &mut Cleaned) -> bool {
    let span = l.span;
    if let Some(fields) = byline_fields(text, span, true) {
        for f in &fields {
            if matches!(f.label, "author" | "editor") {
                st.known_names.push(f.value.to_lowercase());
            }
        }
        out.fields.extend(fields);
    } else if let Some(c) = OLEH_LINE.captures(l.line).filter(|_| !st.body_started) {
        let v = c.name("v").unwrap();
        st.known_names.push(v.as_str().to_lowercase());
        out.fields.push(Field {
            label: "author",
            value: v.as_str().trim().to_string(),
            span: Span::new(span.start + v.start(), span.start + v.end()),
        });
    } else if !(st.known_names.iter().any(|n| n == l.key)
        || out.fields.iter().any(|f| matches!(f.label, "author" | "editor") && f.value.to_lowercase() == l.key))
    {
        return false;
    }
    remove(text, R::Byline, span, out);
    true
}

/// The headline: the first content line, shaped like a headline, before the body, followed by
/// a blank line, its own repeat or a dateline. True when taken.
fn headline_line(text: &str, page: &Lines, l: &Line, st: &mut LineState, out: &mut Cleaned) -> bool {
    if out.title.is_some() || st.body_started || !looks_like_headline(l.line) {
        return false;
    }
    let next = page.nonblank.get(l.k + 1);
    let next_is_blank_or_dup = next.is_none_or(|&j| j > l.i + 1)
        || page.counts[l.i] > 1
        || l.next_key.is_some_and(|n| n.starts_with(l.key))
        || next.is_some_and(|&j| crate::datelines::opens_with_dateline(page.raw[j].of(text).trim()));
    if !next_is_blank_or_dup {
        return false;
    }
    out.title = Some((l.line.to_string(), l.span));
    st.title_key = Some(l.key.to_string());
    remove(text, R::Title, l.span, out);
    true
}

/// A caption: a line with a photo credit, or one printed twice in a row (image alt text and
/// figure caption; a line printed twice that is not the headline). A paragraph repeated
/// further down stays body once. True when taken.
fn caption_line(text: &str, l: &Line, out: &mut Cleaned) -> bool {
    let span = l.span;
    let (body_span, credit) = match TRAILING_PHOTO_CREDIT.captures(l.line) {
        Some(c) => {
            let m = c.get(0).unwrap();
            (
                Span::new(span.start, span.start + m.start()),
                Some((c.name("v").unwrap().as_str().trim().to_string(), Span::new(span.start + m.start(), span.end))),
            )
        }
        None => (span, None),
    };
    let repeated_next = l.next_key == Some(l.key);
    if credit.is_none() && !repeated_next {
        return false;
    }
    let body_span = trim(text, body_span);
    out.captions.push(Caption {
        text: body_span.of(text).to_string(),
        start: body_span.start,
        end: body_span.end,
        credit: credit.as_ref().map(|c| c.0.clone()),
    });
    remove(text, R::Caption, span, out);
    if let Some((v, _)) = credit {
        out.fields.push(Field { label: "photo", value: v, span });
    }
    true
}

/// A breadcrumb trail: three or more short parts ("Beranda > Berita > Nasional",
/// "Home / News / World") joined by `>`, `»`, `›` or a `/` with space on both sides. Each part
/// is 1–30 characters (the last up to 40) of letters, digits, spaces and `.&'-`.
///
/// Written by hand rather than as a regex: the counted repetitions of Unicode classes made a
/// regex too large for the regex crate's DFA, and the slow fallback ran on every body line.
fn is_breadcrumb(line: &str) -> bool {
    if !line.contains(['>', '»', '›', '/']) {
        return false;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        let sep = match c {
            '>' | '»' | '›' => true,
            '/' => line[..i].ends_with(char::is_whitespace) && line[i + 1..].starts_with(char::is_whitespace),
            _ => false,
        };
        if sep {
            parts.push(&line[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&line[start..]);
    let n = parts.len();
    n >= 3
        && parts.iter().enumerate().all(|(k, p)| {
            let p = p.trim();
            let len = p.chars().count();
            let max = if k + 1 == n { 40 } else { 30 };
            (1..=max).contains(&len)
                && p.chars().all(|c| c.is_alphabetic() || c.is_numeric() || matches!(c, ' ' | '.' | '&' | '\'' | '-'))
        })
}

/// A headline: 3–30 words, no sentence-final period, most longer words capitalised.
fn looks_like_headline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 3 || words.len() > 30 {
        return false;
    }
    if line.ends_with(['.', ',', ':', ';']) || line.contains(". ") || TRAILING_PHOTO_CREDIT.is_match(line) {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    if long.is_empty() {
        return false;
    }
    let caps = long.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())).count();
    caps * 10 >= long.len() * 6
}

/// Parse a byline/credit line into fields. With `whole_line`, the line must start with a label
/// ("Editor: X", "Sumber: Reuters | Editor: Y"); otherwise labels may start anywhere.
fn byline_fields(text: &str, span: Span, whole_line: bool) -> Option<Vec<Field>> {
    let line = span.of(text);
    let labels: Vec<regex::Captures> = BYLINE_LABEL.captures_iter(line).collect();
    let first = labels.first()?;
    if whole_line && first.get(0).unwrap().start() != 0 {
        return None;
    }
    // A byline line is short; a body sentence with "sumber:" in it is not a byline.
    if whole_line && line.split_whitespace().count() > 24 {
        return None;
    }
    let mut fields = Vec::new();
    for (n, c) in labels.iter().enumerate() {
        let m = c.get(0).unwrap();
        let end = labels.get(n + 1).map_or(line.len(), |next| next.get(0).unwrap().start());
        let raw = &line[m.end()..end];
        let value = raw.trim().trim_end_matches(['|', ',', ';', '/', '-', '–']).trim();
        if value.is_empty() {
            continue;
        }
        // Byline values are names and agencies, not sentences.
        if value.split_whitespace().count() > 8 {
            return None;
        }
        let label = match c.name("l").unwrap().as_str().to_lowercase().as_str() {
            "editor" | "redaktur" | "penyunting" | "nama penyunting" => "editor",
            "sumber" | "source" => "source",
            _ => "author",
        };
        let vstart = span.start + m.end() + (raw.len() - raw.trim_start().len());
        fields.push(Field { label, value: value.to_string(), span: Span::new(vstart, vstart + value.len()) });
    }
    (!fields.is_empty()).then_some(fields)
}

/// Cut inline chrome out of one body line; returns the paragraph made of what is left.
/// `key` is the line's [`fold_key`]; `title` the headline's.
fn inline_clean(text: &str, span: Span, key: &str, title: Option<&str>, out: &mut Cleaned) -> Paragraph {
    let line = span.of(text);
    // (start, end, reason) in line-relative offsets.
    let mut cuts: Vec<(usize, usize, R)> = Vec::new();

    // The headline repeated at the start of the first body line.
    if let Some(t) = title {
        let t_words = t.split_whitespace().count();
        let prefix_end = nth_word_end(line, t_words);
        if let Some(pe) = prefix_end
            && pe < line.len()
            && fold_key(&line[..pe]) == t
        {
            cuts.push((0, pe, R::Duplicate));
        }
    }
    // A photo credit glued after the headline or at the line start: "Sumber Foto: X ".
    let lead = cuts.last().map_or(0, |c| c.1);
    let rest = &line[lead..];
    let rest_trim = rest.trim_start();
    let lead = lead + (rest.len() - rest_trim.len());
    if let Some(m) = LEADING_CREDIT.find(rest_trim) {
        let after = &rest_trim[m.end()..];
        let credit_len = glued_credit_len(after);
        if credit_len > 0 {
            let value = after[..credit_len].trim();
            let vstart = span.start + lead + m.end();
            out.fields.push(Field {
                label: "photo",
                value: value.to_string(),
                span: Span::new(vstart, vstart + value.len()),
            });
            cuts.push((lead, lead + m.end() + credit_len, R::Credit));
        }
    }
    for m in INLINE_RELATED.find_iter(line) {
        cuts.push((m.start(), m.end(), R::RelatedLink));
    }
    for m in INLINE_AD.find_iter(line) {
        cuts.push((m.start(), m.end(), R::Advertisement));
    }
    // Cheap test first: the pattern needs "juga", which the lower-cased key then holds.
    if key.contains("juga")
        && let Some(m) = TRAILING_RELATED.find(line)
        && after_sentence_end(line, m.start())
    {
        cuts.push((m.start(), m.end(), R::RelatedLink));
    }
    if let Some(m) = TRAILING_SIGNOFF.find(line) {
        cuts.push((m.start(), m.end(), R::SignOff));
    }
    // A byline glued at the end: "... besar". Nama Penulis: X Nama Penyunting: Y"
    if let Some(c) = BYLINE_LABEL.captures_iter(line).find(|c| {
        let s = c.get(0).unwrap().start();
        s > 0 && after_sentence_end(line, s) && byline_tail_is_short(&line[s..])
    }) {
        let s = c.get(0).unwrap().start();
        let tail = Span::new(span.start + s, span.end);
        if let Some(fields) = byline_fields(text, tail, true) {
            out.fields.extend(fields);
            cuts.push((s, line.len(), R::Byline));
        }
    }
    cuts.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    // Merge overlapping cuts (keep the first reason).
    let mut merged: Vec<(usize, usize, R)> = Vec::new();
    for c in cuts {
        match merged.last_mut() {
            Some(last) if c.0 < last.1 => last.1 = last.1.max(c.1),
            _ => merged.push(c),
        }
    }
    let mut spans = Vec::new();
    let mut pos = 0;
    for (s, e, reason) in &merged {
        let keep = trim(text, Span::new(span.start + pos, span.start + s));
        if !keep.is_empty() {
            spans.push(keep);
        }
        let cut = trim(text, Span::new(span.start + s, span.start + e));
        if !cut.is_empty() {
            out.removed.push(Removed {
                text: cut.of(text).to_string(),
                reason: *reason,
                start: cut.start,
                end: cut.end,
            });
        }
        pos = *e;
    }
    let keep = trim(text, Span::new(span.start + pos, span.end));
    if !keep.is_empty() {
        spans.push(keep);
    }
    let text = spans.iter().map(|s| s.of(text)).collect::<Vec<_>>().join(" ");
    Paragraph { text, spans }
}

/// Byte offset of the end of the `n`th whitespace-separated word of `s`.
fn nth_word_end(s: &str, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return Some(i);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    (in_word && count + 1 == n).then_some(s.len())
}

/// Is byte `pos` of `line` at the start of a new sentence (after `.`, `!`, `?`, a closing quote)?
fn after_sentence_end(line: &str, pos: usize) -> bool {
    let before = line[..pos].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '”', '’', ')'])
}

/// A glued byline tail holds a few short names, not sentences.
fn byline_tail_is_short(tail: &str) -> bool {
    tail.split_whitespace().count() <= 16 && !tail.contains(". ")
}

/// Length of a photo credit glued before body text: a known multi-word credit, or one token
/// (slash-joined parts included: "Yuri Maltsev/Reuters" needs a delimiter to be taken whole).
fn glued_credit_len(after: &str) -> usize {
    let lower = after.to_lowercase();
    for c in MULTIWORD_CREDITS {
        if lower.starts_with(c) {
            return c.len();
        }
    }
    after.find(char::is_whitespace).unwrap_or(after.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(c: &Cleaned) -> Vec<(&str, &str)> {
        c.removed.iter().map(|r| (r.text.as_str(), r.reason.as_str())).collect()
    }

    #[test]
    fn forum_inside_a_sentence_is_body() {
        let t = "Menteri hadir di Forum Ekonomi Timur di kota itu.\nForum\nRecommended\nXS\nSM";
        let c = clean(t);
        assert_eq!(c.paragraphs.len(), 1);
        assert_eq!(c.paragraphs[0].text, "Menteri hadir di Forum Ekonomi Timur di kota itu.");
        assert_eq!(reasons(&c), [("Forum", "widget"), ("Recommended", "widget"), ("XS", "widget"), ("SM", "widget")]);
    }

    #[test]
    fn related_label_then_headline_is_removed_but_a_sentence_is_kept() {
        let t = "Paragraf pertama berita.\nBaca Juga\nHarga Cabai Naik Lagi di Pasar Induk\nParagraf kedua berita.\nSEE ALSO:\nKementerian menilai hubungan itu membaik tahun ini.";
        let c = clean(t);
        let body: Vec<_> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            body,
            [
                "Paragraf pertama berita.",
                "Paragraf kedua berita.",
                "Kementerian menilai hubungan itu membaik tahun ini."
            ]
        );
        assert_eq!(c.removed.len(), 3);
    }

    #[test]
    fn video_promo_lines_are_related_links() {
        let t = "Warga memadati alun-alun sejak pagi.\n\
                 Tonton juga video \"Pawai Budaya Meriah di Kota Lama\" di sini:\n\
                 Panitia menyiapkan tiga panggung.\n\
                 Simak juga Video: Festival Kuliner Dibuka\n\
                 Saksikan juga video berikut ini.\n\
                 Simak juga \"Jembatan Baru Diresmikan Gubernur\" di sini:\n\
                 Simak juga video rekaman warga yang beredar di media sosial sejak kemarin sore, sebab polisi kemudian \
                 memeriksa belasan saksi dan memanggil pemilik akun yang pertama kali mengunggahnya untuk dimintai \
                 keterangan lebih lanjut soal asal-usul rekaman itu.";
        let c = clean(t);
        let body: Vec<_> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(body.len(), 3, "{body:?}");
        assert_eq!(body[0], "Warga memadati alun-alun sejak pagi.");
        assert_eq!(body[1], "Panitia menyiapkan tiga panggung.");
        assert!(body[2].starts_with("Simak juga video rekaman warga"), "a long sentence stays: {body:?}");
        let r = reasons(&c);
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(r.iter().all(|(_, why)| *why == "related_link"), "{r:?}");
    }

    #[test]
    fn inline_aside_and_signoff_are_cut_with_offsets() {
        let t = "Gubernur meresmikan jembatan. (Baca juga: Jembatan Lama Ditutup) Warga menyambut gembira. [rz/yk]";
        let c = clean(t);
        assert_eq!(c.paragraphs[0].text, "Gubernur meresmikan jembatan. Warga menyambut gembira.");
        for s in &c.paragraphs[0].spans {
            assert!(t[s.start..s.end].len() == s.len());
        }
        assert_eq!(reasons(&c), [("(Baca juga: Jembatan Lama Ditutup)", "related_link"), ("[rz/yk]", "sign_off")]);
    }

    #[test]
    fn duplicated_caption_is_kept_once_as_caption() {
        let t = "Warga antre beras di Cirebon, 2 Mei 2024. (Foto: Sari Dewi/Kabar)\nWarga antre beras di Cirebon, 2 Mei 2024. (Foto: Sari Dewi/Kabar)\nHarga beras naik.";
        let c = clean(t);
        assert_eq!(c.captions.len(), 1);
        assert_eq!(c.captions[0].text, "Warga antre beras di Cirebon, 2 Mei 2024.");
        assert_eq!(c.captions[0].credit.as_deref(), Some("Sari Dewi/Kabar"));
        assert_eq!(c.paragraphs.len(), 1);
        assert_eq!(reasons(&c)[1].1, "duplicate");
    }

    #[test]
    fn a_post_quoted_in_a_reply_stays() {
        let post1 = "Saya baru pindah ke kota ini dan mencari sekolah dasar yang dekat stasiun, ada saran?";
        let post2 = "Anak saya kelas dua, jadi sekolahnya harus menerima murid pindahan di tengah tahun.";
        for header in ["Budi wrote: ↑", "Budi said:", "Originally Posted by Budi"] {
            let t = format!(
                "{post1}\n{post2}\n{header}\n{post1}\n{post2}\nCoba tanya di kelurahan, biasanya mereka punya daftar sekolah.\n"
            );
            let c = clean(&t);
            let quoted = c.paragraphs.iter().filter(|p| p.text == post1 || p.text == post2).count();
            assert_eq!(quoted, 4, "{header}: {:?}", reasons(&c));
        }
        // Without a quote's header, the copied passage goes as before.
        let t = format!("{post1}\n{post2}\nBalasan\n{post1}\n{post2}\n");
        assert_eq!(reasons(&clean(&t)).iter().filter(|(_, why)| *why == "duplicate").count(), 2);
    }

    #[test]
    fn a_passage_printed_twice_goes_but_a_line_that_recurs_on_its_own_stays() {
        // The page prints its two paragraphs twice (a teaser and the full text, say).
        let para1 =
            "Pemerintah kota membuka pendaftaran beasiswa bagi mahasiswa dari keluarga nelayan mulai pekan depan.";
        let para2 = "Kepala dinas pendidikan mengatakan kuota tahun ini dua kali lipat dari tahun lalu karena anggaran bertambah.";
        let t = format!("{para1}\n{para2}\nPendaftar mengisi formulir daring.\n{para1}\n{para2}\n");
        let c = clean(&t);
        let body: Vec<_> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(body, [para1, para2, "Pendaftar mengisi formulir daring."]);
        assert_eq!(reasons(&c).iter().filter(|(_, why)| *why == "duplicate").count(), 2, "{:?}", reasons(&c));

        // A forum: each post carries its author's stamp; the same author posts twice. The stamp
        // recurs on its own, beside different posts, and is the page's text each time.
        let stamp = "Bergabung: Senin 3 Maret 2014 pukul 10.12";
        let t = format!(
            "Utas ini membahas sekolah dasar di pinggir kota, silakan berbagi pengalaman.\n\
             {stamp}\nSaya baru pindah ke kota ini dan mencari sekolah dasar yang dekat stasiun.\n\
             Coba tanya di kelurahan, biasanya mereka punya daftar sekolah.\n\
             {stamp}\nTerima kasih, besok saya ke sana dan akan kabari hasilnya di sini.\n"
        );
        let c = clean(&t);
        let stamps = c.paragraphs.iter().filter(|p| p.text == stamp).count();
        assert_eq!(stamps, 2, "{:?}", reasons(&c));

        // A plan whose short step and portion recur as a pair: structure, not a copied passage.
        let t = "Hari pertama\nSarapan sebelum olahraga\nSatu gelas susu, satu pisang\n\
                 Hari kedua\nSarapan sebelum olahraga\nSatu gelas susu, satu pisang\n";
        let c = clean(t);
        assert_eq!(c.paragraphs.len(), 6, "{:?}", reasons(&c));
    }
    #[test]
    fn byline_fields_are_parsed() {
        let t = "Sumber: Antara | Editor: Rina Wulandari\nJAKARTA - Isi berita.";
        let c = clean(t);
        let f: Vec<_> = c.fields.iter().map(|f| (f.label, f.value.as_str())).collect();
        assert_eq!(f, [("source", "Antara"), ("editor", "Rina Wulandari")]);
        for fl in &c.fields {
            assert_eq!(&t[fl.span.start..fl.span.end], fl.value);
        }
    }

    #[test]
    fn breadcrumbs_are_short_parts_between_separators() {
        for yes in [
            "Beranda > Berita > Nasional",
            "Home / News / World",
            "Beranda » Ekonomi » Bisnis & Keuangan",
            "News›Asia›Indonesia",
        ] {
            assert!(is_breadcrumb(yes), "{yes}");
        }
        for no in [
            "Beranda > Berita",
            "Harga naik 3/4 kali lipat dan/atau lebih / menurut data / BPS",
            "a/b/c",
            "Beranda > Berita > Satu bagian yang jauh lebih panjang dari empat puluh huruf",
            "Beranda > Berita: Nasional > Politik",
            "Menteri tiba > pukul 10 > rapat dimulai, lalu ditutup pada sore hari itu juga",
        ] {
            assert!(!is_breadcrumb(no), "{no}");
        }
    }
}
