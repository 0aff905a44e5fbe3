//! The command line as a user meets it: help everywhere, the JSON listing, ids,
//! the top-3 rule, relative dates on the test clock, one-line errors with the right
//! exit codes, completions, `kot paths` and `kot where`.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use clap::CommandFactory;
use common::{TODAY, TempKot, task_titles};
use serde_json::Value;

/// Every subcommand path, `[]` (kot itself) included, from the real clap tree.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        out.push(prefix.to_vec());
        for sub in cmd.get_subcommands() {
            let mut p = prefix.to_vec();
            p.push(sub.get_name().to_string());
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(&kot::cli::Cli::command(), &[], &mut out);
    out
}

/// `--carry none` drops every open task: the help and the README say so.
#[test]
fn carry_none_is_said_to_drop_the_tasks() {
    let kot = TempKot::new();
    let help = kot
        .ok(&["shutdown", "--help"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("`none` drops them all"), "{help}");
    let readme = include_str!("../README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(readme.contains("`--carry all|none` for the unfinished tasks (required when there are any: `all` carries them to the next work day, `none` drops them all)"));
}

#[test]
fn help_works_for_every_subcommand() {
    let kot = TempKot::new();
    let paths = command_paths();
    assert!(paths.len() > 15, "{paths:?}");
    for must in [
        vec!["plan", "add"],
        vec!["plan", "block", "add"],
        vec!["where"],
        vec!["config", "check"],
        vec!["completions"],
        vec!["paths"],
    ] {
        assert!(paths.contains(&must.iter().map(|s| (*s).to_string()).collect()));
    }
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = kot.ok(&args);
        assert!(out.contains("Usage: kot"), "kot {args:?}:\n{out}");
    }
    // Help creates nothing.
    assert!(!kot.root().exists(), "--help created the data directory");
    assert!(kot.ok(&["--version"]).starts_with("kot "));
    assert!(kot.ok(&["help", "plan"]).contains("Usage: kot plan"));
}

#[test]
fn plan_list_json_has_a_stable_shape() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "Write report", "--top", "-e", "90"]);
    kot.ok(&["plan", "add", "Read mail"]);
    kot.ok(&["plan", "add", "Gone"]);
    kot.ok(&["plan", "done", "2"]);
    kot.ok(&["plan", "rm", "3"]);
    kot.ok(&["plan", "block", "add", "14:00-15:00", "Deep work"]);
    kot.ok(&["plan", "block", "add", "10:00-10:30", "Standup", "--video"]);
    kot.ok(&["plan", "block", "add", "10:15-11:00", "Walk", "--personal"]);
    kot.ok(&["where", "home"]);

    let json = kot.json_day(TODAY);
    let expected = serde_json::json!({
        "date": "2026-11-23",
        "place": "home",
        "feeling": null,
        "tasks": [
            {
                "id": 1, "title": "Write report", "status": "open", "top": true,
                "estimate": "1h30", "estimate_minutes": 90, "carried_from": null,
                "carried_to": null
            },
            {
                "id": 2, "title": "Read mail", "status": "done", "top": false,
                "estimate": null, "estimate_minutes": null, "carried_from": null,
                "carried_to": null
            }
        ],
        "blocks": [
            {
                "id": "b2", "start": "10:00", "end": "10:30", "title": "Standup",
                "kind": "meeting", "video": true, "overlaps": true
            },
            {
                "id": "b3", "start": "10:15", "end": "11:00", "title": "Walk",
                "kind": "personal", "video": false, "overlaps": true
            },
            {
                "id": "b1", "start": "14:00", "end": "15:00", "title": "Deep work",
                "kind": "focus", "video": false, "overlaps": false
            }
        ]
    });
    assert_eq!(json, expected, "{json:#}");

    // A day with no file lists as empty, and writes nothing.
    let empty = kot.json_day("2026-11-30");
    assert_eq!(empty["date"], "2026-11-30");
    assert_eq!(empty["tasks"], Value::Array(vec![]));
    assert_eq!(empty["blocks"], Value::Array(vec![]));
    assert!(!kot.day_path("2026-11-30").exists());
}

#[test]
fn task_and_block_ids_are_never_reused() {
    let kot = TempKot::new();
    for t in ["a", "b", "c"] {
        kot.ok(&["plan", "add", t]);
    }
    kot.ok(&["plan", "rm", "3"]);
    kot.ok(&["plan", "rm", "2"]);
    assert_eq!(kot.ok(&["plan", "add", "d"]), "Added task 4: d\n");
    kot.ok(&["plan", "rm", "4"]);
    kot.ok(&["plan", "rm", "1"]);
    assert_eq!(kot.ok(&["plan", "add", "e"]), "Added task 5: e\n");
    assert_eq!(task_titles(&kot.day_toml(TODAY)), [(5, "e".to_string())]);
    // A removed id stays gone.
    let err = kot.fail_one_line(&["plan", "done", "4"]);
    assert_eq!(err, "kot: there is no task 4 on that day");

    kot.ok(&["plan", "block", "add", "09:00-09:15", "x"]);
    kot.ok(&["plan", "block", "rm", "b1"]);
    let out = kot.ok(&["plan", "block", "add", "09:00-09:15", "y"]);
    assert!(out.starts_with("Added block b2:"), "{out}");
    kot.ok(&["plan", "block", "rm", "2"]);
    let err = kot.fail_one_line(&["plan", "block", "rm", "b2"]);
    assert_eq!(err, "kot: there is no block b2 on that day");
}

#[test]
fn a_fourth_top_task_is_refused_with_a_clear_message() {
    let kot = TempKot::new();
    for t in ["a", "b", "c"] {
        kot.ok(&["plan", "add", t, "--top"]);
    }
    let before = kot.day_text(TODAY);
    let err = kot.fail_one_line(&["plan", "add", "d", "--top"]);
    assert_eq!(err, "kot: the top 3 is full: unmark one first");
    assert_eq!(
        kot.day_text(TODAY),
        before,
        "a refused add changed the file"
    );

    kot.ok(&["plan", "add", "d"]);
    let err = kot.fail_one_line(&["plan", "top", "4"]);
    assert_eq!(err, "kot: the top 3 is full: unmark one first");
    // A done top task still counts; un-topping one frees a place.
    kot.ok(&["plan", "done", "1"]);
    kot.fail_one_line(&["plan", "top", "4"]);
    kot.ok(&["plan", "top", "1", "--off"]);
    kot.ok(&["plan", "top", "4"]);
    let json = kot.json_day(TODAY);
    let tops: Vec<u64> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["top"] == true)
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    assert_eq!(tops, [2, 3, 4]);
}

#[test]
fn relative_dates_follow_the_test_clock() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "past", "--date", "yesterday"]);
    kot.ok(&["plan", "add", "future", "--date", "tomorrow"]);
    kot.ok(&["plan", "add", "now", "--date", "today"]);
    kot.ok(&["plan", "add", "fixed", "--date", "2026-12-31"]);
    for (date, title) in [
        ("2026-11-22", "past"),
        ("2026-11-24", "future"),
        (TODAY, "now"),
        ("2026-12-31", "fixed"),
    ] {
        assert_eq!(
            task_titles(&kot.day_toml(date)),
            [(1, title.to_string())],
            "{date}"
        );
    }
    assert_eq!(
        kot.json_day("yesterday")["date"],
        "2026-11-22",
        "--date yesterday"
    );
    let list = kot.ok(&["plan", "list", "--date", "yesterday"]);
    assert!(list.starts_with("Sun 2026-11-22"), "{list}");
    assert!(list.contains("past"), "{list}");
}

#[test]
fn before_the_day_turns_it_is_still_the_day_before() {
    // workday.day_starts defaults to 04:00: at 02:30 on Tuesday it is still Monday.
    let kot = TempKot::at("2026-11-24T02:30:00");
    assert_eq!(kot.json_day("today")["date"], "2026-11-23");
    assert_eq!(kot.json_day("yesterday")["date"], "2026-11-22");
    kot.ok(&["plan", "add", "late"]);
    assert!(kot.day_path("2026-11-23").exists());
    assert!(!kot.day_path("2026-11-24").exists());
}

#[test]
fn bad_values_give_one_line_and_exit_1_and_write_nothing() {
    let kot = TempKot::new();
    let cases: &[(&[&str], &str)] = &[
        (&["plan", "add", "x", "-e", "5x"], "5x is not an estimate"),
        (&["plan", "add", "x", "-e", "0"], "0 is not an estimate"),
        (&["plan", "add", "x", "-e", "25h"], "25h is not an estimate"),
        (&["plan", "add", " "], "a title cannot be empty"),
        (
            &["plan", "add", "x", "--date", "2026-02-30"],
            "2026-02-30 is not a date",
        ),
        (
            &["plan", "list", "--date", "next week"],
            "next week is not a date",
        ),
        (
            &["plan", "list", "--date", "0001-01-01"],
            "0001-01-01 is not a date",
        ),
        (
            &["plan", "block", "add", "10:30-10:00", "x"],
            "10:30-10:00 is not a time span",
        ),
        (
            &["plan", "block", "add", "25:00-26:00", "x"],
            "25:00-26:00 is not a time span",
        ),
        (
            &["plan", "block", "add", "10:00", "x"],
            "10:00 is not a time span",
        ),
        (&["plan", "block", "rm", "xx"], "xx is not a block id"),
        (&["plan", "done", "9"], "there is no task 9 on that day"),
        (&["plan", "edit", "1"], "nothing to change"),
        (
            &["where", "home", "--date", "someday"],
            "someday is not a date",
        ),
    ];
    for (args, needle) in cases {
        let line = kot.fail_one_line(args);
        assert!(
            line.contains(needle),
            "kot {args:?}: {line:?} lacks {needle:?}"
        );
    }
    kot.ok(&["plan", "add", "keep", "-e", "1h"]);
    let before = kot.day_text(TODAY);
    // A bad estimate is checked before the title is written.
    let line = kot.fail_one_line(&["plan", "edit", "1", "--title", "new", "-e", "bogus"]);
    assert!(line.contains("bogus is not an estimate"), "{line}");
    assert_eq!(kot.day_text(TODAY), before);
    // Only today's file exists: no failed command created a day.
    let days = common::files_below(&kot.root().join("days"));
    assert_eq!(days, [kot.day_path(TODAY)]);
}

#[test]
fn a_malformed_test_clock_is_one_line_and_exit_1() {
    let kot = TempKot::at("not a time");
    let line = kot.fail_one_line(&["plan", "list"]);
    assert!(line.starts_with("kot: KOT_NOW = \"not a time\""), "{line}");
}

#[test]
fn usage_errors_exit_2() {
    let kot = TempKot::new();
    for args in [
        &["plan", "add"][..],
        &["where", "moon"],
        &["plan", "done", "abc"],
        &["plan", "nope"],
        &[
            "plan",
            "block",
            "add",
            "10:00-10:30",
            "x",
            "--meeting",
            "--focus",
        ],
        &["completions", "tcsh-ish"],
    ] {
        let out = kot.cmd(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "kot {args:?}\n{}",
            common::describe(&out)
        );
        assert!(common::stderr(&out).contains("Usage") || common::stderr(&out).contains("error"));
    }
    assert!(!kot.day_path(TODAY).exists());
}

/// `KOT_DIR` is set (as here) but `--dir` was not typed: a usage error's
/// usage line shows what was typed, not `--dir <DIR>` as if it were needed.
#[test]
fn a_usage_line_leaves_out_the_dir_from_the_environment() {
    let kot = TempKot::new();
    for (args, usage) in [
        (
            &["report", "--week", "--month"][..],
            "Usage: kot report --week\n",
        ),
        (&["plan", "add"], "Usage: kot plan add <TITLE>...\n"),
        (
            &[
                "plan",
                "block",
                "add",
                "10:00-10:30",
                "x",
                "--meeting",
                "--focus",
            ],
            "Usage: kot plan block add --meeting <SPAN> <TITLE>...\n",
        ),
    ] {
        let out = kot.cmd(args);
        assert_eq!(out.status.code(), Some(2), "{}", common::describe(&out));
        let err = common::stderr(&out);
        assert!(err.contains(usage), "kot {args:?}\n{err}");
        assert!(!err.contains("--dir"), "kot {args:?}\n{err}");
    }
    // Help still names the variable.
    assert!(kot.ok(&["--help"]).contains("[env: KOT_DIR="));
}

#[test]
fn completions_mention_the_subcommands() {
    let kot = TempKot::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = kot.ok(&["completions", shell]);
        assert!(out.len() > 500, "{shell}: {out}");
        for word in ["plan", "where", "config"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    assert!(
        !kot.root().exists(),
        "completions created the data directory"
    );
}

#[test]
fn paths_prints_where_things_live_without_creating_them() {
    let kot = TempKot::new();
    let out = kot.ok(&["paths"]);
    let config = kot.config_path().display().to_string();
    let days = kot.root().join("days").display().to_string();
    let journal = kot.root().join("journal").display().to_string();
    // The labels line up after the longest, `journal:`.
    assert!(
        out.lines().any(|l| l == format!("config:  {config}")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l == format!("days:    {days}")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l == format!("journal: {journal}")),
        "{out}"
    );
    assert!(!kot.root().exists(), "kot paths created the data directory");
}

#[test]
fn where_sets_the_place_of_the_day() {
    let kot = TempKot::new();
    assert_eq!(kot.ok(&["where", "sick"]), "2026-11-23: sick\n");
    assert_eq!(kot.day_toml(TODAY)["place"].as_str(), Some("sick"));
    assert_eq!(kot.json_day(TODAY)["place"], "sick");
    assert!(
        kot.ok(&["plan", "list"])
            .starts_with("Mon 2026-11-23 · sick")
    );
    // Changing it replaces it; other days keep theirs.
    kot.ok(&["where", "office", "--date", "tomorrow"]);
    kot.ok(&["where", "home"]);
    assert_eq!(kot.json_day(TODAY)["place"], "home");
    assert_eq!(kot.json_day("2026-11-24")["place"], "office");
}

#[test]
fn edit_move_and_reopen_change_only_what_they_say() {
    let kot = TempKot::new();
    for t in ["a", "b", "c"] {
        kot.ok(&["plan", "add", t, "-e", "30m"]);
    }
    kot.ok(&["plan", "edit", "2", "--title", "B!", "-e", "none"]);
    kot.ok(&["plan", "move", "3", "-2"]);
    kot.ok(&["plan", "done", "1"]);
    kot.ok(&["plan", "reopen", "1"]);
    let json = kot.json_day(TODAY);
    let got: Vec<(u64, &str, &str, Value)> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_u64().unwrap(),
                t["title"].as_str().unwrap(),
                t["status"].as_str().unwrap(),
                t["estimate"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, "c", "open", Value::from("30m")),
            (1, "a", "open", Value::from("30m")),
            (2, "B!", "open", Value::Null),
        ]
    );
}
