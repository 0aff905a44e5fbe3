//! The rules of the house that a compiler does not check: `src/core` is pure,
//! and one crossterm is built.
#![allow(clippy::disallowed_methods)] // reads the sources plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What the domain may not use: the files, the terminal, D-Bus, the clock,
/// the process's environment, and the layers above it.
const IMPURE: &[&str] = &[
    "std::fs",
    "std::io",
    "std::env",
    "std::process",
    "std::thread",
    "std::net",
    "SystemTime",
    "Instant",
    "::now(",
    "crossterm",
    "ratatui",
    "zbus",
    "notify_rust",
    "inotify",
    "signal_hook",
    "libc::",
    "crate::store",
    "crate::clock",
    "crate::config",
    "crate::i18n",
    "crate::notice",
    "crate::events",
    "crate::cli",
    "crate::tui",
    "crate::headless",
    "crate::coach_runtime",
];

/// The code of a file without its comments and its tests (tests may read a
/// clock to build fixtures).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn impure_uses(text: &str) -> Vec<&'static str> {
    let code = code(text);
    IMPURE
        .iter()
        .copied()
        .filter(|word| code.contains(word))
        .collect()
}

#[test]
fn core_uses_no_files_terminal_bus_or_clock() {
    // The check itself must see a use when there is one.
    assert_eq!(
        impure_uses("use std::fs;\n// crate::store in a comment"),
        ["std::fs"]
    );
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
        &mut files,
    );
    assert!(files.len() > 5, "src/core moved? {files:?}");
    let mut found = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).expect("read a source file");
        for word in impure_uses(&text) {
            found.push(format!("{}: {word}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "src/core must stay pure:\n{}",
        found.join("\n")
    );
}

#[test]
fn one_crossterm_is_built() {
    let lock = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock");
    let versions: Vec<&str> = lock
        .split("[[package]]")
        .filter(|p| p.contains("\nname = \"crossterm\"\n"))
        .filter_map(|p| p.lines().find(|l| l.starts_with("version = ")))
        .collect();
    assert_eq!(versions.len(), 1, "crossterm in Cargo.lock: {versions:?}");
}

/// The keys in a README table's first column (each written `like this`).
fn readme_keys(readme: &str, heading: &str) -> std::collections::BTreeSet<String> {
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("README has no '## {heading}'"));
    section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .skip(1) // the header row
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The keys README's table under `## heading` lists are exactly the keys
/// `layers` bind: a key added, changed or dropped in one is caught in the other.
fn assert_readme_table_is(heading: &str, table: &str, layers: &[kot::tui::keymap::Layer]) {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let documented = readme_keys(&readme, heading);
    let bound: std::collections::BTreeSet<String> = layers
        .iter()
        .flat_map(|l| l.bindings())
        .flat_map(|b| b.keys.iter().map(|k| k.label()))
        .collect();
    let missing: Vec<_> = bound.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&bound).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "README {table} table: not documented {missing:?}; documented but not bound {stale:?}"
    );
}

/// The README's Keys table lists exactly the keys the key table binds on
/// Today (with the break card's and the global ones).
#[test]
fn the_readme_keys_table_is_the_key_table() {
    use kot::tui::keymap::Layer;
    assert_readme_table_is(
        "Keys",
        "Keys",
        &[
            Layer::Today,
            Layer::BreakDue,
            Layer::OnBreak,
            Layer::Screens,
            Layer::Global,
        ],
    );
}

/// The README's table of the Journal screen lists exactly the keys of the
/// calendar, a day being read and the search results.
#[test]
fn the_readme_journal_table_is_the_journal_key_table() {
    use kot::tui::keymap::Layer;
    assert_readme_table_is(
        "The Journal screen",
        "Journal",
        &[
            Layer::JournalMonth,
            Layer::JournalDay,
            Layer::JournalResults,
        ],
    );
}

/// The README's table of the Week screen lists exactly the keys of the
/// Week layer.
#[test]
fn the_readme_week_table_is_the_week_key_table() {
    use kot::tui::keymap::Layer;
    assert_readme_table_is("The Week screen", "Week", &[Layer::Week]);
}

/// The README's table of the ritual's keys lists exactly the keys of its
/// steps and of the evening after it.
#[test]
fn the_readme_ritual_table_is_the_ritual_key_table() {
    use kot::tui::keymap::Layer;
    assert_readme_table_is(
        "The end of the day",
        "ritual",
        &[
            Layer::RitualToday,
            Layer::RitualTomorrow,
            Layer::RitualJournal,
            Layer::RitualStep,
            Layer::RitualWeek,
            Layer::RitualWeekText,
            Layer::RitualDone,
            Layer::OffWork,
        ],
    );
}
