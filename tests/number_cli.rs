//! The filing-number example (`examples/number.rs`): output formats and exit
//! statuses. `cargo test` builds the examples next to the tests.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};

fn example() -> PathBuf {
    support::example("number")
}

fn run(args: &[&str]) -> Output {
    Command::new(example()).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = run(args);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    (out.status.code(), value.as_array().unwrap().clone())
}

#[test]
fn valid_numbers_exit_0_with_kind_province_and_canonical_form() {
    let out = run(&[
        "粤ICP备08130115号-14",
        "A2.B1.B2-20202637",
        "京公网安备11010502030143号",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "✔ 粤ICP备08130115号-14  icp_filing  guangdong  粤ICP备08130115号-14  website",
            "✔ A2.B1.B2-20202637  icp_license  -  A2.B1.B2-20202637",
            "✔ 京公网安备11010502030143号  public_security_filing  beijing  京公网安备11010502030143号",
        ]
    );
}

#[test]
fn an_invalid_number_exits_1_with_the_reason() {
    let out = run(&["京ICP备11018762号", "川公网安备44030502008569号"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("✔ 京ICP备11018762号  icp_filing  beijing"), "{text}");
    assert!(
        text.contains(
            "✘ 川公网安备44030502008569号  the region code `440305` is in guangdong, but `川` is the abbreviation of sichuan"
        ),
        "{text}"
    );
}

#[test]
fn json_output_has_the_keys_of_the_issue() {
    let (code, items) = json(&["--format", "json", "蜀ICP备12014244号-2", "沪ICP备2021527689-3号"]);
    assert_eq!(code, Some(1));
    assert_eq!(items.len(), 2);
    for item in &items {
        let mut keys: Vec<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "canonical",
                "error",
                "input",
                "kind",
                "province",
                "service_kind",
                "valid"
            ]
        );
    }
    assert_eq!(
        items[0],
        serde_json::json!({
            "input": "蜀ICP备12014244号-2", "valid": true, "kind": "icp_filing",
            "province": "sichuan", "canonical": "蜀ICP备12014244号-2", "service_kind": "website",
            "error": null
        })
    );
    assert_eq!(items[1]["valid"], false);
    assert_eq!(items[1]["kind"], serde_json::Value::Null);
    assert_eq!(items[1]["canonical"], serde_json::Value::Null);
    let error = items[1]["error"].as_str().unwrap();
    assert!(
        error.contains("the canonical form is `沪ICP备2021527689号-3`"),
        "{error}"
    );
}

/// The service kind of a service's number: an app's (`-2A`), a mini
/// program's (`-3X`), a quick app's (`-4K`), real numbers of public code;
/// none for a subject's number.
#[test]
fn the_service_kind_of_each_number() {
    let (code, items) = json(&[
        "--format",
        "json",
        "辽ICP备2023009191号-2A",
        "鄂ICP备2026013201号-3X",
        "粤ICP备2024266252号-4K",
        "鄂ICP备2026013201号-1",
        "鄂ICP备2026013201号",
        "京公网安备11010502030143号",
    ]);
    assert_eq!(code, Some(0));
    let kinds: Vec<Option<&str>> = items.iter().map(|i| i["service_kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            Some("app"),
            Some("mini_program"),
            Some("quick_app"),
            Some("website"),
            None,
            None
        ]
    );
    let out = run(&["粤ICP备2024266252号-4K"]);
    assert_eq!(
        stdout(&out),
        "✔ 粤ICP备2024266252号-4K  icp_filing  guangdong  粤ICP备2024266252号-4K  quick_app\n"
    );
}

#[test]
fn lenient_mode_reads_the_malformed_variants() {
    let args = [
        "--lenient",
        "--format",
        "json",
        "沪ICP备2021527689-3号",
        "滇ICP备09010050-5号",
        "川ICP备 09003078号",
        "浙公网安备33010602011771",
    ];
    let (code, items) = json(&args);
    assert_eq!(code, Some(0));
    let canonical: Vec<&str> = items.iter().map(|i| i["canonical"].as_str().unwrap()).collect();
    assert_eq!(
        canonical,
        [
            "沪ICP备2021527689号-3",
            "滇ICP备09010050号-5",
            "川ICP备09003078号",
            "浙公网安备33010602011771号",
        ]
    );
    let provinces: Vec<&str> = items.iter().map(|i| i["province"].as_str().unwrap()).collect();
    assert_eq!(provinces, ["shanghai", "yunnan", "sichuan", "zhejiang"]);
    // The text output says what was normalised.
    let out = run(&["--lenient", "川ICP备 09003078号"]);
    assert!(
        stdout(&out).ends_with("  (normalised: white space)\n"),
        "{}",
        stdout(&out)
    );
    // Still refused when malformed beyond normalisation.
    let (code, items) = json(&["--lenient", "--format", "json", "京ICP备1101876号"]);
    assert_eq!(code, Some(1));
    assert!(items[0]["error"].as_str().unwrap().contains("has 7 digits"));
}

#[test]
fn texts_after_a_double_dash_are_numbers() {
    let out = run(&["--", "--lenient"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("✘ --lenient  "), "{}", stdout(&out));
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    for args in [
        &[][..],
        &["--format"][..],
        &["--format", "xml", "京ICP备11018762号"][..],
        &["--strict", "京ICP备11018762号"][..],
        &["--lenient"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        assert!(stderr(&out).starts_with("error: "), "{args:?}");
    }
}
