//! Text on its way into a Markdown document kot writes (`kot export`, `kot
//! report --format markdown`, `kot agreements --format markdown`).
//!
//! Two kinds of text go in, and each has one function:
//! - a value that is not Markdown (a task or block title, a contact's name, a
//!   win, an agreement) must show as written: `escape_inline` escapes what
//!   would start markup, links or HTML (`<img src=…>`, `[x](javascript:…)`),
//!   and shows line breaks and controls escaped, so one value stays one line;
//! - the journal's text is the user's own Markdown and passes through, but
//!   placed under kot's headings: `nest_headings` moves its headings below
//!   them (as jrnl's Markdown exporter does), so a line `## Tuesday …` in it
//!   cannot pass for another day, and closes a code fence it leaves open, so
//!   the rest of the document is not swallowed into it.

use crate::core::text::display_safe;

/// One value as Markdown (and HTML) that shows it as written: one line, with
/// every character that could start markup escaped with a backslash, which
/// CommonMark shows as the character itself. `#`, `-`, `+`, `=` and `1.` only
/// start markup at the beginning, where they are escaped; `&` only when it
/// starts an entity (`&amp;`), so `R&D` stays readable.
#[must_use]
pub fn escape_inline(text: &str) -> String {
    let text = display_safe(text);
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        );
        let starts_block = i == 0 && matches!(c, '#' | '-' | '+' | '=');
        // "1. x" or "1) x" would start a numbered list.
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if special || starts_block || list_number || (c == '&' && is_entity(&text[i..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `s` starts with an entity reference: `&name;`, `&#123;`, `&#x1F;`.
fn is_entity(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('&') else {
        return false;
    };
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

/// The user's own Markdown `text`, its headings moved `by` levels down: `#
/// x` becomes `#### x` for `by` = 3, a Setext heading (`x` over `===` or
/// `---`) becomes the same ATX heading. Nothing inside a code fence is
/// touched, and a fence left open at the end is closed. Past level 6 a
/// heading is plain text, which is still no heading of kot's.
#[must_use]
pub fn nest_headings(text: &str, by: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    // Whether the last line put out is paragraph text a Setext line turns
    // into a heading.
    let mut paragraph = false;
    for line in text.split('\n') {
        if let Some((ch, len)) = fence {
            if closes_fence(line, ch, len) {
                fence = None;
            }
            out.push(line.to_string());
            continue;
        }
        if let Some(f) = opens_fence(line) {
            fence = Some(f);
            paragraph = false;
            out.push(line.to_string());
            continue;
        }
        if let Some(level) = setext_level(line)
            && paragraph
            && let Some(last) = out.last_mut()
        {
            *last = format!("{} {}", "#".repeat(level + by), last.trim());
            paragraph = false;
            continue;
        }
        if let Some(demoted) = demote_atx(line, by) {
            out.push(demoted);
            paragraph = false;
            continue;
        }
        paragraph = is_paragraph_text(line);
        out.push(line.to_string());
    }
    if let Some((ch, len)) = fence {
        out.push(ch.to_string().repeat(len));
    }
    out.join("\n")
}

/// Up to three spaces of indentation, as CommonMark allows before a block.
fn unindent(line: &str) -> Option<&str> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    (spaces <= 3).then(|| &line[spaces..])
}

/// "```lang" or "~~~": the fence's character and length.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let rest = unindent(line)?;
    let ch = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|c| *c == ch).count();
    // A backtick fence's info string holds no backtick.
    (len >= 3 && !(ch == '`' && rest[len..].contains('`'))).then_some((ch, len))
}

fn closes_fence(line: &str, ch: char, len: usize) -> bool {
    unindent(line).is_some_and(|rest| {
        let n = rest.chars().take_while(|c| *c == ch).count();
        n >= len && rest[n..].trim().is_empty()
    })
}

/// `# x` (after block quote markers, if any) with `by` more `#`.
fn demote_atx(line: &str, by: usize) -> Option<String> {
    let quote_end = quote_prefix_len(line);
    let (quote, rest) = line.split_at(quote_end);
    let body = unindent(rest)?;
    let hashes = body.chars().take_while(|c| *c == '#').count();
    let after = &body[hashes..];
    let heading = (1..=6).contains(&hashes)
        && (after.is_empty() || after.starts_with(' ') || after.starts_with('\t'));
    heading.then(|| format!("{quote}{}{after}", "#".repeat(hashes + by)))
}

/// The length of the block quote markers (`> > `) at the start of `line`.
fn quote_prefix_len(line: &str) -> usize {
    let mut i = 0;
    loop {
        let Some(rest) = unindent(&line[i..]) else {
            return i;
        };
        let Some(after) = rest.strip_prefix('>') else {
            return i;
        };
        let after = after.strip_prefix(' ').unwrap_or(after);
        i = line.len() - after.len();
    }
}

/// `===` (level 1) or `---` (level 2) alone on a line.
fn setext_level(line: &str) -> Option<usize> {
    let rest = unindent(line)?.trim_end();
    let ch = rest.chars().next()?;
    let level = match ch {
        '=' => 1,
        '-' => 2,
        _ => return None,
    };
    rest.chars().all(|c| c == ch).then_some(level)
}

/// A line a Setext underline would make a heading of: not blank, and no
/// block of its own (a list item, a quote, indented code).
fn is_paragraph_text(line: &str) -> bool {
    let Some(rest) = unindent(line) else {
        return false;
    };
    if rest.trim().is_empty() || rest.starts_with('>') || rest.starts_with('\t') {
        return false;
    }
    let bullet = rest.len() > 1
        && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
        && matches!(rest.as_bytes()[1], b' ' | b'\t');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0
        && rest[digits..].starts_with(['.', ')'])
        && rest[digits + 1..].starts_with([' ', '\t']);
    !(bullet || numbered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_show_as_written() {
        assert_eq!(escape_inline("# *big* [x]"), "\\# \\*big\\* \\[x\\]");
        assert_eq!(escape_inline("Fix login (#1983)"), "Fix login (#1983)");
        assert_eq!(escape_inline("a*b_[c]"), "a\\*b\\_\\[c\\]");
        assert_eq!(
            escape_inline("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(
            escape_inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape_inline("- item"), "\\- item");
        assert_eq!(escape_inline("12. May"), "12\\. May");
        assert_eq!(escape_inline("2026 plan"), "2026 plan");
        assert_eq!(escape_inline("R&D &amp; &#60;"), "R&D \\&amp; \\&#60;");
    }

    #[test]
    fn a_value_stays_one_line_without_controls() {
        assert_eq!(
            escape_inline("a\n## Tuesday\u{1b}]0;x\u{7}"),
            "a\\\\n## Tuesday\\\\e\\]0;x\\\\u{7}"
        );
    }

    #[test]
    fn journal_headings_go_below_kots() {
        let text = "intro\n# One\n  ## Two\n####### seven\n#tag\n> ## quoted\nSetext\n===\n\nlist\n- a\n---";
        assert_eq!(
            nest_headings(text, 3),
            "intro\n#### One\n##### Two\n####### seven\n#tag\n> ##### quoted\n#### Setext\n\nlist\n- a\n---"
        );
        assert_eq!(nest_headings("a\nB\n---", 3), "a\n##### B");
        assert_eq!(nest_headings("\n---\nx", 3), "\n---\nx");
    }

    #[test]
    fn code_stays_code_and_an_open_fence_is_closed() {
        assert_eq!(
            nest_headings("```sh\n# comment\n```\n# h", 3),
            "```sh\n# comment\n```\n#### h"
        );
        assert_eq!(nest_headings("~~~~\n# x\n~~~", 3), "~~~~\n# x\n~~~\n~~~~");
        assert_eq!(nest_headings("``` a`b\n# h", 3), "``` a`b\n#### h");
    }
}
