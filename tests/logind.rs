//! A locked session counts as a break: kot listens to logind on the system bus.
//! The test starts a private bus as the "system bus", serves a logind stand-in
//! on it, and runs `kot watch` against it. kot says when it listens; the test
//! locks the session once after that.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::{SimClock, TempKot, exit_within, wait_timeout, wait_until};

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

const TODAY: &str = "2026-11-23";

fn day_text(kot: &TempKot) -> String {
    std::fs::read_to_string(kot.day_path(TODAY)).unwrap_or_default()
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

    let kot = TempKot::at("2026-11-23T10:00:00");
    kot.write_day(
        TODAY,
        "schema = 1\ndate = \"2026-11-23\"\nplace = \"home\"\n\n[checkin]\nat = \"2026-11-23T08:55:00+01:00\"\n",
    );
    // One simulated clock for kot and the test: 10:00 now, 300x.
    let clock = SimClock::start(SCALE);
    let child = kot
        .command()
        .arg("watch")
        .envs(clock.env())
        .env("DBUS_SYSTEM_BUS_ADDRESS", &bus.1)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut watch = Running(child);
    let out = Arc::new(Mutex::new(String::new()));
    let reader_out = out.clone();
    let stdout = watch.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            reader_out.lock().unwrap().push_str(&(line + "\n"));
        }
    });

    let started = wait_until(wait_timeout(), "kot watch to say it listens", || {
        let out = out.lock().unwrap();
        let line = out.lines().find(|l| l.starts_with("kot watch: coaching"));
        line.map(str::to_string).ok_or_else(|| out.clone())
    });
    assert!(
        !started.contains("without"),
        "kot watch should listen to the test's logind: {started}"
    );
    assert!(asked.load(Ordering::SeqCst), "kot never asked logind");
    // Locked for 15 simulated minutes, read off the shared clock.
    let locked_at = clock.minutes();
    lock(&conn);
    clock.wait_past(locked_at + 15.5);
    unlock(&conn);
    wait_until(wait_timeout(), "the lock to count as a break", || {
        day_text(&kot).contains("counted = \"locked\"")
    });
    wait_until(wait_timeout(), "the watch to say so", || {
        let out = out.lock().unwrap();
        if out.contains("counted as your break") {
            Ok(())
        } else {
            Err(out.clone())
        }
    });

    let day: toml::Table = toml::from_str(&day_text(&kot)).unwrap();
    let breaks = day["breaks"].as_array().unwrap();
    assert_eq!(breaks.len(), 1, "{day:#?}");
    assert_eq!(breaks[0]["counted"].as_str(), Some("locked"));
    assert_eq!(breaks[0]["outcome"].as_str(), Some("taken"));

    Command::new("kill")
        .args(["-TERM", &watch.0.id().to_string()])
        .status()
        .unwrap();
    let status = exit_within(&mut watch.0, wait_timeout()).expect("kot watch to stop on SIGTERM");
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
