//! The flow of one article: decoded text in, [`Analysis`] out. Pure: no I/O.

use crate::analysis::{Analysis, Diagnostic, DiagnosticCode, Paragraph, Published, Span};
use crate::clean::{self, Cleaned};
use crate::decode::Decoded;
use crate::doc::Doc;
use crate::entities;
use crate::meta;
use crate::quotes;
use jiff::civil::Date;
use std::borrow::Cow;

/// Options the caller sets for one run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Resolve relative time expressions against this date instead of the publication date.
    pub reference_date: Option<Date>,
}

/// Metadata known from outside the text (e.g. an HTML page's own markup: JSON-LD, OpenGraph,
/// `<meta>`, `<time>`). Each field that is set wins over what the text heuristics find.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub title: Option<String>,
    /// Replaces the text's bylines when not empty.
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    /// The article's URL when a container gives it apart from the source name (a JSON Lines or
    /// CSV record's `url` beside its own `source`): the host names the outlet when the text and
    /// markup name none. None: the source itself is read for a URL.
    pub url: Option<String>,
    /// The cleaning of exactly this text when the caller has already done it (warta-html
    /// cleans the extracted text to find the body): the engine then does not clean it again.
    /// None: the engine cleans.
    pub cleaned: Option<Cleaned>,
}

/// Analyse one decoded article. `source` is the input as the user named it.
pub fn analyze(source: &str, decoded: &Decoded, opts: &Options) -> Analysis {
    analyze_with(source, decoded, opts, &Overrides::default())
}

/// [`analyze`] with metadata from outside the text taking precedence over the text's own.
pub fn analyze_with(source: &str, decoded: &Decoded, opts: &Options, overrides: &Overrides) -> Analysis {
    let text = decoded.text.as_str();
    let cleaned: Cow<Cleaned> = match &overrides.cleaned {
        Some(c) => Cow::Borrowed(c),
        None => Cow::Owned(clean::clean(text)),
    };
    let mut dl = meta::dateline(text, &cleaned);
    if overrides.outlet.is_some() {
        dl.outlet.clone_from(&overrides.outlet);
    }
    // A page that names no outlet (detik prints none in its dateline): the URL's host does.
    let url = overrides.url.as_deref().unwrap_or(source);
    let outlet_from_url = dl.outlet.is_none().then(|| meta::outlet_from_source(url)).flatten();
    if outlet_from_url.is_some() {
        dl.outlet.clone_from(&outlet_from_url);
    }
    let (mut authors, editors, mut sources) = meta::people(&cleaned);
    if !overrides.authors.is_empty() {
        authors.clone_from(&overrides.authors);
    }
    let published = overrides.published.clone().or_else(|| meta::published(text, &cleaned, &dl));
    let mut diagnostics = decoded.diagnostics.clone();
    if cleaned.paragraphs.is_empty() {
        diagnostics
            .push(Diagnostic::warning(DiagnosticCode::NoBody, "no article body found: every line was page chrome"));
    }
    if let Some(o) = &outlet_from_url {
        diagnostics
            .push(Diagnostic::info(DiagnosticCode::OutletFromUrl, format!("outlet {o:?} from the article's URL")));
    }
    if published.is_none() && opts.reference_date.is_none() {
        diagnostics
            .push(Diagnostic::info(DiagnosticCode::NoPublicationDate, "no publication date printed or inferable"));
    }
    let mut credits: Vec<String> = Vec::new();
    for f in cleaned.fields.iter().filter(|f| f.label == "photo") {
        if !credits.contains(&f.value) {
            credits.push(f.value.clone());
        }
    }
    // The body split once: the tagger, the entity rules, quotes, times and events read its
    // sentences and tokens.
    let doc = Doc::new(text, &cleaned.paragraphs);
    // The tagger reads the body's sentences and the captions; a Title-Case headline makes every
    // word look like a name ("Kim Puji Hubungan ..."), so headlines get gazetteer and rule
    // matches only.
    let mut tagged = crate::ner::recognize_tokens(text, doc.tokens.iter().map(Vec::as_slice));
    let captions: Vec<Span> = cleaned.captions.iter().map(|c| Span::new(c.start, c.end)).collect();
    tagged.extend(crate::ner::recognize(text, &captions));
    let title = cleaned.title.as_ref().map(|(_, s)| *s);
    let entities = entities::resolve_doc(text, title, &doc, &captions, &tagged);
    let found = quotes::extract_doc(text, &doc, &entities);
    for s in found.sources {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let body = cleaned.paragraphs.iter().map(|p: &Paragraph| p.text.clone()).collect();
    let (reference, note) = time_reference(opts, published.as_ref());
    diagnostics.extend(note);
    let times = crate::time::tag_times_doc(text, &doc, &captions, reference);
    let anchor = crate::events::Anchor::new(opts.reference_date, published.as_ref());
    let events = crate::events::extract_doc(text, &doc, &cleaned.captions, &entities, &times, &found.quotes, &anchor);
    let cleaned = cleaned.into_owned();
    Analysis {
        source: source.to_string(),
        outlet: dl.outlet,
        dateline: dl.city,
        published,
        title: overrides.title.clone().or_else(|| cleaned.title.as_ref().map(|(t, _)| t.clone())),
        authors,
        editors,
        body,
        removed: cleaned.removed,
        entities,
        times,
        quotes: found.quotes,
        sources,
        events,
        paragraphs: cleaned.paragraphs,
        captions: cleaned.captions,
        credits,
        disclaimers: cleaned.disclaimers,
        encoding: decoded.encoding.to_string(),
        diagnostics,
    }
}

/// The reference date for relative time expressions: `--reference-date`, else the publication
/// date when it is known to the day. A month- or year-precise publication date is not used:
/// "kemarin" cannot be pinned from "June 2024", so such values stay underspecified.
fn time_reference(
    opts: &Options,
    published: Option<&crate::analysis::Published>,
) -> (Option<Date>, Option<Diagnostic>) {
    use crate::analysis::Precision;
    if let Some(d) = opts.reference_date {
        return (Some(d), None);
    }
    let Some(p) = published else { return (None, None) };
    if p.precision == Precision::Day {
        return (p.value.parse().ok(), None);
    }
    // A month-precise date whose earliest day is the day the lead reports: news is written that
    // day or the next, so relative expressions are pinned against it, and the output says so.
    match (p.precision, p.earliest.as_deref().and_then(|e| e.parse::<Date>().ok())) {
        (Precision::Month, Some(e)) => (
            Some(e),
            Some(Diagnostic::info(
                DiagnosticCode::ReferenceDateInferred,
                format!(
                    "relative time expressions are pinned against {e}, the earliest day the article can be from; \
                     a relative day (\"kemarin\") may be a day early if it was published later"
                ),
            )),
        ),
        _ => (None, None),
    }
}
