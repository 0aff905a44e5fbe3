//! Where you left off: `kot shutdown --note`, kept in the day file and shown
//! by `kot day`. Plain processes on Monday 2026-11-23 (Europe/Brussels), a
//! work day 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{TODAY, TempKot};

fn checked_in_at(now: &str) -> TempKot {
    let kot = TempKot::at(&format!("{TODAY}T{now}"));
    kot.write_day(
        TODAY,
        format!(
            "date = \"{TODAY}\"\nplace = \"home\"\nnext_task = 2\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Invoice export\"\n"
        ),
    );
    kot
}

fn note(kot: &TempKot) -> Option<String> {
    kot.day_toml(TODAY)["shutdown"]
        .get("note")
        .and_then(|n| n.as_str())
        .map(str::to_owned)
}

#[test]
fn the_shutdown_keeps_where_you_left_off() {
    let kot = checked_in_at("17:30");
    let out = kot.ok(&[
        "shutdown",
        "--carry",
        "all",
        "--note",
        "Halfway the export: the totals are wrong",
    ]);
    assert!(
        out.contains("Where you left off: Halfway the export: the totals are wrong"),
        "{out}"
    );
    assert_eq!(
        note(&kot).as_deref(),
        Some("Halfway the export: the totals are wrong")
    );
    let day = kot.ok(&["day"]);
    assert!(
        day.contains("Where you left off: Halfway the export"),
        "{day}"
    );

    // After the shutdown the note alone can still change, or go.
    kot.ok(&["shutdown", "--note", "Check the totals first"]);
    assert_eq!(note(&kot).as_deref(), Some("Check the totals first"));
    let out = kot.ok(&["shutdown", "--note", ""]);
    assert!(out.contains("No note"), "{out}");
    assert_eq!(note(&kot), None);
}
