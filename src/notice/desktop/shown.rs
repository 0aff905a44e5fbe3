//! The notices kot shows and has not closed, as `.kot-notices` in the data
//! directory keeps them for the next start: whose they are (the notification
//! server's unique bus name, the bus, the boot) on one line, their ids on the
//! next. No D-Bus here: the worker asks for the server's name and writes
//! the file.

/// The state file's content: whose notices (the server, the bus, the boot)
/// and their ids.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Shown {
    pub(super) whose: String,
    pub(super) ids: Vec<u32>,
}

impl Shown {
    /// `server` on this session bus in this boot: the three together name
    /// one notification server process, so its ids are still its own.
    pub(super) fn whose(server: &str) -> String {
        let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
        let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap_or_default();
        format!("{server} {bus} {}", boot.trim())
    }

    pub(super) fn render(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(u32::to_string).collect();
        format!(
            "# kot: the desktop notices it shows, to close at its next start\n{}\n{}\n",
            self.whose,
            ids.join(" ")
        )
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines().filter(|l| !l.starts_with('#'));
        let whose = lines.next()?.to_string();
        let ids = lines
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<u32>, _>>()
            .ok()?;
        Some(Self { whose, ids })
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn the_state_file_reads_back_what_was_written() {
        let shown = Shown {
            whose: ":1.42 unix:path=/run/user/1000/bus 0b7c".into(),
            ids: vec![1001, 1007],
        };
        assert_eq!(Shown::parse(&shown.render()), Some(shown));
        // Nobody asked yet: no owner, so nothing the next start may close.
        let unknown = Shown {
            whose: String::new(),
            ids: vec![3],
        };
        assert_eq!(Shown::parse(&unknown.render()), Some(unknown));
        assert_eq!(Shown::parse("# kot\n:1.2 x\n1 two\n"), None);
    }
}
