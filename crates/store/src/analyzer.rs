//! The Indonesian analyzer for tantivy: split on anything but letters, digits and inner
//! hyphens (`bersama-sama`, `covid-19` stay one token), lower-case, drop stopwords (their
//! positions stay counted, so phrases keep their gaps), stem ([`crate::stem`]).

use std::collections::HashSet;
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../engine/data/stopwords-id.txt").lines().map(str::trim).filter(|w| !w.is_empty()).collect()
});

/// The name the analyzer is registered under in the index.
pub const NAME: &str = "id_warta";

/// Is this lower-case word an Indonesian stopword?
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(w)
}

/// Words of `text` with their byte ranges: letters and digits, with hyphens inside a word.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut prev_hyphen = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
            prev_hyphen = false;
        } else if c == '-' && start.is_some() && !prev_hyphen {
            prev_hyphen = true;
        } else if let Some(s) = start.take() {
            out.push((s, last_end));
            prev_hyphen = false;
        }
    }
    if let Some(s) = start {
        out.push((s, last_end));
    }
    out
}

/// The analyzer's terms for `text` with positions, as the index sees them.
pub fn terms(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (pos, (s, e)) in words(text).into_iter().enumerate() {
        let lower = text[s..e].to_lowercase();
        if !is_stopword(&lower) {
            out.push((pos, crate::stem::stem(&lower)));
        }
    }
    out
}

/// The tokenizer tantivy calls.
#[derive(Clone, Default)]
pub struct IndonesianTokenizer;

pub struct Stream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = Stream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stream {
        let mut tokens = Vec::new();
        for (pos, (s, e)) in words(text).into_iter().enumerate() {
            let lower = text[s..e].to_lowercase();
            if is_stopword(&lower) {
                continue;
            }
            tokens.push(Token {
                offset_from: s,
                offset_to: e,
                position: pos,
                text: crate::stem::stem(&lower),
                position_length: 1,
            });
        }
        Stream { tokens, next: 0 }
    }
}

impl TokenStream for Stream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_words_stay_whole_and_stopwords_keep_gaps() {
        let t = terms("Harga beras naik-turun, kata Menteri Pertanian di Jakarta pada 2025.");
        let texts: Vec<&str> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert!(texts.contains(&"naik-turun"), "{texts:?}");
        assert!(texts.contains(&"menteri"), "{texts:?}");
        assert!(texts.contains(&"tani"), "{texts:?}");
        assert!(texts.contains(&"2025"), "{texts:?}");
        assert!(!texts.contains(&"di"), "{texts:?}");
        // "kata" is a stopword: the word after it keeps its own position.
        let menteri = t.iter().find(|(_, s)| s == "menteri").unwrap().0;
        assert_eq!(menteri, 4);
    }
}
