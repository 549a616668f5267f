//! The `beian` command, run as a user runs it: every subcommand, the
//! formats, the exit statuses, the error objects of the JSON formats, and
//! the order of JSON Lines reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn beian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beian")).args(args).output().unwrap()
}

fn beian_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    // Written from another thread: the output may fill its pipe first.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    // A command that stops early (a usage error) need not read its input.
    if let Err(e) = writer.join().unwrap() {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    output
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn sample(name: &str) -> String {
    repo().join("examples/applications").join(name).display().to_string()
}

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(sample(name)).unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A fresh directory under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("beian-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The sample as one line of JSON, with `as_of` set.
fn line(name: &str, as_of: &str) -> String {
    let mut app: Value = serde_json::from_str(&sample_text(name)).unwrap();
    app["as_of"] = json!(as_of);
    app.to_string()
}

// --- the command itself --------------------------------------------------

#[test]
fn help_goes_to_stdout_with_status_0() {
    for args in [
        &["--help"][..],
        &["help"][..],
        &["validate", "--help"][..],
        &["number", "--help"][..],
        &["rules", "--help"][..],
        &["rules", "export", "--help"][..],
    ] {
        let out = beian(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout(&out).contains("Usage: beian"), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).is_empty(), "{args:?}");
    }
    let help = stdout(&beian(&["validate", "--help"]));
    for flag in [
        "--format",
        "--lang",
        "--as-of",
        "--rules",
        "--deny-warnings",
        "jsonl",
        "<FILE|->...",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn version() {
    let out = beian(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("beian {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_arguments_exit_2_with_usage_on_stderr() {
    for args in [
        &[][..],
        &["validate"][..],
        &["validate", "--format", "xml", "a.json"][..],
        &["validate", "--lang", "fr", "a.json"][..],
        &["validate", "--bogus", "a.json"][..],
        &["number"][..],
        &["rules"][..],
        &["rules", "rule"][..],
        &["frobnicate"][..],
    ] {
        let out = beian(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("Usage: beian") || err.starts_with("error: "),
            "{args:?}: {err}"
        );
        assert!(err.contains("--help"), "{args:?}: {err}");
    }
}

// --- validate ------------------------------------------------------------

#[test]
fn the_valid_personal_sample_passes() {
    let out = beian(&["validate", &sample("personal.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("✔ 可以提交\n"), "{text}");
    assert!(text.contains("主办者证件"), "{text}");
    assert!(text.contains("管局审核 — 最长 30 个工作日"), "{text}");
}

#[test]
fn english_text_groups_findings_by_severity_with_paths_and_rules() {
    let out = beian(&["validate", "--lang", "en", &sample("mistakes.json")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let report = json_report(&["validate", "--format", "json", &sample("mistakes.json")]);
    let errors = report.errors().count();
    assert!(
        text.starts_with(&format!("✘ would be rejected: {errors} errors, ")),
        "{text}"
    );
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s:?} in {text}"));
    assert!(at("\nErrors\n") < at("\nWarnings\n"));
    assert!(at("\nWarnings\n") < at("\nMaterials to prepare\n"));
    assert!(at("\nMaterials to prepare\n") < at("\nSteps\n"));
    assert!(text.contains("  /subject/mailing_address  [field.required]\n    `mailing_address` is required\n"));
    assert!(
        text.contains("rule: input.required (LAW-33, BEIAN-CONTRACT, 2005-02-08)"),
        "{text}"
    );
}

fn json_report(args: &[&str]) -> beian::Report {
    serde_json::from_str(&stdout(&beian(args))).unwrap()
}

#[test]
fn json_output_is_the_report() {
    let out = beian(&["validate", "--format", "json", &sample("mistakes.json")]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&str> = report.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "as_of",
            "filing_type",
            "findings",
            "materials",
            "ok",
            "province",
            "ruleset",
            "steps"
        ]
    );
    assert_eq!(report["ok"], false);
    let mut fields: Vec<&str> = report["findings"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["code", "message", "message_zh", "params", "path", "rule", "severity"]
    );
    // Exactly the library's report of the same application.
    let app = beian::Application::from_json(&sample_text("mistakes.json")).unwrap();
    assert_eq!(stdout(&out), format!("{}\n", beian::validate(&app).to_json()));
}

#[test]
fn several_files_give_one_report_each_in_order() {
    let files = [sample("personal.json"), sample("mistakes.json"), sample("entity.json")];
    let args: Vec<&str> = ["validate", "--format", "json"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = beian(&args);
    assert_eq!(out.status.code(), Some(1), "the worst of the three");
    let lines: Vec<beian::Report> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().map(|r| r.is_ok()).collect::<Vec<_>>(), [true, false, true]);
    assert_eq!(lines[2].filing_type, Some(beian::FilingType::Entity));
    // Text: a header per file.
    let args: Vec<&str> = ["validate", "--lang", "en"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let text = stdout(&beian(&args));
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headers.len(), 3, "{text}");
    assert!(headers[1].ends_with("mistakes.json"));
    assert!(
        text.contains(&format!("== {}\n✘ would be rejected", files[1])),
        "{text}"
    );
}

#[test]
fn a_typo_key_is_a_warning_and_deny_warnings_fails_it() {
    let json = sample_text("personal.json").replace("\"remarks\"", "\"remark\"");
    let out = beian_stdin(&["validate", "--format", "json", "-"], &json);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: beian::Report = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(report.is_ok());
    assert_eq!(report.warnings().count(), 1);
    assert_eq!(report.warnings().next().unwrap().path, "/websites/0/remark");
    let out = beian_stdin(&["validate", "--deny-warnings", "-"], &json);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("✔ 可以提交，1 个警告"), "{}", stdout(&out));
    // Without warnings, --deny-warnings changes nothing.
    let out = beian(&["validate", "--deny-warnings", &sample("personal.json")]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_evaluation_date_can_be_fixed() {
    let report = json_report(&[
        "validate",
        "--format",
        "json",
        "--as-of",
        "2026-01-15",
        &sample("personal.json"),
    ]);
    assert_eq!(report.as_of, beian::Date::constant(2026, 1, 15));
    for bad in ["2026-1-15", "2026-02-30", "tomorrow"] {
        let out = beian(&["validate", "--as-of", bad, &sample("personal.json")]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains(&format!("invalid date `{bad}`: use YYYY-MM-DD")),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_stage_checks_what_the_form_has_asked_for_so_far() {
    // The first screen of a form: province, subject kind, domains, hosting.
    let app: Value = serde_json::from_str(&sample_text("personal.json")).unwrap();
    let seed = json!({
        "province": app["province"],
        "as_of": app["as_of"],
        "subject": { "kind": "personal" },
        "websites": [{ "domains": app["websites"][0]["domains"] }],
        "hosting": app["hosting"],
    })
    .to_string();
    let at = |stage: &str| beian_stdin(&["validate", "--format", "json", "--stage", stage, "-"], &seed);
    let prerequisites = at("prerequisites");
    assert_eq!(prerequisites.status.code(), Some(0), "{}", stdout(&prerequisites));
    let subject = at("subject");
    assert_eq!(subject.status.code(), Some(1));
    let report: beian::Report = serde_json::from_str(&stdout(&subject)).unwrap();
    assert!(
        report.errors().all(|f| f.path.starts_with("/subject")),
        "{:?}",
        report.findings
    );
    let complete: beian::Report = serde_json::from_str(&stdout(&at("complete"))).unwrap();
    assert!(complete.errors().count() > report.errors().count());
    assert!(complete.errors().any(|f| f.path.starts_with("/websites/0/")));
    // The text says which stage it checked.
    let text = stdout(&beian_stdin(
        &["validate", "--lang", "en", "--stage", "prerequisites", "-"],
        &seed,
    ));
    assert!(text.starts_with("✔ ready to submit"), "{text}");
    assert!(
        text.ends_with("\n(stage prerequisites: what later stages ask for was not checked)\n"),
        "{text}"
    );
    let out = beian_stdin(&["validate", "--stage", "payment", "-"], &seed);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[possible values: prerequisites, subject, services, complete]"));
}

#[test]
fn input_that_is_not_json_exits_2_naming_file_line_and_column() {
    let out = beian_stdin(&["validate", "-"], "{\n  \"province\": zhejiang\n}");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "text mode writes no report");
    let err = stderr(&out);
    assert!(
        err.starts_with("error: -:2:15: not an application: expected value"),
        "{err}"
    );
    // In JSON, the same as an error object on stdout.
    let out = beian_stdin(&["validate", "--format", "json", "-"], "{\n  \"province\": zhejiang\n}");
    assert_eq!(out.status.code(), Some(2));
    let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(object["error"]["kind"], "input");
    assert_eq!(object["error"]["file"], "-");
    assert_eq!(object["error"]["line"], 2);
    assert_eq!(object["error"]["column"], 15);
    assert!(
        object["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("not an application: expected value")
    );
}

#[test]
fn json_that_is_not_an_object_exits_2() {
    for doc in ["[]", "\"zhejiang\"", "42", "null", ""] {
        let out = beian_stdin(&["validate", "--format", "json", "-"], doc);
        assert_eq!(out.status.code(), Some(2), "{doc:?}");
        let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(object["error"]["kind"], "input", "{doc:?}");
        assert!(stderr(&out).starts_with("error: -:1:"), "{doc:?}: {}", stderr(&out));
    }
}

#[test]
fn a_byte_order_mark_is_ignored_and_other_encodings_are_refused() {
    let bom = format!("\u{feff}{}", sample_text("personal.json"));
    assert_eq!(beian_stdin(&["validate", "-"], &bom).status.code(), Some(0));
    let dir = temp_dir("latin1");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("app.json");
    std::fs::write(&file, b"{\"province\": \"zhe\xe9jiang\"}").unwrap();
    let out = beian(&["validate", "--format", "json", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(object["error"]["message"], "not UTF-8 text");
    assert_eq!(
        (object["error"]["line"].clone(), object["error"]["column"].clone()),
        (json!(1), json!(18))
    );
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = beian(&["validate", "--format", "json", "/nonexistent/application.json"]);
    assert_eq!(out.status.code(), Some(2));
    let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(object["error"]["kind"], "io");
    assert_eq!(object["error"]["file"], "/nonexistent/application.json");
    assert!(stderr(&out).starts_with("error: /nonexistent/application.json: cannot read: "));
    // The other files are still validated.
    let out = beian(&[
        "validate",
        "--format",
        "json",
        "/nonexistent/a.json",
        &sample("personal.json"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["error"]["kind"], "io");
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn standard_input_is_read_once() {
    let out = beian_stdin(&["validate", "-", "-"], "{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input (`-`) can be read only once"));
}

/// A copy of the embedded rules, written by `beian rules export`.
fn exported(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let out = beian(&["rules", "export", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn a_broken_rules_directory_exits_2_naming_file_line_and_column() {
    let dir = exported("broken");
    let file = dir.join("process.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("max_hours = 24", "max_hours = \"24\"", 1)).unwrap();
    let line = text.lines().position(|l| l.contains("max_hours = 24")).unwrap() + 1;
    let rules = dir.to_str().unwrap();
    let text_out = beian(&["validate", "--rules", rules, &sample("personal.json")]);
    let json_out = beian(&[
        "validate",
        "--format",
        "json",
        "--rules",
        rules,
        &sample("personal.json"),
    ]);
    let jsonl_out = beian_stdin(&["validate", "--format", "jsonl", "--rules", rules, "-"], "{}\n");
    let codes_out = beian(&["rules", "codes", "--rules", rules, "--format", "json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(text_out.status.code(), Some(2));
    assert!(stdout(&text_out).is_empty());
    let err = stderr(&text_out);
    assert!(
        err.contains(&format!("process.toml:{line}:13: invalid rules: invalid type")),
        "{err}"
    );
    for out in [json_out, jsonl_out, codes_out] {
        assert_eq!(out.status.code(), Some(2));
        let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(object["error"]["kind"], "rules");
        assert!(object["error"]["file"].as_str().unwrap().ends_with("process.toml"));
        assert_eq!(object["error"]["line"], line);
        assert_eq!(object["error"]["column"], 13);
    }
}

#[test]
fn control_characters_of_the_input_never_reach_the_terminal() {
    let json = sample_text("personal.json")
        .replace("\"remarks\"", "\"\\u001b[2J\\u001b]0;owned\\u0007\"")
        .replace("\"王小明\",", "\"王\\u202e小明\\r\",");
    for args in [&["validate", "-"][..], &["validate", "--lang", "en", "-"][..]] {
        let out = beian_stdin(args, &json);
        let text = stdout(&out);
        assert!(text.contains("[field.unknown]"), "{text}");
        assert!(text.contains("\\u{1b}[2J"), "{text}");
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{text:?}"
        );
    }
    // The JSON output keeps the data, escaped as JSON.
    let out = beian_stdin(&["validate", "--format", "json", "-"], &json);
    assert!(stdout(&out).contains("\\u001b[2J"));
}

// --- validate --format jsonl -----------------------------------------------

#[test]
fn json_lines_give_one_report_per_line_in_input_order() {
    // More lines than one chunk, with blank lines, broken lines and
    // applications with errors among them. Each application has a key of its
    // own, `line_N`, which its report names in a field.unknown warning.
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..2500 {
        let number = input.lines().count() + 1;
        let mut app: Value = match i % 500 {
            7 => {
                input.push_str("{\"province\": \n");
                expected.push(format!("error at line {number}"));
                continue;
            }
            8 => {
                input.push_str(" \n");
                continue;
            }
            9 => serde_json::from_str(&sample_text("mistakes.json")).unwrap(),
            _ if i % 2 == 0 => serde_json::from_str(&sample_text("personal.json")).unwrap(),
            _ => serde_json::from_str(&sample_text("entity.json")).unwrap(),
        };
        app[format!("line_{number}")] = json!(true);
        input.push_str(&app.to_string());
        input.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        let verdict = if i % 500 == 9 { "rejected" } else { "ok" };
        expected.push(format!("{verdict} /line_{number}"));
    }
    let out = beian_stdin(&["validate", "--format", "jsonl", "-"], &input);
    assert_eq!(out.status.code(), Some(2), "a broken line makes the status 2");
    let got: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            if let Some(e) = v.get("error") {
                assert_eq!(e["kind"], "input");
                assert_eq!(e["file"], "-");
                return format!("error at line {}", e["line"]);
            }
            let verdict = if v["ok"] == true { "ok" } else { "rejected" };
            let key = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["code"] == "field.unknown" && f["path"].as_str().unwrap().starts_with("/line_"))
                .map_or("no line key", |f| f["path"].as_str().unwrap());
            format!("{verdict} {key}")
        })
        .collect();
    assert_eq!(got.len(), expected.len());
    let first_difference = got.iter().zip(&expected).position(|(g, e)| g != e);
    assert_eq!(first_difference, None, "reports out of order or wrong");
    assert_eq!(stderr(&out).lines().count(), 5, "one message per broken line");
}

#[test]
fn json_lines_status_is_1_with_errors_and_0_without() {
    let ok = format!(
        "{}\n{}\n",
        line("personal.json", "2026-11-27"),
        line("entity.json", "2026-11-27")
    );
    let out = beian_stdin(&["validate", "--format", "jsonl", "-"], &ok);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
    let bad = format!("{ok}{}\n", line("mistakes.json", "2026-11-27"));
    assert_eq!(
        beian_stdin(&["validate", "--format", "jsonl", "-"], &bad).status.code(),
        Some(1)
    );
    // Files are read in order, line by line; --as-of overrides each line's date.
    let dir = temp_dir("jsonl");
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    std::fs::write(&a, &ok).unwrap();
    std::fs::write(&b, line("mistakes.json", "2026-11-27")).unwrap();
    let out = beian(&[
        "validate",
        "--format",
        "jsonl",
        "--as-of",
        "2026-12-01",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let reports: Vec<beian::Report> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(reports.len(), 3);
    assert!(reports.iter().all(|r| r.as_of == beian::Date::constant(2026, 12, 1)));
    assert_eq!(
        reports.iter().map(|r| r.is_ok()).collect::<Vec<_>>(),
        [true, true, false]
    );
}

#[test]
fn json_lines_errors_name_the_line_and_column() {
    let input = format!(
        "{}\n[1, 2]\n{{\"province\": 浙}}\n",
        line("personal.json", "2026-11-27")
    );
    let out = beian_stdin(&["validate", "--format", "jsonl", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["error"]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("not an application: ")
    );
    assert_eq!(lines[2]["error"]["line"], 3);
    assert_eq!(lines[2]["error"]["column"], 14);
    let err = stderr(&out);
    assert!(err.contains("error: -:2:1: not an application: "), "{err}");
    assert!(err.contains("error: -:3:14: not an application"), "{err}");
}

// --- number ----------------------------------------------------------------

#[test]
fn numbers_are_checked_with_kind_province_and_canonical_form() {
    let out = beian(&[
        "number",
        "粤ICP备08130115号-14",
        "A2.B1.B2-20202637",
        "京公网安备11010502030143号",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            "✔ 粤ICP备08130115号-14  icp_filing  guangdong  粤ICP备08130115号-14",
            "✔ A2.B1.B2-20202637  icp_license  -  A2.B1.B2-20202637",
            "✔ 京公网安备11010502030143号  public_security_filing  beijing  京公网安备11010502030143号",
        ]
    );
    let out = beian(&["number", "京ICP备11018762号", "川公网安备44030502008569号"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(
        "✘ 川公网安备44030502008569号  the region code `440305` is in guangdong, but `川` is the abbreviation of sichuan"
    ));
}

#[test]
fn number_json_and_lenient_mode() {
    let out = beian(&[
        "number",
        "--format",
        "json",
        "--lenient",
        "沪ICP备2021527689-3号",
        "京ICP备1101876号",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        items[0],
        json!({
            "input": "沪ICP备2021527689-3号", "valid": true, "kind": "icp_filing", "province": "shanghai",
            "canonical": "沪ICP备2021527689号-3", "normalizations": ["misplaced_hao"], "error": null
        })
    );
    assert_eq!(items[1]["valid"], false);
    assert!(items[1]["error"].as_str().unwrap().contains("has 7 digits"));
    // Strict by default: the same text is refused, with its canonical form.
    let out = beian(&["number", "沪ICP备2021527689-3号"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("the canonical form is `沪ICP备2021527689号-3`"));
}

#[test]
fn numbers_can_come_from_standard_input() {
    let out = beian_stdin(
        &["number", "--format", "json", "-"],
        "粤ICP备08130115号-14\n\n  京ICP备11018762号  \r\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let canonical: Vec<&str> = items.iter().map(|i| i["canonical"].as_str().unwrap()).collect();
    assert_eq!(canonical, ["粤ICP备08130115号-14", "京ICP备11018762号"]);
}

#[test]
fn find_scans_a_footer_for_every_number() {
    let html = "<html><body>\n<p>示例</p>\n<footer>© 2026 示例 | <a href=\"https://beian.miit.gov.cn/\">京ICP备11018762号-1</a>\n\
                | 京公网安备11010502030143号 | 增值电信业务经营许可证：粤B2-20090059</footer>\n</body></html>\n";
    let dir = temp_dir("find");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("index.html");
    std::fs::write(&page, html).unwrap();
    let file = page.to_str().unwrap();
    let out = beian(&["number", "--find", "--format", "json", file]);
    let text = beian(&["number", "--find", file]);
    let nothing = beian_stdin(&["number", "--find", "-"], "no number here, 备案中");
    let lenient = beian_stdin(&["number", "--find", "--lenient", "-"], "备案号：川ICP备 09003078号");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(&str, &str, u64, u64)> = items
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap(),
                i["canonical"].as_str().unwrap(),
                i["line"].as_u64().unwrap(),
                i["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("icp_filing", "京ICP备11018762号-1", 3, 58),
            ("public_security_filing", "京公网安备11010502030143号", 4, 3),
            ("icp_license", "粤B2-20090059", 4, 38),
        ]
    );
    assert!(items.iter().all(|i| i["file"] == file && i["valid"] == true));
    assert!(stdout(&text).starts_with(&format!("{file}:3:58  ✔ 京ICP备11018762号-1  icp_filing  beijing")));
    assert_eq!(nothing.status.code(), Some(1), "none found");
    assert!(stdout(&nothing).is_empty());
    assert_eq!(lenient.status.code(), Some(0));
    assert_eq!(
        stdout(&lenient),
        "-:1:5  ✔ 川ICP备 09003078号  icp_filing  sichuan  川ICP备09003078号  (normalised: whitespace)\n"
    );
}

#[test]
fn find_says_when_a_file_cannot_be_read() {
    let out = beian(&["number", "--find", "/nonexistent/page.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: /nonexistent/page.html: cannot read: "));
}

// --- rules -----------------------------------------------------------------

#[test]
fn rules_codes_is_the_catalogue() {
    let out = beian(&["rules", "codes", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let codes: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(codes.len(), beian::Code::ALL.len());
    for (entry, code) in codes.iter().zip(beian::Code::ALL) {
        assert_eq!(entry["code"], code.as_str());
        assert_eq!(entry["severity"], code.default_severity().as_str());
        assert_eq!(entry["params"].as_array().unwrap().len(), code.params().len());
        for key in ["family", "description", "message", "message_zh"] {
            assert!(entry[key].as_str().is_some_and(|s| !s.is_empty()), "{code}: {key}");
        }
    }
    let tld = codes.iter().find(|c| c["code"] == "domain.tld_not_approved").unwrap();
    assert_eq!(tld["params"][1]["name"], "suffix");
    assert_eq!(tld["description"], "The suffix is not approved by MIIT for filing.");
    // The text form: one code per line, with its severity.
    let text = stdout(&beian(&["rules", "codes"]));
    assert!(
        text.lines()
            .any(|l| l.starts_with("person.email_shared ") && l.contains(" warning "))
    );
}

#[test]
fn rules_provinces() {
    let out = beian(&["rules", "--format", "json", "provinces"]);
    assert_eq!(out.status.code(), Some(0));
    let provinces: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(provinces.len(), 31);
    let sichuan = provinces.iter().find(|p| p["slug"] == "sichuan").unwrap();
    assert_eq!(sichuan["gb_code"], "51");
    assert_eq!(sichuan["icp_abbreviations"], json!(["川", "蜀"]));
    let text = stdout(&beian(&["rules", "provinces"]));
    assert_eq!(text.lines().count(), 31);
    assert!(text.contains("zhejiang      33  ICP: 浙"), "{text}");
}

#[test]
fn rules_rule_tells_where_a_rule_comes_from() {
    let out = beian(&[
        "rules",
        "rule",
        "provinces.zhejiang.process.authority_review",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rule: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rule["file"], "provinces/zhejiang.toml");
    assert_eq!(rule["sources"][0]["tag"], "TX-AUDIT");
    let text = stdout(&beian(&["rules", "rule", "input.required"]));
    assert!(text.contains("source: BEIAN-CONTRACT — beian input contract"), "{text}");
    // An unknown id: status 2, with the ids it may mean.
    let out = beian(&["rules", "rule", "zhejiang.process", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let object: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        object["error"]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean: provinces.zhejiang.process.authority_review")
    );
}

#[test]
fn exported_rules_load_back_and_an_edit_takes_effect() {
    let dir = exported("export");
    let rules = dir.to_str().unwrap();
    let files = std::fs::read_dir(dir.join("provinces")).unwrap().count();
    assert_eq!(files, 31);
    // Unchanged, the copy gives the same report as the embedded rules.
    let embedded = beian(&["validate", "--format", "json", &sample("personal.json")]);
    let copy = beian(&[
        "validate",
        "--format",
        "json",
        "--rules",
        rules,
        &sample("personal.json"),
    ]);
    assert_eq!(stdout(&copy), stdout(&embedded));
    // An edited rule changes the report: the version and a time limit.
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("ruleset.toml", "version = \"", "version = \"9");
    edit(
        "provinces/zhejiang.toml",
        "max_working_days = 30",
        "max_working_days = 15",
    );
    let edited = json_report(&[
        "validate",
        "--format",
        "json",
        "--rules",
        rules,
        &sample("personal.json"),
    ]);
    let catalogue = beian(&["rules", "--rules", rules, "codes", "--format", "json"]);
    let again = beian(&["rules", "export", rules]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(edited.ruleset.starts_with('9'));
    let review = edited.steps.iter().find(|s| &*s.id == "authority_review").unwrap();
    assert_eq!(review.max_working_days, Some(15));
    assert_eq!(catalogue.status.code(), Some(0));
    // Export never writes over a directory.
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("the directory is not empty"));
}

#[test]
fn export_json_lists_the_files() {
    let dir = temp_dir("export-json");
    let out = beian(&["rules", "export", "--format", "json", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        value["files"].as_array().unwrap().len(),
        beian::RuleSet::embedded_files().len()
    );
    let out = beian(&["rules", "--rules", "/tmp", "export", "/tmp/x"]);
    assert_eq!(out.status.code(), Some(2));
}
