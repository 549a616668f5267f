//! The declarative rule cases: every `tests/cases/**/*.toml` file holds
//! `[[case]]` tables, each an application with the findings it must produce.
//!
//! A case names a `base` application (a JSON file, relative to the case
//! file), edits it (`remove` JSON Pointers, then `set` pointer = value; a
//! missing object key is created, `-` appends to an array), validates it with
//! the embedded rules, and compares:
//!
//! - `findings`: exactly these (code, path) pairs, in any order; a
//!   `severity`, `rule` or `params` given in an entry must match too
//!   (`params` is a subset);
//! - `ok`, when given;
//! - `materials` (`{ id, for }`) and `steps` (`{ id, … }` with any limits to
//!   compare), when given, exactly and in order;
//! - `parse_error`: instead of findings, the edited document must fail to
//!   parse with a message containing this text.
//!
//! `source` records where the facts of a case come from. Every case also
//! checks that no certificate or phone number of the application appears in
//! full in the report.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

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
    base: String,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    findings: Vec<ExpectedFinding>,
    #[serde(default)]
    materials: Option<Vec<ExpectedMaterial>>,
    #[serde(default)]
    steps: Option<Vec<toml::Table>>,
    #[serde(default)]
    parse_error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    code: String,
    path: String,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    params: Option<toml::Table>,
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectedMaterial {
    id: String,
    #[serde(rename = "for")]
    concerns: String,
}

#[test]
fn rule_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no case files under {}", root.display());
    let mut failures = String::new();
    let mut count = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let parsed: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in parsed.cases {
            count += 1;
            if let Err(why) = run(file, &case) {
                let shown = file.strip_prefix(&root).unwrap_or(file).display();
                let _ = writeln!(failures, "\n✘ {shown}: {}\n{why}", case.name);
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    eprintln!("{count} cases passed");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn run(file: &Path, case: &Case) -> Result<(), String> {
    let base = file.parent().unwrap().join(&case.base);
    let text = std::fs::read_to_string(&base).map_err(|e| format!("cannot read base {}: {e}", base.display()))?;
    let mut doc: Value = serde_json::from_str(&text).map_err(|e| format!("base is not JSON: {e}"))?;
    for pointer in &case.remove {
        remove(&mut doc, pointer)?;
    }
    for (pointer, value) in &case.set {
        let value = serde_json::to_value(value).map_err(|e| e.to_string())?;
        set(&mut doc, pointer, value)?;
    }
    let json = serde_json::to_string_pretty(&doc).unwrap();
    let app = match (beian::Application::from_json(&json), &case.parse_error) {
        (Ok(app), None) => app,
        (Err(e), Some(expected)) if e.to_string().contains(expected.as_str()) => return Ok(()),
        (Err(e), Some(expected)) => return Err(format!("  parse error `{e}` does not contain `{expected}`")),
        (Ok(_), Some(expected)) => return Err(format!("  parsed, but a parse error with `{expected}` was expected")),
        (Err(e), None) => return Err(format!("  does not parse: {e}")),
    };
    let report = beian::validate(&app);
    let mut problems = String::new();

    let expected: Vec<(&str, &str)> = case
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    let actual: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.path.clone()))
        .collect();
    for (code, path) in &expected {
        if !actual.iter().any(|(c, p)| c == code && p == path) {
            let _ = writeln!(problems, "  missing    {code} at {path}");
        }
    }
    for f in &report.findings {
        let (code, path) = (f.code.to_string(), f.path.as_str());
        match case.findings.iter().find(|e| e.code == code && e.path == path) {
            None => {
                let _ = writeln!(
                    problems,
                    "  unexpected {code} at {path} ({}): {}",
                    f.severity, f.message
                );
            }
            Some(e) => {
                if let Some(s) = &e.severity
                    && *s != f.severity.to_string()
                {
                    let _ = writeln!(problems, "  {code} at {path}: severity {} (expected {s})", f.severity);
                }
                if let Some(r) = &e.rule
                    && *r != f.rule
                {
                    let _ = writeln!(problems, "  {code} at {path}: rule {} (expected {r})", f.rule);
                }
                for (key, value) in e.params.iter().flatten() {
                    let want = serde_json::to_value(value).unwrap();
                    if f.params.get(key) != Some(&want) {
                        let got = f.params.get(key).map_or("nothing".to_owned(), |v| v.to_string());
                        let _ = writeln!(problems, "  {code} at {path}: param {key} is {got} (expected {want})");
                    }
                }
                if f.message.contains('{') || f.message_zh.contains('{') {
                    let _ = writeln!(problems, "  {code} at {path}: unfilled message `{}`", f.message);
                }
            }
        }
    }
    if let Some(ok) = case.ok
        && report.is_ok() != ok
    {
        let _ = writeln!(problems, "  ok is {} (expected {ok})", report.is_ok());
    }
    if let Some(materials) = &case.materials {
        let actual: Vec<ExpectedMaterial> = report
            .materials
            .iter()
            .map(|m| ExpectedMaterial {
                id: m.id.clone(),
                concerns: m.concerns.clone(),
            })
            .collect();
        if &actual != materials {
            let _ = writeln!(problems, "  materials {actual:?}\n  expected  {materials:?}");
        }
    }
    if let Some(steps) = &case.steps {
        let actual: Vec<Value> = report.steps.iter().map(|s| serde_json::to_value(s).unwrap()).collect();
        let matches = actual.len() == steps.len()
            && actual.iter().zip(steps).all(|(a, e)| {
                e.iter()
                    .all(|(k, v)| a.get(k) == Some(&serde_json::to_value(v).unwrap()))
            });
        if !matches {
            let ids: Vec<_> = actual.iter().map(|s| s.to_string()).collect();
            let _ = writeln!(problems, "  steps {ids:?}\n  expected {steps:?}");
        }
    }
    for leak in leaks(&app, &report) {
        let _ = writeln!(problems, "  the report shows `{leak}` in full");
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// Certificate and phone numbers of the application that appear in full in
/// the report.
fn leaks(app: &beian::Application, report: &beian::Report) -> Vec<String> {
    let mut secrets: Vec<String> = Vec::new();
    let mut certificate = |c: &Option<beian::Certificate>| {
        if let Some(c) = c {
            secrets.push(c.number.trim().to_owned());
        }
    };
    if let Some(s) = &app.subject {
        certificate(&s.certificate);
        if let Some(l) = &s.legal_representative {
            certificate(&l.certificate);
        }
        if let Some(p) = &s.principal {
            certificate(&p.certificate);
        }
    }
    for w in &app.websites {
        if let Some(m) = &w.manager {
            certificate(&m.certificate);
        }
    }
    let mut phones: Vec<&str> = Vec::new();
    if let Some(s) = &app.subject {
        phones.extend([s.mobile.as_str(), s.emergency_phone.as_str()]);
        if let Some(p) = &s.principal {
            phones.extend([p.mobile.as_str(), p.emergency_phone.as_str()]);
        }
    }
    for w in &app.websites {
        if let Some(m) = &w.manager {
            phones.extend([m.mobile.as_str(), m.emergency_phone.as_str()]);
        }
    }
    if let Some(r) = app.subject.as_ref().and_then(|s| s.residence_permit.as_ref()) {
        secrets.push(r.number.trim().to_owned());
    }
    secrets.extend(
        phones
            .iter()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>()),
    );
    secrets.extend(phones.iter().map(|p| p.trim().to_owned()));
    let json = report.to_json();
    let visible = json.replace(['-', ' '], "");
    secrets
        .into_iter()
        .filter(|s| s.chars().count() >= 6)
        .filter(|s| json.contains(s.as_str()) || visible.contains(s.as_str()))
        .collect()
}

/// Splits a JSON Pointer into unescaped tokens.
fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    let rest = pointer
        .strip_prefix('/')
        .ok_or_else(|| format!("`{pointer}` is not a JSON Pointer"))?;
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let tokens = tokens(pointer)?;
    let (last, parents) = tokens.split_last().unwrap();
    let mut node = doc;
    for t in parents {
        node = match node {
            Value::Object(map) => map
                .entry(t.clone())
                .or_insert_with(|| Value::Object(Default::default())),
            Value::Array(items) => {
                let i: usize = t.parse().map_err(|_| format!("`{t}` in `{pointer}` is not an index"))?;
                items
                    .get_mut(i)
                    .ok_or_else(|| format!("no element {i} in `{pointer}`"))?
            }
            _ => return Err(format!("`{pointer}` goes through a value that is not a container")),
        };
    }
    match node {
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        Value::Array(items) if last == "-" => items.push(value),
        Value::Array(items) => {
            let i: usize = last.parse().map_err(|_| format!("`{last}` is not an index"))?;
            match i.cmp(&items.len()) {
                std::cmp::Ordering::Less => items[i] = value,
                std::cmp::Ordering::Equal => items.push(value),
                std::cmp::Ordering::Greater => return Err(format!("no element {i} in `{pointer}`")),
            }
        }
        _ => return Err(format!("`{pointer}`: the parent is not a container")),
    }
    Ok(())
}

fn remove(doc: &mut Value, pointer: &str) -> Result<(), String> {
    let tokens = tokens(pointer)?;
    let (last, parents) = tokens.split_last().unwrap();
    let mut node = doc;
    for t in parents {
        node = match node {
            Value::Object(map) => map.get_mut(t),
            Value::Array(items) => t.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("`{pointer}` does not exist"))?;
    }
    let removed = match node {
        Value::Object(map) => map.remove(last).is_some(),
        Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    };
    if removed {
        Ok(())
    } else {
        Err(format!("`{pointer}` does not exist"))
    }
}
