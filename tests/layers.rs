//! The layers of the crate, read from `src/`: data flows one way, down the
//! folder tree, and no files import each other in a circle.
//!
//! From the bottom: the ground types (closed vocabularies, provinces, text,
//! privacy; then codes, identifiers, domain names and filing numbers), the
//! application, the rule data (`rules/`), the rule set (`ruleset/`), the
//! report, the checks (`check/`), the validator, the strategies. A file
//! imports only from lower layers or from its own module; inside the crate
//! nothing imports through the crate root (`crate::Params`), which is the
//! face for users. Test modules (`#[cfg(test)] mod tests`) are users of the
//! crate and are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first; a module may import only from a lower layer.
const LAYERS: &[&[&str]] = &[
    &["vocabulary", "province", "text", "privacy"],
    &["code", "identity", "domain", "number"],
    &["application", "stage"],
    &["rules"],
    &["ruleset"],
    &["report"],
    &["check"],
    &["validator"],
    &["strategy"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// A file's code without its test module and comments, by line.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `crate::…` paths a line names, as segments (`use crate::a::{b, c}`
/// gives `a::b` and `a::c`; a path inside a macro written `$crate::` too).
fn paths(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let before = &rest[..i];
        rest = &rest[i + "crate::".len()..];
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest
            .find(|c: char| {
                !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{' || c == '}' || c == ',' || c == ' ')
            })
            .unwrap_or(rest.len());
        let path = &rest[..end];
        match path.find('{') {
            Some(b) => {
                let prefix: Vec<String> = path[..b]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                let inner = path[b + 1..].split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let mut p = prefix.clone();
                    p.extend(item.trim().split("::").filter(|s| !s.is_empty()).map(str::to_owned));
                    out.push(p);
                }
            }
            None => out.push(
                path.trim()
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
        }
    }
    out
}

/// The file a path names: the longest prefix of it that is a file of `src/`.
fn file_of(src: &Path, path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|n| {
        let base = src.join(path[..n].join("/"));
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|p| p.is_file())
    })
}

#[test]
fn imports_run_down_the_layers_and_never_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    all.sort();
    assert!(all.len() > 50, "read only {} files of src/", all.len());
    let mut problems = Vec::new();
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for file in &all {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if relative == "lib.rs" {
            continue;
        }
        let module = relative.split('/').next().unwrap().trim_end_matches(".rs").to_owned();
        let own =
            layer(&module).unwrap_or_else(|| panic!("src/{relative}: module `{module}` is in no layer of this test"));
        // The module path of the file, for `super::` (`rules/file.rs` is
        // `rules::file`, `rules/mod.rs` is `rules`).
        let mut own_path: Vec<String> = relative.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
        if own_path.last().is_some_and(|l| l == "mod") {
            own_path.pop();
        }
        for (line, text) in code_lines(file) {
            let relative_paths = text.split("super::").skip(1).filter_map(|rest| {
                let parent = &own_path[..own_path.len().checked_sub(1)?];
                let line = format!("crate::{}::{rest}", parent.join("::"));
                paths(&line).into_iter().next()
            });
            for path in paths(&text).into_iter().chain(relative_paths.collect::<Vec<_>>()) {
                let Some(first) = path.first() else { continue };
                let Some(target) = layer(first) else {
                    problems.push(format!(
                        "src/{relative}:{line}: `crate::{}` imports through the crate root; name the module",
                        path.join("::")
                    ));
                    continue;
                };
                if *first != module && target >= own {
                    problems.push(format!(
                        "src/{relative}:{line}: `crate::{}` runs up from `{module}` to `{first}`",
                        path.join("::")
                    ));
                }
                if let Some(to) = file_of(&src, &path).filter(|to| to != file) {
                    graph.entry(file.clone()).or_default().insert(to);
                }
            }
        }
    }
    // Circles among files: a depth-first search that reports each back edge.
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
        circles: &mut Vec<Vec<PathBuf>>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(i) = stack.iter().position(|n| n == node) {
            circles.push(stack[i..].to_vec());
            return;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, stack, done, circles);
        }
        stack.pop();
        done.insert(node.clone());
    }
    let (mut done, mut circles) = (BTreeSet::new(), Vec::new());
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done, &mut circles);
    }
    for circle in circles {
        let names: Vec<String> = circle
            .iter()
            .map(|p| format!("src/{}", p.strip_prefix(&src).unwrap().display()))
            .collect();
        problems.push(format!(
            "files import each other in a circle: {} → back",
            names.join(" → ")
        ));
    }
    assert!(problems.is_empty(), "the layers are broken:\n{}", problems.join("\n"));
}
