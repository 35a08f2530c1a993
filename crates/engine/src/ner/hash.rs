//! The tagger's 64-bit hashes of bytes, words and phrases: what its features and its own
//! gazetteer's tables are keyed by (one place, so both hash a word the same way).

pub(super) const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
pub(super) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(K)
}

#[inline]
pub(super) fn finish(mut h: u64) -> u64 {
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

pub(super) fn bytes_hash(seed: u64, b: &[u8]) -> u64 {
    let mut h = seed;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    let r = chunks.remainder();
    let mut last = [0u8; 8];
    last[..r.len()].copy_from_slice(r);
    h = mix(h, u64::from_le_bytes(last) ^ ((b.len() as u64) << 56));
    finish(h)
}

/// Hash of a word, lower-cased (also used for gazetteer keys).
pub fn word_hash(w: &str) -> u64 {
    let mut buf = String::with_capacity(w.len());
    lower_into(w, &mut buf);
    bytes_hash(1, buf.as_bytes())
}

/// Hash of a phrase from its words' hashes.
pub fn phrase_hash(words: &[u64]) -> u64 {
    let mut h = 7u64;
    for &w in words {
        h = mix(h, w);
    }
    finish(h)
}

pub(super) fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}
