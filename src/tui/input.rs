//! The key reader: a thread that turns terminal events into `Msg`s, and that
//! can be paused while another program (the user's `$EDITOR`) owns the
//! terminal. It never blocks in `event::read`: it waits in `event::poll`, and
//! after each wake it looks at the pause flag before reading. An idle kot
//! must not wake for nothing (a timed poll every 2 s was half a wake-up a
//! second), so the wait has no short timeout: `pause` wakes the reader with a
//! `SIGWINCH` to this process, which crossterm turns into an event (a resize,
//! read after the resume: the screen is drawn anew then anyway). `pause`
//! returns once the reader is parked, so not one byte meant for the editor is
//! read here.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::display::SizeCell;
use super::msg::Msg;

/// How long a poll waits: long, since `pause` wakes it at once. Still
/// bounded, so a lost signal costs a slow pause, never a hung one.
const WAIT: Duration = Duration::from_secs(30);

#[derive(Default)]
struct State {
    /// The main thread asks the reader to stop reading.
    pause: bool,
    /// The reader stopped and waits for `pause` to clear.
    parked: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The handle on the reader thread.
#[derive(Clone)]
pub struct Input {
    shared: Arc<Shared>,
}

impl Input {
    /// Start reading the terminal; events go to `tx`, sizes to `size`.
    #[must_use]
    pub fn spawn(tx: Sender<Msg>, size: SizeCell) -> Self {
        let shared = Arc::new(Shared::default());
        let reader = shared.clone();
        thread::spawn(move || {
            read_loop(&reader, &tx, &size);
            // Gone for good: a pause has nothing to wait for.
            reader.lock().parked = true;
            reader.changed.notify_all();
        });
        Self { shared }
    }

    /// Stop reading the terminal; returns once the reader is parked.
    pub fn pause(&self) {
        let mut s = self.shared.lock();
        s.pause = true;
        if !s.parked {
            // Wake the reader from its poll (see the module doc).
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
        }
        while !s.parked {
            s = self
                .shared
                .changed
                .wait(s)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Read the terminal again.
    pub fn resume(&self) {
        let mut s = self.shared.lock();
        s.pause = false;
        self.shared.changed.notify_all();
    }
}

fn read_loop(shared: &Shared, tx: &Sender<Msg>, size: &SizeCell) {
    loop {
        park_while_paused(shared);
        match event::poll(WAIT) {
            Ok(false) => continue,
            // Asked to pause meanwhile: the byte is the editor's, not ours.
            Ok(true) if shared.lock().pause => continue,
            Ok(true) => {}
            Err(_) => {
                let _ = tx.send(Msg::Quit);
                return;
            }
        }
        let msg = match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => Msg::Key(k),
            Ok(Event::Paste(s)) => Msg::Paste(s),
            Ok(Event::Resize(cols, rows)) => {
                size.set(cols, rows);
                Msg::Resize
            }
            Ok(_) => continue,
            Err(_) => Msg::Quit,
        };
        let quit = msg == Msg::Quit;
        if tx.send(msg).is_err() || quit {
            return;
        }
    }
}

/// While a pause is asked for: say so and wait for the resume.
fn park_while_paused(shared: &Shared) {
    let mut s = shared.lock();
    if !s.pause {
        return;
    }
    s.parked = true;
    shared.changed.notify_all();
    while s.pause {
        s = shared
            .changed
            .wait(s)
            .unwrap_or_else(PoisonError::into_inner);
    }
    s.parked = false;
}
