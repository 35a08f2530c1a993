//! Dependency parsing: a greedy arc-hybrid transition system (Kuhlmann et al. 2011) with the
//! root token at the end of the buffer (Ballesteros & Nivre 2013) and a single-root
//! constraint, scored by an averaged perceptron over Zhang & Nivre (2011)-style feature
//! templates, trained with the dynamic oracle of Goldberg & Nivre (2013) and exploration.
//!
//! Transitions over stack σ|s1|s0 and buffer b0|β:
//! - SHIFT: push b0 (never the root);
//! - LEFT(l): s0 ←l— b0, pop s0 (onto the root only as the last word, with label `root`);
//! - RIGHT(l): s1 —l→ s0, pop s0.
//!
//! Classes: 0 = SHIFT, 1 + 2l = LEFT(l), 2 + 2l = RIGHT(l).

use crate::perceptron::{Rng, Trainer, Weights};
use crate::words::{WordInfo, key};

const NONE: u32 = u32::MAX;
/// Tag ids beyond the 17 UPOS: the root token, no token.
const TAG_ROOT: u8 = 30;
const TAG_NONE: u8 = 31;
const LABEL_NONE: u8 = 255;

/// The parser's view of a sentence: word infos and tags, with the root token appended.
pub struct Input<'a> {
    pub words: &'a [WordInfo],
    pub tags: &'a [u8],
    /// The annotation style (see `Style`).
    pub style: u32,
}

/// The configuration: stack, buffer front, arcs and what the features read of them.
struct State {
    n: u32,
    stack: Vec<u32>,
    b: u32,
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// Leftmost and second leftmost child (NONE if none).
    left: Vec<[u32; 2]>,
    /// Rightmost and second rightmost child.
    right: Vec<[u32; 2]>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n: n as u32,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; m],
            labels: vec![LABEL_NONE; m],
            left: vec![[NONE; 2]; m],
            right: vec![[NONE; 2]; m],
            n_left: vec![0; m],
            n_right: vec![0; m],
            left_labels: vec![0; m],
            right_labels: vec![0; m],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len { self.stack[len - 1 - k] } else { NONE }
    }

    fn add_arc(&mut self, head: u32, dep: u32, label: u8) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        if dep < head {
            self.left[h] = [dep, self.left[h][0]];
            self.n_left[h] = self.n_left[h].saturating_add(1);
            self.left_labels[h] |= 1u64 << (label & 63);
        } else {
            self.right[h] = [dep, self.right[h][0]];
            self.n_right[h] = self.n_right[h].saturating_add(1);
            self.right_labels[h] |= 1u64 << (label & 63);
        }
    }

    /// Applies a class (assumed valid).
    fn apply(&mut self, class: usize) {
        if class == 0 {
            self.stack.push(self.b);
            self.b += 1;
        } else {
            let label = ((class - 1) / 2) as u8;
            let s0 = self.stack.pop().expect("LEFT/RIGHT need a stack");
            if class % 2 == 1 {
                self.add_arc(self.b, s0, label);
            } else {
                let s1 = *self.stack.last().expect("RIGHT needs two on the stack");
                self.add_arc(s1, s0, label);
            }
        }
    }

    /// Which of SHIFT, LEFT, RIGHT are allowed.
    fn valid(&self) -> [bool; 3] {
        let shift = self.b < self.n;
        let left = !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1);
        let right = self.stack.len() >= 2;
        [shift, left, right]
    }
}

fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Label set of the relations that a parser model predicts: index `root` is forced onto the root.
pub struct Labels {
    pub root: u8,
    pub count: usize,
}

impl Labels {
    pub fn n_classes(&self) -> usize {
        1 + 2 * self.count
    }

    fn class_valid(&self, class: usize, v: [bool; 3], b_is_root: bool) -> bool {
        if class == 0 {
            return v[0];
        }
        let label = ((class - 1) / 2) as u8;
        if class % 2 == 1 { v[1] && (label == self.root) == b_is_root } else { v[2] && label != self.root }
    }
}

/// The features of a configuration.
fn features(inp: &Input<'_>, st: &State, punct_before: &[u32], out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let pad = WordInfo::pad(0xabc);
    let root = WordInfo::root();
    let w = |i: u32| -> WordInfo {
        if i == NONE {
            pad
        } else if i == n {
            root
        } else {
            inp.words[i as usize]
        }
    };
    let p = |i: u32| -> u64 {
        u64::from(if i == NONE {
            TAG_NONE
        } else if i == n {
            TAG_ROOT
        } else {
            inp.tags[i as usize]
        })
    };
    let l = |i: u32| -> u64 { if i == NONE { 300 } else { u64::from(st.labels[i as usize]) } };
    let child = |i: u32, v: &Vec<[u32; 2]>, k: usize| -> u32 { if i == NONE { NONE } else { v[i as usize][k] } };

    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let n0 = st.b;
    let n1 = if n0 < n { n0 + 1 } else { NONE };
    let n2 = if n0 + 2 <= n { n0 + 2 } else { NONE };
    let (ws0, ws1, ws2, wn0, wn1, wn2) = (w(s0), w(s1), w(s2), w(n0), w(n1), w(n2));
    let (s0w, s1w, s2w, n0w, n1w, n2w) = (ws0.lower, ws1.lower, ws2.lower, wn0.lower, wn1.lower, wn2.lower);
    let (s0p, s1p, s2p, n0p, n1p, n2p) = (p(s0), p(s1), p(s2), p(n0), p(n1), p(n2));
    let (s0l, s0l2) = (child(s0, &st.left, 0), child(s0, &st.left, 1));
    let (s0r, s0r2) = (child(s0, &st.right, 0), child(s0, &st.right, 1));
    let (n0l, n0l2) = (child(n0, &st.left, 0), child(n0, &st.left, 1));
    let (s1l, s1r) = (child(s1, &st.left, 0), child(s1, &st.right, 0));
    let d = if s0 == NONE { 8 } else { bucket(n0 - s0) };
    let d2 = if s1 == NONE { 8 } else { bucket(s0 - s1) };
    let idx = |i: u32| if i == NONE { 0 } else { i as usize };
    let vl = |i: u32| if i == NONE { 9 } else { u64::from(st.n_left[i as usize]) };
    let vr = |i: u32| if i == NONE { 9 } else { u64::from(st.n_right[i as usize]) };
    let ll = |i: u32| if i == NONE { 1 } else { st.left_labels[i as usize] };
    let rl = |i: u32| if i == NONE { 1 } else { st.right_labels[i as usize] };
    // Punctuation between s0 and n0, and between s1 and s0.
    let between = |a: u32, b: u32| -> u64 {
        if a == NONE || b == NONE { 9 } else { u64::from((punct_before[idx(b)] - punct_before[idx(a) + 1]).min(3)) }
    };
    let pb = between(s0, n0);
    let pb2 = between(s1, s0);

    out.extend_from_slice(&[
        key(1, &[s0w, s0p]),
        key(2, &[s0w]),
        key(3, &[s0p]),
        key(4, &[n0w, n0p]),
        key(5, &[n0w]),
        key(6, &[n0p]),
        key(7, &[n1w, n1p]),
        key(8, &[n1w]),
        key(9, &[n1p]),
        key(10, &[n2w]),
        key(11, &[n2p]),
        key(12, &[s1w, s1p]),
        key(13, &[s1w]),
        key(14, &[s1p]),
        key(15, &[s2p]),
        key(16, &[s2w]),
        key(17, &[s0w, s0p, n0w, n0p]),
        key(18, &[s0w, s0p, n0w]),
        key(19, &[s0w, n0w, n0p]),
        key(20, &[s0w, s0p, n0p]),
        key(21, &[s0p, n0w, n0p]),
        key(22, &[s0w, n0w]),
        key(23, &[s0p, n0p]),
        key(24, &[n0p, n1p]),
        key(25, &[s1w, s0w]),
        key(26, &[s1p, s0p]),
        key(27, &[s1w, s1p, s0p]),
        key(28, &[s1p, s0w, s0p]),
        key(29, &[n0p, n1p, n2p]),
        key(30, &[s0p, n0p, n1p]),
        key(31, &[s1p, s0p, n0p]),
        key(32, &[s0p, p(s0l), n0p]),
        key(33, &[s0p, p(s0r), n0p]),
        key(34, &[s0p, n0p, p(n0l)]),
        key(35, &[s1p, p(s1r), s0p]),
        key(36, &[s2p, s1p, s0p]),
        key(37, &[s1p, s0p, p(s0l)]),
        key(38, &[s1p, s0p, p(s0r)]),
        key(39, &[s0w, d]),
        key(40, &[s0p, d]),
        key(41, &[n0w, d]),
        key(42, &[n0p, d]),
        key(43, &[s0w, n0w, d]),
        key(44, &[s0p, n0p, d]),
        key(45, &[s1p, s0p, d2]),
        key(46, &[s1w, s0w, d2]),
        key(47, &[s0w, vr(s0)]),
        key(48, &[s0p, vr(s0)]),
        key(49, &[s0w, vl(s0)]),
        key(50, &[s0p, vl(s0)]),
        key(51, &[n0w, vl(n0)]),
        key(52, &[n0p, vl(n0)]),
        key(53, &[w(s0l).lower]),
        key(54, &[p(s0l)]),
        key(55, &[l(s0l)]),
        key(56, &[w(s0r).lower]),
        key(57, &[p(s0r)]),
        key(58, &[l(s0r)]),
        key(59, &[w(n0l).lower]),
        key(60, &[p(n0l)]),
        key(61, &[l(n0l)]),
        key(62, &[s1p, l(s1r)]),
        key(63, &[s1p, l(s1l)]),
        key(64, &[w(s0l2).lower]),
        key(65, &[p(s0l2)]),
        key(66, &[l(s0l2)]),
        key(67, &[w(s0r2).lower]),
        key(68, &[p(s0r2)]),
        key(69, &[l(s0r2)]),
        key(70, &[w(n0l2).lower]),
        key(71, &[p(n0l2)]),
        key(72, &[l(n0l2)]),
        key(73, &[s0p, l(s0l), l(s0l2)]),
        key(74, &[s0p, l(s0r), l(s0r2)]),
        key(75, &[n0p, l(n0l), l(n0l2)]),
        key(76, &[s0w, rl(s0)]),
        key(77, &[s0p, rl(s0)]),
        key(78, &[s0w, ll(s0)]),
        key(79, &[s0p, ll(s0)]),
        key(80, &[n0w, ll(n0)]),
        key(81, &[n0p, ll(n0)]),
        key(82, &[ws0.pre[1], s0p]),
        key(83, &[ws0.suf[2], s0p]),
        key(84, &[wn0.pre[1], n0p]),
        key(85, &[wn0.suf[2], n0p]),
        key(86, &[s0p, n0p, pb]),
        key(87, &[s1p, s0p, pb2]),
        key(88, &[s0p, ws0.flags, n0p, wn0.flags]),
        key(89, &[s1p, s0p, n0p, d2]),
        key(90, &[s0p, p(s0l), l(s0l), p(s0r), l(s0r)]),
    ]);
    crate::words::add_style(out, inp.style);
}

/// Prefix counts of punctuation words: `punct_before[i]` = punctuation among words `0..i`.
fn punct_prefix(words: &[WordInfo]) -> Vec<u32> {
    let mut v = Vec::with_capacity(words.len() + 2);
    v.push(0);
    let mut c = 0;
    for w in words {
        c += u32::from(w.is_punct);
        v.push(c);
    }
    v.push(c);
    v
}

/// A trained parser.
pub struct Parser {
    pub weights: Weights,
    pub labels: Labels,
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub struct Scratch {
    pub(crate) feats: Vec<u32>,
    scores: Vec<i32>,
}

impl Parser {
    /// Parses one tagged sentence: (head, label index) per word; head 0 = root, else 1-based.
    pub fn parse(&self, inp: &Input<'_>, scratch: &mut Scratch) -> Vec<(u32, u8)> {
        let n = inp.words.len();
        let mut st = State::new(n);
        let pp = punct_prefix(inp.words);
        let nc = self.labels.n_classes();
        scratch.scores.resize(nc, 0);
        while !st.terminal() {
            let v = st.valid();
            let b_is_root = st.b == st.n;
            // A configuration with one valid class (an empty stack can only shift; the last word
            // left before the root can only attach to it) needs no scores.
            match (v, b_is_root) {
                ([true, false, false], _) => {
                    st.apply(0);
                    continue;
                }
                ([false, true, false], true) => {
                    st.apply(1 + 2 * usize::from(self.labels.root));
                    continue;
                }
                _ => {}
            }
            features(inp, &st, &pp, &mut scratch.feats);
            self.weights.score(&scratch.feats, &mut scratch.scores);
            let mut best = usize::MAX;
            for c in 0..nc {
                if self.labels.class_valid(c, v, b_is_root)
                    && (best == usize::MAX || scratch.scores[c] > scratch.scores[best])
                {
                    best = c;
                }
            }
            st.apply(best);
        }
        (0..n).map(|i| (if st.heads[i] == st.n { 0 } else { st.heads[i] + 1 }, st.labels[i])).collect()
    }
}

/// One training sentence: gold heads (0-based, `n` = root) made projective, and label indices.
pub struct ParseExample {
    pub words: Vec<WordInfo>,
    pub tags: Vec<u8>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    pub style: u32,
}

/// Lifts non-projective arcs (each to its head's head) until the tree is projective.
/// `heads` are 0-based with `n` for the root.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len() as u32;
    let mut lifted = 0;
    let dominated = |heads: &[u32], h: u32, mut k: u32| -> bool {
        let mut steps = 0;
        while k != n && steps <= heads.len() {
            if k == h {
                return true;
            }
            k = heads[k as usize];
            steps += 1;
        }
        h == n
    };
    loop {
        // The shortest non-projective arc first.
        let mut worst: Option<(u32, usize)> = None;
        for d in 0..heads.len() {
            let h = heads[d];
            if h == n {
                continue;
            }
            let (a, b) = if (d as u32) < h { (d as u32, h) } else { (h, d as u32) };
            let crossing = (a + 1..b).any(|k| !dominated(heads, h, k));
            if crossing && worst.is_none_or(|(len, _)| b - a < len) {
                worst = Some((b - a, d));
            }
        }
        match worst {
            Some((_, d)) => {
                heads[d] = heads[heads[d] as usize];
                lifted += 1;
            }
            None => return lifted,
        }
    }
}

/// Unlabeled costs of SHIFT, LEFT, RIGHT (gold arcs made impossible), Goldberg & Nivre (2013).
fn costs(st: &State, gold: &[u32]) -> [u32; 3] {
    let n = st.n;
    let b = st.b;
    let in_buffer = |k: u32| k >= b && k <= n;
    let mut c = [0u32; 3];
    // SHIFT: b0 loses heads in the stack below s0 and dependents in the stack.
    if b < n {
        let s0 = st.s(0);
        for &k in &st.stack {
            if gold[b as usize] == k && k != s0 {
                c[0] += 1;
            }
            if gold[k as usize] == b {
                c[0] += 1;
            }
        }
    }
    if let Some(&s0) = st.stack.last() {
        let s1 = st.s(1);
        let g = gold[s0 as usize];
        // Dependents of s0 still in the buffer are lost by LEFT and RIGHT alike.
        let deps_in_buffer = (b..n).filter(|&k| gold[k as usize] == s0).count() as u32;
        // LEFT: s0's head is b0; lost: a head in s1 or in the buffer after b0.
        c[1] = deps_in_buffer + u32::from(g != b && (g == s1 || (g > b && g <= n)));
        // RIGHT: s0's head is s1; lost: a head in the buffer.
        c[2] = deps_in_buffer + u32::from(in_buffer(g));
    }
    c
}

/// Trains a parser with the dynamic oracle: `epochs` passes (fixed seed), exploring the model's
/// own mistakes with probability `explore` from the second epoch on.
pub fn train(examples: &[ParseExample], labels: Labels, epochs: usize, explore: f64, seed: u64, prune: i16) -> Parser {
    let nc = labels.n_classes();
    let mut t = Trainer::new(nc);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nc];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            let inp = Input { words: &ex.words, tags: &ex.tags, style: ex.style };
            let n = ex.words.len();
            let pp = punct_prefix(&ex.words);
            let mut st = State::new(n);
            while !st.terminal() {
                features(&inp, &st, &pp, &mut feats);
                t.score(&feats, &mut scores);
                let v = st.valid();
                let b_is_root = st.b == st.n;
                let uc = costs(&st, &ex.heads);
                let s0 = st.s(0);
                let s1 = st.s(1);
                let class_cost = |c: usize| -> u32 {
                    if c == 0 {
                        return uc[0];
                    }
                    let label = ((c - 1) / 2) as u8;
                    let (kind, head) = if c % 2 == 1 { (1, st.b) } else { (2, s1) };
                    let wrong_label = ex.heads[s0 as usize] == head && ex.labels[s0 as usize] != label;
                    uc[kind] + u32::from(wrong_label)
                };
                let mut best_pred = usize::MAX;
                let mut min_cost = u32::MAX;
                for c in 0..nc {
                    if !labels.class_valid(c, v, b_is_root) {
                        continue;
                    }
                    if best_pred == usize::MAX || scores[c] > scores[best_pred] {
                        best_pred = c;
                    }
                    min_cost = min_cost.min(class_cost(c));
                }
                let mut best_gold = usize::MAX;
                for c in 0..nc {
                    if labels.class_valid(c, v, b_is_root)
                        && class_cost(c) == min_cost
                        && (best_gold == usize::MAX || scores[c] > scores[best_gold])
                    {
                        best_gold = c;
                    }
                }
                t.tick();
                let pred_ok = class_cost(best_pred) == min_cost;
                if !pred_ok {
                    t.update(&feats, best_gold, 1.0);
                    t.update(&feats, best_pred, -1.0);
                }
                let next = if pred_ok || (epoch > 0 && rng.unit() < explore) { best_pred } else { best_gold };
                st.apply(next);
            }
        }
    }
    Parser { weights: t.finish(prune), labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs_only() {
        // Words 0..4 (n = 4 is the root): 0's head 2, 1's head 3, 2 the root word, 3's head 0.
        // Arc 3 → 1 spans word 2 and arc 0 → 3 spans word 2, which neither dominates. The
        // shorter is lifted first (1 to 0), then 3 to 2: a projective tree.
        let mut heads = vec![2, 3, 4, 0];
        assert_eq!(projectivize(&mut heads), 2);
        assert_eq!(heads, vec![2, 0, 4, 2]);
        let mut proj = vec![1, 3, 1];
        assert_eq!(projectivize(&mut proj), 0);
    }

    #[test]
    fn oracle_reaches_the_gold_tree_at_zero_cost() {
        // "Presiden meresmikan jembatan baru ." heads: 1 → 1, 4 → 1 (0-based; root = 5).
        let heads = vec![1, 5, 1, 2, 1];
        let mut st = State::new(5);
        while !st.terminal() {
            let c = costs(&st, &heads);
            let v = st.valid();
            let k = (0..3).find(|&k| v[k] && c[k] == 0).expect("a zero-cost move");
            st.apply(if k == 0 { 0 } else { k });
        }
        assert_eq!(&st.heads[..5], &heads[..]);
    }
}
