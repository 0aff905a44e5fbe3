//! Shared by the CLI-level integration tests: a private data directory per test and
//! the real `kot` binary run in it with a fixed clock, zone and locale, in the
//! hermetic environment of `harness` (no host bus, locale or `KOT_*`). Only the
//! child's environment is set, never this process's, so tests run in parallel.
#![allow(dead_code)]

mod harness;
pub use harness::*;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The test clock's start, local time in `TZ`: a Monday morning.
pub const NOW: &str = "2026-11-23T09:00:00";
/// The kot date at `NOW`.
pub const TODAY: &str = "2026-11-23";

/// One data directory for one test, removed when it is dropped.
pub struct TempKot {
    /// Holds the directory alive; `root` is inside it.
    _tmp: tempfile::TempDir,
    root: PathBuf,
    now: String,
}

impl Default for TempKot {
    fn default() -> Self {
        Self::new()
    }
}

impl TempKot {
    /// A fresh data directory at the standard test clock.
    pub fn new() -> Self {
        Self::at(NOW)
    }

    /// A fresh data directory with the test clock starting at `now`.
    ///
    /// The data directory is a not-yet-existing folder inside a temp dir, so kot
    /// creates it itself (and its mode can be checked).
    pub fn at(now: &str) -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("kot-test-")
            .tempdir()
            .expect("temp dir");
        let root = tmp.path().join("kot");
        Self {
            _tmp: tmp,
            root,
            now: now.to_string(),
        }
    }

    /// The data directory (`KOT_DIR`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `kot` with this directory, the test clock, a neutral locale and no bus,
    /// nothing of the host's environment that matters; not run yet.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
        // The scratch directories sit beside the data directory, not in it.
        hermetic(&mut c, self._tmp.path())
            .env("KOT_DIR", &self.root)
            .env("KOT_NOW", &self.now)
            .env("TZ", "Europe/Brussels")
            .stdin(std::process::Stdio::null());
        c
    }

    /// Run `kot ARGS` to completion.
    pub fn cmd(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"))
    }

    /// Run `kot ARGS`, assert it succeeded, return its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        assert!(
            out.status.success(),
            "kot {args:?} failed with {}\n{}",
            out.status,
            describe(&out)
        );
        stdout(&out)
    }

    /// Run `kot ARGS`, assert it failed with exit code 1, return its stderr.
    #[track_caller]
    pub fn fail(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "kot {args:?} should exit 1\n{}",
            describe(&out)
        );
        stderr(&out)
    }

    /// Run `kot ARGS`, assert exit code 1 with exactly one `kot: …` line on stderr
    /// and nothing on stdout; return that line.
    #[track_caller]
    pub fn fail_one_line(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "kot {args:?} should exit 1\n{}",
            describe(&out)
        );
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "kot {args:?} should print one line\n{}",
            describe(&out)
        );
        assert!(
            lines[0].starts_with("kot: ") && lines[0].len() > 5,
            "kot {args:?}: the error line should start with `kot: `\n{}",
            describe(&out)
        );
        assert_eq!(stdout(&out), "", "kot {args:?} printed on stdout");
        lines[0].to_string()
    }

    /// `<root>/days/YYYY/YYYY-MM-DD.toml` for `date` written `YYYY-MM-DD`.
    pub fn day_path(&self, date: &str) -> PathBuf {
        self.root
            .join("days")
            .join(&date[..4])
            .join(format!("{date}.toml"))
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    /// The day file's text; panics when there is none.
    #[track_caller]
    pub fn day_text(&self, date: &str) -> String {
        read_text(&self.day_path(date))
    }

    /// The day file parsed as TOML; panics when it is missing or not TOML.
    #[track_caller]
    pub fn day_toml(&self, date: &str) -> toml::Table {
        parse_toml(&self.day_path(date))
    }

    /// Write a day file by hand (as a user or a sync tool would).
    pub fn write_day(&self, date: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.day_path(date);
        write_file(&p, text.as_ref());
        p
    }

    /// Write `config.toml` by hand.
    pub fn write_config(&self, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.config_path();
        write_file(&p, text.as_ref());
        p
    }

    /// `kot plan list --json --date DATE`, parsed.
    #[track_caller]
    pub fn json_day(&self, date: &str) -> serde_json::Value {
        let text = self.ok(&["plan", "list", "--json", "--date", date]);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
    }
}

/// Create `path`'s parents and write `data` to it.
pub fn write_file(path: &Path, data: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create dir");
    }
    fs::write(path, data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

#[track_caller]
pub fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[track_caller]
pub fn parse_toml(path: &Path) -> toml::Table {
    let text = read_text(path);
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}\n{text}", path.display()))
}

/// The `[[tasks]]` of a parsed day as (id, title) pairs, in file order.
pub fn task_titles(day: &toml::Table) -> Vec<(i64, String)> {
    day.get("tasks")
        .and_then(toml::Value::as_array)
        .map(|tasks| {
            tasks
                .iter()
                .map(|t| {
                    (
                        t.get("id").and_then(toml::Value::as_integer).unwrap_or(-1),
                        t.get("title")
                            .and_then(toml::Value::as_str)
                            .unwrap_or("<no title>")
                            .to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exit status, stdout and stderr, for assertion messages.
pub fn describe(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        stdout(out),
        stderr(out)
    )
}

/// Unix permission bits of `path`.
#[track_caller]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("stat {}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file below `dir` (recursively), as paths.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
