//! The key hints at the bottom, built from the keymap of the active layer. When
//! they do not fit, hints give way one by one by `rank`: the layer's own
//! hints from the end down to the second (a key offered only for a while,
//! `urgent_hint`, last of them), then the other screens' digits (the last
//! first), then the layer's first hint; `? help` and `q quit` always stay.
//! A layer whose own keys matter more (`Layer::own_hints_first`: the Week
//! screen) lets the digits go first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::keymap::{Action, Binding, CanAct, Layer, footer};
use crate::tui::theme::Theme;

pub fn render(f: &mut Frame, area: Rect, layer: Layer, can: CanAct, theme: Theme) {
    let bindings = footer(layer, can);
    // `? help` and `q quit`, at the end.
    let globals = if layer.passes_to_global() {
        Layer::Global.bindings().iter().filter(|b| b.footer).count()
    } else {
        0
    };
    let stays = bindings.len().saturating_sub(globals);
    let mut items: Vec<(Option<u8>, (String, String))> = bindings
        .iter()
        .enumerate()
        .map(|(i, b)| ((i < stays).then(|| rank(i, b, layer)), hint(b)))
        .collect();
    let width = |items: &[(Option<u8>, (String, String))]| -> usize {
        items
            .iter()
            .map(|(_, (k, d))| k.chars().count() + d.chars().count() + 4)
            .sum::<usize>()
    };
    // The highest rank goes first, the last of equals first.
    while width(&items) > usize::from(area.width) {
        let Some(at) = (0..items.len())
            .filter(|i| items[*i].0.is_some())
            .max_by_key(|i| (items[*i].0, *i))
        else {
            break;
        };
        items.remove(at);
    }
    let mut spans = Vec::new();
    for (i, (_, (key, desc))) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {desc}")));
    }
    f.render_widget(Line::from(spans), area);
}

/// How soon the hint at `i` (one that may go) gives way: the higher, the
/// sooner. The layer's own hints come first in the footer, the other
/// screens' digits after them.
fn rank(i: usize, b: &Binding, layer: Layer) -> u8 {
    let digits_first = layer.own_hints_first();
    if matches!(b.action, Action::Screen(_)) {
        if digits_first { 4 } else { 2 }
    } else if i == 0 {
        1
    } else if urgent_hint(b) {
        if digits_first { 2 } else { 3 }
    } else if digits_first {
        3
    } else {
        4
    }
}

/// Keys offered only for a while, so they stay before the Today keys that
/// are always there: the nudge's while it shows, `Q` from the wrap-up on.
fn urgent_hint(b: &Binding) -> bool {
    matches!(
        b.action,
        Action::DismissNudge | Action::SnoozeNudge | Action::Ritual
    )
}

fn hint(b: &Binding) -> (String, String) {
    (b.first_key(), b.short_help())
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn footer_at(width: u16, can: CanAct) -> String {
        let mut term = Terminal::new(TestBackend::new(width, 1)).unwrap();
        term.draw(|f| render(f, f.area(), Layer::Today, can, Theme { color: false }))
            .unwrap();
        let buf = term.backend().buffer().clone();
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_shown_nudges_keys_stay_at_120_columns() {
        let can = CanAct {
            nudge: true,
            shutdown: true,
            other_day: true,
            task: true,
            block: true,
            ..CanAct::default()
        };
        let line = footer_at(120, can);
        assert!(line.contains("D put away"), "{line}");
        assert!(line.contains("Z in a week"), "{line}");
        assert!(line.contains("a add"), "{line}");
        assert!(line.contains("? help") && line.contains("q quit"), "{line}");
        // The smallest terminal keeps help and quit first.
        let line = footer_at(44, can);
        assert!(line.contains("? help") && line.contains("q quit"), "{line}");
    }

    /// From the wrap-up on, `Q` is offered, as the README says, at the
    /// widths of a usual terminal.
    #[test]
    fn the_shutdown_key_stays_from_the_wrap_up_on() {
        let can = CanAct {
            shutdown: true,
            task: true,
            block: true,
            ..CanAct::default()
        };
        for width in [80, 100, 120] {
            let line = footer_at(width, can);
            assert!(line.contains("Q "), "{width}: {line}");
            assert!(line.contains("a add"), "{width}: {line}");
        }
    }
}
