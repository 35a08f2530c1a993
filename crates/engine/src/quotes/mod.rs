//! Quotes and reported speech, each with its speaker, the outlet it came through (`via`) and how
//! sure the text is of the claim; and the agencies and outlets the article relies on (`sources`).
//!
//! ```text
//! paragraphs ─ marks ─▶ quotations between marks (joined over paragraphs)
//!            ─ attribution ─▶ cue ("kata", "ujarnya", "mengatakan", "menurut") + speaker phrase
//!            ─ speaker ─▶ entity | name as written (+ role) | outlet | description (anonim)
//!                         | pronoun/clitic/title → the last speaker
//!            ─ status ─▶ confirmed, reported, planned, speculated, denied, unconfirmed, conditional
//! ```
//!
//! Direct quotes are the text between marks (“…”, "…", ‘…’, «…»); the reported ones are the
//! clause of "X mengatakan (bahwa) …", "Menurut X, …", "…, kata X." and "…, X melaporkan.".
//! A quotation with no attribution of its own is a quote only when it is a sentence or more
//! (short quoted phrases are scare quotes or part of a reported clause); its speaker is the
//! last one when there is one, otherwise null: never a guess.
//!
//! Pure: no I/O. Word lists are in `lexicon.rs` and `outlets.txt`, written for warta.

pub(crate) mod lexicon;
mod marks;
mod outlets;
mod speaker;

use crate::analysis::{Entity, Paragraph, Quote, Span, SpeakerKind, StatusCue, TextSpan};
use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::lexicon::Words;
use crate::status::{self, Status};
use lexicon::*;
pub use marks::is_mark;
use marks::{Block, Marked};
pub use outlets::Outlets;
use speaker::{Ents, How, Speaker, Tok, phrase_len, resolve, toks};

/// Quotes and sources of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteResult {
    pub quotes: Vec<Quote>,
    /// Agencies and outlets the article cites, canonical names, in order of first citation.
    pub sources: Vec<String>,
}

/// How a quote is given (the contract's [`QuoteKind`]).
pub use crate::analysis::QuoteKind as Kind;

/// What an attribution found.
struct Attribution {
    cue: Option<Span>,
    speaker: Option<Speaker>,
}

/// One quote before it becomes a [`Quote`].
struct Found {
    kind: Kind,
    parts: Vec<Span>,
    closed: bool,
    attr: Attribution,
    /// The span the status and `via` are read from (statement plus attribution).
    claim: Span,
}

/// Extract quotes and sources. `entities` may be empty: speakers then are names as written.
pub fn extract(text: &str, paragraphs: &[Paragraph], entities: &[Entity]) -> QuoteResult {
    extract_doc(text, &Doc::new(text, paragraphs), entities)
}

/// [`extract`] over the article's [`Doc`] (its blocks and sentences, split once).
pub fn extract_doc(text: &str, doc: &Doc, entities: &[Entity]) -> QuoteResult {
    let entities = &Ents::new(entities);
    let outlets = Outlets::get();
    let blocks = &doc.blocks[..];
    let marked = marks::find(text, blocks);
    let sentences = &doc.sentences[..];

    let mut found: Vec<Found> = Vec::new();
    let mut hist: Vec<Speaker> = Vec::new();
    let mut last_para: Option<usize> = None;
    // walk sentences and quotations in text order
    let mut qi = 0;
    let mut covered: Vec<Span> = Vec::new();
    let block_toks = BlockToks::new(text, blocks);
    for &(bi, sent) in sentences {
        // quotations starting before this sentence ends
        while qi < marked.len() && marked[qi].parts[0].start < sent.end {
            let m = &marked[qi];
            qi += 1;
            if let Some(f) = direct(text, blocks, &block_toks, m, entities, outlets, &hist, last_para) {
                if let Some(s) = &f.attr.speaker {
                    hist.push(s.clone());
                }
                last_para = Some(block_of(blocks, f.parts.last().map_or(0, |p| p.end)).map_or(bi, |b| blocks[b].para));
                covered
                    .push(Span::new(f.claim.start.min(f.parts[0].start), f.claim.end.max(f.parts.last().unwrap().end)));
                found.push(f);
            }
        }
        // spans that end before this sentence can cover no later one: dropping them keeps a
        // text of many quotations and many sentences linear
        covered.retain(|c| c.end > sent.start);
        if covered.iter().any(|c| c.start < sent.end && sent.start < c.end) {
            continue;
        }
        if let Some(f) = reported(text, sent, entities, outlets, &hist) {
            if let Some(s) = &f.attr.speaker {
                hist.push(s.clone());
            }
            last_para = Some(blocks[bi].para);
            found.push(f);
        }
    }
    found.sort_by_key(|f| f.parts[0].start);

    let mut sources: Vec<String> = Vec::new();
    let mut quotes = Vec::new();
    for f in found {
        let q = build(text, f, outlets);
        if let Some(v) = &q.via
            && outlets.canonical(v).is_some()
            && !sources.contains(v)
        {
            sources.push(v.clone());
        }
        quotes.push(q);
    }
    for b in blocks {
        for (sp, canon) in outlets.find(text, b.span) {
            if cited(text, b.span, sp) && !sources.contains(&canon) {
                sources.push(canon);
            }
        }
    }
    QuoteResult { quotes, sources }
}

/// The block holding `pos` (blocks are in text order and do not overlap): a binary search, so a
/// text of many short paragraphs full of quotations stays n log n.
fn block_of(blocks: &[Block], pos: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.span.end < pos);
    blocks.get(i).filter(|b| b.span.start <= pos).map(|_| i)
}

/// The tokens and the sentence terminators of each block, made once on first use: every
/// quotation reads the words before and after its marks as a slice of these, and looks for its
/// sentence's ends among the terminators, instead of tokenising and scanning its window again
/// (which made a block of many quotations quadratic, or 2,000 bytes of work per quotation).
struct BlockToks<'t> {
    text: &'t str,
    blocks: &'t [Block],
    cache: Vec<std::cell::OnceCell<Vec<Tok>>>,
    terminators: Vec<std::cell::OnceCell<Vec<usize>>>,
}

impl<'t> BlockToks<'t> {
    fn new(text: &'t str, blocks: &'t [Block]) -> Self {
        BlockToks {
            text,
            blocks,
            cache: blocks.iter().map(|_| std::cell::OnceCell::new()).collect(),
            terminators: blocks.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The tokens of block `bi` that lie wholly inside `span`.
    fn within(&self, bi: usize, span: Span) -> &[Tok] {
        let all = self.cache[bi].get_or_init(|| toks(self.text, self.blocks[bi].span));
        let lo = all.partition_point(|t| t.span.start < span.start);
        let hi = all.partition_point(|t| t.span.end <= span.end).max(lo);
        &all[lo..hi]
    }

    /// The byte offsets of the '.', '!' and '?' of block `bi` in `from..to`, in text order.
    fn terminators(&self, bi: usize, from: usize, to: usize) -> &[usize] {
        let all = self.terminators[bi].get_or_init(|| {
            let b = self.blocks[bi].span;
            let bytes = &self.text.as_bytes()[b.start..b.end];
            bytes
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c, b'.' | b'!' | b'?'))
                .map(|(i, _)| b.start + i)
                .collect()
        });
        crate::span_index::starting_in(all, |&i| i, from, to)
    }
}

/// Words that make an outlet mention a citation when they sit just before it.
static CITE_BEFORE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/cite-before.txt"));
/// Reporting verbs right after an outlet mention.
static CITE_AFTER: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/cite-after.txt"));

/// Is the outlet at `sp` cited as a source (not merely mentioned)?
fn cited(text: &str, block: Span, sp: Span) -> bool {
    // Four words before and one after are all that is read: a bounded window keeps a block
    // that names outlets thousands of times linear.
    let from = floor_boundary(text, sp.start.saturating_sub(200).max(block.start)).max(block.start);
    let to = floor_boundary(text, block.end.min(sp.end + 200)).max(sp.end);
    let before = status::words(text, Span::new(from, sp.start));
    let after = status::words(text, Span::new(sp.end, to));
    let near_before = before.iter().rev().take(4).any(|(w, _)| CITE_BEFORE.contains(&w.as_str()));
    let sumber = text[from..sp.start].trim_end().ends_with("Sumber:");
    let next = after.first().is_some_and(|(w, _)| CITE_AFTER.contains(&w.as_str()));
    near_before || sumber || next
}

/// How far (bytes) the sentence around a quote is looked for either side of its marks. A real
/// sentence is far shorter; the bound keeps a paragraph of thousands of quotes linear (each
/// quote looks at its own neighbourhood, not the whole paragraph).
const WINDOW: usize = 2000;

/// The largest character boundary of `text` at or before `i` (`str::floor_char_boundary`, which
/// is newer than this crate's minimum Rust).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The end of the sentence that contains `pos` in block `bi` (after a terminator and the
/// closing marks that follow it, or the block's end).
fn sentence_end(text: &str, block_toks: &BlockToks, bi: usize, pos: usize) -> usize {
    let block = block_toks.blocks[bi].span;
    let end = floor_boundary(text, block.end.min(pos.saturating_add(WINDOW)));
    let s = &text[pos..end.max(pos)];
    for &at in block_toks.terminators(bi, pos, end) {
        let i = at - pos;
        let rest = &s[i + 1..];
        let t = rest.trim_start_matches(|c: char| is_mark(c) || c == ')');
        if t.is_empty() || t.starts_with(char::is_whitespace) {
            // abbreviation-like: a single capital before the dot ("H.")
            let before = &s[..i];
            let w = before.rsplit(char::is_whitespace).next().unwrap_or("");
            if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
                continue;
            }
            return pos + i + 1 + (rest.len() - t.len());
        }
    }
    end.max(pos)
}

/// The start of the sentence that contains `pos` in block `bi`.
fn sentence_start(text: &str, block_toks: &BlockToks, bi: usize, pos: usize) -> usize {
    let block = block_toks.blocks[bi].span;
    let from = floor_boundary(text, pos.saturating_sub(WINDOW).max(block.start)).max(block.start).min(pos);
    let s = &text[from..pos];
    let mut best = from;
    // the last boundary wins: read backwards from `pos` and stop at the first
    for &at in block_toks.terminators(bi, from, pos).iter().rev() {
        let i = at - from;
        let rest = &s[i + 1..];
        let t = rest.trim_start_matches(|c: char| is_mark(c) || c == ')');
        if t.starts_with(char::is_whitespace) {
            let t2 = t.trim_start();
            if t2.is_empty() || t2.starts_with(|c: char| c.is_uppercase() || is_mark(c) || c.is_ascii_digit()) {
                best = from + i + 1 + (rest.len() - t.len());
                break;
            }
        }
    }
    best + (text[best..pos].len() - text[best..pos].trim_start().len())
}

fn word_count(text: &str, span: Span) -> usize {
    status::words(text, span).len()
}

/// Is `w` a post cue ("kata"), possibly with its clitic ("katanya")? Returns (cue, clitic).
fn post_cue(w: &str) -> Option<bool> {
    if POST_CUES.contains(&w) {
        return Some(false);
    }
    w.strip_suffix("nya").filter(|s| POST_CUES.contains(s) || *s == "menurut").map(|_| true)
}

fn verb(w: &str) -> Option<bool> {
    VERBS.iter().find(|(v, _)| *v == w).map(|(_, strong)| *strong)
}

/// Attribution after a quotation or a reported clause: `toks` start right after it.
fn attribution_after(
    text: &str,
    toks: &[Tok],
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
) -> Option<Attribution> {
    let mut i = 0;
    while i < toks.len() && !toks[i].word && matches!(toks[i].lower.as_str(), "," | "”" | "\"" | "’" | "—" | "-")
    {
        i += 1;
    }
    if i < toks.len() && toks[i].lower == "demikian" {
        i += 1;
    }
    let t = toks.get(i)?;
    if !t.word {
        return None;
    }
    if let Some(clitic) = post_cue(&t.lower) {
        if clitic {
            return Some(Attribution { cue: Some(t.span), speaker: hist.last().map(|l| l.again(How::Clitic, None)) });
        }
        let rest = &toks[i + 1..];
        let n = phrase_len(text, rest);
        let speaker = speaker_with_apposition(text, rest, n, entities, outlets, hist);
        speaker.as_ref()?;
        return Some(Attribution { cue: Some(t.span), speaker });
    }
    // "…,” Presiden menambahkan." — a short subject, then a full speech verb
    let subject_like = t.cap || ANON_OPENERS.contains(&t.lower.as_str()) || ANON_HEADS.contains(&t.lower.as_str());
    for j in i..toks.len().min(i + 12) {
        if !subject_like {
            break;
        }
        if !toks[j].word {
            break;
        }
        if verb(&toks[j].lower).is_some() && j > i {
            let n = phrase_len(text, &toks[i..j]);
            if n == j - i {
                let speaker = resolve(text, &toks[i..j], entities, outlets, hist);
                if speaker.is_some() {
                    return Some(Attribution { cue: Some(toks[j].span), speaker });
                }
            }
            break;
        }
    }
    None
}

/// A speaker phrase of `n` tokens, with an apposition after a comma ("Yang Moo-jin, presiden …")
/// taken as the role.
fn speaker_with_apposition(
    text: &str,
    rest: &[Tok],
    n: usize,
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
) -> Option<Speaker> {
    let mut sp = resolve(text, &rest[..n], entities, outlets, hist)?;
    if sp.how == How::Named
        && sp.role.is_none()
        && rest.get(n).is_some_and(|t| t.lower == ",")
        && let Some(t) = rest.get(n + 1)
        && t.word
        && !t.cap
        && (NON_NAME_WORDS.contains(&t.lower.as_str()) || ANON_HEADS.contains(&t.lower.as_str()))
    {
        let mut m = n + 1;
        while m < rest.len() && rest[m].lower != "," && rest[m].lower != "." && verb(&rest[m].lower).is_none() {
            m += 1;
        }
        let role = Span::new(rest[n + 1].span.start, rest[m - 1].span.end);
        sp.role = Some(role.of(text).to_string());
    }
    Some(sp)
}

/// Attribution before a quotation: "X mengatakan, “…”", "Menurut X, “…”", "X: “…”".
fn attribution_before(
    text: &str,
    toks: &[Tok],
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
) -> Option<Attribution> {
    let mut end = toks.len();
    while end > 0 && !toks[end - 1].word && matches!(toks[end - 1].lower.as_str(), "," | ":") {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let colon = end < toks.len() && toks[end..].iter().any(|t| t.lower == ":");
    let mut v = end;
    if toks[v - 1].lower == "bahwa" {
        v -= 1;
    }
    // "menurut X," at the start
    if toks[0].lower == "menurut" && end > 1 {
        let n = phrase_len(text, &toks[1..end]);
        let speaker = resolve(text, &toks[1..1 + n], entities, outlets, hist);
        if speaker.is_some() {
            return Some(Attribution { cue: Some(toks[0].span), speaker });
        }
    }
    // the verb right before the quote (or before "kepada X" and "bahwa")
    let lo = v.saturating_sub(6);
    for j in (lo..v).rev() {
        let w = toks[j].lower.as_str();
        let adjacent = j + 1 == v
            || toks.get(j + 1).is_some_and(|t| t.lower == "kepada")
            || (post_cue(w) == Some(false) && verb(w).is_none());
        if !adjacent {
            continue;
        }
        let is_cue = verb(w).is_some() || post_cue(w) == Some(false) && j + 1 < v;
        if !is_cue {
            continue;
        }
        if post_cue(w) == Some(false) && verb(w).is_none() {
            // "kata X, “…”"
            let rest = &toks[j + 1..end];
            let n = phrase_len(text, rest);
            let speaker = resolve(text, &rest[..n], entities, outlets, hist);
            return speaker.map(|s| Attribution { cue: Some(toks[j].span), speaker: Some(s) });
        }
        let speaker = subject_before(text, &toks[..j], entities, outlets, hist);
        return Some(Attribution { cue: Some(toks[j].span), speaker });
    }
    if colon {
        let speaker = subject_before(text, &toks[..end], entities, outlets, hist);
        if speaker.is_some() {
            return Some(Attribution { cue: None, speaker });
        }
    }
    None
}

/// Temporal and adverbial words that may sit between a subject and its verb.
static ADJUNCT: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/adjunct.txt"));

/// The subject of a verb: the noun phrase right before it (skipping "pada Rabu (12/6)" and the like).
fn subject_before(text: &str, toks: &[Tok], entities: &Ents, outlets: &Outlets, hist: &[Speaker]) -> Option<Speaker> {
    let mut end = toks.len();
    while end > 0 && toks[end - 1].lower == "," {
        end -= 1;
    }
    // the subject sits after the last comma; a relative clause ", yang …," in between is skipped
    let mut seg_start = toks[..end].iter().rposition(|t| t.lower == ",").map_or(0, |c| c + 1);
    let seg_words = toks[seg_start..end].iter().filter(|t| t.word && !ADJUNCT.contains(&t.lower.as_str())).count();
    if seg_start > 0 && seg_words == 0 {
        end = seg_start - 1;
        seg_start = toks[..end].iter().rposition(|t| t.lower == ",").map_or(0, |c| c + 1);
    }
    if toks.get(seg_start).is_some_and(|t| t.lower == "yang") && seg_start > 0 {
        end = seg_start - 1;
        seg_start = toks[..end].iter().rposition(|t| t.lower == ",").map_or(0, |c| c + 1);
    }
    let toks_all = toks;
    let toks = &toks_all[..end];
    let _ = seg_start;
    // drop a trailing temporal phrase that starts with "pada"/"dalam"/"di" or a weekday
    let tail_from = end.saturating_sub(8).max(seg_start);
    if let Some(p) = toks[tail_from..end]
        .iter()
        .position(|t| {
            matches!(t.lower.as_str(), "pada" | "dalam" | "saat" | "ketika" | "usai" | "seusai")
                || crate::calendar::weekday(&t.lower).is_some()
        })
        .map(|p| p + tail_from)
        && end - p <= 8
        && p > seg_start
    {
        end = p;
    }
    loop {
        while end > 0 && toks[end - 1].word && ADJUNCT.contains(&toks[end - 1].lower.as_str()) {
            end -= 1;
        }
        // "bulan lalu", "tahun lalu", "pekan lalu"
        if end >= 2 && toks[end - 1].lower == "lalu" {
            end -= 2;
            continue;
        }
        break;
    }
    if end == 0 {
        return None;
    }
    if toks[end - 1].lower == "yang" {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let t = &toks[start - 1];
        if t.lower == ")" {
            // a parenthesised acronym inside a title: "Kepala Badan … (BPBD) Kota Semarang"
            let lo = start.saturating_sub(5);
            if let Some(o) = toks[lo..start - 1].iter().rposition(|x| x.lower == "(").map(|o| o + lo)
                && o > 0
                && toks[o - 1].word
            {
                start = o;
                continue;
            }
            break;
        }
        if !t.word {
            break;
        }
        let w = t.lower.as_str();
        let ok = t.cap
            || ANON_HEADS.contains(&w)
            || ANON_OPENERS.contains(&w)
            || NON_NAME_WORDS.contains(&w)
            || Words::PronounsQuotes.contains(w)
            || matches!(w, "di" | "dari" | "senior" | "tinggi" | "milik" | "itu" | "tersebut" | "satu");
        if !ok {
            break;
        }
        start -= 1;
    }
    while start < end && matches!(toks[start].lower.as_str(), "di" | "dari" | "dan") {
        start += 1;
    }
    if start == end {
        // "…, dan mengatakan": the sentence's subject
        if end >= 1 && matches!(toks[end - 1].lower.as_str(), "dan" | "serta" | "lalu" | "kemudian") {
            let n = phrase_len(text, toks);
            if n > 0 {
                return resolve(text, &toks[..n], entities, outlets, hist);
            }
        }
        return None;
    }
    let n = phrase_len(text, &toks[start..end]);
    let n = if n == 0 { end - start } else { n };
    resolve(text, &toks[start..start + n], entities, outlets, hist)
}

/// A quotation between marks, with its attribution; None when it is a scare quote or part of a
/// reported clause.
#[allow(clippy::too_many_arguments)]
fn direct(
    text: &str,
    blocks: &[Block],
    block_toks: &BlockToks,
    m: &Marked,
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
    last_para: Option<usize>,
) -> Option<Found> {
    let first = m.parts[0];
    let lastp = *m.parts.last().unwrap();
    let i0 = block_of(blocks, first.start)?;
    let i1 = block_of(blocks, lastp.end.saturating_sub(1))?;
    let (b0, b1) = (blocks[i0], blocks[i1]);
    let inner_words = m.parts.iter().map(|p| word_count(text, *p)).sum::<usize>();
    // before: from the sentence start to the opening mark
    let s0 = sentence_start(text, block_toks, i0, first.start);
    let pre = block_toks.within(i0, Span::new(s0, first.start));
    let pre_words = pre.iter().filter(|t| t.word).count();
    // after: from the closing mark to the sentence end
    let inner_ends = text[floor_boundary(text, lastp.end.saturating_sub(WINDOW))..lastp.end]
        .trim_end_matches(|c: char| is_mark(c) || c.is_whitespace())
        .ends_with(['.', '!', '?']);
    let next_upper = text[lastp.end..b1.span.end].trim_start().starts_with(|c: char| c.is_uppercase());
    let (post_span, claim_end) = if m.closed && !(inner_ends && next_upper) {
        let e = sentence_end(text, block_toks, i1, lastp.end);
        (Span::new(lastp.end, e), e)
    } else {
        (Span::new(lastp.end, lastp.end), lastp.end)
    };
    let post = block_toks.within(i1, post_span);
    let after = attribution_after(text, post, entities, outlets, hist);
    let before = if pre_words > 0 { attribution_before(text, pre, entities, outlets, hist) } else { None };
    let claim = Span::new(s0, claim_end);
    let ends_sentence =
        post.iter().find(|t| t.lower != ",").is_none_or(|t| matches!(t.lower.as_str(), "." | "!" | "?"));
    match (after, before) {
        (Some(a), _) => {
            if pre_words > 0 && before_is_clause(pre) {
                // the quoted part ends a sentence that the cue attributes as a whole
                let mut parts = m.parts.clone();
                parts[0] = Span::new(s0, parts[0].end);
                Some(Found { kind: Kind::Mixed, parts, closed: m.closed, attr: a, claim })
            } else {
                Some(Found { kind: Kind::Direct, parts: m.parts.clone(), closed: m.closed, attr: a, claim })
            }
        }
        (None, Some(b)) if inner_words >= 3 || ends_sentence => {
            Some(Found { kind: Kind::Direct, parts: m.parts.clone(), closed: m.closed, attr: b, claim })
        }
        (None, _) if pre_words == 0 && inner_words >= 4 && !m.single => {
            // a quote paragraph on its own: the speaker of the quote just before, if it is near
            let para = b0.para;
            let near = last_para.is_some_and(|lp| para <= lp + 2);
            let speaker = if near { hist.last().map(|l| l.again(How::CarryOver, None)) } else { None };
            Some(Found {
                kind: Kind::Direct,
                parts: m.parts.clone(),
                closed: m.closed,
                attr: Attribution { cue: None, speaker },
                claim,
            })
        }
        _ => None,
    }
}

/// Does the text before a quotation read as the start of a clause (not an attribution)?
fn before_is_clause(pre: &[Tok]) -> bool {
    let words: Vec<&Tok> = pre.iter().filter(|t| t.word).collect();
    !words.is_empty() && !words.iter().any(|t| verb(&t.lower).is_some() || t.lower == "menurut")
}

/// A reported statement in `sent` (outside quotation marks), if the sentence has one.
fn reported(text: &str, sent: Span, entities: &Ents, outlets: &Outlets, hist: &[Speaker]) -> Option<Found> {
    let ts = toks(text, sent);
    if ts.iter().filter(|t| t.word).count() < 4 {
        return None;
    }
    let mut body_end = ts.len();
    while body_end > 0 && !ts[body_end - 1].word && !is_mark_tok(&ts[body_end - 1]) {
        body_end -= 1;
    }
    let found = |statement: Span, attr: Attribution| Found {
        kind: Kind::Reported,
        parts: vec![statement],
        closed: true,
        attr,
        claim: sent,
    };
    // 1. "Menurut X, …"
    let lead = ts.iter().take(4).position(|t| t.lower == "menurut");
    if let Some(p) = lead
        && ts[..p]
            .iter()
            .all(|t| !t.word || matches!(t.lower.as_str(), "namun" | "sementara" | "itu" | "adapun" | "tetapi" | "dan"))
        && let Some(c) = ts[p + 1..].iter().position(|t| t.lower == ",").map(|c| c + p + 1)
    {
        // a name with commas and a parenthesised acronym: "Menurut Badan A, B, dan C (ABC), …"
        let c = (c + 1..body_end.min(c + 10))
            .find(|&k| ts[k].lower == "," && ts[k - 1].lower == ")")
            .filter(|&k| ts[c + 1..k].iter().all(|t| !t.word || t.cap || t.lower == "dan"))
            .unwrap_or(c);
        let x = &ts[p + 1..c];
        let attr = menurut_speaker(text, x, entities, outlets, hist, ts[p].span);
        if attr.speaker.is_some()
            && let Some(st) = clause(text, &ts, c + 1, body_end)
        {
            return Some(found(st, attr));
        }
    }
    // 2. "…, menurut X." / "…, kata X." / "…, katanya." / "…, X melaporkan."
    for c in 3..body_end {
        if ts[c].lower != "," {
            continue;
        }
        let rest = &ts[c + 1..body_end];
        let Some(t) = rest.first() else { break };
        let attr = if t.lower == "menurut" {
            let n = phrase_len(text, &rest[1..]);
            Some(menurut_speaker(text, &rest[1..1 + n], entities, outlets, hist, t.span))
        } else {
            attribution_after(text, rest, entities, outlets, hist).filter(|a| {
                // a subject-verb attribution must end the sentence ("…, KCNA melaporkan pada Rabu.")
                let Some(cue) = a.cue else { return false };
                let is_verb = verb(&cue.of(text).to_lowercase()).is_some();
                let tail: Vec<&Tok> = rest.iter().filter(|t| t.span.start > cue.start && t.word).collect();
                !is_verb || (tail.len() <= 8 && !tail.iter().any(|t| t.lower == "bahwa" || verb(&t.lower).is_some()))
            })
        };
        let Some(attr) = attr else { continue };
        if attr.speaker.is_none() {
            continue;
        }
        // an outlet passing on what someone in the clause said: that someone speaks, via the outlet
        if attr.speaker.as_ref().is_some_and(|s| s.outlet.is_some())
            && let Some(inner) = subject_verb(text, &ts, c, entities, outlets, hist)
        {
            return Some(found(inner.0, inner.1));
        }
        if let Some(st) = clause(text, &ts, 0, c) {
            return Some(found(st, attr));
        }
    }
    // 3. "X mengatakan (kepada Y) (bahwa) …"
    subject_verb(text, &ts, body_end, entities, outlets, hist).map(|(st, a)| found(st, a))
}

fn is_mark_tok(t: &Tok) -> bool {
    !t.word && t.lower.chars().next().is_some_and(is_mark)
}

/// The statement between tokens `from` and `to`: trimmed, without a leading dateline, at least
/// three words.
fn clause(text: &str, ts: &[Tok], from: usize, to: usize) -> Option<Span> {
    let ws = &ts[from.min(to)..to];
    let a = ws.iter().position(|t| t.word || is_mark_tok(t))?;
    let mut b = ws.len();
    while b > a && !ws[b - 1].word && !is_mark_tok(&ws[b - 1]) && ws[b - 1].lower != ")" {
        b -= 1;
    }
    let mut sp = Span::new(ws[a].span.start, ws[b - 1].span.end);
    if let Some(m) = dateline_re().find(sp.of(text)) {
        sp = Span::new(sp.start + m.end(), sp.end);
    }
    (word_count(text, sp) >= 3).then_some(sp)
}

fn dateline_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^(?:[\p{Lu}][\w.]*[,.]?\s+(?:\([\p{Lu}]+\)\s+)?){1,4}[-–—]\s+(?:[\p{Lu}]+\.\s+)?")
            .expect("valid")
    })
}

/// "X mengatakan (kepada Y) (bahwa) …" among `ts[..end]`: the statement and its attribution.
fn subject_verb(
    text: &str,
    ts: &[Tok],
    end: usize,
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
) -> Option<(Span, Attribution)> {
    for v in 1..end {
        let Some(strong) = verb(&ts[v].lower) else { continue };
        if matches!(ts[v - 1].lower.as_str(), "yang" | "untuk" | "akan" | "ingin" | "tidak" | "belum") {
            continue;
        }
        let Some(speaker) = subject_before(text, &ts[..v], entities, outlets, hist) else { continue };
        // the clause: after "bahwa" when it comes soon (before any comma), else right after the verb
        let window = if strong { 10 } else { 4 };
        let mut bahwa = None;
        for (k, t) in ts.iter().enumerate().take(end.min(v + 1 + window)).skip(v + 1) {
            if t.lower == "bahwa" {
                bahwa = Some(k);
                break;
            }
            if t.lower == "," || (t.word && verb(&t.lower).is_some()) {
                break;
            }
        }
        let colon = ts.get(v + 1).is_some_and(|t| t.lower == ":" || t.lower == ",");
        let from = match bahwa {
            Some(b) => b + 1,
            None if strong || colon => {
                let mut f = v + 1;
                if ts.get(f).is_some_and(|t| t.lower == "kepada") {
                    // "mengatakan kepada wartawan, …"
                    while f < end && ts[f].lower != "," {
                        f += 1;
                    }
                }
                f
            }
            None => continue,
        };
        // the clause ends where a trailing ", menurut X" or ", kata X" starts
        let mut to = end;
        for c in from..end {
            if ts[c].lower == ","
                && ts.get(c + 1).is_some_and(|t| t.lower == "menurut" || post_cue(&t.lower) == Some(false))
            {
                to = c;
                break;
            }
        }
        if let Some(st) = clause(text, ts, from, to) {
            return Some((st, Attribution { cue: Some(ts[v].span), speaker: Some(speaker) }));
        }
    }
    None
}

/// The speaker of "menurut X": X, or the one X quotes ("Menurut Yonhap yang mengutip seorang pejabat").
fn menurut_speaker(
    text: &str,
    x: &[Tok],
    entities: &Ents,
    outlets: &Outlets,
    hist: &[Speaker],
    cue: Span,
) -> Attribution {
    if let Some(k) = x.iter().position(|t| t.lower == "mengutip") {
        let inner = &x[k + 1..];
        let n = phrase_len(text, inner);
        if let Some(s) = resolve(text, &inner[..n], entities, outlets, hist) {
            return Attribution { cue: Some(cue), speaker: Some(s) };
        }
    }
    let org_list = x.last().is_some_and(|t| t.lower == ")") && x.iter().all(|t| !t.word || t.cap || t.lower == "dan");
    let n = if org_list { x.len() } else { phrase_len(text, x) };
    let speaker = speaker_with_apposition(text, x, n.max(1).min(x.len()), entities, outlets, hist);
    Attribution { cue: Some(cue), speaker }
}

/// The outlet a claim came through: named in the attribution (not inside the statement).
fn via(text: &str, f: &Found, outlets: &Outlets) -> Option<String> {
    if let Some(o) = f.attr.speaker.as_ref().and_then(|s| s.outlet.clone()) {
        return Some(o);
    }
    let inside = |sp: Span| f.parts.iter().any(|p| p.start <= sp.start && sp.end <= p.end);
    let dateline_end = dateline_re().find(f.claim.of(text)).map_or(f.claim.start, |m| f.claim.start + m.end());
    if let Some((_, canon)) =
        outlets.find(text, f.claim).into_iter().find(|(sp, _)| !inside(*sp) && sp.start >= dateline_end)
    {
        return Some(canon);
    }
    // an unnamed agency: "seperti dikutip oleh kantor berita Rusia"
    let claim = f.claim.of(text);
    let lower = claim.to_lowercase();
    for key in ["kantor berita ", "media "] {
        if let Some(p) = lower.find(key) {
            let before = &lower[..p];
            if ["dikutip", "mengutip", "dilansir", "melansir", "menurut"].iter().any(|c| {
                before.trim_end().ends_with(c)
                    || before.trim_end().ends_with("oleh")
                    || before.trim_end().ends_with("dari")
            }) {
                let abs = f.claim.start + p;
                if !inside(Span::new(abs, abs + key.len())) {
                    let rest: Vec<&str> = claim[p..].split_whitespace().take(3).collect();
                    let phrase = rest.join(" ");
                    return Some(phrase.trim_end_matches(['.', ',']).to_string());
                }
            }
        }
    }
    None
}

fn build(text: &str, f: Found, outlets: &Outlets) -> Quote {
    let via = via(text, &f, outlets);
    // the statement without its outer marks and trailing comma
    let first = f.parts[0];
    let lastp = *f.parts.last().unwrap();
    let raw = Span::new(first.start, lastp.end);
    let inner = strip_marks(text, raw);
    let a = status::assess(text, f.claim, Status::Reported);
    let status_cue =
        a.cue.map(|c| StatusCue { text: c.of(text).to_string(), start: c.start, end: c.end, negated: a.negated });
    let mut q = Quote {
        text: inner.of(text).to_string(),
        start: inner.start,
        end: inner.end,
        speaker: None,
        speaker_entity: None,
        via,
        kind: f.kind,
        cue: f.attr.cue.map(|c| TextSpan::of(text, c)),
        status: a.status,
        status_cue,
        parts: if f.parts.len() > 1 { f.parts.clone() } else { Vec::new() },
        unclosed: !f.closed,
        speaker_span: None,
        speaker_resolution: None,
        speaker_role: None,
        speaker_description: None,
        speaker_kind: None,
        anonymous: false,
    };
    if let Some(s) = f.attr.speaker {
        q.speaker_span = s.span.map(|sp| TextSpan::of(text, sp));
        q.speaker_resolution = Some(s.how);
        q.speaker_kind = Some(if s.outlet.is_some() {
            SpeakerKind::Outlet
        } else if s.person {
            SpeakerKind::Person
        } else {
            SpeakerKind::Organisation
        });
        q.anonymous = s.anonymous;
        q.speaker = Some(s.name);
        q.speaker_entity = s.entity;
        q.speaker_role = s.role;
        q.speaker_description = s.description;
    }
    q
}

/// `span` without outer quote marks, whitespace and a trailing comma.
pub fn strip_marks(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let t = s.trim_start_matches(|c: char| is_mark(c) || c.is_whitespace());
    let start = span.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| is_mark(c) || c.is_whitespace() || c == ',');
    Span::new(start, start + t2.len())
}
