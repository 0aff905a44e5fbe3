//! The Journal screen end to end: the real `kot` in a pseudo-terminal, the
//! text written in kot's editor and in `$EDITOR` (a script), read back from
//! the screen after a restart and from the file, found by the search. The
//! clock is fixed (Monday 2026-11-23 08:55, Europe/Brussels).
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use pty::{Kot, TODAY};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

/// Dutch accents, an emoji and CJK: each must come back exactly.
const WORLD: &str = "Één café, ijs 🙂 日本語 한국어";

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-jtui-")
        .tempdir()
        .expect("temp dir")
}

fn journal_file(dir: &Path) -> PathBuf {
    dir.join("journal")
        .join(&TODAY[..4])
        .join(format!("{TODAY}.toml"))
}

/// The day's text as kot wrote it.
fn text_on_disk(dir: &Path) -> String {
    let raw = fs::read_to_string(journal_file(dir)).expect("the journal file");
    let t: toml::Table = raw.parse().expect("TOML");
    t.get("text")
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A script for `$VISUAL` / `$EDITOR` that runs `body` with the file as `$1`.
fn editor(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Skip the morning check-in (Esc on each step, alone) and go to the journal.
#[track_caller]
fn to_journal(kot: &mut Kot) {
    for q in [
        "Where do you work today?",
        "How do you feel today?",
        "Pick today's top 3",
    ] {
        kot.wait_for(q);
        kot.send(ESC);
    }
    wait_today(kot);
    kot.send("2");
    kot.wait_for("Enter read");
}

/// The Today screen reads keys: its footer shows, no check-in over it.
#[track_caller]
fn wait_today(kot: &Kot) {
    kot.wait_until("the Today screen", |s| {
        kot.row(-1).starts_with("a add") && !s.contains("Good morning")
    });
}

#[track_caller]
fn quit(kot: &mut Kot) {
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0, "kot should exit 0 on q");
}

#[test]
fn text_written_in_kot_comes_back_after_a_restart_and_is_found() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("Ctrl-S saves");
    kot.send(WORLD);
    kot.send(ENTER);
    kot.send("tweede regel #klaar");
    kot.wait_for("#klaar");
    kot.send(ESC);
    kot.wait_for("Enter read");
    assert_eq!(
        text_on_disk(dir.path()),
        format!("{WORLD}\ntweede regel #klaar")
    );
    quit(&mut kot);

    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    wait_today(&kot);
    kot.send("2");
    kot.wait_for("Entries (1)");
    kot.send(ENTER);
    let screen = kot.wait_for("tweede regel");
    assert!(screen.contains(WORLD), "{screen}");
    kot.send("/");
    kot.wait_for("Search:");
    kot.send("café #klaar");
    kot.send(ENTER);
    let screen = kot.wait_for("1 day found");
    assert!(screen.contains("Mon 23 Nov 2026"), "{screen}");
    quit(&mut kot);
}

#[test]
fn the_editor_gets_the_terminal_and_its_text_is_saved() {
    let dir = tempdir();
    let scripts = tempdir();
    // An editor that talks with the user: it says it is ready, reads a line
    // from the terminal (kot's key reader must not take it) and adds it.
    let ed = editor(
        scripts.path(),
        "ed.sh",
        "printf 'EDITOR READY\\n'; IFS= read -r line; printf '%s\\n' \"$line\" >> \"$1\"",
    );
    let ed = ed.to_str().unwrap();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[("VISUAL", ed), ("EDITOR", ed)]);
    to_journal(&mut kot);
    kot.send("E");
    kot.wait_for("EDITOR READY");
    assert!(!kot.alternate_screen(), "the editor has the normal screen");
    kot.send(WORLD);
    kot.send(ENTER);
    kot.wait_for("Enter read");
    assert!(kot.alternate_screen(), "kot took the screen back");
    assert_eq!(text_on_disk(dir.path()), WORLD);
    // Keys work again.
    kot.send(ENTER);
    let screen = kot.wait_for("Monday 23 November 2026");
    assert!(screen.contains(WORLD), "{screen}");
    quit(&mut kot);
}

#[test]
fn a_failing_or_idle_editor_changes_nothing() {
    let dir = tempdir();
    let scripts = tempdir();
    let failing = editor(
        scripts.path(),
        "fail.sh",
        "printf 'changed\\n' > \"$1\"; exit 3",
    );
    let failing = failing.to_str().unwrap();
    let mut kot = Kot::spawn(
        dir.path(),
        COLS,
        ROWS,
        &[("VISUAL", failing), ("EDITOR", failing)],
    );
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("Ctrl-S saves");
    kot.send("before");
    kot.send(ESC);
    kot.wait_for("Enter read");
    let before = fs::read(journal_file(dir.path())).unwrap();
    kot.send("E");
    kot.wait_for("nothing was changed");
    assert_eq!(fs::read(journal_file(dir.path())).unwrap(), before);
    quit(&mut kot);

    let idle = editor(scripts.path(), "idle.sh", "true");
    let idle = idle.to_str().unwrap();
    let mut kot = Kot::spawn(
        dir.path(),
        COLS,
        ROWS,
        &[("VISUAL", idle), ("EDITOR", idle)],
    );
    wait_today(&kot);
    kot.send("2");
    kot.wait_for("Enter read");
    kot.send("E");
    kot.wait_for("the text is unchanged");
    assert_eq!(fs::read(journal_file(dir.path())).unwrap(), before);
    quit(&mut kot);
}
