//! Averaged multi-class perceptron over hashed features: sparse rows while training, and a
//! compact quantised table (u32 feature key → run of (class u8, weight i16)) for tagging and
//! parsing.

use std::collections::HashMap;

/// Mixes a value into a running 64-bit feature hash (FxHash-style multiply-rotate).
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Final avalanche of a feature hash (so that the low and high bits are both usable).
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hash of a string (FNV-1a, then mixed).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

#[derive(Clone, Copy)]
struct Cell {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Training-time weights: one sparse row per feature key.
pub struct Trainer {
    pub n_classes: usize,
    rows: HashMap<u32, Vec<Cell>>,
    /// Number of updates done (the clock of the averaging).
    now: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer { n_classes, rows: HashMap::new(), now: 0 }
    }

    /// Adds the current weights of `feats` into `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for c in row {
                    scores[c.class as usize] += c.w;
                }
            }
        }
    }

    /// Advances the averaging clock by one example.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Adds `delta` to the weight of `class` for every feature.
    pub fn update(&mut self, feats: &[u32], class: usize, delta: f32) {
        let now = self.now;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            let cell = match row.iter_mut().position(|c| c.class as usize == class) {
                Some(i) => &mut row[i],
                None => {
                    row.push(Cell { class: class as u16, w: 0.0, total: 0.0, stamp: now });
                    row.last_mut().expect("just pushed")
                }
            };
            cell.total += f64::from(now - cell.stamp) * f64::from(cell.w);
            cell.stamp = now;
            cell.w += delta;
        }
    }

    /// The averaged weights, quantised: weights whose quantised value is below `min_q` in
    /// magnitude are dropped.
    pub fn finish(&self, min_q: i16) -> Weights {
        let now = f64::from(self.now.max(1));
        let mut avg: Vec<(u32, u16, f32)> = Vec::new();
        let mut max = 0f32;
        for (&key, row) in &self.rows {
            for c in row {
                let total = c.total + f64::from(self.now - c.stamp) * f64::from(c.w);
                let a = (total / now) as f32;
                max = max.max(a.abs());
                avg.push((key, c.class, a));
            }
        }
        // Scale so that the largest weight fits in i16 with room for sums in i32.
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        avg.sort_by_key(|&(k, c, _)| (k, c));
        let mut entries: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
        for (key, class, a) in avg {
            let q = (a * scale).round() as i32;
            if q.unsigned_abs() < min_q as u32 {
                continue;
            }
            let q = q.clamp(-32767, 32767) as i16;
            match entries.last_mut() {
                Some((k, cells)) if *k == key => cells.push((class as u8, q)),
                _ => entries.push((key, vec![(class as u8, q)])),
            }
        }
        Weights::from_entries(self.n_classes, 1.0 / scale, entries)
    }
}

/// Inference weights: an open-addressing table of feature keys, each pointing at its run of
/// (class, quantised weight) cells.
pub struct Weights {
    pub n_classes: usize,
    /// Multiply summed quantised weights by this to get the averaged perceptron's scores.
    pub scale: f32,
    mask: usize,
    /// Open-addressing table; key 0 marks an empty slot (key 0 itself is remapped to 1).
    slots: Vec<Slot>,
    /// The rows' (class, weight) cells, one run per row, interleaved for one cache miss.
    cells: Vec<Cell16>,
    classes: Vec<u8>,
    values: Vec<i16>,
    /// `ends[row]`; rows are laid out in key order, a slot's row run is starts..ends.
    ends: Vec<u32>,
    keys: Vec<u32>,
}

/// One slot of the table: a feature key (0 = empty) and its row. A row of one cell is kept in
/// the slot itself (`INLINE` set: class in bits 16–22, weight in bits 0–15), so most look-ups
/// touch one cache line; a longer row is a run of `cells` (start in bits 0–23, length in bits
/// 24–30). Eight bytes, so that the table stays small.
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    row: u32,
}

const INLINE: u32 = 1 << 31;
/// The largest class count the packed slots hold (the class of an inline cell has 7 bits, and so
/// has a run's length).
const MAX_CLASSES: usize = 127;
/// The most cells a table can address (a run's start has 24 bits).
const MAX_CELLS: usize = 1 << 24;

#[derive(Clone, Copy)]
struct Cell16 {
    class: u16,
    w: i16,
}

#[inline(always)]
fn slot_of(key: u32, mask: usize) -> usize {
    (((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize) & mask
}

/// Asks the CPU to bring `x`'s cache line in (a hint; no effect on results).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults, and the pointer comes from a reference.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[inline(always)]
fn nonzero(key: u32) -> u32 {
    if key == 0 { 1 } else { key }
}

impl Weights {
    fn from_entries(n_classes: usize, scale: f32, entries: Vec<(u32, Vec<(u8, i16)>)>) -> Weights {
        let mut classes = Vec::new();
        let mut values = Vec::new();
        let mut ends = Vec::with_capacity(entries.len());
        let mut keys = Vec::with_capacity(entries.len());
        for (key, cells) in entries {
            for (c, v) in cells {
                classes.push(c);
                values.push(v);
            }
            ends.push(classes.len() as u32);
            keys.push(nonzero(key));
        }
        let mut w =
            Weights { n_classes, scale, mask: 0, slots: Vec::new(), cells: Vec::new(), classes, values, ends, keys };
        w.build_table();
        w
    }

    fn build_table(&mut self) {
        assert!(self.n_classes <= MAX_CLASSES && self.values.len() < MAX_CELLS, "checked when the weights are made");
        let size = (self.keys.len() * 4).next_power_of_two().max(16);
        self.mask = size - 1;
        self.slots = vec![Slot { key: 0, row: 0 }; size];
        self.cells =
            self.classes.iter().zip(&self.values).map(|(&class, &w)| Cell16 { class: class.into(), w }).collect();
        let mut start = 0u32;
        for (r, &key) in self.keys.iter().enumerate() {
            let end = self.ends[r];
            let mut i = slot_of(key, self.mask);
            while self.slots[i].key != 0 && self.slots[i].key != key {
                i = (i + 1) & self.mask;
            }
            let row = if end - start == 1 {
                let c = self.cells[start as usize];
                INLINE | (u32::from(c.class) << 16) | u32::from(c.w as u16)
            } else {
                start | ((end - start) << 24)
            };
            self.slots[i] = Slot { key, row };
            start = end;
        }
    }

    /// Number of feature rows and of weight cells.
    pub fn size(&self) -> (usize, usize) {
        (self.keys.len(), self.values.len())
    }

    /// Sums the quantised weights of `feats` into `scores` (length `n_classes`, zeroed here).
    ///
    /// The table is far larger than the caches, so the lookups are done in three passes with
    /// prefetches (slots, then the runs of longer rows, then their sums): the misses overlap
    /// instead of queueing. Sums go to a fixed array indexed by 7-bit classes (no bounds checks).
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        let mut sum = [0i32; MAX_CLASSES + 1];
        const CHUNK: usize = 64;
        for chunk in feats.chunks(CHUNK) {
            let mut at = [0usize; CHUNK];
            for (k, &f) in chunk.iter().enumerate() {
                let i = slot_of(nonzero(f), self.mask);
                prefetch(&self.slots[i]);
                at[k] = i;
            }
            let mut runs = [0u32; CHUNK];
            let mut n = 0;
            for (k, &f) in chunk.iter().enumerate() {
                let key = nonzero(f);
                let mut i = at[k];
                loop {
                    let slot = self.slots[i];
                    if slot.key == key {
                        if slot.row & INLINE != 0 {
                            sum[((slot.row >> 16) & 0x7f) as usize] += i32::from(slot.row as u16 as i16);
                        } else {
                            if let Some(c) = self.cells.get((slot.row & 0x00ff_ffff) as usize) {
                                prefetch(c);
                            }
                            runs[n] = slot.row;
                            n += 1;
                        }
                        break;
                    }
                    if slot.key == 0 {
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            for &row in &runs[..n] {
                let start = (row & 0x00ff_ffff) as usize;
                let len = ((row >> 24) & 0x7f) as usize;
                for c in &self.cells[start..start + len] {
                    sum[usize::from(c.class & 0x7f)] += i32::from(c.w);
                }
            }
        }
        scores.copy_from_slice(&sum[..scores.len()]);
    }

    /// Serialises: n_classes u32, scale f32, rows u32, cells u32, keys, run lengths (u8 counts,
    /// 255 = continued), classes, values (little-endian).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend((self.n_classes as u32).to_le_bytes());
        out.extend(self.scale.to_le_bytes());
        out.extend((self.keys.len() as u32).to_le_bytes());
        out.extend((self.values.len() as u32).to_le_bytes());
        // Keys are sorted: store deltas as varints (they compress much better).
        let mut prev = 0u32;
        for &k in &self.keys {
            write_varint(out, k - prev);
            prev = k;
        }
        let mut start = 0u32;
        for &e in &self.ends {
            write_varint(out, e - start);
            start = e;
        }
        out.extend(&self.classes);
        for v in &self.values {
            out.extend(v.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, String> {
        let n_classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let n_rows = r.u32()? as usize;
        let n_cells = r.u32()? as usize;
        if n_classes > MAX_CLASSES || n_cells >= MAX_CELLS {
            return Err(format!("{n_classes} classes and {n_cells} weights: more than the table holds"));
        }
        let mut keys = Vec::with_capacity(n_rows);
        let mut prev = 0u32;
        for _ in 0..n_rows {
            prev = prev.checked_add(r.varint()?).ok_or("key overflow")?;
            keys.push(prev);
        }
        let mut ends = Vec::with_capacity(n_rows);
        let mut end = 0u32;
        for _ in 0..n_rows {
            end = end.checked_add(r.varint()?).ok_or("row overflow")?;
            ends.push(end);
        }
        if end as usize != n_cells {
            return Err("row lengths do not add up to the cell count".into());
        }
        let classes = r.bytes(n_cells)?.to_vec();
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err("class out of range".into());
        }
        let raw = r.bytes(n_cells * 2)?;
        let values = raw.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        let keys = keys.into_iter().map(nonzero).collect();
        let mut w =
            Weights { n_classes, scale, mask: 0, slots: Vec::new(), cells: Vec::new(), classes, values, ends, keys };
        w.build_table();
        Ok(w)
    }
}

pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn write_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u32);
    out.extend(s.as_bytes());
}

/// A cursor over a model file's bytes.
pub struct Reader<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or("model file truncated")?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn varint(&mut self) -> Result<u32, String> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.bytes(1)?[0];
            v |= u32::from(b & 0x7f).checked_shl(shift).ok_or("bad varint")?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }

    pub fn str(&mut self) -> Result<&'a str, String> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| "bad string in model file".to_string())
    }
}

/// A small deterministic random generator (xorshift64*), for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trained_weights_survive_quantisation_and_serialisation() {
        let mut t = Trainer::new(3);
        for _ in 0..10 {
            t.tick();
            t.update(&[7, 9], 2, 1.0);
            t.update(&[7, 0], 1, -0.5);
        }
        let w = t.finish(1);
        let mut buf = Vec::new();
        w.write(&mut buf);
        let w2 = Weights::read(&mut Reader { data: &buf, pos: 0 }).unwrap();
        let mut s = [0i32; 3];
        w2.score(&[7, 9, 0, 12345], &mut s);
        assert!(s[2] > 0 && s[1] < 0 && s[0] == 0, "{s:?}");
        assert_eq!(w2.size(), w.size());
    }

    /// Rows of one cell live in their slot, longer rows in runs: both must sum exactly as a
    /// plain sparse sum of the same weights, for present, absent and repeated keys, and for
    /// more features than one prefetch chunk.
    #[test]
    fn inline_and_run_rows_sum_like_a_plain_sparse_sum() {
        let n_classes = 99;
        let mut entries: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
        for key in 1..400u32 {
            let len = (key % 5) as usize; // 0 (no row), 1 (inline) or 2-4 (a run)
            if len == 0 {
                continue;
            }
            let cells = (0..len)
                .map(|c| (((key as usize * 7 + c * 13) % n_classes) as u8, (key as i16 - 200) * (c as i16 + 1)))
                .collect::<Vec<_>>();
            let mut cells = cells;
            cells.sort_by_key(|c| c.0);
            cells.dedup_by_key(|c| c.0);
            entries.push((key.wrapping_mul(2_654_435_761), cells));
        }
        let plain: std::collections::HashMap<u32, Vec<(u8, i16)>> = entries.iter().cloned().collect();
        let w = Weights::from_entries(n_classes, 1.0, entries);
        let feats: Vec<u32> = (0..300u32).map(|i| (i * 37 % 450 + 1).wrapping_mul(2_654_435_761)).collect();
        let mut got = vec![0i32; n_classes];
        w.score(&feats, &mut got);
        let mut want = vec![0i32; n_classes];
        for f in &feats {
            for &(c, v) in plain.get(f).into_iter().flatten() {
                want[c as usize] += i32::from(v);
            }
        }
        assert_eq!(got, want);
        assert!(want.iter().any(|&v| v != 0));
    }

    #[test]
    fn a_model_with_more_classes_than_the_table_holds_is_refused() {
        let mut buf = Vec::new();
        Weights::from_entries(3, 1.0, vec![(5, vec![(0, 1)])]).write(&mut buf);
        buf[..4].copy_from_slice(&200u32.to_le_bytes());
        let err = Weights::read(&mut Reader { data: &buf, pos: 0 }).err().expect("refused");
        assert!(err.contains("200 classes"), "{err}");
    }
}
