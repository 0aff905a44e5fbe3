//! The end of the workday in the real `kot` TUI, in a pseudo-terminal, on
//! the test clock: the countdown runs out, "Time to shut down" opens the
//! ritual, it is walked with the keyboard (a step back, the journal's evening
//! form), `on_complete` runs a script as argv; the evening view holds, work
//! starts again only after a yes; the next morning finds the top 3 chosen,
//! or a forgotten shutdown.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use pty::{Kot, TODAY, day_toml};

const COLS: u16 = 100;
const ROWS: u16 = 32;
const TOMORROW: &str = "2026-11-24";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-ritual-pty-")
        .tempdir()
        .unwrap()
}

/// Monday, checked in at 08:55 at home: one task done, one open.
fn worked_monday(dir: &Path) {
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "date = \"{TODAY}\"\nplace = \"home\"\nnext_task = 3\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    )
    .unwrap();
}

/// No break falls due before the end (so nothing else asks for a key), your
/// own step, and `on_complete` as given.
fn config(dir: &Path, on_complete: &[&str]) {
    let argv: Vec<String> = on_complete.iter().map(|a| format!("{a:?}")).collect();
    fs::write(
        dir.join("config.toml"),
        format!(
            "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
             [shutdown]\nsteps = [\"Close work apps\"]\non_complete = [{}]\n",
            argv.join(", ")
        ),
    )
    .unwrap();
}

/// A script that writes its arguments to the file named by the first.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn journal_toml(dir: &Path) -> toml::Table {
    let path = dir
        .join("journal")
        .join(&TODAY[..4])
        .join(format!("{TODAY}.toml"));
    fs::read_to_string(path).unwrap().parse().unwrap()
}

fn tops(day: &toml::Table) -> Vec<(String, bool)> {
    day.get("tasks")
        .and_then(toml::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|t| {
            (
                t.get("title").unwrap().as_str().unwrap().to_string(),
                t.get("top").and_then(toml::Value::as_bool).unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn the_countdown_opens_the_ritual_and_it_is_walked_to_the_evening() {
    let tmp = tempdir();
    let dir = tmp.path();
    let scripts = tempdir();
    let marker = scripts.path().join("ran");
    let lock = script(scripts.path(), "lock.sh", "printf '%s\\n' \"$@\" > \"$1\"");
    worked_monday(dir);
    config(
        dir,
        &[lock.to_str().unwrap(), marker.to_str().unwrap(), "--now"],
    );
    // 17:28 at 30×: the end (17:30) comes after four real seconds.
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T17:28:00"), ("KOT_TIME_SCALE", "30")],
    );
    kot.wait_for("End of the workday in 2 min (17:30)");
    // The countdown runs out: "Time to shut down" opens the ritual by itself.
    kot.wait_for_all(&["Shutdown · Monday 23 November 2026", "Step 1 of 4"]);
    kot.wait_line(&["[to Tue 24 Nov]", "Mail"]);
    kot.send(ENTER);
    kot.wait_for("Step 2 of 4");
    kot.send("t");
    kot.wait_line(&["★", "Mail"]);
    kot.send("a");
    kot.wait_for("New top task:");
    kot.send("Budget");
    kot.wait_for("Budget▏");
    kot.send(ENTER);
    kot.wait_line(&["★", "Budget"]);
    kot.send(ENTER);
    kot.wait_for_all(&["Step 3 of 4", "Evening check-in"]);
    kot.send("4");
    kot.wait_line(&["Mood", "4/5"]);
    // A step back, and on again: the answer stays.
    kot.send(BACKSPACE);
    kot.wait_for("Step 2 of 4");
    kot.send(ENTER);
    kot.wait_line(&["Mood", "4/5"]);
    kot.send("w");
    kot.wait_for("Win:");
    kot.send("Één rapport af");
    kot.send(ENTER);
    kot.wait_line(&["Wins", "Één rapport af"]);
    kot.send(ENTER);
    kot.wait_for_all(&["Step 4 of 4", "Close work apps"]);
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at 17:3");
    pty::wait_until(pty::deadline(), "on_complete to run", || marker.exists());
    assert_eq!(
        fs::read_to_string(&marker).unwrap(),
        format!("{}\n--now\n", marker.display()),
        "run as argv, no shell"
    );
    let today = day_toml(dir, TODAY);
    let shutdown = today.get("shutdown").unwrap();
    assert!(shutdown.get("at").is_some(), "{today:#?}");
    let tomorrow = day_toml(dir, TOMORROW);
    assert_eq!(
        tops(&tomorrow),
        [("Mail".to_string(), true), ("Budget".to_string(), true)]
    );
    let journal = journal_toml(dir);
    assert_eq!(
        journal.get("mood").and_then(toml::Value::as_integer),
        Some(4)
    );

    // The evening view holds; a break key asks first, and no is no.
    kot.send(ENTER);
    kot.wait_for_all(&["Off since 17:3", "Budget", "Report"]);
    kot.send("s");
    kot.wait_for("Back to work?");
    kot.send("n");
    kot.wait_gone("Back to work?");
    assert!(day_toml(dir, TODAY).get("evening").is_none());
    kot.send("w");
    kot.wait_for("Back to work?");
    kot.send("y");
    kot.wait_for("Back to work since");
    kot.wait_for("Working again since");
    let today = day_toml(dir, TODAY);
    let evening = today
        .get("evening")
        .and_then(toml::Value::as_array)
        .unwrap();
    assert_eq!(evening.len(), 1, "{today:#?}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);

    // The next morning: the ritual's top 3 is already chosen.
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-24T08:50:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for("Where do you work today?");
    kot.send(ESC);
    kot.wait_for("How do you feel today?");
    kot.send(ESC);
    kot.wait_for("picked at yesterday's shutdown (2/3)");
    kot.wait_line(&["★", "Mail"]);
    kot.wait_line(&["★", "Budget"]);
    assert!(
        !kot.contains("ended without a shutdown"),
        "{}",
        kot.screen()
    );
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// kot closed at 18:00 without the ritual: the next morning's check-in
/// says so, offers Monday's open task, and records the miss.
#[test]
fn a_forgotten_shutdown_is_caught_the_next_morning() {
    let tmp = tempdir();
    let dir = tmp.path();
    worked_monday(dir);
    config(dir, &[]);
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-24T08:50:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for_all(&[
        "When did you stop yesterday?",
        "Monday ended without a shutdown",
    ]);
    kot.send(ENTER);
    kot.wait_for("Where do you work today?");
    kot.send(ESC);
    kot.wait_for("How do you feel today?");
    kot.send(ESC);
    kot.wait_line(&["[carry]", "Mail"]);
    kot.send(ENTER);
    kot.wait_for("Pick today's top 3");
    kot.send(ENTER);
    pty::wait_until(pty::deadline(), "missed = true in Monday's file", || {
        day_toml(dir, TODAY)
            .get("shutdown")
            .and_then(|s| s.get("missed"))
            .and_then(toml::Value::as_bool)
            == Some(true)
    });
    let tue = day_toml(dir, TOMORROW);
    assert_eq!(tops(&tue), [("Mail".to_string(), false)]);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// A sick day's ritual is one step, opened with `Q`; an `on_complete` that
/// fails is said in the banner and changes nothing else.
#[test]
fn a_sick_day_rests_and_a_failing_on_complete_is_harmless() {
    let tmp = tempdir();
    let dir = tmp.path();
    let scripts = tempdir();
    // It writes to both outputs: none of it may land on kot's screen, the
    // banner says its last lines.
    let fail = script(
        scripts.path(),
        "fail.sh",
        "echo 'out-noise' ; echo 'locker: no display' >&2 ; exit 3",
    );
    worked_monday(dir);
    let path = pty::day_path(dir, TODAY);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("place = \"home\"", "place = \"sick\"");
    fs::write(&path, text).unwrap();
    config(dir, &[fail.to_str().unwrap()]);
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for("Sick day");
    kot.send("Q");
    kot.wait_for_all(&["Step 1 of 1", "A sick day: rest"]);
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at 15:00");
    let screen = kot.wait_for("failed (exit status: 3): out-noise · locker: no display");
    assert_eq!(
        screen.matches("out-noise").count(),
        1,
        "only in the banner: {screen}"
    );
    let today = day_toml(dir, TODAY);
    assert!(today.get("shutdown").and_then(|s| s.get("at")).is_some());
    let tasks = tops(&today);
    assert_eq!(tasks.len(), 2, "a sick day decides no tasks: {today:#?}");
    kot.send(ENTER);
    kot.wait_for("Off since 15:00");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}
