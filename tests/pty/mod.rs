//! Drive the real `kot` binary through a pseudo-terminal: portable-pty for the
//! terminal, vt100 to turn what kot writes into a screen the tests can read.
//!
//! kot runs in the hermetic environment of `tests/common/harness.rs` (no host
//! bus, locale or `KOT_*`). Every wait polls the screen with a deadline (10 s,
//! or `KOT_TEST_WAIT_MS`) and panics with the whole screen when it runs out; no
//! test sleeps a fixed time.
#![allow(dead_code)]

// Each harness carries its own copy, so a test file may include any of them.
#[allow(clippy::duplicate_mod)]
#[path = "../common/harness.rs"]
mod harness;
pub use harness::*;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The test clock's start: a Monday morning, local time in `TZ`.
pub const NOW: &str = "2026-11-23T08:55:00";
/// The kot date at `NOW`.
pub const TODAY: &str = "2026-11-23";
pub const TZ: &str = "Europe/Brussels";

/// How long a wait may take before the test fails.
pub fn deadline() -> Duration {
    wait_timeout()
}

/// The environment every kot run gets after the hermetic one, before the
/// test's own variables.
fn base_env(dir: &Path) -> Vec<(String, String)> {
    vec![
        ("TERM".into(), "xterm-256color".into()),
        ("KOT_DIR".into(), dir.display().to_string()),
        ("TZ".into(), TZ.into()),
        ("KOT_NOW".into(), NOW.into()),
    ]
}

/// A directory for the child's `HOME` and XDG directories, apart from the
/// data directory.
fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-test-env-")
        .tempdir()
        .expect("temp dir")
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

/// One `kot` running in its own pseudo-terminal.
pub struct Kot {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte kot wrote, for checks on escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the reader saw the end of kot's output (EOF or EIO).
    eof: Arc<AtomicBool>,
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    exit: Option<i32>,
    /// Holds the child's `HOME` and XDG directories.
    _scratch: tempfile::TempDir,
}

impl Kot {
    /// Start `kot` (the TUI) on data directory `dir` in a `cols` × `rows` terminal.
    /// `extra_env` comes last, so it can override `KOT_NOW` and the rest.
    pub fn spawn(dir: &Path, cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Self {
        Self::spawn_args(dir, cols, rows, &[], extra_env)
    }

    /// Like `spawn`, with command-line arguments.
    pub fn spawn_args(
        dir: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        extra_env: &[(&str, &str)],
    ) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let scratch = scratch();
        let cmd = pty_command(dir, args, extra_env, scratch.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn kot in the pty");
        // Only the child may hold the slave, so the reader sees EOF when it exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let parser = parser.clone();
            let raw = raw.clone();
            let eof = eof.clone();
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        // EIO on Linux once the child closed the slave.
                        Err(_) => break,
                    }
                }
                eof.store(true, Ordering::SeqCst);
            });
        }
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            parser,
            raw,
            eof,
            master: pair.master,
            writer: Some(writer),
            child,
            exit: None,
            _scratch: scratch,
        }
    }

    fn parser(&self) -> MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap()
    }

    /// Type `keys`: plain text, `"\r"` for Enter, `"\x1b"` for Esc (send it alone).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("pty writer");
        w.write_all(keys.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as plain text, one line per row.
    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    /// Look at the vt100 screen itself: cells by column, modes.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser().screen())
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.screen().contains(needle)
    }

    /// Row `i` of the screen (0 is the top); negative counts from the bottom.
    pub fn row(&self, i: i32) -> String {
        let parser = self.parser();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let n = i32::from(rows.get());
        let i = if i < 0 { n + i } else { i };
        usize::try_from(i)
            .ok()
            .and_then(|i| screen.rows(0, cols.get()).nth(i))
            .unwrap_or_default()
    }

    /// How many cells have a foreground or background colour set.
    pub fn colored_cells(&self) -> usize {
        let parser = self.parser();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut n = 0;
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                if let Some(cell) = screen.cell(r, c)
                    && (cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default)
                {
                    n += 1;
                }
            }
        }
        n
    }

    /// Whether kot's terminal is on the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.parser().screen().alternate_screen()
    }

    /// Whether kot's terminal has the cursor hidden now.
    pub fn cursor_hidden(&self) -> bool {
        self.parser().screen().hide_cursor()
    }

    /// Whether kot's terminal is in bracketed-paste mode now.
    pub fn bracketed_paste(&self) -> bool {
        self.parser().screen().bracketed_paste()
    }

    /// Everything kot wrote so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Poll until `ok(screen)` holds; panic with the screen after the deadline.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_long(deadline(), what, ok)
    }

    /// `wait_until` with a `limit` of its own, for a simulated clock that needs
    /// real time to get somewhere.
    #[track_caller]
    pub fn wait_long(&self, limit: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        wait_until(limit, what, || {
            let screen = self.screen();
            if ok(&screen) {
                Ok(screen)
            } else {
                Err(format!("--- screen ---\n{screen}\n--------------"))
            }
        })
    }

    /// Wait until `needle` is on screen; returns the screen.
    #[track_caller]
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Wait until every one of `needles` is on screen at once.
    #[track_caller]
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        self.wait_until(&format!("all of {needles:?}"), |s| {
            needles.iter().all(|n| s.contains(n))
        })
    }

    /// Wait until one row holds all of `parts`, in that order.
    #[track_caller]
    pub fn wait_line(&self, parts: &[&str]) -> String {
        self.wait_until(&format!("one row with {parts:?} in order"), |s| {
            has_line(s, parts)
        })
    }

    /// Wait until `needle` is no longer on screen.
    #[track_caller]
    pub fn wait_gone(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?} to disappear"), |s| !s.contains(needle))
    }

    /// Resize the terminal; kot gets SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser().set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// kot's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("kot's pid")
    }

    /// Whether kot is still running.
    pub fn is_running(&mut self) -> bool {
        if self.exit.is_some() {
            return false;
        }
        match self.child.try_wait().expect("try_wait") {
            Some(status) => {
                self.exit = Some(code(&status));
                false
            }
            None => true,
        }
    }

    /// Wait for kot to exit and for its last output to be read; its exit code.
    #[track_caller]
    pub fn wait_exit(&mut self) -> i32 {
        wait_until(deadline(), "kot to exit", || {
            if self.is_running() {
                Err(format!("--- screen ---\n{}\n--------------", self.screen()))
            } else {
                Ok(())
            }
        });
        wait_until(deadline(), "the end of kot's output after its exit", || {
            self.eof.load(Ordering::SeqCst)
        });
        self.exit.expect("exit code")
    }
}

/// Whether one line of `screen` holds all of `parts`, in that order.
pub fn has_line(screen: &str, parts: &[&str]) -> bool {
    screen.lines().any(|line| {
        let mut rest = line;
        parts.iter().all(|p| match rest.find(p) {
            Some(i) => {
                rest = &rest[i + p.len()..];
                true
            }
            None => false,
        })
    })
}

fn code(status: &portable_pty::ExitStatus) -> i32 {
    i32::try_from(status.exit_code()).unwrap_or(i32::MAX)
}

impl Drop for Kot {
    fn drop(&mut self) {
        if self.is_running() {
            // SIGHUP, then SIGKILL after a grace period (portable-pty does both).
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // Dropping the writer sends EOT, harmless once the child is gone.
        self.writer.take();
    }
}

/// `kot ARGS` run to completion outside any terminal, with the same
/// environment as `Kot::spawn`; stdin is null.
pub fn cli(dir: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> Output {
    let scratch = scratch();
    cli_command(dir, args, extra_env, scratch.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"))
}

/// The command `cli` runs: hermetic, then the harness's variables, then
/// `extra_env`; `HOME` and the XDG directories below `scratch`.
pub fn cli_command(
    dir: &Path,
    args: &[&str],
    extra_env: &[(&str, &str)],
    scratch: &Path,
) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
    hermetic(&mut c, scratch)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null());
    for (k, v) in base_env(dir) {
        c.env(k, v);
    }
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c
}

/// The command `Kot::spawn_args` starts in the pseudo-terminal, built as
/// `cli_command` is.
pub fn pty_command(
    dir: &Path,
    args: &[&str],
    extra_env: &[(&str, &str)],
    scratch: &Path,
) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kot"));
    cmd.args(args);
    cmd.cwd(dir);
    hermetic_pty(&mut cmd, scratch);
    for (k, v) in base_env(dir) {
        cmd.env(k, v);
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd
}

/// `kot ARGS` on a clock stopped at `now` (local, `2026-11-23T17:30` or
/// with seconds); must succeed. Returns its stdout.
#[track_caller]
pub fn cli_at(dir: &Path, now: &str, args: &[&str]) -> String {
    let now = if now.len() == 16 {
        format!("{now}:00")
    } else {
        now.to_string()
    };
    let out = cli(dir, args, &[("KOT_NOW", &now), ("KOT_TIME_SCALE", "0")]);
    assert!(out.status.success(), "{now} kot {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Run `kot ARGS` and insist that it succeeds; its stdout.
#[track_caller]
pub fn cli_ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args, &[]);
    assert!(
        out.status.success(),
        "kot {args:?} failed: {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `<dir>/days/YYYY/YYYY-MM-DD.toml` for `date` written `YYYY-MM-DD`.
pub fn day_path(dir: &Path, date: &str) -> PathBuf {
    dir.join("days")
        .join(&date[..4])
        .join(format!("{date}.toml"))
}

/// A day file parsed as TOML; panics when it is missing or not TOML.
#[track_caller]
pub fn day_toml(dir: &Path, date: &str) -> toml::Table {
    let path = day_path(dir, date);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}\n{text}", path.display()))
}
