//! The banner line over the footer: the newest prompt, a word on what a key
//! did, or an error; under it, edits waiting for another process's write.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::App;
use super::theme::Theme;
use crate::core::coach::Prompt;
use crate::core::text::display_safe_lines;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub text: String,
    pub error: bool,
    /// What the banner is about; it leaves when that goes.
    pub cause: Option<BannerCause>,
}

/// Why a banner stands, for the ones that leave by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerCause {
    /// A break due or over, waiting for an answer.
    Break,
    /// No lunch yet.
    Lunch,
    /// A micro-pause, until it is over.
    Micro,
    /// The coach could not write; gone once it writes again.
    CoachWrite,
    /// A heads-up for a meeting or a run of calls, until it starts.
    HeadsUp,
    /// A warning before the end of the workday ("30 min left"), until the
    /// end: past it, it no longer says what is true.
    EndWarning,
}

impl BannerCause {
    /// What a prompt's banner stands for, when it should leave by itself.
    #[must_use]
    pub fn of(p: &Prompt) -> Option<Self> {
        match p {
            Prompt::BreakDue { .. } | Prompt::Escalate { .. } | Prompt::BreakOver { .. } => {
                Some(Self::Break)
            }
            Prompt::Micro { .. } => Some(Self::Micro),
            Prompt::LunchMissed => Some(Self::Lunch),
            Prompt::MeetingsAhead { .. }
            | Prompt::TeamMeetingAhead { .. }
            | Prompt::BreakIntoMeeting { .. }
            | Prompt::CallPastEnd { .. } => Some(Self::HeadsUp),
            Prompt::ShutdownWarning { .. } => Some(Self::EndWarning),
            _ => None,
        }
    }

    /// Whether the cause went, by what the coach says still stands.
    #[must_use]
    pub fn gone(self, s: &crate::core::coach::Standing) -> bool {
        match self {
            Self::Break => !s.break_prompt,
            Self::Lunch => !s.lunch_missing,
            Self::Micro => s.micro_until.is_none(),
            Self::CoachWrite => true,
            Self::HeadsUp => !s.meeting_ahead,
            Self::EndWarning => !s.before_end,
        }
    }
}

/// Edits kept while another process holds the write lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// The lock's holder, where the system tells.
    pub holder: Option<u32>,
    /// How many edits are kept.
    pub queued: usize,
}

impl Waiting {
    #[must_use]
    pub fn message(&self) -> String {
        let n = i64::try_from(self.queued).unwrap_or(i64::MAX);
        let who = crate::store::lock::who(self.holder);
        crate::i18n::plural("tui.waiting", n, &[("who", &who)])
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if let Some(b) = &app.banner {
        let style = if b.error { theme.error() } else { theme.info() };
        let text = display_safe_lines(&b.text);
        let line = Line::styled(format!(" {text}"), style);
        f.render_widget(
            super::widgets::fit_line(line, usize::from(area.width)),
            area,
        );
    } else if let Some(w) = &app.waiting {
        // Under any passing message: it stays until the edits are written.
        f.render_widget(
            Line::styled(format!(" {}", w.message()), theme.info()),
            area,
        );
    }
}
