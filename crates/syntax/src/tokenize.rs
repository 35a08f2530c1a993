//! A rule-based tokeniser and sentence splitter for Indonesian plain text, following the UD
//! Indonesian conventions: punctuation apart, numbers (`1.250,5`, `13/9/2023`), reduplication
//! (`anak-anak`) and hyphenated names (`Covid-19`) whole, abbreviations (`Dr.`, `dll.`) with their
//! period, and the enclitic `-nya` split off as a multiword token (`rumahnya` → `rumah` + `nya`).

/// A token: its text and byte offset in the input, and whether a space follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub space_after: bool,
}

impl Token<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Abbreviations written with a period that does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "a.l", "a.n", "bpk", "dg", "dkk", "dll", "dr", "drs", "dra", "dsb", "dst", "h", "hj", "ir", "jl", "jln", "kab",
    "kec", "kel", "km", "no", "nn", "ny", "pt", "prof", "rp", "sdr", "s.h", "s.e", "s.pd", "s.t", "st", "tn", "tsb",
    "tgl", "u.p", "yth", "vs", "m.a", "m.si", "ph.d", "kol", "let", "jend", "brigjen", "irjen", "kombes", "mayjen",
    "letjen", "ipda", "iptu", "akp", "bripda", "bripka", "aipda", "kompol", "sekjen",
];

/// Words in `-nya` that are single words (not a host + the clitic).
const NYA_WORDS: &[&str] = &[
    "hanya",
    "punya",
    "tanya",
    "bertanya",
    "ditanya",
    "menanya",
    "ditanyakan",
    "akhirnya",
    "khususnya",
    "biasanya",
    "awalnya",
    "tentunya",
    "tampaknya",
    "sayangnya",
    "untungnya",
    "rupanya",
    "misalnya",
    "makanya",
    "kelihatannya",
    "dulunya",
    "kenya",
    "berikutnya",
    "kayaknya",
    "agaknya",
    "mestinya",
    "harusnya",
    "umumnya",
    "lainnya",
    "nya",
    "bahwasanya",
    "kiranya",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        if is_word_char(c) {
            loop {
                match at(j) {
                    Some(ch) if is_word_char(ch) => j += 1,
                    // Inner joiners: 1.250,5 13/9/2023 anak-anak Jum'at e-KTP
                    Some(p @ ('.' | ',' | '/' | ':'))
                        if at(j - 1).is_some_and(|x| x.is_ascii_digit())
                            && at(j + 1).is_some_and(|x| x.is_ascii_digit()) =>
                    {
                        let _ = p;
                        j += 2;
                    }
                    Some('-' | '\'' | '’') if at(j + 1).is_some_and(is_word_char) => j += 2,
                    _ => break,
                }
            }
            // An abbreviation or an initial keeps its period: "Dr.", "dll.", "Joko P."
            if at(j) == Some('.') {
                let end = chars.get(j).map_or(text.len(), |&(i, _)| i);
                let word = &text[start..end];
                let lower = word.to_lowercase();
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let dotted = at(j + 1).is_some_and(char::is_alphabetic) && at(j + 2) == Some('.');
                if initial || ABBREVIATIONS.contains(&lower.as_str()) || dotted {
                    j += 1;
                    // a.n. / S.H. / Ph.D.
                    while at(j).is_some_and(char::is_alphabetic) && at(j + 1) == Some('.') {
                        j += 2;
                    }
                }
            }
        } else if c == '.' && at(j) == Some('.') {
            while at(j) == Some('.') {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(i, _)| i);
        let space_after = at(j).is_none_or(char::is_whitespace);
        out.push(Token { text: &text[start..end], start, space_after });
        k = j;
    }
    out
}

fn ends_sentence(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "…") || t.chars().all(|c| matches!(c, '.' | '!' | '?')) && !t.is_empty()
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "'" | ")" | "]" | "”" | "’" | "»")
}

/// Splits text into sentences of tokens: after `.`, `!`, `?` (and closing quotes or brackets)
/// before a capital, a digit or an opening quote; and at every line break.
pub fn sentences(text: &str) -> Vec<Vec<Token<'_>>> {
    let tokens = tokenize(text);
    let mut out: Vec<Vec<Token<'_>>> = Vec::new();
    let mut cur: Vec<Token<'_>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let Some(prev) = cur.last()
            && text[prev.end()..t.start].contains('\n')
        {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(*t);
        let next = tokens.get(i + 1);
        let closes = cur.iter().rev().find(|x| !is_closing(x.text)).is_some_and(|x| ends_sentence(x.text));
        let boundary = match next {
            None => false,
            // A straight quote after a space opens the next sentence; right after the period
            // it closes this one.
            Some(n) => {
                closes
                    && t.space_after
                    && n.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'(".contains(c))
            }
        };
        if boundary {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `rumahnya` → `("rumah", "nya")`: the enclitic `-nya` as its own syntactic word, as the UD
/// Indonesian treebanks write it (not for adverbs such as `sebelumnya`, `hanya`).
pub fn split_clitic(word: &str) -> Option<(&str, &str)> {
    let lower = word.to_lowercase();
    if lower.len() != word.len() || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    if lower.len() < 6 || !lower.ends_with("nya") || lower.starts_with("se") || NYA_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let cut = word.len() - 3;
    Some((&word[..cut], &word[cut..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            texts("Harga cabai naik Rp12.500,50 per kg, kata Dr. Siti (13/9/2023)."),
            [
                "Harga",
                "cabai",
                "naik",
                "Rp12.500,50",
                "per",
                "kg",
                ",",
                "kata",
                "Dr.",
                "Siti",
                "(",
                "13/9/2023",
                ")",
                "."
            ]
        );
        assert_eq!(texts("anak-anak bermain di e-KTP Jum'at"), ["anak-anak", "bermain", "di", "e-KTP", "Jum'at"]);
        assert_eq!(texts("\"Tidak!\" serunya..."), ["\"", "Tidak", "!", "\"", "serunya", "..."]);
        let t = tokenize("ya, tidak");
        assert!(!t[0].space_after && t[1].space_after && t[2].space_after);
    }

    #[test]
    fn sentences_split_at_ends_not_at_abbreviations() {
        let s = sentences("Prof. Budi tiba di Bandung. Ia disambut warga. \"Kami senang,\" kata Ani.\nBesok hujan");
        let got: Vec<Vec<&str>> = s.iter().map(|s| s.iter().map(|t| t.text).collect()).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], ["Prof.", "Budi", "tiba", "di", "Bandung", "."]);
        assert_eq!(got[2].first(), Some(&"\""));
        assert_eq!(got[3], ["Besok", "hujan"]);
    }

    #[test]
    fn enclitic_nya_is_split_from_nouns_and_verbs_only() {
        assert_eq!(split_clitic("rumahnya"), Some(("rumah", "nya")));
        assert_eq!(split_clitic("Menurutnya"), Some(("Menurut", "nya")));
        assert_eq!(split_clitic("hanya"), None);
        assert_eq!(split_clitic("sebelumnya"), None);
        assert_eq!(split_clitic("punya"), None);
        assert_eq!(split_clitic("nya"), None);
    }
}
