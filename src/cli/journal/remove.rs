//! `kot contact --rm N`, `kot win --rm N`: take back a conversation or a win,
//! by its place in the list `kot journal show` prints (the first is 1).

use chrono::NaiveDate;

use super::{contact_text, read_entry};
use crate::cli::out;
use crate::context::Context;
use crate::core::journal::JournalOp;
use crate::core::text::display_safe;
use crate::error::{CmdResult, Failure};
use crate::t;

/// The `n`th (from 1) of `len` things, or why there is none.
fn index(n: usize, len: usize, what: &str) -> Result<usize, Failure> {
    if n == 0 || n > len {
        return Err(Failure(t!(what, n = n, count = len)));
    }
    Ok(n - 1)
}

/// `kot contact --rm N [--date D]`.
///
/// # Errors
/// No such contact, or the journal cannot be read or written.
pub fn contact(ctx: &Context, n: usize, date: NaiveDate) -> CmdResult {
    let entry = read_entry(ctx, date)?;
    let i = index(n, entry.contacts.len(), "cli.journal.no_such_contact")?;
    let c = entry.contacts[i].clone();
    ctx.store.update_entry(
        date,
        vec![JournalOp::RemoveContact {
            who: c.who.clone(),
            how: c.how,
        }],
    )?;
    out::done(&t!(
        "cli.journal.contact_removed",
        date = date,
        contact = contact_text(&c)
    ));
    Ok(())
}

/// `kot win --rm N [--date D]`.
///
/// # Errors
/// No such win, or the journal cannot be read or written.
pub fn win(ctx: &Context, n: usize, date: NaiveDate) -> CmdResult {
    let entry = read_entry(ctx, date)?;
    let i = index(n, entry.wins.len(), "cli.journal.no_such_win")?;
    let w = entry.wins[i].clone();
    ctx.store
        .update_entry(date, vec![JournalOp::RemoveWin(w.clone())])?;
    out::done(&t!(
        "cli.journal.win_removed",
        date = date,
        win = display_safe(&w)
    ));
    Ok(())
}
