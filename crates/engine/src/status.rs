//! How sure the text is of a claim: one [`Status`] with the cue that says so.
//!
//! Used by the quotes stage (each reported or quoted claim) and meant for the events stage
//! (each event frame). The decision is lexical and local: the cue words inside the span, with
//! negation in front of a cue taken into account ("belum dikonfirmasi" is unconfirmed,
//! "telah dikonfirmasi" confirmed, "tidak mungkin" is no hedge). When several cues are present
//! the most cautious one wins, in the order of [`Status::rank`]: denied, unconfirmed,
//! conditional, speculated, planned, confirmed, reported.

use crate::analysis::Span;
use crate::lexicon::Words;
use std::sync::OnceLock;

const STATUS_CUES: &str = include_str!("../data/lexicon/status-cues.tsv");

pub use crate::analysis::Status;

impl Status {
    /// Higher is more cautious; the most cautious cue in a span decides.
    pub fn rank(self) -> u8 {
        match self {
            Status::Denied => 7,
            Status::Unconfirmed => 6,
            Status::Conditional => 5,
            Status::Speculated => 4,
            Status::Planned => 3,
            Status::Confirmed => 2,
            Status::Reported => 1,
        }
    }
}

/// The status of a span with its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub status: Status,
    /// The cue as written (including a negator in front of it), or None when no cue was found.
    pub cue: Option<Span>,
    /// Whether a negator changed the cue's meaning ("belum dikonfirmasi", "tidak akan").
    pub negated: bool,
}

/// What a cue means, plain and after a negator.
struct Cue {
    words: Vec<&'static str>,
    plain: Status,
    /// Status when negated; None means the negated cue is no cue at all ("tidak mungkin").
    negated: Option<Status>,
}

/// Cue phrases (lower case, whole words). Longer phrases are tried first.
/// The cues, in the order they are tried (`data/lexicon/status-cues.tsv`).
fn cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let status = |s: &str, line: usize| {
            Status::parse(s).unwrap_or_else(|| panic!("status-cues.tsv line {line}: unknown status {s:?}"))
        };
        let mut out = Vec::new();
        for (n, line) in STATUS_CUES.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "status-cues.tsv line {}: three columns", n + 1);
            let negated = (cols[2] != "-").then(|| status(cols[2], n + 1));
            out.push(Cue { words: cols[0].split(' ').collect(), plain: status(cols[1], n + 1), negated });
        }
        out
    })
}

/// The cues by their first word, each bucket in file order: a word is compared only with the
/// cues it can open, not with every cue.
fn cues_opened_by(w: &str) -> &'static [usize] {
    type Index = std::collections::HashMap<&'static str, Vec<usize>, foldhash::fast::RandomState>;
    static BY_FIRST: OnceLock<Index> = OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut m = Index::default();
        for (k, c) in cues().iter().enumerate() {
            m.entry(c.words[0]).or_default().push(k);
        }
        m
    });
    index.get(w).map_or(&[], Vec::as_slice)
}

/// Words of `span` (letters, digits and inner hyphens) as lower-cased strings with their spans.
pub(crate) fn words(text: &str, span: Span) -> Vec<(String, Span)> {
    let s = span.of(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev = '\0';
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_alnum = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        let inner = c == '-' && prev.is_alphanumeric() && next_alnum;
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push((s[st..i].to_lowercase(), Span::new(span.start + st, span.start + i)));
        }
        prev = c;
    }
    if let Some(st) = start {
        out.push((s[st..].to_lowercase(), Span::new(span.start + st, span.end)));
    }
    out
}

/// The full assessment of `span` in `text`: the most cautious cue, or `default` with no cue.
pub fn assess(text: &str, span: Span, default: Status) -> Assessment {
    let ws = words(text, span);
    let mut best: Option<Assessment> = None;
    let mut i = 0;
    while i < ws.len() {
        let mut matched = 0usize;
        for c in cues_opened_by(&ws[i].0).iter().map(|&k| &cues()[k]) {
            let n = c.words.len();
            if i + n <= ws.len() && c.words.iter().zip(&ws[i..i + n]).all(|(a, (b, _))| *a == b) {
                // negator right before, or before one bridge word
                let neg_at = if i >= 1 && Words::NegatorsStatus.contains(&ws[i - 1].0) {
                    Some(i - 1)
                } else if i >= 2
                    && Words::BridgesStatus.contains(&ws[i - 1].0)
                    && Words::NegatorsStatus.contains(&ws[i - 2].0)
                {
                    Some(i - 2)
                } else {
                    None
                };
                let (status, from, negated) = match neg_at {
                    Some(k) => match c.negated {
                        Some(s) => (Some(s), k, true),
                        None => (None, k, true),
                    },
                    None => (Some(c.plain), i, false),
                };
                matched = n;
                if let Some(status) = status {
                    let cue = Span::new(ws[from].1.start, ws[i + n - 1].1.end);
                    let a = Assessment { status, cue: Some(cue), negated };
                    if best.is_none_or(|b| status.rank() > b.status.rank()) {
                        best = Some(a);
                    }
                }
                break;
            }
        }
        i += matched.max(1);
    }
    best.unwrap_or(Assessment { status: default, cue: None, negated: false })
}

/// How sure the text is of the claim in `span`, with the cue that says so. With no cue the claim
/// is stated plainly: `Confirmed` and no cue span.
pub fn claim_status(text: &str, span: Span) -> (Status, Option<Span>) {
    let a = assess(text, span, Status::Confirmed);
    (a.status, a.cue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn st(s: &str) -> (Status, Option<&str>) {
        let (status, cue) = claim_status(s, Span::new(0, s.len()));
        (status, cue.map(|c| c.of(s)))
    }

    #[test]
    fn cues_and_negation() {
        let cases: &[(&str, Status, Option<&str>)] = &[
            ("Jadwal itu belum dikonfirmasi oleh panitia.", Unconfirmed, Some("belum dikonfirmasi")),
            ("Jadwal itu telah dikonfirmasi oleh panitia.", Confirmed, Some("dikonfirmasi")),
            ("Kabar itu tidak dapat dikonfirmasi.", Unconfirmed, Some("tidak dapat dikonfirmasi")),
            ("Menteri itu mungkin datang besok.", Speculated, Some("mungkin")),
            ("Menteri itu mungkin akan datang.", Speculated, Some("mungkin")),
            ("Hal itu tidak mungkin terjadi.", Confirmed, None),
            ("Pabrik baru akan dibuka bulan depan.", Planned, Some("akan")),
            ("Mereka tidak akan hadir.", Planned, Some("tidak akan")),
            ("Pemerintah membantah laporan itu.", Denied, Some("membantah")),
            ("Ia tidak membantah kabar tersebut.", Reported, Some("tidak membantah")),
            ("Jika hujan turun, acara ditunda.", Conditional, Some("Jika")),
            ("Harga naik tiga persen.", Confirmed, None),
            ("Upacara sedang dipersiapkan panitia.", Planned, Some("sedang dipersiapkan")),
        ];
        for (s, status, cue) in cases {
            assert_eq!(st(s), (*status, *cue), "{s}");
        }
    }
}
