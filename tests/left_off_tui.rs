//! Where you left off, in the TUI's ritual (issue 17): `n` on its Tomorrow
//! step writes one line, kept in the day file for the next check-in. The
//! real binary in a pseudo-terminal at a fixed clock, Monday 2026-11-23
//! (Europe/Brussels), a work day 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;

use pty::{Kot, TODAY};

#[test]
fn the_rituals_tomorrow_step_takes_where_you_left_off() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-left-off-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "date = \"{TODAY}\"\nplace = \"home\"\nnext_task = 2\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n"
        ),
    )
    .unwrap();
    fs::write(dir.join("config.toml"), "[shutdown]\nsteps = []\n").unwrap();
    let mut kot = Kot::spawn(
        dir,
        100,
        32,
        &[
            ("KOT_NOW", &format!("{TODAY}T17:20:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    kot.wait_for("Report");
    kot.send("Q");
    kot.wait_for("Step 1 of");
    kot.send("\r");
    kot.wait_for("n: note where you left off, for the morning");
    kot.send("n");
    kot.send("Halfway the invoice export");
    kot.wait_for("Halfway the invoice export▏");
    kot.send("\r");
    kot.wait_for("Where you left off: Halfway the invoice export");
    kot.send("\r");
    kot.wait_for("Evening check-in");
    kot.send("\r");
    kot.wait_for("Shutdown complete at 17:2");
    kot.wait_until("the note in the day file", |_| {
        pty::day_toml(dir, TODAY)
            .get("shutdown")
            .and_then(|s| s.get("note"))
            .and_then(toml::Value::as_str)
            == Some("Halfway the invoice export")
    });
    kot.send("q");
}
