//! warta-syntax: an Indonesian part-of-speech tagger and dependency parser, trained in Rust on
//! the Universal Dependencies treebanks UD Indonesian-CSUI, -GSD and -PUD, shipped as an
//! embedded model file (CC BY-SA 4.0, see NOTICE).
//!
//! ```
//! use warta_syntax::{Model, Upos};
//! let parsed = Model::embedded().tag_and_parse(&["Presiden", "meresmikan", "jembatan", "itu", "."]);
//! assert_eq!(parsed.iter().filter(|p| p.head == 0).count(), 1);
//! assert_eq!(parsed[4].upos, Upos::Punct);
//! ```
//!
//! - [`tokenize`]: plain text → sentences of tokens (and the `-nya` clitic split);
//! - [`conllu`]: CoNLL-U in and out, keeping comments, multiword tokens and empty nodes;
//! - [`Model`]: UPOS tagging (greedy averaged perceptron) and labelled dependency parsing
//!   (greedy arc-hybrid, dynamic oracle, averaged perceptron);
//! - [`train`]: training from treebanks and scoring against gold.

pub mod conllu;
mod model;
mod parser;
mod perceptron;
mod tagger;
pub mod tokenize;
pub mod train;
mod types;
mod words;

pub use model::{Analyser, Model, ModelError, Parsed};
pub use types::{Deprel, Rel, Style, Sub, UnknownLabel, Upos};

use conllu::{Line, Sentence, Word};

/// Fills UPOS, HEAD and DEPREL of a CoNLL-U sentence's words (every other column, comment,
/// multiword-token and empty-node line is kept).
pub fn annotate(analyser: &mut Analyser<'_>, sentence: &mut Sentence) {
    let forms: Vec<String> = sentence.words().map(|w| w.form().to_string()).collect();
    if forms.is_empty() {
        return;
    }
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let parsed = analyser.tag_and_parse(&refs);
    for (w, p) in sentence.words_mut().zip(parsed) {
        w.cols[conllu::UPOS] = p.upos.to_string();
        w.cols[conllu::HEAD] = p.head.to_string();
        w.cols[conllu::DEPREL] = p.deprel.to_string();
    }
}

/// CoNLL-U sentences from plain text: split and tokenised, `-nya` written as a multiword token,
/// `# sent_id = PREFIX-N` and `# text = ...` comments, `SpaceAfter=No` where no space follows.
/// Words are not yet tagged or parsed (see [`annotate`]).
pub fn sentences_from_text(text: &str, id_prefix: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (k, toks) in tokenize::sentences(text).into_iter().enumerate() {
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else { continue };
        let mut s = Sentence::default();
        s.lines.push(Line::Comment(format!("# sent_id = {id_prefix}-{}", k + 1)));
        let raw = text[first.start..last.end()].split_whitespace().collect::<Vec<_>>().join(" ");
        s.lines.push(Line::Comment(format!("# text = {raw}")));
        let mut id = 0;
        for (i, t) in toks.iter().enumerate() {
            let space_after = t.space_after && i + 1 < toks.len();
            let misc = if space_after || i + 1 == toks.len() { "_" } else { "SpaceAfter=No" };
            match tokenize::split_clitic(t.text) {
                Some((host, clitic)) => {
                    s.lines.push(Line::Range(format!(
                        "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}",
                        id + 1,
                        id + 2,
                        t.text
                    )));
                    for part in [host, clitic] {
                        id += 1;
                        s.lines.push(Line::Word(Word::new(id, part)));
                    }
                }
                None => {
                    id += 1;
                    let mut w = Word::new(id, t.text);
                    w.cols[conllu::MISC] = misc.to_string();
                    s.lines.push(Line::Word(w));
                }
            }
        }
        out.push(s);
    }
    out
}
