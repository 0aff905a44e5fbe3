//! `kot watch`: the break coach with no screen, for a systemd user service or a
//! hidden tmux window. It sends the same notifications and records the same
//! breaks as the TUI, holds the same single-instance lock, and stops cleanly on
//! SIGTERM. Prompts are also printed, one line each, for the journal.

use std::sync::mpsc::{self, RecvTimeoutError};

use chrono::{DateTime, Utc};

use crate::cli::out;
use crate::clock::Zone;
use crate::coach_runtime::{self, Runner};
use crate::context::Context;
use crate::error::CmdResult;
use crate::events::Outside as Wake;
use crate::notice::desktop::CALL_TIMEOUT;
use crate::notice::{self, Event};
use crate::t;

/// Coach until a signal says stop.
///
/// # Errors
/// Another TUI or `kot watch` runs on this data directory, or its lock file
/// cannot be opened.
pub fn run(ctx: &Context) -> CmdResult {
    let _instance = ctx.store.hold_instance()?;
    let (tx, rx) = mpsc::channel::<Wake>();
    let sources = crate::events::start(&ctx.store, ctx.config.notifications.enabled, &tx);
    drop(tx);
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
        match rx.recv_timeout(timeout) {
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Ok(Wake::Notifier(Event::Down(reason))) => {
                out::warn(&t!("watch.notifier_down", reason = reason));
            }
            Ok(Wake::Notifier(Event::Up)) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Wake::Notifier(Event::Action(a))) => act(ctx, &config, &runner, &a, ctx.clock.now()),
            Ok(Wake::Lock(e)) => runner.lock_event(e, ctx.clock.now()),
        }
    }
    runner.stop(&ctx.store, ctx.today(), ctx.clock.now());
    out::line(&t!("watch.stopped"));
    Ok(())
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
