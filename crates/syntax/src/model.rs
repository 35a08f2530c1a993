//! The model: tagger + parser, its file format and the public tagging/parsing API.

use crate::parser::{Input, Labels, Parser, Scratch};
use crate::perceptron::{Reader, Weights, write_str, write_varint};
use crate::tagger::{self, TagDict, Tagger};
use crate::types::{Deprel, Style, Upos};
use crate::words::WordInfo;
use std::io::{Read, Write};
use std::sync::OnceLock;

const MAGIC: &[u8] = b"warta-syntax 2\n";

/// The model file compiled into the binary (trained by `train-syntax`; CC BY-SA 4.0, see NOTICE).
static EMBEDDED: &[u8] = include_bytes!("../models/syntax.bin.gz");

/// One word's analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub upos: Upos,
    /// 0 for the root of the sentence, else the 1-based index of the head word.
    pub head: u32,
    pub deprel: Deprel,
}

/// A model file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad syntax model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// A part-of-speech tagger and dependency parser.
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) parser: Parser,
    /// The relation of each label index.
    pub(crate) deprels: Vec<Deprel>,
}

impl Model {
    /// The model embedded in the binary, read once.
    pub fn embedded() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_gz(EMBEDDED).expect("the embedded syntax model is valid"))
    }

    pub(crate) fn new(tagger: Tagger, parser: Parser, deprels: Vec<Deprel>) -> Model {
        Model { tagger, parser, deprels }
    }

    /// Tags and parses one sentence of words (already tokenised, one entry per syntactic word).
    /// The result is a tree: exactly one word has head 0, and every head chain reaches it.
    pub fn tag_and_parse(&self, words: &[&str]) -> Vec<Parsed> {
        self.tag_and_parse_in(words, Style::Ud)
    }

    /// [`Model::tag_and_parse`] following the conventions of `style`.
    pub fn tag_and_parse_in(&self, words: &[&str], style: Style) -> Vec<Parsed> {
        let infos: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let mut scratch = Scratch::default();
        self.analyse(&infos, style, &mut scratch)
    }

    /// UPOS tags only.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let infos: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let mut feats = Vec::new();
        self.tagger.tag(&infos, 0, &mut feats).into_iter().map(upos).collect()
    }

    /// Parses words with given tags (gold or otherwise): (head, relation) per word.
    pub fn parse_tagged(&self, words: &[&str], tags: &[Upos]) -> Vec<(u32, Deprel)> {
        assert_eq!(words.len(), tags.len(), "one tag per word");
        let infos: Vec<WordInfo> = words.iter().map(|w| WordInfo::new(w)).collect();
        let tags: Vec<u8> = tags.iter().map(|&t| t as u8).collect();
        let mut scratch = Scratch::default();
        self.parser
            .parse(&Input { words: &infos, tags: &tags, style: 0 }, &mut scratch)
            .into_iter()
            .map(|(h, l)| (h, self.deprels[l as usize]))
            .collect()
    }

    fn analyse(&self, infos: &[WordInfo], style: Style, scratch: &mut Scratch) -> Vec<Parsed> {
        if infos.is_empty() {
            return Vec::new();
        }
        let style = style.id();
        let tags = self.tagger.tag(infos, style, &mut scratch.feats);
        let arcs = self.parser.parse(&Input { words: infos, tags: &tags, style }, scratch);
        tags.iter()
            .zip(arcs)
            .map(|(&t, (head, l))| Parsed { upos: upos(t), head, deprel: self.deprels[l as usize] })
            .collect()
    }

    /// Feature rows and weight cells of the tagger and the parser.
    pub fn sizes(&self) -> [(usize, usize); 2] {
        [self.tagger.weights.size(), self.parser.weights.size()]
    }

    /// The model file (gzip-compressed).
    pub fn to_gz(&self) -> Vec<u8> {
        let mut raw = MAGIC.to_vec();
        write_varint(&mut raw, self.deprels.len() as u32);
        for d in &self.deprels {
            write_str(&mut raw, &d.to_string());
        }
        raw.push(self.parser.labels.root);
        self.tagger.weights.write(&mut raw);
        self.tagger.dict.write(&mut raw);
        self.parser.weights.write(&mut raw);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// Reads a model file written by [`Model::to_gz`].
    pub fn from_gz(gz: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(gz).read_to_end(&mut raw).map_err(|e| ModelError(e.to_string()))?;
        let bad = ModelError;
        let rest = raw.strip_prefix(MAGIC).ok_or_else(|| bad("not a warta-syntax model".into()))?;
        let mut r = Reader { data: rest, pos: 0 };
        let n_labels = r.varint().map_err(bad)? as usize;
        let mut deprels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let s = r.str().map_err(bad)?;
            deprels.push(s.parse::<Deprel>().map_err(|e| bad(e.to_string()))?);
        }
        let root = r.bytes(1).map_err(bad)?[0];
        if deprels.get(root as usize) != Some(&Deprel::ROOT) {
            return Err(bad("the root label is not `root`".into()));
        }
        let tw = Weights::read(&mut r).map_err(bad)?;
        let dict = TagDict::read(&mut r).map_err(bad)?;
        let pw = Weights::read(&mut r).map_err(bad)?;
        if tw.n_classes != tagger::N_TAGS || pw.n_classes != 1 + 2 * n_labels {
            return Err(bad("class counts do not match".into()));
        }
        if r.pos != r.data.len() {
            return Err(bad("trailing bytes".into()));
        }
        let parser = Parser { weights: pw, labels: Labels { root, count: n_labels } };
        Ok(Model::new(Tagger { weights: tw, dict }, parser, deprels))
    }
}

fn upos(t: u8) -> Upos {
    Upos::from_index(t as usize).unwrap_or(Upos::X)
}

/// A reusable analyser for many sentences (keeps its buffers between calls).
pub struct Analyser<'m> {
    model: &'m Model,
    /// The conventions to follow (default: [`Style::Ud`]).
    pub style: Style,
    infos: Vec<WordInfo>,
    scratch: Scratch,
}

impl<'m> Analyser<'m> {
    pub fn new(model: &'m Model) -> Analyser<'m> {
        Analyser { model, style: Style::Ud, infos: Vec::new(), scratch: Scratch::default() }
    }

    pub fn tag_and_parse(&mut self, words: &[&str]) -> Vec<Parsed> {
        self.infos.clear();
        self.infos.extend(words.iter().map(|w| WordInfo::new(w)));
        self.model.analyse(&self.infos, self.style, &mut self.scratch)
    }
}
