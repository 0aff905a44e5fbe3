//! `NO_COLOR` read one way by every front end, the no-color.org rule: set and
//! not empty means no colour; set to the empty string means colour. The CLI's
//! journal search once read an empty `NO_COLOR` as "no colour" while the TUI
//! read it as "colour".
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use pty::Kot;

const BOLD: &[u8] = b"\x1b[1m";

fn search_output(dir: &std::path::Path, no_color: &str) -> Vec<u8> {
    let mut kot = Kot::spawn_args(
        dir,
        100,
        20,
        &["journal", "search", "tea"],
        &[("NO_COLOR", no_color)],
    );
    kot.wait_for("1 day found");
    kot.wait_exit();
    kot.raw_output()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_empty_no_color_means_colour_in_the_cli_and_the_tui() {
    let tmp = tempfile::Builder::new()
        .prefix("kot-no-color-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    pty::cli_ok(dir, &["journal", "green tea at noon"]);
    assert!(contains(&search_output(dir, ""), BOLD), "empty: colour");
    assert!(!contains(&search_output(dir, "1"), BOLD), "set: none");

    let mut kot = Kot::spawn(dir, 100, 30, &[("NO_COLOR", "")]);
    kot.wait_for("Where do you work today");
    assert!(kot.colored_cells() > 0, "an empty NO_COLOR means colour");
    kot.send("q");
}
