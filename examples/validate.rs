//! Checks an ICP filing application from a JSON file (or `-` for stdin).
//!
//! ```text
//! cargo run --example validate -- [--format text|json] [--lang zh|en] [--as-of YYYY-MM-DD] [--rules DIR] [--stage prerequisites|subject|services|complete] <FILE|->
//! ```
//!
//! Exit status: 0 when the application passes, 1 when it has errors, 2 when
//! the input cannot be read or is not an application, or the rule directory
//! is invalid.

use std::io::Read;
use std::process::ExitCode;

use beian::{Application, Language, RuleSet, Stage, Validator};

const USAGE: &str = "usage: validate [--format text|json] [--lang zh|en] [--as-of YYYY-MM-DD] [--rules DIR] [--stage prerequisites|subject|services|complete] <FILE|->";

struct Options {
    json: bool,
    lang: Language,
    as_of: Option<beian::Date>,
    rules: Option<String>,
    stage: Stage,
    input: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let options = parse_args(std::env::args().skip(1))?;
    let text = if options.input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(&options.input).map_err(|e| format!("cannot read `{}`: {e}", options.input))?
    };
    let app = Application::from_json(&text).map_err(|e| format!("`{}` is not an application: {e}", options.input))?;
    let rules = match &options.rules {
        Some(dir) => RuleSet::from_dir(dir).map_err(|e| format!("invalid rules: {e}"))?,
        None => RuleSet::embedded(),
    };
    let mut validator = Validator::new(&rules).stage(options.stage);
    if let Some(date) = options.as_of {
        validator = validator.as_of(date);
    }
    let report = validator.validate(&app);
    if options.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.to_text(&rules, options.lang));
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        json: false,
        lang: Language::Zh,
        as_of: None,
        rules: None,
        stage: Stage::Complete,
        input: String::new(),
    };
    let mut input = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--format" => match value("--format")?.as_str() {
                "text" => options.json = false,
                "json" => options.json = true,
                other => return Err(format!("unknown format `{other}`: use text or json")),
            },
            "--lang" => match value("--lang")?.as_str() {
                "zh" => options.lang = Language::Zh,
                "en" => options.lang = Language::En,
                other => return Err(format!("unknown language `{other}`: use zh or en")),
            },
            "--as-of" => {
                let v = value("--as-of")?;
                let date = v
                    .parse::<beian::Date>()
                    .ok()
                    .filter(|_| v.len() == 10)
                    .ok_or_else(|| format!("invalid date `{v}`: use YYYY-MM-DD"))?;
                options.as_of = Some(date);
            }
            "--rules" => options.rules = Some(value("--rules")?),
            "--stage" => {
                let v = value("--stage")?;
                options.stage = v
                    .parse()
                    .map_err(|_| format!("unknown stage `{v}`: use prerequisites, subject, services or complete"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            _ if input.is_some() => return Err(format!("more than one input file\n{USAGE}")),
            _ => input = Some(arg),
        }
    }
    options.input = input.ok_or_else(|| format!("no input file\n{USAGE}"))?;
    Ok(options)
}
