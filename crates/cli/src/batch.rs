//! The output of a batch command: one JSON value a line on standard output, each item that
//! fails named on standard error (after what is already written, so the two streams stay in
//! order), and the exit code: 1 when any item failed, every other item still processed.

use anyhow::Result;
use std::fmt::Display;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

/// JSON Lines on a writer (standard output), counting the items that failed.
pub(crate) struct JsonLines<W: Write> {
    out: W,
    pretty: bool,
    failed: usize,
}

impl JsonLines<BufWriter<StdoutLock<'static>>> {
    /// On standard output; `pretty` spreads each value over lines (for reading by eye).
    pub(crate) fn stdout(pretty: bool) -> Self {
        JsonLines { out: BufWriter::new(io::stdout().lock()), pretty, failed: 0 }
    }
}

impl<W: Write> JsonLines<W> {
    /// One value and a newline.
    pub(crate) fn write(&mut self, value: &impl serde::Serialize) -> Result<()> {
        write_json_line(&mut self.out, value, self.pretty)
    }

    /// A line on standard error about an item that is still processed (a warning).
    pub(crate) fn note(&mut self, message: impl Display) -> Result<()> {
        self.out.flush()?;
        eprintln!("warta: {message}");
        Ok(())
    }

    /// An item that failed: named on standard error, counted for the exit code.
    pub(crate) fn fail(&mut self, error: impl Display) -> Result<()> {
        self.failed += 1;
        self.note(error)
    }

    /// An item that failed whose errors are already named ([`Self::note`]).
    pub(crate) fn count_failure(&mut self) {
        self.failed += 1;
    }

    /// The writer, for output that is not JSON (CoNLL-U).
    pub(crate) fn out(&mut self) -> &mut W {
        &mut self.out
    }

    /// Flush, and the exit code for the batch.
    pub(crate) fn finish(mut self) -> Result<ExitCode> {
        self.out.flush()?;
        Ok(exit_code(self.failed))
    }
}

/// 1 when any item failed, else success.
pub(crate) fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// One JSON value and a newline (JSON Lines; `pretty` spreads the value over lines).
pub(crate) fn write_json_line(out: &mut impl Write, value: &impl serde::Serialize, pretty: bool) -> Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}
