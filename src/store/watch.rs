//! Tells the open TUI at once when a file it shows changes on disk (another kot, a
//! hand edit, a sync): inotify on the few directories involved, so kot sleeps
//! while nothing happens. Where no watcher can be set up, a `stat()` poll every
//! two seconds stands in.
//!
//! inotify directly, not the `notify` crate: that one always asks for opens
//! too, so a status bar running `kot status` every 5 s (it only reads) woke
//! the TUI each time. Here only what changes a file is asked for: a write
//! closed, a rename in or out, a creation, a deletion.

use std::ffi::OsStr;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use inotify::{EventMask, WatchDescriptor, WatchMask, Watches};

/// Keeps the watching alive while it lives.
pub enum Watch {
    Inotify(Inotify),
    Poll,
}

pub type Changed = Arc<dyn Fn() + Send + Sync>;

/// Call `changed` whenever a `.toml` file in one of `dirs` changes, or a
/// directory appears in one (this year's, on its first write). Temp files
/// and locks are ignored; events for kot's own writes come too and are
/// harmless (the caller re-reads and finds nothing new). `poll_paths` names
/// the files to stat if the watcher cannot be set up.
pub fn start(
    dirs: &[PathBuf],
    changed: Changed,
    poll_paths: impl Fn() -> Vec<PathBuf> + Send + 'static,
) -> Watch {
    match Inotify::start(dirs, changed.clone()) {
        Ok(w) => Watch::Inotify(w),
        Err(_) => {
            poll(poll_paths, changed);
            Watch::Poll
        }
    }
}

/// What changes a file's content or presence; never a mere open or read, so
/// a reader (`kot status`) queues no event and wakes nobody.
fn mask() -> WatchMask {
    WatchMask::CLOSE_WRITE
        | WatchMask::MOVED_TO
        | WatchMask::MOVED_FROM
        | WatchMask::CREATE
        | WatchMask::DELETE
        | WatchMask::DELETE_SELF
        | WatchMask::MOVE_SELF
        | WatchMask::ONLYDIR
}

/// An inotify instance and the thread that reads it. Dropping it removes the
/// watches; the kernel then sends `IN_IGNORED`, which wakes the thread to end.
pub struct Inotify {
    watches: Watches,
    added: Vec<WatchDescriptor>,
    stop: Arc<AtomicBool>,
}

impl Inotify {
    /// Watch `dirs` (those that exist: a directory not made yet shows up as a
    /// creation in its parent, and the caller then starts a watch with it).
    ///
    /// # Errors
    /// inotify is not available, a directory cannot be watched, or none exists.
    pub fn start(dirs: &[PathBuf], changed: Changed) -> io::Result<Self> {
        let mut inotify = inotify::Inotify::init()?;
        let mut watches = inotify.watches();
        let added = dirs
            .iter()
            .filter(|d| d.is_dir())
            .map(|d| watches.add(d, mask()))
            .collect::<io::Result<Vec<_>>>()?;
        // With no watch, nothing could wake the thread to end it.
        if added.is_empty() {
            return Err(io::ErrorKind::NotFound.into());
        }
        let stop = Arc::new(AtomicBool::new(false));
        let reader_stop = stop.clone();
        thread::Builder::new()
            .name("kot-watch".into())
            .spawn(move || read_events(&mut inotify, &reader_stop, &changed))?;
        Ok(Self {
            watches,
            added,
            stop,
        })
    }
}

impl Drop for Inotify {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for wd in self.added.drain(..) {
            // Already gone (its directory was removed) is fine.
            let _ = self.watches.remove(wd);
        }
    }
}

/// Read events until the watch is dropped; one `changed` per batch read.
fn read_events(inotify: &mut inotify::Inotify, stop: &AtomicBool, changed: &Changed) {
    // Room for many events at once (each is 16 bytes and a name).
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let events = inotify.read_events_blocking(&mut buf);
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match events {
            Ok(mut events) => {
                if events.any(|e| relevant(e.mask, e.name)) {
                    changed();
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// A day file or the config changed, a directory appeared, a watched
/// directory went, or events were lost: worth a re-read.
fn relevant(mask: EventMask, name: Option<&OsStr>) -> bool {
    if mask.intersects(EventMask::Q_OVERFLOW | EventMask::DELETE_SELF | EventMask::MOVE_SELF) {
        return true;
    }
    if mask.contains(EventMask::ISDIR) {
        return mask.intersects(EventMask::CREATE | EventMask::MOVED_TO);
    }
    name.is_some_and(|n| n.as_encoded_bytes().ends_with(b".toml"))
}

fn poll(paths: impl Fn() -> Vec<PathBuf> + Send + 'static, changed: Changed) {
    thread::spawn(move || {
        let stamp = |ps: &[PathBuf]| -> Vec<Option<SystemTime>> {
            ps.iter()
                .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
                .collect()
        };
        let mut last = stamp(&paths());
        loop {
            thread::sleep(Duration::from_secs(2));
            let now = stamp(&paths());
            if now != last {
                last = now;
                changed();
            }
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::disallowed_methods)] // plain writes, as another program makes them
mod tests {
    use std::path::Path;
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;

    use super::*;

    /// A watch of one directory that reports each wake on a channel.
    fn watch(dir: &Path) -> (Inotify, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let tx = std::sync::Mutex::new(tx);
        let changed: Changed = Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        });
        (Inotify::start(&[dir.to_path_buf()], changed).unwrap(), rx)
    }

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn a_reader_queues_no_event() {
        let dir = tempfile::tempdir().unwrap();
        let day = dir.path().join("2026-11-23.toml");
        std::fs::write(&day, "schema = 1\n").unwrap();
        let mut inotify = inotify::Inotify::init().unwrap();
        inotify.watches().add(dir.path(), mask()).unwrap();
        // What `kot status` does: open, read, close; list the directory.
        for _ in 0..5 {
            std::fs::read(&day).unwrap();
            std::fs::read_dir(dir.path()).unwrap().for_each(drop);
        }
        let mut buf = [0u8; 4096];
        let queued = inotify.read_events(&mut buf).map(Iterator::count);
        assert!(
            matches!(&queued, Err(e) if e.kind() == io::ErrorKind::WouldBlock),
            "{queued:?}"
        );
    }

    #[test]
    fn reads_do_not_wake_it_writes_and_renames_do() {
        let dir = tempfile::tempdir().unwrap();
        let day = dir.path().join("2026-11-23.toml");
        std::fs::write(&day, "schema = 1\n").unwrap();
        let (_w, rx) = watch(dir.path());
        // A reader (`kot status`): opens, reads, closes. No wake for it; a
        // slow machine could only hide a wake here, never invent one, so this
        // cannot fail spuriously (`a_reader_queues_no_event` is exact).
        for _ in 0..5 {
            std::fs::read(&day).unwrap();
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "a read woke it"
        );
        // A real change wakes it (an atomic write may come as one wake or
        // two: the temp file's creation and the rename).
        crate::store::atomic::write(&day, b"schema = 1\nplace = \"home\"\n").unwrap();
        rx.recv_timeout(WAIT).unwrap();
    }

    #[test]
    fn a_new_directory_and_a_deleted_file_wake_it() {
        let dir = tempfile::tempdir().unwrap();
        let day = dir.path().join("2026-11-23.toml");
        std::fs::write(&day, "schema = 1\n").unwrap();
        let (_w, rx) = watch(dir.path());
        std::fs::create_dir(dir.path().join("2027")).unwrap();
        rx.recv_timeout(WAIT).unwrap();
        std::fs::remove_file(&day).unwrap();
        rx.recv_timeout(WAIT).unwrap();
    }

    #[test]
    fn dropping_the_watch_ends_its_thread() {
        let dir = tempfile::tempdir().unwrap();
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = calls.clone();
        let changed: Changed = Arc::new(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        let w = Inotify::start(&[dir.path().to_path_buf()], changed.clone()).unwrap();
        drop(w);
        // The thread holds its copy of `changed` until it ends.
        let end = std::time::Instant::now() + WAIT;
        while Arc::strong_count(&changed) > 1 {
            assert!(std::time::Instant::now() < end, "the reader did not end");
            thread::sleep(Duration::from_millis(5));
        }
        std::fs::write(dir.path().join("x.toml"), "x").unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    }
}
