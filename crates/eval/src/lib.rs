//! warta's developer library: what evaluation, training and benchmarks need and the analysis
//! does not. The engine (`warta-engine`) keeps only what analyses an article.
//!
//! - [`synth`]: the deterministic synthetic corpus with ground truth (stories, duplicate
//!   groups), for `warta-eval generate`, `bench-stories`, `eval dedup` and the story tests.
//! - [`ner_train`]: training the entity tagger (averaged structured perceptron) that
//!   `warta-eval train ner` runs and `warta_engine::ner` ships.
//! - [`gold`]: reading and scoring the events stage's self-written gold
//!   (`crates/engine/tests/golden/events/*.json`; `warta-eval eval events`).

pub mod gold;
pub mod ner_train;
pub mod synth;
