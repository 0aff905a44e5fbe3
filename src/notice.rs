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
    /// A heads-up before a meeting or a run of calls: closes once it starts.
    HeadsUp,
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
    /// Close every notice kot showed (it stops), waiting a bounded time.
    fn close_all(&self) {}
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

/// Why desktop notices failed, in words a user can act on: no session bus,
/// no notification server on it, or the raw error when it is neither (the
/// server that does not answer is said where the wait runs out).
#[must_use]
pub fn why_down(raw: &str) -> String {
    const NO_SERVER: &[&str] = &["ServiceUnknown", "NameHasNoOwner", "not provided by any"];
    const NO_BUS: &[&str] = &["failed to connect", "DBUS_SESSION_BUS_ADDRESS", "Address"];
    if NO_SERVER.iter().any(|s| raw.contains(s)) {
        crate::t!("notify.down.no_server")
    } else if NO_BUS.iter().any(|s| raw.contains(s)) {
        crate::t!("notify.down.no_bus")
    } else {
        raw.to_string()
    }
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

#[cfg(test)]
mod tests {
    use super::why_down;

    #[test]
    fn a_failure_is_said_as_no_bus_no_server_or_as_it_came() {
        let no_bus = why_down(
            "failed to connect to `unix:path=/nonexistent/x`: No such file or directory (os error 2)",
        );
        assert_eq!(no_bus, crate::t!("notify.down.no_bus"));
        let no_server = why_down(
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files",
        );
        assert_eq!(no_server, crate::t!("notify.down.no_server"));
        assert_eq!(why_down("something odd"), "something odd");
    }
}
