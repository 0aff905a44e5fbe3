//! The end of the day in the real `kot` TUI, where it rubbed: the ritual
//! opening by itself over something being typed, its keys (marking a task
//! keeps the cursor, every key in the footer), on the test clock in a
//! pseudo-terminal.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::path::Path;
use std::time::Duration;

use pty::{Kot, TODAY, day_toml};

const COLS: u16 = 100;
const ROWS: u16 = 32;
const TOMORROW: &str = "2026-11-24";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-shutdown-friction-")
        .tempdir()
        .unwrap()
}

/// Monday, checked in at 08:55 at home, with these open tasks (ids from 1);
/// no break falls due before the end, one own step.
fn monday(dir: &Path, open: &[&str]) {
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    let mut text = format!(
        "date = \"{TODAY}\"\nplace = \"home\"\nnext_task = {}\n\
         [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n",
        open.len() + 1
    );
    for (i, title) in open.iter().enumerate() {
        text.push_str(&format!("[[tasks]]\nid = {}\ntitle = \"{title}\"\n", i + 1));
    }
    fs::write(&day, text).unwrap();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
         [shutdown]\nsteps = [\"Close work apps\"]\n",
    )
    .unwrap();
}

fn status_of(day: &toml::Table, title: &str) -> String {
    day.get("tasks")
        .and_then(toml::Value::as_array)
        .unwrap()
        .iter()
        .find(|t| t.get("title").and_then(toml::Value::as_str) == Some(title))
        .unwrap_or_else(|| panic!("no task {title:?} in {day:#?}"))
        .get("status")
        .and_then(toml::Value::as_str)
        .unwrap_or("open")
        .to_string()
}

/// Walk the rest of the ritual from its first step with Enter.
fn walk(kot: &mut Kot) {
    kot.send(ENTER);
    kot.wait_for("Step 2 of 4");
    kot.send(ENTER);
    kot.wait_for("Step 3 of 4");
    kot.send(ENTER);
    kot.wait_for("Step 4 of 4");
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at");
}

/// Half a task title typed when the workday ends: the ritual waits for it,
/// and the task, saved, is carried like the others.
#[test]
fn a_task_typed_as_the_day_ends_is_carried_not_stranded() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, &["Mail"]);
    // 17:25 at 60×: the end (17:30) comes after five real seconds.
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T17:25:00"), ("KOT_TIME_SCALE", "60")],
    );
    kot.wait_for("End of the workday in");
    kot.send("a");
    kot.wait_for("New task");
    kot.send("Call Ja");
    kot.wait_for("Call Ja");
    kot.wait_long(Duration::from_secs(30), "the end of the workday", |s| {
        s.contains("Time to shut down")
    });
    let screen = kot.screen();
    assert!(
        !screen.contains("Shutdown ·") && screen.contains("Call Ja"),
        "the ritual waits for the title: {screen}"
    );
    kot.send("n");
    kot.send(ENTER);
    kot.wait_for("Shutdown ·");
    kot.wait_line(&["[to Tue 24 Nov]", "Mail"]);
    kot.wait_line(&["[to Tue 24 Nov]", "Call Jan"]);
    walk(&mut kot);
    assert_eq!(status_of(&day_toml(dir, TODAY), "Call Jan"), "carried");
    assert_eq!(status_of(&day_toml(dir, TOMORROW), "Call Jan"), "open");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// The journal's text being written when the workday ends: it stays on
/// screen until it is closed, then the ritual opens.
#[test]
fn the_journal_being_written_as_the_day_ends_is_not_hidden() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, &["Mail"]);
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T17:25:00"), ("KOT_TIME_SCALE", "60")],
    );
    kot.wait_for("End of the workday in");
    kot.send("2");
    kot.wait_for("Journal");
    kot.send(ENTER);
    kot.send("t");
    kot.send("Long day, good talk");
    kot.wait_for("good talk");
    kot.wait_long(Duration::from_secs(30), "the end of the workday", |s| {
        s.contains("Time to shut down")
    });
    let screen = kot.screen();
    assert!(
        !screen.contains("Shutdown ·") && screen.contains("good talk"),
        "the ritual waits for the journal: {screen}"
    );
    kot.send(ESC);
    kot.wait_for_all(&["Shutdown ·", "Step 1 of 4"]);
    walk(&mut kot);
    let journal = fs::read_to_string(dir.join("journal").join("2026").join(format!("{TODAY}.md")))
        .or_else(|_| {
            fs::read_to_string(
                dir.join("journal")
                    .join("2026")
                    .join(format!("{TODAY}.toml")),
            )
        })
        .unwrap();
    assert!(journal.contains("Long day, good talk"), "{journal}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// `d j o`: the task under the cursor is done, the next left open; the
/// cursor never jumps on by itself. Every key of the step is in the footer.
#[test]
fn marking_a_task_keeps_the_cursor_and_the_footer_shows_every_key() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, &["Mail", "Budget", "Slides"]);
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for("Tasks");
    kot.send("Q");
    kot.wait_for_all(&["Shutdown ·", "Step 1 of 4"]);
    kot.wait_line(&[
        "Enter next ·",
        "Esc back ·",
        "c carry ·",
        "d done ·",
        "r drop ·",
        "o leave open ·",
    ]);
    kot.send("d");
    kot.wait_line(&["› [done", "Mail"]);
    kot.send("j");
    kot.send("o");
    kot.wait_line(&["› [left open", "Budget"]);
    kot.wait_line(&["[to Tue 24 Nov]", "Slides"]);
    walk(&mut kot);
    let today = day_toml(dir, TODAY);
    assert_eq!(status_of(&today, "Mail"), "done");
    assert_eq!(status_of(&today, "Budget"), "open");
    assert_eq!(status_of(&today, "Slides"), "carried");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// The week step's "your week so far" counts today up to the moment the
/// ritual was taken up, as the shutdown's totals do: it opened by itself at
/// 17:30, the first key came at 17:38, and the glance said 8h30 while the
/// day was recorded with 8h38 (QA). Monday is the week's only work day
/// here, so its ritual has the week step.
#[test]
fn the_weeks_glance_counts_today_to_when_the_ritual_was_taken_up() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, &[]);
    fs::write(
        dir.join("config.toml"),
        "[workday]\ndays = [\"mon\"]\n[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
         [shutdown]\nsteps = [\"Close work apps\"]\n",
    )
    .unwrap();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-23T17:29:50"), ("KOT_TIME_SCALE", "60")],
    );
    kot.wait_long(Duration::from_secs(30), "the ritual at the end", |s| {
        s.contains("Shutdown ·")
    });
    kot.wait_long(Duration::from_secs(30), "17:38", |s| s.contains("· 17:38"));
    kot.send(ENTER);
    kot.wait_for("Step 2 of");
    kot.send(ENTER);
    let screen = kot.wait_for("Your week so far");
    let worked = screen
        .lines()
        .find_map(|l| l.split("Worked ").nth(1))
        .and_then(|w| w.split(' ').next())
        .unwrap_or_else(|| panic!("{screen}"))
        .to_string();
    let (h, m) = worked.split_once('h').unwrap();
    let minutes = h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap_or(0);
    assert!(minutes >= 8 * 60 + 38, "worked {worked} in:\n{screen}");
    kot.send("q");
}

/// The ritual's lists follow the day's file; the cursor follows its task: a
/// task moved meanwhile (`kot plan move`) does not leave the cursor on
/// another one, where the next key would act (QA: `t` on the wrong task).
#[test]
fn the_cursor_stays_on_its_task_when_the_list_changes() {
    let tmp = tempdir();
    let dir = tmp.path();
    monday(dir, &["Mail", "Budget", "Slides"]);
    let env = [("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")];
    let mut kot = Kot::spawn(dir, COLS, ROWS, &env);
    kot.wait_for("Tasks");
    kot.send("Q");
    kot.wait_for("Step 1 of 4");
    kot.send("j");
    kot.wait_line(&["› [to Tue 24 Nov]", "Budget"]);
    let out = pty::cli(dir, &["plan", "move", "2", "-1"], &env);
    assert!(out.status.success(), "{out:?}");
    // Budget is first now, and still under the cursor.
    let screen = kot.wait_until("Budget moved up", |s| {
        let budget = s.find("Budget");
        budget.is_some() && budget < s.find("Mail")
    });
    kot.wait_line(&["› [to Tue 24 Nov]", "Budget"]);
    assert!(!screen.contains("› [to Tue 24 Nov] Mail"), "{screen}");
    kot.send("q");
}
