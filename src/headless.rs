//! `kot watch`: the break coach with no screen, for a systemd user service or a
//! hidden tmux window. It sends the same notifications and records the same
//! breaks as the TUI, holds the same single-instance lock, and stops cleanly on
//! SIGTERM. Prompts are also printed, one line each, for the journal.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::cli::out;
use crate::clock::Zone;
use crate::coach_runtime::{self, Runner};
use crate::context::Context;
use crate::error::CmdResult;
use crate::events::Outside;
use crate::notice::desktop::CALL_TIMEOUT;
use crate::notice::{self, Event};
use crate::store::{Store, watch};
use crate::t;

/// Everything `kot watch` wakes for, through one channel: the signals, the
/// notifier's news and logind (`events`), and the files (`store::watch`). The
/// timer is the channel's own timeout, recomputed from the coach each turn,
/// so no source can be missed while the loop does something else: a message
/// sent meanwhile waits in the channel, and nothing a source does blocks
/// the loop (the notifier and the watcher run on threads of their own).
enum Wake {
    Outside(Outside),
    /// A day file or the config changed on disk (a CLI command, a hand edit).
    FilesChanged,
}

impl From<Outside> for Wake {
    fn from(o: Outside) -> Self {
        Self::Outside(o)
    }
}

/// Coach until a signal says stop.
///
/// # Errors
/// Another TUI or `kot watch` runs on this data directory, or its lock file
/// cannot be opened.
pub fn run(ctx: &Context) -> CmdResult {
    let _instance = ctx.store.hold_instance()?;
    let (tx, rx) = mpsc::channel::<Wake>();
    let sources = crate::events::start(&ctx.store, ctx.config.notifications.enabled, &tx);
    let ready_rx = sources.logind_ready;
    let mut runner = Runner::new(
        ctx.clock.now(),
        ctx.clock.scale(),
        Box::new(sources.notifier),
    )
    .without_screen();
    // Coaching is the change this command makes; its lines are a journal of
    // it, so losing them (a journald restart, `| head`) never stops or fails it.
    out::changed();
    let mut files = Files::default();
    files.follow(&ctx.store, ctx.today(), &tx);
    // The started line says kot listens: a script (or a test) may lock the
    // screen once it shows and know the lock is heard.
    let dir = ctx.store.root().display();
    match ready_rx.recv_timeout(CALL_TIMEOUT) {
        Ok(Ok(())) => out::line(&t!("watch.started", dir = dir)),
        Ok(Err(reason)) => out::line(&t!("watch.started_no_lock", dir = dir, reason = reason)),
        Err(_) => {
            let reason = t!("watch.logind_timeout", seconds = CALL_TIMEOUT.as_secs());
            out::line(&t!("watch.started_no_lock", dir = dir, reason = reason));
        }
    }
    loop {
        let now = ctx.clock.now();
        // Re-read each wake: edits to config.toml apply at the next wake.
        let config = ctx
            .store
            .load_config()
            .map_or_else(|_| ctx.config.clone(), |(c, _, _)| c);
        let date = crate::core::workday::kot_date_at(&Zone, now, config.workday.day_starts);
        // A new year's directory (or its first appearance): watch it, then
        // read, so no write can fall between the two.
        files.follow(&ctx.store, date, &tx);
        if let Some(day) = ctx.store.load_day(date).day_or_new(date) {
            match runner.poll(&ctx.store, &config, &day, now) {
                Ok(polled) => {
                    let day = polled.written.as_ref().unwrap_or(&day);
                    for p in &polled.prompts {
                        out::line(&format!(
                            "{} {}",
                            coach_runtime::local_hm(now),
                            coach_runtime::banner_for(p, day, false)
                        ));
                    }
                }
                Err(e) => out::warn(&e.message()),
            }
        }
        // The runner keeps the coach's deadline: no arm here can drop it.
        let turn = coach_runtime::day_turn(&config, date);
        let timeout = runner.sleep_for(ctx.clock.as_ref(), now, turn, None);
        if !handle(ctx, &config, &mut runner, &rx, timeout) {
            break;
        }
    }
    runner.close_notices();
    runner.stop(&ctx.store, ctx.today(), ctx.clock.now());
    out::line(&t!("watch.stopped"));
    Ok(())
}

/// Wait for the first wake (at most `timeout`), then take everything already
/// queued, so a burst of file events is one look at the files; `false` when
/// kot must stop.
fn handle(
    ctx: &Context,
    config: &crate::config::Config,
    runner: &mut Runner,
    rx: &Receiver<Wake>,
    timeout: std::time::Duration,
) -> bool {
    let first = match rx.recv_timeout(timeout) {
        Ok(w) => Some(w),
        Err(RecvTimeoutError::Timeout) => None,
        Err(RecvTimeoutError::Disconnected) => return false,
    };
    for wake in first.into_iter().chain(rx.try_iter()) {
        match wake {
            Wake::Outside(Outside::Stop) => return false,
            Wake::Outside(Outside::Notifier(Event::Down(reason))) => {
                out::warn(&t!("watch.notifier_down", reason = reason));
            }
            Wake::Outside(Outside::Notifier(Event::Up)) | Wake::FilesChanged => {}
            Wake::Outside(Outside::Notifier(Event::Action(a))) => {
                act(ctx, config, runner, &a, ctx.clock.now());
            }
            Wake::Outside(Outside::Lock(e)) => runner.lock_event(e, ctx.clock.now()),
        }
    }
    true
}

/// The file watch of `kot watch`: the config's directory, `days/` and the
/// year's directory, inotify as in the TUI (a `stat()` poll where inotify
/// cannot be had), started again when the year's directory changes or
/// first appears.
#[derive(Default)]
struct Files {
    /// The year and whether its directory existed when the watch started.
    key: Option<(i32, bool)>,
    watch: Option<watch::Watch>,
}

impl Files {
    fn follow(&mut self, store: &Store, date: NaiveDate, tx: &Sender<Wake>) {
        let year_dir = store
            .day_path(date)
            .parent()
            .map(std::path::Path::to_path_buf);
        let key = (date.year(), year_dir.as_ref().is_some_and(|d| d.is_dir()));
        if self.key == Some(key) {
            return;
        }
        let root = store.root().to_path_buf();
        let mut dirs: Vec<PathBuf> = vec![root.clone(), root.join("days")];
        dirs.extend(year_dir);
        let tx = tx.clone();
        let changed: watch::Changed = Arc::new(move || {
            let _ = tx.send(Wake::FilesChanged);
        });
        let config = store.config_path();
        let poll_dirs = dirs.clone();
        // The old watch goes first: its thread ends on the `IN_IGNORED`.
        self.watch = None;
        self.watch = Some(watch::start(&dirs, changed, move || {
            let mut v = poll_dirs.clone();
            v.push(config.clone());
            v
        }));
        self.key = Some(key);
    }
}

/// A click on a notice's action, done as the TUI's key would: decided on the
/// day on disk under the write lock, so a `kot break skip` meanwhile wins.
fn act(
    ctx: &Context,
    config: &crate::config::Config,
    runner: &Runner,
    action: &str,
    now: DateTime<Utc>,
) {
    let Some(intent) = coach_runtime::action_intent(action) else {
        return;
    };
    let _ = coach_runtime::intent::record(&ctx.store, config, ctx.today(), intent, now);
    // Whoever won, the notice is out of date.
    if intent.closes_notice() {
        runner.notifier().close(notice::Slot::Break);
    }
}
