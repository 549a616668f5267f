//! The materials checklist (备案材料): which documents to prepare, for whom
//! (`rules/materials.toml`, and the `[[materials]]` requirements of the
//! province files).
//!
//! A requirement names a material, its target (`for`: the subject, the
//! legal representative, the principal, each website manager, each
//! responsible person, each website, each domain, each pre-approval) and a
//! condition (`when`). The predicates of the condition about one person,
//! website or domain are evaluated on each instance of the target, so that
//! `for = "people"` with `when = { age = { max = 17 } }` lists a guardian's
//! consent for each minor. The checklist has the national requirements
//! first, then the province's, each material once per path.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::application::{Certificate, LegalRepresentative, Person};
use crate::person::{age_of, same_person};
use crate::report::Material;
use crate::rules::{File, On, PersonFacts, Registry, Rule, RuleError, Scope, TargetCondition, rule_entry};
use crate::validator::{Context, MAX_LIST};
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
    /// Each distinct responsible person: the personal filer (`/subject`),
    /// or the principal and each website manager who is not the principal.
    People,
    /// Each website (`/websites/N`).
    Websites,
    /// Each domain (`/websites/N/domains/M`).
    Domains,
    /// Each pre-approval held (`/websites/N/pre_approvals/M`).
    PreApprovals,
}

impl Target {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Target::Subject => "subject",
            Target::LegalRepresentative => "legal_representative",
            Target::Principal => "principal",
            Target::Managers => "managers",
            Target::People => "people",
            Target::Websites => "websites",
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
                Target::LegalRepresentative | Target::Principal | Target::Managers | Target::People
            ),
            Scope::Website => matches!(self, Target::Websites | Target::Domains | Target::PreApprovals),
            Scope::Domain => self == Target::Domains,
        }
    }
}

/// A material of the catalogue, compiled: the strings a report shares.
#[derive(Clone, Debug)]
pub(crate) struct Catalogued {
    pub(crate) id: Arc<str>,
    name: Arc<str>,
    name_zh: Arc<str>,
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
    materials: BTreeMap<String, Catalogued>,
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
        rules.requirements = rules.requirements("materials.requirements", doc.requirements, file, registry)?;
        Ok(rules)
    }

    /// Compiles requirements (national, or a province's), checking their
    /// materials against the catalogue and their conditions against their
    /// targets; `prefix.N` is the id of the N-th.
    pub(crate) fn requirements(
        &self,
        prefix: &str,
        entries: Vec<RequirementEntry>,
        file: &File<'_>,
        registry: &mut Registry,
    ) -> Result<Vec<Requirement>, RuleError> {
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
                let rule = file.register(registry, format!("{prefix}.{i}"), &entry)?;
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

/// The checklist for this application, each material once per target.
pub(crate) fn checklist(cx: &Context<'_>) -> Vec<Material> {
    let rules = &cx.rules.materials;
    let own = cx.province().map(|p| p.materials.as_slice()).unwrap_or_default();
    let mut out: Vec<Material> = Vec::new();
    for requirement in rules.requirements.iter().chain(own) {
        let material = &requirement.material;
        each_target(cx, requirement.target, &mut |at, on| {
            if !requirement.when.holds(&cx.facts, on) {
                return;
            }
            let path = at.path();
            if !out.iter().any(|m| m.id == material.id && m.concerns == path) {
                out.push(Material {
                    id: material.id.clone(),
                    concerns: path,
                    name: material.name.clone(),
                    name_zh: material.name_zh.clone(),
                });
            }
        });
    }
    out
}

/// Where a target instance is; its path is only built when it is listed.
#[derive(Clone, Copy)]
enum At {
    Subject,
    LegalRepresentative,
    Principal,
    Manager(usize),
    Website(usize),
    Domain(usize, usize),
    PreApproval(usize, usize),
}

impl At {
    fn path(self) -> String {
        match self {
            At::Subject => "/subject".into(),
            At::LegalRepresentative => "/subject/legal_representative".into(),
            At::Principal => "/subject/principal".into(),
            At::Manager(i) => format!("/websites/{i}/manager"),
            At::Website(i) => format!("/websites/{i}"),
            At::Domain(i, j) => format!("/websites/{i}/domains/{j}"),
            At::PreApproval(i, j) => format!("/websites/{i}/pre_approvals/{j}"),
        }
    }
}

/// Calls `f` with each instance of a target, in document order.
fn each_target<'a>(cx: &Context<'a>, target: Target, f: &mut dyn FnMut(At, On<'a>)) {
    let Some(subject) = &cx.app.subject else { return };
    let personal = subject.filing_type() == Some(FilingType::Personal);
    let legal = subject.legal_representative.as_ref().filter(|_| !personal);
    let principal = subject.principal.as_ref();
    let person = |name: &str, certificate: &Option<Certificate>, is_principal: Option<bool>| {
        On::Person(PersonFacts {
            age: age_of(certificate, cx.as_of),
            legal_representative: is(legal, name, certificate),
            principal: is_principal,
        })
    };
    // Each distinct website manager, where first seen.
    let managers = || {
        let mut seen: Vec<&Person> = Vec::new();
        cx.websites().filter_map(move |(i, w)| {
            let m = w.manager.as_ref()?;
            if seen
                .iter()
                .any(|s| same_person(&s.name, &s.certificate, &m.name, &m.certificate))
            {
                return None;
            }
            seen.push(m);
            Some((i, m))
        })
    };
    let is_principal = |m: &Person| {
        principal
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| same_person(&p.name, &p.certificate, &m.name, &m.certificate))
    };
    match target {
        Target::Subject => f(At::Subject, On::Application),
        Target::LegalRepresentative => {
            if let Some(l) = legal {
                let on = On::Person(PersonFacts {
                    age: age_of(&l.certificate, cx.as_of),
                    legal_representative: Some(true),
                    principal: cx.facts.principal_is_legal_representative,
                });
                f(At::LegalRepresentative, on);
            }
        }
        Target::Principal => match (principal, personal) {
            (Some(p), _) => f(At::Principal, person(&p.name, &p.certificate, Some(true))),
            (None, true) => f(At::Subject, person(&subject.name, &subject.certificate, Some(true))),
            (None, false) => {}
        },
        Target::Managers => {
            for (i, m) in managers() {
                f(At::Manager(i), person(&m.name, &m.certificate, is_principal(m)));
            }
        }
        Target::People if personal => f(At::Subject, person(&subject.name, &subject.certificate, Some(true))),
        Target::People => {
            if let Some(p) = principal {
                f(At::Principal, person(&p.name, &p.certificate, Some(true)));
            }
            for (i, m) in managers() {
                if is_principal(m) != Some(true) {
                    f(At::Manager(i), person(&m.name, &m.certificate, is_principal(m)));
                }
            }
        }
        Target::Websites => {
            for (i, w) in cx.websites() {
                f(At::Website(i), On::Website(w));
            }
        }
        Target::Domains => {
            for (i, w) in cx.websites() {
                for (j, d) in Context::domains(w) {
                    f(At::Domain(i, j), On::Domain(w, d));
                }
            }
        }
        Target::PreApprovals => {
            for (i, w) in cx.websites() {
                // A list over the limit is `input.too_large` and not checked further.
                if w.pre_approvals.len() <= MAX_LIST {
                    for j in 0..w.pre_approvals.len() {
                        f(At::PreApproval(i, j), On::Website(w));
                    }
                }
            }
        }
    }
}

/// Whether a person is the legal representative; unknown without one.
fn is(legal: Option<&LegalRepresentative>, name: &str, certificate: &Option<Certificate>) -> Option<bool> {
    legal
        .filter(|l| !l.name.trim().is_empty() && !name.trim().is_empty())
        .map(|l| same_person(&l.name, &l.certificate, name, certificate))
}
