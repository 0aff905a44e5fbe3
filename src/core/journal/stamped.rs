//! A day's text as stamped entries, to tell whether an imported entry is
//! already there as a whole (not as a piece of a longer one).
//!
//! The text is paragraphs apart by blank lines. A paragraph whose first line
//! starts with a stamp `HH:MM` (then a space or the end of the line) begins an
//! entry; the paragraphs after it, up to the next stamped one, belong to it.
//! Paragraphs before the first stamp are one entry without a stamp.
//!
//! An entry's key is its text with every run of whitespace made one space and
//! the ends trimmed: jrnl's plain text (`Title. Body`) and its JSON export
//! (`title`, `body`, stripped, joined by a line break here) give one key.

/// The whitespace-normalised key of `text`: every run of whitespace (line
/// breaks and blank lines too) one space, no space at the ends.
#[must_use]
pub fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `line` starts with a stamp `HH:MM` followed by a space, a tab or
/// nothing.
fn starts_with_stamp(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b':'
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
        && b.get(5).is_none_or(|c| *c == b' ' || *c == b'\t')
}

/// The keys of the entries of `text`, in order.
#[must_use]
pub fn entry_keys(text: &str) -> Vec<String> {
    let mut entries: Vec<Vec<&str>> = Vec::new();
    let mut at_paragraph_start = true;
    for line in text.lines() {
        if line.trim().is_empty() {
            at_paragraph_start = true;
            continue;
        }
        if (at_paragraph_start && starts_with_stamp(line)) || entries.is_empty() {
            entries.push(Vec::new());
        }
        at_paragraph_start = false;
        if let Some(e) = entries.last_mut() {
            e.push(line);
        }
    }
    entries.iter().map(|lines| key(&lines.join("\n"))).collect()
}

/// Whether `day_text` holds `entry` as whole entries: the entries `entry`
/// splits into follow each other in `day_text` with the same keys. A shorter
/// entry of the same minute, or a sentence inside a longer one, is not there.
#[must_use]
pub fn holds_entry(day_text: &str, entry: &str) -> bool {
    let want = entry_keys(entry);
    if want.is_empty() {
        return true;
    }
    let have = entry_keys(day_text);
    have.windows(want.len()).any(|w| w == want.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: &str = "a note first\n\n09:00 Koffie met Lena\n\n10:30 Hi there.\nBody\n\nsecond paragraph\n\n11:00";

    #[test]
    fn entries_run_from_stamp_to_stamp() {
        assert_eq!(
            entry_keys(DAY),
            [
                "a note first",
                "09:00 Koffie met Lena",
                "10:30 Hi there. Body second paragraph",
                "11:00"
            ]
        );
        assert!(entry_keys("").is_empty());
        assert_eq!(
            entry_keys("12:345 no stamp\n\n9:00 nor this"),
            ["12:345 no stamp 9:00 nor this"]
        );
    }

    #[test]
    fn only_whole_entries_are_held() {
        assert!(holds_entry(DAY, "09:00 Koffie met Lena"));
        assert!(holds_entry(
            DAY,
            "10:30 Hi there.\nBody\nsecond   paragraph"
        ));
        assert!(!holds_entry(DAY, "09:00 Koffie"), "a shorter entry");
        assert!(!holds_entry(DAY, "10:30 Hi there."), "a title alone");
        assert!(!holds_entry(DAY, "09:00 Koffie met Lena en Jörg"));
        assert!(holds_entry(
            DAY,
            "09:00 Koffie met Lena\n\n10:30 Hi there. Body second paragraph"
        ));
    }
}
