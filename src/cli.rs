//! The command line: clap types here, one module per command group beside it.
//! No subcommand opens the TUI. Subcommands never touch the terminal.

pub mod admin;
pub mod breaks;
pub mod notice;
pub mod out;
pub mod plan;
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
    /// Run the break coach without a screen (for a systemd user service)
    Watch,
    /// The end of the workday: the shutdown ritual (prompts in a terminal,
    /// flags without one)
    Shutdown(ShutdownArgs),
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
    /// Show where the config and the day files live
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
pub struct ShutdownArgs {
    /// Print where the day stands towards its end, and change nothing
    #[arg(long, conflicts_with_all = ["carry", "top", "done", "at"])]
    pub status: bool,
    /// Carry today's unfinished tasks to the next work day, or drop them
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
    #[command(flatten)]
    pub date: DateArg,
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
