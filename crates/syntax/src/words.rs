//! What the feature templates see of a word: hashes of its forms, affixes and shape, computed
//! once per word so that tagging and parsing never touch strings again.

use crate::perceptron::{finish, hash_str, mix};

/// Hashed views of one word.
#[derive(Clone, Copy, Debug)]
pub struct WordInfo {
    /// Lower-cased form.
    pub lower: u64,
    /// Form as written.
    pub form: u64,
    /// Last 1..=4 characters of the lower-cased form.
    pub suf: [u64; 4],
    /// First 1..=3 characters of the lower-cased form.
    pub pre: [u64; 3],
    /// Character classes, runs collapsed (`Xxx` for `Jakarta`, `d.d` for `1.000`).
    pub shape: u64,
    /// Small flags: digit, hyphen, all caps, initial capital, reduplication, punctuation only.
    pub flags: u64,
    /// Punctuation only (counted between stack and buffer by the parser).
    pub is_punct: bool,
}

/// Sentinel infos for positions before the start and after the end of a sentence.
pub const PAD_HASH: u64 = 0x9d1f_43a1_0b3e_77c5;
pub const ROOT_HASH: u64 = 0x4b7c_9e02_f1d8_3a61;

fn sub_chars(s: &str, n: usize, from_end: bool) -> u64 {
    let count = s.chars().count();
    if count < n {
        return PAD_HASH ^ n as u64;
    }
    let piece = if from_end {
        let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
        &s[start..]
    } else {
        let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
        &s[..end]
    };
    mix(hash_str(piece), n as u64 + if from_end { 100 } else { 200 })
}

impl WordInfo {
    pub fn new(form: &str) -> WordInfo {
        let lower = form.to_lowercase();
        let mut shape = String::new();
        let (mut digit, mut hyphen, mut upper, mut alpha, mut other) = (false, false, 0usize, 0usize, 0usize);
        let mut last = '\0';
        for ch in form.chars() {
            let class = if ch.is_uppercase() {
                upper += 1;
                alpha += 1;
                'X'
            } else if ch.is_alphabetic() {
                alpha += 1;
                'x'
            } else if ch.is_ascii_digit() {
                digit = true;
                'd'
            } else {
                if ch == '-' {
                    hyphen = true;
                }
                other += 1;
                ch
            };
            if class != last && shape.len() < 8 {
                shape.push(class);
            }
            last = class;
        }
        let first_upper = form.chars().next().is_some_and(char::is_uppercase);
        let redup = lower.split_once('-').is_some_and(|(a, b)| !a.is_empty() && (b == a || b.ends_with(a)));
        let is_punct = alpha == 0 && !digit && other > 0;
        let flags = u64::from(digit)
            | u64::from(hyphen) << 1
            | u64::from(upper > 1 && upper == alpha) << 2
            | u64::from(first_upper) << 3
            | u64::from(redup) << 4
            | u64::from(is_punct) << 5;
        WordInfo {
            lower: hash_str(&lower),
            form: mix(hash_str(form), 7),
            suf: std::array::from_fn(|k| sub_chars(&lower, k + 1, true)),
            pre: std::array::from_fn(|k| sub_chars(&lower, k + 1, false)),
            shape: mix(hash_str(&shape), 11),
            flags: finish(flags + 0x1234),
            is_punct,
        }
    }

    /// The info used for positions outside the sentence (`which` tells them apart).
    pub fn pad(which: u64) -> WordInfo {
        let h = finish(PAD_HASH ^ which);
        WordInfo { lower: h, form: h, suf: [h; 4], pre: [h; 3], shape: h, flags: h, is_punct: false }
    }

    /// The artificial root token at the end of the parser's buffer.
    pub fn root() -> WordInfo {
        let h = ROOT_HASH;
        WordInfo { lower: h, form: h, suf: [h; 4], pre: [h; 3], shape: h, flags: h, is_punct: false }
    }
}

/// A feature key: template id and parts, hashed to 32 bits.
#[inline(always)]
pub fn key(template: u64, parts: &[u64]) -> u32 {
    let mut h = template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &p in parts {
        h = mix(h, p);
    }
    (finish(h) >> 32) as u32
}

/// Adds a style-specific copy of every feature ("frustratingly easy" domain adaptation, Daumé
/// 2007): shared weights learn what the treebanks agree on, the copies where their conventions
/// differ. Style 0 adds nothing.
#[inline]
pub fn add_style(out: &mut Vec<u32>, style: u32) {
    if style == 0 {
        return;
    }
    let n = out.len();
    let salt = style.wrapping_mul(0x9E37_79B9) | 1;
    for k in 0..n {
        let f = out[k];
        out.push((f ^ salt).rotate_left(7).wrapping_mul(0x85EB_CA6B));
    }
}
