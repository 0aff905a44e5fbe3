//! A locked session counts as a break: kot listens to logind on the system bus.
//! The test starts a private bus as the "system bus", serves a logind stand-in
//! on it, and runs `kot watch` against it.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SESSION_PATH: &str = "/org/freedesktop/login1/session/_1";
const SCALE: f64 = 300.0;

struct Bus(Child, String);

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private bus, or `None` (with a note) when dbus-daemon is missing outside CI.
fn private_bus() -> Option<Bus> {
    let child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            let msg =
                format!("dbus-daemon cannot run ({e}): install the Debian package dbus-daemon");
            assert!(std::env::var_os("CI").is_none(), "{msg}");
            eprintln!("skipped: {msg}");
            return None;
        }
    };
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    Some(Bus(child, line.trim().to_string()))
}

/// Kills kot if the test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Manager(Arc<AtomicBool>);

#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl Manager {
    #[zbus(name = "GetSessionByPID")]
    fn get_session_by_pid(&self, _pid: u32) -> zbus::OwnedObjectPath {
        self.0.store(true, Ordering::SeqCst);
        zbus::OwnedObjectPath::try_from(SESSION_PATH).unwrap()
    }
}

fn emit(conn: &zbus::Connection, member: &str) {
    zbus::block_on(conn.emit_signal(
        None::<&str>,
        SESSION_PATH,
        "org.freedesktop.login1.Session",
        member,
        &(),
    ))
    .unwrap();
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn day_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("days/2026/2026-11-23.toml")).unwrap_or_default()
}

fn a_lock_counts_as_a_break(lock: fn(&zbus::Connection), unlock: fn(&zbus::Connection)) {
    let Some(bus) = private_bus() else { return };
    let asked = Arc::new(AtomicBool::new(false));
    let conn = zbus::block_on(
        zbus::connection::Builder::address(bus.1.as_str())
            .name("org.freedesktop.login1")
            .serve_at("/org/freedesktop/login1", Manager(asked.clone()))
            .build(),
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("days/2026")).unwrap();
    std::fs::write(
        dir.path().join("days/2026/2026-11-23.toml"),
        "schema = 1\ndate = \"2026-11-23\"\nplace = \"home\"\n\n[checkin]\nat = \"2026-11-23T08:55:00+01:00\"\n",
    )
    .unwrap();
    // One simulated clock for kot and the test: 10:00 at `epoch`, 300x.
    let epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let sim_minutes = move || {
        (SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64()
            - epoch)
            * SCALE
            / 60.0
    };
    let kot = Command::new(env!("CARGO_BIN_EXE_kot"))
        .arg("watch")
        .env("KOT_DIR", dir.path())
        .env("TZ", "Europe/Brussels")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env("KOT_NOW", "2026-11-23T10:00:00")
        .env("KOT_TIME_SCALE", SCALE.to_string())
        .env("KOT_EPOCH", epoch.to_string())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("DBUS_SYSTEM_BUS_ADDRESS", &bus.1)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut kot = Running(kot);
    let out = Arc::new(Mutex::new(String::new()));
    let reader_out = out.clone();
    let stdout = kot.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            reader_out.lock().unwrap().push_str(&(line + "\n"));
        }
    });

    wait_until("kot to ask logind for its session", || {
        asked.load(Ordering::SeqCst)
    });
    // kot subscribes right after asking; a repeated Lock is harmless, so send it
    // until a moment after the question to be sure one arrives after that.
    let locked_at = sim_minutes();
    for _ in 0..20 {
        lock(&conn);
        std::thread::sleep(Duration::from_millis(10));
    }
    // Locked for 15 simulated minutes, read off the shared clock.
    wait_until("15 simulated minutes", || sim_minutes() >= locked_at + 15.5);
    wait_until("the lock to count as a break", || {
        unlock(&conn);
        day_text(dir.path()).contains("counted = \"locked\"")
    });
    wait_until("the watch to say so", || {
        out.lock().unwrap().contains("counted as your break")
    });

    let day: toml::Table = toml::from_str(&day_text(dir.path())).unwrap();
    let breaks = day["breaks"].as_array().unwrap();
    assert_eq!(breaks.len(), 1, "{day:#?}");
    assert_eq!(breaks[0]["counted"].as_str(), Some("locked"));
    assert_eq!(breaks[0]["outcome"].as_str(), Some("taken"));

    Command::new("kill")
        .args(["-TERM", &kot.0.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = kot.0.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "kot watch did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success());
}

/// `loginctl lock-session`: logind's Lock and Unlock signals.
#[test]
fn a_session_locked_with_lock_signals_counts_as_a_break() {
    a_lock_counts_as_a_break(|c| emit(c, "Lock"), |c| emit(c, "Unlock"));
}

/// Desktop screen lockers set LockedHint instead.
#[test]
fn a_session_locked_by_a_screen_locker_counts_as_a_break() {
    a_lock_counts_as_a_break(|c| locked_hint(c, true), |c| locked_hint(c, false));
}

fn locked_hint(conn: &zbus::Connection, locked: bool) {
    let changed: std::collections::HashMap<&str, zbus::Variant<'_>> =
        std::collections::HashMap::from([("LockedHint", zbus::Variant::from(locked))]);
    let body = (
        "org.freedesktop.login1.Session",
        changed,
        Vec::<String>::new(),
    );
    zbus::block_on(conn.emit_signal(
        None::<&str>,
        SESSION_PATH,
        "org.freedesktop.DBus.Properties",
        "PropertiesChanged",
        &body,
    ))
    .unwrap();
}
