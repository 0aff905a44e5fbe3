//! `config.toml` as a user meets it: the commented example written on first use,
//! `kot config check` on every fixture in `tests/invalid_configs/`, and kot going on
//! working (with a one-line hint) whatever the config holds.
//!
//! A fixture is `NAME.toml` with a sibling `NAME.expected`: the lines that the output
//! of `kot config check` (stdout, then stderr) must hold, in that order, with the
//! config's path written `<config>`.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TODAY, TempKot, task_titles};

const EXAMPLE: &str = include_str!("../config.example.toml");

fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs");
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// `kot config check`'s stdout and stderr with the config path made `<config>`.
fn check_output(kot: &TempKot) -> (Option<i32>, String) {
    let out = kot.cmd(&["config", "check"]);
    let text = format!("{}{}", common::stdout(&out), common::stderr(&out));
    let path = kot.config_path().display().to_string();
    (out.status.code(), text.replace(&path, "<config>"))
}

#[test]
fn the_example_config_is_written_on_first_use_and_is_clean() {
    let kot = TempKot::new();
    kot.ok(&["plan", "list"]);
    let written = fs::read(kot.config_path()).unwrap();
    assert!(
        written == EXAMPLE.as_bytes(),
        "config.toml differs from config.example.toml:\n{}",
        String::from_utf8_lossy(&written)
    );
    let (code, text) = check_output(&kot);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(text, "<config>: no problems; every day file is readable\n");

    // `config check` as the very first command writes it too.
    let fresh = TempKot::new();
    let (code, text) = check_output(&fresh);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(fs::read(fresh.config_path()).unwrap(), EXAMPLE.as_bytes());
}

#[test]
fn the_commented_examples_in_the_example_config_are_valid() {
    // Uncomment the `# [workday.fri]` example (lines that are TOML, not prose).
    let uncommented: String = EXAMPLE
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || rest.contains(" = \"") => rest,
            _ => l,
        })
        .fold(String::new(), |acc, l| acc + l + "\n");
    assert!(uncommented.contains("\n[workday.fri]\nend = \"16:00\"\n"));
    let kot = TempKot::new();
    kot.write_config(&uncommented);
    let (code, text) = check_output(&kot);
    assert_eq!(code, Some(0), "{text}\n{uncommented}");
}

#[test]
fn kot_never_rewrites_an_existing_config() {
    let kot = TempKot::new();
    let mine = "# mine\nlanguage = \"en\"\n\n[workday]\nend = \"17:00\"\n";
    kot.write_config(mine);
    kot.ok(&["plan", "add", "x"]);
    kot.ok(&["config", "check"]);
    assert_eq!(fs::read_to_string(kot.config_path()).unwrap(), mine);
    // Deleted, it comes back as the example.
    fs::remove_file(kot.config_path()).unwrap();
    kot.ok(&["plan", "list"]);
    assert_eq!(fs::read_to_string(kot.config_path()).unwrap(), EXAMPLE);
}

#[test]
fn every_invalid_config_fixture_reports_its_expected_messages() {
    let fixtures = fixtures();
    let names: Vec<&str> = fixtures.iter().map(|(n, _)| n.as_str()).collect();
    for must in [
        "syntax_error",
        "bad_language",
        "bad_time",
        "end_before_start",
        "unknown_top_level_key",
        "unknown_workday_key",
        "bad_day_name",
        "override_not_workday",
        "override_end_before_start",
        "wrong_type",
        "workday_not_table",
    ] {
        assert!(names.contains(&must), "fixture {must} is missing");
    }

    let mut failures = Vec::new();
    for (name, path) in &fixtures {
        let expected_path = path.with_extension("expected");
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let kot = TempKot::new();
        let original = fs::read(path).unwrap();
        kot.write_config(&original);
        let (code, text) = check_output(&kot);
        if code != Some(1) {
            failures.push(format!("{name}: exit {code:?}, not 1\n{text}"));
        }
        // Each expected line appears, in order.
        let mut lines = text.lines();
        for want in expected.lines().filter(|l| !l.trim().is_empty()) {
            if !lines.any(|l| l == want) {
                failures.push(format!(
                    "{name}: missing (or out of order) line\n  {want}\nin output:\n{text}"
                ));
                break;
            }
        }
        // Every issue line names the file and a line number.
        for l in text.lines().filter(|l| l.starts_with("<config>")) {
            let line_no = l
                .strip_prefix("<config>:")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse::<usize>().ok());
            if line_no.is_none() {
                failures.push(format!("{name}: no line number in {l:?}"));
            }
        }
        if fs::read(kot.config_path()).unwrap() != original {
            failures.push(format!("{name}: config check changed the config"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixtures_and_expectations_come_in_pairs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs");
    for e in fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        let sibling = match p.extension().and_then(|x| x.to_str()) {
            Some("toml") => p.with_extension("expected"),
            Some("expected") => p.with_extension("toml"),
            _ => panic!("unexpected file {}", p.display()),
        };
        assert!(
            sibling.exists(),
            "{} has no {}",
            p.display(),
            sibling.display()
        );
    }
}

#[test]
fn kot_works_with_a_broken_config_and_says_so_in_one_line() {
    let mut failures = Vec::new();
    for (name, path) in fixtures() {
        let kot = TempKot::new();
        kot.write_config(fs::read(&path).unwrap());
        let out = kot.cmd(&["plan", "add", "still", "works"]);
        let err = common::stderr(&out);
        let ok = out.status.success()
            && err.lines().count() == 1
            && err.starts_with("kot: config.toml has ")
            && err.trim_end().ends_with("; run kot config check")
            && common::stdout(&out) == "Added task 1: still works\n";
        if !ok {
            failures.push(format!("{name}:\n{}", common::describe(&out)));
            continue;
        }
        if task_titles(&kot.day_toml(TODAY)) != [(1, "still works".to_string())] {
            failures.push(format!("{name}: task not written"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_hint_counts_the_problems() {
    let kot = TempKot::new();
    kot.write_config("language = \"fr\"\ntheme = \"dark\"\n");
    let out = kot.cmd(&["plan", "list"]);
    assert!(out.status.success());
    assert_eq!(
        common::stderr(&out),
        "kot: config.toml has 2 problems; run kot config check\n"
    );
    let kot = TempKot::new();
    kot.write_config("language = \"fr\"\n");
    let out = kot.cmd(&["where", "home"]);
    assert!(out.status.success());
    assert_eq!(
        common::stderr(&out),
        "kot: config.toml has 1 problem; run kot config check\n"
    );
}

#[test]
fn a_config_that_is_not_utf8_does_not_stop_kot() {
    // Like a syntax error, an unreadable encoding costs the file, not kot itself.
    let kot = TempKot::new();
    kot.write_config(b"language = \"en\"\n# caf\xe9\n");
    let out = kot.cmd(&["plan", "add", "x"]);
    assert!(
        out.status.success(),
        "kot plan add failed on a non-UTF-8 config\n{}",
        common::describe(&out)
    );
    let (code, text) = check_output(&kot);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("<config>:2:"), "no line number: {text}");
}

#[test]
fn a_valid_custom_config_has_no_problems() {
    let kot = TempKot::new();
    kot.write_config(
        "language = \"nl\"\n\n[workday]\nstart = \"08:30\"\nend = \"17:00\"\n\
         days = [\"mon\", \"tue\", \"thu\", \"fri\"]\nday_starts = \"05:00\"\n\n\
         [workday.fri]\nend = \"15:00\"\n\n[workday.mon]\nstart = \"10:00\"\n",
    );
    let (code, text) = check_output(&kot);
    assert_eq!(code, Some(0), "{text}");
    let out = kot.cmd(&["plan", "list"]);
    assert!(out.status.success());
    assert_eq!(common::stderr(&out), "", "no hint for a clean config");
}
