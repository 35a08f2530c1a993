//! Feature extraction for the entity tagger: hashed features of a token and its window.
//!
//! Every feature is a (template, value) pair hashed into one row of the weight table. The
//! same code runs in training and tagging, so the two can never disagree. Per token, the
//! word is lower-cased into a reused buffer once; every other feature is combined from
//! a handful of precomputed 64-bit hashes, so the hot path does not allocate.

use super::gazetteer::{self, GIVEN, LOC_HEAD, MAX_PHRASE, ORG_HEAD, P_LOC, P_ORG, P_PER, PREP_LOC, SPEECH, TITLE};
use super::hash::{K, bytes_hash, finish, lower_into, mix};

/// What the tagger knows of one token before looking at its neighbours.
#[derive(Clone, Copy, Default)]
pub struct TokenInfo {
    pub word: u64,
    pub shape: u64,
    pub pre2: u64,
    pub pre3: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    /// Gazetteer word classes (`gazetteer::TITLE`...).
    pub class: u16,
    /// Gazetteer phrase membership: bit 2*class for begin, 2*class+1 for inside.
    pub phrase: u8,
    pub len: u8,
    pub cap: bool,
    /// Start of the run of capitalised tokens this token is in (its own index if none).
    pub run_start: u16,
    /// Length of that run (0 if the token is not capitalised).
    pub run_len: u16,
}

const PAD_L: u64 = 0x1111;
const PAD_R: u64 = 0x2222;

/// Word shape: X upper, x lower, d digit, the punctuation itself; runs collapsed; at most
/// 6 classes. Lower-cased sentences get their own shape space (their case says nothing).
fn shape_hash(w: &str, lower_sentence: bool) -> u64 {
    let mut out = [0u8; 6];
    let mut n = 0;
    let mut last = 0u8;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if k != last {
            if n == out.len() {
                break;
            }
            out[n] = k;
            n += 1;
            last = k;
        }
    }
    bytes_hash(if lower_sentence { 3 } else { 2 }, &out[..n])
}

fn affix(buf: &str, k: usize, suffix: bool) -> u64 {
    let n = buf.chars().count();
    if n <= k {
        return bytes_hash(if suffix { 10 + k as u64 } else { 20 + k as u64 }, b"<whole>");
    }
    let s = if suffix {
        let at = buf.char_indices().nth(n - k).map_or(0, |(i, _)| i);
        &buf[at..]
    } else {
        let at = buf.char_indices().nth(k).map_or(buf.len(), |(i, _)| i);
        &buf[..at]
    };
    bytes_hash(if suffix { 10 + k as u64 } else { 20 + k as u64 }, s.as_bytes())
}

/// Fill `infos` with one [`TokenInfo`] per token. `buf` is a reused scratch string.
pub fn token_infos(tokens: &[&str], buf: &mut String, infos: &mut Vec<TokenInfo>) {
    infos.clear();
    let lower_sentence = !tokens.iter().any(|t| t.chars().any(char::is_uppercase));
    for t in tokens {
        lower_into(t, buf);
        let word = bytes_hash(1, buf.as_bytes());
        infos.push(TokenInfo {
            word,
            shape: shape_hash(t, lower_sentence),
            pre2: affix(buf, 2, false),
            pre3: affix(buf, 3, false),
            suf2: affix(buf, 2, true),
            suf3: affix(buf, 3, true),
            suf4: affix(buf, 4, true),
            class: gazetteer::word_class(word),
            phrase: 0,
            len: buf.chars().count().min(255) as u8,
            cap: t.chars().next().is_some_and(char::is_uppercase),
            run_start: 0,
            run_len: 0,
        });
    }
    // Runs of capitalised tokens ("Dewan Keamanan Rusia").
    let mut i = 0;
    while i < infos.len() {
        if !infos[i].cap {
            infos[i].run_start = i.min(u16::MAX as usize) as u16;
            i += 1;
            continue;
        }
        let mut j = i;
        while j < infos.len() && infos[j].cap {
            j += 1;
        }
        for info in &mut infos[i..j] {
            info.run_start = i.min(u16::MAX as usize) as u16;
            info.run_len = (j - i).min(u16::MAX as usize) as u16;
        }
        i = j;
    }
    // Gazetteer phrases (longest first does not matter: every hit marks its tokens).
    let n = infos.len();
    let mut words = [0u64; MAX_PHRASE];
    for i in 0..n {
        for len in 1..=MAX_PHRASE.min(n - i) {
            for (k, w) in words.iter_mut().enumerate().take(len) {
                *w = infos[i + k].word;
            }
            let c = gazetteer::phrase_class(&words[..len]);
            if c == 0 {
                continue;
            }
            for class in [P_LOC, P_ORG, P_PER] {
                if c & (1 << class) != 0 {
                    infos[i].phrase |= 1 << (2 * class);
                    for info in &mut infos[i + 1..i + len] {
                        info.phrase |= 1 << (2 * class + 1);
                    }
                }
            }
        }
    }
}

/// Feature rows of every token: `rows[offsets[i]..offsets[i+1]]` for token i.
#[derive(Default)]
pub struct Features {
    pub rows: Vec<u32>,
    pub offsets: Vec<u32>,
}

#[inline]
fn feat(template: u64, value: u64, bits: u32) -> u32 {
    (finish(mix(template.wrapping_mul(K), value)) >> (64 - bits)) as u32
}

/// Extract the features of every token into `out` (rows of a table of `1 << bits`).
pub fn extract(infos: &[TokenInfo], bits: u32, out: &mut Features) {
    out.rows.clear();
    out.offsets.clear();
    out.offsets.push(0);
    let n = infos.len();
    let word = |i: isize| -> u64 {
        if i < 0 {
            PAD_L
        } else if i as usize >= n {
            PAD_R
        } else {
            infos[i as usize].word
        }
    };
    let shape = |i: isize| -> u64 {
        if i < 0 {
            PAD_L
        } else if i as usize >= n {
            PAD_R
        } else {
            infos[i as usize].shape
        }
    };
    let class = |i: isize| -> u16 { if i < 0 || i as usize >= n { 0 } else { infos[i as usize].class } };
    for (i, t) in infos.iter().enumerate() {
        let ii = i as isize;
        let r = &mut out.rows;
        let (w, wp, wn, wp2, wn2) = (t.word, word(ii - 1), word(ii + 1), word(ii - 2), word(ii + 2));
        let (s, sp, sn) = (t.shape, shape(ii - 1), shape(ii + 1));
        r.push(feat(0, 0, bits));
        r.push(feat(1, w, bits));
        r.push(feat(2, wp, bits));
        r.push(feat(3, wn, bits));
        r.push(feat(4, wp2, bits));
        r.push(feat(5, wn2, bits));
        r.push(feat(6, s, bits));
        r.push(feat(7, sp, bits));
        r.push(feat(8, sn, bits));
        r.push(feat(9, mix(mix(sp, s), sn), bits));
        r.push(feat(10, mix(wp, w), bits));
        r.push(feat(11, mix(w, wn), bits));
        r.push(feat(12, t.suf2, bits));
        r.push(feat(13, t.suf3, bits));
        r.push(feat(14, t.suf4, bits));
        r.push(feat(15, t.pre2, bits));
        r.push(feat(16, t.pre3, bits));
        r.push(feat(17, mix(wp, s), bits));
        r.push(feat(18, mix(s, wn), bits));
        r.push(feat(19, mix(s, (i == 0) as u64), bits));
        r.push(feat(20, mix(s, t.len.min(12) as u64), bits));
        r.push(feat(21, mix(wp2, wp), bits));
        r.push(feat(22, mix(mix(sp, s), t.suf3), bits));
        // gazetteer
        for (tmpl, bit) in [(30u64, TITLE), (31, ORG_HEAD), (32, LOC_HEAD), (33, SPEECH), (34, GIVEN), (35, PREP_LOC)] {
            if t.class & bit != 0 {
                r.push(feat(tmpl, s, bits));
            }
        }
        let cp = class(ii - 1);
        let cp2 = class(ii - 2);
        let cn = class(ii + 1);
        if cp & TITLE != 0 {
            r.push(feat(40, s, bits));
        }
        if cp2 & TITLE != 0 {
            r.push(feat(41, s, bits));
        }
        if cp & ORG_HEAD != 0 {
            r.push(feat(42, s, bits));
        }
        if cp & LOC_HEAD != 0 {
            r.push(feat(43, s, bits));
        }
        if cp & PREP_LOC != 0 {
            r.push(feat(44, s, bits));
        }
        if cn & SPEECH != 0 {
            r.push(feat(45, s, bits));
        }
        if t.run_len > 0 {
            let rs = t.run_start as usize;
            let pos = (i - rs).min(3) as u64;
            let first = infos[rs].word;
            r.push(feat(60, mix(first, (i == rs) as u64), bits));
            r.push(feat(61, mix(word(rs as isize - 1), (i == rs) as u64), bits));
            r.push(feat(62, mix(u64::from(t.run_len.min(5)), pos), bits));
            let rc = infos[rs].class & (TITLE | ORG_HEAD | LOC_HEAD);
            if rc != 0 && i != rs {
                r.push(feat(63, u64::from(rc), bits));
            }
        }
        for b in 0..6u64 {
            if t.phrase & (1 << b) != 0 {
                r.push(feat(50 + b, t.cap as u64, bits));
            }
        }
        out.offsets.push(out.rows.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::hash::word_hash;

    #[test]
    fn hashes_ignore_case_and_features_are_deterministic() {
        assert_eq!(word_hash("Presiden"), word_hash("PRESIDEN"));
        assert_ne!(word_hash("Presiden"), word_hash("Presiden2"));
        let toks = ["Presiden", "Rusia", "Vladimir", "Putin", "tiba", "di", "Moskow", "."];
        let mut buf = String::new();
        let mut infos = Vec::new();
        token_infos(&toks, &mut buf, &mut infos);
        let (mut a, mut b) = (Features::default(), Features::default());
        extract(&infos, 18, &mut a);
        extract(&infos, 18, &mut b);
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.offsets.len(), toks.len() + 1);
        assert!(a.rows.iter().all(|&r| r < 1 << 18));
        // "Rusia" and "Moskow" are gazetteer places, "Presiden" a title
        assert!(infos[1].phrase & 1 != 0 && infos[6].phrase & 1 != 0);
        assert!(infos[0].class & TITLE != 0);
    }

    #[test]
    fn shapes_separate_case_patterns() {
        assert_eq!(shape_hash("Moo-jin", false), shape_hash("Jong-un", false));
        assert_ne!(shape_hash("Moo-jin", false), shape_hash("moo-jin", false));
        assert_ne!(shape_hash("rusia", true), shape_hash("rusia", false));
    }
}
