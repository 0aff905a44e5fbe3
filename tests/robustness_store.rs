//! Faults of the store under hostile conditions (issue 6): a carry-over whose
//! target cannot be written, a stuck write lock, an unreadable earlier day, a
//! read-only data directory, a full disk, a symlinked day file and a failed
//! add in the TUI. The real binary, through the CLI and a pseudo-terminal.
//!
//! Root ignores file modes, so "cannot be written" comes from `chattr +i` or a
//! private tmpfs mount (`unshare -m`); a test fails loudly when neither works.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;
mod pty;

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{TODAY, TempKot, describe, stderr};
use pty::Kot;

const COLS: u16 = 100;
const ROWS: u16 = 30;
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

/// The Friday before the test Monday.
const FRIDAY: &str = "2026-11-20";

/// Today, checked in: the TUI opens on the Today screen.
const CHECKED_IN: &str = r#"schema = 1
date = "2026-11-23"
place = "home"
next_task = 1
next_block = 1

[checkin]
at = "2026-11-23T08:50:00+01:00"
feeling = 3
"#;

/// Makes a file or directory immutable (`chattr +i`) while it lives, so even
/// root cannot replace it; undone on drop, also when a test panics.
struct Immutable(PathBuf);

impl Immutable {
    #[track_caller]
    fn set(path: &Path) -> Self {
        chattr("+i", path);
        Self(path.to_path_buf())
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[track_caller]
fn chattr(flag: &str, path: &Path) {
    let out = Command::new("chattr")
        .arg(flag)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("this test needs chattr: {e}"));
    assert!(
        out.status.success(),
        "chattr {flag} {} failed (this test needs root and a file system with \
         immutable files):\n{}",
        path.display(),
        describe(&out)
    );
}

/// Take `<root>/.write.lock` from this process, as a stuck kot would hold it.
fn hold_write_lock(root: &Path) -> File {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".write.lock"))
        .expect("open the write lock");
    f.lock().expect("take the write lock");
    f
}

/// Run `cmd` to its end, or fail the test (instead of hanging it) when it
/// runs past the test deadline.
#[track_caller]
fn output_within_deadline(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let end = Instant::now() + pty::deadline();
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() >= end {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!(
                "still running after {:?}: {}",
                pty::deadline(),
                describe(&out)
            );
        }
        thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("wait")
}

fn today_file(kot: &TempKot) -> PathBuf {
    kot.day_path(TODAY)
}

/// Wait until the Today screen reads keys (its footer shows, no check-in).
#[track_caller]
fn wait_today(kot: &Kot) -> String {
    kot.wait_until("the Today screen", |s| {
        kot.row(-1).starts_with("a add") && !s.contains("Step ")
    })
}

// 1. Carry-over: the earlier day changes only once today's write worked.

#[test]
fn a_carry_that_cannot_write_today_changes_neither_day_and_says_so() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "--date", FRIDAY, "Alpha"]);
    kot.ok(&["plan", "add", "--date", FRIDAY, "Beta"]);
    let today = kot.write_day(TODAY, CHECKED_IN);
    let friday_before = fs::read(kot.day_path(FRIDAY)).unwrap();
    let frozen = Immutable::set(&today);

    // Wide enough for the whole error line with its path.
    let mut tui = Kot::spawn(kot.root(), 180, ROWS, &[]);
    wait_today(&tui);
    tui.send("c");
    tui.wait_for("Where do you work today?");
    tui.send(ENTER); // home, as it is: nothing to write
    tui.wait_for("How do you feel today?");
    tui.send(ENTER);
    tui.wait_for_all(&["Unfinished on", "Alpha", "Beta"]);
    tui.send(ENTER);
    tui.wait_for("2026-11-23.toml: Operation not permitted");
    assert_eq!(
        fs::read(kot.day_path(FRIDAY)).unwrap(),
        friday_before,
        "Friday changed although its tasks never reached today"
    );
    assert_eq!(fs::read_to_string(&today).unwrap(), CHECKED_IN);
    tui.wait_for("Carry-over not saved, nothing was lost");
    // Back on the choice, to try again or skip.
    tui.wait_for_all(&["Unfinished on", "Alpha", "Beta"]);

    // Once today can be written, the same choice carries both.
    drop(frozen);
    tui.send(ENTER);
    tui.wait_for("Pick today's top 3");
    let titles = common::task_titles(&kot.day_toml(TODAY));
    assert_eq!(
        titles.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
        ["Alpha", "Beta"]
    );
    let friday = kot.day_text(FRIDAY);
    assert_eq!(
        friday.matches("status = \"carried\"").count(),
        2,
        "{friday}"
    );
}

/// The lock is held by this test process, which is not a kot: kot names it
/// as another program, with its command name and pid.
fn holder_words() -> String {
    let comm = fs::read_to_string("/proc/self/comm").unwrap();
    format!(
        "another program ({}, pid {})",
        comm.trim(),
        std::process::id()
    )
}

/// `flock .write.lock sleep 30` (the issue's own example) is not a kot, and
/// is not called one.
#[test]
fn a_lock_held_by_another_program_is_not_called_a_kot() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    let lock_path = kot.root().join(".write.lock");
    let mut flock = std::process::Command::new("flock")
        .arg(&lock_path)
        .args(["sleep", "60"])
        .spawn()
        .unwrap();
    let end = Instant::now() + pty::deadline();
    while !fs::read_to_string("/proc/locks")
        .unwrap()
        .contains(&format!(" {} ", flock.id()))
    {
        assert!(Instant::now() < end, "flock never took the lock");
        thread::sleep(Duration::from_millis(10));
    }
    let out = output_within_deadline(kot.command().args(["--wait", "1", "plan", "add", "x"]));
    let _ = flock.kill();
    let _ = flock.wait();
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "still locked by another program (flock, pid {})",
            flock.id()
        )),
        "{err}"
    );
}

// 2. A stuck lock holder: bounded waits, the holder named, the TUI alive.

#[test]
fn a_stuck_lock_makes_a_change_give_up_after_wait_naming_the_holder() {
    let kot = TempKot::new();
    kot.ok(&["status"]); // the config exists
    let lock = hold_write_lock(kot.root());
    let out = output_within_deadline(kot.command().args(["--wait", "1", "plan", "add", "x"]));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("still locked by {}", holder_words()))
            && err.contains("nothing was changed")
            && err.contains("--wait"),
        "{err}"
    );
    assert!(!today_file(&kot).exists(), "the task was written anyway");
    // Reading needs no lock.
    kot.ok(&["--wait", "1", "plan", "list"]);
    drop(lock);
}

#[test]
fn a_waiting_change_says_so_once_and_lands_when_the_lock_is_let_go() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    let lock = hold_write_lock(kot.root());
    let mut child = kot
        .command()
        .args(["--wait", "60", "plan", "add", "Patient"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kot");
    let err = Arc::new(Mutex::new(String::new()));
    {
        let err = err.clone();
        let pipe = child.stderr.take().expect("stderr");
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut e = err.lock().unwrap();
                e.push_str(&line);
                e.push('\n');
            }
        });
    }
    let waiting = format!("kot: waiting for {} to finish writing", holder_words());
    let end = Instant::now() + pty::deadline();
    while !err.lock().unwrap().contains(&waiting) {
        assert!(
            Instant::now() < end,
            "no waiting message; stderr so far:\n{}",
            err.lock().unwrap()
        );
        thread::sleep(Duration::from_millis(10));
    }
    drop(lock);
    let out = output_within_deadline_of(child);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(err.lock().unwrap().matches("waiting for").count(), 1);
    assert!(kot.day_text(TODAY).contains("Patient"));
}

#[track_caller]
fn output_within_deadline_of(mut child: std::process::Child) -> Output {
    let end = Instant::now() + pty::deadline();
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() >= end {
            let _ = child.kill();
            panic!("kot still running after the lock was let go");
        }
        thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("wait")
}

#[test]
fn the_tui_keeps_an_edit_while_the_lock_is_stuck_and_saves_it_after() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    kot.write_day(TODAY, CHECKED_IN);
    let lock = hold_write_lock(kot.root());
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    wait_today(&tui);
    tui.send("a");
    tui.wait_for("New task");
    tui.send("Queued task");
    tui.send(ENTER);
    let waiting = format!("Waiting for {}: your change is kept", holder_words());
    tui.wait_for(&waiting);
    // The task is on screen meanwhile, marked as waiting to be saved.
    let screen = tui.wait_for("⧗ Queued task · waiting to be saved");
    assert_eq!(screen.matches("Queued task").count(), 1, "{screen}");
    // Keys still work: the help opens and closes.
    tui.send("?");
    tui.wait_for("Keys");
    tui.send(ESC);
    wait_today(&tui);
    assert!(!kot.day_text(TODAY).contains("Queued task"));

    drop(lock);
    let end = Instant::now() + pty::deadline();
    while !kot.day_text(TODAY).contains("Queued task") {
        assert!(Instant::now() < end, "the kept edit never landed");
        thread::sleep(Duration::from_millis(10));
    }
    tui.wait_gone("Waiting for another program");
    tui.wait_gone("waiting to be saved");
    tui.wait_for("Queued task");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn q_quits_while_the_lock_is_stuck_and_says_what_was_not_saved() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    kot.write_day(TODAY, CHECKED_IN);
    let _lock = hold_write_lock(kot.root());
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    wait_today(&tui);
    tui.send("a");
    tui.wait_for("New task");
    tui.send("Never saved");
    tui.send(ENTER);
    tui.wait_for("Waiting for another program");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 1);
    assert!(
        tui.screen().contains("your last change was not saved"),
        "{}",
        tui.screen()
    );
}

// 3. An unreadable earlier day is named in the check-in, and offered once fixed.

#[test]
fn the_checkin_names_an_unreadable_earlier_day_and_offers_it_once_fixed() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    let friday = kot.write_day(FRIDAY, "date = \"2026-11-20\"\ntasks = [\n");
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    tui.wait_for("Where do you work today?");
    tui.wait_for_all(&["Friday 20 November 2026 could not be read", "not offered"]);
    // No carry step: place, feeling, top, each skipped.
    for step in [
        "Where do you work today?",
        "How do you feel today?",
        "Pick today's top 3",
    ] {
        tui.wait_for(step);
        tui.send(ESC);
    }
    wait_today(&tui);

    common::write_file(
        &friday,
        b"schema = 1\ndate = \"2026-11-20\"\nnext_task = 2\n\n[[tasks]]\nid = 1\ntitle = \"Fixed task\"\n",
    );
    tui.send("c");
    tui.wait_for("Where do you work today?");
    tui.wait_gone("could not be read");
    tui.send(ENTER);
    tui.wait_for("How do you feel today?");
    tui.send(ENTER);
    tui.wait_for_all(&["Unfinished on", "Fixed task"]);
}

// 4. A read-only data directory: reading works, the TUI says it cannot change.

/// A fresh data directory without config.toml that cannot be written.
fn read_only_dir(kot: &TempKot) -> Immutable {
    fs::create_dir_all(kot.root()).unwrap();
    let guard = Immutable::set(kot.root());
    let probe = kot.root().join("probe");
    assert!(
        File::create(&probe).is_err(),
        "chattr +i did not make {} read-only: this test would test nothing",
        kot.root().display()
    );
    guard
}

#[test]
fn a_read_only_directory_still_lists_and_reports_but_refuses_changes() {
    let kot = TempKot::new();
    let _ro = read_only_dir(&kot);
    let list = kot.ok(&["plan", "list"]);
    assert!(!list.is_empty());
    kot.ok(&["status"]);
    let err = kot.fail_one_line(&["--wait", "1", "plan", "add", "x"]);
    assert!(
        err.contains("is read-only, so nothing was changed"),
        "{err}"
    );
    assert!(!kot.config_path().exists());
}

#[test]
fn the_tui_opens_a_read_only_directory_read_only() {
    let kot = TempKot::new();
    let _ro = read_only_dir(&kot);
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    tui.wait_until("read-only in the header", |_| {
        tui.row(0).contains("08:55 · read-only")
    });
    wait_today(&tui);
    // The box opens saying so, so the title typed after `a` lands in it
    // and not on Today's keys; Enter saves nothing.
    tui.send("a");
    tui.send("tea");
    tui.wait_for_all(&["New task", "tea", "is read-only: kot shows your"]);
    tui.send("\r");
    tui.wait_for_all(&["New task", "is read-only"]);
    tui.send("\x1b");
    tui.wait_gone("New task");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Only the data directory is immutable: today's `days/2026` still takes
/// writes, as the CLI finds, so the TUI must not call itself read-only
/// (it once probed the data directory alone).
#[test]
fn an_immutable_data_dir_with_a_writable_day_dir_is_not_read_only() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    kot.write_day(TODAY, CHECKED_IN);
    let _ro = read_only_dir(&kot);
    kot.ok(&["plan", "add", "from the cli"]);
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    wait_today(&tui);
    assert!(!tui.row(0).contains("read-only"), "{}", tui.screen());
    tui.send("a");
    tui.wait_for("New task");
    tui.send("from the tui");
    tui.send(ENTER);
    let end = Instant::now() + pty::deadline();
    while !kot.day_text(TODAY).contains("from the tui") {
        assert!(
            Instant::now() < end,
            "the TUI's task never landed: {}",
            tui.screen()
        );
        thread::sleep(Duration::from_millis(10));
    }
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

// 13. A full disk, a symlinked day file, a failed add.

#[test]
fn a_full_disk_names_the_day_file_not_the_temp_file() {
    let kot = TempKot::new();
    fs::create_dir_all(kot.root()).unwrap();
    // A private mount namespace, so the tiny tmpfs is seen by this script only.
    let script = r#"
        set -u
        mount -t tmpfs -o size=256k tmpfs "$KOT_DIR" || exit 97
        "$KOT" status >/dev/null || exit 98
        "$KOT" plan add first >/dev/null || exit 99
        dd if=/dev/zero of="$KOT_DIR/fill" bs=4096 2>/dev/null
        "$KOT" plan add second
        echo "exit=$?"
        cat "$KOT_DIR/days/2026/2026-11-23.toml"
    "#;
    let kot_cmd = kot.command();
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .envs(kot_cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("KOT", kot_cmd.get_program())
        .output()
        .expect("this test needs unshare");
    let text = format!("{}{}", common::stdout(&out), stderr(&out));
    assert!(
        out.status.success(),
        "unshare -m with a tmpfs failed (needs root):\n{}",
        describe(&out)
    );
    let day = kot.day_path(TODAY).display().to_string();
    assert!(text.contains("exit=1"), "{text}");
    assert!(
        text.contains(&format!("kot: {day}: No space left on device")),
        "{text}"
    );
    assert!(!text.contains(".kot-"), "the temp file is named: {text}");
    assert!(text.contains("title = \"first\""), "{text}");
}

#[test]
fn a_symlinked_day_file_is_written_through_its_link() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "First"]);
    let link = today_file(&kot);
    let real = kot
        .root()
        .parent()
        .unwrap()
        .join("synced")
        .join("today.toml");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::rename(&link, &real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();

    kot.ok(&["plan", "add", "Second"]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a copy"
    );
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.contains("First") && text.contains("Second"), "{text}");
}

#[test]
fn a_failed_add_in_the_tui_keeps_the_typed_title() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    let today = kot.write_day(TODAY, CHECKED_IN);
    let _frozen = Immutable::set(&today);
    let mut tui = Kot::spawn(kot.root(), COLS, ROWS, &[]);
    wait_today(&tui);
    tui.send("a");
    tui.wait_for("New task");
    tui.send("Keep this title");
    tui.send(ENTER);
    tui.wait_for("Operation not permitted");
    tui.wait_for_all(&["New task", "Keep this title"]);
    assert_eq!(fs::read_to_string(&today).unwrap(), CHECKED_IN);
}
