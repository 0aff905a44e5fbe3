//! What the Journal screen asks of the event loop, and the loop's side of it:
//! reading a month, a day or a search from the store, writing edits (through
//! `Pending`, so the loop never waits for the write lock), and handing the
//! terminal to the user's editor.

use std::io::Write;

use chrono::{Datelike, NaiveDate};

use super::super::app::App;
use super::super::display::Display;
use super::super::input::Input;
use super::super::msg::Cmd;
use super::super::pending::Pending;
use super::super::terminal;
use crate::context::Context;
use crate::core::journal::search::Query;
use crate::core::journal::{JournalOp, Refusal, clean_text};
use crate::editor::{self, TempCopy};
use crate::store::drafts::journal_key;
use crate::store::journal::{EntryLoad, refusal_message};
use crate::store::{DayLoad, Store, StoreError};
use crate::t;

/// What the journal room opens once a day is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Read,
    Form,
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JournalCmd {
    /// Read the summaries of the month starting on this date.
    Month(NaiveDate),
    /// Read one day (its journal and its day file), then open it as `Then`.
    Open(NaiveDate, Then),
    /// Search with these terms (words, `#tags`, `mood<=2`).
    Search(String),
    /// Apply these edits to the day's journal, all or none.
    Update {
        date: NaiveDate,
        ops: Vec<JournalOp>,
    },
    /// The day's text in the user's editor.
    Editor(NaiveDate),
    /// The editor closed with nothing unsaved: forget the day's draft.
    DropDraft(NaiveDate),
}

impl JournalCmd {
    /// Whether it may change a file (refused in a read-only directory).
    #[must_use]
    pub fn writes(&self) -> bool {
        matches!(self, Self::Update { .. } | Self::Editor(_))
    }
}

/// The first and last day of the month of `date`.
#[must_use]
pub fn month_range(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = date.with_day(1).unwrap_or(date);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, next.pred_opt().unwrap_or(first))
}

/// Run one journal command. Edits go through `pending`; the editor gets the
/// terminal (the key reader paused, raw mode and the alternate screen left)
/// and the display is drawn anew afterwards.
pub fn run<W: Write>(
    ctx: &Context,
    app: &mut App,
    pending: &mut Pending,
    cmd: JournalCmd,
    input: &Input,
    term: &mut Display<W>,
) {
    match read(&ctx.store, app, cmd) {
        None => {}
        Some(cmd @ JournalCmd::Update { .. }) => pending.push(&ctx.store, app, Cmd::Journal(cmd)),
        Some(JournalCmd::Editor(date)) => {
            if let Some(cmd) = edit_outside(ctx, app, date, input, term) {
                pending.push(&ctx.store, app, cmd);
            }
            app.redraw();
        }
        Some(_) => {}
    }
}

/// Do what only reads (a month, a day, a search) and hand the results to
/// `app`; the commands that write are given back.
pub fn read(store: &Store, app: &mut App, cmd: JournalCmd) -> Option<JournalCmd> {
    match cmd {
        JournalCmd::Month(month) => read_month(store, app, month),
        JournalCmd::Open(date, Then::Text) if let Some(why) = store.too_big_to_edit(date) => {
            app.set_banner(why, true);
        }
        JournalCmd::Open(date, then) => {
            let (entry, day) = read_day(store, date);
            let draft = (then == Then::Text)
                .then(|| store.draft(&journal_key(date)))
                .flatten();
            app.journal_opened(date, entry, day, then, draft);
        }
        JournalCmd::DropDraft(date) => store.drop_draft(&journal_key(date)),
        JournalCmd::Search(terms) => {
            let found = Query::parse(&[terms.as_str()])
                .map(|q| store.search_journal(&q))
                .map_err(|bad| t!("cli.journal.bad_filter", value = bad.0));
            app.journal_searched(terms, found);
        }
        writes => return Some(writes),
    }
    None
}

fn read_day(store: &Store, date: NaiveDate) -> (EntryLoad, Option<crate::core::day::Day>) {
    let day = match store.load_day(date) {
        DayLoad::Ok(d) => Some(d),
        _ => None,
    };
    (store.load_entry(date), day)
}

/// Read the month's summaries again, and the day shown (after a change on
/// disk). The month only while the Journal screen shows: it is read each
/// time the screen is shown (`Journal::show`), so today's own writes on the
/// other screens do not read a month of journal files each.
pub fn reload(store: &Store, app: &mut App) {
    if app.screen == crate::tui::keymap::Screen::Journal
        && let Some(month) = app.journal.loaded_month()
    {
        read_month(store, app, month);
    }
    if let Some(date) = app.journal.day_shown() {
        let (entry, day) = read_day(store, date);
        app.journal_reread(date, entry, day);
    }
}

fn read_month(store: &Store, app: &mut App, month: NaiveDate) {
    let (first, last) = month_range(month);
    let (days, unreadable) = store.journal_summaries(Some(first), Some(last));
    app.journal_month(first, days, unreadable.len());
}

/// Write one journal edit; `Some(holder)` when the lock was taken (nothing
/// happened, try again later). The month shown is read again after it.
pub fn write(
    store: &Store,
    app: &mut App,
    date: NaiveDate,
    ops: &[JournalOp],
) -> Option<Option<u32>> {
    let result = store.update_entry(date, ops.to_vec());
    if let Err(StoreError::Busy { holder, .. }) = &result {
        return Some(*holder);
    }
    let set_text = ops.iter().find_map(|op| match op {
        JournalOp::SetText { text, was } => Some((text.as_str(), was.as_deref().unwrap_or(""))),
        _ => None,
    });
    match result {
        Ok((entry, _)) => {
            if set_text.is_some() {
                store.drop_draft(&journal_key(date));
                app.journal_text_saved(date, &entry.text);
            }
            app.journal_updated(date, Ok(entry));
            read_month(store, app, app.journal.loaded_month().unwrap_or(date));
        }
        Err(StoreError::JournalRefused(Refusal::TextChanged)) => {
            let now = store.load_entry(date).entry().map(|e| e.text.clone());
            let (mine, base) = set_text.unwrap_or_default();
            app.journal_text_conflict(date, mine, base, &now.unwrap_or_default());
        }
        Err(e) => {
            let why = match &e {
                StoreError::JournalRefused(r) => refusal_message(r),
                e => e.message(),
            };
            if set_text.is_some() {
                app.journal_text_failed(date, &why);
            }
            app.journal_updated(date, Err(why));
        }
    }
    None
}

/// Run the editor on the day's text as it is on disk; the edit to write, or
/// `None` (with a word in the banner) when nothing is to change.
fn edit_outside<W: Write>(
    ctx: &Context,
    app: &mut App,
    date: NaiveDate,
    input: &Input,
    term: &mut Display<W>,
) -> Option<Cmd> {
    if let Some(why) = ctx.store.too_big_to_edit(date) {
        app.set_banner(why, true);
        return None;
    }
    let entry = match ctx.store.load_entry(date) {
        EntryLoad::Corrupt(c) => {
            app.set_banner(StoreError::Corrupt(c).message(), true);
            return None;
        }
        load => load.into_entry(date).ok()?,
    };
    if !entry.writable() {
        let path = ctx.store.journal_path(date);
        app.set_banner(
            StoreError::NewerSchema {
                path,
                schema: entry.schema,
            }
            .message(),
            true,
        );
        return None;
    }
    let start = ctx
        .store
        .draft(&journal_key(date))
        .map_or_else(|| clean_text(&entry.text), |d| d.offered(&entry.text));
    let copy = match TempCopy::new(&ctx.store, date, &start) {
        Ok(c) => c,
        Err(e) => {
            app.set_banner(e, true);
            return None;
        }
    };
    input.pause();
    terminal::leave();
    let ran = editor::run(copy.path());
    let back = terminal::enter();
    input.resume();
    if let Err(e) = back.and_then(|()| term.invalidate()) {
        app.set_banner(t!("tui.terminal_error", error = e), true);
    }
    let edited = match ran.and_then(|()| copy.read_back()) {
        Ok(text) => clean_text(&text),
        Err(e) => {
            app.set_banner(e, true);
            return None;
        }
    };
    drop(copy);
    if edited == clean_text(&entry.text) {
        ctx.store.drop_draft(&journal_key(date));
        app.set_banner(t!("cli.journal.unchanged", date = date), false);
        return None;
    }
    Some(Cmd::Journal(JournalCmd::Update {
        date,
        ops: vec![JournalOp::SetText {
            text: edited,
            was: Some(entry.text),
        }],
    }))
}
