//! The day's record tells the truth on screen (issue 17): the real binary in
//! a pseudo-terminal at a fixed clock, Monday 2026-11-23 (Europe/Brussels),
//! a work day 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::path::Path;

use pty::{Kot, TODAY};

const TOMORROW: &str = "2026-11-24";

fn write_day(dir: &Path, date: &str, body: &str) {
    let path = pty::day_path(dir, date);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("date = \"{date}\"\n{body}")).unwrap();
}

fn temp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-day-record-")
        .tempdir()
        .unwrap()
}

/// `kot` at local time `hm` today, the clock standing still.
fn spawn_at(dir: &Path, hm: &str) -> Kot {
    Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", &format!("{TODAY}T{hm}:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    )
}

/// `]` shows Tuesday: its Top 3 box lists Tuesday's top tasks, never
/// Monday's (it once counted Tuesday's but listed today's).
#[test]
fn another_days_today_shows_its_own_top_3() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\nnext_task = 2\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Monday's big one\"\ntop = true\n"
        ),
    );
    write_day(
        dir,
        TOMORROW,
        "next_task = 3\n[[tasks]]\nid = 1\ntitle = \"Tuesday's top\"\ntop = true\n\
         [[tasks]]\nid = 2\ntitle = \"Tuesday's other\"\n",
    );
    let mut kot = spawn_at(dir, "10:00");
    kot.wait_for("Monday's big one");
    kot.send("]");
    kot.wait_for("tomorrow ·");
    let screen = kot.wait_for("Tuesday's other");
    assert!(
        !screen.contains("Monday's big one"),
        "Monday's top task on Tuesday:\n{screen}"
    );
    assert_eq!(
        screen.matches("Tuesday's top").count(),
        2,
        "in the Top 3 and in the list:\n{screen}"
    );
}

fn write_journal(dir: &Path, date: &str, body: &str) {
    let path = dir
        .join("journal")
        .join(&date[..4])
        .join(format!("{date}.toml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, body).unwrap();
}

/// Three work days without a real conversation, then one today: the Week
/// screen and `kot report` both say the streak is over (the screen once went
/// on counting to yesterday whenever today's streak was 0).
#[test]
fn a_conversation_today_ends_the_streak_on_the_week_screen_as_in_the_report() {
    let tmp = temp();
    let dir = tmp.path();
    let thursday = "2026-11-26";
    for date in ["2026-11-23", "2026-11-24", "2026-11-25", thursday] {
        write_day(
            dir,
            date,
            &format!("place = \"home\"\n[checkin]\nat = \"{date}T08:55:00+01:00\"\n"),
        );
    }
    for date in ["2026-11-23", "2026-11-24", "2026-11-25"] {
        write_journal(dir, date, "no_contact = true\n");
    }
    let env = [("KOT_NOW", "2026-11-26T18:00:00"), ("KOT_TIME_SCALE", "0")];
    // Before today's is told, the streak runs to yesterday.
    let mut kot = Kot::spawn(dir, 120, 40, &env);
    kot.wait_for("Thursday 26 November");
    kot.send("3");
    kot.wait_for("3 days in a row without a real conversation");
    kot.send("q");
    kot.wait_exit();
    let out = pty::cli(dir, &["contact", "Lena", "--how", "call"], &env);
    assert!(out.status.success(), "{out:?}");
    let report = pty::cli(dir, &["report", "--week", "--format", "json"], &env);
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(json["days_without_contact"], 0, "{json:#}");
    let mut kot = Kot::spawn(dir, 120, 40, &env);
    kot.wait_for("Thursday 26 November");
    kot.send("3");
    let screen = kot.wait_for("A real conversation lately");
    assert!(!screen.contains("without a real conversation."), "{screen}");
}

/// With nothing on record about conversations (no journal at all), the Week
/// screen makes no claim: it once said "A real conversation lately".
#[test]
fn no_conversation_on_record_is_no_claim_on_the_week_screen() {
    let tmp = temp();
    let dir = tmp.path();
    for date in ["2026-11-23", "2026-11-24"] {
        write_day(
            dir,
            date,
            &format!("place = \"home\"\n[checkin]\nat = \"{date}T08:55:00+01:00\"\n"),
        );
    }
    let env = [("KOT_NOW", "2026-11-24T18:00:00"), ("KOT_TIME_SCALE", "0")];
    let mut kot = Kot::spawn(dir, 120, 40, &env);
    kot.wait_for("Tuesday 24 November");
    kot.send("3");
    let screen = kot.wait_for("No conversations noted yet");
    assert!(!screen.contains("A real conversation lately"), "{screen}");
    kot.send("q");
    kot.wait_exit();
}

const FRIDAY: &str = "2026-11-20";

/// Whether a day's task of this title is a top task.
fn is_top(dir: &Path, date: &str, title: &str) -> bool {
    let day = pty::day_toml(dir, date);
    day["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str() == Some(title))
        .and_then(|t| t.get("top"))
        .and_then(toml::Value::as_bool)
        .unwrap_or(false)
}

/// Friday's top task, left open, is carried to Monday a top task still
/// (pre-chosen in the shutdown's top 3). Monday's check-in names Friday's
/// shutdown only while the top 3 is the one picked there: a top task added
/// with `kot plan add --top` makes it Monday's own.
#[test]
fn the_check_in_names_the_shutdown_only_for_the_top_3_it_picked() {
    for added in [false, true] {
        let tmp = temp();
        let dir = tmp.path();
        write_day(
            dir,
            FRIDAY,
            &format!(
                "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{FRIDAY}T08:55:00+01:00\"\n\
                 [[tasks]]\nid = 1\ntitle = \"Report\"\ntop = true\n\
                 [[tasks]]\nid = 2\ntitle = \"Mail\"\n"
            ),
        );
        let friday = [("KOT_NOW", "2026-11-20T17:30:00"), ("KOT_TIME_SCALE", "0")];
        let out = pty::cli(dir, &["shutdown", "--carry", "all"], &friday);
        assert!(out.status.success(), "{out:?}");
        assert!(
            is_top(dir, TODAY, "Report"),
            "{:#?}",
            pty::day_toml(dir, TODAY)
        );
        assert!(!is_top(dir, TODAY, "Mail"));
        if added {
            let monday = [("KOT_NOW", "2026-11-23T08:00:00")];
            let out = pty::cli(dir, &["plan", "add", "--top", "Extra"], &monday);
            assert!(out.status.success(), "{out:?}");
        }
        let mut kot = spawn_at(dir, "08:50");
        kot.wait_for("Where do you work today?");
        kot.send("\x1b");
        kot.wait_for("How do you feel today?");
        kot.send("\x1b");
        if added {
            let screen = kot.wait_for("Pick today's top 3 (2/3 chosen)");
            assert!(!screen.contains("picked at"), "{screen}");
        } else {
            kot.wait_for("Your top 3, picked at the shutdown on Friday (1/3)");
        }
    }
}

/// The line of `screen` that starts with `start`.
fn line_of<'a>(screen: &'a str, start: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?} in\n{screen}"))
}

/// Today's Week row after the shutdown: the plan not worked is not "still to
/// come" (┄), and the agreed 09:15 team call, six hours before the day
/// began at 15:15, is no meeting of the day.
#[test]
fn todays_week_row_after_the_shutdown_holds_what_happened() {
    let tmp = temp();
    let dir = tmp.path();
    std::fs::write(
        dir.join("config.toml"),
        "[agreements]\nmeetings = [{ with = \"team\", at = \"mon 9:15\", minutes = 15 }]\n",
    )
    .unwrap();
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\n[checkin]\nat = \"{TODAY}T15:15:00+01:00\"\n\
             [shutdown]\nat = \"{TODAY}T17:30:00+01:00\"\nworked_minutes = 135\n\
             overtime_minutes = 0\n"
        ),
    );
    let mut kot = spawn_at(dir, "18:00");
    kot.wait_for("Off since 17:30");
    kot.send("3");
    let screen = kot.wait_for("Monday    23");
    let row = line_of(&screen, "Monday    23");
    assert!(row.contains("2h15/8h"), "{row}");
    assert!(
        !row.contains('┄'),
        "the day is over, nothing to come:\n{screen}"
    );
    assert!(
        !row.contains("15m"),
        "the 09:15 call was before the day:\n{screen}"
    );
}

/// The minutes of the `HH:MM` the header shows (`kot · Monday … · 18:31`).
fn header_minutes(screen: &str) -> Option<u32> {
    let first = screen.lines().next()?;
    let hm = first.split(" · ").nth(2)?.trim();
    let (h, m) = hm.split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.get(..2)?.parse::<u32>().ok()?)
}

/// No break before the end (nothing else asks for a key), one step of your
/// own; Monday checked in at 08:55 with two open tasks, Report and Mail.
fn ritual_day(dir: &std::path::Path) {
    std::fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
         [shutdown]\nsteps = [\"Close work apps\"]\n",
    )
    .unwrap();
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\n[[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    );
}

/// At 17:30 the ritual opens by itself; the user keeps working (a task
/// added at 17:50, one done at 18:20, from the command line) and walks the
/// ritual from 18:30. Its lists follow the day's file as Today does, and the
/// shutdown is the moment the user took it up, not the moment it opened: the
/// overtime is counted.
#[test]
fn a_ritual_that_opened_by_itself_shuts_down_when_taken_up() {
    let tmp = temp();
    let dir = tmp.path();
    ritual_day(dir);
    // 17:29 at 600×: ten minutes a second.
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", "2026-11-23T17:29:00"),
            ("KOT_TIME_SCALE", "600"),
        ],
    );
    kot.wait_for_all(&["Shutdown · Monday 23 November 2026", "Step 1 of 4"]);
    pty::cli_at(dir, &format!("{TODAY}T17:50"), &["plan", "add", "Budget"]);
    pty::cli_at(dir, &format!("{TODAY}T18:20"), &["plan", "done", "1"]);
    // The lists follow the file: Report is a win, Budget is to decide.
    kot.wait_line(&["[to Tue 24 Nov]", "Budget"]);
    kot.wait_for_all(&["Done today:", "✓ Report"]);
    assert!(
        !kot.contains("Nothing marked done today"),
        "{}",
        kot.screen()
    );
    kot.wait_long(
        std::time::Duration::from_secs(30),
        "the clock past 18:30",
        |s| header_minutes(s).is_some_and(|m| m >= 18 * 60 + 30),
    );
    kot.send("\r");
    kot.wait_for("Step 2 of 4");
    kot.send("\r");
    kot.wait_for("Step 3 of 4");
    kot.send("\r");
    kot.wait_for("Step 4 of 4");
    kot.send("\r");
    let screen = kot.wait_for("Shutdown complete at");
    assert!(!screen.contains("Shutdown complete at 17:3"), "{screen}");
    let day = pty::day_toml(dir, TODAY);
    let shutdown = day["shutdown"].as_table().unwrap();
    let stamp = shutdown["at"].as_str().unwrap();
    assert!(stamp >= "2026-11-23T18:30", "{shutdown:#?}");
    assert!(
        shutdown["overtime_minutes"].as_integer().unwrap() >= 60,
        "{shutdown:#?}"
    );
}

/// A task ticked off on Today at 07:30, after a 07:00 check-in, is a sign
/// of work: the day's work starts then, not at 09:00 (nor at the check-in).
#[test]
fn a_task_done_on_today_before_the_start_starts_the_work() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{TODAY}T07:00:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\n[[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    );
    let mut kot = spawn_at(dir, "07:30");
    kot.wait_line(&["[ ]", "Report"]);
    kot.send("x");
    kot.wait_line(&["[x]", "Report"]);
    pty::wait_until(pty::deadline(), "the sign of work written", || {
        let day = pty::day_toml(dir, TODAY);
        let sign = day
            .get("coach")
            .and_then(|c| c.get("first_sign"))
            .and_then(toml::Value::as_str)
            .map(str::to_string);
        sign.filter(|s| s.starts_with("2026-11-23T07:30"))
            .ok_or_else(|| format!("{day:#?}"))
    });
    kot.send("q");
    kot.wait_exit();
    let env = [("KOT_NOW", "2026-11-23T17:30:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(dir, &["shutdown", "--carry", "all"], &env);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Worked 10h, overtime 0m."), "{out:?}");
}

/// The ritual opened by itself, taken up at once (a key at about 17:30), and
/// then left standing while work went on (a task done from the command
/// line): at its end it asks "You kept working after 17:3x: shut down now?",
/// and a yes records the shutdown then.
#[test]
fn a_ritual_taken_up_and_left_asks_before_it_shuts_down_earlier() {
    let tmp = temp();
    let dir = tmp.path();
    ritual_day(dir);
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", "2026-11-23T17:29:30"),
            ("KOT_TIME_SCALE", "120"),
        ],
    );
    kot.wait_for_all(&["Shutdown · Monday 23 November 2026", "Step 1 of 4"]);
    kot.send("\r");
    kot.wait_for("Step 2 of 4");
    let env = [("KOT_NOW", "2026-11-23T17:50:00"), ("KOT_TIME_SCALE", "0")];
    assert!(pty::cli(dir, &["plan", "done", "1"], &env).status.success());
    kot.send("\x7f");
    kot.wait_for_all(&["Step 1 of 4", "✓ Report"]);
    kot.wait_long(
        std::time::Duration::from_secs(60),
        "the clock past 17:45",
        |s| header_minutes(s).is_some_and(|m| m >= 17 * 60 + 45),
    );
    for step in ["Step 2 of 4", "Step 3 of 4", "Step 4 of 4"] {
        kot.send("\r");
        kot.wait_for(step);
    }
    kot.send("\r");
    kot.wait_for("You kept working after 17:3");
    kot.send("y");
    let screen = kot.wait_for("Shutdown complete at");
    assert!(!screen.contains("Shutdown complete at 17:3"), "{screen}");
    let day = pty::day_toml(dir, TODAY);
    let stamp = day["shutdown"]["at"].as_str().unwrap().to_string();
    assert!(stamp.as_str() >= "2026-11-23T17:45", "{stamp}");
}

/// Tuesday morning's check-in: it asks first when Monday stopped, with
/// kot's guess `guess` typed in; `typed` is typed over it (nothing: one key,
/// Enter, accepts it). The rest is accepted as it stands (place, feeling,
/// the carry step, the top 3), until Monday's file says `missed = true`; its
/// `[shutdown]` table then.
fn check_in_tuesday(dir: &Path, guess: &str, typed: &str) -> toml::Table {
    let mut kot = Kot::spawn(
        dir,
        120,
        40,
        &[
            ("KOT_NOW", &format!("{TOMORROW}T08:50:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    kot.wait_for_all(&[
        "When did you stop yesterday?",
        "Monday ended without a shutdown",
    ]);
    kot.wait_line(&["›", guess]);
    // Esc keeps the guess, and the footer says so (it said "Esc cancel").
    kot.wait_line(&["Enter record", "Esc keep guess"]);
    if !typed.is_empty() {
        kot.send(typed);
        kot.wait_line(&["›", typed]);
    }
    kot.send("\r");
    kot.wait_for("Where do you work today?");
    kot.send("\x1b");
    kot.wait_for("How do you feel today?");
    kot.send("\x1b");
    kot.wait_line(&["[carry]", "Mail"]);
    kot.send("\r");
    kot.wait_for("Pick today's top 3");
    kot.send("\r");
    kot.wait_until("missed = true in Monday's file", |_| {
        pty::day_toml(dir, TODAY)
            .get("shutdown")
            .and_then(|s| s.get("missed"))
            .and_then(toml::Value::as_bool)
            == Some(true)
    });
    kot.send("q");
    pty::day_toml(dir, TODAY)["shutdown"]
        .as_table()
        .unwrap()
        .clone()
}

fn minutes(shutdown: &toml::Table, key: &str) -> i64 {
    shutdown[key].as_integer().unwrap()
}

/// Monday checked in at 08:55 with no shutdown, a coach last seen at
/// `seen_at`, and two tasks: Report (done when `report_done`) and Mail.
fn missed_monday(dir: &Path, seen_at: &str, report_done: bool) {
    let status = if report_done {
        "\nstatus = \"done\""
    } else {
        ""
    };
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [coach]\nseen_at = \"{seen_at}\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"{status}\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    );
}

/// `kot watch` ran all night with nobody there (`seen_at` at 03:59): a
/// coach running is no evidence of work. The missed day ends at the planned
/// end at the latest: no overtime, no night of work.
#[test]
fn a_coach_running_all_night_is_no_night_of_work() {
    let tmp = temp();
    let dir = tmp.path();
    missed_monday(dir, &format!("{TOMORROW}T03:59:00+01:00"), true);
    let shutdown = check_in_tuesday(dir, "17:30", "");
    assert_eq!(minutes(&shutdown, "overtime_minutes"), 0, "{shutdown:#?}");
    assert_eq!(minutes(&shutdown, "worked_minutes"), 510, "{shutdown:#?}");
}

/// A sign of the user after the planned end says the work went on: a task
/// ticked off with `kot plan done` at 19:10, kot itself closed at 18:00.
/// The missed day ends at 19:10.
#[test]
fn a_sign_after_the_end_says_the_work_went_on() {
    let tmp = temp();
    let dir = tmp.path();
    missed_monday(dir, &format!("{TODAY}T18:00:00+01:00"), false);
    let out = pty::cli(
        dir,
        &["plan", "done", "1"],
        &[
            ("KOT_NOW", &format!("{TODAY}T19:10:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let shutdown = check_in_tuesday(dir, "19:10", "");
    assert_eq!(minutes(&shutdown, "overtime_minutes"), 100, "{shutdown:#?}");
}

/// The guess is only a guess: "When did you stop yesterday?" answered with
/// 19:45 over kot's 17:30 records the work up to 19:45.
#[test]
fn the_check_in_asks_when_the_missed_day_stopped() {
    let tmp = temp();
    let dir = tmp.path();
    missed_monday(dir, &format!("{TOMORROW}T01:00:00+01:00"), true);
    let shutdown = check_in_tuesday(dir, "17:30", "19:45");
    assert_eq!(minutes(&shutdown, "overtime_minutes"), 135, "{shutdown:#?}");
}

/// kot opened at 20:00 on a work day with no check-in (to write the journal):
/// no morning check-in opens by itself, Today opens on the evening view, and
/// nothing is recorded that would make the evening overtime or a missed
/// shutdown the next morning.
#[test]
fn kot_opened_in_the_evening_opens_on_the_evening() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        "next_task = 2\n[[tasks]]\nid = 1\ntitle = \"Report\"\n",
    );
    let mut kot = spawn_at(dir, "20:00");
    let screen = kot.wait_for_all(&[
        "Evening: no work recorded today",
        "No work recorded today",
        "w worked today after all?",
    ]);
    assert!(
        !screen.contains("Where do you work today?"),
        "the morning check-in opened by itself:\n{screen}"
    );
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    let day = pty::day_toml(dir, TODAY);
    assert!(day.get("checkin").is_none(), "{day:#?}");
    assert!(
        day.get("coach")
            .and_then(|c| c.get("lunch_skipped"))
            .is_none(),
        "no work, so no lunch skipped: {day:#?}"
    );
    let tuesday = pty::cli(
        dir,
        &["shutdown", "--status"],
        &[
            ("KOT_NOW", &format!("{TOMORROW}T08:50:00")),
            ("KOT_TIME_SCALE", "0"),
        ],
    );
    let said = String::from_utf8_lossy(&tuesday.stdout);
    assert!(!said.contains("was missed"), "{said}");
}

/// In the evening of a day with no check-in, `w` asks from when to when the
/// day was worked (the planned hours typed in; Esc: not worked) instead of
/// checking in at 20:00: Enter records the check-in at 09:00 and the
/// shutdown at 17:30, no overtime.
#[test]
fn worked_after_all_is_told_from_when_to_when() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        "next_task = 2\n[[tasks]]\nid = 1\ntitle = \"Report\"\n",
    );
    let mut kot = spawn_at(dir, "20:00");
    kot.wait_for("Evening: no work recorded today");
    kot.send("w");
    kot.wait_for("Worked today? From when to when (Esc: no)");
    kot.send("\x1b");
    kot.wait_gone("Worked today? From when to when");
    assert!(pty::day_toml(dir, TODAY).get("checkin").is_none());
    kot.send("w");
    kot.wait_for("Worked today? From when to when (Esc: no)");
    kot.wait_for("09:00-17:30");
    kot.send("\r");
    kot.wait_for("Recorded: worked 09:00–17:30");
    let day = pty::day_toml(dir, TODAY);
    let at = day["checkin"]["at"].as_str().unwrap();
    assert!(at.starts_with(&format!("{TODAY}T09:00")), "{day:#?}");
    let shutdown = day["shutdown"].as_table().unwrap();
    assert!(
        shutdown["at"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{TODAY}T17:30")),
        "{shutdown:#?}"
    );
    assert_eq!(minutes(shutdown, "overtime_minutes"), 0, "{shutdown:#?}");
    assert_eq!(minutes(shutdown, "worked_minutes"), 510, "{shutdown:#?}");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// A key in kot on Today past the planned end is a sign of the user: the
/// next morning's guess of when Monday stopped is that key (19:00), not the
/// planned end.
#[test]
fn a_key_in_kot_past_the_end_is_a_sign_of_work() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        &format!(
            "place = \"home\"\nnext_task = 3\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n\
             [[tasks]]\nid = 2\ntitle = \"Mail\"\n"
        ),
    );
    let mut kot = spawn_at(dir, "19:00");
    kot.wait_for("Mail");
    kot.send("j");
    kot.wait_until("[coach] last_sign in Monday's file", |_| {
        pty::day_toml(dir, TODAY)
            .get("coach")
            .and_then(|c| c.get("last_sign"))
            .is_some()
    });
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    let shutdown = check_in_tuesday(dir, "19:00", "");
    assert_eq!(minutes(&shutdown, "overtime_minutes"), 90, "{shutdown:#?}");
}
