//! The values that flow between stages and the serialisable [`Analysis`] of one article.
//!
//! Field names here are a contract (../shared/DESIGN.md, `schema/analysis.schema.json`):
//! extend, never rename.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the article's decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers. Panics if the span is not on char boundaries of `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// The publication date of an article with its precision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, matching `precision`.
    pub value: String,
    pub precision: Precision,
    /// How the date was found or inferred, in plain words.
    pub reason: String,
    /// Where in the text the evidence is, when there is one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
    /// The earliest day the article can be from, when the value is coarser than a day but
    /// the text pins a lower bound (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
}

/// A piece of the page that is not article body, with why it was taken out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
    pub start: usize,
    pub end: usize,
}

/// Why a piece of the page was removed from the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// "Baca Juga:", "SEE ALSO:", "Lihat juga", "Simak juga" and their asides.
    RelatedLink,
    /// "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT".
    Advertisement,
    /// Skip links, menus, breadcrumbs.
    Navigation,
    /// Widget labels: "Forum", "Recommended", size pickers.
    Widget,
    /// "Bagikan", "Komentar", "Share this".
    SharePrompt,
    /// Sign-off initials such as "[ab/uh]".
    SignOff,
    /// Blog chrome: "1 min read", placeholder text.
    BlogChrome,
    /// A machine-translation disclaimer.
    Disclaimer,
    /// Photo or source credit: "Sumber Foto: ...", "(Foto: ...)".
    Credit,
    /// Author/editor/source lines (their content goes to the metadata).
    Byline,
    /// A line that repeats an earlier one (e.g. a duplicated caption).
    Duplicate,
    /// The headline, taken out of the body into `title`.
    Title,
    /// A photo caption, kept in `captions`, not in the body.
    Caption,
    /// A bare date/time stamp line.
    Timestamp,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::RelatedLink => "related_link",
            RemovalReason::Advertisement => "advertisement",
            RemovalReason::Navigation => "navigation",
            RemovalReason::Widget => "widget",
            RemovalReason::SharePrompt => "share_prompt",
            RemovalReason::SignOff => "sign_off",
            RemovalReason::BlogChrome => "blog_chrome",
            RemovalReason::Disclaimer => "disclaimer",
            RemovalReason::Credit => "credit",
            RemovalReason::Byline => "byline",
            RemovalReason::Duplicate => "duplicate",
            RemovalReason::Title => "title",
            RemovalReason::Caption => "caption",
            RemovalReason::Timestamp => "timestamp",
        }
    }
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One real-world thing with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    /// PER, ORG, LOC (or a finer type that maps to one of them).
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    pub mentions: Vec<Mention>,
    /// Extra facts the resolver found (gazetteer key, links such as metonymy).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A time expression with its TIMEX3 type and normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value: 2023-09-13, 2023-09, 2024-W25, P4Y, PRESENT_REF, XXXX-XX-XX, ...
    pub value: String,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A quotation or reported statement with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical entity name, or a description of an unnamed speaker, or null.
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    /// The agency or outlet the quote came through.
    pub via: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A typed event frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub status: String,
    pub evidence: Span,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Something the engine wants the user to know about one article: it never stops the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `info`, `warning`.
    pub level: String,
    /// A stable machine code, e.g. `decoded_windows_1252`.
    pub code: String,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: "warning".into(), code: code.into(), message: message.into() }
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: "info".into(), code: code.into(), message: message.into() }
    }
}

/// A body paragraph with its place in the decoded text.
///
/// A paragraph is usually one contiguous span; when chrome sat inside it (an inline
/// "(Baca juga: ...)" aside, a glued credit) it is several spans joined by a space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub spans: Vec<Span>,
}

/// A photo caption kept apart from the body (evidence of what the photo shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The credit line that followed it, if any ("Foto: X/Reuters").
    pub credit: Option<String>,
}

/// The analysis of one article: the line `warta analyze` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub source: String,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<Published>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub body: Vec<String>,
    pub removed: Vec<Removed>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeMention>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<String>,
    pub events: Vec<Event>,
    // ---- extensions beyond the minimum contract ----
    /// Body paragraphs with their byte spans in the decoded text.
    pub paragraphs: Vec<Paragraph>,
    /// Photo captions (deduplicated), with their credits.
    pub captions: Vec<Caption>,
    /// Photo and source credits found in the page ("Sputnik", "Yuri Maltsev/Reuters").
    pub credits: Vec<String>,
    /// Disclaimers the page carries (e.g. machine-translated versions).
    pub disclaimers: Vec<String>,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
    /// Notes about this article (decoding repairs, unsure metadata).
    pub diagnostics: Vec<Diagnostic>,
}

/// The coarse entity types every tagger and resolver agrees on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
        }
    }
}

/// A span the entity tagger (`ner`) recognised, before alias merging (`entities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NerMention {
    pub span: Span,
    pub kind: EntityKind,
}
