#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
//! The heads-up before a run of calls, as the user sees it at 120 columns:
//! whole on one line before the run, and gone once the run has started
//! (not standing over Today until the pause prompt after the run).

mod common;
mod pty;

use std::fs;

use pty::{Kot, TODAY};

#[test]
fn the_heads_up_is_whole_and_goes_once_the_calls_start() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-headsup-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n",
    )
    .unwrap();
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "date = \"{TODAY}\"\nplace = \"home\"\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\n\
             [[blocks]]\nid = 1\nspan = \"13:30-14:30\"\ntitle = \"Sales call\"\nkind = \"meeting\"\n\n\
             [[blocks]]\nid = 2\nspan = \"14:30-15:30\"\ntitle = \"Review call\"\nkind = \"meeting\"\n"
        ),
    )
    .unwrap();
    // 13:28:30 at 30×: the heads-up at once, the run starts after 3 real
    // seconds.
    let kot = Kot::spawn(
        dir,
        120,
        30,
        &[("KOT_NOW", "2026-11-23T13:28:30"), ("KOT_TIME_SCALE", "30")],
    );
    let screen = kot.wait_for("Coming up: 13:30-15:30, 120 min of calls");
    let row = screen
        .lines()
        .find(|l| l.contains("Coming up"))
        .unwrap()
        .trim_end()
        .to_string();
    assert!(!row.ends_with('…'), "cut: {row}");
    assert!(row.ends_with("if you can."), "{row}");
    kot.wait_gone("Coming up");
}
