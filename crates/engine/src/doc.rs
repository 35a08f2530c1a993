//! The article's body split once, after cleaning: its blocks (the spans of each paragraph),
//! their sentences and each sentence's tokens, in text order. The tagger, quotes and events
//! stages read sentences (and the tagger and events the tokens) from here instead of
//! splitting the paragraphs again, so they agree on where a sentence ends and the text is split
//! once per article (sentences were split five times, tokens twice). The entity rules and the
//! time grammar read a block's tokens ([`Doc::block_tokens`]) and split them further by rules
//! of their own (`entities::text::from_segments`, `time::lex::split_segments`, which say why);
//! neither splits the text into words or sentences again: the time grammar's sentences are the
//! Doc's ([`Doc::block_sentences`]).

use crate::analysis::{Paragraph, Span};
use crate::segment;

/// A stretch of body text: one non-empty span of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    /// The paragraph this span belongs to.
    pub para: usize,
}

/// The body's blocks, sentences and tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Every non-empty span of every paragraph, in text order.
    pub blocks: Vec<Block>,
    /// Every sentence of every block, in text order, with its block's index.
    pub sentences: Vec<(usize, Span)>,
    /// The tokens of each sentence ([`segment::tokens`]), aligned with `sentences`.
    pub tokens: Vec<Vec<Span>>,
}

impl Doc {
    /// Split the cleaned paragraphs of `text`.
    pub fn new(text: &str, paragraphs: &[Paragraph]) -> Doc {
        let blocks: Vec<Block> = paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.spans.iter().map(move |s| Block { span: *s, para: i }))
            .filter(|b| !b.span.is_empty())
            .collect();
        let mut sentences = Vec::new();
        for (bi, b) in blocks.iter().enumerate() {
            sentences.extend(segment::sentences(text, b.span).into_iter().map(|s| (bi, s)));
        }
        let tokens = sentences.iter().map(|(_, s)| segment::tokens(text, *s)).collect();
        Doc { blocks, sentences, tokens }
    }

    /// The sentence spans alone, in text order.
    pub fn sentence_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.sentences.iter().map(|(_, s)| *s)
    }

    /// The tokens of block `b`: those of its sentences, in text order. Sentences end at
    /// whitespace (or the block's end) and tokens never hold whitespace, so these are the
    /// tokens [`segment::tokens`] gives for the whole block.
    pub fn block_tokens(&self, b: usize) -> impl Iterator<Item = Span> + '_ {
        self.tokens[self.block_sentence_range(b)].iter().flatten().copied()
    }

    /// The sentences of block `b`, in text order.
    pub fn block_sentences(&self, b: usize) -> impl Iterator<Item = Span> + '_ {
        self.sentences[self.block_sentence_range(b)].iter().map(|(_, s)| *s)
    }

    /// The indices of block `b`'s sentences in `sentences`.
    fn block_sentence_range(&self, b: usize) -> std::ops::Range<usize> {
        let first = self.sentences.partition_point(|(bi, _)| *bi < b);
        first..first + self.sentences[first..].partition_point(|(bi, _)| *bi == b)
    }

    /// The lead: the body's first sentence.
    pub fn lead(&self) -> Option<Span> {
        self.sentences.first().map(|(_, s)| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_sentences_in_text_order() {
        let text = "Satu kalimat. Dua kalimat.\n\nTiga di sini.";
        let paras = [
            Paragraph { text: "Satu kalimat. Dua kalimat.".into(), spans: vec![Span::new(0, 26)] },
            Paragraph { text: "Tiga di sini.".into(), spans: vec![Span::new(28, 28), Span::new(28, 41)] },
        ];
        let d = Doc::new(text, &paras);
        assert_eq!(d.blocks, [Block { span: Span::new(0, 26), para: 0 }, Block { span: Span::new(28, 41), para: 1 }]);
        let s: Vec<&str> = d.sentence_spans().map(|s| s.of(text)).collect();
        assert_eq!(s, ["Satu kalimat.", "Dua kalimat.", "Tiga di sini."]);
        assert_eq!(d.sentences[2].0, 1);
        assert_eq!(d.lead().map(|s| s.of(text)), Some("Satu kalimat."));
        let toks: Vec<&str> = d.tokens[1].iter().map(|t| t.of(text)).collect();
        assert_eq!(toks, ["Dua", "kalimat", "."]);
        for (bi, b) in d.blocks.iter().enumerate() {
            assert_eq!(d.block_tokens(bi).collect::<Vec<_>>(), segment::tokens(text, b.span));
        }
    }
}
