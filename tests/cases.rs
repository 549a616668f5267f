//! The declarative rule cases: every `tests/cases/**/*.toml` file holds
//! `[[case]]` tables, each an application with the findings it must produce.
//!
//! A case names a `base` application (a JSON file, relative to the case
//! file), optionally moves it to another province (`relocate`, see
//! [`relocate`]), edits it (`remove` JSON Pointers, then `set` pointer =
//! value; a missing object key is created, `-` appends to an array),
//! validates it with the embedded rules, and compares:
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
//! Instead of a `base`, a case may give the document as `text` (for text
//! that is not JSON), and `stage` validates at that stage of a form.
//!
//! `source` records where the facts of a case come from. Every case also
//! checks that no certificate or phone number of the application appears in
//! full in the report, as JSON or as text in either language.
//!
//! With `BEIAN_CASES_DUMP=<dir>`, each case is also written to `<dir>` as
//! one JSON file: the application text, the settings it was validated with
//! and the report's JSON (or the parse error), for the Python package's
//! tests to compare with (`python/tests/test_cases.py`).

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
    #[serde(default)]
    base: Option<String>,
    /// The document as text, instead of a `base` (for what is not JSON).
    #[serde(default)]
    text: Option<String>,
    /// The stage to validate at (`complete` when absent).
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    relocate: Option<String>,
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
    let dump = std::env::var_os("BEIAN_CASES_DUMP").map(PathBuf::from);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let parsed: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in parsed.cases {
            count += 1;
            if let Some(dir) = &dump {
                write_dump(dir, count, file.strip_prefix(&root).unwrap_or(file), file, &case);
            }
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

/// The application text of a case: its base, relocated and edited.
fn application(file: &Path, case: &Case) -> Result<String, String> {
    let base = match (&case.base, &case.text) {
        (None, Some(text)) => return Ok(text.clone()),
        (Some(base), None) => base,
        _ => return Err("a case has either a `base` or a `text`".to_owned()),
    };
    let base = file.parent().unwrap().join(base);
    let text = std::fs::read_to_string(&base).map_err(|e| format!("cannot read base {}: {e}", base.display()))?;
    let mut doc: Value = serde_json::from_str(&text).map_err(|e| format!("base is not JSON: {e}"))?;
    if let Some(province) = &case.relocate {
        relocate(&mut doc, province)?;
    }
    for pointer in &case.remove {
        remove(&mut doc, pointer)?;
    }
    for (pointer, value) in &case.set {
        let value = serde_json::to_value(value).map_err(|e| e.to_string())?;
        set(&mut doc, pointer, value)?;
    }
    Ok(serde_json::to_string_pretty(&doc).unwrap())
}

/// Writes a case for `BEIAN_CASES_DUMP`: what it validates, how (the
/// embedded rules, no date override: the application's `as_of`), and the
/// outcome.
fn write_dump(dir: &Path, index: usize, shown: &Path, file: &Path, case: &Case) {
    let Ok(json) = application(file, case) else {
        return; // the case fails in `run`, which says why
    };
    let mut record = serde_json::json!({
        "file": shown.display().to_string(),
        "case": case.name,
        "rules": "embedded",
        "as_of": null,
        "stage": case.stage,
        "application": json,
    });
    let outcome = match beian::Application::from_json(&json) {
        Ok(app) => ("report", validator(case).validate(&app).to_json()),
        Err(e) => ("parse_error", e.to_string()),
    };
    record[outcome.0] = Value::from(outcome.1);
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{index:04}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&record).unwrap())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The embedded rules, at the case's stage.
fn validator(case: &Case) -> beian::Validator {
    let stage = case.stage.as_deref().map_or(beian::Stage::Complete, |s| {
        s.parse()
            .unwrap_or_else(|_| panic!("{}: unknown stage `{s}`", case.name))
    });
    beian::Validator::new(&beian::RuleSet::embedded()).stage(stage)
}

fn run(file: &Path, case: &Case) -> Result<(), String> {
    let json = application(file, case)?;
    let app = match (beian::Application::from_json(&json), &case.parse_error) {
        (Ok(app), None) => app,
        (Err(e), Some(expected)) if e.to_string().contains(expected.as_str()) => return Ok(()),
        (Err(e), Some(expected)) => return Err(format!("  parse error `{e}` does not contain `{expected}`")),
        (Ok(_), Some(expected)) => return Err(format!("  parsed, but a parse error with `{expected}` was expected")),
        (Err(e), None) => return Err(format!("  does not parse: {e}")),
    };
    let report = validator(case).validate(&app);
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
                // The catalogue documents every parameter a finding carries.
                for key in f.params.keys() {
                    if !f.code.params().iter().any(|p| p.name == key) {
                        let _ = writeln!(problems, "  {code} at {path}: param {key} is not in Code::params");
                    }
                }
                for p in f.code.params().iter().filter(|p| !p.optional) {
                    if !f.params.contains_key(p.name) {
                        let _ = writeln!(problems, "  {code} at {path}: no param {} (Code::params)", p.name);
                    }
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
                id: m.id.to_string(),
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
    for a in &app.apps {
        if let Some(m) = &a.manager {
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
    for a in &app.apps {
        if let Some(m) = &a.manager {
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
    let rules = beian::RuleSet::embedded();
    let json = [
        report.to_json(),
        report.to_text(&rules, beian::Language::Zh),
        report.to_text(&rules, beian::Language::En),
    ]
    .join("\n");
    let visible = json.replace(['-', ' '], "");
    // The application without its secrets: a run of digits found there
    // belongs to another value (a filing number that shares a region code).
    let mut elsewhere = serde_json::to_string(app).unwrap();
    for secret in &secrets {
        if !secret.is_empty() {
            elsewhere = elsewhere.replace(secret.as_str(), "");
        }
    }
    let elsewhere = elsewhere.replace(['-', ' '], "");
    secrets
        .clone()
        .into_iter()
        .filter(|s| s.chars().count() >= 6)
        .filter_map(|s| {
            if json.contains(s.as_str()) || visible.contains(s.as_str()) {
                return Some(s);
            }
            // Combined: no six consecutive characters of the number that
            // include one its mask hides may appear anywhere in the report
            // (a region code beside a birth date beside the mask would give
            // the whole number away).
            let chars: Vec<char> = s.chars().collect();
            let hidden: Vec<bool> = beian::privacy::mask_certificate(&s).chars().map(|c| c == '*').collect();
            if hidden.len() != chars.len() {
                return None;
            }
            (0..chars.len().saturating_sub(5))
                .filter(|&i| hidden[i..i + 6].contains(&true))
                .map(|i| chars[i..i + 6].iter().collect::<String>())
                .find(|window| visible.contains(window.as_str()) && !elsewhere.contains(window.as_str()))
                .map(|window| format!("{window} (of {})", beian::privacy::mask_certificate(&s)))
        })
        .collect()
}

const DISTRICTS: [(&str, &str, &str); 31] = [
    ("beijing", "北京市朝阳区", "110105"),
    ("tianjin", "天津市和平区", "120101"),
    ("hebei", "河北省石家庄市长安区", "130102"),
    ("shanxi", "山西省太原市小店区", "140105"),
    ("neimenggu", "内蒙古自治区呼和浩特市新城区", "150102"),
    ("liaoning", "辽宁省沈阳市和平区", "210102"),
    ("jilin", "吉林省长春市南关区", "220102"),
    ("heilongjiang", "黑龙江省哈尔滨市道里区", "230102"),
    ("shanghai", "上海市黄浦区", "310101"),
    ("jiangsu", "江苏省南京市玄武区", "320102"),
    ("zhejiang", "浙江省杭州市西湖区", "330106"),
    ("anhui", "安徽省合肥市蜀山区", "340104"),
    ("fujian", "福建省福州市鼓楼区", "350102"),
    ("jiangxi", "江西省南昌市东湖区", "360102"),
    ("shandong", "山东省济南市历下区", "370102"),
    ("henan", "河南省郑州市金水区", "410105"),
    ("hubei", "湖北省武汉市江岸区", "420102"),
    ("hunan", "湖南省长沙市芙蓉区", "430102"),
    ("guangdong", "广东省深圳市南山区", "440305"),
    ("guangxi", "广西壮族自治区南宁市青秀区", "450103"),
    ("hainan", "海南省海口市龙华区", "460106"),
    ("chongqing", "重庆市渝中区", "500103"),
    ("sichuan", "四川省成都市武侯区", "510107"),
    ("guizhou", "贵州省贵阳市南明区", "520102"),
    ("yunnan", "云南省昆明市五华区", "530102"),
    ("xizang", "西藏自治区拉萨市城关区", "540102"),
    ("shaanxi", "陕西省西安市雁塔区", "610113"),
    ("gansu", "甘肃省兰州市城关区", "620102"),
    ("qinghai", "青海省西宁市城中区", "630103"),
    ("ningxia", "宁夏回族自治区银川市兴庆区", "640104"),
    ("xinjiang", "新疆维吾尔自治区乌鲁木齐市天山区", "650102"),
];

/// Moves an application to another province, as a local filer there: sets
/// `province`; replaces a leading district of `DISTRICTS` in every address
/// with the new province's; gives every resident ID card the new district's
/// code and every 18-character credit code the new prefecture's code, with
/// their check characters recomputed; gives ICP filing numbers (`subject_number`,
/// `icp_number`) the new province's abbreviation. Names, phones and domains stay.
fn relocate(doc: &mut Value, province: &str) -> Result<(), String> {
    let (_, prefix, district) = DISTRICTS
        .iter()
        .find(|(slug, _, _)| *slug == province)
        .ok_or_else(|| format!("cannot relocate to `{province}`"))?;
    doc["province"] = Value::from(province);
    let prefecture = format!("{}00", &district[..4]);
    fn walk(v: &mut Value, prefix: &str, district: &str, prefecture: &str) {
        match v {
            Value::Object(map) => {
                for key in ["certificate_address", "mailing_address"] {
                    if let Some(Value::String(address)) = map.get_mut(key)
                        && let Some((_, from, _)) = DISTRICTS.iter().find(|(_, p, _)| address.starts_with(p))
                    {
                        *address = address.replacen(from, prefix, 1);
                    }
                }
                let kind = map.get("kind").and_then(Value::as_str).and_then(|k| k.parse().ok());
                if let (Some(Value::String(number)), Some(kind)) = (map.get_mut("number"), kind)
                    && number.len() == 18
                    && number.is_ascii()
                {
                    if kind == beian::CertificateKind::ResidentIdCard {
                        *number = resident_id(&format!("{district}{}", &number[6..17]));
                    } else if !beian::CertificateKind::is_personal(kind) {
                        *number = credit_code(&format!("{}{prefecture}{}", &number[..2], &number[8..17]));
                    }
                }
                for value in map.values_mut() {
                    walk(value, prefix, district, prefecture);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, prefix, district, prefecture)),
            _ => {}
        }
    }
    walk(doc, prefix, district, &prefecture);
    // Filing numbers (of an order on record) take the new province's abbreviation.
    let to: beian::Province = province.parse().map_err(|_| format!("unknown province `{province}`"))?;
    fn numbers(v: &mut Value, to: char) {
        match v {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    match value {
                        Value::String(number) if key == "subject_number" || key == "icp_number" => {
                            if let Some(first) = number.chars().next()
                                && number[first.len_utf8()..].starts_with("ICP备")
                            {
                                *number = format!("{to}{}", &number[first.len_utf8()..]);
                            }
                        }
                        _ => numbers(value, to),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| numbers(i, to)),
            _ => {}
        }
    }
    numbers(doc, beian::RuleSet::embedded().icp_abbreviations(to)[0]);
    Ok(())
}

/// Completes 17 digits with their GB 11643 (ISO 7064 MOD 11-2) check character.
fn resident_id(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{first17}{}", "10X98765432".as_bytes()[(sum % 11) as usize] as char)
}

/// Completes 17 characters with their GB 32100 check character.
fn credit_code(first17: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let value = |b: u8| ALPHABET.iter().position(|a| *a == b).unwrap_or(0);
    let sum: usize = first17.bytes().zip(WEIGHTS).map(|(b, w)| value(b) * w).sum();
    format!("{first17}{}", ALPHABET[(31 - sum % 31) % 31] as char)
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
