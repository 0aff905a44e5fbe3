//! The TUI's shared state and its update function. `update` takes a message
//! and the current instant and returns commands; it does no IO, so tests
//! drive it directly. The event loop runs the commands and feeds the results
//! back (`results`).
//!
//! Each screen and popup is a room of its own (`today`, `checkin`, `popup::*`):
//! it keeps its state, reads its keys and draws itself. `App` holds the day and
//! the rooms, hands a key to the innermost room, and applies what the room
//! asks for (`Effect`).

mod correct;
mod effects;
mod reads;
mod results;
mod ritual;
mod screens;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

pub use super::banner::{Banner, BannerCause, Waiting};
use super::checkin::Checkin;
use super::coach;
use super::effect::Effect;
use super::journal::Journal;
use super::keymap::{Action, Key, Layer, Screen, lookup};
pub use super::msg::{Cmd, Msg, Origin};
use super::popup::Popup;
use super::popup::help::Help;
use super::ritual::{RitualReply, RitualRoom};
use super::today::Today;
use super::week::Week;
use crate::coach_runtime::{self, intent::Intent};
use crate::config::Config;
use crate::core::coach::CoachState;
use crate::core::day::{Day, DayOp};
use crate::notice::Event as NotifyEvent;
use crate::store::{Corrupt, DayLoad};
use crate::t;

/// How often a key on Today past the planned end is recorded as a sign of
/// work (`App::key_sign`): one write per five minutes of typing at most.
const KEY_SIGN_EVERY: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// A day other than today, as last read from its file.
#[derive(Debug, Clone)]
pub struct OtherDay {
    pub date: NaiveDate,
    pub load: DayLoad,
    pub day: Day,
}

/// A coach state worked out at `at` for one revision of the day and the
/// config, which holds until `steady` (`Coach::steady_until`).
#[derive(Clone, Copy)]
struct StateAt {
    revision: u64,
    at: DateTime<Utc>,
    steady: DateTime<Utc>,
    state: CoachState,
    phase: crate::core::coach::EndPhase,
    workday: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl StateAt {
    fn holds(&self, revision: u64, now: DateTime<Utc>) -> bool {
        self.revision == revision && (self.at == now || (self.at <= now && now < self.steady))
    }
}

/// A new revision of the day and the config: unique in the process, so one
/// number tells every copy of them apart, also across a new day's `App`.
fn next_revision() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

pub struct App {
    pub config: Config,
    pub date: NaiveDate,
    /// Today's file as last read; the plan shown comes from here.
    pub load: DayLoad,
    pub day: Day,
    /// The last earlier day with a file, while the check-in may carry from it.
    pub previous: Option<Day>,
    /// That day's file when it could not be read (its tasks are not offered).
    pub previous_unreadable: Option<(NaiveDate, Corrupt)>,
    /// Why nothing can be changed, when the data directory is read-only.
    pub read_only: Option<String>,
    /// Edits kept until another process releases the write lock.
    pub waiting: Option<Waiting>,
    /// Titles of tasks added to today that wait for the write lock.
    pub waiting_tasks: Vec<String>,
    pub today: Today,
    /// Another day shown on Today (`[`/`]`): its plan is read and edited
    /// there while the coach keeps to today's (`day`).
    pub other: Option<OtherDay>,
    /// The screen shown (`1`, `2`); the check-in and popups go over it.
    pub screen: Screen,
    pub journal: Journal,
    /// The Week screen (`3`).
    pub week: Week,
    pub popup: Option<Popup>,
    /// Text typed in one-line inputs and not saved when kot last ended
    /// (key, text): offered when the same input opens again.
    pub input_drafts: Vec<(String, String)>,
    /// Drafts offered back, for the loop to remove from disk.
    dropped_drafts: Vec<String>,
    pub checkin: Option<Checkin>,
    /// The end-of-day ritual, over Today while it is walked.
    pub ritual: Option<RitualRoom>,
    /// "Time to shut down" came while something was being typed or
    /// answered: the ritual opens once that is closed, so nothing typed is
    /// hidden under it or left out of its lists.
    ritual_due: bool,
    /// The walk home after the ritual (`[shutdown] commute_minutes`), full
    /// screen until it is over or skipped.
    pub commute: Option<crate::core::shutdown::commute::Commute>,
    /// Tomorrow's list and the plan shown on the evening view despite
    /// `[shutdown] hide_work` (`p`).
    pub work_shown: bool,
    /// This week's one thing to change, for Monday's check-in (chosen in
    /// last week's shutdown).
    pub one_thing: Option<String>,
    /// The last work day before today when it ended with no shutdown: the
    /// check-in says so and records it.
    pub missed: Option<Day>,
    /// The next work day as last read, for the evening view.
    pub next_day: Option<Day>,
    /// The next work day must be read again (a change, a new shutdown).
    pub next_day_stale: bool,
    /// Today's nudge, as last worked out (`Cmd::LoadNudge`); shown on Today.
    pub nudge: Option<crate::core::nudges::Nudge>,
    /// `nudges.toml` as last found unreadable (said once in the banner).
    nudges_unreadable: Option<crate::store::Corrupt>,
    /// Commands for the loop that arose outside a key (a write came back).
    outbox: Vec<Cmd>,
    pub banner: Option<Banner>,
    /// The instant of the last update: what the coach state is read at.
    pub now: DateTime<Utc>,
    /// Desktop notifications failed; prompts ring the bell instead.
    pub notifier_down: bool,
    /// Why they failed, for the help (`?`).
    pub notifier_why: Option<String>,
    /// The reason is still to be said in the banner (a prompt held it).
    notifier_untold: bool,
    undo: Vec<(NaiveDate, DayOp)>,
    dirty: bool,
    /// Only the clock moved since the last draw: the display may redraw just
    /// what a second changes.
    ticked: bool,
    /// Renewed whenever the day or the config is replaced.
    revision: u64,
    coach_cache: std::cell::Cell<Option<StateAt>>,
}

impl App {
    #[must_use]
    pub fn new(config: Config, date: NaiveDate, load: DayLoad, previous: Option<Day>) -> Self {
        let day = load.day_or_new(date).unwrap_or_else(|| Day::new(date));
        let mut app = Self {
            config,
            date,
            load,
            day,
            previous,
            previous_unreadable: None,
            read_only: None,
            waiting: None,
            waiting_tasks: Vec::new(),
            today: Today::default(),
            other: None,
            screen: Screen::Today,
            journal: Journal::default(),
            week: Week::default(),
            popup: None,
            input_drafts: Vec::new(),
            dropped_drafts: Vec::new(),
            checkin: None,
            ritual: None,
            ritual_due: false,
            commute: None,
            work_shown: false,
            one_thing: None,
            missed: None,
            next_day: None,
            next_day_stale: true,
            nudge: None,
            nudges_unreadable: None,
            outbox: Vec::new(),
            banner: None,
            now: DateTime::<Utc>::MIN_UTC,
            notifier_down: false,
            notifier_why: None,
            notifier_untold: false,
            undo: Vec::new(),
            dirty: true,
            ticked: false,
            revision: next_revision(),
            coach_cache: std::cell::Cell::new(None),
        };
        app.fix_selection();
        app.maybe_start_checkin();
        app.banner = crate::cli::admin::duplicate_ids_warning(&app.day).map(|text| Banner {
            text,
            error: true,
            cause: None,
        });
        app
    }

    /// Something visible changed outside `update` (a read by the loop).
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// The drafts offered back since last asked: their files can go.
    pub fn take_dropped_drafts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.dropped_drafts)
    }

    /// Whether a field text can be typed in is open (the journal editor, an
    /// input, the evening form, the ritual).
    #[must_use]
    pub fn text_open(&self) -> bool {
        self.journal.text.is_some()
            || self.popup.is_some()
            || self.journal.form.is_some()
            || self.ritual.is_some()
    }

    /// Every text typed and not saved, as `(draft key, draft)`: the journal
    /// editor's, an open one-line input's, a line of the evening form or the
    /// ritual.
    #[must_use]
    pub fn unsaved(&mut self) -> Vec<(String, crate::store::drafts::Draft)> {
        let draft = |text| crate::store::drafts::Draft {
            base: String::new(),
            text,
        };
        let mut out = Vec::new();
        if let Some((date, d)) = self.journal.unsaved() {
            out.push((crate::store::drafts::journal_key(date), d));
        }
        if let Some(Popup::Input(i)) = &self.popup
            && let Some(text) = i.unsaved()
        {
            out.push((i.draft_key(self.shown_date()), draft(text)));
        }
        for (key, area, start) in self.line_fields() {
            let text = area.lines().join(" ").trim().to_string();
            if !text.is_empty() && text != start.trim() {
                out.push((key, draft(text)));
            }
        }
        out
    }

    /// The one-line fields of the evening form and the ritual being typed, as
    /// `(draft key, area, text it opened with)`.
    fn line_fields(&mut self) -> Vec<(String, &mut TextArea<'static>, String)> {
        let mut out = Vec::new();
        let key = |date: NaiveDate, field: &str| {
            format!("{}{date}-{field}", super::popup::input::INPUT_DRAFT)
        };
        if let Some(form) = &mut self.journal.form {
            let date = form.date();
            if let Some((field, area)) = form.typing_mut() {
                out.push((key(date, field), area, String::new()));
            }
        }
        if let Some(r) = &mut self.ritual {
            let date = r.evening.date();
            for (field, area, start) in r.typing_mut() {
                out.push((key(date, field), area, start));
            }
        }
        out
    }

    /// A line of the evening form or the ritual just opened untouched and a
    /// draft was kept for it: offer the draft in it.
    pub fn offer_line_drafts(&mut self) {
        if self.input_drafts.is_empty() {
            return;
        }
        let mut drafts = std::mem::take(&mut self.input_drafts);
        let mut offered = Vec::new();
        for (key, area, start) in self.line_fields() {
            let text = area.lines().join(" ");
            if text.trim() != start.trim() {
                continue;
            }
            if let Some(at) = drafts.iter().position(|(k, _)| *k == key) {
                let (key, draft) = drafts.remove(at);
                let mut fresh = TextArea::new(vec![draft]);
                fresh.set_cursor_line_style(ratatui::style::Style::default());
                fresh.move_cursor(ratatui_textarea::CursorMove::End);
                *area = fresh;
                offered.push(key);
            }
        }
        self.input_drafts = drafts;
        if !offered.is_empty() {
            self.dirty = true;
            self.dropped_drafts.extend(offered);
        }
    }

    /// Whether something visible changed since the last draw; clears the flag.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Whether the clock moved since the last draw (`take_dirty` first: a
    /// full frame covers it).
    pub fn take_ticked(&mut self) -> bool {
        std::mem::take(&mut self.ticked)
    }

    pub fn set_banner(&mut self, text: String, error: bool) {
        self.banner = Some(Banner {
            text,
            error,
            cause: None,
        });
        self.dirty = true;
    }

    /// Today's nudge as worked out (`nudges::of_today`). An unreadable
    /// `nudges.toml` is said in the banner once (again only when the problem
    /// changes); the nudges wait until it is fixed, the rest goes on.
    pub fn nudge_loaded(
        &mut self,
        loaded: Result<Option<crate::core::nudges::Nudge>, crate::store::Corrupt>,
    ) {
        let nudge = match loaded {
            Ok(n) => {
                self.nudges_unreadable = None;
                n
            }
            Err(c) => {
                if self.nudges_unreadable.as_ref() != Some(&c) {
                    self.set_banner(t!("nudge.unreadable", problem = c.describe()), true);
                    self.nudges_unreadable = Some(c);
                }
                None
            }
        };
        if nudge != self.nudge {
            self.nudge = nudge;
            self.mark_dirty();
        }
    }

    /// A banner that leaves with its cause (see `coach_ticked`).
    pub fn set_caused_banner(&mut self, text: String, error: bool, cause: BannerCause) {
        self.banner = Some(Banner {
            text,
            error,
            cause: Some(cause),
        });
        self.dirty = true;
    }

    /// Show the day without changing anything: no check-in, no coach records,
    /// every edit refused with `why`.
    pub fn set_read_only(&mut self, why: String) {
        self.checkin = None;
        self.set_banner(why.clone(), true);
        self.read_only = Some(why);
    }

    /// The titles of tasks added while edits wait for the write lock.
    pub fn set_waiting_tasks(&mut self, titles: Vec<String>) {
        if titles != self.waiting_tasks {
            self.waiting_tasks = titles;
            self.dirty = true;
        }
    }

    /// Show (or clear) that edits wait for another process's write.
    pub fn set_waiting(&mut self, waiting: Option<Waiting>) {
        if waiting != self.waiting {
            self.waiting = waiting;
            self.dirty = true;
        }
    }

    fn maybe_start_checkin(&mut self) {
        if self.day.checkin.is_none()
            && self.unreadable().is_none()
            && self.read_only.is_none()
            && !self.told_off()
            && !self.evening_without_work(self.now)
        {
            self.start_checkin();
        }
    }

    /// Past the planned end with no check-in: the morning check-in does not
    /// open by itself (`Coach::checkin_opens_by_itself`); `c` asks from when
    /// to when the day was worked instead.
    pub fn evening_without_work(&self, now: DateTime<Utc>) -> bool {
        now != DateTime::<Utc>::MIN_UTC
            && self.day.checkin.is_none()
            && !crate::coach_runtime::coach(&self.config, &self.day).checkin_opens_by_itself(now)
    }

    /// A key on Today past the planned end, with no shutdown: a sign the
    /// user is still at work (`Coach::sign_ends_work_later`), recorded at
    /// most every `KEY_SIGN_EVERY`. Keys on the Journal or the Week are not
    /// work, nor the ritual's (taking it up is the shutdown), nor leaving:
    /// `q`, `Esc`, `?` or Ctrl-C after an evening away would otherwise
    /// stretch a forgotten day to the moment kot was closed.
    fn key_sign(&self, key: &KeyEvent, now: DateTime<Utc>) -> Option<Cmd> {
        let on_today = self.screen == Screen::Today && self.other.is_none();
        let leaving = matches!(key.code, KeyCode::Char('q' | '?') | KeyCode::Esc)
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL));
        if !on_today
            || leaving
            || self.ritual.is_some()
            || self.read_only.is_some()
            || self.checkin.is_some()
        {
            return None;
        }
        let recent = self
            .day
            .coach
            .last_sign
            .is_some_and(|t| now - t.to_utc() < KEY_SIGN_EVERY);
        let counts =
            !recent && coach_runtime::coach(&self.config, &self.day).sign_ends_work_later(now);
        counts.then(|| Cmd::Apply {
            date: self.date,
            op: DayOp::Coach(crate::core::breaks::CoachOp::LastSign {
                at: coach_runtime::local_stamp(now),
            }),
            origin: Origin::Record,
        })
    }

    /// The instant kot opened: the check-in that `new` opened by itself
    /// stays closed when that is in the evening.
    pub fn opened_at(&mut self, now: DateTime<Utc>) {
        self.now = now;
        if self.checkin.is_some() && self.evening_without_work(now) {
            self.checkin = None;
            self.missed = None;
        }
    }

    /// The day is off until the user says otherwise (`core::days_off::quiet`):
    /// the check-in does not open by itself (`c` still opens it, to work
    /// after all, and so does home or office chosen).
    fn told_off(&self) -> bool {
        crate::core::days_off::quiet(&self.day, self.is_workday())
    }

    fn start_checkin(&mut self) {
        let workday = self.is_workday();
        let mut checkin = Checkin::start(&self.day, self.previous.as_ref(), workday);
        self.missed = self.forgotten_previous();
        // Asked first: when did that day stop? kot's guess is typed in.
        if let Some(guess) = self
            .missed
            .as_ref()
            .and_then(|d| crate::coach_runtime::shutdown::missed_end(&self.config, d))
        {
            checkin.ask_stopped(crate::coach_runtime::local_hm(guess));
        }
        self.checkin = Some(checkin);
    }

    pub fn update(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Cmd> {
        let mut cmds = self.dispatch(msg, now);
        // After the closed input's own commands, so its writes come first.
        if self.ritual_due && !self.answering() {
            self.ritual_due = false;
            // A shutdown recorded meanwhile (`kot shutdown`) needs no ritual.
            if self.day.shutdown.at.is_none() {
                cmds.extend(self.ritual_asked(now, false));
            }
        }
        self.refuse_when_read_only(cmds)
    }

    /// Whether something is being typed or answered that the ritual, opening
    /// by itself, must wait for: a popup, the check-in, the journal's editor
    /// or its evening form.
    fn answering(&self) -> bool {
        self.popup.is_some()
            || self.checkin.is_some()
            || self.journal.text.is_some()
            || self.journal.form.is_some()
    }

    /// In a read-only directory, drop every change with one message.
    fn refuse_when_read_only(&mut self, mut cmds: Vec<Cmd>) -> Vec<Cmd> {
        let Some(why) = &self.read_only else {
            return cmds;
        };
        let before = cmds.len();
        cmds.retain(|c| match c {
            Cmd::Apply { .. }
            | Cmd::Carry { .. }
            | Cmd::Intent { .. }
            | Cmd::FinishRitual { .. }
            | Cmd::MarkMissed { .. }
            | Cmd::WorkedFromTo { .. }
            | Cmd::CorrectDay { .. }
            | Cmd::Nudge { .. }
            | Cmd::Evening { .. } => false,
            Cmd::Journal(j) => !j.writes(),
            _ => true,
        });
        if cmds.len() != before {
            let why = why.clone();
            self.set_banner(why, true);
        }
        cmds
    }

    fn dispatch(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Cmd> {
        self.now = now;
        match msg {
            Msg::Notifier(event) => self.notifier_event(event, now),
            Msg::Key(ev) => {
                self.dirty = true;
                let mut cmds: Vec<Cmd> = self.key_sign(&ev, now).into_iter().collect();
                cmds.extend(self.on_key(ev, now));
                cmds
            }
            Msg::Paste(text) => {
                if let Some(Popup::Input(input)) = &mut self.popup {
                    input.paste(&text);
                    self.dirty = true;
                } else if (self.popup.is_none()
                    && self.checkin.is_none()
                    && self.ritual.as_mut().is_some_and(|r| r.paste(&text)))
                    || (self.on_journal() && self.journal.paste(&text))
                {
                    self.dirty = true;
                }
                Vec::new()
            }
            Msg::Resize => {
                self.dirty = true;
                Vec::new()
            }
            Msg::Tick => {
                self.ticked = true;
                if self.commute.is_some_and(|c| c.left(now).is_none()) {
                    self.commute = None;
                    self.dirty = true;
                }
                Vec::new()
            }
            Msg::FilesChanged => vec![Cmd::Reload],
            Msg::Lock(e) => vec![Cmd::Lock(e)],
            Msg::OnComplete(result) => {
                self.on_complete_ran(result);
                Vec::new()
            }
            Msg::Quit => vec![Cmd::Quit],
        }
    }

    /// Say once in the banner why desktop notifications are off.
    fn tell_notifier_down(&mut self) {
        if std::mem::take(&mut self.notifier_untold)
            && let Some(why) = self.notifier_why.clone()
        {
            self.set_banner(t!("tui.notifier_down", reason = why), true);
        }
    }

    fn notifier_event(&mut self, event: NotifyEvent, now: DateTime<Utc>) -> Vec<Cmd> {
        match event {
            NotifyEvent::Down(reason) => {
                self.notifier_down = true;
                self.notifier_why = Some(reason);
                // Once, and never over a prompt (the banner is where prompts
                // go now): else with the next key, when the prompt has gone.
                self.notifier_untold = true;
                if self.banner.is_none() {
                    self.tell_notifier_down();
                }
            }
            NotifyEvent::Up => {
                self.notifier_down = false;
                self.notifier_untold = false;
            }
            // By the action's id, as `kot watch` does.
            NotifyEvent::Action(id) => {
                if id == crate::notice::ACTION_SHUTDOWN {
                    // Its button was used: the notice has said its piece
                    // (some servers, dunst among them, keep it up).
                    let mut cmds = vec![Cmd::CloseNotice(crate::notice::Slot::Shutdown)];
                    cmds.extend(self.ritual_asked(now, true));
                    return cmds;
                }
                if let Some(intent) = coach_runtime::action_intent(&id) {
                    return self.coach_intent(intent, now);
                }
            }
        }
        Vec::new()
    }

    /// Hand a key to the innermost room and apply what it asks for.
    fn on_key(&mut self, ev: KeyEvent, now: DateTime<Utc>) -> Vec<Cmd> {
        let key = Key::from_event(ev);
        if key.code == KeyCode::Char('c') && key.mods.contains(KeyModifiers::CONTROL) {
            return vec![Cmd::Quit];
        }
        self.banner = None;
        self.tell_notifier_down();
        if coach::back_on_any_key(self, key) {
            return self.coach_intent(Intent::EndBreak, now);
        }
        let layer = self.layer();
        if let Some(p) = &mut self.popup
            && p.on_raw_key(ev)
        {
            return Vec::new();
        }
        if self.popup.is_none() && self.checkin.as_mut().is_some_and(|c| c.on_raw_key(ev)) {
            return Vec::new();
        }
        if self.popup.is_none()
            && self.checkin.is_none()
            && self.ritual.as_mut().is_some_and(|r| r.on_raw_key(ev))
        {
            return Vec::new();
        }
        if self.on_journal() && self.journal.on_raw_key(ev) {
            return Vec::new();
        }
        let Some(action) = lookup(layer, key) else {
            return Vec::new();
        };
        let effects = match action {
            Action::Quit => return vec![Cmd::Quit],
            Action::Screen(screen) => return self.switch_screen(screen),
            Action::Help if layer != Layer::Help => {
                vec![Effect::Open(Popup::Help(Help::default()))]
            }
            _ => self.room_action(action, now),
        };
        self.apply(effects, now)
    }

    /// The action for the room that reads keys now. The room is taken out
    /// while it reads, so it can look at the rest of the app.
    fn room_action(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        if let Some(mut p) = self.popup.take() {
            let effects = p.on_action(action, self, now);
            self.popup = Some(p);
            return effects;
        }
        if let Some(mut c) = self.checkin.take() {
            let effects = c.on_action(action, self);
            self.checkin = Some(c);
            return effects;
        }
        if let Some(mut r) = self.ritual.take() {
            let complete = matches!(r.phase, super::ritual::Phase::Done(_));
            let untouched = r.opened.is_none();
            match r.on_action(action, now) {
                RitualReply::Stay(mut effects) => {
                    // Taken up now: the week step's glance counts today to
                    // here, as the shutdown's totals do.
                    if untouched && r.glance.is_some() {
                        effects.push(Effect::Cmd(Cmd::RefreshGlance));
                    }
                    self.ritual = Some(r);
                    return effects;
                }
                RitualReply::Close => {
                    if complete {
                        self.commute = crate::core::shutdown::commute::Commute::start(
                            self.config.shutdown.commute_minutes,
                            now,
                        );
                    }
                    return Vec::new();
                }
            }
        }
        if self.commute.is_some() {
            if action == Action::Skip {
                self.commute = None;
            }
            return Vec::new();
        }
        if let Some(effects) = self.evening_action(action, now) {
            return effects;
        }
        if self.screen == Screen::Week {
            return self.week.on_action(action, self.date);
        }
        if self.screen == Screen::Journal {
            let mut journal = std::mem::take(&mut self.journal);
            let effects = journal.on_action(action, self);
            self.journal = journal;
            return effects;
        }
        let mut today = std::mem::take(&mut self.today);
        let effects = today.on_action(action, self, now);
        self.today = today;
        effects
    }

    /// Keep the selections on items that exist.
    fn fix_selection(&mut self) {
        let shown = self.other.as_ref().map_or(&self.day, |o| &o.day);
        self.today.fix_selection(shown);
        if let Some(c) = &mut self.checkin {
            c.fix_selection(self.day.active_tasks().count());
        }
    }
}
