//! Reading a jrnl journal: its plain-text file or the output of
//! `jrnl --export json`, into kot journal edits.
//!
//! Plain text, as jrnl writes it: an entry starts on a line with a bracketed
//! stamp and a space, `[2024-01-05 09:12:00 AM] Title. Body…`; its text runs to
//! the next stamp. A first line ending in `*` marks a starred entry. jrnl's
//! default stamp (`%Y-%m-%d %I:%M:%S %p`) and the short ones (`%Y-%m-%d
//! %H:%M`, with seconds) are read; another `timeformat` can be given.
//!
//! Each entry becomes a paragraph `HH:MM text` on its day (appended once, so
//! importing twice adds nothing), jrnl's `@tags` become `#tags` (in kot `@`
//! names a person), and a starred entry's title becomes a win.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::JournalOp;
use super::tags::at_tags_to_hash;

/// jrnl's own stamps, tried in order when no format is given.
pub const DEFAULT_FORMATS: [&str; 3] = [
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JrnlEntry {
    pub at: NaiveDateTime,
    /// The title and the body, as written.
    pub text: String,
    pub title: String,
    pub starred: bool,
}

/// A line (or, in JSON, an entry) that could not be read as part of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Text before the first stamp (1-based line).
    BeforeFirstEntry { line: usize, text: String },
    /// A bracketed stamp the format does not read; kept as text of the entry
    /// before it, as jrnl does.
    BadStamp { line: usize, text: String },
    /// The n-th (1-based) entry of a JSON export lacks a date or text.
    BadJsonEntry { index: usize, why: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<JrnlEntry>,
    pub unread: Vec<Unread>,
}

/// The file is JSON (an export) rather than jrnl's plain text.
#[must_use]
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Read jrnl's plain text. `format`: the journal's `timeformat`, when not a
/// default one.
#[must_use]
pub fn parse_plain(text: &str, format: Option<&str>) -> Parsed {
    let mut out = Parsed::default();
    let mut current: Option<(NaiveDateTime, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        let stamp = bracketed(line);
        if let Some(at) = stamp.and_then(|(s, _)| read_stamp(s, format)) {
            if let Some((at, lines)) = current.take() {
                out.entries.push(entry(at, &lines));
            }
            let rest = stamp.map_or("", |(_, r)| r);
            current = Some((at, vec![rest]));
            continue;
        }
        if stamp.is_some_and(|(s, _)| s.starts_with(|c: char| c.is_ascii_digit())) {
            out.unread.push(Unread::BadStamp {
                line: i + 1,
                text: line.to_string(),
            });
        }
        match &mut current {
            Some((_, lines)) => lines.push(line),
            None if line.trim().is_empty() => {}
            None => out.unread.push(Unread::BeforeFirstEntry {
                line: i + 1,
                text: line.to_string(),
            }),
        }
    }
    if let Some((at, lines)) = current {
        out.entries.push(entry(at, &lines));
    }
    out
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

fn read_stamp(s: &str, format: Option<&str>) -> Option<NaiveDateTime> {
    let s = s.trim();
    let read = |f: &str| {
        NaiveDateTime::parse_from_str(s, f).ok().or_else(|| {
            NaiveDate::parse_from_str(s, f)
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
    };
    // A stamp outside the years kot keeps is not read as a date (it stays
    // text): a year 10000 would make a file nothing reads back.
    let kept = |at: &NaiveDateTime| crate::core::time::is_kept(at.date());
    match format {
        Some(f) => read(f).filter(kept),
        None => DEFAULT_FORMATS.into_iter().find_map(read).filter(kept),
    }
}

fn entry(at: NaiveDateTime, lines: &[&str]) -> JrnlEntry {
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
/// The text is not JSON with an `entries` list (serde's message).
pub fn parse_json(text: &str) -> Result<Parsed, String> {
    let export: JsonExport = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Parsed::default();
    for (i, v) in export.entries.into_iter().enumerate() {
        let bad = |why: String| Unread::BadJsonEntry { index: i + 1, why };
        let e: JsonEntry = match serde_json::from_value(v) {
            Ok(e) => e,
            Err(err) => {
                out.unread.push(bad(err.to_string()));
                continue;
            }
        };
        let date =
            crate::core::time::parse_date(e.date.trim()).filter(|d| crate::core::time::is_kept(*d));
        let Some(date) = date else {
            out.unread.push(bad(format!("date {:?}", e.date)));
            continue;
        };
        let time = e.time.as_deref().map_or(Some(NaiveTime::MIN), |t| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").ok()
        });
        let Some(time) = time else {
            out.unread
                .push(bad(format!("time {:?}", e.time.unwrap_or_default())));
            continue;
        };
        let body = e.body.trim_end();
        let text = if body.is_empty() {
            e.title.clone()
        } else {
            format!("{}\n{body}", e.title)
        };
        out.entries.push(JrnlEntry {
            at: date.and_time(time),
            title: title_of(&e.title),
            text,
            starred: e.starred,
        });
    }
    Ok(out)
}

/// The day and the edits an entry makes there.
#[must_use]
pub fn to_ops(e: &JrnlEntry) -> (NaiveDate, Vec<JournalOp>) {
    let text = at_tags_to_hash(&e.text);
    let mut ops = vec![JournalOp::AppendOnce {
        text: format!("{} {text}", e.at.format("%H:%M")),
    }];
    if e.starred && !e.title.trim().is_empty() {
        ops.push(JournalOp::AddWin(at_tags_to_hash(&e.title)));
    }
    (e.at.date(), ops)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PLAIN: &str = "stray line\n\n[2024-01-05 09:12:00 AM] Title here. Body @work *\nsecond line\n\n[2024-01-05 09:12] Short stamp\n[2024-13-45 10:00] not a date\n[2024-01-06 02:30:00 PM] Afternoon\n";

    #[test]
    fn plain_text_entries_stars_and_unread_lines() {
        let p = parse_plain(PLAIN, None);
        assert_eq!(p.entries.len(), 3);
        let e = &p.entries[0];
        assert_eq!(e.at.to_string(), "2024-01-05 09:12:00");
        assert!(e.starred);
        assert_eq!(e.title, "Title here.");
        assert_eq!(e.text, "Title here. Body @work\nsecond line");
        assert_eq!(
            p.entries[1].text,
            "Short stamp\n[2024-13-45 10:00] not a date"
        );
        assert_eq!(p.entries[2].at.to_string(), "2024-01-06 14:30:00");
        assert_eq!(
            p.unread,
            [
                Unread::BeforeFirstEntry {
                    line: 1,
                    text: "stray line".into()
                },
                Unread::BadStamp {
                    line: 7,
                    text: "[2024-13-45 10:00] not a date".into()
                }
            ]
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
    fn a_given_time_format() {
        let p = parse_plain("[05/01/2024 21h07] Laat\n", Some("%d/%m/%Y %Hh%M"));
        assert_eq!(p.entries[0].at.to_string(), "2024-01-05 21:07:00");
    }

    #[test]
    fn json_exports() {
        let json = r#"{"tags": {"@work": 1}, "entries": [
            {"title": "Done.", "body": "It went @work well", "date": "2024-01-05", "time": "09:12", "tags": ["@work"], "starred": true},
            {"title": "No date", "body": ""}
        ]}"#;
        let p = parse_json(json).unwrap();
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.entries[0].text, "Done.\nIt went @work well");
        assert!(p.entries[0].starred);
        assert!(matches!(p.unread[0], Unread::BadJsonEntry { index: 2, .. }));
        assert!(parse_json("{\"nope\": 1}").is_err());
    }
}
