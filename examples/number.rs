//! Checks ICP filing numbers, ICP licence numbers and public-security filing
//! numbers given on the command line.
//!
//! ```text
//! cargo run --example number -- [--format text|json] [--lenient] TEXT...
//! ```
//!
//! For each TEXT: whether it is a valid number, its kind (`icp_filing`,
//! `icp_license`, `public_security_filing`), its province slug and its
//! canonical form, and for the number of a service what it was issued for
//! (`website`, `app`, `mini_program`, `quick_app`, from the letter after the
//! site serial: `-1`, `-2A`, `-3X`, `-4K`), or why it is not a number.
//! `--lenient` also accepts the variants people write (full-width
//! characters, spaces, a missing or misplaced `号`). `--format json` prints
//! an array of objects with the keys `input`, `valid`, `kind`, `province`,
//! `canonical`, `service_kind` (null for a subject's number and for
//! public-security numbers) and `error`.
//!
//! Exit status: 0 when every TEXT is valid, 1 when one is not, 2 when the
//! arguments cannot be used.

use std::process::ExitCode;

use beian::number::{FilingNumber, Normalizations, ServiceKind};
use serde::Serialize;

const USAGE: &str = "usage: number [--format text|json] [--lenient] TEXT...";

struct Options {
    json: bool,
    lenient: bool,
    texts: Vec<String>,
}

/// The outcome for one TEXT, as the JSON output shows it.
#[derive(Serialize)]
struct Outcome {
    input: String,
    valid: bool,
    kind: Option<&'static str>,
    province: Option<&'static str>,
    canonical: Option<String>,
    service_kind: Option<&'static str>,
    error: Option<String>,
    #[serde(skip)]
    normalizations: Normalizations,
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let outcomes: Vec<Outcome> = options.texts.iter().map(|t| check(t, options.lenient)).collect();
    if options.json {
        match serde_json::to_string_pretty(&outcomes) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        for o in &outcomes {
            println!("{}", render(o));
        }
    }
    if outcomes.iter().all(|o| o.valid) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn check(text: &str, lenient: bool) -> Outcome {
    let parsed = if lenient {
        FilingNumber::parse_lenient(text).map(|n| (n.number, n.normalizations))
    } else {
        FilingNumber::parse(text).map(|n| (n, Normalizations::EMPTY))
    };
    match parsed {
        Ok((number, normalizations)) => Outcome {
            input: text.to_owned(),
            valid: true,
            kind: Some(number.kind().as_str()),
            province: number.province().map(|p| p.slug()),
            canonical: Some(number.to_string()),
            service_kind: service(&number).map(ServiceKind::as_str),
            error: None,
            normalizations,
        },
        Err(e) => Outcome {
            input: text.to_owned(),
            valid: false,
            kind: None,
            province: None,
            canonical: None,
            service_kind: None,
            error: Some(e.to_string()),
            normalizations: Normalizations::EMPTY,
        },
    }
}

/// What a number with a site serial was issued for; `None` for a subject's
/// number and a public-security number.
fn service(number: &FilingNumber) -> Option<ServiceKind> {
    match number {
        FilingNumber::Icp(n) => n.service(),
        FilingNumber::License(n) => n.service(),
        FilingNumber::PublicSecurity(_) => None,
    }
}

/// One line: `✔ input  kind  province  canonical`, then the service kind of
/// a service's number, or `✘ input  error`.
fn render(o: &Outcome) -> String {
    match (&o.kind, &o.canonical, &o.error) {
        (Some(kind), Some(canonical), _) => {
            let mut line = format!("✔ {}  {kind}  {}  {canonical}", o.input, o.province.unwrap_or("-"));
            if let Some(service) = o.service_kind {
                line.push_str(&format!("  {service}"));
            }
            if !o.normalizations.is_empty() {
                line.push_str(&format!("  (normalised: {})", o.normalizations));
            }
            line
        }
        (_, _, Some(error)) => format!("✘ {}  {error}", o.input),
        _ => format!("✘ {}", o.input),
    }
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        json: false,
        lenient: false,
        texts: Vec::new(),
    };
    let mut args = args;
    let mut only_texts = false;
    while let Some(arg) = args.next() {
        if only_texts {
            options.texts.push(arg);
            continue;
        }
        match arg.as_str() {
            "--format" => match args.next().as_deref() {
                Some("text") => options.json = false,
                Some("json") => options.json = true,
                Some(other) => return Err(format!("unknown format `{other}`: use text or json")),
                None => return Err(format!("--format needs a value\n{USAGE}")),
            },
            "--lenient" => options.lenient = true,
            "--" => only_texts = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            _ => options.texts.push(arg),
        }
    }
    if options.texts.is_empty() {
        return Err(format!("no number to check\n{USAGE}"));
    }
    Ok(options)
}
