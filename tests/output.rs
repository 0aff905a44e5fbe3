//! What kot writes to a terminal and what happens when it cannot write at all:
//! hostile titles and file values never reach the terminal as controls (issue 6,
//! item 6); a closed pipe, a full disk or a closed stderr never panic a command
//! nor turn a change into a failure (item 7); every signal that ends the TUI
//! leaves the terminal as it was (item 8); wide and joined characters never push
//! a border out of place (item 13).
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;
mod pty;

use std::fs;
use std::io::{self, Read};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{TODAY, TempKot, describe, stderr, stdout};

/// A title typed by a script or synced from elsewhere: OSC 0 (set the
/// terminal's title), OSC 52 (write the clipboard), a C1 CSI, a bidi override.
const HOSTILE: &str = "x\u{1b}]0;PWNED\u{7} \u{1b}]52;c;aGk=\u{7}\u{9b}31m \u{202e}evil";

/// Whether `bytes` hold anything a terminal would act on: C0 controls other
/// than the line break, DEL, C1 controls (as UTF-8), bidi embeddings,
/// overrides and isolates.
fn controls_in(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

#[track_caller]
fn assert_terminal_safe(what: &str, out: &Output) {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let found = controls_in(bytes);
        assert!(
            found.is_empty(),
            "{what}: {name} holds {found:?}\n{}",
            describe(out)
        );
    }
}

/// `sh -c SCRIPT` with kot's environment; `"$0"` in the script is kot.
fn shell(kot: &TempKot, script: &str) -> Output {
    let base = kot.command();
    let mut c = Command::new("sh");
    c.arg("-c").arg(script).arg(base.get_program());
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run sh -c {script:?}: {e}"))
}

/// A pipe whose reader is already gone: the first write to it fails with EPIPE.
fn closed_pipe() -> io::PipeWriter {
    let (reader, writer) = io::pipe().expect("a pipe");
    drop(reader);
    writer
}

fn dev_full() -> fs::File {
    fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full")
}

/// `kot ARGS` with stdout as given and stderr captured.
fn run_with_stdout(kot: &TempKot, args: &[&str], out: impl Into<Stdio>) -> (ExitStatus, String) {
    let mut child = kot
        .command()
        .args(args)
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"));
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    (child.wait().expect("wait for kot"), err)
}

fn titles(kot: &TempKot) -> Vec<String> {
    kot.json_day(TODAY)["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_string())
        .collect()
}

// --- item 6: terminal injection ---

/// A hostile title is cleaned when it is added, by the CLI as by the TUI
/// (both go through the day's edit), and nothing printed holds a control.
#[test]
fn a_hostile_title_is_cleaned_on_input() {
    let kot = TempKot::new();
    let added = kot.cmd(&["plan", "add", HOSTILE]);
    assert!(added.status.success(), "{}", describe(&added));
    assert_terminal_safe("plan add", &added);
    assert_eq!(titles(&kot), ["x]0;PWNED ]52;c;aGk=31m evil"]);

    let edited = kot.cmd(&["plan", "edit", "1", "--title", "y\u{1b}[2J\u{7}"]);
    assert!(edited.status.success(), "{}", describe(&edited));
    assert_eq!(titles(&kot), ["y[2J"]);

    let block = kot.cmd(&["plan", "block", "add", "10:00-10:30", HOSTILE]);
    assert!(block.status.success(), "{}", describe(&block));
    assert_terminal_safe("plan block add", &block);
    let list = kot.cmd(&["plan", "list"]);
    assert_terminal_safe("plan list", &list);
    assert!(stdout(&list).contains("x]0;PWNED"), "{}", describe(&list));
}

/// A day file edited by hand (or synced from a hostile machine) keeps its
/// controls on disk, but the listing shows them escaped; `--json` stays exact.
#[test]
fn a_hand_edited_hostile_day_is_listed_escaped() {
    let kot = TempKot::new();
    let toml_hostile = "a\\u001b]0;PWNED\\u0007 \\u009b31m\\u202eevil\\nline";
    kot.write_day(
        TODAY,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nnext_task = 2\nnext_block = 2\n\n\
             [[tasks]]\nid = 1\ntitle = \"{toml_hostile}\"\n\n\
             [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"{toml_hostile}\"\n"
        ),
    );
    let list = kot.cmd(&["plan", "list"]);
    assert!(list.status.success(), "{}", describe(&list));
    assert_terminal_safe("plan list", &list);
    let text = stdout(&list);
    let shown = r"a\e]0;PWNED\u{7} \u{9b}31m\u{202e}evil\nline";
    assert_eq!(text.matches(shown).count(), 2, "{text}");

    assert_eq!(
        titles(&kot),
        ["a\u{1b}]0;PWNED\u{7} \u{9b}31m\u{202e}evil\nline"]
    );
}

/// A value the parser quotes back (an enum in a day file, a setting in the
/// config) is escaped in the error too.
#[test]
fn errors_escape_the_file_values_they_quote() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        format!("schema = 1\ndate = \"{TODAY}\"\nplace = \"\\u001b]0;PWNED\\u0007\"\n"),
    );
    let out = kot.cmd(&["plan", "list"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_terminal_safe("plan list of a hostile place", &out);
    assert!(
        stderr(&out).contains(r"\e]0;PWNED\u{7}"),
        "{}",
        describe(&out)
    );

    let kot = TempKot::new();
    kot.write_config("language = \"\\u001b]0;PWNED\\u0007\"\n[\"\\u009b2J\"]\n");
    let out = kot.cmd(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_terminal_safe("config check", &out);
    assert!(stdout(&out).contains(r"\u{9b}2J"), "{}", describe(&out));

    let out = kot.cmd(&["plan", "list", "--date", "\u{1b}]0;PWNED\u{7}"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_terminal_safe("a hostile --date", &out);
}

/// clap quotes a bad argument back, in colour on a terminal: a hostile one is
/// escaped there too, and the exit code stays clap's (2).
#[test]
fn a_hostile_argument_in_a_usage_error_is_not_echoed_raw() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut kot = pty::Kot::spawn_args(tmp.path(), 100, 30, &["plan", "done", HOSTILE], &[]);
    assert_eq!(kot.wait_exit(), 2, "{}", kot.screen());
    let raw = String::from_utf8_lossy(&kot.raw_output()).into_owned();
    assert!(raw.contains("invalid value"), "{raw:?}");
    for bad in ["\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}"] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal: {raw:?}");
    }
}

// --- item 7: broken pipes, full disks, closed stderr ---

/// `kot plan list | head -1` with the reader gone: no panic, exit 0, quiet.
#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "one"]);
    for args in [
        &["plan", "list"][..],
        &["plan", "list", "--json"],
        &["status"],
        &["completions", "bash"],
        &["paths"],
    ] {
        let (status, err) = run_with_stdout(&kot, args, closed_pipe());
        assert_eq!(status.code(), Some(0), "kot {args:?}: {status}\n{err}");
        assert_eq!(err, "", "kot {args:?} said something on stderr");
    }
}

/// `kot plan add x > /dev/full`: the task is added once, the command says the
/// output is lost and exits 0, so a script retrying on failure adds no twin.
#[test]
fn a_full_disk_after_a_change_is_done_but_unprinted() {
    let kot = TempKot::new();
    let (status, err) = run_with_stdout(&kot, &["plan", "add", "report"], dev_full());
    assert_eq!(status.code(), Some(0), "{status}\n{err}");
    assert_eq!(
        err.trim_end(),
        "kot: done, but the output could not be written: No space left on device (os error 28)"
    );
    assert_eq!(titles(&kot), ["report"]);

    let (status, err) = run_with_stdout(&kot, &["plan", "done", "1"], closed_pipe());
    assert_eq!(status.code(), Some(0), "{status}\n{err}");
    assert_eq!(err, "");
}

/// A listing whose output cannot be written did not do its job: exit 1.
#[test]
fn a_full_disk_fails_a_listing() {
    let kot = TempKot::new();
    let (status, err) = run_with_stdout(&kot, &["plan", "list"], dev_full());
    assert_eq!(status.code(), Some(1), "{status}\n{err}");
    assert_eq!(
        err.trim_end(),
        "kot: the output could not be written: No space left on device (os error 28)"
    );
}

/// With stderr closed, or a pipe nobody reads, an error is still exit 1
/// (not an abort), and a change to a full disk still exit 0.
#[test]
fn a_closed_stderr_never_aborts() {
    let kot = TempKot::new();
    for script in [
        r#""$0" plan list --date bogus 2>&-"#,
        r#""$0" plan list --date bogus >&- 2>&-"#,
    ] {
        let out = shell(&kot, &format!("{script}; echo \"rc=$?\""));
        assert_eq!(stdout(&out).trim(), "rc=1", "{script}\n{}", describe(&out));
    }
    let out = shell(
        &kot,
        r#""$0" plan add twice > /dev/full 2>&-; echo "rc=$?""#,
    );
    assert_eq!(stdout(&out), "rc=0\n", "{}", describe(&out));
    assert_eq!(titles(&kot), ["twice"]);

    let gone = |args: &[&str], out: Stdio| {
        kot.command()
            .args(args)
            .stdout(out)
            .stderr(closed_pipe())
            .status()
            .expect("run kot")
            .code()
    };
    assert_eq!(gone(&["plan", "done", "7"], closed_pipe().into()), Some(1));
    assert_eq!(gone(&["plan", "add", "more"], dev_full().into()), Some(0));
    assert_eq!(titles(&kot), ["twice", "more"]);
}

/// `kot watch | head -c 10`: the output goes away at once, the coach keeps
/// coaching (the break prompt is recorded) and stops cleanly on SIGTERM.
#[test]
fn watch_keeps_coaching_when_its_output_goes_away() {
    let kot = watch_dir();
    let mut child = watch(&kot, "watch")
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kot watch");
    let prompted = wait_prompted(&kot, &mut child);
    let running = child.try_wait().expect("try_wait").is_none();
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("wait for kot watch");
    assert!(
        prompted && running,
        "kot watch stopped coaching: prompted {prompted}, running {running}\n{}",
        describe(&out)
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        !stderr(&out).contains("internal error"),
        "{}",
        describe(&out)
    );
}

// --- item 8: signals restore the terminal ---

/// Every catchable signal whose default action would end kot leaves the
/// terminal as it was: main screen, cursor shown, and kot gone with exit 0 as
/// on SIGTERM. (SIGPIPE is not among them: Rust ignores it, see item 7.)
#[test]
fn every_ending_signal_restores_the_terminal() {
    let mut signals: Vec<String> = [
        "QUIT", "USR1", "USR2", "ALRM", "VTALRM", "PROF", "XCPU", "XFSZ", "POLL", "PWR",
    ]
    .map(String::from)
    .into();
    // The real-time range too, by number: the C library decides where it starts.
    signals.extend([libc::SIGRTMIN(), libc::SIGRTMAX()].map(|n| n.to_string()));
    for sig in &signals {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut kot = pty::Kot::spawn(tmp.path(), 100, 30, &[]);
        kot.wait_for("Where do you work today?");
        assert!(kot.alternate_screen() && kot.cursor_hidden());
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &kot.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {sig}");
        assert_eq!(
            kot.wait_exit(),
            0,
            "SIG{sig}: kot should leave as on SIGTERM"
        );
        assert!(
            !kot.alternate_screen(),
            "SIG{sig}: still on the alternate screen"
        );
        assert!(!kot.cursor_hidden(), "SIG{sig}: the cursor is still hidden");
    }
}

/// Today's file with the check-in done, so the TUI opens on Today.
fn checked_in_day(extra: &str) -> String {
    format!(
        "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_task = 3\nnext_block = 3\n\n\
         [checkin]\nat = \"{TODAY}T08:50:00+01:00\"\nfeeling = 4\n\n{extra}"
    )
}

/// The characters in column `col` of every row from `top` to `bottom`.
fn column(kot: &pty::Kot, col: u16, rows: std::ops::RangeInclusive<u16>) -> String {
    kot.with_screen(|screen| {
        rows.map(|r| {
            screen
                .cell(r, col)
                .map_or_else(|| "?".to_string(), |c| c.contents().to_string())
        })
        .collect()
    })
}

/// (item 13) Joined emoji (ZWJ, skin tones, VS16) and wide characters never
/// push a border out of place, also when only the title's row is redrawn:
/// each pane's right border is whole on every row. The title's emoji ends
/// right at the task pane's border, where a terminal that draws a ZWJ
/// sequence wider than ratatui counts would overwrite it.
#[test]
fn wide_and_joined_characters_keep_the_borders() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // Tasks pane: columns 0-49, the title starts at column 11.
    let task = format!("{}👩\u{200d}💻 Café 漢字", "x".repeat(36));
    let block = "👩\u{200d}💻 Café 漢字 👍🏽 ❤\u{fe0f} e\u{301}";
    common::write_file(
        &pty::day_path(tmp.path(), TODAY),
        checked_in_day(&format!(
            "[[tasks]]\nid = 1\ntitle = \"{task}\"\n\n\
             [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"{block}\"\n"
        ))
        .as_bytes(),
    );
    let mut kot = pty::Kot::spawn(tmp.path(), 100, 30, &[]);
    kot.wait_for_all(&["Tasks (0/1)", "漢字"]);
    // Done: the title's row is redrawn in another style, its border is not.
    kot.send("x");
    kot.wait_for("Tasks (1/1)");
    let rows = 7..=26;
    for col in [49, 50, 99] {
        let border = column(&kot, col, rows.clone());
        assert!(
            border.chars().all(|c| c == '│'),
            "column {col} is not a whole border: {border:?}\n{}",
            kot.screen()
        );
    }
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
}

/// (item 6) A hand-edited day with controls in its titles: the TUI shows them
/// escaped (as the CLI does) and writes none of them to the terminal.
#[test]
fn the_tui_shows_hostile_titles_escaped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let hostile = r"a\u001b]0;PWNED\u0007 \u202eevil";
    common::write_file(
        &pty::day_path(tmp.path(), TODAY),
        checked_in_day(&format!(
            "[[tasks]]\nid = 1\ntitle = \"{hostile}\"\n\n\
             [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"{hostile}\"\n"
        ))
        .as_bytes(),
    );
    let mut kot = pty::Kot::spawn(tmp.path(), 100, 30, &[]);
    let shown = r"a\e]0;PWNED\u{7} \u{202e}evil";
    let screen = kot.wait_for("evil");
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0);
    assert_eq!(screen.matches(shown).count(), 2, "{screen}");
    let raw = String::from_utf8_lossy(&kot.raw_output()).into_owned();
    assert!(
        !raw.contains("\u{1b}]0;PWNED"),
        "OSC 0 reached the terminal"
    );
    assert!(
        !raw.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
}

/// A data directory where a break is due ten (test-clock) seconds after start.
fn watch_dir() -> TempKot {
    let kot = TempKot::at(&format!("{TODAY}T09:49:50"));
    kot.write_day(
        TODAY,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n[checkin]\n\
             at = \"{TODAY}T08:55:00+01:00\"\nfeeling = 4\n"
        ),
    );
    kot
}

/// `kot watch` on a fast clock with no bus at all; `how` is `"watch"`, or an
/// `sh -c` script that runs it as `"$0"`.
fn watch(kot: &TempKot, how: &str) -> Command {
    let mut c = kot.command();
    if how == "watch" {
        c.arg("watch");
    } else {
        let mut sh = Command::new("sh");
        sh.arg("-c").arg(how).arg(c.get_program());
        for (k, v) in c.get_envs() {
            match v {
                Some(v) => sh.env(k, v),
                None => sh.env_remove(k),
            };
        }
        c = sh;
    }
    c.env("KOT_TIME_SCALE", "60")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(Stdio::null());
    c
}

/// Wait until the watch recorded its break prompt (false if it ended first).
fn wait_prompted(kot: &TempKot, child: &mut std::process::Child) -> bool {
    let end = Instant::now() + pty::deadline();
    loop {
        let coach = kot.day_toml(TODAY).get("coach").cloned();
        if coach
            .as_ref()
            .is_some_and(|c| c.get("prompted_at").is_some())
        {
            return true;
        }
        if Instant::now() >= end || child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// With stdout and stderr closed, the files kot opens next (its
/// single-instance lock) must not take their descriptors: kot's lines would
/// land in them. Rust's runtime gives closed standard descriptors /dev/null
/// before `main`; this keeps it so (a guard, not a fix).
#[test]
fn closed_std_descriptors_never_become_a_data_file() {
    let kot = watch_dir();
    let mut child = watch(&kot, r#"exec "$0" watch >&- 2>&-"#)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn kot watch");
    let prompted = wait_prompted(&kot, &mut child);
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().expect("wait for kot watch");
    assert!(prompted, "kot watch stopped coaching: {status}");
    assert_eq!(status.code(), Some(0));
    for file in common::files_below(kot.root()) {
        let text = String::from_utf8_lossy(&fs::read(&file).expect("read")).into_owned();
        assert!(
            !text.contains("kot watch"),
            "{} holds kot's output:\n{text}",
            file.display()
        );
    }
}
