//! The break coach from the command line: `kot status` (text, `--format`,
//! waybar's `--json`), `kot break start|end|skip|snooze`, `kot pause`,
//! `kot resume`. Plain processes, no terminal; each test has its own data
//! directory and puts the clock where it needs it (`KOT_NOW`, local time in
//! Europe/Brussels, on Monday 2026-11-23, a work day 09:00–17:30).
//!
//! The clock runs (`KOT_TIME_SCALE` unset, so 1×) as it does for a user: a
//! command started at 09:30 reads the time a few milliseconds later.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-coach-cli-")
        .tempdir()
        .expect("temp dir")
}

fn day_path(dir: &Path) -> PathBuf {
    dir.join("days").join("2026").join(format!("{TODAY}.toml"))
}

/// Today's file with a finished check-in at 08:55: the first focus block
/// starts at 09:00 and the first break is due at 09:50.
fn write_checkin(dir: &Path) {
    let path = day_path(dir);
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

/// `kot ARGS` at local time `now` (HH:MM[:SS]) today, with `extra` env last.
fn run_env(dir: &Path, now: &str, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
    common::hermetic(&mut c, &dir.join(".test-env"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("KOT_DIR", dir)
        .env("TZ", "Europe/Brussels")
        .env("KOT_NOW", format!("{TODAY}T{now}"));
    for (k, v) in extra {
        c.env(k, v);
    }
    c.output()
        .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"))
}

fn run(dir: &Path, now: &str, args: &[&str]) -> Output {
    run_env(dir, now, args, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run and insist on success; stdout without its final newline.
#[track_caller]
fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let o = run(dir, now, args);
    assert!(
        o.status.success(),
        "kot {args:?} at {now} failed: {}\n--- stdout\n{}--- stderr\n{}",
        o.status,
        stdout(&o),
        stderr(&o)
    );
    stdout(&o).trim_end_matches('\n').to_string()
}

/// Run and insist on exit 1 with one line `kot: …` on stderr and nothing on
/// stdout; that line.
#[track_caller]
fn fails(dir: &Path, now: &str, args: &[&str]) -> String {
    let o = run(dir, now, args);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "kot {args:?} at {now} should fail with exit 1\n--- stdout\n{}--- stderr\n{err}",
        stdout(&o)
    );
    assert!(stdout(&o).is_empty(), "nothing on stdout: {:?}", stdout(&o));
    assert_eq!(
        err.lines().count(),
        1,
        "kot {args:?}: one line on stderr, not {err:?}"
    );
    assert!(err.starts_with("kot: "), "{err:?}");
    err.trim_end().to_string()
}

/// `kot status --json`, parsed.
#[track_caller]
fn status_json(dir: &Path, now: &str) -> Value {
    let text = ok(dir, now, &["status", "--json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn day(dir: &Path) -> toml::Table {
    let text = fs::read_to_string(day_path(dir)).expect("today's file");
    text.parse()
        .unwrap_or_else(|e| panic!("not TOML ({e}):\n{text}"))
}

fn coach(dir: &Path) -> toml::Table {
    day(dir)
        .get("coach")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

fn breaks(dir: &Path) -> Vec<toml::Table> {
    day(dir)
        .get("breaks")
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_table().expect("[[breaks]] entries").clone())
                .collect()
        })
        .unwrap_or_default()
}

fn s<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    t.get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no string {key:?} in {t:#?}"))
}

// ---- kot status ----

#[test]
fn status_without_a_day_file_is_a_day_not_begun() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Monday, in work hours, nothing opened yet: the same words as a day file
    // without a check-in would give.
    assert_eq!(ok(dir, "09:30", &["status"]), "day not begun");

    let j = status_json(dir, "09:30");
    let obj = j.as_object().expect("a JSON object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["alt", "class", "percentage", "text", "tooltip"],
        "{j}"
    );
    // The class is named as the text says it (issue 17, item 10).
    assert_eq!(j["class"], "not-begun", "{j}");
    assert_eq!(j["text"], "day not begun", "{j}");
    assert!(j["tooltip"].is_string(), "{j}");
    assert_eq!(j["percentage"], 0, "{j}");

    assert_eq!(
        ok(
            dir,
            "09:30",
            &["status", "--format", "{state}|{left}|{next}|{end}"]
        ),
        "not-begun|||17:30"
    );
    assert!(
        !dir.join("days").exists(),
        "kot status only reads: no day file is written"
    );
}

#[test]
fn status_in_focus_reads_only() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let before = fs::read(day_path(dir)).unwrap();

    let text = ok(dir, "09:30", &["status"]);
    assert!(text.starts_with("focus · break in "), "{text:?}");
    assert!(text.ends_with(" · end 17:30"), "{text:?}");

    let j = status_json(dir, "09:30");
    assert_eq!(j["class"], "focus", "{j}");
    assert_eq!(j["percentage"], 60, "30 of 50 focus minutes done: {j}");
    let tip = j["tooltip"].as_str().unwrap();
    assert!(tip.contains("Workday 09:00–17:30"), "{tip:?}");
    assert!(tip.contains("Breaks today: 0 taken, 0 skipped"), "{tip:?}");

    let f = ok(
        dir,
        "09:30",
        &["status", "--format", "{state}|{next}|{end}"],
    );
    assert_eq!(f, "focus|09:50|17:30");

    assert_eq!(
        fs::read(day_path(dir)).unwrap(),
        before,
        "kot status must not write the day file"
    );
}

/// At 09:30 (the clock shows 09:30) the break due at 09:50 is 20 minutes
/// away, as the TUI's workday line and any clock beside the status bar say.
#[test]
fn status_counts_minutes_to_the_break_as_the_clock_shows_them() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    assert_eq!(
        ok(dir, "09:30", &["status"]),
        "focus · break in 20 min · end 17:30"
    );
    let j = status_json(dir, "09:30");
    assert_eq!(j["text"], "focus · break in 20 min · end 17:30", "{j}");
    assert_eq!(
        ok(
            dir,
            "09:30",
            &["status", "--format", "{state}|{left}|{next}|{end}"]
        ),
        "focus|20 min|09:50|17:30"
    );
    // Half a minute later the clock still shows 09:30.
    assert_eq!(
        ok(dir, "09:30:30", &["status", "--format", "{left}|{next}"]),
        "20 min|09:50"
    );
}

/// The same moment on a clock that stands still gives the expected text: the
/// difference above is only the seconds the clock moved.
#[test]
fn status_on_a_stopped_clock() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let o = run_env(
        dir,
        "09:30",
        &["status", "--format", "{state}|{left}|{next}|{end}"],
        &[("KOT_TIME_SCALE", "0")],
    );
    assert!(o.status.success(), "{o:?}");
    assert_eq!(stdout(&o), "focus|20 min|09:50|17:30\n");
}

/// An unreadable day file must not make a status bar hide the module: the
/// text and `--format` say so on stdout (the reason on stderr, exit 1 for
/// scripts); `--json` says it with the class `error`, the reason in the
/// tooltip, and exits 0 so waybar shows it.
#[test]
fn status_of_an_unreadable_day_says_so_and_json_has_class_error() {
    let tmp = tempdir();
    let dir = tmp.path();
    let path = day_path(dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        "schema = 1\ndate = \"2026-11-23\"\nplace = = \"home\"\n",
    )
    .unwrap();
    let o = run(dir, "09:30", &["status"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "day file unreadable\n");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains(&path.display().to_string()), "{err:?}");
    assert!(err.contains("cannot read this day"), "{err:?}");

    let o = run(dir, "09:30", &["status", "--format", "{state}|{left}"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "error|\n");

    let j = status_json(dir, "09:30");
    assert_eq!(j["text"], "day file unreadable", "{j}");
    assert_eq!(j["class"], "error", "{j}");
    assert_eq!(j["alt"], "error", "{j}");
    assert_eq!(j["percentage"], 0, "{j}");
    let tip = j["tooltip"].as_str().unwrap();
    assert!(tip.contains(&path.display().to_string()), "{tip:?}");
    assert!(tip.contains("cannot read this day"), "{tip:?}");
}

/// `alt` names the state for waybar's `format-icons`, and "break over" has
/// a class of its own (it is not the break still running).
#[test]
fn status_json_has_alt_and_break_over_its_own_class() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let j = status_json(dir, "09:30");
    assert_eq!((&j["class"], &j["alt"]), (&"focus".into(), &"focus".into()));
    ok(dir, "09:51", &["break", "start"]);
    let on = status_json(dir, "09:55");
    assert_eq!(
        (&on["class"], &on["alt"]),
        (&"break".into(), &"break".into())
    );
    let over = status_json(dir, "10:02");
    assert_eq!(
        over["text"].as_str().unwrap().split(" · ").next(),
        Some("break over"),
        "{over}"
    );
    assert_eq!(over["class"], "break-over", "{over}");
    assert_eq!(over["alt"], "break-over", "{over}");
    assert_eq!(
        ok(dir, "10:02", &["status", "--format", "{state}"]),
        "break-over"
    );
}

// ---- kot break ----

/// Three snoozes fit the 15 min budget (5 min each); the fourth is refused.
/// Each snooze ends when the next one is asked for, so the break is due again.
#[test]
fn snooze_within_the_budget_then_take_the_break() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);

    let out = ok(dir, "09:55", &["break", "snooze"]);
    assert_eq!(out, "Snoozed 5 min (10 min of snooze left for this break)");
    let c = coach(dir);
    assert_eq!(
        c.get("snoozed_minutes").and_then(toml::Value::as_integer),
        Some(5),
        "{c:#?}"
    );
    assert!(c.contains_key("snoozed_until"), "{c:#?}");
    assert_eq!(
        ok(dir, "09:56", &["status", "--format", "{state}|{next}"]),
        "focus|10:00",
        "the snooze moves the break to 10:00"
    );

    // While the snooze runs there is nothing to snooze.
    let err = fails(dir, "09:57", &["break", "snooze"]);
    assert_eq!(err, "kot: no break is due right now");

    let out = ok(dir, "10:00", &["break", "snooze"]);
    assert_eq!(out, "Snoozed 5 min (5 min of snooze left for this break)");
    let out = ok(dir, "10:05", &["break", "snooze"]);
    assert_eq!(out, "Snoozed 5 min (0 min of snooze left for this break)");
    let err = fails(dir, "10:10", &["break", "snooze"]);
    assert_eq!(
        err,
        "kot: the snooze budget of 15 minutes for this break is spent: take the break or skip it"
    );
    assert_eq!(
        coach(dir)
            .get("snoozed_minutes")
            .and_then(toml::Value::as_integer),
        Some(15)
    );

    // Take it.
    assert_eq!(
        ok(dir, "10:10", &["status", "--format", "{state}"]),
        "break-due"
    );
    let out = ok(dir, "10:10", &["break", "start"]);
    assert_eq!(out, "Break started: short break, 10 min, until 10:20");
    let text = ok(dir, "10:12", &["status"]);
    assert!(text.starts_with("break · "), "{text:?}");
    assert!(text.contains(" left · end 17:30"), "{text:?}");
    let j = status_json(dir, "10:12");
    assert_eq!(j["class"], "break", "{j}");
    assert_eq!(
        ok(dir, "10:12", &["status", "--format", "{state}|{next}"]),
        "break|10:20"
    );
    // A second start while on the break is refused.
    let err = fails(dir, "10:13", &["break", "start"]);
    assert_eq!(err, "kot: a break is already under way");

    let out = ok(dir, "10:15", &["break", "end"]);
    assert_eq!(out, "Welcome back: focus until the next break at 11:05");
    assert_eq!(
        ok(dir, "10:16", &["status", "--format", "{state}|{next}"]),
        "focus|11:05"
    );

    let b = breaks(dir);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(s(&b[0], "kind"), "short");
    assert_eq!(s(&b[0], "outcome"), "taken");
    assert_eq!(s(&b[0], "counted"), "you");
    assert_eq!(
        b[0].get("snoozed_minutes")
            .and_then(toml::Value::as_integer),
        Some(15),
        "{b:#?}"
    );
    assert_eq!(
        b[0].get("ended_early").and_then(toml::Value::as_bool),
        Some(true),
        "back after 5 of 10 minutes: {b:#?}"
    );
    let c = coach(dir);
    assert!(c.contains_key("focus_since"), "{c:#?}");
    assert!(!c.contains_key("on_break"), "{c:#?}");
    assert!(!c.contains_key("snoozed_minutes"), "{c:#?}");

    // Nothing is due now: skip, snooze and end are refused.
    assert_eq!(
        fails(dir, "10:20", &["break", "skip"]),
        "kot: no break is due right now"
    );
    assert_eq!(
        fails(dir, "10:20", &["break", "snooze"]),
        "kot: no break is due right now"
    );
    assert_eq!(
        fails(dir, "10:20", &["break", "end"]),
        "kot: you are not on a break"
    );
    assert_eq!(breaks(dir).len(), 1, "refusals record nothing");
}

#[test]
fn skip_the_due_break() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    assert_eq!(
        fails(dir, "09:40", &["break", "skip"]),
        "kot: no break is due right now"
    );
    assert_eq!(
        ok(dir, "09:52", &["break", "skip"]),
        "Break skipped (it is recorded)"
    );
    let b = breaks(dir);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(s(&b[0], "outcome"), "skipped");
    assert_eq!(s(&b[0], "kind"), "short");
    assert_eq!(
        ok(dir, "09:53", &["status", "--format", "{state}|{next}"]),
        "focus|10:42"
    );
    let j = status_json(dir, "09:53");
    let tip = j["tooltip"].as_str().unwrap();
    assert!(tip.contains("Breaks today: 0 taken, 1 skipped"), "{tip:?}");
}

#[test]
fn lunch_from_the_command_line() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let out = ok(dir, "12:10", &["break", "start", "--lunch"]);
    assert_eq!(out, "Break started: lunch break, 30 min, until 12:40");
    let j = status_json(dir, "12:15");
    assert_eq!(j["class"], "lunch", "{j}");
    assert!(j["text"].as_str().unwrap().starts_with("lunch · "), "{j}");
    assert_eq!(
        ok(dir, "12:15", &["status", "--format", "{state}|{next}"]),
        "lunch|12:40"
    );
    ok(dir, "12:41", &["break", "end"]);
    let b = breaks(dir);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(s(&b[0], "kind"), "lunch");
    assert_eq!(s(&b[0], "counted"), "lunch");
}

#[test]
fn an_early_lunch_is_kept_but_does_not_count() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    ok(dir, "09:04", &["break", "start", "--lunch"]);
    let out = ok(dir, "09:06", &["break", "end"]);
    assert_eq!(
        out,
        "Welcome back: focus until the next break at 09:56\n\
         Too early or too short to count: kot still expects a lunch between 12:00 and 13:30."
    );
    let b = breaks(dir);
    assert_eq!(s(&b[0], "kind"), "lunch");
    assert_eq!(s(&b[0], "counted"), "you");
}

#[test]
fn the_tooltip_counts_ignored_breaks_on_their_own() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut text = fs::read_to_string(day_path(dir)).unwrap();
    text = text.replace("schema = 1", "schema = 2");
    for (outcome, at) in [
        ("taken", "09:50"),
        ("skipped", "10:50"),
        ("ignored", "11:50"),
    ] {
        text.push_str(&format!(
            "\n[[breaks]]\nkind = \"short\"\noutcome = \"{outcome}\"\n\
             start = \"{TODAY}T{at}:00+01:00\"\nend = \"{TODAY}T{at}:00+01:00\"\n"
        ));
    }
    fs::write(day_path(dir), text).unwrap();
    let j = status_json(dir, "13:00");
    let tip = j["tooltip"].as_str().unwrap();
    assert!(
        tip.ends_with("Breaks today: 1 taken, 1 skipped, 1 ignored"),
        "{tip:?}"
    );
    // A schema-2 day is this kot's own: it edits it and keeps it schema 2.
    ok(dir, "13:00", &["break", "start"]);
    assert_eq!(day(dir)["schema"].as_integer(), Some(2));
}

#[test]
fn a_day_with_no_ignored_break_stays_schema_1() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    ok(dir, "09:50", &["break", "skip"]);
    assert_eq!(day(dir)["schema"].as_integer(), Some(1));
}

#[test]
fn home_on_a_day_off_is_coached_and_recorded_as_extra_work() {
    let tmp = tempdir();
    let dir = tmp.path();
    let saturday = "2026-11-28";
    let run_sat = |now: &str, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
        common::hermetic(&mut c, &dir.join(".test-env"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .env("KOT_DIR", dir)
            .env("TZ", "Europe/Brussels")
            .env("KOT_NOW", format!("{saturday}T{now}"));
        let o = c.output().unwrap();
        assert!(o.status.success(), "{o:?}");
        stdout(&o).trim_end().to_string()
    };
    assert_eq!(run_sat("10:00", &["status"]), "off");
    run_sat("09:10", &["where", "home"]);
    let path = dir.join("days/2026").join(format!("{saturday}.toml"));
    let file: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    assert_eq!(file["extra_work"].as_bool(), Some(true), "{file:#?}");
    // A work day now, with the usual hours; it begins when a coach (the TUI's
    // check-in, `kot watch`) starts it, as on any weekday.
    assert_eq!(run_sat("09:10", &["status"]), "day not begun");
    assert_eq!(run_sat("09:10", &["status", "--format", "{end}"]), "17:30");
    // Off stays a day without coaching, and is no extra work.
    run_sat("10:01", &["where", "off"]);
    let file: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    assert!(file.get("extra_work").is_none(), "{file:#?}");
    assert_eq!(run_sat("10:01", &["status"]), "day off");
}

#[test]
fn no_breaks_on_a_sick_day() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    ok(dir, "09:00", &["where", "sick"]);
    assert_eq!(ok(dir, "10:00", &["status"]), "sick");
    assert_eq!(status_json(dir, "10:00")["class"], "off");
    assert_eq!(
        fails(dir, "10:00", &["break", "start"]),
        "kot: no work today, so no breaks to coach"
    );
}

// ---- kot pause / resume ----

#[test]
fn pause_for_a_while_or_until_a_time_then_resume() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);

    assert_eq!(
        ok(dir, "09:10", &["pause", "30m"]),
        "Coach paused until 09:40; it resumes by itself"
    );
    assert!(coach(dir).contains_key("paused_until"));
    assert_eq!(
        ok(dir, "09:11", &["status"]),
        "paused · until 09:40 · end 17:30"
    );
    assert_eq!(status_json(dir, "09:11")["class"], "paused");
    assert_eq!(
        ok(dir, "09:11", &["status", "--format", "{state}|{next}"]),
        "paused|09:40"
    );
    assert_eq!(ok(dir, "09:12", &["resume"]), "Coach resumed");
    assert!(!coach(dir).contains_key("paused_until"));
    assert_eq!(status_json(dir, "09:12")["class"], "focus");

    for args in [
        &["pause", "until", "14:00"][..],
        &["pause", "until 14:00"],
        &["pause", "14:00"],
    ] {
        assert_eq!(
            ok(dir, "09:15", args),
            "Coach paused until 14:00; it resumes by itself",
            "kot {args:?}"
        );
        assert_eq!(
            ok(dir, "09:16", &["status", "--format", "{state}|{next}"]),
            "paused|14:00",
            "after kot {args:?}"
        );
        assert_eq!(ok(dir, "09:17", &["resume"]), "Coach resumed");
    }

    // A pause over the due break moves it to the pause's end.
    ok(dir, "09:45", &["pause", "1h"]);
    assert_eq!(
        ok(dir, "10:50", &["status", "--format", "{state}|{next}"]),
        "break-due|"
    );
}

#[test]
fn pause_and_resume_refusals() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let before = fs::read(day_path(dir)).unwrap();

    let err = fails(dir, "09:10", &["pause", "nonsense"]);
    assert!(err.contains("nonsense is not a pause"), "{err:?}");
    let err = fails(dir, "09:10", &["pause", "08:00"]);
    assert_eq!(err, "kot: a pause must end later than now");
    let err = fails(dir, "09:10", &["resume"]);
    assert_eq!(err, "kot: the coach is not paused");
    assert_eq!(
        fs::read(day_path(dir)).unwrap(),
        before,
        "refusals write nothing"
    );
}
