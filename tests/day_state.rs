//! One reading of where the day stands (issue 17, item 10): the TUI's coach
//! line, `kot status` and its `{state}` say the same, near the end of the day
//! too, and `kot status` never reads a break "due" from the state of a coach
//! that stopped running hours ago. The real binary, on a fixed clock.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::path::Path;

use pty::{Kot, TODAY, cli, day_path};

/// Today's file: checked in at 08:55, with `more` after the check-in table.
fn write_day(dir: &Path, more: &str) {
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_block = 2\n\n[checkin]\n\
             at = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n{more}"
        ),
    )
    .unwrap();
}

fn at(hm: &str) -> String {
    format!("{TODAY}T{hm}:00")
}

fn status(dir: &Path, now: &str, args: &[&str]) -> String {
    let mut all = vec!["status"];
    all.extend(args);
    let out = cli(dir, &all, &[("KOT_NOW", &at(now)), ("KOT_TIME_SCALE", "0")]);
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// The TUI at `now`, its coach line once it shows `needle`.
fn coach_line(dir: &Path, now: &str, needle: &str) -> String {
    let mut kot = Kot::spawn(
        dir,
        100,
        30,
        &[("KOT_NOW", &at(now)), ("KOT_TIME_SCALE", "0")],
    );
    let screen = kot.wait_for("●");
    let line = screen
        .lines()
        .find(|l| l.contains('●'))
        .unwrap_or_default()
        .to_string();
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    assert!(line.contains(needle), "{line:?} in\n{screen}");
    line
}

/// Before work the state's name is what the text says, not `off`.
#[test]
fn before_work_the_state_is_named_as_it_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert_eq!(status(dir, "07:30", &[]), "before work");
    assert_eq!(
        status(dir, "07:30", &["--format", "{state}"]),
        "before-work"
    );
}

/// At 17:01, in the wrap-up (17:00 for a 17:30 end), the TUI's coach line
/// says what `kot status` says (it said "focus").
#[test]
fn in_the_wrap_up_the_coach_line_and_status_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!("\n[coach]\nfocus_since = \"{TODAY}T16:55:00+01:00\"\n"),
    );
    assert_eq!(status(dir, "17:01", &[]), "wrap-up · end in 29 min");
    coach_line(dir, "17:01", "wrap-up · end in 29 min");
}

/// A call running past the end is still a call, in the TUI and in `kot
/// status` (the TUI said "after work").
#[test]
fn a_call_past_the_end_is_still_a_call() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!(
            "\n[[blocks]]\nid = 1\nspan = \"17:00-17:45\"\ntitle = \"Late call\"\n\
             kind = \"meeting\"\n\n[coach]\nfocus_since = \"{TODAY}T16:55:00+01:00\"\n"
        ),
    );
    let said = status(dir, "17:35", &[]);
    assert_eq!(said, "meeting · until 17:45 · 5 min past the end");
    assert_eq!(status(dir, "17:35", &["--format", "{state}"]), "meeting");
    coach_line(dir, "17:35", &said);
}

/// Begun at 08:55 and no coach running since (last seen 08:56): at 17:05 no
/// break is "due" from that stale state; the time since is time away, as a
/// coach starting now would count it.
#[test]
fn no_break_is_due_from_the_state_of_a_coach_long_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!("\n[coach]\nseen_at = \"{TODAY}T08:56:00+01:00\"\n"),
    );
    let said = status(dir, "17:05", &[]);
    assert!(!said.contains("due"), "{said}");
    assert_eq!(said, "wrap-up · end in 25 min");
}

/// A break prompt still standing at the wrap-up (17:00, "no more breaks will
/// be offered") goes then, card and all, recorded as ignored; it stayed until
/// the next break would have fallen due.
#[test]
fn a_break_prompt_goes_when_no_more_breaks_are_offered() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!(
            "\n[coach]\nfocus_since = \"{TODAY}T15:45:00+01:00\"\n\
             prompted_at = \"{TODAY}T16:35:00+01:00\"\nescalated = true\n"
        ),
    );
    let mut kot = Kot::spawn(
        dir,
        100,
        30,
        &[
            ("KOT_NOW", &format!("{TODAY}T16:59:30")),
            ("KOT_TIME_SCALE", "60"),
        ],
    );
    kot.wait_for("Time for a short break");
    kot.wait_gone("Time for a short break");
    let screen = kot.wait_for("wrap-up");
    assert!(!screen.contains("break due"), "{screen}");
    let day = fs::read_to_string(day_path(dir, TODAY)).unwrap();
    assert!(day.contains("outcome = \"ignored\""), "{day}");
    assert!(!day.contains("prompted_at"), "{day}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// "wrap up · Q shut down" starts with the wrap-up (17:00 for a 17:30 end,
/// `warn_minutes` 30), not an hour before the end; the countdown of the last
/// hour shows before it without those words.
#[test]
fn wrap_up_words_start_with_the_wrap_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!("\n[coach]\nfocus_since = \"{TODAY}T16:40:00+01:00\"\n"),
    );
    for (now, wrap) in [("16:45", false), ("17:01", true)] {
        let mut kot = Kot::spawn(
            dir,
            100,
            30,
            &[("KOT_NOW", &at(now)), ("KOT_TIME_SCALE", "0")],
        );
        let screen = kot.wait_for("End of the workday in");
        assert_eq!(screen.contains("wrap up · Q shut down"), wrap, "{screen}");
        kot.send("q");
        assert_eq!(kot.wait_exit(), 0);
    }
}

/// "Workday ends in 10 min" said before a call that runs past the end goes
/// at the end: during the call it no longer says what is true (it stayed);
/// the coach line says the call and the time past the end.
#[test]
fn a_warning_before_the_end_goes_at_the_end() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        &format!(
            "\n[[blocks]]\nid = 1\nspan = \"17:25-17:45\"\ntitle = \"Late call\"\n\
             kind = \"meeting\"\n\n[coach]\nfocus_since = \"{TODAY}T16:55:00+01:00\"\n\
             shutdown_warned = [30]\nmeeting_heads_up = [1]\n"
        ),
    );
    let mut kot = Kot::spawn(
        dir,
        100,
        30,
        &[
            ("KOT_NOW", &format!("{TODAY}T17:19:50")),
            ("KOT_TIME_SCALE", "120"),
        ],
    );
    kot.wait_for("Workday ends in 10 min");
    kot.wait_gone("Workday ends in 10 min");
    let screen = kot.wait_for("past the end");
    assert!(screen.contains("● meeting · until 17:45 ·"), "{screen}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}
