//! Finding messages: one English and one Chinese template per finding code,
//! read from `rules/messages.toml` and compiled once.
//!
//! A template is text with placeholders: `{name}` inserts the parameter
//! `name`; `{name:zh}` inserts the Chinese label of its value from the
//! `[labels]` table (the value itself when there is no label). Lists are
//! joined with `, ` (English) or `、` (Chinese). A part in brackets, `[…]`,
//! is shown only when every parameter it names is given.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use super::{File, RuleError};
use crate::code::Code;
use crate::code::Params;

#[derive(Debug)]
pub(crate) struct Messages {
    /// Indexed by `Code as usize`: (English, Chinese).
    templates: Vec<(Template, Template)>,
    labels: BTreeMap<String, String>,
}

#[derive(Debug)]
struct Template {
    /// The template as written.
    text: String,
    pieces: Vec<Piece>,
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Param {
        name: String,
        zh: bool,
    },
    /// `[…]`: shown only when every parameter it names is given.
    Optional(Vec<Piece>),
}

impl Messages {
    pub(crate) fn load(file: &File<'_>) -> Result<Messages, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            labels: BTreeMap<String, String>,
            codes: BTreeMap<String, Spanned<Entry>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Entry {
            en: Spanned<String>,
            zh: Spanned<String>,
        }

        let mut doc: Doc = file.parse()?;
        let mut templates = Vec::with_capacity(Code::ALL.len());
        for code in Code::ALL {
            let entry = doc
                .codes
                .remove(code.as_str())
                .ok_or_else(|| file.error(format!("no message for the finding code `{code}`")))?
                .into_inner();
            let en = Template::parse(&entry.en, file)?;
            let zh = Template::parse(&entry.zh, file)?;
            for (template, text) in [(&en, &entry.en), (&zh, &entry.zh)] {
                if let Some(name) = template.unknown_param(*code) {
                    return Err(file.error_at(
                        text.span(),
                        format!("`{{{name}}}` is not a parameter of `{code}` (see its entry in the code catalogue)"),
                    ));
                }
            }
            templates.push((en, zh));
        }
        if let Some((code, entry)) = doc.codes.into_iter().next() {
            return Err(file.error_at(entry.span(), format!("`{code}` is not a finding code")));
        }
        Ok(Messages {
            templates,
            labels: doc.labels,
        })
    }

    /// The English and Chinese templates of a code, as written.
    pub(crate) fn templates(&self, code: Code) -> (&str, &str) {
        let (en, zh) = &self.templates[code as usize];
        (&en.text, &zh.text)
    }

    /// The English and Chinese messages of a finding.
    pub(crate) fn render(&self, code: Code, params: &Params) -> (String, String) {
        let (en, zh) = &self.templates[code as usize];
        (self.fill(en, params, ", "), self.fill(zh, params, "、"))
    }

    fn fill(&self, template: &Template, params: &Params, separator: &str) -> String {
        // The text, and room for typical values: one allocation, not a
        // series of doublings.
        let room = template
            .pieces
            .iter()
            .map(|p| if let Piece::Text(t) = p { t.len() } else { 32 })
            .sum();
        let mut out = String::with_capacity(room);
        self.push_pieces(&mut out, &template.pieces, params, separator);
        out
    }

    fn push_pieces(&self, out: &mut String, pieces: &[Piece], params: &Params, separator: &str) {
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Param { name, zh } => match params.get(name) {
                    Some(value) => self.push_value(out, value, *zh, separator),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
                Piece::Optional(part) => {
                    let given = |p: &Piece| match p {
                        Piece::Param { name, .. } => params.get(name).is_some_and(|v| !v.is_null()),
                        _ => true,
                    };
                    if part.iter().all(given) {
                        self.push_pieces(out, part, params, separator);
                    }
                }
            }
        }
    }

    fn push_value(&self, out: &mut String, value: &Value, zh: bool, separator: &str) {
        match value {
            Value::String(s) if zh => out.push_str(self.labels.get(s).unwrap_or(s)),
            Value::String(s) => out.push_str(s),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(separator);
                    }
                    self.push_value(out, item, zh, separator);
                }
            }
            Value::Null => {}
            other => out.push_str(&other.to_string()),
        }
    }
}

impl Template {
    /// A placeholder that names no parameter of the code's findings: it
    /// would be printed as it is.
    fn unknown_param(&self, code: Code) -> Option<&str> {
        fn first(pieces: &[Piece], code: Code) -> Option<&str> {
            pieces.iter().find_map(|piece| match piece {
                Piece::Text(_) => None,
                Piece::Param { name, .. } => (!code.params().iter().any(|p| p.name == name)).then_some(name.as_str()),
                Piece::Optional(part) => first(part, code),
            })
        }
        first(&self.pieces, code)
    }

    fn parse(text: &Spanned<String>, file: &File<'_>) -> Result<Template, RuleError> {
        let bad = |what: &str| file.error_at(text.span(), format!("{what} in `{}`", text.get_ref()));
        let mut pieces = Vec::new();
        let mut optional: Option<Vec<Piece>> = None;
        let mut rest = text.get_ref().as_str();
        while let Some(at) = rest.find(['{', '}', '[', ']']) {
            if at > 0 {
                optional
                    .as_mut()
                    .unwrap_or(&mut pieces)
                    .push(Piece::Text(rest[..at].to_owned()));
            }
            match rest.as_bytes()[at] {
                b'}' => return Err(bad("unmatched `}`")),
                b'[' if optional.is_some() => return Err(bad("`[` inside an optional part")),
                b'[' => {
                    optional = Some(Vec::new());
                    rest = &rest[at + 1..];
                    continue;
                }
                b']' => {
                    let part = optional.take().ok_or_else(|| bad("unmatched `]`"))?;
                    if !part.iter().any(|p| matches!(p, Piece::Param { .. })) {
                        return Err(bad("an optional part without a placeholder"));
                    }
                    pieces.push(Piece::Optional(part));
                    rest = &rest[at + 1..];
                    continue;
                }
                _ => {}
            }
            let close = rest[at..].find('}').ok_or_else(|| bad("unclosed `{`"))? + at;
            let inner = &rest[at + 1..close];
            let (name, zh) = match inner.split_once(':') {
                Some((name, "zh")) => (name, true),
                Some(_) => return Err(bad("unknown placeholder filter (only `:zh` exists)")),
                None => (inner, false),
            };
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
            {
                return Err(bad("a placeholder must be a lower-case parameter name"));
            }
            optional.as_mut().unwrap_or(&mut pieces).push(Piece::Param {
                name: name.to_owned(),
                zh,
            });
            rest = &rest[close + 1..];
        }
        if optional.is_some() {
            return Err(bad("unclosed `[`"));
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Ok(Template {
            text: text.get_ref().clone(),
            pieces,
        })
    }
}
