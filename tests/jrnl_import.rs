//! `kot import jrnl` through the real binary, against journals in jrnl's own
//! formats (issue 16, items 2 and 6): whole-entry dedupe, the plain text and
//! then jrnl's JSON export of the same journal, all-or-nothing on bad input,
//! jrnl 1.x, encrypted and folder journals, jrnl's tags, parallel imports; and
//! search folding case as Unicode does.
//!
//! The journals are written here in jrnl's exact formats, each naming the file
//! of jrnl's test suite (github.com/jrnl-org/jrnl, `tests/data/journals/`,
//! GPL-3) whose shape it mirrors; the words are our own, so no GPL text is
//! copied into this MIT crate.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;
mod pty;

use std::fs;
use std::path::PathBuf;
use std::process::Stdio;

use common::{TempKot, describe, stderr, stdout, wait_timeout, wait_until, write_file};

/// A journal as jrnl 2 writes it (mirrors `simple.journal` and
/// `basic_onefile.journal`): bracketed stamps, a star after the title, a body
/// with blank lines, `@tags`.
const PLAIN: &str = "\
[2013-06-09 15:39] My first entry.
Everything is alright

[2013-06-10 15:40] Life is good. *
But I'm better. @work

[2020-08-29 11:11] Entry the first.

Lorem @ipsum dolor sit amet.
Second line of it.

Another paragraph. @tagtwo
";

/// `jrnl --export json` of `PLAIN`, as jrnl's `JSONExporter` writes it: the
/// title is the first sentence, the body the rest, stripped.
const EXPORT: &str = r#"{
  "tags": {"@work": 1, "@ipsum": 1, "@tagtwo": 1},
  "entries": [
    {"title": "My first entry.", "body": "Everything is alright", "date": "2013-06-09", "time": "15:39", "tags": [], "starred": false},
    {"title": "Life is good.", "body": "But I'm better. @work", "date": "2013-06-10", "time": "15:40", "tags": ["@work"], "starred": true},
    {"title": "Entry the first.", "body": "Lorem @ipsum dolor sit amet.\nSecond line of it.\n\nAnother paragraph. @tagtwo", "date": "2020-08-29", "time": "11:11", "tags": ["@ipsum", "@tagtwo"], "starred": false}
  ]
}
"#;

fn scratch(kot: &TempKot) -> PathBuf {
    kot.root().parent().expect("scratch").to_path_buf()
}

/// Write `data` to a file named `name` beside the data directory.
fn journal_file(kot: &TempKot, name: &str, data: &[u8]) -> String {
    let p = scratch(kot).join(name);
    write_file(&p, data);
    p.to_str().expect("utf-8").to_string()
}

fn day_text(kot: &TempKot, date: &str) -> String {
    let p = kot
        .root()
        .join("journal")
        .join(&date[..4])
        .join(format!("{date}.toml"));
    let t: toml::Table =
        toml::from_str(&fs::read_to_string(&p).expect("journal file")).expect("journal TOML");
    t.get("text")
        .and_then(toml::Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn journal_files(kot: &TempKot) -> Vec<(PathBuf, Vec<u8>)> {
    common::files_below(&kot.root().join("journal"))
        .into_iter()
        .map(|p| {
            let b = fs::read(&p).expect("read");
            (p, b)
        })
        .collect()
}

#[test]
fn entries_are_deduped_whole_not_as_a_substring() {
    let kot = TempKot::new();
    // Written in kot at 09:00: longer than the jrnl entry of the same minute.
    kot.ok(&["journal", "Koffie met Lena en Jörg", "--date", "2024-01-05"]);
    let f = journal_file(
        &kot,
        "j.txt",
        b"[2024-01-05 09:00] Koffie\n[2024-01-05 10:30] Hi there.\n[2024-01-05 10:30] Hi\n",
    );
    let out = kot.ok(&["import", "jrnl", &f]);
    assert!(out.contains("Imported 3 entries into 1 day"), "{out}");
    assert!(!out.contains("already there"), "{out}");
    assert_eq!(
        day_text(&kot, "2024-01-05"),
        "09:00 Koffie met Lena en Jörg\n\n09:00 Koffie\n\n10:30 Hi there.\n\n10:30 Hi"
    );
    let again = kot.ok(&["import", "jrnl", &f]);
    assert!(again.contains("Imported 0 entries"), "{again}");
    assert!(again.contains("3 entries were already there"), "{again}");
}

#[test]
fn the_text_then_its_json_export_adds_nothing_the_second_time() {
    let kot = TempKot::new();
    let plain = journal_file(&kot, "journal.txt", PLAIN.as_bytes());
    let export = journal_file(&kot, "journal.json", EXPORT.as_bytes());
    let first = kot.ok(&["import", "jrnl", &plain]);
    assert!(first.contains("Imported 3 entries into 3 days"), "{first}");
    assert_eq!(
        day_text(&kot, "2020-08-29"),
        "11:11 Entry the first.\n\nLorem #ipsum dolor sit amet.\nSecond line of it.\n\nAnother paragraph. #tagtwo"
    );
    let before = journal_files(&kot);
    let second = kot.ok(&["import", "jrnl", &export]);
    assert!(second.contains("Imported 0 entries"), "{second}");
    assert!(second.contains("3 entries were already there"), "{second}");
    assert_eq!(journal_files(&kot), before, "nothing was added");
    // And the other way round, in a fresh directory.
    let other = TempKot::new();
    let export = journal_file(&other, "journal.json", EXPORT.as_bytes());
    let plain = journal_file(&other, "journal.txt", PLAIN.as_bytes());
    other.ok(&["import", "jrnl", &export]);
    let before = journal_files(&other);
    let again = other.ok(&["import", "jrnl", &plain]);
    assert!(again.contains("3 entries were already there"), "{again}");
    assert_eq!(journal_files(&other), before);
}

#[test]
fn a_starred_title_of_only_controls_imports_without_a_win() {
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "j.txt",
        b"[2024-01-05 09:00] Fine day.\n[2024-01-06 09:00] \x1b\x07 *\nbody text\n",
    );
    let out = kot.cmd(&["import", "jrnl", &f]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        stdout(&out).contains("Imported 2 entries into 2 days"),
        "{}",
        describe(&out)
    );
    assert_eq!(day_text(&kot, "2024-01-06"), "09:00\nbody text");
}

#[test]
fn years_kot_cannot_keep_are_refused_with_their_line_and_nothing_written() {
    for (stamp, line) in [
        ("[0000-01-05 09:00] Year zero", 3),
        ("[-0001-01-05 09:00] Before", 3),
        ("[+10000-01-05 09:00] After", 3),
        ("[10000-01-05 09:00] After", 3),
    ] {
        let kot = TempKot::new();
        let text = format!("[2024-01-05 09:00] Fine.\n\n{stamp}\n[2024-01-06 09:00] Later.\n");
        let f = journal_file(&kot, "j.txt", text.as_bytes());
        let err = kot.fail_one_line(&["import", "jrnl", &f]);
        assert!(err.contains(&format!("line {line}")), "{stamp}: {err}");
        assert!(
            journal_files(&kot).is_empty(),
            "{stamp}: nothing may be written"
        );
    }
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "j.json",
        br#"{"entries": [{"title": "Ok.", "body": "", "date": "2024-01-05", "time": "09:00"},
                         {"title": "Zero.", "body": "", "date": "0000-01-05", "time": "09:00"}]}"#,
    );
    let err = kot.fail_one_line(&["import", "jrnl", &f]);
    assert!(err.contains("entry 2"), "{err}");
    assert!(journal_files(&kot).is_empty());
}

/// Mirrors `simple_jrnl-1-9-5.journal`: jrnl 1.x wrote stamps without
/// brackets; a bracketed stamp in it is body text.
const JRNL_1: &str = "\
2010-06-10 15:00 A life without tea is like a bad joke.

2013-06-10 15:40 He said \"[this] is the best moment\".
Lorem ipsum dolor sit amet, consectetur adipiscing elit.

[2019-08-03 12:55] Some chat log or something

Suspendisse potenti. Sed dignissim sed nisl eu consequat.
";

#[test]
fn a_jrnl_1_journal_is_read_as_jrnl_1_wrote_it() {
    let kot = TempKot::new();
    let f = journal_file(&kot, "old.journal", JRNL_1.as_bytes());
    let out = kot.ok(&["import", "jrnl", &f]);
    assert!(out.contains("Imported 2 entries into 2 days"), "{out}");
    assert_eq!(
        day_text(&kot, "2010-06-10"),
        "15:00 A life without tea is like a bad joke."
    );
    assert_eq!(
        day_text(&kot, "2013-06-10"),
        "15:40 He said \"[this] is the best moment\".\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n[2019-08-03 12:55] Some chat log or something\n\nSuspendisse potenti. Sed dignissim sed nisl eu consequat."
    );
    assert!(
        !kot.root().join("journal/2019").exists(),
        "a body line is no entry"
    );
}

#[test]
fn encrypted_journals_are_named_as_such() {
    // Shapes of `encrypted_v3.journal` (header, salt, Fernet token),
    // `basic_encrypted.journal` (jrnl 2: one Fernet token) and
    // `encrypted_jrnl-1-9-5.journal` (AES, binary).
    let v3 = b"JRNLv3\x000eyJzYWx0IjoiQldrLUU0YWZvIn0=gAAAAABqZmFrZXRva2VuZm9ydGVzdHM=".to_vec();
    let v2 = b"gAAAAABfb4gQBMqqGn_W8v_s7qCi14bX7inuCOKbsBqIUf7_ch14vTUp7lrysPFv==".to_vec();
    let v1: Vec<u8> = (0u32..128)
        .map(|i| u8::try_from((i * 197 + 89) % 256).expect("byte"))
        .collect();
    for (name, data) in [("v3", v3), ("v2", v2), ("v1", v1)] {
        let kot = TempKot::new();
        let f = journal_file(&kot, name, &data);
        let err = kot.fail_one_line(&["import", "jrnl", &f]);
        assert!(
            err.contains("this jrnl journal is encrypted: decrypt it with jrnl first"),
            "{name}: {err}"
        );
        assert!(journal_files(&kot).is_empty());
    }
}

#[test]
fn folders_and_dayone_journals_get_a_clear_message() {
    let kot = TempKot::new();
    let folder = scratch(&kot).join("basic_folder");
    write_file(&folder.join("2020/08/31.txt"), b"[2020-08-31 14:32] x\n");
    let dayone = scratch(&kot).join("dayone.dayone");
    write_file(&dayone.join("entries/ABC.doentry"), b"<plist/>\n");
    for dir in [&folder, &dayone] {
        let err = kot.fail_one_line(&["import", "jrnl", dir.to_str().expect("utf-8")]);
        assert!(!err.contains("os error"), "{err}");
        assert!(err.contains("jrnl --export json"), "{err}");
    }
    assert!(journal_files(&kot).is_empty());
}

#[test]
fn an_empty_journal_imports_nothing_and_succeeds() {
    let kot = TempKot::new();
    for (name, data) in [("empty", &b""[..]), ("blank", &b"\n\n  \n"[..])] {
        let f = journal_file(&kot, name, data);
        let out = kot.ok(&["import", "jrnl", &f]);
        assert!(out.contains("Imported 0 entries"), "{name}: {out}");
    }
    let f = journal_file(&kot, "empty.json", br#"{"tags": {}, "entries": []}"#);
    let out = kot.ok(&["import", "jrnl", &f]);
    assert!(out.contains("Imported 0 entries"), "{out}");
}

#[test]
fn a_date_kot_cannot_read_is_read_as_jrnl_does_or_refused_never_folded() {
    // Mirrors `mostlyreadabledates.journal`.
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "mostly.journal",
        b"[2019-07-18 14:23] The first entry\nA machine.\n\n[2019-07-19 14:23] The second entry\nGoing.\n\n[2019-07 14:23] The third entry\nBack?\n",
    );
    let out = kot.ok(&["import", "jrnl", &f]);
    assert!(out.contains("Imported 3 entries into 3 days"), "{out}");
    assert_eq!(day_text(&kot, "2019-07-01"), "14:23 The third entry\nBack?");
    assert_eq!(
        day_text(&kot, "2019-07-19"),
        "14:23 The second entry\nGoing."
    );
    // A stamp that is a date no calendar has: refused with its line.
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "bad.journal",
        b"[2024-01-05 09:00] One\n[2024-13-45 10:00] not a date\n",
    );
    let err = kot.fail_one_line(&["import", "jrnl", &f]);
    assert!(err.contains("line 2"), "{err}");
    assert!(journal_files(&kot).is_empty());
    // What jrnl never reads as a date stays text (`brackets.journal`).
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "brackets.journal",
        b"[2019-07-08 05:42] Entry subject\n[1] line starting with 1\n",
    );
    kot.ok(&["import", "jrnl", &f]);
    assert_eq!(
        day_text(&kot, "2019-07-08"),
        "05:42 Entry subject\n[1] line starting with 1"
    );
}

#[test]
fn a_line_is_reported_once() {
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "j.txt",
        b"[2024-13-45 10:00] before anything\n[2024-01-05 09:00] One\n",
    );
    let out = kot.cmd(&["import", "jrnl", &f]);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(all.matches("line 1").count(), 1, "{}", describe(&out));
}

#[test]
fn tags_keep_their_punctuation_as_in_jrnl() {
    // Mirrors `tags-216.journal`.
    let kot = TempKot::new();
    let f = journal_file(
        &kot,
        "tags.journal",
        b"[2013-06-10 15:40] I programmed for @OS/2.\nAlmost makes me want to go back to @C++, though. (Still better than @C#).\n",
    );
    kot.ok(&["import", "jrnl", &f]);
    for tag in ["#C++", "#c#", "#os/2"] {
        let out = kot.ok(&["journal", "search", tag]);
        assert!(out.contains("2013-06-10"), "{tag}: {out}");
    }
    let out = kot.ok(&["journal", "search", "#C"]);
    assert!(!out.contains("2013-06-10"), "#C is not #C++: {out}");
}

#[test]
fn parallel_imports_each_say_what_they_did() {
    let kot = TempKot::new();
    kot.ok(&["journal", "list"]);
    let f = journal_file(&kot, "journal.txt", PLAIN.as_bytes());
    // Hold the write lock so both imports start before either writes.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(kot.root().join(".write.lock"))
        .expect("lock file");
    lock.lock().expect("lock");
    let err_paths: Vec<PathBuf> = (0..2)
        .map(|i| scratch(&kot).join(format!("err{i}")))
        .collect();
    let children: Vec<_> = err_paths
        .iter()
        .map(|p| {
            kot.command()
                .args(["import", "jrnl", &f])
                .stdout(Stdio::piped())
                .stderr(fs::File::create(p).expect("stderr file"))
                .spawn()
                .expect("spawn")
        })
        .collect();
    for p in &err_paths {
        wait_until(wait_timeout(), "the import to wait for the lock", || {
            let seen = fs::read_to_string(p).unwrap_or_default();
            if seen.contains("to finish writing") {
                Ok(())
            } else {
                Err(seen)
            }
        });
    }
    lock.unlock().expect("unlock");
    let outs: Vec<String> = children
        .into_iter()
        .map(|c| {
            let o = c.wait_with_output().expect("wait");
            assert!(o.status.success(), "{}", describe(&o));
            stdout(&o)
        })
        .collect();
    let mut said: Vec<&str> = outs
        .iter()
        .map(|o| o.lines().next().unwrap_or(""))
        .collect();
    said.sort_unstable();
    assert_eq!(
        said,
        [
            "Imported 0 entries into 0 days",
            "Imported 3 entries into 3 days"
        ],
        "{outs:?}"
    );
    assert!(
        outs.iter()
            .any(|o| o.contains("3 entries were already there")),
        "{outs:?}"
    );
    assert_eq!(
        day_text(&kot, "2013-06-09"),
        "15:39 My first entry.\nEverything is alright"
    );
}

#[test]
fn search_folds_case_as_unicode_does() {
    let kot = TempKot::new();
    kot.ok(&[
        "journal",
        "Reis naar İstanbul, ΣΑΣ ΕΥΧΑΡΙΣΤΏ",
        "--date",
        "2024-01-05",
    ]);
    for word in ["istanbul", "İSTANBUL", "σας", "ευχαριστώ"] {
        let out = kot.ok(&["journal", "search", word]);
        assert!(out.contains("2024-01-05"), "{word}: {out}");
    }
}

#[test]
fn a_dumb_terminal_gets_no_bold_in_search() {
    let tmp = tempfile::tempdir().expect("tmp");
    pty::cli_ok(
        tmp.path(),
        &["journal", "Koffie met Lena", "--date", "2024-01-05"],
    );
    for (term, bold) in [("xterm-256color", true), ("dumb", false)] {
        let mut kot = pty::Kot::spawn_args(
            tmp.path(),
            100,
            30,
            &["journal", "search", "koffie"],
            &[("TERM", term)],
        );
        kot.wait_for("2024-01-05");
        assert_eq!(kot.wait_exit(), 0);
        let raw = String::from_utf8_lossy(&kot.raw_output()).into_owned();
        assert_eq!(raw.contains("\x1b[1m"), bold, "TERM={term}: {raw:?}");
    }
}
