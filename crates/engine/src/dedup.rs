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

use std::collections::HashMap;

/// MinHash permutations.
pub const PERMUTATIONS: usize = 128;
/// LSH bands and rows per band (BANDS × ROWS = PERMUTATIONS). With 32 × 4 a pair at Jaccard
/// 0.5 is a candidate with probability 0.87, at 0.7 with 0.9996.
pub const BANDS: usize = 32;
const ROWS: usize = PERMUTATIONS / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;

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

/// Incremental duplicate finder over articles numbered in the order they are added.
#[derive(Debug, Clone)]
pub struct Deduper {
    threshold: f32,
    exact: HashMap<u64, usize>,
    bands: Vec<HashMap<u64, Vec<usize>>>,
    signatures: Vec<Option<Box<[u32; PERMUTATIONS]>>>,
    parent: Vec<usize>,
    kind: Vec<Option<Kind>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Near,
}

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
            exact: HashMap::new(),
            bands: vec![HashMap::new(); BANDS],
            signatures: Vec::new(),
            parent: Vec::new(),
            kind: Vec::new(),
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
        let id = self.parent.len();
        self.parent.push(id);
        self.kind.push(None);
        let norm = normalise(text);
        let h = fnv1a(norm.as_bytes());
        if let Some(&of) = self.exact.get(&h) {
            self.signatures.push(None);
            self.union(of, id, Kind::Exact);
            return Match::Exact { of };
        }
        self.exact.insert(h, id);
        let Some(sig) = signature(&norm) else {
            self.signatures.push(None);
            return Match::New;
        };
        let mut best: Option<(usize, f32)> = None;
        for (b, band) in self.bands.iter_mut().enumerate() {
            let key = fnv1a_u32(&sig[b * ROWS..(b + 1) * ROWS]);
            let bucket = band.entry(key).or_default();
            for &other in bucket.iter() {
                if best.is_some_and(|(o, _)| o == other) {
                    continue;
                }
                if let Some(Some(os)) = self.signatures.get(other) {
                    let sim = similarity(&sig, os);
                    if sim >= self.threshold && best.is_none_or(|(_, s)| sim > s) {
                        best = Some((other, sim));
                    }
                }
            }
            bucket.push(id);
        }
        self.signatures.push(Some(sig));
        match best {
            Some((of, similarity)) => {
                self.union(of, id, Kind::Near);
                Match::Near { of, similarity }
            }
            None => Match::New,
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize, kind: Kind) {
        let (ra, rb) = (self.find(a), self.find(b));
        let root = ra.min(rb);
        self.parent[ra] = root;
        self.parent[rb] = root;
        self.kind[b] = Some(kind);
    }

    /// Groups of two or more copies, each ordered, ordered by their first member.
    pub fn groups(&mut self) -> Vec<Group> {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.parent.len() {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut groups: Vec<Group> = by_root
            .into_values()
            .filter(|m| m.len() > 1)
            .map(|members| {
                let exact = members.iter().skip(1).all(|&m| self.kind[m] == Some(Kind::Exact));
                Group { members, exact }
            })
            .collect();
        groups.sort_by_key(|g| g.members[0]);
        groups
    }
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

/// MinHash signature of the word shingles of normalised text; None for texts shorter than
/// one shingle (they can only be exact copies).
fn signature(norm: &str) -> Option<Box<[u32; PERMUTATIONS]>> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < SHINGLE {
        return None;
    }
    let mut sig = Box::new([u32::MAX; PERMUTATIONS]);
    for w in words.windows(SHINGLE) {
        let mut h = FNV_OFFSET;
        for word in w {
            h = fnv1a_extend(h, word.as_bytes());
            h = fnv1a_extend(h, b" ");
        }
        let base = mix(h);
        for (p, slot) in sig.iter_mut().enumerate() {
            let v = (mix(base ^ SEEDS[p]) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

fn similarity(a: &[u32; PERMUTATIONS], b: &[u32; PERMUTATIONS]) -> f32 {
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

fn fnv1a(bytes: &[u8]) -> u64 {
    mix(fnv1a_extend(FNV_OFFSET, bytes))
}

fn fnv1a_u32(vals: &[u32]) -> u64 {
    let mut h = FNV_OFFSET;
    for v in vals {
        h = fnv1a_extend(h, &v.to_le_bytes());
    }
    mix(h)
}

/// SplitMix64 finaliser: a well-mixed 64-bit hash of a 64-bit value.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One fixed seed per permutation (deterministic across runs and machines).
const SEEDS: [u64; PERMUTATIONS] = {
    let mut s = [0u64; PERMUTATIONS];
    let mut i = 0;
    while i < PERMUTATIONS {
        s[i] = mix(0x9e37_79b9_7f4a_7c15u64.wrapping_mul(i as u64 + 1));
        i += 1;
    }
    s
};

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
    fn short_texts_only_match_exactly() {
        let mut d = Deduper::new(0.5);
        assert_eq!(d.add("Rapat ditunda."), Match::New);
        assert_eq!(d.add("rapat  ditunda"), Match::Exact { of: 0 });
        assert_eq!(d.add("Rapat dibatalkan."), Match::New);
    }
}
