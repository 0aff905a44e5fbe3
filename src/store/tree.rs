//! The three trees kot keeps files in (`days/`, `journal/`, `weeks/`), and
//! what in them is in the way: a file where kot needs a directory. Listing a
//! tree skips what it cannot read, so without this check a `journal/` that is
//! a file reads as an empty journal.

use std::fs;
use std::path::{Path, PathBuf};

use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    Days,
    Journal,
    Weeks,
}

impl Tree {
    #[must_use]
    pub fn dir(self, root: &Path) -> PathBuf {
        root.join(match self {
            Self::Days => "days",
            Self::Journal => "journal",
            Self::Weeks => "weeks",
        })
    }

    /// `path` is not a directory, in the words of what the tree holds.
    #[must_use]
    pub fn not_a_dir(self, path: &Path) -> String {
        let key = match self {
            Self::Days => "cli.check.not_a_dir",
            Self::Journal => "cli.check.not_a_dir_journal",
            Self::Weeks => "cli.check.not_a_dir_weeks",
        };
        t!(key, path = path.display())
    }

    /// The tree's directory and its year directories (`YYYY`) that exist but
    /// are not directories. A missing one is fine: kot creates it.
    #[must_use]
    pub fn in_the_way(self, root: &Path) -> Vec<PathBuf> {
        let top = self.dir(root);
        match fs::metadata(&top) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return vec![top],
            Err(_) => return Vec::new(),
        }
        let mut out: Vec<PathBuf> = fs::read_dir(&top)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_year_name(p) && fs::metadata(p).is_ok_and(|m| !m.is_dir()))
            .collect();
        out.sort();
        out
    }
}

/// `2026`: four digits, the name of a year directory.
#[must_use]
pub fn is_year_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
}
