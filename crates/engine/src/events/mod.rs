//! Typed event frames: who did what, to whom, where, when, and how sure the text is.
//!
//! The stage is a small grammar over the other stages' output, not a second tagger:
//!
//! 1. **Triggers.** A self-written lexicon (`triggers.tsv`) of Indonesian verbs and nouns with
//!    their affixes ("mengunjungi", "kunjungan", "dikunjungi") names the 28 types of the
//!    events-gold GUIDELINE (plus the older invitation and announcement). Some triggers need a
//!    word class nearby ("mengirim" is an arms transfer only with "senjata", "amunisi", ...
//!    after it); nouns marked `frame` need an event-like frame ("menggelar rapat"). Statements
//!    also come from speech verbs and from the quotes stage (every quote with a named,
//!    non-media speaker): one per speaker per occasion.
//! 2. **Arguments.** Entity mentions (from the resolver) in the trigger's clause: the subject
//!    before the trigger is the agent (the patient for a passive verb), a mention right after
//!    is the object (the agent for a passive or a noun: "kunjungan Putin"), and prepositions
//!    give the rest: ke → destination, di → place, kepada → recipient, dengan → counterpart,
//!    oleh → agent, terhadap/atas → target. A place name right before a person or
//!    organisation ("Presiden Rusia Vladimir Putin") is a modifier, not a participant. Media
//!    (outlets, news agencies) are never participants. "Ia"/"dia" and "-nya" take the last
//!    person acting; a trigger with no arguments at all ("kunjungan tersebut") takes the
//!    participants of the last event of its type.
//! 3. **Date.** The nearest time mention in the clause, else in the sentence (not for planned
//!    or hedged events, whose sentence dates are usually the report's), with a missing year
//!    filled from the publication date (past events: the latest such month not after it;
//!    planned: the first not before it). Speech acts with no date take the reference date.
//!    Otherwise null: never guessed.
//! 4. **Status** from [`crate::status::assess`] on the clause (the trigger itself excluded, so
//!    "membantah" does not make the denial itself denied); inside a quote with no cue it is
//!    `reported`; under an accusation `reported` (alleged), under a denial `denied`.
//!    Events dated two months or more before the reference date, or marked as past ("tahun
//!    lalu") with no date, get status `background` (the cue's status kept in `claim_status`).
//! 5. **Deduplication.** Same type, same participants, compatible dates → one event with all
//!    its evidence spans in `evidence_all`.

pub mod learned;
mod lexicon;
mod morph;

use crate::analysis::{
    Caption, DateSource, Entity, EntityKind, Event, EventStatus, EventType, Paragraph, Published, Quote, Roles, Span,
    SpeakerResolution, Subtype, TextSpan, TimeKind, TimeMention,
};
use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::lexicon::Words;
use crate::segment;
use crate::span_index::{self, SpanIndex};
use crate::status::{self, Status};
use jiff::civil::Date;
use lexicon::{Pos, Role};

/// What the dates of one article are relative to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The day relative expressions and background are measured from (the `--reference-date`,
    /// else the publication day, else the earliest day the publication can be).
    pub day: Option<Date>,
    /// The publication year and month when known (to fill "Maret" → 2024-03).
    pub year: Option<i16>,
    pub month: Option<i8>,
    /// `month` is the earliest day's (a year-precise publication), a lower bound: a past month
    /// name after it could be of that year or the year before, and is left unpinned.
    pub month_is_lower_bound: bool,
}

impl Anchor {
    /// The anchor from the run's reference date and the article's publication date.
    pub fn new(reference: Option<Date>, published: Option<&Published>) -> Anchor {
        let mut a = Anchor { day: reference, ..Anchor::default() };
        if let Some(p) = published {
            let mut parts = p.value.split('-');
            a.year = parts.next().and_then(|y| y.parse().ok());
            a.month = parts.next().and_then(|m| m.parse().ok());
            if a.day.is_none() {
                a.day = p.value.parse().ok().or_else(|| p.earliest.as_deref().and_then(|e| e.parse().ok()));
            }
            // a year-precise publication with its earliest day in that year ("2025", from
            // 27 March on): month names are placed from that day, as the day anchor already
            // places relative expressions and background ("akan ... pada Mei" → 2025-05)
            if a.month.is_none()
                && let Some(d) = a.day
                && a.year == Some(d.year())
            {
                a.month = Some(d.month());
                a.month_is_lower_bound = true;
            }
        }
        if let Some(d) = reference {
            a.year = Some(d.year());
            a.month = Some(d.month());
            a.month_is_lower_bound = false;
        }
        a
    }
}

/// A token of a sentence.
struct Tok {
    lower: String,
    span: Span,
    word: bool,
    cap: bool,
}

/// An entity mention inside a sentence, with its token range.
#[derive(Clone, Copy)]
struct Men {
    ent: usize,
    t0: usize,
    t1: usize,
    /// A place or organisation right before a person or organisation ("Rusia Vladimir Putin").
    modifier: bool,
    /// A place right after an organisation, part of its name ("Dinas Perhubungan Kabupaten
    /// Serang", "Polres Serang Kota").
    tail: bool,
    media: bool,
}

impl Men {
    /// Part of another mention's name: never an argument of its own.
    fn part(&self) -> bool {
        self.modifier || self.tail
    }
}

/// One trigger found in a sentence.
struct Found {
    kind: EventType,
    pos: Pos,
    t0: usize,
    t1: usize,
    /// Calling someone something ("memanggil X sebagai ..."): an act even when quoted.
    naming: bool,
}

/// An event before deduplication.
struct Draft {
    kind: EventType,
    args: Vec<(usize, Role)>,
    place: Option<usize>,
    date: Option<String>,
    date_end: Option<String>,
    date_source: DateSource,
    date_text: Option<String>,
    status: Status,
    cue: Option<Span>,
    evidence: Span,
    trigger: Span,
    negated: bool,
    from_caption: bool,
    from_context: bool,
    alleged: bool,
    background_cue: bool,
    /// The sentence opens with "Sebelumnya": context before the news, whatever its date.
    earlier: bool,
    /// The trigger stands in a clause that sets the scene of another act ("..., ujar X saat
    /// meninjau", "dalam rapat"): an occasion, not what a speaker's words are about.
    occasion: bool,
    /// The trigger is a noun ("program", "inflasi"): it names a topic as often as an act.
    noun: bool,
}

/// Sentence-level context carried through the article.
#[derive(Default)]
struct Memory {
    /// The last person that acted as an agent.
    last_person: Option<usize>,
    /// The arguments of the last event of each type.
    last_args: Vec<(EventType, Vec<(usize, Role)>)>,
}

/// The events of one article. `anchor` pins years and decides what is background.
pub fn extract(
    text: &str,
    paragraphs: &[Paragraph],
    captions: &[Caption],
    entities: &[Entity],
    times: &[TimeMention],
    quotes: &[Quote],
    anchor: &Anchor,
) -> Vec<Event> {
    extract_doc(text, &Doc::new(text, paragraphs), captions, entities, times, quotes, anchor)
}

/// [`extract`] over the article's [`Doc`] (its sentences, split once).
pub fn extract_doc(
    text: &str,
    doc: &Doc,
    captions: &[Caption],
    entities: &[Entity],
    times: &[TimeMention],
    quotes: &[Quote],
    anchor: &Anchor,
) -> Vec<Event> {
    // (unit, from a caption, its tokens when the Doc has them)
    let mut units: Vec<(Span, bool, Option<&[Span]>)> =
        doc.sentence_spans().zip(&doc.tokens).map(|(u, t)| (u, false, Some(t.as_slice()))).collect();
    units.extend(captions.iter().map(|c| (Span::new(c.start, c.end), true, None)));
    let mut all: Vec<(usize, Span)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            all.push((i, Span::new(m.start, m.end)));
        }
    }
    all.sort_by_key(|(_, s)| (s.start, s.end));
    // Time mentions in text order (the look-ups below take the ones inside a span by binary
    // search), the day-precise ones for speech dates, and the quotes by span: found once, not
    // per sentence or per event, which kept a long article of many events quadratic.
    let mut sorted_times: Vec<TimeMention>;
    let times: &[TimeMention] = if times.is_sorted_by_key(|t| t.start) {
        times
    } else {
        sorted_times = times.to_vec();
        sorted_times.sort_by_key(|t| t.start);
        &sorted_times
    };
    let lookups = Lookups {
        speech_days: day_times(times),
        quotes: SpanIndex::new(quotes.iter().enumerate().map(|(i, q)| (Span::new(q.start, q.end), i))),
    };
    let art = Article { times, quotes, lookups: &lookups, anchor };
    let mut mem = Memory::default();
    let mut drafts = Vec::new();
    for (unit, caption, raw) in units {
        let toks = match raw {
            Some(raw) => tokens_of(text, raw),
            None => tokens(text, unit),
        };
        // a unit that tells no event (empty, outlet words, a subheading) gets no mentions made
        if toks.is_empty() || outlet_words(&toks) || (!caption && subheading(text, unit, &toks)) {
            continue;
        }
        let men = mentions(text, unit, &toks, entities, &all);
        let s = Sentence { text, unit, toks: &toks, men, caption, entities };
        drafts.extend(sentence_events(&s, &art, &mut mem));
    }
    drafts.extend(statements(text, doc, entities, times, quotes, anchor));
    // the lead sentence tells the news: never background by its date
    finish(text, drafts, entities, anchor, doc.lead())
}

/// What every sentence's events look up, made once per article.
struct Lookups {
    /// The time mentions that name a day (in text order).
    speech_days: Vec<TimeMention>,
    /// The quotes' spans.
    quotes: SpanIndex,
}

/// The time mentions (in text order) that start inside `within`.
fn starting_within(times: &[TimeMention], within: Span) -> &[TimeMention] {
    span_index::starting_in(times, |t| t.start, within.start, within.end)
}

fn tokens(text: &str, unit: Span) -> Vec<Tok> {
    tokens_of(text, &segment::tokens(text, unit))
}

/// The grammar's tokens from the segmenter's ([`segment::tokens`]) of one unit.
fn tokens_of(text: &str, raw: &[Span]) -> Vec<Tok> {
    let tok = |s: Span| {
        let t = s.of(text);
        let first = t.chars().next().unwrap_or(' ');
        Tok { lower: t.to_lowercase(), span: s, word: first.is_alphanumeric(), cap: first.is_uppercase() }
    };
    let mut out = Vec::new();
    for &s in raw {
        // "pertemuan puncak Kim-Putin": capitalised words joined by hyphens are several names
        // ("Kim", "-", "Putin"), so the entity mentions inside line up with tokens.
        let t = s.of(text);
        let parts: Vec<&str> = t.split('-').collect();
        let names = parts.len() > 1 && parts.iter().all(|p| p.len() >= 2 && p.starts_with(char::is_uppercase));
        if !names {
            out.push(tok(s));
            continue;
        }
        let mut at = s.start;
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push(tok(Span::new(at, at + 1)));
                at += 1;
            }
            out.push(tok(Span::new(at, at + p.len())));
            at += p.len();
        }
    }
    out
}

fn mentions(text: &str, unit: Span, toks: &[Tok], entities: &[Entity], all: &[(usize, Span)]) -> Vec<Men> {
    let mut out: Vec<Men> = Vec::new();
    // `all` is sorted by start and the tokens are in text order: binary searches, so a long
    // sentence with many names stays linear.
    let first = all.partition_point(|(_, s)| s.start < unit.start);
    for &(ent, s) in all[first..].iter().take_while(|(_, s)| s.start < unit.end).filter(|(_, s)| unit.contains(*s)) {
        let t0 = toks.partition_point(|t| t.span.start < s.start);
        let t1 = toks.partition_point(|t| t.span.end <= s.end).checked_sub(1);
        if let Some(t1) = t1
            && t0 < toks.len()
            && t0 <= t1
            && out.last().is_none_or(|m| m.t1 <= t0)
        {
            out.push(Men { ent, t0, t1: t1 + 1, modifier: false, tail: false, media: entities[ent].is_media() });
        }
    }
    for k in 0..out.len().saturating_sub(1) {
        let (a, b) = (out[k], out[k + 1]);
        let gap = &text[toks[a.t1 - 1].span.end..toks[b.t0].span.start];
        let kind_a = entities[a.ent].kind;
        let kind_b = entities[b.ent].kind;
        // across a comma only after a title ("Presiden Rusia, Vladimir Putin"), not "pertemuan G20, X"
        let titled = a.t0 > 0 && {
            let t = &toks[a.t0 - 1];
            t.word && (t.cap || lexicon::FILLERS.contains(&t.lower.as_str()))
        };
        let plain = gap.chars().all(|c| c.is_whitespace() || matches!(c, '(' | ')'));
        let comma = gap.chars().all(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
        if kind_a != EntityKind::Per && kind_b != EntityKind::Loc && (plain || (comma && titled)) {
            out[k].modifier = true;
        }
    }
    // "Dinas Perhubungan (Dishub) Kabupaten Serang": a place right after an organisation names
    // which one it is
    for k in 1..out.len() {
        let (a, b) = (out[k - 1], out[k]);
        let gap = &text[toks[a.t1 - 1].span.end..toks[b.t0].span.start];
        if entities[a.ent].kind == EntityKind::Org
            && entities[b.ent].kind == EntityKind::Loc
            && gap.chars().all(|c| c.is_whitespace() || matches!(c, '(' | ')'))
        {
            out[k].tail = true;
        }
    }
    // "Korea Utara (Korut) Kim Jong-un": the alias before a modifier is one too
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (out[k], out[k + 1]);
        let gap = &text[toks[a.t1 - 1].span.end..toks[b.t0].span.start];
        if a.ent == b.ent && b.modifier && gap.trim() == "(" {
            out[k].modifier = true;
        }
    }
    out
}

/// Clause boundaries: token indices where a new clause starts.
fn boundary_at(toks: &[Tok], i: usize) -> bool {
    let w = toks[i].lower.as_str();
    // "lalu", "kemudian" start a new clause only after a comma or "dan" ("..., lalu polisi
    // memeriksa"); elsewhere they are an adverb ("Ia kemudian ...") or "ago" ("tahun lalu")
    if matches!(w, "lalu" | "kemudian") {
        return i > 0 && matches!(toks[i - 1].lower.as_str(), "," | "dan");
    }
    if w == ";" || w == ":" || lexicon::BOUNDARIES.contains(&w) {
        return true;
    }
    i + 1 < toks.len() && lexicon::BOUNDARIES2.iter().any(|[a, b]| *a == w && *b == toks[i + 1].lower)
}

fn clause(toks: &[Tok], at: usize) -> (usize, usize) {
    let mut s = at;
    while s > 0 && !boundary_at(toks, s) {
        s -= 1;
    }
    let mut e = at + 1;
    while e < toks.len() && !boundary_at(toks, e) {
        e += 1;
    }
    (s, e)
}

fn find_triggers(toks: &[Tok], men: &[Men]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < toks.len() {
        if !toks[i].word {
            i += 1;
            continue;
        }
        // Only the triggers whose first word this is (in the lexicon's order, longest first).
        for tr in lexicon::triggers_starting(&toks[i].lower) {
            let n = tr.words.len();
            if i + n > toks.len() || !tr.words.iter().zip(&toks[i..i + n]).all(|(w, t)| *w == t.lower) {
                continue;
            }
            if let Some(class) = tr.needs {
                let end = if tr.to_clause {
                    let cap = toks.len().min(i + n + CLAUSE_REACH);
                    (i + n..cap).find(|&k| matches!(toks[k].lower.as_str(), "," | "." | ";")).unwrap_or(cap)
                } else {
                    toks.len().min(i + n + tr.reach)
                };
                let after = toks[i + n..end].iter().any(|t| class.contains(&t.lower.as_str()));
                let before =
                    tr.around && toks[i.saturating_sub(4)..i].iter().any(|t| class.contains(&t.lower.as_str()));
                if !(after || before) {
                    continue;
                }
            }
            if tr.frame && !framed(toks, i, i + n) {
                continue;
            }
            // "target yang ditetapkan", "untuk menyalurkan": a verb of the newer types that
            // describes a noun or states a purpose tells no happening of its own
            if tr.pos != Pos::Noun && !lexicon::NEEDS_PARTY.contains(&tr.kind) && modifies_or_intends(toks, i) {
                i += n;
                continue 'outer;
            }
            let inside = men.iter().any(|m| m.t0 <= i && i < m.t1);
            let generic = toks[i.saturating_sub(6)..i]
                .iter()
                .rev()
                .take_while(|t| t.lower != "," && !lexicon::BOUNDARIES.contains(&t.lower.as_str()))
                .any(|t| lexicon::GENERIC.contains(&t.lower.as_str()));
            // "tidak ada korban jiwa", "belum ada keputusan": a noun said not to exist states an
            // absence, not a happening
            let absent = tr.pos == Pos::Noun
                && i >= 2
                && toks[i - 1].lower == "ada"
                && matches!(toks[i - 2].lower.as_str(), "tidak" | "tak" | "belum" | "tiada");
            if (inside && tr.kind != EventType::Meeting) || generic || absent {
                i += n;
                continue 'outer;
            }
            // "penandatanganan nota kesepahaman": a trigger right after one of its type names
            // the same happening
            if out.last().is_some_and(|p: &Found| p.kind == tr.kind && p.t1 == i) {
                i += n;
                continue 'outer;
            }
            let naming = tr.needs.is_some_and(|c| std::ptr::eq(c, &lexicon::NAMING[..]));
            out.push(Found { kind: tr.kind, pos: tr.pos, t0: i, t1: i + n, naming });
            i += n;
            continue 'outer;
        }
        i += 1;
    }
    out
}

/// How far a class looked for up to the clause's end may stand after the trigger, in words.
const CLAUSE_REACH: usize = 15;

/// Whether the verb at `i` stands after "yang" or "untuk" (one auxiliary may sit between).
fn modifies_or_intends(toks: &[Tok], i: usize) -> bool {
    let w = |k: usize| toks[k].lower.as_str();
    let opener = |k: usize| matches!(w(k), "yang" | "untuk" | "guna" | "demi");
    (i >= 1 && opener(i - 1)) || (i >= 2 && AUX.contains(&w(i - 1)) && opener(i - 2))
}

/// Whether a noun trigger at `t0..t1` stands in an event-like frame: a light verb or time word
/// up to three words before it, or "digelar", "terjadi", "di", "pada" up to three words after.
fn framed(toks: &[Tok], t0: usize, t1: usize) -> bool {
    // the frame stands in the noun's own clause: "data penerima bantuan sehingga dapat
    // dilakukan verifikasi" does not make "bantuan" a happening
    let stop = |k: usize| matches!(toks[k].lower.as_str(), "," | "." | ";") || boundary_at(toks, k);
    // the nearest frame word or clause boundary in the window decides
    let frame_first = |mut ks: std::ops::Range<usize>, back: bool, frames: &Lexicon| {
        let is_frame = |k: usize| frames.contains(&toks[k].lower.as_str());
        let hit = if back { ks.rev().find(|&k| is_frame(k) || stop(k)) } else { ks.find(|&k| is_frame(k) || stop(k)) };
        hit.is_some_and(is_frame)
    };
    let before = frame_first(t0.saturating_sub(3)..t0, true, &lexicon::FRAME_BEFORE);
    let after = frame_first(t1..toks.len().min(t1 + 3), false, &lexicon::FRAME_AFTER);
    before || after
}

/// The role a mention gets from what stands before it, walking back over titles and capitals.
/// `Some(None)` means it follows the trigger directly (an object or genitive).
fn lead(toks: &[Tok], men: &[Men], m: usize, stop: usize) -> Option<Option<Role>> {
    let mut k = men[m].t0;
    while k > stop {
        k -= 1;
        let t = &toks[k];
        if let Some(mi) = men.iter().position(|x| x.t0 <= k && k < x.t1) {
            if men[mi].part() {
                k = men[mi].t0;
                continue;
            }
            return None;
        }
        if t.word
            && let Some(r) = lexicon::prep_role(&t.lower)
        {
            return Some(Some(r));
        }
        if t.word && (t.cap || lexicon::FILLERS.contains(&t.lower.as_str())) {
            continue;
        }
        return None;
    }
    Some(None)
}

/// The index of the subordinator ("saat", "ketika", "usai") right before the verb at `t0`,
/// auxiliaries between allowed.
fn subordinated(toks: &[Tok], t0: usize, pos: Pos) -> Option<usize> {
    let mut k = t0;
    // a noun trigger after its light verb: "usai melakukan penandatanganan"
    let mut light = pos == Pos::Noun;
    while k > 0 {
        k -= 1;
        let w = toks[k].lower.as_str();
        if lexicon::SUBORDINATORS.contains(&w) {
            return Some(k);
        }
        if light && lexicon::FRAME_BEFORE.contains(&w) {
            light = false;
            continue;
        }
        if !AUX.contains(&w) {
            return None;
        }
    }
    None
}

/// Who does what a subordinate clause at `k` tells: the person or organisation right before
/// it when an "oleh" or a speech verb ("ujar X saat ...") introduces them, else the sentence's
/// subject when it is one.
fn controller(toks: &[Tok], men: &[Men], entities: &[Entity], k: usize) -> Option<usize> {
    let actor = |m: &Men| !m.part() && !m.media && matches!(entities[m.ent].kind, EntityKind::Per | EntityKind::Org);
    let before = &men[..men.partition_point(|m| m.t1 <= k)];
    if let Some(m) = before.last().filter(|m| m.t1 == k && actor(m)) {
        let mut j = m.t0;
        while j > 0
            && (toks[j - 1].cap || lexicon::FILLERS.contains(&toks[j - 1].lower.as_str()))
            && !before.iter().any(|x| x.t0 < j && j - 1 < x.t1)
        {
            j -= 1;
        }
        let w = if j > 0 { toks[j - 1].lower.as_str() } else { "" };
        // "diungkap Prabowo saat ...": a passive verb's agent may follow it without "oleh"
        let passive = w.len() > 5 && w.starts_with("di") && w.is_ascii();
        if w == "oleh" || passive || Words::SpeechApposition.contains(w) || Words::SpeechTagger.contains(w) {
            return Some(m.ent);
        }
    }
    before
        .iter()
        .enumerate()
        .find(|(mi, m)| !m.part() && !m.media && subject_like(toks, men, *mi, 0))
        .filter(|(_, m)| actor(m))
        .map(|(_, m)| m.ent)
}

/// Auxiliaries and adverbs between a subject and its verb.
static AUX: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/aux.txt"));

/// Words after which a name can start a clause as its subject.
static SUBJECT_OPENERS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/subject-openers.txt"));

/// Whether mention `mi` can be a subject: nothing but titles, capitals, punctuation or a
/// conjunction before it since the clause start (not the object of an earlier verb, not in a
/// prepositional phrase).
fn subject_like(toks: &[Tok], men: &[Men], mi: usize, stop: usize) -> bool {
    let mut k = men[mi].t0;
    while k > stop {
        k -= 1;
        let t = &toks[k];
        if let Some(x) = men.iter().find(|x| x.t0 <= k && k < x.t1) {
            if x.part() {
                k = x.t0;
                continue;
            }
            return false;
        }
        if !t.word {
            return true;
        }
        if t.cap || lexicon::FILLERS.contains(&t.lower.as_str()) {
            continue;
        }
        return SUBJECT_OPENERS.contains(&t.lower.as_str());
    }
    true
}

/// The arguments after trigger `f` up to `fwd_end`, from the preposition or the word order
/// before each mention; and whether a noun trigger took its agent as a genitive ("kunjungan Putin").
fn args_after(toks: &[Tok], men: &[Men], entities: &[Entity], f: &Found, fwd_end: usize) -> (Vec<(usize, Role)>, bool) {
    let mut args: Vec<(usize, Role)> = Vec::new();
    // after the trigger
    let mut genitive = false;
    let mut prev_role: Option<Role> = None;
    let mut prev_end = f.t1;
    for (mi, m) in men.iter().enumerate() {
        if m.t0 < f.t1 || m.t0 >= fwd_end || m.part() {
            continue;
        }
        let role = match lead(toks, men, mi, f.t1) {
            Some(Some(Role::Other))
                if f.pos == Pos::Noun
                    && matches!(f.kind, EventType::Statement | EventType::Announcement | EventType::Invitation)
                    && toks[..m.t0].iter().rev().find(|t| t.word && !t.cap).is_some_and(|t| t.lower == "dari") =>
            {
                Some(Role::Agent)
            }
            Some(Some(Role::Place)) if f.kind == EventType::Visit && entities[m.ent].kind == EntityKind::Loc => {
                Some(Role::Destination)
            }
            // a missile's or exercise's target area is where it happened, not a participant
            Some(Some(Role::Destination))
                if f.kind == EventType::MilitaryActivity && entities[m.ent].kind == EntityKind::Loc =>
            {
                Some(Role::Place)
            }
            Some(Some(r)) => Some(r),
            Some(None) | None if m.t0 >= f.t1 => {
                let between = &toks[f.t1..m.t0];
                // a comma only right after a title's place ("Presiden Rusia, Vladimir Putin")
                let title_comma = |k: usize| men.iter().any(|x| x.modifier && x.t1 == k);
                let light = |(j, t): (usize, &Tok)| {
                    let w = t.lower.as_str();
                    t.cap
                        || (w == "," && title_comma(f.t1 + j))
                        || lexicon::FILLERS.contains(&w)
                        || lexicon::ARMS.contains(&w)
                        || lexicon::MIL.contains(&w)
                };
                // "memveto rancangan resolusi X": a verb's object may follow a short head noun
                let head = f.pos == Pos::Verb
                    && between.len() <= 3
                    && between.iter().all(|t| t.word && !lexicon::BOUNDARIES.contains(&t.lower.as_str()));
                let direct = between.iter().enumerate().all(light) || head;
                if direct {
                    match f.pos {
                        Pos::Verb if f.kind == EventType::Visit && entities[m.ent].kind == EntityKind::Loc => {
                            Some(Role::Destination)
                        }
                        Pos::Verb if f.kind == EventType::Meeting => Some(Role::Counterpart),
                        Pos::Verb => Some(Role::Patient),
                        Pos::Passive | Pos::Noun => {
                            genitive = true;
                            Some(Role::Agent)
                        }
                    }
                } else {
                    None
                }
            }
            _ => None,
        };
        // coordination: "X dan Y", "X, Y"
        let role = role.or_else(|| {
            let gap: Vec<&str> = toks[prev_end..m.t0].iter().map(|t| t.lower.as_str()).collect();
            let coord = !gap.is_empty() && gap.iter().all(|w| matches!(*w, "dan" | "," | "serta" | "maupun" | "-"));
            if coord { prev_role } else { None }
        });
        // a word before the mention that is neither a title nor a preposition detaches it
        if let Some(r) = role {
            prev_role = Some(r);
            prev_end = m.t1;
            if !m.media || r == Role::Place {
                args.push((m.ent, r));
            }
        }
    }
    (args, genitive)
}

/// What stands before a trigger in its clause as its subject.
#[derive(Default)]
struct Subject {
    /// The subject's entities (coordinated ones in text order).
    ents: Vec<usize>,
    /// Who acts with the subject ("X bersama Y").
    companions: Vec<usize>,
    /// A pronoun stands in the subject's place.
    pronoun: bool,
    /// "ia", "dia", "beliau" stand for a person; "mereka", "pihaknya" for anyone.
    singular: bool,
}

/// The subject of trigger `f`: the nearest name before it in its clause (from `cs`) that can be
/// one, or a pronoun, with the names coordinated with it.
fn subject_before(toks: &[Tok], men: &[Men], entities: &[Entity], f: &Found, cs: usize) -> Subject {
    let mut subject: Vec<usize> = Vec::new();
    let mut companions: Vec<usize> = Vec::new();
    let mut pronoun = false;
    let mut singular = false;
    let mut k = f.t0;
    while k > cs {
        k -= 1;
        if Words::PronounsEvents.contains(&toks[k].lower) {
            pronoun = true;
            singular = true;
            break;
        }
        if matches!(toks[k].lower.as_str(), "mereka" | "pihaknya" | "negaranya" | "pemerintahnya") {
            pronoun = true;
            break;
        }
        if f.pos == Pos::Noun && toks[k].word && lexicon::prep_role(&toks[k].lower).is_some() {
            break;
        }
        // "Prabowo menyatakan pemerintah menargetkan ...": past a speech verb with a word of its
        // own between them, the name before it is the speaker, not this verb's subject ("Putin
        // mengatakan akan mengunjungi ...", with only auxiliaries between, stays his)
        if k + 1 < f.t0
            && is_speech_verb(&toks[k].lower)
            && toks[k + 1..f.t0].iter().any(|t| t.word && !AUX.contains(&t.lower.as_str()))
            && !coordinated_with(toks, k, f)
        {
            break;
        }
        if let Some(mi) = men.iter().position(|x| x.t0 <= k && k < x.t1) {
            let m = men[mi];
            k = m.t0;
            // A name that holds the trigger ("KTT" in "PT KTT", a meeting named by
            // its mention) is not the trigger's subject.
            if m.part() || m.t1 > f.t0 {
                continue;
            }
            // "menuduh X mengirimkan": a name right before the verb is its subject
            let adjacent = toks[m.t1..f.t0].iter().all(|t| AUX.contains(&t.lower.as_str()));
            if !(adjacent || subject_like(toks, men, mi, cs)) || m.media {
                continue;
            }
            subject.push(m.ent);
            // coordinated subjects before it
            let mut j = mi;
            while j > 0 {
                let p = men[j - 1];
                let gap: Vec<&str> = toks[p.t1..men[j].t0].iter().map(|t| t.lower.as_str()).collect();
                // "Dinas Perhubungan (Dishub)": one name given twice
                if p.ent == men[j].ent && gap.iter().all(|w| *w == "(") {
                    j -= 1;
                    continue;
                }
                // "X bersama Y menertibkan ...": X acts, Y with it
                if matches!(gap.as_slice(), ["bersama" | "beserta"])
                    && subject.len() == 1
                    && !p.media
                    && !p.part()
                    && matches!(entities[p.ent].kind, EntityKind::Per | EntityKind::Org)
                    && subject_like(toks, men, j - 1, cs)
                {
                    companions.extend(subject.pop());
                    subject.push(p.ent);
                    j -= 1;
                    continue;
                }
                // "A, B, dan C bertemu": a comma, "dan" or ", dan" joins them
                let joined = !gap.is_empty()
                    && gap.len() <= 2
                    && gap.iter().all(|w| matches!(*w, "dan" | "serta" | ","))
                    && gap.last() != Some(&",");
                // a bare comma only further back in a list that "dan" closes
                let listed = gap == [","] && subject.len() > 1;
                if (joined || listed) && !p.media && !p.part() {
                    // "Pejabat di Washington dan Seoul": both
                    subject.push(p.ent);
                    j -= 1;
                } else {
                    break;
                }
            }
            subject.reverse();
            break;
        }
    }
    Subject { ents: subject, companions, pronoun, singular }
}

/// Whether the active verb `f` is joined to the speech verb at `k` as a second act of its
/// subject: "X menyatakan dukacita dan memerintahkan investigasi" (X orders). "dan", "serta",
/// "lalu", "kemudian" or "sekaligus" (auxiliaries may follow) stands right before the verb, and
/// only a short object with no verb of its own stands between the two (no "bahwa", no comma, no
/// affixed verb: "X mengatakan pemerintah akan menaikkan gaji dan memperluas ..." is not X's).
fn coordinated_with(toks: &[Tok], k: usize, f: &Found) -> bool {
    if f.pos != Pos::Verb {
        return false;
    }
    let mut j = f.t0;
    while j > k + 1 && AUX.contains(&toks[j - 1].lower.as_str()) {
        j -= 1;
    }
    if j <= k + 1 || !matches!(toks[j - 1].lower.as_str(), "dan" | "serta" | "lalu" | "kemudian" | "sekaligus") {
        return false;
    }
    let object = &toks[k + 1..j - 1];
    let verb_like = |w: &str| {
        ["me", "be", "di", "ter"].iter().any(|p| w.starts_with(p)) && w.chars().count() > 5
            || matches!(w, "bahwa" | "akan" | "telah" | "sudah" | "sedang" | "agar" | "untuk" | "yang")
    };
    !object.is_empty() && object.len() <= 4 && object.iter().all(|t| t.word && !verb_like(&t.lower))
}

/// One sentence (or caption) as the event rules read it: its tokens and the entity mentions
/// among them.
struct Sentence<'a> {
    text: &'a str,
    unit: Span,
    toks: &'a [Tok],
    men: Vec<Men>,
    caption: bool,
    entities: &'a [Entity],
}

/// What the events of every sentence read from the whole article.
struct Article<'a> {
    times: &'a [TimeMention],
    quotes: &'a [Quote],
    lookups: &'a Lookups,
    anchor: &'a Anchor,
}

/// An event's status and what decided it.
struct Judgement<'a> {
    status: Status,
    cue: Option<Span>,
    /// Told as an accusation's content ("menuduh X menyerang"): reported, not confirmed.
    alleged: bool,
    /// The trigger stands right after a negator ("tidak", "belum").
    negated: bool,
    /// A naming act inside a quotation: the quotation's speaker, when known, for its id.
    quoted_speech: Option<Option<&'a str>>,
}

/// An event's date and where it came from.
struct When {
    date: Option<String>,
    date_end: Option<String>,
    /// The time expression's text when it could not be pinned.
    date_text: Option<String>,
    source: DateSource,
}

impl When {
    fn none() -> When {
        When { date: None, date_end: None, date_text: None, source: DateSource::None }
    }
    /// An act of speech the text gives no date for is dated by the reference day, marked so.
    fn or_reference(&mut self, anchor: &Anchor) {
        if self.date.is_none() && self.date_text.is_none() {
            self.date = anchor.day.map(|d| d.to_string());
            self.source = if self.date.is_some() { DateSource::Reference } else { DateSource::None };
        }
    }
}

/// The events of one sentence: one draft per trigger that has its parties (steps: the
/// arguments' end, the arguments, the status by scope, the date), then the sentence's subject
/// remembered as the referent of later pronouns.
fn sentence_events(s: &Sentence, art: &Article, mem: &mut Memory) -> Vec<Draft> {
    let found = find_triggers(s.toks, &s.men);
    let out: Vec<Draft> = (0..found.len()).filter_map(|fi| trigger_event(s, art, &found, fi, mem)).collect();
    // the sentence subject, a person, becomes the referent of "ia" and "-nya" later on
    if let Some((_, m)) =
        s.men.iter().enumerate().find(|(mi, m)| !m.part() && !m.media && subject_like(s.toks, &s.men, *mi, 0))
        && s.entities[m.ent].kind == EntityKind::Per
        && !s.caption
    {
        mem.last_person = Some(m.ent);
    }
    out
}

/// The event of trigger `found[fi]`, or none (no party where its type needs one, an accusation
/// that is a denial's object, a speech verb inside a quotation).
fn trigger_event(s: &Sentence, art: &Article, found: &[Found], fi: usize, mem: &mut Memory) -> Option<Draft> {
    let (toks, f) = (s.toks, &found[fi]);
    let (cs, ce) = clause(toks, f.t0);
    let next_trigger = found.get(fi + 1).map_or(ce, |g| g.t0.min(ce));
    let fwd_end = argument_end(s, f, next_trigger);
    // "membantah tuduhan": the accusation is the denial's object, not an event of its own
    if f.kind == EventType::Accusation
        && f.pos == Pos::Noun
        && found[..fi].iter().any(|g| g.kind == EventType::Denial && g.t1 + 2 >= f.t0)
    {
        return None;
    }
    // "pernyataan itu", "kebijakan tersebut": a noun pointing back at a happening already told
    // names no new one; with no earlier event of its type to join it is dropped, not invented
    if f.pos == Pos::Noun
        && toks.get(f.t1).is_some_and(|t| matches!(t.lower.as_str(), "itu" | "tersebut" | "ini"))
        && (f.kind == EventType::Statement || !mem.last_args.iter().any(|(k, _)| *k == f.kind))
    {
        return None;
    }
    if f.kind == EventType::Statement && f.pos == Pos::Verb && under_modal(s.text, toks[f.t0].span.start) {
        return None;
    }
    let (mut args, from_context) = arguments(s, f, cs, fwd_end, mem);
    // "Saya minta ...", said inside a quotation: the speaker is who asks
    let mut own_words: Option<Option<Span>> = None;
    let subject_role = if f.pos == Pos::Passive { Role::Patient } else { Role::Agent };
    if !args.iter().any(|(_, r)| *r == subject_role)
        && let Some((e, cue)) = first_person_speaker(s, art, f)
    {
        args.insert(0, (e, subject_role));
        own_words = Some(cue);
    }
    let participants = args.iter().any(|(_, r)| !matches!(r, Role::Place | Role::Other));
    // The first twelve types (the seeds' story) need a party; the rest of the typology may
    // have none (a flood, a passive with no "oleh", a budget that "dirancang").
    if !participants && lexicon::NEEDS_PARTY.contains(&f.kind) {
        return None;
    }
    for &(e, r) in &args {
        if r == Role::Agent && s.entities[e].kind == EntityKind::Per {
            mem.last_person = Some(e);
        }
    }
    mem.last_args.push((f.kind, args.clone()));
    let place = pick_place(f.kind, &args, s.entities);
    let ev_end = extend_clause(toks, &s.men, ce);
    let clause_span = if s.caption { s.unit } else { Span::new(toks[cs].span.start, toks[ev_end - 1].span.end) };
    let evidence = if s.caption { s.unit } else { segment::trim(s.text, clause_span) };
    let trigger = Span::new(toks[f.t0].span.start, toks[f.t1 - 1].span.end);
    // acts of speech: statements, and the demands and threats said
    let speech = matches!(f.kind, EventType::Statement | EventType::Demand | EventType::Threat) && f.pos != Pos::Noun;
    let j = judge(s, art, found, fi, cs, evidence, trigger, speech)?;
    // A speech verb inside a quotation is what the speaker says (`judge` drops it), but calling
    // someone something is an act: "'Sejak Desember, X telah memanggil Y sebagai sahabat,' kata
    // pejabat itu" is X's act, reported by the official, when X is named, is not the speaker
    // and the act is told as done (not "akan memanggil").
    if let Some(speaker) = j.quoted_speech {
        let named = args.iter().find(|(_, r)| *r == Role::Agent).map(|&(e, _)| &s.entities[e]);
        if own_words.is_some()
            || j.status != Status::Reported
            || !named.is_some_and(|e| !e.is_media() && speaker.is_none_or(|id| id != e.id.as_str()))
        {
            return None;
        }
    }
    let mut status = j.status;
    // a demand or threat the speaker makes in their own words is made, not reported (the
    // quotation's speech verb is no hedge on it)
    let mut cue = j.cue;
    if speech && status == Status::Reported && own_words.is_some_and(|q| cue.is_none() || cue == q) {
        status = Status::Confirmed;
        cue = None;
    }
    // "X menyatakan dukacita dan memerintahkan ...": the order is X's second act, not what X
    // said, so the speech verb it is joined to is no hedge on it
    if status == Status::Reported
        && let Some(c) = cue
        && (cs..f.t0).any(|k| toks[k].span == c && is_speech_verb(&toks[k].lower) && coordinated_with(toks, k, f))
    {
        status = Status::Confirmed;
        cue = None;
    }
    let when = event_date(s, art, f, clause_span, trigger, speech, status);
    // a date after the reference day is a plan
    if status == Status::Confirmed
        && cue.is_none()
        && when.source == DateSource::Time
        && is_future(when.date.as_deref(), art.anchor)
    {
        status = Status::Planned;
    }
    let background_cue = lexicon::BACKGROUND_CUES.iter().any(|cue| {
        let n = cue.len();
        (cs..ev_end.saturating_sub(n - 1)).any(|i| cue.iter().zip(&toks[i..i + n]).all(|(w, t)| *w == t.lower))
    });
    Some(Draft {
        kind: f.kind,
        args,
        place,
        date: when.date,
        date_end: when.date_end,
        date_source: when.source,
        date_text: when.date_text,
        status,
        cue,
        evidence,
        trigger,
        negated: j.negated,
        from_caption: s.caption,
        from_context,
        alleged: j.alleged,
        background_cue,
        earlier: opens_earlier(toks) || earlier_before(toks, f.t0),
        occasion: subordinated(toks, f.t0, f.pos).is_some()
            || (f.t0 > 0 && matches!(toks[f.t0 - 1].lower.as_str(), "dalam" | "sela" | "acara")),
        noun: f.pos == Pos::Noun,
    })
}

/// The named speaker of the quotation that holds trigger `f` when "saya" or "aku" (the
/// speaker speaking of themself) is its subject, right before it or with only auxiliaries
/// between ("saya sudah minta"), with the quotation's speech verb.
fn first_person_speaker(s: &Sentence, art: &Article, f: &Found) -> Option<(usize, Option<Span>)> {
    let toks = s.toks;
    let before = toks[..f.t0].iter().rev().find(|t| !AUX.contains(&t.lower.as_str()))?;
    if !matches!(before.lower.as_str(), "saya" | "aku") {
        return None;
    }
    let at = toks[f.t0].span.start;
    let q = art.quotes.iter().find(|q| q.start <= at && at < q.end)?;
    let id = q.speaker_entity.as_deref()?;
    let e = s.entities.iter().position(|e| e.id == id && !e.is_media())?;
    Some((e, quote_cue(q)))
}

/// Where the arguments after trigger `f` end: at a purpose or relative clause, or a comma or
/// "dan" not followed by a name, else at the next trigger.
fn argument_end(s: &Sentence, f: &Found, next_trigger: usize) -> usize {
    let (toks, men) = (s.toks, &s.men);
    let starts_mention = |k: usize| men.iter().any(|m| m.t0 == k || (m.t0 == k + 1 && toks[k].cap));
    (f.t1..next_trigger)
        .find(|&k| match toks[k].lower.as_str() {
            "untuk" | "yang" | "guna" | "agar" | "demi" | "sebagai" => true,
            "dan" | "serta" => !starts_mention(k + 1),
            // "ke Vladivostok, Rusia": a place after a comma is an apposition; anything else ends
            // "undangan Presiden Rusia, Vladimir Putin": a title's name after its comma goes on
            "," => {
                !men.iter().any(|m| m.t0 == k + 1 && s.entities[m.ent].kind == EntityKind::Loc)
                    && !men.iter().any(|m| m.modifier && m.t1 == k)
            }
            _ => false,
        })
        .unwrap_or(next_trigger)
}

/// The arguments of trigger `f` (clause from token `cs`, its arguments after it ending at
/// `fwd_end`): the subject (the agent, or the patient of a passive), else the sentence's own
/// subject or the last person acting where a pronoun or a bare noun asks for one, else the
/// controller of a "saat ..." clause; the companions and the arguments after the trigger; and,
/// where no actor is named, those of the last event of its type ("kunjungan tersebut"), with
/// `true` when so borrowed. A natural disaster keeps only its places.
fn arguments(s: &Sentence, f: &Found, cs: usize, fwd_end: usize, mem: &Memory) -> (Vec<(usize, Role)>, bool) {
    let (toks, men, entities) = (s.toks, &s.men, s.entities);
    let (args, genitive) = args_after(toks, men, entities, f, fwd_end);
    // before the trigger: the subject (a noun with a genitive agent has none)
    let subject_role = if f.pos == Pos::Passive { Role::Patient } else { Role::Agent };
    let Subject { ents: mut subject, companions, mut pronoun, singular } =
        if f.pos == Pos::Noun && genitive { Subject::default() } else { subject_before(toks, men, entities, f, cs) };
    if subject.is_empty() && f.pos == Pos::Noun && !genitive && toks[f.t1 - 1].lower.ends_with("nya") {
        pronoun = true;
    }
    // a noun with no owner of its own ("dalam rapat", "saat banjir") belongs to the
    // sentence's subject ("..., ujar X dalam rapat kabinet")
    let statement_noun = f.pos == Pos::Noun
        && !genitive
        && (f.kind == EventType::Statement
            || !lexicon::NEEDS_PARTY.contains(&f.kind)
            // "ujar X dalam rapat": a meeting the speaker is at
            || (f.kind == EventType::Meeting
                && f.t0 > 0
                && matches!(toks[f.t0 - 1].lower.as_str(), "dalam" | "saat" | "ketika" | "usai" | "seusai")))
        && f.kind != EventType::Disaster;
    if subject.is_empty() && (pronoun || statement_noun) {
        // the sentence's own subject before this clause, else the last person acting
        let own = men[..men.partition_point(|m| m.t0 < f.t0)]
            .iter()
            .enumerate()
            .find(|(mi, m)| {
                !m.part()
                    && !m.media
                    && subject_like(toks, men, *mi, 0)
                    && (!singular || entities[m.ent].kind == EntityKind::Per)
            })
            .map(|(_, m)| m.ent);
        let has_recipient = args.iter().any(|(_, r)| *r == Role::Recipient);
        let fallback = if pronoun || has_recipient { mem.last_person } else { None };
        if let Some(p) = own.or(fallback) {
            subject.push(p);
        }
    }
    // "..., ujar X saat meninjau Y", "diungkap oleh X ketika berkunjung": a clause opened by
    // "saat", "ketika", "usai" has no subject of its own; its verb is the main clause's agent's
    if subject.is_empty()
        && (f.pos == Pos::Verb || (f.pos == Pos::Noun && !genitive))
        && let Some(k) = subordinated(toks, f.t0, f.pos)
        && let Some(p) = controller(toks, men, entities, k)
    {
        subject.push(p);
    }
    let mut from_context = false;
    let mut out: Vec<(usize, Role)> = subject.iter().map(|&e| (e, subject_role)).collect();
    out.extend(companions.iter().map(|&e| (e, Role::Counterpart)));
    out.extend(args);
    let has_actor = out.iter().any(|(_, r)| matches!(r, Role::Agent | Role::Patient));
    if !has_actor && let Some((_, prev)) = mem.last_args.iter().rev().find(|(k, _)| *k == f.kind) {
        // "kunjungan tersebut", "kunjungan ke Vietnam": the last event of this type
        let dest_given = out.iter().any(|(_, r)| *r == Role::Destination);
        for &(e, r) in prev {
            let keep =
                matches!(r, Role::Agent | Role::Patient) || (!dest_given && !matches!(r, Role::Place | Role::Other));
            if keep && !out.iter().any(|(x, _)| *x == e) {
                out.push((e, r));
                from_context = true;
            }
        }
    }
    // a natural event has no agent: its named places are where it happened
    if f.kind == EventType::Disaster {
        out.retain(|(e, _)| entities[*e].kind == EntityKind::Loc);
        for a in &mut out {
            a.1 = Role::Place;
        }
    }
    (out, from_context)
}

/// The status of trigger `found[fi]` by scope: the cues of its clause (for a speech verb only
/// those before it, never the content it introduces), a quotation it stands in, an accusation
/// or denial before it in the sentence, a negator right before it. None for a speech verb
/// inside a quotation: what the speaker says, not an act of speech (a naming act there is
/// kept, with the quotation's speaker in `quoted_speech`, for the caller to judge).
#[allow(clippy::too_many_arguments)]
fn judge<'a>(
    s: &Sentence,
    art: &Article<'a>,
    found: &[Found],
    fi: usize,
    cs: usize,
    evidence: Span,
    trigger: Span,
    speech: bool,
) -> Option<Judgement<'a>> {
    let (toks, f) = (s.toks, &found[fi]);
    let index = &art.lookups.quotes;
    let a = if speech {
        assess_outside(s.text, Span::new(toks[cs].span.start, trigger.start), trigger, art.quotes, index)
    } else {
        assess_outside(s.text, evidence, trigger, art.quotes, index)
    };
    let (mut st, mut cue) = (a.status, a.cue);
    if s.caption && st == Status::Confirmed {
        cue = None;
    }
    let in_quote = art.quotes.iter().find(|q| q.start <= trigger.start && trigger.end <= q.end);
    if in_quote.is_some() && f.kind == EventType::Statement && f.pos != Pos::Noun && !f.naming {
        return None;
    }
    let quoted_speech = in_quote.filter(|_| f.naming).map(|q| q.speaker_entity.as_deref());
    if let Some(q) = in_quote
        && st == Status::Confirmed
        && cue.is_none()
    {
        st = Status::Reported;
        cue = quote_cue(q);
    }
    let mut alleged = false;
    for g in &found[..fi] {
        let gs = Span::new(toks[g.t0].span.start, toks[g.t1 - 1].span.end);
        if g.kind == EventType::Accusation && st != Status::Denied {
            if st == Status::Confirmed {
                st = Status::Reported;
                cue = Some(gs);
            }
            alleged = true;
        }
        if g.kind == EventType::Denial {
            st = Status::Denied;
            cue = Some(gs);
        }
    }
    let negated = {
        let k = f.t0;
        let w = |j: usize| toks[j].lower.as_str();
        (k >= 1 && Words::NegatorsEvents.contains(w(k - 1)))
            || (k >= 2 && Words::BridgesEvents.contains(w(k - 1)) && Words::NegatorsEvents.contains(w(k - 2)))
    };
    // "belum menerbitkan", "tidak ada korban jiwa": for the typology's newer types a
    // negated trigger is a happening the text says did not happen
    if negated && !lexicon::NEEDS_PARTY.contains(&f.kind) && st.rank() < Status::Denied.rank() {
        st = Status::Denied;
        cue = Some(Span::new(toks[f.t0.saturating_sub(2)].span.start, trigger.end));
    }
    Some(Judgement { status: st, cue, alleged, negated, quoted_speech })
}

/// The date of trigger `f` whose clause is `clause_span`: the time expression nearest it in
/// the clause (a speech verb's own date stands outside what is said: before an active verb,
/// "X, Senin (20/10), mengatakan", after a passive one, "disampaikan X pada Senin"), else one
/// in the sentence for a done happening, else for a speech act the reference day.
fn event_date(
    s: &Sentence,
    art: &Article,
    f: &Found,
    clause_span: Span,
    trigger: Span,
    speech: bool,
    st: Status,
) -> When {
    let planned = matches!(st, Status::Planned | Status::Speculated | Status::Conditional | Status::Unconfirmed);
    // "Setelah unjuk rasa yang memakan korban jiwa, ... dinonaktifkan pada 1 September": what a
    // "setelah"/"sejak" clause tells happened some time before the main clause's date, not on
    // that day: a date inside that clause (up to its comma) is its own; a day outside it is not
    // (a year or a month outside it may still hold it: "pada 2019 ... setelah pembicaraan ...")
    let before_main = !speech
        && s.toks[..f.t0]
            .iter()
            .rev()
            .take_while(|t| t.lower != "," && t.span.start >= clause_span.start)
            .any(|t| matches!(t.lower.as_str(), "setelah" | "sesudah" | "pasca" | "sejak"));
    let sub_clause = s.toks[f.t1..]
        .iter()
        .find(|t| t.lower == ",")
        .map_or(clause_span, |comma| Span::new(clause_span.start, comma.span.start.min(clause_span.end)));
    let date_span = match f.pos {
        _ if !speech => clause_span,
        Pos::Passive => Span::new(trigger.end, clause_span.end.max(trigger.end)),
        _ => Span::new(clause_span.start, trigger.start.max(clause_span.start)),
    };
    let times = if speech { &art.lookups.speech_days[..] } else { art.times };
    let mut when = pick_date(s.text, times, date_span, trigger, st, art.anchor, speech);
    // "X mengatakan kepada media pada Mei bahwa ...": after an active speech verb, before what
    // is said (opened by "bahwa", a colon or a quotation mark), a date is the speech's own
    if speech
        && f.pos == Pos::Verb
        && when.date.is_none()
        && when.date_text.is_none()
        && let Some(k) = (f.t1..s.toks.len().min(f.t1 + 12))
            .take_while(|&k| !matches!(s.toks[k].lower.as_str(), "." | "!" | "?"))
            .find(|&k| matches!(s.toks[k].lower.as_str(), "bahwa" | ":" | "\"" | "“"))
    {
        let frame = Span::new(trigger.end, s.toks[k].span.start.max(trigger.end));
        when = pick_date(s.text, art.times, frame, trigger, st, art.anchor, true);
    }
    // "Pada Desember 2024, X menyebut ...", "Sejak Mei, X telah memanggil ...": a month or day
    // fronted before the clause of an active speech verb, set off by a comma with nothing but
    // that clause between it and the verb, is the speech's time at its own precision (in
    // "Pada 2023, ekonomi tumbuh, kata X" a second comma shows it belongs to the content)
    if speech && f.pos == Pos::Verb && when.date.is_none() && when.date_text.is_none() {
        let opening = s.toks[..f.t0].iter().take_while(|t| !t.word).count();
        if let Some(comma) = s.toks[opening..f.t0].iter().position(|t| t.lower == ",").map(|k| k + opening)
            && comma <= opening + 5
            && s.toks[comma + 1..f.t0].iter().all(|t| t.word || t.lower == "-")
        {
            let fronted = Span::new(s.toks[opening].span.start, s.toks[comma].span.start);
            let t = pick_date(s.text, art.times, fronted, trigger, st, art.anchor, true);
            // a bare year or a span of years sets the scope of what is said ("Selama 2018-2023,
            // X menambahkan ..."), not the day it was said
            if t.date.as_deref().is_some_and(|d| d.len() >= 7) && t.date_end.is_none() {
                when = t;
            }
        }
    }
    if when.date.is_none() && when.date_text.is_none() && !planned && !speech {
        when = pick_date(s.text, art.times, s.unit, trigger, st, art.anchor, false);
    }
    if before_main && when.source == DateSource::Time {
        let inner = pick_date(s.text, art.times, sub_clause, trigger, st, art.anchor, false);
        if inner.date.is_some() {
            when = inner;
        } else if when.date.as_deref().is_some_and(|d| d.split('-').count() == 3) {
            when = When::none();
        }
    }
    if speech {
        when.or_reference(art.anchor);
    }
    when
}

/// The status of `span` from its cues, leaving out the trigger itself and any quotation the
/// trigger is not inside (a statement is not hedged by what it quotes).
fn assess_outside(text: &str, span: Span, trigger: Span, quotes: &[Quote], index: &SpanIndex) -> status::Assessment {
    let mut holes: Vec<Span> = vec![trigger];
    holes.extend(
        index
            .overlapping(span)
            .map(|(_, i)| &quotes[i])
            .filter(|q| q.start.max(span.start) < q.end.min(span.end))
            .filter(|q| !Span::new(q.start, q.end).contains(trigger))
            .map(|q| Span::new(q.start.max(span.start), q.end.min(span.end))),
    );
    holes.sort();
    let mut best = status::Assessment { status: Status::Confirmed, cue: None, negated: false };
    let mut at = span.start;
    for h in holes.iter().chain(std::iter::once(&Span::new(span.end, span.end))) {
        if h.start > at && text.is_char_boundary(at) && text.is_char_boundary(h.start) {
            let a = status::assess(text, Span::new(at, h.start), Status::Confirmed);
            if a.cue.is_some() && (best.cue.is_none() || a.status.rank() > best.status.rank()) {
                best = a;
            }
        }
        at = at.max(h.end);
    }
    best
}

/// Extend a clause over a following "tetapi belum dikonfirmasi": a clause that starts with a
/// contrast word and names no entity still speaks of the same event.
fn extend_clause(toks: &[Tok], men: &[Men], ce: usize) -> usize {
    if ce < toks.len() && matches!(toks[ce].lower.as_str(), "tetapi" | "tapi" | "namun" | "meski" | "meskipun") {
        let (_, e2) = clause(toks, ce);
        if !men.iter().any(|m| m.t0 >= ce && m.t0 < e2) {
            return e2;
        }
    }
    ce
}

fn quote_cue(q: &Quote) -> Option<Span> {
    q.cue.as_ref().map(TextSpan::span)
}

/// The place of an event: for a visit its most specific destination, else a place after "di".
fn pick_place(kind: EventType, args: &[(usize, Role)], entities: &[Entity]) -> Option<usize> {
    let specific = |e: usize| {
        matches!(entities[e].subtype, Some(Subtype::City | Subtype::Facility | Subtype::Region | Subtype::Province))
    };
    let locs = |role: Role| -> Vec<usize> {
        args.iter().filter(|(e, r)| *r == role && entities[*e].kind == EntityKind::Loc).map(|(e, _)| *e).collect()
    };
    let mut cands =
        if matches!(kind, EventType::Visit | EventType::Invitation) { locs(Role::Destination) } else { Vec::new() };
    if cands.is_empty() {
        cands = locs(Role::Place);
    }
    cands.iter().copied().find(|&e| specific(e)).or(cands.first().copied())
}

/// The date of an event from the time mentions inside `within`, nearest to the trigger.
fn pick_date(
    text: &str,
    times: &[TimeMention],
    within: Span,
    trigger: Span,
    st: Status,
    anchor: &Anchor,
    report_ok: bool,
) -> When {
    debug_assert!(times.is_sorted_by_key(|t| t.start), "time mentions in text order");
    let mut cands: Vec<&TimeMention> = starting_within(times, within)
        .iter()
        .filter(|t| {
            within.contains(Span::new(t.start, t.end))
                && matches!(t.kind, TimeKind::Date | TimeKind::Time)
                && (report_ok || !is_report_date(text, t, trigger, within))
                && !names_a_document(text, t)
        })
        .collect();
    if cands.is_empty() {
        return When::none();
    }
    let dist = |t: &TimeMention| {
        if t.start >= trigger.end { t.start - trigger.end } else { trigger.start.saturating_sub(t.end) }
    };
    cands.sort_by_key(|t| (dist(t), t.start));
    let mut best = cands[0];
    // "28-29 Desember 1954": a range's first day dates it, whichever end stands nearer the
    // trigger; a bare day number before the dash takes the month and year of the end
    let connected = |a: &TimeMention, b: &TimeMention| {
        b.start >= a.end
            && b.start <= a.end + 8
            && matches!(text[a.end..b.start].trim(), "-" | "–" | "hingga" | "sampai" | "s.d." | "dan")
    };
    let mut range_end: Option<&TimeMention> = None;
    loop {
        let i = times.partition_point(|t| t.start < best.start);
        match i.checked_sub(1).map(|j| &times[j]).filter(|p| within.contains(Span::new(p.start, p.end))) {
            Some(p) if connected(p, best) && matches!(p.kind, TimeKind::Date) => {
                range_end = range_end.or(Some(best));
                best = p;
            }
            _ => break,
        }
    }
    if let Some(last) = range_end {
        let future = matches!(st, Status::Planned | Status::Speculated | Status::Conditional | Status::Unconfirmed);
        let end = fill_year(&last.value, &last.text, future, anchor);
        let day: Option<u8> =
            best.text.trim().rsplit(' ').next().and_then(|d| d.parse().ok()).filter(|d| (1..=31).contains(d));
        let start = match (day, end.as_deref()) {
            // the end's year and month with the start's day
            (Some(d), Some(e)) if e.len() >= 7 => Some(format!("{}-{d:02}", &e[..7])),
            _ => fill_year(&best.value, &best.text, future, anchor),
        };
        if let Some(v) = start {
            return When { date: Some(v), date_end: end, date_text: None, source: DateSource::Time };
        }
    }
    if best.value.ends_with("_REF") {
        return When { date: None, date_end: None, date_text: Some(best.text.clone()), source: DateSource::Relative };
    }
    let future = matches!(st, Status::Planned | Status::Speculated | Status::Conditional | Status::Unconfirmed);
    let value = fill_year(&best.value, &best.text, future, anchor);
    // a range: "19 dan 20 Juni", "19-20 Juni"
    let mut end = None;
    let after = times.partition_point(|t| t.start <= best.end);
    if let Some(next) = times.get(after).filter(|t| t.start <= best.end + 8) {
        let gap = text[best.end..next.start].trim();
        if matches!(gap, "dan" | "-" | "–" | "hingga" | "sampai" | "s.d.") {
            end = fill_year(&next.value, &next.text, future, anchor);
        }
    }
    match value {
        Some(v) => When { date: Some(v), date_end: end, date_text: None, source: DateSource::Time },
        None => When { date: None, date_end: None, date_text: Some(best.text.clone()), source: DateSource::Unresolved },
    }
}

/// Whether a year is part of a document's name ("Keputusan KPU Nomor 12 Tahun 2025", "UU No. 1
/// Tahun 2024"): the number of a regulation, not when something happened.
fn names_a_document(text: &str, t: &TimeMention) -> bool {
    let mut from = t.start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..t.start].to_lowercase();
    let words: Vec<&str> = before.split_whitespace().collect();
    let n = words.len();
    n >= 2
        && words[n - 1].trim_end_matches(',').chars().next().is_some_and(|c| c.is_ascii_digit())
        && matches!(words[n - 2], "nomor" | "no" | "no." | "nomer")
}

/// Whether time mention `t` dates a report rather than the event at `trigger`: a reporting
/// word stands between them, or just before the time.
fn is_report_date(text: &str, t: &TimeMention, trigger: Span, within: Span) -> bool {
    let between = if t.start >= trigger.end {
        Span::new(trigger.end, t.start)
    } else {
        Span::new(t.end.min(trigger.start), trigger.start)
    };
    let mut lead_start = t.start.saturating_sub(40).max(within.start);
    while !text.is_char_boundary(lead_start) {
        lead_start += 1;
    }
    let lead = Span::new(lead_start, t.start);
    [between, lead].iter().any(|s| status::words(text, *s).iter().any(|(w, _)| Words::SpeechReport.contains(w)))
}

/// A TIMEX3 date value as a calendar date (`2023-09-12`, `2023-09`, `2023`), its missing year
/// filled from the anchor; None when it cannot be pinned.
fn fill_year(value: &str, text: &str, future: bool, anchor: &Anchor) -> Option<String> {
    let v = value.split('T').next().unwrap_or(value);
    let v = v.trim_end_matches("-XX");
    if !v.starts_with("XXXX") {
        let ok = v.len() >= 4 && v.bytes().all(|b| b.is_ascii_digit() || b == b'-') && !v.contains('W');
        return ok.then(|| v.to_string());
    }
    let y = anchor.year?;
    let lower = text.to_lowercase();
    if v == "XXXX" {
        let shift = if lower.contains("tahun lalu") || lower.contains("tahun sebelumnya") {
            -1
        } else if lower.contains("tahun depan") {
            1
        } else if lower.contains("tahun ini") {
            0
        } else {
            return None;
        };
        return Some(format!("{}", y + shift));
    }
    let rest = &v[4..]; // "-06-19" or "-09"
    let mut parts = rest.trim_start_matches('-').split('-');
    let m: i8 = parts.next()?.parse().ok()?;
    let d: Option<i8> = parts.next().and_then(|d| d.parse().ok());
    let am = anchor.month?;
    let past_marked = lower.contains("lalu") || lower.contains("kemarin");
    if anchor.month_is_lower_bound && m > am && (!future || past_marked) {
        return None;
    }
    let year = if m == am {
        y
    } else if future && !past_marked {
        if m > am { y } else { y + 1 }
    } else if m < am {
        y
    } else {
        y - 1
    };
    Some(match d {
        Some(d) => format!("{year:04}-{m:02}-{d:02}"),
        None => format!("{year:04}-{m:02}"),
    })
}

/// Statements from quotes: each quote with a named speaker that is not a medium.
fn statements(
    text: &str,
    doc: &Doc,
    entities: &[Entity],
    times: &[TimeMention],
    quotes: &[Quote],
    anchor: &Anchor,
) -> Vec<Draft> {
    let mut out = Vec::new();
    let sentences: Vec<Span> = doc.sentence_spans().collect();
    // The first entity of each id (a look-up per quote, not a scan).
    let mut by_id: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        by_id.entry(e.id.as_str()).or_insert(i);
    }
    for q in quotes {
        let Some(id) = q.speaker_entity.as_deref() else { continue };
        let Some(&ei) = by_id.get(id) else { continue };
        if entities[ei].is_media() {
            continue;
        }
        let cue = quote_cue(q).unwrap_or(Span::new(q.start, q.start));
        if under_modal(text, cue.start) {
            continue;
        }
        if let Some(sp) = q.speaker_span.as_ref().map(|s| s.start) {
            let before = text[..sp].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            if matches!(before.to_lowercase().as_str(), "di" | "dari" | "media" | "pers" | "situs") {
                continue;
            }
        }
        // sentences are in text order and do not overlap: the candidates are those that start
        // at or before the cue and end after it
        let lo = sentences.partition_point(|s| s.end.max(s.start + 1) <= cue.start);
        let hi = sentences.partition_point(|s| s.start <= cue.start).max(lo);
        let Some(sent) =
            sentences[lo..hi].iter().copied().find(|s| s.start <= cue.start && cue.start < s.end.max(s.start + 1))
        else {
            continue;
        };
        let qspan = Span::new(q.start, q.end);
        let outside: Vec<&TimeMention> = starting_within(times, sent)
            .iter()
            .filter(|t| sent.contains(Span::new(t.start, t.end)) && !qspan.contains(Span::new(t.start, t.end)))
            .collect();
        let mut when = When::none();
        if !outside.is_empty() {
            let owned: Vec<TimeMention> = day_times(&outside.into_iter().cloned().collect::<Vec<_>>());
            when = pick_date(text, &owned, sent, cue, Status::Confirmed, anchor, true);
        }
        when.or_reference(anchor);
        let mut args = vec![(ei, Role::Agent)];
        // "mengatakan kepada X"
        let after = &text[cue.end..sent.end.max(cue.end)];
        if let Some(rest) = after.trim_start().strip_prefix("kepada ") {
            let at = sent.end - rest.len();
            let nearest = entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, i)))
                .filter(|&(st, _)| st >= at && st <= at + 30)
                .min();
            if let Some((_, i)) = nearest
                && !entities[i].is_media()
                && i != ei
            {
                args.push((i, Role::Recipient));
            }
        }
        let via = q.via.is_some() || q.speaker_resolution == Some(SpeakerResolution::Outlet);
        let pre = status::assess(text, Span::new(sent.start, q.start.max(sent.start)), Status::Confirmed);
        let (st, st_cue) =
            if pre.status == Status::Reported || via { (Status::Reported, pre.cue) } else { (Status::Confirmed, None) };
        // "MK menyatakan ...", "kata majelis hakim": what a court says is its ruling
        let kind = if is_court(&entities[ei]) { EventType::Trial } else { EventType::Statement };
        out.push(Draft {
            kind,
            args,
            place: None,
            date: when.date,
            date_end: when.date_end,
            date_source: when.source,
            date_text: when.date_text,
            status: st,
            cue: st_cue,
            evidence: sent,
            trigger: cue,
            negated: false,
            from_caption: false,
            from_context: false,
            alleged: false,
            background_cue: false,
            earlier: opens_earlier(&tokens(text, sent)),
            occasion: false,
            noun: false,
        });
    }
    out
}

/// Whether `w` is an active speech verb of the trigger lexicon ("mengatakan", "menyatakan").
fn is_speech_verb(w: &str) -> bool {
    lexicon::triggers_starting(w)
        .iter()
        .any(|t| t.kind == EventType::Statement && t.pos == Pos::Verb && t.words.len() == 1)
}

/// Whether the word at byte `at` stands right after a modal of ability or obligation ("dapat
/// menjelaskan", "harus memastikan"): what someone can or must say is no act of speech.
fn under_modal(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    ["dapat", "bisa", "mampu", "harus", "perlu", "wajib", "boleh"].iter().any(|m| before.eq_ignore_ascii_case(m))
}

/// Whether an entity is a court ("Mahkamah Konstitusi", "Pengadilan Negeri Jakarta Pusat",
/// "majelis hakim"): its words hold one of `courts.txt`.
fn is_court(e: &Entity) -> bool {
    e.kind != EntityKind::Per && e.name.split_whitespace().any(|w| lexicon::COURTS.contains(&w.to_lowercase().as_str()))
}

fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.starts_with(y.as_str()) || y.starts_with(x.as_str()),
        _ => true,
    }
}

/// Whether entities `a` and `b` are one person: the same entity, or two people's names of which
/// one is a part of the other ("Sigit" and "Listyo Sigit Prabowo") where alias merging kept
/// them apart, and the shorter is part of no other person's name in the article ("Prabowo"
/// beside both "Listyo Sigit Prabowo" and "Prabowo Subianto" stays apart).
fn same_person(entities: &[Entity], a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    let words = |e: &Entity| e.name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let (x, y) = (&entities[a], &entities[b]);
    if x.kind != EntityKind::Per || y.kind != EntityKind::Per {
        return false;
    }
    let (wx, wy) = (words(x), words(y));
    let (short, long, short_at) = if wx.len() <= wy.len() { (&wx, &wy, a) } else { (&wy, &wx, b) };
    let part_of = |name: &[String]| short.iter().all(|w| name.contains(w));
    !short.is_empty()
        && part_of(long)
        && entities
            .iter()
            .enumerate()
            .filter(|&(i, e)| i != short_at && e.kind == EntityKind::Per && part_of(&words(e)))
            .count()
            == 1
}

fn agent_of(d: &Draft) -> Option<usize> {
    d.args.iter().find(|(_, r)| *r == Role::Agent).map(|(e, _)| *e)
}

/// Whether two speech dates (the publication day standing in where the text gives none) can
/// be one occasion: unknown, or days less than a week apart.
fn same_occasion(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return true };
    match (a.parse::<Date>(), b.parse::<Date>()) {
        (Ok(x), Ok(y)) => (x - y).get_days().abs() <= BACKGROUND_DAYS as i32,
        _ => compatible(&Some(a.to_string()), &Some(b.to_string())),
    }
}

/// The time mentions that name a day (a speech is dated by its day, not by a year it mentions).
fn day_times(times: &[TimeMention]) -> Vec<TimeMention> {
    times
        .iter()
        .filter(|t| {
            let v = t.value.split('T').next().unwrap_or("");
            v.split('-').count() == 3 && !v.contains('W') && !v.ends_with("XX")
        })
        .cloned()
        .collect()
}

fn participant_ids(d: &Draft) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for &(e, r) in &d.args {
        if !matches!(r, Role::Place | Role::Other) && !v.contains(&e) {
            v.push(e);
        }
    }
    v
}

/// Deduplicate, mark background and build the contract's [`Event`]s, in text order.
fn finish(text: &str, mut drafts: Vec<Draft>, entities: &[Entity], anchor: &Anchor, lead: Option<Span>) -> Vec<Event> {
    // An act of speech of another type (a demand, a threat) that the text dates only by the
    // reference day takes the date of the speaker's words it absorbs ("'Saya minta ...,' kata X,
    // Senin (9/6)": the demand was made on Monday).
    let spoken_dates: Vec<(Span, usize, Option<String>, Option<String>)> = drafts
        .iter()
        .filter(|d| d.kind == EventType::Statement && d.date_source == DateSource::Time)
        .filter_map(|d| agent_of(d).map(|a| (d.evidence, a, d.date.clone(), d.date_end.clone())))
        .collect();
    for d in drafts.iter_mut().filter(|d| lexicon::SAID.contains(&d.kind) && !d.noun) {
        if !matches!(d.date_source, DateSource::Reference | DateSource::None) || d.date_text.is_some() {
            continue;
        }
        let Some(a) = agent_of(d) else { continue };
        if let Some((_, _, date, end)) =
            spoken_dates.iter().find(|(ev, b, _, _)| *b == a && ev.start < d.evidence.end && d.evidence.start < ev.end)
        {
            (d.date, d.date_end, d.date_source) = (date.clone(), end.clone(), DateSource::Time);
        }
    }
    let triggers: Vec<Span> = drafts.iter().filter(|d| d.kind != EventType::Statement).map(|d| d.trigger).collect();
    // A speaker's words that are themselves an event of another type by the same speaker (a
    // demand, a denial, an announced policy) are that event, not also a statement. An act that
    // is the occasion of the words ("ujar X saat meninjau ...") is not what they say, and a noun
    // in them ("menegaskan pentingnya program ...") names what they are about, not an act.
    let acts: Vec<(Span, usize)> = drafts
        .iter()
        .filter(|d| d.kind != EventType::Statement && !d.from_caption && !d.occasion && !d.noun)
        .filter_map(|d| agent_of(d).map(|a| (d.evidence, a)))
        .collect();
    let absorbed = |d: &Draft| {
        d.kind == EventType::Statement
            && (triggers.contains(&d.trigger)
                || agent_of(d).is_some_and(|a| {
                    acts.iter().any(|(ev, b)| *b == a && ev.start < d.evidence.end && d.evidence.start < ev.end)
                }))
    };
    // The occasion such words were said on is told: the same speaker's further words on it are
    // not a new statement (one per speaker per occasion, whatever type the first took).
    let spoken: Vec<(usize, Span, Option<String>)> = drafts
        .iter()
        .filter(|d| absorbed(d) || (lexicon::SAID.contains(&d.kind) && !d.noun))
        .filter_map(|d| agent_of(d).map(|a| (a, d.evidence, d.date.clone())))
        .collect();
    let said_before = |d: &Draft| {
        agent_of(d).is_some_and(|a| {
            spoken.iter().any(|(b, ev, date)| {
                ev.end <= d.evidence.start
                    && same_person(entities, a, *b)
                    && same_occasion(date.as_deref(), d.date.as_deref())
            })
        })
    };
    drafts.retain(|d| d.kind != EventType::Statement || !(absorbed(d) || said_before(d)));
    // a statement is somebody's: one whose speaker the text does not name is no event, and a
    // place below a country ("..., ujar Dinas PU Kota Medan" read as Medan) does not speak
    drafts.retain(|d| {
        d.kind != EventType::Statement
            || agent_of(d).is_some_and(|a| {
                let e = &entities[a];
                e.kind != EntityKind::Loc || e.subtype == Some(Subtype::Country)
            })
    });
    drafts.sort_by_key(|d| (d.evidence.start, d.trigger.start));
    let mut groups: Vec<Vec<Draft>> = Vec::new();
    for d in drafts {
        let mut ids = participant_ids(&d);
        ids.sort_unstable();
        let hit = groups.iter_mut().find(|g| {
            // one statement per speaker per occasion: same speaker, no two different dates
            // read from the text (the publication date stands for any day)
            if d.kind == EventType::Statement && g[0].kind == EventType::Statement {
                // one sentence reports one act of speech
                if g.iter().any(|x| x.evidence.start < d.evidence.end && d.evidence.start < x.evidence.end) {
                    return true;
                }
                let speaker = agent_of(&d);
                return speaker.is_some_and(|a| agent_of(&g[0]).is_some_and(|b| same_person(entities, a, b)))
                    && g.iter().all(|x| same_occasion(x.date.as_deref(), d.date.as_deref()));
            }
            // one happening of a type per sentence for the newer types
            if g[0].kind == d.kind
                && !lexicon::NEEDS_PARTY.contains(&d.kind)
                && g.iter().any(|x| x.evidence.start < d.evidence.end && d.evidence.start < x.evidence.end)
            {
                return true;
            }
            let mut gi = participant_ids(&g[0]);
            gi.sort_unstable();
            // with no party to tell them apart, a flood in one district and a flood in another
            // are two happenings (a meeting of the same people told at two places is one, and
            // the places' disagreement is kept); and two happenings with no party named at all
            // are one only when the same word, the same place or parties borrowed from the last
            // of its type tell them ("banjir ... banjir"), not for sharing a type
            let nameless_same = || {
                d.from_context
                    || g.iter().any(|x| {
                        (x.place.is_some() && x.place == d.place)
                            || text[x.trigger.start..x.trigger.end]
                                .eq_ignore_ascii_case(&text[d.trigger.start..d.trigger.end])
                    })
            };
            g[0].kind == d.kind
                && gi == ids
                && g[0].negated == d.negated
                && g.iter().all(|x| compatible(&x.date, &d.date))
                && (!ids.is_empty()
                    || (g.iter().all(|x| x.place.is_none() || d.place.is_none() || x.place == d.place)
                        && nameless_same()))
        });
        match hit {
            Some(g) => g.push(d),
            None => groups.push(vec![d]),
        }
    }
    groups.into_iter().map(|g| build(text, g, entities, anchor, lead)).collect()
}

fn build(text: &str, g: Vec<Draft>, entities: &[Entity], anchor: &Anchor, lead: Option<Span>) -> Event {
    let first = &g[0];
    // the most precise date, the most cautious status
    let dated = g
        .iter()
        .filter(|d| d.date.is_some())
        .max_by_key(|d| (d.date_source != DateSource::Reference, d.date.as_ref().map_or(0, |s| s.len())));
    let main = dated.unwrap_or(first);
    let cautious = g.iter().max_by_key(|d| d.status.rank()).unwrap_or(first);
    let ids = participant_ids(first);
    let mut roles = Roles::default();
    for &(e, r) in &first.args {
        if let Some(list) = r.slot(&mut roles)
            && !list.contains(&entities[e].id)
        {
            list.push(entities[e].id.clone());
        }
    }
    let place = g.iter().find_map(|d| d.place);
    let claim = EventStatus::from(cautious.status);
    let earlier = first.earlier && cautious.status.rank() < Status::Planned.rank();
    let in_lead = lead.is_some_and(|l| first.evidence.start < l.end && l.start < first.evidence.end);
    // the lead tells the news: only an old date (two months) makes it context there
    let days = if in_lead { LEAD_BACKGROUND_DAYS } else { BACKGROUND_DAYS };
    let by_date = match is_background(main.date.as_deref(), anchor, days) {
        Some(old) => old,
        None => {
            main.date.is_none() && g.iter().all(|d| d.background_cue) && cautious.status.rank() < Status::Planned.rank()
        }
    };
    let background = earlier || by_date;
    // The lead's happening that the text gives no date for, told as the news (done or
    // reported, not planned, denied or context), is dated by the article's reference day,
    // marked so: the reader sees where the date came from, and a timeline can place it. Further
    // down, an undated happening may be anything from last week to years ago: no date.
    let undated = main.date.is_none() && g.iter().all(|d| d.date_text.is_none());
    // (a clause that sets the scene, "Setelah kebakaran ...", "saat meninjau ...", is not the news)
    let news = in_lead
        && !background
        && !g.iter().all(|d| d.occasion)
        && matches!(claim, EventStatus::Confirmed | EventStatus::Reported);
    let (date, date_source) = match anchor.day {
        Some(day) if undated && news => (Some(day.to_string()), DateSource::Reference),
        _ => (main.date.clone(), main.date_source),
    };
    Event {
        kind: first.kind,
        date,
        participants: ids.iter().map(|&e| entities[e].id.clone()).collect(),
        place: place.map(|p| entities[p].name.clone()),
        status: if background { EventStatus::Background } else { claim },
        evidence: first.evidence,
        trigger: TextSpan::of(text, first.trigger),
        participant_names: ids.iter().map(|&e| entities[e].name.clone()).collect(),
        participant_kb: ids.iter().map(|&e| entities[e].kb.clone()).collect(),
        roles,
        place_entity: place.map(|p| entities[p].id.clone()),
        place_kb: place.and_then(|p| entities[p].kb.clone()),
        status_cue: cautious.cue.map(|c| TextSpan::of(text, c)),
        date_source,
        date_end: main.date_end.clone(),
        date_text: g.iter().find_map(|d| d.date_text.clone()).filter(|_| main.date.is_none()),
        evidence_all: if g.len() > 1 { g.iter().map(|d| d.evidence).collect() } else { Vec::new() },
        negated: first.negated,
        from_caption: g.iter().any(|d| d.from_caption),
        participants_from_context: first.from_context,
        alleged: g.iter().any(|d| d.alleged),
        claim_status: background.then_some(claim),
        background,
    }
}

/// Whether a unit is a subheading: a line of its own, of at most ten words, with no closing
/// punctuation and every word of four letters or more capitalised ("Merancang Ulang",
/// "Perluas Kerja Sama & Penetapan Cagar Budaya"). It names a topic, not a happening.
fn subheading(text: &str, unit: Span, toks: &[Tok]) -> bool {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word).collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let body = text[unit.start..unit.end].trim_end();
    if body.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ',', ';', ')']) {
        return false;
    }
    let after = &text[unit.end..];
    let own_line = after.trim_start_matches([' ', '\t', '\r']).starts_with('\n') || after.trim().is_empty();
    own_line && words.iter().filter(|t| t.lower.chars().count() >= 4).all(|t| t.cap)
}

/// The outlet's own words ("Tonton juga video ...", "Simak ...", "Baca juga: ..."): no events.
fn outlet_words(toks: &[Tok]) -> bool {
    let mut w = toks.iter().filter(|t| t.word).map(|t| t.lower.as_str());
    matches!((w.next(), w.next()), (Some("tonton" | "simak" | "saksikan" | "baca"), _) | (Some("lihat"), Some("juga")))
}

/// Whether "sebelumnya" (before that) or "pernah" (once) stands right before the trigger, an
/// auxiliary or "juga" between allowed ("X sebelumnya mewajibkan", "X juga pernah menyatakan");
/// not "rancangan sebelumnya" (the previous draft), which follows a noun.
fn earlier_before(toks: &[Tok], t0: usize) -> bool {
    let mut k = t0;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let w = toks[k].lower.as_str();
        if matches!(w, "sebelumnya" | "pernah") {
            return true;
        }
        if !(AUX.contains(&w) || w == "juga") {
            return false;
        }
    }
    false
}

/// Whether a sentence opens with "Sebelumnya" (", ..."): what it tells came before the news.
fn opens_earlier(toks: &[Tok]) -> bool {
    toks.iter().find(|t| t.word).is_some_and(|t| matches!(t.lower.as_str(), "sebelumnya" | "sebelum itu"))
}

/// Whether the first day a date can mean lies after the anchor day.
fn is_future(date: Option<&str>, anchor: &Anchor) -> bool {
    let (Some(date), Some(day)) = (date, anchor.day) else { return false };
    let mut parts = date.split('-');
    let Some(y) = parts.next().and_then(|y| y.parse::<i16>().ok()) else { return false };
    let m: i8 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    let d: i8 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1);
    Date::new(y, m, d).is_ok_and(|first| first > day)
}

/// Days before the anchor day after which a dated event is context, not the news.
const BACKGROUND_DAYS: i64 = 7;
/// The same for an event of the lead sentence (the news itself unless long past).
const LEAD_BACKGROUND_DAYS: i64 = 60;

/// Whether a date lies more than `days` before the anchor day (None: cannot tell).
fn is_background(date: Option<&str>, anchor: &Anchor, days: i64) -> Option<bool> {
    let date = date?;
    let day = anchor.day?;
    let mut parts = date.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: Option<i8> = parts.next().and_then(|m| m.parse().ok());
    let d: Option<i8> = parts.next().and_then(|d| d.parse().ok());
    // the last day the date can mean
    let last = match (m, d) {
        (Some(m), Some(d)) => Date::new(y, m, d).ok()?,
        (Some(m), None) => Date::new(y, m, 1).ok()?.last_of_month(),
        _ => Date::new(y, 12, 31).ok()?,
    };
    let limit = day.checked_sub(jiff::Span::new().days(days)).ok()?;
    Some(last < limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_precise_publication_places_month_names_from_its_earliest_day() {
        let published = |value: &str, precision, earliest: Option<&str>| Published {
            value: value.into(),
            precision,
            reason: String::new(),
            evidence: None,
            earliest: earliest.map(String::from),
        };
        let p = published("2025", crate::analysis::Precision::Year, Some("2025-03-27"));
        let a = Anchor::new(None, Some(&p));
        assert_eq!((a.year, a.month), (Some(2025), Some(3)));
        // a plan for May is this May; a past July is last year's
        assert_eq!(fill_year("XXXX-05", "pada Mei", true, &a).as_deref(), Some("2025-05"));
        // a past month before the earliest day is of its year; one after it could be of that
        // year (published later) or the year before: not pinned
        assert_eq!(fill_year("XXXX-02", "pada Februari", false, &a).as_deref(), Some("2025-02"));
        assert_eq!(fill_year("XXXX-07", "pada Juli", false, &a), None);
        // with no earliest day the month stays unknown, and so does the year of a month name
        let bare = Anchor::new(None, Some(&published("2025", crate::analysis::Precision::Year, None)));
        assert_eq!(bare.month, None);
        assert_eq!(fill_year("XXXX-05", "pada Mei", true, &bare), None);
        // an earliest day in another year than the value says nothing about the month
        let odd = Anchor::new(None, Some(&published("2025", crate::analysis::Precision::Year, Some("2024-12-30"))));
        assert_eq!(odd.month, None);
    }

    fn people(names: &[&str]) -> Vec<Entity> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                serde_json::from_value(
                    serde_json::json!({"id": format!("e{i}"), "type": "PER", "name": n, "mentions": []}),
                )
                .expect("an entity")
            })
            .collect()
    }

    #[test]
    fn a_short_name_is_the_one_person_whose_name_holds_it() {
        let e = people(&["Listyo Sigit Prabowo", "Sigit", "Ahmad Yani"]);
        assert!(same_person(&e, 0, 1) && same_person(&e, 1, 0));
        assert!(!same_person(&e, 1, 2));
        // "Prabowo" could be either of two people: kept apart from both
        let e = people(&["Listyo Sigit Prabowo", "Prabowo Subianto", "Prabowo"]);
        assert!(!same_person(&e, 0, 2) && !same_person(&e, 1, 2));
        assert!(!same_person(&e, 0, 1));
    }
}
