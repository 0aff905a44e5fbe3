//! `kot report` end to end: a generated week of day and journal files in a
//! temp `KOT_DIR`, reported as text, Markdown and JSON (read back with
//! serde_json and checked figure by figure), in Dutch, with a corrupt day
//! file among them, and for a period with nothing in it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod common;

use common::{TempKot, describe, stderr, stdout, write_file};
use serde_json::Value;

/// Week 47 of 2026, Monday to Friday (the test clock's today is the Monday
/// after): what each day's files say.
fn write_week(kot: &TempKot) {
    // Monday: at home, lunch, two breaks and a skipped one, a video stand-up,
    // shutdown 10 minutes after 17:30 (on time), a task done; no conversation.
    kot.write_day(
        "2026-11-16",
        r#"
date = "2026-11-16"
place = "home"
[checkin]
at = "2026-11-16T09:00:00+01:00"
feeling = 4
[[tasks]]
id = 1
title = "Ship the quarterly report"
status = "done"
[[tasks]]
id = 2
title = "Still open"
[[blocks]]
id = 1
span = "10:00-10:30"
title = "Stand-up"
kind = "meeting"
video = true
[[breaks]]
kind = "short"
outcome = "taken"
start = "2026-11-16T10:40:00+01:00"
end = "2026-11-16T10:45:00+01:00"
[[breaks]]
kind = "lunch"
outcome = "taken"
counted = "lunch"
start = "2026-11-16T12:00:00+01:00"
end = "2026-11-16T12:30:00+01:00"
[[breaks]]
kind = "short"
outcome = "taken"
start = "2026-11-16T14:40:00+01:00"
end = "2026-11-16T14:45:00+01:00"
[[breaks]]
kind = "long"
outcome = "skipped"
start = "2026-11-16T15:40:00+01:00"
end = "2026-11-16T15:40:00+01:00"
[shutdown]
at = "2026-11-16T17:40:00+01:00"
worked_minutes = 480
overtime_minutes = 10
"#,
    );
    journal(
        kot,
        "2026-11-16",
        "mood = 4\nenergy = 3\nrelatedness = 2\nno_contact = true\n",
    );
    // Tuesday: at the office, no lunch, an hour's meeting, late shutdown.
    kot.write_day(
        "2026-11-17",
        r#"
schema = 2
place = "office"
[[blocks]]
id = 1
span = "11:00-12:00"
title = "Planning"
kind = "meeting"
[[breaks]]
kind = "short"
outcome = "taken"
start = "2026-11-17T10:40:00+01:00"
end = "2026-11-17T10:45:00+01:00"
[[breaks]]
kind = "short"
outcome = "ignored"
start = "2026-11-17T15:00:00+01:00"
end = "2026-11-17T15:00:00+01:00"
[shutdown]
at = "2026-11-17T18:30:00+01:00"
worked_minutes = 540
overtime_minutes = 60
"#,
    );
    journal(
        kot,
        "2026-11-17",
        "mood = 2\n[[contacts]]\nwho = \"Lena\"\nhow = \"call\"\n",
    );
    // Wednesday: at home from 09:00, the coach ran, no shutdown: missed.
    kot.write_day(
        "2026-11-18",
        "place = \"home\"\n[checkin]\nat = \"2026-11-18T09:00:00+01:00\"\n\
         [coach]\nseen_at = \"2026-11-18T17:00:00+01:00\"\n",
    );
    journal(kot, "2026-11-18", "no_contact = true\n");
    // Thursday: sick.
    kot.write_day("2026-11-19", "place = \"sick\"\n");
    // Friday: at home, lunch, on time; a title with controls and Markdown.
    kot.write_day(
        "2026-11-20",
        r#"
place = "home"
[[tasks]]
id = 1
title = "Fix *it* # now \u001b]0;PWNED\u0007"
status = "done"
[[breaks]]
kind = "lunch"
outcome = "taken"
counted = "lunch"
start = "2026-11-20T12:15:00+01:00"
end = "2026-11-20T12:45:00+01:00"
[shutdown]
at = "2026-11-20T17:30:00+01:00"
worked_minutes = 450
"#,
    );
    journal(kot, "2026-11-20", "mood = 3\nno_contact = true\n");
}

fn journal(kot: &TempKot, date: &str, text: &str) {
    let path = kot
        .root()
        .join("journal")
        .join(&date[..4])
        .join(format!("{date}.toml"));
    write_file(&path, text.as_bytes());
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

const LAST_WEEK: &[&str] = &["report", "--week", "--date", "2026-11-18"];

#[test]
fn the_json_week_holds_every_figure_exactly() {
    let kot = TempKot::new();
    write_week(&kot);
    let mut args = LAST_WEEK.to_vec();
    args.extend(["--format", "json"]);
    let r = json(&kot.ok(&args));
    assert_eq!(r["schema"], 1);
    assert_eq!(r["period"], "week");
    assert_eq!(r["first"], "2026-11-16");
    assert_eq!(r["last"], "2026-11-22");
    let t = &r["totals"];
    let expect = [
        ("worked_minutes", 480 + 540 + 450),
        ("planned_minutes", 4 * 480), // Thursday sick; 09:00-17:30 less lunch
        ("overtime_minutes", 70),
        ("meeting_minutes", 90),
        ("video_minutes", 30),
        ("breaks_taken", 3),
        ("breaks_skipped", 1),
        ("breaks_ignored", 1),
        ("lunches", 2),
        ("work_days_without_lunch", 2), // Tuesday, and Wednesday's coach ran
        ("shutdowns_on_time", 2),
        ("shutdowns_late", 1),
        ("shutdowns_missed", 1),
        ("home_days", 3),
        ("office_days", 1),
        ("off_days", 0),
        ("sick_days", 1),
        ("holiday_days", 0),
        ("tasks_done", 2),
    ];
    for (k, v) in expect {
        assert_eq!(t[k], v, "totals.{k} in {t:#}");
    }
    assert_eq!(t.as_object().unwrap().len(), expect.len());
    // Friday and Wednesday without, Tuesday with a conversation between them.
    assert_eq!(r["days_without_contact"], 2);
    assert_eq!(r["needs"]["weeks"], serde_json::json!(["2026-11-16"]));
    assert_eq!(r["needs"]["mood"], serde_json::json!([3.0]));
    assert_eq!(r["needs"]["relatedness"], serde_json::json!([2.0]));
    assert_eq!(r["needs"]["autonomy"], serde_json::json!([null]));
    let days = r["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let mon = &days[0];
    assert_eq!(mon["date"], "2026-11-16");
    assert_eq!(mon["kind"], "work");
    assert_eq!(mon["place"], "home");
    assert_eq!(mon["shutdown"], "on-time");
    assert_eq!(mon["lunch"], true);
    assert_eq!(mon["feeling"], 4);
    assert_eq!(mon["contact"], "none");
    assert_eq!(
        mon["tasks_done"],
        serde_json::json!(["Ship the quarterly report"])
    );
    assert_eq!(days[1]["shutdown"], "late");
    assert_eq!(days[1]["contact"], "known");
    assert_eq!(days[2]["shutdown"], "missed");
    assert_eq!(days[2]["worked_minutes"], Value::Null);
    assert_eq!(days[3]["kind"], "sick");
    assert_eq!(days[5]["kind"], "free");
    // Titles exactly as written, controls and all.
    assert_eq!(
        days[4]["tasks_done"][0],
        "Fix *it* # now \u{1b}]0;PWNED\u{7}"
    );
}

#[test]
fn team_meetings_count_on_the_work_days_they_applied() {
    let kot = TempKot::new();
    write_week(&kot);
    // Every day at 10:00: Monday's own stand-up at that time hides it,
    // Thursday is sick and the weekend free, so Tuesday, Wednesday and Friday
    // count a quarter of an hour on video each.
    kot.write_config(
        "[agreements]\nmeetings = [{ with = \"team\", at = \"daily 10:00\", \
         minutes = 15, video = true }]\n",
    );
    let mut args = LAST_WEEK.to_vec();
    args.extend(["--format", "json"]);
    let r = json(&kot.ok(&args));
    assert_eq!(r["totals"]["meeting_minutes"], 90 + 45);
    assert_eq!(r["totals"]["video_minutes"], 30 + 45);
    let minutes: Vec<_> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["meeting_minutes"].as_u64().unwrap())
        .collect();
    assert_eq!(minutes, [30, 75, 15, 0, 15, 0, 0]);
    // Agreed meetings alone are not a record of the days, nor meetings on
    // work days nobody recorded.
    let r = json(&kot.ok(&["report", "--date", "2026-10-05", "--format", "json"]));
    assert_eq!(r["totals"]["meeting_minutes"], 0);
    let text = kot.ok(&["report", "--month", "--date", "2026-10-05"]);
    assert_eq!(
        text,
        "October 2026\n\nNothing was recorded in this period.\n"
    );
}

#[test]
fn the_text_week_in_english_and_dutch() {
    let kot = TempKot::new();
    write_week(&kot);
    let text = kot.ok(LAST_WEEK);
    assert!(
        text.starts_with("Week 47: 2026-11-16 to 2026-11-22\n"),
        "{text}"
    );
    for line in [
        "24h30 of 32h planned",
        "1h10",
        "3 taken, 1 skipped, 1 ignored",
        "on 2 days; 2 work days without",
        "2 on time, 1 late, 1 missed",
        "1h30, of which 30m on video",
        "3 at home, 1 at the office, 0 off, 1 sick, 0 holiday",
        "2 days in a row",
        "Monday 2026-11-16",
        "    - Ship the quarterly report",
    ] {
        assert!(text.contains(line), "{line:?} missing in\n{text}");
    }
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(!text.contains("Still open"));

    let out = kot
        .command()
        .args(LAST_WEEK)
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let nl = stdout(&out);
    for line in [
        "Week 47: 2026-11-16 tot en met 2026-11-22",
        "24u30 van 32u gepland",
        "1u30, waarvan 30 min met video",
        "3 genomen, 1 overgeslagen, 1 genegeerd",
        "2 op tijd, 1 te laat, 1 vergeten",
        "3 thuis, 1 op kantoor",
        "2 dagen op rij",
        "Behoeften (weekgemiddelden)",
        "Wat ik gedaan heb",
        "maandag 2026-11-16",
    ] {
        assert!(
            nl.to_lowercase().contains(&line.to_lowercase()),
            "{line:?} missing in\n{nl}"
        );
    }
}

#[test]
fn the_markdown_week_starts_with_what_was_done() {
    let kot = TempKot::new();
    write_week(&kot);
    let mut args = LAST_WEEK.to_vec();
    args.extend(["--format", "markdown"]);
    let md = kot.ok(&args);
    assert!(
        md.starts_with("# Week 47: 2026-11-16 to 2026-11-22\n\n## What I did\n"),
        "{md}"
    );
    assert!(
        md.contains("### Monday 2026-11-16\n\n- Ship the quarterly report\n"),
        "{md}"
    );
    // Display-safe and no Markdown of its own.
    assert!(
        md.contains("- Fix \\*it\\* # now \\\\e\\]0;PWNED\\\\u{7}\n"),
        "{md:?}"
    );
    assert!(md.contains("- **Worked:** 24h30 of 32h planned\n"), "{md}");
    assert!(md.find("## What I did") < md.find("## In numbers"));
}

#[test]
fn a_corrupt_day_is_named_and_the_rest_reported() {
    let kot = TempKot::new();
    write_week(&kot);
    let bad = kot.write_day("2026-11-17", "place = \"home\"\nnot toml at all [[[\n");
    let mut args = LAST_WEEK.to_vec();
    args.extend(["--format", "json"]);
    let out = kot.cmd(&args);
    assert!(out.status.success(), "{}", describe(&out));
    let err = stderr(&out);
    assert!(err.contains(&bad.display().to_string()), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let r = json(&stdout(&out));
    // Tuesday counts as a day without files: no worked time, no shutdown.
    assert_eq!(r["totals"]["worked_minutes"], 480 + 450);
    assert_eq!(r["totals"]["shutdowns_late"], 0);
    assert_eq!(r["totals"]["office_days"], 0);
    assert_eq!(r["days"][1]["kind"], "work");
    assert_eq!(r["days"][1]["place"], Value::Null);
}

#[test]
fn an_empty_period_says_so() {
    let kot = TempKot::new();
    write_week(&kot);
    let text = kot.ok(&["report", "--month", "--date", "2026-10-05"]);
    assert_eq!(
        text,
        "October 2026\n\nNothing was recorded in this period.\n"
    );
    let r = json(&kot.ok(&[
        "report",
        "--year",
        "--date",
        "2025-06-01",
        "--format",
        "json",
    ]));
    assert_eq!(r["period"], "year");
    assert_eq!(r["first"], "2025-01-01");
    assert_eq!(r["last"], "2025-12-31");
    assert_eq!(r["days"].as_array().unwrap().len(), 365);
    assert_eq!(r["totals"]["worked_minutes"], 0);
    assert_eq!(r["needs"]["weeks"].as_array().unwrap().len(), 53);
    // A period still to come has no days yet.
    let r = json(&kot.ok(&[
        "report",
        "--week",
        "--date",
        "2027-03-01",
        "--format",
        "json",
    ]));
    assert_eq!(r["days"].as_array().unwrap().len(), 0);
    assert_eq!(r["totals"]["planned_minutes"], 0);
}

#[test]
fn month_and_year_hold_the_week_and_the_streak_reads_back_past_the_period() {
    let kot = TempKot::new();
    write_week(&kot);
    let get = |args: &[&str]| json(&kot.ok(args));
    let month = get(&[
        "report",
        "--month",
        "--date",
        "2026-11-18",
        "--format",
        "json",
    ]);
    let year = get(&["report", "--year", "--format", "json"]);
    let week = get(&["report", "--date", "2026-11-18", "--format", "json"]);
    assert_eq!(month["first"], "2026-11-01");
    assert_eq!(month["days"].as_array().unwrap().len(), 23, "up to today");
    assert_eq!(year["days"].as_array().unwrap().len(), 327, "up to today");
    for r in [&month, &year] {
        assert_eq!(
            r["totals"]["worked_minutes"],
            week["totals"]["worked_minutes"]
        );
        assert_eq!(r["totals"]["tasks_done"], 2);
    }
    // This week so far: today (Monday) has no journal yet, so the run is
    // counted up to yesterday, from files before the period.
    let now = get(&["report", "--format", "json"]);
    assert_eq!(now["first"], "2026-11-23");
    assert_eq!(now["days_without_contact"], 2);
}

#[test]
fn one_period_at_a_time() {
    let kot = TempKot::new();
    let out = kot.cmd(&["report", "--week", "--year"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

#[test]
fn today_counts_its_work_so_far() {
    // Friday 27 November at 16:40: checked in at 09:00, half an hour's lunch.
    let kot = TempKot::at("2026-11-27T16:40:00+01:00");
    kot.write_day(
        "2026-11-27",
        r#"
place = "home"
[checkin]
at = "2026-11-27T09:00:00+01:00"
feeling = 4
[[breaks]]
kind = "lunch"
outcome = "taken"
counted = "lunch"
start = "2026-11-27T12:00:00+01:00"
end = "2026-11-27T12:30:00+01:00"
"#,
    );
    let r = json(&kot.ok(&["report", "--format", "json"]));
    let days = r["days"].as_array().unwrap();
    let today = days.iter().find(|d| d["date"] == "2026-11-27").unwrap();
    assert_eq!(today["worked_minutes"], 7 * 60 + 10, "{today}");
    assert_eq!(r["totals"]["worked_minutes"], 7 * 60 + 10);
}

#[test]
fn past_work_days_kot_never_saw_plan_nothing() {
    // Thursday 10 December; kot was used on Tuesday the 1st only, and a
    // CLI shutdown with nothing worked was told for Wednesday the 2nd.
    let kot = TempKot::at("2026-12-10T08:00:00+01:00");
    kot.write_day(
        "2026-12-01",
        "place = \"home\"\n[checkin]\nat = \"2026-12-01T09:00:00+01:00\"\n\
         [shutdown]\nat = \"2026-12-01T17:30:00+01:00\"\nworked_minutes = 450\n",
    );
    kot.write_day(
        "2026-12-02",
        "[shutdown]\nat = \"2026-12-02T17:30:00+01:00\"\nworked_minutes = 0\n",
    );
    let r = json(&kot.ok(&["report", "--month", "--format", "json"]));
    // The 1st, the 2nd and today; not the five other work days before it.
    assert_eq!(r["totals"]["planned_minutes"], 3 * 480, "{:#}", r["totals"]);
    // The 1st ran through the lunch window without one; the 2nd's shutdown
    // alone says nothing of lunch.
    assert_eq!(r["totals"]["work_days_without_lunch"], 1);
    // The needs' trend stops at this week: no dots for weeks to come.
    assert_eq!(
        r["needs"]["weeks"],
        serde_json::json!(["2026-11-30", "2026-12-07"])
    );
    journal(&kot, "2026-12-01", "mood = 3\n");
    journal(&kot, "2026-12-08", "mood = 3\n");
    let text = kot.ok(&["report", "--month"]);
    assert!(text.contains("mood         ▄▄ 3.0\n"), "{text}");
    let year = json(&kot.ok(&["report", "--year", "--format", "json"]));
    assert_eq!(year["totals"]["planned_minutes"], 3 * 480);
}

#[test]
fn one_day_is_one_day_in_english_and_dutch() {
    // The 1st ran through the lunch window without one, the 2nd had lunch.
    let kot = TempKot::at("2026-12-10T08:00:00+01:00");
    kot.write_day(
        "2026-12-01",
        "place = \"home\"\n[checkin]\nat = \"2026-12-01T09:00:00+01:00\"\n\
         [shutdown]\nat = \"2026-12-01T17:30:00+01:00\"\nworked_minutes = 450\n",
    );
    kot.write_day(
        "2026-12-02",
        r#"
place = "home"
[[breaks]]
kind = "lunch"
outcome = "taken"
counted = "lunch"
start = "2026-12-02T12:15:00+01:00"
end = "2026-12-02T12:45:00+01:00"
"#,
    );
    let args = ["report", "--month"];
    let text = kot.ok(&args);
    assert!(text.contains("on 1 day; 1 work day without"), "{text}");
    let out = kot
        .command()
        .args(args)
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    let nl = stdout(&out);
    assert!(nl.contains("op 1 dag; 1 werkdag zonder"), "{nl}");
}

/// The status line and the report count a day's breaks by one rule: lunch
/// taken is lunch, not a break; a lunch prompt nobody answered is an ignored
/// break in both (it once vanished from every weekly view, while the status
/// tooltip counted the lunch taken as a break).
#[test]
fn the_status_line_and_the_report_count_breaks_alike() {
    let kot = TempKot::at("2026-11-23T18:00:00");
    kot.write_day(
        "2026-11-23",
        r#"
schema = 2
date = "2026-11-23"
place = "home"
[checkin]
at = "2026-11-23T09:00:00+01:00"
[[breaks]]
kind = "short"
outcome = "taken"
start = "2026-11-23T10:00:00+01:00"
end = "2026-11-23T10:10:00+01:00"
[[breaks]]
kind = "lunch"
outcome = "ignored"
start = "2026-11-23T12:00:00+01:00"
end = "2026-11-23T12:20:00+01:00"
[[breaks]]
kind = "lunch"
outcome = "taken"
start = "2026-11-23T12:30:00+01:00"
end = "2026-11-23T13:00:00+01:00"
[[breaks]]
kind = "short"
outcome = "skipped"
start = "2026-11-23T15:00:00+01:00"
end = "2026-11-23T15:00:00+01:00"
"#,
    );
    let status = json(&kot.ok(&["status", "--json"]));
    let tip = status["tooltip"].as_str().unwrap();
    assert!(
        tip.contains("Breaks today: 1 taken, 1 skipped, 1 ignored"),
        "{tip}"
    );
    let r = json(&kot.ok(&["report", "--date", "2026-11-23", "--format", "json"]));
    let t = &r["totals"];
    assert_eq!(
        (
            &t["breaks_taken"],
            &t["breaks_skipped"],
            &t["breaks_ignored"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(1)),
        "{t}"
    );
    assert_eq!(t["lunches"], 1, "{t}");
}

/// Today counts the meetings of its work so far: at 08:57, before any
/// meeting, the day's own 10:00 and 10:30 calls are not two hours of
/// meetings yet; once they are behind, they count.
#[test]
fn todays_own_meetings_count_once_they_happened() {
    let day = r#"
schema = 1
date = "2026-11-23"
place = "home"
[checkin]
at = "2026-11-23T08:55:00+01:00"
[[blocks]]
id = 1
span = "10:00-10:30"
title = "Standup"
kind = "meeting"
video = true
[[blocks]]
id = 2
span = "10:30-12:00"
title = "Planning"
kind = "meeting"
video = true
"#;
    let minutes = |now: &str| {
        let kot = TempKot::at(now);
        kot.write_day("2026-11-23", day);
        let r = json(&kot.ok(&["report", "--date", "2026-11-23", "--format", "json"]));
        r["totals"]["meeting_minutes"].clone()
    };
    assert_eq!(minutes("2026-11-23T08:57:00"), 0);
    assert_eq!(minutes("2026-11-23T10:15:00"), 30);
    assert_eq!(minutes("2026-11-23T12:30:00"), 120);
}

/// Meetings that overlap (a call running into the next) count the minutes
/// they share once, in the report as on the Week screen: 10:00-10:30 and
/// 10:30-11:00 on video and 10:45-11:15 in a room are 75 minutes, 60 on
/// video (QA saw 90).
#[test]
fn overlapping_meetings_count_their_shared_minutes_once() {
    let kot = TempKot::at("2026-11-23T12:00");
    kot.write_day(
        "2026-11-23",
        "date = \"2026-11-23\"\nplace = \"home\"\n\
         [checkin]\nat = \"2026-11-23T08:55:00+01:00\"\n\
         [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"Standup\"\nkind = \"meeting\"\nvideo = true\n\
         [[blocks]]\nid = 2\nspan = \"10:30-11:00\"\ntitle = \"1:1 Lena\"\nkind = \"meeting\"\nvideo = true\n\
         [[blocks]]\nid = 3\nspan = \"10:45-11:15\"\ntitle = \"Overlap\"\nkind = \"meeting\"\n",
    );
    let r = json(&kot.ok(&["report", "--format", "json"]));
    assert_eq!(r["days"][0]["meeting_minutes"], 75, "{r}");
    assert_eq!(r["days"][0]["video_minutes"], 60, "{r}");
}
