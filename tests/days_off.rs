#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
//! Days off and holidays through the binary: `kot off` writes `place = "off"`
//! into each day's file (and leaves recorded work alone), `--undo` takes it
//! back, `[workday] holidays` are days without work, and the end of the day
//! (the missed shutdown, the carry to the next work day, `kot status`) leaves
//! both alone. The clock stands in December 2026 (Europe/Brussels).

mod common;

use common::{TempKot, describe, stdout};

fn place(kot: &TempKot, date: &str) -> Option<String> {
    if !kot.day_path(date).exists() {
        return None;
    }
    kot.day_toml(date)
        .get("place")
        .and_then(toml::Value::as_str)
        .map(str::to_string)
}

fn reason(kot: &TempKot, date: &str) -> Option<String> {
    kot.day_toml(date)
        .get("off_reason")
        .and_then(toml::Value::as_str)
        .map(str::to_string)
}

#[test]
fn a_range_of_days_off_is_written_day_by_day() {
    let kot = TempKot::at("2026-12-20T10:00:00");
    let out = kot.ok(&["off", "2026-12-24..2027-01-02", "--reason", "holiday"]);
    assert!(out.contains("Thu 2026-12-24: off (holiday)"), "{out}");
    assert!(
        out.contains("Sat 2026-12-26: not a work day, left as it is"),
        "{out}"
    );
    assert!(out.contains("Days marked off: 7."), "{out}");
    for date in [
        "2026-12-24",
        "2026-12-25",
        "2026-12-28",
        "2026-12-31",
        "2027-01-01",
    ] {
        assert_eq!(place(&kot, date).as_deref(), Some("off"), "{date}");
        assert_eq!(reason(&kot, date).as_deref(), Some("holiday"), "{date}");
    }
    // Weekend days get no file.
    assert!(!kot.day_path("2026-12-26").exists());
    assert!(!kot.day_path("2027-01-02").exists());
    // Twice is harmless.
    let out = kot.ok(&["off", "2026-12-24..2026-12-25"]);
    assert!(
        out.contains("Thu 2026-12-24: already off (holiday)"),
        "{out}"
    );
    assert!(out.contains("Days marked off: 0."), "{out}");
    // Another reason on a day off: said and counted.
    let out = kot.ok(&["off", "2026-12-24", "--reason", "compensation"]);
    assert!(
        out.contains(
            "Thu 2026-12-24: already off, reason changed: holiday → time off for overtime"
        ),
        "{out}"
    );
    assert!(
        out.contains("Days marked off: 0.\nReasons changed: 1."),
        "{out}"
    );
    assert_eq!(reason(&kot, "2026-12-24").as_deref(), Some("compensation"));
    kot.ok(&["off", "2026-12-24", "--reason", "holiday"]);

    let out = kot.ok(&["off", "2026-12-24..2026-12-28", "--undo"]);
    assert!(out.contains("Thu 2026-12-24: no longer off"), "{out}");
    assert!(out.contains("Days no longer off: 3."), "{out}");
    assert_eq!(place(&kot, "2026-12-24"), None);
    assert!(!kot.day_toml("2026-12-24").contains_key("off_reason"));
    assert_eq!(place(&kot, "2026-12-29").as_deref(), Some("off"));
}

#[test]
fn one_day_and_relative_dates_are_taken() {
    let kot = TempKot::at("2026-12-21T10:00:00");
    kot.ok(&["off", "tomorrow", "--reason", "leave"]);
    assert_eq!(place(&kot, "2026-12-22").as_deref(), Some("off"));
    kot.ok(&["off", "today..tomorrow"]);
    assert_eq!(place(&kot, "2026-12-21").as_deref(), Some("off"));
    // `kot where` undoes one day, and the reason goes with it.
    kot.ok(&["where", "home", "--date", "tomorrow"]);
    assert_eq!(place(&kot, "2026-12-22").as_deref(), Some("home"));
    assert!(!kot.day_toml("2026-12-22").contains_key("off_reason"));
}

#[test]
fn a_reversed_or_too_long_range_writes_nothing() {
    let kot = TempKot::at("2026-12-20T10:00:00");
    let line = kot.fail_one_line(&["off", "2027-01-02..2026-12-24"]);
    assert!(line.contains("before it starts"), "{line}");
    let line = kot.fail_one_line(&["off", "2026-01-01..2027-06-01"]);
    assert!(line.contains("517 days"), "{line}");
    assert!(line.contains("366"), "{line}");
    let line = kot.fail_one_line(&["off", "2026-12-24..someday"]);
    assert!(line.contains("someday"), "{line}");
    assert!(!kot.root().join("days").exists());
}

#[test]
fn recorded_work_and_sick_days_are_never_overwritten_silently() {
    let kot = TempKot::at("2026-12-21T18:00:00");
    kot.write_day(
        "2026-12-21",
        "date = \"2026-12-21\"\nplace = \"home\"\n\n[checkin]\nat = \"2026-12-21T08:55:00+01:00\"\n\n\
         [[breaks]]\nkind = \"short\"\nstart = \"2026-12-21T10:00:00+01:00\"\n\
         end = \"2026-12-21T10:10:00+01:00\"\noutcome = \"taken\"\n",
    );
    kot.write_day("2026-12-22", "date = \"2026-12-22\"\nplace = \"sick\"\n");
    let before = kot.day_text("2026-12-21");
    let out = kot.ok(&["off", "2026-12-21..2026-12-23"]);
    assert!(
        out.contains("Mon 2026-12-21: work was recorded on it, left as it is (--force"),
        "{out}"
    );
    assert!(
        out.contains("Tue 2026-12-22: marked sick, left as it is"),
        "{out}"
    );
    assert!(out.contains("Wed 2026-12-23: off"), "{out}");
    assert_eq!(kot.day_text("2026-12-21"), before);
    assert_eq!(place(&kot, "2026-12-22").as_deref(), Some("sick"));

    let out = kot.ok(&["off", "2026-12-21..2026-12-22", "--force"]);
    assert!(out.contains("Days marked off: 2."), "{out}");
    assert_eq!(place(&kot, "2026-12-21").as_deref(), Some("off"));
    // The records stay.
    assert!(kot.day_toml("2026-12-21").contains_key("breaks"));
}

#[test]
fn the_days_are_said_in_dutch_too() {
    let kot = TempKot::at("2026-12-20T10:00:00");
    let out = kot
        .command()
        .env("LANG", "nl_NL.UTF-8")
        .args(["off", "2026-12-24..2026-12-26", "--reason", "leave"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains("do 2026-12-24: vrij (verlof)"), "{text}");
    assert!(text.contains("za 2026-12-26: geen werkdag"), "{text}");
    assert!(text.contains("Dagen op vrij gezet: 2."), "{text}");
    let out = kot
        .command()
        .env("LANG", "nl_NL.UTF-8")
        .args(["off", "2026-12-24", "--reason", "compensation"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("do 2026-12-24: al vrij, reden gewijzigd: verlof → "),
        "{text}"
    );
    assert!(text.contains("Redenen gewijzigd: 1."), "{text}");
}

const CHRISTMAS: &str = "[workday]\nholidays = [\"2026-12-25\"]\n";

/// A day file with a check-in and no shutdown: what the next morning asks
/// about.
fn checked_in(kot: &TempKot, date: &str, place: Option<&str>) {
    let place = place
        .map(|p| format!("place = \"{p}\"\n"))
        .unwrap_or_default();
    kot.write_day(
        date,
        format!(
            "date = \"{date}\"\n{place}next_task = 3\n\n[checkin]\nat = \"{date}T08:50:00+01:00\"\n\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\n\n[[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    );
}

#[test]
fn no_missed_shutdown_after_a_holiday_or_a_day_off() {
    // Christmas (a Friday) with a check-in: nobody worked, nothing was missed.
    let kot = TempKot::at("2026-12-28T09:00:00");
    kot.write_config(CHRISTMAS);
    checked_in(&kot, "2026-12-25", None);
    let out = kot.ok(&["shutdown", "--status"]);
    assert!(!out.contains("missed"), "{out}");
    let tooltip = kot.ok(&["status", "--format", "{state}"]);
    assert!(!tooltip.contains("missed"), "{tooltip}");
    // Without the holiday it is a forgotten shutdown (the test can fail).
    let kot = TempKot::at("2026-12-28T09:00:00");
    checked_in(&kot, "2026-12-25", None);
    let out = kot.ok(&["shutdown", "--status"]);
    assert!(out.contains("was missed"), "{out}");

    // A day marked off with `kot off` after its check-in.
    let kot = TempKot::at("2026-12-22T09:00:00");
    checked_in(&kot, "2026-12-21", Some("home"));
    kot.ok(&["off", "yesterday"]);
    let out = kot.ok(&["shutdown", "--status"]);
    assert!(!out.contains("missed"), "{out}");
}

#[test]
fn the_carry_goes_past_holidays_and_days_off_to_the_next_work_day() {
    let kot = TempKot::at("2026-12-24T17:35:00");
    kot.write_config(CHRISTMAS);
    checked_in(&kot, "2026-12-24", Some("home"));
    kot.ok(&["off", "2026-12-28", "--reason", "leave"]);
    let out = kot.ok(&["shutdown", "--carry", "all"]);
    assert!(out.contains("Tue 29 Dec"), "{out}");
    assert!(!kot.day_path("2026-12-25").exists());
    let titles = common::task_titles(&kot.day_toml("2026-12-29"));
    let titles: Vec<&str> = titles.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, ["Report", "Mail"]);
}

#[test]
fn the_coach_and_status_leave_a_holiday_alone_unless_work_is_chosen() {
    let kot = TempKot::at("2026-12-25T10:00:00");
    kot.write_config(CHRISTMAS);
    let json: serde_json::Value = serde_json::from_str(&kot.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["class"], "off", "{json}");
    let tooltip = json["tooltip"].as_str().unwrap();
    assert!(!tooltip.contains("09:00"), "{tooltip}");
    // Working on it anyway is extra work, as on a weekend.
    kot.ok(&["where", "home"]);
    assert_eq!(
        kot.day_toml("2026-12-25")["extra_work"].as_bool(),
        Some(true)
    );
    let json: serde_json::Value = serde_json::from_str(&kot.ok(&["status", "--json"])).unwrap();
    let tooltip = json["tooltip"].as_str().unwrap();
    assert!(tooltip.contains("09:00"), "{tooltip}");
}

/// One bad date costs only that date: Christmas is still a holiday, and
/// `kot config check` names the entry by its number.
#[test]
fn a_bad_holiday_is_named_by_config_check_and_the_rest_kept() {
    let kot = TempKot::at("2026-12-25T10:00:00");
    kot.write_config(
        "[workday]\nholidays = [\"2026-12-25\", 2027-01-01, \"2026-02-30\", \"Christmas\"]\n",
    );
    let out = kot.cmd(&["config", "check"]);
    let text = format!("{}{}", stdout(&out), common::stderr(&out));
    assert!(text.contains("workday.holidays[3]"), "{text}");
    assert!(text.contains("\"2026-02-30\""), "{text}");
    assert!(text.contains("workday.holidays[4]"), "{text}");
    assert!(text.contains("\"Christmas\""), "{text}");
    assert!(text.contains("YYYY-MM-DD"), "{text}");
    assert!(!text.contains("using the default"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&kot.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["class"], "off", "{json}");
}

/// A run of days off (with files, from `kot off`) does not hide the work
/// day before it: its forgotten shutdown is still named after the break.
#[test]
fn a_forgotten_shutdown_before_days_off_is_still_found() {
    let kot = TempKot::at("2026-12-22T18:00:00");
    checked_in(&kot, "2026-12-22", Some("home"));
    kot.ok(&["off", "2026-12-23..2026-12-25", "--reason", "holiday"]);
    let out = kot
        .command()
        .env("KOT_NOW", "2026-12-28T09:00:00")
        .args(["shutdown", "--status"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("The shutdown of Tue 22 Dec was missed."),
        "{}",
        describe(&out)
    );
}

/// Asked to mark days off and none was, because each had work recorded (or
/// was sick): exit 1, so a script sees it. Days already off are no failure.
#[test]
fn nothing_marked_off_because_of_recorded_work_fails() {
    let kot = TempKot::at("2026-12-21T18:00:00");
    kot.write_day(
        "2026-12-21",
        "date = \"2026-12-21\"\nplace = \"home\"\n\n[checkin]\nat = \"2026-12-21T08:55:00+01:00\"\n\n\
         [[breaks]]\nkind = \"short\"\nstart = \"2026-12-21T10:00:00+01:00\"\n\
         end = \"2026-12-21T10:10:00+01:00\"\noutcome = \"taken\"\n",
    );
    let out = kot.cmd(&["off", "today"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        stdout(&out).contains("Days marked off: 0."),
        "{}",
        describe(&out)
    );
    assert!(
        common::stderr(&out).contains("Nothing was marked off"),
        "{}",
        describe(&out)
    );
    // Already off, or no work day: what was asked holds.
    kot.ok(&["off", "2026-12-22"]);
    kot.ok(&["off", "2026-12-22"]);
    kot.ok(&["off", "2026-12-26..2026-12-27"]);
}

/// `kot status` names a holiday as such and a day off with its reason, in
/// the text and the JSON's text alike; the class stays `off` for both.
#[test]
fn status_says_holiday_or_day_off_with_its_reason() {
    let kot = TempKot::at("2026-12-25T10:00:00");
    kot.write_config(CHRISTMAS);
    assert_eq!(kot.ok(&["status"]).trim_end(), "holiday");
    assert_eq!(kot.ok(&["status", "--format", "{state}"]).trim_end(), "off");
    let json: serde_json::Value = serde_json::from_str(&kot.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["text"], "holiday", "{json}");
    assert_eq!(json["class"], "off", "{json}");

    let kot = TempKot::at("2026-12-22T10:00:00");
    kot.ok(&["off", "today", "--reason", "leave"]);
    assert_eq!(kot.ok(&["status"]).trim_end(), "day off (leave)");
    let json: serde_json::Value = serde_json::from_str(&kot.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["text"], "day off (leave)", "{json}");
    assert_eq!(json["class"], "off", "{json}");
    kot.ok(&["off", "today", "--undo"]);
    kot.ok(&["off", "today"]);
    assert_eq!(kot.ok(&["status"]).trim_end(), "day off");
}
