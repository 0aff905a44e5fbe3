//! One line of facts per day, from the journal entry and the day file
//! together: what the month calendar, `kot journal list` and the weekly
//! review show (mood, the morning feeling, office or home, contact).

use chrono::NaiveDate;
use serde::Serialize;

use super::{ContactState, Entry};
use crate::core::day::{Day, Place};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaySummary {
    pub date: NaiveDate,
    /// The evening mood from the journal.
    pub mood: Option<u8>,
    /// The morning check-in's feeling from the day file.
    pub feeling: Option<u8>,
    /// Where the day was spent, from the day file.
    #[serde(serialize_with = "place_name")]
    pub place: Option<Place>,
    pub contact: ContactState,
    pub tags: Vec<String>,
    /// The first line of the text with something in it.
    pub first_line: String,
    /// A journal entry with anything in it exists for the day.
    pub has_entry: bool,
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
fn place_name<S: serde::Serializer>(p: &Option<Place>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(p.name()),
        None => s.serialize_none(),
    }
}

/// The facts of `date`; either file may be missing.
#[must_use]
pub fn summarize(date: NaiveDate, entry: Option<&Entry>, day: Option<&Day>) -> DaySummary {
    let entry = entry.filter(|e| !e.is_empty());
    DaySummary {
        date,
        mood: entry.and_then(|e| e.mood),
        feeling: day.and_then(|d| d.checkin.as_ref()?.feeling),
        place: day.and_then(|d| d.place),
        contact: entry.map_or(ContactState::Unknown, Entry::contact_state),
        tags: entry.map(Entry::tags).unwrap_or_default(),
        first_line: entry
            .map(|e| e.first_line().to_string())
            .unwrap_or_default(),
        has_entry: entry.is_some(),
    }
}

/// How many days of `days` had contact, none, or are unknown (in that order).
#[must_use]
pub fn contact_counts(days: &[DaySummary]) -> (usize, usize, usize) {
    days.iter().fold((0, 0, 0), |(k, n, u), d| match d.contact {
        ContactState::Known => (k + 1, n, u),
        ContactState::None => (k, n + 1, u),
        ContactState::Unknown => (k, n, u + 1),
    })
}

/// The average of the scores present, in tenths (34 is 3.4); `None` when
/// there are none.
#[must_use]
pub fn average_tenths(scores: impl Iterator<Item = Option<u8>>) -> Option<u32> {
    let (sum, n) = scores
        .flatten()
        .fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| (sum * 10 + n / 2) / n)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::core::journal::{How, JournalOp};

    #[test]
    fn a_day_combines_both_files() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut day = Day::new(date);
        day.place = Some(Place::Office);
        let mut e = Entry::new(date);
        e.mood = Some(2);
        e.text = "\n  Eerste regel #werk\nmeer".into();
        e.apply(JournalOp::AddContact {
            who: "Lena".into(),
            how: How::InPerson,
        })
        .unwrap();
        let s = summarize(date, Some(&e), Some(&day));
        assert_eq!(s.place, Some(Place::Office));
        assert_eq!(s.mood, Some(2));
        assert_eq!(s.contact, ContactState::Known);
        assert_eq!(s.first_line, "Eerste regel #werk");
        assert_eq!(s.tags, ["werk"]);
        let none = summarize(date, None, None);
        assert_eq!(none.contact, ContactState::Unknown);
        assert!(!none.has_entry);
        assert_eq!(contact_counts(&[s, none]), (1, 0, 1));
        assert_eq!(
            average_tenths([Some(3), None, Some(4)].into_iter()),
            Some(35)
        );
        assert_eq!(average_tenths([None].into_iter()), None);
    }
}
