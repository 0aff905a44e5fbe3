//! The footer's one rule, on every layer, at 120, 60 and 44 columns, in
//! English and Dutch: the way on or out (Enter, Esc, `.`, a step's skip)
//! always shows, and a due break's "later". One test: the language is the
//! process's.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use kot::i18n::{Lang, set_language};
use kot::tui::keymap::{CanAct, Layer, footer};
use kot::tui::theme::Theme;
use kot::tui::widgets::footer::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn line(layer: Layer, can: CanAct, width: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, 1)).unwrap();
    term.draw(|f| render(f, f.area(), layer, can, Theme { color: false }))
        .unwrap();
    let buf = term.backend().buffer().clone();
    (0..width).map(|x| buf[(x, 0)].symbol()).collect()
}

#[test]
fn the_way_on_and_out_shows_on_every_layer_at_every_size_in_both_languages() {
    let can = CanAct {
        other_day: true,
        ..CanAct::default()
    };
    for lang in [Lang::En, Lang::Nl] {
        set_language(lang);
        for layer in Layer::ALL {
            let ways: Vec<String> = footer(layer, can)
                .into_iter()
                .filter(|b| b.action.leads_on())
                .map(|b| format!("{} {}", b.first_key(), b.short_help()))
                .collect();
            for width in [120, 60, 44] {
                let shown = line(layer, can, width);
                for way in &ways {
                    assert!(
                        shown.contains(way.as_str()),
                        "{lang:?} {layer:?} at {width}: no {way:?} in {shown:?}"
                    );
                }
            }
        }
        // A due break at 44 columns, where its card is hidden: "later"
        // stays in sight after "start" (it once gave way to "lunch").
        let due = line(Layer::BreakDue, CanAct::default(), 44);
        assert!(
            due.contains("s ") && due.contains("z "),
            "{lang:?}: {due:?}"
        );
    }
}
