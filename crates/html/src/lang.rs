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
/// them). A batch or a benchmark calls this once before it starts.
pub fn preload() {
    detector();
}

/// Function words of Indonesian/Malay and of English. A text in one of the three languages
/// has many of them; a French or German page has almost none.
const ID_MS_WORDS: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak", "akan", "dalam", "adalah",
    "juga", "oleh", "sebagai", "atau", "kata", "telah", "sudah", "ada", "bahwa", "bahawa", "mereka", "kami", "kita",
    "saya", "tersebut", "lebih", "karena", "kerana", "hingga", "namun", "para", "secara", "bisa", "boleh", "antara",
];
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "she", "by", "at",
    "from", "this", "be", "are", "have", "has", "not", "but", "they", "his", "her", "an", "which", "or", "were",
    "said", "will", "would", "their", "been", "its",
];

/// Detect the language of `text` (the extracted body).
pub fn detect(text: &str) -> Detected {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let words: Vec<String> =
        sample.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    if words.len() < MIN_WORDS {
        return Detected {
            code: None,
            confidence: 0.0,
            note: Some(format!("too little text to tell the language ({} words)", words.len())),
        };
    }
    let id_ms = words.iter().filter(|w| ID_MS_WORDS.contains(&w.as_str())).count();
    let en = words.iter().filter(|w| EN_WORDS.contains(&w.as_str())).count();
    let function = id_ms + en;
    let share = function as f64 / words.len() as f64;
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
