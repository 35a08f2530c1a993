//! A learned trigger tagger: for each word of a sentence, the event type it triggers or none,
//! from an averaged multi-class perceptron over the word, its affixes, its neighbours and what
//! the trigger lexicon says about it.
//!
//! Trained on warta's own event annotation of Indonesian news sentences
//! (`data/events-ud/*.events.jsonl`: references to sentences of the UD treebanks and the news
//! NER corpora in `../shared/data`, see NOTICE) by `warta-eval eval triggers`, which also scores
//! it against the rule stage on sentences it was not trained on.
//!
//! **Not in the analyze path.** On those sentences it finds far more of the annotated triggers
//! than the rules, but inside the events stage (as a filter on the rules' triggers, as a source
//! of extra triggers, as a second opinion on their types, or for a lead sentence the rules find
//! nothing in) it did not raise the events-gold figures, whose annotators keep only the events
//! an article is about; and it cost about 40 % more analyze time. reports/events.md has the
//! figures. No model file ships: `eval triggers` trains one in a second, and `--write-model`
//! writes it.

use super::lexicon;
use crate::analysis::EventType;
use crate::lexicon::Words as WordList;
use std::collections::HashMap;

/// The types a word can trigger, in class order (class 0 is "no event").
pub const TYPES: &[EventType] = &[
    EventType::Statement,
    EventType::Visit,
    EventType::Meeting,
    EventType::Agreement,
    EventType::Accusation,
    EventType::Denial,
    EventType::Demand,
    EventType::Threat,
    EventType::Sanction,
    EventType::Veto,
    EventType::Aid,
    EventType::ArmsTransfer,
    EventType::MilitaryActivity,
    EventType::Attack,
    EventType::Protest,
    EventType::Arrest,
    EventType::Charge,
    EventType::Trial,
    EventType::Investigation,
    EventType::Appointment,
    EventType::Dismissal,
    EventType::Election,
    EventType::Policy,
    EventType::Launch,
    EventType::Disaster,
    EventType::Death,
    EventType::Economic,
    EventType::Other,
];

/// Number of classes: none and every type.
pub const CLASSES: usize = TYPES.len() + 1;

/// The class of a type (`None` for a type outside [`TYPES`]).
pub fn class_of(t: EventType) -> Option<usize> {
    TYPES.iter().position(|&x| x == t).map(|i| i + 1)
}

/// The type of a class (`None` for class 0).
pub fn type_of(class: usize) -> Option<EventType> {
    class.checked_sub(1).and_then(|i| TYPES.get(i).copied())
}

/// One sentence's words, as the tagger sees them.
pub struct Words<'a> {
    /// Lower-cased forms.
    pub lower: &'a [String],
    /// Whether each word starts with a capital letter.
    pub cap: &'a [bool],
}

fn fnv(template: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template);
    h = h.wrapping_mul(0x100_0000_01b3);
    for p in parts {
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// The lexicon's reading of every word: (type, part of speech letter, first word of the form)
/// of the longest lexicon form covering it, ignoring the forms' context conditions.
fn lexicon_marks(lower: &[String]) -> Vec<Option<(EventType, &'static str, bool)>> {
    let mut marks = vec![None; lower.len()];
    for i in 0..lower.len() {
        for tr in lexicon::triggers_starting(&lower[i]) {
            let n = tr.words.len();
            if i + n <= lower.len() && tr.words.iter().zip(&lower[i..i + n]).all(|(w, t)| w == t) {
                let pos = match tr.pos {
                    lexicon::Pos::Verb => "v",
                    lexicon::Pos::Passive => "p",
                    lexicon::Pos::Noun => "n",
                };
                for (k, m) in marks[i..i + n].iter_mut().enumerate() {
                    if m.is_none() {
                        *m = Some((tr.kind, pos, k == 0));
                    }
                }
                break;
            }
        }
    }
    marks
}

fn prefix(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

fn suffix(w: &str, n: usize) -> &str {
    let count = w.chars().count();
    if count <= n { w } else { w.char_indices().nth(count - n).map_or(w, |(i, _)| &w[i..]) }
}

/// The features of every word of a sentence.
pub fn features(words: &Words<'_>) -> Vec<Vec<u64>> {
    let n = words.lower.len();
    let marks = lexicon_marks(words.lower);
    // reported speech somewhere in the sentence (the lexicon's verbs of saying and reporting)
    let speech = words.lower.iter().any(|w| WordList::SpeechTagger.contains(w) || WordList::SpeechReport.contains(w));
    let word =
        |k: isize| -> &str { if k < 0 { "<s>" } else { words.lower.get(k as usize).map_or("</s>", String::as_str) } };
    let mut quote_open = false;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let w = words.lower[i].as_str();
        if matches!(w, "\"" | "“" | "”") {
            quote_open = !quote_open;
        }
        let k = i as isize;
        let (p1, p2, n1, n2) = (word(k - 1), word(k - 2), word(k + 1), word(k + 2));
        let mut f = vec![
            fnv(0, &[]),
            fnv(1, &[w]),
            fnv(2, &[prefix(w, 2)]),
            fnv(3, &[prefix(w, 3)]),
            fnv(4, &[suffix(w, 2)]),
            fnv(5, &[suffix(w, 3)]),
            fnv(6, &[p1]),
            fnv(7, &[n1]),
            fnv(8, &[p2]),
            fnv(9, &[n2]),
            fnv(10, &[p1, w]),
            fnv(11, &[w, n1]),
            fnv(12, &[if words.cap[i] { "C" } else { "c" }, if i == 0 { "0" } else { "" }]),
            fnv(13, &[if speech { "S" } else { "s" }, prefix(w, 2)]),
            fnv(14, &[if quote_open { "Q" } else { "q" }]),
            fnv(15, &[prefix(w, 2), suffix(w, 3)]),
        ];
        match marks[i] {
            Some((t, pos, first)) => {
                f.push(fnv(16, &[t.as_str()]));
                f.push(fnv(17, &[t.as_str(), pos, if first { "1" } else { "+" }]));
                f.push(fnv(18, &[t.as_str(), p1]));
                f.push(fnv(19, &[t.as_str(), n1]));
                f.push(fnv(20, &[t.as_str(), if speech { "S" } else { "s" }]));
            }
            None => f.push(fnv(16, &["-"])),
        }
        let near = |k: isize| marks.get(k as usize).copied().flatten().map_or("-", |(t, _, _)| t.as_str());
        if i > 0 {
            f.push(fnv(21, &[near(k - 1)]));
        }
        f.push(fnv(22, &[near(k + 1)]));
        out.push(f);
    }
    out
}

/// Feature keys are already hashes: the deduper's table for such keys.
type Table = crate::dedup::IdMap<u64, Vec<(u8, i32)>>;

/// A trained tagger: per feature, the classes it votes for.
#[derive(Default)]
pub struct Model {
    weights: Table,
}

impl Model {
    /// Reads the text form written by [`Model::to_text`]: `key class weight` per line.
    pub fn from_text(text: &str) -> Result<Model, String> {
        let mut weights = Table::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || format!("line {}: {line:?}", n + 1);
            let mut it = line.split(' ');
            let key = u64::from_str_radix(it.next().ok_or_else(bad)?, 16).map_err(|_| bad())?;
            let class: u8 = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
            let w: i32 = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
            if usize::from(class) >= CLASSES {
                return Err(bad());
            }
            weights.entry(key).or_default().push((class, w));
        }
        Ok(Model { weights })
    }

    /// The text form: a header, then `key class weight` lines in key order.
    pub fn to_text(&self, header: &str) -> String {
        let mut rows: Vec<(u64, u8, i32)> =
            self.weights.iter().flat_map(|(&k, v)| v.iter().map(move |&(c, w)| (k, c, w))).collect();
        rows.sort_unstable();
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        for (k, c, w) in rows {
            out.push_str(&format!("{k:016x} {c} {w}\n"));
        }
        out
    }

    /// Number of (feature, class) weights.
    pub fn size(&self) -> usize {
        self.weights.values().map(Vec::len).sum()
    }

    fn scores(&self, feats: &[u64]) -> [i32; CLASSES] {
        let mut s = [0i32; CLASSES];
        for f in feats {
            if let Some(row) = self.weights.get(f) {
                for &(c, w) in row {
                    s[usize::from(c)] += w;
                }
            }
        }
        s
    }

    /// The class of every word and its margin over "no event" (0 for words tagged none).
    pub fn tag(&self, words: &Words<'_>) -> Vec<(usize, i32)> {
        self.tag_scores(words)
            .iter()
            .map(|s| {
                let best = (0..CLASSES).max_by_key(|&c| (s[c], std::cmp::Reverse(c))).unwrap_or(0);
                (best, s[best] - s[0])
            })
            .collect()
    }

    /// Every class's score for every word.
    pub fn tag_scores(&self, words: &Words<'_>) -> Vec<[i32; CLASSES]> {
        features(words).iter().map(|f| self.scores(f)).collect()
    }
}

/// An averaged perceptron being trained.
pub struct Trainer {
    w: HashMap<u64, [f64; CLASSES]>,
    total: HashMap<u64, [f64; CLASSES]>,
    stamp: HashMap<u64, [u64; CLASSES]>,
    t: u64,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer::new()
    }
}

impl Trainer {
    pub fn new() -> Trainer {
        Trainer { w: HashMap::new(), total: HashMap::new(), stamp: HashMap::new(), t: 0 }
    }

    fn predict(&self, feats: &[u64]) -> usize {
        let mut s = [0f64; CLASSES];
        for f in feats {
            if let Some(row) = self.w.get(f) {
                for (c, v) in row.iter().enumerate() {
                    s[c] += v;
                }
            }
        }
        (0..CLASSES).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))).unwrap_or(0)
    }

    fn bump(&mut self, f: u64, c: usize, d: f64) {
        let t = self.t;
        let w = self.w.entry(f).or_insert([0.0; CLASSES]);
        let total = self.total.entry(f).or_insert([0.0; CLASSES]);
        let stamp = self.stamp.entry(f).or_insert([0; CLASSES]);
        total[c] += (t - stamp[c]) as f64 * w[c];
        stamp[c] = t;
        w[c] += d;
    }

    /// One training word: its features and its gold class.
    pub fn learn(&mut self, feats: &[u64], gold: usize) {
        self.t += 1;
        let guess = self.predict(feats);
        if guess != gold {
            for &f in feats {
                self.bump(f, gold, 1.0);
                self.bump(f, guess, -1.0);
            }
        }
    }

    /// The averaged weights, scaled to integers; weights under `min` (after scaling) dropped.
    pub fn finish(&self, min: i32) -> Model {
        let t = self.t.max(1) as f64;
        let mut weights = Table::default();
        for (f, w) in &self.w {
            let total = &self.total[f];
            let stamp = &self.stamp[f];
            for c in 0..CLASSES {
                let avg = (total[c] + (self.t - stamp[c]) as f64 * w[c]) / t;
                let q = (avg * 1000.0).round() as i32;
                if q.abs() >= min {
                    weights.entry(*f).or_default().push((c as u8, q));
                }
            }
        }
        Model { weights }
    }
}

/// A training sentence: its words and the gold class of each.
pub struct Example {
    pub lower: Vec<String>,
    pub cap: Vec<bool>,
    pub gold: Vec<usize>,
}

/// Trains a model on examples for `epochs` passes in a seeded order.
pub fn train(examples: &[Example], epochs: usize, seed: u64, min: i32) -> Model {
    let feats: Vec<Vec<Vec<u64>>> =
        examples.iter().map(|e| features(&Words { lower: &e.lower, cap: &e.cap })).collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed | 1;
    let mut tr = Trainer::new();
    for _ in 0..epochs {
        // Fisher–Yates with a xorshift generator: the same order for the same seed
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            for (f, &g) in feats[k].iter().zip(&examples[k].gold) {
                tr.learn(f, g);
            }
        }
    }
    tr.finish(min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(s: &str) -> (Vec<String>, Vec<bool>) {
        let words: Vec<&str> = s.split(' ').collect();
        (
            words.iter().map(|w| w.to_lowercase()).collect(),
            words.iter().map(|w| w.starts_with(char::is_uppercase)).collect(),
        )
    }

    #[test]
    fn a_trained_model_tags_what_it_learned_and_survives_its_text_form() {
        let mk = |s: &str, at: usize, t: EventType| {
            let (lower, cap) = sentence(s);
            let mut gold = vec![0; lower.len()];
            gold[at] = class_of(t).unwrap();
            Example { lower, cap, gold }
        };
        let examples = vec![
            mk("Polisi menangkap dua pencuri di pasar", 1, EventType::Arrest),
            mk("Warga melaporkan banjir setinggi lutut", 3, EventType::Disaster),
            mk("Bupati meresmikan jembatan baru kemarin", 1, EventType::Launch),
            mk("Petugas menangkap seorang pengedar narkoba", 1, EventType::Arrest),
        ];
        let model = train(&examples, 10, 7, 1);
        assert!(model.size() > 0);
        let again = Model::from_text(&model.to_text("test model")).unwrap();
        let (lower, cap) = sentence("Polisi menangkap seorang pencuri");
        let tags = again.tag(&Words { lower: &lower, cap: &cap });
        assert_eq!(type_of(tags[1].0), Some(EventType::Arrest));
        assert_eq!(tags[0].0, 0, "the subject triggers nothing");
        assert_eq!(tags, model.tag(&Words { lower: &lower, cap: &cap }));
    }

    #[test]
    fn a_bad_model_line_is_refused_with_its_line_number() {
        let err = Model::from_text("# header\n00ff 1 12\nzz 1 3\n").err().unwrap();
        assert!(err.starts_with("line 3"), "{err}");
        assert!(Model::from_text("00ff 99 1\n").is_err(), "a class out of range");
    }

    #[test]
    fn classes_and_types_round_trip() {
        for &t in TYPES {
            assert_eq!(type_of(class_of(t).unwrap()), Some(t));
        }
        assert_eq!(type_of(0), None);
        assert_eq!(CLASSES, 29);
    }
}
