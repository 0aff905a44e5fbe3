//! The notifier thread. `show()` of notify-rust returns at once without a bus or
//! a server, but waits forever on a server that never replies or a frozen bus
//! (ECOSYSTEM.md §4), so each call runs on a helper thread the worker waits for
//! with a timeout. While a helper is stuck no new one is started: the worker
//! reports the notifier down instead, so at most one call can hang. At most one
//! helper waits for a click on a notice's actions; closing the notice ends it.
//!
//! Every notice shown and not closed yet is known by its id, and (for the TUI
//! and `kot watch`) kept in a small state file: when kot stops it closes them
//! all, within a bounded wait, and the next start closes those a run that
//! ended without that (SIGKILL, a crash) left, when they are still the same
//! server's on the same bus.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use notify_rust::{Hint, Notification, Timeout};

use self::shown::Shown;
use super::{Event, Notice, Slot, Urgency};
use crate::t;

mod shown;

/// How long one D-Bus call may take before kot gives up on it.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(3);
const QUEUE: usize = 8;

pub type Events = Arc<dyn Fn(Event) + Send + Sync>;

enum Job {
    Show(Notice),
    Close(Slot),
    /// Close every notice shown; say so on the channel when done.
    CloseAll(SyncSender<()>),
}

/// How long kot waits, when it stops, for its notices to be closed: one
/// D-Bus call's timeout and a little, never longer, even on a silent server.
pub const CLOSE_ALL_WAIT: Duration = Duration::from_millis(3500);

/// The sending side; cheap to clone, never blocks.
#[derive(Clone)]
pub struct Notifier {
    tx: Option<SyncSender<Job>>,
}

impl Notifier {
    /// Start the worker; `events` hears when notifications go down or come back
    /// and which actions the user clicks. Disabled: sends nothing.
    /// `state`: the file that keeps the ids of the notices still showing,
    /// for a front end that closes them when it stops (and at its next start
    /// those a previous run left); `None` keeps them in memory only.
    #[must_use]
    pub fn start(enabled: bool, icon: String, state: Option<PathBuf>, events: Events) -> Self {
        if !enabled {
            return Self { tx: None };
        }
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        thread::spawn(move || {
            let mut worker = Worker::new(icon, events, state);
            worker.close_previous();
            worker.run(&rx);
        });
        Self { tx: Some(tx) }
    }

    /// Close every notice kot showed, waiting at most `CLOSE_ALL_WAIT` (a
    /// stuck or busy worker is not waited for past it).
    pub fn close_all(&self) {
        if let Some(tx) = &self.tx {
            let (done_tx, done) = mpsc::sync_channel(1);
            if tx.try_send(Job::CloseAll(done_tx)).is_ok() {
                let _ = done.recv_timeout(CLOSE_ALL_WAIT);
            }
        }
    }

    /// Queue a notice; dropped when the queue is full (the worker is stuck and
    /// has said so already).
    pub fn send(&self, n: Notice) {
        if let Some(tx) = &self.tx {
            let _ = tx.try_send(Job::Show(n));
        }
    }

    /// Close the notice in `slot`, if one shows.
    pub fn close(&self, slot: Slot) {
        if let Some(tx) = &self.tx {
            let _ = tx.try_send(Job::Close(slot));
        }
    }
}

impl super::Notifier for Notifier {
    fn send(&self, n: Notice) {
        Notifier::send(self, n);
    }

    fn close(&self, slot: Slot) {
        Notifier::close(self, slot);
    }

    fn close_all(&self) {
        Notifier::close_all(self);
    }
}

/// What a helper thread answers.
enum Reply {
    Capabilities(Result<Vec<String>, String>),
    Shown(Result<u32, String>),
}

struct Worker {
    icon: String,
    events: Events,
    /// Notification ids per slot, to replace and close them.
    ids: HashMap<Slot, u32>,
    /// A helper still stuck in a call: no new call until it returns.
    stuck: Option<Receiver<Reply>>,
    down: bool,
    /// Whether the server offers actions (asked once it answers).
    actions: Option<bool>,
    /// The notice a helper waits on for a click, if any.
    waiting_on: Arc<Mutex<Option<u32>>>,
    /// Every notice shown and not closed by kot, slot or none, oldest first.
    shown: Vec<u32>,
    /// Where `shown` is kept for the next start (see `Notifier::start`).
    state: Option<PathBuf>,
    /// Who serves the notices (`Shown::whose`), once asked.
    server: Option<String>,
}

impl Worker {
    fn new(icon: String, events: Events, state: Option<PathBuf>) -> Self {
        Self {
            icon,
            events,
            ids: HashMap::new(),
            stuck: None,
            down: false,
            actions: None,
            waiting_on: Arc::new(Mutex::new(None)),
            shown: Vec::new(),
            state,
            server: None,
        }
    }

    fn run(mut self, rx: &Receiver<Job>) {
        while let Ok(job) = rx.recv() {
            match job {
                Job::Show(n) => self.show(&n),
                Job::Close(slot) => {
                    // While a helper is stuck the id stays known, for the
                    // stop or the next start to close.
                    if let Some(id) = self.ids.remove(&slot)
                        && self.free()
                    {
                        self.forget(&[id]);
                        let _ = call_with_timeout(move || close_notifications(vec![id]));
                    }
                }
                Job::CloseAll(done) => {
                    self.close_all();
                    let _ = done.send(());
                }
            }
        }
    }

    /// Close every notice shown. Not while a helper is stuck: the server
    /// does not answer, and kot is stopping; the state file keeps the ids
    /// for the next start then.
    fn close_all(&mut self) {
        if self.shown.is_empty() || !self.free() {
            return;
        }
        let ids = self.shown.clone();
        if call_with_timeout(move || close_notifications(ids)).is_ok() {
            self.ids.clear();
            let all = self.shown.clone();
            self.forget(&all);
        }
    }

    /// At the start: close the notices a previous run left showing, if the
    /// same notification server still serves them (its unique name on the
    /// same bus, in the same boot), so no other program's notice that has
    /// the same number now is touched.
    fn close_previous(&mut self) {
        let Some(path) = &self.state else { return };
        let Some(left) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| Shown::parse(&t))
        else {
            return;
        };
        if left.ids.is_empty() {
            return;
        }
        let same =
            call_with_timeout(server_name).is_ok_and(|name| left.whose == Shown::whose(&name));
        if same {
            let _ = call_with_timeout(move || close_notifications(left.ids));
        }
        // Whether closed or not the server's any more: nothing to name.
        self.save();
    }

    /// A notice is showing: note it (and whose it is) for `close_all`.
    fn remember(&mut self, id: u32) {
        if self.shown.contains(&id) {
            return;
        }
        if self.server.is_none() && self.state.is_some() {
            self.server = call_with_timeout(server_name).ok();
        }
        self.shown.push(id);
        self.save();
    }

    fn forget(&mut self, ids: &[u32]) {
        let before = self.shown.len();
        self.shown.retain(|id| !ids.contains(id));
        if self.shown.len() != before {
            self.save();
        }
    }

    /// Keep `shown` in the state file (0600, atomic); best effort.
    fn save(&self) {
        if let Some(path) = &self.state {
            let whose = self.server.as_deref().map(Shown::whose).unwrap_or_default();
            let text = Shown {
                whose,
                ids: self.shown.clone(),
            }
            .render();
            let _ = crate::store::atomic::write(path, text.as_bytes());
        }
    }

    /// Whether no helper is stuck in a call.
    fn free(&mut self) -> bool {
        match &self.stuck {
            None => true,
            Some(rx) => match rx.try_recv() {
                Err(mpsc::TryRecvError::Empty) => false,
                _ => {
                    self.stuck = None;
                    true
                }
            },
        }
    }

    /// Run `f` on a helper and wait for its reply at most `CALL_TIMEOUT`. On a
    /// timeout the helper is remembered as stuck and the notifier goes down.
    fn guarded(&mut self, f: impl FnOnce(mpsc::Sender<Reply>) + Send + 'static) -> Option<Reply> {
        if !self.free() {
            self.fail(t!("notify.down.stuck"));
            return None;
        }
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || f(tx));
        match rx.recv_timeout(CALL_TIMEOUT) {
            Ok(reply) => Some(reply),
            Err(RecvTimeoutError::Timeout) => {
                self.stuck = Some(rx);
                self.fail(t!("notify.down.timeout", seconds = CALL_TIMEOUT.as_secs()));
                None
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.fail(t!("notify.down.stuck"));
                None
            }
        }
    }

    fn show(&mut self, n: &Notice) {
        if self.actions.is_none() {
            let caps = self.guarded(|tx| {
                let _ = tx.send(Reply::Capabilities(
                    notify_rust::get_capabilities().map_err(|e| e.to_string()),
                ));
            });
            match caps {
                Some(Reply::Capabilities(Ok(caps))) => {
                    self.actions = Some(caps.iter().any(|c| c == "actions"));
                }
                Some(Reply::Capabilities(Err(e))) => return self.fail(e),
                // A server that does not answer this will not answer Notify either.
                _ => return,
            }
        }
        let with_actions = !n.actions.is_empty() && self.actions == Some(true);
        let ids = n.actions;
        let note = self.build(n, with_actions);
        let events = self.events.clone();
        let waiting_on = self.waiting_on.clone();
        let shown = self.guarded(move |tx| match note.show() {
            Ok(handle) => {
                let id = handle.id();
                let _ = tx.send(Reply::Shown(Ok(id)));
                // Become the one action waiter, unless another helper already is.
                let claimed = with_actions
                    && waiting_on
                        .lock()
                        .is_ok_and(|mut w| w.is_none() && w.replace(id).is_none());
                if claimed {
                    handle.wait_for_action(|action| {
                        if ids.contains(&action) {
                            events(Event::Action(action.to_string()));
                        }
                    });
                    if let Ok(mut w) = waiting_on.lock() {
                        *w = None;
                    }
                }
            }
            Err(e) => {
                let _ = tx.send(Reply::Shown(Err(e.to_string())));
            }
        });
        match shown {
            Some(Reply::Shown(Ok(id))) => {
                if let Some(slot) = n.slot {
                    self.ids.insert(slot, id);
                }
                self.remember(id);
                if self.down {
                    self.down = false;
                    (self.events)(Event::Up);
                }
            }
            Some(Reply::Shown(Err(e))) => self.fail(e),
            _ => {}
        }
    }

    /// The notification as sent. Summary and body are escaped here, the one
    /// place every notice passes: servers render a subset of HTML (`<b>`,
    /// `<a href>`, `<img src>`) and entities in them, and both can hold text
    /// from files (a team meeting's name from `[agreements]`, a title).
    fn build(&self, n: &Notice, with_actions: bool) -> Notification {
        let mut note = Notification::new();
        note.appname("kot")
            .summary(&markup_escape(&n.summary))
            .body(&markup_escape(&n.body))
            .icon(&self.icon)
            .timeout(n.expire_seconds.map_or(Timeout::Default, |s| {
                Timeout::Milliseconds(s.saturating_mul(1000))
            }))
            .hint(Hint::Category("presence".into()))
            .urgency(match n.urgency {
                Urgency::Low => notify_rust::Urgency::Low,
                Urgency::Normal => notify_rust::Urgency::Normal,
                Urgency::Critical => notify_rust::Urgency::Critical,
            });
        if with_actions {
            for id in n.actions {
                note.action(id, &super::action_label(id));
            }
        }
        // Replace the notice in the same slot (an escalation replaces the prompt).
        if let Some(id) = n.slot.and_then(|s| self.ids.get(&s)) {
            note.id(*id);
        }
        note
    }

    fn fail(&mut self, reason: String) {
        if !self.down {
            self.down = true;
            self.actions = None;
            (self.events)(Event::Down(super::why_down(&reason)));
        }
    }
}

/// `text` shown as written by a server that renders markup: `&`, `<` and
/// `>` as entities. kot's own texts hold no markup. Everything kot sends a
/// notification server goes through here.
#[must_use]
pub fn markup_escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out.into()
}

const SERVICE: &str = "org.freedesktop.Notifications";

/// `CloseNotification(id)` on the session bus for each of `ids`, over one
/// connection. A notice the user closed already may give an error; the
/// others are closed anyway.
fn close_notifications(ids: Vec<u32>) -> Result<(), String> {
    zbus::block_on(async move {
        let conn = zbus::Connection::session().await?;
        for id in ids {
            let _ = conn
                .call_method(
                    Some(SERVICE),
                    "/org/freedesktop/Notifications",
                    Some(SERVICE),
                    "CloseNotification",
                    &(id,),
                )
                .await;
        }
        Ok::<(), zbus::Error>(())
    })
    .map_err(|e| e.to_string())
}

/// The unique name of the notification server on the session bus (`:1.42`):
/// never given to another connection while this bus runs.
fn server_name() -> Result<String, String> {
    zbus::block_on(async {
        let conn = zbus::Connection::session().await?;
        let bus = zbus::fdo::DBusProxy::new(&conn).await?;
        let name = zbus::names::BusName::try_from(SERVICE)?;
        let owner = bus.get_name_owner(name).await?;
        Ok::<String, zbus::Error>(owner.to_string())
    })
    .map_err(|e| e.to_string())
}

/// Run `f` on a helper thread and wait at most `CALL_TIMEOUT` for it.
///
/// # Errors
/// `f`'s error, or a timeout.
pub fn call_with_timeout<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(CALL_TIMEOUT)
        .unwrap_or_else(|_| Err(t!("notify.down.timeout", seconds = CALL_TIMEOUT.as_secs())))
}

#[cfg(test)]
mod tests {
    use super::markup_escape;

    #[test]
    fn markup_is_shown_as_text() {
        assert_eq!(
            markup_escape("<b>R&D</b> <img src=x>"),
            "&lt;b&gt;R&amp;D&lt;/b&gt; &lt;img src=x&gt;"
        );
        assert_eq!(
            markup_escape("Time for a short break (10 min)"),
            "Time for a short break (10 min)"
        );
    }
}
