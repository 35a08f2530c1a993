//! The tantivy side: schema, the Indonesian analyzer, documents, and reading back which
//! articles (id, rev) the index holds.

use crate::analyzer::{IndonesianTokenizer, NAME};
use crate::{Result, StoreError};
use std::collections::HashMap;
use std::path::Path;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub rev: Field,
    pub title: Field,
    pub body: Field,
    pub outlet: Field,
    pub entity: Field,
    pub day: Field,
    /// The types of the article's events (`meeting`, `arrest`, ...), one term each.
    pub event_type: Field,
}

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub f: Fields,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(NAME).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_u64_field("id", INDEXED | FAST | STORED);
    b.add_u64_field("rev", FAST | STORED);
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.add_text_field("outlet", STRING);
    b.add_text_field("entity", STRING);
    b.add_i64_field("day", INDEXED | FAST);
    b.add_text_field("event_type", STRING);
    b.build()
}

impl SearchIndex {
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| StoreError::Index(tantivy::TantivyError::from(e)))?;
        let index = match Index::open_or_create(mmap, schema()) {
            Ok(index) => index,
            // An index written by an older warta (a field was added since): the index is derived
            // data, rebuilt from SQLite by the reconciliation that follows (its generation is 0).
            Err(tantivy::TantivyError::SchemaError(_)) => {
                std::fs::remove_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
                let mmap = tantivy::directory::MmapDirectory::open(dir)
                    .map_err(|e| StoreError::Index(tantivy::TantivyError::from(e)))?;
                Index::create(mmap, schema(), tantivy::IndexSettings::default())?
            }
            Err(e) => return Err(e.into()),
        };
        index.tokenizers().register(NAME, TextAnalyzer::builder(IndonesianTokenizer).build());
        let s = index.schema();
        let get =
            |n: &str| s.get_field(n).map_err(|_| StoreError::Corrupt(format!("the search index lacks field {n}")));
        let f = Fields {
            id: get("id")?,
            rev: get("rev")?,
            title: get("title")?,
            body: get("body")?,
            outlet: get("outlet")?,
            entity: get("entity")?,
            day: get("day")?,
            event_type: get("event_type")?,
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// The generation of SQLite the index last committed with (0 for a new index).
    pub fn generation(&self) -> Result<u64> {
        let meta = self.index.load_metas()?;
        Ok(meta.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Every (article id → rev) the committed index holds, with how many docs each has.
    pub fn contents(&self) -> Result<HashMap<u64, Vec<u64>>> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let mut out: HashMap<u64, Vec<u64>> = HashMap::new();
        for seg in searcher.segment_readers() {
            let ids = seg.fast_fields().u64("id")?;
            let revs = seg.fast_fields().u64("rev")?;
            let alive = seg.alive_bitset();
            for doc in 0..seg.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if let (Some(id), Some(rev)) = (ids.first(doc), revs.first(doc)) {
                    out.entry(id).or_default().push(rev);
                }
            }
        }
        Ok(out)
    }

    pub fn document(&self, a: &IndexedArticle<'_>) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_u64(self.f.id, a.id);
        d.add_u64(self.f.rev, a.rev);
        d.add_text(self.f.title, a.title);
        d.add_text(self.f.body, a.body);
        if let Some(o) = a.outlet {
            d.add_text(self.f.outlet, o.to_lowercase());
        }
        for e in a.entities {
            d.add_text(self.f.entity, e.to_lowercase());
        }
        if let Some(day) = a.day {
            d.add_i64(self.f.day, day);
        }
        for t in a.event_types {
            d.add_text(self.f.event_type, t.as_str());
        }
        d
    }
}

/// What the index holds of one article.
pub struct IndexedArticle<'a> {
    pub id: u64,
    pub rev: u64,
    pub title: &'a str,
    pub body: &'a str,
    pub outlet: Option<&'a str>,
    /// Canonical names and mention texts.
    pub entities: &'a [String],
    pub day: Option<i64>,
    /// The types of its events, each once.
    pub event_types: &'a [warta_engine::analysis::EventType],
}
