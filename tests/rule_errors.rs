//! The declarative rule-file errors: `tests/rule_errors.toml` holds
//! `[[case]]` tables, each a way to break a copy of the embedded `rules/`
//! and the `RuleError` that loading the broken copy must give.
//!
//! A case copies `rules/` to a fresh directory and breaks it, in this order
//! (paths relative to `rules/`):
//!
//! - `copy = [{ from, to }]`: copies a file over another;
//! - `write = [{ file, text }]`: writes a whole file;
//! - `edit = [{ file, from, to }]`: replaces the first occurrence of `from`,
//!   which must occur;
//! - `append = [{ file, text }]`: adds text at the end of a file;
//! - `remove = [file]`: deletes files.
//!
//! It then loads the copy with `RuleSet::from_dir`, which must fail with an
//! error whose file ends with `file`, whose message contains `message` (not
//! empty), and whose line is given by at most one of:
//!
//! - `line = N`: that line;
//! - `line_of = "text"`: the line of the first line of the embedded `file`
//!   containing the text, plus `offset` when given (a whole number);
//! - `after_end = N`: the number of lines of the embedded `file` plus `N`
//!   (for text appended to it);
//!
//! and by none of them when the error is at no line. The error's `Display`
//! must name the file and, when there is a line, show it as `:LINE:`.
//!
//! Unknown keys are refused. Every case runs, and the failing ones are
//! reported together. The cases that need more than edits of files (a
//! FIFO, a device, a file over the size limit) and the loads that must
//! succeed are in `tests/rules.rs`.

mod support;

use std::fmt::Write as _;
use std::path::Path;

use beian::RuleSet;
use serde::Deserialize;
use support::RulesCopy;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(rename = "case")]
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    copy: Vec<CopyFile>,
    #[serde(default)]
    write: Vec<FileText>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    append: Vec<FileText>,
    #[serde(default)]
    remove: Vec<String>,
    /// The file the error names.
    file: String,
    line: Option<usize>,
    line_of: Option<String>,
    offset: Option<i64>,
    after_end: Option<usize>,
    /// A text the error's message contains.
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyFile {
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileText {
    file: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: String,
    to: String,
}

#[test]
fn rule_errors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rule_errors.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let cases = parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!cases.is_empty(), "no cases in {}", path.display());

    let mut failures = String::new();
    let mut names = std::collections::BTreeSet::new();
    for case in &cases {
        if !names.insert(case.name.as_str()) {
            let _ = writeln!(failures, "\n✘ {}\ntwo cases have this name", case.name);
        }
    }
    for (case, outcome) in cases.iter().zip(run_all("case", &cases)) {
        if let Err(why) = outcome {
            let _ = writeln!(failures, "\n✘ {}\n{why}", case.name);
        }
    }
    assert!(failures.is_empty(), "{failures}");
    eprintln!("{} rule-file errors as expected", cases.len());
}

/// The driver refuses what it does not know, so that a misspelt key cannot
/// drop an expectation unnoticed.
#[test]
fn unknown_keys_are_refused() {
    let case = "[[case]]\nname = \"x\"\nfile = \"process.toml\"\nmessage = \"m\"\n";
    assert!(parse(case).is_ok());
    let wrong = [
        ("lines = 3\n", "unknown field `lines`"),
        (
            "edit = [{ file = \"a\", from = \"b\", too = \"c\" }]\n",
            "unknown field `too`",
        ),
        ("append = [{ file = \"a\", txt = \"b\" }]\n", "unknown field `txt`"),
        ("copy = [{ from = \"a\", into = \"b\" }]\n", "unknown field `into`"),
    ];
    for (key, message) in wrong {
        let err = parse(&format!("{case}{key}"))
            .err()
            .unwrap_or_else(|| panic!("`{key}` was accepted"));
        assert!(err.contains(message), "{err}");
    }
}

/// A case whose expectation is not met is reported, whatever part is wrong.
#[test]
fn an_unmet_expectation_is_reported() {
    let base = r#"
        [[case]]
        name = "a message for no code"
        append = [{ file = "messages.toml", text = "\n[codes.\"domain.expird\"]\nen = \"x\"\nzh = \"x\"\n" }]
    "#;
    let right = r#"file = "messages.toml"
        after_end = 2
        message = "`domain.expird` is not a finding code""#;
    assert_eq!(run_all("right", &parse(&format!("{base}{right}")).unwrap()), [Ok(())]);

    let mut cases = Vec::new();
    let wrong = [
        ("messages.toml", "input.toml"),
        ("after_end = 2", "after_end = 3"),
        ("after_end = 2", ""),
        ("after_end = 2", "after_end = 2\nline = 1"),
        ("after_end = 2", "offset = 1"),
        ("is not a finding code", "is not a code"),
        ("`domain.expird` is not a finding code", ""),
    ];
    for (from, to) in wrong {
        let expected = right.replacen(from, to, 1);
        assert_ne!(expected, right);
        cases.extend(parse(&format!("{base}{expected}")).unwrap());
    }
    // An edit of text that is not there, and a change that loads.
    cases.extend(
        parse(
            r#"
            [[case]]
            name = "no such text"
            edit = [{ file = "messages.toml", from = "no such text", to = "" }]
            file = "messages.toml"
            message = "m"
            [[case]]
            name = "loads"
            append = [{ file = "messages.toml", text = "\n" }]
            file = "messages.toml"
            message = "m"
            "#,
        )
        .unwrap(),
    );
    for (i, outcome) in run_all("wrong", &cases).into_iter().enumerate() {
        assert!(outcome.is_err(), "the wrong case {i} passed");
    }
}

fn parse(text: &str) -> Result<Vec<Case>, String> {
    toml::from_str::<CaseFile>(text)
        .map(|file| file.cases)
        .map_err(|e| e.to_string())
}

/// Runs the cases on as many threads as there are cores (each loads a rule
/// set), giving their outcomes in order; `tag` names their copies of the
/// rules apart from those of the other tests.
fn run_all(tag: &str, cases: &[Case]) -> Vec<Result<(), String>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, cases.len().max(1));
    let mut outcomes: Vec<(usize, Result<(), String>)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..cases.len())
                        .step_by(workers)
                        .map(|i| (i, run(&format!("{tag}-{i}"), &cases[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads.into_iter().flat_map(|t| t.join().unwrap()).collect()
    });
    outcomes.sort_by_key(|(i, _)| *i);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}

fn run(copy_name: &str, case: &Case) -> Result<(), String> {
    if case.message.is_empty() {
        return Err("the expected `message` is empty".to_owned());
    }
    let line = expected_line(case)?;
    let copy = RulesCopy::new(copy_name);
    break_rules(&copy, case)?;
    let err = match RuleSet::from_dir(&copy.dir) {
        Ok(_) => return Err("the rule set loaded".to_owned()),
        Err(err) => err,
    };
    let mut wrong = Vec::new();
    if !err.file().ends_with(&case.file) {
        wrong.push(format!("the error is in {}, expected {}", err.file(), case.file));
    }
    if err.line() != line {
        wrong.push(format!("the error is at line {:?}, expected {line:?}", err.line()));
    }
    if !err.message().contains(&case.message) {
        wrong.push(format!("the message does not contain `{}`", case.message));
    }
    let shown = err.to_string();
    if !shown.contains(&case.file) {
        wrong.push(format!("the error does not show the file {}", case.file));
    }
    if let Some(line) = line
        && !shown.contains(&format!(":{line}:"))
    {
        wrong.push(format!("the error does not show the line as `:{line}:`"));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n(the error: {shown})", wrong.join("\n")))
    }
}

/// The line the error must be at, from the case's `line`, `line_of` (with
/// `offset`) or `after_end`.
fn expected_line(case: &Case) -> Result<Option<usize>, String> {
    let embedded = || {
        let path = support::rules_file(&case.file);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    if case.offset.is_some() && case.line_of.is_none() {
        return Err("`offset` is only given with `line_of`".to_owned());
    }
    match (case.line, &case.line_of, case.after_end) {
        (None, None, None) => Ok(None),
        (Some(line), None, None) => Ok(Some(line)),
        (None, Some(text), None) => {
            let found = embedded()?
                .lines()
                .position(|l| l.contains(text.as_str()))
                .ok_or_else(|| format!("no line of the embedded {} contains {text:?}", case.file))?;
            let line = i64::try_from(found + 1).unwrap() + case.offset.unwrap_or(0);
            match usize::try_from(line) {
                Ok(line) if line >= 1 => Ok(Some(line)),
                _ => Err(format!("`offset` leads to the line {line}")),
            }
        }
        (None, None, Some(n)) => Ok(Some(embedded()?.lines().count() + n)),
        _ => Err("at most one of `line`, `line_of` and `after_end` is given".to_owned()),
    }
}

/// Applies the case's `copy`, `write`, `edit`, `append` and `remove`, in
/// that order, to the copy of the rules.
fn break_rules(copy: &RulesCopy, case: &Case) -> Result<(), String> {
    let read = |file: &str| std::fs::read_to_string(copy.path(file)).map_err(|e| format!("cannot read {file}: {e}"));
    let write =
        |file: &str, text: &str| std::fs::write(copy.path(file), text).map_err(|e| format!("cannot write {file}: {e}"));
    for CopyFile { from, to } in &case.copy {
        std::fs::copy(copy.path(from), copy.path(to)).map_err(|e| format!("cannot copy {from} to {to}: {e}"))?;
    }
    for FileText { file, text } in &case.write {
        write(file, text)?;
    }
    for Edit { file, from, to } in &case.edit {
        let text = read(file)?;
        if !text.contains(from.as_str()) {
            return Err(format!("{file} does not contain {from:?}"));
        }
        write(file, &text.replacen(from.as_str(), to, 1))?;
    }
    for FileText { file, text } in &case.append {
        write(file, &(read(file)? + text))?;
    }
    for file in &case.remove {
        std::fs::remove_file(copy.path(file)).map_err(|e| format!("cannot remove {file}: {e}"))?;
    }
    Ok(())
}
