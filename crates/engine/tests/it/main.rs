//! The engine's one integration-test binary (one link, many modules).
//! Tests that read ../shared skip with a message where it is absent.

mod clean;
mod entities;
mod event_frames;
mod events;
mod hostile;
mod meta;
mod ner;
mod properties;
mod quotes;
mod seeds;
mod stories;
mod support;
mod time;
mod timeline;
