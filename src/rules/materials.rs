//! The materials checklist (备案材料): which documents to prepare, for whom
//! (`rules/materials.toml`, and the `[[materials]]` requirements of the
//! province files).
//!
//! A requirement names a material, its target (`for`: the subject, the
//! legal representative, the principal, each website or app manager, each
//! responsible person, each website, each app, each domain, each
//! pre-approval) and a
//! condition (`when`). The predicates of the condition about one person,
//! website or domain are evaluated on each instance of the target, so that
//! `for = "people"` with `when = { age = { max = 17 } }` lists a guardian's
//! consent for each minor. The checklist has the national requirements
//! first, then the province's, each material once per path.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::rules::{File, Load, Registry, Rule, RuleError, Scope, TargetCondition, rule_entry};

rule_entry! {
    /// A material of the catalogue.
    pub(crate) struct MaterialEntry {
        name: String,
        name_zh: String,
    }
}

rule_entry! {
    /// A requirement: a material needed for some target, when a condition holds.
    pub(crate) struct RequirementEntry {
        material: Spanned<String>,
        #[serde(rename = "for")]
        target: Target,
        #[serde(default)]
        when: Option<Spanned<TargetCondition>>,
    }
}

/// Whom or what a required material concerns.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Target {
    /// The subject (`/subject`).
    Subject,
    /// The legal representative of an entity (`/subject/legal_representative`).
    LegalRepresentative,
    /// The principal (`/subject/principal`; the filer at `/subject` in a
    /// personal filing that does not repeat them as principal).
    Principal,
    /// Each distinct website manager (`/websites/N/manager`, where the
    /// person first appears).
    Managers,
    /// Each distinct app's responsible person who is no website manager
    /// (`/apps/N/manager`, where the person first appears).
    AppManagers,
    /// Each distinct responsible person: the personal filer (`/subject`),
    /// or the principal and each website or app manager who is not the
    /// principal.
    People,
    /// Each website (`/websites/N`).
    Websites,
    /// Each app (`/apps/N`).
    Apps,
    /// Each domain of a website (`/websites/N/domains/M`).
    Domains,
    /// Each pre-approval held (`/websites/N/pre_approvals/M`,
    /// `/apps/N/pre_approvals/M`).
    PreApprovals,
}

impl Target {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Target::Subject => "subject",
            Target::LegalRepresentative => "legal_representative",
            Target::Principal => "principal",
            Target::Managers => "managers",
            Target::AppManagers => "app_managers",
            Target::People => "people",
            Target::Websites => "websites",
            Target::Apps => "apps",
            Target::Domains => "domains",
            Target::PreApprovals => "pre_approvals",
        }
    }

    /// Whether a condition of this scope can be evaluated on the target.
    fn fits(self, scope: Scope) -> bool {
        match scope {
            Scope::Application => true,
            Scope::Person => matches!(
                self,
                Target::LegalRepresentative
                    | Target::Principal
                    | Target::Managers
                    | Target::AppManagers
                    | Target::People
            ),
            Scope::Website => matches!(self, Target::Websites | Target::Domains | Target::PreApprovals),
            Scope::Domain => self == Target::Domains,
            Scope::App => self == Target::Apps,
        }
    }
}

/// A material of the catalogue, compiled: the strings a report shares.
#[derive(Clone, Debug)]
pub(crate) struct Catalogued {
    pub(crate) id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) name_zh: Arc<str>,
}

/// A requirement, compiled.
#[derive(Debug)]
pub(crate) struct Requirement {
    pub(crate) material: Catalogued,
    pub(crate) target: Target,
    pub(crate) when: TargetCondition,
    #[allow(dead_code)] // kept for provenance: `RuleSet::rule` reads the registry
    pub(crate) rule: Rule,
}

/// The material catalogue and the national requirements.
#[derive(Debug)]
pub(crate) struct MaterialRules {
    pub(crate) materials: BTreeMap<String, Catalogued>,
    pub(crate) requirements: Vec<Requirement>,
}

impl MaterialRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<MaterialRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            materials: BTreeMap<String, MaterialEntry>,
            requirements: Vec<RequirementEntry>,
        }
        let doc: Doc = file.parse()?;
        let mut materials = BTreeMap::new();
        for (id, entry) in doc.materials {
            file.register(registry, format!("materials.{id}"), &entry)?;
            let material = Catalogued {
                id: id.as_str().into(),
                name: entry.name.into(),
                name_zh: entry.name_zh.into(),
            };
            materials.insert(id, material);
        }
        let mut rules = MaterialRules {
            materials,
            requirements: Vec::new(),
        };
        rules.requirements = rules.requirements(
            doc.requirements,
            Load::new(file, registry, "materials.requirements".into()),
        )?;
        Ok(rules)
    }

    /// Compiles requirements (national, or a province's), checking their
    /// materials against the catalogue and their conditions against their
    /// targets; `prefix.N` is the id of the N-th.
    pub(crate) fn requirements(
        &self,
        entries: Vec<RequirementEntry>,
        mut load: Load<'_>,
    ) -> Result<Vec<Requirement>, RuleError> {
        let file = load.file;
        entries
            .into_iter()
            .enumerate()
            .map(|(i, entry)| {
                let Some(material) = self.materials.get(entry.material.get_ref()) else {
                    let message = format!("unknown material `{}`", entry.material.get_ref());
                    return Err(file.error_at(entry.material.span(), message));
                };
                let when = match &entry.when {
                    Some(when) => {
                        let scope = when.get_ref().scope().map_err(|e| file.error_at(when.span(), e))?;
                        if !entry.target.fits(scope) {
                            let message = format!(
                                "this condition is about one {}, which a requirement `for = \"{}\"` does not have",
                                match scope {
                                    Scope::Person => "person",
                                    Scope::Website => "website",
                                    Scope::App => "app",
                                    _ => "domain",
                                },
                                entry.target.as_str()
                            );
                            return Err(file.error_at(when.span(), message));
                        }
                        when.get_ref().clone()
                    }
                    None => TargetCondition::default(),
                };
                let rule = load.register(&i.to_string(), &entry)?;
                Ok(Requirement {
                    material: material.clone(),
                    target: entry.target,
                    when,
                    rule,
                })
            })
            .collect()
    }
}
