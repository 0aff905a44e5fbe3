//! The day's timeline as an agenda: workday start and end, the blocks in time
//! order (overlaps flagged), and a "now" marker where the clock stands.

use std::collections::BTreeSet;

use ratatui::text::{Line, Span};

use crate::core::plan::{BlockId, TimeBlock};
use crate::core::time::TimeOfDay;
use crate::core::workday::WorkHours;
use crate::t;
use crate::tui::theme::Theme;

pub struct Timeline<'a> {
    pub blocks: Vec<&'a TimeBlock>,
    pub hours: Option<WorkHours>,
    /// The wall-clock time, when the day shown is today.
    pub now: Option<TimeOfDay>,
    pub selected: Option<BlockId>,
    pub overlaps: BTreeSet<BlockId>,
}

enum Row<'a> {
    Start(TimeOfDay),
    End(TimeOfDay),
    Block(&'a TimeBlock),
    Now(TimeOfDay),
}

impl Timeline<'_> {
    /// The rows, and the index of the row to keep in view.
    #[must_use]
    pub fn lines(&self, theme: Theme) -> (Vec<Line<'static>>, usize) {
        let mut rows: Vec<(TimeOfDay, u8, Row)> = Vec::new();
        if let Some(h) = self.hours {
            rows.push((h.start, 0, Row::Start(h.start)));
            rows.push((h.end, 0, Row::End(h.end)));
        }
        for b in &self.blocks {
            rows.push((b.span.start, 1, Row::Block(b)));
        }
        if let Some(n) = self.now {
            rows.push((n, 2, Row::Now(n)));
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

    fn block_line(&self, b: &TimeBlock, theme: Theme) -> Line<'static> {
        let current = self.now.is_some_and(|n| b.span.contains(n));
        let marker = if current { "▶" } else { "▌" };
        let mut tags = vec![t!(&format!("block.kind.{}", b.kind.name()))];
        if b.video {
            tags.push(t!("block.video"));
        }
        let mut spans = vec![
            Span::raw(format!("{}-{} ", b.span.start, b.span.end)),
            Span::raw(format!("{marker}{} ", b.title)),
            Span::styled(format!("[{}]", tags.join(" · ")), theme.dim()),
        ];
        if self.overlaps.contains(&b.id) {
            spans.push(Span::styled(
                format!(" ! {}", t!("block.overlap")),
                theme.warn(),
            ));
        }
        let line = Line::from(spans);
        if self.selected == Some(b.id) {
            line.style(theme.selected())
        } else {
            line
        }
    }
}
