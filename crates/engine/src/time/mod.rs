//! The time stage: every Indonesian time expression in the body, with its TIMEX3 type
//! (DATE, TIME, DURATION, SET) and normalised value, pinned to the calendar.
//!
//! ```text
//! Doc tokens → grammar tokens (lex) → longest-match grammar (grammar) → resolve against the
//!                                          reference date and the last pinned date
//! ```
//!
//! * Deictic expressions ("kemarin", "tahun lalu", "Senin", "27 Maret") resolve against the
//!   reference date (publication date or `--reference-date`).
//! * Anaphoric ones ("hari itu", "keesokan harinya", a bare "pukul 07.55" or "malam") resolve
//!   against the last day-precise date mentioned before them; `anchor` names it.
//! * Without a reference date relative values stay underspecified (`XXXX-06-12`, `XXXX`) and the
//!   mention carries `"resolved": false`: nothing is invented.
//! * A weekday and a date that disagree choose the reading that makes them agree (day/month
//!   swap, or the year of a year-less date); if none does, `weekday_mismatch: true`.
//!
//! Extra fields on a mention: `precision` (day, month, year, week, weekend, quarter, half,
//! decade, time, part_of_day), `mod` (START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...),
//! `anchor`, `timezone`, `quant`/`freq` (sets), `relation` (since/until/before/after from the
//! preposition in front), `resolved: false`.

mod grammar;
pub(crate) mod lex;

use crate::analysis::{Correction, Span, TimeKind, TimeMention, TimeMod, TimePrecision, TimeRelation};
use crate::doc::Doc;
use grammar::{Cand, Dir, Piece, Point};
use jiff::civil::{Date, Weekday};
use lex::{Cx, Qty, Unit, duration_value};

/// Find and normalise the time expressions in `spans` of `text` (byte ranges, e.g. the body
/// paragraphs and captions), resolved against `reference`. Mentions come in text order;
/// `&text[m.start..m.end] == m.text`.
pub fn tag_times(text: &str, spans: &[Span], reference: Option<Date>) -> Vec<TimeMention> {
    tag(text, None, spans.iter().map(|&s| (s, None)).collect(), reference)
}

/// [`tag_times`] over the Doc's blocks (their tokens read from the Doc) and `extra` spans
/// outside it (captions), in text order.
pub fn tag_times_doc(text: &str, doc: &Doc, extra: &[Span], reference: Option<Date>) -> Vec<TimeMention> {
    let spans = doc.blocks.iter().enumerate().map(|(bi, b)| (b.span, Some(bi))).chain(extra.iter().map(|&s| (s, None)));
    tag(text, Some(doc), spans.collect(), reference)
}

/// The spans in text order (each once), each with its Doc block when it is one.
fn tag(
    text: &str,
    doc: Option<&Doc>,
    mut spans: Vec<(Span, Option<usize>)>,
    reference: Option<Date>,
) -> Vec<TimeMention> {
    spans.retain(|(s, _)| {
        s.end <= text.len() && s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    });
    spans.sort_by_key(|(s, _)| *s);
    spans.dedup_by_key(|(s, _)| *s);
    let mut st = State { reference, last: None, last_month: None, last_year: None, last_sentence: None };
    let mut out: Vec<TimeMention> = Vec::new();
    // The kept mentions' extents (start → end), disjoint, for an O(log n) overlap test: among
    // disjoint intervals, the one starting last before `m.end` is the only one that can reach
    // past `m.start`.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (sp, block) in spans {
        let cx = match (doc, block) {
            (Some(d), Some(bi)) => Cx::with_segments(text, sp, d.block_tokens(bi), d.block_sentences(bi)),
            _ => Cx::new(text, sp),
        };
        for c in grammar::scan(&cx) {
            let m = resolve(text, &cx, &c, &mut st);
            let overlaps = taken.range(..m.end).next_back().is_some_and(|(_, &end)| end > m.start);
            if !overlaps {
                taken.insert(m.start, m.end);
                out.push(m);
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

struct State {
    reference: Option<Date>,
    /// The last day-precise date mentioned (anchor for "hari itu", bare clock times).
    last: Option<Date>,
    last_month: Option<(i16, i8)>,
    last_year: Option<i16>,
    /// The sentence (span base, first token) where `last` was stated.
    last_sentence: Option<(usize, usize)>,
}

/// An id for the sentence holding token i: (span base, index of its first token).
fn sentence_id(cx: &Cx, i: usize) -> (usize, usize) {
    (cx.base, cx.sentence_first(i))
}

impl State {
    fn pin(&mut self, d: Date) {
        self.last = Some(d);
        self.last_month = Some((d.year(), d.month()));
        self.last_year = Some(d.year());
    }
    /// The anchor for anaphoric expressions: the last pinned date, else the reference.
    fn anchor(&self) -> Option<(Date, bool)> {
        match self.last {
            Some(d) => Some((d, true)),
            None => self.reference.map(|d| (d, false)),
        }
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().months(n)).ok()
}

fn days_between(a: Date, b: Date) -> i64 {
    a.since(b).map(|s| s.get_days() as i64).unwrap_or(i64::MAX / 4)
}

fn resolve(text: &str, cx: &Cx, c: &Cand, st: &mut State) -> TimeMention {
    let (start, end) = cx.range(c.i, c.j);
    let mut tm = TimeMention::new(text[start..end].to_string(), start, end, TimeKind::Date, String::new());
    let (kind, value): (TimeKind, String) = match &c.piece {
        Piece::Point(p) => resolve_point(cx, c, p, st, &mut tm),
        Piece::Decade(d) => {
            tm.precision = Some(TimePrecision::Decade);
            (TimeKind::Date, format!("{d:03}"))
        }
        Piece::RelUnit { unit, offset, part, anaphoric, weekend } => {
            resolve_relunit(*unit, *offset, *part, *anaphoric, *weekend, st, &mut tm)
        }
        Piece::Quarter { n, half, year, year_offset, rel } => {
            let letter = if *half { 'H' } else { 'Q' };
            tm.precision = Some(if *half { TimePrecision::Half } else { TimePrecision::Quarter });
            let size = if *half { 6 } else { 3 };
            match (year, st.reference, rel) {
                (_, Some(r), Some(off)) => {
                    let q = (r.month() as i64 - 1) / size + *off as i64;
                    let per_year = 12 / size;
                    let y = r.year() as i64 + q.div_euclid(per_year);
                    (TimeKind::Date, format!("{y:04}-{letter}{}", q.rem_euclid(per_year) + 1))
                }
                (Some(y), _, None) => (TimeKind::Date, format!("{y:04}-{letter}{n}")),
                (None, Some(r), None) => (TimeKind::Date, format!("{:04}-{letter}{n}", r.year() as i32 + year_offset)),
                _ => {
                    tm.resolved = false;
                    (TimeKind::Date, if *n > 0 { format!("XXXX-{letter}{n}") } else { format!("XXXX-{letter}X") })
                }
            }
        }
        Piece::Ref { value, anchored } => {
            if *anchored && let Some(d) = st.last {
                tm.anchor = Some(iso(d));
            }
            (TimeKind::Date, value.to_string())
        }
        Piece::Duration { q, unit, modi } => {
            if let Some(m) = modi {
                tm.modifier = Some(*m);
            }
            (TimeKind::Duration, duration_value(*q, *unit))
        }
        Piece::Ago { q, unit, sign, anaphoric, modi } => resolve_ago(*q, *unit, *sign, *anaphoric, *modi, st, &mut tm),
        Piece::Set { value, quant, freq } => {
            if let Some(q) = quant {
                tm.quant = Some(*q);
            }
            if let Some(f) = freq {
                tm.freq = Some(f.clone());
            }
            (TimeKind::Set, value.clone())
        }
        Piece::Fixed { kind, value } => (*kind, value.to_string()),
    };
    if c.i > 0 {
        let rel = match cx.w(c.i - 1) {
            "sejak" | "semenjak" | "mulai" => Some(TimeRelation::Since),
            "hingga" | "sampai" => Some(TimeRelation::Until),
            "sebelum" | "menjelang" | "jelang" => Some(TimeRelation::Before),
            "setelah" | "sesudah" | "usai" | "pasca" | "seusai" | "selepas" => Some(TimeRelation::After),
            _ => None,
        };
        if let Some(r) = rel
            && kind != TimeKind::Duration
            && kind != TimeKind::Set
        {
            tm.relation = Some(r);
        }
    }
    tm.kind = kind;
    tm.value = value;
    tm
}

/// Future and past cues in the words just before a bare weekday ("akan digelar pada Senin").
fn tense_before(cx: &Cx, i: usize) -> Dir {
    let lo = i.saturating_sub(8);
    for k in (lo..i).rev() {
        match cx.w(k) {
            "." | "!" | "?" => break,
            "akan" | "bakal" | "dijadwalkan" | "direncanakan" | "rencananya" | "berencana" | "hendak" | "besok"
            | "nanti" => return Dir::Future,
            "telah" | "sudah" | "sempat" | "pernah" | "lalu" | "kemarin" => return Dir::Past,
            _ => {}
        }
    }
    Dir::None
}

fn weekday_date(r: Date, wd: Weekday, dir: Dir, explicit: bool) -> Option<Date> {
    let rd = r.weekday().to_monday_zero_offset() as i64;
    let w = wd.to_monday_zero_offset() as i64;
    match dir {
        Dir::Past => {
            let mut back = (rd - w).rem_euclid(7);
            if back == 0 && explicit {
                back = 7;
            }
            add_days(r, -back)
        }
        Dir::Future => {
            let mut f = (w - rd).rem_euclid(7);
            if f == 0 && explicit {
                f = 7;
            }
            add_days(r, f)
        }
        Dir::This => add_days(r, w - rd),
        Dir::None => add_days(r, -(rd - w).rem_euclid(7)),
    }
}

fn part_mod(part: Option<TimeMod>, tm: &mut TimeMention) {
    if let Some(p) = part {
        tm.modifier = Some(p);
    }
}

/// Pick among candidate dates: agreeing with the weekday when one is given, on the side of
/// the reference the direction asks for, nearest to the reference.
fn choose(cands: &[Date], r: Date, wd: Option<Weekday>, dir: Dir) -> (Option<Date>, bool) {
    let mut pool: Vec<Date> = cands.to_vec();
    let mut agree = true;
    if let Some(w) = wd {
        let ok: Vec<Date> = pool.iter().copied().filter(|d| d.weekday() == w).collect();
        if ok.is_empty() {
            agree = false;
        } else {
            pool = ok;
        }
    }
    let sided: Vec<Date> = pool
        .iter()
        .copied()
        .filter(|d| match dir {
            Dir::Past => *d <= r,
            Dir::Future => *d >= r,
            _ => true,
        })
        .collect();
    if !sided.is_empty() {
        pool = sided;
    }
    (pool.into_iter().min_by_key(|d| days_between(*d, r).abs()), agree)
}

/// The day a point expression is on, as far as it is known: the day itself, else a coarser or
/// underspecified value, and whether that value is unresolved.
#[derive(Default)]
struct Found {
    day: Option<Date>,
    value: Option<String>,
    unresolved: bool,
}

impl Found {
    fn on(day: Option<Date>) -> Found {
        Found { day, ..Found::default() }
    }
    /// Not pinned: the underspecified `value`.
    fn unknown(value: String) -> Found {
        Found { day: None, value: Some(value), unresolved: true }
    }
}

/// A point in time (a day, with its clock time or part of the day): which form it has decides
/// how its day is found ([`day_month`], [`day_alone`], [`bare_weekday`], [`from_anchor`]); a month
/// or a year alone ends there ([`month_alone`]); the day found is pinned and the value written
/// ([`finish_point`]).
fn resolve_point(cx: &Cx, c: &Cand, p: &Point, st: &mut State, tm: &mut TimeMention) -> (TimeKind, String) {
    let found = if let (Some(d), Some(m)) = (p.day, p.month) {
        day_month(p, d, m, st, tm)
    } else if let Some(d) = p.day {
        day_alone(p, d, st)
    } else if let Some(m) = p.month {
        return month_alone(p, m, st, tm);
    } else if let Some(y) = p.year {
        tm.precision = Some(TimePrecision::Year);
        part_mod(p.part, tm);
        st.last_year = Some(y);
        return (TimeKind::Date, format!("{y:04}"));
    } else if let Some(w) = p.weekday {
        bare_weekday(cx, c, p, w, st)
    } else if let Some(n) = p.relday {
        match st.reference {
            Some(r) => Found::on(add_days(r, n as i64)),
            None => Found::unknown("XXXX-XX-XX".into()),
        }
    } else if let Some(n) = p.anaphor {
        from_anchor(n as i64, st, tm)
    } else if p.clock.is_some() {
        from_anchor(0, st, tm)
    } else {
        Found::default()
    };
    finish_point(cx, c, p, found, st, tm)
}

/// A day and a month ("27 Maret", "12/9"): a numeric date whose day and month could be either
/// way round is read the way its weekday agrees with; without a year, the year nearest the
/// reference on the side the tense asks for.
fn day_month(p: &Point, d: u8, m: u8, st: &State, tm: &mut TimeMention) -> Found {
    let orders: Vec<(u8, u8)> = if p.numeric && d != m { vec![(d, m), (m, d)] } else { vec![(d, m)] };
    match p.year {
        Some(y) => {
            let cands: Vec<Date> = orders.iter().filter_map(|&(d, m)| crate::calendar::date(y, m, d)).collect();
            let Some(first) = cands.first().copied() else {
                tm.invalid_date = true;
                return Found { value: Some(format!("{y:04}-{m:02}-{d:02}")), ..Found::default() };
            };
            let pick = match p.weekday {
                Some(w) => cands.iter().copied().find(|x| x.weekday() == w),
                None => None,
            };
            if p.weekday.is_some() && pick.is_none() {
                tm.weekday_mismatch = true;
            }
            let chosen = pick.unwrap_or(first);
            if chosen.month() as u8 != orders[0].1 {
                tm.corrected = Some(Correction::DayMonthSwapped);
            }
            Found::on(Some(chosen))
        }
        None => match st.reference {
            Some(r) => {
                let mut cands = Vec::new();
                for &(d, m) in &orders {
                    for y in [r.year() - 1, r.year(), r.year() + 1] {
                        if let Some(x) = crate::calendar::date(y, m, d) {
                            cands.push(x);
                        }
                    }
                }
                let (pick, agree) = choose(&cands, r, p.weekday, p.dir);
                if !agree {
                    tm.weekday_mismatch = true;
                }
                if let Some(x) = pick
                    && x.month() as u8 != orders[0].1
                {
                    tm.corrected = Some(Correction::DayMonthSwapped);
                }
                Found::on(pick)
            }
            None => {
                let (d, m) = if m > 12 { (m, d) } else { (d, m) };
                Found::unknown(format!("XXXX-{m:02}-{d:02}"))
            }
        },
    }
}

/// "tanggal 24": the month of the nearest such day to the anchor (else the reference).
fn day_alone(p: &Point, d: u8, st: &State) -> Found {
    let base = st.anchor().map(|x| x.0);
    match base.or(st.reference) {
        Some(r) => {
            let mut cands = Vec::new();
            for off in -1..=1 {
                if let Some(b) = add_months(r, off)
                    && let Some(x) = crate::calendar::date(b.year(), b.month() as u8, d)
                {
                    cands.push(x);
                }
            }
            Found::on(choose(&cands, r, p.weekday, p.dir).0)
        }
        None => Found::unknown(format!("XXXX-XX-{d:02}")),
    }
}

/// A month alone ("Maret", "Maret 2024"): without a year, the year nearest the reference on
/// the side the tense asks for. Month precision; sets the last month and year.
fn month_alone(p: &Point, m: u8, st: &mut State, tm: &mut TimeMention) -> (TimeKind, String) {
    tm.precision = Some(TimePrecision::Month);
    part_mod(p.part, tm);
    let y = match (p.year, st.reference) {
        (Some(y), _) => Some(y),
        (None, Some(r)) => {
            let rm = r.year() as i64 * 12 + r.month() as i64 - 1;
            let mut best: Option<(i64, i16)> = None;
            for y in [r.year() - 1, r.year(), r.year() + 1] {
                let mm = y as i64 * 12 + m as i64 - 1;
                let diff = mm - rm;
                let ok = match p.dir {
                    Dir::Past => diff <= 0,
                    Dir::Future => diff >= 0,
                    _ => true,
                };
                if ok && best.is_none_or(|b| diff.abs() < b.0) {
                    best = Some((diff.abs(), y));
                }
            }
            best.map(|b| b.1)
        }
        _ => None,
    };
    let v = match y {
        Some(y) => {
            st.last_month = Some((y, m as i8));
            st.last_year = Some(y);
            format!("{y:04}-{m:02}")
        }
        None => {
            tm.resolved = false;
            format!("XXXX-{m:02}")
        }
    };
    (TimeKind::Date, v)
}

/// A bare weekday: the nearest such day to a date stated in the same sentence, else the one
/// the tense points to from the reference.
fn bare_weekday(cx: &Cx, c: &Cand, p: &Point, w: Weekday, st: &State) -> Found {
    let Some(r) = st.reference else {
        return Found::unknown(format!("XXXX-WXX-{}", w.to_monday_one_offset()));
    };
    let (dir, explicit) = match p.dir {
        Dir::None => (tense_before(cx, c.i), false),
        d => (d, true),
    };
    let same_sentence = st.last_sentence == Some(sentence_id(cx, c.i));
    Found::on(match st.last {
        // "... pada Selasa (12/9), meski ada yang menyebut hari Rabu": a bare weekday
        // next to a stated date in the same sentence is the nearest such day to it
        Some(a) if !explicit && same_sentence => {
            let fwd = (w.to_monday_zero_offset() as i64 - a.weekday().to_monday_zero_offset() as i64).rem_euclid(7);
            add_days(a, if fwd <= 3 { fwd } else { fwd - 7 })
        }
        _ => weekday_date(r, w, dir, explicit),
    })
}

/// `n` days after the anchor ("keesokan harinya"; a bare clock time is on the anchor's day),
/// naming the anchor when the text stated it.
fn from_anchor(n: i64, st: &State, tm: &mut TimeMention) -> Found {
    match st.anchor() {
        Some((a, from_text)) => {
            if from_text {
                tm.anchor = Some(iso(a));
            }
            Found::on(add_days(a, n))
        }
        None => Found::unknown("XXXX-XX-XX".into()),
    }
}

/// Pin the day found (a clock time alone does not move the anchor; a stated day does) and
/// write the value: with the clock time, else the part of the day, else the day.
fn finish_point(
    cx: &Cx,
    c: &Cand,
    p: &Point,
    found: Found,
    st: &mut State,
    tm: &mut TimeMention,
) -> (TimeKind, String) {
    let Found { day, value, unresolved } = found;
    if let Some(d) = day
        && (p.clock.is_none() || p.weekday.is_some() || p.day.is_some() || p.relday.is_some())
    {
        st.pin(d);
        st.last_sentence = Some(sentence_id(cx, c.i));
    }
    let date_str = day.map(iso).or(value).unwrap_or_else(|| "XXXX-XX-XX".into());
    if unresolved {
        tm.resolved = false;
    }
    if p.borrowed {
        tm.list = true;
    }
    if let Some((h, m)) = p.clock {
        tm.precision = Some(TimePrecision::Time);
        if let Some(z) = p.zone {
            tm.timezone = Some(z.to_string());
        }
        if p.approx {
            tm.modifier = Some(TimeMod::Approx);
        }
        return (TimeKind::Time, format!("{date_str}T{h:02}:{m:02}"));
    }
    if let Some(pod) = p.pod {
        tm.precision = Some(TimePrecision::PartOfDay);
        return (TimeKind::Time, format!("{date_str}T{pod}"));
    }
    tm.precision = Some(TimePrecision::Day);
    (TimeKind::Date, date_str)
}

fn resolve_relunit(
    unit: Unit,
    offset: i32,
    part: Option<TimeMod>,
    anaphoric: bool,
    weekend: bool,
    st: &mut State,
    tm: &mut TimeMention,
) -> (TimeKind, String) {
    part_mod(part, tm);
    let off = offset as i64;
    let kind = TimeKind::Date;
    match unit {
        Unit::Year => {
            tm.precision = Some(TimePrecision::Year);
            let base = if anaphoric { st.last_year } else { st.reference.map(|r| r.year()) };
            match base {
                Some(y) => (kind, format!("{:04}", y as i64 + off)),
                None => {
                    tm.resolved = false;
                    (kind, "XXXX".into())
                }
            }
        }
        Unit::Month => {
            tm.precision = Some(TimePrecision::Month);
            let base = if anaphoric { st.last_month } else { st.reference.map(|r| (r.year(), r.month())) };
            match base {
                Some((y, m)) => {
                    let t = y as i64 * 12 + m as i64 - 1 + off;
                    (kind, format!("{:04}-{:02}", t.div_euclid(12), t.rem_euclid(12) + 1))
                }
                None => {
                    tm.resolved = false;
                    (kind, "XXXX-XX".into())
                }
            }
        }
        _ => {
            tm.precision = Some(if weekend { TimePrecision::Weekend } else { TimePrecision::Week });
            let base = if anaphoric { st.last } else { st.reference };
            match base.and_then(|b| add_days(b, 7 * off)) {
                Some(d) => (kind, if weekend { format!("{}-WE", iso_week(d)) } else { iso_week(d) }),
                None => {
                    tm.resolved = false;
                    (kind, if weekend { "XXXX-WXX-WE".into() } else { "XXXX-WXX".into() })
                }
            }
        }
    }
}

fn resolve_ago(
    q: Qty,
    unit: Unit,
    sign: i32,
    anaphoric: bool,
    modi: Option<TimeMod>,
    st: &mut State,
    tm: &mut TimeMention,
) -> (TimeKind, String) {
    if let Some(m) = modi {
        tm.modifier = Some(m);
    }
    let fuzzy = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
    let Qty::N(n) = q else { return (TimeKind::Date, fuzzy.into()) };
    let base = if anaphoric { st.anchor().map(|a| a.0) } else { st.reference };
    let Some(b) = base else {
        tm.resolved = false;
        return (TimeKind::Date, "XXXX-XX-XX".into());
    };
    if anaphoric && st.last.is_some() {
        tm.anchor = Some(iso(b));
    }
    let whole = n.fract() == 0.0;
    let k = n as i64 * sign as i64;
    let v = match unit {
        Unit::Day if whole => add_days(b, k).map(|d| {
            tm.precision = Some(TimePrecision::Day);
            iso(d)
        }),
        Unit::Week if whole => add_days(b, 7 * k).map(|d| {
            tm.precision = Some(TimePrecision::Week);
            iso_week(d)
        }),
        Unit::Month if whole => add_months(b, k).map(|d| {
            tm.precision = Some(TimePrecision::Month);
            format!("{:04}-{:02}", d.year(), d.month())
        }),
        Unit::Year if whole => {
            tm.precision = Some(TimePrecision::Year);
            Some(format!("{:04}", b.year() as i64 + k))
        }
        Unit::Decade if whole => {
            tm.precision = Some(TimePrecision::Year);
            Some(format!("{:04}", b.year() as i64 + 10 * k))
        }
        _ => None,
    };
    (TimeKind::Date, v.unwrap_or_else(|| fuzzy.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str, r: &str) -> Vec<(String, String, String)> {
        let r: Date = r.parse().unwrap();
        tag_times(s, &[Span::new(0, s.len())], Some(r))
            .into_iter()
            .map(|m| (m.text, m.kind.to_string(), m.value))
            .collect()
    }

    #[test]
    fn weekday_with_date_and_clock() {
        let got = tag("Ia tiba Rabu (13/9/2023) pukul 10.00 WIB di sana.", "2023-09-14");
        assert_eq!(got, [("Rabu (13/9/2023) pukul 10.00 WIB".into(), "TIME".into(), "2023-09-13T10:00".into())]);
    }

    #[test]
    fn swapped_day_month_agrees_with_weekday() {
        // 9 December 2023 is a Saturday; 12 September 2023 is a Tuesday
        let got = tag("Rapat digelar Selasa (9/12/2023).", "2023-09-13");
        assert_eq!(got[0].2, "2023-09-12");
    }

    #[test]
    fn no_reference_leaves_values_underspecified() {
        let s = "Pertemuan berlangsung 12 Juni dan kemarin.";
        let got = tag_times(s, &[Span::new(0, s.len())], None);
        assert_eq!(got[0].value, "XXXX-06-12");
        assert!(!got[0].resolved);
        assert_eq!(got[1].value, "XXXX-XX-XX");
    }
}
