//! The block form: the kind and the video flag of a block typed as
//! `10:00-10:30 Standup`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::core::day::DayOp;
use crate::core::plan::BlockKind;
use crate::core::time::Span as TimeSpan;
use crate::t;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Choice};
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

#[derive(Debug, Clone, PartialEq)]
pub struct BlockForm {
    pub span: TimeSpan,
    pub title: String,
    pub kind: BlockKind,
    pub video: bool,
}

impl BlockForm {
    /// `10:00-10:30 Standup` → a draft block (kind chosen next).
    ///
    /// # Errors
    /// The time span does not parse, or the title is empty.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (span_text, title) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let span: TimeSpan = span_text
            .parse()
            .map_err(|_| t!("cli.bad_span", value = span_text))?;
        let title = title.trim();
        if title.is_empty() {
            return Err(t!("tui.block_needs_title"));
        }
        Ok(Self {
            span,
            title: title.to_string(),
            kind: BlockKind::Focus,
            video: false,
        })
    }

    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Choose(Choice::Meeting) => self.kind = BlockKind::Meeting,
            Action::Choose(Choice::Focus) => self.kind = BlockKind::Focus,
            Action::Choose(Choice::Personal) => self.kind = BlockKind::Personal,
            Action::Choose(Choice::Video) => {
                self.video = !self.video;
                if self.video {
                    self.kind = BlockKind::Meeting;
                }
            }
            Action::Submit => {
                return vec![
                    Effect::Close,
                    Effect::Edit(DayOp::AddBlock {
                        span: self.span,
                        title: self.title.clone(),
                        kind: self.kind,
                        video: self.video,
                    }),
                ];
            }
            Action::Cancel => return vec![Effect::Close],
            _ => {}
        }
        Vec::new()
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let rect = centered(area, 60, 7);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", t!("input.block")))
            .border_style(theme.border());
        let mut kinds = vec![Span::raw(format!("{}: ", t!("block.kind")))];
        for kind in BlockKind::ALL {
            let label = t!(&format!("block.kind.{}", kind.name()));
            if kind == self.kind {
                kinds.push(Span::styled(format!("[{label}]"), theme.selected()));
            } else {
                kinds.push(Span::raw(format!(" {label} ")));
            }
            kinds.push(Span::raw(" "));
        }
        let video = format!(
            "{}: {}",
            t!("block.video"),
            if self.video { "[x]" } else { "[ ]" }
        );
        let lines = vec![
            Line::styled(
                format!("{} {}", self.span, shown(&self.title)),
                theme.title(),
            ),
            Line::from(kinds),
            Line::raw(video),
        ];
        f.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
