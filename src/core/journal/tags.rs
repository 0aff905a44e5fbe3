//! `#tags` and `@names` in free text, and the case folding search uses.
//!
//! A mark is the sigil at the start of the text or after a character that
//! cannot be inside a word or a link (so `a@b.nl`, `x/#anchor` and `&#38;` are
//! not marks), then a letter, then letters, digits, `_` and `-` (any script:
//! `#café`, `#日記`). `# Heading` and `#1` are not tags. A tag also keeps `+`,
//! `#` and `/`, as jrnl's tags do (`#C++`, `#C#`, `#OS/2`); a name after `@`
//! does not (`@Lena/Jörg` is Lena). Trailing `-` and `/` are not part of it.

use std::ops::Range;

/// Every mark with sigil `sigil` in `text`: the byte range of its name
/// (without the sigil) and the name.
pub fn marks(text: &str, sigil: char) -> impl Iterator<Item = (Range<usize>, &str)> {
    // From sigil to sigil (a byte search), not character by character: a
    // long day's text is megabytes, and the list and calendar read its tags.
    text.match_indices(sigil).filter_map(move |(i, s)| {
        if text[..i].chars().next_back().is_some_and(blocks_mark) {
            return None;
        }
        let start = i + s.len();
        let rest = &text[start..];
        if !rest.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(is_name_char(c) || (sigil == '#' && is_tag_extra(c))))
            .map_or(rest.len(), |(j, _)| j);
        let name = rest[..len].trim_end_matches(['-', '/']);
        Some((start..start + name.len(), name))
    })
}

/// A character before the sigil that makes it part of something else.
fn blocks_mark(c: char) -> bool {
    is_name_char(c) || matches!(c, '#' | '@' | '&' | '/' | '.' | ':' | '=' | '\\')
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// What a tag holds beyond a name: jrnl's tag characters `+`, `#`, `/`.
fn is_tag_extra(c: char) -> bool {
    matches!(c, '+' | '#' | '/')
}

/// The `#tags` of `text`, each once (first spelling wins), in order.
#[must_use]
pub fn tags(text: &str) -> Vec<String> {
    unique(marks(text, '#').map(|(_, n)| n))
}

/// The `@names` of `text`, each once, in order.
#[must_use]
pub fn mentions(text: &str) -> Vec<String> {
    unique(marks(text, '@').map(|(_, n)| n))
}

fn unique<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| fold(o) == fold(n)) {
            out.push(n.to_string());
        }
    }
    out
}

/// Whether `text` has the tag `tag` (given without `#`, any case).
#[must_use]
pub fn has_tag(text: &str, tag: &str) -> bool {
    let want = fold(tag.trim_start_matches('#'));
    marks(text, '#').any(|(_, n)| fold(n) == want)
}

/// `text` with jrnl's `@tags` written as kot's `#tags` (jrnl's `@` marks a
/// tag; in kot it names a person).
#[must_use]
pub fn at_tags_to_hash(text: &str) -> String {
    let mut out = text.to_string();
    // From the end, so earlier ranges stay valid (`@` and `#` are one byte).
    let starts: Vec<usize> = marks(text, '@').map(|(r, _)| r.start - 1).collect();
    for i in starts.into_iter().rev() {
        out.replace_range(i..=i, "#");
    }
    out
}

/// Case folded, character by character (no context rules), so that folding a
/// whole file equals folding each of its strings: search may look for a word
/// in a file's raw text before reading it as TOML. Lower case, plus what
/// Unicode's case folding adds to it for search: final `ς` is `σ` (`σας`
/// finds `ΣΑΣ`), `İ` is `i` (`istanbul` finds `İstanbul`, without the dot
/// lower case would keep), `ß`/`ẞ` are `ss` and the long `ſ` is `s`.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// `c` folded, pushed onto `out`; returns the bytes it took there.
fn fold_char(c: char, out: &mut String) -> usize {
    let before = out.len();
    // ASCII first: most of a journal file, and far cheaper than the tables.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return 1;
    }
    match c {
        'ς' => out.push('σ'),
        'İ' => out.push('i'),
        'ſ' => out.push('s'),
        'ß' | 'ẞ' => out.push_str("ss"),
        _ => out.extend(c.to_lowercase()),
    }
    out.len() - before
}

/// How many bytes `c` takes once folded (as `fold_char` writes it, without
/// writing it: search maps every match back through this).
fn folded_len(c: char) -> usize {
    match c {
        _ if c.is_ascii() => 1,
        'İ' | 'ſ' => 1,
        'ς' | 'ß' | 'ẞ' => 2,
        _ => c.to_lowercase().map(char::len_utf8).sum(),
    }
}

/// Where folded byte offsets (sorted) fall in `text`: for each, the start of
/// the character it came from, in one pass. A match's end maps through its
/// last byte (`end - 1`) and that character's length (see `char_end`).
#[must_use]
pub fn unfold_offsets(text: &str, folded_sorted: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        return folded_sorted.to_vec();
    }
    let mut out = Vec::with_capacity(folded_sorted.len());
    let mut want = folded_sorted.iter().copied().peekable();
    let mut folded_at = 0;
    for (i, c) in text.char_indices() {
        let len = folded_len(c);
        while want.next_if(|&w| w < folded_at + len).is_some() {
            out.push(i);
        }
        folded_at += len;
    }
    out.extend(want.map(|_| text.len()));
    out
}

/// The end of the character that starts at `at` in `text`.
#[must_use]
pub fn char_end(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_words_after_a_hash() {
        let text = "#Werk en #werk, (#café) #日記 #a-b- x#no a/#no &#38; # kop #1 ##no\n#end";
        assert_eq!(tags(text), ["Werk", "café", "日記", "a-b", "end"]);
        assert!(has_tag(text, "#WERK"));
        assert!(!has_tag(text, "no"));
    }

    #[test]
    fn tags_keep_jrnl_punctuation_and_names_do_not() {
        let text = "@OS/2 #OS/2. #C++, (#C#). #path/ #a+b @Lena/Jörg";
        assert_eq!(tags(text), ["OS/2", "C++", "C#", "path", "a+b"]);
        assert_eq!(mentions(text), ["OS", "Lena"]);
        assert!(has_tag(text, "#c++") && !has_tag(text, "c"));
    }

    #[test]
    fn mentions_are_names_not_addresses() {
        assert_eq!(
            mentions("met @Lena en @Jörg, mail lena@example.nl; @Lena's"),
            ["Lena", "Jörg"]
        );
    }

    #[test]
    fn jrnl_at_tags_become_hash_tags() {
        assert_eq!(
            at_tags_to_hash("@work and @ño, not a@b.c"),
            "#work and #ño, not a@b.c"
        );
    }

    #[test]
    fn folding_maps_back_to_the_original() {
        let text = "Éa İßx";
        let f = fold(text);
        assert_eq!(f, "éa issx");
        let at = f.find('x').unwrap();
        let second_s = f.find("ss").unwrap() + 1;
        let back = unfold_offsets(text, &[0, second_s, at]);
        assert_eq!(back, [0, text.find('ß').unwrap(), text.find('x').unwrap()]);
        assert_eq!(&text[back[2]..char_end(text, back[2])], "x");
        assert_eq!(fold("ΣΑΣ σας ſ ẞ"), "σασ σασ s ss");
        for c in "aZİıſςσßẞÉ日".chars() {
            assert_eq!(folded_len(c), fold(&c.to_string()).len(), "{c}");
        }
    }
}
