//! Reading a jrnl journal: its plain-text file (jrnl 2 and later, or the
//! unbracketed jrnl 1.x one) or the output of `jrnl --export json`, into kot
//! journal edits. Pure: the bytes come in, entries or a refusal go out.
//!
//! Plain text, as jrnl 2 writes it: an entry starts on a line with a bracketed
//! stamp and a space, `[2024-01-05 09:12:00 AM] Title. Body…`; its text runs to
//! the next stamp. A first line ending in `*` marks a starred entry. jrnl's
//! default stamp (`%Y-%m-%d %I:%M:%S %p`) and the short ones (`%Y-%m-%d
//! %H:%M`, with seconds) are read; another `timeformat` can be given. A stamp
//! jrnl reads loosely is read as jrnl does (`[2019-07 14:23]` is 2019-07-01);
//! one that looks like a date but is none (`[2024-13-45 10:00]`) refuses the
//! whole journal with its line, so no entry is folded into another day; what
//! jrnl never takes for a date (`[1]`, `[note]`) is text.
//!
//! jrnl 1.x wrote stamps without brackets (`2013-06-10 15:40 Title`); such a
//! journal is read as jrnl 1.x read it: only unbracketed stamps start entries.
//!
//! Years outside 1900–9999 (`core::time::KEPT_YEARS`) are refused with their line: kot's files are named
//! by a four-digit year. Encrypted journals (jrnl 3's `JRNLv3` header, jrnl
//! 2's Fernet token, jrnl 1's binary AES) are refused as such.
//!
//! Each entry becomes a paragraph `HH:MM text` on its day (appended once, as a
//! whole entry, so importing twice, or the text and then its JSON export, adds
//! nothing), jrnl's `@tags` become `#tags` (in kot `@` names a person), and a
//! starred entry's title becomes a win.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::tags::at_tags_to_hash;
use super::{Entry, JournalOp, Refusal, clean_text};
use crate::core::text::clean_title;

/// jrnl's own stamps, tried in order (after a given format).
pub const DEFAULT_FORMATS: [&str; 3] = [
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
];

/// jrnl 1.x's default stamp, written without brackets.
pub const LEGACY_FORMAT: &str = "%Y-%m-%d %H:%M";

/// The years kot can keep: its files are named `journal/YYYY/…`.
pub const YEARS: std::ops::RangeInclusive<i32> = crate::core::time::KEPT_YEARS;

/// Where in the input an entry or a problem is, for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A line of the plain text (1-based).
    Line(usize),
    /// The n-th entry (1-based) of a JSON export.
    Entry(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JrnlEntry {
    pub at: NaiveDateTime,
    /// The title and the body, as written.
    pub text: String,
    pub title: String,
    pub starred: bool,
    pub source: Source,
}

/// A line that is not part of any entry; reported, not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Text before the first stamp (1-based line).
    BeforeFirstEntry { line: usize, text: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<JrnlEntry>,
    pub unread: Vec<Unread>,
    /// Read as a jrnl 1.x journal (unbracketed stamps).
    pub legacy: bool,
}

/// Why a journal is not imported at all. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Encrypted by jrnl: only jrnl can decrypt it.
    Encrypted,
    /// Neither UTF-8 text nor encrypted data.
    NotUtf8,
    /// It starts like JSON but is no export (serde's message).
    BadJson(String),
    /// Text, but no entry in it.
    NoEntries,
    /// A stamp with a year outside `YEARS`.
    Year {
        source: Source,
        year: i64,
        text: String,
    },
    /// A stamp that looks like a date but is none jrnl or kot reads.
    BadDate { source: Source, text: String },
    /// An entry of a JSON export without a readable date, time or shape.
    BadJsonEntry { index: usize, why: String },
    /// An entry that kot's journal rules refuse.
    Edit { source: Source, refusal: Refusal },
}

/// The file is JSON (an export) rather than jrnl's plain text.
#[must_use]
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Read a journal file's bytes. An empty (or blank) journal has no entries.
///
/// # Errors
/// The journal is encrypted, not text, has no entries, or has a stamp or JSON
/// entry that cannot be imported as jrnl would (see `Refused`).
pub fn read(bytes: &[u8], format: Option<&str>) -> Result<Parsed, Refused> {
    if bytes.starts_with(b"JRNLv3") {
        return Err(Refused::Encrypted);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(if looks_binary(bytes) {
            Refused::Encrypted
        } else {
            Refused::NotUtf8
        });
    };
    if bytes.contains(&0) || is_fernet_token(text) {
        return Err(Refused::Encrypted);
    }
    if text.trim().is_empty() {
        return Ok(Parsed::default());
    }
    let parsed = if looks_like_json(text) {
        parse_json(text)?
    } else if is_legacy(text, format) {
        parse_legacy(text, format)?
    } else {
        parse_plain(text, format)?
    };
    if parsed.entries.is_empty() && !looks_like_json(text) {
        return Err(Refused::NoEntries);
    }
    Ok(parsed)
}

/// Encrypted data, not text in another encoding: a NUL, or more than one byte
/// in fifty a control no text has (random bytes: about one in nine).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    head.contains(&0) || controls * 50 > head.len()
}

/// jrnl 2's encrypted journal: one Fernet token (URL-safe base64 that starts
/// with version byte 0x80, `gAAAAA`).
fn is_fernet_token(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 60
        && t.starts_with("gAAAAA")
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
}

/// Read jrnl 2's plain text. `format`: the journal's `timeformat`, when not a
/// default one.
///
/// # Errors
/// A stamp with a year outside `YEARS`, or one that looks like a date but is
/// none: `Refused::Year`, `Refused::BadDate` with its line.
pub fn parse_plain(text: &str, format: Option<&str>) -> Result<Parsed, Refused> {
    read_entries(text, Parsed::default(), |n, line| {
        let Some((stamp, rest)) = bracketed(line) else {
            return Ok(None);
        };
        Ok(stamp_at(stamp, format, Source::Line(n), line)?.map(|at| (at, rest)))
    })
}

/// The entries of `text`: each starts on a line `starts` reads a stamp from
/// (given the 1-based line number and the line: the stamp and the rest of the
/// line, or a refusal), and holds the lines up to the next.
fn read_entries<'a>(
    text: &'a str,
    mut out: Parsed,
    mut starts: impl FnMut(usize, &'a str) -> Result<Option<(NaiveDateTime, &'a str)>, Refused>,
) -> Result<Parsed, Refused> {
    let mut current: Option<(NaiveDateTime, usize, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some((at, rest)) = starts(i + 1, line)? {
            if let Some((at, n, lines)) = current.take() {
                out.entries.push(entry(at, &lines, Source::Line(n)));
            }
            current = Some((at, i + 1, vec![rest]));
            continue;
        }
        push_line(&mut out, &mut current, i + 1, line);
    }
    if let Some((at, n, lines)) = current {
        out.entries.push(entry(at, &lines, Source::Line(n)));
    }
    Ok(out)
}

/// A line that starts no entry: text of the current one, or unread before the
/// first.
fn push_line<'a>(
    out: &mut Parsed,
    current: &mut Option<(NaiveDateTime, usize, Vec<&'a str>)>,
    line_no: usize,
    line: &'a str,
) {
    match current {
        Some((_, _, lines)) => lines.push(line),
        None if line.trim().is_empty() => {}
        None => out.unread.push(Unread::BeforeFirstEntry {
            line: line_no,
            text: line.to_string(),
        }),
    }
}

/// A journal written by jrnl 1.x: its first line with text starts with an
/// unbracketed stamp, and such lines are no fewer than bracketed ones (jrnl
/// 1.x journals hold bracketed stamps only as text; a jrnl 2 journal may
/// start with a stray dated line).
fn is_legacy(text: &str, format: Option<&str>) -> bool {
    let unbracketed = |l: &str| !l.starts_with('[') && legacy_stamp(l, format).is_some();
    if !text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(unbracketed)
    {
        return false;
    }
    let (mut old, mut new) = (0usize, 0usize);
    for l in text.lines() {
        if unbracketed(l) {
            old += 1;
        } else if bracketed(l).is_some_and(|(s, _)| read_stamp(s.trim(), format).is_some()) {
            new += 1;
        }
    }
    old >= new
}

/// Read jrnl 1.x's plain text as jrnl 1.x did: an entry starts on a line that
/// begins with a stamp in the time format, without brackets; everything else
/// (bracketed stamps too) is text.
///
/// # Errors
/// A stamp with a year outside `YEARS`, with its line.
pub fn parse_legacy(text: &str, format: Option<&str>) -> Result<Parsed, Refused> {
    let out = Parsed {
        legacy: true,
        ..Parsed::default()
    };
    read_entries(text, out, |n, line| {
        let Some((at, rest)) = legacy_stamp(line, format) else {
            return Ok(None);
        };
        check_year(at, Source::Line(n), line)?;
        Ok(Some((at, rest)))
    })
}

/// `line` starts with a stamp of as many characters as the format writes (as
/// jrnl 1.x read it); the stamp and the rest after one space.
fn legacy_stamp<'a>(line: &'a str, format: Option<&str>) -> Option<(NaiveDateTime, &'a str)> {
    format.into_iter().chain([LEGACY_FORMAT]).find_map(|f| {
        let n = written_len(f)?;
        let head = line.get(..n)?;
        let at = NaiveDateTime::parse_from_str(head, f).ok()?;
        let rest = &line[n..];
        (rest.is_empty() || rest.starts_with(' '))
            .then(|| (at, rest.strip_prefix(' ').unwrap_or(rest)))
    })
}

/// How many bytes `format` writes for a date (jrnl 1.x measured it so).
fn written_len(format: &str) -> Option<usize> {
    let sample = NaiveDate::from_ymd_opt(2000, 12, 31)?.and_hms_opt(23, 59, 59)?;
    let mut s = String::new();
    write!(s, "{}", sample.format(format)).ok()?;
    Some(s.len())
}

/// `[stamp] rest` → `(stamp, rest)`.
fn bracketed(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let (stamp, rest) = inner.split_once(']')?;
    if rest.is_empty() {
        return Some((stamp, ""));
    }
    rest.strip_prefix(' ').map(|r| (stamp, r))
}

/// The time of a bracketed stamp; `None` when it is no date (text);
/// refused when it looks like one but is not, or its year cannot be kept.
fn stamp_at(
    stamp: &str,
    format: Option<&str>,
    source: Source,
    line: &str,
) -> Result<Option<NaiveDateTime>, Refused> {
    let s = stamp.trim();
    if let Some(at) = read_stamp(s, format).or_else(|| read_loose_stamp(s)) {
        check_year(at, source, line)?;
        return Ok(Some(at));
    }
    if !looks_like_date(s) {
        return Ok(None);
    }
    if let Some(year) = leading_year(s).filter(|y| !in_years(*y)) {
        return Err(Refused::Year {
            source,
            year,
            text: line.to_string(),
        });
    }
    Err(Refused::BadDate {
        source,
        text: line.to_string(),
    })
}

fn in_years(year: i64) -> bool {
    i32::try_from(year).is_ok_and(|y| YEARS.contains(&y))
}

fn check_year(at: NaiveDateTime, source: Source, line: &str) -> Result<(), Refused> {
    if YEARS.contains(&at.year()) {
        Ok(())
    } else {
        Err(Refused::Year {
            source,
            year: i64::from(at.year()),
            text: line.to_string(),
        })
    }
}

/// jrnl takes a bracketed text for a date when it is longer than six
/// characters (shorter ones are Markdown footnotes) and a date parser reads
/// it; here: it starts with a digit (or a sign and a digit) and its first
/// word has a date or time separator (`2024-13-45 10:00`, `31/02/2024`), so
/// `[2023 report] was late` stays text.
fn looks_like_date(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let first_word = unsigned.split_whitespace().next().unwrap_or("");
    s.chars().count() > 6
        && unsigned.starts_with(|c: char| c.is_ascii_digit())
        && first_word.contains(['-', '/', '.', ':'])
}

/// The signed number before the first `-` after it: the year of `2024-…`,
/// `-0001-…`, `+10000-…`.
fn leading_year(s: &str) -> Option<i64> {
    let (sign, unsigned) = match s.as_bytes().first()? {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (1, s),
    };
    let digits = unsigned.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().map(|y| sign * y)
}

fn read_stamp(s: &str, format: Option<&str>) -> Option<NaiveDateTime> {
    let read = |f: &str| {
        NaiveDateTime::parse_from_str(s, f).ok().or_else(|| {
            NaiveDate::parse_from_str(s, f)
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
    };
    format.into_iter().chain(DEFAULT_FORMATS).find_map(read)
}

/// What jrnl's date parser reads beyond the formats: a date without a time
/// is midnight (`2019-07-18`), a year and month without a day the first of
/// the month (`2019-07 14:23`, `2019-07`).
fn read_loose_stamp(s: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_time(NaiveTime::MIN));
    }
    let (head, rest) = s.split_once(' ').unwrap_or((s, ""));
    let (year, month) = head.split_once('-')?;
    let shape = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !shape(year, 4..=4) || !shape(month, 1..=2) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?;
    if rest.is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    ["%H:%M", "%H:%M:%S", "%I:%M:%S %p", "%I:%M %p"]
        .into_iter()
        .find_map(|f| NaiveTime::parse_from_str(rest.trim(), f).ok())
        .map(|t| date.and_time(t))
}

fn entry(at: NaiveDateTime, lines: &[&str], source: Source) -> JrnlEntry {
    let mut lines: Vec<&str> = lines.to_vec();
    let first = lines.first().copied().unwrap_or("").trim_end();
    let starred = first.ends_with('*');
    let first = if starred {
        first.trim_end_matches([' ', '*'])
    } else {
        first
    };
    if let Some(l) = lines.first_mut() {
        *l = first;
    }
    let text = lines.join("\n").trim_end().to_string();
    JrnlEntry {
        at,
        title: title_of(first),
        text,
        starred,
        source,
    }
}

/// jrnl's title: the first sentence of the first line.
fn title_of(first_line: &str) -> String {
    let mut chars = first_line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) {
            return first_line[..i + c.len_utf8()].trim().to_string();
        }
    }
    first_line.trim().to_string()
}

#[derive(Deserialize)]
struct JsonExport {
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct JsonEntry {
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    starred: bool,
}

/// Read `jrnl --export json`.
///
/// # Errors
/// The text is not JSON with an `entries` list (serde's message), or an entry
/// lacks a readable date or time, or has a year outside `YEARS`.
pub fn parse_json(text: &str) -> Result<Parsed, Refused> {
    let export: JsonExport =
        serde_json::from_str(text).map_err(|e| Refused::BadJson(e.to_string()))?;
    let mut out = Parsed::default();
    for (i, v) in export.entries.into_iter().enumerate() {
        let bad = |why: String| Refused::BadJsonEntry { index: i + 1, why };
        let e: JsonEntry = serde_json::from_value(v).map_err(|err| bad(err.to_string()))?;
        let date = e.date.trim();
        if let Some(year) = leading_year(date).filter(|y| !in_years(*y)) {
            return Err(Refused::Year {
                source: Source::Entry(i + 1),
                year,
                text: e.date.clone(),
            });
        }
        let date =
            crate::core::time::parse_date(date).ok_or_else(|| bad(format!("date {:?}", e.date)))?;
        let time = e.time.as_deref().map_or(Some(NaiveTime::MIN), |t| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").ok()
        });
        let time =
            time.ok_or_else(|| bad(format!("time {:?}", e.time.clone().unwrap_or_default())))?;
        let at = date.and_time(time);
        check_year(at, Source::Entry(i + 1), &e.date)?;
        let body = e.body.trim_end();
        let text = if body.is_empty() {
            e.title.clone()
        } else {
            format!("{}\n{body}", e.title)
        };
        out.entries.push(JrnlEntry {
            at,
            title: title_of(&e.title),
            text,
            starred: e.starred,
            source: Source::Entry(i + 1),
        });
    }
    Ok(out)
}

/// The day and the edits an entry makes there: its paragraph `HH:MM text`
/// and, when starred with a title left after cleaning, a win.
#[must_use]
pub fn to_ops(e: &JrnlEntry) -> (NaiveDate, Vec<JournalOp>) {
    let stamp = e.at.format("%H:%M").to_string();
    let text = clean_text(&at_tags_to_hash(&e.text));
    let para = if text.is_empty() {
        stamp
    } else if text.starts_with('\n') {
        format!("{stamp}{text}")
    } else {
        format!("{stamp} {text}")
    };
    let mut ops = vec![JournalOp::AppendOnce { text: para }];
    let win = clean_title(&at_tags_to_hash(&e.title));
    if e.starred && !win.is_empty() {
        ops.push(JournalOp::AddWin(win));
    }
    (e.at.date(), ops)
}

/// The days `entries` go to.
#[must_use]
pub fn dates(entries: &[JrnlEntry]) -> BTreeSet<NaiveDate> {
    entries.iter().map(|e| e.at.date()).collect()
}

/// What an import did: entries added (the others were there already) and the
/// days it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub added: usize,
    pub changed: BTreeSet<NaiveDate>,
}

/// Apply every entry to its day in `days` (as read from disk; a day missing
/// there starts empty), in order. All or nothing: the first edit refused
/// stops it, naming the entry's line; the caller then writes nothing.
///
/// # Errors
/// `Refused::Edit` with the entry's source and the rule it broke.
pub fn apply(
    entries: &[JrnlEntry],
    days: &mut BTreeMap<NaiveDate, Entry>,
) -> Result<Outcome, Refused> {
    let mut out = Outcome::default();
    for e in entries {
        let (date, ops) = to_ops(e);
        let day = days.entry(date).or_insert_with(|| Entry::new(date));
        for op in ops {
            let append = matches!(op, JournalOp::AppendOnce { .. });
            match day.apply(op) {
                Ok(true) => {
                    out.added += usize::from(append);
                    out.changed.insert(date);
                }
                Ok(false) => {}
                Err(refusal) => {
                    return Err(Refused::Edit {
                        source: e.source,
                        refusal,
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PLAIN: &str = "stray line\n\n[2024-01-05 09:12:00 AM] Title here. Body @work *\nsecond line\n\n[2024-01-05 09:12] Short stamp\n[1] a footnote\n[2024-01-06 02:30:00 PM] Afternoon\n";

    #[test]
    fn plain_text_entries_stars_and_unread_lines() {
        let p = read(PLAIN.as_bytes(), None).unwrap();
        assert_eq!(p.entries.len(), 3);
        let e = &p.entries[0];
        assert_eq!(e.at.to_string(), "2024-01-05 09:12:00");
        assert_eq!(e.source, Source::Line(3));
        assert!(e.starred);
        assert_eq!(e.title, "Title here.");
        assert_eq!(e.text, "Title here. Body @work\nsecond line");
        assert_eq!(p.entries[1].text, "Short stamp\n[1] a footnote");
        assert_eq!(p.entries[2].at.to_string(), "2024-01-06 14:30:00");
        assert_eq!(
            p.unread,
            [Unread::BeforeFirstEntry {
                line: 1,
                text: "stray line".into()
            }]
        );
        let (date, ops) = to_ops(e);
        assert_eq!(date.to_string(), "2024-01-05");
        assert_eq!(
            ops,
            [
                JournalOp::AppendOnce {
                    text: "09:12 Title here. Body #work\nsecond line".into()
                },
                JournalOp::AddWin("Title here.".into())
            ]
        );
    }

    #[test]
    fn stamps_are_read_as_jrnl_does_or_refused_with_their_line() {
        let p = read(b"[2019-07 14:23] Third\n[2019-07-18] Day\n", None).unwrap();
        assert_eq!(p.entries[0].at.to_string(), "2019-07-01 14:23:00");
        assert_eq!(p.entries[1].at.to_string(), "2019-07-18 00:00:00");
        let bad = |t: &str| read(t.as_bytes(), None).unwrap_err();
        assert!(matches!(
            bad("[2024-01-05 09:00] a\n[2024-13-45 10:00] b\n"),
            Refused::BadDate {
                source: Source::Line(2),
                ..
            }
        ));
        for (stamp, year) in [
            ("0000-01-05 09:00", 0),
            ("-0001-01-05 09:00", -1),
            ("+10000-01-05 09:00", 10000),
            ("10000-01-05 09:00", 10000),
        ] {
            match bad(&format!("[2024-01-05 09:00] a\n[{stamp}] b\n")) {
                Refused::Year {
                    source: Source::Line(2),
                    year: y,
                    ..
                } => assert_eq!(y, year, "{stamp}"),
                other => panic!("{stamp}: {other:?}"),
            }
        }
        // Not dates to jrnl either: text.
        let p = read(
            b"[2024-01-05 09:00] a\n[note] b\n[ashasd7zdskhz7] c\n",
            None,
        )
        .unwrap();
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn a_given_time_format() {
        let p = read(b"[05/01/2024 21h07] Laat\n", Some("%d/%m/%Y %Hh%M")).unwrap();
        assert_eq!(p.entries[0].at.to_string(), "2024-01-05 21:07:00");
    }

    #[test]
    fn jrnl_1_journals_have_unbracketed_stamps() {
        let text =
            "2010-06-10 15:00 First. *\n\n2013-06-10 15:40 Second\n[2019-08-03 12:55] body\n";
        let p = read(text.as_bytes(), None).unwrap();
        assert!(p.legacy);
        assert_eq!(p.entries.len(), 2);
        assert!(p.entries[0].starred);
        assert_eq!(p.entries[1].text, "Second\n[2019-08-03 12:55] body");
        let p = read(b"09.06.2013 15:39 Little endian\n", Some("%d.%m.%Y %H:%M")).unwrap();
        assert_eq!(p.entries[0].at.to_string(), "2013-06-09 15:39:00");
        let stray =
            "2024-01-04 08:00 a dated note\n[2024-01-05 09:00] One\n[2024-01-06 09:00] Two\n";
        let p = read(stray.as_bytes(), None).unwrap();
        assert!(!p.legacy, "a jrnl 2 journal with a stray dated first line");
        assert_eq!(p.entries.len(), 2);
    }

    #[test]
    fn encrypted_empty_and_unreadable_journals() {
        assert_eq!(read(b"JRNLv3\x000eyJz", None), Err(Refused::Encrypted));
        let token = format!("gAAAAAB{}==\n", "x".repeat(80));
        assert_eq!(read(token.as_bytes(), None), Err(Refused::Encrypted));
        let random: Vec<u8> = (0u32..128)
            .map(|i| u8::try_from((i * 197 + 89) % 256).unwrap())
            .collect();
        assert_eq!(read(&random, None), Err(Refused::Encrypted));
        assert_eq!(read(b"caf\xe9 latin-1\n", None), Err(Refused::NotUtf8));
        assert_eq!(read(b"", None), Ok(Parsed::default()));
        assert_eq!(read(b" \n\n", None), Ok(Parsed::default()));
        assert_eq!(read(b"no stamps\n", None), Err(Refused::NoEntries));
    }

    #[test]
    fn json_exports() {
        let json = r#"{"tags": {"@work": 1}, "entries": [
            {"title": "Done.", "body": "It went @work well", "date": "2024-01-05", "time": "09:12", "tags": ["@work"], "starred": true}
        ]}"#;
        let p = read(json.as_bytes(), None).unwrap();
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.entries[0].text, "Done.\nIt went @work well");
        assert!(p.entries[0].starred);
        let no_date = r#"{"entries": [{"title": "x"}, {"title": "No date", "body": ""}]}"#;
        assert!(matches!(
            read(no_date.as_bytes(), None),
            Err(Refused::BadJsonEntry { index: 1, .. })
        ));
        assert!(matches!(
            read(br#"{"nope": 1}"#, None),
            Err(Refused::BadJson(_))
        ));
        assert_eq!(read(br#"{"entries": []}"#, None), Ok(Parsed::default()));
    }

    #[test]
    fn an_import_applies_whole_entries_once_and_names_a_refusal() {
        let p = read(
            b"[2024-01-05 09:00] Hi there. *\n[2024-01-05 09:00] Hi\n[2024-01-05 09:00] \x1b *\n",
            None,
        )
        .unwrap();
        let mut days = BTreeMap::new();
        let out = apply(&p.entries, &mut days).unwrap();
        assert_eq!(out.added, 3);
        let day = &days[&p.entries[0].at.date()];
        assert_eq!(day.text, "09:00 Hi there.\n\n09:00 Hi\n\n09:00");
        assert_eq!(day.wins, ["Hi there."]);
        let again = apply(&p.entries, &mut days).unwrap();
        assert_eq!(again, Outcome::default());
    }
}
