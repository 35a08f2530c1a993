//! Indonesian calendar vocabulary shared by the metadata and time stages: month and weekday
//! names (with old and abbreviated spellings), and checked date construction.

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
