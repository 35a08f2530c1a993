//! Reads of one stored article: its analysis and the decoded text its offsets refer to (what
//! `warta search --lang`/`--translate` and a server's article page need).

use crate::Store;
use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use warta_engine::Analysis;

impl Store {
    /// The stored analysis and decoded text of an article, by id (as [`crate::query::Hit`]
    /// carries it). None when no such article is stored.
    pub fn article(&self, id: i64) -> Result<Option<(Analysis, String)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT n.json, a.text FROM articles a JOIN analyses n ON n.article_id = a.id WHERE a.id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(json, text)| {
            let a: Analysis =
                serde_json::from_str(&json).with_context(|| format!("stored analysis of article {id}"))?;
            Ok((a, text))
        })
        .transpose()
    }
}
