//! Exact and near duplicates among articles, found incrementally.
//!
//! - **Exact:** the body normalised (lower case, letters and digits only, single spaces) and
//!   hashed; equal hashes are copies whatever their chrome, spacing or punctuation.
//! - **Near:** MinHash signatures over word 5-shingles with LSH banding (`BANDS` × `ROWS`),
//!   candidates confirmed by the signatures' estimated Jaccard similarity ≥ the threshold.
//!   Syndicated copies with a changed lead or footer share most shingles and land together.
//!
//! Adding an article costs one signature and `BANDS` hash-map probes: no re-clustering.
//! Groups are kept with a union-find, so adding an article never splits an existing group.
//!
//! **Scale.** The [`Sketch`] of a text (exact hash + signature) is a pure function, so callers
//! may compute sketches in parallel and feed them to the single-writer [`Deduper::add_sketch`].
//! Stored per article: the low 16 bits of each of the 128 minima (256 bytes; two different
//! minima agree on 16 bits with probability 1/65536, so the estimate is unchanged in practice)
//! and, per band, a 32-bit key in a head table plus a 32-bit chain link — about 0.8 KB per
//! article in all, 0.8 GB at a million articles. Candidates are verified against the stored
//! signature; at most `MAX_CHAIN` bucket members are examined per band (a guard against a
//! pathological bucket of boilerplate; real buckets hold a handful).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// MinHash permutations.
pub const PERMUTATIONS: usize = 128;
/// LSH bands and rows per band (BANDS × ROWS = PERMUTATIONS). With 32 × 4 a pair at Jaccard
/// 0.5 is a candidate with probability 0.87, at 0.7 with 0.9996.
pub const BANDS: usize = 32;
const ROWS: usize = PERMUTATIONS / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Bucket members examined per band when adding an article.
pub const MAX_CHAIN: usize = 64;
const NONE: u32 = u32::MAX;
/// Estimated Jaccard similarity above which two articles are near copies unless a caller says
/// otherwise (the story engine's default, and the threshold timelines group copies by).
pub const NEAR_COPY: f32 = 0.7;

/// What adding one article found.
#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    /// No earlier article is a copy.
    New,
    /// An exact copy (same normalised text) of an earlier article.
    Exact { of: usize },
    /// A near copy of an earlier article, with the estimated Jaccard similarity.
    Near { of: usize, similarity: f32 },
}

/// What the deduper needs of one text: the hash of its normalised form and its MinHash
/// signature (None for texts shorter than one shingle: they can only be exact copies).
#[derive(Debug, Clone)]
pub struct Sketch {
    pub exact: u64,
    pub signature: Option<Box<[u32; PERMUTATIONS]>>,
}

/// A hasher for keys that are already well-mixed hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = mix(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        // Mixed, not passed through: the story index's keys are `term << 32 | time bucket`,
        // whose high bits (hashbrown's tag) and low bits (its slot) barely vary, which made
        // probe sequences grow with the corpus (bench-stories went super-linear).
        self.0 = mix(n);
    }
}
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Incremental duplicate finder over articles numbered in the order they are added.
#[derive(Debug, Clone)]
pub struct Deduper {
    threshold: f32,
    exact: IdMap<u64, u32>,
    /// Per band: band key → the latest article with that key.
    heads: Vec<IdMap<u32, u32>>,
    /// Per signed article and band: the previous article with the same band key.
    chain: Vec<u32>,
    /// Per signed article: its 128 minima, low 16 bits.
    sigs: Vec<u16>,
    /// Article → its slot in `sigs`/`chain` (NONE when it has no signature).
    slot: Vec<u32>,
    /// Slot → article.
    slot_article: Vec<u32>,
    parent: Vec<u32>,
    kind: Vec<u8>,
    /// Per slot: the last slot whose candidates included it (a candidate met in several bands
    /// is verified once, in O(1), without a per-add set).
    visited: Vec<u32>,
}

const KIND_NONE: u8 = 0;
const KIND_EXACT: u8 = 1;
const KIND_NEAR: u8 = 2;

/// A group of copies: article numbers in the order added, and whether all are exact copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub members: Vec<usize>,
    pub exact: bool,
}

impl Deduper {
    /// `threshold`: estimated Jaccard similarity of shingle sets above which two articles are
    /// near copies (0.5–0.9; 0.7 is a sensible default for syndicated news).
    pub fn new(threshold: f32) -> Self {
        Deduper {
            threshold,
            exact: IdMap::default(),
            heads: vec![IdMap::default(); BANDS],
            chain: Vec::new(),
            sigs: Vec::new(),
            slot: Vec::new(),
            slot_article: Vec::new(),
            parent: Vec::new(),
            kind: Vec::new(),
            visited: Vec::new(),
        }
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Add one article's body text; returns its number's match.
    pub fn add(&mut self, text: &str) -> Match {
        self.add_sketch(&sketch(std::iter::once(text)))
    }

    /// Add one article by its precomputed [`Sketch`].
    pub fn add_sketch(&mut self, s: &Sketch) -> Match {
        let id = self.parent.len() as u32;
        self.parent.push(id);
        self.kind.push(KIND_NONE);
        if let Some(&of) = self.exact.get(&s.exact) {
            self.slot.push(NONE);
            self.union(of, id, KIND_EXACT);
            return Match::Exact { of: of as usize };
        }
        self.exact.insert(s.exact, id);
        let Some(sig) = &s.signature else {
            self.slot.push(NONE);
            return Match::New;
        };
        let mut short = [0u16; PERMUTATIONS];
        for (d, v) in short.iter_mut().zip(sig.iter()) {
            *d = *v as u16;
        }
        let slot = self.slot_article.len() as u32;
        let mut best: Option<(u32, u32)> = None;
        let needed = (self.threshold * PERMUTATIONS as f32).ceil() as u32;
        for b in 0..BANDS {
            let key = band_key(&sig[b * ROWS..(b + 1) * ROWS]);
            let prev = self.heads[b].insert(key, slot).unwrap_or(NONE);
            self.chain.push(prev);
            let mut cur = prev;
            let mut steps = 0;
            while cur != NONE && steps < MAX_CHAIN {
                steps += 1;
                if self.visited[cur as usize] != slot {
                    self.visited[cur as usize] = slot;
                    let o = cur as usize * PERMUTATIONS;
                    let agree = agreement(&self.sigs[o..o + PERMUTATIONS], &short, needed);
                    if agree >= needed && best.is_none_or(|(_, s)| agree > s) {
                        best = Some((cur, agree));
                    }
                }
                cur = self.chain[cur as usize * BANDS + b];
            }
        }
        self.sigs.extend_from_slice(&short);
        self.visited.push(NONE);
        self.slot.push(slot);
        self.slot_article.push(id);
        match best {
            Some((other, agree)) => {
                let of = self.slot_article[other as usize];
                self.union(of, id, KIND_NEAR);
                Match::Near { of: of as usize, similarity: agree as f32 / PERMUTATIONS as f32 }
            }
            None => Match::New,
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32, kind: u8) {
        let (ra, rb) = (self.find(a), self.find(b));
        let root = ra.min(rb);
        self.parent[ra as usize] = root;
        self.parent[rb as usize] = root;
        self.kind[b as usize] = kind;
    }

    /// Groups of two or more copies, each ordered, ordered by their first member.
    pub fn groups(&mut self) -> Vec<Group> {
        let mut by_root: HashMap<u32, Vec<usize>> = HashMap::new();
        for i in 0..self.parent.len() as u32 {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i as usize);
        }
        let mut groups: Vec<Group> = by_root
            .into_values()
            .filter(|m| m.len() > 1)
            .map(|members| {
                let exact = members.iter().skip(1).all(|&m| self.kind[m] == KIND_EXACT);
                Group { members, exact }
            })
            .collect();
        groups.sort_by_key(|g| g.members[0]);
        groups
    }

    /// Approximate heap bytes held (for reports).
    pub fn heap_bytes(&self) -> usize {
        let map = |n: usize, entry: usize| n * (entry + 1) * 8 / 7;
        map(self.exact.capacity(), 12)
            + self.heads.iter().map(|h| map(h.capacity(), 8)).sum::<usize>()
            + self.chain.capacity() * 4
            + self.sigs.capacity() * 2
            + (self.slot.capacity() + self.slot_article.capacity() + self.parent.capacity() + self.visited.capacity())
                * 4
            + self.kind.capacity()
    }
}

/// For texts numbered in order, the number of the first text of each one's copy group (its
/// own number when it copies none and none copies it): exact copies, and near copies at
/// estimated Jaccard similarity ≥ `threshold`. Pure: a fresh [`Deduper`] over `sketches`.
pub fn originals(sketches: &[Sketch], threshold: f32) -> Vec<usize> {
    let mut d = Deduper::new(threshold);
    for s in sketches {
        d.add_sketch(s);
    }
    let mut out: Vec<usize> = (0..sketches.len()).collect();
    for g in d.groups() {
        for &m in &g.members {
            out[m] = g.members[0];
        }
    }
    out
}

/// How many of the 128 stored minima agree, counted 16 at a time (vectorised); stops early
/// (returning less than `needed`) once too many disagree for the pair to reach `needed`.
#[inline]
fn agreement(stored: &[u16], short: &[u16; PERMUTATIONS], needed: u32) -> u32 {
    const CHUNK: usize = 16;
    let allowed_misses = PERMUTATIONS as u32 - needed.min(PERMUTATIONS as u32);
    let mut agree = 0u32;
    for (n, (a, b)) in stored.chunks_exact(CHUNK).zip(short.chunks_exact(CHUNK)).enumerate() {
        agree += a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum::<u32>();
        let seen = ((n + 1) * CHUNK) as u32;
        if seen - agree > allowed_misses {
            return agree;
        }
    }
    agree
}

/// Lower case, letters and digits only, words separated by single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The sketch of a text given in pieces (e.g. paragraphs; a piece boundary separates words),
/// in one pass and without building the normalised string. Equal to hashing
/// `normalise(pieces joined by "\n")`.
pub fn sketch<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Sketch {
    let wide = wide_lanes();
    let mut full = FNV_OFFSET;
    let mut word = FNV_OFFSET;
    let mut in_word = false;
    let mut any = false;
    let mut ring = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut sig = [u32::MAX; PERMUTATIONS];
    let mut buf = [0u8; 4];
    let end_word = |word: &mut u64, ring: &mut [u64; SHINGLE], words: &mut usize, sig: &mut [u32; PERMUTATIONS]| {
        ring[*words % SHINGLE] = mix(*word);
        *words += 1;
        *word = FNV_OFFSET;
        if *words >= SHINGLE {
            let mut h: u64 = 0;
            for k in 0..SHINGLE {
                h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(ring[(*words + k) % SHINGLE]);
            }
            fold(sig, mix(h), wide);
        }
    };
    for piece in pieces {
        for c in piece.chars() {
            if c.is_alphanumeric() {
                if !in_word {
                    if any {
                        full = fnv1a_extend(full, b" ");
                    }
                    in_word = true;
                    any = true;
                }
                if c.is_ascii() {
                    let b = (c as u8).to_ascii_lowercase();
                    full = fnv1a_extend(full, &[b]);
                    word = fnv1a_extend(word, &[b]);
                } else {
                    for l in c.to_lowercase() {
                        let bytes = l.encode_utf8(&mut buf).as_bytes();
                        full = fnv1a_extend(full, bytes);
                        word = fnv1a_extend(word, bytes);
                    }
                }
            } else if in_word {
                in_word = false;
                end_word(&mut word, &mut ring, &mut words, &mut sig);
            }
        }
        if in_word {
            in_word = false;
            end_word(&mut word, &mut ring, &mut words, &mut sig);
        }
    }
    Sketch { exact: mix(full), signature: (words >= SHINGLE).then(|| Box::new(sig)) }
}

/// Fold one shingle hash into the signature: for each permutation p, the minimum of
/// `(MUL[p]·base + ADD[p]) >> 32`.
#[inline(always)]
fn fold_scalar(sig: &mut [u32; PERMUTATIONS], base: u64) {
    for p in 0..PERMUTATIONS {
        let v = (MUL[p].wrapping_mul(base).wrapping_add(ADD[p]) >> 32) as u32;
        sig[p] = sig[p].min(v);
    }
}

/// [`fold_scalar`] compiled for AVX2 (the same arithmetic, so the same signatures: the
/// compiler turns the 128 lanes into 4-wide vector multiplies).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn fold_avx2(sig: &mut [u32; PERMUTATIONS], base: u64) {
    fold_scalar(sig, base)
}

/// Whether this CPU runs [`fold_avx2`] (detected once per process by std).
fn wide_lanes() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[inline(always)]
fn fold(sig: &mut [u32; PERMUTATIONS], base: u64, wide: bool) {
    #[cfg(target_arch = "x86_64")]
    if wide {
        // SAFETY: `wide` is true only when the CPU supports AVX2 (`wide_lanes`).
        unsafe { fold_avx2(sig, base) };
        return;
    }
    let _ = wide;
    fold_scalar(sig, base)
}

/// Estimated Jaccard similarity of two full signatures.
pub fn similarity(a: &[u32; PERMUTATIONS], b: &[u32; PERMUTATIONS]) -> f32 {
    a.iter().zip(b.iter()).filter(|(x, y)| x == y).count() as f32 / PERMUTATIONS as f32
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A band's 32-bit key (collisions between different bands' contents only cost a
/// verification).
fn band_key(vals: &[u32]) -> u32 {
    let mut h = FNV_OFFSET;
    for &v in vals {
        h = mix(h ^ v as u64);
    }
    (h >> 32) as u32
}

/// SplitMix64 finaliser: a well-mixed 64-bit hash of a 64-bit value.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Multiply-shift hash family: permutation p maps a shingle hash x to (MUL[p]·x + ADD[p]) >> 32
/// (MUL odd), fixed seeds so signatures are the same across runs and machines.
const MUL: [u64; PERMUTATIONS] = seeds(0x9e37_79b9_7f4a_7c15, true);
const ADD: [u64; PERMUTATIONS] = seeds(0xd1b5_4a32_d192_ed03, false);

const fn seeds(salt: u64, odd: bool) -> [u64; PERMUTATIONS] {
    let mut s = [0u64; PERMUTATIONS];
    let mut i = 0;
    while i < PERMUTATIONS {
        s[i] = mix(salt.wrapping_mul(i as u64 + 1));
        if odd {
            s[i] |= 1;
        }
        i += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Pemerintah kota meresmikan jembatan baru di atas sungai yang selama ini menjadi jalur \
        utama warga. Jembatan sepanjang 120 meter itu dibangun selama dua tahun dengan biaya dari anggaran \
        daerah. Wali kota berharap jembatan mempercepat arus barang dari desa ke pasar kota dan mengurangi \
        kemacetan di jalan lama yang sempit. Warga menyambut gembira peresmian itu.";

    #[test]
    fn exact_copies_ignore_chrome_spacing_and_case() {
        let mut d = Deduper::new(0.7);
        assert_eq!(d.add(A), Match::New);
        let copy = format!("  {}  ", A.to_uppercase().replace(". ", ".\n\n"));
        assert_eq!(d.add(&copy), Match::Exact { of: 0 });
        assert_eq!(d.groups(), vec![Group { members: vec![0, 1], exact: true }]);
    }

    #[test]
    fn a_changed_lead_is_a_near_copy() {
        let mut d = Deduper::new(0.6);
        d.add(A);
        let syndicated = format!("SURABAYA, KABARKITA - {A} Baca berita lain di aplikasi kami.");
        match d.add(&syndicated) {
            Match::Near { of: 0, similarity } => assert!(similarity > 0.6, "{similarity}"),
            m => panic!("expected a near copy, got {m:?}"),
        }
    }

    #[test]
    fn different_articles_are_not_grouped() {
        let mut d = Deduper::new(0.5);
        d.add(A);
        let other = "Harga cabai rawit di pasar induk turun tajam setelah panen raya di sejumlah sentra \
            produksi. Pedagang menyebut pasokan melimpah sejak awal pekan, sementara permintaan rumah tangga \
            relatif stabil menjelang akhir bulan.";
        assert_eq!(d.add(other), Match::New);
        assert!(d.groups().is_empty());
    }

    #[test]
    fn sketch_in_pieces_equals_sketch_of_joined_text() {
        let pieces = ["Satu dua tiga empat lima.", "Enam TUJUH delapan, sembilan sepuluh."];
        let a = sketch(pieces);
        let b = sketch([pieces.join("\n").as_str()]);
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.signature, b.signature);
        assert_eq!(a.exact, mix(fnv1a_extend(FNV_OFFSET, normalise(&pieces.join("\n")).as_bytes())));
    }

    #[test]
    fn the_vector_fold_gives_the_scalar_signature() {
        let mut a = [u32::MAX; PERMUTATIONS];
        let mut b = [u32::MAX; PERMUTATIONS];
        for i in 0..200u64 {
            let base = mix(i * 7919 + 1);
            fold_scalar(&mut a, base);
            fold(&mut b, base, wide_lanes());
        }
        assert_eq!(a, b);
        assert!(a.iter().all(|&v| v < u32::MAX));
    }

    #[test]
    fn short_texts_only_match_exactly() {
        let mut d = Deduper::new(0.5);
        assert_eq!(d.add("Rapat ditunda."), Match::New);
        assert_eq!(d.add("rapat  ditunda"), Match::Exact { of: 0 });
        assert_eq!(d.add("Rapat dibatalkan."), Match::New);
    }
}
