//! The entity tagger: persons, organisations and places (BIO over PER / ORG / LOC).
//!
//! A first-order linear-chain model (structured averaged perceptron, Viterbi decoding under
//! BIO constraints) over hashed features ([`features`]) with a gazetteer of our own writing
//! ([`gazetteer`]). The weights are trained by `warta-eval train ner` on the permissively licensed
//! Indonesian NER sets (NERGrit, NERP, NER-UI, NER-UGM, IDNer; see NOTICE) and shipped in
//! `models/ner.bin`, embedded in the binary and parsed once on first use.

pub mod features;
pub mod gazetteer;
mod hash;
pub mod model;

use crate::analysis::{EntityKind, NerMention, Span};
use crate::segment;
use model::{Model, ROW};
use std::sync::OnceLock;

/// One BIO tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityKind),
    I(EntityKind),
}

impl Tag {
    /// `O`, `B-PER`, `I-LOC`, ...
    pub fn as_str(self) -> &'static str {
        ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"][self.index()]
    }

    /// Parse `O`, `B-PER`, ... (only the three kinds; anything else is `None`).
    pub fn parse(s: &str) -> Option<Tag> {
        (0..7u8).map(Tag::from_index).find(|t| t.as_str() == s)
    }

    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }
}

/// A trained tagger.
pub struct Tagger {
    model: Model,
}

static EMBEDDED: &[u8] = include_bytes!("../../models/ner.bin");

/// Reused buffers of one tagging call.
#[derive(Default)]
struct Scratch {
    buf: String,
    infos: Vec<features::TokenInfo>,
    feats: features::Features,
    em: Vec<i32>,
    back: Vec<u8>,
    out: Vec<u8>,
}

impl Tagger {
    /// The model shipped in the binary (parsed on first use).
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(EMBEDDED).expect("the embedded NER model is valid"))
    }

    /// A tagger from a model file's bytes (as written by `warta-eval train ner`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        Ok(Tagger { model: Model::from_bytes(bytes)? })
    }

    pub fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    /// BIO tags for one sentence's tokens.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        let mut s = Scratch::default();
        self.tag_into(tokens, &mut s);
        s.out.iter().map(|&i| Tag::from_index(i)).collect()
    }

    fn tag_into(&self, tokens: &[&str], s: &mut Scratch) {
        features::token_infos(tokens, &mut s.buf, &mut s.infos);
        features::extract(&s.infos, self.model.bits, &mut s.feats);
        self.model.emissions(&s.feats.rows, &s.feats.offsets, &mut s.em);
        debug_assert_eq!(s.em.len(), tokens.len() * ROW);
        self.model.decode(&s.em, tokens.len(), &mut s.back, &mut s.out);
    }
}

/// Mentions (PER / ORG / LOC) as byte spans from BIO tags over token spans.
pub fn mentions_from_tags(tokens: &[Span], tags: &[Tag]) -> Vec<NerMention> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(k), Some((_, o))) if *k == o);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push(NerMention { span: Span::new(tokens[s].start, tokens[i - 1].end), kind: k });
            }
            if let Some(k) = tag.kind() {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push(NerMention { span: Span::new(tokens[s].start, tokens[tags.len() - 1].end), kind: k });
    }
    out
}

/// Persons, organisations and places in the given spans of `text` (e.g. body paragraphs),
/// with the embedded model: each span is split into sentences and tokens, tagged, and the
/// BIO runs returned as byte spans into `text`, in text order.
pub fn recognize(text: &str, spans: &[Span]) -> Vec<NerMention> {
    let sentences: Vec<Vec<Span>> =
        spans.iter().flat_map(|&span| segment::sentences(text, span)).map(|sent| segment::tokens(text, sent)).collect();
    recognize_tokens(text, sentences.iter().map(Vec::as_slice))
}

/// [`recognize`] over sentences already split into tokens (a [`crate::doc::Doc`]'s).
pub fn recognize_tokens<'a>(text: &str, sentences: impl IntoIterator<Item = &'a [Span]>) -> Vec<NerMention> {
    let tagger = Tagger::embedded();
    let mut out = Vec::new();
    let mut s = Scratch::default();
    for toks in sentences {
        let strs: Vec<&str> = toks.iter().map(|t| t.of(text)).collect();
        tagger.tag_into(&strs, &mut s);
        let tags: Vec<Tag> = s.out.iter().map(|&i| Tag::from_index(i)).collect();
        out.extend(mentions_from_tags(toks, &tags));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_and_print() {
        for i in 0..7u8 {
            let t = Tag::from_index(i);
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tag::parse("B-MISC"), None);
    }

    #[test]
    fn mentions_follow_bio_runs() {
        use EntityKind::*;
        let toks: Vec<Span> = (0..5).map(|i| Span::new(i * 2, i * 2 + 1)).collect();
        let tags = [Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc), Tag::B(Loc)];
        let m = mentions_from_tags(&toks, &tags);
        assert_eq!(
            m,
            [
                NerMention { span: Span::new(0, 3), kind: Per },
                NerMention { span: Span::new(6, 7), kind: Loc },
                NerMention { span: Span::new(8, 9), kind: Loc },
            ]
        );
    }

    #[test]
    fn embedded_model_loads_and_tags_every_token() {
        let t = Tagger::embedded();
        let toks = ["Menteri", "Luar", "Negeri", "Retno", "Marsudi", "tiba", "di", "Tokyo", "."];
        assert_eq!(t.tag(&toks).len(), toks.len());
        assert!(t.tag(&[]).is_empty());
    }
}
