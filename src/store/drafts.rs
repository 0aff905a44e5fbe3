//! Text typed but not saved, kept so that nothing typed is ever lost: when a
//! save fails, when kot is quit or stopped by a signal with an editor open,
//! and when it crashes. One file per text field (`drafts/<key>.draft`, TOML,
//! 0600 in a 0700 directory inside the data directory, written atomically),
//! offered back the next time that field is opened and removed once its text
//! is saved. Not `.toml`: no loader of days or journals ever reads one.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Store, StoreError, atomic, io_err, toml_text};
use crate::core::journal::merge_view;
use crate::t;

/// Unsaved text and the text it was written over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What the field held on disk when the typing started, byte for byte: if
    /// it holds something else when the draft comes back, someone else wrote
    /// meanwhile and both must be shown.
    #[serde(default)]
    pub base: String,
    pub text: String,
}

impl Draft {
    /// What the draft offers when its field opens again over `now`, the text
    /// on disk: its own text, below what was written meanwhile if `now` is no
    /// longer the text it started from.
    #[must_use]
    pub fn offered(&self, now: &str) -> String {
        if self.base == now {
            return self.text.clone();
        }
        merge_view(
            &self.base,
            now,
            &self.text,
            &t!("journal.merge.other"),
            &t!("journal.merge.mine"),
        )
    }
}

/// Write `draft` at `path` (from `Store::draft_path`), for the panic hook,
/// which has no store at hand.
///
/// # Errors
/// The file could not be written (an older one stays whole).
pub fn write(path: &Path, draft: &Draft) -> Result<(), StoreError> {
    let text = toml_text(draft, path)?;
    atomic::write(path, text.as_bytes()).map_err(io_err(path))
}

/// The draft key of a day's journal text.
#[must_use]
pub fn journal_key(date: NaiveDate) -> String {
    format!("journal-{date}")
}

impl Store {
    #[must_use]
    pub fn draft_path(&self, key: &str) -> PathBuf {
        self.root().join("drafts").join(format!("{key}.draft"))
    }

    /// Keep `draft` under `key`, replacing an older one; where it is.
    ///
    /// # Errors
    /// The file could not be written (the old draft, if any, stays whole).
    pub fn keep_draft(&self, key: &str, draft: &Draft) -> Result<PathBuf, StoreError> {
        let path = self.draft_path(key);
        write(&path, draft)?;
        Ok(path)
    }

    /// The draft kept under `key`, if there is one that reads.
    #[must_use]
    pub fn draft(&self, key: &str) -> Option<Draft> {
        let text = fs::read_to_string(self.draft_path(key)).ok()?;
        toml::from_str(&text).ok()
    }

    /// Every draft whose key starts with `prefix`, as `(key, draft)`.
    #[must_use]
    pub fn drafts_under(&self, prefix: &str) -> Vec<(String, Draft)> {
        let mut out: Vec<(String, Draft)> = fs::read_dir(self.root().join("drafts"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let key = name.strip_suffix(".draft")?;
                key.starts_with(prefix)
                    .then(|| Some((key.to_string(), self.draft(key)?)))
                    .flatten()
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The text was saved or given up on purpose: forget its draft.
    pub fn drop_draft(&self, key: &str) {
        let _ = fs::remove_file(self.draft_path(key));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_draft_is_private_round_trips_and_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        let d = Draft {
            base: "on disk\n".into(),
            text: "Één 🙂 \"\"\" '''\r\n\u{7}".into(),
        };
        let path = store.keep_draft("journal-2026-11-23", &d).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(store.draft("journal-2026-11-23"), Some(d));
        store.drop_draft("journal-2026-11-23");
        assert_eq!(store.draft("journal-2026-11-23"), None);
    }
}
