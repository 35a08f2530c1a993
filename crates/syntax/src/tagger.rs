//! UPOS tagging: a greedy left-to-right averaged perceptron over word, affix, shape and
//! context features (the previous two predicted tags, two words either side).

use crate::perceptron::{Reader, Rng, Trainer, Weights, write_varint};
use crate::types::Upos;
use crate::words::{WordInfo, key};
use std::collections::HashMap;

pub const N_TAGS: usize = 17;

/// The feature keys of position `i` given the tags already chosen for `0..i`.
pub fn features(words: &[WordInfo], amb: &[u64], tags: &[u8], i: usize, style: u32, out: &mut Vec<u32>) {
    out.clear();
    let pad = |k: isize| WordInfo::pad(k as u64);
    let at = |d: isize| -> WordInfo {
        let j = i as isize + d;
        if j < 0 || j >= words.len() as isize { pad(d) } else { words[j as usize] }
    };
    let tag = |d: usize| -> u64 { if i >= d { u64::from(tags[i - d]) } else { 100 + d as u64 } };
    let w = words[i];
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag(1), tag(2));
    let first = u64::from(i == 0);
    let class = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < 0 || j >= amb.len() as isize { 1 << 40 | d as u64 } else { amb[j as usize] }
    };
    let (a0, a1, a2, am1) = (class(0), class(1), class(2), class(-1));
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[w.lower]),
        key(2, &[w.form]),
        key(3, &[w.suf[0]]),
        key(4, &[w.suf[1]]),
        key(5, &[w.suf[2]]),
        key(6, &[w.suf[3]]),
        key(7, &[w.pre[0]]),
        key(8, &[w.pre[1]]),
        key(9, &[w.pre[2]]),
        key(10, &[w.shape]),
        key(11, &[w.flags, first]),
        key(12, &[p1.lower]),
        key(13, &[n1.lower]),
        key(14, &[p2.lower]),
        key(15, &[n2.lower]),
        key(16, &[t1]),
        key(17, &[t1, t2]),
        key(18, &[t1, w.lower]),
        key(19, &[n1.suf[2]]),
        key(20, &[p1.suf[2]]),
        key(21, &[p1.lower, w.lower]),
        key(22, &[w.lower, n1.lower]),
        key(23, &[p1.flags, w.flags]),
        key(24, &[n1.shape]),
        key(25, &[t1, n1.lower]),
        key(26, &[n1.pre[1]]),
        key(27, &[w.pre[1], w.suf[2]]),
        key(28, &[t1, w.suf[2]]),
        key(29, &[w.shape, n1.flags]),
        key(30, &[n1.lower, n2.lower]),
        key(31, &[p1.lower, n1.lower]),
        key(32, &[a0]),
        key(33, &[a1]),
        key(34, &[a2]),
        key(35, &[t1, a0]),
        key(36, &[a0, a1]),
        key(37, &[am1, a0, a1]),
        key(38, &[a0, w.suf[2]]),
        key(39, &[t1, a0, a1]),
    ]);
    crate::words::add_style(out, style);
}

/// A trained tagger.
pub struct Tagger {
    pub weights: Weights,
    pub dict: TagDict,
}

/// The tags each frequent training word was seen with (its ambiguity class), keyed by the hash
/// of its lower-cased form: a cheap look at the words ahead.
#[derive(Default)]
pub struct TagDict(HashMap<u32, u32>);

/// Words seen fewer times than this get no ambiguity class (as unknown words at tagging time).
const DICT_MIN_COUNT: u32 = 2;

impl TagDict {
    pub fn build(examples: &[TagExample]) -> TagDict {
        let mut counts: HashMap<u32, (u32, u32)> = HashMap::new();
        for ex in examples {
            for (w, &t) in ex.words.iter().zip(&ex.gold) {
                let e = counts.entry((w.lower >> 32) as u32).or_default();
                e.0 += 1;
                e.1 |= 1 << t;
            }
        }
        TagDict(counts.into_iter().filter(|(_, (c, _))| *c >= DICT_MIN_COUNT).map(|(k, (_, m))| (k, m)).collect())
    }

    /// The ambiguity class of each word (unknown words share one value).
    pub fn classes(&self, words: &[WordInfo], out: &mut Vec<u64>) {
        out.clear();
        out.extend(words.iter().map(|w| self.0.get(&((w.lower >> 32) as u32)).map_or(1 << 32, |&m| u64::from(m))));
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut entries: Vec<(u32, u32)> = self.0.iter().map(|(&k, &m)| (k, m)).collect();
        entries.sort_unstable();
        write_varint(out, entries.len() as u32);
        let mut prev = 0;
        for (k, m) in entries {
            write_varint(out, k - prev);
            write_varint(out, m);
            prev = k;
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<TagDict, String> {
        let n = r.varint()? as usize;
        let mut map = HashMap::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.checked_add(r.varint()?).ok_or("bad tag dictionary")?;
            map.insert(prev, r.varint()?);
        }
        Ok(TagDict(map))
    }
}

impl Tagger {
    /// Tags a sentence (its words' infos).
    pub fn tag(&self, words: &[WordInfo], style: u32, feats: &mut Vec<u32>) -> Vec<u8> {
        let mut tags = Vec::with_capacity(words.len());
        let mut scores = [0i32; N_TAGS];
        let mut amb = Vec::with_capacity(words.len());
        self.dict.classes(words, &mut amb);
        for i in 0..words.len() {
            features(words, &amb, &tags, i, style, feats);
            self.weights.score(feats, &mut scores);
            tags.push(argmax(&scores) as u8);
        }
        tags
    }
}

fn argmax(s: &[i32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

fn argmax_f(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// One training sentence for the tagger.
pub struct TagExample {
    pub words: Vec<WordInfo>,
    pub gold: Vec<u8>,
    /// The annotation style (see `Style`).
    pub style: u32,
}

impl TagExample {
    pub fn new(forms: &[&str], gold: &[Upos], style: u32) -> TagExample {
        TagExample {
            words: forms.iter().map(|f| WordInfo::new(f)).collect(),
            gold: gold.iter().map(|&u| u as u8).collect(),
            style,
        }
    }
}

/// Trains a tagger: `epochs` passes in a shuffled order (fixed seed), averaged weights.
pub fn train(examples: &[TagExample], epochs: usize, seed: u64, prune: i16) -> Tagger {
    let mut t = Trainer::new(N_TAGS);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::new();
    let mut scores = [0f32; N_TAGS];
    let dict = TagDict::build(examples);
    let mut amb = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            let mut tags: Vec<u8> = Vec::with_capacity(ex.words.len());
            dict.classes(&ex.words, &mut amb);
            for i in 0..ex.words.len() {
                features(&ex.words, &amb, &tags, i, ex.style, &mut feats);
                t.score(&feats, &mut scores);
                let guess = argmax_f(&scores);
                let gold = ex.gold[i] as usize;
                t.tick();
                if guess != gold {
                    t.update(&feats, gold, 1.0);
                    t.update(&feats, guess, -1.0);
                }
                // Condition on the model's own previous tags, as at tagging time.
                tags.push(guess as u8);
            }
        }
    }
    Tagger { weights: t.finish(prune), dict }
}
