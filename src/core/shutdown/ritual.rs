//! The shutdown ritual as data, for every front end (the TUI's room, the
//! plain-terminal prompts of `kot shutdown`): its steps, each with its state,
//! moving on and back, and what each step records. Nothing is written while
//! it is walked; when it is finished the shell writes what `plan` says, in
//! the order that keeps a failure harmless (today's done tasks, then the
//! carry, whose source changes only after its target was written, then
//! tomorrow's top 3, then the shutdown itself).
//!
//! The steps of a work day: 1. Today (the wins, then each unfinished task:
//! done, carried to the next work day, or dropped), 2. Tomorrow (its top 3
//! and its first task), 3. the journal's evening check-in (when the front
//! end has a journal), 4. your own steps, one each. A sick day has one step,
//! rest; a day off has none. On the week's last work day a week step comes
//! after Tomorrow (`Ritual::with_week`): last week's one thing to change and
//! whether it happened, and this week's one thing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::RitualKind;
use crate::core::day::{Day, DayOp, Refusal};
use crate::core::plan::{TOP_LIMIT, TaskId, TaskRef, TaskStatus};
use crate::core::week::WeekId;

/// One step of the ritual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The wins of the day, then each unfinished task decided.
    Today,
    /// The next work day's top 3 and its first task.
    Tomorrow,
    /// The journal's evening check-in; every field of it skippable.
    Journal,
    /// The week at a glance, last week's one thing (did it happen?) and
    /// this week's.
    Week,
    /// One of your own steps (`[shutdown] steps`), by its text.
    Own(String),
    /// A sick day's only step.
    Rest,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Pending,
    Done,
    Skipped,
}

/// What becomes of an unfinished task of today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskChoice {
    /// It got done after all.
    Done,
    /// It goes to the next work day (the default, as in the check-in).
    Carry,
    Drop,
    /// Left open today, undecided: the next morning's check-in offers it
    /// (a shutdown told afterwards, `kot shutdown --at`, with no answer).
    Keep,
}

/// A task picked for the next work day's top 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A task already in the next day's file.
    There(TaskId),
    /// Today's unfinished task, carried over as a top task.
    Carried(TaskId),
    /// A new task made in the next day's file.
    New(String),
}

/// Why a choice was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RitualRefusal {
    /// Three are picked already.
    TopFull,
    /// No such unfinished task today (or in the next day's file).
    NoSuchTask(TaskId),
    /// A task of today picked for tomorrow must be carried there.
    NotCarried(TaskId),
    EmptyTitle,
}

/// The ritual under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Ritual {
    pub date: NaiveDate,
    /// The work day tasks are carried to and planned for.
    pub next_day: NaiveDate,
    steps: Vec<(Step, StepState)>,
    at: usize,
    /// Titles of the tasks done today, in plan order: the wins.
    wins: Vec<String>,
    /// Today's unfinished tasks, in plan order, with their titles.
    unfinished: Vec<(TaskId, String)>,
    choices: BTreeMap<TaskId, TaskChoice>,
    /// The next day's active tasks, in its order.
    there: Vec<(TaskId, String)>,
    top: Vec<Pick>,
    first: Option<Pick>,
    week: Option<WeekAsk>,
    /// Where you left off, for the next work day's check-in.
    note: Option<String>,
}

/// The week step's questions and the answers given so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekAsk {
    /// The week ending (this week).
    pub week: WeekId,
    /// The week whose one thing is asked about: last week, or an earlier
    /// one whose one thing was never answered (no ritual on its last day).
    pub last_week: WeekId,
    /// That week's one thing, when it had one.
    pub last_one_thing: Option<String>,
    /// Whether it happened: as recorded, or as answered now.
    pub happened: Option<bool>,
    /// This week's one thing as recorded before the ritual.
    pub recorded: Option<String>,
    /// This week's one thing as typed now (`None`: left as recorded).
    pub typed: Option<String>,
    /// An answer was given in this ritual (only those are written).
    pub answered: bool,
    /// Last week's note can be written (it reads and is not a newer kot's):
    /// else its answer is not asked.
    pub last_writable: bool,
    /// This week's note can be written: else no one thing is taken.
    pub this_writable: bool,
    /// Why a note cannot be written (path, line, what is wrong), shown by
    /// the step; the rest of the ritual goes on.
    pub problems: Vec<String>,
}

impl WeekAsk {
    /// The week's one thing as it will be: typed now, else as recorded.
    #[must_use]
    pub fn one_thing(&self) -> Option<&str> {
        self.typed.as_deref().or(self.recorded.as_deref())
    }

    /// Whether the asked week is an earlier one than last week (the
    /// question then names it).
    #[must_use]
    pub fn asks_earlier_week(&self) -> bool {
        self.last_week != self.week.prev()
    }

    /// Whether the step still asks about last week (never twice: an answer
    /// on file stands).
    #[must_use]
    pub fn asks_last_week(&self) -> bool {
        self.last_one_thing.is_some() && self.happened.is_none() && self.last_writable
    }

    /// Whether this week's one thing can be typed (its note can be written).
    #[must_use]
    pub const fn takes_one_thing(&self) -> bool {
        self.this_writable
    }
}

/// What the week step records: this week's one thing, last week's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekPlan {
    pub week: WeekId,
    pub one_thing: Option<String>,
    /// Whether the asked week's one thing happened (written to its file).
    pub happened: Option<bool>,
    /// The week `happened` is about: last week, or an earlier one.
    pub last_week: WeekId,
}

/// What a finished ritual records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualPlan {
    pub date: NaiveDate,
    pub next_day: NaiveDate,
    /// Today's tasks that got done after all.
    pub done: Vec<TaskId>,
    /// Today's other unfinished tasks: carried (`true`) or dropped.
    pub carry: Vec<(TaskId, bool)>,
    pub top: Vec<Pick>,
    pub first: Option<Pick>,
    /// Your own steps checked off (not skipped), by their text.
    pub steps: Vec<String>,
    /// Whether the journal step was walked (the journal records itself).
    pub journal: bool,
    /// The week step's answers, when it was walked on the week's last work day.
    pub week: Option<WeekPlan>,
    /// Where you left off (`[shutdown] note`); `None` leaves one written
    /// before as it is.
    pub note: Option<String>,
}

impl Ritual {
    /// The ritual for `today` of `kind`, planning `next` (the next work
    /// day's file as it is now). `own` are your own steps; `journal` whether
    /// the front end has the journal's evening check-in. Tomorrow's top
    /// tasks come pre-chosen, then today's unfinished top tasks (carried).
    #[must_use]
    pub fn new(today: &Day, next: &Day, kind: RitualKind, own: &[String], journal: bool) -> Self {
        let steps: Vec<Step> = match kind {
            RitualKind::None => Vec::new(),
            RitualKind::Rest => vec![Step::Rest],
            RitualKind::Full => {
                let mut v = vec![Step::Today, Step::Tomorrow];
                if journal {
                    v.push(Step::Journal);
                }
                v.extend(own.iter().cloned().map(Step::Own));
                v
            }
        };
        // Only a full ritual decides tasks: a sick day leaves them for the
        // next morning's check-in.
        let unfinished: Vec<(TaskId, String)> = today
            .unfinished()
            .filter(|_| kind == RitualKind::Full)
            .map(|t| (t.id, t.title.clone()))
            .collect();
        let choices = unfinished
            .iter()
            .map(|(id, _)| (*id, TaskChoice::Carry))
            .collect();
        // Tomorrow's top tasks come pre-chosen, then today's unfinished top
        // tasks (carried by default, they stay top there).
        let carried_tops = today
            .unfinished()
            .filter(|t| t.top && kind == RitualKind::Full)
            .map(|t| Pick::Carried(t.id));
        let top: Vec<Pick> = next
            .top_tasks()
            .map(|t| Pick::There(t.id))
            .chain(carried_tops)
            .take(TOP_LIMIT)
            .collect();
        Self {
            date: today.date,
            next_day: next.date,
            steps: steps.into_iter().map(|s| (s, StepState::Pending)).collect(),
            at: 0,
            wins: today
                .tasks
                .iter()
                .filter(|t| t.status == TaskStatus::Done)
                .map(|t| t.title.clone())
                .collect(),
            unfinished,
            choices,
            there: next
                .active_tasks()
                .map(|t| (t.id, t.title.clone()))
                .collect(),
            first: top.first().cloned(),
            top,
            week: None,
            note: today.shutdown.note.clone(),
        }
    }

    /// Where you left off, in one line (blank: none).
    pub fn set_note(&mut self, note: &str) {
        let line = crate::core::text::clean_title(note);
        self.note = Some(line).filter(|n| !n.is_empty());
    }

    /// Where you left off, as written so far.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The week step, after Tomorrow (a full ritual only): on the week's
    /// last work day.
    #[must_use]
    pub fn with_week(mut self, ask: WeekAsk) -> Self {
        if let Some(i) = self.steps.iter().position(|(s, _)| *s == Step::Tomorrow) {
            self.steps.insert(i + 1, (Step::Week, StepState::Pending));
            self.week = Some(ask);
        }
        self
    }

    /// The week step's questions and answers, when it has one.
    #[must_use]
    pub fn week(&self) -> Option<&WeekAsk> {
        self.week.as_ref()
    }

    /// Last week's one thing happened, or not. Without one (or when its
    /// note cannot be written) nothing changes and the answer is `false`.
    pub fn answer_happened(&mut self, yes: bool) -> bool {
        match &mut self.week {
            Some(w) if w.last_one_thing.is_some() && w.last_writable => {
                w.happened = Some(yes);
                w.answered = true;
                true
            }
            _ => false,
        }
    }

    /// This week's one thing as typed (cleaned to one line). Empty leaves
    /// what was recorded; so does a note that cannot be written.
    pub fn set_one_thing(&mut self, text: &str) {
        if let Some(w) = &mut self.week
            && w.this_writable
        {
            let text = crate::core::text::clean_title(text);
            w.typed = (!text.is_empty()).then_some(text);
        }
    }

    /// The steps and their states, in order.
    #[must_use]
    pub fn steps(&self) -> &[(Step, StepState)] {
        &self.steps
    }

    /// The step showing; `None` once every step is behind (or there are none).
    #[must_use]
    pub fn current(&self) -> Option<&Step> {
        self.steps.get(self.at).map(|(s, _)| s)
    }

    /// The index of the step showing (the number of steps once finished).
    #[must_use]
    pub fn position(&self) -> usize {
        self.at
    }

    #[must_use]
    pub fn finished(&self) -> bool {
        self.at >= self.steps.len()
    }

    /// Check the step off and go to the next.
    pub fn next(&mut self) {
        self.leave(StepState::Done);
    }

    /// Leave the step unchecked and go to the next. The week step with
    /// last week's question answered was partly walked: the answer given
    /// stands, so it is checked, not skipped.
    pub fn skip(&mut self) {
        let answered =
            self.current() == Some(&Step::Week) && self.week.as_ref().is_some_and(|w| w.answered);
        self.leave(if answered {
            StepState::Done
        } else {
            StepState::Skipped
        });
    }

    fn leave(&mut self, state: StepState) {
        if let Some((_, s)) = self.steps.get_mut(self.at) {
            *s = state;
            self.at += 1;
        }
    }

    /// Back to the step before; its state and choices stay until changed.
    /// Nothing before the first.
    pub fn back(&mut self) {
        self.at = self.at.saturating_sub(1);
    }

    /// Follow today's file as it changed while the ritual is open, as Today
    /// does: a task done since is a win, one added is there to decide
    /// (carried, by default), one gone is gone. Choices made stay with their
    /// tasks; a carried pick whose task is no longer unfinished leaves the
    /// top 3.
    pub fn follow_today(&mut self, today: &Day) {
        self.wins = today
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .map(|t| t.title.clone())
            .collect();
        if !self.steps.iter().any(|(s, _)| *s == Step::Today) {
            return;
        }
        self.unfinished = today
            .unfinished()
            .map(|t| (t.id, t.title.clone()))
            .collect();
        let open: Vec<TaskId> = self.unfinished.iter().map(|(id, _)| *id).collect();
        self.choices.retain(|id, _| open.contains(id));
        for id in &open {
            self.choices.entry(*id).or_insert(TaskChoice::Carry);
        }
        let gone: Vec<Pick> = self
            .top
            .iter()
            .filter(|p| matches!(p, Pick::Carried(id) if !open.contains(id)))
            .cloned()
            .collect();
        for p in gone {
            self.unpick(&p);
        }
    }

    /// What got done today (the wins), counting tasks done in this ritual.
    #[must_use]
    pub fn wins(&self) -> Vec<String> {
        let mut wins = self.wins.clone();
        wins.extend(
            self.unfinished
                .iter()
                .filter(|(id, _)| self.choices.get(id) == Some(&TaskChoice::Done))
                .map(|(_, t)| t.clone()),
        );
        wins
    }

    /// Today's unfinished tasks with what becomes of each.
    #[must_use]
    pub fn unfinished(&self) -> Vec<(TaskId, &str, TaskChoice)> {
        self.unfinished
            .iter()
            .map(|(id, t)| (*id, t.as_str(), self.choice(*id)))
            .collect()
    }

    fn choice(&self, id: TaskId) -> TaskChoice {
        self.choices.get(&id).copied().unwrap_or(TaskChoice::Carry)
    }

    /// Decide an unfinished task. A task no longer carried leaves the top 3.
    ///
    /// # Errors
    /// It is not one of today's unfinished tasks.
    pub fn choose(&mut self, id: TaskId, choice: TaskChoice) -> Result<(), RitualRefusal> {
        if !self.unfinished.iter().any(|(t, _)| *t == id) {
            return Err(RitualRefusal::NoSuchTask(id));
        }
        self.choices.insert(id, choice);
        if choice != TaskChoice::Carry {
            self.unpick(&Pick::Carried(id));
        }
        Ok(())
    }

    /// Every unfinished task at once (`--carry all|none`).
    pub fn choose_all(&mut self, choice: TaskChoice) {
        let ids: Vec<TaskId> = self.unfinished.iter().map(|(id, _)| *id).collect();
        for id in ids {
            let _ = self.choose(id, choice);
        }
    }

    /// What the next work day may take as a top task: its own tasks, then
    /// today's carried ones, with their titles.
    #[must_use]
    pub fn candidates(&self) -> Vec<(Pick, String)> {
        let there = self
            .there
            .iter()
            .map(|(id, t)| (Pick::There(*id), t.clone()));
        let carried = self
            .unfinished
            .iter()
            .filter(|(id, _)| self.choice(*id) == TaskChoice::Carry)
            .map(|(id, t)| (Pick::Carried(*id), t.clone()));
        there.chain(carried).collect()
    }

    /// The title a pick stands for.
    #[must_use]
    pub fn title(&self, pick: &Pick) -> Option<String> {
        match pick {
            Pick::New(t) => Some(t.clone()),
            _ => self
                .candidates()
                .into_iter()
                .find(|(p, _)| p == pick)
                .map(|(_, t)| t),
        }
    }

    #[must_use]
    pub fn top(&self) -> &[Pick] {
        &self.top
    }

    #[must_use]
    pub fn first(&self) -> Option<&Pick> {
        self.first.as_ref()
    }

    /// Add a task to the top 3 (again: nothing changes).
    ///
    /// # Errors
    /// Three are picked already, the task is not there, a task of today is
    /// not carried, or a new title is empty.
    pub fn pick(&mut self, pick: Pick) -> Result<(), RitualRefusal> {
        let pick = match pick {
            Pick::New(t) => {
                let t = crate::core::text::clean_title(&t);
                if t.is_empty() {
                    return Err(RitualRefusal::EmptyTitle);
                }
                Pick::New(t)
            }
            Pick::There(id) if !self.there.iter().any(|(t, _)| *t == id) => {
                return Err(RitualRefusal::NoSuchTask(id));
            }
            Pick::Carried(id) if !self.unfinished.iter().any(|(t, _)| *t == id) => {
                return Err(RitualRefusal::NoSuchTask(id));
            }
            Pick::Carried(id) if self.choice(id) != TaskChoice::Carry => {
                return Err(RitualRefusal::NotCarried(id));
            }
            p => p,
        };
        if self.top.contains(&pick) {
            return Ok(());
        }
        if self.top.len() >= TOP_LIMIT {
            return Err(RitualRefusal::TopFull);
        }
        self.top.push(pick);
        if self.first.is_none() {
            self.first = self.top.first().cloned();
        }
        Ok(())
    }

    /// Take a task out of the top 3; the first task follows the top 3.
    pub fn unpick(&mut self, pick: &Pick) {
        self.top.retain(|p| p != pick);
        if self.first.as_ref() == Some(pick) {
            self.first = self.top.first().cloned();
        }
    }

    /// Add it when not picked, else take it out.
    ///
    /// # Errors
    /// As `pick`.
    pub fn toggle(&mut self, pick: Pick) -> Result<(), RitualRefusal> {
        if self.top.contains(&pick) {
            self.unpick(&pick);
            Ok(())
        } else {
            self.pick(pick)
        }
    }

    /// The task to start the next work day with (it goes first in its
    /// order); it need not be a top task.
    ///
    /// # Errors
    /// As `pick`, without the limit.
    pub fn set_first(&mut self, pick: Pick) -> Result<(), RitualRefusal> {
        if !self.top.contains(&pick) && self.title(&pick).is_none() {
            return Err(match pick {
                Pick::There(id) | Pick::Carried(id) => RitualRefusal::NoSuchTask(id),
                Pick::New(_) => RitualRefusal::EmptyTitle,
            });
        }
        self.first = Some(pick);
        Ok(())
    }

    /// What the ritual records, as walked so far.
    #[must_use]
    pub fn plan(&self) -> RitualPlan {
        let mut done = Vec::new();
        let mut carry = Vec::new();
        for (id, _) in &self.unfinished {
            match self.choice(*id) {
                TaskChoice::Done => done.push(*id),
                TaskChoice::Carry => carry.push((*id, true)),
                TaskChoice::Drop => carry.push((*id, false)),
                TaskChoice::Keep => {}
            }
        }
        let walked = |s: &Step| {
            self.steps
                .iter()
                .any(|(x, st)| x == s && *st == StepState::Done)
        };
        let steps = self
            .steps
            .iter()
            .filter(|(s, st)| matches!(s, Step::Own(_)) && *st == StepState::Done)
            .filter_map(|(s, _)| match s {
                Step::Own(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        RitualPlan {
            date: self.date,
            next_day: self.next_day,
            done,
            carry,
            top: self.top.clone(),
            first: self.first.clone(),
            steps,
            journal: walked(&Step::Journal),
            week: self.week.as_ref().map(|w| WeekPlan {
                week: w.week,
                one_thing: w.typed.clone(),
                happened: w.happened.filter(|_| w.answered),
                last_week: w.last_week,
            }),
            note: self.note.clone(),
        }
    }
}

impl RitualPlan {
    /// Today's edits: the tasks done after all, where you left off.
    #[must_use]
    pub fn today_ops(&self) -> Vec<DayOp> {
        let mut ops: Vec<DayOp> = self
            .done
            .iter()
            .map(|id| DayOp::SetDone {
                id: *id,
                done: true,
            })
            .collect();
        ops.push(DayOp::SetNote {
            note: self.note.clone(),
        });
        ops
    }

    /// The next day's edits, decided on its file as it is after the carry:
    /// exactly the picked tasks are top (the rest lose the flag), new ones
    /// are made, and the first task moves to the front. Ops on a copy first,
    /// so a new task's id is known before it is moved.
    ///
    /// # Errors
    /// An edit was refused (an empty title, ids used up).
    pub fn next_day_ops(&self, next: &Day) -> Result<Vec<DayOp>, Refusal> {
        let mut day = next.clone();
        let mut ops = Vec::new();
        let mut run = |day: &mut Day, op: DayOp| -> Result<Option<TaskId>, Refusal> {
            let applied = day.apply(op.clone())?;
            ops.push(op);
            Ok(applied.task)
        };
        let mut ids: Vec<(Pick, TaskId)> = Vec::new();
        for pick in &self.top {
            if let Some(id) = self.resolve(&day, pick) {
                ids.push((pick.clone(), id));
            }
        }
        let keep: Vec<TaskId> = ids.iter().map(|(_, id)| *id).collect();
        let unset: Vec<TaskId> = day
            .top_tasks()
            .map(|t| t.id)
            .filter(|id| !keep.contains(id))
            .collect();
        for id in unset {
            run(&mut day, DayOp::SetTop { id, top: false })?;
        }
        for pick in &self.top {
            match ids.iter().find(|(p, _)| p == pick) {
                Some((_, id)) if !day.task(*id).is_some_and(|t| t.top) => {
                    run(&mut day, DayOp::SetTop { id: *id, top: true })?;
                }
                Some(_) => {}
                None => {
                    if let Pick::New(title) = pick
                        && let Some(id) = run(
                            &mut day,
                            DayOp::AddTask {
                                title: title.clone(),
                                top: true,
                                estimate: None,
                            },
                        )?
                    {
                        ids.push((pick.clone(), id));
                    }
                }
            }
        }
        let first = match &self.first {
            Some(p) => ids
                .iter()
                .find(|(q, _)| q == p)
                .map(|(_, id)| *id)
                .or_else(|| self.resolve(&day, p)),
            None => None,
        };
        let at = first.and_then(|id| Some((id, day.active_tasks().position(|t| t.id == id)?)));
        if let Some((id, pos)) = at
            && pos > 0
        {
            let by = -i32::try_from(pos).unwrap_or(i32::MAX);
            run(&mut day, DayOp::MoveTask { id, by })?;
        }
        Ok(ops)
    }

    /// The task a pick names in the next day's file, when it is there.
    fn resolve(&self, next: &Day, pick: &Pick) -> Option<TaskId> {
        match pick {
            Pick::There(id) => next
                .task(*id)
                .filter(|t| t.status.is_active())
                .map(|t| t.id),
            Pick::Carried(id) => {
                let from = TaskRef {
                    date: self.date,
                    id: *id,
                };
                next.tasks
                    .iter()
                    .find(|t| t.carried_from == Some(from))
                    .map(|t| t.id)
            }
            // Made by an earlier run of the same plan (a retry): not twice.
            Pick::New(title) => next
                .active_tasks()
                .find(|t| t.title == *title)
                .map(|t| t.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shutdown::RitualKind;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn day_with(d: u32, tasks: &[(&str, bool)]) -> Day {
        let mut day = Day::new(date(d));
        for (title, top) in tasks {
            day.apply(DayOp::AddTask {
                title: (*title).into(),
                top: *top,
                estimate: None,
            })
            .unwrap();
        }
        day
    }

    fn own() -> Vec<String> {
        vec!["Close work apps".into(), "A short walk".into()]
    }

    #[test]
    fn a_work_day_walks_today_tomorrow_then_your_steps_and_back() {
        let today = day_with(23, &[("Report", true), ("Mail", false)]);
        let tomorrow = day_with(24, &[]);
        let mut r = Ritual::new(&today, &tomorrow, RitualKind::Full, &own(), false);
        assert_eq!(r.current(), Some(&Step::Today));
        r.next();
        assert_eq!(r.current(), Some(&Step::Tomorrow));
        r.back();
        assert_eq!(r.current(), Some(&Step::Today));
        assert_eq!(
            r.steps()[0].1,
            StepState::Done,
            "going back keeps the check"
        );
        r.next();
        r.next();
        assert_eq!(r.current(), Some(&Step::Own("Close work apps".into())));
        r.next();
        r.skip();
        assert!(r.finished());
        assert_eq!(r.current(), None);
        let plan = r.plan();
        assert_eq!(plan.steps, ["Close work apps"]);
        assert!(!plan.journal);
        // With a journal, its step comes after tomorrow.
        let r = Ritual::new(&today, &tomorrow, RitualKind::Full, &[], true);
        let steps: Vec<&Step> = r.steps().iter().map(|(s, _)| s).collect();
        assert_eq!(steps, [&Step::Today, &Step::Tomorrow, &Step::Journal]);
    }

    /// Friday's week step: last week's one thing unanswered, this week's
    /// recorded, both notes writable.
    fn week_ask() -> WeekAsk {
        WeekAsk {
            week: WeekId::of(date(27)),
            last_week: WeekId::of(date(27)).prev(),
            last_one_thing: Some("Lunch away from the desk".into()),
            happened: None,
            recorded: Some("Walk at noon".into()),
            typed: None,
            answered: false,
            last_writable: true,
            this_writable: true,
            problems: Vec::new(),
        }
    }

    #[test]
    fn the_week_step_answered_then_its_text_skipped_is_checked() {
        let today = day_with(27, &[]);
        let next = day_with(30, &[]);
        let ask = WeekAsk {
            recorded: None,
            ..week_ask()
        };
        let walk = |answer: bool| {
            let mut r =
                Ritual::new(&today, &next, RitualKind::Full, &[], false).with_week(ask.clone());
            r.next();
            r.next();
            assert_eq!(r.current(), Some(&Step::Week));
            if answer {
                r.answer_happened(true);
            }
            r.skip();
            r.steps()[2].1
        };
        assert_eq!(walk(true), StepState::Done, "the answer given stands");
        assert_eq!(walk(false), StepState::Skipped);
    }

    #[test]
    fn the_week_step_comes_after_tomorrow_and_records_only_answers_given() {
        let today = day_with(27, &[]);
        let next = day_with(30, &[]);
        let ask = week_ask();
        let mut r =
            Ritual::new(&today, &next, RitualKind::Full, &own(), true).with_week(ask.clone());
        let steps: Vec<&Step> = r.steps().iter().map(|(s, _)| s).collect();
        assert_eq!(
            steps[..4],
            [&Step::Today, &Step::Tomorrow, &Step::Week, &Step::Journal]
        );
        assert!(r.week().unwrap().asks_last_week());
        // Walked without answers: nothing to write.
        let plan = r.plan().week.unwrap();
        assert_eq!((plan.one_thing, plan.happened), (None, None));
        assert!(r.answer_happened(false));
        r.set_one_thing("  ");
        assert_eq!(
            r.week().unwrap().one_thing(),
            Some("Walk at noon"),
            "empty keeps"
        );
        r.set_one_thing("Close the laptop\nat six");
        let plan = r.plan().week.unwrap();
        assert_eq!(plan.one_thing.as_deref(), Some("Close the laptop at six"));
        assert_eq!(plan.happened, Some(false));
        assert_eq!(plan.last_week, ask.week.prev());
        // An earlier week's unanswered one thing: its answer goes to it.
        let earlier = ask.week.prev().prev();
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &own(), true).with_week(WeekAsk {
            last_week: earlier,
            ..ask.clone()
        });
        assert!(r.week().unwrap().asks_earlier_week());
        assert!(r.answer_happened(true));
        let plan = r.plan().week.unwrap();
        assert_eq!((plan.happened, plan.last_week), (Some(true), earlier));
        // Without last week's one thing there is nothing to answer.
        let none = WeekAsk {
            last_one_thing: None,
            ..ask.clone()
        };
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &own(), true).with_week(none);
        assert!(!r.answer_happened(true));
        assert_eq!(r.plan().week.unwrap().happened, None);
        // Notes that cannot be written take no answers; the step still stands.
        let stuck = WeekAsk {
            last_writable: false,
            this_writable: false,
            problems: vec!["weeks/2026/2026-W48.toml:2: cannot read".into()],
            ..ask.clone()
        };
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &own(), true).with_week(stuck);
        assert!(!r.week().unwrap().asks_last_week());
        assert!(!r.answer_happened(true));
        r.set_one_thing("Close the laptop");
        let plan = r.plan().week.unwrap();
        assert_eq!((plan.one_thing, plan.happened), (None, None));
        // A sick day's rest has no week step.
        let r = Ritual::new(&today, &next, RitualKind::Rest, &[], false).with_week(ask);
        assert!(r.week().is_none());
    }

    #[test]
    fn a_sick_day_has_one_step_and_a_day_off_none() {
        let today = day_with(23, &[("Report", false)]);
        let next = day_with(24, &[]);
        let r = Ritual::new(&today, &next, RitualKind::Rest, &own(), true);
        assert_eq!(r.steps(), [(Step::Rest, StepState::Pending)]);
        assert!(r.plan().carry.is_empty(), "a sick day carries nothing");
        let r = Ritual::new(&today, &next, RitualKind::None, &own(), true);
        assert!(r.finished());
    }

    #[test]
    fn unfinished_tasks_are_carried_by_default_and_decided_one_by_one() {
        let mut today = day_with(23, &[("Report", false), ("Mail", false), ("Call", false)]);
        today
            .apply(DayOp::SetDone {
                id: TaskId(3),
                done: true,
            })
            .unwrap();
        let mut r = Ritual::new(&today, &day_with(24, &[]), RitualKind::Full, &[], false);
        assert_eq!(r.wins(), ["Call"]);
        r.choose(TaskId(1), TaskChoice::Done).unwrap();
        r.choose(TaskId(2), TaskChoice::Drop).unwrap();
        assert_eq!(
            r.choose(TaskId(3), TaskChoice::Drop),
            Err(RitualRefusal::NoSuchTask(TaskId(3)))
        );
        assert_eq!(r.wins(), ["Call", "Report"]);
        let plan = r.plan();
        assert_eq!(plan.done, [TaskId(1)]);
        assert_eq!(plan.carry, [(TaskId(2), false)]);
        assert_eq!(
            plan.today_ops(),
            [
                DayOp::SetDone {
                    id: TaskId(1),
                    done: true
                },
                DayOp::SetNote { note: None }
            ]
        );
        r.set_note("  Halfway the \u{1b}[31mreport ");
        assert_eq!(
            r.plan().today_ops().last(),
            Some(&DayOp::SetNote {
                note: Some("Halfway the [31mreport".into())
            }),
            "one line, no control characters"
        );
    }

    #[test]
    fn tomorrow_keeps_its_tops_pre_chosen_and_takes_at_most_three() {
        let today = day_with(23, &[("Report", false)]);
        let next = day_with(24, &[("Plan Q1", true), ("Review", false)]);
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &[], false);
        assert_eq!(r.top(), [Pick::There(TaskId(1))]);
        assert_eq!(r.first(), Some(&Pick::There(TaskId(1))));
        r.pick(Pick::Carried(TaskId(1))).unwrap();
        r.pick(Pick::New("  Budget \n".into())).unwrap();
        assert_eq!(r.pick(Pick::There(TaskId(2))), Err(RitualRefusal::TopFull));
        assert_eq!(r.top()[2], Pick::New("Budget".into()));
        // Dropping a carried top task takes it out of the top 3.
        r.choose(TaskId(1), TaskChoice::Drop).unwrap();
        assert_eq!(r.top().len(), 2);
        assert_eq!(
            r.pick(Pick::Carried(TaskId(1))),
            Err(RitualRefusal::NotCarried(TaskId(1)))
        );
        assert_eq!(
            r.pick(Pick::New(" ".into())),
            Err(RitualRefusal::EmptyTitle)
        );
        r.toggle(Pick::There(TaskId(1))).unwrap();
        assert_eq!(r.first(), Some(&Pick::New("Budget".into())));
    }

    #[test]
    fn the_ritual_follows_todays_file_keeping_its_choices() {
        let mut today = day_with(23, &[("Report", true), ("Mail", false), ("Call", false)]);
        let next = day_with(24, &[]);
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &[], false);
        r.choose(TaskId(2), TaskChoice::Drop).unwrap();
        assert_eq!(r.top(), [Pick::Carried(TaskId(1))]);
        for op in [
            DayOp::SetDone {
                id: TaskId(1),
                done: true,
            },
            DayOp::AddTask {
                title: "Budget".into(),
                top: false,
                estimate: None,
            },
        ] {
            today.apply(op).unwrap();
        }
        r.follow_today(&today);
        assert_eq!(r.wins(), ["Report"]);
        let rows: Vec<_> = r
            .unfinished()
            .into_iter()
            .map(|(id, t, c)| (id.0, t.to_string(), c))
            .collect();
        assert_eq!(
            rows,
            [
                (2, "Mail".into(), TaskChoice::Drop),
                (3, "Call".into(), TaskChoice::Carry),
                (4, "Budget".into(), TaskChoice::Carry),
            ]
        );
        assert!(r.top().is_empty(), "Report is done, no longer carried");
    }

    #[test]
    fn todays_open_top_tasks_come_pre_chosen_after_tomorrows() {
        let today = day_with(23, &[("Report", true), ("Mail", false), ("Done", true)]);
        let mut today = today;
        today
            .apply(DayOp::SetDone {
                id: TaskId(3),
                done: true,
            })
            .unwrap();
        let next = day_with(24, &[("Plan Q1", true)]);
        let r = Ritual::new(&today, &next, RitualKind::Full, &[], false);
        assert_eq!(r.top(), [Pick::There(TaskId(1)), Pick::Carried(TaskId(1))]);
    }

    /// The next day's file after the ritual: exactly the picks are top, a
    /// new title is a new top task, a carried task is top there, and the
    /// first task is first in its order.
    #[test]
    fn the_next_days_edits_set_the_top_three_and_the_first_task() {
        let today = day_with(23, &[("Report", false), ("Mail", false)]);
        let mut next = day_with(24, &[("Old top", true), ("Review", false)]);
        let mut r = Ritual::new(&today, &next, RitualKind::Full, &[], false);
        r.unpick(&Pick::There(TaskId(1)));
        r.pick(Pick::There(TaskId(2))).unwrap();
        r.pick(Pick::Carried(TaskId(2))).unwrap();
        r.pick(Pick::New("Budget".into())).unwrap();
        r.set_first(Pick::New("Budget".into())).unwrap();
        let plan = r.plan();
        // The carry (done by the store) comes first.
        for (id, carry) in &plan.carry {
            let t = today.task(*id).unwrap();
            if *carry {
                next.apply(DayOp::CarryIn {
                    from: TaskRef {
                        date: date(23),
                        id: *id,
                    },
                    title: t.title.clone(),
                    estimate: None,
                    top: false,
                })
                .unwrap();
            }
        }
        for op in plan.next_day_ops(&next).unwrap() {
            next.apply(op).unwrap();
        }
        let order: Vec<(&str, bool)> = next
            .active_tasks()
            .map(|t| (t.title.as_str(), t.top))
            .collect();
        assert_eq!(
            order,
            [
                ("Budget", true),
                ("Old top", false),
                ("Review", true),
                ("Report", false),
                ("Mail", true),
            ]
        );
        // Again on the result: nothing more to do.
        let mut again = plan.clone();
        again.top = vec![Pick::There(TaskId(2)), Pick::Carried(TaskId(2))];
        again.first = None;
        assert_eq!(
            again.next_day_ops(&next).unwrap().len(),
            1,
            "only Budget un-topped"
        );
    }
}
