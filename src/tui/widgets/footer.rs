//! The key hints at the bottom, built from the keymap of the active layer. When
//! they do not fit, the layer's own hints give way from the end down to the
//! first (a shown nudge's keys last of them: it is there only for a while),
//! then the other screens' digits (the last first), then that first
//! hint; `? help` and `q quit` always stay. A layer whose own keys matter
//! more (`Layer::own_hints_first`: the Week screen) lets the digits go first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::keymap::{Binding, CanAct, Layer, footer};
use crate::tui::theme::Theme;

pub fn render(f: &mut Frame, area: Rect, layer: Layer, can: CanAct, theme: Theme) {
    let bindings = footer(layer, can);
    let items: Vec<(String, String)> = bindings.iter().copied().map(hint).collect();
    let mut urgent: Vec<bool> = bindings.iter().map(|b| urgent_hint(b)).collect();
    let globals = if layer.passes_to_global() {
        Layer::Global.bindings().iter().filter(|b| b.footer).count()
    } else {
        0
    };
    // `? help` and `q quit` always stay.
    let keep = globals;
    // The other screens' digits stay with them when there is room.
    let globals = globals
        + footer(layer, can)
            .iter()
            .filter(|b| matches!(b.action, crate::tui::keymap::Action::Screen(_)))
            .count();
    let width = |items: &[(String, String)]| -> usize {
        items
            .iter()
            .map(|(k, d)| k.chars().count() + d.chars().count() + 4)
            .sum::<usize>()
    };
    let mut items = items;
    let fits = |items: &[(String, String)]| width(items) <= usize::from(area.width);
    let screens = globals - keep;
    let mut dropped = 0;
    // The other screens' digits give way (from the last).
    let drop_digits = |items: &mut Vec<(String, String)>, dropped: &mut usize| {
        while !fits(items) && *dropped < screens && items.len() > keep {
            items.remove(items.len() - keep - 1);
            *dropped += 1;
        }
    };
    // A layer whose own keys matter more (`Layer::own_hints_first`): the
    // digits first.
    if layer.own_hints_first() {
        drop_digits(&mut items, &mut dropped);
    }
    // The layer's own hints give way from the end, but its first stays while
    // the other screens' digits can give way instead.
    while !fits(&items) && items.len() > globals - dropped + 1 {
        let own = items.len() - (globals - dropped);
        let at = (1..own).rev().find(|i| !urgent[*i]).unwrap_or(own - 1);
        items.remove(at);
        urgent.remove(at);
    }
    drop_digits(&mut items, &mut dropped);
    while !fits(&items) && items.len() > globals - dropped {
        items.remove(0);
    }
    let mut spans = Vec::new();
    for (i, (key, desc)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {desc}")));
    }
    f.render_widget(Line::from(spans), area);
}

/// Keys offered only for a while, so they stay before the Today keys that
/// are always there: the nudge's while it shows, `Q` from the wrap-up on.
fn urgent_hint(b: &Binding) -> bool {
    use crate::tui::keymap::Action;
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
