//! The materials checklist (备案材料): which documents to prepare, for whom
//! (`rules/materials.toml`, and the provinces' own requirements).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::person::same_person;
use crate::report::Material;
use crate::rules::{Condition, File, Registry, Rule, RuleError, rule_entry};
use crate::validator::Context;
use crate::vocabulary::FilingType;

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
        when: Condition,
    }
}

/// Whom or what a required material concerns.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Target {
    /// The subject (`/subject`).
    Subject,
    /// The principal (`/subject/principal`).
    Principal,
    /// Each distinct website manager who is not the principal (`/websites/N/manager`).
    Managers,
    /// Each pre-approval held (`/websites/N/pre_approvals/M`), within the limits.
    PreApprovals,
}

/// A requirement, compiled.
#[derive(Debug)]
pub(crate) struct Requirement {
    material: String,
    target: Target,
    when: Condition,
    #[allow(dead_code)] // kept for provenance: `RuleSet::rule` reads the registry
    rule: Rule,
}

/// The material catalogue and the national requirements.
#[derive(Debug)]
pub(crate) struct MaterialRules {
    materials: BTreeMap<String, (String, String)>,
    requirements: Vec<Requirement>,
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
            materials.insert(id, (entry.name, entry.name_zh));
        }
        let requirements = doc
            .requirements
            .into_iter()
            .enumerate()
            .map(|(i, entry)| {
                if !materials.contains_key(entry.material.get_ref()) {
                    let message = format!("unknown material `{}`", entry.material.get_ref());
                    return Err(file.error_at(entry.material.span(), message));
                }
                let rule = file.register(registry, format!("materials.requirements.{i}"), &entry)?;
                Ok(Requirement {
                    material: entry.material.into_inner(),
                    target: entry.target,
                    when: entry.when,
                    rule,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(MaterialRules {
            materials,
            requirements,
        })
    }
}

/// The checklist for this application, each material once per target.
pub(crate) fn checklist(cx: &Context<'_>) -> Vec<Material> {
    let rules = &cx.rules.materials;
    let mut out: Vec<Material> = Vec::new();
    for requirement in &rules.requirements {
        if !requirement.when.holds(&cx.facts) {
            continue;
        }
        let (name, name_zh) = &rules.materials[&requirement.material];
        for path in targets(cx, requirement.target) {
            if !out.iter().any(|m| m.id == requirement.material && m.concerns == path) {
                out.push(Material {
                    id: requirement.material.clone(),
                    concerns: path,
                    name: name.clone(),
                    name_zh: name_zh.clone(),
                });
            }
        }
    }
    out
}

fn targets(cx: &Context<'_>, target: Target) -> Vec<String> {
    let Some(subject) = &cx.app.subject else {
        return Vec::new();
    };
    match target {
        Target::Subject => vec!["/subject".into()],
        Target::Principal => match (&subject.principal, subject.filing_type()) {
            (Some(_), _) => vec!["/subject/principal".into()],
            (None, Some(FilingType::Personal)) => vec!["/subject".into()],
            (None, _) => Vec::new(),
        },
        Target::Managers => {
            let mut seen: Vec<(&str, &Option<crate::Certificate>)> = Vec::new();
            if let Some(p) = &subject.principal {
                seen.push((&p.name, &p.certificate));
            }
            let mut out = Vec::new();
            for (i, w) in cx.websites() {
                let Some(m) = &w.manager else { continue };
                if !seen
                    .iter()
                    .any(|(name, c)| same_person(&m.name, &m.certificate, name, c))
                {
                    seen.push((&m.name, &m.certificate));
                    out.push(format!("/websites/{i}/manager"));
                }
            }
            out
        }
        Target::PreApprovals => {
            let mut out = Vec::new();
            for (i, w) in cx.websites() {
                // A list over the limit is `input.too_large` and not checked further.
                if w.pre_approvals.len() <= crate::validator::MAX_LIST {
                    out.extend((0..w.pre_approvals.len()).map(|j| format!("/websites/{i}/pre_approvals/{j}")));
                }
            }
            out
        }
    }
}
