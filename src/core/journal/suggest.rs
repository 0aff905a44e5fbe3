//! What the evening form offers from the day's plan: its meetings as the
//! conversations, the tasks done as the wins. A suggestion already on
//! record (the same name, the same win, as the entry keeps them) is not
//! offered again, so each pick takes the next one.

use super::{Entry, How, JournalOp};
use crate::core::day::{Day, Place};
use crate::core::plan::BlockKind;
use crate::core::text::clean_title;

/// The day's suggestions not yet on record, in plan order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggested {
    /// A meeting's title and how it was held: on video for a video call,
    /// else by phone on a day at home, else in person.
    pub talks: Vec<(String, How)>,
    /// The titles of the tasks done.
    pub wins: Vec<String>,
}

impl Suggested {
    /// The edit that records the first suggested conversation.
    #[must_use]
    pub fn next_talk(&self) -> Option<JournalOp> {
        self.talks.first().map(|(who, how)| JournalOp::AddContact {
            who: who.clone(),
            how: *how,
        })
    }

    /// The edit that records the first suggested win.
    #[must_use]
    pub fn next_win(&self) -> Option<JournalOp> {
        self.wins.first().cloned().map(JournalOp::AddWin)
    }
}

/// The meetings of `day` and its tasks done that `entry` does not hold yet.
#[must_use]
pub fn suggest(day: &Day, entry: &Entry) -> Suggested {
    let at_home = day.place == Some(Place::Home);
    let mut talks: Vec<(String, How)> = Vec::new();
    for b in day.blocks.iter().filter(|b| b.kind == BlockKind::Meeting) {
        let who = clean_title(&b.title);
        let how = match (b.video, at_home) {
            (true, _) => How::Video,
            (false, true) => How::Call,
            (false, false) => How::InPerson,
        };
        let known = entry.contacts.iter().any(|c| c.who == who && c.how == how);
        let twice = talks.iter().any(|(w, h)| *w == who && *h == how);
        if !who.is_empty() && !known && !twice {
            talks.push((who, how));
        }
    }
    let mut wins: Vec<String> = Vec::new();
    for t in day.tasks.iter().filter(|t| t.is_done()) {
        let win = clean_title(&t.title);
        if !win.is_empty() && !entry.wins.contains(&win) && !wins.contains(&win) {
            wins.push(win);
        }
    }
    Suggested { talks, wins }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::core::day::DayOp;
    use crate::core::plan::TaskId;

    fn day() -> Day {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut d = Day::new(date);
        let ops = [
            DayOp::AddBlock {
                span: "10:00-10:30".parse().unwrap(),
                title: "Standup".into(),
                kind: BlockKind::Meeting,
                video: true,
            },
            DayOp::AddBlock {
                span: "13:00-15:00".parse().unwrap(),
                title: "Deep work".into(),
                kind: BlockKind::Focus,
                video: false,
            },
            DayOp::AddBlock {
                span: "15:00-15:30".parse().unwrap(),
                title: "Lunch with Lena".into(),
                kind: BlockKind::Meeting,
                video: false,
            },
            DayOp::AddTask {
                title: "Ship the release".into(),
                top: true,
                estimate: None,
            },
            DayOp::AddTask {
                title: "Water the plants".into(),
                top: false,
                estimate: None,
            },
            DayOp::SetDone {
                id: TaskId(1),
                done: true,
            },
        ];
        for op in ops {
            d.apply(op).unwrap();
        }
        d
    }

    #[test]
    fn meetings_are_offered_as_talks_and_tasks_done_as_wins() {
        let d = day();
        let mut entry = Entry::new(d.date);
        let s = suggest(&d, &entry);
        assert_eq!(
            s.talks,
            [
                ("Standup".to_string(), How::Video),
                ("Lunch with Lena".to_string(), How::InPerson)
            ]
        );
        assert_eq!(s.wins, ["Ship the release"]);
        // Each pick recorded is offered no more: the next one comes up.
        for op in [s.next_talk(), s.next_win()].into_iter().flatten() {
            entry.apply(op).unwrap();
        }
        let s = suggest(&d, &entry);
        assert_eq!(s.talks, [("Lunch with Lena".to_string(), How::InPerson)]);
        assert!(s.wins.is_empty() && s.next_win().is_none());
        // At home a meeting without video was a call.
        let mut home = d.clone();
        home.place = Some(Place::Home);
        let s = suggest(&home, &entry);
        assert_eq!(s.talks, [("Lunch with Lena".to_string(), How::Call)]);
    }
}
