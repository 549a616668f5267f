//! The checks of the filing numbers an application carries: a website's
//! or app's existing `icp_number` (rules of `rules/numbers.toml`; the abbreviations
//! each province's numbers use are the `[identity]` of its province file).

use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};
rule_entry! {
    /// A rule of `rules/numbers.toml` (the checks have no parameters).
    pub(crate) struct Entry {}
}

/// The rules of `rules/numbers.toml`.
pub(crate) struct NumberRules {
    pub(crate) format: Rule,
    pub(crate) canonical: Rule,
    pub(crate) province: Rule,
    /// A website's number must be a website's, not an app's.
    pub(crate) service_kind: Rule,
}

impl NumberRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<NumberRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            icp_number: IcpNumberRules,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct IcpNumberRules {
            format: Entry,
            canonical: Entry,
            province: Entry,
            service_kind: Entry,
        }
        let doc: Doc = file.parse()?;
        let mut load = Load::new(file, registry, "numbers.icp_number".into());
        Ok(NumberRules {
            format: load.register("format", &doc.icp_number.format)?,
            canonical: load.register("canonical", &doc.icp_number.canonical)?,
            province: load.register("province", &doc.icp_number.province)?,
            service_kind: load.register("service_kind", &doc.icp_number.service_kind)?,
        })
    }
}
