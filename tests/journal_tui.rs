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

/// The journal's drafts of unsaved text, in the data directory.
fn draft_file(dir: &Path) -> PathBuf {
    dir.join("drafts").join(format!("journal-{TODAY}.draft"))
}

/// Wait until the day's text on disk is `want` (the write runs after the key).
#[track_caller]
fn wait_text_on_disk(kot: &Kot, dir: &Path, want: &str) {
    kot.wait_until(&format!("the text {want:?} on disk"), |_| {
        fs::read_to_string(journal_file(dir))
            .ok()
            .and_then(|raw| raw.parse::<toml::Table>().ok())
            .and_then(|t| t.get("text").and_then(|v| v.as_str().map(str::to_string)))
            .is_some_and(|t| t == want)
    });
}

#[test]
fn a_failed_save_keeps_the_editor_open_with_the_text() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("Ctrl-S saves");
    kot.send("typed before the disk broke");
    kot.wait_for("typed before the disk broke");
    // A directory where the day's file goes: no write can replace it, even
    // as root (where chmod does not stop a write).
    fs::create_dir_all(journal_file(dir.path()).join("blocker")).unwrap();
    kot.send("\x13");
    kot.wait_for("Is a directory");
    kot.send(ESC);
    kot.wait_for("so the editor stays open");
    // Still in the editor, the text still there: the next key goes into it.
    kot.send("!");
    kot.wait_for("typed before the disk broke!");
    fs::remove_dir_all(journal_file(dir.path())).unwrap();
    kot.send("\x13");
    wait_text_on_disk(&kot, dir.path(), "typed before the disk broke!");
    // The save is said, in place of the error, until the next key.
    kot.wait_for("Saved · Ctrl-S saves · Esc closes");
    kot.send(ESC);
    kot.wait_for("Enter read");
    assert!(
        !draft_file(dir.path()).exists(),
        "a saved text leaves no draft"
    );
    quit(&mut kot);
}

/// Typed text, then kot ends by `stop`: the text is kept as a private draft,
/// kot says so, and the next open offers it back.
fn unsaved_text_survives(stop: impl FnOnce(&mut Kot)) {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("Ctrl-S saves");
    kot.send("words nobody saved");
    kot.wait_for("words nobody saved");
    stop(&mut kot);
    kot.wait_exit();
    let screen = kot.screen();
    assert!(
        screen.contains("kept your unsaved journal text as a draft"),
        "{screen}"
    );
    let draft = draft_file(dir.path());
    let mode = fs::metadata(&draft)
        .unwrap_or_else(|e| panic!("no draft at {}: {e}", draft.display()))
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the draft is private");
    assert!(
        fs::read_to_string(&draft)
            .unwrap()
            .contains("words nobody saved")
    );

    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    wait_today(&kot);
    kot.send("2");
    kot.wait_for("Enter read");
    kot.send("t");
    let screen = kot.wait_for("words nobody saved");
    assert!(
        screen.contains("draft"),
        "the editor says where it came from: {screen}"
    );
    kot.send(ESC);
    kot.wait_for("Enter read");
    wait_text_on_disk(&kot, dir.path(), "words nobody saved");
    // The draft goes only after the save is on disk: wait for it, not race it.
    kot.wait_until("the draft gone once saved", |_| !draft.exists());
    quit(&mut kot);
}

#[test]
fn sigterm_keeps_unsaved_text_as_a_draft() {
    unsaved_text_survives(|kot| unsafe {
        libc::kill(i32::try_from(kot.pid()).unwrap(), libc::SIGTERM);
    });
}

#[test]
fn sighup_keeps_unsaved_text_as_a_draft() {
    unsaved_text_survives(|kot| unsafe {
        libc::kill(i32::try_from(kot.pid()).unwrap(), libc::SIGHUP);
    });
}

#[test]
fn ctrl_c_keeps_unsaved_text_as_a_draft() {
    unsaved_text_survives(|kot| kot.send("\x03"));
}

#[test]
fn a_hand_written_text_can_be_edited_in_kot() {
    let dir = tempdir();
    let file = journal_file(dir.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    // A trailing line break (any `"""` string), CRLF, trailing spaces and a
    // control character: not kot's own form of the text.
    fs::write(
        &file,
        "text = \"\"\"\nhand\\u0007 written\\r\nsecond line  \n\"\"\"\n",
    )
    .unwrap();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("second line");
    kot.send(" more");
    kot.wait_for("second line more");
    kot.send("\x13");
    wait_text_on_disk(&kot, dir.path(), "hand written\nsecond line more");
    kot.send("!");
    kot.wait_for("more!");
    kot.send(ESC);
    kot.wait_for("Enter read");
    wait_text_on_disk(&kot, dir.path(), "hand written\nsecond line more!");
    quit(&mut kot);
}

#[test]
fn after_a_conflict_both_texts_are_shown_and_saved() {
    let dir = tempdir();
    pty::cli_ok(dir.path(), &["journal", "first thought"]);
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("first thought");
    kot.send(ENTER);
    kot.send("my own line");
    kot.wait_for("my own line");
    pty::cli_ok(dir.path(), &["journal", "appended meanwhile"]);
    kot.send("\x13");
    let screen = kot.wait_for("written meanwhile elsewhere");
    assert!(screen.contains("appended meanwhile"), "{screen}");
    assert!(screen.contains("my own line"), "{screen}");
    kot.send("\x13");
    kot.wait_until("both texts on disk", |_| {
        fs::read_to_string(journal_file(dir.path()))
            .is_ok_and(|t| t.contains("appended meanwhile") && t.contains("my own line"))
    });
    kot.send(ESC);
    kot.wait_for("Enter read");
    let text = text_on_disk(dir.path());
    assert!(text.contains("08:55 appended meanwhile"), "{text}");
    assert!(text.contains("my own line"), "{text}");
    quit(&mut kot);
}

/// The same rule for kot's one-line inputs (here a new task's title): typed,
/// then kot stopped by SIGTERM; the text comes back in the same input.
#[test]
fn a_task_title_being_typed_survives_sigterm() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("1");
    wait_today(&kot);
    kot.send("a");
    kot.wait_for("New task");
    kot.send("half a task title");
    kot.wait_for("half a task title");
    unsafe {
        libc::kill(i32::try_from(kot.pid()).unwrap(), libc::SIGTERM);
    }
    kot.wait_exit();
    let screen = kot.screen();
    assert!(
        screen.contains("kept what you were typing as a draft"),
        "{screen}"
    );
    let draft = dir
        .path()
        .join("drafts")
        .join(format!("input-{TODAY}-add-task.draft"));
    assert_eq!(
        fs::metadata(&draft).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    wait_today(&kot);
    kot.send("a");
    let screen = kot.wait_for("half a task title");
    assert!(screen.contains("Typed before and not saved"), "{screen}");
    kot.send(ENTER);
    kot.wait_gone("Typed before");
    kot.wait_until("the task in the day file", |_| {
        fs::read_to_string(pty::day_path(dir.path(), TODAY))
            .is_ok_and(|t| t.contains("half a task title"))
    });
    kot.wait_until("the draft removed", |_| !draft.exists());
    quit(&mut kot);
}

/// And for a line of the evening form (a win being typed).
#[test]
fn a_win_being_typed_survives_sighup() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("e");
    kot.wait_for("Relatedness");
    kot.send("w");
    kot.send("a win nobody saved");
    kot.wait_for("a win nobody saved");
    unsafe {
        libc::kill(i32::try_from(kot.pid()).unwrap(), libc::SIGHUP);
    }
    kot.wait_exit();
    let screen = kot.screen();
    assert!(
        screen.contains("kept what you were typing as a draft"),
        "{screen}"
    );

    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    wait_today(&kot);
    kot.send("2");
    kot.wait_for("Enter read");
    kot.send("e");
    kot.wait_for("Relatedness");
    kot.send("w");
    kot.wait_for("a win nobody saved");
    kot.send(ENTER);
    kot.wait_until("the win in the journal file", |_| {
        fs::read_to_string(journal_file(dir.path())).is_ok_and(|t| t.contains("a win nobody saved"))
    });
    kot.send(ESC);
    kot.wait_for("Enter read");
    quit(&mut kot);
}

/// SIGKILL cannot be caught: the draft is written while typing instead, so
/// a kill loses at most the last second.
#[test]
fn text_typed_a_moment_before_a_sigkill_is_offered_back() {
    let dir = tempdir();
    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    to_journal(&mut kot);
    kot.send("t");
    kot.wait_for("Ctrl-S saves");
    kot.send("typed just before the kill");
    kot.wait_for("typed just before the kill");
    kot.wait_until("the draft on disk", |_| {
        fs::read_to_string(draft_file(dir.path()))
            .is_ok_and(|t| t.contains("typed just before the kill"))
    });
    unsafe {
        libc::kill(i32::try_from(kot.pid()).unwrap(), libc::SIGKILL);
    }
    kot.wait_exit();

    let mut kot = Kot::spawn(dir.path(), COLS, ROWS, &[]);
    wait_today(&kot);
    kot.send("2");
    kot.wait_for("Enter read");
    kot.send("t");
    kot.wait_for("typed just before the kill");
    kot.send(ESC);
    kot.wait_for("Enter read");
    wait_text_on_disk(&kot, dir.path(), "typed just before the kill");
    quit(&mut kot);
}
