//! Indonesian calendar vocabulary shared by the metadata and time stages: month and weekday
//! names (with old and abbreviated spellings), checked date construction, day numbers and the
//! day an article stands for (what stories and timelines count days with).

use crate::analysis::{Analysis, Precision};
use jiff::civil::{Date, Weekday};

/// Month number (1–12) of an Indonesian or English month name or abbreviation, any case.
/// Includes old spellings (Djanuari, Pebruari, Nopember, Agustus/Agustos) and "Sept".
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "januari" | "djanuari" | "jan" | "january" => 1,
        "februari" | "pebruari" | "febuari" | "feb" | "peb" | "february" => 2,
        "maret" | "mar" | "march" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "jun" | "djuni" | "june" => 6,
        "juli" | "jul" | "djuli" | "july" => 7,
        "agustus" | "agu" | "agt" | "ags" | "aug" | "agustos" | "august" => 8,
        "september" | "sep" | "sept" | "spt" => 9,
        "oktober" | "okt" | "oct" | "october" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "des" | "dec" | "december" | "dezember" => 12,
        _ => return None,
    };
    Some(m)
}

/// The Indonesian name of month `m` (1–12), as dates are written ("13 September 2023").
pub fn month_name(m: u8) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    NAMES.get(usize::from(m).checked_sub(1)?).copied()
}

/// Weekday of an Indonesian (or English) weekday name, any case. "Minggu" is Sunday here:
/// callers must tell the weekday from "minggu" (week) by context.
pub fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "senin" | "monday" | "sen" => Weekday::Monday,
        "selasa" | "tuesday" | "sel" => Weekday::Tuesday,
        "rabu" | "wednesday" | "rab" => Weekday::Wednesday,
        "kamis" | "thursday" | "kam" => Weekday::Thursday,
        "jumat" | "jum'at" | "jumat'" | "jum’at" | "friday" | "jum" => Weekday::Friday,
        "sabtu" | "saturday" | "sab" => Weekday::Saturday,
        "minggu" | "ahad" | "sunday" | "min" => Weekday::Sunday,
        _ => return None,
    })
}

/// Indonesian name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Senin",
        Weekday::Tuesday => "Selasa",
        Weekday::Wednesday => "Rabu",
        Weekday::Thursday => "Kamis",
        Weekday::Friday => "Jumat",
        Weekday::Saturday => "Sabtu",
        Weekday::Sunday => "Minggu",
    }
}

/// A valid calendar date, or None (31 February, month 13, ...).
pub fn date(year: i16, month: u8, day: u8) -> Option<Date> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Date::new(year, month as i8, day as i8).ok()
}

/// A two-digit year as printed in news ("13/9/23"): 00–69 → 2000s, 70–99 → 1900s.
pub fn expand_year(y: u32) -> i16 {
    match y {
        0..=69 => 2000 + y as i16,
        70..=99 => 1900 + y as i16,
        _ => y as i16,
    }
}

/// The day an article stands for: its publication day, or the earliest day its coarser date
/// allows, or the first day of that month or year.
pub fn article_date(a: &Analysis) -> Option<Date> {
    let p = a.published.as_ref()?;
    if let Some(e) = &p.earliest
        && let Ok(d) = e.parse::<Date>()
    {
        return Some(d);
    }
    let v = &p.value;
    match p.precision {
        Precision::Day => v.parse().ok(),
        Precision::Month => format!("{v}-01").parse().ok(),
        Precision::Year => format!("{v}-01-01").parse().ok(),
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub fn day_number(d: Date) -> i32 {
    let (y, m, dd) = (d.year() as i32, d.month() as i32, d.day() as i32);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub fn date_of(n: i32) -> Date {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    jiff::civil::date(y as i16, m as i8, d as i8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_old_spellings() {
        for (w, m) in [("Djanuari", 1), ("Pebruari", 2), ("MEI", 5), ("Nopember", 11), ("Sept.", 9), ("agustus", 8)] {
            assert_eq!(month_number(w), Some(m), "{w}");
        }
        assert_eq!(month_number("Minggu"), None);
    }

    #[test]
    fn weekdays_and_checked_dates() {
        assert_eq!(weekday("Rabu"), Some(Weekday::Wednesday));
        assert_eq!(weekday("Jum'at"), Some(Weekday::Friday));
        assert_eq!(date(2023, 9, 13).unwrap().weekday(), Weekday::Wednesday);
        assert_eq!(date(2023, 2, 29), None);
        assert_eq!(date(2024, 13, 1), None);
        assert_eq!(expand_year(23), 2023);
    }
}
