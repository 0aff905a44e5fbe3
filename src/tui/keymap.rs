//! Every key binding, as data. The same tables dispatch keys, build the footer
//! and fill the help popup, so the three can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for; the app decides what it means in its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    MoveUp,
    MoveDown,
    Add,
    Edit,
    Estimate,
    Delete,
    ToggleDone,
    ToggleTop,
    AddBlock,
    SwitchPane,
    Undo,
    Place,
    Checkin,
    Submit,
    Cancel,
    StartBreak,
    Lunch,
    Snooze,
    SkipBreak,
    Back,
    Pause,
    Resume,
    Confirm,
    Skip,
    /// The evening view: tomorrow's list and the plan shown, or put away
    /// again (`[shutdown] hide_work`).
    ShowWork,
    Choose(Choice),
    /// Switch to a screen (`1`, `2`): only where a screen reads keys.
    Screen(Screen),
    Left,
    Right,
    /// `[` / `]`: one unit of what the screen shows back / on (a month on
    /// the journal's calendar, a day when reading a day).
    PrevUnit,
    NextUnit,
    Search,
    /// Write the day's text in kot's own editor.
    WriteText,
    /// The day's text in `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    AddContact,
    NoContact,
    AddWin,
    /// The evening form: record the day's next meeting as a conversation.
    TakeTalk,
    /// The evening form: record the next task done as a win.
    TakeWin,
    Save,
    /// Open the end-of-day ritual (or end evening work under way).
    Ritual,
    /// Make a task the next work day's first task (the ritual's Tomorrow).
    SetFirst,
    /// Start working again after the shutdown (asks first).
    BackToWork,
    /// Today back on today's date after `[`/`]`; the Week screen back on
    /// this week.
    ThisDay,
    /// Put the nudge shown on Today away (back only in a later week).
    DismissNudge,
    /// The nudge shown on Today, again in a week.
    SnoozeNudge,
    /// The Week screen: the month view on / off.
    ToggleMonth,
    /// Today: correct the shown day's start and end afterwards.
    CorrectDay,
    /// The ritual's Tomorrow: write where you left off.
    LeftOff,
}

/// The screens `1`, `2`, … switch between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Today,
    Journal,
    Week,
}

/// One-key answers in the check-in and the block form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Home,
    Office,
    Off,
    Sick,
    Feeling(u8),
    Carry,
    Drop,
    Meeting,
    Focus,
    Personal,
    Video,
    /// A score from 1 to 5 in the evening check-in.
    Score(u8),
    /// The ritual: an unfinished task got done after all.
    Done,
    /// The ritual: an unfinished task stays open, for the morning.
    Keep,
    /// The ritual's week step: last week's one thing happened (or not).
    Happened(bool),
}

/// Where the keys are read: the innermost open layer gets a key first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Global,
    Today,
    CheckinPlace,
    CheckinFeeling,
    CheckinCarry,
    CheckinTop,
    /// A break is due: the card's keys come first, then Today's.
    BreakDue,
    /// On a break, or just back from one.
    OnBreak,
    TextInput,
    /// The check-in's "When did you stop?": Esc keeps kot's guess.
    CheckinStopped,
    BlockForm,
    Confirm,
    Help,
    /// The keys that switch screens, under every screen's own.
    Screens,
    /// The journal's month calendar.
    JournalMonth,
    /// Reading one day of the journal.
    JournalDay,
    /// Typing a journal search.
    JournalQuery,
    /// The journal search's results.
    JournalResults,
    /// The evening check-in form.
    Evening,
    /// Typing a contact in the evening form.
    EveningContact,
    /// Typing a win in the evening form.
    EveningWin,
    /// Writing the day's text.
    JournalText,
    /// The ritual's first step: the day's wins and its unfinished tasks.
    RitualToday,
    /// The ritual: the next work day's top 3 and first task.
    RitualTomorrow,
    /// The ritual's journal step: the evening form's keys come after these.
    RitualJournal,
    /// The ritual: one of your own steps, or a sick day's rest.
    RitualStep,
    /// The ritual is done (or being written).
    RitualDone,
    /// Today after the shutdown: the evening view.
    OffWork,
    /// Choosing where the day is spent (`w`).
    PlaceChooser,
    /// The Week screen (`3`), its week or month view.
    Week,
    /// The ritual's week step: did last week's one thing happen?
    RitualWeek,
    /// The ritual's week step: typing this week's one thing.
    RitualWeekText,
    /// The walk home counted down after the ritual.
    Commute,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The i18n key of its description in the help popup and the footer.
    pub help: &'static str,
    pub footer: bool,
}

/// What the moment allows, for the keys that are offered only some of the
/// time: the footer and the break card show a key only when it can act now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanAct {
    /// Lunch (`l`): from an hour before `lunch_earliest` until lunch is done.
    pub lunch: bool,
    /// The screen shown: its own digit switches to nothing.
    pub screen: Screen,
    /// The ritual key (`Q`) shows from the wrap-up on, and while working
    /// again in the evening.
    pub shutdown: bool,
    /// The day's plan can be changed: its file was read (an unreadable one is
    /// left alone until it is fixed).
    pub plan: bool,
    /// A task is selected in the task list, and the list has the focus
    /// (`e`, `x`, `t`, `d` act on it).
    pub task: bool,
    /// A block is selected on the timeline, and the timeline has the focus
    /// (`e`, `d` act on it).
    pub block: bool,
    /// More lies below in what scrolls (the help): `j` still moves.
    pub more_below: bool,
    /// Today shows another day than today (`.` goes back).
    pub other_day: bool,
    /// A nudge shows on Today (its keys are offered only then).
    pub nudge: bool,
    /// One more snooze fits the break's budget (`z` is offered only then).
    pub snooze: bool,
    /// The evening view keeps work behind a key (`[shutdown] hide_work`).
    pub hide_work: bool,
    /// That work is out of sight now.
    pub work_hidden: bool,
    /// The coach is paused: `r` resumes it, `p` is not offered.
    pub paused: bool,
}

impl Default for CanAct {
    fn default() -> Self {
        Self {
            lunch: true,
            screen: Screen::Today,
            shutdown: false,
            plan: true,
            task: true,
            block: false,
            more_below: true,
            other_day: false,
            nudge: false,
            snooze: true,
            hide_work: false,
            work_hidden: false,
            paused: false,
        }
    }
}

impl Binding {
    /// Whether the binding can act at the moment `can` describes.
    #[must_use]
    pub fn can_act(&self, can: CanAct) -> bool {
        match self.action {
            Action::Lunch => can.lunch,
            Action::Screen(s) => s != can.screen,
            Action::Ritual => can.shutdown,
            Action::ThisDay => can.other_day,
            Action::DismissNudge | Action::SnoozeNudge => can.nudge,
            Action::Snooze => can.snooze,
            Action::Pause => !can.paused,
            Action::Resume => can.paused,
            // On Today: the selected task's keys, or the block's.
            Action::Edit | Action::Delete => can.plan && (can.task || can.block),
            Action::ToggleDone
            | Action::ToggleTop
            | Action::Estimate
            | Action::MoveUp
            | Action::MoveDown => can.plan && can.task,
            Action::Add | Action::AddBlock | Action::Undo | Action::Place | Action::Checkin => {
                can.plan
            }
            Action::Down | Action::PageDown => can.more_below,
            Action::ShowWork => can.hide_work,
            // Other days' plans stay away with the rest of the work.
            Action::PrevUnit | Action::NextUnit => !can.work_hidden,
            _ => true,
        }
    }

    /// The key this language writes for the binding (`{help}.key` in the
    /// catalogue: `j` for "ja" in Dutch), when it has one of its own.
    fn localized(&self) -> Option<Key> {
        let name = format!("{}.key", self.help);
        if !crate::i18n::has(&name) {
            return None;
        }
        let text = crate::t!(&name);
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(k(c)),
            _ => None,
        }
    }

    /// Whether `key` triggers the binding: one of its keys, or the one the
    /// language writes for it.
    #[must_use]
    pub fn matches(&self, key: Key) -> bool {
        self.keys.contains(&key) || self.localized() == Some(key)
    }

    /// Every key of the binding as written, the language's own first.
    #[must_use]
    pub fn labels(&self) -> Vec<String> {
        let own = self.localized().filter(|l| !self.keys.contains(l));
        own.iter().chain(self.keys).map(|k| k.label()).collect()
    }

    /// The short form of the description (`key.add.short`) for the footer and
    /// the break card, or the full one when there is none.
    #[must_use]
    pub fn short_help(&self) -> String {
        let short = format!("{}.short", self.help);
        if crate::i18n::has(&short) {
            crate::t!(&short)
        } else {
            crate::t!(self.help)
        }
    }

    /// How the first key is written (the language's own, when it has one).
    #[must_use]
    pub fn first_key(&self) -> String {
        self.localized()
            .or_else(|| self.keys.first().copied())
            .map(Key::label)
            .unwrap_or_default()
    }
}

const fn b(keys: &'static [Key], action: Action, help: &'static str, footer: bool) -> Binding {
    Binding {
        keys,
        action,
        help,
        footer,
    }
}

use Action as A;
use Choice as C;

const SCREENS: &[Binding] = &[
    b(
        &[k('1')],
        A::Screen(Screen::Today),
        "key.screen_today",
        true,
    ),
    b(
        &[k('2')],
        A::Screen(Screen::Journal),
        "key.screen_journal",
        true,
    ),
    b(&[k('3')], A::Screen(Screen::Week), "key.screen_week", true),
];

const WEEK: &[Binding] = &[
    b(&[k('[')], A::PrevUnit, "key.week_prev", true),
    b(&[k(']')], A::NextUnit, "key.week_next", true),
    b(&[k('m')], A::ToggleMonth, "key.month_view", true),
    b(&[k('.')], A::ThisDay, "key.this_week", true),
    b(
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "key.scroll_down",
        false,
    ),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.scroll_up", false),
];

/// Last week's one thing: did it happen? (`key.yes` is `j` in Dutch.)
const RITUAL_WEEK: &[Binding] = &[
    b(&[k('y')], A::Choose(C::Happened(true)), "key.yes", true),
    b(&[k('n')], A::Choose(C::Happened(false)), "key.no", true),
    b(&[k('s')], A::Skip, "key.skip_step", true),
    RITUAL_BACK,
];

/// This week's one thing being typed: Esc leaves it as recorded.
const RITUAL_WEEK_TEXT: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.next_step", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.week_keep", true),
];

const JOURNAL_MONTH: &[Binding] = &[
    b(
        &[code(KeyCode::Left), k('h')],
        A::Left,
        "key.day_before",
        false,
    ),
    b(
        &[code(KeyCode::Right), k('l')],
        A::Right,
        "key.day_after",
        false,
    ),
    b(
        &[code(KeyCode::Up), k('k')],
        A::Up,
        "key.week_before",
        false,
    ),
    b(
        &[code(KeyCode::Down), k('j')],
        A::Down,
        "key.week_after",
        false,
    ),
    b(&[code(KeyCode::Enter)], A::Submit, "key.open_day", true),
    b(&[k('e')], A::Edit, "key.evening", true),
    b(&[k('t')], A::WriteText, "key.write", true),
    b(&[k('E')], A::ExternalEditor, "key.external_editor", false),
    b(&[k('/')], A::Search, "key.search", true),
    b(&[k('[')], A::PrevUnit, "key.month_before", true),
    b(&[k(']')], A::NextUnit, "key.month_after", true),
];

const JOURNAL_DAY: &[Binding] = &[
    b(
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "key.scroll_down",
        false,
    ),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.scroll_up", false),
    b(&[k('[')], A::PrevUnit, "key.day_before", false),
    b(&[k(']')], A::NextUnit, "key.day_after", false),
    b(&[k('e')], A::Edit, "key.evening", true),
    b(&[k('t')], A::WriteText, "key.write", true),
    b(&[k('E')], A::ExternalEditor, "key.external_editor", true),
    b(&[k('/')], A::Search, "key.search", false),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.to_calendar", true),
];

const JOURNAL_QUERY: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.search_run", true),
    b(&[code(KeyCode::Down)], A::Down, "key.to_results", false),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.to_calendar", true),
];

const JOURNAL_RESULTS: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.open_day", true),
    b(&[k('/')], A::Search, "key.search_edit", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.to_calendar", true),
];

const EVENING: &[Binding] = &[
    b(
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "key.next_field",
        false,
    ),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.prev_field", false),
    b(&[k('1')], A::Choose(C::Score(1)), "key.score1", false),
    b(&[k('2')], A::Choose(C::Score(2)), "key.score2", false),
    b(&[k('3')], A::Choose(C::Score(3)), "key.score3", false),
    b(&[k('4')], A::Choose(C::Score(4)), "key.score4", false),
    b(&[k('5')], A::Choose(C::Score(5)), "key.score5", false),
    b(
        &[code(KeyCode::Delete)],
        A::Delete,
        "key.clear_score",
        false,
    ),
    b(&[k('c')], A::AddContact, "key.add_contact", true),
    b(&[k('n')], A::NoContact, "key.no_contact", true),
    b(&[k('w')], A::AddWin, "key.add_win", true),
    // Offered on their rows, with what they would record.
    b(&[k('C')], A::TakeTalk, "key.take_talk", false),
    b(&[k('W')], A::TakeWin, "key.take_win", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.finish", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.skip", true),
];

const EVENING_CONTACT: &[Binding] = &[
    b(&[code(KeyCode::Down)], A::Down, "key.next_name", true),
    b(&[code(KeyCode::Up)], A::Up, "key.prev_name", false),
    b(&[code(KeyCode::Tab)], A::Right, "key.next_how", true),
    b(&[code(KeyCode::BackTab)], A::Left, "key.prev_how", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.save", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.cancel", true),
];

const EVENING_WIN: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.save", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.cancel", true),
];

const JOURNAL_TEXT: &[Binding] = &[
    b(&[ctrl('s')], A::Save, "key.save", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.save_close", true),
];

const RITUAL_BACK: Binding = b(
    &[code(KeyCode::Esc), code(KeyCode::Backspace)],
    A::Cancel,
    "key.step_back",
    true,
);

/// Enter first: on a narrow footer it stays longest, while the step's own
/// hint line names `c` `d` `r` `o` too.
const RITUAL_TODAY: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.next_step", true),
    b(&[k('c')], A::Choose(C::Carry), "key.carry_next", true),
    b(&[k('d')], A::Choose(C::Done), "key.ritual_done", true),
    b(&[k('r')], A::Choose(C::Drop), "key.drop", true),
    b(&[k('o')], A::Choose(C::Keep), "key.keep_open", true),
    RITUAL_BACK,
];

const RITUAL_TOMORROW: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[k('t'), k(' ')], A::ToggleTop, "key.top", true),
    b(&[k('f')], A::SetFirst, "key.first_task", true),
    b(&[k('a')], A::Add, "key.add_top", true),
    b(&[k('n')], A::LeftOff, "key.left_off", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.next_step", true),
    RITUAL_BACK,
];

/// Over the evening form's own keys (`Layer::Evening`): Enter and Esc walk
/// the ritual instead of leaving the form.
const RITUAL_JOURNAL: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.next_step", true),
    b(&[k('s')], A::Skip, "key.skip_step", true),
    RITUAL_BACK,
];

const RITUAL_STEP: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.step_done", true),
    b(&[k('s')], A::Skip, "key.skip_step", true),
    RITUAL_BACK,
];

const RITUAL_DONE: &[Binding] = &[b(
    &[code(KeyCode::Enter), code(KeyCode::Esc)],
    A::Submit,
    "key.close",
    true,
)];

const OFF_WORK: &[Binding] = &[
    b(&[k('w'), k('s')], A::BackToWork, "key.back_to_work", true),
    b(&[k('p')], A::ShowWork, "key.show_work", true),
    b(&[k('[')], A::PrevUnit, "key.day_before", false),
    b(&[k(']')], A::NextUnit, "key.day_after", true),
];

/// Any of these ends the walk home early.
const COMMUTE: &[Binding] = &[b(
    &[code(KeyCode::Enter), code(KeyCode::Esc), k(' ')],
    A::Skip,
    "key.skip_walk",
    true,
)];

const GLOBAL: &[Binding] = &[
    b(&[k('?')], A::Help, "key.help", true),
    b(&[k('q'), ctrl('c')], A::Quit, "key.quit", true),
];

const TODAY: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[k('a')], A::Add, "key.add", true),
    b(&[k('e')], A::Edit, "key.edit", true),
    b(&[k('E')], A::Estimate, "key.estimate", false),
    b(&[k('x'), k(' ')], A::ToggleDone, "key.done", true),
    b(&[k('t')], A::ToggleTop, "key.top", true),
    b(
        &[k('J'), shift(KeyCode::Down)],
        A::MoveDown,
        "key.move_down",
        false,
    ),
    b(
        &[k('K'), shift(KeyCode::Up)],
        A::MoveUp,
        "key.move_up",
        false,
    ),
    b(
        &[k('d'), code(KeyCode::Delete)],
        A::Delete,
        "key.delete",
        true,
    ),
    b(&[k('b')], A::AddBlock, "key.block", true),
    b(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        A::SwitchPane,
        "key.pane",
        false,
    ),
    b(&[k('u')], A::Undo, "key.undo", true),
    b(&[k('w')], A::Place, "key.place", false),
    b(&[k('s')], A::StartBreak, "key.break_now", true),
    b(&[k('l')], A::Lunch, "key.lunch", true),
    b(&[k('p')], A::Pause, "key.pause", true),
    b(&[k('r')], A::Resume, "key.resume", true),
    b(&[k('c')], A::Checkin, "key.checkin", false),
    b(&[k('Q')], A::Ritual, "key.ritual", true),
    b(&[k('[')], A::PrevUnit, "key.day_before", false),
    b(&[k(']')], A::NextUnit, "key.day_after", false),
    b(&[k('.')], A::ThisDay, "key.this_day", true),
    b(&[k('C')], A::CorrectDay, "key.correct_day", false),
    b(&[k('D')], A::DismissNudge, "key.nudge_dismiss", true),
    b(&[k('Z')], A::SnoozeNudge, "key.nudge_snooze", true),
];

// The answers to a due break in the order a short footer keeps them: at
// 44x12, where the card is hidden, "later" and "skip" must stay in sight.
const BREAK_DUE: &[Binding] = &[
    b(&[k('s')], A::StartBreak, "key.start_break", true),
    b(&[k('z')], A::Snooze, "key.snooze", true),
    b(&[k('S')], A::SkipBreak, "key.skip_break", true),
    b(&[k('l')], A::Lunch, "key.lunch", true),
];

const ON_BREAK: &[Binding] = &[b(&[code(KeyCode::Enter)], A::Back, "key.back", true)];

const CHECKIN_PLACE: &[Binding] = &[
    b(&[k('h')], A::Choose(C::Home), "key.home", true),
    b(&[k('o')], A::Choose(C::Office), "key.office", true),
    b(&[k('f')], A::Choose(C::Off), "key.off", true),
    b(&[k('s')], A::Choose(C::Sick), "key.sick", true),
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.choose", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.skip", true),
];

const PLACE_CHOOSER: &[Binding] = &[
    b(&[k('h')], A::Choose(C::Home), "key.home", true),
    b(&[k('o')], A::Choose(C::Office), "key.office", true),
    b(&[k('f')], A::Choose(C::Off), "key.off", true),
    b(&[k('s')], A::Choose(C::Sick), "key.sick", true),
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.choose", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.cancel", true),
];

const CHECKIN_FEELING: &[Binding] = &[
    b(&[k('1')], A::Choose(C::Feeling(1)), "key.feeling1", false),
    b(&[k('2')], A::Choose(C::Feeling(2)), "key.feeling2", false),
    b(&[k('3')], A::Choose(C::Feeling(3)), "key.feeling3", false),
    b(&[k('4')], A::Choose(C::Feeling(4)), "key.feeling4", false),
    b(&[k('5')], A::Choose(C::Feeling(5)), "key.feeling5", false),
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.choose", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.skip", true),
];

const CHECKIN_CARRY: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[k('c')], A::Choose(C::Carry), "key.carry", true),
    b(&[k('d')], A::Choose(C::Drop), "key.drop", true),
    b(&[k(' ')], A::ToggleDone, "key.carry_toggle", false),
    b(&[code(KeyCode::Enter)], A::Submit, "key.continue", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.skip", true),
];

const CHECKIN_TOP: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], A::Down, "key.down", false),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.up", false),
    b(&[k('t'), k(' ')], A::ToggleTop, "key.top", true),
    b(&[k('a')], A::Add, "key.add_top", true),
    b(&[code(KeyCode::Enter)], A::Submit, "key.finish", true),
    b(&[code(KeyCode::Esc)], A::Skip, "key.skip", true),
];

const TEXT_INPUT: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.save", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.cancel", true),
];

const CHECKIN_STOPPED: &[Binding] = &[
    b(&[code(KeyCode::Enter)], A::Submit, "key.record_time", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.keep_guess", true),
];

const BLOCK_FORM: &[Binding] = &[
    b(&[k('m')], A::Choose(C::Meeting), "key.kind_meeting", true),
    b(&[k('f')], A::Choose(C::Focus), "key.kind_focus", true),
    b(&[k('p')], A::Choose(C::Personal), "key.kind_personal", true),
    b(&[k('v')], A::Choose(C::Video), "key.video", true),
    b(&[code(KeyCode::Enter)], A::Submit, "key.save", true),
    b(&[code(KeyCode::Esc)], A::Cancel, "key.cancel", true),
];

const CONFIRM: &[Binding] = &[
    b(&[k('y')], A::Confirm, "key.yes", true),
    b(&[k('n'), code(KeyCode::Esc)], A::Cancel, "key.no", true),
];

const HELP: &[Binding] = &[
    b(
        &[code(KeyCode::Esc), k('?'), k('q')],
        A::Cancel,
        "key.close",
        true,
    ),
    b(
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "key.scroll_down",
        true,
    ),
    b(&[k('k'), code(KeyCode::Up)], A::Up, "key.scroll_up", false),
    b(
        &[code(KeyCode::PageDown), k(' ')],
        A::PageDown,
        "key.page_down",
        false,
    ),
    b(&[code(KeyCode::PageUp)], A::PageUp, "key.page_up", false),
];

impl Layer {
    #[must_use]
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Self::Global => GLOBAL,
            Self::Today => TODAY,
            Self::CheckinPlace => CHECKIN_PLACE,
            Self::CheckinFeeling => CHECKIN_FEELING,
            Self::CheckinCarry => CHECKIN_CARRY,
            Self::CheckinTop => CHECKIN_TOP,
            Self::BreakDue => BREAK_DUE,
            Self::OnBreak => ON_BREAK,
            Self::TextInput => TEXT_INPUT,
            Self::CheckinStopped => CHECKIN_STOPPED,
            Self::BlockForm => BLOCK_FORM,
            Self::Confirm => CONFIRM,
            Self::Help => HELP,
            Self::Screens => SCREENS,
            Self::JournalMonth => JOURNAL_MONTH,
            Self::JournalDay => JOURNAL_DAY,
            Self::JournalQuery => JOURNAL_QUERY,
            Self::JournalResults => JOURNAL_RESULTS,
            Self::Evening => EVENING,
            Self::EveningContact => EVENING_CONTACT,
            Self::EveningWin => EVENING_WIN,
            Self::JournalText => JOURNAL_TEXT,
            Self::RitualToday => RITUAL_TODAY,
            Self::RitualTomorrow => RITUAL_TOMORROW,
            Self::RitualJournal => RITUAL_JOURNAL,
            Self::RitualStep => RITUAL_STEP,
            Self::RitualDone => RITUAL_DONE,
            Self::OffWork => OFF_WORK,
            Self::PlaceChooser => PLACE_CHOOSER,
            Self::Week => WEEK,
            Self::RitualWeek => RITUAL_WEEK,
            Self::RitualWeekText => RITUAL_WEEK_TEXT,
            Self::Commute => COMMUTE,
        }
    }

    /// Whether the global keys (`?`, `q`) also work under this layer. Popups that
    /// take text or a yes/no keep every key to themselves.
    #[must_use]
    pub fn passes_to_global(self) -> bool {
        !matches!(
            self,
            Self::TextInput
                | Self::CheckinStopped
                | Self::BlockForm
                | Self::Confirm
                | Self::Help
                | Self::JournalQuery
                | Self::EveningContact
                | Self::EveningWin
                | Self::JournalText
                | Self::PlaceChooser
                | Self::RitualWeekText
        )
    }

    /// Where keys this layer does not bind go next, in order.
    #[must_use]
    pub fn fallbacks(self) -> &'static [Self] {
        match self {
            Self::BreakDue | Self::OnBreak => &[Self::Today, Self::Screens, Self::Global],
            Self::RitualJournal => &[Self::Evening, Self::Global],
            Self::OffWork => &[Self::Screens, Self::Global],
            // The digits switch screens only where a screen reads keys, never
            // in a form or a text.
            Self::Today
            | Self::JournalMonth
            | Self::JournalDay
            | Self::JournalResults
            | Self::Week => &[Self::Screens, Self::Global],
            l if l.passes_to_global() && l != Self::Global => &[Self::Global],
            _ => &[],
        }
    }

    /// Every layer, for the help popup and the duplicate check.
    pub const ALL: [Self; 33] = [
        Self::Global,
        Self::Today,
        Self::CheckinPlace,
        Self::CheckinFeeling,
        Self::CheckinCarry,
        Self::CheckinTop,
        Self::BreakDue,
        Self::OnBreak,
        Self::TextInput,
        Self::CheckinStopped,
        Self::BlockForm,
        Self::Confirm,
        Self::Help,
        Self::Screens,
        Self::JournalMonth,
        Self::JournalDay,
        Self::JournalQuery,
        Self::JournalResults,
        Self::Evening,
        Self::EveningContact,
        Self::EveningWin,
        Self::JournalText,
        Self::RitualToday,
        Self::RitualTomorrow,
        Self::RitualJournal,
        Self::RitualStep,
        Self::RitualDone,
        Self::OffWork,
        Self::PlaceChooser,
        Self::Week,
        Self::RitualWeek,
        Self::RitualWeekText,
        Self::Commute,
    ];
}

impl Key {
    /// Normalise a terminal key: shifted letters arrive as uppercase with SHIFT,
    /// and some terminals send BackTab with SHIFT.
    #[must_use]
    pub fn from_event(ev: KeyEvent) -> Self {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Self {
            code: ev.code,
            mods,
        }
    }

    /// How the key is written in the footer and the help.
    #[must_use]
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            // Written as the keyboard shows it: Ctrl-C, not Ctrl-c.
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::SHIFT) {
            format!("Shift-{base}")
        } else {
            base
        }
    }
}

/// The action bound to `key` in `layer`, then (if the layer allows) in Global.
#[must_use]
pub fn lookup(layer: Layer, key: Key) -> Option<Action> {
    binding_for(layer, key).map(|b| b.action)
}

/// The binding `key` reaches in `layer`, then in the layers it falls back to.
fn binding_for(layer: Layer, key: Key) -> Option<&'static Binding> {
    std::iter::once(layer)
        .chain(layer.fallbacks().iter().copied())
        .find_map(|l| l.bindings().iter().find(|b| b.matches(key)))
}

/// How the key for `action` in `layer` is written (the check-in's place
/// letters, the yes/no hint): from the table, so the two never differ.
#[must_use]
pub fn key_for(layer: Layer, action: Action) -> Option<String> {
    layer
        .bindings()
        .iter()
        .find(|b| b.action == action)
        .map(Binding::first_key)
}

/// The bindings shown in the footer for `layer`, its own first, then the
/// ways on or out of the layers under it that still reach them (`.` back to
/// today under the break card), leaving out those that cannot act now.
#[must_use]
pub fn footer(layer: Layer, can: CanAct) -> Vec<&'static Binding> {
    let own = layer
        .bindings()
        .iter()
        .filter(|b| b.footer && b.can_act(can));
    let under = layer
        .fallbacks()
        .iter()
        .filter(|l| !matches!(l, Layer::Screens | Layer::Global))
        .flat_map(|l| l.bindings())
        .filter(move |b| {
            b.footer
                && b.action.leads_on()
                && b.keys
                    .first()
                    .and_then(|k| binding_for(layer, *k))
                    .is_some_and(|reached| std::ptr::eq(reached, *b))
        });
    let global: &[Binding] = if layer.passes_to_global() {
        GLOBAL
    } else {
        &[]
    };
    let screens: &[Binding] = if layer.fallbacks().contains(&Layer::Screens) {
        SCREENS
    } else {
        &[]
    };
    own.chain(under)
        .chain(screens.iter().chain(global))
        .filter(|b| b.footer && b.can_act(can))
        .collect()
}

impl Action {
    /// The way on or out of where the user is (Enter, Esc, `.` back to
    /// today): the footer keeps these above all.
    #[must_use]
    pub const fn leads_on(self) -> bool {
        matches!(
            self,
            Self::Submit
                | Self::Cancel
                | Self::Skip
                | Self::Back
                | Self::Confirm
                | Self::Save
                | Self::ThisDay
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_layer() {
        for layer in Layer::ALL {
            let mut seen = Vec::new();
            for bnd in layer.bindings() {
                for key in bnd.keys {
                    assert!(!seen.contains(key), "{layer:?}: {key:?} bound twice");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn the_nudge_keys_show_only_with_a_nudge_and_clash_with_nothing_under_a_break() {
        let has = |can| {
            footer(Layer::Today, can)
                .iter()
                .any(|b| b.action == A::DismissNudge)
        };
        assert!(!has(CanAct::default()));
        assert!(has(CanAct {
            nudge: true,
            ..CanAct::default()
        }));
        // The break card's layers fall back to Today: D and Z still reach it.
        for layer in [Layer::Today, Layer::BreakDue, Layer::OnBreak] {
            assert_eq!(lookup(layer, k('D')), Some(A::DismissNudge), "{layer:?}");
            assert_eq!(lookup(layer, k('Z')), Some(A::SnoozeNudge), "{layer:?}");
        }
    }

    #[test]
    fn lunch_is_offered_only_when_it_can_act() {
        let has_lunch = |can| {
            footer(Layer::BreakDue, can)
                .iter()
                .any(|b| b.action == A::Lunch)
        };
        assert!(has_lunch(CanAct {
            lunch: true,
            ..CanAct::default()
        }));
        assert!(!has_lunch(CanAct {
            lunch: false,
            ..CanAct::default()
        }));
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        assert_eq!(lookup(Layer::Today, k('j')), Some(A::Down));
        assert_eq!(lookup(Layer::Today, code(KeyCode::Down)), Some(A::Down));
        assert_eq!(lookup(Layer::Today, ctrl('c')), Some(A::Quit));
        assert_eq!(lookup(Layer::TextInput, k('q')), None);
    }

    #[test]
    fn digits_switch_screens_only_on_screens() {
        let journal = Some(A::Screen(Screen::Journal));
        for layer in [
            Layer::Today,
            Layer::BreakDue,
            Layer::OnBreak,
            Layer::JournalMonth,
            Layer::JournalDay,
            Layer::JournalResults,
        ] {
            assert_eq!(lookup(layer, k('2')), journal, "{layer:?}");
            let on_journal = CanAct {
                screen: Screen::Journal,
                ..CanAct::default()
            };
            assert!(
                footer(layer, on_journal)
                    .iter()
                    .any(|b| b.action == A::Screen(Screen::Today)),
                "{layer:?} footer"
            );
            assert!(
                !footer(layer, CanAct::default())
                    .iter()
                    .any(|b| b.action == A::Screen(Screen::Today)),
                "{layer:?}: the screen shown is not offered"
            );
        }
        for layer in Layer::ALL {
            let is_screen = layer.fallbacks().contains(&Layer::Screens);
            if !is_screen && layer != Layer::Screens {
                assert_ne!(lookup(layer, k('2')), journal, "{layer:?}");
            }
        }
        assert_eq!(lookup(Layer::Evening, k('2')), Some(A::Choose(C::Score(2))));
        assert_eq!(lookup(Layer::JournalText, k('2')), None);
    }
}
