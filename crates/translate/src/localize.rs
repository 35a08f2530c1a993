//! What goes back in place of a protected date or number, for the target language: dates by
//! ICU4X (through `warta_render::format_date` for the full forms), numbers regrouped by ICU4X
//! when the Indonesian text wrote them with separators. Pure.

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{M, MD, MDE, YMDE};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use warta_render::{Lang, When};
use writeable::Writeable;

struct Formatters {
    md: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    mde: FixedCalendarDateTimeFormatter<Gregorian, MDE>,
    ymde: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    m: FixedCalendarDateTimeFormatter<Gregorian, M>,
    decimal: DecimalFormatter,
}

impl Formatters {
    fn new(lang: Lang) -> Formatters {
        let locale: Locale = lang.code().parse().expect("the six codes are valid locales");
        let l = &locale;
        Formatters {
            md: FixedCalendarDateTimeFormatter::try_new(l.into(), MD::long()).expect("compiled data"),
            mde: FixedCalendarDateTimeFormatter::try_new(l.into(), MDE::long()).expect("compiled data"),
            ymde: FixedCalendarDateTimeFormatter::try_new(l.into(), YMDE::long()).expect("compiled data"),
            m: FixedCalendarDateTimeFormatter::try_new(l.into(), M::long()).expect("compiled data"),
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).expect("compiled data"),
        }
    }
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<Lang, Rc<Formatters>>> = RefCell::new(HashMap::new());
}

fn formatters(lang: Lang) -> Rc<Formatters> {
    FORMATTERS.with(|f| f.borrow_mut().entry(lang).or_insert_with(|| Rc::new(Formatters::new(lang))).clone())
}

/// Indonesian weekday names (also the old spelling of Friday).
const WEEKDAYS: [&str; 8] = ["senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu"];

/// The span of a time mention's text worth protecting: from the first digit or capital letter
/// (so "pada Mei" gives "Mei", "tanggal 5 Mei" gives "5 Mei"), to the last digit, letter or
/// closing parenthesis. Byte offsets into `text`; None when nothing is left.
pub fn core_span(text: &str) -> Option<(usize, usize)> {
    let start = text.char_indices().find(|(_, c)| c.is_ascii_digit() || c.is_uppercase()).map(|(i, _)| i)?;
    let end =
        text.char_indices().rev().find(|(_, c)| c.is_alphanumeric() || *c == ')').map(|(i, c)| i + c.len_utf8())?;
    (end > start).then_some((start, end))
}

/// The rendering of a date mention (TIMEX3 `value`, the text as written) in `lang`, or None
/// when it is not a day or a month value (those are left to the translator, with their numbers
/// protected). Only what the text states is shown: a day written without its year is shown
/// without a year (the resolved year is the analysis's inference, not the writer's words), a
/// weekday only when the text names one.
pub fn date_text(value: &str, written: &str, lang: Lang) -> Option<String> {
    let when = When::parse(value)?;
    let lower = written.to_lowercase();
    let has_weekday = WEEKDAYS.iter().any(|w| lower.contains(w));
    let g = |y: i32, m: u8, d: u8| Date::try_new_gregorian(y, m, d).ok();
    match when {
        When::Day(y, m, d) => {
            let date = g(y, m, d)?;
            let f = formatters(lang);
            let has_year = written.contains(&y.to_string());
            Some(match (has_year, has_weekday) {
                (true, false) => warta_render::format_date(&value[..10], lang),
                (true, true) => f.ymde.format(&date).to_string(),
                (false, false) => f.md.format(&date).to_string(),
                (false, true) => f.mde.format(&date).to_string(),
            })
        }
        When::Month(y, m) => {
            let has_year = written.contains(&y.to_string());
            if has_year {
                Some(warta_render::format_date(value, lang))
            } else {
                Some(formatters(lang).m.format(&g(y, m, 1)?).to_string())
            }
        }
        When::Year(_) | When::Week(..) => None,
    }
}

/// A number as the target locale writes it. Indonesian groups thousands with `.` and writes
/// decimals after `,`; a number written that way (`1.500.000`, `2,5`, `12.000,75`) is regrouped
/// by ICU4X for the locale (`1,500,000`, `2.5`, `1 500 000`). Anything else (`2023`, `14.30`,
/// `12.06.2024`) is kept exactly as written.
pub fn number_text(written: &str, lang: Lang) -> String {
    if lang == Lang::Id {
        return written.to_string();
    }
    let (int, frac) = match written.split_once(',') {
        Some((i, f)) if !f.contains([',', '.']) => (i, Some(f)),
        Some(_) => return written.to_string(),
        None => (written, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let grouped = groups.len() > 1;
    if grouped && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return written.to_string();
    }
    if !grouped && frac.is_none() {
        return written.to_string();
    }
    let plain = match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    match plain.parse::<Decimal>() {
        Ok(d) => {
            let mut out = String::new();
            match formatters(lang).decimal.format(&d).write_to(&mut out) {
                Ok(()) => out,
                Err(_) => written.to_string(),
            }
        }
        Err(_) => written.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_spans() {
        let t = "pada Mei";
        assert_eq!(core_span(t).map(|(a, b)| &t[a..b]), Some("Mei"));
        let t = "tanggal 5 Mei 2022,";
        assert_eq!(core_span(t).map(|(a, b)| &t[a..b]), Some("5 Mei 2022"));
        let t = "Kamis (5/5/2022)";
        assert_eq!(core_span(t).map(|(a, b)| &t[a..b]), Some("Kamis (5/5/2022)"));
        assert_eq!(core_span("kemarin"), None);
    }

    #[test]
    fn dates_show_what_the_text_states() {
        assert_eq!(date_text("2022-05-05", "5 Mei 2022", Lang::En).as_deref(), Some("May 5, 2022"));
        assert_eq!(date_text("2022-05-05", "5 Mei 2022", Lang::Zh).as_deref(), Some("2022年5月5日"));
        assert_eq!(date_text("2022-05-05", "5 Mei 2022", Lang::Fr).as_deref(), Some("5 mai 2022"));
        assert_eq!(date_text("2022-05-05", "Kamis (5/5/2022)", Lang::En).as_deref(), Some("Thursday, May 5, 2022"));
        // No year written: none shown.
        assert_eq!(date_text("2022-05-05", "5 Mei", Lang::En).as_deref(), Some("May 5"));
        assert_eq!(date_text("2022-05", "Mei 2022", Lang::Ja).as_deref(), Some("2022年5月"));
        assert_eq!(date_text("2022-05", "Mei", Lang::En).as_deref(), Some("May"));
        assert_eq!(date_text("2022", "2022", Lang::En), None);
        assert_eq!(date_text("PRESENT_REF", "kini", Lang::En), None);
        // The day and the year shown are the facts'.
        for lang in Lang::ALL {
            let t = date_text("2019-11-27", "27 November 2019", lang).unwrap();
            let n = warta_render::numbers_in(&t);
            assert!(n.contains(&2019) && n.contains(&27), "{lang}: {t}");
        }
    }

    #[test]
    fn numbers_regrouped_only_when_grouped() {
        assert_eq!(number_text("1.500.000", Lang::En), "1,500,000");
        assert_eq!(number_text("1.500.000", Lang::Fr), "1\u{202f}500\u{202f}000");
        assert_eq!(number_text("2,5", Lang::En), "2.5");
        assert_eq!(number_text("2,5", Lang::Fr), "2,5");
        assert_eq!(number_text("12.000,75", Lang::Ja), "12,000.75");
        assert_eq!(number_text("2023", Lang::En), "2023");
        assert_eq!(number_text("14.30", Lang::En), "14.30");
        assert_eq!(number_text("12.06.2024", Lang::En), "12.06.2024");
        assert_eq!(number_text("1.500.000", Lang::Id), "1.500.000");
    }
}
