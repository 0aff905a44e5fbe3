//! `kot watch`: the break coach with no screen, for a systemd user service or a
//! hidden tmux window. It sends the same notifications and records the same
//! breaks as the TUI, holds the same single-instance lock, and stops cleanly on
//! SIGTERM. Prompts are also printed, one line each, for the journal.

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};

use chrono::{DateTime, Utc};

use super::context::{CmdResult, Context, Failure};
use super::out;
use crate::clock::Zone;
use crate::coaching::intent::Intent;
use crate::coaching::{self, Runner};
use crate::notify::desktop::{CALL_TIMEOUT, Notifier};
use crate::notify::{self, Event};
use crate::t;

enum Wake {
    Stop,
    Notifier(Event),
    Lock(crate::logind::LockEvent),
}

pub fn run(ctx: &Context) -> CmdResult {
    let _instance = ctx.hold_instance_lock()?;
    let (tx, rx) = mpsc::channel();
    let stop_tx = tx.clone();
    crate::signals::on_stop(move || {
        let _ = stop_tx.send(Wake::Stop);
    });
    let lock_tx = tx.clone();
    let (ready_tx, ready_rx) = mpsc::channel();
    crate::logind::watch_ready(
        move |e| {
            let _ = lock_tx.send(Wake::Lock(e));
        },
        move |r| {
            let _ = ready_tx.send(r);
        },
    );
    let events: notify::desktop::Events = Arc::new(move |e| {
        let _ = tx.send(Wake::Notifier(e));
    });
    let notifier = Notifier::start(
        ctx.config.notifications.enabled,
        notify::icon_path(&ctx.store),
        events,
    );
    let mut runner = Runner::new(ctx.clock.now(), ctx.clock.scale(), Box::new(notifier));
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
                            coaching::local_hm(now),
                            coaching::banner(p, day)
                        ));
                    }
                }
                Err(e) => out::warn(&e.message()),
            }
        }
        // The runner keeps the coach's deadline: no arm here can drop it.
        let turn = coaching::day_turn(&config, date);
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
    let Some(intent) = coaching::action_intent(action) else {
        return;
    };
    let closes = matches!(intent, Intent::StartBreak { .. } | Intent::EndBreak);
    let recorded = coaching::intent::record(&ctx.store, config, ctx.today(), intent, now);
    if recorded.is_ok() && closes {
        runner.notifier().close(notify::Slot::Break);
    }
}

/// `kot notify test`: send one notice, wait for the server, and report.
pub fn notify_test(ctx: &Context) -> CmdResult {
    use crate::notify::desktop::call_with_timeout;
    let icon = notify::icon_path(&ctx.store);
    // Send first: when that fails or times out, asking the server more would
    // only make the user wait longer.
    call_with_timeout(move || {
        notify_rust::Notification::new()
            .appname("kot")
            .summary(&t!("notify.test.summary"))
            .body(&t!("notify.test.body"))
            .icon(&icon)
            .show()
            .map(|h| h.id())
            .map_err(|e| e.to_string())
    })
    .map_err(|e| Failure(t!("notify.test.failed", error = e)))?;
    let info =
        call_with_timeout(|| notify_rust::get_server_information().map_err(|e| e.to_string()));
    let caps = call_with_timeout(|| notify_rust::get_capabilities().map_err(|e| e.to_string()));
    match info {
        Ok(info) => out::line(&t!(
            "notify.test.delivered",
            name = info.name,
            vendor = info.vendor,
            version = info.version
        )),
        Err(e) => out::line(&t!("notify.test.delivered_no_info", error = e)),
    }
    let caps = caps.unwrap_or_default();
    let actions = if caps.iter().any(|c| c == "actions") {
        t!("notify.test.actions_yes")
    } else {
        t!("notify.test.actions_no")
    };
    out::line(&actions);
    out::line(&t!("notify.test.capabilities", list = caps.join(", ")));
    Ok(())
}
