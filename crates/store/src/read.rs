//! Reads by id, for the server: one article with its stored analysis, one entity with its
//! articles and stories, the members of a story, entity ids by name, and search facets over a
//! set of articles. Each returns serde values; `None` means "no such id" (the caller says 404).

use crate::Store;
use crate::{Result, StoreError};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use warta_engine::analysis::{EntityKind, EventType};

/// An article as a list shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleRef {
    pub id: i64,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    /// The title of `story`, so a list can name it.
    pub story_title: Option<String>,
}

/// One stored article: its decoded text (the offsets of the analysis point into it) and the
/// stored analysis (the object `warta analyze` prints).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleView {
    #[serde(flatten)]
    pub meta: ArticleRef,
    pub rev: i64,
    pub ingested_at: String,
    pub text: String,
    pub analysis: serde_json::Value,
}

/// One stored entity (a canonical name with its type) across the store.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityView {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The gazetteer key, when an analysis linked it.
    pub kb: Option<String>,
    /// Every other form the articles write it in (mention texts), most frequent first.
    pub aliases: Vec<String>,
    /// Mentions summed over the articles.
    pub mentions: i64,
    pub articles: Vec<ArticleRef>,
    pub stories: Vec<String>,
    /// Each of `stories` by its title (id → title).
    pub story_titles: BTreeMap<String, String>,
    /// Other names its stories' articles give the same actor, read as one in their timelines
    /// ([`warta_engine::variants`]), each with why, the article that shows it and the story.
    pub same_as: Vec<SameAs>,
}

/// One name variant of an entity within one of its stories.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SameAs {
    /// The other name, and its entity id when the store has it under that name.
    pub name: String,
    pub entity: Option<i64>,
    /// The name the story's timeline uses for both.
    pub canonical: String,
    pub reason: warta_engine::variants::MergeReason,
    /// The article (`source`) that shows the join.
    pub source: String,
    pub story: String,
}

/// How many of an entity's stories (the most recent) are read for its name variants.
pub const SAME_AS_STORIES: usize = 20;

/// Counts of a result set by outlet, entity, year, month and story (value → articles).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Facets {
    pub outlet: BTreeMap<String, usize>,
    /// The `ENTITY_FACETS` most frequent canonical names.
    pub entity: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
    pub month: BTreeMap<String, usize>,
    pub story: BTreeMap<String, usize>,
    /// Articles with at least one event of each type.
    pub event_type: BTreeMap<EventType, usize>,
}

/// Articles per day per outlet over a set of articles (a coverage chart's data).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Coverage {
    /// Each dated day, in order: `{"date", "total", "outlets": {outlet: articles}}`.
    pub days: Vec<CoverageDay>,
    /// Every outlet, most articles first (a chart's legend order).
    pub outlets: Vec<String>,
    /// Articles without a publication day (not in `days`).
    pub undated: usize,
    /// Articles counted.
    pub articles: usize,
}

/// One day of [`Coverage`].
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CoverageDay {
    pub date: String,
    pub total: usize,
    pub outlets: BTreeMap<String, usize>,
}

/// The outlet name coverage uses for an article that names none.
pub const UNKNOWN_OUTLET: &str = "?";

/// How many entity values a facet keeps.
pub const ENTITY_FACETS: usize = 20;

fn article_ref(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: r.get(0)?,
        source: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        published: r.get(4)?,
        story: r.get::<_, Option<i64>>(5)?.map(|s| format!("s{s}")),
        story_title: r.get(6)?,
    })
}

const REF_COLUMNS: &str = "a.id, a.source, a.title, a.outlet, a.published, s.story_id, st.title";

impl Store {
    /// One article by id, with its text and analysis.
    pub fn article(&self, id: i64) -> Result<Option<ArticleView>> {
        let row = self
            .conn
            .query_row(
                &format!(
                    "SELECT {REF_COLUMNS}, a.rev, a.ingested_at, a.text, n.json FROM articles a
                     LEFT JOIN story_articles s ON s.article_id = a.id LEFT JOIN stories st ON st.id = s.story_id
                     JOIN analyses n ON n.article_id = a.id WHERE a.id = ?1"
                ),
                params![id],
                |r| {
                    Ok((
                        article_ref(r)?,
                        r.get::<_, i64>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, String>(9)?,
                        r.get::<_, String>(10)?,
                    ))
                },
            )
            .optional()?;
        let Some((meta, rev, ingested_at, text, json)) = row else { return Ok(None) };
        Ok(Some(ArticleView { meta, rev, ingested_at, text, analysis: serde_json::from_str(&json)? }))
    }

    /// Articles by id (those that exist), in id order.
    pub fn article_refs(&self, ids: &[i64]) -> Result<Vec<ArticleRef>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {REF_COLUMNS} FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id
             LEFT JOIN stories st ON st.id = s.story_id WHERE a.id = ?1"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(r) = st.query_row(params![id], article_ref).optional()? {
                out.push(r);
            }
        }
        out.sort_by_key(|r| r.id);
        Ok(out)
    }

    /// The members of a story (`s3`) with their stored analyses, in ingest order; None when
    /// the store has no such story.
    pub fn story_members(&self, key: &str) -> Result<Option<Vec<(ArticleRef, warta_engine::Analysis)>>> {
        let Some(n) = key.strip_prefix('s').and_then(|n| n.parse::<i64>().ok()).filter(|&n| n > 0) else {
            return Ok(None);
        };
        let exists: bool =
            self.conn.query_row("SELECT count(*) > 0 FROM stories WHERE id = ?1", params![n], |r| r.get(0))?;
        if !exists {
            return Ok(None);
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT {REF_COLUMNS}, n.json FROM story_articles s JOIN articles a ON a.id = s.article_id
             LEFT JOIN stories st ON st.id = s.story_id
             JOIN analyses n ON n.article_id = a.id WHERE s.story_id = ?1 ORDER BY a.id"
        ))?;
        let rows = st.query_map(params![n], |r| Ok((article_ref(r)?, r.get::<_, String>(7)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (r, json) = row?;
            out.push((r, serde_json::from_str(&json)?));
        }
        Ok(Some(out))
    }

    /// The id of a stored entity by type and canonical name.
    pub fn entity_id(&self, kind: &str, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM entities WHERE kind = ?1 AND name = ?2")?
            .query_row(params![kind, name], |r| r.get(0))
            .optional()?)
    }

    /// One entity by id: names, type, mention count, articles, stories; None when unknown.
    pub fn entity(&self, id: i64) -> Result<Option<EntityView>> {
        let row = self
            .conn
            .query_row("SELECT kind, name FROM entities WHERE id = ?1", params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?;
        let Some((kind, name)) = row else { return Ok(None) };
        let kind = EntityKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("entity {id}: unknown type {kind:?}")))?;
        let mut st = self.conn.prepare(
            "SELECT m.article_id, m.count, n.json FROM mentions m JOIN analyses n ON n.article_id = m.article_id
             WHERE m.entity_id = ?1 ORDER BY m.article_id",
        )?;
        let rows =
            st.query_map(params![id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
        let mut ids = Vec::new();
        let mut mentions = 0;
        let mut kb = None;
        let mut forms: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let (aid, count, json) = row?;
            ids.push(aid);
            mentions += count;
            let a: warta_engine::Analysis = serde_json::from_str(&json)?;
            for e in a.entities.iter().filter(|e| e.kind == kind && e.name == name) {
                if kb.is_none() {
                    kb = e.kb.clone();
                }
                for m in &e.mentions {
                    if m.text != name {
                        *forms.entry(m.text.clone()).or_default() += 1;
                    }
                }
            }
        }
        let mut aliases: Vec<(String, usize)> = forms.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let articles = self.article_refs(&ids)?;
        let mut stories: Vec<String> = articles.iter().filter_map(|a| a.story.clone()).collect();
        stories.sort_by_key(|s| s[1..].parse::<i64>().unwrap_or(i64::MAX));
        stories.dedup();
        let story_titles = self.story_titles(&stories)?;
        let same_as = self.same_as(kind, &name, &stories)?;
        Ok(Some(EntityView {
            id,
            name,
            kind,
            kb,
            aliases: aliases.into_iter().map(|(a, _)| a).collect(),
            mentions,
            articles,
            stories,
            story_titles,
            same_as,
        }))
    }

    /// The name variants of (`kind`, `name`) in the last [`SAME_AS_STORIES`] of `stories`:
    /// joined within each story, as its timeline reads them.
    fn same_as(&self, kind: EntityKind, name: &str, stories: &[String]) -> Result<Vec<SameAs>> {
        let mut out: Vec<SameAs> = Vec::new();
        for story in stories.iter().rev().take(SAME_AS_STORIES) {
            let Some(members) = self.story_members(story)? else { continue };
            let variants = warta_engine::variants::Variants::build(members.iter().map(|(_, a)| a));
            for v in variants.of(kind, name) {
                // Every other name of the group: the joined names, and the group's own name.
                for other in [&v.name, &v.canonical] {
                    if other == name || out.iter().any(|o| &o.name == other && &o.story == story) {
                        continue;
                    }
                    out.push(SameAs {
                        name: other.clone(),
                        entity: self.entity_id(kind.as_str(), other)?,
                        canonical: v.canonical.clone(),
                        reason: v.reason,
                        source: v.source.clone(),
                        story: story.clone(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Articles per day per outlet over `ids` (a story's members, a search's matches).
    pub fn coverage(&self, ids: &[i64]) -> Result<Coverage> {
        let mut st = self.conn.prepare_cached("SELECT a.outlet, a.day FROM articles a WHERE a.id = ?1")?;
        let mut days: BTreeMap<i64, BTreeMap<String, usize>> = BTreeMap::new();
        let mut by_outlet: HashMap<String, usize> = HashMap::new();
        let mut c = Coverage::default();
        for &id in ids {
            let Some((outlet, day)) = st
                .query_row(params![id], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<i64>>(1)?)))
                .optional()?
            else {
                continue;
            };
            c.articles += 1;
            let outlet = outlet.unwrap_or_else(|| UNKNOWN_OUTLET.to_string());
            *by_outlet.entry(outlet.clone()).or_default() += 1;
            match day {
                Some(d) => *days.entry(d).or_default().entry(outlet).or_default() += 1,
                None => c.undated += 1,
            }
        }
        c.days = days
            .into_iter()
            .map(|(d, outlets)| CoverageDay {
                date: format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100),
                total: outlets.values().sum(),
                outlets,
            })
            .collect();
        let mut outlets: Vec<(String, usize)> = by_outlet.into_iter().collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        c.outlets = outlets.into_iter().map(|(o, _)| o).collect();
        Ok(c)
    }

    /// Story titles by key (`s3` → title), for the keys that name a story.
    pub fn story_titles<S: AsRef<str>>(&self, keys: &[S]) -> Result<BTreeMap<String, String>> {
        let mut st = self.conn.prepare_cached("SELECT title FROM stories WHERE id = ?1")?;
        let mut out = BTreeMap::new();
        for key in keys {
            let key = key.as_ref();
            let Some(n) = key.strip_prefix('s').and_then(|n| n.parse::<i64>().ok()) else { continue };
            if let Some(title) = st.query_row(params![n], |r| r.get::<_, String>(0)).optional()? {
                out.insert(key.to_string(), title);
            }
        }
        Ok(out)
    }

    /// Facets of a set of articles: counts by outlet, event type, entity (the most frequent
    /// [`ENTITY_FACETS`]), year, month and story.
    pub fn facets(&self, ids: &[i64]) -> Result<Facets> {
        let mut f = Facets::default();
        let mut art = self.conn.prepare_cached(
            "SELECT a.outlet, a.day, s.story_id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id
             WHERE a.id = ?1",
        )?;
        let mut ents = self.conn.prepare_cached(
            "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?1",
        )?;
        let mut types = self.conn.prepare_cached("SELECT DISTINCT kind FROM events WHERE article_id = ?1")?;
        let mut entity: HashMap<String, usize> = HashMap::new();
        for &id in ids {
            let Some((outlet, day, story)) = art
                .query_row(params![id], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?))
                })
                .optional()?
            else {
                continue;
            };
            if let Some(o) = outlet {
                *f.outlet.entry(o).or_default() += 1;
            }
            if let Some(d) = day {
                *f.year.entry(format!("{:04}", d / 10_000)).or_default() += 1;
                *f.month.entry(format!("{:04}-{:02}", d / 10_000, d / 100 % 100)).or_default() += 1;
            }
            if let Some(s) = story {
                *f.story.entry(format!("s{s}")).or_default() += 1;
            }
            for kind in types.query_map(params![id], |r| r.get::<_, String>(0))? {
                if let Some(t) = EventType::parse(&kind?) {
                    *f.event_type.entry(t).or_default() += 1;
                }
            }
            let names = ents.query_map(params![id], |r| r.get::<_, String>(0))?;
            let mut seen: Vec<String> = Vec::new();
            for n in names {
                let n = n?;
                if !seen.contains(&n) {
                    *entity.entry(n.clone()).or_default() += 1;
                    seen.push(n);
                }
            }
        }
        let mut top: Vec<(String, usize)> = entity.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        f.entity = top.into_iter().take(ENTITY_FACETS).collect();
        Ok(f)
    }
}

/// The articles a search matches: up to `cap` ids, best first, and how many match in all.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Matches {
    pub ids: Vec<i64>,
    pub total: usize,
}

impl Store {
    /// One story's row (title, dates, outlets, member sources) by key (`s3`); None if unknown.
    pub fn story_row(&self, key: &str) -> Result<Option<crate::StoryRow>> {
        let Some(n) = key.strip_prefix('s').and_then(|n| n.parse::<i64>().ok()).filter(|&n| n > 0) else {
            return Ok(None);
        };
        let row = self
            .conn
            .query_row("SELECT title, first_date, last_date, outlets FROM stories WHERE id = ?1", params![n], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .optional()?;
        let Some((title, first_date, last_date, outlets)) = row else { return Ok(None) };
        let mut st = self.conn.prepare_cached(
            "SELECT a.source FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?1
             ORDER BY a.id",
        )?;
        let articles = st.query_map(params![n], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(crate::StoryRow {
            id: format!("s{n}"),
            title,
            first_date,
            last_date,
            outlets: serde_json::from_str(&outlets)?,
            articles,
        }))
    }

    /// The ids of the articles a search matches (same query language and filters as
    /// [`Store::search`], no snippets): the best `cap`, and the total count. Facets are built
    /// from these. A malformed query is a [`crate::query::BadQuery`].
    pub fn search_ids(&self, q: &crate::SearchQuery, cap: usize) -> Result<Matches> {
        use tantivy::collector::Count;

        self.idx.reader.reload()?;
        let searcher = self.idx.reader.searcher();
        let (query, _) = self.compose(q)?;
        let total = searcher.search(&query, &Count)?;
        let top = crate::query::top_docs(&searcher, &query, q.sort, cap, 0)?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, addr) in top {
            let seg = searcher.segment_reader(addr.segment_ord);
            if let Some(id) = seg.fast_fields().u64("id")?.first(addr.doc_id) {
                ids.push(id as i64);
            }
        }
        Ok(Matches { ids, total })
    }
}
