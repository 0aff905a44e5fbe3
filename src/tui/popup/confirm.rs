//! "Delete this?": yes deletes, anything else keeps.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use crate::core::day::DayOp;
use crate::core::plan::{BlockId, TaskId};
use crate::t;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Layer};
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Task(TaskId),
    Block(BlockId),
    /// Work again after the shutdown: it counts as overtime.
    BackToWork,
    /// The ritual's last step is behind, but work went on after it was taken
    /// up at `since`: shut down now (yes) or then (anything else).
    KeptWorking {
        since: DateTime<Utc>,
    },
}

/// Asks before `target` is deleted.
#[derive(Debug)]
pub struct Confirm {
    pub target: Target,
}

impl Confirm {
    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = vec![Effect::Close];
        let yes = action == Action::Confirm;
        if let Target::KeptWorking { .. } = self.target {
            effects.push(Effect::FinishRitual { now: yes });
        } else if yes {
            effects.push(match self.target {
                Target::Task(id) => Effect::Edit(DayOp::DeleteTask { id }),
                Target::Block(id) => Effect::Edit(DayOp::DeleteBlock { id }),
                Target::BackToWork | Target::KeptWorking { .. } => Effect::BackToWork,
            });
        }
        effects
    }

    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: Theme) {
        let rect = centered(area, 50, 4);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(
                " {} ",
                match self.target {
                    Target::BackToWork => t!("confirm.back_to_work_title"),
                    Target::KeptWorking { .. } => t!("confirm.kept_working_title"),
                    Target::Task(_) | Target::Block(_) => t!("confirm.title"),
                }
            ))
            .border_style(theme.border());
        let lines = vec![
            Line::raw(self.question(app)),
            Line::styled(keys_hint(), theme.dim()),
        ];
        f.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            rect,
        );
    }

    fn question(&self, app: &App) -> String {
        match self.target {
            Target::Task(id) => {
                let title = app
                    .day
                    .task(id)
                    .map(|t| shown(&t.title))
                    .unwrap_or_default();
                t!("confirm.delete_task", title = title)
            }
            Target::Block(id) => {
                let title = app
                    .day
                    .blocks
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| shown(&b.title))
                    .unwrap_or_default();
                t!("confirm.delete_block", title = title)
            }
            Target::BackToWork => t!("confirm.back_to_work"),
            Target::KeptWorking { since } => t!(
                "confirm.kept_working",
                time = crate::coach_runtime::local_hm(since)
            ),
        }
    }
}

/// `y yes · n no` (in Dutch `j ja · n nee`), from the key table.
#[must_use]
pub fn keys_hint() -> String {
    Layer::Confirm
        .bindings()
        .iter()
        .map(|b| format!("{} {}", b.first_key(), b.short_help()))
        .collect::<Vec<_>>()
        .join(" · ")
}
