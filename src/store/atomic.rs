//! Writes that never leave a half-written file: a temp file in the same directory
//! (mode 0600), fsync, rename over the target, fsync the directory. Interrupted
//! writes leave only `.kot-*.tmp` files. A temp is locked while it is
//! written, so `clean_abandoned_temps` (run by every write, in its own
//! directory) removes the ones whose writer died at once; `clean_stray_temps`
//! (the TUI, `config check`) removes any a minute old.

use std::fs::{self, DirBuilder, File};
use std::io::{self, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;
use std::time::Duration;

const TEMP_PREFIX: &str = ".kot-";
const TEMP_SUFFIX: &str = ".tmp";

/// Replace `path` with `data` atomically and durably. A symbolic link is
/// written through (its target is replaced, the link stays), so a day file
/// linked into a synced folder keeps syncing.
///
/// # Errors
/// Any IO error; the old content is then still in place. The error never
/// names the temp file: the caller names the file being written. A link
/// whose target is missing is an error (nothing is created at either end).
pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    let path = through_links(path)?;
    let (dir, tmp) = synced_temp(&path, data)?;
    tmp.persist(&path).map_err(|e| without_temp_path(e.error))?;
    File::open(dir)?.sync_all()?;
    // Every writer tidies its own directory: a CLI-only user (a status bar,
    // scripts) never opens the TUI, and killed writes would pile up.
    clean_abandoned_temps(&path);
    Ok(())
}

/// Like `write`, for a path where nothing is yet: an error of kind
/// `AlreadyExists` when something is there by the time the file is put in
/// place, which is then left as it was (no check-then-write race).
///
/// # Errors
/// Any IO error; nothing is left behind.
pub fn write_new(path: &Path, data: &[u8]) -> io::Result<()> {
    let (dir, tmp) = synced_temp(path, data)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(without_temp_path(e.error));
        }
        // A file system with neither RENAME_NOREPLACE nor hard links (FAT on
        // an older kernel): a plain rename, if still nothing is there.
        Err(e) => match fs::symlink_metadata(path) {
            Err(m) if m.kind() == io::ErrorKind::NotFound => {
                e.file
                    .persist(path)
                    .map_err(|e| without_temp_path(e.error))?;
            }
            Ok(_) => return Err(io::ErrorKind::AlreadyExists.into()),
            Err(_) => return Err(without_temp_path(e.error)),
        },
    }
    File::open(dir)?.sync_all()
}

/// Write `data` into the existing regular file at `path` (through a link),
/// so every hard link to it sees the new content and its mode stays. Not
/// atomic: interrupted, the file holds the start of `data`.
///
/// # Errors
/// Any IO error; `InvalidInput` when `path` is not a regular file (checked
/// on the file opened, and opened without blocking on a FIFO).
pub fn write_in_place(path: &Path, data: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    file.set_len(0)?;
    file.write_all(data)?;
    file.sync_all()
}

/// A temp file beside `path` holding `data`, synced and locked while it
/// lives (see `locked_temp_in`); and `path`'s directory (`.` for a bare file
/// name), created 0700 when missing.
fn synced_temp<'a>(path: &'a Path, data: &[u8]) -> io::Result<(&'a Path, tempfile::NamedTempFile)> {
    let dir = match path.parent() {
        Some(d) if d.as_os_str().is_empty() => Path::new("."),
        Some(d) => d,
        None => return Err(io::Error::other("a file path without a directory")),
    };
    create_private_dir(dir)?;
    let mut tmp = locked_temp_in(dir)?;
    // Through the plain file: tempfile's own `Write` adds the temp path.
    tmp.as_file_mut().write_all(data)?;
    tmp.as_file().sync_all()?;
    Ok((dir, tmp))
}

/// A new temp file in `dir` under an exclusive lock for as long as it is
/// open, so `clean_abandoned_temps` can tell it from one whose writer died
/// (the kernel drops a killed process's locks). A cleaner can take a temp
/// for abandoned between its creation and the lock: then the name no longer
/// leads to this file, and another is made.
fn locked_temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut tries = 0;
    loop {
        tries += 1;
        let tmp = temp_in(dir).map_err(without_temp_path)?;
        let locked = tmp.as_file().try_lock().is_ok();
        if locked && same_file(tmp.path(), tmp.as_file()) {
            return Ok(tmp);
        }
        if tries == 3 {
            return Err(io::Error::other(
                "another process keeps taking the temp file",
            ));
        }
    }
}

/// Whether `path` names the file open as `file`.
fn same_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Remove the temp files that writers killed mid-write left beside `path`
/// (in the directory its file is written in): every `.kot-*.tmp` there that
/// nobody holds locked. One being written is locked and stays, however
/// young; nothing else is touched (not a link, a FIFO, another's file).
pub fn clean_abandoned_temps(path: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(path) = through_links(path) else {
        return;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let is_temp = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        // `DirEntry::metadata` does not follow a link.
        if !is_temp || !e.metadata().is_ok_and(|m| m.is_file()) {
            continue;
        }
        let Ok(file) = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(e.path())
        else {
            continue;
        };
        if file.try_lock().is_ok() && same_file(&e.path(), &file) {
            let _ = fs::remove_file(e.path());
        }
    }
}

fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
}

/// Whether a file can be created in `dir` (created and removed at once).
///
/// # Errors
/// Why not: a read-only file system, `chattr +i`, no permission, a full disk.
pub fn probe(dir: &Path) -> io::Result<()> {
    temp_in(dir).map(drop).map_err(without_temp_path)
}

/// The file a write to `path` must replace: `path` itself, or the target of
/// the symbolic link at `path`.
fn through_links(path: &Path) -> io::Result<std::path::PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// tempfile wraps errors as "… at path \".kot-x.tmp\"" (its error type is
/// private): keep the kind and the OS's words, drop the temp file's name.
fn without_temp_path(e: io::Error) -> io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path ") {
        Some(i) => io::Error::new(e.kind(), text[..i].to_string()),
        None => e,
    }
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
    fn a_new_file_never_replaces_one_that_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.md");
        write_new(&p, b"one").unwrap();
        let e = write_new(&p, b"two").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn only_temps_nobody_holds_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".kot-dead.tmp");
        fs::write(&dead, "half").unwrap();
        let alive = locked_temp_in(dir.path()).unwrap();
        let target = dir.path().join("x.md");
        clean_abandoned_temps(&target);
        assert!(!dead.exists());
        assert!(alive.path().exists());
        drop(alive);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn in_place_keeps_the_inode() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.md");
        fs::write(&p, "a longer old content").unwrap();
        let ino = fs::metadata(&p).unwrap().ino();
        write_in_place(&p, b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::metadata(&p).unwrap().ino(), ino);
        assert!(write_in_place(dir.path(), b"x").is_err());
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

    #[test]
    fn a_symlinked_file_is_written_through_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("synced/x.toml");
        fs::create_dir_all(real.parent().unwrap()).unwrap();
        fs::write(&real, "one").unwrap();
        let link = dir.path().join("days/x.toml");
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"two").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"two");
    }

    #[test]
    fn a_link_to_nothing_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("x.toml");
        std::os::unix::fs::symlink(dir.path().join("gone/y.toml"), &link).unwrap();
        assert!(write(&link, b"two").is_err());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(!dir.path().join("gone").exists());
    }

    #[test]
    fn errors_never_name_the_temp_file() {
        let wrapped = io::Error::new(
            io::ErrorKind::StorageFull,
            "No space left on device (os error 28) at path \"/d/.kot-x.tmp\"",
        );
        let plain = without_temp_path(wrapped);
        assert_eq!(plain.kind(), io::ErrorKind::StorageFull);
        assert!(!plain.to_string().contains(".kot-"), "{plain}");
    }
}
