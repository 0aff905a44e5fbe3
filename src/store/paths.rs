//! Where kot keeps its files: `--dir` / `KOT_DIR`, else the user's config
//! directory (`~/.config/kot` on Linux). Days live in `days/YYYY/YYYY-MM-DD.toml`,
//! their journals in `journal/YYYY/YYYY-MM-DD.toml`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

/// The data directory: the one given, else the platform's config directory.
#[must_use]
pub fn root(given: Option<PathBuf>) -> Option<PathBuf> {
    given.filter(|p| !p.as_os_str().is_empty()).or_else(|| {
        directories::ProjectDirs::from("", "", "kot").map(|d| d.config_dir().to_path_buf())
    })
}

#[must_use]
pub fn day_file(root: &Path, date: NaiveDate) -> PathBuf {
    root.join("days")
        .join(format!("{:04}", date.year()))
        .join(format!("{}.toml", date.format("%Y-%m-%d")))
}

/// The journal of `date`: a tree of its own beside `days/`, so the plans can
/// be synced to a work machine without it.
#[must_use]
pub fn journal_file(root: &Path, date: NaiveDate) -> PathBuf {
    root.join("journal")
        .join(format!("{:04}", date.year()))
        .join(format!("{}.toml", date.format("%Y-%m-%d")))
}

/// The note of an ISO week (its one thing to change): `weeks/YYYY/YYYY-Www.toml`,
/// beside `days/` and `journal/`, the year being the ISO week's.
#[must_use]
pub fn week_file(root: &Path, week: crate::core::week::WeekId) -> PathBuf {
    root.join("weeks")
        .join(format!("{:04}", week.year))
        .join(week.file_name())
}

/// The date a day file's name stands for; `None` for anything but an exact
/// `YYYY-MM-DD.toml` (so sync-conflict copies and temp files are never days).
#[must_use]
pub fn date_of_file_name(name: &str) -> Option<NaiveDate> {
    let stem = name.strip_suffix(".toml")?;
    if stem.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}

/// Copies that sync tools and merges leave behind: never loaded, only reported.
/// Syncthing (`.sync-conflict-…`), Dropbox and older Nextcloud clients
/// (`(… conflicted copy …)`), Nextcloud (`_conflict-…`), and the numbered copies
/// (`… (1).toml`) that several clients make.
#[must_use]
pub fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-")
        || name.ends_with(".orig")
        || name.contains(".conflict")
        || name.contains("conflicted copy")
        || name.contains("_conflict-")
        || name.strip_suffix(".toml").is_some_and(numbered_copy)
}

/// `stem (1)` or `stem(2)`.
fn numbered_copy(stem: &str) -> bool {
    stem.strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_day_names_are_days() {
        assert!(date_of_file_name("2026-11-23.toml").is_some());
        for name in [
            "2026-11-23.sync-conflict-20261123-101010-ABCDEF.toml",
            "2026-11-23.toml.orig",
            ".kot-123.tmp",
            "2026-13-01.toml",
            "2026-1-1.toml",
        ] {
            assert!(date_of_file_name(name).is_none(), "{name}");
        }
        for copy in [
            "2026-11-23.sync-conflict-20261123-101010-ABCDEF.toml",
            "2026-11-23 (Jan's conflicted copy 2026-11-23).toml",
            "2026-11-23 (conflicted copy 2026-11-23 101010).toml",
            "2026-11-23_conflict-20261123-101010.toml",
            "2026-11-23 (1).toml",
            "2026-11-23(12).toml",
        ] {
            assert!(is_conflict_copy(copy), "{copy}");
            assert!(date_of_file_name(copy).is_none(), "{copy}");
        }
        for plain in [
            "2026-11-23.toml",
            "notes (draft).toml",
            "2026-11-23 ().toml",
        ] {
            assert!(!is_conflict_copy(plain), "{plain}");
        }
    }
}
