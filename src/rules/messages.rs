//! Finding messages: one English and one Chinese template per finding code,
//! read from `rules/messages.toml` and compiled once.
//!
//! A template is text with placeholders: `{name}` inserts the parameter
//! `name`; `{name:zh}` inserts the Chinese label of its value from the
//! `[labels]` table (the value itself when there is no label). Lists are
//! joined with `, ` (English) or `、` (Chinese).

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
    Param { name: String, zh: bool },
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
        for piece in &template.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Param { name, zh } => match params.get(name) {
                    Some(value) => self.push_value(&mut out, value, *zh, separator),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        out
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
    fn parse(text: &Spanned<String>, file: &File<'_>) -> Result<Template, RuleError> {
        let bad = |what: &str| file.error_at(text.span(), format!("{what} in `{}`", text.get_ref()));
        let mut pieces = Vec::new();
        let mut rest = text.get_ref().as_str();
        while let Some(open) = rest.find(['{', '}']) {
            if rest.as_bytes()[open] == b'}' {
                return Err(bad("unmatched `}`"));
            }
            let close = rest[open..].find('}').ok_or_else(|| bad("unclosed `{`"))? + open;
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let inner = &rest[open + 1..close];
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
            pieces.push(Piece::Param {
                name: name.to_owned(),
                zh,
            });
            rest = &rest[close + 1..];
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
