//! The two locks, both empty files in the data directory (so two data directories
//! never share one): `.write.lock`, held around every read-modify-write, and
//! `.tui.lock`, held by a running TUI for its whole life.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Held while it lives; dropping the file releases the lock.
#[derive(Debug)]
pub struct Held(#[allow(dead_code)] File);

fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
}

/// Wait for the exclusive lock at `path`.
///
/// # Errors
/// The lock file cannot be opened or locked.
pub fn exclusive(path: &Path) -> io::Result<Held> {
    let f = open(path)?;
    f.lock()?;
    Ok(Held(f))
}

/// Take the lock at `path` if nobody holds it; `Ok(None)` if someone does.
///
/// # Errors
/// The lock file cannot be opened or locked.
pub fn try_exclusive(path: &Path) -> io::Result<Option<Held>> {
    let f = open(path)?;
    match f.try_lock() {
        Ok(()) => Ok(Some(Held(f))),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}
