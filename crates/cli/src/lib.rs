//! The parts of the `warta` command line that other binaries share: the input edge (files,
//! folders and containers → decoded articles), inputs as queue jobs, and loading the entity
//! tagger. `warta-eval` (evaluation, training, benchmarks) reads its inputs through these.

pub mod inputs;
pub mod jobs;
pub mod ner;
