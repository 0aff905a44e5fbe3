//! The `?` popup: every key of the layers in use, from the keymap tables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::popup::centered;
use crate::t;
use crate::tui::keymap::Layer;
use crate::tui::theme::Theme;

/// The help for `layers`, in order, each under its heading.
pub fn render(f: &mut Frame, area: Rect, layers: &[Layer], theme: Theme) {
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
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" {} ", t!("help.title")))
        .border_style(theme.border());
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

fn layer_name(l: Layer) -> &'static str {
    match l {
        Layer::Global => "global",
        Layer::Today => "today",
        Layer::CheckinPlace => "checkin_place",
        Layer::CheckinFeeling => "checkin_feeling",
        Layer::CheckinCarry => "checkin_carry",
        Layer::CheckinTop => "checkin_top",
        Layer::TextInput => "text_input",
        Layer::BlockForm => "block_form",
        Layer::Confirm => "confirm",
        Layer::Help => "help",
    }
}
