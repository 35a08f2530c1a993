//! Word tokens for name matching: runs of letters and digits (with an inner `.` or `'`, as in
//! "D.C", "Ma'ruf", "Bisnis.com"); hyphens and other punctuation separate tokens, so
//! "Jong-un" and "Jong Un" give the same tokens.

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
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut before_tok: Option<char> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, c)| c);
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
    out
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
