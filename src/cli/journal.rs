//! `kot journal …`, `kot contact`, `kot win`: each change is a list of
//! `JournalOp`s through the store (all or nothing), each read one or more
//! journal files. `kot journal edit` hands the text to `$VISUAL`/`$EDITOR`.

mod edit;
mod remove;

use std::fmt::Write as _;
use std::io::Read;

use chrono::{Local, NaiveDate};
use serde::Serialize;

use super::{JournalArgs, JournalCommand, RangeArgs, out};
use crate::context::Context;
use crate::core::journal::search::{Query, Snippet};
use crate::core::journal::summary::DaySummary;
use crate::core::journal::tags::fold;
use crate::core::journal::{ContactState, Entry, How, JournalOp, Scale};
use crate::core::text::display_safe;
use crate::error::{CmdResult, Failure};
use crate::store::journal::EntryLoad;
use crate::t;

/// `kot journal` without a subcommand lists this many entries.
const DEFAULT_LAST: usize = 10;

pub fn run(ctx: &Context, args: JournalArgs) -> CmdResult {
    match args.command {
        None => append(ctx, &args.text, args.date.date.as_deref()),
        Some(JournalCommand::Edit { date }) => edit::edit(ctx, date.date.as_deref()),
        Some(JournalCommand::Show { date, json }) => show(ctx, date.date.as_deref(), json),
        Some(JournalCommand::List {
            last,
            range,
            tag,
            json,
        }) => list(ctx, last, &range, tag.as_deref(), json),
        Some(JournalCommand::Search {
            words,
            tag,
            range,
            json,
        }) => search(ctx, &words, &tag, &range, json),
        Some(JournalCommand::Rate {
            mood,
            energy,
            autonomy,
            competence,
            relatedness,
            date,
        }) => {
            let given = [
                (Scale::Mood, mood),
                (Scale::Energy, energy),
                (Scale::Autonomy, autonomy),
                (Scale::Competence, competence),
                (Scale::Relatedness, relatedness),
            ];
            rate(ctx, given, date.date.as_deref())
        }
    }
}

/// `kot journal "text"`: a paragraph stamped with the time, on today (or `--date`).
fn append(ctx: &Context, words: &[String], date: Option<&str>) -> CmdResult {
    let date = ctx.date(date)?;
    let text = if words.len() == 1 && words[0] == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure(t!("cli.journal.stdin", error = e)))?;
        s
    } else if words.is_empty() {
        return Err(Failure(t!("cli.journal.no_text")));
    } else {
        words.join(" ")
    };
    let at = ctx.clock.now().with_timezone(&Local).fixed_offset();
    ctx.store
        .update_entry(date, vec![JournalOp::Append { at, text }])?;
    out::done(&t!("cli.journal.added", date = date));
    Ok(())
}

fn rate(ctx: &Context, given: [(Scale, Option<String>); 5], date: Option<&str>) -> CmdResult {
    let date = ctx.date(date)?;
    let mut ops = Vec::new();
    for (scale, value) in given {
        let Some(value) = value else { continue };
        let v: u8 = value.trim().parse().map_err(|_| {
            Failure(t!(
                "journal.refused.score",
                scale = scale.name(),
                value = value
            ))
        })?;
        ops.push(JournalOp::Rate {
            scale,
            value: Some(v),
        });
    }
    if ops.is_empty() {
        return Err(Failure(t!("cli.journal.rate_nothing")));
    }
    let (entry, _) = ctx.store.update_entry(date, ops)?;
    out::done(&t!(
        "cli.journal.rated",
        date = date,
        scores = scores_line(&entry)
    ));
    Ok(())
}

/// `kot contact "Lena" --how call`, `kot contact --none`.
pub fn contact(
    ctx: &Context,
    who: Option<String>,
    how: Option<&str>,
    none: bool,
    rm: Option<usize>,
    date: Option<String>,
) -> CmdResult {
    if let Some(n) = rm {
        return remove::contact(ctx, n, ctx.date(date.as_deref())?);
    }
    let how = match how {
        None => How::InPerson,
        Some(h) => How::parse(h).ok_or_else(|| Failure(t!("cli.journal.bad_how", value = h)))?,
    };
    let date = ctx.date(date.as_deref())?;
    match who {
        Some(who) if !none => {
            let (entry, _) = ctx
                .store
                .update_entry(date, vec![JournalOp::AddContact { who, how }])?;
            let c = entry.contacts.last().map(contact_text).unwrap_or_default();
            out::done(&t!("cli.journal.contact_added", date = date, contact = c));
        }
        _ => {
            ctx.store
                .update_entry(date, vec![JournalOp::SetNoContact(true)])?;
            out::done(&t!("cli.journal.no_contact", date = date));
        }
    }
    Ok(())
}

/// `kot win "…"`.
pub fn win(ctx: &Context, text: &str, rm: Option<usize>, date: Option<String>) -> CmdResult {
    let date = ctx.date(date.as_deref())?;
    if let Some(n) = rm {
        return remove::win(ctx, n, date);
    }
    let (entry, _) = ctx
        .store
        .update_entry(date, vec![JournalOp::AddWin(text.to_string())])?;
    let win = entry.wins.last().map_or("", String::as_str);
    out::done(&t!(
        "cli.journal.win_added",
        date = date,
        win = display_safe(win)
    ));
    Ok(())
}

/// The entry of `date`; an empty one when there is no file.
///
/// # Errors
/// The file cannot be read as a journal entry.
pub fn read_entry(ctx: &Context, date: NaiveDate) -> Result<Entry, Failure> {
    match ctx.store.load_entry(date) {
        EntryLoad::Corrupt(c) => Err(Failure(c.describe())),
        other => other.into_entry(date).map_err(|c| Failure(c.describe())),
    }
}

fn show(ctx: &Context, date: Option<&str>, json: bool) -> CmdResult {
    let date = ctx.date(date)?;
    let entry = read_entry(ctx, date)?;
    if json {
        let text = serde_json::to_string_pretty(&EntryJson::from(&entry))
            .map_err(|e| Failure(e.to_string()))?;
        out::raw(format!("{text}\n"));
        return Ok(());
    }
    let day = ctx.store.load_day(date).day_or_new(date);
    let mut s = String::new();
    let _ = write!(s, "{}", super::export::day_heading(date));
    if let Some(day) = &day {
        if let Some(p) = day.place {
            let _ = write!(s, " · {}", t!(&format!("place.{}", p.name())));
        }
        if let Some(f) = day.checkin.as_ref().and_then(|c| c.feeling) {
            let _ = write!(s, " · {}", t!("journal.feeling", value = f));
        }
    }
    s.push('\n');
    if entry.is_empty() {
        let _ = writeln!(s, "{}", t!("cli.journal.empty", date = date));
        out::text(&s);
        return Ok(());
    }
    let scores = scores_line(&entry);
    if !scores.is_empty() {
        let _ = writeln!(s, "{scores}");
    }
    if let Some(c) = contacts_line(&entry) {
        let _ = writeln!(s, "{c}");
    }
    for w in &entry.wins {
        let _ = writeln!(s, "{} {}", t!("journal.win_mark"), display_safe(w));
    }
    let offered = entry.offered_contacts();
    if !offered.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            t!("cli.journal.offered", names = offered.join(", "))
        );
    }
    if !entry.text.is_empty() {
        let _ = writeln!(s, "\n{}", entry.text);
    }
    out::text(&s);
    Ok(())
}

/// `mood 3/5 · energy 4/5 …` for the scores given; empty when none is.
#[must_use]
pub fn scores_line(entry: &Entry) -> String {
    Scale::ALL
        .iter()
        .filter_map(|s| {
            let v = entry.score(*s)?;
            Some(format!("{} {v}/5", t!(s.label_key())))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `Contacts: Lena (call), …`, `No real conversation`, or nothing when unknown.
#[must_use]
pub fn contacts_line(entry: &Entry) -> Option<String> {
    contacts_line_with(entry, |who| display_safe(who).into_owned())
}

/// `contacts_line` with each name shown by `name` (Markdown escapes it).
pub fn contacts_line_with(entry: &Entry, name: impl Fn(&str) -> String) -> Option<String> {
    match entry.contact_state() {
        ContactState::Known => {
            let list: Vec<String> = entry
                .contacts
                .iter()
                .map(|c| contact_text_with(c, &name))
                .collect();
            Some(t!("journal.contacts", list = list.join(", ")))
        }
        ContactState::None => Some(t!("journal.no_contact")),
        ContactState::Unknown => None,
    }
}

fn contact_text(c: &crate::core::journal::Contact) -> String {
    contact_text_with(c, |who| display_safe(who).into_owned())
}

fn contact_text_with(c: &crate::core::journal::Contact, name: impl Fn(&str) -> String) -> String {
    format!(
        "{} ({})",
        name(&c.who),
        t!(&format!("journal.how.{}", c.how.name()))
    )
}

/// `--from` / `--to` as dates.
///
/// # Errors
/// A value that is not a date, or `--to` before `--from` (refused as `kot
/// off` refuses a reversed range, rather than answering with nothing).
pub fn range(
    ctx: &Context,
    r: &RangeArgs,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Failure> {
    let from = r.from.as_deref().map(|d| ctx.date(Some(d))).transpose()?;
    let to = r.to.as_deref().map(|d| ctx.date(Some(d))).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err(Failure(t!("cli.range_reversed", from = from, to = to)));
    }
    Ok((from, to))
}

/// A file where the journal's directory (or a year of it) should be: said,
/// so an empty list is not taken for an empty journal.
fn warn_in_the_way(ctx: &Context) {
    let tree = crate::store::tree::Tree::Journal;
    for p in tree.in_the_way(ctx.store.root()) {
        out::warn(&tree.not_a_dir(&p));
    }
}

fn list(
    ctx: &Context,
    last: Option<usize>,
    r: &RangeArgs,
    tag: Option<&str>,
    json: bool,
) -> CmdResult {
    let (from, to) = range(ctx, r)?;
    warn_in_the_way(ctx);
    let (summaries, unreadable) = ctx.store.journal_summaries(from, to);
    for c in &unreadable {
        out::warn(&c.describe());
    }
    let want = tag.map(|t| fold(t.trim().trim_start_matches('#')));
    let mut days: Vec<DaySummary> = summaries
        .into_iter()
        .filter(|s| s.has_entry)
        .filter(|s| {
            want.as_ref()
                .is_none_or(|w| s.tags.iter().any(|t| fold(t) == *w))
        })
        .collect();
    let keep = last.or((from.is_none() && to.is_none()).then_some(DEFAULT_LAST));
    if let Some(n) = keep {
        days.drain(..days.len().saturating_sub(n));
    }
    if json {
        let text = serde_json::to_string_pretty(&days).map_err(|e| Failure(e.to_string()))?;
        out::raw(format!("{text}\n"));
        return Ok(());
    }
    if days.is_empty() {
        out::line(&t!("cli.journal.none_found"));
    }
    let mut lines = String::new();
    for d in &days {
        let mood = d
            .mood
            .map_or_else(String::new, |m| t!("cli.journal.list_mood", value = m));
        let contact = match d.contact {
            ContactState::None => format!(" {}", t!("cli.journal.list_alone")),
            _ => String::new(),
        };
        let _ = writeln!(
            lines,
            "{}  {mood:<8}{contact} {}",
            d.date,
            display_safe(&d.first_line)
        );
    }
    out::raw(lines);
    Ok(())
}

fn search(
    ctx: &Context,
    words: &[String],
    tags: &[String],
    r: &RangeArgs,
    json: bool,
) -> CmdResult {
    let mut query =
        Query::parse(words).map_err(|b| Failure(t!("cli.journal.bad_filter", value = b.0)))?;
    for t in tags {
        query.add_tag(t);
    }
    (query.from, query.to) = range(ctx, r)?;
    warn_in_the_way(ctx);
    let found = ctx.store.search_journal(&query);
    for c in &found.unreadable {
        out::warn(&c.describe());
    }
    if json {
        let hits: Vec<HitJson> = found
            .hits
            .iter()
            .map(|h| HitJson {
                date: h.date,
                snippet: &h.snippet,
            })
            .collect();
        let text = serde_json::to_string_pretty(&hits).map_err(|e| Failure(e.to_string()))?;
        out::raw(format!("{text}\n"));
        return Ok(());
    }
    let bold = out::can_bold();
    // One write for all the lines: years of hits are thousands of lines.
    let mut lines = String::new();
    for h in &found.hits {
        let _ = writeln!(lines, "{}  {}", h.date, marked(&h.snippet, bold));
    }
    out::raw(lines);
    out::line(&crate::i18n::plural(
        "cli.journal.found",
        i64::try_from(found.hits.len()).unwrap_or(i64::MAX),
        &[],
    ));
    Ok(())
}

/// The snippet made terminal-safe, its matches in bold when `bold`.
fn marked(s: &Snippet, bold: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in &s.marks {
        if m.start < at {
            continue;
        }
        out.push_str(&display_safe(&s.text[at..m.start]));
        let word = display_safe(&s.text[m.clone()]);
        if bold {
            let _ = write!(out, "\x1b[1m{word}\x1b[0m");
        } else {
            out.push_str(&word);
        }
        at = m.end;
    }
    out.push_str(&display_safe(&s.text[at..]));
    out
}

#[derive(Serialize)]
struct HitJson<'a> {
    date: NaiveDate,
    snippet: &'a Snippet,
}

/// One entry in the JSON of `kot journal show --json` and `kot export`.
#[derive(Serialize)]
pub struct EntryJson<'a> {
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub autonomy: Option<u8>,
    pub competence: Option<u8>,
    pub relatedness: Option<u8>,
    /// `known`, `none` or `unknown`.
    pub contact: ContactState,
    pub contacts: Vec<ContactJson<'a>>,
    pub no_contact: bool,
    pub wins: &'a [String],
    pub text: &'a str,
    pub tags: Vec<String>,
}

#[derive(Serialize)]
pub struct ContactJson<'a> {
    pub who: &'a str,
    pub how: &'static str,
}

impl<'a> From<&'a Entry> for EntryJson<'a> {
    fn from(e: &'a Entry) -> Self {
        Self {
            date: e.date,
            mood: e.mood,
            energy: e.energy,
            autonomy: e.autonomy,
            competence: e.competence,
            relatedness: e.relatedness,
            contact: e.contact_state(),
            contacts: e
                .contacts
                .iter()
                .map(|c| ContactJson {
                    who: &c.who,
                    how: c.how.name(),
                })
                .collect(),
            no_contact: e.no_contact,
            wins: &e.wins,
            text: &e.text,
            tags: e.tags(),
        }
    }
}
