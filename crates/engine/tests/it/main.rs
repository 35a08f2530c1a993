//! The engine's one integration-test binary (one link, many modules).
//! Tests that read ../shared skip with a message where it is absent.

mod ner;
mod support;
