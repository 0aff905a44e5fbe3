//! Searching the journal: words (every one must be found, in any case, in the
//! text, the wins or the names of contacts), `#tags`, score filters
//! (`mood<=2`, `relatedness<2`, `energy>=4`, `mood=3`) and a date range.
//! A hit carries a one-line snippet of the text with the matches marked.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use super::tags::{char_end, fold, has_tag, unfold_offsets};
use super::{Entry, Scale};

/// How a score is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Cmp {
    fn holds(self, a: u8, b: u8) -> bool {
        match self {
            Self::Lt => a < b,
            Self::Le => a <= b,
            Self::Eq => a == b,
            Self::Ge => a >= b,
            Self::Gt => a > b,
        }
    }
}

/// `scale cmp value`: a day without that score never matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreFilter {
    pub scale: Scale,
    pub cmp: Cmp,
    pub value: u8,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words.
    pub words: Vec<String>,
    /// Folded tags, without `#`.
    pub tags: Vec<String>,
    pub scores: Vec<ScoreFilter>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A search term that looks like a filter but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFilter(pub String);

impl Query {
    /// Read search terms: `#tag`, `scale<=n` (also `<`, `=`, `>=`, `>`), and
    /// words; a term with spaces is several words.
    ///
    /// # Errors
    /// A term with a comparison that is not `known-scale op 1..=5`.
    pub fn parse<S: AsRef<str>>(terms: &[S]) -> Result<Self, BadFilter> {
        let mut q = Self::default();
        for term in terms.iter().flat_map(|t| t.as_ref().split_whitespace()) {
            if let Some(tag) = term.strip_prefix('#').filter(|t| !t.is_empty()) {
                q.tags.push(fold(tag));
            } else if term.contains(['<', '>', '=']) {
                q.scores.push(parse_filter(term)?);
            } else {
                q.words.push(fold(term));
            }
        }
        Ok(q)
    }

    /// Add a tag given on its own (`--tag T` or `--tag #T`).
    pub fn add_tag(&mut self, tag: &str) {
        let t = fold(tag.trim().trim_start_matches('#'));
        if !t.is_empty() {
            self.tags.push(t);
        }
    }

    #[must_use]
    pub fn in_range(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }

    /// Folded strings that a matching file's text must hold somewhere (before
    /// TOML unescaping): lets the store skip files without reading them.
    #[must_use]
    pub fn needles(&self) -> Vec<String> {
        let tags = self.tags.iter().map(|t| format!("#{t}"));
        self.words.iter().cloned().chain(tags).collect()
    }

    /// The hit for `entry`, if it matches.
    #[must_use]
    pub fn matches(&self, entry: &Entry) -> Option<Hit> {
        if !self.in_range(entry.date) {
            return None;
        }
        let scores_ok = self.scores.iter().all(|f| {
            entry
                .score(f.scale)
                .is_some_and(|v| f.cmp.holds(v, f.value))
        });
        if !scores_ok || !self.tags.iter().all(|t| has_tag(&entry.text, t)) {
            return None;
        }
        let text = fold(&entry.text);
        let elsewhere = || {
            let mut s = entry.wins.join("\n");
            for c in &entry.contacts {
                s.push('\n');
                s.push_str(&c.who);
            }
            fold(&s)
        };
        let elsewhere = if self.words.iter().all(|w| text.contains(w.as_str())) {
            String::new()
        } else {
            elsewhere()
        };
        let found = self
            .words
            .iter()
            .all(|w| text.contains(w.as_str()) || elsewhere.contains(w.as_str()));
        found.then(|| Hit {
            date: entry.date,
            snippet: self.snippet(entry, &text),
        })
    }

    fn snippet(&self, entry: &Entry, folded: &str) -> Snippet {
        let mut needles: Vec<String> = self.words.clone();
        needles.extend(self.tags.iter().map(|t| format!("#{t}")));
        // Folded (start, last byte) of every match, mapped back in one pass.
        let mut found: Vec<(usize, usize)> = needles
            .iter()
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                folded
                    .match_indices(w.as_str())
                    .map(|(i, _)| (i, i + w.len() - 1))
            })
            .collect();
        found.sort_unstable();
        let mut offsets: Vec<usize> = found.iter().flat_map(|&(a, b)| [a, b]).collect();
        offsets.sort_unstable();
        let back = unfold_offsets(&entry.text, &offsets);
        let at = |f: usize| back[offsets.partition_point(|&o| o < f)];
        let marks: Vec<Range<usize>> = found
            .iter()
            .map(|&(a, b)| at(a)..char_end(&entry.text, at(b)))
            .collect();
        match marks.first() {
            Some(first) => Snippet::around(&entry.text, first.clone(), &marks),
            None => Snippet::plain(entry.first_line()),
        }
    }
}

fn parse_filter(term: &str) -> Result<ScoreFilter, BadFilter> {
    let bad = || BadFilter(term.to_string());
    let at = term.find(['<', '>', '=']).ok_or_else(bad)?;
    let (name, rest) = term.split_at(at);
    let scale = Scale::parse(&name.to_ascii_lowercase()).ok_or_else(bad)?;
    let (cmp, value) = [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("==", Cmp::Eq),
        ("=", Cmp::Eq),
    ]
    .into_iter()
    .find_map(|(op, cmp)| rest.strip_prefix(op).map(|v| (cmp, v)))
    .ok_or_else(bad)?;
    let value: u8 = value.parse().map_err(|_| bad())?;
    if !(super::SCORE_MIN..=super::SCORE_MAX).contains(&value) {
        return Err(bad());
    }
    Ok(ScoreFilter { scale, cmp, value })
}

/// The days found in the order every front end lists them: the newest
/// first, as a journal is read back (the TUI's results, `kot journal
/// search`, its `--json`).
pub fn newest_first(hits: &mut [Hit]) {
    hits.sort_by_key(|h| std::cmp::Reverse(h.date));
}

/// One day that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub date: NaiveDate,
    pub snippet: Snippet,
}

/// One line of the text around the first match. `marks` are byte ranges in
/// `text` of every match it shows (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

/// Characters of context before and after the first match.
const BEFORE: usize = 40;
const AFTER: usize = 80;
const ELLIPSIS: &str = "…";

impl Snippet {
    fn plain(line: &str) -> Self {
        let cut: String = line.chars().take(BEFORE + AFTER).collect();
        let more = cut.len() < line.len();
        Self {
            text: if more { cut + ELLIPSIS } else { cut },
            marks: Vec::new(),
        }
    }

    /// The text from about `BEFORE` characters before `first` to `AFTER` after
    /// it, cut at spaces where possible, line breaks shown as spaces.
    fn around(text: &str, first: Range<usize>, marks: &[Range<usize>]) -> Self {
        let start = back_chars(text, first.start, BEFORE);
        let end = forward_chars(text, first.end, AFTER);
        let body = text[start..end].replace(['\n', '\t'], " ");
        let lead = if start > 0 { ELLIPSIS } else { "" };
        let tail = if end < text.len() { ELLIPSIS } else { "" };
        let shift = lead.len();
        let marks = marks
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .map(|m| m.start - start + shift..m.end - start + shift)
            .collect();
        Self {
            text: format!("{lead}{body}{tail}"),
            marks,
        }
    }
}

/// A char boundary up to `n` characters before `at`, moved to just after a
/// space when there is one in that stretch.
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    let head = &text[..at];
    let Some((i, _)) = head.char_indices().rev().nth(n) else {
        return 0;
    };
    head[i..].find(char::is_whitespace).map_or(i, |s| {
        i + s + head[i + s..].chars().next().map_or(0, char::len_utf8)
    })
}

/// A char boundary up to `n` characters after `at`, cut back to a space when
/// there is one in that stretch.
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    let tail = &text[at..];
    let Some((i, _)) = tail.char_indices().nth(n) else {
        return text.len();
    };
    tail[..i]
        .rfind(char::is_whitespace)
        .map_or(at + i, |s| at + s)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Entry {
        let mut e = Entry::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        e.text = text.into();
        e
    }

    #[test]
    fn terms_become_words_tags_and_filters() {
        let q = Query::parse(&["Koffie #Werk", "mood<=2", "Relatedness>3"]).unwrap();
        assert_eq!(q.words, ["koffie"]);
        assert_eq!(q.tags, ["werk"]);
        assert_eq!(q.scores.len(), 2);
        assert_eq!(q.needles(), ["koffie", "#werk"]);
        for bad in ["mood<=7", "sleep<2", "mood=>2", "mood<x"] {
            assert_eq!(Query::parse(&[bad]), Err(BadFilter(bad.into())), "{bad}");
        }
    }

    #[test]
    fn all_words_must_match_in_any_case() {
        let e = entry("Vandaag ÉÉN lange wandeling #buiten");
        let q = |t: &str| Query::parse(&[t]).unwrap();
        assert!(q("één wandeling").matches(&e).is_some());
        assert!(q("één fiets").matches(&e).is_none());
        assert!(q("#BUITEN").matches(&e).is_some());
        assert!(q("#binnen").matches(&e).is_none());
    }

    #[test]
    fn score_filters_need_the_score() {
        let mut e = entry("x");
        let q = Query::parse(&["mood<=2"]).unwrap();
        assert!(q.matches(&e).is_none(), "no mood is no match");
        e.mood = Some(2);
        assert!(q.matches(&e).is_some());
        e.mood = Some(3);
        assert!(q.matches(&e).is_none());
    }

    #[test]
    fn words_in_wins_and_contacts_match_too() {
        let mut e = entry("nothing here");
        e.wins.push("Shipped the report".into());
        assert!(Query::parse(&["shipped"]).unwrap().matches(&e).is_some());
    }

    #[test]
    fn the_snippet_marks_the_matches() {
        let long = format!(
            "{} Het gesprek met Lena was fijn.\nDaarna 日本語 {}",
            "a ".repeat(60),
            "b ".repeat(80)
        );
        let hit = Query::parse(&["lena", "日本語"])
            .unwrap()
            .matches(&entry(&long))
            .unwrap();
        let s = &hit.snippet;
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        let marked: Vec<&str> = s.marks.iter().map(|m| &s.text[m.clone()]).collect();
        assert_eq!(marked, ["Lena", "日本語"]);
        assert!(!s.text.contains('\n'));
    }
}
