//! Doing what the rooms ask for: edits become commands for the loop, popups
//! open and close, the check-in starts and ends, the coach is asked.

use chrono::{DateTime, Utc};

use super::{App, Cmd, Origin};
use crate::coach_runtime::intent::Intent;
use crate::core::day::DayOp;
use crate::t;
use crate::tui::effect::Effect;
use crate::tui::popup::Popup;

impl App {
    /// Do what the rooms asked, in order; the commands for the loop.
    pub(super) fn apply(&mut self, effects: Vec<Effect>, now: DateTime<Utc>) -> Vec<Cmd> {
        let mut cmds = Vec::new();
        for effect in effects {
            match effect {
                Effect::Edit(op) => {
                    if let DayOp::DeleteTask { id } = op {
                        self.today.deleting(&self.day, id);
                    }
                    cmds.push(self.cmd(op, Origin::Edit));
                }
                Effect::Record(op) => cmds.push(self.cmd(op, Origin::Record)),
                Effect::Intent(intent) => cmds.extend(self.coach_intent(intent, now)),
                Effect::Cmd(cmd) => cmds.push(cmd),
                Effect::Open(p) => self.open(p),
                Effect::Close => self.popup = None,
                Effect::Banner { text, error } => self.set_banner(text, error),
                Effect::Checkin => cmds.extend(self.restart_checkin()),
                Effect::FinishCheckin { feeling } => cmds.push(self.finish_checkin(feeling, now)),
                Effect::Undo => cmds.extend(self.undo()),
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

    fn open(&mut self, p: Popup) {
        // Every input ends in an edit: say at once that it cannot be saved.
        if p.edits()
            && let Some(why) = self.read_only.clone()
        {
            self.set_banner(why, true);
            return;
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
            cmds.push(Cmd::CloseNotice);
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

    fn undo(&mut self) -> Vec<Cmd> {
        if let Some((date, op)) = self.undo.pop() {
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
