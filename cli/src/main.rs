//! `beian`: checks China ICP filing applications (网站备案) before they are
//! submitted, checks and finds filing numbers, and shows the rule set.
//!
//! The library behind it is the `beian` crate; this binary adds the command
//! line, the JSON Lines batch mode (on all cores, with rayon) and the
//! rule-set catalogue. Exit status: 0 when every application passes, 1 when
//! one has errors (or warnings, with `--deny-warnings`), 2 when an input is
//! not an application or the rule directory is invalid.

mod number;
mod output;
mod rules;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Checks China ICP filing applications (网站备案) before they are submitted.
#[derive(Parser)]
#[command(name = "beian", version, about, long_about = None, max_term_width = 100)]
#[command(after_help = "\
Exit status: 0 when everything passes, 1 when an application has errors (or \
warnings, with --deny-warnings) or a number is invalid, 2 when an input is not \
an application or not readable, or the rule directory is invalid.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate applications: JSON files, `-` for standard input, or JSON Lines with --format jsonl
    Validate(validate::Args),
    /// Check ICP filing, ICP licence and public-security filing numbers, or find them in a page
    Number(number::Args),
    /// Show the rule set: the code catalogue, the provinces, one rule; export the rule files
    Rules(rules::Args),
}

/// The exit status, from best to worst: the status of a run is the worst of
/// its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Everything passes.
    Ok = 0,
    /// An application has errors (or warnings, with `--deny-warnings`), or a
    /// number is invalid.
    Findings = 1,
    /// An input is not usable, or the rule directory is invalid.
    Unusable = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

/// Text for a person, or JSON for a program.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    /// Readable text.
    #[default]
    Text,
    /// JSON.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Number(args) => number::run(args),
        Command::Rules(args) => rules::run(args),
    };
    status.into()
}
