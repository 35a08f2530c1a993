//! Placeholders: what a machine translator must not touch.
//!
//! Before a segment goes to a backend, names, dates, numbers, URLs and speakers are replaced by
//! opaque tokens (`⟦E1⟧`, `⟦T1⟧`, `⟦N1⟧`, `⟦U1⟧`, `⟦S1⟧`); after translation each token is
//! replaced by the form for the target language. [`restore`] also checks the answer: every token
//! must come back exactly once. All of it is pure.

use serde::Serialize;
use std::sync::LazyLock;

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    /// A URL (kept as written).
    Url,
    /// An entity mention (the entity's name in the target language, else as written).
    Entity,
    /// A date (formatted by ICU4X for the target locale).
    Time,
    /// A quote's speaker or the outlet a quote came through, not known as an entity.
    Speaker,
    /// A number (kept as written, or regrouped for the locale when it has separators).
    Number,
}

impl SlotKind {
    /// The token letter.
    pub fn letter(self) -> char {
        match self {
            SlotKind::Url => 'U',
            SlotKind::Entity => 'E',
            SlotKind::Time => 'T',
            SlotKind::Speaker => 'S',
            SlotKind::Number => 'N',
        }
    }

    fn from_letter(c: char) -> Option<SlotKind> {
        Some(match c {
            'U' => SlotKind::Url,
            'E' => SlotKind::Entity,
            'T' => SlotKind::Time,
            'S' => SlotKind::Speaker,
            'N' => SlotKind::Number,
            _ => return None,
        })
    }
}

/// A span of a segment to protect, and what to write back in its place after translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offsets into the segment.
    pub start: usize,
    pub end: usize,
    pub kind: SlotKind,
    pub replacement: String,
}

/// One placeholder in a protected segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// `⟦E1⟧`
    pub token: String,
    pub kind: SlotKind,
    /// The text it replaced.
    pub original: String,
    /// What goes back after translation.
    pub replacement: String,
}

/// A segment with its protected spans replaced by tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    pub text: String,
    pub slots: Vec<Slot>,
}

/// Replace candidates by tokens. Overlapping candidates: the kind that comes first in
/// [`SlotKind`] order wins (a URL over the name inside it, a name over a number), then the
/// longer one. Spans that are empty, out of range or not on char boundaries are ignored.
/// Tokens are numbered per kind in reading order.
pub fn protect(segment: &str, mut candidates: Vec<Candidate>) -> Protected {
    candidates.retain(|c| {
        c.start < c.end
            && c.end <= segment.len()
            && segment.is_char_boundary(c.start)
            && segment.is_char_boundary(c.end)
    });
    candidates.sort_by(|a, b| {
        a.kind.cmp(&b.kind).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.start.cmp(&b.start))
    });
    let mut taken: Vec<Candidate> = Vec::new();
    for c in candidates {
        if taken.iter().all(|t| c.end <= t.start || c.start >= t.end) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| c.start);
    let mut counts = [0usize; 5];
    let mut text = String::with_capacity(segment.len());
    let mut slots = Vec::with_capacity(taken.len());
    let mut at = 0;
    for c in taken {
        text.push_str(&segment[at..c.start]);
        let n = &mut counts[c.kind as usize];
        *n += 1;
        let token = format!("⟦{}{}⟧", c.kind.letter(), n);
        text.push_str(&token);
        slots.push(Slot {
            token,
            kind: c.kind,
            original: segment[c.start..c.end].to_string(),
            replacement: c.replacement,
        });
        at = c.end;
    }
    text.push_str(&segment[at..]);
    Protected { text, slots }
}

/// What went wrong with one placeholder in a translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "lowercase")]
pub enum Problem {
    /// The token is not in the answer: what it stood for is lost from the translation.
    Missing { token: String, original: String },
    /// The token came back more than once (every copy was replaced).
    Duplicated { token: String, original: String, count: usize },
    /// The token came back changed (`[E1]`, `⟦ E1 ⟧`, `【E1】`); recognised and replaced.
    Altered { token: String, original: String, found: String },
    /// A token-like text the segment never had (left as it is).
    Unexpected { found: String },
    /// Not a placeholder problem: the translation could not be written to the cache.
    Cache { error: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing { token, original } => {
                write!(f, "placeholder {token} ({original:?}) is missing from the translation")
            }
            Problem::Duplicated { token, original, count } => {
                write!(f, "placeholder {token} ({original:?}) came back {count} times")
            }
            Problem::Altered { token, original, found } => {
                write!(f, "placeholder {token} ({original:?}) came back altered as {found:?}")
            }
            Problem::Unexpected { found } => write!(f, "unexpected placeholder {found:?} in the translation"),
            Problem::Cache { error } => write!(f, "the cache could not be written: {error}"),
        }
    }
}

/// Strict tokens, and the shapes translators turn them into.
static LOOSE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?:⟦|\[\[?|【|〚|\{)\s*([UETSN])\s*[-_ ]?\s*([0-9]{1,4})\s*(?:⟧|\]\]?|】|〛|\})")
        .expect("valid pattern")
});

/// Check a translated segment against its slots, without changing it: every token exactly
/// once, nothing token-like that the segment did not have.
pub fn check(translated: &str, slots: &[Slot]) -> Vec<Problem> {
    restore(translated, slots).1
}

/// Put back every slot's replacement and report what did not come back exactly once.
/// A token the translator altered but that is still recognisable (`[E1]`, `⟦ E1 ⟧`) is
/// replaced when it occurs exactly once, and reported as altered.
pub fn restore(translated: &str, slots: &[Slot]) -> (String, Vec<Problem>) {
    let mut problems = Vec::new();
    // Every token-like match in the answer, strict or loose: (start, end, slot index or None).
    let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let key = |kind: SlotKind, n: &str| format!("⟦{}{}⟧", kind.letter(), n.trim_start_matches('0'));
    for m in LOOSE.captures_iter(translated) {
        let whole = m.get(0).expect("match");
        let kind = m.get(1).and_then(|k| k.as_str().chars().next()).and_then(SlotKind::from_letter);
        let idx = kind.and_then(|k| {
            let t = key(k, &m[2]);
            slots.iter().position(|s| s.token == t)
        });
        found.push((whole.start(), whole.end(), idx));
    }
    // Stray brackets of our own kind that did not parse as a token.
    for (i, ch) in translated.char_indices() {
        if (ch == '⟦' || ch == '⟧') && !found.iter().any(|&(s, e, _)| s <= i && i < e) {
            let end = i + ch.len_utf8();
            found.push((i, end, None));
        }
    }
    found.sort_by_key(|f| f.0);

    let mut replace: Vec<(usize, usize, usize)> = Vec::new();
    for (si, slot) in slots.iter().enumerate() {
        let exact: Vec<&(usize, usize, Option<usize>)> =
            found.iter().filter(|f| f.2 == Some(si) && translated[f.0..f.1] == slot.token).collect();
        let loose: Vec<&(usize, usize, Option<usize>)> =
            found.iter().filter(|f| f.2 == Some(si) && translated[f.0..f.1] != slot.token).collect();
        match (exact.len(), loose.len()) {
            (1, 0) => {}
            (0, 0) => {
                problems.push(Problem::Missing { token: slot.token.clone(), original: slot.original.clone() });
            }
            (0, 1) => problems.push(Problem::Altered {
                token: slot.token.clone(),
                original: slot.original.clone(),
                found: translated[loose[0].0..loose[0].1].to_string(),
            }),
            (e, l) => problems.push(Problem::Duplicated {
                token: slot.token.clone(),
                original: slot.original.clone(),
                count: e + l,
            }),
        }
        replace.extend(exact.iter().chain(loose.iter()).map(|f| (f.0, f.1, si)));
    }
    for f in &found {
        if f.2.is_none() {
            problems.push(Problem::Unexpected { found: translated[f.0..f.1].to_string() });
        }
    }
    replace.sort_by_key(|r| r.0);
    let mut out = String::with_capacity(translated.len() + 32);
    let mut at = 0;
    for (s, e, si) in replace {
        out.push_str(&translated[at..s]);
        out.push_str(&slots[si].replacement);
        at = e;
    }
    out.push_str(&translated[at..]);
    (out, problems)
}

/// Numbers in a segment: digit runs with inner `.` or `,` between digits (`1.500.000`, `2,5`,
/// `14.30`, `12/6` is two numbers). Byte spans.
pub fn number_spans(segment: &str) -> Vec<(usize, usize)> {
    let b = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() {
                // A digit, or a separator between digits (1.234,5).
                let separator = (b[i] == b'.' || b[i] == b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !(b[i].is_ascii_digit() || separator) {
                    break;
                }
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// URLs (`http://`, `https://`, `www.`) up to the next space, trailing punctuation left out.
pub fn url_spans(segment: &str) -> Vec<(usize, usize)> {
    static URL: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+").expect("valid pattern"));
    URL.find_iter(segment)
        .map(|m| {
            let s = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'', '”', '’']);
            (m.start(), m.start() + s.len())
        })
        .filter(|(s, e)| e > s)
        .collect()
}

/// Whole-word occurrences of `needle` in `hay` (not inside a longer word).
pub fn word_occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle)
        .filter(|(i, _)| {
            let before = hay[..*i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !is_word(before) && !is_word(after)
        })
        .map(|(i, _)| (i, i + needle.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(seg: &str, what: &str, kind: SlotKind, repl: &str) -> Candidate {
        let start = seg.find(what).expect("in segment");
        Candidate { start, end: start + what.len(), kind, replacement: repl.into() }
    }

    #[test]
    fn protect_numbers_tokens_per_kind_in_reading_order() {
        let seg = "Menteri Budi Santoso tiba di Surabaya pada 3 Maret 2021 bersama 1.200 peserta.";
        let p = protect(
            seg,
            vec![
                cand(seg, "Surabaya", SlotKind::Entity, "Surabaya"),
                cand(seg, "Budi Santoso", SlotKind::Entity, "Budi Santoso"),
                cand(seg, "3 Maret 2021", SlotKind::Time, "March 3, 2021"),
                cand(seg, "1.200", SlotKind::Number, "1,200"),
                // Inside the date: loses to it.
                cand(seg, "2021", SlotKind::Number, "2021"),
            ],
        );
        assert_eq!(p.text, "Menteri ⟦E1⟧ tiba di ⟦E2⟧ pada ⟦T1⟧ bersama ⟦N1⟧ peserta.");
        assert_eq!(p.slots.len(), 4);
        assert_eq!(p.slots[2].original, "3 Maret 2021");
        assert_eq!(p.slots[3].replacement, "1,200");
    }

    #[test]
    fn protect_ignores_bad_spans() {
        let seg = "Dewi ke Medan.";
        let p = protect(
            seg,
            vec![
                Candidate { start: 3, end: 3, kind: SlotKind::Entity, replacement: "x".into() },
                Candidate { start: 10, end: 99, kind: SlotKind::Entity, replacement: "x".into() },
            ],
        );
        assert_eq!(p.text, seg);
        assert!(p.slots.is_empty());
    }

    fn slots() -> Vec<Slot> {
        let seg = "Dewi Lestari bertemu Andi di Medan pada 5 Mei 2022.";
        protect(
            seg,
            vec![
                cand(seg, "Dewi Lestari", SlotKind::Entity, "Dewi Lestari"),
                cand(seg, "Andi", SlotKind::Entity, "Andi"),
                cand(seg, "Medan", SlotKind::Entity, "棉兰"),
                cand(seg, "5 Mei 2022", SlotKind::Time, "2022年5月5日"),
            ],
        )
        .slots
    }

    #[test]
    fn restore_all_present() {
        let (out, problems) = restore("⟦E1⟧于⟦T1⟧在⟦E3⟧会见了⟦E2⟧。", &slots());
        assert_eq!(out, "Dewi Lestari于2022年5月5日在棉兰会见了Andi。");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(check("⟦E1⟧于⟦T1⟧在⟦E3⟧会见了⟦E2⟧。", &slots()).is_empty());
    }

    #[test]
    fn restore_reports_missing_duplicated_altered_unexpected() {
        let (out, problems) = restore("⟦E1⟧ met ⟦E1⟧ in [E3] on ⟦T1⟧ ⟦E9⟧.", &slots());
        assert_eq!(out, "Dewi Lestari met Dewi Lestari in 棉兰 on 2022年5月5日 ⟦E9⟧.");
        assert!(problems.contains(&Problem::Duplicated {
            token: "⟦E1⟧".into(),
            original: "Dewi Lestari".into(),
            count: 2
        }));
        assert!(problems.contains(&Problem::Missing { token: "⟦E2⟧".into(), original: "Andi".into() }));
        assert!(problems.contains(&Problem::Altered {
            token: "⟦E3⟧".into(),
            original: "Medan".into(),
            found: "[E3]".into()
        }));
        assert!(problems.contains(&Problem::Unexpected { found: "⟦E9⟧".into() }));
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn restore_flags_stray_brackets_and_spaced_tokens() {
        let (out, problems) = restore("⟦ E1 ⟧ met ⟦E2⟧ in ⟦E3⟧ on ⟦T1⟧ ⟦", &slots());
        assert_eq!(out, "Dewi Lestari met Andi in 棉兰 on 2022年5月5日 ⟦");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(matches!(&problems[0], Problem::Altered { token, .. } if token == "⟦E1⟧"));
        assert!(matches!(&problems[1], Problem::Unexpected { found } if found == "⟦"));
    }

    #[test]
    fn numbers_and_urls() {
        let s = "Harga naik 2,5 persen menjadi Rp1.500.000 pada pukul 14.30 (12/6), lihat https://contoh.id/a?b=1.";
        let nums: Vec<&str> = number_spans(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(nums, ["2,5", "1.500.000", "14.30", "12", "6", "1"]);
        let urls: Vec<&str> = url_spans(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(urls, ["https://contoh.id/a?b=1"]);
    }

    #[test]
    fn whole_words_only() {
        let s = "Andi dan Andika bertemu Andi.";
        assert_eq!(word_occurrences(s, "Andi"), vec![(0, 4), (24, 28)]);
    }
}
