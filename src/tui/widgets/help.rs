//! The `?` popup: every key of the layers in use, from the keymap tables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::popup::centered;
use crate::t;
use crate::tui::keymap::Layer;
use crate::tui::theme::Theme;

/// The help for `layers`, in order, each under its heading.
/// `scroll` lines are skipped at the top (clamped so the last line stays in
/// view); the title says when more lies below or above.
pub fn render(f: &mut Frame, area: Rect, layers: &[Layer], scroll: u16, theme: Theme) {
    let mut lines = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            t!(&format!("layer.{}", layer_name(*layer))),
            theme.title(),
        ));
        for b in layer.bindings() {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" / ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<14}"), theme.key()),
                Span::raw(t!(b.help)),
            ]));
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 56, height);
    let visible = rect.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(visible));
    let mut title = format!(" {} ", t!("help.title"));
    if scroll + visible < total {
        title.push_str(&format!("· {} ", t!("help.more_below")));
    } else if scroll > 0 {
        title.push_str(&format!("· {} ", t!("help.more_above")));
    }
    f.render_widget(Clear, rect);
    let block = Block::bordered().title(title).border_style(theme.border());
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn layer_name(l: Layer) -> &'static str {
    match l {
        Layer::Global => "global",
        Layer::Today => "today",
        Layer::CheckinPlace => "checkin_place",
        Layer::CheckinFeeling => "checkin_feeling",
        Layer::CheckinCarry => "checkin_carry",
        Layer::CheckinTop => "checkin_top",
        Layer::BreakDue => "break_due",
        Layer::OnBreak => "on_break",
        Layer::TextInput => "text_input",
        Layer::BlockForm => "block_form",
        Layer::Confirm => "confirm",
        Layer::Help => "help",
    }
}
