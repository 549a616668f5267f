//! The command-line example (`examples/validate.rs`): output formats and exit
//! statuses. `cargo test` builds the examples next to the tests.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn example() -> PathBuf {
    support::example("validate")
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/applications")
        .join(name)
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(example()).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn the_valid_personal_sample_passes() {
    let out = run(&[&sample("personal.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("✔ 可以提交"), "{text}");
    assert!(text.contains("主办者证件"), "{text}");
    assert!(text.contains("管局审核 — 最长 30 个工作日"), "{text}");
}

#[test]
fn english_text_groups_findings_by_severity_with_paths_and_rules() {
    let out = run(&["--lang", "en", &sample("mistakes.json")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let json = run(&["--format", "json", &sample("mistakes.json")]);
    let report: beian::Report = serde_json::from_str(&stdout(&json)).unwrap();
    let (errors, warnings) = (report.errors().count(), report.warnings().count());
    let header = format!("✘ would be rejected: {errors} errors, {warnings} warning");
    assert!(text.starts_with(&header), "{text}");
    let errors = text.find("\nErrors\n").unwrap();
    let warnings = text.find("\nWarnings\n").unwrap();
    let materials = text.find("\nMaterials to prepare\n").unwrap();
    let steps = text.find("\nSteps\n").unwrap();
    assert!(errors < warnings && warnings < materials && materials < steps, "{text}");
    assert!(text.contains("  /subject/mailing_address  [field.required]\n    `mailing_address` is required\n"));
    assert!(
        text.contains("rule: input.required (LAW-33, BEIAN-CONTRACT, 2005-02-08)"),
        "{text}"
    );
    assert!(text[warnings..].contains("/websites/0/comercial  [field.unknown]"));
}

#[test]
fn json_output_is_the_report() {
    let out = run(&["--format", "json", &sample("mistakes.json")]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let keys: Vec<&str> = report.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "ok",
        "as_of",
        "province",
        "filing_type",
        "ruleset",
        "findings",
        "materials",
        "steps",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(report["ok"], false);
    assert_eq!(report["province"], "zhejiang");
    assert_eq!(report["filing_type"], "personal");
    let finding = &report["findings"][0];
    let mut fields: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["code", "message", "message_zh", "params", "path", "rule", "severity"]
    );
    assert_eq!(report["materials"][0]["for"], "/subject");
    assert_eq!(report["steps"][2]["id"], "authority_review");
    // The report parses back into the library's type.
    let parsed: beian::Report = serde_json::from_value(report).unwrap();
    assert!(!parsed.is_ok());
}

#[test]
fn a_typo_key_is_a_warning_and_a_blank_field_is_required() {
    let json = std::fs::read_to_string(sample("personal.json"))
        .unwrap()
        .replace("\"remarks\"", "\"remark\"")
        .replace("\"name\": \"王小明\"", "\"name\": \" \"");
    let out = run_stdin(&["--format", "json", "-"], &json);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: beian::Report = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(String, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.path.as_str()))
        .collect();
    assert!(
        found.contains(&("field.unknown".into(), "/websites/0/remark")),
        "{found:?}"
    );
    assert!(found.contains(&("field.required".into(), "/subject/name")), "{found:?}");
}

#[test]
fn the_evaluation_date_can_be_fixed() {
    let out = run(&["--format", "json", "--as-of", "2026-01-15", &sample("personal.json")]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["as_of"], "2026-01-15");
    let out = run(&["--as-of", "2026-1-15", &sample("personal.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid date `2026-1-15`"));
}

#[test]
fn input_that_is_not_json_exits_2() {
    let out = run_stdin(&["-"], "this is not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with("error: `-` is not an application: expected ident (line 1, column 2)"),
        "{err}"
    );
}

#[test]
fn json_that_is_not_an_object_exits_2() {
    let out = run_stdin(&["-"], "\n  [\"zhejiang\"]");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("an application is a JSON object (line 2, column 3)"),
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_shape_is_a_finding_at_its_path() {
    let out = run_stdin(
        &["--format", "json", "-"],
        "{\n  \"subject\": {\"kind\": \"persona\"}\n}",
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let finding = findings.iter().find(|f| f["code"] == "field.invalid").unwrap();
    assert_eq!(finding["path"], "/subject/kind");
    assert_eq!(finding["params"]["nearest"], "personal");
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = run(&["/nonexistent/application.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `/nonexistent/application.json`"));
}

#[test]
fn a_broken_rules_directory_exits_2_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("beian-cli-rules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &dir);
    let file = dir.join("process.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("max_hours = 24", "max_hours = \"24\"", 1)).unwrap();
    let line = text.lines().position(|l| l.contains("max_hours = 24")).unwrap() + 1;
    let out = run(&["--rules", dir.to_str().unwrap(), &sample("personal.json")]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("process.toml:{line}:")), "{err}");
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    for args in [
        &[][..],
        &["--format", "xml", "a.json"][..],
        &["--bogus", "a.json"][..],
        &["a.json", "b.json"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("error: "), "{args:?}");
    }
}

#[test]
fn a_stage_checks_only_what_the_form_has_asked_for() {
    let seed = sample("prerequisites.json");
    let seed = seed.as_str();
    let first_screen = run(&["--stage", "prerequisites", seed]);
    assert_eq!(first_screen.status.code(), Some(0), "{}", stdout(&first_screen));
    let whole = run(&["--format", "json", seed]);
    assert_eq!(whole.status.code(), Some(1));
    assert!(stdout(&whole).contains("\"field.required\""));
    let bad = run(&["--stage", "first", seed]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown stage `first`"));
}
