//! The day's timeline as an agenda: workday start and end, the blocks in time
//! order (overlaps flagged), and a "now" marker where the clock stands.

use std::collections::BTreeSet;

use ratatui::text::{Line, Span};

use crate::core::breaks::{BreakRecord, Counted, Outcome};
use crate::core::meetings::Run;
use crate::core::plan::{BlockId, TimeBlock};
use crate::core::time::TimeOfDay;
use crate::core::workday::WorkHours;
use crate::t;
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

pub struct Timeline<'a> {
    pub blocks: Vec<&'a TimeBlock>,
    pub hours: Option<WorkHours>,
    /// The wall-clock time, when the day shown is today.
    pub now: Option<TimeOfDay>,
    pub selected: Option<BlockId>,
    pub overlaps: BTreeSet<BlockId>,
    /// Calls with too little time before the next one.
    pub no_buffer: BTreeSet<BlockId>,
    /// Today's breaks, shown as a strip between the blocks.
    pub breaks: &'a [BreakRecord],
    /// Per break, whether it is a lunch asked for that the lunch rule did
    /// not count (`Coach::lunch_not_counted`): drawn as a break.
    pub not_lunch: Vec<bool>,
    /// Runs of meetings over the back-to-back limit, marked as soon as planned.
    pub long_runs: Vec<Run>,
    /// When the day's work stopped, and the i18n key of how that is known
    /// (the shutdown, a correction, kot's guess).
    pub stopped: Option<(TimeOfDay, &'static str)>,
    /// Evening work after the shutdown: its start and end (none: under way).
    pub evenings: Vec<(TimeOfDay, Option<TimeOfDay>)>,
}

enum Row<'a> {
    Start(TimeOfDay),
    End(TimeOfDay),
    Block(&'a TimeBlock),
    /// A break, and whether it is a lunch that did not count.
    Break(&'a BreakRecord, bool),
    LongRun(&'a Run),
    Now(TimeOfDay),
    Stopped(TimeOfDay, &'static str),
    Evening(TimeOfDay, Option<TimeOfDay>),
}

impl Timeline<'_> {
    /// The rows, and the index of the row to keep in view.
    #[must_use]
    pub fn lines(&self, theme: Theme) -> (Vec<Line<'static>>, usize) {
        let mut rows: Vec<(TimeOfDay, u8, Row)> = Vec::new();
        if let Some(h) = self.hours {
            rows.push((h.start, 0, Row::Start(h.start)));
            rows.push((h.end_in_day(), 0, Row::End(h.end)));
        }
        for b in &self.blocks {
            rows.push((b.span.start, 1, Row::Block(b)));
        }
        for r in &self.long_runs {
            rows.push((r.start, 0, Row::LongRun(r)));
        }
        for (i, b) in self.breaks.iter().enumerate() {
            let t = TimeOfDay::of(b.start.naive_local().time());
            let not_lunch = self.not_lunch.get(i).copied().unwrap_or(false);
            rows.push((t, 1, Row::Break(b, not_lunch)));
        }
        if let Some(n) = self.now {
            rows.push((n, 2, Row::Now(n)));
        }
        // After midnight is at the end of the day, as the workday's end is.
        let in_day = |t: TimeOfDay| match self.hours {
            Some(h) if t < h.start => TimeOfDay::hm(23, 59),
            _ => t,
        };
        if let Some((t, how)) = self.stopped {
            rows.push((in_day(t), 1, Row::Stopped(t, how)));
        }
        for &(s, e) in &self.evenings {
            rows.push((in_day(s), 1, Row::Evening(s, e)));
        }
        rows.sort_by_key(|(t, order, _)| (*t, *order));
        let mut focus = 0;
        let mut lines = Vec::new();
        for (i, (_, _, row)) in rows.iter().enumerate() {
            lines.push(match row {
                Row::Start(t) => {
                    Line::styled(format!("{t}  ┄ {}", t!("timeline.start")), theme.dim())
                }
                Row::End(t) => Line::styled(format!("{t}  ┄ {}", t!("timeline.end")), theme.dim()),
                Row::Now(t) => {
                    if self.selected.is_none() {
                        focus = i;
                    }
                    Line::styled(format!("{t}  ━━ {} ━━", t!("timeline.now")), theme.now())
                }
                Row::Break(b, not_lunch) => break_line(b, *not_lunch, theme),
                Row::Stopped(t, how) => {
                    Line::styled(format!("{t}       ■ {}", t!(how)), theme.info())
                }
                Row::Evening(s, e) => {
                    let text = match e {
                        Some(e) => format!("{s}-{e} ◐ {}", t!("timeline.evening")),
                        None => format!("{s}       ◐ {}", t!("timeline.evening_running")),
                    };
                    Line::styled(text, theme.warn())
                }
                Row::LongRun(r) => Line::styled(
                    format!(
                        "      ⚠ {}",
                        t!(
                            "timeline.long_run",
                            start = r.start,
                            end = r.end,
                            minutes = r.minutes
                        )
                    ),
                    theme.warn(),
                ),
                Row::Block(b) => {
                    if self.selected == Some(b.id) {
                        focus = i;
                    }
                    self.block_line(b, theme)
                }
            });
        }
        if lines.is_empty() {
            lines.push(Line::styled(t!("timeline.empty"), theme.dim()));
        }
        (lines, focus)
    }

    /// `10:00-10:30 ▶!Standup · video · agreed`: `▶` marks the block under way,
    /// `!` one that overlaps another (flags come first so a narrow pane never
    /// cuts them off).
    fn block_line(&self, b: &TimeBlock, theme: Theme) -> Line<'static> {
        let current = if self.now.is_some_and(|n| b.span.contains(n)) {
            "▶"
        } else {
            " "
        };
        let clash = self.overlaps.contains(&b.id);
        let mut tags = crate::coach_runtime::block_facts(b, |_| true);
        if self.no_buffer.contains(&b.id) {
            tags.push(t!("timeline.no_buffer"));
        }
        let mut spans = vec![
            Span::raw(format!("{}-{} ", b.span.start, b.span.end)),
            Span::styled(current.to_string(), theme.now()),
            Span::styled(if clash { "!" } else { " " }.to_string(), theme.warn()),
            Span::raw(shown(&b.title)),
        ];
        if !tags.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", tags.join(" · ")),
                theme.dim(),
            ));
        }
        let line = Line::from(spans);
        if self.selected == Some(b.id) {
            line.style(theme.selected())
        } else {
            line
        }
    }

    /// The pane title gets a legend when some block overlaps another.
    #[must_use]
    pub fn has_overlaps(&self) -> bool {
        !self.overlaps.is_empty()
    }
}

/// `09:56-10:08 ○ short break`, or a skipped one at the time it was skipped,
/// its `✗` under the `○` (both in the column of a block's "now" marker).
fn break_line(b: &BreakRecord, not_lunch: bool, theme: Theme) -> Line<'static> {
    let start = b.start.naive_local().time().format("%H:%M");
    let end = b.end.naive_local().time().format("%H:%M");
    let kind = crate::coach_runtime::kind_name(b.kind);
    let text = match (b.outcome, b.counted) {
        (Outcome::Skipped, _) => format!(
            "{start}       ✗ {}",
            t!("timeline.break_skipped", kind = kind)
        ),
        (Outcome::Ignored, _) => format!(
            "{start}       ✗ {}",
            t!("timeline.break_ignored", kind = kind)
        ),
        (Outcome::Taken, Counted::Away | Counted::Locked) => {
            format!("{start}-{end} ○ {}", t!("timeline.break_away"))
        }
        _ if not_lunch => {
            format!("{start}-{end} ○ {}", t!("timeline.break_not_lunch"))
        }
        (Outcome::Taken, _) => format!("{start}-{end} ○ {}", t!("timeline.break", kind = kind)),
    };
    let style = if b.outcome == Outcome::Taken {
        theme.info()
    } else {
        theme.warn()
    };
    Line::styled(text, style)
}
