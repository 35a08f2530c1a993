//! Tokens and the Indonesian temporal lexicon: numbers, units, parts of the day, modifiers.
//!
//! All written for warta (no external lexicon). Words are compared lower-cased (ASCII), so a
//! token's text in [`Cx::w`] is already lower-case; [`Cx::raw`] gives the original spelling.

use crate::analysis::{Span, TimeMod};
use crate::segment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// A token: a run of letters/digits (with inner apostrophes), or one punctuation char
/// ([`split_segments`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte offsets relative to the span start.
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// Whitespace precedes this token.
    pub ws: bool,
}

/// One span's text, lower-cased copy and tokens.
pub(crate) struct Cx<'a> {
    pub raw: &'a str,
    pub low: String,
    pub toks: Vec<Tok>,
    pub base: usize,
    /// For each token (and one past the end), the index of the first token of its sentence
    /// (the segmenter's sentences, which know "14.30" and "Rp 1.500" from a full stop),
    /// computed once so that asking is O(1).
    sentence_first: Vec<usize>,
}

impl<'a> Cx<'a> {
    /// The tokens of a span outside the Doc (a caption, or a caller's span): the whole span
    /// split by [`split_segment`], which gives what splitting its segment tokens one by one
    /// gives, without making them first; its sentences are the segmenter's
    /// ([`segment::sentences`]), as the Doc's are.
    pub fn new(text: &'a str, span: Span) -> Self {
        let raw = &text[span.start..span.end];
        let mut toks = Vec::new();
        split_segment(raw, 0, true, &mut toks);
        Cx::with_tokens(text, span, toks, segment::sentences(text, span))
    }
    /// The span's tokens derived from its segment tokens (the Doc's tokens for a body block):
    /// see [`split_segments`]; `sentences` are the span's sentences (the Doc's), in order.
    pub fn with_segments(
        text: &'a str,
        span: Span,
        segments: impl IntoIterator<Item = Span>,
        sentences: impl IntoIterator<Item = Span>,
    ) -> Self {
        let toks = split_segments(&text[span.start..span.end], span.start, segments);
        Cx::with_tokens(text, span, toks, sentences)
    }
    fn with_tokens(text: &'a str, span: Span, toks: Vec<Tok>, sentences: impl IntoIterator<Item = Span>) -> Self {
        let raw = &text[span.start..span.end];
        let low = raw.to_ascii_lowercase();
        // a token opens a sentence when it is the first to start at or after a sentence's
        // start (a sentence never starts inside a token: the grammar's tokens split the
        // segmenter's, never join them)
        let mut starts = sentences.into_iter().map(|s| s.start.saturating_sub(span.start)).peekable();
        let mut sentence_first = Vec::with_capacity(toks.len() + 1);
        let mut first = 0;
        for (i, t) in toks.iter().enumerate() {
            let mut opens = false;
            while starts.peek().is_some_and(|&s| s <= t.s) {
                starts.next();
                opens = true;
            }
            if opens {
                first = i;
            }
            sentence_first.push(first);
        }
        sentence_first.push(first);
        Cx { raw, low, toks, base: span.start, sentence_first }
    }
    /// The index of the first token of the sentence holding token `i` (past the end: that of
    /// the text's end).
    pub fn sentence_first(&self, i: usize) -> usize {
        self.sentence_first[i.min(self.toks.len())]
    }
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    /// Lower-cased token text, "" past the end.
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.low[t.s..t.e],
            None => "",
        }
    }
    pub fn raw_tok(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.raw[t.s..t.e],
            None => "",
        }
    }
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    /// No whitespace between token i-1 and token i.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.ws)
    }
    pub fn num(&self, i: usize) -> Option<u32> {
        if self.kind(i) == Some(Kind::Num) {
            let w = self.w(i);
            if w.len() <= 6 {
                return w.parse().ok();
            }
        }
        None
    }
    /// Number of digits of a numeric token.
    pub fn digits(&self, i: usize) -> usize {
        if self.kind(i) == Some(Kind::Num) { self.w(i).len() } else { 0 }
    }
    pub fn capitalised(&self, i: usize) -> bool {
        self.raw_tok(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// Token i starts a sentence (nothing, or a terminator/opening quote before it).
    pub fn sentence_start(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            match self.w(k) {
                "\"" | "“" | "'" | "‘" | "(" | "-" | "—" | "–" => continue,
                "." | "!" | "?" | ":" | "”" => return true,
                _ => return false,
            }
        }
        true
    }
    /// Absolute byte range of tokens [i, j).
    pub fn range(&self, i: usize, j: usize) -> (usize, usize) {
        (self.base + self.toks[i].s, self.base + self.toks[j - 1].e)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The grammar's tokens of `raw` (a span's text, starting at byte `base` of the text), derived
/// from the span's segment tokens (absolute spans, in order, covering every non-space
/// character: the Doc's tokens).
///
/// Why the grammar splits further than the Doc: it reads numbers and their separators as
/// pieces, so a segment token "13/9/2023" is "13" "/" "9" "/" "2023", "14.30" is "14" "." "30"
/// and "1,5" is "1" "," "5" (the grammar decides between a date, a clock time and a decimal
/// from the pieces and whether they are glued), and "Jong-un" is "Jong" "-" "un"; an
/// apostrophe stays inside a word only after a letter and before one ("Jum'at", but "1'a"
/// splits). Every boundary of the Doc's tokens is a boundary here (a segment token never
/// joins what this splitting keeps apart), so each segment token is split on its own, and a
/// token follows whitespace when the first piece of a segment token does.
pub(crate) fn split_segments(raw: &str, base: usize, segments: impl IntoIterator<Item = Span>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut prev_end = base;
    for seg in segments {
        let ws = out.is_empty() || seg.start > prev_end;
        split_segment(&raw[seg.start - base..seg.end - base], seg.start - base, ws, &mut out);
        prev_end = seg.end;
    }
    out
}

/// The pieces of `tok` (one segment token, or a whole span) at offset `off` of the span: runs
/// of letters and digits (an apostrophe between a letter and a letter kept inside), every other
/// character but whitespace on its own; `ws` says whether whitespace precedes the first.
fn split_segment(tok: &str, off: usize, mut ws: bool, out: &mut Vec<Tok>) {
    let mut it = tok.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            ws = true;
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            let mut alpha = c.is_alphabetic();
            let mut digit = c.is_ascii_digit();
            loop {
                match it.peek().copied() {
                    Some((k, d)) if is_word_char(d) => {
                        alpha |= d.is_alphabetic();
                        digit |= d.is_ascii_digit();
                        end = k + d.len_utf8();
                        it.next();
                    }
                    // Jum'at, Jum’at: an apostrophe between letters stays inside the word
                    Some((k, d)) if (d == '\'' || d == '’') && alpha => {
                        let after = tok[k + d.len_utf8()..].chars().next();
                        if after.is_some_and(|a| a.is_alphabetic()) {
                            end = k + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let kind = if digit && !alpha { Kind::Num } else { Kind::Word };
            out.push(Tok { s: off + i, e: off + end, kind, ws });
        } else {
            out.push(Tok { s: off + i, e: off + i + c.len_utf8(), kind: Kind::Punct, ws });
        }
        ws = false;
    }
}

/// A count: a number, or a vague one ("beberapa", "puluhan").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Qty {
    N(f64),
    Vague,
}

fn unit_number(w: &str) -> Option<u32> {
    Some(match w {
        "satu" | "se" => 1,
        "dua" => 2,
        "tiga" => 3,
        "empat" => 4,
        "lima" => 5,
        "enam" => 6,
        "tujuh" => 7,
        "delapan" => 8,
        "sembilan" => 9,
        _ => return None,
    })
}

/// A number written in digits or words at token i: "48", "1,5", "dua belas", "tiga puluh
/// lima", "setengah", "satu setengah", "beberapa". Returns the end token.
pub(crate) fn number(cx: &Cx, i: usize) -> Option<(usize, Qty)> {
    let w = cx.w(i);
    if let Some(n) = cx.num(i) {
        // decimal comma: "1,5 jam"
        if cx.w(i + 1) == "," && cx.glued(i + 1) && cx.glued(i + 2) && cx.digits(i + 2) == 1 {
            let d = cx.num(i + 2).unwrap_or(0);
            return Some((i + 3, Qty::N(n as f64 + d as f64 / 10.0)));
        }
        return Some((i + 1, Qty::N(n as f64)));
    }
    match w {
        "beberapa" | "puluhan" | "belasan" | "ratusan" | "ribuan" | "sekian" | "berapa" => {
            return Some((i + 1, Qty::Vague));
        }
        "setengah" | "separuh" => return Some((i + 1, Qty::N(0.5))),
        "sepuluh" => return Some((i + 1, Qty::N(10.0))),
        "sebelas" => return Some((i + 1, Qty::N(11.0))),
        "seratus" => return Some((i + 1, Qty::N(100.0))),
        _ => {}
    }
    let first = unit_number(w)? as f64;
    let mut j = i + 1;
    let mut val = first;
    match cx.w(j) {
        "belas" => {
            val = first + 10.0;
            j += 1;
        }
        "puluh" => {
            val = first * 10.0;
            j += 1;
            if let Some(u) = unit_number(cx.w(j)) {
                val += u as f64;
                j += 1;
            }
        }
        "ratus" => {
            val = first * 100.0;
            j += 1;
        }
        _ => {}
    }
    if cx.w(j) == "setengah" {
        val += 0.5;
        j += 1;
    }
    Some((j, Qty::N(val)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// A unit word ("tahun", "pekan", ...). "windu" (8 years) is given as 8 × Year by [`unit_se`].
pub(crate) fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "detik" => Unit::Second,
        "menit" => Unit::Minute,
        "jam" => Unit::Hour,
        "hari" => Unit::Day,
        "pekan" | "minggu" => Unit::Week,
        "bulan" => Unit::Month,
        "tahun" => Unit::Year,
        "dekade" | "dasawarsa" => Unit::Decade,
        "abad" => Unit::Century,
        _ => return None,
    })
}

/// The one-word "se-" forms: "sehari", "sepekan", "setahun" (= one unit).
pub(crate) fn unit_se(w: &str) -> Option<Unit> {
    Some(match w {
        "sedetik" => Unit::Second,
        "semenit" => Unit::Minute,
        "sejam" => Unit::Hour,
        "sehari" => Unit::Day,
        "sepekan" | "seminggu" => Unit::Week,
        "sebulan" => Unit::Month,
        "setahun" => Unit::Year,
        "sedekade" | "sedasawarsa" => Unit::Decade,
        "seabad" => Unit::Century,
        _ => return None,
    })
}

/// ISO 8601 duration of `n` units; fractions go down one unit ("setengah hari" → PT12H).
pub(crate) fn duration_value(q: Qty, u: Unit) -> String {
    let n = match q {
        Qty::Vague => {
            return match u {
                Unit::Second => "PTXS",
                Unit::Minute => "PTXM",
                Unit::Hour => "PTXH",
                Unit::Day => "PXD",
                Unit::Week => "PXW",
                Unit::Month => "PXM",
                Unit::Year => "PXY",
                Unit::Decade => "PXDE",
                Unit::Century => "PXCE",
            }
            .to_string();
        }
        Qty::N(n) => n,
    };
    if n.fract() != 0.0 {
        let (m, sub) = match u {
            Unit::Year => (12.0, Unit::Month),
            Unit::Month => (30.0, Unit::Day),
            Unit::Week => (7.0, Unit::Day),
            Unit::Day => (24.0, Unit::Hour),
            Unit::Hour => (60.0, Unit::Minute),
            Unit::Minute => (60.0, Unit::Second),
            Unit::Decade => (10.0, Unit::Year),
            Unit::Century => (100.0, Unit::Year),
            Unit::Second => return format!("PT{n}S"),
        };
        return duration_value(Qty::N((n * m).round()), sub);
    }
    let n = n as u64;
    match u {
        Unit::Second => format!("PT{n}S"),
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Week => format!("P{n}W"),
        Unit::Month => format!("P{n}M"),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => format!("P{}Y", n * 10),
        Unit::Century => format!("P{}Y", n * 100),
    }
}

/// A part of the day at token i: "pagi", "dini hari", "tengah malam", "selepas ashar".
/// Returns the end token and the TIMEX3 part-of-day code (MO, MI, AF, EV, NI).
pub(crate) fn part_of_day(cx: &Cx, i: usize) -> Option<(usize, &'static str)> {
    let w = cx.w(i);
    let simple = match w {
        "pagi" | "subuh" | "shubuh" => Some("MO"),
        "siang" | "sore" => Some("AF"),
        "petang" | "senja" | "magrib" | "maghrib" => Some("EV"),
        "malam" => Some("NI"),
        _ => None,
    };
    if let Some(p) = simple {
        let mut j = i + 1;
        if cx.w(j) == "hari" {
            j += 1;
        }
        return Some((j, p));
    }
    match (w, cx.w(i + 1)) {
        ("dini", "hari") => return Some((i + 2, "NI")),
        ("tengah", "malam") => return Some((i + 2, "NI")),
        ("tengah", "hari") => return Some((i + 2, "MI")),
        ("rembang", "petang") => return Some((i + 2, "EV")),
        _ => {}
    }
    if matches!(w, "selepas" | "usai" | "setelah" | "sesudah" | "menjelang" | "jelang" | "sebelum" | "waktu") {
        let j = if matches!(cx.w(i + 1), "salat" | "shalat" | "sholat") { i + 2 } else { i + 1 };
        let p = match cx.w(j) {
            "subuh" | "shubuh" | "fajar" => "MO",
            "zuhur" | "dzuhur" | "lohor" => "AF",
            "ashar" | "asar" => "AF",
            "magrib" | "maghrib" => "EV",
            "isya" | "isyak" => "NI",
            _ => return None,
        };
        return Some((j + 1, p));
    }
    None
}

/// A modifier before a quantity: "hampir", "lebih dari", "sekitar". Returns (end, TIMEX3 mod).
pub(crate) fn modifier(cx: &Cx, i: usize) -> Option<(usize, TimeMod)> {
    match (cx.w(i), cx.w(i + 1)) {
        ("lebih", "dari") | ("lebih", "daripada") => Some((i + 2, TimeMod::MoreThan)),
        ("kurang", "dari") => Some((i + 2, TimeMod::LessThan)),
        ("kurang", "lebih") | ("lebih", "kurang") => Some((i + 2, TimeMod::Approx)),
        ("paling", "tidak") | ("paling", "sedikit") => Some((i + 2, TimeMod::EqualOrMore)),
        ("paling", "lama") => Some((i + 2, TimeMod::EqualOrLess)),
        ("kira", "-") if cx.w(i + 2) == "kira" => Some((i + 3, TimeMod::Approx)),
        ("hampir" | "sekitar" | "sekira" | "kira" | "nyaris", _) => Some((i + 1, TimeMod::Approx)),
        ("setidaknya" | "sedikitnya" | "minimal" | "sekurangnya", _) => Some((i + 1, TimeMod::EqualOrMore)),
        ("maksimal" | "selambatnya", _) => Some((i + 1, TimeMod::EqualOrLess)),
        _ => None,
    }
}

/// Full month names (bare month mentions need a full name; abbreviations only after a day).
pub(crate) fn full_month(w: &str) -> Option<u8> {
    if w.len() < 3 || matches!(w, "jan" | "feb" | "peb" | "mar" | "apr" | "jun" | "jul" | "agu" | "agt" | "ags" | "aug")
    {
        return None;
    }
    if matches!(w, "sep" | "sept" | "spt" | "okt" | "oct" | "nov" | "nop" | "des" | "dec" | "may" | "march") {
        return None;
    }
    crate::calendar::month_number(w)
}

/// Roman or written ordinal for quarters/halves: "I", "III", "3", "ketiga".
pub(crate) fn ordinal(w: &str) -> Option<u8> {
    Some(match w {
        "i" | "1" | "pertama" | "satu" | "kesatu" => 1,
        "ii" | "2" | "kedua" | "dua" => 2,
        "iii" | "3" | "ketiga" | "tiga" => 3,
        "iv" | "4" | "keempat" | "empat" => 4,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(s: &str) -> Cx<'_> {
        Cx::new(s, Span::new(0, s.len()))
    }

    #[test]
    fn tokens_keep_words_numbers_and_apostrophes() {
        let c = cx("Jum'at (13/9/2023) QZ8501 pukul 14.30");
        let words: Vec<&str> = (0..c.len()).map(|i| c.w(i)).collect();
        assert_eq!(words, ["jum'at", "(", "13", "/", "9", "/", "2023", ")", "qz8501", "pukul", "14", ".", "30"]);
        assert_eq!(c.kind(8), Some(Kind::Word));
        assert!(c.glued(3) && !c.glued(1));
    }

    #[test]
    fn tokens_from_segments_equal_tokens_of_the_span() {
        let s = "Jum'at  (13/9/2023) pukul 14.30—Kim Jong-un, 1'a e\u{301}x ‘kata’ 1,5 jam.";
        let span = Span::new(0, s.len());
        let a = cx(s);
        let b = Cx::with_segments(s, span, segment::tokens(s, span), segment::sentences(s, span));
        let key = |c: &Cx| c.toks.iter().map(|t| (t.s, t.e, t.kind, t.ws)).collect::<Vec<_>>();
        assert_eq!(key(&a), key(&b));
    }

    #[test]
    fn sentences_are_the_segmenters_not_every_full_stop() {
        // "14.30" and "Rp 1.500" hold full stops that end no sentence; "Selasa." does
        let s = "Rapat dimulai pukul 14.30 dengan biaya Rp 1.500 per orang. Selasa depan ditutup.";
        let c = cx(s);
        let at = |w: &str| (0..c.len()).find(|&i| c.w(i) == w).unwrap();
        assert_eq!(c.sentence_first(at("30")), 0);
        assert_eq!(c.sentence_first(at("orang")), 0);
        assert_eq!(c.sentence_first(at("depan")), at("selasa"));
        assert_eq!(c.sentence_first(c.len()), at("selasa"));
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let c = cx("dua belas tiga puluh lima satu setengah 1,5 beberapa");
        assert_eq!(number(&c, 0), Some((2, Qty::N(12.0))));
        assert_eq!(number(&c, 2), Some((5, Qty::N(35.0))));
        assert_eq!(number(&c, 5), Some((7, Qty::N(1.5))));
        assert_eq!(number(&c, 7), Some((10, Qty::N(1.5))));
        assert_eq!(number(&c, 10), Some((11, Qty::Vague)));
    }

    #[test]
    fn durations_with_fractions() {
        assert_eq!(duration_value(Qty::N(0.5), Unit::Day), "PT12H");
        assert_eq!(duration_value(Qty::N(1.5), Unit::Year), "P18M");
        assert_eq!(duration_value(Qty::N(48.0), Unit::Hour), "PT48H");
        assert_eq!(duration_value(Qty::Vague, Unit::Day), "PXD");
    }
}
