//! The ingest driver: the one path by which analysed articles reach a store. `warta ingest`
//! (and `warta-eval bench-store`) run [`run`] over their inputs; `warta watch` and the
//! server's POST put single articles through the same two steps, [`analyse`] then [`put`]
//! into the one [`Writer`].
//!
//! Worker threads read, decode, hash and analyse (skipping content that would change
//! nothing); a bounded channel carries the results to the single writer (the calling thread),
//! which puts them in input order, so stories are numbered the same way on every run.
//!
//! **Per-item isolation:** reading and analysing one item runs under
//! [`std::panic::catch_unwind`]: a panic is reported as that item's failure, with its name, and
//! the rest of the batch goes on.

use crate::{Known, Outcome, Writer, content_hash};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use warta_engine::pipeline::Overrides;
use warta_engine::stories::{Prepared, prepare_analysis};
use warta_engine::{Analysis, Decoded};

/// Why one item could not be stored. Displays as one line naming the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// The item as named (a path, `FILE#URL`, `FILE:LINE`, a URL).
    pub name: String,
    pub message: String,
}

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for ItemError {}

/// One item read and decoded, ready for analysis.
#[derive(Debug)]
pub struct Read {
    pub source: String,
    pub decoded: Decoded,
    pub overrides: Overrides,
}

/// Something the driver can name before reading it (for errors and panics).
pub trait Named {
    fn name(&self) -> String;
}

/// One analysed article.
pub struct Analysed {
    pub source: String,
    pub hash: String,
    pub text: String,
    pub analysis: Analysis,
    /// The story engine's input, made off the writer thread.
    pub prepared: Prepared,
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Analyse one read item (hash, analysis, story-engine input), a panic caught and reported as
/// the item's error.
pub fn analyse(read: Read, opts: &warta_engine::Options) -> Result<Analysed, ItemError> {
    let Read { source, decoded, overrides } = read;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let analysis = warta_engine::pipeline::analyze_with(&source, &decoded, opts, &overrides);
        let prepared = prepare_analysis(&analysis);
        (analysis, prepared)
    }));
    match outcome {
        Ok((analysis, prepared)) => {
            Ok(Analysed { hash: content_hash(&decoded.text), source, text: decoded.text, analysis, prepared })
        }
        Err(p) => Err(ItemError { name: source, message: format!("analysis panicked: {}", panic_message(&*p)) }),
    }
}

/// Read with `read` under `catch_unwind`, naming the item on a panic.
fn read_caught<I: Named>(item: I, read: &(impl Fn(I) -> Result<Read, ItemError> + Sync)) -> Result<Read, ItemError> {
    let name = item.name();
    match catch_unwind(AssertUnwindSafe(|| read(item))) {
        Ok(r) => r,
        Err(p) => Err(ItemError { name, message: format!("reading panicked: {}", panic_message(&*p)) }),
    }
}

/// What a worker hands the writer.
enum Work {
    Analysed(Box<Analysed>),
    /// Content that changed nothing when the batch started (not analysed); kept whole in case
    /// an earlier item of the batch changed that (then the writer analyses it).
    Known {
        hash: String,
        read: Box<Read>,
    },
}

/// What happened to one item, in input order.
pub enum Event<'a> {
    Stored(Outcome),
    Failed(&'a ItemError),
}

/// Counts of one run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
}

/// Run the driver: read and analyse `items` on `threads` workers and put them through
/// `writer` in input order. Items are pulled as workers are free, so a container of a million
/// records is streamed. Each item's fate goes to `event` (failures with their names). Returns
/// the counts; an error only when the store itself fails (the batch stops there, and what was
/// committed stays).
pub fn run<I: Named + Send>(
    writer: &mut Writer<'_>,
    items: impl Iterator<Item = Result<I, ItemError>> + Send,
    threads: usize,
    read: impl Fn(I) -> Result<Read, ItemError> + Sync,
    mut event: impl FnMut(Event<'_>),
) -> crate::Result<Summary> {
    let known: Known = writer.known().clone();
    let source = Mutex::new((0usize, items));
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Work, ItemError>)>(64);
    let opts = warta_engine::Options::default();
    let stop = AtomicBool::new(false);
    let mut summary = Summary::default();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (source, tx, known, opts, stop, read) = (&source, tx.clone(), &known, &opts, &stop, &read);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (i, item) = {
                        let mut guard = source.lock().unwrap_or_else(|e| e.into_inner());
                        let (next, iter) = &mut *guard;
                        let Some(item) = iter.next() else { break };
                        *next += 1;
                        (*next - 1, item)
                    };
                    let work = item.and_then(|item| read_caught(item, read)).and_then(|r| {
                        let hash = content_hash(&r.decoded.text);
                        if known.is_unchanged(&r.source, &hash) {
                            Ok(Work::Known { hash, read: Box::new(r) })
                        } else {
                            analyse(r, opts).map(|a| Work::Analysed(Box::new(a)))
                        }
                    });
                    if tx.send((i, work)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Result<Work, ItemError>> = BTreeMap::new();
        let mut expect = 0;
        let mut result = Ok(());
        for (i, work) in rx.iter() {
            waiting.insert(i, work);
            while let Some(w) = waiting.remove(&expect) {
                expect += 1;
                if result.is_ok() {
                    result = put_work(writer, w, &opts, &mut summary, &mut event);
                }
            }
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        // Let blocked workers finish: drain what is left.
        for _ in rx.iter() {}
        result
    })?;
    Ok(summary)
}

/// Put one analysed article through the writer: the driver's last step for every item, and
/// how `warta watch` and the server's POST store their single articles.
pub fn put(writer: &mut Writer<'_>, a: Analysed) -> crate::Result<Outcome> {
    writer.put_prepared(&a.source, a.hash, &a.text, a.analysis, Some(a.prepared))
}

fn put_work(
    writer: &mut Writer<'_>,
    work: Result<Work, ItemError>,
    opts: &warta_engine::Options,
    summary: &mut Summary,
    event: &mut impl FnMut(Event<'_>),
) -> crate::Result<()> {
    let analysed = match work {
        Ok(Work::Analysed(a)) => Ok(*a),
        Ok(Work::Known { hash, read }) => {
            if writer.put_known(&read.source, &hash) {
                summary.unchanged += 1;
                event(Event::Stored(Outcome::Unchanged));
                return Ok(());
            }
            analyse(*read, opts)
        }
        Err(e) => Err(e),
    };
    match analysed {
        Ok(a) => {
            let outcome = put(writer, a)?;
            match outcome {
                Outcome::Added => summary.added += 1,
                Outcome::Updated => summary.updated += 1,
                Outcome::Unchanged => summary.unchanged += 1,
            }
            event(Event::Stored(outcome));
        }
        Err(e) => {
            summary.failed += 1;
            event(Event::Failed(&e));
        }
    }
    Ok(())
}
