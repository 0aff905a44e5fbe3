//! `kot day`: a day's record (start, end, worked, overtime, breaks, the
//! shutdown, where you left off), and its start and end corrected afterwards
//! with `--start` and `--end`. The correction's rule is
//! `coach_runtime::correction`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::out;
use crate::clock::Zone;
use crate::coach_runtime::{coach, correction, local_hm};
use crate::context::Context;
use crate::core::breaks::Outcome;
use crate::core::day::Day;
use crate::core::review::DayFacts;
use crate::core::time::TimeOfDay;
use crate::error::{CmdResult, Failure};
use crate::t;

/// `kot day [--date D] [--start HH:MM] [--end HH:MM] [--json]`.
///
/// # Errors
/// A bad date or time, a refused correction, a day that cannot be read.
pub fn run(
    ctx: &Context,
    date: Option<&str>,
    start: Option<&str>,
    end: Option<&str>,
    json: bool,
) -> CmdResult {
    let date = ctx.date(date)?;
    let day = ctx
        .store
        .load_day(date)
        .into_day(date)
        .map_err(|c| Failure(c.describe()))?;
    let now = ctx.clock.now();
    let today = ctx.today();
    let (start, end) = (time(start)?, time(end)?);
    if start.is_none() && end.is_none() {
        let record = Record::of(ctx, &day, today, now);
        if json {
            let text = serde_json::to_string_pretty(&record).map_err(|e| Failure(e.to_string()))?;
            out::raw(format!("{text}\n"));
        } else {
            out::line(&record.text(date));
        }
        return Ok(());
    }
    correction::check(&ctx.config, &day, (start, end), today, now).map_err(Failure)?;
    let (day, _) = correction::correct(&ctx.store, &ctx.config, date, (start, end), today, now)?;
    let record = Record::of(ctx, &day, today, now);
    out::done(&t!(
        "cli.day.corrected",
        day = super::shutdown::day_name(date),
        start = record.start.clone().unwrap_or_else(|| t!("cli.day.none")),
        end = record.end.clone().unwrap_or_else(|| t!("cli.day.none")),
        worked = crate::i18n::hm(i64::from(record.worked_minutes.unwrap_or(0))),
        overtime = crate::i18n::hm(i64::from(record.overtime_minutes.unwrap_or(0)))
    ));
    Ok(())
}

fn time(text: Option<&str>) -> Result<Option<TimeOfDay>, Failure> {
    text.map(super::shutdown::time_of).transpose()
}

/// A day's record as `kot day` prints it (`--json` as it is).
#[derive(Debug, Serialize)]
struct Record {
    date: String,
    start: Option<String>,
    end: Option<String>,
    /// The start or the end was corrected afterwards.
    corrected: bool,
    worked_minutes: Option<u32>,
    overtime_minutes: Option<u32>,
    /// The one break count (`Coach::break_counts`): lunch apart.
    breaks_taken: u16,
    breaks_skipped: u16,
    breaks_ignored: u16,
    /// Every break taken, lunch included.
    break_minutes: i64,
    lunch: Option<String>,
    shutdown: Option<String>,
    missed: bool,
    note: Option<String>,
}

impl Record {
    fn of(ctx: &Context, day: &Day, today: NaiveDate, now: DateTime<Utc>) -> Self {
        let c = coach(&ctx.config, day);
        let s = &day.shutdown;
        let (first, last) = c.recorded_span(today);
        // Worked and overtime as the review and reports count them (today's
        // so far too).
        let workday = &ctx.config.workday;
        let facts = DayFacts::of_with(
            &Zone,
            day.date,
            Some(day),
            None,
            workday,
            &crate::review::policies(&ctx.config),
            workday.is_holiday(day.date),
            today,
            Some(now),
        );
        let taken: Vec<_> = day
            .breaks
            .iter()
            .filter(|b| b.outcome == Outcome::Taken)
            .collect();
        let (breaks_taken, breaks_skipped, breaks_ignored) = c.break_counts();
        Self {
            date: day.date.to_string(),
            start: first.map(local_hm),
            end: last.map(local_hm),
            corrected: s.corrected_start.is_some() || s.corrected_end.is_some(),
            worked_minutes: facts.worked_minutes,
            overtime_minutes: facts.worked_minutes.map(|_| facts.overtime_minutes),
            breaks_taken,
            breaks_skipped,
            breaks_ignored,
            break_minutes: taken
                .iter()
                .map(|b| (b.end.to_utc() - b.start.to_utc()).num_minutes().max(0))
                .sum(),
            lunch: taken
                .iter()
                .find(|b| c.is_lunch(b))
                .map(|b| local_hm(b.start.to_utc())),
            shutdown: s.at.map(|t| local_hm(t.to_utc())),
            missed: s.missed,
            note: s.note.clone(),
        }
    }

    fn text(&self, date: NaiveDate) -> String {
        let none = || t!("cli.day.none");
        let hm = |m: Option<u32>| m.map_or_else(none, |m| crate::i18n::hm(i64::from(m)));
        let mut lines = vec![super::shutdown::day_name(date)];
        let mark = if self.corrected {
            format!(" {}", t!("cli.day.corrected_mark"))
        } else {
            String::new()
        };
        lines.push(t!(
            "cli.day.span",
            start = self.start.clone().unwrap_or_else(none),
            end = self.end.clone().unwrap_or_else(none),
            mark = mark
        ));
        lines.push(t!(
            "cli.day.worked",
            worked = hm(self.worked_minutes),
            overtime = hm(self.overtime_minutes)
        ));
        let mut breaks = t!(
            "cli.day.breaks",
            taken = self.breaks_taken,
            skipped = self.breaks_skipped,
            ignored = self.breaks_ignored,
            minutes = crate::i18n::hm(self.break_minutes)
        );
        if let Some(l) = &self.lunch {
            breaks.push_str(&t!("cli.day.lunch", at = l));
        }
        lines.push(breaks);
        lines.push(match (&self.shutdown, self.missed) {
            (Some(at), _) => t!("cli.day.shutdown", at = at),
            (None, true) => t!("cli.day.shutdown_missed"),
            (None, false) => t!("cli.day.no_shutdown"),
        });
        if let Some(n) = &self.note {
            lines.push(t!("cli.day.note", note = n));
        }
        lines.join("\n")
    }
}
