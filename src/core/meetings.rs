//! Meeting load: back-to-back runs of meetings and calls without a buffer
//! between them. Video calls tire more than meetings in a room (no body
//! language to read), so a long run earns a pause before the next call.

use std::collections::BTreeSet;

use super::plan::{BlockId, BlockKind, TimeBlock};
use super::time::TimeOfDay;

/// A run of meetings closer than the gap, in time order, with the meeting at
/// whose end the run first reached `max_minutes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub blocks: Vec<BlockId>,
    /// The first start and the last end.
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    /// Minutes from the run's first start to its last end.
    pub minutes: u16,
    /// The meeting that made the run reach the limit, if it did.
    pub crossed_at: Option<BlockId>,
}

fn meetings(blocks: &[TimeBlock]) -> Vec<&TimeBlock> {
    let mut m: Vec<&TimeBlock> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Meeting)
        .collect();
    m.sort_by_key(|b| (b.span, b.id));
    m
}

/// Group meeting blocks into runs: a meeting starting less than `gap_minutes`
/// after the run's end so far (or overlapping it) joins the run.
#[must_use]
pub fn runs(blocks: &[TimeBlock], gap_minutes: u16, max_minutes: u16) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut start = 0u16;
    let mut end = 0u16;
    for b in meetings(blocks) {
        let (s, e) = (b.span.start.minutes(), b.span.end.minutes());
        match out.last_mut() {
            Some(run) if s < end.saturating_add(gap_minutes) => {
                end = end.max(e);
                run.blocks.push(b.id);
                run.end = TimeOfDay::from_minutes(end).unwrap_or(run.end);
                run.minutes = end - start;
                if run.crossed_at.is_none() && run.minutes >= max_minutes {
                    run.crossed_at = Some(b.id);
                }
            }
            _ => {
                (start, end) = (s, e);
                let minutes = e - s;
                let crossed_at = (minutes >= max_minutes).then_some(b.id);
                out.push(Run {
                    blocks: vec![b.id],
                    start: b.span.start,
                    end: b.span.end,
                    minutes,
                    crossed_at,
                });
            }
        }
    }
    out
}

/// Video calls followed by another call within less than `buffer_minutes`: the
/// plan marks them so the user can make room.
#[must_use]
pub fn without_buffer(blocks: &[TimeBlock], buffer_minutes: u16) -> BTreeSet<BlockId> {
    let calls: Vec<&TimeBlock> = meetings(blocks).into_iter().filter(|b| b.video).collect();
    let mut out = BTreeSet::new();
    for pair in calls.windows(2) {
        let gap = i32::from(pair[1].span.start.minutes()) - i32::from(pair[0].span.end.minutes());
        if gap < i32::from(buffer_minutes) {
            out.insert(pair[0].id);
            out.insert(pair[1].id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: u32, span: &str, kind: BlockKind, video: bool) -> TimeBlock {
        TimeBlock {
            id: BlockId(id),
            span: span.parse().unwrap(),
            title: format!("m{id}"),
            kind,
            video,
            extra: toml::Table::new(),
        }
    }

    #[test]
    fn close_meetings_form_a_run_that_crosses_the_limit() {
        let blocks = [
            block(1, "09:00-09:30", BlockKind::Meeting, true),
            block(2, "09:33-10:15", BlockKind::Meeting, true),
            block(3, "10:15-10:45", BlockKind::Meeting, true),
            block(4, "11:00-11:30", BlockKind::Meeting, true),
            block(5, "10:45-12:00", BlockKind::Focus, false),
        ];
        let r = runs(&blocks, 5, 90);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].blocks, vec![BlockId(1), BlockId(2), BlockId(3)]);
        assert_eq!(r[0].minutes, 105);
        assert_eq!(
            (r[0].start.to_string(), r[0].end.to_string()),
            ("09:00".into(), "10:45".into())
        );
        assert_eq!(r[0].crossed_at, Some(BlockId(3)));
        assert_eq!(r[1].crossed_at, None);
    }

    #[test]
    fn calls_without_a_buffer_are_marked() {
        let blocks = [
            block(1, "09:00-09:30", BlockKind::Meeting, true),
            block(2, "09:32-10:00", BlockKind::Meeting, true),
            block(3, "10:05-10:30", BlockKind::Meeting, true),
            block(4, "10:30-11:00", BlockKind::Meeting, false),
        ];
        let marked = without_buffer(&blocks, 5);
        assert_eq!(
            marked.into_iter().collect::<Vec<_>>(),
            vec![BlockId(1), BlockId(2)]
        );
    }
}
