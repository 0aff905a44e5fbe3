//! The morning check-in in the real `kot` TUI, where it rubbed: its step
//! count holds from start to end, and a day with no work in the config
//! (a weekend) opens none by itself.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use pty::{Kot, day_toml};

const COLS: u16 = 100;
const ROWS: u16 = 32;
const ENTER: &str = "\r";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-checkin-friction-")
        .tempdir()
        .unwrap()
}

/// A low feeling brings the offer of a gentler day: part of the feeling's
/// step, the count stays what it was at the start.
#[test]
fn the_step_count_holds_when_a_gentler_day_is_offered() {
    let tmp = tempdir();
    let dir = tmp.path();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T08:50:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for_all(&["Where do you work today?", "Step 1 of 3"]);
    kot.send(ENTER);
    kot.wait_for_all(&["How do you feel today?", "Step 2 of 3"]);
    kot.send("1");
    let screen = kot.wait_for("A hard start");
    assert!(screen.contains("Step 2 of 3"), "{screen}");
    kot.send("n");
    let screen = kot.wait_for("Step 3 of 3");
    assert!(!screen.contains(" of 4"), "{screen}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// Saturday: kot opens on Today with no check-in; choosing home makes it
/// extra work, and that begins with the check-in.
#[test]
fn a_weekend_opens_no_check_in_until_work_is_chosen() {
    let tmp = tempdir();
    let dir = tmp.path();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-28T10:00:00"), ("KOT_TIME_SCALE", "0")],
    );
    let screen = kot.wait_for("Saturday 28 November 2026");
    assert!(!screen.contains("Where do you work today?"), "{screen}");
    kot.send("w");
    kot.wait_for("h home");
    kot.send("h");
    kot.wait_for_all(&["Good morning", "Where do you work today?"]);
    let day = day_toml(dir, "2026-11-28");
    assert_eq!(
        day.get("place").and_then(toml::Value::as_str),
        Some("home"),
        "{day:#?}"
    );
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}
