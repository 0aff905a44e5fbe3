//! The lunch rule (issue 17, item 9), through the real binary: one rule for
//! what counts as lunch, and every message, record and timeline mark follows
//! it. A lunch asked for that is too early or too short is a break, drawn and
//! counted as one; a personal block that counts as lunch is said to be lunch.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::path::Path;

use pty::{Kot, TODAY, cli, day_path};

/// Checked in at 08:55: focus from 09:00.
fn write_checkin(dir: &Path) {
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n[checkin]\n\
             at = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n"
        ),
    )
    .unwrap();
}

fn at(hm: &str) -> String {
    format!("{TODAY}T{hm}:00")
}

fn run(dir: &Path, now: &str, args: &[&str]) -> String {
    let out = cli(dir, args, &[("KOT_NOW", &at(now)), ("KOT_TIME_SCALE", "0")]);
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An 11:15 lunch of half an hour is over before the lunch window opens: kot
/// says it still expects lunch, and the timeline draws a break, not a lunch
/// (it once said "That was not yet lunch" under a "lunch break" mark).
#[test]
fn an_early_lunch_is_a_break_on_the_timeline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_checkin(dir);
    run(dir, "11:15", &["break", "start", "--lunch"]);
    let said = run(dir, "11:45", &["break", "end"]);
    assert!(said.contains("kot still expects a lunch"), "{said}");
    let mut kot = Kot::spawn(
        dir,
        100,
        40,
        &[("KOT_NOW", &at("11:46")), ("KOT_TIME_SCALE", "0")],
    );
    let screen = kot.wait_for("11:15-11:45");
    assert!(
        screen.contains("11:15-11:45 ○ break, not lunch"),
        "{screen}"
    );
    assert!(!screen.contains("11:15-11:45 ○ lunch break"), "{screen}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// A personal "Lunch with Sam" in the lunch window is recorded as lunch, and
/// said to be lunch (it was announced as "counted as your break").
#[test]
fn a_personal_lunch_block_is_announced_as_lunch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_checkin(dir);
    run(
        dir,
        "12:00",
        &[
            "plan",
            "block",
            "add",
            "12:30-13:15",
            "Lunch with Sam",
            "--personal",
        ],
    );
    let mut kot = Kot::spawn(
        dir,
        100,
        40,
        &[("KOT_NOW", &at("13:14")), ("KOT_TIME_SCALE", "60")],
    );
    let screen = kot.wait_for("counted as your lunch");
    assert!(
        screen.contains("You were away 45 min: counted as your lunch"),
        "{screen}"
    );
    let day = fs::read_to_string(day_path(dir, TODAY)).unwrap();
    assert!(day.contains("counted = \"lunch\""), "{day}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// An early lunch is a break in every count too (issue 17, item 8): the
/// status line, `kot day` and the report say one break taken and no lunch,
/// as the timeline draws it (they once counted it as neither).
#[test]
fn an_early_lunch_counts_as_a_break_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_checkin(dir);
    run(dir, "11:15", &["break", "start", "--lunch"]);
    run(dir, "11:45", &["break", "end"]);
    let status = run(dir, "11:50", &["status", "--json"]);
    assert!(
        status.contains("Breaks today: 1 taken, 0 skipped, 0 ignored"),
        "{status}"
    );
    let day: serde_json::Value =
        serde_json::from_str(&run(dir, "11:50", &["day", "--json"])).unwrap();
    assert_eq!(day["breaks_taken"], 1, "{day}");
    assert_eq!(day["lunch"], serde_json::Value::Null, "{day}");
    let report: serde_json::Value =
        serde_json::from_str(&run(dir, "11:50", &["report", "--format", "json"])).unwrap();
    assert_eq!(report["days"][0]["breaks_taken"], 1, "{report}");
    assert_eq!(report["totals"]["lunches"], 0, "{report}");
}
