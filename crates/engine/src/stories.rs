//! Stories: articles from many outlets about one happening, grouped incrementally.
//!
//! An article joins the story whose content it shares most (TF-IDF cosine over content words
//! and entity names, against the story's centroid) when that story has an article dated
//! within `window_days` of it; otherwise it starts a story. Exact and near copies
//! ([`crate::dedup`]) always join the story of the article they copy.
//!
//! **Properties:** adding an article never moves another article out of its story (stories
//! only grow); the cost of adding one article is one pass over the current stories' centroids
//! (no re-clustering of the world).

use crate::analysis::{Analysis, Precision};
use crate::dedup::{Deduper, Group, Match};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

static STOPWORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords-id.txt").lines().map(str::trim).filter(|w| !w.is_empty()).collect()
});

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
        Config { min_similarity: 0.3, window_days: 10, near_duplicate: 0.7 }
    }
}

/// One story as `warta stories` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Story {
    pub id: String,
    pub title: String,
    /// The articles' `source`s, in the order they were added.
    pub articles: Vec<String>,
    /// Timeline entries (filled from events once the events stage lands).
    pub timeline: Vec<serde_json::Value>,
    /// Earliest and latest article dates.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Outlets that report the story.
    pub outlets: Vec<String>,
}

/// A group of copies as `warta stories` prints it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Duplicates {
    pub kind: &'static str,
    pub articles: Vec<String>,
}

#[derive(Debug, Clone)]
struct StoryState {
    members: Vec<usize>,
    centroid: HashMap<u32, f32>,
    dates: Vec<Date>,
}

/// The incremental engine: add analyses one at a time, read stories at any point.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    dedup: Deduper,
    vocab: HashMap<String, u32>,
    df: Vec<u32>,
    docs: usize,
    stories: Vec<StoryState>,
    story_of: Vec<usize>,
    sources: Vec<String>,
    titles: Vec<Option<String>>,
    leads: Vec<String>,
    outlets: Vec<Option<String>>,
    dates: Vec<Option<Date>>,
}

impl Engine {
    pub fn new(config: Config) -> Self {
        Engine {
            dedup: Deduper::new(config.near_duplicate),
            config,
            vocab: HashMap::new(),
            df: Vec::new(),
            docs: 0,
            stories: Vec::new(),
            story_of: Vec::new(),
            sources: Vec::new(),
            titles: Vec::new(),
            leads: Vec::new(),
            outlets: Vec::new(),
            dates: Vec::new(),
        }
    }

    /// Add one article; returns the index of the story it joined or started.
    pub fn add(&mut self, a: &Analysis) -> usize {
        let id = self.sources.len();
        let body = a.body.join("\n");
        let dup = self.dedup.add(&body);
        let date = article_date(a);
        let terms = self.terms(a);
        self.sources.push(a.source.clone());
        self.titles.push(a.title.clone());
        self.leads.push(a.body.first().cloned().unwrap_or_default());
        self.outlets.push(a.outlet.clone());
        self.dates.push(date);

        let vector = self.tfidf(&terms);
        let story = match dup {
            Match::Exact { of } | Match::Near { of, .. } => self.story_of[of],
            Match::New => self.best_story(&vector, date).unwrap_or(self.stories.len()),
        };
        if story == self.stories.len() {
            self.stories.push(StoryState { members: Vec::new(), centroid: HashMap::new(), dates: Vec::new() });
        }
        let s = &mut self.stories[story];
        s.members.push(id);
        for (t, w) in vector {
            *s.centroid.entry(t).or_default() += w;
        }
        if let Some(d) = date {
            s.dates.push(d);
        }
        self.story_of.push(story);
        story
    }

    fn best_story(&self, v: &[(u32, f32)], date: Option<Date>) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, s) in self.stories.iter().enumerate() {
            if let Some(d) = date
                && !s.dates.is_empty()
                && !s.dates.iter().any(|sd| days_between(*sd, d) <= self.config.window_days)
            {
                continue;
            }
            let sim = cosine(v, &s.centroid);
            if sim >= self.config.min_similarity && best.is_none_or(|(_, b)| sim > b) {
                best = Some((i, sim));
            }
        }
        best.map(|b| b.0)
    }

    /// Content terms: lower-cased words that are not stopwords, plus entity canonical names
    /// (counted twice: a shared actor says more than a shared word).
    fn terms(&mut self, a: &Analysis) -> HashMap<u32, f32> {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        let mut add = |engine: &mut Engine, term: String, w: f32| {
            let next = engine.vocab.len() as u32;
            let id = *engine.vocab.entry(term).or_insert(next);
            if id as usize == engine.df.len() {
                engine.df.push(0);
            }
            *tf.entry(id).or_default() += w;
        };
        for p in &a.body {
            for w in p.split(|c: char| !c.is_alphanumeric() && c != '-') {
                let w = w.to_lowercase();
                if w.chars().count() < 3 || STOPWORDS.contains(w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                add(self, w, 1.0);
            }
        }
        for e in &a.entities {
            add(self, format!("entity:{}", e.name), 2.0 * e.mentions.len().max(1) as f32);
        }
        self.docs += 1;
        for id in tf.keys() {
            self.df[*id as usize] += 1;
        }
        tf
    }

    fn tfidf(&self, tf: &HashMap<u32, f32>) -> Vec<(u32, f32)> {
        let n = self.docs as f32;
        let mut v: Vec<(u32, f32)> = tf
            .iter()
            .map(|(&t, &f)| (t, (1.0 + f.ln()) * (1.0 + ((1.0 + n) / (1.0 + self.df[t as usize] as f32)).ln())))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| x.1 /= norm);
        v.sort_by_key(|x| x.0);
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

    /// The stories so far, in the order they were started.
    pub fn stories(&self) -> Vec<Story> {
        self.stories
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut dates = s.dates.clone();
                dates.sort();
                let mut outlets: Vec<String> = Vec::new();
                for &m in &s.members {
                    if let Some(o) = &self.outlets[m]
                        && !outlets.contains(o)
                    {
                        outlets.push(o.clone());
                    }
                }
                Story {
                    id: format!("s{}", i + 1),
                    title: self.title(s),
                    articles: s.members.iter().map(|&m| self.sources[m].clone()).collect(),
                    timeline: Vec::new(),
                    first_date: dates.first().map(|d| d.to_string()),
                    last_date: dates.last().map(|d| d.to_string()),
                    outlets,
                }
            })
            .collect()
    }

    /// A story's title: the headline of its earliest titled article, else the first sentence
    /// of its earliest article's lead without the dateline.
    fn title(&self, s: &StoryState) -> String {
        let mut members = s.members.clone();
        members.sort_by_key(|&m| self.dates[m]);
        if let Some(t) = members.iter().find_map(|&m| self.titles[m].clone()) {
            return t;
        }
        let lead = members.first().map_or("", |&m| self.leads[m].as_str());
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
}

/// The day an article stands for: its publication day, or the earliest day its coarser date
/// allows, or the first day of that month or year.
pub fn article_date(a: &Analysis) -> Option<Date> {
    let p = a.published.as_ref()?;
    if let Some(e) = &p.earliest
        && let Ok(d) = e.parse::<Date>()
    {
        return Some(d);
    }
    let v = &p.value;
    match p.precision {
        Precision::Day => v.parse().ok(),
        Precision::Month => format!("{v}-01").parse().ok(),
        Precision::Year => format!("{v}-01-01").parse().ok(),
    }
}

fn days_between(a: Date, b: Date) -> i32 {
    (a.since(b).map(|s| s.get_days()).unwrap_or(i32::MAX)).abs()
}

fn cosine(v: &[(u32, f32)], centroid: &HashMap<u32, f32>) -> f32 {
    let norm = centroid.values().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
    v.iter().map(|(t, w)| w * centroid.get(t).copied().unwrap_or(0.0)).sum::<f32>() / norm
}
