//! Day files on disk, read back after the real binary wrote them: content, modes,
//! unknown keys kept, corrupt files left alone, conflict copies never loaded, and no
//! torn or lost writes under SIGKILL or many writers at once.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fmt::Write as _;
use std::fs::{self, File};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use common::{TODAY, TempKot, files_below, mode, parse_toml, task_titles};
use toml::Value;

fn get<'a>(t: &'a toml::Table, key: &str) -> &'a Value {
    t.get(key)
        .unwrap_or_else(|| panic!("no key {key:?} in {t:#?}"))
}

fn array<'a>(t: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    get(t, key)
        .as_array()
        .unwrap_or_else(|| panic!("{key} is not an array"))
        .iter()
        .map(|v| v.as_table().expect("an array of tables"))
        .collect()
}

fn temp_files(kot: &TempKot) -> Vec<String> {
    files_below(kot.root())
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
        .filter(|n| is_kot_temp(n))
        .collect()
}

/// A temp file of an atomic write: `.kot-XXXX.tmp`.
fn is_kot_temp(name: &str) -> bool {
    name.starts_with(".kot-") && Path::new(name).extension().is_some_and(|x| x == "tmp")
}

#[test]
fn tasks_and_blocks_round_trip_through_the_file() {
    let kot = TempKot::new();
    let odd_title = r#"Review "Q4" plan # not a comment \ ünïcode ✓"#;
    kot.ok(&["plan", "add", "Write", "report", "--top", "-e", "1h30"]);
    kot.ok(&["plan", "add", "Call Ann", "-e", "30m"]);
    kot.ok(&["plan", "add", odd_title]);
    kot.ok(&["plan", "done", "2"]);
    kot.ok(&["plan", "block", "add", "10:00-10:30", "Standup", "--video"]);
    kot.ok(&["plan", "block", "add", "12:00-13:00", "Lunch", "--personal"]);
    kot.ok(&["plan", "block", "add", "14:00-16:00", "Deep", "work"]);
    kot.ok(&["where", "office"]);

    let day = kot.day_toml(TODAY);
    assert_eq!(get(&day, "schema").as_integer(), Some(1));
    assert_eq!(get(&day, "date").as_str(), Some(TODAY));
    assert_eq!(get(&day, "place").as_str(), Some("office"));
    assert_eq!(get(&day, "next_task").as_integer(), Some(4));
    assert_eq!(get(&day, "next_block").as_integer(), Some(4));

    let tasks = array(&day, "tasks");
    assert_eq!(tasks.len(), 3);
    let t1: toml::Table = toml::toml! {
        id = 1
        title = "Write report"
        top = true
        estimate = "1h30"
    };
    assert_eq!(tasks[0], &t1);
    let t2: toml::Table = toml::toml! {
        id = 2
        title = "Call Ann"
        status = "done"
        estimate = "30m"
    };
    assert_eq!(tasks[1], &t2);
    assert_eq!(get(tasks[2], "title").as_str(), Some(odd_title));
    assert_eq!(get(tasks[2], "id").as_integer(), Some(3));

    let blocks = array(&day, "blocks");
    let summary: Vec<String> = blocks
        .iter()
        .map(|b| {
            format!(
                "{} {} {} {} {}",
                get(b, "id"),
                get(b, "span"),
                get(b, "title"),
                get(b, "kind"),
                b.get("video").and_then(Value::as_bool).unwrap_or(false),
            )
        })
        .collect();
    let expected = [
        r#"1 "10:00-10:30" "Standup" "meeting" true"#,
        r#"2 "12:00-13:00" "Lunch" "personal" false"#,
        r#"3 "14:00-16:00" "Deep work" "focus" false"#,
    ];
    assert_eq!(summary, expected);

    // What kot reads back is what it wrote.
    let json = kot.json_day(TODAY);
    let titles: Vec<&str> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Write report", "Call Ann", odd_title]);

    // Private files and directories; no temp file left behind.
    let path = kot.day_path(TODAY);
    assert_eq!(mode(&path), 0o600, "day file mode");
    assert_eq!(mode(path.parent().unwrap()), 0o700, "year dir mode");
    assert_eq!(mode(&kot.root().join("days")), 0o700, "days dir mode");
    assert_eq!(mode(kot.root()), 0o700, "data dir mode");
    assert_eq!(mode(&kot.config_path()), 0o600, "config mode");
    assert_eq!(temp_files(&kot), Vec::<String>::new());
}

#[test]
fn an_edit_and_its_reverse_give_the_same_bytes_and_no_op_edits_do_not_write() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "a", "-e", "90"]);
    kot.ok(&["plan", "add", "b", "--top"]);
    let before = fs::read(kot.day_path(TODAY)).unwrap();
    kot.ok(&["plan", "done", "1"]);
    assert_ne!(fs::read(kot.day_path(TODAY)).unwrap(), before);
    kot.ok(&["plan", "reopen", "1"]);
    assert_eq!(fs::read(kot.day_path(TODAY)).unwrap(), before);

    // Moving the first task up changes nothing, so the file is not rewritten.
    let path = kot.day_path(TODAY);
    let ino = fs::metadata(&path).unwrap().ino();
    kot.ok(&["plan", "move", "1", "-5"]);
    assert_eq!(
        fs::metadata(&path).unwrap().ino(),
        ino,
        "file was rewritten"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// A day file with keys kot does not know, at every level, and every kind of TOML
/// value a newer kot or a user might add.
const UNKNOWN_KEYS_DAY: &str = r#"schema = 1
date = "2026-11-23"
next_task = 2
next_block = 2
mood_note = "sunny"
synced_at = 2026-11-23T08:00:00+01:00
local_dt = 2026-11-23T08:00:00
only_date = 2026-11-23
only_time = 07:30:00
meta = { device = "laptop", rev = 7, tags = ["x"] }
tags = ["a", "b", 3]
nested = [[1, 2], ["x"]]
ratio = 0.25

[checkin]
at = "2026-11-23T09:00:00+01:00"
feeling = 4
ck_note = "ok"
ck_when = 2026-11-23T09:05:00Z
ck_meta = { a = 1, b = { c = true } }
ck_list = [1, 2]

[[tasks]]
id = 1
title = "first"
color = "red"
due = 2026-11-24T12:00:00+01:00
links = { url = "https://example.org", n = 2 }
labels = ["x", "y"]

[[blocks]]
id = 1
span = "10:00-10:30"
title = "Standup"
kind = "meeting"
room = "B12"
booked = 2026-11-20T10:00:00+01:00
who = { name = "Ann" }
people = ["ann", "bob"]

[sync]
device = "desk"
seen = 2026-01-01T00:00:00Z

[[history]]
v = 1
when = 2026-11-22

[[history]]
v = 2
"#;

#[test]
fn unknown_keys_survive_a_rewrite() {
    let kot = TempKot::new();
    let path = kot.write_day(TODAY, UNKNOWN_KEYS_DAY);
    let before = parse_toml(&path);
    kot.ok(&["plan", "add", "second"]);
    kot.ok(&["plan", "block", "add", "11:00-11:30", "Call"]);
    kot.ok(&["where", "home"]);
    let after = parse_toml(&path);

    let top_known = [
        "schema",
        "date",
        "place",
        "next_task",
        "next_block",
        "checkin",
        "tasks",
        "blocks",
    ];
    let mut checked = 0;
    for (k, v) in &before {
        if !top_known.contains(&k.as_str()) {
            assert_eq!(after.get(k), Some(v), "top-level key {k}");
            checked += 1;
        }
    }
    assert_eq!(checked, 11, "top-level unknown keys checked");

    let unknown_in = |t: &toml::Table, known: &[&str]| -> toml::Table {
        t.iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let checkin_known = ["at", "feeling"];
    let b = before["checkin"].as_table().unwrap();
    let a = after["checkin"].as_table().expect("checkin kept");
    assert_eq!(unknown_in(b, &checkin_known).len(), 4);
    assert_eq!(
        unknown_in(a, &checkin_known),
        unknown_in(b, &checkin_known),
        "[checkin]"
    );
    assert_eq!(a.get("feeling"), b.get("feeling"));

    let task_known = ["id", "title", "status", "top", "estimate"];
    let b = array(&before, "tasks")[0];
    let tasks = array(&after, "tasks");
    assert_eq!(tasks.len(), 2);
    assert_eq!(unknown_in(b, &task_known).len(), 4);
    assert_eq!(
        unknown_in(tasks[0], &task_known),
        unknown_in(b, &task_known)
    );
    assert_eq!(get(tasks[1], "title").as_str(), Some("second"));
    assert_eq!(unknown_in(tasks[1], &task_known), toml::Table::new());

    let block_known = ["id", "span", "title", "kind", "video"];
    let b = array(&before, "blocks")[0];
    let blocks = array(&after, "blocks");
    assert_eq!(blocks.len(), 2);
    assert_eq!(unknown_in(b, &block_known).len(), 4);
    assert_eq!(
        unknown_in(blocks[0], &block_known),
        unknown_in(b, &block_known)
    );
    assert_eq!(get(&after, "place").as_str(), Some("home"));
}

#[test]
fn checkin_time_written_as_a_toml_datetime_is_read() {
    // TOML has a datetime type; a user editing by hand writes it unquoted. kot writes
    // a quoted string itself, but must read both.
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        "schema = 1\n\n[checkin]\nat = 2026-11-23T09:05:00+01:00\nfeeling = 4\n",
    );
    let json = kot.json_day(TODAY);
    assert_eq!(json["feeling"], 4);
}

/// Check that `kot plan list` and `kot plan add` refuse the day at `path` with a
/// message naming `path:line`, and leave it byte for byte as it was.
fn assert_refused_and_kept(kot: &TempKot, line: usize, needle: &str) {
    let path = kot.day_path(TODAY);
    let original = fs::read(&path).unwrap();
    let at = format!("{}:{line}:", path.display());
    for args in [
        &["plan", "list"][..],
        &["plan", "list", "--json"],
        &["plan", "add", "x"],
        &["plan", "done", "1"],
        &["where", "home"],
    ] {
        let err = kot.fail_one_line(args);
        assert!(err.contains(&at), "kot {args:?}: {err:?} should name {at}");
        assert!(
            err.contains(needle),
            "kot {args:?}: {err:?} lacks {needle:?}"
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            original,
            "kot {args:?} changed it"
        );
    }
    assert_eq!(temp_files(kot), Vec::<String>::new());
    // Another day is not affected.
    kot.ok(&["plan", "add", "elsewhere", "--date", "2026-11-24"]);
    let other = kot.ok(&["plan", "list", "--date", "2026-11-24"]);
    assert!(other.contains("elsewhere"), "{other}");
}

#[test]
fn a_day_with_a_syntax_error_is_reported_with_its_line_and_never_written() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        "schema = 1\ndate = \"2026-11-23\"\nnext_task = = 2\n\n[[tasks]]\nid = 1\ntitle = \"a\"\n",
    );
    assert_refused_and_kept(&kot, 3, "cannot read this day");
}

#[test]
fn a_day_with_merge_conflict_markers_is_reported_and_never_written() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        "schema = 1\nnext_task = 2\n<<<<<<< HEAD\n[[tasks]]\nid = 1\ntitle = \"mine\"\n\
         =======\n[[tasks]]\nid = 1\ntitle = \"theirs\"\n>>>>>>> origin/main\n",
    );
    assert_refused_and_kept(&kot, 3, "merge-conflict");
}

#[test]
fn a_day_that_is_not_utf8_is_reported_with_its_line_and_never_written() {
    let kot = TempKot::new();
    kot.write_day(
        TODAY,
        b"schema = 1\n\n[[tasks]]\nid = 1\ntitle = \"caf\xe9\"\n",
    );
    assert_refused_and_kept(&kot, 5, "UTF-8");
}

#[test]
fn a_day_whose_date_key_disagrees_with_its_name_is_refused_and_kept() {
    let kot = TempKot::new();
    let path = kot.write_day(TODAY, "schema = 1\ndate = \"2026-11-24\"\n");
    let original = fs::read(&path).unwrap();
    let err = kot.fail_one_line(&["plan", "add", "x"]);
    assert!(err.contains("2026-11-24"), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert_eq!(fs::read(&path).unwrap(), original);
}

#[test]
fn a_day_from_a_newer_kot_is_shown_but_never_rewritten() {
    let kot = TempKot::new();
    let path = kot.write_day(
        TODAY,
        "schema = 3\nfuture = true\n\n[[tasks]]\nid = 1\ntitle = \"from the future\"\n",
    );
    let original = fs::read(&path).unwrap();
    assert!(kot.ok(&["plan", "list"]).contains("from the future"));
    let err = kot.fail_one_line(&["plan", "add", "x"]);
    assert!(err.contains("newer"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), original);
}

#[test]
fn a_newer_kots_value_this_kot_does_not_know_says_to_update_kot() {
    let kot = TempKot::new();
    let path = kot.write_day(
        TODAY,
        "schema = 3\n\n[[breaks]]\nkind = \"short\"\noutcome = \"teleported\"\n",
    );
    let original = fs::read(&path).unwrap();
    let err = kot.fail_one_line(&["plan", "add", "x"]);
    assert!(err.contains("newer kot (schema 3)"), "{err}");
    assert!(err.contains("update kot"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), original);
}

/// Journal and week files say "written by a newer kot" as day files do, not
/// just serde's "unknown variant".
#[test]
fn a_newer_journal_or_week_value_says_to_update_kot() {
    let kot = TempKot::new();
    kot.ok(&["status"]);
    let journal = kot.root().join("journal/2026/2026-11-23.toml");
    fs::create_dir_all(journal.parent().unwrap()).unwrap();
    fs::write(
        &journal,
        "schema = 2\ntext = \"hi\"\n\n[[contacts]]\nwho = \"Ana\"\nhow = \"hologram\"\n",
    )
    .unwrap();
    let week = kot.root().join("weeks/2026/2026-W48.toml");
    fs::create_dir_all(week.parent().unwrap()).unwrap();
    fs::write(&week, "schema = 2\nhappened = \"sort of\"\n").unwrap();
    let out = kot.cmd(&["config", "check"]);
    let text = common::stdout(&out);
    for path in [&journal, &week] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&path.display().to_string()))
            .unwrap_or_else(|| panic!("{} not reported: {text}", path.display()));
        assert!(line.contains("newer kot (schema 2)"), "{line}");
        assert!(line.contains("update kot"), "{line}");
    }
    let err = kot.fail_one_line(&["journal", "more words"]);
    assert!(err.contains("newer kot (schema 2)"), "{err}");
}

#[test]
fn the_hint_for_a_corrupt_day_points_to_a_command_that_reports_it() {
    // The refusal says "kot config check lists problems"; then it must.
    let kot = TempKot::new();
    let path = kot.write_day(TODAY, "schema = = 1\n");
    let err = kot.fail(&["plan", "add", "x"]);
    if err.contains("kot config check") {
        let out = kot.cmd(&["config", "check"]);
        let all = format!("{}{}", common::stdout(&out), common::stderr(&out));
        assert!(
            all.contains(&path.display().to_string()),
            "`kot plan add` said: {err}\nbut `kot config check` does not mention the file:\n{}",
            common::describe(&out)
        );
        assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    }
}

#[test]
fn sync_conflict_copies_are_never_loaded_and_config_check_lists_them() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "real task"]);
    let dir = kot.day_path(TODAY).parent().unwrap().to_path_buf();
    let ghost = "schema = 1\nnext_task = 8\n\n[[tasks]]\nid = 7\ntitle = \"ghost task\"\n";
    let copy = dir.join("2026-11-23.sync-conflict-20261123-101010-ABC.toml");
    fs::write(&copy, ghost).unwrap();
    // A copy beside a day that has no file of its own.
    let orphan = dir.join("2026-11-24.sync-conflict-20261124-080000-XYZ.toml");
    fs::write(&orphan, ghost).unwrap();

    let list = kot.ok(&["plan", "list"]);
    assert!(list.contains("real task"), "{list}");
    assert!(!list.contains("ghost"), "{list}");
    let json = kot.json_day(TODAY);
    assert_eq!(json["tasks"].as_array().unwrap().len(), 1);
    assert!(
        !kot.ok(&["plan", "list", "--date", "2026-11-24"])
            .contains("ghost")
    );

    kot.ok(&["plan", "add", "another"]);
    assert_eq!(
        fs::read_to_string(&copy).unwrap(),
        ghost,
        "copy was touched"
    );
    let titles: Vec<String> = task_titles(&kot.day_toml(TODAY))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(titles, ["real task", "another"]);

    let out = kot.cmd(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    let text = common::stdout(&out);
    for p in [&copy, &orphan] {
        let line = text
            .lines()
            .find(|l| l.contains(&p.display().to_string()))
            .unwrap_or_else(|| panic!("{} not listed:\n{text}", p.display()));
        assert!(line.contains("sync-conflict copy"), "{line}");
    }
    assert!(
        common::stderr(&out).contains("2 problems"),
        "{}",
        common::describe(&out)
    );
}

#[test]
fn an_empty_day_file_is_an_empty_day() {
    for content in ["", "\n  \n"] {
        let kot = TempKot::new();
        kot.write_day(TODAY, content);
        let list = kot.ok(&["plan", "list"]);
        assert!(list.contains("no tasks planned"), "{list}");
        let json = kot.json_day(TODAY);
        assert_eq!(json["tasks"].as_array().unwrap().len(), 0);
        kot.ok(&["plan", "add", "first"]);
        let day = kot.day_toml(TODAY);
        assert_eq!(task_titles(&day), [(1, "first".to_string())]);
        assert_eq!(get(&day, "date").as_str(), Some(TODAY));
    }
}

/// A small xorshift generator: no dependency, seed printed for a rerun.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        use std::hash::BuildHasher;
        let seed = std::env::var("KOT_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| std::collections::hash_map::RandomState::new().hash_one(0u8));
        eprintln!("seed: KOT_TEST_SEED={seed}");
        Self(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// What a day file holds, as far as the kill test cares.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    next_task: i64,
    tasks: Vec<(i64, String)>,
}

impl Snapshot {
    fn read(kot: &TempKot) -> Self {
        // Panics if the file is missing or not TOML: that is the failure we look for.
        let day = kot.day_toml(TODAY);
        Self {
            next_task: get(&day, "next_task").as_integer().unwrap(),
            tasks: task_titles(&day),
        }
    }

    fn with_added(&self, title: &str) -> Self {
        let max = self.tasks.iter().map(|t| t.0).max().unwrap_or(0);
        let id = self.next_task.max(max + 1);
        let mut s = self.clone();
        s.tasks.push((id, title.to_string()));
        s.next_task = id + 1;
        s
    }

    fn with_title(&self, id: i64, title: &str) -> Self {
        let mut s = self.clone();
        for t in &mut s.tasks {
            if t.0 == id {
                t.1 = title.to_string();
            }
        }
        s
    }
}

/// Write a day of `n` tasks with long titles, so a rewrite takes a while.
fn seed_large_day(kot: &TempKot, n: usize, filler: &str) {
    let mut text = format!(
        "schema = 1\ndate = \"{TODAY}\"\nnext_task = {}\nnext_block = 1\n",
        n + 1
    );
    for i in 1..=n {
        write!(
            text,
            "\n[[tasks]]\nid = {i}\ntitle = \"seed {i:04} {filler}\"\n"
        )
        .unwrap();
    }
    assert!(text.len() > 100_000, "the day should be large");
    kot.write_day(TODAY, &text);
}

/// The command of one round (an add on even rounds, a retitle of a random task on
/// odd ones) and the day it should leave when it finishes.
fn round_command(
    round: usize,
    state: &Snapshot,
    rng: &mut Rng,
    filler: &str,
) -> (Vec<String>, Snapshot) {
    if round.is_multiple_of(2) {
        let title = format!("round {round:03} {filler}");
        let next = state.with_added(&title);
        (vec!["plan".into(), "add".into(), title], next)
    } else {
        let ids: Vec<i64> = state.tasks.iter().map(|t| t.0).collect();
        let id = ids[usize::try_from(rng.below(ids.len() as u64)).unwrap()];
        let title = format!("edited {id} in round {round:03} {filler}");
        let next = state.with_title(id, &title);
        let args = ["plan", "edit", &id.to_string(), "--title", &title].map(String::from);
        (args.to_vec(), next)
    }
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_or_the_new_day() {
    const ROUNDS: usize = 40;
    let kot = TempKot::new();
    let filler = "x".repeat(240);
    seed_large_day(&kot, 400, &filler);
    // Create the config now, so every run below writes only the day.
    kot.ok(&["plan", "list"]);

    // How long one rewrite of this day takes, so kills land all through it.
    let t0 = Instant::now();
    kot.ok(&[
        "plan",
        "edit",
        "1",
        "--title",
        &format!("calibrate {filler}"),
    ]);
    let run_micros = u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX);
    eprintln!("one rewrite takes {run_micros} µs");

    let mut rng = Rng::new();
    let mut state = Snapshot::read(&kot);
    let (mut killed_old, mut killed_new, mut finished) = (0, 0, 0);
    let started = Instant::now();
    for round in 0..ROUNDS {
        let (args, next) = round_command(round, &state, &mut rng, &filler);
        let mut child = kot
            .command()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn kot");
        // A random moment from early in the run to a bit past its usual end: the
        // write comes last, after start-up and parsing.
        let delay = run_micros * 3 / 10 + rng.below(run_micros);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let status = child.wait().expect("wait for kot");

        let after = Snapshot::read(&kot);
        if status.signal() == Some(9) {
            if after == state {
                killed_old += 1;
            } else {
                assert_eq!(
                    after, next,
                    "round {round}: after SIGKILL the day is neither the old nor the new one"
                );
                killed_new += 1;
            }
        } else {
            finished += 1;
            assert!(status.success(), "round {round}: kot failed: {status}");
            assert_eq!(after, next, "round {round}: a finished write is missing");
        }
        // Task counts never go down; titles stay whole.
        assert!(after.tasks.len() >= state.tasks.len());
        for (id, t) in &after.tasks {
            assert!(t.ends_with(&filler), "task {id} title torn: {t:?}");
        }
        state = after;
    }
    eprintln!(
        "killed {killed_old} before and {killed_new} after the rename, \
         {finished} finished, in {:?}",
        started.elapsed()
    );
    assert!(
        killed_old + killed_new > 0,
        "no run was killed: the test tested nothing"
    );

    // Whatever the kills left behind, kot still reads and writes the day, and only
    // temp files of its own may be left beside it.
    kot.ok(&["plan", "add", "after the storm"]);
    assert_eq!(
        Snapshot::read(&kot).tasks.last().unwrap().1,
        "after the storm"
    );
    let dir = kot.day_path(TODAY).parent().unwrap().to_path_buf();
    eprintln!("temp files left by kills: {}", temp_files(&kot).len());
    for f in files_below(&dir) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name == "2026-11-23.toml" || is_kot_temp(&name),
            "unexpected file {name}"
        );
    }
}

/// Temp files left by killed writes are cleaned by the next write into the
/// same directory, whichever command it is: a CLI-only user (a status bar,
/// scripts) never opens the TUI. One a writer still holds locked (a write
/// under way in another process) stays.
#[test]
fn any_writer_cleans_stale_temp_files_of_its_directory() {
    let kot = TempKot::new();
    kot.ok(&["plan", "add", "first"]);
    kot.ok(&["journal", "first words"]);
    let day_dir = kot.day_path(TODAY).parent().unwrap().to_path_buf();
    let journal_dir = kot.root().join("journal").join("2026");
    let mut under_way = Vec::new();
    for dir in [&day_dir, &journal_dir] {
        for name in [".kot-old1.tmp", ".kot-old2.tmp"] {
            let p = dir.join(name);
            fs::write(&p, "half a write").unwrap();
            let status = std::process::Command::new("touch")
                .args(["-d", "2 minutes ago"])
                .arg(&p)
                .status()
                .unwrap();
            assert!(status.success());
        }
        fs::write(dir.join(".kot-young.tmp"), "under way").unwrap();
        let held = File::open(dir.join(".kot-young.tmp")).unwrap();
        held.lock().unwrap();
        under_way.push(held);
    }
    kot.ok(&["plan", "add", "second"]);
    kot.ok(&["journal", "second words"]);
    for dir in [&day_dir, &journal_dir] {
        let mut left: Vec<String> = files_below(dir)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .filter(|n| is_kot_temp(n))
            .collect();
        left.sort();
        assert_eq!(left, [".kot-young.tmp"], "{}", dir.display());
    }
}

#[test]
fn twenty_concurrent_writers_lose_nothing() {
    const WRITERS: usize = 20;
    const EACH: usize = 3;
    let kot = TempKot::new();
    let barrier = Barrier::new(WRITERS);
    let mut reported: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (kot, barrier) = (&kot, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    (0..EACH)
                        .map(|k| kot.ok(&["plan", "add", &format!("task-{}", w * EACH + k)]))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer thread"))
            .collect()
    });

    let day = kot.day_toml(TODAY);
    let tasks = task_titles(&day);
    assert_eq!(tasks.len(), WRITERS * EACH, "{tasks:?}");
    let mut ids: Vec<i64> = tasks.iter().map(|t| t.0).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), WRITERS * EACH, "duplicate ids: {tasks:?}");
    let mut titles: Vec<&str> = tasks.iter().map(|t| t.1.as_str()).collect();
    titles.sort_unstable();
    let mut expected: Vec<String> = (0..WRITERS * EACH).map(|n| format!("task-{n}")).collect();
    expected.sort_unstable();
    assert_eq!(titles, expected);
    // Each writer was told the id its task really got.
    reported.sort_unstable();
    let mut from_file: Vec<String> = tasks
        .iter()
        .map(|(id, t)| format!("Added task {id}: {t}\n"))
        .collect();
    from_file.sort_unstable();
    assert_eq!(reported, from_file);
    // The config was written once, whole, by whichever process came first.
    assert_eq!(
        fs::read_to_string(kot.config_path()).unwrap(),
        include_str!("../config.example.toml")
    );
    assert_eq!(temp_files(&kot), Vec::<String>::new());
}

/// The coach's log names meetings as the user knows them (`b3`, `team
/// 10:00`), never by the ids behind them (`4294966694`): an old file's
/// numbers load and are written back readable; a form this kot does not know
/// in the old key survives as it is.
#[test]
fn the_coach_log_names_meetings_readably_and_reads_the_old_numbers() {
    let kot = TempKot::at("2026-11-23T09:00");
    kot.write_day(
        "2026-11-23",
        "schema = 1\ndate = \"2026-11-23\"\n\n[coach]\n\
         meeting_heads_up = [4294966694, 3]\nmeeting_warned = [2]\n",
    );
    let names = |kot: &TempKot, key: &str| -> Vec<String> {
        let day = kot.day_toml("2026-11-23");
        day["coach"][key]
            .as_array()
            .unwrap_or_else(|| panic!("no {key}: {day:?}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    };
    kot.ok(&["plan", "add", "Mail"]);
    assert_eq!(names(&kot, "heads_up_given"), ["team 10:00", "b3"]);
    assert_eq!(names(&kot, "back_to_back_warned"), ["b2"]);
    let text = kot.day_text("2026-11-23");
    assert!(!text.contains("meeting_heads_up"), "{text}");
    assert!(!text.contains("4294966694"), "{text}");

    // Read back as written.
    kot.ok(&["plan", "add", "Call"]);
    assert_eq!(names(&kot, "heads_up_given"), ["team 10:00", "b3"]);

    // A form not known here is kept, not lost.
    kot.write_day(
        "2026-11-24",
        "schema = 1\ndate = \"2026-11-24\"\n\n[coach]\nmeeting_heads_up = [\"later\"]\n",
    );
    kot.ok(&["plan", "add", "Mail", "--date", "2026-11-24"]);
    let kept = kot.day_text("2026-11-24");
    assert!(kept.contains("meeting_heads_up = [\"later\"]"), "{kept}");
}
