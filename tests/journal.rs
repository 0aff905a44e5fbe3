//! The journal end to end: entries written by the real binary and read back
//! from disk, the store's rules for journal files (unknown keys, corrupt files,
//! conflict copies, modes), the editor path with `$EDITOR` set to a script,
//! export read back and compared, jrnl imports run twice, and bad input
//! refused in one line with nothing changed.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{TODAY, TempKot, describe, mode, read_text, stdout, write_file};
use kot::core::journal::search::Query;
use kot::core::journal::{ContactState, How, JournalOp, Scale};
use kot::store::journal::EntryLoad;
use kot::store::{Store, StoreError};

/// Text in Dutch, with emoji (joined ones too) and CJK: it must come back exactly.
const WORLD: &str = "Één café, ijs en één 🙂 👩‍💻 日本語のテキスト 한국어\n\n\tingesprongen — “quotes” 'x' \"y\" \\ ''' \"\"\"";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

fn journal_path(kot: &TempKot, d: &str) -> PathBuf {
    kot.root()
        .join("journal")
        .join(&d[..4])
        .join(format!("{d}.toml"))
}

fn store(kot: &TempKot) -> Store {
    Store::open(kot.root().to_path_buf()).expect("store")
}

fn entry(kot: &TempKot, d: &str) -> kot::core::journal::Entry {
    match store(kot).load_entry(date(d)) {
        EntryLoad::Ok(e) => e,
        other => panic!("{d}: {other:?}"),
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

#[test]
fn a_line_is_appended_with_the_time_and_read_back_exactly() {
    let kot = TempKot::new();
    kot.ok(&["journal", "Koffie met @Lena #werk"]);
    let out = kot
        .command()
        .args(["journal", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write as _;
            c.stdin.take().expect("stdin").write_all(WORLD.as_bytes())?;
            c.wait_with_output()
        })
        .expect("run kot");
    assert!(out.status.success(), "{}", describe(&out));
    let e = entry(&kot, TODAY);
    assert_eq!(
        e.text,
        format!("09:00 Koffie met @Lena #werk\n\n09:00 {WORLD}")
    );
    assert_eq!(e.tags(), ["werk"]);
    assert_eq!(e.offered_contacts(), ["Lena"]);
    let path = journal_path(&kot, TODAY);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("dir")), 0o700);
    let shown = json(&kot.ok(&["journal", "show", "--json"]));
    assert_eq!(shown["text"].as_str(), Some(e.text.as_str()));
    // The plan's tree is untouched: the journal is a tree of its own.
    assert!(!kot.day_path(TODAY).exists());
}

#[test]
fn scores_contacts_and_wins_go_to_the_file() {
    let kot = TempKot::new();
    kot.ok(&[
        "journal",
        "rate",
        "--mood",
        "3",
        "--energy",
        "4",
        "--autonomy",
        "2",
        "--competence",
        "4",
        "--relatedness",
        "1",
    ]);
    kot.ok(&["contact", "Lena", "--how", "call"]);
    kot.ok(&["contact", "Piet"]);
    kot.ok(&["win", "Shipped", "the", "report"]);
    let t = common::parse_toml(&journal_path(&kot, TODAY));
    assert_eq!(t["schema"].as_integer(), Some(1));
    assert_eq!(t["mood"].as_integer(), Some(3));
    assert_eq!(t["relatedness"].as_integer(), Some(1));
    assert_eq!(t["wins"].as_array().map(Vec::len), Some(1));
    let contacts = t["contacts"].as_array().expect("contacts");
    assert_eq!(contacts[0]["how"].as_str(), Some("call"));
    assert_eq!(contacts[1]["how"].as_str(), Some("in-person"));
    let shown = kot.ok(&["journal", "show"]);
    assert!(shown.contains("Lena (call)"), "{shown}");
    assert!(shown.contains("Shipped the report"), "{shown}");

    let other = "2026-11-20";
    kot.ok(&["contact", "--none", "--date", other]);
    assert_eq!(entry(&kot, other).contact_state(), ContactState::None);
}

/// A conversation or a win noted by mistake is taken back by its place in
/// `kot journal show`'s list; then the day can say there was no contact.
#[test]
fn a_contact_and_a_win_are_taken_back_by_number() {
    let kot = TempKot::new();
    kot.ok(&["contact", "Lena", "--how", "call"]);
    kot.ok(&["contact", "Piet"]);
    kot.ok(&["win", "Shipped"]);
    kot.ok(&["win", "Not really"]);
    let out = kot.ok(&["contact", "--rm", "1"]);
    assert!(out.contains("taken back: Lena (call)"), "{out}");
    let out = kot.ok(&["win", "--rm", "2"]);
    assert!(out.contains("taken back: Not really"), "{out}");
    let e = entry(&kot, TODAY);
    assert_eq!(e.contacts.len(), 1);
    assert_eq!(e.contacts[0].who, "Piet");
    assert_eq!(e.wins, vec!["Shipped".to_string()]);
    let err = kot.fail(&["win", "--rm", "3"]);
    assert!(
        err.contains("there is no win 3 on that day: it lists 1"),
        "{err}"
    );
    let usage = kot.cmd(&["contact", "Bo", "--rm", "1"]);
    assert_eq!(usage.status.code(), Some(2), "a name and --rm together");
    kot.ok(&["contact", "--rm", "1"]);
    kot.ok(&["contact", "--none"]);
    assert_eq!(entry(&kot, TODAY).contact_state(), ContactState::None);
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let kot = TempKot::new();
    kot.ok(&["journal", "rate", "--mood", "2"]);
    let path = journal_path(&kot, TODAY);
    let before = fs::read(&path).expect("file");
    for args in [
        &["journal", "rate", "--mood", "7"][..],
        &["journal", "rate", "--mood", "3", "--energy", "x"],
        &["journal", "rate", "--mood", "3", "--date", "2026-02-30"],
        &["journal", "rate"],
        &["contact", "Lena", "--how", "phone"],
        &["contact", "  "],
        &["win", " "],
        &["journal", "search", "mood<=9"],
        &["journal", "list", "--from", "gisteren"],
    ] {
        let line = kot.fail_one_line(args);
        assert!(!line.contains('\n'), "{args:?}: {line}");
    }
    assert!(
        kot.fail_one_line(&["journal", "rate", "--mood", "7"])
            .contains("mood")
    );
    assert_eq!(fs::read(&path).expect("file"), before, "nothing changed");
    kot.ok(&["contact", "Lena"]);
    let line = kot.fail_one_line(&["contact", "--none"]);
    assert!(line.contains("conversations"), "{line}");
}

#[test]
fn the_store_keeps_unknown_keys_and_never_rewrites_a_corrupt_file() {
    let kot = TempKot::new();
    let s = store(&kot);
    let d = date(TODAY);
    let path = journal_path(&kot, TODAY);
    write_file(
        &path,
        b"future = { a = 1 }\nmood = 2\ntext = \"hand\"\n\n[[contacts]]\nwho = \"Lena\"\nhow = \"video\"\nnote = \"kept\"\n",
    );
    let (e, changed) = s
        .update_entry(
            d,
            vec![
                JournalOp::Rate {
                    scale: Scale::Energy,
                    value: Some(5),
                },
                JournalOp::AddWin("Één 🙂".into()),
            ],
        )
        .expect("update");
    assert!(changed);
    assert_eq!(e.contacts[0].how, How::Video);
    let t = common::parse_toml(&path);
    assert_eq!(t["future"]["a"].as_integer(), Some(1));
    assert_eq!(t["contacts"][0]["note"].as_str(), Some("kept"));
    assert_eq!(t["date"].as_str(), Some(TODAY));
    assert_eq!(t["energy"].as_integer(), Some(5));

    // All or nothing: a refused op in the list leaves the file as it was.
    let before = fs::read(&path).expect("file");
    let err = s.update_entry(
        d,
        vec![
            JournalOp::AddWin("x".into()),
            JournalOp::Rate {
                scale: Scale::Mood,
                value: Some(0),
            },
        ],
    );
    assert!(matches!(err, Err(StoreError::JournalRefused(_))), "{err:?}");
    assert_eq!(fs::read(&path).expect("file"), before);

    // A score out of range written by hand: reported with its line, kept.
    let bad = "schema = 1\ntext = \"x\"\nmood = 9\n";
    write_file(&path, bad.as_bytes());
    let EntryLoad::Corrupt(c) = s.load_entry(d) else {
        panic!("mood = 9 read as an entry")
    };
    assert_eq!((c.path.clone(), c.line), (path.clone(), Some(3)));
    assert!(
        s.update_entry(d, vec![JournalOp::AddWin("y".into())])
            .is_err()
    );
    let line = kot.fail_one_line(&["win", "y"]);
    assert!(line.contains(&format!("{}:3", path.display())), "{line}");
    let check = kot.cmd(&["config", "check"]);
    assert!(
        stdout(&check).contains(&format!("{}:3", path.display())),
        "config check lists unreadable journal files\n{}",
        describe(&check)
    );
    assert_eq!(read_text(&path), bad, "a corrupt file is never rewritten");

    // A newer kot's file is shown, never changed.
    write_file(&path, b"schema = 99\ntext = \"new\"\n");
    assert!(matches!(
        s.update_entry(d, vec![JournalOp::AddWin("z".into())]),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn conflict_copies_are_never_days() {
    let kot = TempKot::new();
    kot.ok(&["journal", "echt #tag"]);
    let dir = journal_path(&kot, TODAY)
        .parent()
        .expect("dir")
        .to_path_buf();
    write_file(
        &dir.join("2026-11-23.sync-conflict-20261123-101010-ABCDEF.toml"),
        b"text = \"copy #tag\"\n",
    );
    write_file(&dir.join("2026-11-22 (1).toml"), b"text = \"copy #tag\"\n");
    let s = store(&kot);
    assert_eq!(s.journal_dates(None, None), [date(TODAY)]);
    let found = s.search_journal(&Query::parse(&["#tag"]).expect("query"));
    assert_eq!(found.hits.len(), 1);
    let check = kot.cmd(&["config", "check"]);
    assert!(
        stdout(&check).contains("sync-conflict"),
        "{}",
        describe(&check)
    );
}

/// A script for `$EDITOR` that runs `body` with the file as `$1`.
fn editor(kot: &TempKot, name: &str, body: &str) -> PathBuf {
    let path = kot.root().parent().expect("scratch").join(name);
    write_file(&path, format!("#!/bin/sh\n{body}\n").as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).expect("chmod");
    path
}

fn edit_with(kot: &TempKot, editor: &Path, args: &[&str]) -> std::process::Output {
    kot.command()
        .env_remove("VISUAL")
        .env("EDITOR", editor)
        .arg("journal")
        .arg("edit")
        .args(args)
        .output()
        .expect("run kot")
}

#[test]
fn the_editor_path_reads_back_exactly_and_a_failing_editor_changes_nothing() {
    let kot = TempKot::new();
    kot.ok(&["journal", "eerst"]);
    let path = journal_path(&kot, TODAY);
    let source = kot.root().parent().expect("scratch").join("world.txt");
    write_file(&source, format!("{WORLD}\n").as_bytes());
    // The script sees the current text, private, then replaces it.
    let seen = kot.root().parent().expect("scratch").join("seen.txt");
    let script = editor(
        &kot,
        "ed-ok.sh",
        &format!(
            "stat -c %a \"$1\" > '{seen}.mode'; cp \"$1\" '{seen}'; cat '{src}' > \"$1\"",
            seen = seen.display(),
            src = source.display()
        ),
    );
    let out = edit_with(&kot, &script, &[]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(read_text(&seen), "09:00 eerst\n");
    assert_eq!(read_text(&seen.with_extension("txt.mode")).trim(), "600");
    assert_eq!(entry(&kot, TODAY).text, WORLD);
    let found = json(&kot.ok(&["journal", "search", "日本語", "--json"]));
    assert_eq!(found[0]["date"].as_str(), Some(TODAY));

    let before = fs::read(&path).expect("file");
    let failing = editor(&kot, "ed-fail.sh", "echo changed > \"$1\"; exit 3");
    let out = edit_with(&kot, &failing, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_eq!(
        common::stderr(&out).lines().count(),
        1,
        "{}",
        describe(&out)
    );
    assert_eq!(fs::read(&path).expect("file"), before, "failing editor");

    let untouched = editor(&kot, "ed-same.sh", "true");
    let out = edit_with(&kot, &untouched, &[]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(fs::read(&path).expect("file"), before, "unchanged file");

    // Another kot appends while the editor is open: the edit is not applied,
    // the edited text is kept in a file the message names.
    let racing = editor(
        &kot,
        "ed-race.sh",
        &format!(
            "'{bin}' journal 'meanwhile'; echo mine > \"$1\"",
            bin = env!("CARGO_BIN_EXE_kot")
        ),
    );
    let out = edit_with(&kot, &racing, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let text = entry(&kot, TODAY).text;
    assert!(
        text.ends_with("09:00 meanwhile") && text.starts_with(WORLD),
        "{text}"
    );
    // The edited text is kept as a private draft in the data directory,
    // never as a copy in the temp dir, and the next edit offers it back with
    // the other kot's text above it.
    let err = common::stderr(&out);
    let drafts = kot.root().join("drafts");
    assert!(err.contains(&drafts.display().to_string()), "{err}");
    let draft = drafts.join(format!("journal-{TODAY}.draft"));
    assert_eq!(mode(&draft), 0o600);
    assert!(read_text(&draft).contains("mine"), "{}", read_text(&draft));
    let seen = kot.root().parent().expect("scratch").join("merge.txt");
    let merge = editor(
        &kot,
        "ed-merge.sh",
        &format!("cp \"$1\" '{seen}'", seen = seen.display()),
    );
    let out = edit_with(&kot, &merge, &[]);
    assert!(out.status.success(), "{}", describe(&out));
    let offered = read_text(&seen);
    let other = offered.find("09:00 meanwhile").expect("the other text");
    let mine = offered.find("mine").expect("my text");
    assert!(other < mine, "the other kot's text above mine: {offered}");
    let text = entry(&kot, TODAY).text;
    assert!(
        text.contains("meanwhile") && text.contains("mine"),
        "{text}"
    );
    assert!(!draft.exists(), "the draft is gone once saved");
}

#[test]
fn a_signal_to_kot_while_the_editor_runs_leaves_no_copy_and_loses_nothing() {
    let kot = TempKot::new();
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    let tmp = scratch.join("tmp");
    fs::create_dir_all(&tmp).expect("mkdir");
    // The editor finds kot among its parents, stops it as a closing terminal
    // or Ctrl-C would (SIGHUP, SIGINT, SIGTERM), then saves its text.
    let script = editor(
        &kot,
        "ed-signal.sh",
        "p=$PPID; while [ \"$(cat /proc/$p/comm)\" != kot ]; do p=$(awk '{print $4}' /proc/$p/stat); done\n\
         kill -HUP $p; kill -INT $p; kill -TERM $p\n\
         echo 'written as kot was told to stop' > \"$1\"",
    );
    let out = kot
        .command()
        .env_remove("VISUAL")
        .env("EDITOR", &script)
        .env("TMPDIR", &tmp)
        .env_remove("XDG_RUNTIME_DIR")
        .args(["journal", "edit"])
        .output()
        .expect("run kot");
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(entry(&kot, TODAY).text, "written as kot was told to stop");
    assert_eq!(fs::read_dir(&tmp).expect("tmp").count(), 0, "no copy left");
}

#[test]
fn a_copy_left_by_a_killed_kot_is_offered_back_then_removed() {
    let kot = TempKot::new();
    kot.ok(&["journal", "before"]);
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    let tmp = scratch.join("tmp");
    fs::create_dir_all(&tmp).expect("mkdir");
    let run = |script: &Path| {
        kot.command()
            .env_remove("VISUAL")
            .env("EDITOR", script)
            .env("TMPDIR", &tmp)
            .env_remove("XDG_RUNTIME_DIR")
            .args(["journal", "edit"])
            .output()
            .expect("run kot")
    };
    // The editor saves, then kot is killed outright (SIGKILL can't be caught).
    let killing = editor(
        &kot,
        "ed-kill.sh",
        "echo 'saved in the editor' >> \"$1\"\n\
         p=$PPID; while [ \"$(cat /proc/$p/comm)\" != kot ]; do p=$(awk '{print $4}' /proc/$p/stat); done\n\
         kill -KILL $p",
    );
    let out = run(&killing);
    assert!(!out.status.success(), "{}", describe(&out));
    assert_eq!(
        fs::read_dir(&tmp).expect("tmp").count(),
        1,
        "the copy is left"
    );
    let seen = scratch.join("offered.txt");
    let look = editor(
        &kot,
        "ed-look.sh",
        &format!("cp \"$1\" '{seen}'", seen = seen.display()),
    );
    let out = run(&look);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        read_text(&seen).contains("saved in the editor"),
        "{}",
        read_text(&seen)
    );
    assert_eq!(fs::read_dir(&tmp).expect("tmp").count(), 0, "no copy left");
    assert!(entry(&kot, TODAY).text.contains("saved in the editor"));
}

#[test]
fn a_day_too_big_to_edit_is_refused_with_a_clear_message() {
    let kot = TempKot::new();
    let path = journal_path(&kot, TODAY);
    fs::create_dir_all(path.parent().expect("year")).expect("mkdir");
    let line = "a line of a very long day, imported from somewhere\n";
    let big = format!(
        "text = \"\"\"\n{}\"\"\"\n",
        line.repeat(5 * 1024 * 1024 / line.len())
    );
    write_file(&path, big.as_bytes());
    let ran = kot.root().parent().expect("scratch").join("ran");
    let script = editor(&kot, "ed-ran.sh", &format!("touch '{}'", ran.display()));
    let out = edit_with(&kot, &script, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = common::stderr(&out);
    assert!(err.contains("MB kot edits"), "{err}");
    assert!(!ran.exists(), "the editor never ran");
    assert_eq!(fs::read(&path).expect("file"), big.as_bytes(), "untouched");
}

#[test]
fn a_hand_written_text_can_be_edited_and_no_copy_is_left() {
    let kot = TempKot::new();
    let path = journal_path(&kot, TODAY);
    // A trailing line break (any `"""` string), CRLF, trailing spaces and a
    // control character: not kot's own form of the text.
    fs::create_dir_all(path.parent().expect("year")).expect("mkdir");
    write_file(
        &path,
        b"text = \"\"\"\nhand\\u0007 written\\r\nsecond line  \n\"\"\"\n",
    );
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    let (tmp, runtime) = (scratch.join("tmp"), scratch.join("runtime"));
    fs::create_dir_all(&tmp).expect("mkdir");
    fs::create_dir_all(&runtime).expect("mkdir");
    let seen = scratch.join("where.txt");
    let script = editor(
        &kot,
        "ed-add.sh",
        &format!(
            "dirname \"$1\" > '{seen}'; echo added >> \"$1\"",
            seen = seen.display()
        ),
    );
    for (n, runtime_dir) in [Some(&runtime), None].into_iter().enumerate() {
        let mut cmd = kot.command();
        cmd.env_remove("VISUAL")
            .env("EDITOR", &script)
            .env("TMPDIR", &tmp)
            .args(["journal", "edit"]);
        match runtime_dir {
            Some(r) => cmd.env("XDG_RUNTIME_DIR", r),
            None => cmd.env_remove("XDG_RUNTIME_DIR"),
        };
        let out = cmd.output().expect("run kot");
        assert!(out.status.success(), "try {n}: {}", describe(&out));
        let used = read_text(&seen);
        let want = runtime_dir.unwrap_or(&tmp);
        assert_eq!(used.trim(), want.display().to_string(), "try {n}");
        assert_eq!(fs::read_dir(&tmp).expect("tmp").count(), 0, "try {n}");
        assert_eq!(fs::read_dir(&runtime).expect("rt").count(), 0, "try {n}");
    }
    assert_eq!(
        entry(&kot, TODAY).text,
        "hand written\nsecond line\nadded\nadded"
    );
}

#[test]
fn search_and_list_find_words_tags_scores_and_dates() {
    let kot = TempKot::new();
    let days = [
        ("2026-11-16", "Wandeling met Lena #buiten", "2"),
        ("2026-11-17", "Lange dag #werk", "4"),
        ("2026-11-18", "LENA belde #werk", "1"),
    ];
    for (d, text, mood) in days {
        kot.ok(&["journal", text, "--date", d]);
        kot.ok(&["journal", "rate", "--mood", mood, "--date", d]);
    }
    let dates = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|h| h["date"].as_str().expect("date").to_string())
            .collect()
    };
    let search = |args: &[&str]| {
        let mut a = vec!["journal", "search", "--json"];
        a.extend_from_slice(args);
        dates(json(&kot.ok(&a)))
    };
    // Newest first, as on the Journal screen.
    assert_eq!(search(&["lena"]), ["2026-11-18", "2026-11-16"]);
    assert_eq!(search(&["lena", "#werk"]), ["2026-11-18"]);
    assert_eq!(search(&["mood<=2"]), ["2026-11-18", "2026-11-16"]);
    assert_eq!(search(&["lena", "--from", "2026-11-17"]), ["2026-11-18"]);
    assert_eq!(search(&["dag", "--tag", "werk"]), ["2026-11-17"]);
    let hits = json(&kot.ok(&["journal", "search", "belde", "--json"]));
    let snippet = &hits[0]["snippet"];
    let text = snippet["text"].as_str().expect("text");
    let m = &snippet["marks"][0];
    let (a, b) = (
        usize::try_from(m["start"].as_u64().expect("start")).expect("usize"),
        usize::try_from(m["end"].as_u64().expect("end")).expect("usize"),
    );
    assert_eq!(&text[a..b], "belde");
    let plain = kot.ok(&["journal", "search", "lena"]);
    assert!(plain.contains("2 days found"), "{plain}");

    let list = |args: &[&str]| {
        let mut a = vec!["journal", "list", "--json"];
        a.extend_from_slice(args);
        dates(json(&kot.ok(&a)))
    };
    assert_eq!(list(&["--last", "2"]), ["2026-11-17", "2026-11-18"]);
    assert_eq!(list(&["--tag", "#werk"]), ["2026-11-17", "2026-11-18"]);
    assert_eq!(list(&["--to", "2026-11-16"]), ["2026-11-16"]);
    let text = kot.ok(&["journal", "list"]);
    assert!(text.contains("2026-11-17  mood 4"), "{text}");
}

#[test]
fn export_then_read_back_the_json_and_the_markdown() {
    let kot = TempKot::new();
    kot.ok(&[
        "plan",
        "add",
        "Rapport schrijven",
        "--top",
        "--date",
        "2026-11-20",
    ]);
    kot.ok(&["where", "office", "--date", "2026-11-20"]);
    kot.ok(&["journal", WORLD, "--date", "2026-11-20"]);
    kot.ok(&[
        "journal",
        "rate",
        "--mood",
        "4",
        "--relatedness",
        "2",
        "--date",
        "2026-11-20",
    ]);
    kot.ok(&["contact", "Lena", "--how", "video", "--date", "2026-11-20"]);
    kot.ok(&["win", "Één ding af 🎉", "--date", "2026-11-20"]);
    kot.ok(&["journal", "Later #x", "--date", "2026-11-23"]);
    kot.ok(&["journal", "Too early", "--date", "2026-11-01"]);

    let out_json = kot
        .root()
        .parent()
        .expect("scratch")
        .join("out/export.json");
    kot.ok(&[
        "export",
        "--format",
        "json",
        "--from",
        "2026-11-10",
        "-o",
        out_json.to_str().expect("utf-8"),
    ]);
    assert_eq!(mode(&out_json), 0o600, "exports are private");
    let v = json(&read_text(&out_json));
    assert_eq!(v["schema"].as_u64(), Some(1));
    let days = v["days"].as_array().expect("days");
    let dates: Vec<&str> = days.iter().filter_map(|d| d["date"].as_str()).collect();
    assert_eq!(dates, ["2026-11-20", "2026-11-23"]);
    for d in days {
        let date_text = d["date"].as_str().expect("date");
        let e = entry(&kot, date_text);
        let j = &d["journal"];
        assert_eq!(j["text"].as_str(), Some(e.text.as_str()), "{date_text}");
        assert_eq!(j["mood"].as_u64().map(u8::try_from), e.mood.map(Ok));
        let wins: Vec<&str> = j["wins"]
            .as_array()
            .expect("wins")
            .iter()
            .filter_map(|w| w.as_str())
            .collect();
        assert_eq!(wins, e.wins);
    }
    let friday = &days[0];
    assert_eq!(
        friday["journal"]["contacts"][0]["how"].as_str(),
        Some("video")
    );
    assert_eq!(friday["journal"]["relatedness"].as_u64(), Some(2));
    assert_eq!(friday["plan"]["place"].as_str(), Some("office"));
    assert_eq!(
        friday["plan"]["tasks"][0]["title"].as_str(),
        Some("Rapport schrijven")
    );

    let md = kot.ok(&["export", "--format", "markdown", "--from", "2026-11-10"]);
    assert!(md.contains("## Friday 2026-11-20"), "{md}");
    assert!(md.contains(WORLD), "the text comes through exactly:\n{md}");
    assert!(md.contains("- Één ding af 🎉"), "{md}");
    assert!(md.contains("- [ ] Rapport schrijven ★"), "{md}");
    assert!(md.contains("Lena (video)"), "{md}");
    assert!(!md.contains("Too early"), "{md}");
    assert!(
        md.find("2026-11-20").expect("friday") < md.find("2026-11-23").expect("monday"),
        "{md}"
    );
}

const JRNL_PLAIN: &str = "\
Journal notes before anything
[2024-01-05 09:12:00 AM] Deployed the thing. It went @work fine *
Second line with #release.

[2024-01-05 02:30:00 PM] Coffee with Jörg. 日本語
[2024-01-06 08:00:00 AM] Weekend.
";

const JRNL_JSON: &str = r##"{"tags": {"@work": 1}, "entries": [
  {"title": "Mail van Lena.", "body": "Over @werk en #plannen", "date": "2024-02-01", "time": "09:15", "tags": ["@werk", "#plannen"], "starred": true},
  {"title": "Kort.", "body": "", "date": "2024-02-02", "time": "18:40", "tags": [], "starred": false}
]}"##;

#[test]
fn jrnl_imports_land_on_their_days_once() {
    let kot = TempKot::new();
    kot.ok(&["journal", "already here", "--date", "2024-01-05"]);
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    let plain = scratch.join("journal.txt");
    let export = scratch.join("journal.json");
    write_file(&plain, JRNL_PLAIN.as_bytes());
    write_file(&export, JRNL_JSON.as_bytes());
    let first = kot.ok(&["import", "jrnl", plain.to_str().expect("utf-8")]);
    assert!(first.contains("Imported 3 entries into 2 days"), "{first}");
    assert!(first.contains("line 1"), "{first}");
    let e = entry(&kot, "2024-01-05");
    assert_eq!(
        e.text,
        "09:00 already here\n\n09:12 Deployed the thing. It went #work fine\nSecond line with #release.\n\n14:30 Coffee with Jörg. 日本語"
    );
    assert_eq!(e.wins, ["Deployed the thing."]);
    assert_eq!(e.tags(), ["work", "release"]);
    let kot_json = kot.ok(&["import", "jrnl", export.to_str().expect("utf-8")]);
    assert!(
        kot_json.contains("Imported 2 entries into 2 days"),
        "{kot_json}"
    );
    assert_eq!(
        entry(&kot, "2024-02-01").text,
        "09:15 Mail van Lena.\nOver #werk en #plannen"
    );
    assert_eq!(entry(&kot, "2024-02-01").wins, ["Mail van Lena."]);

    let snapshot = |kot: &TempKot| -> Vec<(PathBuf, Vec<u8>)> {
        common::files_below(&kot.root().join("journal"))
            .into_iter()
            .map(|p| {
                let b = fs::read(&p).expect("read");
                (p, b)
            })
            .collect()
    };
    let before = snapshot(&kot);
    let again = kot.ok(&["import", "jrnl", plain.to_str().expect("utf-8")]);
    assert!(again.contains("3 entries were already there"), "{again}");
    kot.ok(&["import", "jrnl", export.to_str().expect("utf-8")]);
    assert_eq!(snapshot(&kot), before, "importing twice adds nothing");

    let custom = scratch.join("custom.txt");
    write_file(&custom, b"[05/03/2024 21h07] Laat op de avond\n");
    kot.ok(&[
        "import",
        "jrnl",
        custom.to_str().expect("utf-8"),
        "--timeformat",
        "%d/%m/%Y %Hh%M",
    ]);
    assert_eq!(entry(&kot, "2024-03-05").text, "21:07 Laat op de avond");

    let nothing = scratch.join("nothing.txt");
    write_file(&nothing, b"no stamps here\n");
    let line = kot.fail_one_line(&["import", "jrnl", nothing.to_str().expect("utf-8")]);
    assert!(line.contains("--timeformat"), "{line}");
    assert_eq!(snapshot(&kot).len(), before.len() + 1);
}

#[test]
fn an_unreadable_day_stops_an_import_before_anything_is_written() {
    let kot = TempKot::new();
    let scratch = kot.root().parent().expect("scratch").to_path_buf();
    let plain = scratch.join("journal.txt");
    write_file(&plain, JRNL_PLAIN.as_bytes());
    let broken = journal_path(&kot, "2024-01-06");
    write_file(&broken, b"text = \"unclosed\n");
    kot.fail_one_line(&["import", "jrnl", plain.to_str().expect("utf-8")]);
    assert!(
        !journal_path(&kot, "2024-01-05").exists(),
        "nothing was written"
    );
    assert_eq!(read_text(&broken), "text = \"unclosed\n");
}
