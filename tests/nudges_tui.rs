//! Nudges and the gentle day end to end: the real `kot` in a pseudo-terminal
//! on a data directory with a generated week behind it. The nudge shows on
//! Today with its reason, `D` puts it away and `Z` snoozes it (both read back
//! from `nudges.toml`), a restart the same day shows nothing again; a low
//! feeling at the check-in offers a gentle day, and `kot status` agrees.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod common;
mod pty;

use std::fs;
use std::path::Path;

use pty::{Kot, TODAY};

const ESC: &str = "\x1b";

/// Week 47 of 2026 (the test clock's today, Monday 23 November, follows
/// it): work days at home with an on-time shutdown, lunch on all but
/// `no_lunch`; today checked in already, feeling 4.
fn write_history(dir: &Path, no_lunch: &[&str]) {
    for d in [
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-19",
        "2026-11-20",
    ] {
        let lunch = if no_lunch.contains(&d) {
            String::new()
        } else {
            format!(
                "[[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\ncounted = \"lunch\"\nstart = \"{d}T12:15:00+01:00\"\nend = \"{d}T12:50:00+01:00\"\n"
            )
        };
        write_day(
            dir,
            d,
            &format!(
                "place = \"home\"\n[checkin]\nat = \"{d}T09:00:00+01:00\"\nfeeling = 4\n{lunch}[shutdown]\nat = \"{d}T17:30:00+01:00\"\nworked_minutes = 480\n"
            ),
        );
    }
    write_day(
        dir,
        TODAY,
        &format!("place = \"home\"\n[checkin]\nat = \"{TODAY}T08:50:00+01:00\"\nfeeling = 4\n"),
    );
}

fn write_day(dir: &Path, date: &str, text: &str) {
    let path = dir
        .join("days")
        .join(&date[..4])
        .join(format!("{date}.toml"));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, format!("date = \"{date}\"\n{text}")).unwrap();
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-nudge-")
        .tempdir()
        .expect("temp dir")
}

/// `nudges.toml`'s table for `rule`.
fn rule_log(dir: &Path, rule: &str) -> toml::Table {
    let text = fs::read_to_string(dir.join("nudges.toml")).expect("nudges.toml");
    let t: toml::Table = text.parse().expect("TOML");
    t.get(rule)
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

fn date_of(t: &toml::Table, key: &str) -> Option<String> {
    t.get(key).and_then(toml::Value::as_str).map(str::to_string)
}

#[track_caller]
fn wait_today(kot: &Kot) -> String {
    kot.wait_until("the Today screen", |s| {
        kot.row(-1).starts_with("a add") && !s.contains("Good morning")
    })
}

#[track_caller]
fn quit(kot: &mut Kot) {
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0, "kot should exit 0 on q");
}

const LUNCH: &str = "You skipped lunch on 2 days in the last week.";

#[test]
fn a_nudge_shows_once_and_put_away_stays_away_that_day() {
    let dir = tempdir();
    write_history(dir.path(), &["2026-11-18", "2026-11-20"]);
    let mut kot = Kot::spawn(dir.path(), 100, 30, &[]);
    let screen = kot.wait_for(LUNCH);
    assert!(
        screen.contains("Skipping lunch leaves you drained"),
        "{screen}"
    );
    let footer = kot.row(-1);
    assert!(
        footer.contains("D put away") && footer.contains("Z in a week"),
        "{footer}"
    );
    // Recorded as shown today, in a private file.
    let log = rule_log(dir.path(), "lunch_skipped");
    assert_eq!(date_of(&log, "shown").as_deref(), Some(TODAY));
    assert_eq!(common::mode(&dir.path().join("nudges.toml")), 0o600);

    kot.send("D");
    kot.wait_for("Put away.");
    kot.wait_gone(LUNCH);
    assert!(!kot.row(-1).contains("put away"), "{}", kot.row(-1));
    let log = rule_log(dir.path(), "lunch_skipped");
    assert_eq!(date_of(&log, "dismissed").as_deref(), Some(TODAY));
    quit(&mut kot);

    // The same day again: nothing.
    let mut kot = Kot::spawn(dir.path(), 100, 30, &[]);
    let screen = wait_today(&kot);
    assert!(!screen.contains("lunch on"), "{screen}");
    assert!(!kot.row(-1).contains("put away"));
    quit(&mut kot);
    // Tuesday of the same week, the rule still firing: dismissed this week.
    tuesday_without_the_lunch_nudge(dir.path());
    // Without the record it would have shown.
    fs::remove_file(dir.path().join("nudges.toml")).unwrap();
    // Monday worked on through the lunch window without one (a morning
    // alone would not count as a day without lunch).
    write_day(
        dir.path(),
        TODAY,
        &format!(
            "place = \"home\"\n[checkin]\nat = \"{TODAY}T08:50:00+01:00\"\nfeeling = 4\n\
             [shutdown]\nat = \"{TODAY}T17:30:00+01:00\"\nworked_minutes = 480\n"
        ),
    );
    let mut kot = Kot::spawn(dir.path(), 100, 30, &TUESDAY);
    // Monday counts too now: it had no lunch.
    kot.wait_for("You skipped lunch on 3 days");
    quit(&mut kot);
}

/// Tuesday morning of the same week, checked in.
const TUESDAY: [(&str, &str); 1] = [("KOT_NOW", "2026-11-24T08:55:00")];

/// kot on Tuesday, today checked in: the lunch nudge stays away.
fn tuesday_without_the_lunch_nudge(dir: &Path) {
    write_day(
        dir,
        "2026-11-24",
        "place = \"home\"\n[checkin]\nat = \"2026-11-24T08:50:00+01:00\"\nfeeling = 4\n",
    );
    let mut kot = Kot::spawn(dir, 100, 30, &TUESDAY);
    let screen = wait_today(&kot);
    assert!(!screen.contains("lunch on"), "{screen}");
    quit(&mut kot);
}

#[test]
fn a_snoozed_nudge_waits_a_week() {
    let dir = tempdir();
    write_history(dir.path(), &["2026-11-19", "2026-11-20"]);
    let mut kot = Kot::spawn(dir.path(), 100, 30, &[]);
    kot.wait_for(LUNCH);
    kot.send("Z");
    kot.wait_for("Snoozed for a week");
    kot.wait_gone(LUNCH);
    let log = rule_log(dir.path(), "lunch_skipped");
    assert_eq!(
        date_of(&log, "snoozed_until").as_deref(),
        Some("2026-11-30")
    );
    quit(&mut kot);
    // Tuesday, with today checked in: still snoozed.
    tuesday_without_the_lunch_nudge(dir.path());
}

#[test]
fn the_nudge_fits_the_smallest_terminal_without_pushing_anything_out() {
    let dir = tempdir();
    write_history(dir.path(), &["2026-11-18", "2026-11-20"]);
    let mut kot = Kot::spawn(dir.path(), 44, 12, &[]);
    let screen = kot.wait_for("You skipped lunch");
    // The workday line, the coach's line and the top 3 stay.
    assert!(screen.contains("09:00–17:30"), "{screen}");
    assert!(screen.contains("Top 3"), "{screen}");
    let row = (0..12)
        .map(|i| kot.row(i))
        .find(|r| r.contains("You skipped lunch"))
        .unwrap();
    // One row, cut after a whole word.
    assert!(row.trim_end().ends_with('…'), "{row}");
    assert!(!row.trim_end().ends_with(" …"), "{row}");
    assert!(row.contains("You skipped lunch on 2 days"), "{row}");
    quit(&mut kot);
}

#[test]
fn a_low_feeling_offers_a_gentle_day_that_kot_status_follows() {
    let kot_dir = common::TempKot::new();
    let dir = kot_dir.root().to_path_buf();
    fs::create_dir_all(&dir).unwrap();
    let mut kot = Kot::spawn(&dir, 100, 30, &[]);
    kot.wait_for("Where do you work today?");
    kot.send("h");
    kot.wait_for("How do you feel today?");
    kot.send("2");
    let screen = kot.wait_for("A hard start.");
    // 60% of the default 50 minutes; and a word on talking to someone.
    assert!(screen.contains("focus blocks of 30"), "{screen}");
    assert!(screen.contains("minutes instead of 50?"), "{screen}");
    assert!(screen.contains("a real conversation helps"), "{screen}");
    assert!(
        screen.contains("y  Yes, a gentle day") && screen.contains("n  No"),
        "{screen}"
    );
    kot.send("y");
    kot.wait_for("Pick today's top 3");
    kot.send(ESC);
    let screen = wait_today(&kot);
    assert!(screen.contains("gentle day"), "{screen}");
    quit(&mut kot);
    let day = kot_dir.day_toml(TODAY);
    let coach = day.get("coach").and_then(toml::Value::as_table).unwrap();
    assert_eq!(coach.get("gentle"), Some(&toml::Value::Boolean(true)));
    // The first block starts at 09:00: the break at 09:30, not 09:50.
    let later = common::TempKot::at("2026-11-23T09:05:00");
    let out = later
        .command()
        .env("KOT_DIR", &dir)
        .args(["status", "--format", "{next}"])
        .output()
        .unwrap();
    assert_eq!(
        common::stdout(&out).trim(),
        "09:30",
        "{}",
        common::describe(&out)
    );
}

#[test]
fn dutch_nudge_and_gentle_day() {
    let dir = tempdir();
    write_history(dir.path(), &["2026-11-18", "2026-11-20"]);
    let nl = [("LANG", "nl_NL.UTF-8")];
    let mut kot = Kot::spawn(dir.path(), 100, 30, &nl);
    let screen = kot.wait_for("Je hebt de afgelopen week op 2 dagen je lunch overgeslagen.");
    assert!(screen.contains("Wie de lunch overslaat"), "{screen}");
    kot.send("c");
    kot.wait_for("Waar werk je vandaag?");
    kot.send("h");
    kot.wait_for("Hoe voel je je vandaag?");
    kot.send("1");
    let screen = kot.wait_for("Een zware start.");
    assert!(screen.contains("j  Ja, een rustige dag"), "{screen}");
    kot.send("j");
    kot.wait_until("the top 3 step", |s| !s.contains("Een zware start."));
    kot.send(ESC);
    let screen = kot.wait_gone("Goedemorgen");
    assert!(screen.contains("gevoel 1/5 · rustige dag"), "{screen}");
    quit(&mut kot);
    let text = fs::read_to_string(dir.path().join("days/2026/2026-11-23.toml")).unwrap();
    assert!(text.contains("gentle = true"), "{text}");
}

/// `kot config check` names a bad threshold with its value and range, and
/// an unknown key in `[nudges]`; the rest of the file still counts.
#[test]
fn config_check_names_bad_nudge_keys() {
    let kot = common::TempKot::new();
    kot.write_config(
        "[me]\nlives_alone = \"yes\"\n[nudges]\nmeeting_hours_week = 99\nlunch_skiped_days = 1\n",
    );
    let out = kot.cmd(&["config", "check"]);
    let text = common::stdout(&out) + &common::stderr(&out);
    assert!(
        text.contains("me.lives_alone")
            && text.contains("\"yes\"")
            && text.contains("true or false"),
        "{text}"
    );
    assert!(
        text.contains("nudges.meeting_hours_week") && text.contains("99") && text.contains("60"),
        "{text}"
    );
    assert!(text.contains("nudges.lunch_skiped_days"), "{text}");
    assert_ne!(out.status.code(), Some(0), "{text}");
}

/// Sick (or off) and feeling low: no work, so no gentle day to offer.
#[test]
fn a_sick_day_is_not_offered_a_gentle_day() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), 100, 30, &[]);
    kot.wait_for("Where do you work today?");
    kot.send("s");
    kot.wait_for("How do you feel today?");
    kot.send("1");
    let screen = kot.wait_for("Pick today's top 3");
    assert!(!screen.contains("A hard start"), "{screen}");
    kot.send(ESC);
    kot.wait_gone("Good morning");
    quit(&mut kot);
    let text = fs::read_to_string(dir.path().join("days/2026/2026-11-23.toml")).unwrap();
    assert!(!text.contains("gentle"), "{text}");
}

/// An unreadable `nudges.toml` is said once in the banner with its path and
/// line; no nudge shows, `D` and `Z` write nothing, the file is left as it
/// is and the rest of Today works. Fixed, the nudges come back.
#[test]
fn an_unreadable_nudges_file_is_said_and_never_written_over() {
    let dir = tempdir();
    write_history(dir.path(), &["2026-11-18", "2026-11-20"]);
    let path = dir.path().join("nudges.toml");
    let bad = "schema = 1\n[lunch_skipped\n";
    fs::write(&path, bad).unwrap();
    let mut kot = Kot::spawn(dir.path(), 160, 30, &[]);
    let screen = kot.wait_for("nudges.toml:2: cannot read this file");
    assert!(screen.contains("No nudges until it is fixed"), "{screen}");
    assert!(!screen.contains(LUNCH), "{screen}");
    assert!(!kot.row(-1).contains("put away"), "{}", kot.row(-1));
    kot.send("D");
    kot.send("Z");
    // The rest works: a task is added.
    kot.send("a");
    kot.wait_for("New task");
    kot.send("Write the report\r");
    kot.wait_for("Write the report");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        bad,
        "never written over"
    );
    quit(&mut kot);
    assert_eq!(fs::read_to_string(&path).unwrap(), bad);

    fs::write(&path, "schema = 1\n").unwrap();
    let mut kot = Kot::spawn(dir.path(), 160, 30, &[]);
    let screen = kot.wait_for(LUNCH);
    assert!(!screen.contains("cannot read"), "{screen}");
    quit(&mut kot);
}
