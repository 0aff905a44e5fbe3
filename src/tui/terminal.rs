//! Entering and leaving the terminal, and the one panic hook: whatever happens,
//! the user's terminal is left exactly as it was, and text typed but not saved
//! is kept as a draft.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::store::drafts::{self, Draft};
use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, EnableBracketedPaste},
    execute,
    style::{Attribute, SetAttribute},
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

/// Whether kot has the terminal in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, alternate screen, hidden cursor.
///
/// # Errors
/// The terminal refused a mode change; it is restored before returning.
pub fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Err(e) = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        leave();
        return Err(e);
    }
    Ok(())
}

/// Undo `enter`; safe to call twice and when `enter` never ran.
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // The display leaves the pen as the last cell had it (it never
        // resets what it need not): reset it before the shell gets it back.
        let _ = execute!(
            io::stdout(),
            SetAttribute(Attribute::Reset),
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = io::stdout().flush();
    }
}

/// Restores the terminal when dropped, on every way out of the TUI.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// A panic on purpose once the terminal is set up, for the test that the
/// panic hook alone restores it: only with `KOT_TEST_PANIC=1`, else nothing
/// happens and the guard is handed back. The guard is forgotten first, as
/// with `panic = "abort"` (the release profile) no unwinding would drop it.
#[must_use]
pub fn test_panic(guard: Guard) -> Guard {
    if std::env::var_os("KOT_TEST_PANIC").is_some_and(|v| v == "1") {
        std::mem::forget(guard);
        panic!("KOT_TEST_PANIC");
    }
    guard
}

/// The text typed and not yet saved, where its draft goes: kept up to date by
/// the loop, so a crash still keeps it (the panic hook cannot reach the app).
static UNSAVED: Mutex<Vec<(PathBuf, Draft)>> = Mutex::new(Vec::new());

/// What the panic hook must keep if kot crashes now (empty: all is saved).
pub fn remember_unsaved(unsaved: Vec<(PathBuf, Draft)>) {
    if let Ok(mut slot) = UNSAVED.lock() {
        *slot = unsaved;
    }
}

/// Keep the remembered unsaved texts as drafts; the lines that say so.
/// Never waits: the panic may have struck while the slot was held.
fn keep_unsaved_on_crash() -> Vec<String> {
    let Ok(slot) = UNSAVED.try_lock() else {
        return Vec::new();
    };
    slot.iter()
        .map(|(path, draft)| kept_line(drafts::write(path, draft), path, draft))
        .collect()
}

/// The line that says where unsaved text went: its draft at `path`, or, when
/// that could not be written, the text itself.
#[must_use]
pub fn kept_line(
    written: Result<(), crate::store::StoreError>,
    path: &std::path::Path,
    draft: &Draft,
) -> String {
    let journal = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("journal-"));
    match written {
        Ok(()) if journal => crate::t!("tui.draft_kept", path = path.display()),
        Ok(()) => crate::t!("tui.input_draft_kept", path = path.display()),
        Err(e) => format!(
            "{}\n{}",
            crate::t!("tui.draft_lost", error = e.message()),
            draft.text
        ),
    }
}

/// Replace the default hook: restore the terminal first, keep unsaved text,
/// then print one line instead of a backtrace.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        leave();
        for line in keep_unsaved_on_crash() {
            crate::cli::out::warn(&line);
        }
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        // Not eprintln!: with stderr gone it would panic inside the hook and abort.
        crate::cli::out::warn(&crate::t!("error.internal", message = format!("{msg}{at}")));
    }));
}
