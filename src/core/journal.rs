//! The journal: one entry per day, kept apart from the day's plan (its own file,
//! `journal/YYYY/YYYY-MM-DD.toml`, so plans can be synced without it). Scores,
//! real conversations, wins and free text with `#tags`; every edit is a
//! `JournalOp`, applied by `Entry::apply` for the CLI and the TUI alike.
//!
//! Pure: no files, no clock. Search, the per-day summary for the calendar and
//! the jrnl import parser live in the submodules.

pub mod jrnl;
pub mod search;
pub mod stamped;
pub mod suggest;
pub mod summary;
pub mod tags;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::day::{UNSET_DATE, file_date};

/// The newest journal-file format this kot reads and writes. A file with a
/// higher number came from a newer kot: it is shown, never rewritten.
pub const SCHEMA: u32 = 1;

/// The lowest and highest score of every scale.
pub const SCORE_MIN: u8 = 1;
pub const SCORE_MAX: u8 = 5;

/// The five things rated from 1 to 5: how the day felt, and the three needs
/// behind motivation (self-determination theory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scale {
    Mood,
    Energy,
    Autonomy,
    Competence,
    Relatedness,
}

impl Scale {
    pub const ALL: [Self; 5] = [
        Self::Mood,
        Self::Energy,
        Self::Autonomy,
        Self::Competence,
        Self::Relatedness,
    ];

    /// The key in the file, the CLI flag and the search filter (`mood<=2`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Mood => "mood",
            Self::Energy => "energy",
            Self::Autonomy => "autonomy",
            Self::Competence => "competence",
            Self::Relatedness => "relatedness",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The catalogue key of its name (`journal.scale.mood`).
    #[must_use]
    pub const fn label_key(self) -> &'static str {
        match self {
            Self::Mood => "journal.scale.mood",
            Self::Energy => "journal.scale.energy",
            Self::Autonomy => "journal.scale.autonomy",
            Self::Competence => "journal.scale.competence",
            Self::Relatedness => "journal.scale.relatedness",
        }
    }

    /// The catalogue key of the one line that explains a need, which the
    /// evening form shows beside it; `None` for mood and energy.
    #[must_use]
    pub const fn about_key(self) -> Option<&'static str> {
        match self {
            Self::Autonomy => Some("journal.need.autonomy"),
            Self::Competence => Some("journal.need.competence"),
            Self::Relatedness => Some("journal.need.relatedness"),
            Self::Mood | Self::Energy => None,
        }
    }
}

/// How a conversation happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    InPerson,
    Call,
    Video,
    Chat,
}

impl How {
    pub const ALL: [Self; 4] = [Self::InPerson, Self::Call, Self::Video, Self::Chat];

    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::InPerson => "in-person",
            Self::Call => "call",
            Self::Video => "video",
            Self::Chat => "chat",
        }
    }

    /// `in-person`, `call`, `video` or `chat`, any case; `None` otherwise.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|h| h.name() == s)
    }
}

/// A real conversation of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub who: String,
    pub how: How,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// Whether the day had contact: a day with neither contacts nor `no_contact`
/// is unknown, never counted as lonely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactState {
    Known,
    None,
    Unknown,
}

/// Everything in `journal/YYYY/YYYY-MM-DD.toml`. Every field is optional;
/// keys this kot does not know are kept as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default = "base_schema")]
    pub schema: u32,
    /// A hand-written file may leave it out: the file name says it.
    #[serde(default = "unset_date", with = "file_date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autonomy: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competence: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relatedness: Option<u8>,
    /// Said explicitly: there was no real conversation today.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_contact: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<String>,
    /// Free text, any length, with `#tags`; never ends in blank lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Last: TOML writes arrays of tables after the plain keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

const fn base_schema() -> u32 {
    SCHEMA
}

const fn unset_date() -> NaiveDate {
    UNSET_DATE
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// An edit of one day's journal.
#[derive(Debug, Clone, PartialEq)]
pub enum JournalOp {
    /// A paragraph of its own, starting with the local time `HH:MM` of `at`
    /// (like jrnl's stamped entries).
    Append {
        at: DateTime<FixedOffset>,
        text: String,
    },
    /// A paragraph of its own, unless the text already holds it as a whole
    /// entry (`stamped::holds_entry`: the same stamp and text, whitespace
    /// aside): an imported entry, so that importing twice adds nothing.
    AppendOnce {
        text: String,
    },
    /// The whole text, as written in an editor. With `was` (the text as it was
    /// read, unchanged), refused when the text changed meanwhile (another kot
    /// appended while the editor was open).
    SetText {
        text: String,
        was: Option<String>,
    },
    /// Set a score, or clear it with `None`.
    Rate {
        scale: Scale,
        value: Option<u8>,
    },
    /// A conversation; the same one twice is kept once. Says there was contact.
    AddContact {
        who: String,
        how: How,
    },
    RemoveContact {
        who: String,
        how: How,
    },
    /// There was no real conversation today (or, `false`, take that back).
    SetNoContact(bool),
    /// A win; the same line twice is kept once.
    AddWin(String),
    RemoveWin(String),
}

/// Why an edit was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    BadScore {
        scale: Scale,
        value: u8,
    },
    EmptyName,
    EmptyWin,
    EmptyText,
    /// `no_contact` on a day that lists conversations.
    HasContacts,
    /// The text changed on disk since the editor was opened.
    TextChanged,
}

impl Entry {
    #[must_use]
    pub fn new(date: NaiveDate) -> Self {
        Self {
            schema: SCHEMA,
            date,
            mood: None,
            energy: None,
            autonomy: None,
            competence: None,
            relatedness: None,
            no_contact: false,
            wins: Vec::new(),
            text: String::new(),
            contacts: Vec::new(),
            extra: toml::Table::new(),
        }
    }

    #[must_use]
    pub const fn score(&self, scale: Scale) -> Option<u8> {
        match scale {
            Scale::Mood => self.mood,
            Scale::Energy => self.energy,
            Scale::Autonomy => self.autonomy,
            Scale::Competence => self.competence,
            Scale::Relatedness => self.relatedness,
        }
    }

    const fn score_mut(&mut self, scale: Scale) -> &mut Option<u8> {
        match scale {
            Scale::Mood => &mut self.mood,
            Scale::Energy => &mut self.energy,
            Scale::Autonomy => &mut self.autonomy,
            Scale::Competence => &mut self.competence,
            Scale::Relatedness => &mut self.relatedness,
        }
    }

    /// The first score outside 1..=5 (a hand edit), to report the file.
    #[must_use]
    pub fn bad_score(&self) -> Option<(Scale, u8)> {
        Scale::ALL.into_iter().find_map(|s| {
            self.score(s)
                .filter(|v| !(SCORE_MIN..=SCORE_MAX).contains(v))
                .map(|v| (s, v))
        })
    }

    #[must_use]
    pub fn contact_state(&self) -> ContactState {
        if !self.contacts.is_empty() {
            ContactState::Known
        } else if self.no_contact {
            ContactState::None
        } else {
            ContactState::Unknown
        }
    }

    /// The `#tags` of the text, each once (first spelling), in order.
    #[must_use]
    pub fn tags(&self) -> Vec<String> {
        tags::tags(&self.text)
    }

    /// `@names` in the text that are not yet contacts: offered as contacts.
    #[must_use]
    pub fn offered_contacts(&self) -> Vec<String> {
        tags::mentions(&self.text)
            .into_iter()
            .filter(|m| !self.contacts.iter().any(|c| c.who.eq_ignore_ascii_case(m)))
            .collect()
    }

    /// The first line of the text with something in it (for lists).
    #[must_use]
    pub fn first_line(&self) -> &str {
        self.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// Nothing written and nothing rated: as good as no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        Scale::ALL.iter().all(|s| self.score(*s).is_none())
            && self.contacts.is_empty()
            && !self.no_contact
            && self.wins.is_empty()
            && self.text.is_empty()
    }

    /// Whether this kot may rewrite the file.
    #[must_use]
    pub const fn writable(&self) -> bool {
        self.schema <= SCHEMA
    }

    /// Apply one edit, or refuse it and change nothing. Returns whether
    /// anything changed.
    ///
    /// # Errors
    /// A `Refusal` saying which rule the edit broke.
    pub fn apply(&mut self, op: JournalOp) -> Result<bool, Refusal> {
        match op {
            JournalOp::Append { at, text } => {
                let text = clean_text(&text);
                if text.is_empty() {
                    return Err(Refusal::EmptyText);
                }
                let stamped = format!("{} {text}", at.format("%H:%M"));
                append_paragraph(&mut self.text, &stamped);
                Ok(true)
            }
            JournalOp::AppendOnce { text } => {
                let text = clean_text(&text);
                if text.is_empty() {
                    return Err(Refusal::EmptyText);
                }
                if stamped::holds_entry(&self.text, &text) {
                    return Ok(false);
                }
                append_paragraph(&mut self.text, &text);
                Ok(true)
            }
            JournalOp::SetText { text, was } => {
                // Byte for byte: `was` is what the editor loaded, and a text
                // not in kot's own form (a hand-written trailing line break,
                // CRLF) must still match itself.
                if was.is_some_and(|w| w != self.text) {
                    return Err(Refusal::TextChanged);
                }
                let text = clean_text(&text);
                Ok(std::mem::replace(&mut self.text, text) != self.text)
            }
            JournalOp::Rate { scale, value } => {
                if let Some(v) = value.filter(|v| !(SCORE_MIN..=SCORE_MAX).contains(v)) {
                    return Err(Refusal::BadScore { scale, value: v });
                }
                Ok(std::mem::replace(self.score_mut(scale), value) != value)
            }
            JournalOp::AddContact { who, how } => self.add_contact(&who, how),
            JournalOp::RemoveContact { who, how } => {
                let before = self.contacts.len();
                self.contacts.retain(|c| !(c.who == who && c.how == how));
                Ok(self.contacts.len() != before)
            }
            JournalOp::SetNoContact(none) => {
                if none && !self.contacts.is_empty() {
                    return Err(Refusal::HasContacts);
                }
                Ok(std::mem::replace(&mut self.no_contact, none) != none)
            }
            JournalOp::AddWin(win) => {
                let win = super::text::clean_title(&win);
                if win.is_empty() {
                    return Err(Refusal::EmptyWin);
                }
                if self.wins.contains(&win) {
                    return Ok(false);
                }
                self.wins.push(win);
                Ok(true)
            }
            JournalOp::RemoveWin(win) => {
                let before = self.wins.len();
                self.wins.retain(|w| *w != win);
                Ok(self.wins.len() != before)
            }
        }
    }

    fn add_contact(&mut self, who: &str, how: How) -> Result<bool, Refusal> {
        let who = super::text::clean_title(who);
        let who = who.strip_prefix('@').unwrap_or(&who).trim().to_string();
        if who.is_empty() {
            return Err(Refusal::EmptyName);
        }
        let had_none = std::mem::replace(&mut self.no_contact, false);
        if self.contacts.iter().any(|c| c.who == who && c.how == how) {
            return Ok(had_none);
        }
        self.contacts.push(Contact {
            who,
            how,
            extra: toml::Table::new(),
        });
        Ok(true)
    }
}

/// Free text as it is kept: line breaks as `\n`, no terminal controls or
/// reordering marks (tabs stay), no blank lines or spaces at the end. Letters
/// of every script, emoji and wide characters are kept exactly.
#[must_use]
pub fn clean_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !super::text::is_unsafe(c))
        .collect();
    kept.trim_end().to_string()
}

/// What an editor shows after a conflict, so nothing is lost either way: the
/// text written meanwhile elsewhere (only what was added, when the other side
/// only added to `base`, the text the editor started from), under
/// `other_mark`, above `mine` under `mine_mark`. Just `mine` when nothing but
/// the form of the text changed, or when `mine` already holds the addition.
#[must_use]
pub fn merge_view(base: &str, now: &str, mine: &str, other_mark: &str, mine_mark: &str) -> String {
    let (base, now, mine) = (clean_text(base), clean_text(now), clean_text(mine));
    let other = now
        .strip_prefix(base.as_str())
        .map_or(now.as_str(), str::trim_start);
    if other.is_empty() || mine.contains(other) {
        return mine;
    }
    format!("{other_mark}\n{other}\n{mine_mark}\n{mine}")
}

/// Add `para` after `text` as a paragraph of its own (a blank line between,
/// so Markdown keeps them apart too).
fn append_paragraph(text: &mut String, para: &str) {
    if !text.is_empty() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        text.push_str("\n\n");
    }
    text.push_str(para);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn appends_are_stamped_paragraphs() {
        let mut e = entry();
        let op = |t: &str| JournalOp::Append {
            at: at("2026-11-23T09:12:00+01:00"),
            text: t.into(),
        };
        e.apply(op("Koffie met @Lena, heel fijn ☕ #werk")).unwrap();
        e.apply(op("second\r\nline\u{1b}]0;x\u{7}")).unwrap();
        assert_eq!(
            e.text,
            "09:12 Koffie met @Lena, heel fijn ☕ #werk\n\n09:12 second\nline]0;x"
        );
        assert_eq!(e.apply(op("  \n ")), Err(Refusal::EmptyText));
        assert_eq!(e.tags(), ["werk"]);
        assert_eq!(e.offered_contacts(), ["Lena"]);
    }

    #[test]
    fn scores_are_checked_and_cleared() {
        let mut e = entry();
        assert_eq!(
            e.apply(JournalOp::Rate {
                scale: Scale::Mood,
                value: Some(7)
            }),
            Err(Refusal::BadScore {
                scale: Scale::Mood,
                value: 7
            })
        );
        assert!(
            e.apply(JournalOp::Rate {
                scale: Scale::Relatedness,
                value: Some(1)
            })
            .unwrap()
        );
        assert_eq!(e.relatedness, Some(1));
        e.apply(JournalOp::Rate {
            scale: Scale::Relatedness,
            value: None,
        })
        .unwrap();
        assert!(e.is_empty());
    }

    #[test]
    fn contacts_and_no_contact_exclude_each_other() {
        let mut e = entry();
        assert_eq!(e.contact_state(), ContactState::Unknown);
        e.apply(JournalOp::SetNoContact(true)).unwrap();
        assert_eq!(e.contact_state(), ContactState::None);
        let lena = || JournalOp::AddContact {
            who: "@Lena ".into(),
            how: How::Call,
        };
        assert!(e.apply(lena()).unwrap());
        assert!(!e.no_contact, "a contact takes back 'no contact'");
        assert!(!e.apply(lena()).unwrap(), "the same contact is kept once");
        assert_eq!(e.contacts.len(), 1);
        assert_eq!(e.contact_state(), ContactState::Known);
        assert_eq!(
            e.apply(JournalOp::SetNoContact(true)),
            Err(Refusal::HasContacts)
        );
        assert_eq!(
            e.apply(JournalOp::AddContact {
                who: " \n".into(),
                how: How::Chat
            }),
            Err(Refusal::EmptyName)
        );
    }

    #[test]
    fn import_appends_once_and_wins_are_kept_once() {
        let mut e = entry();
        let block = || JournalOp::AppendOnce {
            text: "09:12 Title. Body".into(),
        };
        assert!(e.apply(block()).unwrap());
        assert!(!e.apply(block()).unwrap());
        assert!(e.apply(JournalOp::AddWin("Shipped".into())).unwrap());
        assert!(!e.apply(JournalOp::AddWin("Shipped".into())).unwrap());
        assert_eq!(e.wins, ["Shipped"]);
    }

    #[test]
    fn an_edit_over_a_changed_text_is_refused() {
        let mut e = entry();
        e.text = "now".into();
        let op = JournalOp::SetText {
            text: "mine\n\n".into(),
            was: Some("before".into()),
        };
        assert_eq!(e.apply(op), Err(Refusal::TextChanged));
        let op = JournalOp::SetText {
            text: "mine\n\n".into(),
            was: Some("now".into()),
        };
        assert!(e.apply(op).unwrap());
        assert_eq!(e.text, "mine");
        // A text not in kot's form matches itself, not its cleaned copy.
        e.text = "hand\r\nwritten  \n".into();
        let op = |was: &str| JournalOp::SetText {
            text: "edited".into(),
            was: Some(was.into()),
        };
        assert_eq!(e.apply(op("hand\nwritten")), Err(Refusal::TextChanged));
        assert!(e.apply(op("hand\r\nwritten  \n")).unwrap());
    }

    #[test]
    fn a_merge_shows_what_was_added_elsewhere_above_mine() {
        let m = |base, now, mine| merge_view(base, now, mine, "--other", "--mine");
        assert_eq!(
            m("a", "a\n\n09:00 b", "a\nmine"),
            "--other\n09:00 b\n--mine\na\nmine"
        );
        assert_eq!(m("a", "x", "mine"), "--other\nx\n--mine\nmine");
        assert_eq!(m("a\r\n", "a", "mine"), "mine", "only the form changed");
        assert_eq!(m("", "b", "b and more"), "b and more");
    }

    #[test]
    fn the_file_round_trips_with_unknown_keys() {
        let text = "schema = 1\ndate = \"2026-11-23\"\nmood = 2\nfuture = \"kept\"\nwins = [\"a\"]\ntext = \"\"\"\nÉén 🙂 日本語\n\ttab\"\"\"\n\n[[contacts]]\nwho = \"Lena\"\nhow = \"in-person\"\nnote = \"also kept\"\n";
        let e: Entry = toml::from_str(text).unwrap();
        assert_eq!(e.text, "Één 🙂 日本語\n\ttab");
        assert_eq!(e.contacts[0].how, How::InPerson);
        let back: Entry = toml::from_str(&toml::to_string_pretty(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.extra["future"].as_str(), Some("kept"));
        assert_eq!(back.contacts[0].extra["note"].as_str(), Some("also kept"));
    }
}
