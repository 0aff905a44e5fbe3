//! Break commands run at once on one due break (issue 7, item 11): the choice
//! of what to record (which break is due, what the snooze budget allows) is
//! made on the day re-read under `.write.lock`, so of several kots acting at
//! once one wins and the others say why not.
//!
//! Each race holds `.write.lock` from this process while the `kot`s start, so
//! every one of them has read the day before any can write (the worst case a
//! real race can reach), then lets go. A free-running round adds threads that
//! start the binary with no lock held.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use chrono::{Local, TimeZone};
use common::{TODAY, TempKot, describe, stderr, wait_timeout, wait_until};
use kot::config::Config;
use kot::core::day::{DayOp, Place};
use kot::store::{DayLoad, Store};
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::pending::Pending;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Checked in at 08:55: focus from 09:00, a short break due at 09:50.
const CHECKED_IN: &str = r#"schema = 1
date = "2026-11-23"
place = "home"

[checkin]
at = "2026-11-23T08:55:00+01:00"
feeling = 4
"#;

/// A data directory at 09:55 (clock running), the break due since 09:50.
fn due_break() -> TempKot {
    let kot = TempKot::at("2026-11-23T09:55:00");
    kot.ok(&["status"]); // the config exists
    kot.write_day(TODAY, CHECKED_IN);
    kot
}

/// Take `.write.lock` as another kot's write would.
fn hold_write_lock(kot: &TempKot) -> File {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(kot.root().join(".write.lock"))
        .expect("open the write lock");
    f.lock().expect("take the write lock");
    f
}

/// Start every command while the write lock is held, wait until each says it
/// waits for it (so each has read the day), let go, and collect the outputs.
fn race(kot: &TempKot, runs: &[&[&str]]) -> Vec<Output> {
    let lock = hold_write_lock(kot);
    let mut children = Vec::new();
    for args in runs {
        let mut child = kot
            .command()
            .args(["--wait", "60"])
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kot");
        let err = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("stderr");
        let sink = err.clone();
        let reader = thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut e = sink.lock().expect("stderr buffer");
                e.push_str(&line);
                e.push('\n');
            }
        });
        children.push((child, err, reader));
    }
    wait_until(
        wait_timeout() + std::time::Duration::from_secs(2),
        "every kot waiting for the lock",
        || {
            let seen: Vec<String> = children
                .iter()
                .map(|(_, e, _)| e.lock().expect("stderr buffer").clone())
                .collect();
            if seen
                .iter()
                .all(|e| e.contains("waiting for another program"))
            {
                Ok(())
            } else {
                Err(seen.join("---\n"))
            }
        },
    );
    drop(lock);
    children
        .into_iter()
        .map(|(child, err, reader)| {
            let mut out = child.wait_with_output().expect("wait for kot");
            reader.join().expect("stderr reader");
            out.stderr = err.lock().expect("stderr buffer").clone().into_bytes();
            out
        })
        .collect()
}

fn breaks(kot: &TempKot) -> Vec<toml::Table> {
    kot.day_toml(TODAY)
        .get("breaks")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(|b| b.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn coach(kot: &TempKot) -> toml::Table {
    kot.day_toml(TODAY)
        .get("coach")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

fn won(outs: &[Output]) -> usize {
    outs.iter().filter(|o| o.status.success()).count()
}

/// Every loser failed with one of `reasons` and nothing else.
#[track_caller]
fn losers_say(outs: &[Output], reasons: &[&str]) {
    for o in outs.iter().filter(|o| !o.status.success()) {
        let err = stderr(o);
        let last = err.lines().last().unwrap_or_default();
        assert!(
            reasons.iter().any(|r| last == format!("kot: {r}")),
            "unexpected failure\n{}",
            describe(o)
        );
    }
}

#[test]
fn six_skips_at_once_record_one_skip() {
    let kot = due_break();
    let outs = race(&kot, &[&["break", "skip"][..]; 6]);
    let records = breaks(&kot);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["outcome"].as_str(), Some("skipped"));
    assert_eq!(won(&outs), 1);
    losers_say(&outs, &["no break is due right now"]);
}

#[test]
fn eight_snoozes_at_once_keep_the_budget() {
    let kot = due_break();
    let outs = race(&kot, &[&["break", "snooze"][..]; 8]);
    // One snooze answers the due break; the others find none due (they would
    // each have added 5 minutes: 40 of a 15-minute budget).
    let snoozed = coach(&kot)["snoozed_minutes"].as_integer();
    assert_eq!(snoozed, Some(5), "{:#?}", coach(&kot));
    assert_eq!(won(&outs), 1);
    losers_say(&outs, &["no break is due right now"]);
    assert!(breaks(&kot).is_empty());
}

#[test]
fn start_and_skip_at_once_leave_either_a_break_or_a_skip() {
    for round in 0..4 {
        let kot = due_break();
        // Alternate who starts first; the lock decides who writes first.
        let runs: [&[&str]; 2] = if round % 2 == 0 {
            [&["break", "start"], &["break", "skip"]]
        } else {
            [&["break", "skip"], &["break", "start"]]
        };
        let outs = race(&kot, &runs);
        let running = coach(&kot).contains_key("on_break");
        let skipped = breaks(&kot).len();
        assert!(
            running ^ (skipped == 1) && skipped <= 1,
            "round {round}: running {running}, {skipped} skipped\n{}",
            kot.day_text(TODAY)
        );
        assert_eq!(won(&outs), 1, "round {round}");
        losers_say(
            &outs,
            &["a break is already under way", "no break is due right now"],
        );
    }
}

#[test]
fn skips_from_threads_with_no_lock_held_record_one_skip() {
    for _ in 0..3 {
        let kot = Arc::new(due_break());
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let kot = kot.clone();
                thread::spawn(move || kot.cmd(&["--wait", "60", "break", "skip"]))
            })
            .collect();
        let outs: Vec<Output> = threads
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect();
        assert_eq!(breaks(&kot).len(), 1, "{}", kot.day_text(TODAY));
        assert_eq!(won(&outs), 1);
        losers_say(&outs, &["no break is due right now"]);
    }
}

/// The TUI's keys are decided the same way: `s` on a break the TUI still shows
/// as due, after a `kot break skip` answered it, records nothing more.
#[test]
fn a_tui_skip_after_another_kots_skip_records_nothing_more() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(tmp.path().join("kot")).expect("store");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    // The TUI reads the zone of this process: the break is due at 09:50 here.
    let now = Local
        .from_local_datetime(&date.and_hms_opt(9, 55, 0).expect("time"))
        .unwrap()
        .to_utc();
    let config = Config::default();
    let home = DayOp::SetPlace {
        place: Some(Place::Home),
        extra_work: false,
    };
    store.update_day(date, home).expect("a day at home");
    // Checked in at 09:00: the day has begun, so the break is due at 09:50.
    let checkin = DayOp::FinishCheckin {
        at: (now - chrono::Duration::minutes(55))
            .with_timezone(&Local)
            .fixed_offset(),
        feeling: None,
    };
    let (day, _) = store.update_day(date, checkin).expect("checked in");
    // Another kot skips first; the TUI still shows the day it read before.
    let (on_disk, _) = store
        .update_day_with(date, |d| {
            let op = kot::coach_runtime::coach(&config, d)
                .skip(now)
                .expect("due");
            Ok::<_, kot::store::StoreError>(vec![DayOp::Coach(op)])
        })
        .expect("skip");
    assert_eq!(on_disk.breaks.len(), 1);
    let mut app = App::new(config, date, DayLoad::Ok(day), None);
    app.checkin = None;
    let cmds = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT)),
        now,
    );
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::Intent { .. })),
        "{cmds:?}"
    );
    let mut pending = Pending::default();
    for cmd in cmds {
        if matches!(cmd, Cmd::Intent { .. }) {
            pending.push(&store, &mut app, cmd);
        }
    }
    let DayLoad::Ok(after) = store.load_day(date) else {
        panic!("today unreadable");
    };
    assert_eq!(after.breaks.len(), 1, "{after:#?}");
    let banner = app.banner.as_ref().map(|b| b.text.clone());
    assert_eq!(banner.as_deref(), Some("no break is due right now"));
}

/// The words after a break key are one function's: Enter after a break in
/// the TUI says what `kot break end` says (the next break's time).
#[test]
fn the_tui_and_the_cli_say_the_same_when_a_break_ends() {
    use kot::coach_runtime::intent::{Intent, record};
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(tmp.path().join("kot")).expect("store");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let at = |h, m| {
        Local
            .from_local_datetime(&date.and_hms_opt(h, m, 0).expect("time"))
            .unwrap()
            .to_utc()
    };
    let config = Config::default();
    let home = DayOp::SetPlace {
        place: Some(Place::Home),
        extra_work: false,
    };
    store.update_day(date, home).expect("a day at home");
    let checkin = DayOp::FinishCheckin {
        at: kot::coach_runtime::local_stamp(at(8, 55)),
        feeling: None,
    };
    store.update_day(date, checkin).expect("checked in");
    let start = Intent::StartBreak {
        lunch: false,
        for_due: true,
    };
    let day = record(&store, &config, date, start, at(9, 52)).expect("on a break");
    let mut app = App::new(config.clone(), date, DayLoad::Ok(day), None);
    app.checkin = None;
    let cmds = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        at(10, 0),
    );
    let mut pending = Pending::default();
    for cmd in cmds {
        if matches!(cmd, Cmd::Intent { .. }) {
            pending.push(&store, &mut app, cmd);
        }
    }
    let banner = app
        .banner
        .as_ref()
        .map(|b| b.text.clone())
        .unwrap_or_default();
    let DayLoad::Ok(after) = store.load_day(date) else {
        panic!("today unreadable");
    };
    let cli = kot::coach_runtime::feedback(Intent::EndBreak, &config, &after, at(10, 0));
    assert!(banner.starts_with("Welcome back: focus until"), "{banner}");
    assert_eq!(Some(banner), cli);
}
