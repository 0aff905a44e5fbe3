//! The command line's details from a day of use (issue 8, points 5, 11 and
//! 12): blocks edited in place, carried and dropped tasks listed, an unknown
//! `--format` field named, edits that change nothing said so, and Dutch
//! throughout.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{TODAY, TempKot};

/// `kot ARGS` in Dutch; its stdout (it must succeed).
fn nl(kot: &TempKot, args: &[&str]) -> String {
    let out = kot
        .command()
        .env("LANG", "nl_BE.UTF-8")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "kot {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_block_is_edited_in_place() {
    let kot = TempKot::new();
    kot.ok(&[
        "plan",
        "block",
        "add",
        "10:00-10:30",
        "Standup",
        "--meeting",
    ]);
    let out = kot.ok(&[
        "plan",
        "block",
        "edit",
        "b1",
        "--at",
        "10:15-10:45",
        "--title",
        "Daily standup",
        "--video",
    ]);
    assert_eq!(
        out,
        "Changed block b1: 10:15-10:45 Daily standup (meeting)\n"
    );
    let json = kot.json_day(TODAY);
    let b = &json["blocks"][0];
    assert_eq!(
        (b["start"].as_str(), b["end"].as_str(), b["title"].as_str()),
        (Some("10:15"), Some("10:45"), Some("Daily standup"))
    );
    assert_eq!(b["video"], true);
    // Only what is given changes: the kind alone.
    kot.ok(&["plan", "block", "edit", "1", "--focus", "--no-video"]);
    let json = kot.json_day(TODAY);
    let b = &json["blocks"][0];
    assert_eq!(
        (b["kind"].as_str(), &b["video"]),
        (Some("focus"), &false.into())
    );
    assert_eq!(b["title"], "Daily standup");
    // The same again changes nothing, and says so; a bad span or id is refused.
    let out = kot.ok(&["plan", "block", "edit", "1", "--focus"]);
    assert!(out.contains("nothing changed"), "{out}");
    let err = kot.fail_one_line(&["plan", "block", "edit", "1", "--at", "10:45-10:15"]);
    assert!(err.contains("10:45-10:15"), "{err}");
    let err = kot.fail_one_line(&["plan", "block", "edit", "b9", "--title", "x"]);
    assert!(err.contains("9"), "{err}");
}

#[test]
fn plan_list_of_yesterday_shows_carried_and_dropped_tasks() {
    let kot = TempKot::new();
    kot.write_day(
        "2026-11-20",
        "schema = 1\ndate = \"2026-11-20\"\n\n\
         [[tasks]]\nid = 1\ntitle = \"Send invoice\"\nstatus = \"carried\"\ncarried_to = \"2026-11-23\"\n\n\
         [[tasks]]\nid = 2\ntitle = \"Old idea\"\nstatus = \"dropped\"\n\n\
         [[tasks]]\nid = 3\ntitle = \"Done one\"\nstatus = \"done\"\n",
    );
    let out = kot.ok(&["plan", "list", "--date", "2026-11-20"]);
    assert!(out.contains("Done one"), "{out}");
    assert!(
        out.contains("Send invoice  (carried to 2026-11-23)"),
        "{out}"
    );
    assert!(out.contains("Old idea  (dropped)"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&kot.ok(&["plan", "list", "--date", "2026-11-20", "--json"])).unwrap();
    let statuses: Vec<(&str, &str)> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["title"].as_str().unwrap(), t["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Send invoice", "carried"),
            ("Old idea", "dropped"),
            ("Done one", "done")
        ]
    );
    assert_eq!(json["tasks"][0]["carried_to"], "2026-11-23");
}

#[test]
fn status_format_names_an_unknown_field() {
    let kot = TempKot::new();
    let err = kot.fail_one_line(&["status", "--format", "{state} {foo}"]);
    assert!(err.contains("{foo}") || err.contains("foo"), "{err}");
    assert!(err.contains("{left}"), "{err}");
    kot.ok(&["status", "--format", "{state} {left}"]);
}

#[test]
fn where_usage_does_not_ask_for_dir() {
    let kot = TempKot::new();
    let help = kot.ok(&["where", "--help"]);
    let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
    assert_eq!(usage, "Usage: kot where [OPTIONS] <PLACE>");
}

#[test]
fn edits_that_change_nothing_say_so() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "a"]);
    kot.ok(&["plan", "add", "b"]);
    let out = kot.ok(&["plan", "move", "1", "0"]);
    assert_eq!(out, "Task 1 is already like that: nothing changed\n");
    let out = kot.ok(&["plan", "reopen", "1"]);
    assert_eq!(out, "Task 1 is already like that: nothing changed\n");
    assert_eq!(kot.ok(&["plan", "done", "1"]), "Task 1 is done\n");
    let out = kot.ok(&["plan", "done", "1"]);
    assert!(out.contains("nothing changed"), "{out}");
}

#[test]
fn dutch_says_overleg_and_takes_dutch_estimates() {
    let kot = TempKot::new();
    nl(
        &kot,
        &[
            "plan",
            "block",
            "add",
            "10:00-10:30",
            "Standup",
            "--meeting",
        ],
    );
    for (title, est) in [("a", "1u"), ("b", "1u30"), ("c", "45 min")] {
        nl(&kot, &["plan", "add", title, "-e", est]);
    }
    let list = nl(&kot, &["plan", "list"]);
    assert!(list.contains("[overleg]"), "{list}");
    assert!(!list.contains("meeting"), "{list}");
    // Dutch durations in Dutch (`u` for uur, `min`); the file keeps `1h30`.
    for est in ["(1u)", "(1u30)", "(45 min)"] {
        assert!(list.contains(est), "{est}: {list}");
    }
    assert!(kot.day_text(TODAY).contains("estimate = \"1h30\""));
}

#[test]
fn dutch_keeps_pauze_for_a_break_only() {
    let nl_src = kot::i18n::NL_SOURCE;
    for key in [
        "input.pause",
        "key.pause",
        "state.paused",
        "cli.paused",
        "coach.refused.not_paused",
    ] {
        let line = nl_src
            .lines()
            .find(|l| l.starts_with(&format!("\"{key}\" ")))
            .unwrap_or_else(|| panic!("{key}"));
        assert!(
            !line.to_lowercase().contains("pauz"),
            "pausing the coach reads as a break: {line}"
        );
    }
    let kot = TempKot::new();
    let out = nl(&kot, &["pause", "30m"]);
    assert!(out.contains("staat stil"), "{out}");
}
