//! Every line the command line prints goes through here, never `println!`: a
//! reader that goes away (`kot plan list | head -1`), a full disk
//! (`> /dev/full`) or a closed stderr must not panic kot half-way through a
//! command, nor turn a change that was made into an error a script retries.
//!
//! The first failed write to stdout is kept and every later one skipped;
//! `finish` decides the exit code from the command's result and that error:
//! - a broken pipe is the reader having had enough: quiet, the usual code;
//! - any other error after a change was made (`done`) is reported as "done,
//!   but the output could not be written", exit 0: the change stands, and a
//!   script that retries on failure would make it twice;
//! - any other error when nothing changed fails the command (exit 1): its
//!   output was its whole job.
//!
//! Text is made terminal-safe on the way out (`core::text`): a title or a file
//! value cannot set the terminal's title or clipboard. `raw` is for output that
//! must stay exact (JSON, completion scripts, the user's own `--format`).

use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

use crate::core::text::display_safe_lines;
use crate::error::{CmdResult, Failure};
use crate::t;

struct State {
    /// The first error writing to stdout; nothing more is written after it.
    lost: Option<io::Error>,
    /// The command changed a day (or coached), so its output is a report of
    /// something done, not the thing itself.
    changed: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    lost: None,
    changed: false,
});

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether stdout may carry bold: a terminal that is not `TERM=dumb` (which
/// shows escape codes as text) and colour wanted (`NO_COLOR`, one reading).
#[must_use]
pub fn can_bold() -> bool {
    use std::io::IsTerminal;
    let dumb = std::env::var_os("TERM").is_none_or(|t| t.is_empty() || t == "dumb");
    io::stdout().is_terminal() && !dumb && crate::context::color_wanted()
}

/// Write `bytes` to stdout as they are, unless an earlier write failed.
pub fn raw(bytes: impl AsRef<[u8]>) {
    let mut st = state();
    if st.lost.is_some() {
        return;
    }
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(bytes.as_ref()).and_then(|()| out.flush()) {
        st.lost = Some(e);
    }
}

/// `text` (one or more lines of kot's own, with file values in it) and a line
/// break, escaped where a terminal would act on it.
pub fn line(text: &str) {
    let mut s = display_safe_lines(text).into_owned();
    s.push('\n');
    raw(s);
}

/// Like `line`, for text that already ends its lines.
pub fn text(text: &str) {
    raw(display_safe_lines(text).as_bytes());
}

/// Mark the command as having changed something: from now on a failed write
/// no longer fails it.
pub fn changed() {
    state().changed = true;
}

/// The line that reports a change just made.
pub fn done(text: &str) {
    changed();
    line(text);
}

/// `kot: text` on stderr. Never fails: with stderr closed or gone there is
/// nobody left to tell.
pub fn warn(text: &str) {
    let line = format!("kot: {}\n", display_safe_lines(text));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// A message that is not kot's one line (clap's usage errors), on stderr.
pub fn error_text(text: &str) {
    let _ = io::stderr()
        .lock()
        .write_all(display_safe_lines(text).as_bytes());
}

/// The exit code for `result`, after saying what went wrong.
#[must_use]
pub fn finish(result: CmdResult) -> ExitCode {
    let (lost, changed) = {
        let mut st = state();
        (st.lost.take(), st.changed)
    };
    if let Err(Failure(msg)) = result {
        warn(&msg);
        return ExitCode::FAILURE;
    }
    match lost {
        None => ExitCode::SUCCESS,
        Some(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Some(e) if changed => {
            warn(&t!("cli.output_lost", error = e));
            ExitCode::SUCCESS
        }
        Some(e) => {
            warn(&t!("cli.output_failed", error = e));
            ExitCode::FAILURE
        }
    }
}
