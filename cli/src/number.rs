//! `beian number`: checks filing numbers given as arguments (or one per line
//! of standard input), or finds every number in text or HTML (`--find`).

use std::io::Read;

use beian::number::{self, FilingNumber, Normalizations};
use serde::Serialize;

use crate::output::{Problem, Stdout, visible};
use crate::{Status, TextOrJson};

#[derive(clap::Args)]
pub struct Args {
    /// Output: one line per number (text), or a JSON array of objects with the keys input, valid,
    /// kind, province, canonical, normalizations and error (json; --find adds file, line and column)
    #[arg(long, value_enum, default_value_t)]
    format: TextOrJson,
    /// Also read the variants people write: full-width characters, spaces, a missing or misplaced 号
    #[arg(long)]
    lenient: bool,
    /// Find every ICP filing, ICP licence and public-security number in the given files (text or
    /// HTML; `-` is standard input); exit status 1 when none is found
    #[arg(long)]
    find: bool,
    /// Numbers to check (`-`: one per line of standard input), or with --find files to scan
    #[arg(value_name = "TEXT|-", required = true)]
    texts: Vec<String>,
}

/// One number checked or found, as the JSON output shows it.
#[derive(Serialize)]
struct Outcome {
    /// The file it was found in (`--find` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    input: String,
    valid: bool,
    kind: Option<&'static str>,
    province: Option<&'static str>,
    canonical: Option<String>,
    normalizations: Vec<&'static str>,
    error: Option<String>,
}

impl Outcome {
    fn number(input: &str, number: &FilingNumber, normalizations: Normalizations) -> Outcome {
        Outcome {
            file: None,
            line: None,
            column: None,
            input: input.to_owned(),
            valid: true,
            kind: Some(number.kind().as_str()),
            province: number.province().map(|p| p.slug()),
            canonical: Some(number.to_string()),
            normalizations: normalizations.iter().map(|n| n.as_str()).collect(),
            error: None,
        }
    }

    /// One line: `✔ input  kind  province  canonical`, or `✘ input  error`,
    /// after `file:line:column  ` for a number found.
    fn to_text(&self) -> String {
        let mut line = String::new();
        if let (Some(file), Some(l), Some(c)) = (&self.file, self.line, self.column) {
            line.push_str(&format!("{file}:{l}:{c}  "));
        }
        match (&self.kind, &self.canonical, &self.error) {
            (Some(kind), Some(canonical), _) => {
                let province = self.province.unwrap_or("-");
                line.push_str(&format!("✔ {}  {kind}  {province}  {canonical}", self.input));
                if !self.normalizations.is_empty() {
                    line.push_str(&format!("  (normalised: {})", self.normalizations.join(", ")));
                }
            }
            (_, _, error) => {
                line.push_str(&format!("✘ {}  {}", self.input, error.as_deref().unwrap_or_default()));
            }
        }
        visible(&line).into_owned()
    }
}

pub fn run(args: Args) -> Status {
    let mut out = Stdout::new();
    let json = args.format == TextOrJson::Json;
    let (outcomes, mut status) = if args.find { find(&args) } else { check(&args) };
    if json {
        out.line(&serde_json::to_string_pretty(&outcomes).expect("outcomes serialise"));
    } else {
        for outcome in &outcomes {
            if !out.line(&outcome.to_text()) {
                break;
            }
        }
    }
    if args.find && outcomes.is_empty() {
        status = status.max(Status::Findings);
    }
    status
}

/// Reads standard input, or a file.
fn read(input: &str) -> Result<String, Problem> {
    let mut bytes = Vec::new();
    let read = if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| Problem::new("io", format!("cannot read: {e}")).in_file(input))?;
    // A page in another encoding still has its numbers' ASCII parts; the
    // Chinese characters of the numbers need UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn check(args: &Args) -> (Vec<Outcome>, Status) {
    let mut texts = Vec::new();
    let mut status = Status::Ok;
    for text in &args.texts {
        if text != "-" {
            texts.push(text.clone());
            continue;
        }
        match read(text) {
            Ok(input) => texts.extend(
                input
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            ),
            Err(problem) => {
                problem.tell();
                status = Status::Unusable;
            }
        }
    }
    let outcomes: Vec<Outcome> = texts.iter().map(|t| check_one(t, args.lenient)).collect();
    if outcomes.iter().any(|o| !o.valid) {
        status = status.max(Status::Findings);
    }
    (outcomes, status)
}

fn check_one(text: &str, lenient: bool) -> Outcome {
    let parsed = if lenient {
        FilingNumber::parse_lenient(text).map(|n| (n.number, n.normalizations))
    } else {
        FilingNumber::parse(text).map(|n| (n, Normalizations::EMPTY))
    };
    match parsed {
        Ok((number, normalizations)) => Outcome::number(text, &number, normalizations),
        Err(e) => Outcome {
            file: None,
            line: None,
            column: None,
            input: text.to_owned(),
            valid: false,
            kind: None,
            province: None,
            canonical: None,
            normalizations: Vec::new(),
            error: Some(e.to_string()),
        },
    }
}

fn find(args: &Args) -> (Vec<Outcome>, Status) {
    let mut outcomes = Vec::new();
    let mut status = Status::Ok;
    for input in &args.texts {
        let text = match read(input) {
            Ok(text) => text,
            Err(problem) => {
                problem.tell();
                status = Status::Unusable;
                continue;
            }
        };
        let matches = if args.lenient {
            number::find_lenient(&text)
        } else {
            number::find(&text)
        };
        // Line and column of each match, counting from the previous one.
        let (mut line, mut line_start, mut scanned) = (1, 0, 0);
        for m in matches {
            let before = &text[scanned..m.start()];
            if let Some(last) = before.rfind('\n') {
                line += before.matches('\n').count();
                line_start = scanned + last + 1;
            }
            scanned = m.start();
            let column = text[line_start..m.start()].chars().count() + 1;
            let mut outcome = Outcome::number(m.as_str(), m.number(), m.normalizations());
            outcome.file = Some(input.clone());
            outcome.line = Some(line);
            outcome.column = Some(column);
            outcomes.push(outcome);
        }
    }
    (outcomes, status)
}
