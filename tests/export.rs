//! `kot export` as issue 16 found it, through the real binary: `-o PATH`
//! writes only to a new path or over a regular file it was told to replace
//! (item 3); on a terminal nothing from a file reaches it as a control
//! (item 11); the Markdown shows titles, names and wins as written and keeps
//! the journal's headings below the day's (item 12); a reversed range and a
//! date past 9999 are refused.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;
mod pty;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{TODAY, TempKot, describe, mode, stderr, stdout};

/// A data directory with one journal entry today, and the scratch directory
/// beside it where the exports go.
fn with_entry() -> (TempKot, PathBuf) {
    let kot = TempKot::new();
    kot.ok(&["journal", "A quiet day"]);
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    (kot, scratch)
}

/// `kot ARGS` run in `cwd`.
fn in_dir(kot: &TempKot, cwd: &Path, args: &[&str]) -> Output {
    kot.command()
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"))
}

/// Assert a failure (exit 1, one `kot:` line, nothing on stdout); the line.
#[track_caller]
fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", describe(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{}", describe(out));
    assert!(err.starts_with("kot: "), "{}", describe(out));
    assert_eq!(stdout(out), "", "{}", describe(out));
    err.trim_end().to_string()
}

#[track_caller]
fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", describe(out));
    stdout(out)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

// ---- item 3: -o PATH ----

#[test]
fn a_bare_file_name_is_written_in_the_current_directory() {
    let (kot, scratch) = with_entry();
    let out = in_dir(&kot, &scratch, &["export", "-o", "out.md"]);
    let said = ok(&out);
    assert!(said.contains("out.md"), "{said}");
    let text = fs::read_to_string(scratch.join("out.md")).unwrap();
    assert!(text.starts_with("# Journal\n"), "{text}");
    assert!(text.contains("A quiet day"), "{text}");
    assert_eq!(mode(&scratch.join("out.md")), 0o600);
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let (kot, scratch) = with_entry();
    let target = scratch.join("notes.md");
    fs::write(&target, "my own notes\n").unwrap();
    let line = refused(&in_dir(&kot, &scratch, &["export", "-o", p(&target)]));
    assert!(line.contains(p(&target)), "{line}");
    assert!(line.contains("--force"), "{line}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "my own notes\n");

    // --force replaces it atomically: a hard link keeps the old content.
    let link = scratch.join("notes-link.md");
    fs::hard_link(&target, &link).unwrap();
    ok(&in_dir(
        &kot,
        &scratch,
        &["export", "-o", p(&target), "--force"],
    ));
    let text = fs::read_to_string(&target).unwrap();
    assert!(text.contains("A quiet day"), "{text}");
    assert_eq!(mode(&target), 0o600);
    assert_eq!(fs::read_to_string(&link).unwrap(), "my own notes\n");
    let names: Vec<_> = fs::read_dir(&scratch)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temp files left: {names:?}");
}

#[test]
fn in_place_keeps_the_files_hard_links() {
    let (kot, scratch) = with_entry();
    let target = scratch.join("shared.md");
    fs::write(&target, "old\n").unwrap();
    let link = scratch.join("shared-link.md");
    fs::hard_link(&target, &link).unwrap();
    let inode = fs::metadata(&target).unwrap().ino();

    // --in-place alone is not leave to replace: it needs --force (usage, 2).
    let out = in_dir(&kot, &scratch, &["export", "-o", p(&target), "--in-place"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");

    let args = ["export", "-o", p(&target), "--force", "--in-place"];
    ok(&in_dir(&kot, &scratch, &args));
    assert_eq!(fs::metadata(&target).unwrap().ino(), inode);
    let text = fs::read_to_string(&link).unwrap();
    assert!(text.contains("A quiet day"), "the link sees it: {text}");
    assert!(!text.contains("old\n"), "{text}");
}

/// What is at `path` now, to compare before and after.
fn kind(path: &Path) -> &'static str {
    let t = fs::symlink_metadata(path).unwrap().file_type();
    if t.is_fifo() {
        "fifo"
    } else if t.is_char_device() {
        "char device"
    } else if t.is_socket() {
        "socket"
    } else if t.is_dir() {
        "directory"
    } else if t.is_symlink() {
        "symlink"
    } else {
        "file"
    }
}

#[track_caller]
fn assert_refused_and_kept(kot: &TempKot, scratch: &Path, target: &Path, word: &str) {
    let before = kind(target);
    for force in [false, true] {
        let mut args = vec!["export", "-o", p(target)];
        if force {
            args.push("--force");
        }
        let line = refused(&in_dir(kot, scratch, &args));
        assert!(line.contains(p(target)), "{line}");
        assert!(line.contains(word), "{word:?} in {line}");
        assert!(line.contains("not a regular file"), "{line}");
        assert_eq!(kind(target), before, "{} was replaced", target.display());
    }
}

#[test]
fn a_fifo_a_socket_or_a_directory_is_refused_and_left_as_it_is() {
    let (kot, scratch) = with_entry();
    let fifo = scratch.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    assert_refused_and_kept(&kot, &scratch, &fifo, "FIFO");

    let sock = scratch.join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    assert_refused_and_kept(&kot, &scratch, &sock, "socket");

    let dir = scratch.join("folder");
    fs::create_dir(&dir).unwrap();
    assert_refused_and_kept(&kot, &scratch, &dir, "directory");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);

    // A link to a FIFO is the FIFO.
    let link = scratch.join("pipe-link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let line = refused(&in_dir(
        &kot,
        &scratch,
        &["export", "-o", p(&link), "--force"],
    ));
    assert!(line.contains("FIFO"), "{line}");
    assert_eq!(kind(&fifo), "fifo");
}

/// A device like /dev/null, made in the test's own directory (only root
/// can; skipped otherwise). The machine's /dev/null is never touched.
#[test]
fn a_device_is_refused_and_left_as_it_is() {
    let (kot, scratch) = with_entry();
    let null = scratch.join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    assert_refused_and_kept(&kot, &scratch, &null, "device");
}

#[test]
fn a_link_to_a_file_is_followed_once_forced_and_a_dangling_one_refused() {
    let (kot, scratch) = with_entry();
    let real = scratch.join("real.md");
    fs::write(&real, "mine\n").unwrap();
    let link = scratch.join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let line = refused(&in_dir(&kot, &scratch, &["export", "-o", p(&link)]));
    assert!(
        line.contains(p(&real)),
        "the refusal names the target: {line}"
    );
    assert!(line.contains("--force"), "{line}");
    assert_eq!(fs::read_to_string(&real).unwrap(), "mine\n");

    ok(&in_dir(
        &kot,
        &scratch,
        &["export", "-o", p(&link), "--force"],
    ));
    assert_eq!(kind(&link), "symlink");
    assert!(fs::read_to_string(&real).unwrap().contains("A quiet day"));

    let dangling = scratch.join("dangling.md");
    let nowhere = scratch.join("nowhere.md");
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    let line = refused(&in_dir(&kot, &scratch, &["export", "-o", p(&dangling)]));
    assert!(line.contains(p(&nowhere)), "{line}");
    assert!(!nowhere.exists());
}

// ---- small ones: the range and the years ----

#[test]
fn from_after_to_is_refused() {
    let (kot, scratch) = with_entry();
    let out = in_dir(
        &kot,
        &scratch,
        &["export", "--from", "2026-11-23", "--to", "2026-11-20"],
    );
    let line = refused(&out);
    assert!(
        line.contains("2026-11-20") && line.contains("2026-11-23"),
        "{line}"
    );
}

#[test]
fn dates_outside_the_years_kot_keeps_are_refused() {
    let late = TempKot::at("9999-12-31T12:00:00");
    let line = late.fail_one_line(&["plan", "add", "x", "--date", "tomorrow"]);
    assert!(line.contains("9999-12-31"), "{line}");
    assert!(!late.root().join("days/10000").exists());
    assert!(
        common::files_below(late.root())
            .iter()
            .all(|f| !f.to_string_lossy().contains("+10000")),
        "{:?}",
        common::files_below(late.root())
    );
    late.ok(&["plan", "add", "x", "--date", "today"]);

    let early = TempKot::at("1900-01-01T12:00:00");
    let line = early.fail_one_line(&["journal", "show", "--date", "yesterday"]);
    assert!(line.contains("1900-01-01"), "{line}");

    // A jrnl stamp past 9999 is no date kot keeps either: the import is
    // refused with its line, and nothing is written.
    let kot = TempKot::new();
    let jrnl = kot.root().parent().expect("scratch").join("far.txt");
    fs::write(&jrnl, "[2026-01-05 09:12] near\n[+10000-01-05 09:12] far\n").unwrap();
    let line = kot.fail_one_line(&["import", "jrnl", p(&jrnl)]);
    assert!(
        line.contains("line 2") && line.contains("1900–9999"),
        "{line}"
    );
    let files = common::files_below(kot.root());
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().contains("journal/")),
        "{files:?}"
    );
}

// ---- item 12: Markdown ----

const FORGED_TEXT: &str = "09:00 fine\n\
## Tuesday 2026-11-24\n\
\n\
Mood 5/5 · Energy 5/5\n\
\n\
   # indented heading\n\
A heading\n\
===\n\
\n\
```sh\n\
# a comment in code\n\
```\n\
#werk is a tag\n\
~~~\n\
still code";

fn hostile_day(kot: &TempKot) {
    kot.ok(&["plan", "add", "<img src=x onerror=alert(1)>"]);
    kot.ok(&[
        "plan",
        "block",
        "add",
        "10:00-10:30",
        "[x](javascript:alert(1))",
        "--meeting",
    ]);
    let journal = kot.root().join(format!("journal/2026/{TODAY}.toml"));
    fs::create_dir_all(journal.parent().unwrap()).unwrap();
    let text = toml::Value::String(FORGED_TEXT.into());
    fs::write(
        &journal,
        format!(
            "date = \"{TODAY}\"\nmood = 2\n\
             wins = [\"<img src=x onerror=alert(1)>\", \"- *big* &amp; [y](javascript:z)\"]\n\
             text = {text}\n\n\
             [[contacts]]\nwho = \"<b>Lena</b>\"\nhow = \"call\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn markdown_shows_titles_names_and_wins_as_written() {
    let kot = TempKot::new();
    hostile_day(&kot);
    let md = kot.ok(&["export"]);
    for escaped in [
        r"- [ ] \<img src=x onerror=alert(1)\>",
        r"- 10:00-10:30 \[x\](javascript:alert(1)) (meeting)",
        r"- \<img src=x onerror=alert(1)\>",
        r"- \- \*big\* \&amp; \[y\](javascript:z)",
        r"\<b\>Lena\</b\> (call)",
    ] {
        assert!(md.contains(escaped), "{escaped:?} in\n{md}");
    }
    assert!(!md.contains("[x]("), "{md}");
    assert!(!md.contains("[y]("), "{md}");
    assert!(!md.contains(" <"), "{md}");
}

#[test]
fn markdown_keeps_the_journals_headings_below_the_days() {
    let kot = TempKot::new();
    hostile_day(&kot);
    let md = kot.ok(&["export"]);
    // The comment inside the code fence is code, not a heading.
    let headings: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("# ") || l.starts_with("## "))
        .filter(|l| *l != "# a comment in code")
        .collect();
    assert_eq!(headings, ["# Journal", "## Monday 2026-11-23"], "{md}");
    for demoted in [
        "##### Tuesday 2026-11-24",
        "#### indented heading",
        "#### A heading",
    ] {
        assert!(md.lines().any(|l| l == demoted), "{demoted:?} in\n{md}");
    }
    assert!(!md.lines().any(|l| l == "==="), "{md}");
    // Code stays code, a tag stays a tag, and a fence left open is closed
    // before the plan, so the plan is not swallowed into it.
    assert!(md.contains("```sh\n# a comment in code\n```\n"), "{md}");
    assert!(md.contains("\n#werk is a tag\n"), "{md}");
    assert!(md.contains("~~~\nstill code\n~~~\n"), "{md}");
    assert!(md.contains("\n### Plan\n"), "{md}");
}

// ---- item 11: a terminal ----

/// Journal text and a win that would set the terminal's title, write its
/// clipboard, colour it through a C1 CSI and reverse the line.
const HOSTILE: &str =
    "09:00 x\u{1b}]0;PWNED\u{7} \u{1b}]52;c;aGk=\u{7} \u{9b}31m red \u{202e}evil\u{2066}";

fn hostile_journal(dir: &Path) {
    let journal = dir.join(format!("journal/2026/{TODAY}.toml"));
    fs::create_dir_all(journal.parent().unwrap()).unwrap();
    let text = toml::Value::String(HOSTILE.into());
    let win = toml::Value::String("won\u{9b}2J".into());
    fs::write(
        &journal,
        format!("date = \"{TODAY}\"\nwins = [{win}]\ntext = {text}\n"),
    )
    .unwrap();
}

/// Anything in `bytes` a terminal acts on, apart from the line ends the
/// terminal itself writes (`\r\n`).
fn controls_in(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\r')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

/// `kot ARGS` on a terminal; everything it wrote and the screen.
fn on_terminal(dir: &Path, args: &[&str]) -> (Vec<u8>, String) {
    let mut kot = pty::Kot::spawn_args(dir, 120, 30, args, &[]);
    let code = kot.wait_exit();
    assert_eq!(code, 0, "{}", kot.screen());
    (kot.raw_output(), kot.screen())
}

#[test]
fn markdown_on_a_terminal_shows_controls_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_journal(tmp.path());
    let (raw, screen) = on_terminal(tmp.path(), &["export"]);
    let found = controls_in(&raw);
    assert!(
        found.is_empty(),
        "raw {found:?} in {:?}",
        String::from_utf8_lossy(&raw)
    );
    assert!(screen.contains(r"x\e]0;PWNED\u{7}"), "{screen}");
    assert!(screen.contains(r"\u{9b}31m red \u{202e}evil"), "{screen}");
    // A win is a value escaped for Markdown: its backslash too.
    assert!(screen.contains(r"won\\u{9b}2J"), "{screen}");
}

#[test]
fn json_on_a_terminal_is_exact_and_safe() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_journal(tmp.path());
    let (raw, _) = on_terminal(tmp.path(), &["export", "--format", "json"]);
    let found = controls_in(&raw);
    assert!(
        found.is_empty(),
        "raw {found:?} in {:?}",
        String::from_utf8_lossy(&raw)
    );
    // The same JSON read back from a pipe is exact: the text as written.
    let out = pty::cli(tmp.path(), &["export", "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["days"][0]["journal"]["text"].as_str(), Some(HOSTILE));
    assert!(controls_in(&out.stdout).is_empty());
    let text = String::from_utf8_lossy(&raw).replace("\r\n", "\n");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["days"][0]["journal"]["text"].as_str(), Some(HOSTILE));
}

#[test]
fn markdown_into_a_file_or_a_pipe_keeps_the_text_exact() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_journal(tmp.path());
    let out = pty::cli(tmp.path(), &["export"], &[]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stdout(&out).contains(HOSTILE), "{}", describe(&out));
    let file = tmp.path().join("out.md");
    let out = pty::cli(tmp.path(), &["export", "-o", "out.md"], &[]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(fs::read_to_string(&file).unwrap().contains(HOSTILE));
}

/// The Markdown keeps every task of the day: carried and dropped ones are
/// said so, not left out. An ignored break shows when it was due (not a span
/// that reads as hours of rest), time away is said as such, video calls too.
#[test]
fn markdown_keeps_carried_and_dropped_tasks_and_says_how_breaks_went() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        format!(
            "schema = 2\ndate = \"{TODAY}\"\nplace = \"home\"\nnext_task = 4\nnext_block = 2\n\n\
             [[tasks]]\nid = 1\ntitle = \"Report\"\nstatus = \"done\"\n\n\
             [[tasks]]\nid = 2\ntitle = \"Review PR\"\nstatus = \"carried\"\ncarried_to = \"2026-11-24\"\n\n\
             [[tasks]]\nid = 3\ntitle = \"Wiki page\"\nstatus = \"dropped\"\n\n\
             [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"Standup\"\nkind = \"meeting\"\nvideo = true\n\n\
             [[breaks]]\nkind = \"short\"\noutcome = \"ignored\"\n\
             start = \"{TODAY}T13:28:00+01:00\"\nend = \"{TODAY}T15:50:00+01:00\"\n\n\
             [[breaks]]\nkind = \"short\"\noutcome = \"taken\"\ncounted = \"away\"\n\
             start = \"{TODAY}T11:31:00+01:00\"\nend = \"{TODAY}T12:05:00+01:00\"\n"
        ),
    );
    let md = kot.ok(&["export", "--format", "markdown"]);
    for want in [
        "- [x] Report",
        "- [ ] Review PR (carried to 2026-11-24)",
        "- [ ] ~~Wiki page~~ (dropped)",
        "Standup (video)",
        "- 13:28 short break (ignored)",
        "- 11:31–12:05 short break (taken, away, counted as a break)",
    ] {
        assert!(md.contains(want), "{want:?} missing in:\n{md}");
    }
    assert!(!md.contains("13:28–15:50"), "{md}");
}
