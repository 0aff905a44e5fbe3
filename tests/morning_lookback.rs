//! The morning look-back (issue 17): Monday's check-in says in one line how
//! Friday went, and where Friday's shutdown said you left off; Friday's
//! timeline marks when its work stopped and its evening work. The real
//! binary in a pseudo-terminal at a fixed clock (Europe/Brussels), the work
//! days 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::path::Path;

use pty::{Kot, TODAY};

const FRIDAY: &str = "2026-11-20";

fn write_day(dir: &Path, date: &str, body: &str) {
    let path = pty::day_path(dir, date);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("date = \"{date}\"\n{body}")).unwrap();
}

/// Friday: checked in at 08:55, lunch 12:40–13:10, its top task left open
/// and carried, shut down at 17:30 with a note, 44 minutes in the evening.
fn friday(dir: &Path) {
    write_day(
        dir,
        FRIDAY,
        &format!(
            "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{FRIDAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\ntop = true\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\ntop = true\nstatus = \"done\"\n\
             [[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\n\
             start = \"{FRIDAY}T12:40:00+01:00\"\nend = \"{FRIDAY}T13:10:00+01:00\"\n"
        ),
    );
    pty::cli_at(
        dir,
        &format!("{FRIDAY}T17:30"),
        &[
            "shutdown",
            "--carry",
            "all",
            "--note",
            "Report: the totals are off",
        ],
    );
    pty::cli_at(
        dir,
        &format!("{FRIDAY}T21:00"),
        &["work", "--at", "20:00", "--until", "20:44"],
    );
}

#[test]
fn monday_looks_back_on_friday_and_where_it_left_off() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-lookback-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    friday(dir);
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", &format!("{TODAY}T08:50:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    kot.wait_for_all(&[
        "Where do you work today?",
        "Friday: 8h44 · lunch 12:40 · 1 of 2 top done · shutdown 17:30",
        "44m in the evening",
    ]);
    kot.send("\x1b");
    kot.wait_for("How do you feel today?");
    kot.send("\x1b");
    kot.wait_for_all(&[
        "Your top 3, picked at the shutdown on Friday",
        "Where you left off: Report: the totals are off",
    ]);
    kot.send("\r");
    kot.wait_for("Workday");
    // Friday's own timeline marks when its work stopped, and its evening.
    kot.send("[[[");
    kot.wait_for_all(&[
        "Friday 20 November",
        "17:30       ■ work stopped: shutdown",
        "20:00-20:44 ◐ evening work",
    ]);
    kot.send("q");
}

/// The look-back follows the day's record: an early lunch is no lunch (the
/// lunch rule, as `kot day` and the report say), and a corrected end is the
/// end named, not the shutdown (the totals count to it).
#[test]
fn the_look_back_names_the_lunch_and_the_end_the_record_counts() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-lookback-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        FRIDAY,
        &format!(
            "place = \"home\"\n[checkin]\nat = \"{FRIDAY}T08:55:00+01:00\"\n\
             [[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\n\
             start = \"{FRIDAY}T11:00:00+01:00\"\nend = \"{FRIDAY}T11:30:00+01:00\"\n"
        ),
    );
    for (hm, args) in [
        ("17:30", &["shutdown"][..]),
        ("18:00", &["day", "--date", FRIDAY, "--end", "17:50"][..]),
    ] {
        pty::cli_at(dir, &format!("{FRIDAY}T{hm}"), args);
    }
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", &format!("{TODAY}T08:50:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    // 09:00-17:50 less the early lunch, a break all the same.
    let screen = kot.wait_for("Friday: 8h20 · stopped 17:50");
    assert!(!screen.contains("lunch 11:00"), "{screen}");
    kot.send("q");
}
