//! `kot journal edit`: the day's text in `$VISUAL` or `$EDITOR` (else `vi`),
//! through a private temp file (`crate::editor`). An editor that fails, or a
//! file left as it was, changes nothing. If another kot changed the text
//! while the editor was open, the edit is not applied and the edited file is
//! kept for the user to merge.

use super::super::out;
use crate::context::Context;
use crate::core::journal::{JournalOp, Refusal, clean_text};
use crate::editor::{self, Draft};
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
    let draft = Draft::new(date, &entry.text).map_err(Failure)?;
    editor::run(draft.path()).map_err(Failure)?;
    let text = clean_text(&draft.read_back().map_err(Failure)?);
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
        Err(StoreError::JournalRefused(Refusal::TextChanged)) => Err(Failure(t!(
            "cli.journal.edit_conflict",
            path = draft.keep()
        ))),
        Err(e) => Err(e.into()),
    }
}
