//! Writes that never leave a half-written file: a temp file in the same directory
//! (mode 0600), fsync, rename over the target, fsync the directory. Interrupted
//! writes leave only `.kot-*.tmp` files, which `clean_stray_temps` removes.

use std::fs::{self, DirBuilder, File};
use std::io::{self, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;
use std::time::Duration;

const TEMP_PREFIX: &str = ".kot-";
const TEMP_SUFFIX: &str = ".tmp";

/// Replace `path` with `data` atomically and durably.
///
/// # Errors
/// Any IO error; the old content is then still in place.
pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("a file path without a directory"))?;
    create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

/// Create `dir` and its missing parents with mode 0700.
///
/// # Errors
/// Any IO error.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Remove temp files older than a minute left in `dir` by interrupted writes.
/// Younger ones may belong to a write under way in another process.
pub fn clean_stray_temps(dir: &Path, now: std::time::SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > Duration::from_secs(60));
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // fixtures are written plainly on purpose
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_are_private_and_replace_the_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/x.toml");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(p.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn only_old_temp_files_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".kot-abc.tmp"), "x").unwrap();
        fs::write(dir.path().join("keep.toml"), "x").unwrap();
        clean_stray_temps(dir.path(), std::time::SystemTime::UNIX_EPOCH);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        let later = crate::clock::real_now() + Duration::from_secs(120);
        clean_stray_temps(dir.path(), later);
        assert!(!dir.path().join(".kot-abc.tmp").exists());
        assert!(dir.path().join("keep.toml").exists());
    }
}
