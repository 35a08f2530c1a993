//! warta's engine: pure stages from a page's bytes to an [`Analysis`] of the article.
//!
//! ```text
//! bytes → decode → clean → metadata → (tag → resolve → events) → Analysis
//! ```
//!
//! **Architecture invariant:** nothing in this crate does I/O (no files, no network, no
//! clock). Every stage is a function over values, so each can be tested on a string. The
//! binary (`warta-cli`) reads files and prints JSON.

pub mod analysis;
pub mod calendar;
pub mod clean;
pub mod csv;
pub mod datelines;
pub mod decode;
pub mod dedup;
pub mod doc;
pub mod entities;
pub mod events;
pub mod guard;
pub mod lexicon;
pub mod meta;
pub mod ner;
pub mod outlets;
pub mod pipeline;
pub mod quotes;
pub mod segment;
pub mod span_index;
pub mod status;
pub mod stories;
pub mod time;
pub mod timeline;
pub mod variants;

pub use analysis::Analysis;
pub use decode::{DecodeError, Decoded, decode};
pub use pipeline::{Options, analyze};
