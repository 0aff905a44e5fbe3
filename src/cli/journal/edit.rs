//! `kot journal edit`: the day's text in `$VISUAL` or `$EDITOR` (else `vi`),
//! through a private temp file (0600, outside the data directory so editor
//! backups never land among the journal files). An editor that fails, or a
//! file left as it was, changes nothing. If another kot changed the text
//! while the editor was open, the edit is not applied and the edited file is
//! kept for the user to merge.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use super::super::out;
use crate::context::Context;
use crate::core::journal::{JournalOp, Refusal, clean_text};
use crate::error::{CmdResult, Failure};
use crate::store::StoreError;
use crate::t;

pub fn edit(ctx: &Context, date: Option<&str>) -> CmdResult {
    let date = ctx.date(date)?;
    let entry = super::read_entry(ctx, date)?;
    if !entry.writable() {
        return Err(StoreError::NewerSchema {
            path: ctx.store.journal_path(date),
            schema: entry.schema,
        }
        .into());
    }
    let mut file = tempfile::Builder::new()
        .prefix(&format!("kot-journal-{date}-"))
        .suffix(".md")
        .tempfile()
        .map_err(|e| Failure(t!("cli.journal.temp", error = e)))?;
    let shown = if entry.text.is_empty() {
        String::new()
    } else {
        format!("{}\n", entry.text)
    };
    file.as_file_mut()
        .write_all(shown.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| Failure(t!("cli.journal.temp", error = e)))?;
    run_editor(file.path())?;
    let bytes = std::fs::read(file.path())
        .map_err(|e| Failure(t!("store.io", path = file.path().display(), error = e)))?;
    let edited = String::from_utf8(bytes).map_err(|_| Failure(t!("cli.journal.edit_not_utf8")))?;
    let text = clean_text(&edited);
    if text == entry.text {
        out::line(&t!("cli.journal.unchanged", date = date));
        return Ok(());
    }
    let op = JournalOp::SetText {
        text,
        was: Some(entry.text),
    };
    match ctx.store.update_entry(date, vec![op]) {
        Ok(_) => {
            out::done(&t!("cli.journal.edited", date = date));
            Ok(())
        }
        Err(StoreError::JournalRefused(Refusal::TextChanged)) => {
            let kept = file
                .keep()
                .map(|(_, p)| p.display().to_string())
                .unwrap_or_default();
            Err(Failure(t!("cli.journal.edit_conflict", path = kept)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`. Run by the shell,
/// so a setting with arguments (`code --wait`) works.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn run_editor(path: &Path) -> Result<(), Failure> {
    let editor = editor();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Failure(t!("cli.journal.editor_failed", editor = editor, status = e)))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(t!(
            "cli.journal.editor_failed",
            editor = editor,
            status = status
        )))
    }
}
