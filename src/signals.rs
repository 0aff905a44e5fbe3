//! SIGTERM, SIGHUP and SIGINT become one call of `stop`, on a thread of their
//! own, so the TUI and `kot watch` can leave cleanly (terminal restored, the
//! coach's last moment recorded).

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Call `stop` once, on the first of these signals. Without signal support
/// (never on Linux) nothing happens and the default handling stays.
pub fn on_stop(stop: impl FnOnce() + Send + 'static) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop();
        }
    });
}
