//! Two weeks of a remote worker's days through the real binary (issue 17's
//! "done means"): check-ins at odd hours in the TUI, breaks and lunches from
//! the command line, a forgotten shutdown with `kot watch` running all night,
//! a day of unanswered prompts under `kot watch`, evening journaling, overtime
//! on purpose, a shutdown told afterwards, evening work, a corrected day.
//!
//! Every day's recorded start, end, worked and overtime minutes must be what
//! the script did (within a minute), and the status line, `kot day`, Today's
//! timeline, the Week screen and `kot report` must agree on every count of
//! every day.
//!
//! The figures (expected and recorded, per day) go to stderr:
//! `cargo test --test two_weeks -- --nocapture`.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use pty::{Kot, cli_command, wait_until};

/// How fast `kot watch` runs through a day: a simulated hour in three
/// real seconds.
const WATCH_SCALE: u32 = 1200;

/// What the script did on one work day, as the day's record must say it.
struct Expected {
    date: &'static str,
    /// When work began: the later of the check-in and the planned start, or
    /// the start told afterwards.
    start: &'static str,
    /// The day's end as recorded: the shutdown, or the time told at the next
    /// morning's "When did you stop?".
    end: &'static str,
    worked: i64,
    overtime: i64,
    /// `on-time`, `late` or `missed`.
    shutdown: &'static str,
    lunch: bool,
}

struct Sim {
    tmp: tempfile::TempDir,
}

impl Sim {
    fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// `kot ARGS` at `date`T`hm` on a stopped clock; must succeed.
    #[track_caller]
    fn cli(&self, date: &str, hm: &str, args: &[&str]) -> String {
        let now = format!("{date}T{hm}:00");
        let out = pty::cli(
            self.dir(),
            args,
            &[("KOT_NOW", &now), ("KOT_TIME_SCALE", "0")],
        );
        assert!(
            out.status.success(),
            "{now} kot {args:?}: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn tui(&self, date: &str, hm: &str) -> Kot {
        let now = format!("{date}T{hm}:00");
        Kot::spawn(
            self.dir(),
            120,
            35,
            &[("KOT_NOW", &now), ("KOT_TIME_SCALE", "0")],
        )
    }

    /// The morning check-in in the TUI: home, feeling 4, the top 3 as it
    /// stands; `stopped` answers "When did you stop?" (`None`: kot's guess,
    /// which must then be `guess`).
    #[track_caller]
    fn checkin(&self, date: &str, hm: &str, stopped: Option<&str>, guess: Option<&str>) {
        let mut kot = self.tui(date, hm);
        kot.wait_for("Good morning");
        let mut answered_stop = false;
        loop {
            let screen = kot.wait_until("a check-in step", |s| {
                !s.contains("Good morning") || s.contains("Step ")
            });
            if !screen.contains("Good morning") {
                break;
            }
            let step = step_line(&screen);
            if screen.contains("When did you stop") {
                assert!(!answered_stop, "asked twice when work stopped:\n{screen}");
                answered_stop = true;
                if let Some(g) = guess {
                    kot.wait_until(&format!("kot's guess {g}"), |s| {
                        s.lines().any(|l| l.contains(g) && !l.contains("workday"))
                    });
                }
                if let Some(t) = stopped {
                    kot.send("\x7f\x7f\x7f\x7f\x7f");
                    kot.send(t);
                }
                kot.send("\r");
            } else if screen.contains("Where do you work today?") {
                kot.send("h");
            } else if screen.contains("How do you feel today?") {
                kot.send("4");
            } else {
                kot.send("\r");
            }
            kot.wait_until("the next check-in step", |s| {
                !s.contains("Good morning") || step_line(s) != step
            });
        }
        assert_eq!(
            answered_stop,
            stopped.is_some() || guess.is_some(),
            "the question when work stopped"
        );
        kot.send("q");
        assert_eq!(kot.wait_exit(), 0);
    }

    /// `kot watch` from `date`T`from` until its clock has passed `until`
    /// (on `until_date`), nobody answering; then stopped as a logout would.
    fn watch(&self, date: &str, from: &str, until_date: &str, until: &str) {
        let epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        let now = format!("{date}T{from}:00");
        let scratch = tempfile::tempdir().unwrap();
        let mut c: Command = cli_command(
            self.dir(),
            &["watch"],
            &[
                ("KOT_NOW", &now),
                ("KOT_TIME_SCALE", &WATCH_SCALE.to_string()),
                ("KOT_EPOCH", &epoch.to_string()),
            ],
            scratch.path(),
        );
        let mut child: Child = c
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start kot watch");
        let minutes = minutes_between(date, from, until_date, until);
        let real = f64::from(minutes) * 60.0 / f64::from(WATCH_SCALE);
        let limit = std::time::Duration::from_secs_f64(real) + pty::deadline();
        wait_until(limit, format_args!("kot watch's clock at {until}"), || {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs_f64();
            (now - epoch) * f64::from(WATCH_SCALE) / 60.0 >= f64::from(minutes)
        });
        // And kot watch really ran that far: its heartbeat (`seen_at`, every
        // ten simulated minutes) in the day's file is within a beat of it.
        let until_min = minutes_between(date, "00:00", until_date, until);
        wait_until(
            pty::deadline(),
            format_args!("kot watch's seen_at near {until}"),
            || {
                let day = self.day(date);
                day.get("coach")
                    .and_then(|c| c.get("seen_at"))
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| {
                        let at = minutes_between(date, "00:00", &s[..10], &s[11..16]);
                        at + 12 >= until_min
                    })
            },
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "kot watch stopped by itself"
        );
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        let status = pty::exit_within(&mut child, pty::deadline()).expect("kot watch stops");
        assert!(status.success(), "kot watch on SIGTERM: {status}");
    }

    fn day(&self, date: &str) -> toml::Table {
        pty::day_toml(self.dir(), date)
    }

    /// `kot report --format json` for the week of `date`, asked on `asked`.
    fn report(&self, asked: &str, date: &str) -> serde_json::Value {
        let out = self.cli(
            asked,
            "12:00",
            &["report", "--date", date, "--format", "json"],
        );
        serde_json::from_str(&out).unwrap()
    }
}

fn step_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Step "))
        .unwrap_or_default()
        .to_string()
}

fn minutes_of(hm: &str) -> u32 {
    let (h, m) = hm.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

fn minutes_between(d1: &str, t1: &str, d2: &str, t2: &str) -> u32 {
    let days = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap()
            .signed_duration_since(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .num_days()
    };
    let a = days(d1) * 1440 + i64::from(minutes_of(t1));
    let b = days(d2) * 1440 + i64::from(minutes_of(t2));
    u32::try_from(b - a).unwrap()
}

fn int(t: &toml::Table, section: &str, key: &str) -> Option<i64> {
    t.get(section)?.as_table()?.get(key)?.as_integer()
}

/// "8h05" or "45m" as kot writes a duration, in minutes.
fn hm_minutes(s: &str) -> i64 {
    let s = s.trim();
    if let Some((h, m)) = s.split_once('h') {
        let m = m.trim_end_matches('m');
        h.parse::<i64>().unwrap() * 60
            + if m.is_empty() {
                0
            } else {
                m.parse::<i64>().unwrap()
            }
    } else {
        s.trim_end_matches('m').parse().unwrap()
    }
}

/// The whole two weeks; each day's script is written beside what it must
/// record.
#[test]
fn two_weeks_of_days_are_recorded_as_they_were_lived() {
    let sim = Sim {
        tmp: tempfile::Builder::new()
            .prefix("kot-two-weeks-")
            .tempdir()
            .unwrap(),
    };
    let mut expected: Vec<Expected> = Vec::new();

    // Monday: a check-in before the start, a break and a lunch from the
    // command line, a task done, the shutdown five minutes late (on time).
    let d = "2026-11-23";
    sim.checkin(d, "08:50", None, None);
    sim.cli(d, "09:40", &["plan", "add", "Write report", "--top"]);
    sim.cli(d, "10:30", &["break", "start"]);
    sim.cli(d, "10:42", &["break", "end"]);
    sim.cli(d, "12:30", &["break", "start", "--lunch"]);
    sim.cli(d, "13:05", &["break", "end"]);
    sim.cli(d, "15:00", &["plan", "done", "1"]);
    sim.cli(d, "17:35", &["shutdown"]);
    // 09:00-17:35, less 12 and 35 minutes of breaks.
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:35",
        worked: 515 - 12 - 35,
        overtime: 5,
        shutdown: "on-time",
        lunch: true,
    });

    // Tuesday: a 07:00 check-in at breakfast is no work; a long day on
    // purpose (`kot end 19:00`), lunch told afterwards.
    let d = "2026-11-24";
    sim.checkin(d, "07:00", None, None);
    sim.cli(d, "13:00", &["break", "add", "12:00-12:45", "--lunch"]);
    sim.cli(d, "16:00", &["end", "19:00"]);
    sim.cli(d, "19:10", &["shutdown"]);
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "19:10",
        worked: 610 - 45,
        overtime: 100,
        shutdown: "on-time",
        lunch: true,
    });

    // Wednesday: the last sign of work at 17:50, then `kot watch` left
    // running all night with no shutdown; the next morning's guess is 17:50.
    let d = "2026-11-25";
    sim.checkin(d, "09:05", None, None);
    sim.cli(d, "09:10", &["plan", "add", "Review PR"]);
    sim.cli(d, "12:30", &["break", "start", "--lunch"]);
    sim.cli(d, "13:00", &["break", "end"]);
    sim.cli(d, "17:50", &["plan", "done", "1"]);
    sim.watch(d, "17:55", "2026-11-26", "03:50");
    expected.push(Expected {
        date: d,
        start: "09:05",
        end: "17:50",
        worked: 525 - 30,
        overtime: 20,
        shutdown: "missed",
        lunch: true,
    });

    // Thursday: no lunch, the shutdown told afterwards, kot opened in the
    // evening to write the journal (no work, no check-in).
    let d = "2026-11-26";
    sim.checkin(d, "08:45", None, Some("17:50"));
    sim.cli(d, "17:45", &["shutdown", "--at", "17:30"]);
    let mut kot = sim.tui(d, "20:00");
    kot.wait_for("Off since 17:30");
    assert!(!kot.screen().contains("Good morning"), "{}", kot.screen());
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    sim.cli(d, "20:05", &["journal", "A quiet evening"]);
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:30",
        worked: 510,
        overtime: 0,
        shutdown: "on-time",
        lunch: false,
    });

    // Friday: an early shutdown, then evening work told afterwards.
    let d = "2026-11-27";
    sim.checkin(d, "09:00", None, None);
    sim.cli(d, "13:10", &["break", "add", "12:30-13:00", "--lunch"]);
    sim.cli(d, "17:20", &["shutdown"]);
    sim.cli(d, "21:05", &["work", "--at", "20:10", "--until", "21:00"]);
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:20",
        worked: 500 - 30 + 50,
        overtime: 50,
        shutdown: "on-time",
        lunch: true,
    });

    // The weekend: kot's status is off work.
    let status = sim.cli("2026-11-28", "11:00", &["status", "--json"]);
    assert!(status.contains("\"class\":\"off\""), "{status}");

    // Monday: a shutdown on time, then corrected: started 08:30, ended 18:00.
    let d = "2026-11-30";
    sim.checkin(d, "09:00", None, None);
    sim.cli(d, "13:10", &["break", "add", "12:30-13:00", "--lunch"]);
    sim.cli(d, "17:30", &["shutdown"]);
    sim.cli(
        d,
        "18:30",
        &["day", "--date", d, "--start", "08:30", "--end", "18:00"],
    );
    expected.push(Expected {
        date: d,
        start: "08:30",
        end: "18:00",
        worked: 570 - 30,
        overtime: 30,
        shutdown: "on-time",
        lunch: true,
    });

    // Tuesday: a late start at 10:15.
    let d = "2026-12-01";
    sim.checkin(d, "10:15", None, None);
    sim.cli(d, "13:10", &["break", "add", "12:30-13:00", "--lunch"]);
    sim.cli(d, "17:30", &["shutdown"]);
    expected.push(Expected {
        date: d,
        start: "10:15",
        end: "17:30",
        worked: 435 - 30,
        overtime: 0,
        shutdown: "on-time",
        lunch: true,
    });

    // Wednesday: `kot watch` coaches all day and nobody answers a prompt;
    // no shutdown. The next morning kot guesses the planned end (a coach
    // running is no evidence of work) and the user says 17:40.
    let d = "2026-12-02";
    sim.checkin(d, "09:00", None, None);
    sim.watch(d, "09:01", d, "17:45");
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:40",
        worked: 520,
        overtime: 10,
        shutdown: "missed",
        lunch: false,
    });

    // Thursday: evening work started and stopped from the command line.
    let d = "2026-12-03";
    sim.checkin(d, "08:55", Some("17:40"), Some("17:30"));
    sim.cli(d, "13:10", &["break", "add", "12:30-13:00", "--lunch"]);
    sim.cli(d, "17:30", &["shutdown"]);
    sim.cli(d, "20:00", &["work"]);
    sim.cli(d, "20:40", &["shutdown"]);
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:30",
        worked: 510 - 30 + 40,
        overtime: 40,
        shutdown: "on-time",
        lunch: true,
    });

    // Friday: a break skipped, one taken, lunch, a quarter past the end.
    let d = "2026-12-04";
    sim.checkin(d, "09:00", None, None);
    sim.cli(d, "09:55", &["break", "skip"]);
    sim.cli(d, "11:00", &["break", "start"]);
    sim.cli(d, "11:10", &["break", "end"]);
    sim.cli(d, "12:00", &["break", "start", "--lunch"]);
    sim.cli(d, "12:30", &["break", "end"]);
    sim.cli(d, "17:45", &["shutdown"]);
    expected.push(Expected {
        date: d,
        start: "09:00",
        end: "17:45",
        worked: 525 - 10 - 30,
        overtime: 15,
        shutdown: "on-time",
        lunch: true,
    });

    check(&sim, &expected);
}

/// The records against the script, and every view against the others.
fn check(sim: &Sim, expected: &[Expected]) {
    let weeks = [("2026-11-23", "2026-11-29"), ("2026-11-30", "2026-12-06")];
    let mut reports = Vec::new();
    for (monday, sunday) in weeks {
        reports.push((monday, sunday, sim.report("2026-12-07", monday)));
    }
    let report_day = |date: &str| -> serde_json::Value {
        reports
            .iter()
            .flat_map(|(_, _, r)| r["days"].as_array().unwrap().iter())
            .find(|d| d["date"] == date)
            .unwrap_or_else(|| panic!("{date} in the report"))
            .clone()
    };
    let mut failures = Vec::new();
    eprintln!("date        end    worked  (want)  overtime (want)  shutdown  breaks t/s/i  lunch");
    for e in expected {
        let day = sim.day(e.date);
        let worked = int(&day, "shutdown", "worked_minutes");
        let overtime = int(&day, "shutdown", "overtime_minutes");
        let r = report_day(e.date);
        let breaks = (
            r["breaks_taken"].as_i64().unwrap(),
            r["breaks_skipped"].as_i64().unwrap(),
            r["breaks_ignored"].as_i64().unwrap(),
        );
        eprintln!(
            "{}  {}  {:>6}  ({:>4})  {:>8} ({:>4})  {:>8}  {}/{}/{}  {}",
            e.date,
            e.end,
            worked.map_or("-".into(), |w| w.to_string()),
            e.worked,
            overtime.map_or("-".into(), |w| w.to_string()),
            e.overtime,
            r["shutdown"].as_str().unwrap_or("-"),
            breaks.0,
            breaks.1,
            breaks.2,
            r["lunch"]
        );
        let near = |got: Option<i64>, want: i64| got.is_some_and(|g| (g - want).abs() <= 1);
        if !near(worked, e.worked) {
            failures.push(format!(
                "{}: worked {worked:?}, the script worked {}",
                e.date, e.worked
            ));
        }
        if !near(overtime, e.overtime) {
            failures.push(format!(
                "{}: overtime {overtime:?}, the script did {}",
                e.date, e.overtime
            ));
        }
        if r["worked_minutes"].as_i64() != worked || r["overtime_minutes"].as_i64() != overtime {
            failures.push(format!("{}: the report says {r} against the file", e.date));
        }
        if r["shutdown"].as_str() != Some(e.shutdown) {
            failures.push(format!(
                "{}: shutdown {} want {}",
                e.date, r["shutdown"], e.shutdown
            ));
        }
        if r["lunch"].as_bool() != Some(e.lunch) {
            failures.push(format!("{}: lunch {} want {}", e.date, r["lunch"], e.lunch));
        }
        // `kot day`: the recorded start and end, and the same counts.
        let record: serde_json::Value = serde_json::from_str(&sim.cli(
            "2026-12-07",
            "12:00",
            &["day", "--date", e.date, "--json"],
        ))
        .unwrap();
        if record["start"] != e.start || record["end"] != e.end {
            failures.push(format!(
                "{}: kot day says {}-{}, the script worked {}-{}",
                e.date, record["start"], record["end"], e.start, e.end
            ));
        }
        if (
            record["worked_minutes"].as_i64(),
            record["overtime_minutes"].as_i64(),
        ) != (worked, overtime)
            || (
                record["breaks_taken"].as_i64().unwrap(),
                record["breaks_skipped"].as_i64().unwrap(),
                record["breaks_ignored"].as_i64().unwrap(),
            ) != breaks
            || record["lunch"].is_string() != e.lunch
        {
            failures.push(format!("{}: kot day says {record}", e.date));
        }
        // The status line that evening, from the day's file as it is now.
        if e.shutdown != "missed" {
            let status = sim.cli(e.date, "23:30", &["status", "--json"]);
            let v: serde_json::Value = serde_json::from_str(&status).unwrap();
            let tip = v["tooltip"].as_str().unwrap().to_string();
            let want = format!(
                "Breaks today: {} taken, {} skipped, {} ignored",
                breaks.0, breaks.1, breaks.2
            );
            if !tip.contains(&want) {
                failures.push(format!("{}: status tooltip {tip:?} lacks {want:?}", e.date));
            }
            if let Some(w) = tip
                .lines()
                .find_map(|l| l.strip_prefix("Worked "))
                .and_then(|l| l.split_once(", overtime "))
            {
                let (w, o) = (hm_minutes(w.0), hm_minutes(w.1));
                if Some(w) != worked || Some(o) != overtime {
                    failures.push(format!("{}: status says {tip:?}", e.date));
                }
            } else {
                failures.push(format!("{}: no worked time in the status {tip:?}", e.date));
            }
        }
    }
    // The Week screen's rows against the report.
    for (monday, sunday, report) in &reports {
        let mut kot = sim.tui(sunday, "12:00");
        kot.wait_for("kot ·");
        kot.send("3");
        let screen = kot.wait_for("worked / planned");
        kot.send("q");
        assert_eq!(kot.wait_exit(), 0);
        for d in report["days"].as_array().unwrap() {
            if d["kind"] != "work" {
                continue;
            }
            let date = d["date"].as_str().unwrap();
            let dom = date[8..10].trim_start_matches('0').to_string();
            let row = screen
                .lines()
                .find(|l| l.split_whitespace().nth(1) == Some(dom.as_str()))
                .unwrap_or_else(|| panic!("{date}'s row on the Week screen ({monday}):\n{screen}"));
            let worked = d["worked_minutes"].as_i64().unwrap();
            let hm = if worked >= 60 && worked % 60 == 0 {
                format!("{}h/", worked / 60)
            } else if worked >= 60 {
                format!("{}h{:02}/", worked / 60, worked % 60)
            } else {
                format!("{worked}m/")
            };
            let breaks = format!(
                "{}/{}/{}",
                d["breaks_taken"], d["breaks_skipped"], d["breaks_ignored"]
            );
            let no_breaks = breaks == "0/0/0";
            if !row.contains(&hm) || (!no_breaks && !row.contains(&breaks)) {
                failures.push(format!(
                    "{date}: Week row {row:?} against the report {hm} {breaks}"
                ));
            }
        }
        let totals = &report["totals"];
        eprintln!(
            "week of {monday}: worked {} overtime {} breaks {}/{}/{} lunches {} shutdowns {}/{}/{}",
            totals["worked_minutes"],
            totals["overtime_minutes"],
            totals["breaks_taken"],
            totals["breaks_skipped"],
            totals["breaks_ignored"],
            totals["lunches"],
            totals["shutdowns_on_time"],
            totals["shutdowns_late"],
            totals["shutdowns_missed"]
        );
    }
    // Today's timeline of each day, browsed back from the Sunday after:
    // the breaks it draws are the ones counted.
    let mut kot = sim.tui("2026-12-06", "12:00");
    kot.wait_for("kot ·");
    let mut date = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    while date > first {
        date = date.pred_opt().unwrap();
        kot.send("[");
        let header = date.format("%A %-d %B %Y").to_string();
        let screen = kot.wait_until(&header, |s| {
            s.lines().next().is_some_and(|l| l.contains(&header))
        });
        let Some(e) = expected.iter().find(|e| e.date == date.to_string()) else {
            continue;
        };
        let drawn = timeline_counts(&screen);
        let r = report_day(e.date);
        let counted = (
            r["breaks_taken"].as_i64().unwrap(),
            r["breaks_skipped"].as_i64().unwrap(),
            r["breaks_ignored"].as_i64().unwrap(),
        );
        if drawn != counted {
            failures.push(format!(
                "{}: Today's timeline draws {drawn:?} breaks taken/skipped/ignored, the report counts {counted:?}:\n{screen}",
                e.date
            ));
        }
    }
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The breaks Today's timeline draws, as the one count counts them: lunch
/// apart (a lunch taken, a lunch skipped), an early lunch and time away as
/// breaks taken, every prompt ignored.
fn timeline_counts(screen: &str) -> (i64, i64, i64) {
    let (mut taken, mut skipped, mut ignored) = (0, 0, 0);
    for line in screen.lines() {
        if line.contains(" ignored") {
            ignored += 1;
        } else if line.contains(" skipped") {
            if !line.contains("lunch break skipped") {
                skipped += 1;
            }
        } else if line.contains(" ○ ") && !line.contains("○ lunch break") {
            taken += 1;
        }
    }
    (taken, skipped, ignored)
}
