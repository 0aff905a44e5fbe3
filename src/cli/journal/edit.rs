//! `kot journal edit`: the day's text in `$VISUAL` or `$EDITOR` (else `vi`),
//! through a private temp copy (`crate::editor`), removed whatever happens.
//! An editor that fails, or a file left as it was, changes nothing. Text that
//! cannot be saved (another kot changed the day's text while the editor was
//! open, a full disk) is kept as a draft in the data directory, and the next
//! `kot journal edit` of that day starts from it, with what the other kot
//! wrote shown above it.

use chrono::NaiveDate;

use super::super::out;
use crate::context::Context;
use crate::core::journal::{JournalOp, Refusal, clean_text};
use crate::editor::{self, TempCopy};
use crate::error::{CmdResult, Failure};
use crate::store::drafts::{Draft, journal_key};
use crate::store::{Store, StoreError};
use crate::t;

pub fn edit(ctx: &Context, date: Option<&str>) -> CmdResult {
    let date = ctx.date(date)?;
    if let Some(why) = ctx.store.too_big_to_edit(date) {
        return Err(Failure(why));
    }
    let entry = super::read_entry(ctx, date)?;
    if !entry.writable() {
        return Err(StoreError::NewerSchema {
            path: ctx.store.journal_path(date),
            schema: entry.schema,
        }
        .into());
    }
    editor::sweep_orphans(&ctx.store);
    let key = journal_key(date);
    let draft = ctx.store.draft(&key);
    let start = draft
        .as_ref()
        .map_or_else(|| clean_text(&entry.text), |d| d.offered(&entry.text));
    let copy = TempCopy::new(&ctx.store, date, &start).map_err(Failure)?;
    // Like git: kot outlives Ctrl-C, a closed terminal or a SIGTERM while the
    // editor runs (the editor gets them too and decides), so that the copy is
    // removed and an edit saved before the editor stopped is not lost.
    crate::events::signals::on_stop(|| {});
    editor::run(copy.path()).map_err(Failure)?;
    let text = clean_text(&copy.read_back().map_err(Failure)?);
    drop(copy);
    if text == clean_text(&entry.text) {
        ctx.store.drop_draft(&key);
        out::line(&t!("cli.journal.unchanged", date = date));
        return Ok(());
    }
    let op = JournalOp::SetText {
        text: text.clone(),
        was: Some(entry.text.clone()),
    };
    match ctx.store.update_entry(date, vec![op]) {
        Ok(_) => {
            ctx.store.drop_draft(&key);
            out::done(&t!("cli.journal.edited", date = date));
            Ok(())
        }
        Err(StoreError::JournalRefused(Refusal::TextChanged)) => {
            let path = keep(&ctx.store, date, &entry.text, text)?;
            Err(Failure(t!("cli.journal.edit_conflict", path = path)))
        }
        Err(e) => {
            let path = keep(&ctx.store, date, &entry.text, text)?;
            Err(Failure(t!(
                "cli.journal.edit_kept",
                error = e.message(),
                path = path
            )))
        }
    }
}

/// Keep `text`, written over `base`, as the day's draft; where it is.
fn keep(store: &Store, date: NaiveDate, base: &str, text: String) -> Result<String, Failure> {
    let draft = Draft {
        base: base.to_string(),
        text,
    };
    store
        .keep_draft(&journal_key(date), &draft)
        .map(|p| p.display().to_string())
        .map_err(|e| Failure(e.message()))
}
