//! The flow of one article: decoded text in, [`Analysis`] out. Pure: no I/O.

use crate::analysis::{Analysis, Diagnostic, Paragraph, Span};
use crate::clean::{self, Cleaned};
use crate::decode::Decoded;
use crate::entities;
use crate::meta;
use crate::quotes;
use jiff::civil::Date;

/// Options the caller sets for one run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Resolve relative time expressions against this date instead of the publication date.
    pub reference_date: Option<Date>,
}

/// Analyse one decoded article. `source` is the input as the user named it.
pub fn analyze(source: &str, decoded: &Decoded, opts: &Options) -> Analysis {
    let text = decoded.text.as_str();
    let cleaned: Cleaned = clean::clean(text);
    let dl = meta::dateline(text, &cleaned);
    let (authors, editors, mut sources) = meta::people(&cleaned);
    let published = meta::published(text, &cleaned, &dl);
    let mut diagnostics = decoded.diagnostics.clone();
    if cleaned.paragraphs.is_empty() {
        diagnostics.push(Diagnostic::warning("no_body", "no article body found: every line was page chrome"));
    }
    if published.is_none() && opts.reference_date.is_none() {
        diagnostics.push(Diagnostic::info("no_publication_date", "no publication date printed or inferable"));
    }
    let mut credits: Vec<String> = Vec::new();
    for f in cleaned.fields.iter().filter(|f| f.label == "photo") {
        if !credits.contains(&f.value) {
            credits.push(f.value.clone());
        }
    }
    let mut regions: Vec<Span> = cleaned.title.iter().map(|(_, s)| *s).collect();
    regions.extend(cleaned.paragraphs.iter().flat_map(|p| p.spans.iter().copied()));
    regions.extend(cleaned.captions.iter().map(|c| Span::new(c.start, c.end)));
    let tagged = crate::ner::recognize(text, &regions);
    let entities = entities::resolve(text, &regions, &tagged);
    let found = quotes::extract(text, &cleaned.paragraphs, &entities);
    for s in found.sources {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let body = cleaned.paragraphs.iter().map(|p: &Paragraph| p.text.clone()).collect();
    let times = crate::time::tag_times(text, &time_spans(&cleaned), time_reference(opts, published.as_ref()));
    let anchor = crate::events::Anchor::new(opts.reference_date, published.as_ref());
    let events =
        crate::events::extract(text, &cleaned.paragraphs, &cleaned.captions, &entities, &times, &found.quotes, &anchor);
    Analysis {
        source: source.to_string(),
        outlet: dl.outlet,
        dateline: dl.city,
        published,
        title: cleaned.title.as_ref().map(|(t, _)| t.clone()),
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
fn time_reference(opts: &Options, published: Option<&crate::analysis::Published>) -> Option<Date> {
    opts.reference_date.or_else(|| {
        published.filter(|p| p.precision == crate::analysis::Precision::Day).and_then(|p| p.value.parse().ok())
    })
}

/// Where the time stage looks: body paragraph spans and caption spans.
fn time_spans(cleaned: &Cleaned) -> Vec<crate::analysis::Span> {
    let mut spans: Vec<crate::analysis::Span> =
        cleaned.paragraphs.iter().flat_map(|p| p.spans.iter().copied()).collect();
    spans.extend(cleaned.captions.iter().map(|c| crate::analysis::Span::new(c.start, c.end)));
    spans
}
