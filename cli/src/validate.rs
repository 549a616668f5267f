//! `beian validate`: applications in, reports out.
//!
//! Whole documents (`--format text|json`, one per file) and JSON Lines
//! (`--format jsonl`, one application per line) are both validated on all
//! cores, in chunks: a chunk is read, validated in parallel while the next
//! one is read, and written in input order. Memory is bounded by the size of
//! a chunk, not by the size of the input.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use beian::{Application, Language, Report, RuleSet, Validator};
use clap::ValueEnum;
use rayon::prelude::*;

use crate::Status;
use crate::output::{Problem, Stdout, visible};

#[derive(clap::Args)]
pub struct Args {
    /// Output: a readable report (text); the report as JSON (json; one report per line for several
    /// files); JSON Lines in and out (jsonl: one application per input line, one report per output
    /// line, in input order)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The language of the text output
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// The evaluation date (default: the application's `as_of`, else today in China, UTC+8)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<beian::Date>,
    /// A rule directory laid out like the embedded rules (`beian rules export DIR` writes one)
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// How far the form has got: what belongs to a later stage is not required and not reported
    /// (prerequisites: province, subject kind, domains, hosting; subject: and the subject with its
    /// people; services: and the websites and apps; complete: everything)
    #[arg(long, value_name = "STAGE", default_value = "complete", value_parser = stage_parser())]
    stage: beian::Stage,
    /// Exit with status 1 when there are warnings too
    #[arg(long)]
    deny_warnings: bool,
    /// Application files (JSON documents, or JSON Lines with --format jsonl); `-` is standard input
    #[arg(value_name = "FILE|-", required = true)]
    inputs: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable report: verdict, findings by severity, materials, steps
    Text,
    /// The report as JSON
    Json,
    /// JSON Lines: one application per input line, one report per output line
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Lang {
    /// Chinese
    Zh,
    /// English
    En,
}

/// Applications validated in parallel at a time: the chunk ends at this many
/// lines or files, or after [`CHUNK_BYTES`] of input.
const CHUNK_ITEMS: usize = 1024;
const CHUNK_BYTES: usize = 4 << 20;
/// The longest JSON Lines line read; a longer one is an `input` problem.
const MAX_LINE: usize = 16 << 20;

pub fn run(args: Args) -> Status {
    let json = args.format != Format::Text;
    let mut out = Stdout::new();
    let unusable = |problem: Problem, out: &mut Stdout| {
        problem.tell();
        if json {
            out.line(&problem.to_json());
        }
        Status::Unusable
    };
    if args.inputs.iter().filter(|i| *i == "-").count() > 1 {
        let problem = Problem::new("usage", "standard input (`-`) can be read only once");
        return unusable(problem, &mut out);
    }
    let rules = match &args.rules {
        Some(dir) => match RuleSet::from_dir(dir) {
            Ok(rules) => rules,
            Err(e) => return unusable(Problem::rules(&e), &mut out),
        },
        None => RuleSet::embedded(),
    };
    let mut validator = Validator::new(&rules).stage(args.stage);
    if let Some(date) = args.as_of {
        validator = validator.as_of(date);
    }
    let job = Job {
        validator,
        format: args.format,
        language: match args.lang {
            Lang::Zh => Language::Zh,
            Lang::En => Language::En,
        },
        deny_warnings: args.deny_warnings,
        stage: args.stage,
        several: args.inputs.len() > 1,
    };
    match args.format {
        Format::Jsonl => job.lines(&args.inputs, &mut out),
        Format::Text | Format::Json => job.documents(&args.inputs, &mut out),
    }
}

/// What to validate with and how to write it.
struct Job {
    validator: Validator,
    format: Format,
    language: Language,
    deny_warnings: bool,
    stage: beian::Stage,
    /// Several input files: each text report gets a header, each JSON report
    /// one line.
    several: bool,
}

/// The result of one application: what to write, and the exit status.
struct Outcome {
    output: String,
    status: Status,
    problem: Option<Problem>,
}

impl Job {
    /// The status a report gives.
    fn status(&self, report: &Report) -> Status {
        if !report.is_ok() || (self.deny_warnings && report.warnings().next().is_some()) {
            Status::Findings
        } else {
            Status::Ok
        }
    }

    /// Validates one application's text; `line` is the line it starts on.
    fn outcome(&self, file: &str, line: usize, text: &str) -> Outcome {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let app = match Application::from_json(text) {
            Ok(app) => app,
            Err(e) => return self.problem(Problem::not_an_application(file, line - 1, &e)),
        };
        let report = self.validator.validate(&app);
        let output = match self.format {
            Format::Text => {
                let mut text = report.to_text(self.validator.rules(), self.language);
                if self.stage != beian::Stage::Complete {
                    let stage = self.stage.as_str();
                    text.push_str(&match self.language {
                        Language::Zh => format!("\n（填写阶段 {stage}：后续阶段的内容未检查）\n"),
                        _ => format!("\n(stage {stage}: what later stages ask for was not checked)\n"),
                    });
                }
                text
            }
            Format::Json if !self.several => report.to_json(),
            Format::Json | Format::Jsonl => serde_json::to_string(&report).expect("a report always serialises"),
        };
        Outcome {
            output,
            status: self.status(&report),
            problem: None,
        }
    }

    fn problem(&self, problem: Problem) -> Outcome {
        Outcome {
            output: match self.format {
                Format::Text => String::new(),
                Format::Json | Format::Jsonl => problem.to_json(),
            },
            status: Status::Unusable,
            problem: Some(problem),
        }
    }

    /// Writes outcomes in order; the worst status, or `None` when standard
    /// output was closed.
    fn write(&self, outcomes: Vec<(String, Outcome)>, out: &mut Stdout, first: &mut bool) -> Option<Status> {
        let mut status = Status::Ok;
        for (file, outcome) in outcomes {
            status = status.max(outcome.status);
            if let Some(problem) = &outcome.problem {
                problem.tell();
            }
            let mut text = String::new();
            if self.format == Format::Text && self.several {
                if !*first {
                    text.push('\n');
                }
                text.push_str(&format!("== {}\n", visible(&file)));
            }
            *first = false;
            text.push_str(&outcome.output);
            if self.format != Format::Text && !text.ends_with('\n') {
                text.push('\n');
            }
            if !out.write(&text) {
                return None;
            }
        }
        Some(status)
    }

    /// `--format text|json`: each input is one application.
    fn documents(&self, inputs: &[String], out: &mut Stdout) -> Status {
        let mut status = Status::Ok;
        let mut first = true;
        let mut rest = inputs;
        while !rest.is_empty() {
            // Chunks of files, read and validated in parallel, written in order.
            let (chunk, next) = rest.split_at(rest.len().min(CHUNK_ITEMS));
            rest = next;
            let outcomes: Vec<(String, Outcome)> = chunk
                .par_iter()
                .map(|input| {
                    let outcome = match read_document(input) {
                        Ok(text) => self.outcome(input, 1, &text),
                        Err(problem) => self.problem(problem),
                    };
                    (input.clone(), outcome)
                })
                .collect();
            match self.write(outcomes, out, &mut first) {
                Some(s) => status = status.max(s),
                None => return status,
            }
        }
        status
    }

    /// `--format jsonl`: each line of each input is one application.
    fn lines(&self, inputs: &[String], out: &mut Stdout) -> Status {
        let mut status = Status::Ok;
        let mut first = true;
        for input in inputs {
            let mut lines = match open(input) {
                Ok(reader) => Lines::new(input, reader),
                Err(problem) => {
                    let outcome = self.problem(problem);
                    match self.write(vec![(input.clone(), outcome)], out, &mut first) {
                        Some(s) => status = status.max(s),
                        None => return status,
                    }
                    continue;
                }
            };
            let mut chunk = lines.chunk();
            while !chunk.is_empty() {
                // Validate this chunk on all cores while the next is read.
                let (outcomes, next) = rayon::join(
                    || {
                        chunk
                            .into_par_iter()
                            .map(|line| {
                                let outcome = match line.text {
                                    Ok(text) => self.outcome(input, line.number, &text),
                                    Err(problem) => self.problem(problem),
                                };
                                (input.clone(), outcome)
                            })
                            .collect::<Vec<_>>()
                    },
                    || lines.chunk(),
                );
                match self.write(outcomes, out, &mut first) {
                    Some(s) => status = status.max(s),
                    None => return status,
                }
                chunk = next;
            }
        }
        if !out.flush() {
            return status;
        }
        status
    }
}

/// The text of one input document.
fn read_document(input: &str) -> Result<String, Problem> {
    let mut bytes = Vec::new();
    open(input)?
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::new("io", format!("cannot read: {e}")).in_file(input))?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(e.as_bytes(), e.utf8_error().valid_up_to());
        Problem::new("input", "not UTF-8 text")
            .in_file(input)
            .at(Some(line), Some(column))
    })
}

/// The 1-based line and column (in characters) of a byte offset in valid UTF-8 up to it.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn open(input: &str) -> Result<Box<dyn BufRead + Send>, Problem> {
    if input == "-" {
        return Ok(Box::new(io::BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let file = std::fs::File::open(Path::new(input))
        .map_err(|e| Problem::new("io", format!("cannot read: {e}")).in_file(input))?;
    Ok(Box::new(io::BufReader::with_capacity(1 << 16, file)))
}

/// One line of JSON Lines: its 1-based number and its text.
struct Line {
    number: usize,
    text: Result<String, Problem>,
}

/// The lines of one JSON Lines input, read a chunk at a time.
struct Lines<'a> {
    file: &'a str,
    reader: Box<dyn BufRead + Send>,
    number: usize,
    done: bool,
}

impl<'a> Lines<'a> {
    fn new(file: &'a str, reader: Box<dyn BufRead + Send>) -> Lines<'a> {
        Lines {
            file,
            reader,
            number: 0,
            done: false,
        }
    }

    /// The next lines that are not blank: up to [`CHUNK_ITEMS`] of them, or
    /// [`CHUNK_BYTES`]; empty at the end.
    fn chunk(&mut self) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut bytes = 0;
        while !self.done && lines.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES {
            if let Some(line) = self.next_line() {
                bytes += line.text.as_ref().map_or(0, String::len);
                lines.push(line);
            }
        }
        lines
    }

    /// The next line, or `None` for a blank line or the end.
    fn next_line(&mut self) -> Option<Line> {
        let mut buf = Vec::new();
        let read = (&mut self.reader).take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buf);
        self.number += 1;
        let (number, file) = (self.number, self.file);
        let problem = |kind, message: String| {
            Some(Line {
                number,
                text: Err(Problem::new(kind, message).in_file(file).at(Some(number), None)),
            })
        };
        match read {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                return problem("io", format!("cannot read: {e}"));
            }
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        } else if buf.len() > MAX_LINE {
            if let Err(e) = self.skip_line() {
                self.done = true;
                return problem("io", format!("cannot read: {e}"));
            }
            return problem("input", format!("the line is longer than {MAX_LINE} bytes"));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        match String::from_utf8(buf) {
            Ok(text) => Some(Line { number, text: Ok(text) }),
            Err(e) => {
                let (_, column) = position(e.as_bytes(), e.utf8_error().valid_up_to());
                Some(Line {
                    number,
                    text: Err(Problem::new("input", "not UTF-8 text")
                        .in_file(file)
                        .at(Some(number), Some(column))),
                })
            }
        }
    }

    /// Reads past the rest of a line that is too long, without keeping it.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            if let Some(i) = buf.iter().position(|&b| b == b'\n') {
                self.reader.consume(i + 1);
                return Ok(());
            }
            let n = buf.len();
            self.reader.consume(n);
        }
    }
}

/// The stages of the library, by id.
fn stage_parser() -> impl clap::builder::TypedValueParser<Value = beian::Stage> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(beian::Stage::ALL.iter().map(|s| s.as_str()))
        .map(|id| id.parse::<beian::Stage>().expect("a possible value is a stage id"))
}

/// A date written exactly `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<beian::Date, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let invalid = || format!("invalid date `{s}`: use YYYY-MM-DD");
    if !shape {
        return Err(invalid());
    }
    s.parse().map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2026-01-15"), Ok(beian::Date::constant(2026, 1, 15)));
        for bad in ["2026-1-15", "2026-02-30", "20260115", "2026/01/15", " 2026-01-15"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("ab\n王x".as_bytes(), 7), (2, 3));
        assert_eq!(position(b"", 0), (1, 1));
    }

    fn lines(text: &'static str) -> Vec<(usize, Result<String, String>)> {
        let mut lines = Lines::new("t", Box::new(io::Cursor::new(text.as_bytes())));
        let mut all = Vec::new();
        loop {
            let chunk = lines.chunk();
            if chunk.is_empty() {
                return all;
            }
            all.extend(chunk.into_iter().map(|l| (l.number, l.text.map_err(|p| p.message))));
        }
    }

    #[test]
    fn blank_lines_are_skipped_and_numbers_kept() {
        let got = lines("{}\n\n  \r\n{\"a\":1}\r\n{}");
        assert_eq!(
            got,
            [(1, Ok("{}".into())), (4, Ok("{\"a\":1}".into())), (5, Ok("{}".into()))]
        );
    }
}
