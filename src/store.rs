//! Day files and the config on disk. Every change goes lock → re-read → apply →
//! atomic write → unlock, so the TUI and any number of CLI commands lose nothing.
//! A file that does not parse is reported and never written over.

pub mod atomic;
pub mod drafts;
pub mod journal;
pub mod lock;
pub mod nudges;
pub mod paths;
pub mod tree;
pub mod watch;
pub mod week;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate};

use crate::config::{self, Config, load::ConfigIssue};
use crate::core::day::{Applied, Day, DayOp, Refusal, UNSET_DATE};
use crate::core::plan::{TaskId, TaskRef};
use crate::t;

/// How long a change waits for another kot's write by default (`--wait`).
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// A day file that could not be read as a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Corrupt {
    #[must_use]
    pub fn describe(&self) -> String {
        let at = match self.line {
            Some(l) => format!("{}:{l}", self.path.display()),
            None => self.path.display().to_string(),
        };
        // A day's file (or its journal) is named by its date; anything else
        // (a week's note, `nudges.toml`) is not a day.
        let is_day = self
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| paths::date_of_file_name(n).is_some());
        if is_day {
            t!("store.corrupt", at = at, message = self.message)
        } else {
            t!("store.corrupt_file", at = at, message = self.message)
        }
    }
}

/// What loading one day found.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per open day; boxing buys nothing
pub enum DayLoad {
    /// No file yet (or an empty one): a fresh day.
    Missing,
    Ok(Day),
    Corrupt(Corrupt),
}

impl DayLoad {
    /// The day, a fresh one when there is no file; the problem when unreadable.
    ///
    /// # Errors
    /// The file could not be read as a day.
    pub fn into_day(self, date: NaiveDate) -> Result<Day, Corrupt> {
        match self {
            Self::Missing => Ok(Day::new(date)),
            Self::Ok(d) => Ok(d),
            Self::Corrupt(c) => Err(c),
        }
    }

    /// The day to show: a fresh one when there is no file; `None` when unreadable.
    #[must_use]
    pub fn day_or_new(&self, date: NaiveDate) -> Option<Day> {
        match self {
            Self::Missing => Some(Day::new(date)),
            Self::Ok(d) => Some(d.clone()),
            Self::Corrupt(_) => None,
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        error: io::Error,
    },
    Corrupt(Corrupt),
    NewerSchema {
        path: PathBuf,
        schema: u32,
    },
    Refused(Refusal),
    /// A journal edit broke a rule; nothing changed.
    JournalRefused(crate::core::journal::Refusal),
    /// Another process held the write lock for the whole wait; nothing changed.
    Busy {
        path: PathBuf,
        holder: Option<u32>,
        waited: Duration,
    },
    /// The data directory cannot be written (a read-only mount, `chattr +i`).
    ReadOnly {
        dir: PathBuf,
    },
    /// Another TUI or `kot watch` holds the single-instance lock.
    AlreadyOpen {
        dir: PathBuf,
    },
}

impl StoreError {
    /// One line for the user, in their language.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Io { path, error } => t!("store.io", path = path.display(), error = error),
            Self::Corrupt(c) => format!("{} {}", c.describe(), t!("store.corrupt_kept")),
            Self::NewerSchema { path, schema } => {
                t!("store.newer", path = path.display(), schema = schema)
            }
            Self::Refused(r) => refusal_message(r),
            Self::JournalRefused(r) => journal::refusal_message(r),
            Self::Busy {
                path,
                holder,
                waited,
            } => {
                t!(
                    "store.busy",
                    path = path.display(),
                    who = lock::who(*holder),
                    seconds = waited.as_secs()
                )
            }
            Self::ReadOnly { dir } => t!("store.read_only", dir = dir.display()),
            Self::AlreadyOpen { dir } => t!("tui.already_open", dir = dir.display()),
        }
    }
}

/// The one line a CLI command prints when it has waited `ANNOUNCE_AFTER` for
/// another kot's write.
#[must_use]
pub fn waiting_message(holder: Option<u32>) -> String {
    t!("store.waiting", who = lock::who(holder))
}

/// Errors that mean "this place cannot be written", whoever asks: a read-only
/// mount (EROFS), `chattr +i` (EPERM, even for root) or the mode bits (EACCES).
fn is_read_only(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// One unfinished task of an earlier day: carried to a later day, or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarryChoice {
    pub id: TaskId,
    pub carry: bool,
}

/// A refused edit in the user's words.
#[must_use]
pub fn refusal_message(r: &Refusal) -> String {
    match r {
        Refusal::TopFull => t!(
            "plan.refused.top_full",
            limit = crate::core::plan::TOP_LIMIT
        ),
        Refusal::NoSuchTask(id) => t!("plan.refused.no_task", id = id),
        Refusal::NoSuchBlock(id) => t!("plan.refused.no_block", id = id),
        Refusal::EmptyTitle => t!("plan.refused.empty_title"),
        Refusal::BadFeeling(f) => t!("plan.refused.feeling", value = f),
        Refusal::NoTaskIdLeft => t!("plan.refused.no_task_id", max = u32::MAX - 1),
        Refusal::NoBlockIdLeft => t!("plan.refused.no_block_id", max = u32::MAX - 1),
        Refusal::EveningOverlaps { start, end } => match end {
            Some(end) => t!(
                "cli.work.overlaps",
                start = start.format("%H:%M"),
                end = end.format("%H:%M")
            ),
            None => t!("cli.work.overlaps_open", start = start.format("%H:%M")),
        },
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// `value` as the TOML text of the file at `path` (named if it fails).
fn toml_text<T: serde::Serialize>(value: &T, path: &Path) -> Result<String, StoreError> {
    toml::to_string_pretty(value).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        error: io::Error::other(e),
    })
}

/// Write `value` to `path` as TOML, atomically.
fn write_toml<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let text = toml_text(value, path)?;
    atomic::write(path, text.as_bytes()).map_err(io_err(path))
}

pub struct Store {
    root: PathBuf,
    /// How long a change waits for the write lock.
    wait: Duration,
    on_wait: Option<lock::OnWait>,
}

impl Store {
    /// Use `root` as the data directory, creating it (0700) if needed.
    ///
    /// # Errors
    /// The directory cannot be created.
    pub fn open(root: PathBuf) -> Result<Self, StoreError> {
        atomic::create_private_dir(&root).map_err(io_err(&root))?;
        Ok(Self {
            root,
            wait: DEFAULT_WAIT,
            on_wait: None,
        })
    }

    /// Wait at most `limit` for another kot's write (`Duration::ZERO`: never
    /// wait, as the TUI's loop must not), telling `on_wait` once after a second.
    pub fn set_wait(&mut self, limit: Duration, on_wait: Option<lock::OnWait>) {
        self.wait = limit;
        self.on_wait = on_wait;
    }

    /// Whether a file can be created in the data directory itself (where
    /// kot keeps its own small state files, like the shown notices' ids).
    #[must_use]
    pub fn is_writable(&self) -> bool {
        match atomic::probe(&self.root) {
            Ok(()) => true,
            Err(e) => !is_read_only(&e),
        }
    }

    /// Where a change to `date`'s day cannot be written, or `None` when it
    /// can: tried where a change goes, not on the data directory alone (a
    /// `chattr +i` data directory still lets kot write into an existing
    /// `days/2026`). A probe, not the mode bits: root ignores those, and
    /// `chattr +i` or a read-only mount show only when something is tried.
    /// Other errors (a full disk) are not "read-only": each write says them.
    #[must_use]
    pub fn read_only_for(&self, date: NaiveDate) -> Option<PathBuf> {
        let lock = self.root.join(".write.lock");
        if let Err(e) = lock::open(&lock)
            && is_read_only(&e)
        {
            return Some(self.root.clone());
        }
        // The day's directory, or the nearest one that exists: a missing
        // one is created by the write, in its parent.
        let day = self.day_path(date);
        let dir = day
            .ancestors()
            .skip(1)
            .find(|d| d.is_dir())
            .unwrap_or(&self.root)
            .to_path_buf();
        match atomic::probe(&dir) {
            Err(e) if is_read_only(&e) => Some(dir),
            _ => None,
        }
    }

    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    #[must_use]
    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    #[must_use]
    pub fn day_path(&self, date: NaiveDate) -> PathBuf {
        paths::day_file(&self.root, date)
    }

    #[must_use]
    pub fn tui_lock_path(&self) -> PathBuf {
        self.root.join(".tui.lock")
    }

    /// The single-instance lock of the data directory, held by the TUI or
    /// `kot watch` for its whole life, so notifications never come twice.
    ///
    /// # Errors
    /// Another TUI or watch holds it, or the lock file cannot be opened.
    pub fn hold_instance(&self) -> Result<lock::Held, StoreError> {
        let path = self.tui_lock_path();
        lock::try_exclusive(&path)
            .map_err(|error| StoreError::Io { path, error })?
            .ok_or_else(|| StoreError::AlreadyOpen {
                dir: self.root.clone(),
            })
    }

    /// The single-instance lock, or `None` when the lock file cannot be
    /// created: with `read_only` nothing can be written, so there is nothing
    /// two kots could do twice; in an immutable data directory whose day
    /// directory still takes writes, kot works on without it rather than
    /// refuse to open (the write lock still guards every change).
    ///
    /// # Errors
    /// As `hold_instance`, for a directory that can be written.
    pub fn hold_instance_unless_read_only(
        &self,
        read_only: bool,
    ) -> Result<Option<lock::Held>, StoreError> {
        match self.hold_instance() {
            Ok(held) => Ok(Some(held)),
            Err(StoreError::Io { error, .. }) if read_only || is_read_only(&error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn write_lock(&self) -> Result<lock::Held, StoreError> {
        let path = self.root.join(".write.lock");
        lock::exclusive_within(&path, self.wait, self.on_wait.as_ref()).map_err(|e| match e {
            lock::LockError::Io(error) if is_read_only(&error) => StoreError::ReadOnly {
                dir: self.root.clone(),
            },
            lock::LockError::Io(error) => StoreError::Io { path, error },
            lock::LockError::Busy { holder } => StoreError::Busy {
                path,
                holder,
                waited: self.wait,
            },
        })
    }

    /// The config, written from `config.example.toml` first if there is none.
    /// Returns whether it was just created. When it cannot be written (a
    /// read-only directory, a full disk, a stuck lock), the defaults are used
    /// in memory so reading commands still work; changes then fail on their own.
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub fn load_config(&self) -> Result<(Config, Vec<ConfigIssue>, bool), StoreError> {
        let path = self.config_path();
        match fs::read(&path) {
            Ok(bytes) => match utf8(bytes) {
                Ok(text) => {
                    let (c, issues) = config::load::parse(&text);
                    Ok((c, issues, false))
                }
                Err(line) => {
                    let kind = config::load::IssueKind::Syntax {
                        message: t!("store.not_utf8"),
                    };
                    Ok((
                        Config::default(),
                        vec![ConfigIssue {
                            line: Some(line),
                            kind,
                        }],
                        false,
                    ))
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let created = self.create_config(&path).is_ok();
                let (c, issues) = config::load::parse(config::EXAMPLE);
                Ok((c, issues, created))
            }
            Err(error) => Err(StoreError::Io { path, error }),
        }
    }

    fn create_config(&self, path: &Path) -> Result<(), StoreError> {
        let _g = self.write_lock()?;
        // Another process may have created it meanwhile: never overwrite.
        if !path.exists() {
            atomic::write(path, config::EXAMPLE.as_bytes()).map_err(io_err(path))?;
        }
        Ok(())
    }

    /// Read one day from disk.
    #[must_use]
    pub fn load_day(&self, date: NaiveDate) -> DayLoad {
        let path = self.day_path(date);
        match read_data_file(&path) {
            Err(c) => DayLoad::Corrupt(c),
            Ok(None) => DayLoad::Missing,
            Ok(Some(text)) => match parse_day(&text, date) {
                Ok(day) => DayLoad::Ok(day),
                Err((line, message)) => DayLoad::Corrupt(Corrupt {
                    path,
                    line,
                    message,
                }),
            },
        }
    }

    /// Apply `op` to the day on disk under the write lock, re-reading it first so
    /// edits made meanwhile by another process, a hand edit or a sync are kept.
    ///
    /// # Errors
    /// The file is unreadable or from a newer kot (it is left untouched), the edit
    /// is refused, or the write fails (the old file stays whole).
    pub fn update_day(&self, date: NaiveDate, op: DayOp) -> Result<(Day, Applied), StoreError> {
        let (day, mut applied) = self.update_day_all(date, vec![op])?;
        Ok((day, applied.pop().unwrap_or_default()))
    }

    /// Apply several edits as one: all of them are written together, or, if
    /// one is refused, none.
    ///
    /// # Errors
    /// As `update_day`.
    pub fn update_day_all(
        &self,
        date: NaiveDate,
        ops: Vec<DayOp>,
    ) -> Result<(Day, Vec<Applied>), StoreError> {
        self.update_day_with(date, |_| Ok::<_, StoreError>(ops))
    }

    /// Decide the edits on the day as it is on disk, under the write lock, and
    /// write them as one. For edits that depend on the day's state (which
    /// break is due, what the snooze budget allows): decided on a copy read
    /// earlier, two processes would both act on the same due break.
    ///
    /// # Errors
    /// As `update_day`, or whatever `decide` refuses (then nothing is written).
    pub fn update_day_with<E: From<StoreError>>(
        &self,
        date: NaiveDate,
        decide: impl FnOnce(&Day) -> Result<Vec<DayOp>, E>,
    ) -> Result<(Day, Vec<Applied>), E> {
        let _g = self.write_lock()?;
        let mut day = self.day_to_change(date)?;
        let before = day.clone();
        let applied = decide(&day)?
            .into_iter()
            .map(|op| day.apply(op))
            .collect::<Result<Vec<_>, _>>()
            .map_err(StoreError::Refused)?;
        self.write_if_changed(&day, &before)?;
        Ok((day, applied))
    }

    /// Carry unfinished tasks of `from` to `to` (or drop them) as one change:
    /// `to` is written first and `from` only once that worked, so a failure
    /// never leaves a task marked carried on `from` without its copy on `to`.
    /// Returns both days as written, `to` first. Tasks done, carried or gone on
    /// `from` meanwhile are left alone; carrying twice copies once.
    ///
    /// # Errors
    /// Either file is unreadable or from a newer kot, or a write failed: when
    /// the write of `to` fails, neither file changed.
    pub fn carry(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        choices: &[CarryChoice],
    ) -> Result<(Day, Day), StoreError> {
        let _g = self.write_lock()?;
        let mut source = self.day_to_change(from)?;
        let mut target = self.day_to_change(to)?;
        let (source_before, target_before) = (source.clone(), target.clone());
        for choice in choices {
            let Some(task) = source.unfinished().find(|t| t.id == choice.id).cloned() else {
                continue;
            };
            if choice.carry {
                target
                    .apply(DayOp::CarryIn {
                        from: TaskRef {
                            date: from,
                            id: task.id,
                        },
                        title: task.title,
                        estimate: task.estimate,
                        // A top task stays one (while the day has room).
                        top: task.top,
                    })
                    .map_err(StoreError::Refused)?;
            }
            source
                .apply(DayOp::CarryOut {
                    id: task.id,
                    to: choice.carry.then_some(to),
                })
                .map_err(StoreError::Refused)?;
        }
        self.write_if_changed(&target, &target_before)?;
        self.write_if_changed(&source, &source_before)?;
        Ok((target, source))
    }

    /// The day on disk, ready to change: fresh when there is no file.
    fn day_to_change(&self, date: NaiveDate) -> Result<Day, StoreError> {
        let day = match self.load_day(date) {
            DayLoad::Missing => Day::new(date),
            DayLoad::Ok(d) => d,
            DayLoad::Corrupt(c) => return Err(StoreError::Corrupt(c)),
        };
        if !day.writable() {
            return Err(StoreError::NewerSchema {
                path: self.day_path(date),
                schema: day.schema,
            });
        }
        Ok(day)
    }

    fn write_if_changed(&self, day: &Day, before: &Day) -> Result<(), StoreError> {
        if day == before {
            return Ok(());
        }
        write_toml(&self.day_path(day.date), day)
    }

    /// The last day before `date` that has a file: Friday, seen from Monday.
    /// Lists at most the year directories and one year's files.
    #[must_use]
    pub fn previous_day_with_file(&self, date: NaiveDate) -> Option<NaiveDate> {
        let days = self.root.join("days");
        let mut years: Vec<i32> = fs::read_dir(&days)
            .ok()?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .filter(|y| *y <= date.year())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.into_iter().find_map(|y| {
            fs::read_dir(days.join(format!("{y:04}")))
                .ok()?
                .flatten()
                .filter_map(|e| paths::date_of_file_name(e.file_name().to_str()?))
                .filter(|d| *d < date && d.year() == y)
                .max()
        })
    }

    /// Sync-conflict copies and `.orig` files under `days/` and `journal/`,
    /// for `kot config check`.
    #[must_use]
    pub fn conflict_copies(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![self.root.join("days"), self.root.join("journal")];
        while let Some(dir) = stack.pop() {
            for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if e.file_name().to_str().is_some_and(paths::is_conflict_copy) {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    /// Remove temp files of interrupted writes (older than a minute).
    pub fn clean_stray_temps(&self) {
        let now = crate::clock::real_now();
        atomic::clean_stray_temps(&self.root, now);
        atomic::clean_stray_temps(&self.root.join("drafts"), now);
        for tree in ["days", "journal"] {
            for e in fs::read_dir(self.root.join(tree))
                .into_iter()
                .flatten()
                .flatten()
            {
                atomic::clean_stray_temps(&e.path(), now);
            }
        }
    }
}

/// A data file's text: `None` when there is no file or only whitespace in
/// it; the problem (with its line) when it cannot be read as UTF-8 text.
pub(crate) fn read_data_file(path: &Path) -> Result<Option<String>, Corrupt> {
    match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Corrupt {
            path: path.to_path_buf(),
            line: None,
            message: e.to_string(),
        }),
        Ok(bytes) => match utf8(bytes) {
            Err(line) => Err(Corrupt {
                path: path.to_path_buf(),
                line: Some(line),
                message: t!("store.not_utf8"),
            }),
            Ok(text) if text.trim().is_empty() => Ok(None),
            Ok(text) => Ok(Some(text)),
        },
    }
}

/// Where and why toml refused a file's text.
fn toml_problem(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let line = e.span().map(|s| config::load::line_at(text, s.start));
    (line, e.message().trim().replace('\n', " "))
}

/// A data file's text as `T`, refusing merge-conflict markers first;
/// `Err((line, message))` when it is not one. `known` is the newest `schema`
/// of that kind this kot writes: a file that says a newer one and does not
/// read is reported as a newer kot's, so the fix (update kot) is plain.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    known: u32,
) -> Result<T, (Option<usize>, String)> {
    if let Some(line) = conflict_marker_line(text) {
        return Err((Some(line), t!("store.conflict_markers")));
    }
    toml::from_str(text).map_err(|e| {
        let (line, message) = toml_problem(text, &e);
        match newer_schema(text, known) {
            Some(schema) => (
                line,
                t!("store.newer_unreadable", schema = schema, message = message),
            ),
            None => (line, message),
        }
    })
}

/// Parse a day file's text; `Err((line, message))` when it is not a day.
fn parse_day(text: &str, date: NaiveDate) -> Result<Day, (Option<usize>, String)> {
    let mut day: Day = parse_toml(text, crate::core::day::SCHEMA)?;
    if day.date == UNSET_DATE {
        day.date = date;
    } else if day.date != date {
        return Err((
            config::load::key_line(text, &["date"]),
            t!("store.wrong_date", found = day.date, expected = date),
        ));
    }
    Ok(day)
}

/// The `schema` of a file newer than `known`, if it says one.
fn newer_schema(text: &str, known: u32) -> Option<i64> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let schema = table.get("schema")?.as_integer()?;
    (schema > i64::from(known)).then_some(schema)
}

/// The text, or the line of the first byte that is not UTF-8.
fn utf8(bytes: Vec<u8>) -> Result<String, usize> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    })
}

fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.starts_with("<<<<<<< ") || l == "=======" || l.starts_with(">>>>>>> "))
        .map(|i| i + 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::core::plan::TaskStatus;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn store_with_friday(titles: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("kot")).unwrap();
        let ops = titles
            .iter()
            .map(|t| DayOp::AddTask {
                title: (*t).to_string(),
                top: false,
                estimate: None,
            })
            .collect();
        store.update_day_all(d("2026-11-20"), ops).unwrap();
        (dir, store)
    }

    fn both(id: u32, carry: bool) -> CarryChoice {
        CarryChoice {
            id: TaskId(id),
            carry,
        }
    }

    #[test]
    fn a_carry_whose_target_cannot_be_written_changes_neither_day() {
        let (_dir, store) = store_with_friday(&["Alpha", "Beta"]);
        let (friday, monday) = (d("2026-11-20"), d("2026-11-23"));
        let before = fs::read(store.day_path(friday)).unwrap();
        // Monday's file is a link to nowhere: it reads as no file, and a write
        // to it fails (nothing is created at either end of the link).
        let target = store.day_path(monday);
        std::os::unix::fs::symlink(store.root().join("gone/x.toml"), &target).unwrap();
        let err = store.carry(friday, monday, &[both(1, true), both(2, false)]);
        assert!(matches!(err, Err(StoreError::Io { path, .. }) if path == target));
        assert_eq!(fs::read(store.day_path(friday)).unwrap(), before);
    }

    #[test]
    fn a_carry_moves_the_chosen_drops_the_rest_and_copies_once() {
        let (_dir, store) = store_with_friday(&["Alpha", "Beta", "Gamma"]);
        let (friday, monday) = (d("2026-11-20"), d("2026-11-23"));
        store
            .update_day(
                friday,
                DayOp::SetDone {
                    id: TaskId(3),
                    done: true,
                },
            )
            .unwrap();
        let choices = [both(1, true), both(2, false), both(3, true)];
        let (to, from) = store.carry(friday, monday, &choices).unwrap();
        let titles: Vec<&str> = to.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["Alpha"], "a task done meanwhile stays behind");
        let status: Vec<TaskStatus> = from.tasks.iter().map(|t| t.status).collect();
        assert_eq!(
            status,
            [TaskStatus::Carried, TaskStatus::Dropped, TaskStatus::Done]
        );
        assert_eq!(from.tasks[0].carried_to, Some(monday));
        // Again (a retry after a failed second write): nothing doubles.
        let (to, _) = store.carry(friday, monday, &choices).unwrap();
        assert_eq!(to.tasks.len(), 1);
    }
}
