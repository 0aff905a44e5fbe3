//! The TUI's state and its update function. `update` takes a message and the
//! current instant and returns commands; it does no IO, so tests drive it
//! directly. The event loop runs the commands and feeds results back.

use chrono::{DateTime, Local, NaiveDate, Timelike, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::checkin::{Checkin, Step};
use super::keymap::{Action, Choice, Key, Layer, lookup};
use crate::coach_runtime::{self, intent::Intent, intent::IntentError};
use crate::config::Config;
use crate::core::breaks::CoachOp;
use crate::core::coach::CoachState;
use crate::core::day::{Applied, Day, DayOp, Place};
use crate::core::plan::{BlockId, BlockKind, TaskId};
use crate::core::time::{Estimate, Span};
use crate::notice::Event as NotifyEvent;
use crate::store::{CarryChoice, Corrupt, DayLoad, StoreError};
use crate::t;

/// What happened, from the terminal, the files or the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// A file under the data directory changed on disk.
    FilesChanged,
    /// A deadline passed (the minute turned); nothing else happened.
    Tick,
    /// SIGTERM or SIGHUP.
    Quit,
    /// News from the desktop notifier.
    Notifier(crate::notice::Event),
    /// The login session locked or unlocked (the loop hands it to the coach).
    Lock(crate::events::logind::LockEvent),
}

impl From<crate::events::Outside> for Msg {
    fn from(o: crate::events::Outside) -> Self {
        use crate::events::Outside;
        match o {
            Outside::Stop => Self::Quit,
            Outside::Notifier(e) => Self::Notifier(e),
            Outside::Lock(e) => Self::Lock(e),
        }
    }
}

/// Why an edit is sent, which decides whether `u` can undo it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Edit,
    Undo,
    /// Recorded, not undone with `u`: check-in answers and the coach's records.
    Record,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    Apply {
        date: NaiveDate,
        op: DayOp,
        origin: Origin,
    },
    /// Something asked of the coach, decided on the day on disk under the
    /// write lock (`coach_runtime::intent`), at the instant it was asked.
    Intent {
        date: NaiveDate,
        intent: Intent,
        now: DateTime<Utc>,
    },
    /// Carry (or drop) the earlier day's unfinished tasks as one store change.
    Carry {
        from: NaiveDate,
        to: NaiveDate,
        choices: Vec<CarryChoice>,
    },
    /// Re-read the config and the days shown.
    Reload,
    /// Re-read the earlier day the check-in carries from (it may have been
    /// fixed since kot started).
    LoadPrevious,
    /// Close the desktop notice of a break (it was started, skipped or ended).
    CloseNotice,
    Lock(crate::events::logind::LockEvent),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tasks,
    Blocks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputPurpose {
    AddTask,
    AddTopTask,
    Title(TaskId),
    Estimate(TaskId),
    Block,
    /// How long to pause the coach: `30m`, `1h`, `until 14:00`, `14:00`.
    Pause,
}

pub struct Input {
    pub purpose: InputPurpose,
    pub area: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockDraft {
    pub span: Span,
    pub title: String,
    pub kind: BlockKind,
    pub video: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Task(TaskId),
    Block(BlockId),
}

pub enum Popup {
    /// The key help, scrolled down by this many lines.
    Help(u16),
    Input(Box<Input>),
    BlockForm(BlockDraft),
    Confirm(Target),
}

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
        match self.holder {
            Some(pid) => crate::i18n::plural("tui.waiting_pid", n, &[("pid", &pid)]),
            None => crate::i18n::plural("tui.waiting", n, &[]),
        }
    }
}

/// A coach state worked out at an instant for one version of the day.
type StateAt = ((DateTime<Utc>, u64), CoachState);

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
    pub pane: Pane,
    pub task_sel: Option<TaskId>,
    pub block_sel: Option<BlockId>,
    pub popup: Option<Popup>,
    pub checkin: Option<Checkin>,
    pub banner: Option<Banner>,
    /// The instant of the last update: what the coach state is read at.
    pub now: DateTime<Utc>,
    /// Desktop notifications failed; prompts ring the bell instead.
    pub notifier_down: bool,
    undo: Vec<(NaiveDate, DayOp)>,
    dirty: bool,
    /// Only the clock moved since the last draw: the display may redraw just
    /// what a second changes.
    ticked: bool,
    /// Bumped whenever the day or the config is replaced.
    version: u64,
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
            pane: Pane::Tasks,
            task_sel: None,
            block_sel: None,
            popup: None,
            checkin: None,
            banner: None,
            now: DateTime::<Utc>::MIN_UTC,
            notifier_down: false,
            undo: Vec::new(),
            dirty: true,
            ticked: false,
            version: 0,
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

    /// A banner that leaves with its cause (see `coach_ticked`).
    pub fn set_caused_banner(&mut self, text: String, error: bool, cause: BannerCause) {
        self.banner = Some(Banner {
            text,
            error,
            cause: Some(cause),
        });
        self.dirty = true;
    }

    /// Whether today's file could not be read.
    #[must_use]
    pub fn unreadable(&self) -> Option<&crate::store::Corrupt> {
        match &self.load {
            DayLoad::Corrupt(c) => Some(c),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_workday(&self) -> bool {
        use chrono::Datelike;
        self.config.workday.hours(self.date.weekday()).is_some()
    }

    /// The day's work hours: none on a day off by the config, or one the user
    /// marked off or sick.
    #[must_use]
    pub fn work_hours(&self) -> Option<crate::core::workday::WorkHours> {
        if matches!(self.day.place, Some(Place::Off | Place::Sick)) {
            return None;
        }
        coach_runtime::hours(&self.config, &self.day)
    }

    /// Show the day without changing anything: no check-in, no coach records,
    /// every edit refused with `why`.
    pub fn set_read_only(&mut self, why: String) {
        self.checkin = None;
        self.set_banner(why.clone(), true);
        self.read_only = Some(why);
    }

    /// Show (or clear) that edits wait for another process's write.
    pub fn set_waiting(&mut self, waiting: Option<Waiting>) {
        if waiting != self.waiting {
            self.waiting = waiting;
            self.dirty = true;
        }
    }

    fn maybe_start_checkin(&mut self) {
        if self.day.checkin.is_none() && self.unreadable().is_none() && self.read_only.is_none() {
            self.checkin = Some(Checkin::start(
                &self.day,
                self.previous.as_ref(),
                self.is_workday(),
            ));
        }
    }

    /// The innermost layer that reads keys now.
    #[must_use]
    pub fn layer(&self) -> Layer {
        match &self.popup {
            Some(Popup::Help(_)) => Layer::Help,
            Some(Popup::Input(_)) => Layer::TextInput,
            Some(Popup::BlockForm(_)) => Layer::BlockForm,
            Some(Popup::Confirm(_)) => Layer::Confirm,
            None => match &self.checkin {
                Some(c) => c.step.layer(),
                None => self.break_layer().unwrap_or(Layer::Today),
            },
        }
    }

    /// The coach's view of today at the last update.
    #[must_use]
    pub fn coach_state(&self) -> CoachState {
        // Asked several times a frame (keys, footer, next wake): work it out
        // once per instant and version of the day.
        let key = (self.now, self.version);
        if let Some((k, state)) = self.coach_cache.get()
            && k == key
        {
            return state;
        }
        let state = coach_runtime::coach(&self.config, &self.day).state(self.now);
        self.coach_cache.set(Some((key, state)));
        state
    }

    /// What the keys that are offered only some of the time can do now.
    #[must_use]
    pub fn can_act(&self) -> crate::tui::keymap::CanAct {
        crate::tui::keymap::CanAct {
            lunch: coach_runtime::coach(&self.config, &self.day).lunch_offered(self.now),
        }
    }

    /// Whether the break card shows (a break due, under way or just over).
    #[must_use]
    pub fn break_card(&self) -> bool {
        self.break_layer().is_some()
    }

    /// The keys of the break card, when it shows.
    #[must_use]
    pub fn break_layer(&self) -> Option<Layer> {
        if self.unreadable().is_some() {
            return None;
        }
        match self.coach_state() {
            CoachState::BreakDue { .. } => Some(Layer::BreakDue),
            CoachState::Break { .. } | CoachState::BreakOver { .. } => Some(Layer::OnBreak),
            _ => None,
        }
    }

    pub fn update(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Cmd> {
        let cmds = self.dispatch(msg, now);
        self.refuse_when_read_only(cmds)
    }

    /// In a read-only directory, drop every change with one message.
    fn refuse_when_read_only(&mut self, mut cmds: Vec<Cmd>) -> Vec<Cmd> {
        let Some(why) = &self.read_only else {
            return cmds;
        };
        let before = cmds.len();
        cmds.retain(|c| {
            !matches!(
                c,
                Cmd::Apply { .. } | Cmd::Carry { .. } | Cmd::Intent { .. }
            )
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
            Msg::Notifier(event) => {
                match event {
                    NotifyEvent::Down(reason) => {
                        self.notifier_down = true;
                        // Never over a prompt: the banner is where prompts go now.
                        if self.banner.is_none() {
                            self.set_banner(t!("tui.notifier_down", reason = reason), true);
                        }
                    }
                    NotifyEvent::Up => self.notifier_down = false,
                    // By the action's id, as `kot watch` does.
                    NotifyEvent::Action(id) => {
                        if let Some(intent) = coach_runtime::action_intent(&id) {
                            return self.coach_intent(intent, now);
                        }
                    }
                }
                Vec::new()
            }
            Msg::Key(ev) => {
                self.dirty = true;
                self.on_key(ev, now)
            }
            Msg::Paste(text) => {
                if let Some(Popup::Input(input)) = &mut self.popup {
                    input.area.insert_str(text.replace(['\n', '\r'], " "));
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
                Vec::new()
            }
            Msg::FilesChanged => vec![Cmd::Reload],
            Msg::Lock(e) => vec![Cmd::Lock(e)],
            Msg::Quit => vec![Cmd::Quit],
        }
    }

    fn on_key(&mut self, ev: KeyEvent, now: DateTime<Utc>) -> Vec<Cmd> {
        let key = Key::from_event(ev);
        if key.code == KeyCode::Char('c') && key.mods.contains(KeyModifiers::CONTROL) {
            return vec![Cmd::Quit];
        }
        self.banner = None;
        // A break ran out: any key says "back", except quitting and the help
        // (someone just glancing at kot is not back yet).
        if self.popup.is_none()
            && self.checkin.is_none()
            && matches!(self.coach_state(), CoachState::BreakOver { .. })
            && !matches!(key.code, KeyCode::Char('q' | '?'))
        {
            return self.coach_intent(Intent::EndBreak, now);
        }
        let layer = self.layer();
        if let Some(Popup::Input(input)) = &mut self.popup
            && !matches!(key.code, KeyCode::Enter | KeyCode::Esc)
        {
            input.area.input(ev);
            input.error = None;
            return Vec::new();
        }
        let Some(action) = lookup(layer, key) else {
            return Vec::new();
        };
        match action {
            Action::Quit => vec![Cmd::Quit],
            Action::Help if layer != Layer::Help => {
                self.popup = Some(Popup::Help(0));
                Vec::new()
            }
            _ => match layer {
                Layer::Help => {
                    if let Some(Popup::Help(scroll)) = &mut self.popup {
                        match action {
                            Action::Down => *scroll = scroll.saturating_add(1),
                            Action::Up => *scroll = scroll.saturating_sub(1),
                            Action::PageDown => *scroll = scroll.saturating_add(10),
                            Action::PageUp => *scroll = scroll.saturating_sub(10),
                            _ => self.popup = None,
                        }
                    }
                    Vec::new()
                }
                Layer::TextInput => self.on_input(action),
                Layer::BlockForm => self.on_block_form(action),
                Layer::Confirm => self.on_confirm(action),
                Layer::CheckinPlace
                | Layer::CheckinFeeling
                | Layer::CheckinCarry
                | Layer::CheckinTop => self.on_checkin(action, now),
                Layer::Today | Layer::BreakDue | Layer::OnBreak | Layer::Global => {
                    self.on_today(action, now)
                }
            },
        }
    }

    fn edit(&self, op: DayOp) -> Vec<Cmd> {
        vec![Cmd::Apply {
            date: self.date,
            op,
            origin: Origin::Edit,
        }]
    }

    fn coach_cmd(&self, op: CoachOp) -> Cmd {
        Cmd::Apply {
            date: self.date,
            op: DayOp::Coach(op),
            origin: Origin::Record,
        }
    }

    /// Ask the store to decide `intent` on the day on disk (another kot may
    /// have answered the break meanwhile); `intent_done` takes the answer.
    fn coach_intent(&mut self, intent: Intent, now: DateTime<Utc>) -> Vec<Cmd> {
        self.dirty = true;
        if self.unreadable().is_some() {
            self.set_banner(t!("today.unreadable"), true);
            return Vec::new();
        }
        let mut cmds = vec![Cmd::Intent {
            date: self.date,
            intent,
            now,
        }];
        // Whoever wins, the notice for the break is out of date.
        if matches!(
            intent,
            Intent::StartBreak { .. } | Intent::Skip | Intent::EndBreak
        ) {
            cmds.push(Cmd::CloseNotice);
        }
        cmds
    }

    /// The break key's start: the due break when one shows, else an early one.
    fn start_intent(&self, lunch: bool) -> Intent {
        let for_due = matches!(self.coach_state(), CoachState::BreakDue { .. });
        Intent::StartBreak { lunch, for_due }
    }

    /// Take the result of an `Intent` the loop ran: the day as written and a
    /// word on what happened, or why nothing did.
    pub fn intent_done(
        &mut self,
        date: NaiveDate,
        intent: Intent,
        result: Result<Day, IntentError>,
    ) {
        self.dirty = true;
        match result {
            Ok(day) => {
                let text = intent_feedback(intent, &self.config, &day);
                if date == self.date {
                    self.load = DayLoad::Ok(day.clone());
                    self.day = day;
                    self.version += 1;
                    self.fix_selection();
                }
                if let Some(text) = text {
                    self.set_banner(text, false);
                }
            }
            Err(IntentError::Refused(r)) => self.set_banner(coach_runtime::refusal(r), false),
            Err(IntentError::Store(e)) => self.set_banner(e.message(), true),
        }
    }

    fn on_today(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Cmd> {
        let task = self.task_sel.and_then(|id| self.day.task(id)).cloned();
        match (action, self.pane) {
            (Action::Up, _) => self.step_selection(-1),
            (Action::Down, _) => self.step_selection(1),
            (Action::SwitchPane, _) => {
                self.pane = if self.pane == Pane::Tasks {
                    Pane::Blocks
                } else {
                    Pane::Tasks
                };
                self.fix_selection();
            }
            (Action::Add, _) => self.open_input(InputPurpose::AddTask, ""),
            (Action::StartBreak, _) => return self.coach_intent(self.start_intent(false), now),
            (Action::Lunch, _) => {
                let coach = coach_runtime::coach(&self.config, &self.day);
                if coach.working(now) && !coach.lunch_offered(now) {
                    let from = coach.lunch_offered_from();
                    self.set_banner(
                        t!(
                            "coach.refused.no_lunch_yet",
                            time = coach_runtime::local_hm(from)
                        ),
                        false,
                    );
                    return Vec::new();
                }
                return self.coach_intent(self.start_intent(true), now);
            }
            (Action::Snooze, _) => return self.coach_intent(Intent::Snooze, now),
            (Action::SkipBreak, _) => return self.coach_intent(Intent::Skip, now),
            (Action::Back, _) => return self.coach_intent(Intent::EndBreak, now),
            (Action::Pause, _) => self.open_input(InputPurpose::Pause, ""),
            (Action::Resume, _) => {
                if self.day.coach.paused_until.is_none() {
                    self.set_banner(t!("coach.refused.not_paused"), false);
                    return Vec::new();
                }
                return vec![self.coach_cmd(CoachOp::Resume)];
            }
            (Action::AddBlock, _) => self.open_input(InputPurpose::Block, ""),
            (Action::Undo, _) => return self.undo(),
            (Action::Place, _) => {
                let next = match self.day.place {
                    None | Some(Place::Sick) => Place::Home,
                    Some(Place::Home) => Place::Office,
                    Some(Place::Office) => Place::Off,
                    Some(Place::Off) => Place::Sick,
                };
                let extra_work = coach_runtime::extra_work(&self.config, self.date, next);
                return self.edit(DayOp::SetPlace {
                    place: Some(next),
                    extra_work,
                });
            }
            (Action::Checkin, _) => {
                if let Some(why) = self.read_only.clone() {
                    self.set_banner(why, true);
                } else if self.unreadable().is_none() {
                    self.checkin = Some(Checkin::start(
                        &self.day,
                        self.previous.as_ref(),
                        self.is_workday(),
                    ));
                    return vec![Cmd::LoadPrevious];
                }
            }
            (Action::Delete, Pane::Blocks) => {
                if let Some(id) = self.block_sel {
                    self.popup = Some(Popup::Confirm(Target::Block(id)));
                }
            }
            (_, Pane::Blocks) => {}
            (_, Pane::Tasks) => {
                let Some(task) = task else {
                    if action != Action::Undo {
                        self.set_banner(t!("tui.no_task_selected"), false);
                    }
                    return Vec::new();
                };
                let id = task.id;
                match action {
                    Action::Edit => self.open_input(InputPurpose::Title(id), &task.title),
                    Action::Estimate => {
                        let text = task.estimate.map(|e| e.to_string()).unwrap_or_default();
                        self.open_input(InputPurpose::Estimate(id), &text);
                    }
                    Action::Delete => self.popup = Some(Popup::Confirm(Target::Task(id))),
                    Action::ToggleDone => {
                        return self.edit(DayOp::SetDone {
                            id,
                            done: !task.is_done(),
                        });
                    }
                    Action::ToggleTop => return self.edit(DayOp::SetTop { id, top: !task.top }),
                    Action::MoveUp => return self.edit(DayOp::MoveTask { id, by: -1 }),
                    Action::MoveDown => return self.edit(DayOp::MoveTask { id, by: 1 }),
                    _ => {}
                }
            }
        }
        Vec::new()
    }

    fn undo(&mut self) -> Vec<Cmd> {
        match self.undo.pop() {
            Some((date, op)) => vec![Cmd::Apply {
                date,
                op,
                origin: Origin::Undo,
            }],
            None => {
                self.set_banner(t!("tui.nothing_to_undo"), false);
                Vec::new()
            }
        }
    }

    fn open_input(&mut self, purpose: InputPurpose, text: &str) {
        // Every input ends in an edit: say at once that it cannot be saved.
        if let Some(why) = self.read_only.clone() {
            self.set_banner(why, true);
            return;
        }
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        self.popup = Some(Popup::Input(Box::new(Input {
            purpose,
            area,
            error: None,
        })));
    }

    fn on_input(&mut self, action: Action) -> Vec<Cmd> {
        let Some(Popup::Input(input)) = &mut self.popup else {
            return Vec::new();
        };
        if action == Action::Cancel {
            self.popup = None;
            return Vec::new();
        }
        let text = input.area.lines().join(" ").trim().to_string();
        let purpose = input.purpose;
        let result: Result<Vec<Cmd>, String> = match purpose {
            InputPurpose::AddTask | InputPurpose::AddTopTask => {
                if text.is_empty() {
                    Err(t!("plan.refused.empty_title"))
                } else {
                    let top = purpose == InputPurpose::AddTopTask;
                    let origin = if top { Origin::Record } else { Origin::Edit };
                    Ok(vec![Cmd::Apply {
                        date: self.date,
                        op: DayOp::AddTask {
                            title: text,
                            top,
                            estimate: None,
                        },
                        origin,
                    }])
                }
            }
            InputPurpose::Title(id) => {
                if text.is_empty() {
                    Err(t!("plan.refused.empty_title"))
                } else {
                    Ok(self.edit(DayOp::SetTitle { id, title: text }))
                }
            }
            InputPurpose::Estimate(id) => {
                if text.is_empty() {
                    Ok(self.edit(DayOp::SetEstimate { id, estimate: None }))
                } else {
                    text.parse::<Estimate>()
                        .map(|e| {
                            self.edit(DayOp::SetEstimate {
                                id,
                                estimate: Some(e),
                            })
                        })
                        .map_err(|_| t!("cli.bad_estimate", value = text))
                }
            }
            InputPurpose::Pause => match coach_runtime::parse_pause(&text, self.now) {
                // Refused here already when it cannot work, so the input stays
                // open to fix it; decided again on the day on disk.
                Some(until) => coach_runtime::coach(&self.config, &self.day)
                    .pause(self.now, until)
                    .map(|_| self.coach_intent(Intent::Pause { until }, self.now))
                    .map_err(coach_runtime::refusal),
                None => Err(t!("cli.bad_pause", value = text)),
            },
            InputPurpose::Block => parse_block(&text).map(|draft| {
                self.popup = Some(Popup::BlockForm(draft));
                Vec::new()
            }),
        };
        match result {
            Ok(cmds) => {
                if matches!(self.popup, Some(Popup::Input(_))) {
                    self.popup = None;
                }
                cmds
            }
            Err(e) => {
                if let Some(Popup::Input(input)) = &mut self.popup {
                    input.error = Some(e);
                }
                Vec::new()
            }
        }
    }

    fn on_block_form(&mut self, action: Action) -> Vec<Cmd> {
        let Some(Popup::BlockForm(draft)) = &mut self.popup else {
            return Vec::new();
        };
        match action {
            Action::Choose(Choice::Meeting) => draft.kind = BlockKind::Meeting,
            Action::Choose(Choice::Focus) => draft.kind = BlockKind::Focus,
            Action::Choose(Choice::Personal) => draft.kind = BlockKind::Personal,
            Action::Choose(Choice::Video) => {
                draft.video = !draft.video;
                if draft.video {
                    draft.kind = BlockKind::Meeting;
                }
            }
            Action::Submit => {
                let d = draft.clone();
                self.popup = None;
                return self.edit(DayOp::AddBlock {
                    span: d.span,
                    title: d.title,
                    kind: d.kind,
                    video: d.video,
                });
            }
            Action::Cancel => self.popup = None,
            _ => {}
        }
        Vec::new()
    }

    fn on_confirm(&mut self, action: Action) -> Vec<Cmd> {
        let Some(Popup::Confirm(target)) = self.popup.take() else {
            return Vec::new();
        };
        if action != Action::Confirm {
            return Vec::new();
        }
        match target {
            Target::Task(id) => {
                self.task_sel = self.neighbour_task(id);
                self.edit(DayOp::DeleteTask { id })
            }
            Target::Block(id) => self.edit(DayOp::DeleteBlock { id }),
        }
    }

    fn on_checkin(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Cmd> {
        let Some(c) = &mut self.checkin else {
            return Vec::new();
        };
        let mut cmds = Vec::new();
        let date = self.date;
        let quiet = |op| Cmd::Apply {
            date,
            op,
            origin: Origin::Record,
        };
        match (c.step, action) {
            (Step::Place, Action::Up) => c.place_sel = c.place_sel.saturating_sub(1),
            (Step::Place, Action::Down) => {
                c.place_sel = (c.place_sel + 1).min(Place::ALL.len() - 1)
            }
            (Step::Place, Action::Choose(choice)) => {
                let place = match choice {
                    Choice::Office => Place::Office,
                    Choice::Off => Place::Off,
                    Choice::Sick => Place::Sick,
                    _ => Place::Home,
                };
                let extra_work = coach_runtime::extra_work(&self.config, date, place);
                cmds.push(quiet(DayOp::SetPlace {
                    place: Some(place),
                    extra_work,
                }));
                c.advance();
            }
            (Step::Place, Action::Submit) => {
                let place = Place::ALL[c.place_sel];
                let extra_work = coach_runtime::extra_work(&self.config, date, place);
                cmds.push(quiet(DayOp::SetPlace {
                    place: Some(place),
                    extra_work,
                }));
                c.advance();
            }
            (Step::Feeling, Action::Up) => c.feeling_sel = (c.feeling_sel + 1).min(5),
            (Step::Feeling, Action::Down) => c.feeling_sel = c.feeling_sel.saturating_sub(1).max(1),
            (Step::Feeling, Action::Choose(Choice::Feeling(n))) => {
                c.feeling = Some(n);
                c.feeling_sel = n;
                c.advance();
            }
            (Step::Feeling, Action::Submit) => {
                c.feeling = Some(c.feeling_sel);
                c.advance();
            }
            (Step::Carry, Action::Up) => c.carry_sel = c.carry_sel.saturating_sub(1),
            (Step::Carry, Action::Down) => {
                c.carry_sel = (c.carry_sel + 1).min(c.carry.len().saturating_sub(1))
            }
            (Step::Carry, Action::Choose(ch @ (Choice::Carry | Choice::Drop))) => {
                if let Some(item) = c.carry.get_mut(c.carry_sel) {
                    item.carry = ch == Choice::Carry;
                    c.carry_sel = (c.carry_sel + 1).min(c.carry.len() - 1);
                }
            }
            (Step::Carry, Action::ToggleDone) => {
                if let Some(item) = c.carry.get_mut(c.carry_sel) {
                    item.carry = !item.carry;
                }
            }
            (Step::Carry, Action::Submit) => {
                if let Some(from) = c.from {
                    let choices = c
                        .carry
                        .iter()
                        .map(|item| CarryChoice {
                            id: item.task.id,
                            carry: item.carry,
                        })
                        .collect();
                    cmds.push(Cmd::Carry {
                        from,
                        to: date,
                        choices,
                    });
                }
                c.advance();
            }
            (Step::Top, Action::Up) => c.top_sel = c.top_sel.saturating_sub(1),
            (Step::Top, Action::Down) => {
                c.top_sel = (c.top_sel + 1).min(self.day.active_tasks().count().saturating_sub(1));
            }
            (Step::Top, Action::ToggleTop) => {
                if let Some(t) = self.day.active_tasks().nth(c.top_sel) {
                    cmds.push(quiet(DayOp::SetTop {
                        id: t.id,
                        top: !t.top,
                    }));
                }
            }
            (Step::Top, Action::Add) => {
                self.open_input(InputPurpose::AddTopTask, "");
                return cmds;
            }
            (Step::Top, Action::Submit) => return self.finish_checkin(now),
            (_, Action::Skip) if c.advance().is_none() => return self.finish_checkin(now),
            _ => {}
        }
        cmds
    }

    fn finish_checkin(&mut self, now: DateTime<Utc>) -> Vec<Cmd> {
        let feeling = self.checkin.take().and_then(|c| c.feeling);
        let at = now
            .with_timezone(&Local)
            .fixed_offset()
            .with_nanosecond(0)
            .unwrap_or_else(|| now.fixed_offset());
        self.fix_selection();
        vec![Cmd::Apply {
            date: self.date,
            op: DayOp::FinishCheckin { at, feeling },
            origin: Origin::Record,
        }]
    }

    /// Take the result of an `Apply` the loop ran.
    pub fn applied(
        &mut self,
        date: NaiveDate,
        origin: Origin,
        result: Result<(Day, Applied), StoreError>,
    ) {
        self.dirty = true;
        match result {
            Ok((day, applied)) => {
                if origin == Origin::Edit
                    && let Some(op) = applied.undo
                {
                    self.undo.push((date, op));
                }
                if date == self.date {
                    self.load = DayLoad::Ok(day.clone());
                    self.day = day;
                    self.version += 1;
                    if let Some(id) = applied.task {
                        self.task_sel = Some(id);
                        self.pane = Pane::Tasks;
                    }
                    if let Some(id) = applied.block {
                        self.block_sel = Some(id);
                    }
                    self.fix_selection();
                } else if self.previous.as_ref().is_some_and(|p| p.date == date) {
                    self.previous = Some(day);
                }
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }

    /// Take the result of a `Carry` the loop ran: both days as written, or why
    /// not (then nothing was carried, and the check-in shows the choice again).
    pub fn carried(&mut self, result: Result<(Day, Day), StoreError>) {
        self.dirty = true;
        match result {
            Ok((to, from)) => {
                if self.previous.as_ref().is_some_and(|p| p.date == from.date) {
                    self.previous = Some(from);
                }
                if to.date == self.date {
                    self.load = DayLoad::Ok(to.clone());
                    self.day = to;
                    self.version += 1;
                    self.fix_selection();
                }
            }
            Err(e) => {
                self.set_banner(t!("tui.carry_failed", error = e.message()), true);
                if let Some(c) = &mut self.checkin
                    && !c.carry.is_empty()
                {
                    c.step = Step::Carry;
                }
            }
        }
    }

    /// An edit typed in the input failed: open the input again with the text
    /// as typed and the reason, so nothing typed is lost.
    pub fn reopen_input(&mut self, date: NaiveDate, op: &DayOp, error: String) {
        if date != self.date || self.popup.is_some() {
            return;
        }
        let (purpose, text) = match op {
            DayOp::AddTask { title, top, .. } => {
                let purpose = if *top {
                    InputPurpose::AddTopTask
                } else {
                    InputPurpose::AddTask
                };
                (purpose, title.clone())
            }
            DayOp::SetTitle { id, title } => (InputPurpose::Title(*id), title.clone()),
            DayOp::AddBlock { span, title, .. } => (InputPurpose::Block, format!("{span} {title}")),
            _ => return,
        };
        self.open_input(purpose, &text);
        if let Some(Popup::Input(input)) = &mut self.popup {
            input.error = Some(error);
        }
        self.dirty = true;
    }

    /// The earlier day as read again for a check-in started with `c`: offer
    /// its open tasks now if the check-in has not passed the carry step.
    pub fn previous_loaded(
        &mut self,
        previous: Option<Day>,
        unreadable: Option<(NaiveDate, Corrupt)>,
    ) {
        self.previous = previous;
        self.previous_unreadable = unreadable;
        self.dirty = true;
        let fresh = Checkin::start(&self.day, self.previous.as_ref(), self.is_workday());
        if let Some(c) = &mut self.checkin
            && matches!(c.step, Step::Place | Step::Feeling)
        {
            c.from = fresh.from;
            c.carry = fresh.carry;
            c.carry_sel = 0;
        }
    }

    /// The coach ticked: take the day as written, show the newest prompt in
    /// the banner (the break card shows on its own), and take down a banner
    /// whose cause went.
    pub fn coach_ticked(&mut self, polled: coach_runtime::Polled) {
        if let Some(day) = polled.written
            && day.date == self.date
            && day != self.day
        {
            self.load = DayLoad::Ok(day.clone());
            self.day = day;
            self.version += 1;
            self.fix_selection();
            self.dirty = true;
        }
        if let Some(p) = polled.prompts.last() {
            let text = coach_runtime::banner(p, &self.day);
            match banner_cause(p) {
                Some(cause) => self.set_caused_banner(text, false, cause),
                None => self.set_banner(text, false),
            }
        }
        let s = polled.standing;
        let gone = self
            .banner
            .as_ref()
            .and_then(|b| b.cause)
            .is_some_and(|c| match c {
                BannerCause::Break => !s.break_prompt,
                BannerCause::Lunch => !s.lunch_missing,
                BannerCause::Micro => s.micro_until.is_none(),
                BannerCause::CoachWrite => true,
            });
        if gone {
            self.banner = None;
            self.dirty = true;
        }
    }

    /// Take a fresh read of today (after an outside change). Keeps the UI state.
    pub fn reloaded(&mut self, load: DayLoad, config: Option<Config>) {
        if let Some(c) = config
            && c != self.config
        {
            self.config = c;
            self.version += 1;
            self.dirty = true;
        }
        if load != self.load {
            let was_unreadable = self.unreadable().is_some();
            self.day = load
                .day_or_new(self.date)
                .unwrap_or_else(|| Day::new(self.date));
            self.version += 1;
            self.load = load;
            self.fix_selection();
            if was_unreadable && self.checkin.is_none() {
                self.maybe_start_checkin();
            }
            if let Some(text) = crate::cli::admin::duplicate_ids_warning(&self.day) {
                self.banner = Some(Banner {
                    text,
                    error: true,
                    cause: None,
                });
            }
            self.dirty = true;
        }
    }

    /// Start a new kot day (the clock passed `day_starts`).
    pub fn new_day(
        &mut self,
        date: NaiveDate,
        load: DayLoad,
        previous: Option<Day>,
        previous_unreadable: Option<(NaiveDate, Corrupt)>,
    ) {
        let config = self.config.clone();
        let notifier_down = self.notifier_down;
        let read_only = self.read_only.take();
        let waiting = self.waiting;
        *self = Self::new(config, date, load, previous);
        self.notifier_down = notifier_down;
        self.previous_unreadable = previous_unreadable;
        self.waiting = waiting;
        if let Some(why) = read_only {
            self.checkin = None;
            self.read_only = Some(why);
        }
    }

    fn step_selection(&mut self, by: i32) {
        match self.pane {
            Pane::Tasks => {
                let ids: Vec<TaskId> = self.day.active_tasks().map(|t| t.id).collect();
                self.task_sel = step(&ids, self.task_sel, by);
            }
            Pane::Blocks => {
                let ids: Vec<BlockId> = self.day.blocks_by_time().iter().map(|b| b.id).collect();
                self.block_sel = step(&ids, self.block_sel, by);
            }
        }
    }

    /// The task to select once `id` is deleted: the next one, else the one before.
    fn neighbour_task(&self, id: TaskId) -> Option<TaskId> {
        let ids: Vec<TaskId> = self.day.active_tasks().map(|t| t.id).collect();
        let i = ids.iter().position(|x| *x == id)?;
        ids.get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|j| ids.get(j)))
            .copied()
    }

    /// Keep the selections on items that exist.
    fn fix_selection(&mut self) {
        let ids: Vec<TaskId> = self.day.active_tasks().map(|t| t.id).collect();
        if !self.task_sel.is_some_and(|s| ids.contains(&s)) {
            self.task_sel = ids.first().copied();
        }
        let bids: Vec<BlockId> = self.day.blocks_by_time().iter().map(|b| b.id).collect();
        if !self.block_sel.is_some_and(|s| bids.contains(&s)) {
            self.block_sel = bids.first().copied();
        }
        if let Some(c) = &mut self.checkin {
            c.top_sel = c.top_sel.min(ids.len().saturating_sub(1));
        }
    }
}

fn step<T: Copy + PartialEq>(ids: &[T], current: Option<T>, by: i32) -> Option<T> {
    if ids.is_empty() {
        return None;
    }
    let i = current
        .and_then(|c| ids.iter().position(|x| *x == c))
        .unwrap_or(0);
    let last = ids.len() - 1;
    let j = if by < 0 {
        i.saturating_sub(1)
    } else {
        (i + 1).min(last)
    };
    Some(ids[j])
}

/// What the user sees after a break key worked, read from the day as written.
fn intent_feedback(intent: Intent, config: &Config, day: &Day) -> Option<String> {
    Some(match intent {
        Intent::StartBreak { .. } => {
            let b = day.coach.on_break.as_ref()?;
            t!(
                "cli.break.started",
                kind = coach_runtime::kind_name(b.kind),
                minutes = b.minutes,
                until = coach_runtime::local_hm(b.end())
            )
        }
        Intent::Snooze => t!(
            "cli.break.snoozed",
            minutes = config.breaks.snooze_minutes,
            left = coach_runtime::coach(config, day).snooze_left()
        ),
        Intent::Skip => t!("cli.break.skipped"),
        Intent::EndBreak => t!("tui.back"),
        Intent::Pause { .. } | Intent::Add { .. } => return None,
    })
}

/// `10:00-10:30 Standup` → a draft block (kind chosen next).
fn parse_block(text: &str) -> Result<BlockDraft, String> {
    let (span_text, title) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let span: Span = span_text
        .parse()
        .map_err(|_| t!("cli.bad_span", value = span_text))?;
    let title = title.trim();
    if title.is_empty() {
        return Err(t!("tui.block_needs_title"));
    }
    Ok(BlockDraft {
        span,
        title: title.to_string(),
        kind: BlockKind::Focus,
        video: false,
    })
}

/// What a prompt's banner stands for, when it should leave by itself.
fn banner_cause(p: &crate::core::coach::Prompt) -> Option<BannerCause> {
    use crate::core::coach::Prompt;
    match p {
        Prompt::BreakDue { .. } | Prompt::Escalate { .. } | Prompt::BreakOver { .. } => {
            Some(BannerCause::Break)
        }
        Prompt::Micro { .. } => Some(BannerCause::Micro),
        Prompt::LunchMissed => Some(BannerCause::Lunch),
        _ => None,
    }
}
