//! Week notes on disk, `weeks/YYYY/YYYY-Www.toml`, under the day files' rules:
//! changes go lock → re-read → apply → atomic write (0600); a file that does
//! not read is reported with its line and never written over; unknown keys
//! are kept; a newer kot's file is shown but never rewritten.

use std::path::PathBuf;

use super::{Corrupt, Store, StoreError, parse_toml, paths, read_data_file, write_toml};
use crate::core::week::{WeekId, WeekNote, WeekOp};

/// What loading one week's note found.
#[derive(Debug, Clone, PartialEq)]
pub enum WeekLoad {
    /// No file yet (or an empty one).
    Missing,
    Ok(WeekNote),
    Corrupt(Corrupt),
}

impl WeekLoad {
    /// The note, when there is one to show.
    #[must_use]
    pub const fn note(&self) -> Option<&WeekNote> {
        match self {
            Self::Ok(n) => Some(n),
            _ => None,
        }
    }
}

impl Store {
    #[must_use]
    pub fn week_path(&self, week: WeekId) -> PathBuf {
        paths::week_file(self.root(), week)
    }

    /// Read one week's note from disk.
    #[must_use]
    pub fn load_week(&self, week: WeekId) -> WeekLoad {
        let path = self.week_path(week);
        match read_data_file(&path) {
            Err(c) => WeekLoad::Corrupt(c),
            Ok(None) => WeekLoad::Missing,
            Ok(Some(text)) => match parse_toml(&text, crate::core::week::SCHEMA) {
                Ok(n) => WeekLoad::Ok(n),
                Err((line, message)) => WeekLoad::Corrupt(Corrupt {
                    path,
                    line,
                    message,
                }),
            },
        }
    }

    /// Apply `ops` to the week's note on disk under the write lock, re-reading
    /// it first; an unchanged note is not written.
    ///
    /// # Errors
    /// The file is unreadable or from a newer kot (left untouched), or the
    /// write fails (the old file stays whole).
    pub fn update_week(&self, week: WeekId, ops: Vec<WeekOp>) -> Result<WeekNote, StoreError> {
        let _g = self.write_lock()?;
        let path = self.week_path(week);
        let mut note = match self.load_week(week) {
            WeekLoad::Missing => WeekNote::default(),
            WeekLoad::Ok(n) => n,
            WeekLoad::Corrupt(c) => return Err(StoreError::Corrupt(c)),
        };
        if !note.writable() {
            return Err(StoreError::NewerSchema {
                path,
                schema: note.schema,
            });
        }
        let before = note.clone();
        for op in ops {
            note.apply(op);
        }
        if note == before {
            return Ok(note);
        }
        write_toml(&path, &note)?;
        Ok(note)
    }
}
