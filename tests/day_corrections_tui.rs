//! Today's `C` (issue 17): the shown day's start and end corrected
//! afterwards in a one-line form filled in with what kot has, also on a day
//! browsed with `[`. The real binary in a pseudo-terminal at a fixed clock,
//! Monday 2026-11-23 (Europe/Brussels), the work days 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::path::Path;

use pty::{Kot, TODAY};

const FRIDAY: &str = "2026-11-20";
const BACKSPACE: &str = "\x7f";

fn write_day(dir: &Path, date: &str, body: &str) {
    let path = pty::day_path(dir, date);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("date = \"{date}\"\n{body}")).unwrap();
}

#[test]
fn fridays_start_and_end_are_corrected_from_today() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-correct-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    write_day(
        dir,
        FRIDAY,
        &format!(
            "place = \"home\"\n[checkin]\nat = \"{FRIDAY}T08:55:00+01:00\"\n\
             [shutdown]\nat = \"{FRIDAY}T17:30:00+01:00\"\nworked_minutes = 510\novertime_minutes = 0\n"
        ),
    );
    write_day(
        dir,
        TODAY,
        &format!("place = \"home\"\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n"),
    );
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", &format!("{TODAY}T10:00:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    kot.wait_for("Workday");
    kot.send("[");
    kot.send("[");
    kot.send("[");
    kot.wait_for("Friday 20 November");
    kot.send("C");
    kot.wait_for_all(&["Correct Friday 20 November 2026", "09:00-17:30"]);
    // An end before the start, not after midnight: said, the form stays.
    kot.send(&BACKSPACE.repeat(5));
    kot.send("08:00\r");
    kot.wait_for("the end 08:00 is before the start 09:00");
    kot.send(&BACKSPACE.repeat(11));
    kot.send("09:10-17:50\r");
    kot.wait_for("Corrected: worked 8h40, overtime 20m.");
    kot.wait_for("17:50       ■ work stopped (corrected)");
    let shutdown = pty::day_toml(dir, FRIDAY)["shutdown"]
        .as_table()
        .unwrap()
        .clone();
    assert_eq!(shutdown["corrected_start"].as_str(), Some("09:10"));
    assert_eq!(shutdown["corrected_end"].as_str(), Some("17:50"));
    assert_eq!(shutdown["worked_minutes"].as_integer(), Some(520));
    kot.send("q");
}

/// Last week at home, shut down on time, no lunch on Wednesday and Thursday
/// (a nudge of lower rank than overtime, to show the nudges were read), but
/// Friday's shutdown forgotten and a coach left running all night: the next
/// morning's guess gave it 10 hours of overtime.
fn week_with_a_long_guess(dir: &Path) {
    for d in [
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-19",
        FRIDAY,
    ] {
        let lunch = if d == "2026-11-18" || d == "2026-11-19" {
            String::new()
        } else {
            format!(
                "[[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\ncounted = \"lunch\"\n\
                 start = \"{d}T12:15:00+01:00\"\nend = \"{d}T12:45:00+01:00\"\n"
            )
        };
        let end = if d == FRIDAY {
            "[shutdown]\nmissed = true\nworked_minutes = 1080\novertime_minutes = 600\n".to_string()
        } else {
            format!("[shutdown]\nat = \"{d}T17:30:00+01:00\"\nworked_minutes = 480\n")
        };
        write_day(
            dir,
            d,
            &format!(
                "place = \"home\"\n[checkin]\nat = \"{d}T09:00:00+01:00\"\nfeeling = 4\n{lunch}{end}"
            ),
        );
    }
    write_day(
        dir,
        TODAY,
        &format!("place = \"home\"\n[checkin]\nat = \"{TODAY}T08:50:00+01:00\"\nfeeling = 4\n"),
    );
}

const OVERTIME: &str = "of overtime in the last week";

#[test]
fn a_corrected_missed_day_no_longer_counts_its_guess_as_overtime() {
    for corrected in [false, true] {
        let tmp = tempfile::Builder::new()
            .prefix("kot-correct-nudge-")
            .tempdir()
            .unwrap();
        let dir = tmp.path();
        week_with_a_long_guess(dir);
        if corrected {
            let out = pty::cli(dir, &["day", "--date", FRIDAY, "--end", "17:30"], &[]);
            assert!(out.status.success(), "{out:?}");
        }
        let mut kot = Kot::spawn(dir, 100, 30, &[("KOT_TIME_SCALE", "0")]);
        if corrected {
            let screen = kot.wait_for("You skipped lunch on 2 days");
            assert!(!screen.contains(OVERTIME), "{screen}");
        } else {
            kot.wait_for(OVERTIME);
        }
        kot.send("q");
    }
}
