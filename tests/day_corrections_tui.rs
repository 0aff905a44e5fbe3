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
