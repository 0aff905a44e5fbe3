//! Files of the newer kinds that do not read — a week's note
//! (`weeks/YYYY/YYYY-Www.toml`) and `nudges.toml` — are reported with their
//! path and line the way a corrupt day file is, and never written over.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod common;

use common::{TempKot, describe, read_text, stdout, write_file};

const BAD_WEEK: &str = "schema = 1\none_thing = \"unclosed\n";
const BAD_NUDGES: &str = "schema = 1\n[lunch_skipped\n";

/// `kot config check` names a week note and `nudges.toml` that do not read,
/// with their line, fails, and leaves both files as they were.
#[test]
fn config_check_reports_unreadable_week_notes_and_nudges() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "Report"]);
    let week = kot.root().join("weeks").join("2026").join("2026-W47.toml");
    let good = kot.root().join("weeks").join("2026").join("2026-W46.toml");
    let nudges = kot.root().join("nudges.toml");
    write_file(&week, BAD_WEEK.as_bytes());
    write_file(&good, b"schema = 1\none_thing = \"fine\"\n");
    write_file(&nudges, BAD_NUDGES.as_bytes());
    let out = kot.cmd(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{}:2", week.display())),
        "the week note with its line\n{}",
        describe(&out)
    );
    assert!(
        text.contains(&format!("{}:2", nudges.display())),
        "nudges.toml with its line\n{}",
        describe(&out)
    );
    assert!(
        !text.contains("2026-W46"),
        "a readable note is no problem\n{}",
        describe(&out)
    );
    assert_eq!(read_text(&week), BAD_WEEK);
    assert_eq!(read_text(&nudges), BAD_NUDGES);

    // Fixed, they are no problem any more.
    write_file(&week, b"schema = 1\none_thing = \"closed\"\n");
    write_file(&nudges, b"schema = 1\n");
    let out = kot.cmd(&["config", "check"]);
    assert!(out.status.success(), "{}", describe(&out));
}
