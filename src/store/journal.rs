//! Journal files on disk, `journal/YYYY/YYYY-MM-DD.toml`, under the day files'
//! rules: changes go lock → re-read → apply → atomic write (0600); a file that
//! does not read is reported with its line and never written over; unknown
//! keys are kept; sync-conflict copies are never read.
//!
//! Reading many days (a month, five years for a search or an export) reads the
//! files on a few threads; a search first looks for its words in the raw text
//! and reads as TOML only the files that can match. There is no index: the
//! files are the truth, so a hand edit is never missed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::tree::Tree;
use super::{
    Corrupt, DayLoad, Store, StoreError, atomic, io_err, parse_toml, paths, read_data_file,
    toml_text,
};
use crate::config;
use crate::core::day::{Day, UNSET_DATE};
use crate::core::journal::search::{Hit, Query};
use crate::core::journal::summary::{DaySummary, summarize};
use crate::core::journal::tags::fold;
use crate::core::journal::{Entry, JournalOp, Refusal, Scale};
use crate::t;

/// What loading one day's journal found.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryLoad {
    /// No file yet (or an empty one).
    Missing,
    Ok(Entry),
    Corrupt(Corrupt),
}

impl EntryLoad {
    /// The entry, an empty one when there is no file; the problem when unreadable.
    ///
    /// # Errors
    /// The file could not be read as a journal entry.
    pub fn into_entry(self, date: NaiveDate) -> Result<Entry, Corrupt> {
        match self {
            Self::Missing => Ok(Entry::new(date)),
            Self::Ok(e) => Ok(e),
            Self::Corrupt(c) => Err(c),
        }
    }

    #[must_use]
    pub const fn entry(&self) -> Option<&Entry> {
        match self {
            Self::Ok(e) => Some(e),
            _ => None,
        }
    }
}

/// What a search found, and the files it could not read.
#[derive(Debug, Default)]
pub struct Searched {
    pub hits: Vec<Hit>,
    pub unreadable: Vec<Corrupt>,
}

/// A journal refusal in the user's words.
#[must_use]
pub fn refusal_message(r: &Refusal) -> String {
    match r {
        Refusal::BadScore { scale, value } => {
            t!("journal.refused.score", scale = scale.name(), value = value)
        }
        Refusal::EmptyName => t!("journal.refused.empty_name"),
        Refusal::EmptyWin => t!("journal.refused.empty_win"),
        Refusal::EmptyText => t!("journal.refused.empty_text"),
        Refusal::HasContacts => t!("journal.refused.has_contacts"),
        Refusal::TextChanged => t!("journal.refused.text_changed"),
    }
}

/// Above this size a day's journal file is not opened for editing (kot's
/// editor and `$EDITOR` hold the whole text, and a save rewrites all of it):
/// far above any day written by hand, well below what makes kot crawl.
pub const EDIT_LIMIT: u64 = 4 * 1024 * 1024;

impl Store {
    #[must_use]
    pub fn journal_path(&self, date: NaiveDate) -> PathBuf {
        paths::journal_file(self.root(), date)
    }

    /// Why the day's journal may not be edited here, when its file is above
    /// `EDIT_LIMIT`; `None` when it may.
    #[must_use]
    pub fn too_big_to_edit(&self, date: NaiveDate) -> Option<String> {
        let path = self.journal_path(date);
        let size = fs::metadata(&path).ok()?.len();
        (size > EDIT_LIMIT).then(|| {
            t!(
                "journal.too_big",
                path = path.display(),
                size = size.div_ceil(1024 * 1024),
                limit = EDIT_LIMIT / (1024 * 1024)
            )
        })
    }

    /// Read one day's journal from disk.
    #[must_use]
    pub fn load_entry(&self, date: NaiveDate) -> EntryLoad {
        let path = self.journal_path(date);
        match read_data_file(&path) {
            Err(c) => EntryLoad::Corrupt(c),
            Ok(None) => EntryLoad::Missing,
            Ok(Some(text)) => match parse_entry_quickly(&text, date) {
                Ok(e) => EntryLoad::Ok(e),
                Err((line, message)) => EntryLoad::Corrupt(Corrupt {
                    path,
                    line,
                    message,
                }),
            },
        }
    }

    /// Apply `ops` to the day's journal on disk as one change (all or, if one
    /// is refused, none) under the write lock, re-reading the file first.
    /// Returns the entry and whether it changed (an unchanged entry is not
    /// written).
    ///
    /// # Errors
    /// The file is unreadable or from a newer kot (left untouched), an edit is
    /// refused, or the write fails (the old file stays whole).
    pub fn update_entry(
        &self,
        date: NaiveDate,
        ops: Vec<JournalOp>,
    ) -> Result<(Entry, bool), StoreError> {
        let _g = self.write_lock()?;
        let path = self.journal_path(date);
        let (mut entry, before) = self.entry_to_change(date)?;
        for op in ops {
            entry.apply(op).map_err(StoreError::JournalRefused)?;
        }
        let after = toml_text(&entry, &path)?;
        if after == before {
            return Ok((entry, false));
        }
        atomic::write(&path, after.as_bytes()).map_err(io_err(&path))?;
        Ok((entry, true))
    }

    /// Change the journals of several days as one decision, under one hold
    /// of the write lock: every day of `dates` is read (a missing one starts
    /// empty), `decide` changes them in memory, and the ones whose file would
    /// change are written, in date order, each atomically. Deciding under the
    /// lock means two processes never both count the same change as theirs.
    ///
    /// # Errors
    /// A day's file is unreadable or from a newer kot, or `decide` refuses:
    /// nothing is written. A failed write stops there; the days written
    /// before it stay written, each file whole.
    pub fn update_entries<R, E: From<StoreError>>(
        &self,
        dates: &BTreeSet<NaiveDate>,
        decide: impl FnOnce(&mut BTreeMap<NaiveDate, Entry>) -> Result<R, E>,
    ) -> Result<R, E> {
        let _g = self.write_lock()?;
        let mut days = BTreeMap::new();
        let mut before = BTreeMap::new();
        for &date in dates {
            let (entry, text) = self.entry_to_change(date)?;
            before.insert(date, text);
            days.insert(date, entry);
        }
        let result = decide(&mut days)?;
        for (date, entry) in &days {
            let path = self.journal_path(*date);
            let after = toml_text(entry, &path)?;
            if before.get(date) != Some(&after) {
                atomic::write(&path, after.as_bytes()).map_err(io_err(&path))?;
            }
        }
        Ok(result)
    }

    /// A day's entry read to be changed (under the write lock), with its
    /// text as it would be written now, to tell whether a change changed it.
    /// A missing file is an empty entry.
    ///
    /// # Errors
    /// The file is unreadable or from a newer kot (left untouched).
    fn entry_to_change(&self, date: NaiveDate) -> Result<(Entry, String), StoreError> {
        let path = self.journal_path(date);
        let entry = self
            .load_entry(date)
            .into_entry(date)
            .map_err(StoreError::Corrupt)?;
        if !entry.writable() {
            return Err(StoreError::NewerSchema {
                path,
                schema: entry.schema,
            });
        }
        let text = toml_text(&entry, &path)?;
        Ok((entry, text))
    }

    /// The dates from `from` to `to` (both included; open ends allowed) that
    /// have a journal file, in order. Conflict copies and stray files are not
    /// dates.
    #[must_use]
    pub fn journal_dates(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<NaiveDate> {
        dates_in(&Tree::Journal.dir(self.root()), from, to)
    }

    /// The same for day files.
    #[must_use]
    pub fn day_dates(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<NaiveDate> {
        dates_in(&Tree::Days.dir(self.root()), from, to)
    }

    /// Read the journals of `dates`, in the same order, on a few threads.
    #[must_use]
    pub fn load_entries(&self, dates: &[NaiveDate]) -> Vec<EntryLoad> {
        par_map(dates, |d| self.load_entry(*d))
    }

    /// Read the day files of `dates`, in the same order, on a few threads.
    #[must_use]
    pub fn load_days(&self, dates: &[NaiveDate]) -> Vec<DayLoad> {
        par_map(dates, |d| self.load_day(*d))
    }

    /// Every day in the query's range that matches it, newest first.
    #[must_use]
    pub fn search_journal(&self, query: &Query) -> Searched {
        let dates = self.journal_dates(query.from, query.to);
        let needles = query.needles();
        let found = par_map(&dates, |d| self.search_one(*d, query, &needles));
        let mut out = Searched::default();
        for r in found {
            match r {
                Ok(Some(hit)) => out.hits.push(hit),
                Ok(None) => {}
                Err(c) => out.unreadable.push(c),
            }
        }
        crate::core::journal::search::newest_first(&mut out.hits);
        out
    }

    fn search_one(
        &self,
        date: NaiveDate,
        query: &Query,
        needles: &[String],
    ) -> Result<Option<Hit>, Corrupt> {
        let path = self.journal_path(date);
        let Some(text) = read_data_file(&path)? else {
            return Ok(None);
        };
        if !could_match(&text, needles) {
            return Ok(None);
        }
        let entry = parse_entry(&text, date).map_err(|(line, message)| Corrupt {
            path,
            line,
            message,
        })?;
        Ok(query.matches(&entry))
    }

    /// A summary of every day from `from` to `to` that has a journal entry or a
    /// day file, in order, and the files that could not be read.
    #[must_use]
    pub fn journal_summaries(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> (Vec<DaySummary>, Vec<Corrupt>) {
        let (entries, days, unreadable) = self.load_range(from, to);
        let summaries = entries
            .iter()
            .zip(&days)
            .filter(|(e, d)| e.1.is_some() || d.1.is_some())
            .map(|((date, e), (_, d))| summarize(*date, e.as_ref(), d.as_ref()))
            .collect();
        (summaries, unreadable)
    }

    /// Both files of every date from `from` to `to` that has either, in date
    /// order, side by side; the unreadable ones are reported and left out.
    #[must_use]
    #[allow(clippy::type_complexity)]
    pub fn load_range(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> (
        Vec<(NaiveDate, Option<Entry>)>,
        Vec<(NaiveDate, Option<Day>)>,
        Vec<Corrupt>,
    ) {
        let mut dates = self.journal_dates(from, to);
        dates.extend(self.day_dates(from, to));
        dates.sort_unstable();
        dates.dedup();
        let loaded = par_map(&dates, |d| (self.load_entry(*d), self.load_day(*d)));
        let mut unreadable = Vec::new();
        let mut entries = Vec::with_capacity(dates.len());
        let mut days = Vec::with_capacity(dates.len());
        for (date, (e, d)) in dates.into_iter().zip(loaded) {
            let e = match e {
                EntryLoad::Ok(e) => Some(e),
                EntryLoad::Missing => None,
                EntryLoad::Corrupt(c) => {
                    unreadable.push(c);
                    None
                }
            };
            let d = match d {
                DayLoad::Ok(d) => Some(d),
                DayLoad::Missing => None,
                DayLoad::Corrupt(c) => {
                    unreadable.push(c);
                    None
                }
            };
            entries.push((date, e));
            days.push((date, d));
        }
        (entries, days, unreadable)
    }
}

/// Whether a file's raw text can hold a match: every needle is in it, once
/// folded. Only when the text has no backslash: then every TOML string in it
/// is written literally, so a word missing from the raw text is missing from
/// every value. Otherwise (escapes) the file is read in full.
fn could_match(text: &str, needles: &[String]) -> bool {
    if needles.is_empty() || text.contains('\\') {
        return true;
    }
    let folded = fold(text);
    needles.iter().all(|n| folded.contains(n.as_str()))
}

/// From this size on, a day's text is cut out before the TOML parse.
const CUT_TEXT_FROM: usize = 1 << 20;

/// `parse_entry`, faster for a long day: the toml crate reads a long
/// multi-line string at a few tens of MB a second (a 50 MB day took most of a
/// second per read, every time the Journal screen read its month), so a
/// `text = '''…'''` (or `"""…"""` without escapes) that kot can take out as
/// it is, is; the rest is parsed as usual. Anything less plain is parsed
/// whole, so the result is always what `parse_entry` gives.
fn parse_entry_quickly(text: &str, date: NaiveDate) -> Result<Entry, (Option<usize>, String)> {
    if text.len() >= CUT_TEXT_FROM
        && let Some(entry) = parse_entry_cut(text, date)
    {
        return Ok(entry);
    }
    parse_entry(text, date)
}

/// The entry with its text cut out before the parse; `None` when that cannot
/// be done as `parse_entry` would read it.
fn parse_entry_cut(text: &str, date: NaiveDate) -> Option<Entry> {
    let (rest, body) = cut_text(text)?;
    let mut entry = parse_entry(&rest, date).ok()?;
    if !entry.text.is_empty() {
        return None;
    }
    entry.text = body.to_owned();
    Some(entry)
}

/// The file's text without its top-level `text` key, and that key's value,
/// when it is a multi-line string whose value is its raw content: a literal
/// `'''` string, or a basic `"""` one with no backslash; no CR or control
/// character in it (TOML refuses some, and the full parse says which).
fn cut_text(file: &str) -> Option<(String, &str)> {
    let mut at = 0;
    let key_start = loop {
        let line = &file[at..];
        if line.starts_with('[') {
            return None;
        }
        if line.starts_with("text = '''") || line.starts_with("text = \"\"\"") {
            break at;
        }
        at += line.find('\n')? + 1;
    };
    let open = &file[key_start + 7..key_start + 10];
    let mut start = key_start + 10;
    // A line break right after the opening quotes is not part of the value.
    if file[start..].starts_with('\n') {
        start += 1;
    }
    let close = file[start..].find(open)? + start;
    // Up to two quotes before the closing three belong to the value.
    let quote = open.as_bytes()[0];
    let extra = file[close + 3..]
        .bytes()
        .take(2)
        .take_while(|&b| b == quote)
        .count();
    let end = close + extra;
    let body = &file[start..end];
    let plain = body
        .chars()
        .all(|c| c == '\n' || c == '\t' || !c.is_control())
        && (open == "'''" || !body.contains('\\'));
    if !plain {
        return None;
    }
    let after = end + 3;
    // What follows the value on its line: only spaces or a comment.
    let line_end = file[after..].find('\n').map_or(file.len(), |i| after + i);
    let tail = file[after..line_end].trim_start();
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    let rest = format!("{}{}", &file[..key_start], &file[line_end..]);
    Some((rest, body))
}

/// Parse a journal file's text; `Err((line, message))` when it is not an entry.
fn parse_entry(text: &str, date: NaiveDate) -> Result<Entry, (Option<usize>, String)> {
    let mut entry: Entry = parse_toml(text, crate::core::journal::SCHEMA)?;
    if entry.date == UNSET_DATE {
        entry.date = date;
    } else if entry.date != date {
        return Err((
            config::load::key_line(text, &["date"]),
            t!("store.wrong_date", found = entry.date, expected = date),
        ));
    }
    if let Some((scale, value)) = entry.bad_score() {
        return Err((
            config::load::key_line(text, &[scale.name()]),
            t!(
                "journal.refused.score",
                scale = Scale::name(scale),
                value = value
            ),
        ));
    }
    Ok(entry)
}

/// Dates with a file below `tree` (`tree/YYYY/YYYY-MM-DD.toml`) in the range.
fn dates_in(
    tree: &std::path::Path,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<NaiveDate> {
    let in_range = |d: &NaiveDate| from.is_none_or(|f| *d >= f) && to.is_none_or(|t| *d <= t);
    let years = fs::read_dir(tree)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|y| from.is_none_or(|f| *y >= f.year()) && to.is_none_or(|t| *y <= t.year()));
    let mut out: Vec<NaiveDate> = years
        .flat_map(|y| {
            fs::read_dir(tree.join(format!("{y:04}")))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(move |e| {
                    paths::date_of_file_name(e.file_name().to_str()?).filter(|d| d.year() == y)
                })
        })
        .filter(in_range)
        .collect();
    out.sort_unstable();
    out
}

/// Below this many items, threads cost more than they save.
const PARALLEL_FROM: usize = 64;

/// `f` over `items` in order, on up to four threads for long lists.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || items.len() < PARALLEL_FROM {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file the cut takes must read exactly as the full parse reads it;
    /// every file it declines is left to the full parse.
    #[test]
    fn a_cut_text_reads_as_the_full_parse() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let files = [
            "schema = 1\ntext = '''\n10:00 a \"q\" and \\back\n\n10:05 b'''\n",
            "mood = 4\ntext = \"\"\"\nplain\nlines\n\"\"\"\nenergy = 3\n",
            "text = '''ends in quotes'''''\n",
            "text = \"\"\"x\"\"\"\"\" # a comment\n[[contacts]]\nwho = \"Ana\"\nhow = \"call\"\n",
            "text = '''no newline first'''\nwins = [\"w\"]\n",
        ];
        for f in files {
            let full = parse_entry(f, date).unwrap();
            let cut = parse_entry_cut(f, date).unwrap_or_else(|| panic!("not cut: {f:?}"));
            assert_eq!(cut, full, "{f:?}");
        }
        let declined = [
            // Escapes, a line-ending backslash, CR, a value after the string,
            // the key inside a table, a quoted key.
            "text = \"\"\"a\\tb\"\"\"\n",
            "text = \"\"\"a \\\n  b\"\"\"\n",
            "text = '''a\r\nb'''\n",
            "text = '''a''' junk\n",
            "[x]\ntext = '''a'''\n",
            "\"text\" = '''a'''\n",
        ];
        for f in declined {
            assert!(parse_entry_cut(f, date).is_none(), "{f:?}");
        }
    }
}
