//! Lines, sentences and tokens, all as byte [`Span`]s into the decoded text.
//!
//! Indonesian is space-delimited; the tokeniser keeps hyphenated words ("Kim Jong-un",
//! "bersama-sama", "Korea Utara-Rusia" splits at the hyphen only between capitalised parts is
//! *not* done: the tagger sees "Utara-Rusia" as one token, as the NER corpora do),
//! decimal and date numbers ("14.30", "13/9/2023") and abbreviations with dots ("H.", "dr.")
//! whole.

use crate::analysis::Span;

/// `s` with its whitespace runs folded to one space, trimmed and lower-cased: the key under
/// which two lines count as "the same line". Equal to
/// `s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()` (a test checks it), in
/// one pass over the bytes: runs of ASCII copied whole, other characters through their own
/// lower-case mapping. Text with a capital sigma takes the slow way, since its lower case depends on
/// where in the word it stands.
pub fn fold_key(s: &str) -> String {
    if s.contains('Σ') {
        return s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    }
    let b = s.as_bytes();
    let is_space = |x: u8| matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < b.len() {
        // A run of ASCII bytes that are not whitespace is copied whole (lower-cased at the end).
        let start = i;
        while i < b.len() && b[i] < 0x80 && !is_space(b[i]) {
            i += 1;
        }
        if i > start {
            if pending_space {
                out.push(b' ');
                pending_space = false;
            }
            out.extend_from_slice(&b[start..i]);
        }
        if i == b.len() {
            break;
        }
        // ASCII whitespace (char::is_whitespace on ASCII: space, \t, \n, \x0B, \x0C, \r), or a
        // character beyond ASCII.
        if b[i] < 0x80 {
            i += 1;
            pending_space = !out.is_empty();
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
    // ASCII letters only: the other characters were lower-cased above, and their lower case
    // holds no ASCII capital.
    out.make_ascii_lowercase();
    String::from_utf8(out).expect("built from whole characters")
}

/// The lines of `text`, without their line terminators (`\n`, `\r\n`, `\r`).
pub fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Span::new(start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push(Span::new(start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(Span::new(start, bytes.len()));
    }
    out
}

/// `span` without leading and trailing whitespace (Unicode aware).
pub fn trim(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "dra", "prof", "ir", "h", "hj", "kh", "st", "jl", "jln", "no", "nomor", "tel", "telp", "dll", "dsb",
    "dst", "sdr", "sdri", "bpk", "kol", "letkol", "mayjen", "brigjen", "irjen", "kombes", "ajun", "kapt", "mr", "mrs",
    "ms", "jr", "sr", "vs", "a.n", "u.p", "s.h", "s.e", "m.a", "m.si", "ph.d", "tbk", "co", "inc", "ltd", "ust", "pt",
    "cv", "rp", "km", "kg", "gen", "lt", "maj", "capt", "sgt", "rev", "hal", "tgl",
];

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

/// Sentences inside `span`: split after `.`, `!`, `?` (and any closing quotes or brackets)
/// when whitespace and an upper-case letter, digit or opening quote follow, except after
/// known abbreviations, single initials and inside numbers.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let s = span.of(text);
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // absorb runs of terminators and closing quotes
            let mut j = i + 1;
            while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closing_quote(chars[j].1)) {
                j += 1;
            }
            let end = if j < chars.len() { chars[j].0 } else { s.len() };
            // need whitespace then a sentence opener
            let mut k = j;
            let mut saw_space = false;
            while k < chars.len() && chars[k].1.is_whitespace() {
                saw_space = true;
                k += 1;
            }
            let opener = k < chars.len() && {
                let n = chars[k].1;
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
            };
            let boundary = (saw_space && opener || k >= chars.len()) && !(c == '.' && is_abbreviation(s, pos));
            if boundary {
                let sent = trim(text, Span::new(span.start + start, span.start + end));
                if !sent.is_empty() {
                    out.push(sent);
                }
                start = if k < chars.len() { chars[k].0 } else { s.len() };
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    let rest = trim(text, Span::new(span.start + start, span.end));
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Is the period at byte `dot` of `s` the end of an abbreviation or an initial?
fn is_abbreviation(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    // The word starts after the last space or bracket (of any width: a no-break or ideographic
    // space is two or three bytes).
    let word_start =
        before.char_indices().rev().find(|&(_, c)| c.is_whitespace() || c == '(').map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial ("Mohammad H. Thamrin").
    let mut cs = word.chars();
    if let (Some(first), None) = (cs.next(), cs.next())
        && first.is_uppercase()
    {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Tokens inside `span`: words (letters, digits, inner hyphens, apostrophes, and dots or
/// slashes or colons between digits), and every other non-space character on its own.
pub fn tokens(text: &str, span: Span) -> Vec<Span> {
    let s = span.of(text);
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_alphanumeric() || cj == '\u{0301}' {
                    j += 1;
                    continue;
                }
                // inner joiners: must sit between two word characters
                let next_alnum = j + 1 < n && chars[j + 1].1.is_alphanumeric();
                let prev_digit = chars[j - 1].1.is_ascii_digit();
                let next_digit = j + 1 < n && chars[j + 1].1.is_ascii_digit();
                let joins = match cj {
                    '-' | '‑' | '\'' | '’' => next_alnum,
                    '.' | ',' | '/' | ':' => prev_digit && next_digit,
                    _ => false,
                };
                if joins {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = if j < n { chars[j].0 } else { s.len() };
            out.push(Span::new(span.start + pos, span.start + end));
            i = j;
        } else {
            let end = if i + 1 < n { chars[i + 1].0 } else { s.len() };
            out.push(Span::new(span.start + pos, span.start + end));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn fold_key_equals_the_split_join_lowercase_it_replaces() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        for s in [
            "",
            "   ",
            "  Harga  BERAS\tnaik \r\n",
            "a\u{0B}b\u{0C}c",
            "ÖSTERREICH  Dan\u{00A0}Jerman",
            "ΟΔΟΣ ΣΟΦΙΑΣ  ΚΑΙ",
            "İstanbul  ŞEHİR",
            "Baca Juga:\u{2003}Kabar  Lain",
            "“Kami Siap,”\u{00A0} kata  ÂNGELA\u{3000}DI\u{2028}Ｊakarta",
            "ǅemal  ǄEMAL İI",
        ] {
            assert_eq!(fold_key(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn lines_handle_all_terminators() {
        let t = "satu\r\ndua\rtiga\n\nempat";
        assert_eq!(texts(t, &lines(t)), ["satu", "dua", "tiga", "", "empat"]);
    }

    #[test]
    fn sentences_respect_abbreviations_and_numbers() {
        let t = "Dr. Sari tiba pukul 14.30 WIB. Ia disambut Gubernur H. Anwar. “Kami siap,” katanya. Rapat selesai!";
        let s = sentences(t, Span::new(0, t.len()));
        assert_eq!(
            texts(t, &s),
            [
                "Dr. Sari tiba pukul 14.30 WIB.",
                "Ia disambut Gubernur H. Anwar.",
                "“Kami siap,” katanya.",
                "Rapat selesai!"
            ]
        );
    }

    #[test]
    fn tokens_keep_names_dates_and_numbers_whole() {
        let t = "Kim Jong-un tiba Rabu (13/9/2023) pukul 14.30, bersama-sama rombongan.";
        let toks = tokens(t, Span::new(0, t.len()));
        assert_eq!(
            texts(t, &toks),
            [
                "Kim",
                "Jong-un",
                "tiba",
                "Rabu",
                "(",
                "13/9/2023",
                ")",
                "pukul",
                "14.30",
                ",",
                "bersama-sama",
                "rombongan",
                "."
            ]
        );
    }

    #[test]
    fn trim_is_unicode_aware() {
        let t = "\u{a0} isi \u{2003}";
        assert_eq!(trim(t, Span::new(0, t.len())).of(t), "isi");
    }
}
