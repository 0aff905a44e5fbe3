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

/// `D` and `Z` (`nudges::answer`) and the week step's writes refuse an
/// unreadable file with a message that says it is left as it is, and leave
/// it byte for byte.
#[test]
fn answers_refuse_an_unreadable_file_and_leave_it() {
    use kot::core::nudges::{Answer, Rule};
    use kot::core::week::{WeekId, WeekOp};
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "Report"]);
    let store = kot::store::Store::open(kot.root().to_path_buf()).expect("store");
    let nudges = kot.root().join("nudges.toml");
    write_file(&nudges, BAD_NUDGES.as_bytes());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for answer in [Answer::Dismiss, Answer::Snooze] {
        let err =
            kot::nudges::answer(&store, Rule::LunchSkipped, answer, today).expect_err("refused");
        let msg = err.message();
        assert!(
            msg.contains("nudges.toml:2: cannot read this file"),
            "{msg}"
        );
        assert!(msg.contains("left as it is"), "{msg}");
    }
    assert_eq!(read_text(&nudges), BAD_NUDGES);

    let week = WeekId::of(today);
    let path = store.week_path(week);
    write_file(&path, BAD_WEEK.as_bytes());
    let err = store
        .update_week(week, vec![WeekOp::SetOneThing("x".into())])
        .expect_err("refused");
    assert!(err.message().contains("left as it is"), "{}", err.message());
    assert_eq!(read_text(&path), BAD_WEEK);
}
