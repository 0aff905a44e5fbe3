#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
//! `[agreements]` end to end: `kot agreements` prints them to share (text,
//! Markdown, Dutch), `kot config check` names a bad team meeting, and in the
//! real TUI a team meeting stands on Today's timeline on its weekday (not on
//! a day off) with a heads-up before it, and takes its time from the plan fit.

mod pty;

use std::fs;
use std::path::Path;

use pty::{Kot, TODAY, cli, has_line};

const AGREEMENTS: &str = "[agreements]\nreachable = \"09:00-17:00, chat first\"\n\
    response_time = \"within 4 hours\"\nreport = \"weekly update on *Friday*\"\n\
    meetings = [{ with = \"team\", at = \"mon 10:00\", minutes = 15, video = true },\n\
    { with = \"Lena\", at = \"tue,thu 14:00\" }]\n";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-agreements-")
        .tempdir()
        .unwrap()
}

fn write_config(dir: &Path, text: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("config.toml"), text).unwrap();
}

fn out(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let o = cli(dir, args, env);
    assert!(o.status.success(), "kot {args:?}: {o:?}");
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// A run's stdout and stderr together (`kot config check` writes to both).
fn all_output(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn kot_agreements_prints_them_to_share() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        &format!("[workday]\n[workday.fri]\nend = \"16:00\"\n{AGREEMENTS}"),
    );
    let (text, err) = out(dir, &["agreements"], &[]);
    assert_eq!(err, "");
    assert_eq!(
        text,
        "My working agreements\n\
         \x20 Working hours: Mon-Thu 09:00-17:30, Fri 09:00-16:00\n\
         \x20 Reachable:     09:00-17:00, chat first\n\
         \x20 Response time: within 4 hours\n\
         \x20 Reporting:     weekly update on *Friday*\n\
         Team meetings\n\
         \x20 Mon 10:00-10:15 · team (video)\n\
         \x20 Tue, Thu 14:00-14:30 · Lena\n"
    );
    let (md, _) = out(dir, &["agreements", "--format", "markdown"], &[]);
    assert!(md.starts_with("## My working agreements\n\n"), "{md}");
    assert!(
        md.contains("- **Reporting:** weekly update on \\*Friday\\*\n"),
        "{md}"
    );
    assert!(
        md.contains("### Team meetings\n\n- Mon 10:00-10:15 · team (video)\n"),
        "{md}"
    );
    let (nl, _) = out(dir, &["agreements"], &[("LANG", "nl_NL.UTF-8")]);
    assert!(nl.contains("Werktijden:"), "{nl}");
    assert!(
        nl.contains("Teamoverleg\n  ma 10:00-10:15 · team (video)"),
        "{nl}"
    );

    // Without [agreements]: the hours, and where to write the rest.
    let tmp = tempdir();
    let (text, _) = out(tmp.path(), &["agreements"], &[]);
    assert!(
        text.contains("Working hours: Mon-Fri 09:00-17:30"),
        "{text}"
    );
    assert!(text.contains("[agreements]"), "{text}");
}

#[test]
fn config_check_names_a_bad_team_meeting() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        "[agreements]\nmeetings = [{ with = \"team\", at = \"monday 9:30\" }, { with = \"x\", at = \"fri 10:00\", minutes = 0 }]\n",
    );
    let o = cli(dir, &["config", "check"], &[]);
    let all = all_output(&o);
    assert!(
        all.contains("agreements.meetings[1].at = \"monday 9:30\" is not allowed"),
        "{all}"
    );
    assert!(all.contains("\"mon 09:30\""), "{all}");
    assert!(all.contains("this team meeting is left out"), "{all}");
    assert!(all.contains("agreements.meetings[2].minutes = 0"), "{all}");
    assert!(all.contains("from 1 to 480"), "{all}");
}

/// Monday, checked in at 08:55: nothing else asks for a key.
fn checked_in(dir: &Path, place: &str) {
    let day = pty::day_path(dir, TODAY);
    fs::create_dir_all(day.parent().unwrap()).unwrap();
    fs::write(
        &day,
        format!(
            "date = \"{TODAY}\"\nplace = \"{place}\"\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn a_team_meeting_stands_on_todays_timeline_with_a_heads_up() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        &format!("[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n{AGREEMENTS}"),
    );
    checked_in(dir, "home");
    // 09:54 at 30×: the heads-up (5 minutes before 10:00) comes after two
    // real seconds.
    let kot = Kot::spawn(
        dir,
        100,
        30,
        &[("KOT_NOW", "2026-11-23T09:54:00"), ("KOT_TIME_SCALE", "30")],
    );
    let screen = kot.wait_line(&["10:00-10:15", "Meeting with team", "video", "agreed"]);
    assert!(!screen.contains("Lena"), "{screen}");
    kot.wait_for("At 10:00: Meeting with team");
    // The heads-up is logged by the meeting's name, not an internal number.
    kot.wait_until("the heads-up in the day file", |_| {
        fs::read_to_string(pty::day_path(dir, TODAY))
            .is_ok_and(|t| t.contains("heads_up_given = [\"team 10:00\"]"))
    });
    // The meeting itself was not written into the day file.
    let day = pty::day_toml(dir, TODAY);
    assert!(!day.contains_key("blocks"), "{day:?}");
}

/// A block's line says each fact once: "Meeting with Lena · agreed", not
/// "Meeting with Lena · meeting · agreed" (the title names the kind), on the
/// timeline and in `kot plan list` (whose heading already says agreed), for a
/// block of the day's own as well.
#[test]
fn a_meeting_named_a_meeting_is_not_called_one_again() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        "[agreements]\nmeetings = [{ with = \"Lena\", at = \"mon 14:00\" }]\n",
    );
    checked_in(dir, "home");
    out(
        dir,
        &[
            "plan",
            "block",
            "add",
            "11:00-11:30",
            "Weekly meeting",
            "--meeting",
        ],
        &[],
    );
    let (text, _) = out(dir, &["plan", "list"], &[]);
    assert!(text.contains("  Meeting with Lena\n"), "{text}");
    assert!(text.contains("  Weekly meeting\n"), "{text}");
    assert!(!text.contains("[meeting]"), "{text}");
    let kot = Kot::spawn(dir, 100, 30, &[("KOT_NOW", "2026-11-23T09:30:00")]);
    let screen = kot.wait_line(&["14:00-14:30", "Meeting with Lena · agreed"]);
    assert!(!screen.contains("· meeting"), "{screen}");
    assert!(
        has_line(&screen, &["11:00-11:30", "Weekly meeting"]),
        "{screen}"
    );
}

#[test]
fn no_team_meeting_on_a_day_off() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(dir, AGREEMENTS);
    checked_in(dir, "off");
    let kot = Kot::spawn(dir, 100, 30, &[("KOT_NOW", "2026-11-23T09:30:00")]);
    let screen = kot.wait_for("Day off: no work today");
    assert!(
        !has_line(&screen, &["10:00-10:15", "Meeting with team"]),
        "{screen}"
    );
}

/// A day told off ahead, or a holiday from the config: the check-in does
/// not open by itself.
#[test]
fn no_check_in_on_a_day_off_or_a_holiday() {
    for (config, place, says) in [
        ("", Some("off"), "Day off: no work today"),
        (
            "[workday]\nholidays = [\"2026-11-23\"]\n",
            None,
            "Holiday: no work today",
        ),
    ] {
        let tmp = tempdir();
        let dir = tmp.path();
        write_config(dir, config);
        if let Some(p) = place {
            let day = pty::day_path(dir, TODAY);
            fs::create_dir_all(day.parent().unwrap()).unwrap();
            fs::write(&day, format!("date = \"{TODAY}\"\nplace = \"{p}\"\n")).unwrap();
        }
        let kot = Kot::spawn(dir, 100, 30, &[("KOT_NOW", "2026-11-23T09:30:00")]);
        let screen = kot.wait_for(says);
        assert!(!screen.contains("Where do you work today?"), "{screen}");
    }
}

/// `kot plan list` names the day's team meetings apart from its own blocks
/// (they have no id: they live in the config), and none on another weekday.
#[test]
fn kot_plan_list_shows_the_days_team_meetings() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(dir, AGREEMENTS);
    let (text, _) = out(dir, &["plan", "list"], &[]);
    assert!(
        text.contains(
            "Team meetings (from [agreements])\n        10:00-10:15  Meeting with team  [video]\n"
        ),
        "{text}"
    );
    let (text, _) = out(dir, &["plan", "list", "--date", "2026-11-25"], &[]);
    assert!(!text.contains("Team meetings"), "{text}");
    let (json, _) = out(dir, &["plan", "list", "--json"], &[]);
    assert!(!json.contains("Meeting with team"), "{json}");
}

/// The plan-fit line under the tasks counts the agreed team meeting as
/// taken time, as it does the day's own meetings.
#[test]
fn the_plan_fit_leaves_out_the_team_meetings_time() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        &format!("[breaks]\nmicro_every_minutes = 0\n{AGREEMENTS}"),
    );
    checked_in(dir, "home");
    out(dir, &["plan", "add", "Write the report", "-e", "2h"], &[]);
    // 09:00-17:30 is 8h30; the 15 minutes with the team and the half hour
    // of lunch still to come (planned hours leave it out too) leave 7h45.
    let kot = Kot::spawn(dir, 120, 30, &[]);
    kot.wait_line(&["10:00-10:15", "Meeting with team"]);
    kot.wait_for("2h planned · 7h45 free");
}

/// "daily" reads as the hours do (`Mon-Fri`), and a meeting on a day that
/// is no work day is kept but said by `kot config check`: it would never show.
#[test]
fn daily_is_grouped_and_a_meeting_on_a_free_day_is_said() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_config(
        dir,
        "[agreements]\nmeetings = [{ with = \"team\", at = \"daily 09:15\" },\n\
         { with = \"club\", at = \"sat 10:00\" }]\n",
    );
    let o = cli(dir, &["agreements"], &[]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("  Mon-Fri 09:15-09:45 · team\n"), "{text}");
    let o = cli(dir, &["config", "check"], &[]);
    let all = all_output(&o);
    assert!(
        all.contains("agreements.meetings[2].at = \"sat 10:00\": Sat is no work day"),
        "{all}"
    );
    assert!(!all.contains("meetings[1]"), "{all}");
}
