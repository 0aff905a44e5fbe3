//! Small popups over the screen: text input, the block form, delete confirmation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::plan::BlockKind;
use crate::t;
use crate::tui::app::{BlockDraft, Input, InputPurpose};
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

/// A `width` × `height` rectangle centred in `area`, clipped to it.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub fn input(f: &mut Frame, area: Rect, input: &Input, theme: Theme) {
    let title = match input.purpose {
        InputPurpose::AddTask => t!("input.add_task"),
        InputPurpose::AddTopTask => t!("input.add_top_task"),
        InputPurpose::Title(id) => t!("input.edit_title", id = id),
        InputPurpose::Estimate(id) => t!("input.estimate", id = id),
        InputPurpose::Block => t!("input.block"),
        InputPurpose::Pause => t!("input.pause"),
    };
    let hint = match input.purpose {
        InputPurpose::Estimate(_) => Some(t!("input.estimate_hint")),
        InputPurpose::Block => Some(t!("input.block_hint")),
        InputPurpose::Pause => Some(t!("input.pause_hint")),
        _ => None,
    };
    let rect = centered(area, 60, 6);
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.border());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let [field, note] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(&input.area, field);
    let note_line = match (&input.error, hint) {
        (Some(e), _) => Line::styled(e.clone(), theme.error()),
        (None, Some(h)) => Line::styled(h, theme.dim()),
        (None, None) => Line::raw(""),
    };
    f.render_widget(Paragraph::new(note_line).wrap(Wrap { trim: true }), note);
}

pub fn block_form(f: &mut Frame, area: Rect, d: &BlockDraft, theme: Theme) {
    let rect = centered(area, 60, 7);
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" {} ", t!("input.block")))
        .border_style(theme.border());
    let mut kinds = vec![Span::raw(format!("{}: ", t!("block.kind")))];
    for kind in BlockKind::ALL {
        let label = t!(&format!("block.kind.{}", kind.name()));
        if kind == d.kind {
            kinds.push(Span::styled(format!("[{label}]"), theme.selected()));
        } else {
            kinds.push(Span::raw(format!(" {label} ")));
        }
        kinds.push(Span::raw(" "));
    }
    let video = format!(
        "{}: {}",
        t!("block.video"),
        if d.video { "[x]" } else { "[ ]" }
    );
    let lines = vec![
        Line::styled(format!("{} {}", d.span, shown(&d.title)), theme.title()),
        Line::from(kinds),
        Line::raw(video),
    ];
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn confirm(f: &mut Frame, area: Rect, question: &str, theme: Theme) {
    let rect = centered(area, 50, 4);
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" {} ", t!("confirm.title")))
        .border_style(theme.border());
    let lines = vec![
        Line::raw(question.to_string()),
        Line::styled(t!("confirm.keys"), theme.dim()),
    ];
    f.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        rect,
    );
}
