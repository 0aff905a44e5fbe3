//! Text typed and not saved, kept on disk as drafts while it is typed (at
//! most a second behind), so that not even a SIGKILL or a power cut loses
//! more than the last moment; quitting, a signal and a crash write the rest
//! (`tui::run`, the panic hook). A draft whose text was saved or given up is
//! removed; one kept from before is left until its field opens again.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::app::App;
use super::terminal;
use crate::store::Store;
use crate::store::drafts::Draft;

/// How far the drafts on disk may lag behind the typing: one write per
/// pause, never more than one a second while typing goes on.
const EVERY: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Keeper {
    /// What this run wrote, by key, as written.
    written: BTreeMap<String, Draft>,
    last: Option<Instant>,
    /// The panic hook was told of unsaved text.
    told: bool,
}

impl Keeper {
    /// Bring the drafts on disk up to what is unsaved now; how soon to look
    /// again when a write had to wait (`None`: nothing waits).
    pub fn update(&mut self, store: &Store, app: &mut App) -> Option<Duration> {
        app.offer_line_drafts();
        for key in app.take_dropped_drafts() {
            store.drop_draft(&key);
        }
        if self.written.is_empty() && !self.told && !app.text_open() {
            return None;
        }
        let unsaved: BTreeMap<String, Draft> = app.unsaved().into_iter().collect();
        self.told = !unsaved.is_empty();
        terminal::remember_unsaved(
            unsaved
                .iter()
                .map(|(k, d)| (store.draft_path(k), d.clone()))
                .collect(),
        );
        // Saved or given up: its draft goes.
        let gone: Vec<String> = self
            .written
            .keys()
            .filter(|k| !unsaved.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            store.drop_draft(&key);
            self.written.remove(&key);
        }
        let changed: Vec<(&String, &Draft)> = unsaved
            .iter()
            .filter(|(k, d)| self.written.get(*k) != Some(*d))
            .collect();
        if changed.is_empty() {
            return None;
        }
        if let Some(wait) = self.last.and_then(|l| EVERY.checked_sub(l.elapsed()))
            && !wait.is_zero()
        {
            return Some(wait);
        }
        for (key, draft) in changed {
            // A failed write is tried again on the next change, and the text
            // is still written (or printed) on the way out.
            if store.keep_draft(key, draft).is_ok() {
                self.written.insert(key.clone(), draft.clone());
            }
        }
        self.last = Some(Instant::now());
        None
    }
}
