//! Doing what the rooms ask for: edits become commands for the loop, popups
//! open and close, the check-in starts and ends, the coach is asked.

use chrono::{DateTime, Utc};

use super::{App, Cmd, Origin};
use crate::coach_runtime::intent::Intent;
use crate::core::day::DayOp;
use crate::t;
use crate::tui::effect::Effect;
use crate::tui::popup::Popup;
use crate::tui::popup::input::{Input, InputPurpose};

impl App {
    /// Do what the rooms asked, in order; the commands for the loop.
    pub(super) fn apply(&mut self, effects: Vec<Effect>, now: DateTime<Utc>) -> Vec<Cmd> {
        let mut cmds = Vec::new();
        for effect in effects {
            match effect {
                // Plan edits go to the day shown; records are today's.
                Effect::Edit(op) => {
                    if let DayOp::DeleteTask { id } = op {
                        let shown = self.other.as_ref().map_or(&self.day, |o| &o.day);
                        self.today.deleting(shown, id);
                    }
                    // A task done or edited today before the start is a sign
                    // the day's work has begun (`Coach::first_work`),
                    // recorded beside it.
                    let sign = if self.shown_date() == self.date {
                        let ops = std::slice::from_ref(&op);
                        crate::coach_runtime::sign_of_work(&self.config, &self.day, ops, now)
                    } else {
                        None
                    };
                    cmds.push(Cmd::Apply {
                        date: self.shown_date(),
                        op,
                        origin: Origin::Edit,
                    });
                    cmds.extend(sign.map(|op| self.cmd(op, Origin::Record)));
                }
                Effect::ShowDay(date) => cmds.extend(self.show_day(date)),
                Effect::Record(op) => cmds.push(self.cmd(op, Origin::Record)),
                Effect::Intent(intent) => cmds.extend(self.coach_intent(intent, now)),
                Effect::Cmd(cmd) => cmds.push(cmd),
                Effect::Open(p) => self.open(p),
                Effect::Close => self.popup = None,
                Effect::Banner { text, error } => self.set_banner(text, error),
                // In the evening of a day with no check-in: worked today
                // after all? From when to when (Esc: no).
                Effect::Checkin if self.evening_without_work(now) => {
                    cmds.extend(self.show_day(self.date));
                    let hours = self
                        .work_hours()
                        .map(|h| format!("{}-{}", h.start, h.end))
                        .unwrap_or_default();
                    self.open(Input::open(InputPurpose::WorkedFromTo, &hours));
                }
                Effect::Checkin => {
                    // The check-in is today's: show today under it.
                    cmds.extend(self.show_day(self.date));
                    cmds.extend(self.restart_checkin());
                }
                Effect::FinishCheckin { feeling, stopped } => {
                    cmds.push(self.finish_checkin(feeling, now));
                    cmds.extend(self.missed_cmd(stopped, now));
                    // Today's feeling may start (or end) a run of low ones.
                    cmds.push(Cmd::LoadNudge);
                }
                Effect::FinishRitual { now: yes } => {
                    if let Some(r) = &mut self.ritual {
                        cmds.extend(r.finish(yes.then_some(now), now));
                    }
                }
                Effect::BackToWork => cmds.push(Cmd::Evening {
                    date: self.date,
                    start: true,
                    at: now,
                }),
                Effect::Undo => cmds.extend(self.undo()),
                Effect::Nudge { rule, answer } => cmds.extend(self.answer_nudge(rule, answer)),
            }
        }
        cmds
    }

    fn cmd(&self, op: DayOp, origin: Origin) -> Cmd {
        Cmd::Apply {
            date: self.date,
            op,
            origin,
        }
    }

    /// Today on `date`: today's own day at once, another read from its file.
    fn show_day(&mut self, date: chrono::NaiveDate) -> Vec<Cmd> {
        if date == self.date {
            if self.other.take().is_some() {
                self.fix_selection();
            }
            return Vec::new();
        }
        vec![Cmd::LoadDay { date }]
    }

    fn open(&mut self, p: Popup) {
        // Every input ends in an edit: say at once that it cannot be saved,
        // in a read-only directory or on a day whose file cannot be read
        // (it is left as it is). A text box opens all the same, saying so,
        // so what the user types next lands in it and not on the screen's
        // keys; a chooser is not opened.
        let refused = if p.edits() {
            self.read_only
                .clone()
                .or_else(|| self.shown_unreadable().map(crate::store::Corrupt::describe))
        } else {
            None
        };
        let mut p = p;
        if let Some(why) = refused {
            let Popup::Input(i) = &mut p else {
                self.set_banner(why, true);
                return;
            };
            i.refuse(why);
        }
        if let Popup::Input(i) = &mut p {
            let key = i.draft_key(self.shown_date());
            if let Some(at) = self.input_drafts.iter().position(|(k, _)| *k == key) {
                let (key, text) = self.input_drafts.remove(at);
                i.offer(&text);
                self.dropped_drafts.push(key);
            }
        }
        self.popup = Some(p);
    }

    /// Ask the store to decide `intent` on the day on disk (another kot may
    /// have answered the break meanwhile); `intent_done` takes the answer.
    pub(super) fn coach_intent(&mut self, intent: Intent, now: DateTime<Utc>) -> Vec<Cmd> {
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
        if intent.closes_notice() {
            cmds.push(Cmd::CloseNotice(crate::notice::Slot::Break));
        }
        cmds
    }

    /// `c`: the check-in again, with the earlier day read anew.
    fn restart_checkin(&mut self) -> Vec<Cmd> {
        if let Some(why) = self.read_only.clone() {
            self.set_banner(why, true);
            return Vec::new();
        }
        if self.unreadable().is_some() {
            return Vec::new();
        }
        self.start_checkin();
        vec![Cmd::LoadPrevious]
    }

    fn finish_checkin(&mut self, feeling: Option<u8>, now: DateTime<Utc>) -> Cmd {
        self.checkin = None;
        let at = crate::coach_runtime::local_stamp(now);
        self.fix_selection();
        self.cmd(DayOp::FinishCheckin { at, feeling }, Origin::Record)
    }

    /// `D` / `Z`: the nudge goes at once, the answer is recorded, and the
    /// banner says when it may come back.
    fn answer_nudge(
        &mut self,
        rule: crate::core::nudges::Rule,
        answer: crate::core::nudges::Answer,
    ) -> Vec<Cmd> {
        use crate::core::nudges::{Answer, SNOOZE_DAYS};
        if let Some(why) = self.read_only.clone() {
            self.set_banner(why, true);
            return Vec::new();
        }
        self.nudge = None;
        let text = match answer {
            Answer::Dismiss => t!("nudge.dismissed"),
            Answer::Snooze => {
                let until = self.date + chrono::Days::new(SNOOZE_DAYS);
                t!(
                    "nudge.snoozed",
                    date = crate::tui::widgets::short_date(until)
                )
            }
        };
        self.set_banner(text, false);
        vec![Cmd::Nudge {
            date: self.date,
            rule,
            answer,
        }]
    }

    fn undo(&mut self) -> Vec<Cmd> {
        if let Some((date, op)) = self.undo.pop() {
            // Never silently: an undo may reach back past what is in view.
            let day = match &self.other {
                Some(o) if o.date == date => &o.day,
                _ => &self.day,
            };
            let what = undone(&op, day);
            self.set_banner(t!("undo.done", what = what), false);
            return vec![Cmd::Apply {
                date,
                op,
                origin: Origin::Undo,
            }];
        }
        self.set_banner(t!("tui.nothing_to_undo"), false);
        Vec::new()
    }
}

/// What undoing with `op` (the inverse of an edit) takes back, in words.
fn undone(op: &DayOp, day: &crate::core::day::Day) -> String {
    let task = |id| {
        day.task(id)
            .map(|t| crate::tui::widgets::shown(&t.title))
            .unwrap_or_default()
    };
    let block = |id| {
        day.blocks
            .iter()
            .find(|b| b.id == id)
            .map(|b| crate::tui::widgets::shown(&b.title))
            .unwrap_or_default()
    };
    match op {
        DayOp::DeleteTask { id } => t!("undo.add_task", title = task(*id)),
        DayOp::RestoreTask { task, .. } => t!(
            "undo.delete_task",
            title = crate::tui::widgets::shown(&task.title)
        ),
        DayOp::SetTitle { id, .. } => t!("undo.title", title = task(*id)),
        DayOp::SetEstimate { id, .. } => t!("undo.estimate", title = task(*id)),
        DayOp::SetDone { id, done: false } => t!("undo.done_task", title = task(*id)),
        DayOp::SetDone { id, done: true } => t!("undo.reopen_task", title = task(*id)),
        DayOp::SetTop { id, .. } => t!("undo.top", title = task(*id)),
        DayOp::MoveTask { id, .. } => t!("undo.move", title = task(*id)),
        DayOp::DeleteBlock { id } => t!("undo.add_block", title = block(*id)),
        DayOp::RestoreBlock { block, .. } => t!(
            "undo.delete_block",
            title = crate::tui::widgets::shown(&block.title)
        ),
        DayOp::EditBlock { id, .. } => t!("undo.edit_block", title = block(*id)),
        DayOp::SetPlace { place, .. } => {
            let now = day
                .place
                .map(|p| t!(&format!("place.{}", p.name())))
                .unwrap_or_default();
            let back = place.map_or_else(
                || t!("undo.no_place"),
                |p| t!(&format!("place.{}", p.name())),
            );
            t!("undo.place", back = back, now = now)
        }
        _ => t!("undo.edit"),
    }
}
