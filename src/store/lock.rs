//! The two locks, both empty files in the data directory (so two data directories
//! never share one): `.write.lock`, held around every read-modify-write, and
//! `.tui.lock`, held by a running TUI for its whole life.
//!
//! The write lock is only ever waited for a bounded time: a stuck holder (a
//! hung kot, `flock .write.lock sleep 15`) must never hang a command or the TUI.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// Held while it lives; dropping the file releases the lock.
#[derive(Debug)]
pub struct Held(#[allow(dead_code)] File);

/// Told once, after `ANNOUNCE_AFTER`, that the lock is still taken, with the
/// holder's pid where `/proc/locks` names it.
pub type OnWait = Arc<dyn Fn(Option<u32>) + Send + Sync>;

/// How long a wait goes unannounced: most writes take milliseconds.
pub const ANNOUNCE_AFTER: Duration = Duration::from_secs(1);

/// The longest pause between two tries: short enough that a released lock is
/// taken at once, long enough to cost nothing while waiting.
const MAX_PAUSE: Duration = Duration::from_millis(100);

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// The lock file cannot be opened or locked.
    Io(io::Error),
    /// Another process still holds it after the whole wait.
    Busy { holder: Option<u32> },
}

/// Open (or create) a lock file.
///
/// # Errors
/// Any IO error: a read-only directory or mount among them.
pub fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
}

/// Take the exclusive lock at `path`, trying again until `limit` has passed
/// (`Duration::ZERO`: one try). `on_wait` hears once when the wait passes
/// `ANNOUNCE_AFTER`.
///
/// # Errors
/// The lock file cannot be opened or locked, or it is still held after `limit`.
pub fn exclusive_within(
    path: &Path,
    limit: Duration,
    on_wait: Option<&OnWait>,
) -> Result<Held, LockError> {
    let f = open(path).map_err(LockError::Io)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    let mut announced = false;
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(Held(f)),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            Err(TryLockError::WouldBlock) => {}
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(LockError::Busy {
                holder: holder_of(&f),
            });
        }
        if !announced && waited >= ANNOUNCE_AFTER {
            announced = true;
            if let Some(tell) = on_wait {
                tell(holder_of(&f));
            }
        }
        thread::sleep(pause.min(limit - waited));
        pause = (pause * 2).min(MAX_PAUSE);
    }
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

/// The pid holding a lock on `f`, from `/proc/locks` (Linux); `None` elsewhere,
/// for an open-file-description lock (pid -1) or when the list is unreadable.
fn holder_of(f: &File) -> Option<u32> {
    let ino = f.metadata().ok()?.ino();
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    holder_in(&locks, ino)
}

/// The holder of a lock on inode `ino` in the text of `/proc/locks`. Lines
/// look like `1: FLOCK  ADVISORY  WRITE 4242 fe:00:5341817 0 EOF`; waiters
/// (`1: -> FLOCK …`) are skipped. Only the inode is compared: the device
/// numbers there differ from `stat`'s on overlay file systems.
fn holder_in(locks: &str, ino: u64) -> Option<u32> {
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.get(1) == Some(&"->") {
            return None;
        }
        let inode = fields.get(5)?.rsplit(':').next()?.parse::<u64>().ok()?;
        let pid = fields.get(4)?.parse::<u32>().ok()?;
        (inode == ino && pid > 0).then_some(pid)
    })
}

/// Who holds a lock, in the user's words: "another kot (pid 42)" only when
/// the holder's command is kot's; "another program (flock, pid 42)" when it
/// is not, so nobody hunts for a kot that is not running.
#[must_use]
pub fn who(holder: Option<u32>) -> String {
    let Some(pid) = holder else {
        return crate::t!("store.who.unknown");
    };
    let comm = |p: &str| {
        std::fs::read_to_string(format!("/proc/{p}/comm"))
            .ok()
            .map(|s| s.trim().to_owned())
    };
    match comm(&pid.to_string()) {
        Some(name) if !is_kot(&name, comm("self").as_deref()) => {
            crate::t!("store.who.program", name = name, pid = pid)
        }
        _ => crate::t!("store.who.kot", pid = pid),
    }
}

/// Whether a process named `name` (its `comm`) is a kot: named `kot`, or
/// as this process is (a renamed or test build).
fn is_kot(name: &str, own: Option<&str>) -> bool {
    name == "kot" || own == Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_kot_is_called_a_kot() {
        assert!(is_kot("kot", None));
        assert!(is_kot("kot-dev", Some("kot-dev")));
        assert!(!is_kot("flock", Some("kot")));
        assert!(who(Some(std::process::id())).contains("kot"));
    }

    #[test]
    fn the_holder_is_read_from_proc_locks() {
        let locks = "1: POSIX  ADVISORY  WRITE 17 fe:00:99 0 EOF\n\
                     2: FLOCK  ADVISORY  WRITE 4242 fe:00:5341817 0 EOF\n\
                     2: -> FLOCK  ADVISORY  WRITE 5151 fe:00:5341817 0 EOF\n\
                     3: OFDLCK ADVISORY  WRITE -1 fe:00:777 0 EOF\n";
        assert_eq!(holder_in(locks, 5_341_817), Some(4242));
        assert_eq!(holder_in(locks, 99), Some(17));
        assert_eq!(holder_in(locks, 777), None);
        assert_eq!(holder_in(locks, 1), None);
        assert_eq!(holder_in("garbage\n\n", 1), None);
    }

    #[test]
    fn a_held_lock_is_waited_for_a_bounded_time_and_its_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".write.lock");
        let other = File::create(&p).unwrap();
        other.lock().unwrap();
        // flock locks belong to the open file, so this process conflicts with itself.
        let err = exclusive_within(&p, Duration::from_millis(30), None).unwrap_err();
        match err {
            LockError::Busy { holder } => assert_eq!(holder, Some(std::process::id())),
            LockError::Io(e) => panic!("{e}"),
        }
        other.unlock().unwrap();
        assert!(exclusive_within(&p, Duration::ZERO, None).is_ok());
    }
}
