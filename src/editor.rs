//! The user's own editor for a journal text, shared by `kot journal edit` and
//! the TUI's `E`: the text goes to a private temp file (0600, outside the data
//! directory, so editor backups never land among the journal files; in
//! `$XDG_RUNTIME_DIR` when there is one, which only the user can read), the
//! editor runs on it, and the file is read back. The copy is removed whatever
//! happens: text that could not be saved is kept as a draft in the data
//! directory instead (`store::drafts`). Running the editor is the caller's:
//! the TUI first hands the terminal over.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, ExitStatus};

use chrono::NaiveDate;
use tempfile::NamedTempFile;

use crate::core::journal::clean_text;
use crate::store::Store;
use crate::store::drafts::{Draft, journal_key};
use crate::t;

/// The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`.
#[must_use]
pub fn command_line() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Run the editor on `path` and wait for it. Run by the shell, so a setting
/// with arguments (`code --wait`) works.
///
/// # Errors
/// The editor could not start or exited with a failure: the message says
/// which editor and how (nothing is to be changed then).
pub fn run(path: &Path) -> Result<(), String> {
    let editor = command_line();
    let failed = |status: &dyn std::fmt::Display| {
        t!(
            "cli.journal.editor_failed",
            editor = editor,
            status = status
        )
    };
    let status: ExitStatus = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| failed(&e))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(&status))
    }
}

/// A day's text in a temp file for the editor; removed when dropped.
pub struct TempCopy {
    file: NamedTempFile,
}

impl TempCopy {
    /// A file holding `text` (with a final line break, as editors expect).
    ///
    /// # Errors
    /// No temp file could be made or written.
    pub fn new(store: &Store, date: NaiveDate, text: &str) -> Result<Self, String> {
        let temp = |e: std::io::Error| t!("cli.journal.temp", error = e);
        let mut file = tempfile::Builder::new()
            .prefix(&format!(
                "{PREFIX}{}-{date}-{}-",
                dir_tag(store),
                std::process::id()
            ))
            .suffix(".md")
            .tempfile_in(private_temp_dir())
            .map_err(temp)?;
        let shown = if text.is_empty() {
            String::new()
        } else {
            format!("{text}\n")
        };
        file.as_file_mut()
            .write_all(shown.as_bytes())
            .and_then(|()| file.as_file().sync_all())
            .map_err(temp)?;
        Ok(Self { file })
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The file as the editor left it.
    ///
    /// # Errors
    /// It cannot be read, or is not UTF-8.
    pub fn read_back(&self) -> Result<String, String> {
        let path = self.file.path();
        let bytes =
            std::fs::read(path).map_err(|e| t!("store.io", path = path.display(), error = e))?;
        String::from_utf8(bytes).map_err(|_| t!("cli.journal.edit_not_utf8"))
    }
}

const PREFIX: &str = "kot-journal-";

/// Copies left behind by a kot that was killed (SIGKILL, a power cut) while
/// its editor ran, for this data directory: what they hold is kept as the
/// day's draft when it differs from the day's text (so an edit saved in the
/// editor is not lost) and no draft is there yet, then they are removed.
/// Copies of a kot still running are left alone.
pub fn sweep_orphans(store: &Store) {
    // Whether a kot still runs is read from /proc: without it, sweep nothing.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let own = format!("{PREFIX}{}-", dir_tag(store));
    let Ok(entries) = std::fs::read_dir(private_temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&own)) else {
            continue;
        };
        // `DATE-PID-RANDOM.md`
        let date = rest
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let pid = rest
            .get(11..)
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        let (Some(date), Some(pid)) = (date, pid) else {
            continue;
        };
        if Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        let path = e.path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            keep_orphan(store, date, &clean_text(&text));
        }
        let _ = std::fs::remove_file(&path);
    }
}

fn keep_orphan(store: &Store, date: NaiveDate, text: &str) {
    let key = journal_key(date);
    let on_disk = store
        .load_entry(date)
        .entry()
        .map(|e| clean_text(&e.text))
        .unwrap_or_default();
    if text.is_empty() || text == on_disk || store.draft(&key).is_some() {
        return;
    }
    let draft = Draft {
        base: String::new(),
        text: text.to_string(),
    };
    let _ = store.keep_draft(&key, &draft);
}

/// A short name of the data directory, so that a sweep takes only its own
/// copies (FNV-1a: stable across kot versions, unlike std's hasher).
fn dir_tag(store: &Store) -> String {
    let root = store.root().as_os_str().as_encoded_bytes();
    let hash = root.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// `$XDG_RUNTIME_DIR` (the user's own, 0700) when it is a directory, else the
/// temp dir (where the copy is still 0600).
fn private_temp_dir() -> std::path::PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}
