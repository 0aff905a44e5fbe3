//! `kot report --week|--month|--year [--date D] [--format text|markdown|json]`:
//! a period at a glance for yourself, or (Markdown) to share at a one-to-one:
//! worked and planned time, overtime, breaks, lunches, shutdowns, meetings,
//! places, the needs' weekly trend, the run of days without a real
//! conversation, and the tasks done. kot reports to nobody: it prints, the
//! user decides what to share.
//!
//! The JSON is a promise (`schema`): field names as documented in
//! `ReportJson`, every duration in whole minutes, dates `YYYY-MM-DD`, titles
//! exactly as written. Text and Markdown show titles display-safe.

use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::export::day_heading;
use super::{ReportArgs, ReportFormat, out};
use crate::clock::Zone;
use crate::coach_runtime::shutdown::minutes;
use crate::context::Context;
use crate::core::journal::{ContactState, Scale};
use crate::core::markdown::escape_inline;
use crate::core::review::{
    DayFacts, Period, PeriodKind, Totals, days_without_contact, totals, week_start, weekly_average,
};
use crate::core::text::display_safe;
use crate::error::CmdResult;
use crate::review::{History, load_at};
use crate::t;

/// The version of the JSON report's format.
pub const REPORT_SCHEMA: u32 = 1;

/// How far back the run of days without contact is followed past the period.
const STREAK_LOOKBACK_DAYS: u64 = 366;

pub fn run(ctx: &Context, args: &ReportArgs) -> CmdResult {
    let kind = if args.year {
        PeriodKind::Year
    } else if args.month {
        PeriodKind::Month
    } else {
        PeriodKind::Week
    };
    let date = ctx.date(args.date.date.as_deref())?;
    let today = ctx.today();
    let period = Period::containing(kind, date);
    let history = load_at(
        &ctx.store,
        &ctx.config,
        &Zone,
        period.first,
        period.last,
        today,
        Some(ctx.clock.now()),
    );
    for p in &history.problems {
        out::warn(p);
    }
    let report = Report::new(ctx, period, &history, today);
    let text = match args.format {
        ReportFormat::Text => report.text(),
        ReportFormat::Markdown => report.markdown(),
        ReportFormat::Json => report.json(),
    };
    out::raw(text);
    Ok(())
}

/// What a report says, worked out once for all three formats.
struct Report<'a> {
    period: Period,
    /// The period's days up to today: later ones have nothing to count yet.
    past: &'a [DayFacts],
    totals: Totals,
    /// Monday of each week the trend covers, oldest first, up to the week
    /// of today.
    weeks: Vec<NaiveDate>,
    needs: Vec<(Scale, Vec<Option<f32>>)>,
    no_contact: u32,
}

impl<'a> Report<'a> {
    fn new(ctx: &Context, period: Period, history: &'a History, today: NaiveDate) -> Self {
        let upto = history.days.partition_point(|d| d.date <= today);
        let past = &history.days[..upto];
        let first_week = week_start(period.first);
        // Weeks that start after today have nothing to show yet: left out.
        let last = period.last.min(today).max(period.first);
        let n = usize::try_from((week_start(last) - first_week).num_weeks() + 1).unwrap_or(1);
        let weeks = (0..n)
            .filter_map(|i| first_week.checked_add_days(Days::new(7 * i as u64)))
            .collect();
        let needs = Scale::ALL
            .into_iter()
            .map(|s| (s, weekly_average(past, s, last, n)))
            .collect();
        Self {
            period,
            past,
            totals: totals(past),
            weeks,
            needs,
            no_contact: contact_streak(ctx, period, past, today),
        }
    }

    /// Nothing in the period was recorded up to today.
    fn is_empty(&self) -> bool {
        self.past.iter().all(|d| !recorded(d))
    }

    fn title(&self) -> String {
        let p = &self.period;
        match p.kind {
            PeriodKind::Week => t!(
                "report.title.week",
                week = p.first.iso_week().week(),
                from = p.first.format("%Y-%m-%d"),
                to = p.last.format("%Y-%m-%d")
            ),
            PeriodKind::Month => t!(
                "report.title.month",
                month = t!(&format!("month.{}", p.first.month())),
                year = p.first.year()
            ),
            PeriodKind::Year => t!("report.title.year", year = p.first.year()),
        }
    }

    /// The figures, one (label, value) per line.
    fn figures(&self) -> Vec<(String, String)> {
        let t = &self.totals;
        let (worked, planned) = (minutes(t.worked_minutes), minutes(t.planned_minutes));
        let (meetings, video) = (minutes(t.meeting_minutes), minutes(t.video_minutes));
        vec![
            figure("worked", &[("worked", &worked), ("planned", &planned)]),
            (t!("report.label.overtime"), minutes(t.overtime_minutes)),
            figure(
                "breaks",
                &[
                    ("taken", &t.breaks_taken),
                    ("skipped", &t.breaks_skipped),
                    ("ignored", &t.breaks_ignored),
                ],
            ),
            figure(
                "lunch",
                &[
                    ("lunches", &count("report.lunch_days", t.lunches)),
                    (
                        "without",
                        &count("report.lunch_without", t.work_days_without_lunch),
                    ),
                ],
            ),
            figure(
                "shutdown",
                &[
                    ("on_time", &t.shutdowns_on_time),
                    ("late", &t.shutdowns_late),
                    ("missed", &t.shutdowns_missed),
                ],
            ),
            figure("meetings", &[("meetings", &meetings), ("video", &video)]),
            figure(
                "places",
                &[
                    ("home", &t.home_days),
                    ("office", &t.office_days),
                    ("off", &t.off_days),
                    ("sick", &t.sick_days),
                    ("holiday", &t.holiday_days),
                ],
            ),
            (
                t!("report.label.no_contact"),
                crate::i18n::plural("report.no_contact", i64::from(self.no_contact), &[]),
            ),
        ]
    }

    /// One line per scale: its weekly sparkline and the period's average.
    fn need_lines(&self) -> Vec<(String, String)> {
        self.needs
            .iter()
            .map(|(scale, weeks)| {
                let label = t!(scale.label_key());
                let value = match average(self.past, *scale) {
                    Some(avg) => format!("{} {avg:.1}", sparkline(weeks)),
                    None => t!("report.no_scores"),
                };
                (label, value)
            })
            .collect()
    }

    /// Days with tasks done: the heading and the display-safe titles.
    fn done(&self) -> Vec<(String, Vec<String>)> {
        self.past
            .iter()
            .filter(|d| !d.tasks_done.is_empty())
            .map(|d| {
                let titles = d
                    .tasks_done
                    .iter()
                    .map(|t| display_safe(t).into_owned())
                    .collect();
                (day_heading(d.date), titles)
            })
            .collect()
    }

    fn text(&self) -> String {
        let mut s = format!("{}\n\n", self.title());
        if self.is_empty() {
            let _ = writeln!(s, "{}", t!("report.empty"));
            return s;
        }
        aligned(&mut s, &self.figures());
        let _ = writeln!(s, "\n{}", t!("report.needs"));
        aligned(&mut s, &self.need_lines());
        let _ = writeln!(s, "\n{}", t!("report.done"));
        let done = self.done();
        if done.is_empty() {
            let _ = writeln!(s, "  {}", t!("report.nothing_done"));
        }
        for (day, titles) in done {
            let _ = writeln!(s, "  {day}");
            for title in titles {
                let _ = writeln!(s, "    - {title}");
            }
        }
        s
    }

    /// What was done first: the part a one-to-one starts from.
    fn markdown(&self) -> String {
        let mut s = format!("# {}\n\n", self.title());
        if self.is_empty() {
            let _ = writeln!(s, "{}", t!("report.empty"));
            return s;
        }
        let _ = writeln!(s, "## {}\n", t!("report.done"));
        let done = self.done();
        if done.is_empty() {
            let _ = writeln!(s, "{}\n", t!("report.nothing_done"));
        }
        for (day, titles) in done {
            let _ = writeln!(s, "### {day}\n");
            for title in titles {
                let _ = writeln!(s, "- {}", escape_inline(&title));
            }
            s.push('\n');
        }
        let _ = writeln!(s, "## {}\n", t!("report.figures"));
        for (label, value) in self.figures() {
            let _ = writeln!(s, "- **{label}:** {value}");
        }
        let _ = writeln!(s, "\n## {}\n", t!("report.needs"));
        for (label, value) in self.need_lines() {
            let _ = writeln!(s, "- **{label}:** {value}");
        }
        s
    }

    fn json(&self) -> String {
        let t = &self.totals;
        let report = ReportJson {
            schema: REPORT_SCHEMA,
            generator: format!("kot {}", env!("CARGO_PKG_VERSION")),
            period: self.period.kind.name(),
            first: self.period.first,
            last: self.period.last,
            totals: TotalsJson {
                worked_minutes: t.worked_minutes,
                planned_minutes: t.planned_minutes,
                overtime_minutes: t.overtime_minutes,
                meeting_minutes: t.meeting_minutes,
                video_minutes: t.video_minutes,
                breaks_taken: t.breaks_taken,
                breaks_skipped: t.breaks_skipped,
                breaks_ignored: t.breaks_ignored,
                lunches: t.lunches,
                work_days_without_lunch: t.work_days_without_lunch,
                shutdowns_on_time: t.shutdowns_on_time,
                shutdowns_late: t.shutdowns_late,
                shutdowns_missed: t.shutdowns_missed,
                home_days: t.home_days,
                office_days: t.office_days,
                off_days: t.off_days,
                sick_days: t.sick_days,
                holiday_days: t.holiday_days,
                tasks_done: t.tasks_done,
            },
            days_without_contact: self.no_contact,
            needs: NeedsJson {
                weeks: self.weeks.clone(),
                averages: self
                    .needs
                    .iter()
                    .map(|(s, w)| (s.name(), w.iter().map(|v| v.map(round2)).collect()))
                    .collect(),
            },
            days: self.past.iter().map(DayJson::from).collect(),
        };
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// `n` of something, in the form its number takes (`key.one`, `key.other`).
fn count(key: &str, n: u32) -> String {
    crate::i18n::plural(key, i64::from(n), &[])
}

/// A figure whose label and text share a name: `report.label.NAME` and
/// `report.NAME` filled with `args`.
fn figure(name: &str, args: &[(&str, &dyn std::fmt::Display)]) -> (String, String) {
    (
        crate::i18n::t(&format!("report.label.{name}"), &[]),
        crate::i18n::t(&format!("report.{name}"), args),
    )
}

/// The days a report counts as recorded: any file said something.
fn recorded(d: &DayFacts) -> bool {
    d.place.is_some()
        || d.worked_minutes.is_some()
        || d.feeling.is_some()
        || d.shutdown.is_some()
        || d.lunch.is_some()
        || d.breaks_taken + d.breaks_skipped + d.breaks_ignored > 0
        || d.meeting_minutes > d.team_minutes
        || !d.tasks_done.is_empty()
        || d.contact != ContactState::Unknown
        || crate::core::journal::Scale::ALL
            .iter()
            .any(|s| d.scores.get(*s).is_some())
}

/// The run of days without a real conversation up to the period's end (or
/// today, when that is earlier; today itself only once its journal says so),
/// followed back past the period's start when it runs on there.
fn contact_streak(ctx: &Context, period: Period, past: &[DayFacts], today: NaiveDate) -> u32 {
    let Some(last) = past.last() else {
        return 0;
    };
    let Some(end) = crate::core::review::contact_streak_end(past, last.date, today) else {
        return 0;
    };
    let mut days: Vec<DayFacts> = past.to_vec();
    let limit = end
        .checked_sub_days(Days::new(STREAK_LOOKBACK_DAYS))
        .unwrap_or(end);
    let mut first = period.first;
    // Only the open run at the start makes an earlier stretch worth reading.
    while runs_to_start(&days, end) && first > limit {
        let before = first.pred_opt().unwrap_or(first);
        let from = before
            .checked_sub_days(Days::new(55))
            .unwrap_or(before)
            .max(limit);
        let earlier = load_at(&ctx.store, &ctx.config, &Zone, from, before, today, None);
        for p in &earlier.problems {
            out::warn(p);
        }
        days.splice(0..0, earlier.days);
        first = from;
    }
    days_without_contact(&days, end)
}

/// Whether every day up to `end` is quiet or without contact: the run may
/// go on before the first of them.
fn runs_to_start(days: &[DayFacts], end: NaiveDate) -> bool {
    days.iter()
        .filter(|d| d.date <= end)
        .all(|d| d.is_quiet() || d.contact == ContactState::None)
}

/// The period's average of a scale over every scored day.
fn average(days: &[DayFacts], scale: Scale) -> Option<f32> {
    let scores: Vec<u8> = days.iter().filter_map(|d| d.scores.get(scale)).collect();
    if scores.is_empty() {
        return None;
    }
    let sum: u32 = scores.iter().map(|v| u32::from(*v)).sum();
    #[allow(clippy::cast_precision_loss)] // small counts
    Some(sum as f32 / scores.len() as f32)
}

/// One block per week, ▁ (1) to █ (5); `·` for a week without scores.
fn sparkline(weeks: &[Option<f32>]) -> String {
    const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
    weeks
        .iter()
        .map(|w| match w {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 1..=5
            Some(v) => BARS[(v.round() as usize).clamp(1, 5) - 1],
            None => '·',
        })
        .collect()
}

/// Lines of `label  value`, the values lined up.
fn aligned(s: &mut String, lines: &[(String, String)]) {
    let width = lines
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in lines {
        let pad = width - label.chars().count();
        let _ = writeln!(s, "  {label}{:pad$}  {value}", "");
    }
}

fn round2(v: f32) -> f64 {
    f64::from((v * 100.0).round()) / 100.0
}

/// `kot report --format json`. Every field is always present; `null` where
/// a value is not known.
#[derive(Serialize)]
struct ReportJson {
    schema: u32,
    generator: String,
    /// `week`, `month` or `year`.
    period: &'static str,
    first: NaiveDate,
    last: NaiveDate,
    /// Over the period's days up to today.
    totals: TotalsJson,
    /// The run of days without a real conversation at the period's end.
    days_without_contact: u32,
    needs: NeedsJson,
    /// The period's days up to today, in order.
    days: Vec<DayJson>,
}

#[derive(Serialize)]
#[allow(clippy::struct_field_names)]
struct TotalsJson {
    worked_minutes: u32,
    planned_minutes: u32,
    overtime_minutes: u32,
    meeting_minutes: u32,
    video_minutes: u32,
    breaks_taken: u32,
    breaks_skipped: u32,
    breaks_ignored: u32,
    lunches: u32,
    work_days_without_lunch: u32,
    shutdowns_on_time: u32,
    shutdowns_late: u32,
    shutdowns_missed: u32,
    home_days: u32,
    office_days: u32,
    off_days: u32,
    sick_days: u32,
    holiday_days: u32,
    tasks_done: usize,
}

/// Weekly averages, one per week in `weeks` (their Mondays), 2 decimals.
#[derive(Serialize)]
struct NeedsJson {
    weeks: Vec<NaiveDate>,
    #[serde(flatten)]
    averages: std::collections::BTreeMap<&'static str, Vec<Option<f64>>>,
}

#[derive(Serialize)]
struct DayJson {
    date: NaiveDate,
    /// `work`, `extra-work`, `off`, `holiday`, `sick`, `free`.
    kind: &'static str,
    place: Option<&'static str>,
    planned_minutes: u32,
    worked_minutes: Option<u32>,
    overtime_minutes: u32,
    meeting_minutes: u32,
    video_minutes: u32,
    breaks_taken: u16,
    breaks_skipped: u16,
    breaks_ignored: u16,
    lunch: Option<bool>,
    /// `on-time`, `late`, `missed`.
    shutdown: Option<&'static str>,
    feeling: Option<u8>,
    mood: Option<u8>,
    energy: Option<u8>,
    autonomy: Option<u8>,
    competence: Option<u8>,
    relatedness: Option<u8>,
    /// `known`, `none`, `unknown`.
    contact: ContactState,
    tasks_done: Vec<String>,
}

impl From<&DayFacts> for DayJson {
    fn from(d: &DayFacts) -> Self {
        Self {
            date: d.date,
            kind: d.kind.name(),
            place: d.place.map(crate::core::day::Place::name),
            planned_minutes: d.planned_minutes,
            worked_minutes: d.worked_minutes,
            overtime_minutes: d.overtime_minutes,
            meeting_minutes: d.meeting_minutes,
            video_minutes: d.video_minutes,
            breaks_taken: d.breaks_taken,
            breaks_skipped: d.breaks_skipped,
            breaks_ignored: d.breaks_ignored,
            lunch: d.lunch,
            shutdown: d.shutdown.map(crate::core::shutdown::Punctuality::name),
            feeling: d.feeling,
            mood: d.scores.get(Scale::Mood),
            energy: d.scores.get(Scale::Energy),
            autonomy: d.scores.get(Scale::Autonomy),
            competence: d.scores.get(Scale::Competence),
            relatedness: d.scores.get(Scale::Relatedness),
            contact: d.contact,
            tasks_done: d.tasks_done.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_and_rounding() {
        assert_eq!(sparkline(&[Some(1.0), None, Some(3.4), Some(5.0)]), "▁·▄█");
        assert!((round2(10.0 / 3.0) - 3.33).abs() < f64::EPSILON);
    }
}
