//! `nudges.toml` in the data directory: what was shown, dismissed and snoozed,
//! per rule. Changes go lock → re-read → change → atomic write (0600); a file
//! that does not read is never written over (the nudges wait until it is
//! fixed); unknown keys are kept.

use std::path::PathBuf;

use super::{Corrupt, Store, StoreError, parse_toml, read_data_file, write_toml};
use crate::core::nudges::NudgeLog;

impl Store {
    #[must_use]
    pub fn nudges_path(&self) -> PathBuf {
        self.root().join("nudges.toml")
    }

    /// The record; an empty one when there is no file.
    ///
    /// # Errors
    /// The file exists and cannot be read as a record.
    pub fn load_nudges(&self) -> Result<NudgeLog, Corrupt> {
        let path = self.nudges_path();
        let Some(text) = read_data_file(&path)? else {
            return Ok(NudgeLog::default());
        };
        parse_toml(&text, crate::core::nudges::log::SCHEMA).map_err(|(line, message)| Corrupt {
            path,
            line,
            message,
        })
    }

    /// Change the record under the write lock, re-read first; written only
    /// when `change` says it changed something.
    ///
    /// # Errors
    /// The file cannot be read or is from a newer kot (left as it is), or the
    /// write failed (the old file stays whole).
    pub fn update_nudges(
        &self,
        change: impl FnOnce(&mut NudgeLog) -> bool,
    ) -> Result<NudgeLog, StoreError> {
        let _g = self.write_lock()?;
        let path = self.nudges_path();
        let mut log = self.load_nudges().map_err(StoreError::Corrupt)?;
        if !log.writable() {
            return Err(StoreError::NewerSchema {
                path,
                schema: log.schema,
            });
        }
        if !change(&mut log) {
            return Ok(log);
        }
        write_toml(&path, &log)?;
        Ok(log)
    }
}
