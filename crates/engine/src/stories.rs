//! Stories: articles from many outlets about one happening, grouped incrementally.
//!
//! An article joins the story whose content it shares most (TF-IDF cosine over content words
//! and entity names, against the story's centroid) when that story has an article dated
//! within `window_days` of it; otherwise it starts a story. Exact and near copies
//! ([`crate::dedup`]) always join the story of the article they copy.
//!
//! **Properties:** adding an article never moves another article out of its story (stories
//! only grow); adding one article costs a bounded amount of work, independent of the number
//! of stories (no re-clustering of the world):
//!
//! - **Candidates** come from an inverted index: each article posts its story under its
//!   `INDEX_TERMS` heaviest terms (entities weigh most) in the time bucket of its date
//!   (buckets `window_days` wide). A new article looks up its own heaviest terms in the
//!   buckets that can hold a date within the window, ranks the stories found by how many
//!   terms they share, and computes the full cosine for the best `MAX_CANDIDATES` only. At
//!   most `MAX_POSTINGS` of the latest stories of one posting list are read.
//! - **Centroids** keep their `CENTROID_TERMS` heaviest terms.
//! - **Shared actors:** an article that names entities joins only a story whose centroid
//!   names at least two of them (one, when the article names one).
//! - An **undated** article is looked up around the latest date seen (treated as current
//!   news), and joins any story there, dated or not.
//!
//! **Order.** Assignment is greedy, so the input order can change which articles join which
//! story at the margins (an article between two stories, idf still settling in the first
//! hundreds of articles). `warta-eval eval dedup` measures it on the generated corpus (two orders:
//! by date and shuffled within each day); the documented tolerance is 5 % of articles.
//!
//! **Threads.** [`prepare`] (tokenising, hashing, MinHash) is pure and may run on many
//! threads; [`Engine::add_prepared`] is the single writer.

use crate::analysis::Analysis;
use crate::calendar::{article_date, date_of, day_number};
use crate::dedup::{self, Deduper, Group, IdMap, Match, Sketch};
use jiff::civil::Date;
use serde::Serialize;
use std::sync::LazyLock;

static STOPWORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords-id.txt").lines().map(str::trim).filter(|w| !w.is_empty()).collect()
});

/// Terms of a centroid kept (the heaviest).
pub const CENTROID_TERMS: usize = 64;
/// Terms an article is indexed and looked up under.
pub const INDEX_TERMS: usize = 12;
/// Stories whose full cosine is computed per article.
pub const MAX_CANDIDATES: usize = 48;
/// Latest stories read from one posting list.
pub const MAX_POSTINGS: usize = 512;

/// Settings of the story engine.
#[derive(Debug, Clone)]
pub struct Config {
    /// Cosine similarity to a story's centroid needed to join it.
    pub min_similarity: f32,
    /// Days between an article and the nearest dated article of a story.
    pub window_days: i32,
    /// Estimated Jaccard similarity above which two articles are near copies.
    pub near_duplicate: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config { min_similarity: 0.3, window_days: 10, near_duplicate: dedup::NEAR_COPY }
    }
}

/// One story as `warta stories` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Story {
    pub id: String,
    pub title: String,
    /// The articles' `source`s, in the order they were added.
    pub articles: Vec<String>,
    /// The merged timeline of the story's articles ([`crate::timeline::build`]): its own
    /// happenings, on the story's axis. Empty until [`Story::set_timeline`] fills it.
    pub timeline: Vec<crate::timeline::Entry>,
    /// The entries marked background (events long before the story: "pada 2019", "1945"), kept
    /// off the main axis, in date order.
    pub background: Vec<crate::timeline::Entry>,
    /// One paragraph from the key entries of the timeline ([`crate::timeline::lede`]), null
    /// before the timeline is built or when it holds only background.
    pub lede: Option<String>,
    /// The timeline entries the lede tells, by index.
    pub lede_entries: Vec<usize>,
    /// Earliest and latest article dates.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Outlets that report the story.
    pub outlets: Vec<String>,
    /// Names its articles give one actor differently, read as one in the timeline, each with
    /// why and the article that shows it ([`crate::variants`]).
    pub name_variants: Vec<crate::variants::Variant>,
}

impl Story {
    /// Fill the timeline and the name variants from the story's articles.
    pub fn tell(&mut self, members: &[&crate::Analysis]) {
        self.tell_with(members, &[]);
    }

    /// [`Story::tell`] with witnesses: articles outside the story whose clashing dates for the
    /// story's happenings become conflicts ([`crate::timeline::build_with_witnesses`]).
    pub fn tell_with(&mut self, members: &[&crate::Analysis], witnesses: &[&crate::Analysis]) {
        let variants = crate::variants::Variants::build(members.iter().copied());
        self.set_timeline(crate::timeline::build_with_witnesses(members, witnesses, &variants));
        self.name_variants = variants.joins().to_vec();
    }

    /// Fill the timeline and the background list (and the lede told from the timeline).
    pub fn set_timeline(&mut self, entries: Vec<crate::timeline::Entry>) {
        let (background, main): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.background);
        (self.lede, self.lede_entries) = crate::timeline::lede(&main).map_or((None, Vec::new()), |(t, i)| (Some(t), i));
        self.timeline = main;
        self.background = background;
    }
}

/// How many witnesses a story's timeline reads at most ([`tell_all`]).
pub const WITNESSES: usize = 32;

/// Tell every story ([`Story::tell_with`]) from `analyses` (every article of the stories, by
/// `source`), each with its witnesses: the articles of other stories that name at least two of
/// the same people or organisations (gazetteer key, else name), most shared first, at most
/// [`WITNESSES`]. So a story's timeline shows where another story's article dates one of its
/// happenings differently, though clustering kept the articles apart.
pub fn tell_all(stories: &mut [Story], analyses: &[&Analysis]) {
    use std::collections::{BTreeSet, HashMap};
    let by_source: HashMap<&str, usize> = analyses.iter().enumerate().map(|(i, a)| (a.source.as_str(), i)).collect();
    let actors: Vec<BTreeSet<String>> = analyses
        .iter()
        .map(|a| {
            a.entities
                .iter()
                .filter(|e| matches!(e.kind, crate::analysis::EntityKind::Per | crate::analysis::EntityKind::Org))
                .map(|e| e.kb.clone().unwrap_or_else(|| e.name.to_lowercase()))
                .collect()
        })
        .collect();
    let mut named_in: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in actors.iter().enumerate() {
        for k in set {
            named_in.entry(k.as_str()).or_default().push(i);
        }
    }
    for story in stories.iter_mut() {
        let own: Vec<usize> = story.articles.iter().filter_map(|s| by_source.get(s.as_str()).copied()).collect();
        let keys: BTreeSet<&str> = own.iter().flat_map(|&i| actors[i].iter().map(String::as_str)).collect();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for k in keys {
            for &j in named_in.get(k).into_iter().flatten() {
                *shared.entry(j).or_default() += 1;
            }
        }
        let mut witnesses: Vec<(usize, usize)> =
            shared.into_iter().filter(|&(j, n)| n >= 2 && !own.contains(&j)).collect();
        witnesses.sort_by_key(|&(j, n)| (std::cmp::Reverse(n), j));
        witnesses.truncate(WITNESSES);
        let members: Vec<&Analysis> = own.iter().map(|&i| analyses[i]).collect();
        let witnesses: Vec<&Analysis> = witnesses.iter().map(|&(j, _)| analyses[j]).collect();
        story.tell_with(&members, &witnesses);
    }
}

/// A group of copies as `warta stories` prints it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Duplicates {
    pub kind: &'static str,
    pub articles: Vec<String>,
}

/// The light per-article input of the story engine: what [`Engine::add`] takes from an
/// [`Analysis`], also buildable directly (benchmarks, the store).
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub source: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub date: Option<Date>,
    /// Body paragraphs (the first is the lead).
    pub body: &'a [String],
    /// Entity canonical names with their mention counts.
    pub entities: &'a [(&'a str, u32)],
}

/// An article made ready for [`Engine::add_prepared`] by the pure [`prepare`].
#[derive(Debug, Clone)]
pub struct Prepared {
    source: String,
    title: Option<String>,
    outlet: Option<String>,
    lead: String,
    date: Option<Date>,
    sketch: Sketch,
    /// (term hash, raw weight), sorted by hash.
    terms: Vec<(u64, f32)>,
}

/// Tokenise, hash and sketch one article: pure, thread-safe.
pub fn prepare(p: &Parts) -> Prepared {
    let mut terms: Vec<(u64, f32)> = Vec::with_capacity(256);
    let mut lower = String::new();
    for para in p.body {
        for w in para.split(|c: char| !c.is_alphanumeric() && c != '-') {
            if w.len() < 3 {
                continue;
            }
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            if lower.chars().count() < 3
                || lower.bytes().all(|b| b.is_ascii_digit())
                || STOPWORDS.contains(lower.as_str())
            {
                continue;
            }
            terms.push((term_hash(0, lower.as_bytes()), 1.0));
        }
    }
    for (name, mentions) in p.entities {
        terms.push((term_hash(1, name.as_bytes()), 2.0 * (*mentions).max(1) as f32));
    }
    terms.sort_unstable_by_key(|t| t.0);
    terms.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    Prepared {
        source: p.source.to_string(),
        title: p.title.map(str::to_string),
        outlet: p.outlet.map(str::to_string),
        lead: p.body.first().cloned().unwrap_or_default(),
        date: p.date,
        sketch: dedup::sketch(p.body.iter().map(String::as_str)),
        terms,
    }
}

/// [`prepare`] for an analysed article: what [`Engine::add`] does before the single writer's
/// part, so callers can run it on worker threads.
pub fn prepare_analysis(a: &Analysis) -> Prepared {
    let entities: Vec<(&str, u32)> =
        a.entities.iter().map(|e| (e.name.as_str(), e.mentions.len().max(1) as u32)).collect();
    prepare(&Parts {
        source: &a.source,
        title: a.title.as_deref(),
        outlet: a.outlet.as_deref(),
        date: article_date(a),
        body: &a.body,
        entities: &entities,
    })
}

/// A term's hash; the lowest bit says whether it is an entity name (1) or a word (0).
fn term_hash(kind: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ kind;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    ((h ^ (h >> 32)) & !1) | kind
}

#[derive(Debug, Clone)]
struct StoryState {
    members: Vec<u32>,
    /// (term id, summed weight), sorted by term id, at most CENTROID_TERMS.
    centroid: Vec<(u32, f32)>,
    norm: f32,
    /// Distinct article days, sorted.
    days: Vec<i32>,
    /// The headline of the earliest titled article.
    title: Option<(Option<i32>, String)>,
    /// The lead of the earliest article.
    lead: Option<(Option<i32>, String)>,
}

/// The incremental engine: add articles one at a time, read stories at any point.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    dedup: Deduper,
    vocab: IdMap<u64, u32>,
    df: Vec<u32>,
    /// Per term id: whether it is an entity name.
    entity_term: Vec<bool>,
    docs: usize,
    stories: Vec<StoryState>,
    story_of: Vec<u32>,
    sources: Vec<String>,
    outlet_of: Vec<u32>,
    outlets: Vec<String>,
    outlet_ids: std::collections::HashMap<String, u32>,
    /// (term id, time bucket) → stories, latest last.
    index: IdMap<u64, Vec<u32>>,
    latest_day: Option<i32>,
}

const UNDATED: i32 = i32::MIN;
const NO_OUTLET: u32 = u32::MAX;

impl Engine {
    pub fn new(config: Config) -> Self {
        Engine {
            dedup: Deduper::new(config.near_duplicate),
            config,
            vocab: IdMap::default(),
            df: Vec::new(),
            entity_term: Vec::new(),
            docs: 0,
            stories: Vec::new(),
            story_of: Vec::new(),
            sources: Vec::new(),
            outlet_of: Vec::new(),
            outlets: Vec::new(),
            outlet_ids: std::collections::HashMap::new(),
            index: IdMap::default(),
            latest_day: None,
        }
    }

    /// Add one analysed article; returns the index of the story it joined or started.
    pub fn add(&mut self, a: &Analysis) -> usize {
        self.add_prepared(prepare_analysis(a))
    }

    /// Add one article from its light parts.
    pub fn add_parts(&mut self, p: &Parts) -> usize {
        self.add_prepared(prepare(p))
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.story_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.story_of.is_empty()
    }

    /// The story (index into [`Engine::stories`]) of an article, by the order added.
    pub fn story_of(&self, article: usize) -> usize {
        self.story_of[article] as usize
    }

    /// Number of stories so far.
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Add one prepared article (the single writer).
    pub fn add_prepared(&mut self, p: Prepared) -> usize {
        let id = self.story_of.len() as u32;
        let dup = self.dedup.add_sketch(&p.sketch);
        let day = p.date.map(day_number);
        if let Some(d) = day {
            self.latest_day = Some(self.latest_day.map_or(d, |l| l.max(d)));
        }
        // Vocabulary and document frequencies.
        self.docs += 1;
        let mut tf: Vec<(u32, f32)> = Vec::with_capacity(p.terms.len());
        for &(h, w) in &p.terms {
            let next = self.vocab.len() as u32;
            let t = *self.vocab.entry(h).or_insert(next);
            if t as usize == self.df.len() {
                self.df.push(0);
                self.entity_term.push(h & 1 == 1);
            }
            self.df[t as usize] += 1;
            tf.push((t, w));
        }
        let vector = self.tfidf(&tf);
        let story = match dup {
            Match::Exact { of } | Match::Near { of, .. } => self.story_of[of] as usize,
            Match::New => self.best_story(&vector, day).unwrap_or(self.stories.len()),
        };
        if story == self.stories.len() {
            self.stories.push(StoryState {
                members: Vec::new(),
                centroid: Vec::new(),
                norm: 0.0,
                days: Vec::new(),
                title: None,
                lead: None,
            });
        }
        // Index the story under the article's heaviest terms, in its time bucket.
        let bucket = day.map_or(UNDATED, |d| d.div_euclid(self.config.window_days.max(1)));
        for &(t, _) in heaviest(&vector, INDEX_TERMS).iter() {
            let list = self.index.entry(index_key(t, bucket)).or_default();
            if list.last() != Some(&(story as u32)) {
                list.push(story as u32);
            }
        }
        let outlet = match p.outlet {
            Some(o) => match self.outlet_ids.get(&o) {
                Some(&i) => i,
                None => {
                    let i = self.outlets.len() as u32;
                    self.outlet_ids.insert(o.clone(), i);
                    self.outlets.push(o);
                    i
                }
            },
            None => NO_OUTLET,
        };
        let s = &mut self.stories[story];
        s.members.push(id);
        s.centroid = merge_capped(&s.centroid, &vector, CENTROID_TERMS);
        s.norm = s.centroid.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if let Some(d) = day
            && let Err(i) = s.days.binary_search(&d)
        {
            s.days.insert(i, d);
        }
        if let Some(t) = p.title
            && s.title.as_ref().is_none_or(|(d, _)| day < *d)
        {
            s.title = Some((day, t));
        }
        if s.lead.as_ref().is_none_or(|(d, _)| day < *d) {
            s.lead = Some((day, p.lead));
        }
        self.story_of.push(story as u32);
        self.sources.push(p.source);
        self.outlet_of.push(outlet);
        story
    }

    fn best_story(&self, v: &[(u32, f32)], day: Option<i32>) -> Option<usize> {
        let w = self.config.window_days.max(0);
        let width = self.config.window_days.max(1);
        let centre = day.or(self.latest_day);
        let mut buckets: Vec<i32> = match centre {
            Some(d) => ((d - w).div_euclid(width)..=(d + w).div_euclid(width)).collect(),
            None => Vec::new(),
        };
        buckets.push(UNDATED);
        // Stories sharing the article's heaviest terms, counted.
        let mut shared: Vec<(u32, u32)> = Vec::new();
        for &(t, _) in heaviest(v, INDEX_TERMS).iter() {
            for &b in &buckets {
                if let Some(list) = self.index.get(&index_key(t, b)) {
                    for &s in list.iter().rev().take(MAX_POSTINGS) {
                        shared.push((s, 1));
                    }
                }
            }
        }
        shared.sort_unstable_by_key(|x| x.0);
        shared.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        if shared.len() > MAX_CANDIDATES {
            // Most shared terms first; among equals the latest story.
            shared.select_nth_unstable_by(MAX_CANDIDATES - 1, |a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            shared.truncate(MAX_CANDIDATES);
            shared.sort_unstable_by_key(|x| x.0);
        }
        let entities: Vec<u32> = v.iter().filter(|x| self.entity_term[x.0 as usize]).map(|x| x.0).collect();
        let mut best: Option<(usize, f32)> = None;
        for &(i, _) in &shared {
            let s = &self.stories[i as usize];
            if let Some(d) = day
                && !s.days.is_empty()
                && !within(&s.days, d, w)
            {
                continue;
            }
            // Shared actors: an article naming two or more entities joins only a story that
            // names at least two of them (one when it names one).
            if !entities.is_empty() {
                let common = s.centroid.iter().filter(|c| entities.binary_search(&c.0).is_ok()).count();
                if common < entities.len().min(2) {
                    continue;
                }
            }
            let sim = cosine(v, &s.centroid, s.norm);
            if sim >= self.config.min_similarity && best.is_none_or(|(_, b)| sim > b) {
                best = Some((i as usize, sim));
            }
        }
        best.map(|b| b.0)
    }

    fn tfidf(&self, tf: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let n = self.docs as f32;
        let mut v: Vec<(u32, f32)> = tf
            .iter()
            .map(|&(t, f)| (t, (1.0 + f.ln()) * (1.0 + ((1.0 + n) / (1.0 + self.df[t as usize] as f32)).ln())))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| x.1 /= norm);
        v.sort_unstable_by_key(|x| x.0);
        v
    }

    /// Groups of exact or near copies, by `source`.
    pub fn duplicates(&mut self) -> Vec<Duplicates> {
        self.dedup
            .groups()
            .into_iter()
            .map(|Group { members, exact }| Duplicates {
                kind: if exact { "exact" } else { "near" },
                articles: members.iter().map(|&m| self.sources[m].clone()).collect(),
            })
            .collect()
    }

    /// Groups of exact or near copies, by article number (the order added).
    pub fn duplicate_groups(&mut self) -> Vec<Group> {
        self.dedup.groups()
    }

    /// Approximate heap bytes of the duplicate finder (for reports).
    pub fn dedup_heap_bytes(&self) -> usize {
        self.dedup.heap_bytes()
    }

    /// The stories so far, in the order they were started.
    pub fn stories(&self) -> Vec<Story> {
        (0..self.stories.len()).map(|i| self.story(i)).collect()
    }

    /// One story (index as returned by [`Engine::add`]), built alone: the store rewrites only
    /// the stories a batch touched.
    pub fn story(&self, i: usize) -> Story {
        let s = &self.stories[i];
        let mut outlets: Vec<String> = Vec::new();
        for &m in &s.members {
            let o = self.outlet_of[m as usize];
            if o != NO_OUTLET && !outlets.contains(&self.outlets[o as usize]) {
                outlets.push(self.outlets[o as usize].clone());
            }
        }
        Story {
            id: format!("s{}", i + 1),
            title: title(s),
            articles: s.members.iter().map(|&m| self.sources[m as usize].clone()).collect(),
            timeline: Vec::new(),
            background: Vec::new(),
            lede: None,
            lede_entries: Vec::new(),
            first_date: s.days.first().map(|&d| date_of(d).to_string()),
            last_date: s.days.last().map(|&d| date_of(d).to_string()),
            outlets,
            name_variants: Vec::new(),
        }
    }
}

/// A story's title: the headline of its earliest titled article, else the first sentence
/// of its earliest article's lead without the dateline.
fn title(s: &StoryState) -> String {
    if let Some((_, t)) = &s.title {
        return t.clone();
    }
    let lead = s.lead.as_ref().map_or("", |(_, l)| l.as_str());
    // Skip a dateline ("OUTLET, CITY - ", "OUTLET - CITY. ") before the first sentence.
    let lead = match lead.find(" - ").or_else(|| lead.find(" -- ")) {
        Some(i) if i < 60 => lead[i..].trim_start_matches([' ', '-']),
        _ => lead,
    };
    let sentences = crate::segment::sentences(lead, crate::analysis::Span::new(0, lead.len()));
    let sentence = sentences.iter().map(|s| s.of(lead)).find(|s| s.len() > 40).unwrap_or(lead);
    let mut title: String = sentence.chars().take(140).collect();
    if title.len() < sentence.len() {
        title.push('…');
    }
    title
}

fn index_key(term: u32, bucket: i32) -> u64 {
    ((term as u64) << 32) | bucket as u32 as u64
}

/// The `k` heaviest entries of a vector (any order).
fn heaviest(v: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    let mut h = v.to_vec();
    if h.len() > k {
        h.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        h.truncate(k);
    }
    h
}

/// Sum of two term-sorted vectors, keeping the `cap` heaviest terms, term-sorted.
fn merge_capped(a: &[(u32, f32)], b: &[(u32, f32)], cap: usize) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    if out.len() > cap {
        out = heaviest(&out, cap);
        out.sort_unstable_by_key(|x| x.0);
    }
    out
}

fn within(days: &[i32], d: i32, w: i32) -> bool {
    let i = days.partition_point(|&x| x < d - w);
    i < days.len() && days[i] <= d + w
}

fn cosine(v: &[(u32, f32)], centroid: &[(u32, f32)], norm: f32) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < v.len() && j < centroid.len() {
        match v[i].0.cmp(&centroid[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += v[i].1 * centroid[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / norm.max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2000, 3, 1), (1969, 12, 31), (2025, 12, 31)] {
            let date = jiff::civil::date(y, m, d);
            let n = day_number(date);
            assert_eq!(date_of(n), date);
            let epoch = jiff::civil::date(1970, 1, 1);
            assert_eq!(n, date.since(epoch).unwrap().get_days());
        }
    }

    #[test]
    fn merge_keeps_the_heaviest_terms_sorted() {
        let a = vec![(1, 0.5), (3, 0.1), (5, 0.9)];
        let b = vec![(2, 0.2), (3, 0.7), (6, 0.05)];
        let m = merge_capped(&a, &b, 3);
        assert_eq!(m.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1, 3, 5]);
        assert!((m[1].1 - 0.8).abs() < 1e-6);
    }

    #[test]
    fn window_lookup() {
        assert!(within(&[10, 20], 25, 5));
        assert!(!within(&[10, 20], 26, 5));
        assert!(within(&[10, 20], 5, 5));
        assert!(!within(&[], 5, 5));
    }
}
