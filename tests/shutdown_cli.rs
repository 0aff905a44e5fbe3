//! The end of the workday from the command line: `kot shutdown` with flags
//! and without a terminal, `--at` and `--status`, `kot end`, `kot work`,
//! `kot status` in the evening, and `[shutdown] on_complete` run as argv.
//! Plain processes with the clock put where each step needs it, on Monday
//! 2026-11-23 (Europe/Brussels), a work day 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::path::Path;

use common::{TempKot, describe, stderr, stdout};

const TODAY: &str = "2026-11-23";
const TOMORROW: &str = "2026-11-24";

/// A day with a check-in at 08:55 and three tasks: 1 Report, 2 Mail, 3 Call.
fn workday() -> TempKot {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_task = 4\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\n\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\n\n\
             [[tasks]]\nid = 3\ntitle = \"Call\"\n"
        ),
    );
    kot
}

/// `kot ARGS` at local time `hm` on `TODAY`, the clock standing still.
fn at(kot: &TempKot, hm: &str, args: &[&str]) -> std::process::Output {
    kot.command()
        .env("KOT_NOW", format!("{TODAY}T{hm}:00"))
        .env("KOT_TIME_SCALE", "0")
        .args(args)
        .output()
        .expect("run kot")
}

#[track_caller]
fn ok_at(kot: &TempKot, hm: &str, args: &[&str]) -> String {
    let out = at(kot, hm, args);
    assert!(out.status.success(), "kot {args:?}\n{}", describe(&out));
    stdout(&out)
}

#[track_caller]
fn fail_at(kot: &TempKot, hm: &str, args: &[&str]) -> String {
    let out = at(kot, hm, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "kot {args:?}\n{}",
        describe(&out)
    );
    stderr(&out)
}

fn shutdown_table(kot: &TempKot, date: &str) -> toml::Table {
    kot.day_toml(date)
        .get("shutdown")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

/// (title, status, top) of a day's tasks, in file order.
fn tasks(kot: &TempKot, date: &str) -> Vec<(String, String, bool)> {
    let day = kot.day_toml(date);
    day.get("tasks")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| {
            let s = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or("");
            let top = t.get("top").and_then(toml::Value::as_bool).unwrap_or(false);
            let status = if s("status").is_empty() {
                "open"
            } else {
                s("status")
            };
            (s("title").to_string(), status.to_string(), top)
        })
        .collect()
}

#[test]
fn without_a_terminal_kot_shutdown_says_which_flags_are_missing() {
    let kot = workday();
    let before = kot.day_text(TODAY);
    let err = fail_at(&kot, "17:35", &["shutdown"]);
    assert!(err.contains("--carry all or --carry none"), "{err}");
    assert!(
        err.contains("for 3 unfinished tasks: 1 Report, 2 Mail, 3 Call"),
        "{err}"
    );
    assert_eq!(kot.day_text(TODAY), before, "nothing is written");
    // Marking all of them done leaves nothing to decide.
    let out = ok_at(
        &kot,
        "17:35",
        &["shutdown", "--done", "1", "--done", "2", "--done", "3"],
    );
    assert!(
        out.contains("Shutdown complete at 17:35 (on time)"),
        "{out}"
    );
}

/// Counts are said in words that agree with them, in both languages: "1
/// task", "3 taken", never "task(s)" or "taak/taken".
#[test]
fn kot_shutdown_counts_tasks_in_proper_plurals() {
    let kot = workday();
    let dutch = |args: &[&str]| {
        kot.command()
            .env("KOT_NOW", format!("{TODAY}T17:35:00"))
            .env("KOT_TIME_SCALE", "0")
            .env("LANG", "nl_BE.UTF-8")
            .args(args)
            .output()
            .expect("run kot")
    };
    let err = String::from_utf8_lossy(&dutch(&["shutdown"]).stderr).into_owned();
    assert!(err.contains("voor 3 onafgemaakte taken: 1 Report"), "{err}");
    let out = ok_at(
        &kot,
        "17:35",
        &["shutdown", "--done", "1", "--done", "2", "--carry", "all"],
    );
    assert!(
        out.contains("1 task carried to Tue 24 Nov, 0 dropped"),
        "{out}"
    );
    assert!(!out.contains("(s)"), "{out}");
}

/// Flags answer every step: a task done, the rest carried to Tuesday, a new
/// top task and today's task 2 carried as one; the first `--top` is
/// Tuesday's first task. Today records the shutdown with its totals.
#[test]
fn kot_shutdown_with_flags_carries_plans_tomorrow_and_records_the_day() {
    let kot = workday();
    kot.write_day(
        TOMORROW,
        format!("date = \"{TOMORROW}\"\n[[tasks]]\nid = 1\ntitle = \"Old top\"\ntop = true\n"),
    );
    let out = ok_at(
        &kot,
        "17:40",
        &[
            "shutdown", "--done", "1", "--carry", "all", "--top", "Budget", "--top", "2",
        ],
    );
    assert!(
        out.contains("2 tasks carried to Tue 24 Nov, 0 dropped"),
        "{out}"
    );
    assert!(out.contains("Top 3 for Tue 24 Nov: Budget, Mail"), "{out}");
    assert!(
        out.contains("Shutdown complete at 17:40 (on time). Worked 8h40, overtime 10m."),
        "{out}"
    );
    assert_eq!(
        tasks(&kot, TODAY),
        [
            ("Report".into(), "done".into(), false),
            ("Mail".into(), "carried".into(), false),
            ("Call".into(), "carried".into(), false),
        ]
    );
    assert_eq!(
        tasks(&kot, TOMORROW),
        [
            ("Budget".into(), "open".into(), true),
            ("Old top".into(), "open".into(), false),
            ("Mail".into(), "open".into(), true),
            ("Call".into(), "open".into(), false),
        ]
    );
    let s = shutdown_table(&kot, TODAY);
    assert_eq!(
        s.get("at").and_then(toml::Value::as_str),
        Some("2026-11-23T17:40:00+01:00")
    );
    assert_eq!(
        s.get("worked_minutes").and_then(toml::Value::as_integer),
        Some(520),
        "09:00 (the check-in at 08:55 is before the start) to 17:40"
    );
    assert_eq!(
        s.get("overtime_minutes").and_then(toml::Value::as_integer),
        Some(10)
    );
    assert_eq!(
        s.get("next_day").and_then(toml::Value::as_str),
        Some(TOMORROW)
    );

    // Off work now: kot status says since when, and its class is "off".
    let status = ok_at(&kot, "19:00", &["status"]);
    assert_eq!(status.trim(), "off since 17:40");
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "19:00", &["status", "--json"])).unwrap();
    assert_eq!(json["class"], "off", "{json}");
    // A second shutdown changes nothing.
    let again = ok_at(&kot, "19:00", &["shutdown", "--carry", "none"]);
    assert!(again.contains("Already shut down at 17:40"), "{again}");
}

/// On a Friday the tasks go to Monday.
#[test]
fn friday_carries_to_monday() {
    let kot = TempKot::new();
    let friday = "2026-11-27";
    kot.write_day(
        friday,
        format!("date = \"{friday}\"\nplace = \"home\"\n[[tasks]]\nid = 1\ntitle = \"Report\"\n"),
    );
    let out = kot
        .command()
        .env("KOT_NOW", format!("{friday}T17:30:00"))
        .env("KOT_TIME_SCALE", "0")
        .args(["shutdown", "--carry", "all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        stdout(&out).contains("carried to Mon 30 Nov"),
        "{}",
        describe(&out)
    );
    assert_eq!(tasks(&kot, "2026-11-30")[0].0, "Report");
}

/// Work starts at the later of the check-in and the planned start: a 07:00
/// breakfast check-in with kot closed all day is not 10h30 of work. A sign of
/// work before the start (a task done) starts it earlier, and the check-in
/// after the start starts it then.
#[test]
fn work_starts_at_the_check_in_or_the_planned_start_whichever_is_later() {
    let day = |checkin: &str| {
        let kot = TempKot::new();
        kot.write_day(
            TODAY,
            format!(
                "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_task = 3\n\n\
                 [checkin]\nat = \"{TODAY}T{checkin}:00+01:00\"\n\n\
                 [[tasks]]\nid = 1\ntitle = \"Report\"\n\n\
                 [[tasks]]\nid = 2\ntitle = \"Mail\"\n"
            ),
        );
        kot
    };
    let kot = day("07:00");
    let out = ok_at(&kot, "17:30", &["shutdown", "--carry", "all"]);
    assert!(
        out.contains("Shutdown complete at 17:30 (on time). Worked 8h30, overtime 0m."),
        "{out}"
    );
    assert_eq!(
        shutdown_table(&kot, TODAY)
            .get("worked_minutes")
            .and_then(toml::Value::as_integer),
        Some(510)
    );
    // A task done at 07:30 is work: the day began then.
    let kot = day("07:00");
    ok_at(&kot, "07:30", &["plan", "done", "1"]);
    let out = ok_at(&kot, "17:30", &["shutdown", "--carry", "all"]);
    assert!(out.contains("Worked 10h, overtime 0m."), "{out}");
    // A task edited at 08:00 likewise.
    let kot = day("07:00");
    ok_at(
        &kot,
        "08:00",
        &["plan", "edit", "2", "--title", "Mail Lena"],
    );
    let out = ok_at(&kot, "17:30", &["shutdown", "--carry", "all"]);
    assert!(out.contains("Worked 9h30, overtime 0m."), "{out}");
    // A late check-in starts the day at the check-in.
    let kot = day("10:00");
    let out = ok_at(&kot, "17:30", &["shutdown", "--carry", "all"]);
    assert!(out.contains("Worked 7h30, overtime 0m."), "{out}");
}

/// The evening in `kot status`: the wrap-up from 17:00 counts down, past
/// the end is overtime; `kot shutdown --status` says the same in words.
#[test]
fn kot_status_covers_the_evening() {
    let kot = workday();
    // No break due before 17:00, when the wrap-up keeps it from coming.
    kot.write_config("[breaks]\nfocus_minutes = 480\n");
    let json = |hm: &str| -> serde_json::Value {
        serde_json::from_str(&ok_at(&kot, hm, &["status", "--json"])).unwrap()
    };
    assert_eq!(json("16:00")["class"], "focus");
    let wrap = json("17:10");
    assert_eq!(wrap["class"], "wrap-up", "{wrap}");
    assert_eq!(wrap["text"], "wrap-up · end in 20 min", "{wrap}");
    assert!(ok_at(&kot, "16:40", &["status"]).contains("end in 50 min"));
    let late = json("18:15");
    assert_eq!(late["class"], "overtime", "{late}");
    assert_eq!(late["text"], "overtime · 45 min past the end", "{late}");
    let words = ok_at(&kot, "18:15", &["shutdown", "--status"]);
    assert!(words.contains("45 min past the end (17:30)"), "{words}");
}

/// `kot end 19:00` moves today's end: the wrap-up moves along and
/// `--status` says the end was moved; `--reset` goes back.
#[test]
fn kot_end_moves_todays_end() {
    let kot = workday();
    let out = ok_at(&kot, "16:00", &["end", "19:00"]);
    assert!(out.contains("Today ends at 19:00"), "{out}");
    let s = shutdown_table(&kot, TODAY);
    assert_eq!(s.get("end").and_then(toml::Value::as_str), Some("19:00"));
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "18:00", &["status", "--json"])).unwrap();
    assert_eq!(
        json["class"], "break-due",
        "breaks go on until the new end: {json}"
    );
    assert!(
        json["text"].as_str().unwrap().ends_with("end in 1 h"),
        "{json}"
    );
    let words = ok_at(&kot, "18:00", &["shutdown", "--status"]);
    assert!(words.contains("moved to 19:00"), "{words}");
    let out = ok_at(&kot, "18:00", &["end", "--reset"]);
    assert!(out.contains("Today ends at 17:30 again"), "{out}");
    assert!(fail_at(&kot, "18:00", &["end", "25:00"]).contains("25:00 is not a time"));
}

/// `kot end` with a time already past ends the day now and says so; it never
/// means the same time tomorrow (which once coached breaks all night). After
/// midnight it reaches only to the next `day_starts`. The moved end is the end
/// in `kot status` as in `kot shutdown --status`.
#[test]
fn kot_end_earlier_than_now_ends_the_day_now() {
    let kot = workday();
    let out = ok_at(&kot, "10:00", &["end", "08:00"]);
    assert!(
        out.contains("08:00 has passed: today ends now, at 10:00"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "10:05", &["status", "--json"])).unwrap();
    assert!(
        !json["text"].as_str().unwrap().contains("end in"),
        "the day is over, not 22h to go: {json}"
    );
    assert_ne!(
        json["class"], "break-due",
        "no breaks after the end: {json}"
    );
    let words = ok_at(&kot, "10:05", &["shutdown", "--status"]);
    assert!(words.contains("moved to 10:00"), "{words}");

    let kot = workday();
    ok_at(&kot, "16:00", &["end", "19:00"]);
    let out = ok_at(&kot, "16:00", &["status", "--format", "{end}"]);
    assert_eq!(out.trim(), "19:00");
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "16:00", &["status", "--json"])).unwrap();
    assert!(json["text"].as_str().unwrap().contains("19:00"), "{json}");
    assert!(
        json["tooltip"]
            .as_str()
            .unwrap()
            .contains("Workday 09:00–19:00"),
        "{json}"
    );
    // 01:00 is after midnight, before day_starts (04:00): tonight.
    let out = ok_at(&kot, "23:00", &["end", "01:00"]);
    assert!(out.contains("Today ends at 01:00"), "{out}");
    // 08:30 is before the workday's start: not tomorrow morning.
    let out = ok_at(&kot, "23:00", &["end", "08:30"]);
    assert!(out.contains("today ends now, at 23:00"), "{out}");
    let err = fail_at(&kot, "08:00", &["end", "08:30"]);
    assert!(err.contains("the workday starts at 09:00"), "{err}");

    // A day ended early is over, not overtime, until the planned end.
    let kot = workday();
    ok_at(&kot, "14:00", &["end", "08:00"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "14:20", &["status", "--json"])).unwrap();
    assert_eq!(json["class"], "past-end", "{json}");
    assert_eq!(json["text"], "day over · 20 min past the end", "{json}");
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "17:40", &["status", "--json"])).unwrap();
    assert_eq!(json["class"], "overtime", "past the planned end: {json}");
}

/// `kot work` after the shutdown is evening work, counted as overtime;
/// `kot shutdown` ends it; `--at --until` records one afterwards.
#[test]
fn kot_work_records_evening_work_as_overtime() {
    let kot = workday();
    let err = fail_at(&kot, "17:20", &["work"]);
    assert!(err.contains("not shut down yet"), "{err}");
    ok_at(&kot, "17:35", &["shutdown", "--carry", "all"]);
    let out = ok_at(&kot, "20:10", &["work"]);
    assert!(out.contains("Back to work since 20:10"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "20:30", &["status", "--json"])).unwrap();
    assert_eq!(json["class"], "overtime", "{json}");
    let out = ok_at(&kot, "21:00", &["shutdown"]);
    assert!(
        out.contains("Evening work ended at 21:00. Overtime today: 55m."),
        "{out}"
    );
    let out = ok_at(
        &kot,
        "23:00",
        &["work", "--at", "21:30", "--until", "22:00"],
    );
    assert!(out.contains("Overtime today: 1h25"), "{out}");
    let day = kot.day_toml(TODAY);
    let evenings = day.get("evening").and_then(toml::Value::as_array).unwrap();
    assert_eq!(evenings.len(), 2);
    let s = shutdown_table(&kot, TODAY);
    assert_eq!(
        s.get("overtime_minutes").and_then(toml::Value::as_integer),
        Some(85)
    );
    assert_eq!(ok_at(&kot, "23:00", &["status"]).trim(), "off since 22:00");
    let err = fail_at(
        &kot,
        "23:00",
        &["work", "--at", "17:00", "--until", "17:20"],
    );
    assert!(err.contains("after the end of the workday"), "{err}");
}

/// Evening work is overtime whatever else the day holds: on a day with no
/// check-in and no coach running, `kot work --at --until` counts its hours,
/// the day file records them and `kot report` says the same.
#[test]
fn evening_work_on_a_day_without_a_check_in_is_overtime() {
    let kot = TempKot::new();
    let out = ok_at(
        &kot,
        "21:30",
        &["work", "--at", "20:10", "--until", "21:00"],
    );
    assert!(out.contains("Overtime today: 50m"), "{out}");
    let s = shutdown_table(&kot, TODAY);
    assert_eq!(
        s.get("overtime_minutes").and_then(toml::Value::as_integer),
        Some(50),
        "{s:#?}"
    );
    assert_eq!(
        s.get("worked_minutes").and_then(toml::Value::as_integer),
        Some(50),
        "{s:#?}"
    );
    let report: serde_json::Value = serde_json::from_str(&ok_at(
        &kot,
        "21:30",
        &["report", "--week", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(report["totals"]["overtime_minutes"], 50, "{report:#}");
    // Evening work still running counts up to now as well.
    let kot = TempKot::new();
    ok_at(&kot, "20:00", &["shutdown", "--at", "17:30"]);
    ok_at(&kot, "20:10", &["work"]);
    let out = ok_at(&kot, "21:00", &["shutdown"]);
    assert!(out.contains("Overtime today: 50m"), "{out}");
}

/// The same evening told twice is refused, naming what is already there, and
/// the overtime stays what was worked (it once became 14h30 from two records).
#[test]
fn overlapping_evening_work_is_refused_not_summed() {
    let kot = workday();
    ok_at(&kot, "17:30", &["shutdown", "--carry", "all"]);
    let out = ok_at(
        &kot,
        "23:30",
        &["work", "--at", "19:00", "--until", "23:00"],
    );
    assert!(out.contains("Overtime today: 4h"), "{out}");
    for (at, until) in [("19:00", "23:00"), ("22:00", "23:20"), ("18:00", "19:30")] {
        let err = fail_at(&kot, "23:30", &["work", "--at", at, "--until", until]);
        assert!(
            err.contains("evening work from 19:00 to 23:00 is already recorded"),
            "{at}-{until}: {err}"
        );
    }
    let day = kot.day_toml(TODAY);
    assert_eq!(day["evening"].as_array().unwrap().len(), 1, "{day:#?}");
    assert_eq!(
        shutdown_table(&kot, TODAY)
            .get("overtime_minutes")
            .and_then(toml::Value::as_integer),
        Some(240)
    );
    // Touching ends are not an overlap.
    let out = ok_at(
        &kot,
        "23:30",
        &["work", "--at", "23:00", "--until", "23:15"],
    );
    assert!(out.contains("Overtime today: 4h15"), "{out}");
}

/// `kot shutdown --at 17:40` tells a shutdown that happened away from kot:
/// the time is recorded, open tasks stay for the next morning.
#[test]
fn a_shutdown_told_afterwards_keeps_the_tasks_open() {
    let kot = workday();
    let out = ok_at(&kot, "21:00", &["shutdown", "--at", "17:40"]);
    assert!(
        out.contains("Shutdown complete at 17:40 (on time)"),
        "{out}"
    );
    assert!(tasks(&kot, TODAY).iter().all(|(_, s, _)| s == "open"));
    let err = fail_at(&kot, "17:00", &["shutdown", "--at", "17:40"]);
    assert!(err.contains("still to come"), "{err}");
}

/// A sick day's ritual is rest alone; a day off has none.
#[test]
fn a_sick_day_rests_and_a_day_off_has_nothing_to_shut_down() {
    let kot = workday();
    ok_at(&kot, "10:00", &["where", "sick"]);
    let out = ok_at(&kot, "12:00", &["shutdown"]);
    assert!(out.contains("Shutdown complete at 12:00"), "{out}");
    assert_eq!(
        tasks(&kot, TODAY)[0].1,
        "open",
        "a sick day carries nothing"
    );
    let kot = workday();
    ok_at(&kot, "10:00", &["where", "off"]);
    let out = ok_at(&kot, "12:00", &["shutdown"]);
    assert!(out.contains("No workday to shut down"), "{out}");
    assert!(shutdown_table(&kot, TODAY).is_empty());
}

/// A work day left without a shutdown is named the next morning.
#[test]
fn a_forgotten_shutdown_is_reported_the_next_morning() {
    let kot = TempKot::new();
    let friday = "2026-11-20";
    kot.write_day(
        friday,
        format!(
            "date = \"{friday}\"\nplace = \"home\"\n[checkin]\nat = \"{friday}T08:50:00+01:00\"\n"
        ),
    );
    let out = ok_at(&kot, "09:00", &["shutdown", "--status"]);
    assert!(
        out.contains("The shutdown of Fri 20 Nov was missed."),
        "{out}"
    );
}

/// `kot status` names a forgotten shutdown in its tooltip, never in the
/// one line a status bar shows.
#[test]
fn kot_status_mentions_a_forgotten_shutdown_in_its_tooltip() {
    let kot = TempKot::new();
    let friday = "2026-11-20";
    kot.write_day(
        friday,
        format!(
            "date = \"{friday}\"\nplace = \"home\"\n[checkin]\nat = \"{friday}T08:50:00+01:00\"\n"
        ),
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok_at(&kot, "09:00", &["status", "--json"])).unwrap();
    let tooltip = json["tooltip"].as_str().unwrap();
    assert!(
        tooltip.contains("The shutdown of Fri 20 Nov was missed."),
        "{tooltip}"
    );
    let text = json["text"].as_str().unwrap();
    assert!(!text.contains("missed"), "{text}");
    assert!(!ok_at(&kot, "09:00", &["status"]).contains("missed"));
}

/// The script `on_complete` runs: it writes its arguments, one a line.
fn script(dir: &Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("on-complete.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// `on_complete` runs as an argument list, never through a shell: `$HOME`
/// and `;` arrive as they were written. A failing command is reported and
/// changes nothing else.
#[test]
fn on_complete_runs_as_argv_and_its_failure_is_harmless() {
    let kot = workday();
    let dir = kot.root().parent().unwrap().to_path_buf();
    let log = dir.join("args.txt");
    let prog = script(
        &dir,
        &format!(
            "for a in \"$@\"; do echo \"$a\" >> '{}'; done",
            log.display()
        ),
    );
    kot.write_config(format!(
        "[shutdown]\non_complete = [\"{prog}\", \"a b\", \"$HOME\", \"; touch x\"]\n"
    ));
    let out = at(&kot, "17:35", &["shutdown", "--carry", "none"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "a b\n$HOME\n; touch x\n"
    );
    assert!(stderr(&out).is_empty(), "{}", describe(&out));

    let kot = workday();
    let prog = script(&dir, "exit 3");
    kot.write_config(format!("[shutdown]\non_complete = [\"{prog}\"]\n"));
    let out = at(&kot, "17:35", &["shutdown", "--carry", "none"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("failed"), "{}", describe(&out));
    assert!(shutdown_table(&kot, TODAY).contains_key("at"));

    let kot = workday();
    kot.write_config("[shutdown]\non_complete = [\"/nonexistent/kot-lock\"]\n");
    let out = at(&kot, "17:35", &["shutdown", "--carry", "none"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        stderr(&out).contains("could not be started"),
        "{}",
        describe(&out)
    );
}

/// An `on_complete` that stays in the foreground (a screen locker) is waited
/// for `on_complete_wait_seconds`, then left to run on, and said: `kot
/// shutdown` once waited for it with no limit. It runs in its own session,
/// so neither the terminal closing nor kot quitting ends it, and it has no
/// terminal to write on.
#[test]
fn on_complete_that_stays_is_left_running_detached() {
    let kot = workday();
    let dir = kot.root().parent().unwrap().to_path_buf();
    let pid_file = dir.join("locker.pid");
    let prog = script(
        &dir,
        &format!("echo $$ > '{}'; exec sleep 120", pid_file.display()),
    );
    kot.write_config(format!(
        "[shutdown]\non_complete = [\"{prog}\"]\non_complete_wait_seconds = 1\n"
    ));
    let mut child = kot
        .command()
        .env("KOT_NOW", format!("{TODAY}T17:35:00"))
        .env("KOT_TIME_SCALE", "0")
        .args(["shutdown", "--carry", "none"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "kot shutdown still waits for on_complete"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    assert!(status.success(), "{}", describe(&out));
    assert!(
        stdout(&out).contains("is still running after 1 s; it runs on by itself"),
        "{}",
        describe(&out)
    );
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command's `(…)`: state, ppid, pgrp, session, tty_nr.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let session: i32 = fields[3].parse().unwrap();
    let tty: i32 = fields[4].parse().unwrap();
    let _ = std::process::Command::new("kill")
        .arg(pid.to_string())
        .status();
    assert_eq!(session, pid, "its own session: {stat}");
    assert_eq!(tty, 0, "no controlling terminal: {stat}");
    assert!(shutdown_table(&kot, TODAY).contains_key("at"));
}

/// Range checks of `[shutdown]` name the key, the value and what is allowed.
#[test]
fn shutdown_settings_out_of_range_are_reported() {
    let kot = TempKot::new();
    kot.write_config(
        "[shutdown]\nwarn_minutes = [300]\nnudge_after_minutes = [30, 30]\n\
         max_work_minutes = 30\nsteps = [\"\"]\non_complete = [\"\"]\n",
    );
    let out = kot.cmd(&["config", "check"]);
    let err = stderr(&out) + &stdout(&out);
    for needle in [
        ":2: shutdown.warn_minutes = [300] is not allowed",
        ":3: shutdown.nudge_after_minutes = [30, 30] is not allowed",
        ":4: shutdown.max_work_minutes = 30 is not allowed: 0 (off) or a whole number of minutes from 60 to 960",
        ":5: shutdown.steps",
        ":6: shutdown.on_complete",
    ] {
        assert!(err.contains(needle), "{needle}\n{err}");
    }
}

/// Without a terminal the journal step is skipped unless its flags are
/// given; with them its answers land in the day's journal.
#[test]
fn the_journal_step_by_flags() {
    let kot = workday();
    ok_at(&kot, "17:35", &["shutdown", "--carry", "all"]);
    assert!(
        !kot.root()
            .join("journal")
            .join("2026")
            .join(format!("{TODAY}.toml"))
            .exists(),
        "no flags, no journal"
    );
    let kot = workday();
    let err = fail_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "all", "--mood", "7"],
    );
    assert!(err.contains("mood"), "{err}");
    let out = ok_at(
        &kot,
        "17:35",
        &[
            "shutdown",
            "--carry",
            "all",
            "--mood",
            "4",
            "--energy",
            "2",
            "--contact",
            "Lena, call",
            "--win",
            "Één rapport af",
        ],
    );
    assert!(out.contains("Journal: mood 4"), "{out}");
    let journal = common::parse_toml(
        &kot.root()
            .join("journal")
            .join("2026")
            .join(format!("{TODAY}.toml")),
    );
    assert_eq!(
        journal.get("mood").and_then(toml::Value::as_integer),
        Some(4)
    );
    assert_eq!(
        journal.get("energy").and_then(toml::Value::as_integer),
        Some(2)
    );
    let wins = journal.get("wins").and_then(toml::Value::as_array).unwrap();
    assert_eq!(wins[0].as_str(), Some("Één rapport af"));
    let contacts = journal
        .get("contacts")
        .and_then(toml::Value::as_array)
        .unwrap();
    assert_eq!(
        contacts[0].get("how").and_then(toml::Value::as_str),
        Some("call")
    );
}

/// `--happened` when last week chose no one thing: nothing to answer, so
/// it is refused like a task that is not there, and nothing is written.
#[test]
fn happened_without_last_weeks_one_thing_is_refused() {
    let kot = workday();
    let err = fail_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "none", "--happened", "yes"],
    );
    assert!(err.contains("nothing to answer"), "{err}");
    assert!(
        !kot.root().join("weeks").exists(),
        "no week note is written"
    );
    assert!(
        !shutdown_table(&kot, TODAY).contains_key("at"),
        "nor the shutdown"
    );
    // Last week's note without a one thing: the same.
    let last = kot.root().join("weeks").join("2026").join("2026-W47.toml");
    common::write_file(&last, b"schema = 1\n");
    let err = fail_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "none", "--happened", "no"],
    );
    assert!(err.contains("nothing to answer"), "{err}");
    assert_eq!(common::read_text(&last), "schema = 1\n");
}

/// A week with no ritual on its last day (W47: no note) leaves W46's one
/// thing unanswered: `--happened` answers it into W46's file and says so by
/// the week's number; an answer on file settles the weeks before it.
#[test]
fn happened_answers_an_earlier_weeks_unanswered_one_thing() {
    let kot = workday();
    let weeks = kot.root().join("weeks").join("2026");
    let w46 = weeks.join("2026-W46.toml");
    common::write_file(&w46, b"schema = 1\none_thing = \"Walk at noon\"\n");
    let out = ok_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "none", "--happened", "yes"],
    );
    assert!(out.contains("week 46: it happened"), "{out}");
    let note: toml::Table = toml::from_str(&common::read_text(&w46)).unwrap();
    assert_eq!(
        note.get("happened").and_then(toml::Value::as_bool),
        Some(true)
    );
    assert!(!weeks.join("2026-W47.toml").exists(), "W47 is not written");

    // W46 answered: W45's older one thing is not asked any more.
    let kot = workday();
    let weeks = kot.root().join("weeks").join("2026");
    common::write_file(
        &weeks.join("2026-W46.toml"),
        b"schema = 1\none_thing = \"Walk\"\nhappened = false\n",
    );
    let w45 = weeks.join("2026-W45.toml");
    common::write_file(&w45, b"schema = 1\none_thing = \"Tea\"\n");
    let err = fail_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "none", "--happened", "yes"],
    );
    assert!(err.contains("nothing to answer"), "{err}");
    assert!(!common::read_text(&w45).contains("happened"));
}

/// `--one-thing` when this week's note does not read: refused with its path
/// and line before anything is written; the file is left as it is.
#[test]
fn one_thing_into_an_unreadable_week_note_is_refused() {
    let kot = workday();
    let note = kot.root().join("weeks").join("2026").join("2026-W48.toml");
    let bad = "schema = 1\none_thing = \"unclosed\n";
    common::write_file(&note, bad.as_bytes());
    let err = fail_at(
        &kot,
        "17:35",
        &["shutdown", "--carry", "all", "--one-thing", "Walk"],
    );
    assert!(
        err.contains(&format!("{}:2: cannot read this file", note.display())),
        "{err}"
    );
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(common::read_text(&note), bad);
    assert!(!shutdown_table(&kot, TODAY).contains_key("at"), "nothing");
    assert!(!kot.day_path(TOMORROW).exists(), "nothing carried either");
    // Without the flag the shutdown goes through.
    ok_at(&kot, "17:35", &["shutdown", "--carry", "none"]);
    assert!(shutdown_table(&kot, TODAY).contains_key("at"));
    assert_eq!(common::read_text(&note), bad);
}
