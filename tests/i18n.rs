//! The English and Dutch catalogues stay in step with each other and with the
//! code that uses them, and the binary speaks the language that the config or
//! the locale asks for.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kot::i18n::{EN_SOURCE, NL_SOURCE, placeholders};

/// Keys whose Dutch text is rightly the same as the English one. Texts made of
/// placeholders and punctuation only (`{path}: {error}`, the date formats) need
/// no entry here.
const SAME_IN_DUTCH: &[&str] = &[
    "today.top3",        // "Top 3"
    "countdown.minutes", // "45 min"
    // The Week screen: the same words in Dutch.
    "key.screen_week.short",
    "layer.week",
    "week.screen",
    "week.title_week",
    "week.week_short",
    "week.weeks_short",
    "week.col.lunch",
    "week.col.lunch.short",
    "week.col.place.short",
    "layer.checkin_top",     // "Check-in: top 3"
    "key.top.short",         // "top 3"
    "cli.paths.config",      // "config: {path}"
    "block.video",           // "video"
    "block.kind.focus",      // "focus"
    "key.kind_focus",        // "focus"
    "key.lunch.short",       // "lunch"
    "key.start_break.short", // "start"
    "state.focus",           // "focus"
    "state.lunch",           // "lunch"
    "journal.how.chat",      // "chat"
    "export.break.lunch",    // "lunch"
];

/// String literals in `src/` that look like catalogue keys but are not.
const NOT_KEYS: &[&str] = &["config.toml"];

type Catalogue = BTreeMap<String, String>;

fn parse(name: &str, src: &str) -> Catalogue {
    let table: toml::Table =
        toml::from_str(src).unwrap_or_else(|e| panic!("{name}.toml is not valid TOML: {e}"));
    table
        .into_iter()
        .map(|(key, value)| match value {
            toml::Value::String(s) => (key, s),
            other => panic!(
                "{name}.toml: {key} is a {} instead of a string (quote dotted keys)",
                other.type_str()
            ),
        })
        .collect()
}

fn en() -> Catalogue {
    parse("en", EN_SOURCE)
}

fn nl() -> Catalogue {
    parse("nl", NL_SOURCE)
}

/// The keys in the order the file lists them.
fn key_order(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| l.strip_prefix('"'))
        .filter_map(|l| l.split_once("\" ="))
        .map(|(k, _)| k.to_string())
        .collect()
}

#[test]
fn both_catalogues_are_flat_tables_of_strings() {
    assert!(!en().is_empty(), "en.toml holds no texts");
    assert!(!nl().is_empty(), "nl.toml holds no texts");
}

#[test]
fn dutch_has_exactly_the_english_keys_in_the_same_order() {
    let (en, nl) = (en(), nl());
    let missing: Vec<&String> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
    let extra: Vec<&String> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "nl.toml is out of step with en.toml\n  missing in nl.toml: {missing:?}\n  only in nl.toml: {extra:?}"
    );
    let (en_order, nl_order) = (key_order(EN_SOURCE), key_order(NL_SOURCE));
    if let Some(i) = (0..en_order.len()).find(|&i| en_order.get(i) != nl_order.get(i)) {
        panic!(
            "nl.toml lists its keys in another order than en.toml: entry {} is {:?} in en.toml but {:?} in nl.toml",
            i + 1,
            en_order[i],
            nl_order.get(i)
        );
    }
}

#[test]
fn every_text_has_the_english_placeholders() {
    let (en, nl) = (en(), nl());
    let wrong: Vec<String> = en
        .iter()
        .filter_map(|(key, en_text)| {
            let nl_text = nl.get(key)?;
            let (want, got) = (placeholders(en_text), placeholders(nl_text));
            (want != got).then(|| format!("  {key}: en {want:?}, nl {got:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
}

/// A count is said with the word its number needs (`i18n::plural`, keys
/// `….one` / `….other`), never "task(s)" or "taak/taken".
#[test]
fn no_text_hedges_a_plural() {
    let hedged = |text: &str| {
        ["(s)", "(en)", "(n)", "(e)", "/taken", "/dagen"]
            .iter()
            .any(|h| text.contains(h))
    };
    let (en, nl) = (en(), nl());
    let wrong: Vec<String> = [("en", &en), ("nl", &nl)]
        .iter()
        .flat_map(|(name, cat)| {
            cat.iter()
                .filter(|(_, v)| hedged(v))
                .map(move |(k, v)| format!("{name} {k} = {v:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "use i18n::plural:\n{}", wrong.join("\n"));
}

#[test]
fn no_text_is_empty_and_dutch_is_translated() {
    let (en, nl) = (en(), nl());
    for (name, cat) in [("en", &en), ("nl", &nl)] {
        let empty: Vec<&String> = cat
            .iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(k, _)| k)
            .collect();
        assert!(empty.is_empty(), "empty texts in {name}.toml: {empty:?}");
    }
    for key in SAME_IN_DUTCH {
        assert!(
            en.contains_key(*key),
            "SAME_IN_DUTCH names {key}, which en.toml does not have"
        );
    }
    let untranslated: Vec<&String> = en
        .iter()
        .filter(|(key, en_text)| {
            nl.get(*key) == Some(*en_text)
                && has_words(en_text)
                && !SAME_IN_DUTCH.contains(&key.as_str())
        })
        .map(|(k, _)| k)
        .collect();
    assert!(
        untranslated.is_empty(),
        "nl.toml has English texts for {untranslated:?} (translate them, or add them to SAME_IN_DUTCH if Dutch says the same)"
    );
}

/// Letters outside the `{placeholders}`.
fn has_words(text: &str) -> bool {
    let mut depth = 0;
    text.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => return depth == 0 && c.is_alphabetic(),
        }
        false
    })
}

#[test]
fn every_key_the_code_uses_is_in_english() {
    let en = en();
    let exists = |key: &str| en.contains_key(key);
    let mut used: BTreeMap<String, String> = BTreeMap::new();
    let mut use_key = |key: String, why: String| {
        used.entry(key).or_insert(why);
    };

    let namespaces: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    let files = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(!files.is_empty(), "no Rust files found under src/");
    let mut special_files_seen = 0;
    for path in &files {
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(path)
            .display()
            .to_string();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let src = Lexed::new(&text);
        for key in src.literal_args("t!(") {
            use_key(key, format!("t!(…) in {name}"));
        }
        for key in src.literal_args("plural(") {
            for form in ["one", "other"] {
                use_key(format!("{key}.{form}"), format!("plural(…) in {name}"));
            }
        }
        if name.ends_with("src/tui/keymap.rs") {
            special_files_seen += 1;
            for key in src.literals.values().filter(|l| l.starts_with("key.")) {
                use_key(key.clone(), format!("help text in {name}"));
            }
        }
        if name.ends_with("src/tui/popup/help.rs") {
            special_files_seen += 1;
            let layers = src.layer_names();
            assert!(
                layers.len() >= 2,
                "{name}: cannot find the names in fn layer_name"
            );
            for layer in layers {
                use_key(format!("layer.{layer}"), format!("layer_name in {name}"));
            }
        }
        // Keys chosen in one place and looked up in another (`let key = "today.off"`).
        for lit in src.literals.values() {
            let is_key_like = lit.contains('.')
                && lit.split('.').all(|seg| {
                    !seg.is_empty()
                        && seg
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            let ns = lit.split('.').next().unwrap_or_default();
            if !is_key_like || !namespaces.contains(ns) || NOT_KEYS.contains(&lit.as_str()) {
                continue;
            }
            let plural_base = exists(&format!("{lit}.one")) && exists(&format!("{lit}.other"));
            if !exists(lit) && !plural_base {
                use_key(
                    lit.clone(),
                    format!("string literal in {name} (if it is no key, add it to NOT_KEYS)"),
                );
            }
        }
    }

    assert_eq!(
        special_files_seen, 2,
        "src/tui/keymap.rs or src/tui/popup/help.rs moved: update this test"
    );
    for key in format_built_keys() {
        use_key(key, "a format!-built family".to_string());
    }

    let missing: Vec<String> = used
        .iter()
        .filter(|(key, _)| !exists(key))
        .map(|(key, why)| format!("  {key} ({why})"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in the code but missing in en.toml:\n{}",
        missing.join("\n")
    );
}

/// The keys that the code builds with `format!`, family by family.
fn format_built_keys() -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for place in ["home", "office", "off", "sick"] {
        families.push(format!("place.{place}"));
        families.push(format!("checkin.place.{place}"));
    }
    for kind in ["meeting", "focus", "personal"] {
        families.push(format!("block.kind.{kind}"));
    }
    for d in 0..7 {
        families.push(format!("weekday.{d}"));
        families.push(format!("weekday.short.{d}"));
    }
    for m in 1..=12 {
        families.push(format!("month.{m}"));
        families.push(format!("month.short.{m}"));
    }
    for n in 1..=5 {
        families.push(format!("checkin.feeling.{n}"));
    }
    families
}

#[test]
fn short_forms_shorten_an_existing_help_text() {
    let en = en();
    let orphans: Vec<&String> = en
        .keys()
        .filter(|k| {
            k.strip_prefix("key.")
                .and_then(|k| k.strip_suffix(".short"))
                .is_some_and(|base| !en.contains_key(&format!("key.{base}")))
        })
        .collect();
    assert!(
        orphans.is_empty(),
        "footer short forms (key.….short) without a full help text: {orphans:?}"
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Rust source with comments dropped and every string literal replaced by
/// `MARK` in `code`; `literals` maps each mark's byte offset to the literal's
/// (unescaped-as-written) contents.
struct Lexed {
    code: String,
    literals: BTreeMap<usize, String>,
}

const MARK: char = '\u{1}';

impl Lexed {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut code = String::with_capacity(text.len());
        let mut literals = BTreeMap::new();
        let is_ident = |c: char| c.is_alphanumeric() || c == '_';
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            let prev_ident = code.chars().next_back().is_some_and(is_ident);
            if c == '/' && next == Some('/') {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            } else if c == '/' && next == Some('*') {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                code.push(' ');
            } else if c == 'r'
                && !prev_ident
                && matches!(next, Some('"' | '#'))
                && chars[i + 1..]
                    .iter()
                    .find(|&&c| c != '#')
                    .is_some_and(|&c| c == '"')
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let start = i + 2 + hashes;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[start..].iter().collect();
                let len = rest.find(&close).unwrap_or(rest.len());
                literals.insert(code.len(), rest[..len].to_string());
                code.push(MARK);
                i = start + rest[..len].chars().count() + close.chars().count();
            } else if c == '"' {
                let mut lit = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        lit.push(chars[i]);
                        i += 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        lit.push(c);
                    }
                    i += 1;
                }
                i += 1;
                literals.insert(code.len(), lit);
                code.push(MARK);
            } else if c == '\'' && next == Some('\\') {
                // An escaped char literal: skip to its closing quote.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                code.push(MARK);
            } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
                i += 3;
                code.push(MARK);
            } else {
                code.push(c);
                i += 1;
            }
        }
        Self { code, literals }
    }

    /// The literal first argument of every `call` (like `t!(`), also when it
    /// sits on the next line; `call` must not continue a longer name
    /// (`format!(` is no `t!(`).
    fn literal_args(&self, call: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (at, _) in self.code.match_indices(call) {
            let before = self.code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let after = &self.code[at + call.len()..];
            let arg = after.trim_start();
            if arg.starts_with(MARK) {
                let offset = self.code.len() - arg.len();
                out.push(self.literals[&offset].clone());
            }
        }
        out
    }

    /// The names in `fn layer_name`'s match arms (`Layer::Today => "today"`).
    fn layer_names(&self) -> Vec<String> {
        let Some(start) = self.code.find("fn layer_name") else {
            return Vec::new();
        };
        let body = &self.code[start..];
        let end = start + body.find("\n}").unwrap_or(body.len());
        self.literals
            .range(start..end)
            .filter(|(at, _)| self.code[..**at].trim_end().ends_with("=>"))
            .map(|(_, name)| name.clone())
            .collect()
    }
}

// --- the running binary ---

/// A fresh data directory for one run of `kot`.
struct Dir {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Dir {
    fn new() -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("kot-i18n-")
            .tempdir()
            .expect("temp dir");
        let root = tmp.path().join("kot");
        Self { _tmp: tmp, root }
    }

    /// A data directory whose config is the example with `language = "{lang}"`.
    fn with_language(lang: &str) -> Self {
        let dir = Self::new();
        let example =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml"))
                .expect("config.example.toml");
        assert!(
            example.contains("\nlanguage = \"auto\"\n"),
            "config.example.toml has no line language = \"auto\""
        );
        let config = example.replace(
            "\nlanguage = \"auto\"\n",
            &format!("\nlanguage = \"{lang}\"\n"),
        );
        fs::create_dir_all(&dir.root).expect("create data directory");
        fs::write(dir.root.join("config.toml"), config).expect("write config.toml");
        dir
    }

    /// Run `kot ARGS` with only the locale variables in `locale` set.
    fn run(&self, locale: &[(&str, &str)], args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
        common::hermetic(&mut c, self._tmp.path())
            .env("KOT_DIR", &self.root)
            .env("KOT_NOW", "2026-11-23T09:00:00")
            .env("TZ", "Europe/Brussels")
            // No locale but the test's own.
            .env_remove("LANG")
            .stdin(Stdio::null());
        for (k, v) in locale {
            c.env(k, v);
        }
        c.args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"))
    }

    /// Run `kot ARGS`, assert success and return stdout.
    #[track_caller]
    fn ok(&self, locale: &[(&str, &str)], args: &[&str]) -> String {
        let out = self.run(locale, args);
        assert!(
            out.status.success(),
            "kot {args:?} with {locale:?} failed: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 stdout")
    }
}

/// `key`'s text in `cat` with `{name}` placeholders filled from `args`.
fn text(cat: &Catalogue, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = cat
        .get(key)
        .unwrap_or_else(|| panic!("no {key} in the catalogue"))
        .clone();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

const ADDED: [(&str, &str); 2] = [("id", "1"), ("title", "Test")];

#[test]
fn a_dutch_locale_gives_dutch() {
    let nl_text = text(&nl(), "cli.plan.added", &ADDED);
    assert_ne!(nl_text, text(&en(), "cli.plan.added", &ADDED));
    let out = Dir::new().ok(&[("LANG", "nl_BE.UTF-8")], &["plan", "add", "Test"]);
    assert_eq!(out, format!("{nl_text}\n"));
}

/// `kot --help` is clap's, in English whatever the language, and the README
/// and the example config say so rather than promise Dutch everywhere.
#[test]
fn the_help_stays_english_and_the_docs_say_so() {
    let help = Dir::new().ok(&[("LANG", "nl_BE.UTF-8")], &["--help"]);
    assert!(help.contains("Usage: kot"), "{help}");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let readme = flat(include_str!("../README.md"));
    assert!(
        readme.contains("The command-line help (`kot --help`) and the usage errors of the argument parser (`unexpected argument '--bogus'`) are English only, whatever the language."),
        "the README's Language section"
    );
    assert!(!readme.contains("The interface speaks English and Dutch."));
    assert!(flat(include_str!("../config.example.toml")).contains("kot --help stays English."));
}

#[test]
fn lc_all_wins_over_lang() {
    let out = Dir::new().ok(
        &[("LC_ALL", "C"), ("LANG", "nl_BE.UTF-8")],
        &["plan", "add", "Test"],
    );
    assert_eq!(out, format!("{}\n", text(&en(), "cli.plan.added", &ADDED)));
}

#[test]
fn the_config_language_wins_over_the_locale() {
    let out = Dir::with_language("nl").ok(&[("LANG", "en_US.UTF-8")], &["plan", "add", "Test"]);
    assert_eq!(out, format!("{}\n", text(&nl(), "cli.plan.added", &ADDED)));

    let out = Dir::with_language("en").ok(&[("LANG", "nl_BE.UTF-8")], &["plan", "add", "Test"]);
    assert_eq!(out, format!("{}\n", text(&en(), "cli.plan.added", &ADDED)));
}

#[test]
fn errors_are_dutch_too() {
    let out = Dir::new().run(&[("LANG", "nl_BE.UTF-8")], &["plan", "done", "99"]);
    assert_eq!(out.status.code(), Some(1), "kot plan done 99 should fail");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let want = text(&nl(), "plan.refused.no_task", &[("id", "99")]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("kot: {want}\n")
    );
}

#[test]
fn the_source_scan_finds_literal_keys_only() {
    let src = Lexed::new(
        r##"
//! Doc: `t!("doc.key")` is a comment.
/* t!("block.comment") /* nested */ t!("still.comment") */
let q = '"'; let e = '\''; fn f<'a>(x: &'a str) {}
let s = format!("{}", t!("real.one"));
let r = r#"t!("in.raw") "quoted""#;
crate::t!(
    "real.two",
    n = 1
);
i18n::plural("real.plural", 2, &[]);
t!(key);
"##,
    );
    assert_eq!(src.literal_args("t!("), ["real.one", "real.two"]);
    assert_eq!(src.literal_args("plural("), ["real.plural"]);
    assert!(
        src.literals
            .values()
            .any(|l| l == r#"t!("in.raw") "quoted""#)
    );
}

/// The Dutch examples of an estimate are written the Dutch way (as kot
/// shows durations in Dutch), and each one parses back.
#[test]
fn dutch_estimate_examples_are_dutch_and_parse() {
    let nl = nl();
    assert!(
        nl["cli.bad_estimate"].ends_with("zoals 30 min, 1u, 1u30"),
        "{}",
        nl["cli.bad_estimate"]
    );
    assert!(nl["input.estimate_hint"].starts_with("Zoals 30 min, 1u of 1u30;"));
    for example in ["30 min", "1u", "1u30"] {
        let e: Result<kot::core::time::Estimate, _> = example.parse();
        assert!(e.is_ok(), "{example}");
    }
}
