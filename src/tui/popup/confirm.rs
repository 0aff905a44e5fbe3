//! "Delete this?": yes deletes, anything else keeps.

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
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Task(TaskId),
    Block(BlockId),
}

/// Asks before `target` is deleted.
#[derive(Debug)]
pub struct Confirm {
    pub target: Target,
}

impl Confirm {
    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = vec![Effect::Close];
        if action == Action::Confirm {
            effects.push(Effect::Edit(match self.target {
                Target::Task(id) => DayOp::DeleteTask { id },
                Target::Block(id) => DayOp::DeleteBlock { id },
            }));
        }
        effects
    }

    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: Theme) {
        let rect = centered(area, 50, 4);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", t!("confirm.title")))
            .border_style(theme.border());
        let lines = vec![
            Line::raw(self.question(app)),
            Line::styled(t!("confirm.keys"), theme.dim()),
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
        }
    }
}
