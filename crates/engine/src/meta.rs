//! Metadata: outlet, dateline city, authors and editors, cited sources, and the publication
//! date with its precision — from the cleaned page, never from a footer that is not the outlet.

use crate::analysis::{Precision, Published, Span};
use crate::calendar;
use crate::clean::Cleaned;
use crate::datelines::DATELINES;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

fn outlet_name(raw: &str) -> String {
    let raw = raw.trim().trim_end_matches(['.', ',']);
    if let Some(name) = crate::outlets::Table::get().publisher(raw) {
        return name.to_string();
    }
    // An unknown domain shouted in capitals ("KABARNUSA.CO.ID") reads as "Kabarnusa.co.id".
    if raw.contains('.') && !raw.chars().any(char::is_lowercase) {
        let key = raw.to_lowercase();
        let mut cs = key.chars();
        return cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
    }
    raw.to_string()
}

fn is_known_outlet(raw: &str) -> bool {
    crate::outlets::Table::get().publisher(raw).is_some()
}

/// The outlet an article's URL names, for a page that names none itself: the outlet table's
/// display name for a known domain (`news.detik.com` → "detikcom"), else the site's domain
/// ("Kabarnusa.co.id"). `source` is the article's source: a URL, or a container record's
/// `FILE#URL`; None when it holds no http(s) URL.
pub fn outlet_from_source(source: &str) -> Option<String> {
    crate::outlets::host_outlet(source)
}

/// Outlet and dateline city found in the lead paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    pub outlet: Option<String>,
    pub city: Option<String>,
    pub span: Option<Span>,
}

/// Read the dateline at the start of the lead paragraph (the paragraph after a headline line
/// when the text opens with one: a short line with no sentence end).
pub fn dateline(text: &str, cleaned: &Cleaned) -> Dateline {
    let firsts: Vec<Span> = cleaned.paragraphs.iter().take(2).filter_map(|p| p.spans.first().copied()).collect();
    let Some(&head) = firsts.first() else {
        return Dateline::default();
    };
    let found = dateline_at(text, head);
    let head_text = head.of(text).trim_end();
    let headline = head_text.chars().count() <= 200 && !head_text.ends_with(['.', '!', '?', '"', '”', ':']);
    match firsts.get(1) {
        Some(&next) if found.span.is_none() && headline => dateline_at(text, next),
        _ => found,
    }
}

fn dateline_at(text: &str, first: Span) -> Dateline {
    let lead = first.of(text);
    for (n, re) in DATELINES.iter().enumerate() {
        let Some(c) = re.captures(lead) else { continue };
        let outlet = c.name("o").map(|m| m.as_str().trim().to_string());
        // Pattern 2 (city, Name) only counts when the name is an outlet we know or a domain.
        if n == 2 {
            let o = outlet.as_deref().unwrap_or("");
            if !o.contains('.') && !is_known_outlet(o) {
                continue;
            }
        }
        let city = c.name("c").map(|m| m.as_str().trim().trim_end_matches(['.', ',']).trim().to_uppercase());
        // A city alone must be upper case and short (a real dateline, not a shouted sentence).
        if let Some(ct) = &city
            && (ct.split_whitespace().count() > 3 || ct.chars().any(|ch| ch.is_ascii_digit()))
        {
            continue;
        }
        let m = c.get(0).unwrap();
        return Dateline {
            outlet: outlet.map(|o| outlet_name(&o)),
            city,
            span: Some(Span::new(first.start, first.start + m.end())),
        };
    }
    Dateline::default()
}

/// Authors, editors and cited sources from the byline fields, deduplicated in order.
pub fn people(cleaned: &Cleaned) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut authors = Vec::new();
    let mut editors = Vec::new();
    let mut sources = Vec::new();
    for f in &cleaned.fields {
        let target = match f.label {
            "author" => &mut authors,
            "editor" => &mut editors,
            "source" => &mut sources,
            _ => continue,
        };
        for name in split_names(&f.value) {
            if !target.iter().any(|n: &String| n.eq_ignore_ascii_case(&name)) {
                target.push(name);
            }
        }
    }
    (authors, editors, sources)
}

fn split_names(v: &str) -> Vec<String> {
    v.split([',', '&', ';'])
        .flat_map(|p| p.split(" dan "))
        .map(|p| p.trim().trim_end_matches(['.', '|']).trim().to_string())
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphabetic))
        .collect()
}

// ---- publication date --------------------------------------------------------------------

/// A date written in the text with what the text says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    span: Span,
    day: Option<u8>,
    month: u8,
    year: Option<i16>,
    weekday: Option<jiff::civil::Weekday>,
    /// Preceded by a future cue (akan, direncanakan, ...): not evidence of a past date.
    future: bool,
    /// Inside a quotation in its paragraph: a speaker's day, as often a plan or a condition
    /// ("Kalau logistik gagal, 14 Februari gagal") as a report.
    quoted: bool,
}

static WEEKDAY_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<w>senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*,?\s*\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{2,4}))?\s*\)").unwrap()
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?P<d>\d{1,2})\s+)?(?P<m>januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember)(?:\s+(?P<y>(?:19|20)\d{2}))?\b").unwrap()
});
static RECURRING_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:diperingati|memperingati|peringatan|dirayakan|merayakan|setiap|tiap|jatuh pada|hari raya)\b")
        .unwrap()
});
/// A saying between a future cue and a date ("akan berkunjung, kata X pada Senin (4/3)"):
/// the date is when it was said, not when the plan is for.
static SAYING_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:kata|ujar|tutur|ungkap|ucap|jelas|tegas|mengatakan|menyatakan|menurut|melaporkan|dilaporkan|diumumkan|mengumumkan)\b")
        .unwrap()
});
static FUTURE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:akan|direncanakan|dijadwalkan|rencana|rencananya|mendatang|hingga|sampai|paling cepat)\b")
        .unwrap()
});

fn written_dates(text: &str, paragraphs: &[Span]) -> Vec<Written> {
    let mut out = Vec::new();
    for p in paragraphs {
        let s = p.of(text);
        // A date after a future cue (a plan) or a recurring cue (an anniversary) says
        // nothing about when the article was written.
        let future_at = |start: usize| {
            let from = s[..start].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
            let sentence_start = s[..start].rfind(". ").map_or(0, |i| i + 2);
            let future = FUTURE_CUE
                .find_iter(&s[from..start])
                .last()
                .is_some_and(|m| !SAYING_CUE.is_match(&s[from + m.end()..start]));
            future || RECURRING_CUE.is_match(&s[sentence_start..start])
        };
        // inside a quotation: an odd number of straight quote marks before, or an opening
        // curly one not yet closed
        let quoted_at = |start: usize| {
            let before = &s[..start];
            before.matches('"').count() % 2 == 1 || before.rfind('“').is_some_and(|o| before[o..].find('”').is_none())
        };
        for c in WEEKDAY_NUMERIC.captures_iter(s) {
            let m = c.get(0).unwrap();
            let mut day: Option<u8> = c["d"].parse().ok();
            let mut month: u8 = c["m"].parse().unwrap_or(0);
            let weekday = calendar::weekday(&c["w"]);
            let year = c.name("y").and_then(|y| y.as_str().parse::<u32>().ok()).map(calendar::expand_year);
            // A weekday and a date that disagree: the reading that makes them agree wins
            // (month/day for day/month); when none does, the date stays as written (writers
            // slip on the weekday as often as on the day).
            if let (Some(y), Some(d), Some(wd)) = (year, day, weekday)
                && calendar::date(y, month, d).is_none_or(|dt| dt.weekday() != wd)
                && calendar::date(y, d, month).is_some_and(|dt| dt.weekday() == wd)
            {
                (day, month) = (Some(month), d);
            }
            out.push(Written {
                span: Span::new(p.start + m.start(), p.start + m.end()),
                day,
                month,
                year,
                weekday,
                future: future_at(m.start()),
                quoted: quoted_at(m.start()),
            });
        }
        for c in DAY_MONTH_YEAR.captures_iter(s) {
            let m = c.get(0).unwrap();
            // "Mei" alone is too weak; a month name needs a day or a year beside it.
            if c.name("d").is_none() && c.name("y").is_none() {
                continue;
            }
            out.push(Written {
                span: Span::new(p.start + m.start(), p.start + m.end()),
                day: c.name("d").and_then(|d| d.as_str().parse().ok()),
                month: calendar::month_number(&c["m"]).unwrap_or(0),
                year: c.name("y").and_then(|y| y.as_str().parse().ok()),
                weekday: None,
                future: future_at(m.start()),
                quoted: quoted_at(m.start()),
            });
        }
    }
    out.retain(|w| (1..=12).contains(&w.month) && w.day.is_none_or(|d| (1..=31).contains(&d)));
    out.sort_by_key(|w| w.span.start);
    out
}

/// The year next to `around` (that year, the next, the one before) in which `month/day` falls
/// on `wd`; None when none of the three fits (weekdays repeat only every 5–11 years, so a
/// farther year would be a guess).
fn year_for_weekday(around: i16, month: u8, day: u8, wd: jiff::civil::Weekday) -> Option<i16> {
    [around, around + 1, around - 1]
        .into_iter()
        .find(|&y| calendar::date(y, month, day).is_some_and(|d| d.weekday() == wd))
}

/// Decide the publication date. Order of evidence:
/// 1. a weekday-dated date in the dateline sentence of the lead ("Rabu (13/9/2023)"): the day
///    when the lead opens with a dateline ("Bisnis.com, JAKARTA -"), where Indonesian outlets
///    put the day of publication; without one, the lead reports the day of the happening and
///    the article is from that day or shortly after, so the month with an `earliest` day;
/// 2. a byline stamp ("9/11/2023"), day/month order decided by the weekday-dated dates of
///    the text and by the calendar;
/// 3. otherwise an inferred month (the latest past date the text reports) or null.
pub fn published(text: &str, cleaned: &Cleaned, dateline: &Dateline) -> Option<Published> {
    let para_spans: Vec<Span> = cleaned.paragraphs.iter().flat_map(|p| p.spans.iter().copied()).collect();
    let written = written_dates(text, &para_spans);
    // Captions date the photos: they bound the years but are not the article's own reports.
    let caption_spans: Vec<Span> = cleaned.captions.iter().map(|c| Span::new(c.start, c.end)).collect();
    let caption_years = written_dates(text, &caption_spans).into_iter().filter_map(|w| w.year);
    let max_year = written.iter().filter_map(|w| w.year).chain(caption_years).max();

    // 1. Lead date with a weekday.
    if let Some(lead) = cleaned.paragraphs.first() {
        let lead_span = Span::new(lead.spans[0].start, lead.spans.last().unwrap().end);
        // The dateline sentence: the first sentence longer than a bare "OUTLET - CITY." label.
        let first_sentence_end = crate::segment::sentences(text, lead.spans[0])
            .iter()
            .find(|s| s.len() > 30)
            .map_or(lead_span.end, |s| s.end);
        if let Some(w) = written
            .iter()
            .find(|w| w.weekday.is_some() && w.day.is_some() && w.span.start < first_sentence_end && !w.future)
        {
            let (d, wd) = (w.day.unwrap(), w.weekday.unwrap());
            let shown = w.span.of(text);
            match w.year {
                Some(y) => {
                    if let Some(date) = calendar::date(y, w.month, d) {
                        let agrees = date.weekday() == wd;
                        let reason = if agrees {
                            format!("date in the lead's dateline sentence: {shown}")
                        } else {
                            format!(
                                "date in the lead's dateline sentence: {shown} (the weekday does not match the calendar)"
                            )
                        };
                        return Some(lead_value(date, reason, w.span, dateline.span.is_some()));
                    }
                }
                None => {
                    if let Some(y) = max_year.and_then(|y| year_for_weekday(y, w.month, d, wd)) {
                        let date = calendar::date(y, w.month, d)?;
                        return Some(lead_value(
                            date,
                            format!(
                                "date in the lead's dateline sentence: {shown}; year {y} is the year next to the latest year the text names ({}) in which that day is a {}",
                                max_year.unwrap(),
                                calendar::weekday_name(wd)
                            ),
                            w.span,
                            dateline.span.is_some(),
                        ));
                    }
                }
            }
        }
    }

    // 2. Byline stamps.
    for stamp in &cleaned.stamps {
        if let Some(p) = stamp_date(stamp.of(text), &written) {
            return Some(Published { evidence: Some(*stamp), ..p });
        }
    }

    // 3. Inference from the latest past date the text reports.
    infer_from_text(text, &written)
}

fn day_value(date: Date, reason: String, evidence: Option<Span>) -> Published {
    Published { value: date.to_string(), precision: Precision::Day, reason, evidence, earliest: None }
}

/// A date from the lead: the day itself after a dateline, else its month with an earliest day.
fn lead_value(date: Date, reason: String, evidence: Span, after_dateline: bool) -> Published {
    if after_dateline {
        return day_value(date, reason, Some(evidence));
    }
    Published {
        value: format!("{:04}-{:02}", date.year(), date.month()),
        precision: Precision::Month,
        reason: format!(
            "{reason}; no dateline, so the lead reports the day of the happening and the article is from that day or shortly after"
        ),
        evidence: Some(evidence),
        earliest: Some(date.to_string()),
    }
}

static NUMERIC_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{2,4})").unwrap());

/// Read a byline stamp such as "9/11/2023": both orders are tried; the text's weekday-dated
/// mentions decide, then the calendar. An unresolvable ambiguity gives only the year.
fn stamp_date(stamp: &str, written: &[Written]) -> Option<Published> {
    if let Some(c) = NUMERIC_STAMP.captures(stamp) {
        let a: u8 = c["a"].parse().ok()?;
        let b: u8 = c["b"].parse().ok()?;
        let y = calendar::expand_year(c["y"].parse().ok()?);
        let dm = calendar::date(y, b, a); // day/month (Indonesian order)
        let md = calendar::date(y, a, b); // month/day
        // Dates the text pins with a weekday ("Senin (11/9)"), years filled from the stamp.
        let pinned: Vec<Date> = written
            .iter()
            .filter_map(|w| {
                let d = calendar::date(w.year.unwrap_or(y), w.month, w.day?)?;
                (w.weekday.is_none_or(|wd| wd == d.weekday())).then_some(d)
            })
            .collect();
        let supports =
            |cand: Date| pinned.iter().any(|p| (*p <= cand) && cand.since(*p).is_ok_and(|s| s.get_days() <= 7));
        let shown = stamp.trim();
        return match (dm, md) {
            (Some(x), Some(z)) if x == z => Some(day_value(x, format!("byline date {shown}"), None)),
            (Some(x), None) => {
                Some(day_value(x, format!("byline date {shown} (day/month: the other order is no date)"), None))
            }
            (None, Some(z)) => {
                Some(day_value(z, format!("byline date {shown} (month/day: the other order is no date)"), None))
            }
            (Some(x), Some(z)) => match (supports(x), supports(z)) {
                (true, false) => Some(day_value(
                    x,
                    format!(
                        "byline date {shown} read day/month: the text's own weekday-dated days fall in the week before {x}"
                    ),
                    None,
                )),
                (false, true) => Some(day_value(
                    z,
                    format!(
                        "byline date {shown} read month/day: the text's own weekday-dated days fall in the week before {z}, while day/month ({x}) fits none"
                    ),
                    None,
                )),
                _ => Some(Published {
                    value: y.to_string(),
                    precision: Precision::Year,
                    reason: format!(
                        "byline date {shown} is ambiguous (day/month {x} or month/day {z}); only the year is certain"
                    ),
                    evidence: None,
                    earliest: None,
                }),
            },
            (None, None) => None,
        };
    }
    None
}

/// How far before the latest dated report a yearless day may fall and still be of its year.
const RECENT_PAST_DAYS: i32 = 60;

/// No printed publication date: the latest past date the text reports bounds it from below.
/// Years missing from a date are filled forward from the latest year the text names.
fn infer_from_text(text: &str, written: &[Written]) -> Option<Published> {
    let max_year = written.iter().filter_map(|w| w.year).max()?;
    let past: Vec<&Written> = written.iter().filter(|w| !w.future).collect();
    // Dates with their year first; then yearless ones, placed in the first year that keeps
    // them on or after the latest full date (and on their weekday, when one is named).
    let mut best: Option<(Date, &Written, bool)> = None; // (date, evidence, year inferred)
    // A month with no day ("Desember 2025") is as often a plan or a period as a report: it is
    // not evidence of when the article was written.
    for w in past.iter().filter(|w| w.year.is_some() && w.day.is_some()) {
        let date = calendar::date(w.year.unwrap(), w.month, w.day.unwrap());
        if let Some(date) = date
            && best.is_none_or(|(b, _, _)| date > b)
        {
            best = Some((date, w, false));
        }
    }
    // Months without a day still bound the year of a yearless date ("sejak Desember 2024 ...
    // 27 Maret" is March of the next year).
    let month_floor = past.iter().filter(|w| w.day.is_none()).filter_map(|w| calendar::date(w.year?, w.month, 1)).max();
    let floor = best.map(|b| b.0).max(month_floor);
    // a yearless day a speaker names is placed in no year by the text itself
    for w in past.iter().filter(|w| w.year.is_none() && !w.quoted) {
        let Some(d) = w.day else { continue };
        let date = match w.weekday {
            Some(wd) => year_for_weekday(max_year, w.month, d, wd).and_then(|y| calendar::date(y, w.month, d)),
            // a yearless day in the weeks before the floor is its recent past ("Rabu
            // (22/10/2025) ... 10 Oktober lalu"); one months before it is taken as next year's
            None => (max_year..max_year + 2).filter_map(|y| calendar::date(y, w.month, d)).find(|dt| {
                floor
                    .is_none_or(|f| *dt >= f || calendar::day_number(f) - calendar::day_number(*dt) <= RECENT_PAST_DAYS)
            }),
        };
        if let Some(date) = date
            && best.is_none_or(|(b, _, _)| date > b)
        {
            best = Some((date, w, true));
        }
    }
    let (date, w, inferred) = best?;
    let shown = w.span.of(text);
    let how = if inferred { format!(" (year {} inferred from the other dates)", date.year()) } else { String::new() };
    // A weekday-dated day ("Senin (20/10)") is how Indonesian news names the days it reports:
    // the article is from that month. A plain date may be background: only its year is safe.
    let (value, precision, span_word) = if w.weekday.is_some() {
        (format!("{:04}-{:02}", date.year(), date.month()), Precision::Month, "month")
    } else {
        (format!("{:04}", date.year()), Precision::Year, "year")
    };
    Some(Published {
        value,
        precision,
        reason: format!(
            "no publication date printed; the latest past date the text reports is {shown}{how}, so the article is from that {span_word} or later"
        ),
        evidence: Some(w.span),
        earliest: Some(date.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;

    fn meta(t: &str) -> (Dateline, Option<Published>) {
        let c = clean(t);
        let d = dateline(t, &c);
        let p = published(t, &c, &d);
        (d, p)
    }

    #[test]
    fn dateline_forms() {
        let cases = [
            ("Tribun.co.id, MEDAN - Isi.", Some("Tribun.co.id"), Some("MEDAN")),
            ("KONTAN.CO.ID - SURABAYA. Isi berita.", Some("Kontan"), Some("SURABAYA")),
            ("JAKARTA, KOMPAS.com - Isi berita.", Some("Kompas.com"), Some("JAKARTA")),
            ("Jakarta, CNN Indonesia -- Isi berita.", Some("CNN Indonesia"), Some("JAKARTA")),
            ("BANDUNG (ANTARA) - Isi berita.", Some("ANTARA"), Some("BANDUNG")),
            ("MAKASSAR - Isi berita.", None, Some("MAKASSAR")),
            ("Warga Bogor - yang marah - berkumpul.", None, None),
        ];
        for (t, o, c) in cases {
            let (d, _) = meta(t);
            assert_eq!((d.outlet.as_deref(), d.city.as_deref()), (o, c), "{t}");
        }
    }

    #[test]
    fn a_dateline_after_a_headline_line_is_read() {
        let (d, p) = meta(
            "Petani Garut Panen Raya Kentang\nGARUTPOS.COM - GARUT. Petani memanen kentang pada Selasa (14/5/2024).",
        );
        assert_eq!((d.outlet.as_deref(), d.city.as_deref()), (Some("Garutpos.com"), Some("GARUT")));
        assert_eq!(p.unwrap().value, "2024-05-14");
        // A first line that is a sentence is not a headline: no dateline is looked for after it.
        let (d, _) = meta("Petani memanen kentang.\nGARUTPOS.COM - GARUT. Panen raya berlangsung.");
        assert_eq!(d.outlet, None);
    }

    #[test]
    fn a_plan_told_on_a_dated_day_dates_the_article() {
        // "akan" before the date belongs to the plan; "kata … pada" makes the date the saying's.
        let (_, p) = meta(
            "Kabarkita.com, JAKARTA - Menteri akan meninjau bendungan, kata juru bicara pada Senin (4/3/2024). Jadwalnya belum pasti.",
        );
        assert_eq!(p.unwrap().value, "2024-03-04");
        // Without the saying, the date is the plan's, not the article's.
        let (_, p) = meta(
            "Kabarkita.com, JAKARTA - Menteri akan meninjau bendungan pada Senin (4/3/2024). Jadwalnya belum pasti.",
        );
        assert_ne!(p.map(|p| p.value), Some("2024-03-04".to_string()));
    }

    #[test]
    fn lead_date_gives_day_precision() {
        let (_, p) = meta("Bisnis.com, JAKARTA - Presiden membuka pameran pada Kamis (2/5/2024). Pameran ramai.");
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.precision), ("2024-05-02", Precision::Day));
    }

    #[test]
    fn lead_date_without_year_takes_year_from_weekday() {
        let (_, p) = meta("Wali kota pada Jumat (3/5) meresmikan pasar.\nPasar lama dibangun pada 10 Januari 2023.");
        let p = p.unwrap();
        // No dateline: the month, with the lead's day as the earliest possible.
        assert_eq!((p.value.as_str(), p.precision), ("2024-05", Precision::Month));
        assert_eq!(p.earliest.as_deref(), Some("2024-05-03"));
        assert!(p.reason.contains("2024"));
    }

    #[test]
    fn ambiguous_stamp_is_decided_by_the_weekday_in_the_text() {
        // 3 June 2024 was a Monday; 6 March 2024 a Wednesday.
        let t =
            "Judul Berita Yang Panjang Sekali\n\nMenteri tiba pada hari Senin (3/6) di Bogor.\nnama penulis\n6/3/2024";
        let (_, p) = meta(t);
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.precision), ("2024-06-03", Precision::Day), "{}", p.reason);
    }

    #[test]
    fn unresolved_stamp_gives_year_only() {
        let (_, p) = meta("Isi berita tanpa tanggal.\n6/3/2024");
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.precision), ("2024", Precision::Year));
    }

    #[test]
    fn a_day_a_speaker_names_is_no_evidence_of_the_publication_date() {
        // "14 Februari" inside the quotation would be next February: a plan or a condition,
        // not a day the article reports
        for quote in [
            "\"Kalau logistik gagal, 14 Februari gagal,\" kata Hasan.",
            "“Kalau logistik gagal, 14 Februari gagal,” kata Hasan.",
        ] {
            let text = format!(
                "JAKARTA - Komisi II menggelar rapat evaluasi. Rapat itu digelar pada Selasa (21/10/2025). {quote}"
            );
            let p = meta(&text).1.unwrap();
            assert_eq!((p.value.as_str(), p.precision), ("2025-10", Precision::Month), "{quote}");
        }
    }

    #[test]
    fn no_printed_date_infers_a_month_or_nothing() {
        let (_, p) = meta("SURABAYA - Harga naik sejak 5 Januari 2025. Pedagang mengeluh pada Jumat (14/2).");
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.precision), ("2025-02", Precision::Month));
        let (_, p) = meta("SURABAYA - Harga naik sejak 5 Januari 2025, kata pedagang pada 14 Februari.");
        let p = p.unwrap();
        assert_eq!(
            (p.value.as_str(), p.precision, p.earliest.as_deref()),
            ("2025", Precision::Year, Some("2025-02-14"))
        );
        let (_, p) = meta("SURABAYA - Harga naik, kata pedagang.");
        assert_eq!(p, None);
        // a yearless day weeks before a dated report is of the same year, not the next
        let (_, p) = meta(
            "MEDAN - Banjir merendam kampung. Warga mengadu pada Rabu (22/10/2025). Air naik sejak 10 Oktober lalu.",
        );
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.earliest.as_deref()), ("2025-10", Some("2025-10-22")), "{}", p.reason);
        // one months before it is next year's
        let (_, p) = meta("MEDAN - Harga naik sejak 5 Desember 2024. Pedagang kembali mengeluh pada 27 Maret.");
        let p = p.unwrap();
        assert_eq!((p.value.as_str(), p.earliest.as_deref()), ("2025", Some("2025-03-27")), "{}", p.reason);
    }
}
