//! Desktop notifications, never in the way: one worker thread behind a bounded
//! queue sends them over D-Bus with notify-rust, each call under a timeout, so a
//! frozen bus or a server that never answers can neither block kot nor pile up
//! threads. When notifications cannot be delivered, the caller falls back to the
//! bell and the in-TUI banner; the break card always shows anyway.

pub mod desktop;

/// How urgent a notice is (the freedesktop `urgency` hint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Low,
    Normal,
    Critical,
}

/// Notices that replace each other: a break's prompt, its escalation and its
/// "break over" share one slot, so only the newest shows, and starting or ending
/// the break closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Break,
    /// The newest micro-pause replaces the one before.
    Micro,
    /// "No lunch yet": closes when lunch starts.
    Lunch,
    /// The end of the workday: warnings, "time to shut down", nudges, each
    /// replacing the one before; closes at the shutdown.
    Shutdown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
    pub urgency: Urgency,
    pub slot: Option<Slot>,
    /// Action ids offered where the server supports actions; a click comes
    /// back as `Event::Action(id)` and is dispatched by that id.
    pub actions: &'static [&'static str],
    /// Seconds after which the notice goes by itself (a micro-pause).
    pub expire_seconds: Option<u32>,
}

/// Action ids kot offers on break notices.
pub const ACTION_START: &str = "start-break";
pub const ACTION_SNOOZE: &str = "snooze";
pub const ACTION_BACK: &str = "back";
/// On "time to shut down", where the front end can open the ritual.
pub const ACTION_SHUTDOWN: &str = "start-shutdown";

/// The button text of an action id.
#[must_use]
pub fn action_label(id: &str) -> String {
    match id {
        ACTION_START => crate::t!("notice.action.start"),
        ACTION_SNOOZE => crate::t!("notice.action.snooze"),
        ACTION_SHUTDOWN => crate::t!("notice.action.shutdown"),
        _ => crate::t!("notice.action.back"),
    }
}

/// Where notices go: the desktop (`desktop::Notifier`) or, in tests, a fake
/// that records them.
pub trait Notifier {
    /// Show `n`, replacing the notice in its slot; never blocks.
    fn send(&self, n: Notice);
    /// Close the notice in `slot`, if one shows.
    fn close(&self, slot: Slot);
}

/// What the worker reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Desktop notifications do not work; the reason, said once.
    Down(String),
    /// They work again after being down.
    Up,
    /// The user clicked an action on a notice.
    Action(String),
}

/// The notification icon (`assets/kot.svg`), written once next to the data so
/// the notification server can read it; empty when it cannot be written.
#[must_use]
pub fn icon_path(store: &crate::store::Store) -> String {
    const ICON: &[u8] = include_bytes!("../assets/kot.svg");
    let path = store.root().join(".kot-icon.svg");
    let fresh = std::fs::read(&path).is_ok_and(|b| b == ICON);
    if fresh || crate::store::atomic::write(&path, ICON).is_ok() {
        path.display().to_string()
    } else {
        String::new()
    }
}
