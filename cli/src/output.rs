//! What the command writes: problems (on standard error, and as JSON error
//! objects on standard output in the JSON formats), and text made safe for a
//! terminal.

pub use beian::visible;
use std::io::{self, Write};

use serde::Serialize;

/// Why an input or the rule directory cannot be used (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `input` (not JSON, not an object, not an application, not UTF-8, a
    /// line too long), `io` (cannot be read or written), `rules` (the rule
    /// directory is invalid) or `usage` (an argument that names nothing).
    pub kind: &'static str,
    /// What is wrong, without the position.
    pub message: String,
    /// The file (`-` for standard input), when the problem is in one.
    pub file: Option<String>,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The 1-based column, when known.
    pub column: Option<usize>,
    /// The JSON Pointer of the offending value in an application, when known.
    pub path: Option<String>,
}

impl Problem {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            path: None,
        }
    }

    pub fn in_file(mut self, file: &str) -> Problem {
        self.file = Some(file.to_owned());
        self
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Problem {
        self.line = line;
        self.column = column;
        self
    }

    /// The problem of an application that does not parse.
    pub fn not_an_application(file: &str, line_offset: usize, e: &beian::ParseError) -> Problem {
        let mut problem = Problem::new("input", format!("not an application: {}", e.message()))
            .in_file(file)
            .at(Some(e.line() + line_offset), Some(e.column()));
        if !e.path().is_empty() {
            problem.path = Some(e.path().to_owned());
        }
        problem
    }

    /// The problem of a rule directory that does not load.
    pub fn rules(e: &beian::RuleError) -> Problem {
        Problem::new("rules", format!("invalid rules: {}", e.message()))
            .in_file(e.file())
            .at(e.line(), e.column())
    }

    /// `error: FILE:LINE:COLUMN: MESSAGE (at PATH)`, for standard error.
    pub fn to_text(&self) -> String {
        let mut out = String::from("error: ");
        if let Some(file) = &self.file {
            out.push_str(file);
            for n in [self.line, self.column].into_iter().flatten() {
                out.push_str(&format!(":{n}"));
            }
            out.push_str(": ");
        }
        out.push_str(&self.message);
        if let Some(path) = &self.path {
            out.push_str(&format!(" (at {path})"));
        }
        visible(&out).into_owned()
    }

    /// `{"error": {...}}` on one line, for standard output.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Object<'a> {
            error: &'a Problem,
        }
        serde_json::to_string(&Object { error: self }).expect("a problem serialises")
    }

    /// Says the problem on standard error.
    pub fn tell(&self) {
        eprintln!("{}", self.to_text());
    }
}

/// [`beian::visible`], line by line: the line breaks stay.
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// Standard output, buffered. A closed pipe (`beian … | head`) ends the
/// output quietly: [`Stdout::write`] then returns false.
pub struct Stdout {
    out: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            out: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
            closed: false,
        }
    }

    /// Writes `text`; false once standard output cannot be written.
    pub fn write(&mut self, text: &str) -> bool {
        if !self.closed && self.out.write_all(text.as_bytes()).is_err() {
            self.closed = true;
        }
        !self.closed
    }

    /// Writes `text` and a newline.
    pub fn line(&mut self, text: &str) -> bool {
        self.write(text) && self.write("\n")
    }

    /// Writes what is buffered.
    pub fn flush(&mut self) -> bool {
        if !self.closed && self.out.flush().is_err() {
            self.closed = true;
        }
        !self.closed
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(visible("王小明"), "王小明");
        assert_eq!(visible("a\u{1b}[2Jb\r\u{202e}"), "a\\u{1b}[2Jb\\u{d}\\u{202e}");
        assert_eq!(visible_lines("a\nb\u{7}\n"), "a\nb\\u{7}\n");
    }

    #[test]
    fn a_problem_names_file_line_and_column() {
        let p = Problem::new("input", "not JSON").in_file("a.json").at(Some(2), Some(5));
        assert_eq!(p.to_text(), "error: a.json:2:5: not JSON");
        let json: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(json["error"]["kind"], "input");
        assert_eq!(json["error"]["line"], 2);
        assert_eq!(json["error"]["path"], serde_json::Value::Null);
    }
}
