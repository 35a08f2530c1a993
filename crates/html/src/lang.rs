//! Language of the extracted text: Indonesian, Malay or English (lingua restricted to those
//! three, the only detector tried here that separates Indonesian from Malay), with a
//! function-word check so that a page in a fourth language is called "not one of these"
//! instead of being forced into the closest of the three.

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::OnceLock;

/// The detector's verdict on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code (`id`, `ms`, `en`), or `None` when the text is too short, is in another
    /// language, or the three are too close to call.
    pub code: Option<&'static str>,
    /// lingua's confidence for `code` (0 when `code` is `None`).
    pub confidence: f64,
    /// Why `code` is `None`, in plain words.
    pub note: Option<String>,
}

/// At most this many bytes of text are looked at (the verdict is stable well before it).
const SAMPLE_BYTES: usize = 2000;
const MIN_WORDS: usize = 8;
const MIN_CONFIDENCE: f64 = 0.6;
/// English function words outnumbering Indonesian/Malay ones this many times decide English.
const ENGLISH_RATIO: usize = 6;

fn detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[Language::Indonesian, Language::Malay, Language::English])
            .with_preloaded_language_models()
            .build()
    })
}

/// Load the language models now (they are otherwise loaded on the first text that needs
/// them), and let lingua build its lazily made tables (its alphabets' character sets, about
/// 10 ms on the first text it is given). A batch or a benchmark calls this once before it starts.
pub fn preload() {
    function_keys();
    detector().compute_language_confidence_values("Kabar ini ditulis untuk memanaskan pendeteksi bahasa.");
}

/// Function words of Indonesian/Malay and of English. A text in one of the three languages has
/// many of them; a French or German page has almost none.
const ID_MS_WORDS: &[&str] = &[
    "ada", "adalah", "akan", "antara", "atau", "bahawa", "bahwa", "bisa", "boleh", "dalam", "dan", "dari", "dengan",
    "di", "hingga", "ini", "itu", "juga", "kami", "karena", "kata", "ke", "kerana", "kita", "lebih", "mereka", "namun",
    "oleh", "pada", "para", "saya", "sebagai", "secara", "sudah", "telah", "tersebut", "tidak", "untuk", "yang",
];
const EN_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "has", "have", "he", "her", "his",
    "in", "is", "it", "its", "not", "of", "on", "or", "said", "she", "that", "the", "their", "they", "this", "to",
    "was", "were", "which", "will", "with", "would",
];

/// Up to 8 bytes, ASCII letters lower-cased, as one number.
fn pack(w: &[u8]) -> u64 {
    w.iter().enumerate().fold(0, |k, (i, c)| k | (c.to_ascii_lowercase() as u64) << (8 * i))
}

/// The function-word lists packed ([`pack`]) and sorted.
fn function_keys() -> &'static (Vec<u64>, Vec<u64>) {
    static KEYS: OnceLock<(Vec<u64>, Vec<u64>)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let keys = |list: &[&str]| {
            let mut k: Vec<u64> = list.iter().map(|w| pack(w.as_bytes())).collect();
            k.sort_unstable();
            k
        };
        (keys(ID_MS_WORDS), keys(EN_WORDS))
    })
}

/// Detect the language of `text` (the extracted body).
pub fn detect(text: &str) -> Detected {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    // Count words and function words without allocating: function words are ASCII and at
    // most 8 letters, so a word that could be one is packed, lower-cased, into a number and
    // looked up among the packed lists.
    let (id_keys, en_keys) = function_keys();
    let (mut words, mut id_ms, mut en) = (0usize, 0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        words += 1;
        if w.len() > 8 || !w.is_ascii() {
            continue;
        }
        let key = pack(w.as_bytes());
        if id_keys.binary_search(&key).is_ok() {
            id_ms += 1;
        } else if en_keys.binary_search(&key).is_ok() {
            en += 1;
        }
    }
    if words < MIN_WORDS {
        return Detected {
            code: None,
            confidence: 0.0,
            note: Some(format!("too little text to tell the language ({words} words)")),
        };
    }
    let function = id_ms + en;
    let share = function as f64 / words as f64;
    if share < 0.08 {
        return Detected {
            code: None,
            confidence: 0.0,
            note: Some(format!(
                "not Indonesian, Malay or English: only {:.0}% of the words are their function words",
                share * 100.0
            )),
        };
    }
    // English needs no model: its function words outnumber Indonesian/Malay ones many times
    // over (lingua is only needed to tell Indonesian from Malay, and for mixed text). The
    // confidence is then the English share of the function words.
    if en >= ENGLISH_RATIO * id_ms.max(1) {
        return Detected { code: Some("en"), confidence: en as f64 / function as f64, note: None };
    }
    let values = detector().compute_language_confidence_values(sample);
    let Some((lang, conf)) = values.first().copied() else {
        return Detected { code: None, confidence: 0.0, note: Some("language detector gave no verdict".into()) };
    };
    if conf < MIN_CONFIDENCE {
        return Detected {
            code: None,
            confidence: 0.0,
            note: Some(format!("too close to call between Indonesian, Malay and English (best {conf:.2})")),
        };
    }
    let code = match lang {
        Language::Indonesian => "id",
        Language::Malay => "ms",
        Language::English => "en",
    };
    Detected { code: Some(code), confidence: conf, note: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_fit_the_lowercasing_buffer() {
        // `detect` only looks up words of at most 8 ASCII bytes.
        for w in ID_MS_WORDS.iter().chain(EN_WORDS) {
            assert!(w.len() <= 8 && w.is_ascii() && w.to_ascii_lowercase() == *w, "{w}");
        }
        // Packed, they stay distinct (a word is in one list or the other).
        let (id, en) = function_keys();
        assert_eq!(id.len(), ID_MS_WORDS.len());
        assert!(id.iter().all(|k| en.binary_search(k).is_err()));
    }

    #[test]
    fn english_is_told_by_function_words_and_other_languages_are_not_forced() {
        let en =
            detect("The minister said on Monday that the bridge would be opened to traffic by the end of the year.");
        assert_eq!(en.code, Some("en"));
        let id = detect(
            "Menteri mengatakan pada hari Senin bahwa jembatan itu akan dibuka untuk umum pada akhir tahun ini, \
             dan warga di sekitar lokasi sudah menunggu sejak lama.",
        );
        assert_eq!(id.code, Some("id"));
        let de =
            detect("Der Minister sagte am Montag, die Brücke werde bis zum Jahresende für den Verkehr freigegeben.");
        assert_eq!(de.code, None);
        assert!(de.note.is_some());
        let short = detect("Harga naik");
        assert_eq!(short.code, None);
    }
}
