//! Tells the open TUI at once when a file it shows changes on disk (another kot, a
//! hand edit, a sync): a raw inotify watcher, so kot sleeps while nothing happens.
//! Where no watcher can be set up, a `stat()` poll every two seconds stands in.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

/// Keeps the watching alive while it lives.
pub enum Watch {
    Notify(#[allow(dead_code)] notify::RecommendedWatcher),
    Poll,
}

pub type Changed = Arc<dyn Fn() + Send + Sync>;

/// Call `changed` whenever a `.toml` file under `root` changes. Temp files and
/// locks are ignored; events for kot's own writes come too and are harmless (the
/// caller re-reads and finds nothing new). `poll_paths` names the files to stat
/// if the watcher cannot be set up.
pub fn start(
    dirs: &[PathBuf],
    changed: Changed,
    poll_paths: impl Fn() -> Vec<PathBuf> + Send + 'static,
) -> Watch {
    let notify_changed = changed.clone();
    let handler = move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        // A day file changed, or a directory appeared (this year's, on its
        // first write: its file lands in a directory not watched yet).
        let relevant = match ev.kind {
            EventKind::Access(_) => false,
            EventKind::Create(notify::event::CreateKind::Folder) => true,
            _ => ev
                .paths
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "toml")),
        };
        if relevant {
            notify_changed();
        }
    };
    if let Ok(mut w) = notify::recommended_watcher(handler) {
        // A directory that does not exist yet (no day written this year) is
        // fine: its creation shows in the parent, and the caller then starts a
        // new watch that includes it.
        let ok = dirs
            .iter()
            .filter(|d| d.is_dir())
            .all(|d| w.watch(d, RecursiveMode::NonRecursive).is_ok());
        if ok {
            return Watch::Notify(w);
        }
    }
    poll(poll_paths, changed);
    Watch::Poll
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
