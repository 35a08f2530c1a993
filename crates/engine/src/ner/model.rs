//! The trained weights and the decoder: a first-order linear-chain model over BIO tags
//! (hashed emission features + tag-transition weights), decoded with Viterbi under the BIO
//! constraints (an `I-X` only after `B-X` or `I-X`).
//!
//! Binary format (`WNER`, version 1, little-endian):
//! `b"WNER" 1u8 bits:u8 7u8 0u8`, `scale:f32`, transitions `8×7 i32` (row 7 = sentence
//! start), `rows:u32`, then per stored row: the gap to the previous row index as a varint and
//! its 7 tag weights as zig-zag varints. Weights are the averaged perceptron weights × scale,
//! rounded; rows whose weights are all below the pruning threshold are not stored.

use super::Tag;

pub const NTAGS: usize = 7;
/// Row width in the dense table (7 tags + 1 padding lane, for aligned SIMD adds).
pub const ROW: usize = 8;
const START: usize = 7;

/// Can tag `cur` follow tag `prev` (`prev == 7`: sentence start)?
#[inline]
pub fn allowed(prev: usize, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    // I-X (2,4,6) needs B-X (cur-1) or I-X (cur) before it
    prev == cur - 1 || prev == cur
}

/// Viterbi over per-token emission scores `em[i*ROW + t]` and transitions
/// `trans[prev][cur]` (`prev == 7`: start). Writes the best tag indices into `out`.
///
/// After each token the scores are shifted so the best is zero (the same constant for every
/// tag, so no decision changes): a sentence of any length never overflows the score type.
pub fn viterbi<T>(em: &[T], n: usize, trans: &[[T; NTAGS]; 8], neg: T, back: &mut Vec<u8>, out: &mut Vec<u8>)
where
    T: Copy + PartialOrd + std::ops::Add<Output = T> + std::ops::Sub<Output = T>,
{
    out.clear();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n * NTAGS, 0);
    let mut cur = [neg; NTAGS];
    for t in 0..NTAGS {
        if allowed(START, t) {
            cur[t] = em[t] + trans[START][t];
        }
    }
    for i in 1..n {
        let mut next = [neg; NTAGS];
        for t in 0..NTAGS {
            let mut best = neg;
            let mut arg = 0u8;
            let mut found = false;
            for p in 0..NTAGS {
                if !allowed(p, t) {
                    continue;
                }
                let v = cur[p] + trans[p][t];
                if !found || v > best {
                    best = v;
                    arg = p as u8;
                    found = true;
                }
            }
            next[t] = best + em[i * ROW + t];
            back[i * NTAGS + t] = arg;
        }
        // Every tag has a reachable predecessor from the second token on, so the shift
        // keeps all scores within one step's spread of zero.
        let mut top = next[0];
        for &v in &next[1..] {
            if v > top {
                top = v;
            }
        }
        for v in &mut next {
            *v = *v - top;
        }
        cur = next;
    }
    let mut best = 0;
    for t in 1..NTAGS {
        if cur[t] > cur[best] {
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * NTAGS + out[i] as usize];
    }
}

/// Quantised weights, ready to tag with.
pub struct Model {
    pub bits: u32,
    pub scale: f32,
    /// `1 << bits` rows of [`ROW`] lanes.
    pub weights: Vec<i16>,
    pub trans: [[i32; NTAGS]; 8],
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(b: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = *b.get(*pos).ok_or("model truncated")?;
        *pos += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(v);
        }
        shift += 7;
        if shift > 63 {
            return Err("bad varint in model".into());
        }
    }
}

impl Model {
    /// Quantise float weights (`rows × ROW` lanes) and transitions; rows whose largest
    /// weight is below `prune` (in float units) are dropped.
    pub fn quantise(bits: u32, weights: &[f32], trans: &[[f32; NTAGS]; 8], prune: f32) -> Model {
        let max = weights.iter().chain(trans.iter().flatten()).fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = 32_000.0 / max;
        let mut q = vec![0i16; weights.len()];
        for (row, chunk) in weights.chunks_exact(ROW).enumerate() {
            if chunk[..NTAGS].iter().all(|w| w.abs() < prune) {
                continue;
            }
            for t in 0..NTAGS {
                q[row * ROW + t] = (chunk[t] * scale).round() as i16;
            }
        }
        let mut qt = [[0i32; NTAGS]; 8];
        for p in 0..8 {
            for t in 0..NTAGS {
                qt[p][t] = (trans[p][t] * scale).round() as i32;
            }
        }
        Model { bits, scale, weights: q, trans: qt }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"WNER");
        out.extend_from_slice(&[1, self.bits as u8, NTAGS as u8, 0]);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| self.weights[r * ROW..r * ROW + NTAGS].iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for r in rows {
            put_varint(&mut out, (r - prev) as u64);
            prev = r;
            for &w in &self.weights[r * ROW..r * ROW + NTAGS] {
                let z = ((w as i64) << 1) ^ ((w as i64) >> 63);
                put_varint(&mut out, z as u64);
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 12 + 8 * NTAGS * 4 + 4 || &b[..4] != b"WNER" {
            return Err("not a warta NER model (bad magic or too short)".into());
        }
        if b[4] != 1 || b[6] as usize != NTAGS {
            return Err(format!("unsupported NER model version {} / tag count {}", b[4], b[6]));
        }
        let bits = u32::from(b[5]);
        if !(8..=24).contains(&bits) {
            return Err(format!("bad table size 2^{bits} in NER model"));
        }
        let scale = f32::from_le_bytes(b[8..12].try_into().unwrap());
        let mut pos = 12;
        let mut trans = [[0i32; NTAGS]; 8];
        for row in &mut trans {
            for v in row.iter_mut() {
                *v = i32::from_le_bytes(b[pos..pos + 4].try_into().unwrap());
                pos += 4;
            }
        }
        let nrows = u32::from_le_bytes(b[pos..pos + 4].try_into().unwrap()) as usize;
        pos += 4;
        let size = 1usize << bits;
        let mut weights = vec![0i16; size * ROW];
        let mut r = 0usize;
        for _ in 0..nrows {
            r += get_varint(b, &mut pos)? as usize;
            if r >= size {
                return Err("row index out of range in NER model".into());
            }
            for t in 0..NTAGS {
                let z = get_varint(b, &mut pos)?;
                let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
                weights[r * ROW + t] = v as i16;
            }
        }
        if pos != b.len() {
            return Err("trailing bytes in NER model".into());
        }
        Ok(Model { bits, scale, weights, trans })
    }

    /// Emission scores of every token into `em` (`n × ROW`).
    #[inline]
    pub fn emissions(&self, rows: &[u32], offsets: &[u32], em: &mut Vec<i32>) {
        let n = offsets.len() - 1;
        em.clear();
        em.resize(n * ROW, 0);
        for i in 0..n {
            let mut acc = [0i32; ROW];
            for &r in &rows[offsets[i] as usize..offsets[i + 1] as usize] {
                let w: &[i16; ROW] = self.weights[r as usize * ROW..r as usize * ROW + ROW].try_into().unwrap();
                for t in 0..ROW {
                    acc[t] += i32::from(w[t]);
                }
            }
            em[i * ROW..i * ROW + ROW].copy_from_slice(&acc);
        }
    }

    pub fn decode(&self, em: &[i32], n: usize, back: &mut Vec<u8>, out: &mut Vec<u8>) {
        viterbi(em, n, &self.trans, i32::MIN / 4, back, out);
    }
}

impl Tag {
    /// The tag's row in the model's weight tables (0 = `O`, then B/I per kind).
    pub fn index(self) -> usize {
        use crate::analysis::EntityKind::*;
        match self {
            Tag::O => 0,
            Tag::B(Per) => 1,
            Tag::I(Per) => 2,
            Tag::B(Org) => 3,
            Tag::I(Org) => 4,
            Tag::B(Loc) => 5,
            Tag::I(Loc) => 6,
        }
    }

    pub(crate) fn from_index(i: u8) -> Tag {
        use crate::analysis::EntityKind::*;
        match i {
            1 => Tag::B(Per),
            2 => Tag::I(Per),
            3 => Tag::B(Org),
            4 => Tag::I(Org),
            5 => Tag::B(Loc),
            6 => Tag::I(Loc),
            _ => Tag::O,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bio_constraints() {
        // emissions prefer I-PER at the start, which is not allowed
        let mut em = vec![0i32; 2 * ROW];
        em[2] = 10; // token 0: I-PER
        em[1] = 5; // token 0: B-PER
        em[ROW + 2] = 10; // token 1: I-PER
        let trans = [[0i32; NTAGS]; 8];
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(&em, 2, &trans, i32::MIN / 4, &mut back, &mut out);
        assert_eq!(out, [1, 2]);
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let bits = 8;
        let mut w = vec![0f32; (1 << bits) * ROW];
        w[3 * ROW + 1] = 1.5;
        w[200 * ROW + 6] = -0.25;
        w[201 * ROW + 2] = 0.0001; // pruned
        let mut t = [[0f32; NTAGS]; 8];
        t[7][1] = 0.5;
        let m = Model::quantise(bits, &w, &t, 0.001);
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).unwrap();
        assert_eq!(m.weights, m2.weights);
        assert_eq!(m.trans, m2.trans);
        assert_eq!(m2.weights[201 * ROW + 2], 0);
        assert!(m2.weights[3 * ROW + 1] > 0 && m2.weights[200 * ROW + 6] < 0);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
