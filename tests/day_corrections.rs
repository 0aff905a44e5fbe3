//! `kot day`: a day's record, and its start and end corrected afterwards
//! (`--start`, `--end`), read by the totals everything else shows. Plain
//! processes on Monday 2026-11-23 09:00 (Europe/Brussels), the work days
//! 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::TempKot;

const FRIDAY: &str = "2026-11-20";

/// Friday checked in at 08:50, lunch 12:30–13:00, shut down at 17:30.
fn shut_down_friday() -> TempKot {
    let kot = TempKot::at("2026-11-23T09:00");
    kot.write_day(
        FRIDAY,
        format!(
            "date = \"{FRIDAY}\"\nplace = \"home\"\n\
             [checkin]\nat = \"{FRIDAY}T08:50:00+01:00\"\n\
             [[breaks]]\nkind = \"lunch\"\nstart = \"{FRIDAY}T12:30:00+01:00\"\n\
             end = \"{FRIDAY}T13:00:00+01:00\"\noutcome = \"taken\"\n\
             [shutdown]\nat = \"{FRIDAY}T17:30:00+01:00\"\nworked_minutes = 480\novertime_minutes = 0\n"
        ),
    );
    kot
}

fn shutdown_table(kot: &TempKot, date: &str) -> toml::Table {
    kot.day_toml(date)["shutdown"].as_table().unwrap().clone()
}

#[test]
fn a_corrected_day_records_its_times_and_totals() {
    let kot = shut_down_friday();
    let out = kot.ok(&[
        "day", "--date", FRIDAY, "--start", "09:10", "--end", "17:50",
    ]);
    assert!(
        out.contains("Corrected Fri 20 Nov: 09:10 to 17:50"),
        "{out}"
    );
    let s = shutdown_table(&kot, FRIDAY);
    assert_eq!(s["corrected_start"].as_str(), Some("09:10"));
    assert_eq!(s["corrected_end"].as_str(), Some("17:50"));
    // 09:10–17:50 less the half hour of lunch; 20 minutes past 17:30.
    assert_eq!(s["worked_minutes"].as_integer(), Some(8 * 60 + 40 - 30));
    assert_eq!(s["overtime_minutes"].as_integer(), Some(20));
    assert!(s.contains_key("at"), "the shutdown stays as it was");

    let text = kot.ok(&["day", "--date", FRIDAY]);
    assert!(
        text.contains("Start 09:10 · end 17:50 (corrected)"),
        "{text}"
    );
    assert!(text.contains("Shut down at 17:30"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&kot.ok(&["day", "--date", FRIDAY, "--json"])).unwrap();
    assert_eq!(json["corrected"], true);
    assert_eq!(json["worked_minutes"], 490);
    assert_eq!(json["lunch"], "12:30");
}

#[test]
fn one_end_alone_keeps_the_start_and_the_report_reads_the_new_totals() {
    let kot = shut_down_friday();
    kot.ok(&["day", "--date", FRIDAY, "--end", "19:00"]);
    let s = shutdown_table(&kot, FRIDAY);
    assert!(!s.contains_key("corrected_start"));
    // From 09:00 (the check-in at 08:50 is before the planned start).
    assert_eq!(s["worked_minutes"].as_integer(), Some(10 * 60 - 30));
    assert_eq!(s["overtime_minutes"].as_integer(), Some(90));
    let report = kot.ok(&["report", "--date", FRIDAY, "--format", "json"]);
    assert!(report.contains("\"worked_minutes\": 570"), "{report}");
}

#[test]
fn an_end_after_midnight_counts_into_the_night() {
    let kot = shut_down_friday();
    kot.ok(&[
        "day", "--date", FRIDAY, "--start", "09:00", "--end", "01:00",
    ]);
    let s = shutdown_table(&kot, FRIDAY);
    assert_eq!(s["worked_minutes"].as_integer(), Some(16 * 60 - 30));
    assert_eq!(s["overtime_minutes"].as_integer(), Some(7 * 60 + 30));
}

#[test]
fn nonsense_is_refused_with_the_reason() {
    let kot = shut_down_friday();
    let err = kot.fail(&[
        "day", "--date", FRIDAY, "--start", "09:10", "--end", "08:00",
    ]);
    assert!(
        err.contains("the end 08:00 is before the start 09:10"),
        "{err}"
    );
    let err = kot.fail(&["day", "--date", "tomorrow", "--start", "09:10"]);
    assert!(err.contains("still to come"), "{err}");
    let err = kot.fail(&["day", "--end", "17:00"]);
    assert!(err.contains("17:00 is still to come"), "{err}");
    let err = kot.fail(&["day", "--date", FRIDAY, "--start", "nine"]);
    assert!(err.contains("nine"), "{err}");
    kot.write_day("2026-11-19", "date = \"2026-11-19\"\nplace = \"sick\"\n");
    let err = kot.fail(&["day", "--date", "2026-11-19", "--start", "09:00"]);
    assert!(err.contains("sick day"), "{err}");
    // Saturday, no work by the config.
    let err = kot.fail(&["day", "--date", "2026-11-21", "--start", "09:00"]);
    assert!(err.contains("day off"), "{err}");
    kot.write_day("2026-11-18", "date = [broken\n");
    let err = kot.fail(&["day", "--date", "2026-11-18", "--start", "09:00"]);
    assert!(err.contains("cannot read this day"), "{err}");
    assert_eq!(
        shutdown_table(&kot, FRIDAY)["worked_minutes"].as_integer(),
        Some(480),
        "nothing changed"
    );
}

/// A forgotten Friday that a coach watched all evening: kot's guess runs
/// late. The correction replaces the guess, and the day counts as missed.
#[test]
fn correcting_a_forgotten_day_replaces_the_guess() {
    let kot = TempKot::at("2026-11-23T09:00");
    kot.write_day(
        FRIDAY,
        format!(
            "date = \"{FRIDAY}\"\nplace = \"home\"\n\
             [checkin]\nat = \"{FRIDAY}T08:55:00+01:00\"\n\
             [coach]\nseen_at = \"{FRIDAY}T23:50:00+01:00\"\nlast_sign = \"{FRIDAY}T23:40:00+01:00\"\n"
        ),
    );
    kot.ok(&["day", "--date", FRIDAY, "--end", "17:00"]);
    let s = shutdown_table(&kot, FRIDAY);
    assert_eq!(s["missed"].as_bool(), Some(true));
    assert_eq!(s["worked_minutes"].as_integer(), Some(8 * 60));
    assert_eq!(s["overtime_minutes"].as_integer(), Some(0));
    let status = kot.ok(&["shutdown", "--status"]);
    assert!(!status.contains("missed"), "answered: {status}");
}

/// `kot ARGS` at `now` on the same data as `kot`; must succeed.
fn ok_at(kot: &TempKot, now: &str, args: &[&str]) -> String {
    let out = kot
        .command()
        .env("KOT_NOW", now)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Today's start corrected while the day's work still runs: every count
/// goes on counting (the correction once recorded totals that stopped the
/// day at 10:00 for `kot day`, the Week and reports), and the confirmation
/// names no end it does not know.
#[test]
fn correcting_todays_start_keeps_the_day_counting() {
    let kot = TempKot::at("2026-11-23T10:00");
    kot.write_day(
        "2026-11-23",
        "date = \"2026-11-23\"\nplace = \"home\"\n[checkin]\nat = \"2026-11-23T08:50:00+01:00\"\n",
    );
    let said = kot.ok(&["day", "--start", "08:30"]);
    assert!(said.contains("Corrected Mon 23 Nov: 08:30 to —"), "{said}");
    assert!(
        !kot.day_toml("2026-11-23")["shutdown"]
            .as_table()
            .unwrap()
            .contains_key("worked_minutes"),
        "{}",
        kot.day_text("2026-11-23")
    );
    let day: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "2026-11-23T15:00", &["day", "--json"])).unwrap();
    assert_eq!(day["start"], "08:30", "{day}");
    assert_eq!(day["worked_minutes"], 6 * 60 + 30, "{day}");
    let report: serde_json::Value = serde_json::from_str(&ok_at(
        &kot,
        "2026-11-23T15:00",
        &["report", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(report["days"][0]["worked_minutes"], 6 * 60 + 30, "{report}");
}

/// A day kept by its check-in and the same day corrected to the same times
/// count the same minutes: a check-in at 09:10:35 and a start corrected to
/// 09:10 are one start (QA saw 8h04 one way and 8h05 the other).
#[test]
fn the_same_times_count_the_same_minutes_whichever_way_they_were_told() {
    let kot = TempKot::at("2026-11-23T17:45");
    kot.write_day(
        "2026-11-23",
        "date = \"2026-11-23\"\nplace = \"home\"\n[checkin]\nat = \"2026-11-23T09:10:35+01:00\"\n",
    );
    kot.ok(&["shutdown"]);
    let kept = shutdown_table(&kot, "2026-11-23")["worked_minutes"].as_integer();
    assert_eq!(kept, Some(8 * 60 + 35));
    ok_at(
        &kot,
        "2026-11-23T18:00",
        &["day", "--start", "09:10", "--end", "17:45"],
    );
    let corrected = shutdown_table(&kot, "2026-11-23")["worked_minutes"].as_integer();
    assert_eq!(corrected, kept);
}
