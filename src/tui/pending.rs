//! Edits on their way to disk. The TUI's loop never waits for the write lock:
//! when another process holds it (a stuck `kot`, `flock .write.lock sleep 15`),
//! the edit is kept here, in order, and tried again on later wakes, while keys
//! and `q` keep working.

use std::collections::VecDeque;
use std::time::Duration;

use super::app::{App, Cmd, Waiting};
use crate::coach_runtime::{self, intent::IntentError};
use crate::store::{Store, StoreError};

/// How often kept edits are tried again.
pub const RETRY_EVERY: Duration = Duration::from_millis(200);

#[derive(Default)]
pub struct Pending {
    queue: VecDeque<Cmd>,
}

impl Pending {
    #[must_use]
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Write `cmd` (an `Apply`, `Intent`, `Carry` or a journal update) now, or keep it behind the edits
    /// still waiting, so edits land in the order they were made.
    pub fn push(&mut self, store: &Store, app: &mut App, cmd: Cmd) {
        self.queue.push_back(cmd);
        self.flush(store, app);
    }

    /// Write the kept edits in order; stop at the first that finds the lock
    /// still taken.
    pub fn flush(&mut self, store: &Store, app: &mut App) {
        while let Some(cmd) = self.queue.front() {
            if let Some(holder) = write(store, app, cmd) {
                app.set_waiting(Some(Waiting {
                    holder,
                    queued: self.queue.len(),
                }));
                app.set_waiting_tasks(self.new_tasks(app.date));
                return;
            }
            self.queue.pop_front();
        }
        app.set_waiting(None);
        app.set_waiting_tasks(Vec::new());
    }

    /// The titles of tasks added to `date` that wait for the lock: Today
    /// shows them, marked, so a new task does not seem lost meanwhile.
    fn new_tasks(&self, date: chrono::NaiveDate) -> Vec<String> {
        self.queue
            .iter()
            .filter_map(|cmd| match cmd {
                Cmd::Apply {
                    date: d,
                    op: crate::core::day::DayOp::AddTask { title, .. },
                    ..
                } if *d == date => Some(title.clone()),
                _ => None,
            })
            .collect()
    }
}

/// Run one edit and hand its result to the app; `Some(holder)` when the lock
/// was taken (nothing happened, try again later).
fn write(store: &Store, app: &mut App, cmd: &Cmd) -> Option<Option<u32>> {
    match cmd {
        Cmd::Apply { date, op, origin } => {
            let result = store.update_day(*date, op.clone());
            if let Err(StoreError::Busy { holder, .. }) = &result {
                return Some(*holder);
            }
            let failed = result.as_ref().err().map(StoreError::message);
            app.applied(*date, *origin, result);
            if let Some(error) = failed {
                app.reopen_input(*date, op, error);
            }
        }
        Cmd::Intent { date, intent, now } => {
            let result = coach_runtime::intent::record(store, &app.config, *date, *intent, *now);
            if let Err(IntentError::Store(StoreError::Busy { holder, .. })) = &result {
                return Some(*holder);
            }
            app.intent_done(*date, *intent, result);
        }
        Cmd::Carry { from, to, choices } => {
            let result = store.carry(*from, *to, choices);
            if let Err(StoreError::Busy { holder, .. }) = &result {
                return Some(*holder);
            }
            app.carried(result);
        }
        Cmd::Journal(super::journal::io::JournalCmd::Update { date, ops }) => {
            return super::journal::io::write(store, app, *date, ops);
        }
        Cmd::FinishRitual { plan, at } => {
            let now = app.now.max(*at);
            return super::ritual::io::finish(store, app, plan, *at, now);
        }
        Cmd::MarkMissed {
            today,
            stopped,
            now,
        } => {
            return super::ritual::io::mark_missed(store, app, *today, *stopped, *now);
        }
        Cmd::WorkedFromTo { date, from, until } => {
            let result = crate::coach_runtime::shutdown::worked_from_to(
                store,
                &app.config,
                *date,
                (*from, *until),
                app.now.max(*until),
            );
            if let Err(StoreError::Busy { holder, .. }) = &result {
                return Some(*holder);
            }
            app.worked_told(result, (*from, *until));
        }
        Cmd::CorrectDay {
            date,
            start,
            end,
            now,
        } => {
            let result = crate::coach_runtime::correction::correct(
                store,
                &app.config,
                *date,
                (*start, *end),
                app.date,
                app.now.max(*now),
            );
            if let Err(StoreError::Busy { holder, .. }) = &result {
                return Some(*holder);
            }
            app.day_corrected(*date, result);
        }
        Cmd::Evening { date, start, at } => {
            return super::ritual::io::evening(store, app, *date, *start, *at);
        }
        _ => {}
    }
    None
}
