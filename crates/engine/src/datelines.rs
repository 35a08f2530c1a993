//! The forms a dateline takes at the start of a lead ("Bisnis.com, JAKARTA -", "JAKARTA,
//! KOMPAS.com -", "JAKARTA (ANTARA) -"): read by the metadata (outlet and city) and by the
//! cleaner (the line before a dateline is the headline).

use regex::Regex;
use std::sync::LazyLock;

static DOMAIN: &str = r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,6}){1,2}";
static CITY: &str = r"[\p{Lu}][\p{Lu}\p{Ll} .'-]{1,40}?";

/// Dateline forms, tried in order. Groups: `o` outlet, `c` city.
pub(crate) static DATELINES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "Bisnis.com, JAKARTA -", "Liputan6.com, Jakarta -", "TEMPO.CO, Jakarta -"
        format!(r"^(?P<o>{DOMAIN})\s*,\s*(?P<c>{CITY})\s*(?:[-–—]+|:)\s"),
        // "KONTAN.CO.ID - SEOUL." / "KONTAN.CO.ID - JAKARTA -"
        format!(r"^(?P<o>{DOMAIN})\s*[-–—]+\s*(?P<c>[\p{{Lu}}][\p{{Lu}} .'-]{{1,40}}?)\s*[.,:–—-]\s"),
        // "JAKARTA, KOMPAS.com -" / "Jakarta, CNN Indonesia --"
        format!(
            r"^(?P<c>{CITY})\s*,\s*(?P<o>{DOMAIN}|[\p{{Lu}}][\p{{L}}]+(?: [\p{{Lu}}][\p{{L}}]+)?)\s*(?:[-–—]+|:)\s"
        ),
        // "JAKARTA (ANTARA) -"
        format!(r"^(?P<c>{CITY})\s*\((?P<o>[^)]{{2,30}})\)\s*(?:[-–—]+|:)\s"),
        // "VIVA – " / "Suara.com - " (outlet alone)
        format!(r"^(?P<o>{DOMAIN})\s*[-–—]+\s"),
        // "JAKARTA - " (city alone, upper case)
        r"^(?P<c>[\p{Lu}][\p{Lu} .'-]{2,40}?)\s*[-–—]+\s".to_string(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("dateline regex"))
    .collect()
});

/// Does `line` open with a dateline ("KONTAN.CO.ID - SEOUL.", "Bisnis.com, JAKARTA -")? The
/// cleaner uses it to take the line before as the headline.
pub(crate) fn opens_with_dateline(line: &str) -> bool {
    DATELINES.iter().enumerate().any(|(n, re)| n != 2 && re.is_match(line))
}
