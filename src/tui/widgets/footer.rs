//! The key hints at the bottom, built from the keymap of the active layer, by
//! one rule for every layer and width. Each hint has a rank: the way on or
//! out (Enter, Esc, `.` back to today) first, then `? help` and `q quit`,
//! then the keys offered only for a while (`Q` from the wrap-up on, a
//! nudge's), then the layer's own keys in the keymap's order, then the
//! other screens' digits (in the help and on every screen). When they do
//! not fit, the lowest rank gives way first, the last of equals first. They
//! show in the keymap's order by kind: the way on or out, the layer's keys,
//! the digits, help and quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::keymap::{Action, Binding, CanAct, Layer, footer};
use crate::tui::theme::Theme;

/// How much a hint matters: the lower, the longer it stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    WayOn,
    Help,
    Quit,
    /// Offered only for a while.
    Urgent,
    Main,
    Screens,
}

pub fn render(f: &mut Frame, area: Rect, layer: Layer, can: CanAct, theme: Theme) {
    let spans = spans(&hints(layer, can, usize::from(area.width)), theme);
    f.render_widget(Line::from(spans), area);
}

/// The hints that fit in `width` columns, in the order shown.
fn hints(layer: Layer, can: CanAct, width: usize) -> Vec<(String, String)> {
    let mut items: Vec<(Rank, (String, String))> = footer(layer, can)
        .into_iter()
        .map(|b| (rank(b), (b.first_key(), b.short_help())))
        .collect();
    // Stable: equals keep the keymap's order.
    items.sort_by_key(|(r, _)| shown_at(*r));
    let used = |items: &[(Rank, (String, String))]| -> usize {
        let text: usize = items
            .iter()
            .map(|(_, (k, d))| k.chars().count() + 1 + d.chars().count())
            .sum();
        text + 3 * items.len().saturating_sub(1)
    };
    while used(&items) > width {
        // The first hint stays even when nothing else fits.
        let Some(at) = (1..items.len()).max_by_key(|i| (items[*i].0, *i)) else {
            break;
        };
        items.remove(at);
    }
    items.into_iter().map(|(_, hint)| hint).collect()
}

fn spans(hints: &[(String, String)], theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (key, desc)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::raw(format!(" {desc}")));
    }
    spans
}

/// Where a rank shows, the same on every screen: the way on or out where
/// the eye starts, help and quit where they always are, at the end.
fn shown_at(r: Rank) -> u8 {
    match r {
        Rank::WayOn => 0,
        Rank::Main | Rank::Urgent => 1,
        Rank::Screens => 2,
        Rank::Help => 3,
        Rank::Quit => 4,
    }
}

fn rank(b: &Binding) -> Rank {
    match b.action {
        Action::Help => Rank::Help,
        Action::Quit => Rank::Quit,
        Action::Screen(_) => Rank::Screens,
        a if a.leads_on() => Rank::WayOn,
        Action::Ritual | Action::DismissNudge | Action::SnoozeNudge => Rank::Urgent,
        _ => Rank::Main,
    }
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

    /// A busy day (another day shown, a nudge, the wrap-up): the ways out
    /// stay, at every width; the coach's keys come before the digits.
    #[test]
    fn the_way_out_stays_first_and_the_digits_go_first() {
        let busy = CanAct {
            other_day: true,
            nudge: true,
            shutdown: true,
            task: true,
            block: true,
            ..CanAct::default()
        };
        for width in [44, 60, 80, 120] {
            let line = footer_at(width, busy);
            assert!(line.contains(". today"), "{width}: {line}");
            assert!(
                line.contains("? help") && line.contains("q quit"),
                "{width}: {line}"
            );
        }
        let calm = CanAct {
            lunch: true,
            ..CanAct::default()
        };
        let line = footer_at(120, calm);
        assert!(
            line.contains("s break") && line.contains("l lunch") && line.contains("p pause"),
            "{line}"
        );
        assert!(!line.contains("3 week"), "{line}");
        let line = footer_at(160, calm);
        assert!(line.contains("3 week"), "{line}");
        let line = footer_at(60, calm);
        assert!(
            line.contains("a add") && !line.contains("p pause"),
            "{line}"
        );
        let paused = CanAct {
            paused: true,
            ..calm
        };
        let line = footer_at(160, paused);
        assert!(
            line.contains("r resume") && !line.contains("p pause"),
            "{line}"
        );
    }
}
