//! Time and config under hostile input: DST nights through the machine's own zone
//! (`TZ`, `chrono::Local`, the path the binary takes), the test clock's variables,
//! ids at the top of their range, a `day_starts` that would move mornings into the
//! day before, a broken `days/` tree, and the small faults of hand-edited day files.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fs;
use std::process::Output;

use common::{TODAY, TempKot};

/// A night shift on every day, with the day turning at midnight, so the
/// fall-back hour of 2026-10-25 (Brussels repeats 02:00-03:00) is work time.
const NIGHT_SHIFT: &str = "[workday]\nstart = \"00:30\"\nend = \"05:30\"\n\
    days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n\
    day_starts = \"00:00\"\n";

fn night_kot(now: &str) -> TempKot {
    let kot = TempKot::at(now);
    kot.write_config(NIGHT_SHIFT);
    kot
}

#[test]
fn a_repeated_hour_means_its_first_occurrence_in_the_machines_zone() {
    // The meeting 02:00-03:00 starts at the first 02:00 (+02:00) and ends at the
    // only 03:00 (+01:00): the first 02:20 is inside it.
    let kot = night_kot("2026-10-25T02:20:00+02:00");
    kot.ok(&[
        "plan",
        "block",
        "add",
        "02:00-03:00",
        "Night call",
        "--meeting",
    ]);
    let status = kot.ok(&["status"]);
    assert!(status.starts_with("meeting · until 03:00"), "{status}");
}

#[test]
fn a_repeated_local_kot_now_is_its_first_occurrence() {
    // KOT_NOW written without an offset at 02:20 is the first 02:20: the meeting
    // until the (only) 03:00 has 1 h 40 min left, not 40 minutes.
    let kot = night_kot("2026-10-25T02:20:00");
    kot.ok(&[
        "plan",
        "block",
        "add",
        "02:00-03:00",
        "Night call",
        "--meeting",
    ]);
    let status = kot.ok(&["status", "--format", "{state} {left}"]);
    assert_eq!(status.trim(), "meeting 1 h 40 min");
}

#[test]
fn a_skipped_hour_moves_forward_in_the_machines_zone() {
    // 2026-03-29: Brussels skips 02:00-03:00, so 02:30 is read as 03:30 (+02:00).
    let before = night_kot("2026-03-29T03:20:00+02:00");
    before.ok(&["plan", "block", "add", "02:30-04:00", "Call", "--meeting"]);
    let status = before.ok(&["status"]);
    assert!(!status.starts_with("meeting"), "{status}");
    let inside = night_kot("2026-03-29T03:40:00+02:00");
    inside.ok(&["plan", "block", "add", "02:30-04:00", "Call", "--meeting"]);
    let status = inside.ok(&["status"]);
    assert!(status.starts_with("meeting · until 04:00"), "{status}");
}

/// `kot ARGS` with extra environment variables.
fn run_with(kot: &TempKot, env: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Output {
    let mut c = kot.command();
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(args).output().expect("run kot")
}

/// Exit 1 with one `kot: …` line on stderr; that line.
#[track_caller]
fn one_error_line(out: &Output) -> String {
    let err = common::stderr(out);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(out));
    assert_eq!(err.lines().count(), 1, "{}", common::describe(out));
    assert!(err.starts_with("kot: "), "{}", common::describe(out));
    err.trim_end().to_string()
}

#[test]
fn a_time_scale_that_would_overflow_is_refused_with_the_range() {
    let kot = TempKot::new();
    for bad in ["1e300", "86401", "inf", "-1", "NaN"] {
        let out = run_with(&kot, &[("KOT_TIME_SCALE", bad.as_ref())], &["status"]);
        let line = one_error_line(&out);
        assert!(line.contains("KOT_TIME_SCALE"), "{line}");
        assert!(line.contains(bad), "{line}");
        assert!(line.contains("0 to 86400"), "{line}");
    }
    for good in ["0", "1e-300", "60", "86400"] {
        let out = run_with(&kot, &[("KOT_TIME_SCALE", good.as_ref())], &["status"]);
        assert!(out.status.success(), "{good}: {}", common::describe(&out));
    }
}

#[test]
fn a_time_scale_without_kot_now_is_checked_too() {
    let kot = TempKot::new();
    let mut c = kot.command();
    c.env_remove("KOT_NOW").env("KOT_TIME_SCALE", "1e300");
    let line = one_error_line(&c.arg("status").output().expect("run kot"));
    assert!(
        line.contains("KOT_TIME_SCALE") && line.contains("0 to 86400"),
        "{line}"
    );
    let mut c = kot.command();
    c.env_remove("KOT_NOW").env("KOT_TIME_SCALE", "60");
    let out = c.arg("status").output().expect("run kot");
    assert!(out.status.success(), "{}", common::describe(&out));
}

#[test]
fn a_clock_far_from_its_epoch_never_panics() {
    // The epoch in 1970 and a day per second puts the simulated clock millions of
    // years ahead: kot stops at the end of year 9999 instead of overflowing.
    let kot = TempKot::new();
    let env = [
        ("KOT_TIME_SCALE", "86400".as_ref()),
        ("KOT_EPOCH", "0".as_ref()),
    ];
    let out = run_with(&kot, &env, &["status"]);
    assert_ne!(out.status.code(), Some(101), "{}", common::describe(&out));
    assert!(!common::stderr(&out).contains("internal error"));
}

#[test]
fn a_kot_now_that_is_not_utf8_is_an_error_not_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let kot = TempKot::new();
    let bad = std::ffi::OsStr::from_bytes(b"2026-11-23T09:00\xff");
    let out = run_with(&kot, &[("KOT_NOW", bad)], &["status"]);
    let line = one_error_line(&out);
    assert!(line.contains("KOT_NOW"), "{line}");
    assert!(line.contains(r"2026-11-23T09:00\xFF"), "{line}");
}

/// A day file of 2026-11-23 with a task 1 and the counters given.
fn day_with_counters(next_task: u64, next_block: u64) -> String {
    format!(
        "schema = 1\ndate = \"2026-11-23\"\nnext_task = {next_task}\nnext_block = {next_block}\n\n\
         [[tasks]]\nid = 1\ntitle = \"first\"\n"
    )
}

#[test]
fn ids_never_repeat_past_the_top() {
    let kot = TempKot::new();
    kot.write_day(TODAY, day_with_counters(4_294_967_294, 1));
    // The last id there is.
    assert_eq!(
        kot.ok(&["plan", "add", "second"]),
        "Added task 4294967294: second\n"
    );
    let before = kot.day_text(TODAY);
    let line = kot.fail_one_line(&["plan", "add", "third"]);
    assert!(line.contains("task ids are used up"), "{line}");
    assert_eq!(
        kot.day_text(TODAY),
        before,
        "a refused add changed the file"
    );

    // A hand edit straight to the top, as the fault report did it.
    let edited = TempKot::new();
    edited.write_day(TODAY, day_with_counters(4_294_967_295, 1));
    let line = edited.fail_one_line(&["plan", "add", "second"]);
    assert!(line.contains("task ids are used up"), "{line}");
    assert!(!line.contains("first"), "{line}");
}

#[test]
fn a_task_id_at_the_top_in_the_file_stops_new_ids_too() {
    let kot = TempKot::new();
    let text = day_with_counters(2, 1).replace("id = 1\n", "id = 4294967295\n");
    kot.write_day(TODAY, text);
    let line = kot.fail_one_line(&["plan", "add", "second"]);
    assert!(line.contains("task ids are used up"), "{line}");
}

#[test]
fn block_ids_never_repeat_past_the_top() {
    let kot = TempKot::new();
    kot.write_day(TODAY, day_with_counters(2, 4_294_967_295));
    let line = kot.fail_one_line(&["plan", "block", "add", "10:00-10:30", "Call"]);
    assert!(line.contains("block ids are used up"), "{line}");
}

#[test]
fn duplicate_ids_in_a_hand_edited_file_are_reported_by_config_check() {
    let kot = TempKot::new();
    kot.ok(&["plan", "list"]);
    let text = "date = \"2026-11-23\"\n\n[[tasks]]\nid = 3\ntitle = \"a\"\n\n\
                [[tasks]]\nid = 3\ntitle = \"b\"\n\n[[tasks]]\nid = 4\ntitle = \"c\"\n\n\
                [[blocks]]\nid = 2\nspan = \"10:00-10:30\"\ntitle = \"x\"\n\n\
                [[blocks]]\nid = 2\nspan = \"11:00-11:30\"\ntitle = \"y\"\n";
    let path = kot.write_day(TODAY, text);
    let out = kot.cmd(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    let stdout = common::stdout(&out);
    let shown = path.display().to_string();
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&shown) && l.contains("task ids") && l.contains(": 3;")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&shown) && l.contains("block ids") && l.contains("b2")),
        "{stdout}"
    );
    assert!(!stdout.contains("no problems"), "{stdout}");
}

/// `config check` fails and names `path` as no directory.
#[track_caller]
fn check_names_not_a_directory(kot: &TempKot, path: &std::path::Path) {
    let out = kot.cmd(&["config", "check"]);
    let stdout = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    assert!(!stdout.contains("every day file is readable"), "{stdout}");
    let shown = format!("{}: not a directory", path.display());
    assert!(stdout.lines().any(|l| l.starts_with(&shown)), "{stdout}");
}

#[test]
fn config_check_reports_a_days_tree_that_is_a_file() {
    let kot = TempKot::new();
    kot.ok(&["plan", "list"]);
    let days = kot.root().join("days");
    let _ = fs::remove_dir_all(&days);
    fs::write(&days, "not a directory\n").unwrap();
    kot.fail(&["plan", "add", "x"]);
    check_names_not_a_directory(&kot, &days);
}

#[test]
fn config_check_reports_a_year_that_is_a_file() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "x", "--date", "2025-12-31"]);
    let year = kot.root().join("days").join("2026");
    fs::write(&year, "").unwrap();
    kot.fail(&["plan", "add", "x"]);
    check_names_not_a_directory(&kot, &year);
    // Other files in days/ are none of kot's business.
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "x"]);
    fs::write(kot.root().join("days").join("notes.txt"), "mine").unwrap();
    kot.ok(&["config", "check"]);
}

/// `journal/`, `journal/YYYY` and `weeks/` that are files are reported in the
/// words of what they hold; journal list and search say so rather than show
/// an empty journal.
#[test]
fn config_check_reports_journal_and_weeks_trees_that_are_files() {
    for rel in ["journal", "journal/2026", "weeks", "weeks/2026"] {
        let kot = TempKot::new();
        kot.ok(&["plan", "list"]);
        let path = kot.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_dir_all(&path);
        fs::write(&path, "in the way\n").unwrap();
        check_names_not_a_directory(&kot, &path);
        let out = common::stdout(&kot.cmd(&["config", "check"]));
        let kind = if rel.starts_with("journal") {
            "cannot keep journal entries there"
        } else {
            "cannot keep week notes there"
        };
        assert!(out.contains(kind), "{rel}: {out}");
        assert!(!out.contains("cannot keep days there"), "{rel}: {out}");
        if rel.starts_with("journal") {
            for args in [&["journal", "list"][..], &["journal", "search", "x"][..]] {
                let err = common::stderr(&kot.cmd(args));
                assert!(
                    err.contains(&format!("{}: not a directory", path.display())),
                    "{rel} {args:?}: {err}"
                );
            }
        }
    }
}

#[test]
fn the_tui_shows_duplicate_ids_in_its_banner() {
    use kot::core::day::Day;
    use kot::store::DayLoad;
    use kot::tui::app::App;
    let text = "date = \"2026-11-23\"\n[[tasks]]\nid = 3\ntitle = \"a\"\n\
                [[tasks]]\nid = 3\ntitle = \"b\"\n";
    let day: Day = toml::from_str(text).unwrap();
    let date = day.date;
    let app = App::new(
        kot::config::Config::default(),
        date,
        DayLoad::Ok(day.clone()),
        None,
    );
    let banner = app.banner.as_ref().expect("a banner");
    assert!(
        banner.error && banner.text.contains(": 3;"),
        "{}",
        banner.text
    );

    // A file that gains a duplicate while the TUI is open.
    let mut app = App::new(kot::config::Config::default(), date, DayLoad::Missing, None);
    assert!(app.banner.is_none());
    app.reloaded(DayLoad::Ok(day), None);
    assert!(app.banner.as_ref().is_some_and(|b| b.text.contains(": 3;")));
}

#[test]
fn a_day_starts_after_the_workday_start_does_not_file_monday_under_sunday() {
    let kot = TempKot::at("2026-11-23T08:30:00");
    kot.write_config("[workday]\nstart = \"08:00\"\nday_starts = \"09:30\"\n");
    let out = kot.cmd(&["plan", "add", "early"]);
    assert!(out.status.success(), "{}", common::describe(&out));
    assert!(
        kot.day_path(TODAY).exists(),
        "Monday's task not in Monday's file"
    );
    assert!(!kot.day_path("2026-11-22").exists());
}

#[test]
fn a_native_toml_date_in_a_day_file_is_accepted() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        "date = 2026-11-23\n\n[[tasks]]\nid = 1\ntitle = \"native\"\ncarried_to = 2026-11-24\nstatus = \"carried\"\n\n[[tasks]]\nid = 2\ntitle = \"open\"\n",
    );
    let list = kot.ok(&["plan", "list"]);
    assert!(list.contains("open"), "{list}");
    kot.ok(&["plan", "add", "more"]);
    kot.ok(&["config", "check"]);
}

#[test]
fn an_impossible_date_in_a_day_file_is_named_with_its_line() {
    let kot = TempKot::new();
    let path = kot.write_day(TODAY, "schema = 1\ndate = \"2026-02-30\"\n");
    let line = kot.fail_one_line(&["plan", "list"]);
    let at = format!("{}:2:", path.display());
    assert!(line.contains(&at), "{line}");
    assert!(line.contains("2026-02-30"), "{line}");

    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        "date = \"2026-11-23\"\n[[tasks]]\nid = 1\ntitle = \"x\"\ncarried_to = \"2026-13-01\"\n",
    );
    let line = kot.fail_one_line(&["plan", "list"]);
    assert!(line.contains("2026-13-01"), "{line}");
}

#[test]
fn a_day_file_of_another_date_is_reported_with_the_line_of_its_date() {
    let kot = TempKot::new();
    let path = kot.write_day(TODAY, "schema = 1\n\ndate = \"2026-11-24\"\n");
    let line = kot.fail_one_line(&["plan", "list"]);
    assert!(line.contains(&format!("{}:3:", path.display())), "{line}");
    let out = kot.cmd(&["config", "check"]);
    assert!(
        common::stdout(&out).contains(&format!("{}:3:", path.display())),
        "{}",
        common::describe(&out)
    );
}

#[test]
fn a_nan_in_a_day_file_does_not_make_a_no_op_rewrite_it() {
    let kot = TempKot::new();
    let text = "# my notes\ndate = \"2026-11-23\"\nmood = nan\n\n[[tasks]]\nid = 1\ntitle = \"x\"\nstatus = \"done\"\nweight = nan\n";
    kot.write_day(TODAY, text);
    kot.ok(&["plan", "done", "1"]);
    assert_eq!(kot.day_text(TODAY), text, "a no-op rewrote the file");
    // A real edit still writes, and keeps the values.
    kot.ok(&["plan", "add", "y"]);
    let day = kot.day_toml(TODAY);
    assert!(day["mood"].as_float().is_some_and(f64::is_nan));
}

#[test]
fn dropbox_and_nextcloud_conflict_copies_are_listed_and_never_read() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "real"]);
    let dir = kot.day_path(TODAY).parent().unwrap().to_path_buf();
    let ghost = "date = \"2026-11-23\"\n[[tasks]]\nid = 7\ntitle = \"ghost\"\n";
    let copies = [
        "2026-11-23 (Jan's conflicted copy 2026-11-23).toml",
        "2026-11-23 (conflicted copy 2026-11-23 101010).toml",
        "2026-11-23_conflict-20261123-101010.toml",
        "2026-11-23 (1).toml",
        "2026-11-23(2).toml",
    ];
    for c in copies {
        fs::write(dir.join(c), ghost).unwrap();
    }
    assert!(!kot.ok(&["plan", "list"]).contains("ghost"));
    let out = kot.cmd(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    let text = common::stdout(&out);
    for c in copies {
        let p = dir.join(c).display().to_string();
        assert!(
            text.lines()
                .any(|l| l.starts_with(&p) && l.contains("sync-conflict copy")),
            "{c} not listed:\n{text}"
        );
    }
}

#[test]
fn a_pause_past_the_workday_end_is_refused_with_the_end_named() {
    let kot = TempKot::at("2026-11-23T10:00:00");
    let line = kot.fail_one_line(&["pause", "24h"]);
    assert!(line.contains("17:30"), "{line}");
    let line = kot.fail_one_line(&["pause", "until", "18:00"]);
    assert!(line.contains("17:30"), "{line}");
    assert!(!kot.day_path(TODAY).exists() || !kot.day_text(TODAY).contains("paused_until"));
    // Up to the end is fine.
    let out = kot.ok(&["pause", "until", "17:30"]);
    assert!(out.contains("17:30"), "{out}");
}

#[test]
fn a_signed_date_argument_is_refused() {
    let kot = TempKot::new();
    for bad in ["+2026-11-23", "-2026-11-23", "2026-1-5", "02026-11-23"] {
        let arg = format!("--date={bad}");
        let line = kot.fail_one_line(&["plan", "list", &arg]);
        assert!(line.contains(bad), "{line}");
    }
    kot.ok(&["plan", "list", "--date", "2026-11-23"]);
}
