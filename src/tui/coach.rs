//! The break coach on Today: one status line (state, time to the next break as a
//! gauge) and, when a break is due, under way or just over, the break card with
//! what to do and the keys for it; and what those keys ask of the coach.
//! Drawn into a buffer, not a frame: between full frames the display redraws
//! just these each second.

use chrono::{DateTime, DurationRound, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Widget, Wrap};

use crate::coach_runtime::{self, intent::Intent};
use crate::core::breaks::CoachOp;
use crate::core::coach::{CoachState, DayState, EndPhase};
use crate::core::day::DayOp;
use crate::i18n::{Lang, language, t_in};
use crate::t;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Key, Layer};
use crate::tui::popup::input::{Input, InputPurpose};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit_line;

/// What the coach's keys (`s`, `l`, `z`, `S`, Enter, `p`, `r`) ask for;
/// `None` for any other action.
#[must_use]
pub fn on_action(action: Action, app: &App, now: DateTime<Utc>) -> Option<Vec<Effect>> {
    let start = |lunch| {
        let for_due = matches!(app.coach_state(), CoachState::BreakDue { .. });
        Effect::Intent(Intent::StartBreak { lunch, for_due })
    };
    Some(vec![match action {
        Action::StartBreak => start(false),
        Action::Lunch => {
            let coach = coach_runtime::coach(&app.config, &app.day);
            if coach.working(now) && !coach.lunch_offered(now) {
                let from = coach.lunch_offered_from();
                Effect::say(t!(
                    "coach.refused.no_lunch_yet",
                    time = coach_runtime::local_hm(from)
                ))
            } else {
                start(true)
            }
        }
        Action::Snooze => Effect::Intent(Intent::Snooze),
        Action::SkipBreak => Effect::Intent(Intent::Skip),
        Action::Back => Effect::Intent(Intent::EndBreak),
        Action::Pause => Effect::Open(Input::open(InputPurpose::Pause, "")),
        Action::Resume if app.day.coach.paused_until.is_none() => {
            Effect::say(t!("coach.refused.not_paused"))
        }
        Action::Resume => Effect::Record(DayOp::Coach(CoachOp::Resume)),
        _ => return None,
    }])
}

/// A break ran out: any key says "back", except quitting and the help
/// (someone just glancing at kot is not back yet).
#[must_use]
pub fn back_on_any_key(app: &App, key: Key) -> bool {
    use ratatui::crossterm::event::KeyCode;
    app.popup.is_none()
        && app.checkin.is_none()
        && matches!(app.coach_state(), CoachState::BreakOver { .. })
        && !matches!(key.code, KeyCode::Char('q' | '?'))
}

/// `● focus · break in 23m` with a gauge of the focus block done. Like the
/// clock and the time left, the gauge moves with the minute. Without the card
/// (`card`: too little room for it) a break's countdown shows here, in seconds.
pub fn render_status(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    (state, card): (CoachState, bool),
    now: DateTime<Utc>,
    theme: Theme,
) {
    let ds = DayState {
        coach: state,
        phase: app.end_phase(),
    };
    let mut words = coach_runtime::day_words(&app.config, &app.day, ds, now);
    if let CoachState::Break { .. } = state
        && !card
    {
        words.detail = countdown(state, now);
    }
    // The workday line above says when the day ends, until that is news.
    if matches!(ds.phase, EndPhase::Before { .. } | EndPhase::NoEnd) {
        words.end = None;
    }
    let now = now
        .duration_trunc(chrono::TimeDelta::minutes(1))
        .unwrap_or(now);
    let mut label = format!(" ● {}", words.line());
    let ratio = match state {
        CoachState::Focus {
            since,
            next_break: Some(due),
        } => Some(share(since, due, now)),
        CoachState::Break { since, until, .. } => Some(share(since, until, now)),
        CoachState::Meeting { .. } | CoachState::Personal { .. } | CoachState::Paused { .. } => {
            None
        }
        CoachState::BreakDue { .. } | CoachState::BreakOver { .. } => Some(1.0),
        _ => None,
    };
    let style = match state {
        CoachState::BreakDue { .. } | CoachState::BreakOver { .. } => theme.warn(),
        CoachState::Off(_) => theme.dim(),
        _ => theme.info(),
    };
    if app.notifier_down {
        label.push_str(&format!(" · {}", t!("tui.notifications_off_short")));
    }
    if app.day.coach.paused_until.is_some() && matches!(state, CoachState::Paused { .. }) {
        label.push_str(&format!(" ({})", t!("coach.resume_hint")));
    }
    let label = fit_line(
        Line::styled(label, style),
        usize::from(area.width.saturating_sub(1)),
    );
    match ratio {
        Some(r) if area.width > 40 => {
            let gauge = LineGauge::default()
                .ratio(r.clamp(0.0, 1.0))
                .label(Line::from(
                    label
                        .spans
                        .into_iter()
                        .chain([Span::raw(" ")])
                        .collect::<Vec<_>>(),
                ))
                .filled_style(style)
                .unfilled_style(theme.dim());
            gauge.render(area, buf);
        }
        _ => label.render(area, buf),
    }
}

/// How far `now` is from `from` to `to`.
#[allow(clippy::cast_precision_loss)]
fn share(from: DateTime<Utc>, to: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    let total = (to - from).num_seconds().max(1) as f64;
    (now - from).num_seconds() as f64 / total
}

/// `19 min 42 s left` during a break.
fn countdown(state: CoachState, now: DateTime<Utc>) -> Option<String> {
    let CoachState::Break { until, .. } = state else {
        return None;
    };
    Some(countdown_in(language(), (until - now).num_seconds()))
}

/// `19 min 42 s left` with `left` seconds to go, in `lang`.
fn countdown_in(lang: Lang, left: i64) -> String {
    let words = crate::i18n::countdown_in(lang, crate::core::countdown::Countdown::seconds(left));
    t_in(lang, "state.left", &[("left", &words)])
}

/// The countdown's words around its digits, worked out with a full frame: a
/// second then only puts digits between them, with no lookup and nothing
/// allocated, so it touches little memory (a wake-up's cost on a busy
/// machine is mostly the memory it touches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountdownWords {
    before: String,
    between: String,
    after: String,
}

impl CountdownWords {
    /// The words in the interface language; `None` when a character of
    /// them takes other than one cell (then each second draws the whole
    /// frame).
    #[must_use]
    pub fn new() -> Option<Self> {
        Self::of(language())
    }

    /// The words in `lang`: `countdown_in`'s with `\u{1}` for the minutes and
    /// `\u{2}` for the seconds.
    fn of(lang: Lang) -> Option<Self> {
        let marked = crate::i18n::seconds_words_in(lang, &'\u{1}', &'\u{2}');
        let text = t_in(lang, "state.left", &[("left", &marked)]);
        let (before, rest) = text.split_once('\u{1}')?;
        let (between, after) = rest.split_once('\u{2}')?;
        [before, between, after]
            .iter()
            .flat_map(|w| w.chars())
            .all(|c| unicode_width::UnicodeWidthChar::width(c) == Some(1))
            .then(|| Self {
                before: before.to_owned(),
                between: between.to_owned(),
                after: after.to_owned(),
            })
    }

    /// What `countdown` says with `left` seconds to go, into `out`.
    pub fn write(&self, left: i64, out: &mut String) {
        let left = left.max(0).unsigned_abs();
        out.clear();
        out.push_str(&self.before);
        push_digits(out, left / 60, 1);
        out.push_str(&self.between);
        push_digits(out, left % 60, 2);
        out.push_str(&self.after);
    }
}

/// `n` with at least `width` digits (at most 20), as `{:0width$}` writes it.
fn push_digits(out: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    let mut rest = n;
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    i = i.min(digits.len() - width.clamp(1, digits.len()));
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// The countdown's row in a card (the row `render_card` puts it on).
#[must_use]
pub fn countdown_row(card: Rect) -> Rect {
    Rect {
        height: 1,
        ..Block::bordered().inner(card)
    }
}

/// Rows the card takes (for the layout).
#[must_use]
pub fn card_height() -> u16 {
    6
}

/// The break card: which break, how long, one thing to do, and the keys.
pub fn render_card(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    state: CoachState,
    now: DateTime<Utc>,
    theme: Theme,
) {
    let coach = coach_runtime::coach(&app.config, &app.day);
    let (title, big, kind) = match state {
        CoachState::BreakDue { kind, .. } => (
            t!(
                "card.due",
                kind = crate::coach_runtime::kind_name(kind),
                minutes = coach.minutes_of(kind)
            ),
            None,
            kind,
        ),
        CoachState::Break { kind, .. } => (
            t!(
                "card.on_break",
                kind = crate::coach_runtime::kind_name(kind)
            ),
            countdown(state, now),
            kind,
        ),
        CoachState::BreakOver { kind, .. } => (t!("card.over"), Some(t!("card.over_body")), kind),
        _ => return,
    };
    let mut lines = Vec::new();
    if let Some(b) = big {
        lines.push(Line::styled(b, theme.title()));
    }
    let suggestion = coach_runtime::suggestion(kind, &app.day);
    if !suggestion.is_empty() && !matches!(state, CoachState::BreakOver { .. }) {
        lines.push(Line::raw(suggestion));
    }
    let mut keys: Vec<Span> = Vec::new();
    let layer = if matches!(state, CoachState::BreakDue { .. }) {
        Layer::BreakDue
    } else {
        Layer::OnBreak
    };
    let can = app.can_act();
    for b in layer.bindings().iter().filter(|b| b.can_act(can)) {
        if !keys.is_empty() {
            keys.push(Span::styled(" · ", theme.dim()));
        }
        keys.push(Span::styled(b.first_key(), theme.key()));
        keys.push(Span::raw(format!(" {}", b.short_help())));
        if b.action == crate::tui::keymap::Action::Snooze {
            keys.push(Span::styled(
                format!(
                    " ({})",
                    t!("card.snooze_left", minutes = coach.snooze_left())
                ),
                theme.dim(),
            ));
        }
    }
    // The snoozes used up: `z` is not offered, and the card says why.
    if matches!(state, CoachState::BreakDue { .. }) && !can.snooze {
        keys.push(Span::styled(
            format!(" · {}", t!("card.snooze_spent")),
            theme.dim(),
        ));
    }
    lines.push(Line::from(keys));
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.warn());
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second's text is the countdown's, word for word, in both languages,
    /// from an hour and a half to nothing (and past it, clamped).
    #[test]
    fn countdown_words_write_what_the_countdown_says() {
        for lang in [Lang::En, Lang::Nl] {
            let words = CountdownWords::of(lang).expect("words of one cell a character");
            let mut out = String::new();
            for left in [-5_i64, 0, 7, 59, 60, 61, 599, 5999, 6000, 6001, 5400] {
                words.write(left, &mut out);
                assert_eq!(out, countdown_in(lang, left), "{lang:?} at {left} s");
            }
        }
    }
}
