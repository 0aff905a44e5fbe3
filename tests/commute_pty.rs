//! The walk home after the ritual and an evening without work in sight,
//! in the real `kot` TUI on the test clock: `[shutdown] commute_minutes`
//! counts the walk down full screen (skippable), `[shutdown] hide_work`
//! keeps tomorrow's list and the plan behind `p`.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::path::Path;
use std::time::Duration;

use pty::{Kot, TODAY};

const COLS: u16 = 100;
const ROWS: u16 = 24;
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-commute-")
        .tempdir()
        .unwrap()
}

/// Monday at home, one task done, one open (carried by the ritual), no own
/// steps, and `[shutdown]` as given.
fn monday(dir: &Path, shutdown: &str) {
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "date = \"{TODAY}\"\nplace = \"home\"\nnext_task = 3\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\ntop = true\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.join("config.toml"),
        format!(
            "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
             [shutdown]\nsteps = []\n{shutdown}\n"
        ),
    )
    .unwrap();
}

/// `Q`, then every step with Enter, to "Shutdown complete", and closed.
fn shut_down(kot: &mut Kot) {
    kot.wait_for("Tasks");
    kot.send("Q");
    kot.wait_for("Step 1 of 3");
    kot.send(ENTER);
    kot.wait_for("Step 2 of 3");
    kot.send(ENTER);
    kot.wait_for("Step 3 of 3");
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at");
    kot.send(ENTER);
}

#[test]
fn the_walk_home_counts_down_full_screen_then_the_evening_shows() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, "commute_minutes = 15");
    // At 120× the quarter of an hour takes about eight real seconds.
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[
            ("KOT_NOW", "2026-11-23T15:00:00"),
            ("KOT_TIME_SCALE", "120"),
        ],
    );
    shut_down(&mut kot);
    let screen = kot.wait_for("Walk home · 14 min");
    assert!(
        !screen.contains("Mail") && !screen.contains("Off since"),
        "nothing but the walk: {screen}"
    );
    let screen = kot.wait_long(Duration::from_secs(40), "the walk to end", |s| {
        s.contains("Off since")
    });
    assert!(!screen.contains("Walk home"), "{screen}");
    // Without hide_work the evening shows tomorrow's list.
    kot.wait_line(&["Tuesday 24 November 2026: top 3"]);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

#[test]
fn the_walk_is_skipped_with_a_key_and_work_stays_behind_p() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, "commute_minutes = 15\nhide_work = true");
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")],
    );
    shut_down(&mut kot);
    kot.wait_for_all(&["Walk home · 15 min 00 s", "Enter skip"]);
    // The help names the keys over the walk, and closes back to it.
    kot.send("?");
    kot.wait_for("skip the rest of the walk home");
    kot.send("?");
    kot.wait_gone("skip the rest of the walk home");
    kot.wait_for("Walk home · 15 min 00 s");
    kot.send(ESC);
    let screen = kot.wait_for_all(&["Off since 15:00", "put away for the evening"]);
    assert!(
        !screen.contains("Mail") && !screen.contains("Report"),
        "no work in sight: {screen}"
    );
    kot.wait_line(&["p plan ·"]);
    assert!(!kot.row(-1).contains("]"), "{}", kot.row(-1));
    // Another day's plan stays away too.
    kot.send("]");
    kot.send("p");
    kot.wait_line(&["Tuesday 24 November 2026: top 3"]);
    kot.wait_line(&["★", "Mail"]);
    kot.wait_line(&["✓", "Report"]);
    assert!(kot.contains("Off since 15:00"), "{}", kot.screen());
    kot.send("p");
    kot.wait_gone("Mail");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// kot's own steps end with a short walk home; with the walk counted down
/// that step is the countdown itself, not a box ticked before it.
#[test]
fn the_counted_walk_replaces_kots_walk_step() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, "commute_minutes = 15");
    let config = dir.join("config.toml");
    let text = fs::read_to_string(&config)
        .unwrap()
        .replace("steps = []\n", "");
    fs::write(&config, text).unwrap();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for("Tasks");
    kot.send("Q");
    let screen = kot.wait_for_all(&["Step 1 of 5", "Put the laptop"]);
    assert!(!screen.contains("A short walk"), "{screen}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}
