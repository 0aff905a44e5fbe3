//! The news from outside that the front ends (the TUI, `kot watch`) wake on:
//! a signal to stop, the desktop notifier's events (a click on an action, the
//! server gone or back) and the session's lock state from logind. Started the
//! same way for each front end, each event sent into its own channel.

pub mod logind;
pub mod signals;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::notice::desktop::{Events, Notifier};
use crate::notice::{self, Event};
use crate::store::Store;

/// One piece of news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// A signal that would end kot: stop cleanly.
    Stop,
    Notifier(Event),
    Lock(logind::LockEvent),
}

/// What the sources give back: the notifier to send notices with, and once,
/// whether logind is heard (`Err` says why not).
pub struct Sources {
    pub notifier: Notifier,
    pub logind_ready: Receiver<Result<(), String>>,
}

/// Start every source, each sending its news into `tx` as an `M`.
pub fn start<M>(store: &Store, notifications: bool, tx: &Sender<M>) -> Sources
where
    M: From<Outside> + Send + 'static,
{
    let stop_tx = tx.clone();
    signals::on_stop(move || {
        let _ = stop_tx.send(Outside::Stop.into());
    });
    let lock_tx = tx.clone();
    let (ready_tx, logind_ready) = mpsc::channel();
    logind::watch_ready(
        move |e| {
            let _ = lock_tx.send(Outside::Lock(e).into());
        },
        move |r| {
            let _ = ready_tx.send(r);
        },
    );
    let notice_tx = tx.clone();
    let events: Events = Arc::new(move |e| {
        let _ = notice_tx.send(Outside::Notifier(e).into());
    });
    // The notices' ids for the next start; none kept where kot cannot
    // write (a read-only TUI holds no instance lock: it must not close the
    // notices of a kot that runs).
    let shown = store
        .is_writable()
        .then(|| store.root().join(".kot-notices"));
    let notifier = Notifier::start(notifications, notice::icon_path(store), shown, events);
    Sources {
        notifier,
        logind_ready,
    }
}
