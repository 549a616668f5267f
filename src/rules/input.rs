//! Input checks: unknown keys, missing required fields, fields this filing
//! type must not have, and the size limits that keep validation cheap.

use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};

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
        let mut load = Load::new(file, registry, "input".into());
        Ok(InputRules {
            required: load.register("required", &doc.required)?,
            unknown: load.register("unknown", &doc.unknown)?,
            invalid: load.register("invalid", &doc.invalid)?,
            not_allowed: load.register("not_allowed", &doc.not_allowed)?,
            too_large: load.register("too_large", &doc.too_large)?,
        })
    }
}
