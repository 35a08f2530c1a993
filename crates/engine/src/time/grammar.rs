//! The recogniser: token-level matchers for every family of Indonesian time expression.
//! Each matcher looks at one token position and returns how far its pattern reaches and what
//! it means ([`Piece`]); the scanner keeps the longest match at each position. Meaning is
//! left unresolved here: [`super::resolve`] pins it to the calendar.

use super::lex::{Cx, Kind, Qty, Unit, full_month, modifier, number, ordinal, part_of_day, unit, unit_se};
use crate::analysis::{Quant, TimeKind, TimeMod};
use crate::calendar;
use jiff::civil::Weekday;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Dir {
    #[default]
    None,
    Past,
    Future,
    /// "Senin ini": the one in the current week.
    This,
}

/// A calendar point: any combination of weekday, date parts, part of day and clock time.
#[derive(Debug, Clone, Default)]
pub(crate) struct Point {
    pub weekday: Option<Weekday>,
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<i16>,
    /// Day and month were written as numbers (so their order may be swapped).
    pub numeric: bool,
    /// Offset in days from the reference date ("kemarin" = -1).
    pub relday: Option<i32>,
    /// Offset in days from the last pinned date ("hari itu" = 0, "keesokan harinya" = 1).
    pub anaphor: Option<i32>,
    pub pod: Option<&'static str>,
    pub clock: Option<(u8, u8)>,
    pub zone: Option<&'static str>,
    pub dir: Dir,
    /// START, MID, END ("awal Mei").
    pub part: Option<TimeMod>,
    pub approx: bool,
    /// The year came from a following date in a list ("19 dan 20 Juni 2024").
    pub borrowed: bool,
}

impl Point {
    fn has_anchor(&self) -> bool {
        self.weekday.is_some()
            || self.day.is_some()
            || self.month.is_some()
            || self.year.is_some()
            || self.relday.is_some()
            || self.anaphor.is_some()
            || self.clock.is_some()
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Point(Point),
    /// "1990-an" → 199.
    Decade(i32),
    /// "tahun lalu", "akhir bulan", "pekan depan", "akhir pekan", "tahun itu".
    RelUnit {
        unit: Unit,
        offset: i32,
        part: Option<TimeMod>,
        anaphoric: bool,
        weekend: bool,
    },
    /// "kuartal III 2024", "semester pertama tahun lalu".
    Quarter {
        n: u8,
        half: bool,
        year: Option<i16>,
        year_offset: i32,
        rel: Option<i32>,
    },
    /// PRESENT_REF, PAST_REF, FUTURE_REF; `anchored` for "saat itu" (points at the last date).
    Ref {
        value: &'static str,
        anchored: bool,
    },
    Duration {
        q: Qty,
        unit: Unit,
        modi: Option<TimeMod>,
    },
    /// "dua hari lalu" (sign -1), "tiga tahun lagi" (+1), "sepekan kemudian" (anaphoric).
    Ago {
        q: Qty,
        unit: Unit,
        sign: i32,
        anaphoric: bool,
        modi: Option<TimeMod>,
    },
    Set {
        value: String,
        quant: Option<Quant>,
        freq: Option<String>,
    },
    /// A fixed type and value ("beberapa saat" → DURATION PXX).
    Fixed {
        kind: TimeKind,
        value: &'static str,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub i: usize,
    pub j: usize,
    pub piece: Piece,
}

/// Words after which a bare month, year or part of day is a time expression.
fn is_cue(w: &str) -> bool {
    matches!(
        w,
        "pada"
            | "sejak"
            | "semenjak"
            | "hingga"
            | "sampai"
            | "antara"
            | "awal"
            | "akhir"
            | "pertengahan"
            | "medio"
            | "selama"
            | "sepanjang"
            | "menjelang"
            | "jelang"
            | "mulai"
            | "per"
            | "dari"
            | "sebelum"
            | "setelah"
            | "sesudah"
            | "usai"
            | "pasca"
            | "bulan"
            | "tahun"
            | "semakin"
            | "makin"
            | "tadi"
            | "di"
            | "periode"
            | "akhir-akhir"
            | "hari"
            | "dan"
            | "atau"
            | "-"
            | "–"
            | "ke"
            | "s"
            | "d"
            | "terjadi"
            | "ketika"
            | "saat"
            | "memasuki"
            | "waktu"
            | "larut"
            | "tertanggal"
            | "tanggal"
            | "edisi"
            | "("
    )
}

fn part_word(w: &str) -> Option<TimeMod> {
    Some(match w {
        "awal" | "permulaan" => TimeMod::Start,
        "pertengahan" | "medio" => TimeMod::Mid,
        "akhir" | "penghujung" | "ujung" => TimeMod::End,
        _ => return None,
    })
}

fn is_zone(w: &str) -> Option<&'static str> {
    Some(match w {
        "wib" => "+07:00",
        "wita" => "+08:00",
        "wit" => "+09:00",
        "gmt" | "utc" => "+00:00",
        _ => return None,
    })
}

/// A list/range connector at k, possibly two in a row (", dan").
fn connector(cx: &Cx, k: usize) -> Option<usize> {
    let e = connector1(cx, k)?;
    Some(connector1(cx, e).unwrap_or(e))
}

fn connector1(cx: &Cx, k: usize) -> Option<usize> {
    match cx.w(k) {
        "-" | "–" | "dan" | "hingga" | "sampai" | "atau" | "," | "&" => Some(k + 1),
        "s" if cx.w(k + 1) == "/" && cx.w(k + 2) == "d" => Some(k + 3),
        "s" if cx.w(k + 1) == "." && cx.w(k + 2) == "d" => Some(k + 3 + usize::from(cx.w(k + 3) == ".")),
        _ => None,
    }
}

/// The candidate is part of a hyphenated compound ("sehari-hari", "akhir-akhir").
fn in_compound(cx: &Cx, i: usize, j: usize) -> bool {
    let before = i >= 2
        && cx.w(i - 1) == "-"
        && cx.glued(i - 1)
        && cx.glued(i)
        && cx.kind(i - 2) == Some(Kind::Word)
        && full_month(cx.w(i)).is_none()
        && weekday_of(cx.w(i)).is_none();
    let after = cx.w(j) == "-" && cx.glued(j) && cx.glued(j + 1) && cx.kind(j + 1) == Some(Kind::Word);
    let lastw = j > 0 && cx.kind(j - 1) == Some(Kind::Word);
    before || (after && lastw && weekday_of(cx.w(j + 1)).is_none() && full_month(cx.w(j + 1)).is_none())
}

fn weekday_of(w: &str) -> Option<Weekday> {
    match w {
        "sen" | "sel" | "rab" | "kam" | "jum" | "sab" | "min" | "monday" | "tuesday" | "wednesday" | "thursday"
        | "friday" | "saturday" | "sunday" => None,
        _ => calendar::weekday(w),
    }
}

/// Scan one span's tokens for time expressions (longest match at each position).
pub(crate) fn scan(cx: &Cx) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let mut i = 0;
    let n = cx.len();
    while i < n {
        if cx.kind(i) == Some(Kind::Punct) && cx.w(i) != "(" {
            i += 1;
            continue;
        }
        let mut best: Option<Cand> = None;
        let matchers: [fn(&Cx, usize) -> Option<Cand>; 8] =
            [point, day_list, relunit, duration, set, refword, decade, quarter];
        for m in matchers {
            if let Some(c) = m(cx, i)
                && c.j > c.i
                && best.as_ref().is_none_or(|b| c.j > b.j)
                && !in_compound(cx, c.i, c.j)
            {
                best = Some(c);
            }
        }
        match best {
            Some(c) => {
                i = c.j;
                out.push(c);
            }
            None => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------- points

/// A weekday at j: "Senin", "hari Senin", "Jum'at". "Minggu" is the week when a week word
/// follows it ("minggu ini/depan/lalu") or when written in lower case.
fn weekday_at(cx: &Cx, j: usize) -> Option<(usize, Weekday)> {
    if cx.w(j) == "hari"
        && let Some(wd) = weekday_of(cx.w(j + 1))
    {
        return Some((j + 2, wd));
    }
    let wd = weekday_of(cx.w(j))?;
    let next = cx.w(j + 1);
    let prev = if j > 0 { cx.w(j - 1) } else { "" };
    if !cx.capitalised(j) && !matches!(prev, "pada" | "setiap" | "tiap") {
        return None;
    }
    if wd == Weekday::Sunday {
        if matches!(
            next,
            "ini" | "depan" | "mendatang" | "pertama" | "kedua" | "ketiga" | "keempat" | "terakhir" | "sebelumnya"
        ) {
            return None;
        }
        if matches!(next, "lalu" | "kemarin") && cx.sentence_start(j) {
            return None;
        }
        // "minggu ke-3", "minggu ke 2"
        if next == "ke" && (cx.w(j + 2) == "-" || cx.num(j + 2).is_some()) {
            return None;
        }
        // "Minggu" in a title-cased phrase such as "Dua Minggu" (a quantity before it)
        if j > 0 && number(cx, j - 1).is_some_and(|(e, _)| e == j) {
            return None;
        }
    }
    Some((j + 1, wd))
}

/// Deictic and anaphoric day words: "hari ini", "kemarin", "besok", "lusa", "hari itu",
/// "keesokan harinya". Returns (end, deictic offset, anaphoric offset, part of day).
/// (end token, deictic offset, anaphoric offset, part of day).
type RelDay = (usize, Option<i32>, Option<i32>, Option<&'static str>);

fn relday_at(cx: &Cx, j: usize) -> Option<RelDay> {
    let w = cx.w(j);
    let n = cx.w(j + 1);
    Some(match (w, n) {
        ("hari", "ini") => (j + 2, Some(0), None, None),
        ("hari", "itu") | ("hari", "tersebut") => (j + 2, None, Some(0), None),
        ("hari", "sebelumnya") => (j + 2, None, Some(-1), None),
        ("hari", "berikutnya") | ("hari", "selanjutnya") => (j + 2, None, Some(1), None),
        ("keesokan", "harinya") | ("keesokan", "hari") => (j + 2, None, Some(1), None),
        ("kemarin", "lusa") => (j + 2, Some(-2), None, None),
        ("besok", "lusa") => (j + 2, Some(2), None, None),
        ("esok", "hari") | ("esok", "harinya") => (j + 2, Some(1), None, None),
        ("kemarin", _) | ("kemarén", _) => (j + 1, Some(-1), None, None),
        ("besok", _) | ("esok", _) | ("besoknya", _) => (j + 1, Some(1), None, None),
        ("lusa", _) => (j + 1, Some(2), None, None),
        ("semalam", _) => (j + 1, Some(-1), None, Some("NI")),
        ("tadi", _) => {
            let (e, p) = part_of_day(cx, j + 1)?;
            (e, Some(0), None, Some(p))
        }
        ("nanti", _) => {
            let (e, p) = part_of_day(cx, j + 1)?;
            (e, Some(0), None, Some(p))
        }
        _ => return None,
    })
}

struct DateSpec {
    day: Option<u8>,
    month: Option<u8>,
    year: Option<i16>,
    numeric: bool,
    borrowed: bool,
}

fn year4(cx: &Cx, k: usize) -> Option<i16> {
    if cx.digits(k) == 4 {
        let y = cx.num(k)?;
        if (1000..=2199).contains(&y) {
            return Some(y as i16);
        }
    }
    None
}

/// A numeric date "13/9/2023", "12-06-2024", "12.06.2024", "2024-06-12", "13/9" starting at k.
fn numeric_date(cx: &Cx, k: usize, allow_two: bool) -> Option<(usize, DateSpec)> {
    // "RT 03/02/01", "No. 12/6", "Blok 4/5": an address or a number, not a date
    if k > 0
        && matches!(cx.w(k - 1).trim_end_matches('.'), "rt" | "rw" | "no" | "nomor" | "blok" | "kav" | "gang" | "km")
    {
        return None;
    }
    let a = cx.num(k)?;
    let sep = cx.w(k + 1);
    if !matches!(sep, "/" | "-" | ".") || !cx.glued(k + 1) || !cx.glued(k + 2) {
        return None;
    }
    let b = cx.num(k + 2)?;
    let three = cx.w(k + 3) == sep && cx.glued(k + 3) && cx.glued(k + 4) && cx.num(k + 4).is_some();
    if three {
        let c = cx.num(k + 4)?;
        if cx.digits(k) == 4 && sep == "-" {
            return Some((
                k + 5,
                DateSpec {
                    day: Some(c as u8),
                    month: Some(b as u8),
                    year: Some(a as i16),
                    numeric: false,
                    borrowed: false,
                },
            ))
            .filter(|_| (1..=12).contains(&b) && (1..=31).contains(&c));
        }
        // "13/9/23" may have a short year; "12.06.2024" and "12-06-2024" need a full one
        // (else "03.22.46" would be a date, not a clock time)
        let y = match cx.digits(k + 4) {
            4 => c as i16,
            2 if sep == "/" => calendar::expand_year(c),
            _ => return None,
        };
        if cx.digits(k) > 2 || cx.digits(k + 2) > 2 || a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
            return None;
        }
        return Some((
            k + 5,
            DateSpec { day: Some(a as u8), month: Some(b as u8), year: Some(y), numeric: true, borrowed: false },
        ));
    }
    if !allow_two || sep != "/" || cx.digits(k) > 2 || cx.digits(k + 2) > 2 {
        return None;
    }
    if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
        return None;
    }
    Some((k + 3, DateSpec { day: Some(a as u8), month: Some(b as u8), year: None, numeric: true, borrowed: false }))
}

/// A month word (any spelling) at k with an optional glued abbreviation dot; returns end.
fn month_word(cx: &Cx, k: usize, full_only: bool) -> Option<(usize, u8)> {
    let w = cx.w(k);
    if cx.kind(k) != Some(Kind::Word) {
        return None;
    }
    let m = if full_only { full_month(w)? } else { calendar::month_number(w)? };
    let mut e = k + 1;
    if full_month(w).is_none() && cx.w(e) == "." && cx.glued(e) {
        e += 1;
    }
    Some((e, m))
}

/// A following year: "2023", "'23".
fn year_after(cx: &Cx, k: usize) -> Option<(usize, i16)> {
    if let Some(y) = year4(cx, k) {
        return Some((k + 1, y));
    }
    if matches!(cx.w(k), "'" | "’") && cx.glued(k + 1) && cx.digits(k + 1) == 2 {
        return Some((k + 2, calendar::expand_year(cx.num(k + 1)?)));
    }
    None
}

/// After a bare day or month: a list connector, then (more days and) a month with a year.
fn borrow_year(cx: &Cx, mut k: usize) -> Option<i16> {
    for _ in 0..6 {
        k = connector(cx, k)?;
        if cx.w(k) == "tanggal" {
            k += 1;
        }
        if let Some((e, _)) = month_word(cx, k, false) {
            return year_after(cx, e).map(|x| x.1);
        }
        let d = cx.num(k)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if let Some((e, _)) = month_word(cx, k + 1, false) {
            return year_after(cx, e).map(|x| x.1);
        }
        k += 1;
    }
    None
}

/// A written or numeric date at j. `after_wd`: a weekday precedes (so "13/9" is a date).
fn date_at(cx: &Cx, j: usize, after_wd: bool, cue: bool) -> Option<(usize, DateSpec)> {
    // parenthesised numeric date "(13/9/2023)", "(12/6)"
    if cx.w(j) == "(" {
        let (e, d) = numeric_date(cx, j + 1, true)?;
        if cx.w(e) != ")" {
            return None;
        }
        return Some((e + 1, d));
    }
    let mut k = j;
    let tanggal = matches!(cx.w(k), "tanggal" | "tgl");
    if tanggal {
        k += 1;
        if cx.w(k) == "." && cx.glued(k) {
            k += 1;
        }
    }
    if let Some(r) = numeric_date(cx, k, after_wd || tanggal) {
        return Some(r);
    }
    // "13 September 2023", "27 Maret", "tanggal 24"
    if let Some(d) = cx.num(k)
        && cx.digits(k) <= 2
        && (1..=31).contains(&d)
    {
        if let Some((e, m)) = month_word(cx, k + 1, false) {
            // "1 Jan" is fine, but a bare abbreviation must not be a word ("5 Mar" yes; "2 Sel" no)
            let (e2, y) = match year_after(cx, e) {
                Some((e2, y)) => (e2, Some(y)),
                None => (e, None),
            };
            return Some((
                e2,
                DateSpec { day: Some(d as u8), month: Some(m), year: y, numeric: false, borrowed: false },
            ));
        }
        if tanggal {
            return Some((
                k + 1,
                DateSpec { day: Some(d as u8), month: None, year: None, numeric: false, borrowed: false },
            ));
        }
        return None;
    }
    if tanggal {
        return None;
    }
    // "bulan Mei", "Mei 2024", "pada Mei", "Mei-Juni 2024"
    let bulan = cx.w(k) == "bulan";
    let mk = if bulan { k + 1 } else { k };
    if let Some((e, m)) = month_word(cx, mk, true)
        && (bulan || cx.capitalised(mk))
    {
        if let Some((e2, y)) = year_after(cx, e) {
            return Some((e2, DateSpec { day: None, month: Some(m), year: Some(y), numeric: false, borrowed: false }));
        }
        let borrowed = borrow_year(cx, e);
        let list = connector(cx, e).is_some_and(|c| month_word(cx, c, true).is_some());
        let dir_after = matches!(cx.w(e), "lalu" | "silam" | "mendatang" | "depan" | "kemarin" | "nanti");
        if bulan || cue || list || dir_after || borrowed.is_some() {
            return Some((
                e,
                DateSpec { day: None, month: Some(m), year: borrowed, numeric: false, borrowed: borrowed.is_some() },
            ));
        }
        return None;
    }
    // "tahun 1945", "pada 2019"
    let tahun = cx.w(k) == "tahun";
    let yk = if tahun { k + 1 } else { k };
    if let Some(y) = year4(cx, yk)
        && (tahun || cue)
        && !(cx.w(yk + 1) == "/" && cx.glued(yk + 1))
    {
        if !tahun && !(1900..=2100).contains(&y) {
            return None;
        }
        return Some((yk + 1, DateSpec { day: None, month: None, year: Some(y), numeric: false, borrowed: false }));
    }
    None
}

/// A clock time at j: "pukul 14.30 WIB", "sekitar pukul 13.00", "jam 8 malam", "14.30 WITA".
/// (end token, (hour, minute), zone offset, approximate, part of day).
type Clock = (usize, (u8, u8), Option<&'static str>, bool, Option<&'static str>);

fn clock_at(cx: &Cx, j: usize) -> Option<Clock> {
    let mut k = j;
    let mut approx = false;
    if let Some((e, m)) = modifier(cx, k)
        && m == TimeMod::Approx
    {
        approx = true;
        k = e;
    }
    let kw = matches!(cx.w(k), "pukul" | "pkl" | "pk" | "jam");
    if kw {
        k += 1;
        if cx.w(k) == "." && cx.glued(k) {
            k += 1;
        }
    } else if approx {
        return None;
    }
    let h = cx.num(k)?;
    if cx.digits(k) > 2 || h > 24 {
        return None;
    }
    let mut e = k + 1;
    let mut m = 0;
    if matches!(cx.w(e), "." | ":") && cx.glued(e) && cx.glued(e + 1) && cx.digits(e + 1) == 2 {
        m = cx.num(e + 1)?;
        if m > 59 {
            return None;
        }
        e += 2;
    } else if !kw {
        return None;
    }
    let mut zone = None;
    if let Some(z) = is_zone(cx.w(e)) {
        zone = Some(z);
        e += 1;
    } else if cx.w(e) == "waktu" && cx.w(e + 1) == "setempat" {
        zone = Some("local");
        e += 2;
    }
    if !kw && zone.is_none() {
        return None;
    }
    let mut h = h as u8;
    let mut pod = None;
    if let Some((pe, p)) = part_of_day(cx, e) {
        pod = Some(p);
        h = match (p, h) {
            ("AF", 1..=6) | ("AF", 12) => {
                if h == 12 {
                    12
                } else {
                    h + 12
                }
            }
            ("AF", 7..=11) if cx.w(e) == "sore" => h + 12,
            ("EV", 1..=11) => h + 12,
            ("NI", 6..=11) => h + 12,
            ("NI", 12) => 0,
            _ => h,
        };
        e = pe;
        if zone.is_none()
            && let Some(z) = is_zone(cx.w(e))
        {
            zone = Some(z);
            e += 1;
        }
    }
    Some((e, (h, m as u8), zone, approx, pod))
}

fn point(cx: &Cx, i: usize) -> Option<Cand> {
    let mut p = Point::default();
    let mut j = i;
    let cue = i > 0 && is_cue(cx.w(i - 1));
    // "awal Mei", "akhir 2019", "pertengahan September 2023"
    if let Some(part) = part_word(cx.w(j))
        && !(cx.w(j + 1) == "-" && cx.glued(j + 1))
        && let Some((e, d)) = date_at(cx, j + 1, false, true)
        && d.day.is_none()
    {
        p.part = Some(part);
        p.month = d.month;
        p.year = d.year;
        p.borrowed = d.borrowed;
        j = e;
        return finish(cx, i, j, p);
    }
    // clock first ("pukul 14.30 WIB")
    if let Some((e, c, z, a, pod)) = clock_at(cx, j) {
        p.clock = Some(c);
        p.zone = z;
        p.approx = a;
        p.pod = pod;
        return finish(cx, i, e, p);
    }
    let mut had_head = false;
    if let Some((e, wd)) = weekday_at(cx, j) {
        p.weekday = Some(wd);
        j = e;
        had_head = true;
    } else if let Some((e, d, a, pod)) = relday_at(cx, j) {
        p.relday = d;
        p.anaphor = a;
        p.pod = pod;
        j = e;
        had_head = true;
    }
    // the date
    let k = if had_head && cx.w(j) == "," { j + 1 } else { j };
    if let Some((e, d)) = date_at(cx, k, p.weekday.is_some(), cue || had_head)
        && (p.relday.is_none() && p.anaphor.is_none() || d.day.is_some() && d.month.is_some())
    {
        p.day = d.day;
        p.month = d.month;
        p.year = d.year;
        p.numeric = d.numeric;
        p.borrowed = d.borrowed;
        j = e;
    }
    // part of day
    let pod_cue = !p.has_anchor() && (cue || matches!(i.checked_sub(1).map(|x| cx.w(x)), Some("sejak")));
    if p.pod.is_none()
        && let Some((e, pod)) = part_of_day(cx, j)
    {
        let next = cx.w(e);
        let with_hari = e == j + 2 && cx.w(j + 1) == "hari";
        let ok = p.has_anchor()
            || pod_cue
            || with_hari
            || matches!(next, "ini" | "itu" | "tadi" | "nanti" | "kemarin" | "harinya");
        // "makan malam", "pasar malam", "jam malam" are not times
        let blocked =
            i > 0 && matches!(cx.w(i - 1), "makan" | "pasar" | "jam" | "salat" | "shalat" | "sholat" | "acara");
        if ok && !blocked {
            p.pod = Some(pod);
            j = e;
            match cx.w(j) {
                "ini" | "nanti" if p.relday.is_none() && p.weekday.is_none() && p.day.is_none() => {
                    p.relday = Some(0);
                    j += 1;
                }
                "tadi" => {
                    p.relday.get_or_insert(0);
                    j += 1;
                }
                "kemarin" if p.relday.is_none() && p.weekday.is_none() && p.day.is_none() => {
                    p.relday = Some(-1);
                    j += 1;
                }
                "itu" | "harinya" if !p.has_anchor() => {
                    p.anaphor = Some(0);
                    j += 1;
                }
                "ini" | "itu" => j += 1,
                _ => {}
            }
        }
    }
    // clock after the date / part of day
    if let Some((e, c, z, a, pod)) = clock_at(cx, j)
        && (p.has_anchor() || p.pod.is_some())
    {
        p.clock = Some(c);
        p.zone = z;
        p.approx |= a;
        if p.pod.is_none() {
            p.pod = pod;
        }
        j = e;
    }
    if j == i {
        return None;
    }
    finish(cx, i, j, p)
}

/// Direction suffixes ("Senin lalu", "24 Desember lalu", "tanggal 24 kemarin") and checks.
fn finish(cx: &Cx, i: usize, mut j: usize, mut p: Point) -> Option<Cand> {
    if p.relday.is_none() && p.anaphor.is_none() {
        match (cx.w(j), cx.w(j + 1)) {
            ("yang", "lalu") => {
                p.dir = Dir::Past;
                j += 2;
            }
            ("yang", "akan") if cx.w(j + 2) == "datang" => {
                p.dir = Dir::Future;
                j += 3;
            }
            ("lalu" | "silam", _) if p.clock.is_none() => {
                p.dir = Dir::Past;
                j += 1;
            }
            ("kemarin", _) if p.clock.is_none() && (p.weekday.is_some() || p.day.is_some()) => {
                p.dir = Dir::Past;
                j += 1;
            }
            ("depan" | "mendatang" | "nanti", _) if p.clock.is_none() && p.year.is_none() => {
                p.dir = Dir::Future;
                j += 1;
            }
            ("ini", _) if p.weekday.is_some() && p.day.is_none() => {
                p.dir = Dir::This;
                j += 1;
            }
            _ => {}
        }
    }
    if !p.has_anchor() && p.pod.is_none() {
        return None;
    }
    if !p.has_anchor() && p.pod.is_some() {
        // a bare part of day is a time only with a cue (checked above); it anchors to the
        // last pinned date
        p.anaphor = Some(0);
    }
    Some(Cand { i, j, piece: Piece::Point(p) })
}

/// The first day of a list or range: "19" in "19 dan 20 Juni", "19-20 Juni 2024".
fn day_list(cx: &Cx, i: usize) -> Option<Cand> {
    let mut k = i;
    if cx.w(k) == "tanggal" {
        k += 1;
    }
    let d = cx.num(k)?;
    if cx.digits(k) > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let mut c = k + 1;
    for _ in 0..6 {
        c = connector(cx, c)?;
        let e = cx.num(c)?;
        if !(1..=31).contains(&e) || cx.digits(c) > 2 {
            return None;
        }
        if let Some((me, m)) = month_word(cx, c + 1, false) {
            let year = year_after(cx, me).map(|y| y.1);
            let p = Point { day: Some(d as u8), month: Some(m), year, borrowed: year.is_some(), ..Default::default() };
            return Some(Cand { i, j: k + 1, piece: Piece::Point(p) });
        }
        c += 1;
    }
    None
}

// ---------------------------------------------------------------- relative units

fn rel_suffix(cx: &Cx, k: usize) -> Option<(usize, i32, bool)> {
    Some(match (cx.w(k), cx.w(k + 1)) {
        ("ini", _) | ("sekarang", _) => (k + 1, 0, false),
        ("yang", "lalu") => (k + 2, -1, false),
        ("yang", "akan") if cx.w(k + 2) == "datang" => (k + 3, 1, false),
        ("lalu" | "kemarin" | "silam", _) => (k + 1, -1, false),
        ("depan" | "mendatang", _) => (k + 1, 1, false),
        ("sebelumnya", _) => (k + 1, -1, true),
        ("berikutnya" | "selanjutnya" | "setelahnya", _) => (k + 1, 1, true),
        ("itu" | "tersebut", _) => (k + 1, 0, true),
        _ => return None,
    })
}

fn relunit(cx: &Cx, i: usize) -> Option<Cand> {
    let mut k = i;
    let part = part_word(cx.w(k));
    if part.is_some() {
        if cx.w(k + 1) == "-" {
            return None;
        }
        k += 1;
    }
    let u = match cx.w(k) {
        "tahun" => Unit::Year,
        "bulan" => Unit::Month,
        "pekan" | "minggu" => Unit::Week,
        _ => return None,
    };
    // "Minggu" the weekday is handled by `point`; here only the week
    let weekend = part == Some(TimeMod::End) && u == Unit::Week;
    match rel_suffix(cx, k + 1) {
        Some((e, off, ana)) => Some(Cand {
            i,
            j: e,
            piece: Piece::RelUnit {
                unit: u,
                offset: off,
                part: if weekend { None } else { part },
                anaphoric: ana,
                weekend,
            },
        }),
        None if part.is_some() => Some(Cand {
            i,
            j: k + 1,
            piece: Piece::RelUnit {
                unit: u,
                offset: 0,
                part: if weekend { None } else { part },
                anaphoric: false,
                weekend,
            },
        }),
        None => None,
    }
}

// ---------------------------------------------------------------- durations

fn duration(cx: &Cx, i: usize) -> Option<Cand> {
    let mut k = i;
    let mut modi = None;
    let dalam = cx.w(k) == "dalam";
    if dalam {
        k += 1;
    }
    if let Some((e, m)) = modifier(cx, k) {
        modi = Some(m);
        k = e;
    }
    if i > 0 && matches!(cx.w(i - 1), "pukul" | "tanggal" | "jam" | "nomor" | "no") {
        return None;
    }
    let (mut e, q, u) = if let Some(u) = unit_se(cx.w(k)) {
        (k + 1, Qty::N(1.0), u)
    } else {
        let (ne, q) = number(cx, k)?;
        if cx.w(ne) == "saat" || cx.w(ne) == "waktu" {
            // "beberapa saat" (PXX), "beberapa waktu lalu"
            if q != Qty::Vague {
                return None;
            }
            let (e2, value) = match (cx.w(ne + 1), cx.w(ne + 2)) {
                ("lalu" | "silam", _) | ("yang", "lalu") => {
                    (ne + if cx.w(ne + 1) == "yang" { 3 } else { 2 }, Some("PAST_REF"))
                }
                ("kemudian" | "lagi" | "mendatang", _) => (ne + 2, Some("FUTURE_REF")),
                _ => (ne + 1, None),
            };
            let start = if dalam && value.is_none() { i + 1 } else { i };
            let piece = match value {
                Some(v) => Piece::Ref { value: v, anchored: false },
                None => Piece::Fixed { kind: TimeKind::Duration, value: "PXX" },
            };
            return Some(Cand { i: start, j: e2, piece });
        }
        let mut uw = cx.w(ne);
        if let Some(s) = uw.strip_suffix("nya")
            && unit(s).is_some()
        {
            uw = s;
        }
        let u = unit(uw)?;
        if let Qty::N(n) = q
            && n >= 1000.0
            && !matches!(u, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day)
        {
            return None;
        }
        // "Minggu (28/12)" after a number is still the weekday only when a date follows
        if u == Unit::Week && cx.capitalised(ne) && cx.w(ne + 1) == "(" {
            return None;
        }
        (ne + 1, q, u)
    };
    if cx.w(e) == "lamanya" {
        e += 1;
    }
    let vague = q == Qty::Vague;
    // suffixes
    let (e2, kind) = match (cx.w(e), cx.w(e + 1)) {
        ("yang", "lalu") => (e + 2, 'p'),
        ("lalu" | "silam", _) => (e + 1, 'p'),
        ("sebelumnya", _) => (e + 1, 'P'),
        ("lagi", _) => (e + 1, 'f'),
        ("kemudian" | "setelahnya" | "berikutnya", _) => (e + 1, 'F'),
        ("ke", "depan") => (e + 2, 'd'),
        ("mendatang", _) => (e + 1, 'd'),
        ("yang", "akan") if cx.w(e + 2) == "datang" => (e + 3, 'd'),
        ("terakhir" | "belakangan", _) => {
            if cx.w(e + 1) == "ini" {
                (e + 2, 'D')
            } else {
                (e + 1, 'D')
            }
        }
        _ => (e, 'D'),
    };
    let start = if dalam && !(vague && kind == 'd') { i + 1 } else { i };
    let piece = match kind {
        'p' | 'P' | 'f' | 'F' if vague => {
            Piece::Ref { value: if matches!(kind, 'p' | 'P') { "PAST_REF" } else { "FUTURE_REF" }, anchored: false }
        }
        'd' if vague => Piece::Ref { value: "FUTURE_REF", anchored: false },
        'p' | 'P' | 'f' | 'F' => Piece::Ago {
            q,
            unit: u,
            sign: if matches!(kind, 'p' | 'P') { -1 } else { 1 },
            anaphoric: matches!(kind, 'P' | 'F'),
            modi,
        },
        _ => Piece::Duration { q, unit: u, modi },
    };
    Some(Cand { i: start, j: e2, piece })
}

// ---------------------------------------------------------------- sets

fn set(cx: &Cx, i: usize) -> Option<Cand> {
    let w = cx.w(i);
    if matches!(w, "setiap" | "tiap" | "saban") {
        let mut k = i + 1;
        if cx.w(k) == "hari"
            && let Some(wd) = weekday_of(cx.w(k + 1))
        {
            k += 1;
            let _ = wd;
        }
        if let Some(wd) = weekday_of(cx.w(k)) {
            let v = format!("XXXX-WXX-{}", wd.to_monday_one_offset());
            return Some(Cand { i, j: k + 1, piece: Piece::Set { value: v, quant: Some(Quant::Each), freq: None } });
        }
        if let Some((e, p)) = part_of_day(cx, k) {
            return Some(Cand {
                i,
                j: e,
                piece: Piece::Set { value: format!("XXXX-XX-XXT{p}"), quant: Some(Quant::Each), freq: None },
            });
        }
        if let Some(m) = full_month(cx.w(k)) {
            return Some(Cand {
                i,
                j: k + 1,
                piece: Piece::Set { value: format!("XXXX-{m:02}"), quant: Some(Quant::Each), freq: None },
            });
        }
        let (e, q) = match number(cx, k) {
            Some((e, q)) if unit(strip_nya(cx.w(e))).is_some() => (e, q),
            _ => (k, Qty::N(1.0)),
        };
        let u = unit(strip_nya(cx.w(e)))?;
        let v = super::lex::duration_value(q, u);
        return Some(Cand { i, j: e + 1, piece: Piece::Set { value: v, quant: Some(Quant::Each), freq: None } });
    }
    if w == "per" {
        let u = unit(cx.w(i + 1))?;
        if matches!(u, Unit::Decade | Unit::Century) {
            return None;
        }
        let v = super::lex::duration_value(Qty::N(1.0), u);
        return Some(Cand { i, j: i + 2, piece: Piece::Set { value: v, quant: Some(Quant::Each), freq: None } });
    }
    // "dua kali seminggu", "tiga kali setahun"
    let (e, q) = number(cx, i)?;
    if cx.w(e) != "kali" {
        return None;
    }
    let Qty::N(n) = q else { return None };
    let (e2, u) = if let Some(u) = unit_se(cx.w(e + 1)) {
        (e + 2, u)
    } else if matches!(cx.w(e + 1), "dalam" | "per" | "setiap" | "tiap")
        && let Some(u) = unit_se(cx.w(e + 2)).or_else(|| unit(cx.w(e + 2)))
    {
        (e + 3, u)
    } else {
        return None;
    };
    let v = super::lex::duration_value(Qty::N(1.0), u);
    Some(Cand { i, j: e2, piece: Piece::Set { value: v, quant: None, freq: Some(format!("{}X", n as u64)) } })
}

fn strip_nya(w: &str) -> &str {
    match w.strip_suffix("nya") {
        Some(s) if unit(s).is_some() => s,
        _ => w,
    }
}

// ---------------------------------------------------------------- reference words

fn refword(cx: &Cx, i: usize) -> Option<Cand> {
    let w = cx.w(i);
    let n = cx.w(i + 1);
    let prev = if i > 0 { cx.w(i - 1) } else { "" };
    let r = |j: usize, v: &'static str, a: bool| Some(Cand { i, j, piece: Piece::Ref { value: v, anchored: a } });
    match (w, n) {
        ("saat" | "waktu" | "masa", "ini") | ("dewasa", "ini") | ("masa", "kini") | ("saat", "sekarang") => {
            r(i + 2, "PRESENT_REF", false)
        }
        ("belakangan", "ini") => r(i + 2, "PRESENT_REF", false),
        ("akhir", "-") if cx.w(i + 2) == "akhir" && cx.w(i + 3) == "ini" => r(i + 4, "PRESENT_REF", false),
        ("baru", "-") if cx.w(i + 2) == "baru" && cx.w(i + 3) == "ini" => r(i + 4, "PAST_REF", false),
        ("sekarang", _) if !matches!(n, "-") => r(i + 1, "PRESENT_REF", false),
        ("kini", _) => r(i + 1, "PRESENT_REF", false),
        ("saat" | "ketika" | "waktu" | "kala" | "masa", "itu") => r(i + 2, "PAST_REF", true),
        ("saat" | "ketika" | "kala", "tersebut") => r(i + 2, "PAST_REF", true),
        ("masa" | "waktu", "lalu") | ("masa", "silam") | ("tempo", "dulu") | ("zaman" | "jaman", "dulu" | "dahulu") => {
            r(i + 2, "PAST_REF", false)
        }
        ("dahulu", "kala") => r(i + 2, "PAST_REF", false),
        ("dulu" | "dahulu", _) => {
            // not "terlebih dulu", "lebih dahulu", nor an imperative "tunggu dulu."
            if matches!(prev, "lebih" | "terlebih" | "duluan") {
                return None;
            }
            if cx.kind(i + 1).is_none_or(|k| k == Kind::Punct) {
                return None;
            }
            r(i + 1, "PAST_REF", false)
        }
        ("masa", "depan" | "mendatang") => r(i + 2, "FUTURE_REF", false),
        ("dalam", "waktu") if cx.w(i + 2) == "dekat" => r(i + 3, "FUTURE_REF", false),
        ("kelak", _) => r(i + 1, "FUTURE_REF", false),
        ("nanti", _) => {
            if prev == "sampai" && matches!(n, "." | ",") {
                return None;
            }
            r(i + 1, "FUTURE_REF", false)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------- decades and quarters

fn decade(cx: &Cx, i: usize) -> Option<Cand> {
    let mut k = i;
    if matches!(cx.w(k), "tahun" | "era" | "dekade" | "dasawarsa") {
        k += 1;
        if cx.w(k) == "tahun" {
            k += 1;
        }
    }
    let y = cx.num(k)?;
    let d = cx.digits(k);
    let (e, ok) = if cx.w(k + 1) == "-" && cx.glued(k + 1) && cx.w(k + 2) == "an" && cx.glued(k + 2) {
        (k + 3, true)
    } else {
        (k + 1, false)
    };
    if !ok {
        return None;
    }
    let dec = match d {
        4 if y % 10 == 0 => (y / 10) as i32,
        2 if k > i && y % 10 == 0 => 190 + (y / 10) as i32,
        _ => return None,
    };
    Some(Cand { i, j: e, piece: Piece::Decade(dec) })
}

fn quarter(cx: &Cx, i: usize) -> Option<Cand> {
    let w = cx.w(i);
    let half = match w {
        "kuartal" | "triwulan" | "kuarter" => false,
        "semester" => true,
        _ => {
            // "Q3", "Q3 2024"
            if let Some(d) = w.strip_prefix('q')
                && let Some(n) = ordinal(d)
            {
                let (j, year) = match year4(cx, i + 1) {
                    Some(y) => (i + 2, Some(y)),
                    None => (i + 1, None),
                };
                return Some(Cand { i, j, piece: Piece::Quarter { n, half: false, year, year_offset: 0, rel: None } });
            }
            return None;
        }
    };
    let mut k = i + 1;
    let Some(n) = ordinal(cx.w(k)) else {
        return match rel_suffix(cx, k) {
            Some((e, off, false)) => {
                Some(Cand { i, j: e, piece: Piece::Quarter { n: 0, half, year: None, year_offset: 0, rel: Some(off) } })
            }
            _ => None,
        };
    };
    if half && n > 2 {
        return None;
    }
    k += 1;
    let t = if cx.w(k) == "tahun" { k + 1 } else { k };
    if let Some(y) = year4(cx, t) {
        return Some(Cand { i, j: t + 1, piece: Piece::Quarter { n, half, year: Some(y), year_offset: 0, rel: None } });
    }
    if let Some((e, off, false)) = rel_suffix(cx, t).filter(|_| t > k) {
        return Some(Cand { i, j: e, piece: Piece::Quarter { n, half, year: None, year_offset: off, rel: None } });
    }
    Some(Cand { i, j: k, piece: Piece::Quarter { n, half, year: None, year_offset: 0, rel: None } })
}
