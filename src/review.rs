//! The week review's reading side: the facts of every date of a range, from
//! the day files and the journal (see `core::review` for what is made of
//! them). Only the range's year directories are listed and only the files in
//! it read, on a few threads, so a year reads in well under 75 ms with years
//! of history beside it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::config::Config;
use crate::core::day::Day;
use crate::core::journal::Entry;
use crate::core::review::{DayFacts, Policies};
use crate::store::Store;

/// The facts of a range of dates, and the files that could not be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// One per date of the range, in order.
    pub days: Vec<DayFacts>,
    /// Each unreadable file, named with its line and the reason, in the
    /// user's language; its date counts as having no such file.
    pub problems: Vec<String>,
    /// The same files as paths, in the same order (to mark their dates).
    pub unreadable: Vec<std::path::PathBuf>,
}

/// The break and shutdown settings the facts are derived under.
#[must_use]
pub fn policies(config: &Config) -> Policies {
    Policies {
        breaks: config.breaks,
        meetings: config.meetings,
        shutdown: config.shutdown.policy.clone(),
        team_meetings: config.agreements.meetings.clone(),
    }
}

/// The facts of every date in `from..=to`, read from the store (days and
/// journal); unreadable files are skipped and named in `problems`. With
/// `now`, today's work up to then is counted as the shutdown counts it
/// (`DayFacts::of_with`); without, today's work so far is not known.
#[must_use]
pub fn load_at(
    store: &Store,
    config: &Config,
    tz: &impl TimeZone,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    now: Option<DateTime<Utc>>,
) -> History {
    let (entries, days, unreadable) = store.load_range(Some(from), Some(to));
    let mut found: HashMap<NaiveDate, (Option<Entry>, Option<Day>)> =
        HashMap::with_capacity(entries.len());
    for ((date, e), (_, d)) in entries.into_iter().zip(days) {
        found.insert(date, (e, d));
    }
    let policies = policies(config);
    let workday = &config.workday;
    let days = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|date| {
            let (entry, day) = found
                .get(&date)
                .map_or((None, None), |(e, d)| (e.as_ref(), d.as_ref()));
            DayFacts::of_with(
                tz,
                date,
                day,
                entry,
                workday,
                &policies,
                workday.is_holiday(date),
                today,
                now,
            )
        })
        .collect();
    History {
        days,
        problems: unreadable
            .iter()
            .map(crate::store::Corrupt::describe)
            .collect(),
        unreadable: unreadable.into_iter().map(|c| c.path).collect(),
    }
}
