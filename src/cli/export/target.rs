//! Where `kot export -o PATH` may write: a new path, or a regular file the
//! user said to replace (`--force`). Never a directory, a device, a FIFO or a
//! socket: as root, writing "a file" at `/dev/null` used to put a 0600
//! regular file in its place. A symbolic link is followed to the file it
//! points to, which the same rules then apply to; a link to nothing is
//! refused (no file is created through a link).
//!
//! The check reads what is at PATH without opening it (opening a FIFO
//! blocks). Writing a new file cannot replace anything that appeared in
//! between (`atomic::write_new`); `--in-place` checks the file it opened.
//! An export killed mid-write leaves only its temp file, which the next
//! export to that directory removes.

use std::fs::{self, FileType, Metadata};
use std::io;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use crate::error::Failure;
use crate::store::atomic;
use crate::t;

/// Whether `-o` may replace a file that is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// No: an existing file is refused (the default).
    Never,
    /// `--force`: a new file (0600) takes its place atomically; its other
    /// hard links keep the old content.
    Atomically,
    /// `--force --in-place`: written into the existing file, so its hard
    /// links see the export and its mode stays; not atomic.
    InPlace,
}

/// `-o PATH` and what may happen to a file there.
#[derive(Debug, Clone, Copy)]
pub struct Output<'a> {
    pub path: &'a Path,
    pub replace: Replace,
}

/// What is at the path now.
enum Found {
    Nothing,
    /// A regular file; `link` is the file a symbolic link at the path
    /// points to.
    File {
        link: Option<PathBuf>,
    },
}

/// Refuse a path export must not write to, before any work is done.
///
/// # Errors
/// A directory, device, FIFO or socket (or a link to one), a link to
/// nothing, or an existing file without `--force`; each named.
pub fn check(o: &Output<'_>) -> Result<(), Failure> {
    match inspect(o.path)? {
        Found::File { link } if o.replace == Replace::Never => Err(exists(o.path, link.as_deref())),
        Found::Nothing | Found::File { .. } => Ok(()),
    }
}

/// Write `data` to the path as `check` allows.
///
/// # Errors
/// As `check`, or the write failed (the old file is then untouched, except
/// with `--in-place`).
pub fn write(o: &Output<'_>, data: &[u8]) -> Result<(), Failure> {
    let io_failure = |e: io::Error| Failure(t!("store.io", path = o.path.display(), error = e));
    let found = inspect(o.path)?;
    // Temp files of exports killed mid-write go with the next export there.
    atomic::clean_abandoned_temps(o.path);
    match found {
        // Something that appeared since is not replaced either.
        Found::Nothing => atomic::write_new(o.path, data).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                exists(o.path, None)
            } else {
                io_failure(e)
            }
        }),
        Found::File { link } => match o.replace {
            Replace::Never => Err(exists(o.path, link.as_deref())),
            Replace::Atomically => atomic::write(o.path, data).map_err(io_failure),
            Replace::InPlace => atomic::write_in_place(o.path, data).map_err(io_failure),
        },
    }
}

fn inspect(path: &Path) -> Result<Found, Failure> {
    let io_failure = |e: io::Error| Failure(t!("store.io", path = path.display(), error = e));
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_failure(e)),
    };
    if !meta.file_type().is_symlink() {
        return regular(path, None, &meta).map(|()| Found::File { link: None });
    }
    match fs::metadata(path) {
        Ok(target_meta) => {
            let target = fs::canonicalize(path).map_err(io_failure)?;
            regular(path, Some(&target), &target_meta)?;
            Ok(Found::File { link: Some(target) })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let target = fs::read_link(path).map_err(io_failure)?;
            Err(Failure(t!(
                "export.dangling",
                path = path.display(),
                target = target.display()
            )))
        }
        Err(e) => Err(io_failure(e)),
    }
}

/// Ok for a regular file; otherwise the refusal naming what it is.
fn regular(path: &Path, link: Option<&Path>, meta: &Metadata) -> Result<(), Failure> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Failure(t!(
        "export.not_a_file",
        path = shown(path, link),
        kind = t!(&format!("export.kind.{}", kind_name(meta.file_type())))
    )))
}

fn kind_name(t: FileType) -> &'static str {
    if t.is_dir() {
        "directory"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "char_device"
    } else if t.is_block_device() {
        "block_device"
    } else {
        "other"
    }
}

/// The refusal to replace a file without `--force`.
fn exists(path: &Path, link: Option<&Path>) -> Failure {
    Failure(t!("export.exists", path = shown(path, link)))
}

/// The path, and the file a link there points to.
fn shown(path: &Path, link: Option<&Path>) -> String {
    match link {
        Some(target) => t!(
            "export.link",
            path = path.display(),
            target = target.display()
        ),
        None => path.display().to_string(),
    }
}
