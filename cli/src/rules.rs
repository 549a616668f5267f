//! `beian rules`: the rule set as a catalogue (codes, provinces, one rule),
//! and the embedded rule files written out to edit (`export`).

use std::path::{Path, PathBuf};

use beian::{Province, RuleSet};
use serde_json::{Value, json};

use crate::output::{Problem, Stdout, visible, visible_lines};
use crate::{Status, TextOrJson};

#[derive(clap::Args)]
pub struct Args {
    /// A rule directory to read instead of the embedded rules
    #[arg(long, value_name = "DIR", global = true)]
    rules: Option<PathBuf>,
    /// Output: readable text, or JSON for programs
    #[arg(long, value_enum, default_value_t, global = true)]
    format: TextOrJson,
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Every finding code: default severity, meaning, parameters and message templates
    Codes,
    /// The 31 provinces: slug, names, GB/T 2260 code and filing-number abbreviations
    Provinces,
    /// One rule, by the id a finding's `rule` names: its file, sources and date
    Rule {
        /// The rule id, e.g. provinces.zhejiang.process.authority_review
        id: String,
    },
    /// Write the embedded rule files to a new directory, to edit and load with --rules
    Export {
        /// The directory to create (it must not exist, or be empty)
        dir: PathBuf,
    },
}

pub fn run(args: Args) -> Status {
    let json = args.format == TextOrJson::Json;
    let mut out = Stdout::new();
    let unusable = |problem: Problem, out: &mut Stdout| {
        problem.tell();
        if json {
            out.line(&problem.to_json());
        }
        Status::Unusable
    };
    if let What::Export { dir } = &args.what {
        if args.rules.is_some() {
            let problem = Problem::new(
                "usage",
                "`export` writes the embedded rules; copy your rule directory to get another copy of it",
            );
            return unusable(problem, &mut out);
        }
        return match export(dir) {
            Ok(files) => {
                let text = if json {
                    json!({ "dir": dir.display().to_string(), "files": files }).to_string()
                } else {
                    let shown = visible(&dir.display().to_string()).into_owned();
                    format!(
                        "wrote {} files of rule data {} to {shown}\nload them with --rules {shown}",
                        files.len(),
                        RuleSet::embedded().version()
                    )
                };
                out.line(&text);
                Status::Ok
            }
            Err(problem) => unusable(problem, &mut out),
        };
    }
    let rules = match &args.rules {
        Some(dir) => match RuleSet::from_dir(dir) {
            Ok(rules) => rules,
            Err(e) => return unusable(Problem::rules(&e), &mut out),
        },
        None => RuleSet::embedded(),
    };
    let text = match &args.what {
        What::Codes if json => {
            let catalogue: Vec<_> = rules.catalogue().collect();
            serde_json::to_string_pretty(&catalogue).expect("the catalogue serialises")
        }
        What::Codes => codes_text(&rules),
        What::Provinces if json => serde_json::to_string_pretty(&provinces(&rules)).expect("JSON"),
        What::Provinces => provinces_text(&rules),
        What::Rule { id } => match rule(&rules, id) {
            Ok(value) if json => serde_json::to_string_pretty(&value).expect("JSON"),
            Ok(value) => rule_text(&value),
            Err(problem) => return unusable(problem, &mut out),
        },
        What::Export { .. } => unreachable!("handled above"),
    };
    out.line(&text);
    Status::Ok
}

fn codes_text(rules: &RuleSet) -> String {
    let width = rules.catalogue().map(|e| e.code.as_str().len()).max().unwrap_or(0);
    let mut out = String::new();
    for entry in rules.catalogue() {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            entry.code.as_str(),
            entry.severity.as_str(),
            entry.description
        ));
        if !entry.params.is_empty() {
            let names: Vec<&str> = entry.params.iter().map(|p| p.name).collect();
            out.push_str(&format!("{:width$}  {:7}  params: {}\n", "", "", names.join(", ")));
        }
    }
    out.push_str(&format!(
        "\n{} codes, rule data {}; --format json adds the parameters' meanings and the message templates",
        rules.catalogue().len(),
        rules.version()
    ));
    visible_lines(&out)
}

fn provinces(rules: &RuleSet) -> Vec<Value> {
    Province::ALL
        .iter()
        .map(|&p| {
            json!({
                "slug": p.slug(),
                "name": p.name_en(),
                "name_zh": p.name_zh(),
                "full_name_zh": p.full_name_zh(),
                "gb_code": format!("{:02}", p.gb_code()),
                "abbreviations": p.abbreviations().iter().map(char::to_string).collect::<Vec<_>>(),
                "icp_abbreviations": rules.icp_abbreviations(p).iter().map(char::to_string).collect::<Vec<_>>(),
                "public_security_abbreviations": rules
                    .public_security_abbreviations(p)
                    .iter()
                    .map(char::to_string)
                    .collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn provinces_text(rules: &RuleSet) -> String {
    let mut out = String::new();
    for value in provinces(rules) {
        let join = |key: &str| {
            value[key]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().concat())
                .unwrap_or_default()
        };
        out.push_str(&format!(
            "{:13} {}  ICP: {:2}  公网安备: {:2}  {} {}\n",
            value["slug"].as_str().unwrap_or_default(),
            value["gb_code"].as_str().unwrap_or_default(),
            join("icp_abbreviations"),
            join("public_security_abbreviations"),
            value["name_zh"].as_str().unwrap_or_default(),
            value["name"].as_str().unwrap_or_default(),
        ));
    }
    visible_lines(out.trim_end())
}

fn rule(rules: &RuleSet, id: &str) -> Result<Value, Problem> {
    let Some(rule) = rules.rule(id) else {
        let similar: Vec<&str> = rules
            .rules()
            .map(|r| r.id())
            .filter(|r| r.starts_with(id) || r.contains(&format!(".{id}")))
            .take(10)
            .collect();
        let mut message = format!("no rule `{id}` in the rule set {}", rules.version());
        if !similar.is_empty() {
            message.push_str(&format!("; did you mean: {}", similar.join(", ")));
        }
        return Err(Problem::new("usage", message));
    };
    let sources: Vec<Value> = rule
        .sources()
        .iter()
        .map(|s| json!({ "tag": s.tag(), "title": s.title(), "url": s.url() }))
        .collect();
    Ok(json!({
        "id": rule.id(),
        "file": rule.file(),
        "sources": sources,
        "source_date": rule.source_date(),
        "severity": rule.severity().map(|s| s.as_str()),
        "note": rule.note(),
    }))
}

fn rule_text(value: &Value) -> String {
    let s = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
    let mut out = format!("{}\n  file: {}\n  date: {}\n", s("id"), s("file"), s("source_date"));
    if let Some(severity) = value["severity"].as_str() {
        out.push_str(&format!("  severity: {severity} (instead of the code's default)\n"));
    }
    for source in value["sources"].as_array().into_iter().flatten() {
        let field = |key: &str| source[key].as_str().unwrap_or_default();
        out.push_str(&format!("  source: {} — {}", field("tag"), field("title")));
        if let Some(url) = source["url"].as_str()
            && url != field("tag")
        {
            out.push_str(&format!(" <{url}>"));
        }
        out.push('\n');
    }
    if let Some(note) = value["note"].as_str() {
        out.push_str(&format!("  note: {note}\n"));
    }
    visible_lines(out.trim_end())
}

/// Writes the embedded rule files under `dir`, then loads them back: the
/// names of the files written.
fn export(dir: &Path) -> Result<Vec<&'static str>, Problem> {
    let shown = dir.display().to_string();
    let io = |e: std::io::Error, file: &str| Problem::new("io", format!("cannot write: {e}")).in_file(file);
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| io(e, &shown))?;
        if entries.next().is_some() {
            return Err(Problem::new("usage", "the directory is not empty: export writes a new one").in_file(&shown));
        }
    }
    let mut names = Vec::new();
    for (name, text) in RuleSet::embedded_files() {
        let path = dir.join(name);
        let file = path.display().to_string();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(e, &file))?;
        }
        std::fs::write(&path, text).map_err(|e| io(e, &file))?;
        names.push(name);
    }
    // What was written must load as it is.
    RuleSet::from_dir(dir).map_err(|e| Problem::rules(&e))?;
    Ok(names)
}
