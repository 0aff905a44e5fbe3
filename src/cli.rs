//! The command line: clap types here, one module per command group beside it.
//! No subcommand opens the TUI. Subcommands never touch the terminal.

pub mod admin;
pub mod agreements;
pub mod breaks;
pub mod day;
pub mod export;
pub mod import;
pub mod journal;
pub mod notice;
pub mod off;
pub mod out;
pub mod plan;
pub mod report;
pub mod shutdown;
pub mod status;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "kot", version, about = "A personal home-office coach in your terminal", long_about = None)]
pub struct Cli {
    /// Keep config and data in this directory instead of the config directory
    /// (~/.config/kot, or $XDG_CONFIG_HOME/kot)
    #[arg(long, global = true, env = "KOT_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// How long a change waits for another kot that is writing, in seconds,
    /// before it gives up (the TUI never waits: it keeps the change and retries)
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub wait: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan a day: tasks, top 3, estimates, time blocks
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Say where you work today: home, office, off or sick
    Where {
        place: PlaceArg,
        #[command(flatten)]
        date: DateArg,
    },
    /// Mark days off ahead: kot off 2026-12-24..2027-01-02 --reason holiday
    Off {
        /// One day or FROM..TO, each YYYY-MM-DD, today, yesterday or tomorrow
        range: String,
        /// Why: holiday, leave, compensation (time off for overtime) or other
        #[arg(long, value_enum)]
        reason: Option<off::OffReasonArg>,
        /// Also mark days off that are marked sick or have work recorded
        /// (the records stay)
        #[arg(long)]
        force: bool,
        /// The days are no longer off: the config decides again
        #[arg(long, conflicts_with_all = ["reason", "force"])]
        undo: bool,
    },
    /// Print your working hours and what you agreed with your team
    /// ([agreements] in config.toml), to share
    Agreements {
        #[arg(long, value_enum, default_value_t = agreements::AgreementsFormat::Text)]
        format: agreements::AgreementsFormat,
    },
    /// Check config.toml and the data directory
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Breaks: start one (or lunch), end it, skip or snooze the one due
    #[command(subcommand)]
    Break(BreakCommand),
    /// Pause the break coach: kot pause 30m | 1h | until 14:00
    Pause {
        /// How long (30m, 1h30) or until when (14:00, "until 14:00")
        #[arg(required = true, num_args = 1..)]
        until: Vec<String>,
    },
    /// Resume the break coach after a pause
    Resume,
    /// One line for tmux, waybar, polybar or a shell prompt
    Status {
        /// A template with {state}, {left}, {next}, {end}
        #[arg(long, value_name = "TEMPLATE", conflicts_with = "json")]
        format: Option<String>,
        /// waybar's JSON: text, tooltip, class, percentage
        #[arg(long)]
        json: bool,
    },
    /// The journal: kot journal "text" adds a line with the time to today's
    /// text; edit, show, list, search and rate a day
    #[command(args_conflicts_with_subcommands = true)]
    Journal(JournalArgs),
    /// Note a real conversation of the day: kot contact "Lena" --how call, or
    /// kot contact --none for a day without one; kot contact --rm 2 takes one back
    Contact {
        /// Who you talked to
        #[arg(required_unless_present_any = ["none", "rm"], conflicts_with = "none")]
        who: Option<String>,
        /// How: in-person (the default), call, video or chat
        #[arg(long, value_name = "HOW")]
        how: Option<String>,
        /// There was no real conversation that day
        #[arg(long)]
        none: bool,
        /// Remove the Nth conversation, as `kot journal show` lists them
        /// (the first is 1)
        #[arg(long, value_name = "N", conflicts_with_all = ["who", "how", "none"])]
        rm: Option<usize>,
        #[command(flatten)]
        date: DateArg,
    },
    /// Note a win of the day: kot win "Shipped the report"; kot win --rm 1
    /// takes one back
    Win {
        #[arg(required_unless_present = "rm", num_args = 1..)]
        text: Vec<String>,
        /// Remove the Nth win, as `kot journal show` lists them (the first is 1)
        #[arg(long, value_name = "N", conflicts_with = "text")]
        rm: Option<usize>,
        #[command(flatten)]
        date: DateArg,
    },
    /// Export the journal with each day's plan and breaks (Markdown or JSON)
    ///
    /// JSON is exact everywhere: control characters and bidi overrides in the
    /// text are written as \u escapes, which read back as the same text.
    /// Markdown shows titles, names and wins as written (escaped from
    /// Markdown and HTML) and puts headings in the journal text below the
    /// day's; the journal text itself is exact into a file or a pipe, and on
    /// a terminal its control characters and bidi overrides are shown
    /// escaped (\e, \u{202e}).
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        #[command(flatten)]
        range: RangeArgs,
        /// Write to this file (created 0600) instead of standard output: a
        /// new file, or an existing regular file with --force; never a
        /// directory, device, FIFO or socket. A link to a regular file is
        /// followed (the file it points to is replaced, the link stays).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists: atomically, by a new file (0600) put in
        /// its place, so other hard links to it keep the old content
        #[arg(long, requires = "output")]
        force: bool,
        /// With --force: write into the existing file instead, keeping its
        /// hard links and permissions (not atomic: interrupted, it holds the
        /// start of the export)
        #[arg(long, requires = "force")]
        in_place: bool,
    },
    /// Import another journal into kot's
    #[command(subcommand)]
    Import(ImportCommand),
    /// A week, month or year at a glance: hours, breaks, lunches, shutdowns,
    /// meetings, places, the needs' trend and the tasks done (Markdown for a
    /// one-to-one)
    Report(ReportArgs),
    /// Run the break coach without a screen (for a systemd user service)
    Watch,
    /// The end of the workday: the shutdown ritual (prompts in a terminal,
    /// flags without one)
    Shutdown(ShutdownArgs),
    /// A day's record (start, end, worked, overtime, breaks, shutdown); with
    /// --start and --end, correct its start and end afterwards
    Day {
        #[command(flatten)]
        date: DateArg,
        /// When the day's work really started, HH:MM
        #[arg(long, value_name = "HH:MM")]
        start: Option<String>,
        /// When it really ended, HH:MM (before the start: after midnight,
        /// up to `day_starts`)
        #[arg(long, value_name = "HH:MM")]
        end: Option<String>,
        /// Print JSON instead of text
        #[arg(long, conflicts_with_all = ["start", "end"])]
        json: bool,
    },
    /// Move today's end for a deliberate long (or short) day: kot end 19:00
    End {
        /// The new end, HH:MM
        #[arg(required_unless_present = "reset")]
        time: Option<String>,
        /// Back to the end from the config
        #[arg(long, conflicts_with = "time")]
        reset: bool,
    },
    /// Back to work after the shutdown (counted as overtime); with --at and
    /// --until, record evening work afterwards
    Work {
        /// When the evening work started, HH:MM (default: now)
        #[arg(long, value_name = "HH:MM")]
        at: Option<String>,
        /// When it ended, HH:MM (with --at)
        #[arg(long, value_name = "HH:MM", requires = "at")]
        until: Option<String>,
    },
    /// Desktop notifications
    #[command(subcommand)]
    Notify(NotifyCommand),
    /// Print a shell completion script
    Completions { shell: clap_complete::Shell },
    /// Show where the config, the day files and the journal live
    Paths,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a task
    Add {
        /// The task's title
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
        /// Mark it as one of the day's top 3
        #[arg(long)]
        top: bool,
        /// How long it should take: 30m, 1h, 1h30
        #[arg(long, short, value_name = "DURATION")]
        estimate: Option<String>,
        #[command(flatten)]
        date: DateArg,
    },
    /// List a day's tasks and time blocks
    List {
        #[command(flatten)]
        date: DateArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Mark a task done
    Done {
        id: u32,
        #[command(flatten)]
        date: DateArg,
    },
    /// Mark a done task open again
    Reopen {
        id: u32,
        #[command(flatten)]
        date: DateArg,
    },
    /// Mark a task as top 3 (or unmark it with --off)
    Top {
        id: u32,
        #[arg(long)]
        off: bool,
        #[command(flatten)]
        date: DateArg,
    },
    /// Change a task's title or estimate
    Edit {
        id: u32,
        #[arg(long)]
        title: Option<String>,
        /// New estimate (30m, 1h30); "none" removes it
        #[arg(long, short, value_name = "DURATION")]
        estimate: Option<String>,
        #[command(flatten)]
        date: DateArg,
    },
    /// Move a task up (negative) or down (positive) in the list
    Move {
        id: u32,
        #[arg(allow_negative_numbers = true)]
        by: i32,
        #[command(flatten)]
        date: DateArg,
    },
    /// Delete a task
    Rm {
        id: u32,
        #[command(flatten)]
        date: DateArg,
    },
    /// Time blocks on the day's timeline
    #[command(subcommand)]
    Block(BlockCommand),
}

#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Add a block: kot plan block add 10:00-10:30 "Standup" --meeting --video
    Add {
        /// Start and end, HH:MM-HH:MM
        span: String,
        /// The block's title
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
        #[command(flatten)]
        kind: KindArgs,
        /// A video call
        #[arg(long)]
        video: bool,
        #[command(flatten)]
        date: DateArg,
    },
    /// Change a block: kot plan block edit b1 --at 10:15-10:45 --title "Standup" --meeting --video
    Edit {
        /// The block's id (b1 or 1)
        id: String,
        /// New start and end, HH:MM-HH:MM
        #[arg(long, value_name = "HH:MM-HH:MM")]
        at: Option<String>,
        /// New title
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        kind: KindArgs,
        /// A video call
        #[arg(long, overrides_with = "no_video")]
        video: bool,
        /// Not a video call
        #[arg(long)]
        no_video: bool,
        #[command(flatten)]
        date: DateArg,
    },
    /// Delete a block by its id (b1 or 1)
    Rm {
        id: String,
        #[command(flatten)]
        date: DateArg,
    },
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct KindArgs {
    /// A meeting (the default with --video)
    #[arg(long)]
    pub meeting: bool,
    /// A focus block (the default)
    #[arg(long)]
    pub focus: bool,
    /// Personal time: lunch, errands, a walk
    #[arg(long)]
    pub personal: bool,
}

#[derive(Debug, Subcommand)]
pub enum BreakCommand {
    /// Start a break now (the one due, or an early one)
    Start {
        /// Start lunch instead
        #[arg(long)]
        lunch: bool,
    },
    /// Back from the break: focus starts again
    End,
    /// Skip the break that is due (it is recorded as skipped)
    Skip,
    /// Snooze the break that is due, within the snooze budget
    Snooze,
    /// Record a break kot did not see: kot break add 12:00-12:40 [--lunch]
    Add {
        /// Start and end, HH:MM-HH:MM
        span: String,
        /// It was lunch
        #[arg(long)]
        lunch: bool,
        #[command(flatten)]
        date: DateArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Send a test notification and say whether it arrived and what the
    /// notification server supports
    Test,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Report every problem in config.toml and stray sync-conflict copies
    Check,
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    #[command(subcommand)]
    pub command: Option<JournalCommand>,
    /// The text to add ("-" reads it from standard input)
    pub text: Vec<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct ShutdownArgs {
    /// Print where the day stands towards its end, and change nothing
    #[arg(
        long,
        conflicts_with_all = ["carry", "top", "done", "at", "mood", "energy", "contact", "win", "one_thing", "happened", "note"]
    )]
    pub status: bool,
    /// What to do with today's unfinished tasks: `all` carries them to the
    /// next work day, `none` drops them all
    #[arg(long, value_name = "all|none")]
    pub carry: Option<CarryArg>,
    /// A top task for the next work day: a new title, or the id of today's
    /// unfinished task to carry as one (up to 3; they replace its top 3; the
    /// first is its first task)
    #[arg(long, value_name = "TITLE|ID")]
    pub top: Vec<String>,
    /// Today's task that got done after all (repeatable)
    #[arg(long, value_name = "ID")]
    pub done: Vec<u32>,
    /// Record a shutdown that happened away from kot, at HH:MM
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
    /// The journal step without a terminal: the day's mood, 1 to 5
    #[arg(long, value_name = "N")]
    pub mood: Option<u8>,
    /// The journal step without a terminal: the day's energy, 1 to 5
    #[arg(long, value_name = "N")]
    pub energy: Option<u8>,
    /// The journal step without a terminal: someone you really talked with
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// The journal step without a terminal: a win of the day
    #[arg(long, value_name = "TEXT")]
    pub win: Option<String>,
    /// The week step without a terminal: this week's one thing to change
    #[arg(long, value_name = "TEXT")]
    pub one_thing: Option<String>,
    /// The week step without a terminal: whether last week's one thing happened
    #[arg(long, value_name = "yes|no")]
    pub happened: Option<YesNo>,
    /// Where you left off, one line for the next work day's check-in (also
    /// after the shutdown; "" removes it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Edit a day's text in $VISUAL or $EDITOR
    Edit {
        #[command(flatten)]
        date: DateArg,
    },
    /// Show a day's journal: scores, contacts, wins and text
    Show {
        #[command(flatten)]
        date: DateArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// List the days with a journal entry (the last 10 unless told)
    List {
        /// The last N entries
        #[arg(long, value_name = "N")]
        last: Option<usize>,
        #[command(flatten)]
        range: RangeArgs,
        /// Only days with this #tag
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Search words, #tags and scores: kot journal search lena mood<=2
    Search {
        /// Words (all must be found), #tags, and filters like mood<=2,
        /// relatedness<3, energy>=4
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// Only days with this #tag
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        #[command(flatten)]
        range: RangeArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Rate a day from 1 to 5: mood, energy and the three needs
    Rate {
        /// How the day felt
        #[arg(long, value_name = "1-5")]
        mood: Option<String>,
        #[arg(long, value_name = "1-5")]
        energy: Option<String>,
        /// I could decide how I did my work today
        #[arg(long, value_name = "1-5")]
        autonomy: Option<String>,
        /// I got things done and did them well
        #[arg(long, value_name = "1-5")]
        competence: Option<String>,
        /// I felt connected to people today
        #[arg(long, value_name = "1-5")]
        relatedness: Option<String>,
        #[command(flatten)]
        date: DateArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A jrnl journal: its plain-text file or a `jrnl --export json` file
    Jrnl {
        file: PathBuf,
        /// The journal's timeformat when it is not jrnl's default
        /// ("%Y-%m-%d %I:%M:%S %p", or "%Y-%m-%d %H:%M")
        #[arg(long, value_name = "FMT")]
        timeformat: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The week (Monday to Sunday) of --date (the default)
    #[arg(long, conflicts_with_all = ["month", "year"])]
    pub week: bool,
    /// The calendar month of --date
    #[arg(long, conflicts_with = "year")]
    pub month: bool,
    /// The calendar year of --date
    #[arg(long)]
    pub year: bool,
    #[command(flatten)]
    pub date: DateArg,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct RangeArgs {
    /// From this day on (YYYY-MM-DD, today, yesterday)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this day
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    #[value(alias = "ja", alias = "y", alias = "j")]
    Yes,
    #[value(alias = "nee", alias = "n")]
    No,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CarryArg {
    All,
    None,
}

#[derive(Debug, Clone, Args)]
pub struct DateArg {
    /// The day: YYYY-MM-DD, today, yesterday or tomorrow (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PlaceArg {
    Home,
    Office,
    Off,
    Sick,
}
