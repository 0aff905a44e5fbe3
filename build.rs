//! Release binaries without unwind tables.
//!
//! With `panic = "abort"` nothing in kot reads `.eh_frame` at run time: no
//! panic unwinds, and the panic hook prints one line, never a backtrace. The
//! tables are only read by stack walkers (gdb, perf `--call-graph dwarf`), yet
//! they came to ~435 KB of the ~3.35 MB release binary (`.eh_frame` plus its
//! index `.eh_frame_hdr`), above issue 8's 3 MB goal. rustc cannot leave out
//! the tables of the precompiled std (`-C force-unwind-tables=no` needs a
//! rebuilt std), so the linker drops them, for the `kot` binary only: tests
//! and the library keep them.
//!
//! Kept when:
//! - the profile carries debug info (`cargo build --profile profiling`, for
//!   perf and gdb): `DEBUG` is then `true`;
//! - `KOT_KEEP_UNWIND_TABLES=1` (the escape hatch);
//! - the linker is mold or gold: mold has no `SECTIONS` in linker scripts,
//!   gold no `INSERT` (it refuses the script and the link fails);
//! - the target is not Linux with glibc (the only place it was tried).

use std::env;
use std::fs;
use std::path::PathBuf;

/// Drops `.eh_frame` from the output. `INSERT AFTER .text` makes it an
/// addition to the linker's built-in layout rather than a replacement: with a
/// bare `SECTIONS` lld lays out a binary ld.so refuses, and as an implicit
/// script (no `-T`) GNU ld ignores the discard.
const SCRIPT: &str = "SECTIONS { /DISCARD/ : { *(.eh_frame) } } INSERT AFTER .text;\n";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if cargo_var("PROFILE") != "release" {
        return; // dev and test builds: nothing to say
    }
    if let Some(why) = keep_reason() {
        println!("cargo:warning=unwind tables kept: {why}");
        return;
    }
    let Some(out) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let script = out.join("no-eh-frame.ld");
    if let Err(e) = write(&script) {
        println!("cargo:warning=unwind tables kept: cannot write {script:?}: {e}");
        return;
    }
    let path = script.display().to_string();
    // `-Wl,` splits at commas: a comma in the path would cut it in two.
    if path.contains(',') {
        println!("cargo:warning=unwind tables kept: a comma in OUT_DIR ({path})");
        return;
    }
    println!("cargo:rustc-link-arg-bins=-Wl,-T,{path}");
    // Without `.eh_frame` its index would describe nothing: no PT_GNU_EH_FRAME.
    println!("cargo:rustc-link-arg-bins=-Wl,--no-eh-frame-hdr");
}

/// Why the tables stay in this release-profile build, if they do.
fn keep_reason() -> Option<&'static str> {
    // `profiling` inherits `release`, so PROFILE is "release" there too.
    if cargo_var("DEBUG") != "false" {
        return Some("the profile has debug info (a profiling build)");
    }
    if outside_var("KOT_KEEP_UNWIND_TABLES") == "1" {
        return Some("KOT_KEEP_UNWIND_TABLES=1");
    }
    if cargo_var("CARGO_CFG_TARGET_OS") != "linux" || cargo_var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return Some("not a linux-gnu target");
    }
    let target = cargo_var("TARGET").to_uppercase().replace(['-', '.'], "_");
    let linker_settings = [
        cargo_var("CARGO_ENCODED_RUSTFLAGS"),
        outside_var("RUSTFLAGS"),
        outside_var(&format!("CARGO_TARGET_{target}_LINKER")),
        // The linker cargo resolved from its config files, if one is set.
        cargo_var("RUSTC_LINKER"),
        // `mold -run cargo …` slips mold in through LD_PRELOAD.
        outside_var("LD_PRELOAD"),
    ];
    if linker_settings.iter().any(|s| s.contains("mold")) {
        return Some("the linker is mold, which has no SECTIONS in linker scripts");
    }
    if linker_settings.iter().any(|s| s.contains("gold")) {
        return Some("the linker is gold, which has no INSERT in linker scripts");
    }
    None
}

/// A variable cargo sets for build scripts; a change to it already makes a
/// new build (`rerun-if-env-changed` has no effect on these).
fn cargo_var(name: &str) -> String {
    env::var(name).unwrap_or_default()
}

/// A variable from the environment cargo runs in: changing it reruns this script.
fn outside_var(name: &str) -> String {
    println!("cargo:rerun-if-env-changed={name}");
    env::var(name).unwrap_or_default()
}

// OUT_DIR is this build's own scratch space: no reader can see a half-written
// file, so the store's atomic write is not needed here.
#[expect(clippy::disallowed_methods, reason = "OUT_DIR, not the user's files")]
fn write(script: &std::path::Path) -> std::io::Result<()> {
    fs::write(script, SCRIPT)
}
