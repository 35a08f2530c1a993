//! Training: a structured averaged perceptron (Collins 2002) over the features of
//! [`warta_engine::ner::features`], with Viterbi decoding under BIO constraints. Deterministic: the
//! sentence order of each epoch comes from a fixed-seed shuffle.

use warta_engine::ner::Tag;
use warta_engine::ner::features::{self, Features};
use warta_engine::ner::model::{self, Model, NTAGS, ROW};

/// One gold sentence.
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

pub struct Options {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the weight-table rows.
    pub bits: u32,
    pub seed: u64,
    /// Rows whose averaged weights are all below this are not shipped.
    pub prune: f32,
    /// Independent runs (different shuffles) whose averaged weights are averaged again:
    /// steadier than one run, whose score moves with the sentence order.
    pub runs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { epochs: 12, bits: 18, seed: 0x5EED, prune: 0.0, runs: 1 }
    }
}

fn xorshift(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

/// Train on `data`; `progress(run, epoch, token_errors, tokens)` is called after each epoch.
pub fn train(data: &[Sentence], opts: &Options, mut progress: impl FnMut(usize, usize, usize, usize)) -> Model {
    let size = 1usize << opts.bits;
    let runs = opts.runs.max(1);
    let mut w = vec![0f32; size * ROW];
    let mut tw = [[0f32; NTAGS]; 8];
    for run in 0..runs {
        let seed = opts.seed.wrapping_add(run as u64 * 0x9E37_79B9);
        let (rw, rt) = train_once(data, opts, seed, |e, err, n| progress(run + 1, e, err, n));
        for (a, b) in w.iter_mut().zip(&rw) {
            *a += b / runs as f32;
        }
        for p in 0..8 {
            for t in 0..NTAGS {
                tw[p][t] += rt[p][t] / runs as f32;
            }
        }
    }
    Model::quantise(opts.bits, &w, &tw, opts.prune)
}

type Weights = (Vec<f32>, [[f32; NTAGS]; 8]);

fn train_once(data: &[Sentence], opts: &Options, seed: u64, mut progress: impl FnMut(usize, usize, usize)) -> Weights {
    let size = 1usize << opts.bits;
    // precompute features
    let mut feats: Vec<Features> = Vec::with_capacity(data.len());
    let mut buf = String::new();
    let mut infos = Vec::new();
    for s in data {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        features::token_infos(&toks, &mut buf, &mut infos);
        let mut f = Features::default();
        features::extract(&infos, opts.bits, &mut f);
        feats.push(f);
    }
    let gold: Vec<Vec<u8>> = data.iter().map(|s| s.tags.iter().map(|t| t.index() as u8).collect()).collect();

    let mut w = vec![0f32; size * ROW];
    let mut u = vec![0f32; size * ROW];
    let mut tw = [[0f32; NTAGS]; 8];
    let mut tu = [[0f32; NTAGS]; 8];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed | 1;
    let (mut em, mut back, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    let total: usize = gold.iter().map(Vec::len).sum();
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        for &k in &order {
            let f = &feats[k];
            let g = &gold[k];
            let n = g.len();
            if n == 0 {
                continue;
            }
            em.clear();
            em.resize(n * ROW, 0f32);
            for i in 0..n {
                for &r in &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize] {
                    let row = &w[r as usize * ROW..r as usize * ROW + ROW];
                    for t in 0..NTAGS {
                        em[i * ROW + t] += row[t];
                    }
                }
            }
            model::viterbi(&em, n, &tw, f32::MIN / 4.0, &mut back, &mut pred);
            if pred == *g {
                c += 1.0;
                continue;
            }
            for i in 0..n {
                let (gt, pt) = (g[i] as usize, pred[i] as usize);
                if gt != pt {
                    errors += 1;
                    for &r in &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize] {
                        let b = r as usize * ROW;
                        w[b + gt] += 1.0;
                        u[b + gt] += c;
                        w[b + pt] -= 1.0;
                        u[b + pt] -= c;
                    }
                }
                let (gp, pp) = if i == 0 { (7, 7) } else { (g[i - 1] as usize, pred[i - 1] as usize) };
                if (gp, gt) != (pp, pt) {
                    tw[gp][gt] += 1.0;
                    tu[gp][gt] += c;
                    tw[pp][pt] -= 1.0;
                    tu[pp][pt] -= c;
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, errors, total);
    }
    // averaged weights: w - u / c
    for (wi, ui) in w.iter_mut().zip(&u) {
        *wi -= ui / c;
    }
    for p in 0..8 {
        for t in 0..NTAGS {
            tw[p][t] -= tu[p][t] / c;
        }
    }
    (w, tw)
}

/// Synthetic name parts (our own writing) for name-replacement augmentation: the NER sets
/// have few Korean, Russian or Chinese names, and none in the `Moo-jin` shape.
const KO_SURNAMES: &[&str] = &[
    "Kim", "Park", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Kwon", "Hwang", "Ahn",
];
const KO_SYLLABLES: &[&str] = &[
    "Moo", "Jin", "Jae", "Min", "Hyun", "Sung", "Young", "Soo", "Ho", "Jun", "Hee", "Kyung", "Dong", "Sang", "Chul",
    "Woo",
];
const RU_GIVEN: &[&str] = &[
    "Sergei",
    "Andrei",
    "Dmitry",
    "Nikolai",
    "Alexei",
    "Mikhail",
    "Yevgeny",
    "Oleg",
    "Anatoly",
    "Valentina",
    "Tatiana",
    "Olga",
    "Maria",
    "Boris",
    "Pavel",
    "Ivan",
];
const RU_STEMS: &[&str] = &[
    "Petr", "Ivan", "Smirn", "Kuzn", "Sokol", "Pop", "Lebed", "Kozl", "Novik", "Moroz", "Volk", "Orl", "Belous",
    "Zakhar",
];
const RU_ENDINGS: &[&str] = &["ov", "ev", "in", "sky", "enko", "ova", "ovich", "yuk"];
const ZH_SURNAMES: &[&str] =
    &["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"];
const ZH_GIVEN: &[&str] = &["Yi", "Wei", "Qiang", "Jianguo", "Xiaoming", "Lei", "Fang", "Min", "Hua", "Jun"];

fn pick<'a>(rng: &mut u64, xs: &[&'a str]) -> &'a str {
    xs[(xorshift(rng) % xs.len() as u64) as usize]
}

fn synthetic_name(rng: &mut u64) -> Vec<String> {
    match xorshift(rng) % 3 {
        0 => {
            let a = pick(rng, KO_SYLLABLES);
            let b = pick(rng, KO_SYLLABLES).to_lowercase();
            vec![pick(rng, KO_SURNAMES).to_string(), format!("{a}-{b}")]
        }
        1 => {
            let stem = pick(rng, RU_STEMS);
            vec![pick(rng, RU_GIVEN).to_string(), format!("{stem}{}", pick(rng, RU_ENDINGS))]
        }
        _ => vec![pick(rng, ZH_SURNAMES).to_string(), pick(rng, ZH_GIVEN).to_string()],
    }
}

/// Copies of about one in `every` cased sentences that name a person, with each person
/// replaced by a synthetic Korean, Russian or Chinese name (deterministic for a seed).
pub fn augment_names(data: &[Sentence], every: u64, seed: u64) -> Vec<Sentence> {
    use warta_engine::analysis::EntityKind::Per;
    let mut rng = seed | 1;
    let mut out = Vec::new();
    for s in data {
        let has_per = s.tags.contains(&Tag::B(Per));
        let cased = s.tokens.iter().any(|t| t.chars().any(char::is_uppercase));
        if !has_per || !cased || !xorshift(&mut rng).is_multiple_of(every) {
            continue;
        }
        let mut tokens = Vec::new();
        let mut tags = Vec::new();
        let mut i = 0;
        while i < s.tokens.len() {
            if s.tags[i] == Tag::B(Per) {
                let mut j = i + 1;
                while j < s.tokens.len() && s.tags[j] == Tag::I(Per) {
                    j += 1;
                }
                for (k, w) in synthetic_name(&mut rng).into_iter().enumerate() {
                    tokens.push(w);
                    tags.push(if k == 0 { Tag::B(Per) } else { Tag::I(Per) });
                }
                i = j;
            } else {
                tokens.push(s.tokens[i].clone());
                tags.push(s.tags[i]);
                i += 1;
            }
        }
        out.push(Sentence { tokens, tags });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_engine::analysis::EntityKind::*;
    use warta_engine::ner::Tagger;

    fn sent(s: &str) -> Sentence {
        let mut tokens = Vec::new();
        let mut tags = Vec::new();
        for pair in s.split_whitespace() {
            let (w, t) = pair.split_once('/').unwrap_or((pair, "O"));
            tokens.push(w.to_string());
            tags.push(match t {
                "O" => Tag::O,
                t => Tag::parse(t).unwrap(),
            });
        }
        Sentence { tokens, tags }
    }

    #[test]
    fn learns_a_toy_pattern_deterministically() {
        let data = vec![
            sent("Gubernur Andika/B-PER Saputra/I-PER meresmikan jembatan di Lamongan/B-LOC ."),
            sent("Bupati Rina/B-PER Wulandari/I-PER berkunjung ke Sleman/B-LOC ."),
            sent("Dinas/B-ORG Pendidikan/I-ORG Sleman/I-ORG membuka sekolah baru ."),
            sent("Warga Lamongan/B-LOC menyambut Gubernur Andika/B-PER ."),
        ];
        let opts = Options { epochs: 8, bits: 12, ..Options::default() };
        let a = train(&data, &opts, |_, _, _, _| {});
        let b = train(&data, &opts, |_, _, _, _| {});
        assert_eq!(a.to_bytes(), b.to_bytes(), "training is deterministic");
        let t = Tagger::from_model(a);
        let toks = ["Bupati", "Rina", "Wulandari", "berkunjung", "ke", "Lamongan", "."];
        let tags = t.tag(&toks);
        assert_eq!(tags[1], Tag::B(Per));
        assert_eq!(tags[2], Tag::I(Per));
        assert_eq!(tags[5], Tag::B(Loc));
        assert_eq!(tags[3], Tag::O);
        let _ = Org;
    }
}
