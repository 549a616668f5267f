//! Input checks: unknown keys, missing required fields, fields this filing
//! type must not have, and the size limits that keep validation cheap.

use crate::rules::{File, Registry, Rule, RuleError, rule_entry};

rule_entry! {
    /// A rule of `rules/input.toml` (the input checks have no parameters).
    pub(crate) struct Entry {}
}

/// The rules of `rules/input.toml`.
pub(crate) struct InputRules {
    pub(crate) required: Rule,
    pub(crate) unknown: Rule,
    pub(crate) invalid: Rule,
    pub(crate) not_allowed: Rule,
    pub(crate) too_large: Rule,
}

impl InputRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<InputRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            required: Entry,
            unknown: Entry,
            invalid: Entry,
            not_allowed: Entry,
            too_large: Entry,
        }
        let doc: Doc = file.parse()?;
        let mut register = |name: &str, entry: &Entry| file.register(registry, format!("input.{name}"), entry);
        Ok(InputRules {
            required: register("required", &doc.required)?,
            unknown: register("unknown", &doc.unknown)?,
            invalid: register("invalid", &doc.invalid)?,
            not_allowed: register("not_allowed", &doc.not_allowed)?,
            too_large: register("too_large", &doc.too_large)?,
        })
    }
}
