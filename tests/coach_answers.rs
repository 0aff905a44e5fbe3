//! Issue 7's answers to the coach, end to end: "I'm back" from the "break
//! over" notice (TUI and `kot watch`, against a fake notification server on a
//! private bus), any key as back in the TUI, banners that leave with their
//! cause, and one state across the TUI and `kot status` on a late first open.
//!
//! The clock is simulated (`KOT_NOW`, `KOT_TIME_SCALE`); every wait polls with
//! a deadline, nothing sleeps a fixed time.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod dbus;
mod pty;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use dbus::{Bus, Got, Server, Setup};
use pty::{Kot, TODAY, TZ, cli, day_path, day_toml, hermetic, wait_until};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const OVER_SUMMARY: &str = "Your short break is over";
const CARD_OVER: &str = "Break over";
const FOCUS: &str = "focus · break in";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-answers-")
        .tempdir()
        .expect("temp dir")
}

/// A check-in at 08:55, a short break started at 09:50 for 10 minutes (over
/// at 10:00), micro-pauses off.
fn on_break_dir() -> tempfile::TempDir {
    let tmp = tempdir();
    let dir = tmp.path();
    let day = day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n\
             [coach.on_break]\nkind = \"short\"\nstart = \"{TODAY}T09:50:00+01:00\"\n\
             minutes = 10\ndue = \"{TODAY}T09:50:00+01:00\"\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\n",
    )
    .unwrap();
    tmp
}

/// Five simulated seconds before the break is over; at 10× the grace of
/// five minutes is 30 real seconds, far past any wait below.
const BEFORE_OVER: &str = "2026-11-23T09:59:55";
const SCALE: &str = "10";

/// The `[[breaks]]` entries of today's file (none when absent).
fn breaks(dir: &Path) -> Vec<toml::Table> {
    let text = fs::read_to_string(day_path(dir, TODAY)).unwrap_or_default();
    text.parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("breaks").and_then(toml::Value::as_array).cloned())
        .map(|a| a.iter().filter_map(|v| v.as_table().cloned()).collect())
        .unwrap_or_default()
}

/// Whether `[coach.on_break]` is still in today's file.
fn still_on_break(dir: &Path) -> bool {
    day_toml(dir, TODAY)
        .get("coach")
        .and_then(|c| c.get("on_break"))
        .is_some()
}

/// The one recorded break, ended by the user (not assumed), after 10:00.
#[track_caller]
fn assert_ended_by_you(dir: &Path) {
    let b = breaks(dir);
    assert_eq!(b.len(), 1, "one break recorded: {b:#?}");
    let get = |k: &str| b[0].get(k).and_then(toml::Value::as_str);
    assert_eq!(get("kind"), Some("short"), "{b:#?}");
    assert_eq!(get("outcome"), Some("taken"), "{b:#?}");
    assert_eq!(get("counted"), Some("you"), "{b:#?}");
    assert!(b[0].get("back").is_none(), "not assumed: {b:#?}");
    let end = b[0].get("end").map(ToString::to_string).unwrap_or_default();
    assert!(
        end.contains("T10:0"),
        "the end is recorded just after 10:00, not {end}: {b:#?}"
    );
    assert!(!still_on_break(dir), "the break is closed");
}

fn is_over(g: &Got) -> bool {
    g.summary == OVER_SUMMARY
}

/// Invoke `back` on the notice until the break leaves the day file: kot
/// listens for `ActionInvoked` only once `Notify` returned, so the first
/// signal may come too early (as in tests/notifications.rs).
fn invoke_back_until_closed(server: &Server, dir: &Path, note: &Got) {
    let mut last: Option<Instant> = None;
    wait_until(
        dbus::deadline(),
        "the break to be closed by \"I'm back\"",
        || {
            if last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
                server.invoke_action(note.id, "back");
                last = Some(Instant::now());
            }
            if breaks(dir).is_empty() {
                Err(fs::read_to_string(day_path(dir, TODAY)).unwrap_or_default())
            } else {
                Ok(())
            }
        },
    );
}

#[track_caller]
fn assert_back_action(note: &Got) {
    assert!(note.action_keys().contains(&"back"), "{note:#?}");
    assert_eq!(note.action_label("back"), Some("I'm back"), "{note:#?}");
}

// ---- 1. "I'm back" from the notice ----

#[test]
fn tui_ends_the_break_on_the_back_action() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = on_break_dir();
    let dir = tmp.path();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[
            ("KOT_NOW", BEFORE_OVER),
            ("KOT_TIME_SCALE", SCALE),
            ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ],
    );
    let note = server.wait_note("the break-over notice", is_over);
    assert_back_action(&note);
    let card = kot.wait_for(CARD_OVER);
    // The notice and the card ask for the same key, in the same words.
    assert!(note.body.contains("press Enter in kot"), "{note:#?}");
    assert!(card.contains("Press Enter when you start again"), "{card}");
    invoke_back_until_closed(&server, dir, &note);
    kot.wait_gone(CARD_OVER);
    kot.wait_for(FOCUS);
    assert_ended_by_you(dir);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// `kot watch` with no terminal, its stderr collected.
struct Watch {
    child: Child,
    err: Arc<Mutex<Vec<String>>>,
    reader: Option<JoinHandle<()>>,
}

impl Watch {
    fn spawn(dir: &Path, bus: &str) -> Self {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
        hermetic(&mut c, &dir.join(".test-env"))
            .arg("watch")
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .env("KOT_DIR", dir)
            .env("TZ", TZ)
            .env("KOT_NOW", BEFORE_OVER)
            .env("KOT_TIME_SCALE", SCALE)
            .env("DBUS_SESSION_BUS_ADDRESS", bus);
        let mut child = c.spawn().expect("spawn kot watch");
        let err: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = err.clone();
        let pipe = child.stderr.take().expect("stderr");
        let reader = thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push(line);
            }
        });
        Self {
            child,
            err,
            reader: Some(reader),
        }
    }

    fn stderr(&self) -> String {
        self.err.lock().unwrap().join("\n")
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

#[test]
fn watch_ends_the_break_on_the_back_action() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = on_break_dir();
    let dir = tmp.path();
    let mut watch = Watch::spawn(dir, &bus.address);
    let note = server.wait_note("the break-over notice", is_over);
    assert_back_action(&note);
    invoke_back_until_closed(&server, dir, &note);
    assert_ended_by_you(dir);
    assert!(
        matches!(watch.child.try_wait(), Ok(None)),
        "kot watch keeps running\n{}",
        watch.stderr()
    );
}

// ---- 2. any key counts as back, except q, ? and Ctrl-C ----

#[test]
fn any_key_but_help_counts_as_back_while_a_break_is_over() {
    let tmp = on_break_dir();
    let dir = tmp.path();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", BEFORE_OVER), ("KOT_TIME_SCALE", SCALE)],
    );
    kot.wait_for(CARD_OVER);
    kot.send("?");
    kot.wait_for(" Keys ");
    assert!(still_on_break(dir), "? only opens the help");
    assert!(breaks(dir).is_empty(), "? is not back: {:#?}", breaks(dir));
    kot.send("\x1b");
    kot.wait_gone(" Keys ");
    kot.wait_for(CARD_OVER);
    assert!(still_on_break(dir), "Esc closing the help is not back");

    kot.send("x");
    kot.wait_gone(CARD_OVER);
    kot.wait_for(FOCUS);
    wait_until(pty::deadline(), "the break in the day file", || {
        (!breaks(dir).is_empty()).then_some(())
    });
    assert_ended_by_you(dir);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

// ---- 3. banners leave with their cause ----

/// The micro-pause banner leaves once its 60 seconds are over (it stayed 26
/// minutes before).
#[test]
fn the_micro_pause_banner_leaves_after_its_seconds() {
    let tmp = tempdir();
    let dir = tmp.path();
    let day = day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 9\nmicro_seconds = 60\n",
    )
    .unwrap();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T09:08:55"), ("KOT_TIME_SCALE", "10")],
    );
    kot.wait_for("Micro-pause: 60 seconds");
    // 60 simulated seconds at 10× are 6 real ones.
    let screen = kot.wait_long(
        Duration::from_secs(6) + pty::deadline(),
        "the micro-pause banner to leave",
        |s| !s.contains("Micro-pause"),
    );
    let header = kot.row(0);
    assert!(
        header.contains("09:10") || header.contains("09:11") || header.contains("09:12"),
        "gone right after its minute, not much later: {header}\n{screen}"
    );
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

// ---- 4. one state across the TUI and kot status ----

/// A first open at 10:40 with no check-in: the day has not begun in the TUI
/// and in `kot status` alike; after the check-in, both say focus.
#[test]
fn a_late_first_open_shows_one_state_before_and_after_the_checkin() {
    let tmp = tempdir();
    let dir = tmp.path();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\n",
    )
    .unwrap();
    let clock = [("KOT_NOW", "2026-11-23T10:40:00"), ("KOT_TIME_SCALE", "1")];
    let mut kot = Kot::spawn(dir, COLS, ROWS, &clock);
    let screen = kot.wait_for("Good morning");
    assert!(!screen.contains("break due"), "{screen}");
    let status = |now: &str| {
        let out = cli(
            dir,
            &["status"],
            &[("KOT_NOW", now), ("KOT_TIME_SCALE", "0")],
        );
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let before = status("2026-11-23T10:40:05");
    assert!(before.contains("day not begun"), "{before}");
    assert!(!before.contains("break due"), "{before}");
    assert!(!kot.screen().contains("break due"), "{}", kot.screen());

    // The check-in: place home, then through to the end with Enter.
    kot.send("h");
    let mut last = Instant::now() - Duration::from_secs(1);
    wait_until(pty::deadline(), "the check-in to be done", || {
        if last.elapsed() >= Duration::from_millis(200) {
            kot.send("\r");
            last = Instant::now();
        }
        let s = kot.screen();
        if s.contains(FOCUS) { Ok(()) } else { Err(s) }
    });
    let screen = kot.screen();
    assert!(!screen.contains("break due"), "{screen}");
    let after = status("2026-11-23T10:41:00");
    assert!(after.contains("focus"), "{after}");
    assert!(!after.contains("break due"), "{after}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}
