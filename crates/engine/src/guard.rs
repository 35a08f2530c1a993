//! Per-item isolation for the batch drivers: a panic while handling one item becomes an error
//! naming that item, and the batch goes on.
//!
//! Stages are meant never to panic on input (each crash found is fixed at its root and kept as
//! a test); this is the second line, so that a bug not yet found costs one article, not the
//! batch. [`catch`] runs one item; while it runs, the panic hook that [`install_hook`] sets
//! keeps the panic's message and place instead of printing a backtrace, and the caller
//! reports it in one line with the item's name.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A panic caught while handling one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caught {
    /// The panic's message.
    pub message: String,
    /// `file:line` where it happened, when known.
    pub location: Option<String>,
}

impl fmt::Display for Caught {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error (a bug in warta; please report it with this input): {}", self.message)?;
        if let Some(at) = &self.location {
            write!(f, " at {at}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Caught {}

thread_local! {
    /// How many [`catch`] calls are running on this thread.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// The place of the last panic caught on this thread.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install (once per process) a panic hook that stays quiet inside [`catch`] and keeps the
/// panic's place for its error; outside it, the previous hook runs as before.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                LAST.with(|l| *l.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Run `f` (the work on one item); a panic inside it comes back as [`Caught`].
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    LAST.with(|l| *l.borrow_mut() = None);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|payload| {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "panic with a non-text payload".to_string()
        };
        Caught { message, location: LAST.with(|l| l.borrow_mut().take()) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_place_and_the_next_item_runs() {
        let items = [1usize, 0, 2];
        let results: Vec<Result<usize, Caught>> = items
            .iter()
            .map(|&n| {
                catch(|| {
                    assert!(n != 0, "item {n} is bad");
                    10 / n
                })
            })
            .collect();
        assert_eq!(results[0], Ok(10));
        let err = results[1].as_ref().unwrap_err();
        assert_eq!(err.message, "item 0 is bad");
        assert!(err.location.as_deref().is_some_and(|l| l.contains("guard.rs")), "{err:?}");
        assert!(err.to_string().starts_with("internal error"));
        assert_eq!(results[2], Ok(5));
    }

    #[test]
    fn a_formatted_panic_keeps_its_text() {
        let err = catch(|| -> () { panic!("slice {} out of {}", 4, 3) }).unwrap_err();
        assert_eq!(err.message, "slice 4 out of 3");
    }
}
