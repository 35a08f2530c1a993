//! A store's stories as `warta stories` prints them (`warta export --format stories`), the
//! same for both backends: the stored stories and membership (what the writer or the
//! clusterer decided), each story's timeline built by the engine from its members' analyses,
//! and the duplicate groups of a replay of the stored analyses in ingest order.

use crate::Result;
use std::collections::HashMap;
use warta_engine::Analysis;
use warta_engine::stories::{Config, Engine, Story};

/// One stored article.
pub struct Row {
    pub source: String,
    pub json: String,
    pub story: Option<i64>,
}

/// One stored story's own fields.
pub struct StoryMeta {
    pub id: i64,
    pub title: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub outlets: Vec<String>,
}

/// `{"stories": [...], "duplicates": [...]}` from rows in ingest (id) order.
pub fn document(rows: Vec<Row>, stories: Vec<StoryMeta>) -> Result<serde_json::Value> {
    let mut analyses: Vec<(Option<i64>, Analysis)> = Vec::with_capacity(rows.len());
    for r in rows {
        let mut a: Analysis = serde_json::from_str(&r.json)?;
        a.source = r.source;
        analyses.push((r.story, a));
    }
    let mut engine = Engine::new(Config::default());
    let mut members: HashMap<i64, Vec<&Analysis>> = HashMap::new();
    for (story, a) in &analyses {
        engine.add(a);
        if let Some(s) = story {
            members.entry(*s).or_default().push(a);
        }
    }
    let mut out = Vec::with_capacity(stories.len());
    for s in stories {
        let m = members.remove(&s.id).unwrap_or_default();
        let story = Story {
            id: format!("s{}", s.id),
            title: s.title,
            articles: m.iter().map(|a| a.source.clone()).collect(),
            timeline: Vec::new(),
            background: Vec::new(),
            lede: None,
            lede_entries: Vec::new(),
            first_date: s.first_date,
            last_date: s.last_date,
            outlets: s.outlets,
            name_variants: Vec::new(),
        };
        out.push(story);
    }
    let all: Vec<&Analysis> = analyses.iter().map(|(_, a)| a).collect();
    warta_engine::stories::tell_all(&mut out, &all);
    Ok(serde_json::json!({ "stories": out, "duplicates": engine.duplicates() }))
}

impl crate::Store {
    /// The stories of this store as `warta stories` prints them.
    pub fn stories_document(&self) -> Result<serde_json::Value> {
        let mut rows = Vec::new();
        {
            let mut st = self.conn.prepare(
                "SELECT a.source, n.json, s.story_id FROM articles a JOIN analyses n ON n.article_id = a.id
                 LEFT JOIN story_articles s ON s.article_id = a.id ORDER BY a.id",
            )?;
            let it = st.query_map([], |r| Ok(Row { source: r.get(0)?, json: r.get(1)?, story: r.get(2)? }))?;
            for r in it {
                rows.push(r?);
            }
        }
        let mut stories = Vec::new();
        let mut st = self.conn.prepare("SELECT id, title, first_date, last_date, outlets FROM stories ORDER BY id")?;
        let it = st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?))
        })?;
        for r in it {
            let (id, title, first_date, last_date, outlets) = r?;
            stories.push(StoryMeta { id, title, first_date, last_date, outlets: serde_json::from_str(&outlets)? });
        }
        document(rows, stories)
    }
}
