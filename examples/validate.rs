//! Checks an ICP filing application from a JSON file (or `-` for stdin).
//!
//! ```text
//! cargo run --example validate -- [--format text|json] [--lang zh|en] [--as-of YYYY-MM-DD] [--rules DIR] <FILE|->
//! ```
//!
//! Exit status: 0 when the application passes, 1 when it has errors, 2 when
//! the input cannot be read or is not an application, or the rule directory
//! is invalid.

use std::io::Read;
use std::process::ExitCode;

use beian::{Application, Report, RuleSet, Severity, Validator};

const USAGE: &str = "usage: validate [--format text|json] [--lang zh|en] [--as-of YYYY-MM-DD] [--rules DIR] <FILE|->";

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Zh,
    En,
}

struct Options {
    json: bool,
    lang: Lang,
    as_of: Option<beian::Date>,
    rules: Option<String>,
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
    let mut validator = Validator::new(&rules);
    if let Some(date) = options.as_of {
        validator = validator.as_of(date);
    }
    let report = validator.validate(&app);
    if options.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", render(&report, &rules, options.lang));
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
        lang: Lang::Zh,
        as_of: None,
        rules: None,
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
                "zh" => options.lang = Lang::Zh,
                "en" => options.lang = Lang::En,
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
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            _ if input.is_some() => return Err(format!("more than one input file\n{USAGE}")),
            _ => input = Some(arg),
        }
    }
    options.input = input.ok_or_else(|| format!("no input file\n{USAGE}"))?;
    Ok(options)
}

/// A readable report: the verdict, the findings by severity, the materials
/// and the steps.
fn render(report: &Report, rules: &RuleSet, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let mut out = String::new();
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let verdict = match (report.is_ok(), zh) {
        (true, true) => "✔ 可以提交".to_owned(),
        (true, false) => "✔ ready to submit".to_owned(),
        (false, true) => format!("✘ 会被驳回：{errors} 个错误"),
        (false, false) => format!(
            "✘ would be rejected: {errors} error{}",
            if errors == 1 { "" } else { "s" }
        ),
    };
    out.push_str(&verdict);
    if warnings > 0 {
        out.push_str(&if zh {
            format!("，{warnings} 个警告")
        } else {
            format!(", {warnings} warning{}", if warnings == 1 { "" } else { "s" })
        });
    }
    out.push('\n');
    let province = report.province.map_or("-", |p| p.slug());
    let filing_type = report.filing_type.map_or("-", |f| f.as_str());
    out.push_str(&format!(
        "{}: {province} · {}: {filing_type} · {}: {} · {}: {}\n",
        t("省份", "province"),
        t("备案类型", "filing type"),
        t("评估日期", "as of"),
        report.as_of,
        t("规则版本", "rules"),
        report.ruleset,
    ));

    for (severity, title) in [
        (Severity::Error, t("错误", "Errors")),
        (Severity::Warning, t("警告", "Warnings")),
        (Severity::Info, t("提示", "Notes")),
    ] {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.severity == severity).collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for f in findings {
            let path = if f.path.is_empty() { "/" } else { &f.path };
            out.push_str(&format!("  {path}  [{}]\n", f.code));
            out.push_str(&format!("    {}\n", if zh { &f.message_zh } else { &f.message }));
            if let Some(rule) = rules.rule(&f.rule) {
                let sources: Vec<&str> = rule.sources().iter().map(|s| s.tag()).collect();
                out.push_str(&format!(
                    "    {}: {} ({}, {})\n",
                    t("依据", "rule"),
                    rule.id(),
                    sources.join(", "),
                    rule.source_date()
                ));
            }
        }
    }

    if !report.materials.is_empty() {
        out.push_str(&format!("\n{}\n", t("需准备的材料", "Materials to prepare")));
        for m in &report.materials {
            out.push_str(&format!(
                "  - {}  ({})\n",
                if zh { &m.name_zh } else { &m.name },
                m.concerns
            ));
        }
    }

    if !report.steps.is_empty() {
        out.push_str(&format!("\n{}\n", t("后续流程", "Steps")));
        for (i, s) in report.steps.iter().enumerate() {
            let mut limits = Vec::new();
            if let Some(d) = s.working_days {
                limits.push(if zh {
                    format!("约 {d} 个工作日")
                } else {
                    format!("about {d} working day{}", if d == 1 { "" } else { "s" })
                });
            }
            if let Some(d) = s.max_working_days {
                limits.push(if zh {
                    format!("最长 {d} 个工作日")
                } else {
                    format!("at most {d} working days")
                });
            }
            if let Some(h) = s.max_hours {
                limits.push(if zh {
                    format!("{h} 小时内")
                } else {
                    format!("within {h} hours")
                });
            }
            if let Some(d) = s.max_days {
                limits.push(if zh {
                    format!("{d} 天内")
                } else {
                    format!("within {d} days")
                });
            }
            let name = if zh { &s.name_zh } else { &s.name };
            out.push_str(&format!("  {}. {name}", i + 1));
            if !limits.is_empty() {
                out.push_str(&format!(" — {}", limits.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}
