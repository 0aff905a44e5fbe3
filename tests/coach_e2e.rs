//! End-to-end tests of the break coach: the real `kot` binary in a
//! pseudo-terminal (and `kot watch` with no terminal at all), on a simulated
//! clock that runs fast (`KOT_TIME_SCALE`), read back from the screen and from
//! the day file it writes. No D-Bus (the harness points both buses at nothing):
//! notifications fail, so kot falls back to the bell and the banner.
//!
//! Every wait polls with a deadline; nothing sleeps a fixed time.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use pty::{Kot, SimClock, TODAY, TZ, cli, day_path, day_toml, exit_within, hermetic, wait_until};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const ENTER: &str = "\r";

const CARD_DUE: &str = "Time for a short break (10 min)";
const CARD_OVER: &str = "Break over";
const FOCUS: &str = "focus · break in";
const AWAY: &str = "You were away 30 min: counted as your break";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-coach-e2e-")
        .tempdir()
        .expect("temp dir")
}

/// How long a wait may take when the simulated clock needs `at_least` of
/// real time to get there: that, plus the harness's deadline.
fn deadline_for(at_least: Duration) -> Duration {
    at_least + pty::deadline()
}

/// Today's file with a finished check-in at 08:55, so the first focus block
/// starts at 09:00 and the first break is due at 09:50.
fn write_checkin(dir: &Path) {
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n[checkin]\n\
             at = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n"
        ),
    )
    .unwrap();
}

/// `kot` in a 100×30 terminal at local time `now` on the clock running
/// `scale` times real time.
fn spawn(dir: &Path, now: &str, scale: &str) -> Kot {
    let now = format!("{TODAY}T{now}");
    Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", &now), ("KOT_TIME_SCALE", scale)],
    )
}

#[track_caller]
fn quit(kot: &mut Kot) {
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0, "kot should exit 0 on q");
}

/// Poll the screen until `ok` holds, for at most `limit`; panics with the
/// screen when it does not.
#[track_caller]
fn wait_long(kot: &Kot, what: &str, limit: Duration, ok: impl Fn(&str) -> bool) -> String {
    kot.wait_long(limit, what, ok)
}

/// The status line: the row under the header and the workday line.
fn status_line(kot: &Kot) -> String {
    kot.row(2)
}

/// Wait until the status line holds `needle`.
#[track_caller]
fn wait_status(kot: &Kot, needle: &str) -> String {
    wait_long(
        kot,
        &format!("the status line to show {needle:?}"),
        pty::deadline(),
        |_| status_line(kot).contains(needle),
    );
    status_line(kot)
}

/// The countdown on the break card (`9 min 58 s left`, Dutch
/// `nog 9 min 58 sec`), in seconds. Never clock-like digits (`09:58 left`
/// read as a time of day).
fn countdown(screen: &str) -> Option<u32> {
    screen.lines().find_map(|line| {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(4).find_map(|w| match w {
            [m, "min", s, "s" | "sec"] if s.len() == 2 => {
                Some(m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()?)
            }
            _ => None,
        })
    })
}

/// The clock in the header (` kot · Monday 23 November 2026 · 10:02`), as
/// minutes since midnight.
fn header_minutes(kot: &Kot) -> Option<u32> {
    let row = kot.row(0);
    let b = row.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let w = &b[i..i + 5];
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        if digits(&w[..2]) && w[2] == b':' && digits(&w[3..]) {
            let s = std::str::from_utf8(w).ok()?;
            Some(s[..2].parse::<u32>().ok()? * 60 + s[3..].parse::<u32>().ok()?)
        } else {
            None
        }
    })
}

fn get<'a>(t: &'a toml::Table, key: &str) -> &'a toml::Value {
    t.get(key)
        .unwrap_or_else(|| panic!("no key {key:?} in {t:#?}"))
}

fn str_of<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    get(t, key)
        .as_str()
        .unwrap_or_else(|| panic!("{key:?} is not a string in {t:#?}"))
}

/// The `[[breaks]]` entries of today's file (none when absent).
fn breaks(dir: &Path) -> Vec<toml::Table> {
    day_toml(dir, TODAY)
        .get("breaks")
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_table().expect("[[breaks]] entries").clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The `[coach]` table of today's file (empty when absent).
fn coach_table(dir: &Path) -> toml::Table {
    day_toml(dir, TODAY)
        .get("coach")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

/// Wait until today's file satisfies `ok`; the file as text when it does.
#[track_caller]
fn wait_file(dir: &Path, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let path = day_path(dir, TODAY);
    wait_until(
        pty::deadline(),
        format_args!("{what} in {}", path.display()),
        || {
            let text = fs::read_to_string(&path).unwrap_or_default();
            if ok(&text) { Ok(text) } else { Err(text) }
        },
    )
}

/// Whether `text` parses as TOML and `ok` holds for it.
fn toml_holds(text: &str, ok: impl Fn(&toml::Table) -> bool) -> bool {
    text.parse::<toml::Table>().is_ok_and(|t| ok(&t))
}

/// (1) A break comes due, is started from the keyboard, counts down, ends,
/// and focus starts again; the day file keeps the break.
#[test]
fn break_due_started_counts_down_and_ends() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut kot = spawn(dir, "09:49:30", "30");

    // The card: which break, how long, and one thing to do (a line of its own
    // under the title, before the keys).
    let screen = kot.wait_for(CARD_DUE);
    let card: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains(CARD_DUE))
        .take_while(|l| !l.contains('╰') && !l.contains('└'))
        .collect();
    assert!(
        card.len() >= 3,
        "the card should have a suggestion line and a key line:\n{screen}"
    );
    let suggestion = card[1].trim_matches(|c: char| c == '│' || c.is_whitespace());
    assert!(
        !suggestion.is_empty() && !suggestion.contains("s start"),
        "the card's first line should be a suggestion, not {suggestion:?}:\n{screen}"
    );
    assert!(
        screen.contains("s start") && screen.contains("z snooze") && screen.contains("S skip"),
        "the card lists its keys:\n{screen}"
    );
    assert!(
        status_line(&kot).contains("short break due"),
        "status line: {:?}",
        status_line(&kot)
    );

    kot.send("s");
    let first = wait_long(&kot, "a countdown on the card", pty::deadline(), |s| {
        countdown(s).is_some()
    });
    let a = countdown(&first).unwrap();
    assert!(a <= 600, "a 10 min break counts down from 10:00, not {a}");
    assert!(
        first.contains("On a short break"),
        "the card says which break:\n{first}"
    );
    let second = wait_long(&kot, "the countdown to go down", pty::deadline(), |s| {
        countdown(s).is_some_and(|b| b < a)
    });
    assert!(countdown(&second).unwrap() < a);
    assert!(
        status_line(&kot).contains("break ·") && status_line(&kot).contains("left"),
        "status line during the break: {:?}",
        status_line(&kot)
    );

    // 10 simulated minutes at 30× are 20 s.
    wait_long(
        &kot,
        "the break to be over",
        deadline_for(Duration::from_secs(20)),
        |s| s.contains(CARD_OVER),
    );
    kot.send(ENTER);
    wait_status(&kot, FOCUS);
    kot.wait_gone(CARD_OVER);
    quit(&mut kot);

    let b = breaks(dir);
    assert_eq!(b.len(), 1, "one break recorded: {b:#?}");
    assert_eq!(str_of(&b[0], "kind"), "short");
    assert_eq!(str_of(&b[0], "outcome"), "taken");
    assert_eq!(str_of(&b[0], "counted"), "you");
    let coach = coach_table(dir);
    assert!(
        coach.contains_key("focus_since"),
        "[coach] focus_since is set after the break: {coach:#?}"
    );
    assert!(
        !coach.contains_key("on_break"),
        "no break under way any more: {coach:#?}"
    );
}

/// A break counts down in words in Dutch too: `nog 9 min 58 sec`, not
/// `nog 09:58` (read as "until 09:58"); the status line's `nog 10 min`.
#[test]
fn a_dutch_break_counts_down_in_words() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let now = format!("{TODAY}T09:49:58");
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[
            ("KOT_NOW", &now),
            ("KOT_TIME_SCALE", "1"),
            ("LANG", "nl_BE.UTF-8"),
        ],
    );
    kot.wait_for("Tijd voor een korte pauze");
    kot.send("s");
    let screen = wait_long(&kot, "a countdown in words", pty::deadline(), |s| {
        countdown(s).is_some()
    });
    let line = screen
        .lines()
        .find(|l| l.contains(" sec"))
        .unwrap_or_default();
    assert!(
        line.contains("nog 9 min ") || line.contains("nog 10 min "),
        "{screen}"
    );
    assert!(
        !screen.contains("nog 0"),
        "no clock-like countdown: {screen}"
    );
    let status = wait_status(&kot, "pauze · nog ");
    assert!(
        status.contains("nog 10 min") || status.contains("nog 9 min"),
        "{status}"
    );
    quit(&mut kot);
}

/// (2) Snooze, then skip, from the keyboard; both recorded in the file.
#[test]
fn snooze_then_skip_from_the_keyboard() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut kot = spawn(dir, "09:49:50", "60");

    let screen = kot.wait_for(CARD_DUE);
    assert!(
        screen.contains("z snooze (15 min left)"),
        "the whole snooze budget is left:\n{screen}"
    );
    kot.send("z");
    let text = wait_file(dir, "[coach] snoozed_minutes = 5", |t| {
        toml_holds(t, |d| {
            d.get("coach")
                .and_then(|c| c.get("snoozed_minutes"))
                .and_then(toml::Value::as_integer)
                == Some(5)
        })
    });
    assert!(text.contains("snoozed_until"), "{text}");
    // The card goes while the snooze runs, and the status line counts down to
    // its end (5 min, so "break in 4 min" or "5 min").
    kot.wait_gone(CARD_DUE);
    wait_status(&kot, FOCUS);

    // 5 simulated minutes at 60× are 5 s; the card comes back with less snooze left.
    let screen = wait_long(
        &kot,
        "the card to come back after the snooze",
        deadline_for(Duration::from_secs(5)),
        |s| s.contains(CARD_DUE),
    );
    assert!(
        screen.contains("z snooze (10 min left)"),
        "the card shows the snooze taken:\n{screen}"
    );
    kot.send("S");
    wait_file(dir, "a skipped break", |t| {
        toml_holds(t, |d| {
            d.get("breaks")
                .and_then(toml::Value::as_array)
                .is_some_and(|b| {
                    b.len() == 1
                        && b[0].get("outcome").and_then(toml::Value::as_str) == Some("skipped")
                })
        })
    });
    kot.wait_gone(CARD_DUE);
    wait_status(&kot, FOCUS);
    quit(&mut kot);

    let b = breaks(dir);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(str_of(&b[0], "kind"), "short");
    assert_eq!(str_of(&b[0], "outcome"), "skipped");
    assert_eq!(
        get(&b[0], "snoozed_minutes").as_integer(),
        Some(5),
        "the skipped break keeps its snooze: {b:#?}"
    );
    let coach = coach_table(dir);
    assert!(coach.contains_key("focus_since"), "{coach:#?}");
    assert!(!coach.contains_key("snoozed_minutes"), "{coach:#?}");
}

/// (3) The status line: focus with the time to the break, then a meeting.
#[test]
fn status_line_shows_focus_then_meeting() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let out = cli(
        dir,
        &[
            "plan",
            "block",
            "add",
            "10:00-10:30",
            "Standup",
            "--meeting",
            "--video",
        ],
        &[],
    );
    assert!(out.status.success(), "{out:?}");

    let mut kot = spawn(dir, "09:30:00", "1");
    wait_status(&kot, FOCUS);
    quit(&mut kot);

    let mut kot = spawn(dir, "10:05:00", "1");
    wait_status(&kot, "● meeting · until 10:30");
    assert!(!kot.contains("Time for a"), "no break card in a meeting");
    quit(&mut kot);
}

/// (3b) The time to the break agrees with the clock in the header: at 09:30
/// the break due at 09:50 is 20 minutes away (the workday line reads its time
/// left off the minute shown, too).
#[test]
fn status_line_minutes_agree_with_the_header_clock() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut kot = spawn(dir, "09:30:00", "1");
    kot.wait_for("· 09:30");
    wait_status(&kot, "● focus · break in 20 min");
    quit(&mut kot);
}

/// (4) Pause from the keyboard, then resume.
#[test]
fn pause_and_resume_from_the_keyboard() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut kot = spawn(dir, "09:30:00", "1");
    wait_status(&kot, FOCUS);

    kot.send("p");
    kot.wait_for("Pause the coach");
    kot.send("soon");
    kot.send(ENTER);
    kot.wait_for("soon is not a pause");
    kot.send("\x1b");
    kot.wait_gone("Pause the coach");

    kot.send("p");
    kot.wait_for("Pause the coach");
    kot.send("30m");
    kot.send(ENTER);
    let line = wait_status(&kot, "paused · until");
    assert!(line.contains("paused · until 10:00"), "{line:?}");
    assert!(line.contains("r resumes"), "{line:?}");
    let coach = coach_table(dir);
    assert!(coach.contains_key("paused_until"), "{coach:#?}");

    kot.send("r");
    let line = wait_status(&kot, "focus");
    assert!(line.contains(FOCUS), "{line:?}");
    wait_file(dir, "no pause", |t| {
        toml_holds(t, |d| {
            d.get("coach")
                .and_then(toml::Value::as_table)
                .is_none_or(|c| !c.contains_key("paused_until"))
        })
    });
    quit(&mut kot);
}

/// (5) Time while kot was closed counts as a break when kot opens again.
#[test]
fn time_with_kot_closed_counts_as_a_break() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    // kot runs at 10:10 and is closed. Its clock stands still, so it notes
    // 10:10:00 sharp as the moment it stopped (at 1× it would note a second
    // or two later, and the time away would be 29 min).
    let mut kot = spawn(dir, "10:10:00", "0");
    kot.wait_for(CARD_DUE);
    quit(&mut kot);
    let coach = coach_table(dir);
    assert_eq!(
        coach.get("seen_at").map(ToString::to_string).as_deref(),
        Some("\"2026-11-23T10:10:00+01:00\""),
        "{coach:#?}"
    );

    // Open again half an hour later, on a clock at 60× so the next minute
    // comes within a second: the note stays in the banner (no key was pressed,
    // nothing else was prompted) after notifications were found to be off.
    let mut kot = spawn(dir, "10:40:00", "60");
    wait_status(&kot, FOCUS);
    wait_long(
        &kot,
        "the header clock to pass 10:40",
        pty::deadline(),
        |_| header_minutes(&kot).is_some_and(|m| m > 10 * 60 + 40),
    );
    let banner = kot.row(-2);
    let shown = String::from_utf8_lossy(&kot.raw_output()).contains(AWAY);
    assert!(
        banner.contains(AWAY),
        "the banner should keep {AWAY:?} (it was {}), not {banner:?}\n{}",
        if shown {
            "drawn, then replaced"
        } else {
            "never drawn"
        },
        kot.screen()
    );
    quit(&mut kot);

    let b = breaks(dir);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(str_of(&b[0], "counted"), "away");
    assert_eq!(str_of(&b[0], "outcome"), "taken");
    assert_eq!(str_of(&b[0], "kind"), "short");
    assert_eq!(str_of(&b[0], "start"), "2026-11-23T10:10:00+01:00");
    let coach = coach_table(dir);
    assert!(
        !coach.contains_key("prompted_at"),
        "the break that was due is taken care of: {coach:#?}"
    );
}

/// A `kot watch` child that is killed if the test fails before it stops.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn spawn(dir: &Path, now: &str, scale: &str) -> Self {
        Self::start(watch_command(dir, now, scale))
    }

    fn start(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn kot watch");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Wait for a line of stdout holding `needle`.
    #[track_caller]
    fn wait_line(&mut self, needle: &str) -> String {
        wait_until(
            pty::deadline(),
            format_args!("a line with {needle:?} from kot watch"),
            || {
                self.seen.extend(self.lines.try_iter());
                let found = self.seen.iter().find(|l| l.contains(needle));
                found.cloned().ok_or_else(|| format!("{:#?}", self.seen))
            },
        )
    }

    /// Wait for the exit code; then the rest of stdout, to its end.
    #[track_caller]
    fn wait_exit(&mut self) -> i32 {
        let Some(status) = exit_within(&mut self.child, pty::deadline()) else {
            panic!("kot watch did not stop: {:#?}", self.seen);
        };
        wait_until(pty::deadline(), "the end of kot watch's stdout", || {
            loop {
                match self.lines.try_recv() {
                    Ok(l) => self.seen.push(l),
                    Err(mpsc::TryRecvError::Disconnected) => break true,
                    Err(mpsc::TryRecvError::Empty) => break false,
                }
            }
        });
        status.code().unwrap_or(-1)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn watch_command(dir: &Path, now: &str, scale: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
    hermetic(&mut c, &dir.join(".test-env"))
        .arg("watch")
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("KOT_DIR", dir)
        .env("TZ", TZ)
        .env("KOT_NOW", format!("{TODAY}T{now}"))
        .env("KOT_TIME_SCALE", scale);
    c
}

/// (6) `kot watch` with no terminal: prompts on stdout, one instance per
/// directory, a clean stop on SIGTERM.
#[test]
fn watch_prompts_on_stdout_and_stops_on_sigterm() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut watch = Watch::spawn(dir, "09:49:50", "60");
    let line = watch.wait_line("Time for a short break");
    assert!(line.contains("Time for a short break (10 min)"), "{line:?}");

    let second = watch_command(dir, "09:49:50", "60")
        .output()
        .expect("run a second kot watch");
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{second:?}");
    assert!(err.contains("already open"), "{err}");

    let pid = watch.child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success());
    assert_eq!(watch.wait_exit(), 0, "kot watch exits 0 on SIGTERM");
    assert_eq!(
        watch.seen.last().map(String::as_str),
        Some("kot watch: stopped"),
        "{:#?}",
        watch.seen
    );
    let coach = coach_table(dir);
    assert!(coach.contains_key("prompted_at"), "{coach:#?}");
}

/// (7) A sick day: the status line says so and no break ever comes.
#[test]
fn no_break_card_on_a_sick_day() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let out = cli(dir, &["where", "sick"], &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(str_of(&day_toml(dir, TODAY), "place"), "sick");

    let mut kot = spawn(dir, "09:45:00", "120");
    let line = wait_status(&kot, "sick");
    assert!(line.contains("● sick"), "{line:?}");
    // 16 simulated minutes at 120× are 8 s: past 09:50, when the break
    // would have been due.
    wait_long(
        &kot,
        "the clock to pass 10:00 with no break card",
        deadline_for(Duration::from_secs(8)),
        |s| {
            assert!(
                !s.contains("Time for a"),
                "a break card on a sick day:\n{s}"
            );
            assert!(!s.contains("break due"), "a break due on a sick day:\n{s}");
            header_minutes(&kot).is_some_and(|m| m > 10 * 60)
        },
    );
    assert!(status_line(&kot).contains("sick"));
    quit(&mut kot);
    let coach = coach_table(dir);
    assert!(!coach.contains_key("prompted_at"), "{coach:#?}");
    assert!(breaks(dir).is_empty());
}

/// A process stopped (SIGSTOP) across its wake-ups and continued (SIGCONT)
/// looks like a suspend: the time it missed counts as a break.
#[test]
fn a_stopped_process_counts_the_missed_time_as_away() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    // Wake-ups every 5 simulated minutes (micro-pauses), half a real second at 600x.
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 5\n",
    )
    .expect("write config");
    // The test reads kot's clock: 10:00 now, 600x.
    let clock = SimClock::start(600.0);
    let mut command = watch_command(dir, "10:00:00", "600");
    command.envs(clock.env());
    let mut watch = Watch::start(command);
    // The first prompt means the coach ran once and now sleeps to a deadline.
    watch.wait_line("Time for a short break");
    let pid = watch.child.id().to_string();
    let signal = |sig: &str| {
        let ok = Command::new("kill")
            .args([sig, &pid])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill {sig} failed");
    };
    signal("-STOP");
    // 50 simulated minutes (5 real seconds) in which no wake-up happened: more
    // than the 30 a loaded machine may be late by at 600x.
    let stopped_at = clock.minutes();
    clock.wait_past(stopped_at + 50.0);
    signal("-CONT");
    let line = watch.wait_line("You were away");
    assert!(line.contains("counted as your break"), "{line:?}");
    let away: Vec<_> = breaks(dir)
        .into_iter()
        .filter(|b| str_of(b, "counted") == "away")
        .collect();
    assert_eq!(away.len(), 1, "{away:#?}");
    signal("-TERM");
    assert_eq!(watch.wait_exit(), 0);
}

/// `kot watch` keeps the coach's deadline through a wake that finds nothing to
/// do: with no notifier, at 15× and a micro-pause every 9 minutes, the 09:18
/// micro-pause comes 8 simulated minutes (32 s real) after the start, past the
/// loop's 30 s sleep cap. The wake at the cap is quiet; the next sleep must
/// still end at 09:18, so the prompt is shown and recorded on time.
#[test]
fn watch_keeps_the_deadline_after_a_quiet_wake() {
    let tmp = tempdir();
    let dir = tmp.path();
    fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 9\n",
    )
    .unwrap();
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n[checkin]\n\
             at = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n[coach]\n\
             micro_at = \"{TODAY}T09:09:00+01:00\"\nseen_at = \"{TODAY}T09:10:00+01:00\"\n"
        ),
    )
    .unwrap();
    let mut watch = Watch::spawn(dir, "09:10:00", "15");
    let needle = "Micro-pause";
    let line = wait_until(
        deadline_for(Duration::from_secs(32)),
        "the 09:18 micro-pause from kot watch",
        || {
            watch.seen.extend(watch.lines.try_iter());
            let found = watch.seen.iter().find(|l| l.contains(needle));
            found.cloned().ok_or_else(|| format!("{:#?}", watch.seen))
        },
    );
    assert!(line.starts_with("09:18 "), "{line:?}");
    let coach = coach_table(dir);
    let at = chrono::DateTime::parse_from_rfc3339(str_of(&coach, "micro_at")).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(&format!("{TODAY}T09:18:00+01:00")).unwrap();
    let late = (at - due).num_milliseconds().abs();
    assert!(late <= 1000, "micro-pause recorded at {at}, due {due}");
}

/// (Issue 8, point 7) `]` shows tomorrow to plan: `a` adds to tomorrow's file
/// while today's break card stays and `s` starts today's break; `[` goes to
/// yesterday with its done and open tasks; `.` comes back to today.
#[test]
fn other_days_are_planned_while_the_coach_keeps_today() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let yesterday = "2026-11-22";
    let tomorrow = "2026-11-24";
    for (args, what) in [
        (
            vec!["plan", "add", "--date", yesterday, "Finished on Sunday"],
            "add",
        ),
        (vec!["plan", "done", "--date", yesterday, "1"], "done"),
        (vec!["plan", "add", "--date", yesterday, "Left open"], "add"),
    ] {
        let out = cli(dir, &args, &[("KOT_NOW", &format!("{TODAY}T08:00:00"))]);
        assert!(out.status.success(), "{what}: {out:?}");
    }
    let mut kot = spawn(dir, "09:50:30", "1");
    kot.wait_for(CARD_DUE);

    kot.send("]");
    let screen = kot.wait_for("tomorrow ·");
    assert!(
        screen.contains("24"),
        "the header names the 24th:\n{screen}"
    );
    assert!(
        screen.contains(CARD_DUE),
        "today's break card stays:\n{screen}"
    );
    assert!(status_line(&kot).contains("short break due"));

    kot.send("a");
    kot.wait_for("New task");
    kot.send("Plan the offsite");
    kot.send(ENTER);
    kot.wait_for("Plan the offsite");
    let tomorrow_file = wait_file_at(dir, tomorrow, |t| t.contains("Plan the offsite"));
    assert!(tomorrow_file.contains("Plan the offsite"));
    let today_file = fs::read_to_string(day_path(dir, TODAY)).unwrap();
    assert!(
        !today_file.contains("Plan the offsite"),
        "added to today:\n{today_file}"
    );

    // The coach's keys act on today, whatever day is shown.
    kot.send("s");
    wait_long(&kot, "a countdown on the card", pty::deadline(), |s| {
        countdown(s).is_some()
    });
    wait_file(dir, "today's break under way", |t| {
        toml_holds(t, |d| {
            d.get("coach")
                .and_then(toml::Value::as_table)
                .is_some_and(|c| c.contains_key("on_break"))
        })
    });
    assert!(kot.contains("tomorrow ·"), "still on tomorrow");

    kot.send("[");
    kot.wait_gone("tomorrow ·");
    kot.send("[");
    let screen = kot.wait_for("yesterday ·");
    assert!(
        screen.contains("Finished on Sunday") && screen.contains("Left open"),
        "yesterday's tasks:\n{screen}"
    );
    assert!(screen.contains("[x]"), "the done task is ticked:\n{screen}");

    kot.send(".");
    kot.wait_gone("yesterday ·");
    kot.wait_gone("Left open");
    quit(&mut kot);
}

/// Wait until the day file of `date` holds what `ok` looks for.
#[track_caller]
fn wait_file_at(dir: &Path, date: &str, ok: impl Fn(&str) -> bool) -> String {
    let path = day_path(dir, date);
    wait_until(pty::deadline(), format_args!("{date}'s file"), || {
        let text = fs::read_to_string(&path).unwrap_or_default();
        if ok(&text) { Ok(text) } else { Err(text) }
    })
}

/// Time away spent in a planned meeting is the meeting, not a break: kot
/// closed at 10:10 and opened at 10:45 around a 10:15–10:40 call counts no
/// break (it once drew "away, counted as a break" over the call).
#[test]
fn time_away_in_a_meeting_is_no_break() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let mut kot = spawn(dir, "10:10:00", "0");
    kot.wait_for(CARD_DUE);
    quit(&mut kot);
    let env = [("KOT_NOW", "2026-11-23T10:10:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(
        dir,
        &["plan", "block", "add", "10:15-10:40", "Call", "--meeting"],
        &env,
    );
    assert!(out.status.success(), "{out:?}");
    let mut kot = spawn(dir, "10:45:00", "0");
    wait_file(dir, "seen_at 10:45", |t| {
        t.contains("seen_at = \"2026-11-23T10:45:00")
    });
    assert!(
        breaks(dir).iter().all(|b| str_of(b, "counted") != "away"),
        "{:#?}",
        breaks(dir)
    );
    assert!(
        !kot.screen().contains("counted as your break"),
        "{}",
        kot.screen()
    );
    quit(&mut kot);
}

/// kot open at 09:05 and closed again: a coach ran then (`seen_at`).
fn coach_ran_at_09_05(dir: &Path) {
    let mut kot = spawn(dir, "09:05:00", "0");
    wait_file(dir, "seen_at 09:05", |t| {
        t.contains("seen_at = \"2026-11-23T09:05:00")
    });
    quit(&mut kot);
}

/// kot opened in the evening after a shutdown told from the command line
/// (`kot shutdown --at 17:35`) counts no time away: the day's worked time
/// is fixed by the shutdown, and a break added after it made the Week's
/// break count disagree with the status line's (found by the two-week run).
#[test]
fn opening_kot_after_the_shutdown_counts_no_time_away() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let run = |hm: &str, args: &[&str]| pty::cli_at(dir, &format!("{TODAY}T{hm}"), args);
    coach_ran_at_09_05(dir);
    run("13:10", &["break", "add", "12:30-13:00", "--lunch"]);
    run("17:36", &["shutdown", "--at", "17:35"]);
    let mut kot = spawn(dir, "18:00:00", "0");
    kot.wait_for("Off since 17:35");
    let screen = kot.screen();
    // Whatever kot writes on opening is on disk once it has exited.
    quit(&mut kot);
    assert!(
        breaks(dir).iter().all(|b| str_of(b, "counted") != "away"),
        "{:#?}",
        breaks(dir)
    );
    assert!(!screen.contains("You were away"), "{screen}");
}

/// A task done from the command line while kot was closed is a sign of the
/// user: time away counts only from it (kot closed at 08:55, `kot plan done`
/// at 15:00, opened at 15:05: no break of six hours).
#[test]
fn a_task_done_from_the_command_line_ends_time_away() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    coach_ran_at_09_05(dir);
    let env = [("KOT_NOW", "2026-11-23T10:00:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(dir, &["plan", "add", "Write report"], &env);
    assert!(out.status.success(), "{out:?}");
    let env = [("KOT_NOW", "2026-11-23T15:00:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(dir, &["plan", "done", "1"], &env);
    assert!(out.status.success(), "{out:?}");
    let mut kot = spawn(dir, "15:05:00", "0");
    wait_file(dir, "seen_at 15:05", |t| {
        t.contains("seen_at = \"2026-11-23T15:05:00")
    });
    let screen = kot.screen();
    quit(&mut kot);
    assert!(
        breaks(dir).iter().all(|b| str_of(b, "counted") != "away"),
        "{:#?}",
        breaks(dir)
    );
    assert!(!screen.contains("You were away"), "{screen}");
}

/// `kot watch` after an ignored break (issue 17, item 12): the next prompt is
/// written (`prompted_at`), escalated after `escalate_after_minutes` as in the
/// TUI, and withdrawn when a video call begins.
#[test]
fn watch_escalates_the_prompt_after_an_ignored_one_and_withdraws_it_for_a_call() {
    let tmp = tempdir();
    let dir = tmp.path();
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_block = 2\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n\
             [[blocks]]\nid = 1\nspan = \"10:50-11:30\"\ntitle = \"Call\"\nkind = \"meeting\"\nvideo = true\n\n\
             [coach]\nprompted_at = \"{TODAY}T09:50:00+01:00\"\nescalated = true\n\
             seen_at = \"{TODAY}T10:39:00+01:00\"\n"
        ),
    )
    .unwrap();
    let mut watch = Watch::spawn(dir, "10:39:50", "60");
    watch.wait_line("10:40 Time for a short break");
    wait_file(dir, "the new prompt written", |t| {
        t.contains(&format!("prompted_at = \"{TODAY}T10:40"))
    });
    watch.wait_line("10:45 Break overdue");
    wait_file(dir, "the prompt withdrawn for the call", |t| {
        toml_holds(t, |d| {
            d.get("coach")
                .and_then(toml::Value::as_table)
                .is_some_and(|c| !c.contains_key("prompted_at"))
        })
    });
}

/// At 15:30, after two hours of calls with lunch not taken, one notice comes,
/// the break due, not three in the same second ("No lunch yet" and "120
/// minutes of meetings in a row" beside it) (issue 17, item 12).
#[test]
fn watch_says_one_notice_at_a_time() {
    let tmp = tempdir();
    let dir = tmp.path();
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_block = 3\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n\
             [[blocks]]\nid = 1\nspan = \"13:30-14:30\"\ntitle = \"Client\"\nkind = \"meeting\"\nvideo = true\n\n\
             [[blocks]]\nid = 2\nspan = \"14:30-15:30\"\ntitle = \"Review\"\nkind = \"meeting\"\nvideo = true\n\n\
             [coach]\nfocus_since = \"{TODAY}T12:18:00+01:00\"\n\
             seen_at = \"{TODAY}T15:29:00+01:00\"\n"
        ),
    )
    .unwrap();
    let mut watch = Watch::spawn(dir, "15:29:50", "60");
    watch.wait_line("15:30 Time for a lunch break");
    // Everything said at 15:30 is printed before what comes at 15:35.
    watch.wait_line("15:35 Break overdue");
    let at_1530: Vec<&String> = watch
        .seen
        .iter()
        .filter(|l| l.starts_with("15:30 "))
        .collect();
    assert_eq!(at_1530.len(), 1, "{:#?}", watch.seen);
}

/// After the last call of a long run there is no "next call" to take the
/// pause before: the words say take it now (issue 17, item 12).
#[test]
fn the_pause_after_the_last_long_run_is_for_now() {
    let tmp = tempdir();
    let dir = tmp.path();
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_block = 3\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n\
             [[blocks]]\nid = 1\nspan = \"13:30-14:30\"\ntitle = \"Client\"\nkind = \"meeting\"\nvideo = true\n\n\
             [[blocks]]\nid = 2\nspan = \"14:30-15:30\"\ntitle = \"Review\"\nkind = \"meeting\"\nvideo = true\n\n\
             [[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\ncounted = \"lunch\"\n\
             start = \"{TODAY}T12:00:00+01:00\"\nend = \"{TODAY}T12:30:00+01:00\"\n\n\
             [coach]\nfocus_since = \"{TODAY}T15:00:00+01:00\"\n\
             seen_at = \"{TODAY}T15:29:00+01:00\"\n"
        ),
    )
    .unwrap();
    let mut watch = Watch::spawn(dir, "15:29:50", "60");
    let line = watch.wait_line("15:30 120 minutes of meetings in a row");
    assert!(
        line.contains("Take at least 5 minutes away from the screen now"),
        "{line}"
    );
    assert!(!line.contains("next call"), "{line}");
}

/// Today's file with a check-in at 08:55, a meeting at 12:45-13:15 and a
/// video call at 17:15-17:45 (past the 17:30 end), then `rest`.
fn write_day_with_calls(dir: &Path, rest: &str) {
    let path = day_path(dir, TODAY);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_block = 3\n\n\
             [checkin]\nat = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n\n\
             [[blocks]]\nid = 1\nspan = \"12:45-13:15\"\ntitle = \"Sync\"\nkind = \"meeting\"\n\n\
             [[blocks]]\nid = 2\nspan = \"17:15-17:45\"\ntitle = \"Late call\"\nkind = \"meeting\"\nvideo = true\n\n\
             {rest}"
        ),
    )
    .unwrap();
}

/// A lunch that runs into a meeting gets a word as it starts, and a call that
/// will run past the end of the workday a heads-up before it (issue 17, item 12).
#[test]
fn watch_says_when_a_break_or_a_call_runs_into_something() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_day_with_calls(
        dir,
        &format!(
            "[coach]\nseen_at = \"{TODAY}T12:30:00+01:00\"\n\n\
             [coach.on_break]\nkind = \"lunch\"\nstart = \"{TODAY}T12:30:00+01:00\"\nminutes = 30\n"
        ),
    );
    let mut watch = Watch::spawn(dir, "12:30:00", "0");
    let line = watch.wait_line("runs into the meeting");
    assert!(
        line.contains("12:30 Your lunch break runs into the meeting at 12:45"),
        "{line}"
    );
    drop(watch);

    let tmp = tempdir();
    let dir = tmp.path();
    write_day_with_calls(
        dir,
        &format!(
            "[[breaks]]\nkind = \"lunch\"\noutcome = \"taken\"\ncounted = \"lunch\"\n\
             start = \"{TODAY}T12:00:00+01:00\"\nend = \"{TODAY}T12:30:00+01:00\"\n\n\
             [coach]\nseen_at = \"{TODAY}T17:09:00+01:00\"\n\
             focus_since = \"{TODAY}T16:30:00+01:00\"\nshutdown_warned = [30]\n"
        ),
    );
    let mut watch = Watch::spawn(dir, "17:09:50", "60");
    let line = watch.wait_line("past the end of your workday");
    assert!(
        line.starts_with(
            "17:10 Your meeting at 17:15 runs until 17:45, past the end of your workday (17:30)"
        ),
        "{line}"
    );
}

/// Closing kot is no sign of work: kot opened at 18:47 after a day with no
/// shutdown and closed with `q` records no `last_sign` (it once did, and
/// the next morning guessed the day ended at 18:47).
#[test]
fn quitting_kot_in_the_evening_is_no_sign_of_work() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    coach_ran_at_09_05(dir);
    let mut kot = spawn(dir, "18:47:00", "0");
    kot.wait_for("kot ·");
    quit(&mut kot);
    let text = fs::read_to_string(day_path(dir, TODAY)).unwrap();
    assert!(!text.contains("last_sign"), "{text}");
}

/// A day coached by `kot watch` alone (no check-in) begins at its first run
/// in work hours, as the README says: a break taken later does not move the
/// start to the break (it once said "Start 15:20" for a day begun at 14:30).
#[test]
fn a_day_under_kot_watch_alone_begins_at_its_first_run() {
    let tmp = tempdir();
    let dir = tmp.path();
    let watch = Watch::spawn(dir, "14:30:00", "0");
    wait_file(dir, "the first focus block", |t| {
        t.contains("focus_since = \"2026-11-23T14:30:00")
    });
    drop(watch);
    for (hm, args) in [
        ("15:20", &["break", "start"][..]),
        ("15:30", &["break", "end"][..]),
    ] {
        pty::cli_at(dir, &format!("{TODAY}T{hm}"), args);
    }
    let env = [("KOT_NOW", "2026-11-23T16:00:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(dir, &["day", "--json"], &env);
    let day: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(day["start"], "14:30", "{day}");
    // 14:30-16:00 less the ten minutes' break.
    assert_eq!(day["worked_minutes"], 80, "{day}");
}

/// Another day's workday line is that day's hours and record, not today's
/// countdown: at 17:05 on Tuesday, `[` shows Monday as "Workday 09:00–17:30
/// · worked 8h05, overtime 5m" (it said "End of the workday in 25 min"
/// under "yesterday · Monday").
#[test]
fn another_days_workday_line_is_its_own() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    let env = [("KOT_NOW", "2026-11-23T17:35:00"), ("KOT_TIME_SCALE", "0")];
    let out = pty::cli(dir, &["shutdown"], &env);
    assert!(out.status.success(), "{out:?}");
    let mut kot = Kot::spawn(
        dir,
        COLS,
        ROWS,
        &[("KOT_NOW", "2026-11-24T17:05:00"), ("KOT_TIME_SCALE", "0")],
    );
    kot.wait_for("Step 1 of 3");
    kot.send("\x1b");
    kot.wait_for("Step 2 of 3");
    kot.send("\x1b");
    kot.wait_for("Step 3 of 3");
    kot.send("\x1b");
    kot.wait_gone("Good afternoon");
    kot.wait_for("End of the workday in");
    kot.send("[");
    let screen = kot.wait_for("yesterday ·");
    kot.wait_for("Workday 09:00–17:30 · worked 8h35, overtime 5m");
    assert!(!kot.screen().contains("End of the workday"), "{screen}");
    quit(&mut kot);
}

/// A break that runs out during a call is closed after the grace as any
/// other (silently: nothing is said in a meeting), not when the call ends:
/// a break 10:01-10:11 and a call 10:03-10:30 stood at "break over" until
/// 10:31 (QA). `kot watch` at 10:20 on a stopped clock closes it.
#[test]
fn a_break_run_out_in_a_call_is_closed_after_the_grace() {
    let tmp = tempdir();
    let dir = tmp.path();
    write_checkin(dir);
    for (hm, args) in [
        (
            "10:00",
            &["plan", "block", "add", "10:03-10:30", "Sync", "--meeting"][..],
        ),
        ("10:01", &["break", "start"][..]),
    ] {
        pty::cli_at(dir, &format!("{TODAY}T{hm}"), args);
    }
    let watch = Watch::spawn(dir, "10:20:00", "0");
    let text = wait_file(dir, "the break closed, back assumed", |t| {
        t.contains("back = \"assumed\"")
    });
    drop(watch);
    assert!(text.contains("end = \"2026-11-23T10:11:00"), "{text}");
}
