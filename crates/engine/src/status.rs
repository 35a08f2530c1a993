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
use serde::{Deserialize, Serialize};

/// How sure the text is that something happened or holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Stated as fact or explicitly confirmed ("telah dikonfirmasi", "membenarkan").
    Confirmed,
    /// Passed on from someone else with no stronger cue ("dilaporkan", "menurut").
    Reported,
    /// Not yet happened: planned or expected ("akan", "direncanakan", "sedang dipersiapkan").
    Planned,
    /// A guess or hedge ("mungkin", "kemungkinan", "diperkirakan", "berspekulasi").
    Speculated,
    /// Someone says it is not so ("membantah", "menyangkal").
    Denied,
    /// Explicitly not confirmed ("belum dikonfirmasi", "tidak dapat dikonfirmasi").
    Unconfirmed,
    /// Depends on a condition ("jika", "apabila").
    Conditional,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
            Status::Planned => "planned",
            Status::Speculated => "speculated",
            Status::Denied => "denied",
            Status::Unconfirmed => "unconfirmed",
            Status::Conditional => "conditional",
        }
    }
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
    words: &'static [&'static str],
    plain: Status,
    /// Status when negated; None means the negated cue is no cue at all ("tidak mungkin").
    negated: Option<Status>,
}

const fn cue(words: &'static [&'static str], plain: Status, negated: Option<Status>) -> Cue {
    Cue { words, plain, negated }
}

use Status::*;

/// Cue phrases (lower case, whole words). Longer phrases are tried first.
const CUES: &[Cue] = &[
    // unconfirmed, written out
    cue(&["belum", "ada", "konfirmasi"], Unconfirmed, None),
    cue(&["tanpa", "konfirmasi"], Unconfirmed, None),
    cue(&["tidak", "terverifikasi"], Unconfirmed, None),
    cue(&["belum", "terverifikasi"], Unconfirmed, None),
    // confirmation verbs: negated → unconfirmed
    cue(&["dikonfirmasi"], Confirmed, Some(Unconfirmed)),
    cue(&["terkonfirmasi"], Confirmed, Some(Unconfirmed)),
    cue(&["mengonfirmasi"], Confirmed, Some(Unconfirmed)),
    cue(&["mengkonfirmasi"], Confirmed, Some(Unconfirmed)),
    cue(&["dikonfirmasikan"], Confirmed, Some(Unconfirmed)),
    cue(&["membenarkan"], Confirmed, Some(Unconfirmed)),
    cue(&["dibenarkan"], Confirmed, Some(Unconfirmed)),
    cue(&["dipastikan"], Confirmed, Some(Unconfirmed)),
    cue(&["memastikan"], Confirmed, Some(Unconfirmed)),
    cue(&["diverifikasi"], Confirmed, Some(Unconfirmed)),
    cue(&["memverifikasi"], Confirmed, Some(Unconfirmed)),
    cue(&["terbukti"], Confirmed, Some(Unconfirmed)),
    cue(&["resmi"], Confirmed, None),
    cue(&["secara", "resmi"], Confirmed, None),
    // denial: "tidak membantah" is an admission, taken as reported
    cue(&["membantah"], Denied, Some(Reported)),
    cue(&["dibantah"], Denied, Some(Reported)),
    cue(&["bantahan"], Denied, None),
    cue(&["menyangkal"], Denied, Some(Reported)),
    cue(&["disangkal"], Denied, Some(Reported)),
    cue(&["menepis"], Denied, Some(Reported)),
    cue(&["ditepis"], Denied, Some(Reported)),
    cue(&["tidak", "benar"], Denied, None),
    cue(&["hoaks"], Denied, None),
    // plans and expectations: "tidak akan" stays planned (a negative plan), marked negated
    cue(&["sedang", "dipersiapkan"], Planned, Some(Planned)),
    cue(&["tengah", "dipersiapkan"], Planned, Some(Planned)),
    cue(&["akan"], Planned, Some(Planned)),
    cue(&["bakal"], Planned, Some(Planned)),
    cue(&["hendak"], Planned, Some(Planned)),
    cue(&["direncanakan"], Planned, Some(Planned)),
    cue(&["berencana"], Planned, Some(Planned)),
    cue(&["merencanakan"], Planned, Some(Planned)),
    cue(&["rencananya"], Planned, None),
    cue(&["dijadwalkan"], Planned, Some(Planned)),
    cue(&["dipersiapkan"], Planned, Some(Planned)),
    cue(&["mempersiapkan"], Planned, Some(Planned)),
    cue(&["diharapkan"], Planned, None),
    cue(&["mendatang"], Planned, None),
    cue(&["segera"], Planned, None),
    // hedges: a negated hedge ("tidak mungkin") is no hedge
    cue(&["bisa", "jadi"], Speculated, None),
    cue(&["boleh", "jadi"], Speculated, None),
    cue(&["mungkin"], Speculated, None),
    cue(&["kemungkinan"], Speculated, None),
    cue(&["dimungkinkan"], Speculated, None),
    cue(&["barangkali"], Speculated, None),
    cue(&["diperkirakan"], Speculated, None),
    cue(&["memperkirakan"], Speculated, None),
    cue(&["perkiraan"], Speculated, None),
    cue(&["berspekulasi"], Speculated, None),
    cue(&["spekulasi"], Speculated, None),
    cue(&["diduga"], Speculated, None),
    cue(&["menduga"], Speculated, None),
    cue(&["dugaan"], Speculated, None),
    cue(&["disinyalir"], Speculated, None),
    cue(&["ditengarai"], Speculated, None),
    cue(&["diprediksi"], Speculated, None),
    cue(&["memprediksi"], Speculated, None),
    cue(&["konon"], Speculated, None),
    cue(&["rumor"], Speculated, None),
    cue(&["desas-desus"], Speculated, None),
    cue(&["tampaknya"], Speculated, None),
    cue(&["sepertinya"], Speculated, None),
    cue(&["diyakini"], Speculated, None),
    cue(&["berpotensi"], Speculated, None),
    // conditions
    cue(&["jika"], Conditional, None),
    cue(&["jikalau"], Conditional, None),
    cue(&["apabila"], Conditional, None),
    cue(&["bila"], Conditional, None),
    cue(&["seandainya"], Conditional, None),
    cue(&["andaikan"], Conditional, None),
    cue(&["asalkan"], Conditional, None),
    cue(&["kalau"], Conditional, None),
    // passed on
    cue(&["dilaporkan"], Reported, None),
    cue(&["melaporkan"], Reported, None),
    cue(&["dikabarkan"], Reported, None),
    cue(&["kabarnya"], Reported, None),
    cue(&["menurut"], Reported, None),
    cue(&["disebut-sebut"], Reported, None),
];

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
        for c in CUES {
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
