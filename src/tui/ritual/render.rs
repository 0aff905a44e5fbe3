//! Drawing the ritual: a box over Today with the steps checked off so far,
//! then what the step shows (the wins and each unfinished task, the next
//! work day's list, the evening form, your own step, the end).

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Phase, RitualRoom, Summary};
use crate::core::shutdown::ritual::{Pick, Step, StepState, TaskChoice};
use crate::t;
use crate::tui::keymap::Layer;
use crate::tui::popup::centered;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit_line, long_date, short_date, shown};

const WIDTH: u16 = 76;
/// Rows the step needs below the list of steps; fewer, and the list is
/// one line.
const MIN_BODY: u16 = 8;

/// A step's name in the list of steps.
fn step_name(step: &Step) -> String {
    match step {
        Step::Today => t!("ritual.step_today"),
        Step::Tomorrow => t!("ritual.step_tomorrow"),
        Step::Journal => t!("ritual.step_journal"),
        Step::Own(text) => shown(text),
        Step::Rest => t!("ritual.step_rest"),
        Step::Week => t!("ritual.step_week"),
    }
}

impl RitualRoom {
    /// Over Today below its header line (the date and the clock stay), on
    /// a calm blank: nothing of the plan shows beside it.
    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let [_, area] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        f.render_widget(Clear, area);
        let rect = centered(area, WIDTH, area.height);
        let block = Block::bordered()
            .title(format!(
                " {} · {} ",
                t!("ritual.title"),
                long_date(self.ritual.date)
            ))
            .border_style(theme.title());
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let mut steps = self.step_lines(theme);
        let mut rows = steps.len() + 1;
        // A small terminal: the list of steps gives way to one line (the
        // step and where it stands), so the step's input stays in sight.
        if rows + usize::from(MIN_BODY) > usize::from(inner.height) {
            steps = vec![fit_line(self.step_line(theme), usize::from(inner.width))];
            rows = 1;
        }
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        let [list, body, note] = Layout::vertical([
            Constraint::Length(rows),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(inner);
        f.render_widget(Paragraph::new(steps), list);
        if let Some(e) = &self.error {
            f.render_widget(Line::styled(format!(" {e}"), theme.error()), note);
        }
        match &self.phase {
            Phase::Writing => {
                f.render_widget(Line::styled(t!("ritual.writing"), theme.dim()), body);
            }
            Phase::Done(s) => render_done(f, body, s, theme),
            Phase::Walking => self.render_step(f, body, theme),
        }
    }

    /// `3/5 › The week`: the list of steps in one line.
    fn step_line(&self, theme: Theme) -> Line<'static> {
        let of = self.ritual.steps().len();
        let n = (self.ritual.position() + 1).min(of);
        let mut spans = vec![Span::styled(format!("{n}/{of}"), theme.dim())];
        if let Some(step) = self
            .ritual
            .current()
            .filter(|_| self.phase == Phase::Walking)
        {
            spans.push(Span::styled(
                format!(" › {}", step_name(step)),
                theme.title(),
            ));
        }
        Line::from(spans)
    }

    /// `✓ Today`, `› Tomorrow`, `· Your walk`: where the walk stands.
    fn step_lines(&self, theme: Theme) -> Vec<Line<'static>> {
        let at = self.ritual.position();
        let walking = self.phase == Phase::Walking;
        let mut lines = vec![Line::styled(
            t!(
                "ritual.progress",
                n = (at + 1).min(self.ritual.steps().len()),
                of = self.ritual.steps().len()
            ),
            theme.dim(),
        )];
        for (i, (step, state)) in self.ritual.steps().iter().enumerate() {
            let (mark, style) = if i == at && walking {
                ("›", theme.title())
            } else {
                match state {
                    StepState::Done => ("✓", theme.info()),
                    StepState::Skipped => ("–", theme.dim()),
                    StepState::Pending => ("·", theme.dim()),
                }
            };
            let mut spans = vec![
                Span::styled(format!(" {mark} "), style),
                Span::styled(step_name(step), style),
            ];
            // The week step's answer given, so a skipped text does not
            // look as if nothing was said.
            if *step == Step::Week
                && let Some(w) = self.ritual.week().filter(|w| w.answered)
                && let Some(yes) = w.happened
            {
                let said = if yes {
                    format!(" · ✓ {}", t!("week.happened"))
                } else {
                    format!(" · ✗ {}", t!("week.not_happened"))
                };
                spans.push(Span::styled(said, theme.dim()));
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    fn render_step(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let (lines, focus) = match self.ritual.current() {
            Some(Step::Today) => self.today_lines(theme),
            Some(Step::Tomorrow) => self.tomorrow_lines(theme),
            Some(Step::Journal) => {
                self.evening.render(f, area, theme);
                return;
            }
            Some(Step::Own(text)) => (
                vec![
                    Line::styled(shown(text), theme.title()),
                    Line::raw(""),
                    Line::styled(t!("ritual.own_hint"), theme.dim()),
                ],
                0..1,
            ),
            Some(Step::Week) => self.week_lines(theme),
            Some(Step::Rest) => (
                vec![
                    Line::styled(t!("ritual.rest"), theme.title()),
                    Line::raw(""),
                    Line::styled(t!("ritual.rest_hint"), theme.dim()),
                ],
                0..1,
            ),
            None => (Vec::new(), 0..0),
        };
        render_scrolled(f, area, lines, focus, theme);
    }

    /// The step's lines, and the ones to keep in sight (the selected task).
    fn today_lines(&self, theme: Theme) -> (Vec<Line<'static>>, Range<usize>) {
        let mut lines = Vec::new();
        let wins = self.ritual.wins();
        if wins.is_empty() {
            lines.push(Line::styled(t!("ritual.no_wins"), theme.dim()));
        } else {
            lines.push(Line::styled(t!("ritual.wins"), theme.title()));
            for w in wins {
                lines.push(Line::from(vec![
                    Span::styled("  ✓ ", theme.info()),
                    Span::raw(shown(&w)),
                ]));
            }
        }
        lines.push(Line::raw(""));
        let rows = self.ritual.unfinished();
        if rows.is_empty() {
            lines.push(Line::styled(t!("ritual.all_done"), theme.dim()));
            let end = lines.len();
            return (lines, end - 1..end);
        }
        let day = short_date(self.ritual.next_day);
        lines.push(Line::styled(
            t!("ritual.unfinished", day = day.clone()),
            theme.title(),
        ));
        let tags: Vec<String> = [
            TaskChoice::Carry,
            TaskChoice::Done,
            TaskChoice::Drop,
            TaskChoice::Keep,
        ]
        .iter()
        .map(|c| choice_tag(*c, &day))
        .collect();
        let width = tags.iter().map(|t| t.chars().count()).max().unwrap_or(0);
        let first = lines.len();
        // The heading with the keys stays in sight with the first task.
        let focus = if self.sel == 0 {
            first - 1..first + 1
        } else {
            first + self.sel..first + self.sel + 1
        };
        for (i, (_, title, choice)) in rows.into_iter().enumerate() {
            let tag = choice_tag(choice, &day);
            let style = match choice {
                TaskChoice::Carry => theme.info(),
                TaskChoice::Done => theme.done(),
                _ => theme.dim(),
            };
            lines.push(row(
                i == self.sel,
                vec![
                    Span::styled(format!("[{tag:<width$}] "), style),
                    Span::raw(shown(title)),
                ],
                theme,
            ));
        }
        (lines, focus)
    }

    /// The step's lines, and the ones to keep in sight (the selected task,
    /// or the title being typed).
    fn tomorrow_lines(&self, theme: Theme) -> (Vec<Line<'static>>, Range<usize>) {
        let top = self.ritual.top();
        let mut lines = vec![Line::styled(
            t!(
                "ritual.tomorrow",
                day = long_date(self.ritual.next_day),
                n = top.len(),
                limit = crate::core::plan::TOP_LIMIT
            ),
            theme.title(),
        )];
        let first = self.ritual.first().and_then(|p| self.ritual.title(p));
        lines.push(Line::styled(
            match first {
                Some(t) => t!("ritual.first_task", title = shown(&t)),
                None => t!("ritual.no_first_task"),
            },
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        let first = lines.len();
        let rows = self.tomorrow_rows();
        let mut focus = first + self.sel..first + self.sel + 1;
        if rows.is_empty() {
            lines.push(Line::styled(t!("ritual.tomorrow_empty"), theme.dim()));
        }
        for (i, (pick, title)) in rows.iter().enumerate() {
            let star = if top.contains(pick) {
                Span::styled("★ ", theme.top())
            } else {
                Span::raw("  ")
            };
            let mut spans = vec![star, Span::raw(shown(title))];
            if matches!(pick, Pick::Carried(_)) {
                spans.push(Span::styled(
                    format!("  ↪ {}", t!("today.carried")),
                    theme.dim(),
                ));
            }
            if self.ritual.first() == Some(pick) {
                spans.push(Span::styled(
                    format!("  ({})", t!("ritual.first")),
                    theme.dim(),
                ));
            }
            lines.push(row(i == self.sel, spans, theme));
        }
        match &self.typing {
            Some(area) => {
                lines.push(Line::raw(""));
                focus = lines.len()..lines.len() + 1;
                let label = if self.typing_note {
                    t!("ritual.left_off")
                } else {
                    t!("ritual.new_top")
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{label} "), theme.title()),
                    Span::raw(area.lines().join(" ")),
                    Span::styled("▏", theme.key()),
                ]));
            }
            None => {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    match self.ritual.note() {
                        Some(n) => format!("{} {}", t!("ritual.left_off"), shown(n)),
                        None => t!("ritual.left_off_none"),
                    },
                    theme.dim(),
                ));
            }
        }
        (lines, focus)
    }
}

impl RitualRoom {
    /// The week at a glance, last week's one thing (did it happen?), and
    /// this week's one thing being typed.
    /// The step's lines, and the ones to keep in sight: the question, or
    /// the text field with its prompt.
    fn week_lines(&self, theme: Theme) -> (Vec<Line<'static>>, Range<usize>) {
        let mut lines = Vec::new();
        if let Some(t) = &self.glance {
            lines.extend(glance_lines(t, theme));
            lines.push(Line::raw(""));
        }
        let Some(w) = self.ritual.week() else {
            return (lines, 0..0);
        };
        // A note that cannot be written: said, and the step asks nothing of it.
        for p in &w.problems {
            let p = crate::core::text::display_safe_lines(p).into_owned();
            lines.push(Line::styled(p, theme.error()));
        }
        let mut focus = 0..lines.len();
        if let Some(last) = &w.last_one_thing {
            focus = lines.len()..lines.len() + 2;
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", crate::coach_runtime::shutdown::last_label(w)),
                    theme.title(),
                ),
                Span::raw(shown(last)),
            ]));
            lines.push(match w.happened {
                None => Line::from(vec![
                    Span::raw(format!("{}  ", t!("ritual.week.did_it"))),
                    Span::styled(key_label(Layer::RitualWeek, true), theme.key()),
                    Span::raw(format!(" {}  ", t!("key.yes"))),
                    Span::styled(key_label(Layer::RitualWeek, false), theme.key()),
                    Span::raw(format!(" {}", t!("key.no"))),
                ]),
                Some(true) => Line::styled(format!("  ✓ {}", t!("week.happened")), theme.info()),
                Some(false) => {
                    Line::styled(format!("  ✗ {}", t!("week.not_happened")), theme.warn())
                }
            });
            lines.push(Line::raw(""));
        }
        if w.asks_last_week() || !w.takes_one_thing() {
            return (lines, focus);
        }
        let prompt = lines.len();
        lines.push(Line::styled(t!("ritual.week.next"), theme.title()));
        let text = self.week_typing.as_ref().map_or_else(
            || w.one_thing().unwrap_or_default().to_string(),
            |a| a.lines().join(" "),
        );
        lines.push(Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(shown(&text)),
            Span::styled("▏", theme.key()),
        ]));
        lines.push(Line::styled(t!("ritual.week.hint"), theme.dim()));
        (lines, prompt..prompt + 2)
    }
}

/// Rows a line takes wrapped at `width`, word by word as the paragraph
/// wraps it (a word longer than the line is broken).
fn rows(line: &Line, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (mut rows, mut used) = (1usize, 0usize);
    for word in text.split_inclusive(' ') {
        let bare = Span::raw(word.trim_end_matches(' ')).width();
        let all = Span::raw(word).width();
        if used > 0 && used + bare > width {
            rows += 1;
            used = 0;
        }
        if bare > width {
            rows += (used + bare - 1) / width;
            used = (used + bare) % width;
        } else {
            used += all;
        }
    }
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// The step's lines, wrapped; when they do not fit, scrolled so the lines
/// of `focus` (the input, the selection) stay in sight, and the last row
/// says more lies below (or above).
fn render_scrolled(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    focus: Range<usize>,
    theme: Theme,
) {
    let heights: Vec<u16> = lines.iter().map(|l| rows(l, area.width)).collect();
    let above = |i: usize| -> u16 { heights.iter().take(i).sum() };
    let total = above(heights.len());
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    if total <= area.height || area.height < 2 {
        f.render_widget(paragraph, area);
        return;
    }
    let [content, more] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let (start, end) = (above(focus.start), above(focus.end));
    let max = total.saturating_sub(content.height);
    let scroll = end.saturating_sub(content.height).min(start).min(max);
    f.render_widget(paragraph.scroll((scroll, 0)), content);
    let said = if scroll < max {
        t!("ritual.more_below")
    } else {
        t!("ritual.more_above")
    };
    f.render_widget(
        Line::styled(said, theme.key()).alignment(ratatui::layout::Alignment::Right),
        more,
    );
}

/// How the yes (or no) key of `layer` is written, from the key table.
fn key_label(layer: Layer, yes: bool) -> String {
    crate::tui::keymap::key_for(
        layer,
        crate::tui::keymap::Action::Choose(crate::tui::keymap::Choice::Happened(yes)),
    )
    .unwrap_or_default()
}

/// The week so far in three lines: hours, the day's care, the places.
#[must_use]
pub fn glance_lines(t: &crate::core::review::Totals, theme: Theme) -> Vec<Line<'static>> {
    let m = crate::coach_runtime::shutdown::minutes;
    vec![
        Line::styled(t!("ritual.week.glance"), theme.title()),
        Line::raw(t!(
            "ritual.week.hours",
            worked = m(t.worked_minutes),
            planned = m(t.planned_minutes),
            overtime = m(t.overtime_minutes),
            meetings = m(t.meeting_minutes),
            video = m(t.video_minutes)
        )),
        Line::raw(t!(
            "ritual.week.care",
            taken = t.breaks_taken,
            skipped = t.breaks_skipped,
            ignored = t.breaks_ignored,
            lunch = crate::i18n::plural(
                "ritual.week.lunch",
                i64::from(t.lunches + t.work_days_without_lunch),
                &[("lunches", &t.lunches)]
            ),
            on_time = t.shutdowns_on_time,
            late = t.shutdowns_late,
            missed = t.shutdowns_missed
        )),
        Line::raw(t!(
            "ritual.week.places",
            home = crate::i18n::plural("week.home_days", i64::from(t.home_days), &[]),
            office = t.office_days
        )),
    ]
}

fn choice_tag(c: TaskChoice, day: &str) -> String {
    match c {
        TaskChoice::Carry => t!("ritual.tag.carry", day = day),
        TaskChoice::Done => t!("ritual.tag.done"),
        TaskChoice::Drop => t!("ritual.tag.drop"),
        TaskChoice::Keep => t!("ritual.tag.keep"),
    }
}

fn row(selected: bool, text: Vec<Span<'static>>, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(if selected { "› " } else { "  " })];
    spans.extend(text);
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

fn render_done(f: &mut Frame, area: Rect, s: &Summary, theme: Theme) {
    let mut lines = vec![
        Line::styled(t!("ritual.complete", at = s.at.clone()), theme.title()),
        Line::raw(t!(
            "ritual.worked",
            worked = s.worked.clone(),
            overtime = s.overtime.clone()
        )),
        Line::raw(""),
    ];
    if !s.top.is_empty() {
        lines.push(Line::styled(
            t!("ritual.top_for", day = short_date(s.next_day)),
            theme.title(),
        ));
        for t in &s.top {
            lines.push(Line::from(vec![
                Span::styled("  ★ ", theme.top()),
                Span::raw(shown(t)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(t!("ritual.enjoy"), theme.info()));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_glance_says_one_day_not_one_days() {
        let t = crate::core::review::Totals {
            lunches: 1,
            home_days: 1,
            ..crate::core::review::Totals::default()
        };
        let text: Vec<String> = glance_lines(&t, Theme { color: false })
            .iter()
            .map(ToString::to_string)
            .collect();
        let text = text.join("\n");
        assert!(text.contains("lunch on 1 of 1 day ·"), "{text}");
        assert!(text.contains("1 day at home, 0 at the office"), "{text}");
    }
}
