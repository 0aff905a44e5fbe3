//! What every test that runs the `kot` binary shares, whichever harness it uses
//! (`tests/common`, `tests/pty`, `tests/dbus` include this file): one hermetic
//! environment for the child, and one way to wait.
//!
//! The environment: kot must see nothing of the machine the tests run on, or a
//! screen locked during `cargo test` (logind on the host's system bus), a
//! notification daemon (the host's session bus), a Dutch locale or a `KOT_*`
//! left in the shell changes what a test sees. Only the child's environment is
//! set, never this process's, so tests run in parallel.
//!
//! The waits: every wait polls a condition up to a deadline, `KOT_TEST_WAIT_MS`
//! (10 s by default), and fails with what it last saw. Real-time limits a test
//! asserts (a stop within 5 s) are scaled by the same setting, never tighter.
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::fmt::Display;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use portable_pty::CommandBuilder;

/// Where both D-Bus buses point unless a test brings its own: nothing listens
/// there, so kot finds no notification server and no logind, at once.
pub const NO_BUS: &str = "unix:path=/nonexistent/kot-test-bus";

const DEFAULT_WAIT_MS: u64 = 10_000;
const POLL: Duration = Duration::from_millis(10);

/// How long a wait may take before the test fails: `KOT_TEST_WAIT_MS`, else 10 s.
pub fn wait_timeout() -> Duration {
    let ms = std::env::var("KOT_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_WAIT_MS);
    Duration::from_millis(ms)
}

/// How much slower than usual this machine is allowed to be: `KOT_TEST_WAIT_MS`
/// against its default, never below 1, so a short wait setting (to fail fast)
/// does not make a real-time limit stricter than the test wrote it.
pub fn slowness() -> f64 {
    (wait_timeout().as_secs_f64() / Duration::from_millis(DEFAULT_WAIT_MS).as_secs_f64()).max(1.0)
}

/// A real-time limit written for a normal machine, stretched by `slowness()`.
pub fn scaled(limit: Duration) -> Duration {
    limit.mul_f64(slowness())
}

/// Variables of the test runner a child must not inherit: each one changes
/// what kot says (language, colours, clock, zone), where it looks (data and
/// config directories) or whom it talks to (the D-Bus buses, the login session).
fn host_only(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    const PREFIXES: &[&str] = &["LC_", "KOT_", "XDG_", "DBUS_"];
    const NAMES: &[&str] = &[
        "LANG",
        "LANGUAGE",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "COLORTERM",
        "TERM",
        "COLUMNS",
        "LINES",
        "TZ",
        "HOME",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p)) || NAMES.contains(&name)
}

/// What the hermetic environment sets, with private directories below `scratch`
/// (a directory the test owns; nothing is created there).
fn settings(scratch: &Path) -> Vec<(&'static str, OsString)> {
    let under = |p: &str| scratch.join(p).into_os_string();
    vec![
        ("LANG", "C.UTF-8".into()),
        ("DBUS_SESSION_BUS_ADDRESS", NO_BUS.into()),
        ("DBUS_SYSTEM_BUS_ADDRESS", NO_BUS.into()),
        ("HOME", under("home")),
        ("XDG_CONFIG_HOME", under("xdg/config")),
        ("XDG_DATA_HOME", under("xdg/data")),
        ("XDG_STATE_HOME", under("xdg/state")),
        ("XDG_CACHE_HOME", under("xdg/cache")),
        ("XDG_RUNTIME_DIR", under("xdg/runtime")),
    ]
}

/// The names among `names` the child must lose.
fn removals(names: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut out: Vec<OsString> = names.filter(|n| host_only(n)).collect();
    out.sort();
    out.dedup();
    out
}

/// Make `cmd`'s environment hermetic: every host variable of `host_only` gone,
/// also those set on `cmd` before, then `LANG`, both buses, `HOME` and the XDG
/// directories set. Apply it first; the harness's `KOT_*`, `TZ` and a test's
/// own bus or `NO_COLOR` come after and win.
pub fn hermetic<'a>(cmd: &'a mut Command, scratch: &Path) -> &'a mut Command {
    let given: Vec<OsString> = cmd.get_envs().map(|(k, _)| k.to_os_string()).collect();
    let host = std::env::vars_os().map(|(k, _)| k);
    for name in removals(host.chain(given)) {
        cmd.env_remove(name);
    }
    for (k, v) in settings(scratch) {
        cmd.env(k, v);
    }
    cmd
}

/// `hermetic` for a command run in a pseudo-terminal.
pub fn hermetic_pty(cmd: &mut CommandBuilder, scratch: &Path) {
    let given: Vec<OsString> = cmd
        .iter_full_env_as_str()
        .map(|(k, _)| OsString::from(k))
        .collect();
    let host = std::env::vars_os().map(|(k, _)| k);
    for name in removals(host.chain(given)) {
        cmd.env_remove(name);
    }
    for (k, v) in settings(scratch) {
        cmd.env(k, v);
    }
}

/// What a probe of `wait_until` answers: done (with a value), or not yet
/// (with what it saw, for the failure message).
pub trait Probe {
    type Out;
    fn check(self) -> Result<Self::Out, Option<String>>;
}

impl Probe for bool {
    type Out = ();
    fn check(self) -> Result<(), Option<String>> {
        if self { Ok(()) } else { Err(None) }
    }
}

impl<T> Probe for Option<T> {
    type Out = T;
    fn check(self) -> Result<T, Option<String>> {
        self.ok_or(None)
    }
}

/// `Err` carries what the probe saw, shown when the wait times out.
impl<T> Probe for Result<T, String> {
    type Out = T;
    fn check(self) -> Result<T, Option<String>> {
        self.map_err(Some)
    }
}

/// Poll `probe` until it is done or `limit` has passed; `Err` with what it last
/// saw when time ran out.
pub fn poll_until<P: Probe>(
    limit: Duration,
    mut probe: impl FnMut() -> P,
) -> Result<P::Out, Option<String>> {
    let end = Instant::now() + limit;
    loop {
        let seen = match probe().check() {
            Ok(v) => return Ok(v),
            Err(seen) => seen,
        };
        if Instant::now() >= end {
            return Err(seen);
        }
        std::thread::sleep(POLL);
    }
}

/// Poll `probe` until it is done; past `limit` the test fails, naming `what`
/// and showing what the probe saw last. `limit` is `wait_timeout()`, or that
/// plus the real time a simulated clock needs to get somewhere.
#[track_caller]
pub fn wait_until<P: Probe>(
    limit: Duration,
    what: impl Display,
    probe: impl FnMut() -> P,
) -> P::Out {
    match poll_until(limit, probe) {
        Ok(v) => v,
        Err(seen) => panic!(
            "timed out after {limit:?} waiting for {what}{}",
            seen.map(|s| format!("\n{s}")).unwrap_or_default()
        ),
    }
}

/// Wait for `child` to exit, at most `limit`; `None` when it still runs.
pub fn exit_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    poll_until(limit, || child.try_wait().expect("try_wait")).ok()
}

/// The simulated clock kot runs on when started with `env()`: `KOT_NOW` at
/// this moment, running `scale` times real time, so the test can wait for
/// simulated time to pass in kot's own terms.
pub struct SimClock {
    epoch: f64,
    scale: f64,
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs_f64()
}

impl SimClock {
    pub fn start(scale: f64) -> Self {
        Self {
            epoch: unix_now(),
            scale,
        }
    }

    /// `KOT_TIME_SCALE` and `KOT_EPOCH` for kot to share this clock.
    pub fn env(&self) -> [(&'static str, String); 2] {
        [
            ("KOT_TIME_SCALE", self.scale.to_string()),
            ("KOT_EPOCH", self.epoch.to_string()),
        ]
    }

    /// Simulated minutes since `KOT_NOW`.
    pub fn minutes(&self) -> f64 {
        (unix_now() - self.epoch) * self.scale / 60.0
    }

    /// The real time the clock needs to run `minutes` simulated minutes.
    pub fn real(&self, minutes: f64) -> Duration {
        Duration::from_secs_f64((minutes * 60.0 / self.scale).max(0.0))
    }

    /// Wait until the clock has passed `minute` (simulated minutes since
    /// `KOT_NOW`), allowing the real time that takes plus the usual deadline.
    #[track_caller]
    pub fn wait_past(&self, minute: f64) {
        let limit = self.real(minute - self.minutes()) + wait_timeout();
        wait_until(limit, format_args!("simulated minute {minute}"), || {
            self.minutes() >= minute
        });
    }
}
