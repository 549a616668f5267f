//! One province's own rules, compiled from `rules/provinces/<slug>.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::province::Province;
use crate::rules::certificates::{CertificateRules, ProvinceCertificateRules, ProvinceCertificatesDoc};
use crate::rules::domains::{ProvinceDomainRules, ProvinceDomainsDoc};
use crate::rules::materials::{MaterialRules, Requirement, RequirementEntry};
use crate::rules::operations::{OperationsSection, ProvinceOperationRules};
use crate::rules::people::{PeopleSection, ProvincePeopleRules};
use crate::rules::process::{ProcessRules, StepLimits};
use crate::rules::submission::{ProvinceSubmissionRules, SubmissionSection};
use crate::rules::websites::{ProvinceWebsiteRules, WebsitesSection};
use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};

/// What one province requires, compiled from `rules/provinces/<slug>.toml`.
#[derive(Debug)]
pub(crate) struct ProvinceRules {
    /// The abbreviations ICP filing numbers of the province start with.
    pub(crate) icp_abbreviations: Vec<char>,
    /// The abbreviations public-security filing numbers of the province start with.
    pub(crate) public_security_abbreviations: Vec<char>,
    /// The rule of the `[identity]`, which findings about the abbreviations name.
    pub(crate) identity: Rule,
    /// The province's own time limits for process steps, by step id.
    pub(crate) steps: Vec<(String, StepLimits, Rule)>,
    /// The province's website rules (`[websites]`).
    pub(crate) websites: ProvinceWebsiteRules,
    /// The province's own domain rules (`[domains]`).
    pub(crate) domains: ProvinceDomainRules,
    /// Whom the province accepts as filer, principal and manager, and the
    /// contact data it requires (`[people]`).
    pub(crate) people: ProvincePeopleRules,
    /// The province's own certificate rules (`[certificates]`).
    pub(crate) certificates: ProvinceCertificateRules,
    /// The materials the province requires beyond the national ones (`[[materials]]`).
    pub(crate) materials: Vec<Requirement>,
    /// The province's caps on one submission (`[submission]`).
    pub(crate) submission: ProvinceSubmissionRules,
    /// The province's change and access rules (`[operations]`).
    pub(crate) operations: ProvinceOperationRules,
}

/// The national rules a province file refers to.
pub(crate) struct National<'a> {
    pub(crate) process: &'a ProcessRules,
    pub(crate) materials: &'a MaterialRules,
    pub(crate) certificates: &'a CertificateRules,
}

impl ProvinceRules {
    pub(crate) fn load(
        province: Province,
        file: &File<'_>,
        registry: &mut Registry,
        national: &National<'_>,
    ) -> Result<ProvinceRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            identity: Spanned<IdentityEntry>,
            people: PeopleSection,
            #[serde(default)]
            certificates: ProvinceCertificatesDoc,
            #[serde(default)]
            process: BTreeMap<String, Spanned<StepLimits>>,
            #[serde(default)]
            websites: WebsitesSection,
            #[serde(default)]
            domains: ProvinceDomainsDoc,
            #[serde(default)]
            submission: SubmissionSection,
            #[serde(default)]
            materials: Vec<RequirementEntry>,
            #[serde(default)]
            operations: OperationsSection,
        }
        let doc: Doc = file.parse()?;
        let slug = province.slug();
        let span = doc.identity.span();
        let identity = doc.identity.into_inner();
        if identity.name_zh != province.full_name_zh() || identity.gb_code != province.gb_code() {
            let expected = format!("{} ({})", province.full_name_zh(), province.gb_code());
            return Err(file.error_at(
                span,
                format!("this file is for {expected}, but its identity says otherwise"),
            ));
        }
        let abbreviations = identity
            .icp_abbreviations
            .iter()
            .chain(&identity.public_security_abbreviations);
        if let Some(c) = abbreviations.clone().find(|c| !province.abbreviations().contains(c)) {
            let official: String = province.abbreviations().iter().collect();
            let message = format!("`{c}` is not an official abbreviation of {slug} (those are {official})");
            return Err(file.error_at(span, message));
        }
        if identity.icp_abbreviations.is_empty() || identity.public_security_abbreviations.is_empty() {
            return Err(file.error_at(span, "a province needs at least one abbreviation of each kind"));
        }
        let mut load = Load::new(file, registry, format!("provinces.{slug}"));
        let identity_rule = load.register("identity", &identity)?;
        let mut steps = Vec::new();
        for (id, limits) in doc.process {
            if !national.process.has_step(&id) {
                return Err(file.error_at(limits.span(), format!("`{id}` is not a step of process.toml")));
            }
            let limits = limits.into_inner();
            let rule = load.part("process").register(&id, &limits)?;
            steps.push((id, limits, rule));
        }
        let websites = ProvinceWebsiteRules::load(doc.websites, load.part("websites"))?;
        let domains = ProvinceDomainRules::load(doc.domains, load.part("domains"))?;
        let people = ProvincePeopleRules::load(doc.people, load.part("people"))?;
        let certificates =
            ProvinceCertificateRules::load(doc.certificates, national.certificates, load.part("certificates"))?;
        let submission = ProvinceSubmissionRules::load(doc.submission, load.part("submission"))?;
        let operations = ProvinceOperationRules::load(doc.operations, load.part("operations"))?;
        let materials = national.materials.requirements(doc.materials, load.part("materials"))?;
        Ok(ProvinceRules {
            icp_abbreviations: identity.icp_abbreviations,
            public_security_abbreviations: identity.public_security_abbreviations,
            identity: identity_rule,
            steps,
            websites,
            domains,
            people,
            certificates,
            materials,
            submission,
            operations,
        })
    }
}

rule_entry! {
    /// The `[identity]` of a province file: its name and code (which must
    /// agree with [`Province`]) and the abbreviations its filing numbers use.
    pub(crate) struct IdentityEntry {
        name_zh: String,
        gb_code: u8,
        icp_abbreviations: Vec<char>,
        public_security_abbreviations: Vec<char>,
    }
}
