//! Word tokens for name matching: runs of letters and digits (with an inner `.` or `'`, as in
//! "D.C", "Ma'ruf", "Bisnis.com"); hyphens and other punctuation separate tokens, so
//! "Jong-un" and "Jong Un" give the same tokens. A region's tokens come from the Doc's
//! ([`from_segments`]).

use crate::analysis::Span;

/// A word token: a byte range into the text, and whether it starts a whitespace-separated word
/// (false after a hyphen: "un" in "Jong-un").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub word_start: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    /// Lower-cased, with the typographic apostrophe as `'`.
    pub fn lower(&self, text: &str) -> String {
        let t = self.text(text);
        if t.is_ascii() {
            return t.to_ascii_lowercase();
        }
        let l = t.to_lowercase();
        if l.contains('’') { l.replace('’', "'") } else { l }
    }
}

fn is_inner(c: char) -> bool {
    c == '.' || c == '\'' || c == '’'
}

/// The tokens of `text[start..end]`.
pub(crate) fn tokens(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    tokens_into(text, start, end, &mut out);
    out
}

/// The tokens of a region, derived from its segment tokens (absolute spans in text order that
/// cover every non-space character of the region: the Doc's tokens for a body block).
///
/// Why the entity rules do not take the Doc's tokens as they are: names are matched against
/// the gazetteer word by word, so a hyphen separates ("Jong-un" is "Jong" "un", the same as
/// "Jong Un", with `word_start` false on "un"), while a dot or apostrophe between letters
/// joins ("D.C", "Bisnis.com", "Ma'ruf": the Doc keeps only a dot between digits), and a date's
/// separators split ("13/9/2023"). These rules never join across whitespace, so they are applied
/// to each run of segment tokens with no space between them (a word as written) and give the
/// tokens of the whole region: the region is not split again.
pub(crate) fn from_segments(text: &str, segments: impl IntoIterator<Item = Span>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word: Option<Span> = None;
    for s in segments {
        match &mut word {
            Some(w) if w.end == s.start => w.end = s.end,
            _ => {
                if let Some(w) = word.replace(s) {
                    tokens_into(text, w.start, w.end, &mut out);
                }
            }
        }
    }
    if let Some(w) = word {
        tokens_into(text, w.start, w.end, &mut out);
    }
    out
}

fn tokens_into(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let s = &text[start..end];
    let mut cur: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut before_tok: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let part = c.is_alphanumeric() || (cur.is_some() && is_inner(c) && next.is_some_and(|n| n.is_alphanumeric()));
        match (part, cur) {
            (true, None) => {
                cur = Some(i);
                before_tok = prev;
            }
            (false, Some(b)) => {
                out.push(Tok { start: start + b, end: start + i, word_start: before_tok != Some('-') });
                cur = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some(b) = cur {
        out.push(Tok { start: start + b, end, word_start: before_tok != Some('-') });
    }
}

/// First char upper-case (or a digit).
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Every letter upper-case, at least two letters.
pub(crate) fn is_all_caps(w: &str) -> bool {
    // One pass, no allocation: stops at the first letter that is not upper-case.
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// True when the gap between two tokens keeps them in one name: only spaces, or one hyphen.
pub(crate) fn joinable(gap: &str) -> bool {
    let t = gap.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
    (t.is_empty() && !gap.contains('\n')) || t == "-" || t == "‐"
}
