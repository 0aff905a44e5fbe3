//! The Week screen and the ritual's week step end to end: the real `kot` in
//! a pseudo-terminal on a frozen test clock (Friday 27 November 2026, the
//! week's last work day, Europe/Brussels). `3` shows this week's rows, `[`
//! the week before (the header says which), `m` the month; the shutdown
//! asks whether last week's one thing happened and takes this week's, which
//! the week file on disk keeps and the check-in of the week's first work
//! day shows; in Dutch too;
//! and `kot shutdown --one-thing --happened` without a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod pty;

use std::fs;
use std::path::Path;

use pty::Kot;

const COLS: u16 = 100;
const ROWS: u16 = 32;
const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const FRIDAY: &str = "2026-11-27";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-week-tui-")
        .tempdir()
        .unwrap()
}

/// A work day at home, checked in, one task done (nothing left to carry).
fn worked(dir: &Path, date: &str, shut: bool) {
    let path = pty::day_path(dir, date);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let shutdown = if shut {
        format!("[shutdown]\nat = \"{date}T17:30:00+01:00\"\nworked_minutes = 460\n")
    } else {
        String::new()
    };
    fs::write(
        &path,
        format!(
            "date = \"{date}\"\nplace = \"home\"\nnext_task = 2\n\
             [checkin]\nat = \"{date}T08:55:00+01:00\"\nfeeling = 4\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n{shutdown}"
        ),
    )
    .unwrap();
}

/// The week up to Friday, last week's days, and last week's one thing.
fn fixture(dir: &Path) {
    for d in 16..=20 {
        worked(dir, &format!("2026-11-{d}"), true);
    }
    for d in 23..=26 {
        worked(dir, &format!("2026-11-{d}"), true);
    }
    worked(dir, FRIDAY, false);
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
         [shutdown]\nsteps = [\"Close work apps\"]\n",
    )
    .unwrap();
    let w47 = dir.join("weeks").join("2026").join("2026-W47.toml");
    fs::create_dir_all(w47.parent().unwrap()).unwrap();
    fs::write(
        &w47,
        "schema = 1\none_thing = \"Lunch away from the desk\"\nmine = \"kept\"\n",
    )
    .unwrap();
}

fn week_toml(dir: &Path, week: &str) -> toml::Table {
    let path = dir
        .join("weeks")
        .join("2026")
        .join(format!("2026-{week}.toml"));
    fs::read_to_string(path).unwrap().parse().unwrap()
}

fn at(time: &str) -> String {
    format!("{FRIDAY}T{time}:00")
}

#[track_caller]
fn wait_today(kot: &Kot) {
    kot.wait_until("the Today screen", |s| {
        kot.row(-1).starts_with("a ") && !s.contains("Good morning")
    });
}

#[test]
fn three_shows_the_week_brackets_move_and_m_shows_the_month() {
    let tmp = tempdir();
    fixture(tmp.path());
    let mut kot = Kot::spawn(
        tmp.path(),
        COLS,
        ROWS,
        &[("KOT_NOW", &at("16:00")), ("KOT_TIME_SCALE", "0")],
    );
    wait_today(&kot);
    kot.send("3");
    kot.wait_for("week 48 · 23–29 Nov 2026 · this week");
    kot.wait_line(&["Monday    23", "7h40/8h", "⌂ home"]);
    // Today so far: from 09:00, the start (the check-in at 08:55 is earlier).
    kot.wait_line(&["Friday    27", "7h/8h"]);
    kot.wait_for("This week's one thing: Lunch away from the desk");
    kot.send("[");
    kot.wait_for("week 47 · 16–22 Nov 2026 · last week");
    kot.wait_line(&["Monday    16", "7h40/8h"]);
    kot.send("m");
    kot.wait_for("November 2026 · this month");
    kot.wait_line(&["W47 16–22", "38h20/40h"]);
    kot.send("m");
    kot.send(".");
    kot.wait_for("week 48 · 23–29 Nov 2026 · this week");
    kot.send("1");
    wait_today(&kot);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

#[test]
fn the_shutdown_on_fridays_asks_about_the_week_and_keeps_the_answers() {
    let tmp = tempdir();
    let dir = tmp.path();
    fixture(dir);
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", &at("17:25")), ("KOT_TIME_SCALE", "0")],
    );
    wait_today(&kot);
    kot.send("Q");
    kot.wait_for_all(&["Shutdown · Friday 27 November 2026", "Step 1 of 5"]);
    kot.send(ENTER);
    kot.wait_for("Step 2 of 5");
    kot.send(ENTER);
    kot.wait_for_all(&[
        "Step 3 of 5",
        "Your week so far",
        "Last week's one thing to change: Lunch away from the desk",
        "Did it happen?",
    ]);
    // Four days of 7h40 and today's 8h25 so far (the start, 09:00, to
    // 17:25: the check-in at 08:55 was before it).
    kot.wait_line(&["Worked 39h05 of 40h"]);
    kot.send("y");
    kot.wait_for_all(&["✓ it happened", "One thing to change, from now on"]);
    kot.send("A walk at noon");
    kot.wait_for("A walk at noon▏");
    kot.send(ENTER);
    kot.wait_for_all(&["Step 4 of 5", "Evening check-in"]);
    kot.send(ENTER);
    kot.wait_for("Step 5 of 5");
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at 17:25");
    let w48 = week_toml(dir, "W48");
    assert_eq!(
        w48["one_thing"].as_str(),
        Some("A walk at noon"),
        "{w48:#?}"
    );
    assert_eq!(w48["schema"].as_integer(), Some(1));
    let w47 = week_toml(dir, "W47");
    assert_eq!(w47["happened"].as_bool(), Some(true), "{w47:#?}");
    assert_eq!(
        w47["one_thing"].as_str(),
        Some("Lunch away from the desk"),
        "kept"
    );
    assert_eq!(w47["mine"].as_str(), Some("kept"), "unknown keys survive");
    // The Week screen says both.
    kot.send(ENTER);
    kot.send("3");
    kot.wait_for_all(&[
        "This week's one thing: Lunch away from the desk  ✓ it happened",
        "Chosen for next week: A walk at noon",
    ]);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);

    // Monday's check-in shows the week's one thing, as a line.
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-30T08:50:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for_all(&[
        "Where do you work today?",
        "This week's one thing: A walk at noon",
    ]);
    kot.send(ESC);
    kot.wait_for_all(&[
        "How do you feel today?",
        "This week's one thing: A walk at noon",
    ]);
}

#[test]
fn in_dutch_j_answers_and_esc_keeps_what_was_recorded() {
    let tmp = tempdir();
    let dir = tmp.path();
    fixture(dir);
    let w48 = dir.join("weeks").join("2026").join("2026-W48.toml");
    fs::write(&w48, "one_thing = \"Om zes uur stoppen\"\n").unwrap();
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[
            ("KOT_NOW", &at("17:25")),
            ("KOT_TIME_SCALE", "0"),
            ("LANG", "nl_BE.UTF-8"),
        ],
    );
    kot.wait_until("Vandaag", |_| !kot.row(-1).is_empty());
    kot.send("3");
    kot.wait_for_all(&[
        "week 48 · 23–29 nov 2026 · deze week",
        "Het ene ding van deze week: Lunch away from the desk",
        "Gekozen voor volgende week: Om zes uur stoppen",
    ]);
    kot.send("1");
    kot.send("Q");
    kot.wait_for("Stap 1 van 5");
    kot.send(ENTER);
    kot.wait_for("Stap 2 van 5");
    kot.send(ENTER);
    kot.wait_for_all(&["Stap 3 van 5", "Is het gelukt?", "j ja"]);
    kot.send("j");
    kot.wait_for_all(&["✓ gelukt", "Om zes uur stoppen▏"]);
    // Esc skips the step: what was recorded stays.
    kot.send(ESC);
    kot.wait_for("Stap 4 van 5");
    // The answer given stands: the step is checked and says it.
    kot.wait_for("✓ De week · ✓ gelukt");
    kot.send(ENTER);
    kot.wait_for("Stap 5 van 5");
    kot.send(ENTER);
    kot.wait_for("Afgesloten om 17:25");
    assert_eq!(
        week_toml(dir, "W48")["one_thing"].as_str(),
        Some("Om zes uur stoppen")
    );
    assert_eq!(week_toml(dir, "W47")["happened"].as_bool(), Some(true));
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

#[test]
fn kot_shutdown_takes_the_week_step_as_flags() {
    let tmp = tempdir();
    let dir = tmp.path();
    fixture(dir);
    let out = pty::cli(
        dir,
        &[
            "shutdown",
            "--one-thing",
            "Close the laptop at six",
            "--happened",
            "no",
        ],
        &[("KOT_NOW", &at("17:35")), ("KOT_TIME_SCALE", "0")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("This week's one thing: Close the laptop at six"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Last week's one thing: it did not happen"),
        "{stdout}"
    );
    assert_eq!(
        week_toml(dir, "W48")["one_thing"].as_str(),
        Some("Close the laptop at six")
    );
    assert_eq!(week_toml(dir, "W47")["happened"].as_bool(), Some(false));
}

/// The week's one thing shows at the check-in of the week's first work day,
/// not only on calendar Mondays: Tuesday when Monday is a holiday, and for
/// someone whose week starts on Tuesday; not on a later day of the week.
#[test]
fn the_first_work_day_of_the_week_shows_the_one_thing() {
    let checkin_on = |config: &str, now: &str, shows: bool| {
        let tmp = tempdir();
        let dir = tmp.path();
        fs::write(dir.join("config.toml"), config).unwrap();
        let w48 = dir.join("weeks").join("2026").join("2026-W48.toml");
        fs::create_dir_all(w48.parent().unwrap()).unwrap();
        fs::write(&w48, "schema = 1\none_thing = \"A walk at noon\"\n").unwrap();
        let mut kot = Kot::spawn(
            dir,
            COLS,
            ROWS,
            &[("KOT_NOW", now), ("KOT_TIME_SCALE", "0")],
        );
        kot.wait_for("Where do you work today?");
        if shows {
            kot.wait_for("This week's one thing: A walk at noon");
        } else {
            assert!(
                !kot.screen().contains("This week's one thing"),
                "{config} {now}\n{}",
                kot.screen()
            );
        }
        kot.send("q");
    };
    let holiday = "[workday]\nholidays = [\"2026-11-30\"]\n";
    checkin_on(holiday, "2026-12-01T08:50:00", true);
    checkin_on(holiday, "2026-12-02T08:50:00", false);
    let from_tuesday = "[workday]\ndays = [\"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\n";
    checkin_on(from_tuesday, "2026-12-01T08:50:00", true);
    checkin_on(from_tuesday, "2026-12-05T08:50:00", false);
}

/// This week's note does not read: the week step names it and takes no one
/// thing (last week's answer still goes in), the shutdown is recorded, the
/// Week screen says so and shows the week; the file is never written over.
#[test]
fn an_unreadable_week_note_is_named_and_the_rest_goes_on() {
    let tmp = tempdir();
    let dir = tmp.path();
    fixture(dir);
    let w48 = dir.join("weeks").join("2026").join("2026-W48.toml");
    let bad = "schema = 1\none_thing = \"unclosed\n";
    fs::write(&w48, bad).unwrap();
    let mut kot = Kot::spawn(
        dir,
        140,
        ROWS,
        &[("KOT_NOW", &at("17:25")), ("KOT_TIME_SCALE", "0")],
    );
    wait_today(&kot);
    kot.send("Q");
    kot.wait_for("Step 1 of 5");
    kot.send(ENTER);
    kot.wait_for("Step 2 of 5");
    kot.send(ENTER);
    kot.wait_for_all(&[
        "Step 3 of 5",
        "2026-W48.toml:2: cannot read this",
        "Did it happen?",
    ]);
    kot.send("y");
    kot.wait_for("✓ it happened");
    assert!(
        !kot.screen().contains("One thing to change, from now on"),
        "{}",
        kot.screen()
    );
    kot.send("s");
    kot.wait_for("Step 4 of 5");
    kot.send(ENTER);
    kot.wait_for("Step 5 of 5");
    kot.send(ENTER);
    kot.wait_for("Shutdown complete at 17:25");
    assert_eq!(week_toml(dir, "W47")["happened"].as_bool(), Some(true));
    assert_eq!(fs::read_to_string(&w48).unwrap(), bad, "never written over");
    kot.send(ENTER);
    kot.send("3");
    kot.wait_for_all(&[
        "week 48 · 23–29 Nov 2026 · this week",
        "kot config check says why",
    ]);
    kot.wait_line(&["Monday", "23", "7h40/8h"]);
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&w48).unwrap(), bad);
}
