//! The flow of one article: decoded text in, [`Analysis`] out. Pure: no I/O.

use crate::analysis::{Analysis, Diagnostic, Paragraph};
use crate::clean::{self, Cleaned};
use crate::decode::Decoded;
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
    let published = meta::published(text, &cleaned);
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
    let entities = Vec::new(); // the entity resolver connects here
    let found = quotes::extract(text, &cleaned.paragraphs, &entities);
    for s in found.sources {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    sources.dedup();
    let body = cleaned.paragraphs.iter().map(|p: &Paragraph| p.text.clone()).collect();
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
        times: Vec::new(),
        quotes: found.quotes,
        sources,
        events: Vec::new(),
        paragraphs: cleaned.paragraphs,
        captions: cleaned.captions,
        credits,
        disclaimers: cleaned.disclaimers,
        encoding: decoded.encoding.to_string(),
        diagnostics,
    }
}
