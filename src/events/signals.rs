//! Every catchable signal whose default action ends the process (SIGTERM,
//! SIGHUP, SIGINT, SIGQUIT, SIGUSR1, …) becomes one call of `stop`, on a thread
//! of its own, so the TUI and `kot watch` leave cleanly: terminal restored, the
//! coach's last moment recorded. Left at their default: SIGPIPE (Rust ignores
//! it; a closed pipe is an EPIPE error, see `cli::out`), the fault signals
//! (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGABRT: the code that
//! caused them cannot go on), SIGKILL and SIGSTOP (uncatchable).

use std::os::raw::c_int;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU, SIGXFSZ,
};

/// The signals that would end kot without a word.
fn ending() -> Vec<c_int> {
    #[allow(unused_mut)]
    let mut v = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO,
    ];
    #[cfg(target_os = "linux")]
    {
        v.push(libc::SIGPWR);
        // The C library keeps the ones below SIGRTMIN() for itself.
        v.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    v
}

/// Call `stop` once, on the first of these signals; later ones are absorbed
/// (a closing terminal sends SIGHUP twice, systemd may send SIGTERM and
/// SIGHUP) so the coach's last moment is still recorded. A signal that cannot
/// be registered here keeps its default handling.
pub fn on_stop(stop: impl FnOnce() + Send + 'static) {
    let Ok(signals) = signal_hook::iterator::Signals::new(std::iter::empty::<c_int>()) else {
        return;
    };
    for sig in ending() {
        let _ = signals.add_signal(sig);
    }
    let mut signals = signals;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop();
        }
        // Later signals are read and dropped here until kot ends.
        for _ in signals.forever() {}
    });
}
