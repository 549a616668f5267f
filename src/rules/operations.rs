//! Operations (备案类型), compiled from `rules/operations.toml`: what each
//! kind of order holds, which rules of a first filing check its new data,
//! its materials and steps, and the national rules that compare an order
//! with the filing on record. Each province's own change and access rules
//! are the `[operations]` of its file ([`ProvinceOperationRules`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::rules::process::ProcessRules;
use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};
use crate::vocabulary::Operation;

/// Whether an order of an operation has a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Presence {
    /// It must have it (`field.required`).
    Required,
    /// It may have it.
    Allowed,
    /// It must not have it (`field.not_allowed`).
    Forbidden,
}

/// What a website of an order holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum WebsiteForm {
    /// Everything a first filing's website holds.
    Full,
    /// Its `icp_number` alone.
    Number,
}

/// A section of an order whose data the rules of a first filing check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Checked {
    Subject,
    Websites,
    Hosting,
    /// The province's caps on one order.
    Submission,
}

/// Whose materials an order's checklist lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum MaterialsOf {
    /// The subject's (and its people's).
    Subject,
    /// The subject's, only when the subject is not yet at this access
    /// provider (no recorded website lists the order's hosting provider).
    SubjectElsewhere,
    /// The services' (the websites' and apps', and their managers',
    /// domains', pre-approvals').
    Websites,
}

/// Who receives the MIIT SMS of an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Recipient {
    /// The principal (主体负责人; a personal filer is their own).
    Principal,
    /// The manager of each website and app of the order (网站负责人,
    /// App负责人).
    Managers,
}

/// Time limits of a step that replace the national ones for an operation.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Limits {
    #[serde(default)]
    pub(crate) working_days: Option<u32>,
    #[serde(default)]
    pub(crate) max_working_days: Option<u32>,
    #[serde(default)]
    pub(crate) max_hours: Option<u32>,
    #[serde(default)]
    pub(crate) max_days: Option<u32>,
}

rule_entry! {
    /// An operation of `[operations]`.
    pub(crate) struct OperationEntry {
        name_zh: String,
        existing: Presence,
        subject: Presence,
        websites: Presence,
        hosting: Presence,
        website: WebsiteForm,
        website_number: Presence,
        checks: Vec<Checked>,
        materials: Vec<MaterialsOf>,
        steps: Vec<Spanned<String>>,
        #[serde(default)]
        limits: BTreeMap<String, Limits>,
        sms: Vec<Recipient>,
        province_limits: bool,
    }
}

rule_entry! {
    /// A rule of `[rules]` (the comparisons with the record have no parameters).
    pub(crate) struct Entry {}
}

/// One operation, compiled.
#[derive(Debug)]
pub(crate) struct OperationRules {
    #[allow(dead_code)] // shown by the province matrix and the docs
    pub(crate) name_zh: String,
    pub(crate) existing: Presence,
    pub(crate) subject: Presence,
    pub(crate) websites: Presence,
    pub(crate) hosting: Presence,
    pub(crate) website: WebsiteForm,
    pub(crate) website_number: Presence,
    pub(crate) checks: Vec<Checked>,
    pub(crate) materials: Vec<MaterialsOf>,
    pub(crate) steps: Vec<String>,
    pub(crate) limits: BTreeMap<String, Limits>,
    pub(crate) sms: Vec<Recipient>,
    pub(crate) province_limits: bool,
    #[allow(dead_code)] // kept for provenance: `RuleSet::rule` reads the registry
    pub(crate) rule: Rule,
}

impl OperationRules {
    /// Whether the rules of a first filing check this section.
    pub(crate) fn checks(&self, section: Checked) -> bool {
        self.checks.contains(&section)
    }
}

/// The national rules that compare an order with the record.
#[derive(Debug)]
pub(crate) struct RecordRules {
    pub(crate) add_website_mismatch: Rule,
    pub(crate) add_access_mismatch: Rule,
    pub(crate) province: Rule,
    pub(crate) province_subject_change: Rule,
    pub(crate) certificate_number: Rule,
    pub(crate) domain_added: Rule,
    pub(crate) app_identifier_changed: Rule,
    pub(crate) unknown_number: Rule,
    pub(crate) record: Rule,
    pub(crate) entity_to_personal: Rule,
    pub(crate) subject_change_uncertain: Rule,
    pub(crate) combined: Rule,
    pub(crate) personal_manager: Rule,
    pub(crate) last_website: Rule,
    pub(crate) last_access: Rule,
    pub(crate) nothing_changed: Rule,
    pub(crate) cancel_one_website: Rule,
}

/// The rules of `rules/operations.toml`.
#[derive(Debug)]
pub(crate) struct OperationsRules {
    /// Indexed by `Operation as usize`.
    operations: Vec<OperationRules>,
    pub(crate) record: RecordRules,
}

impl OperationsRules {
    pub(crate) fn load(
        file: &File<'_>,
        registry: &mut Registry,
        process: &ProcessRules,
    ) -> Result<OperationsRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            operations: BTreeMap<String, Spanned<OperationEntry>>,
            rules: RulesDoc,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RulesDoc {
            add_website_mismatch: Entry,
            add_access_mismatch: Entry,
            province: Entry,
            province_subject_change: Entry,
            certificate_number: Entry,
            domain_added: Entry,
            app_identifier_changed: Entry,
            unknown_number: Entry,
            record: Entry,
            entity_to_personal: Entry,
            subject_change_uncertain: Entry,
            combined: Entry,
            personal_manager: Entry,
            last_website: Entry,
            last_access: Entry,
            nothing_changed: Entry,
            cancel_one_website: Entry,
        }
        let doc: Doc = file.parse()?;
        let mut operations = Vec::new();
        for operation in Operation::ALL {
            let Some(entry) = doc.operations.get(operation.as_str()) else {
                return Err(file.error(format!("the operation `{operation}` has no [operations.{operation}]")));
            };
            let span = entry.span();
            let entry = entry.get_ref();
            for step in &entry.steps {
                if !process.has_step(step.get_ref()) {
                    let message = format!("`{}` is not a step of process.toml", step.get_ref());
                    return Err(file.error_at(step.span(), message));
                }
            }
            if let Some(id) = entry
                .limits
                .keys()
                .find(|id| !entry.steps.iter().any(|s| s.get_ref() == *id))
            {
                return Err(file.error_at(
                    span,
                    format!("limits for `{id}`, which is not a step of this operation"),
                ));
            }
            let rule = file.register(registry, format!("operations.{operation}"), entry)?;
            operations.push(OperationRules {
                name_zh: entry.name_zh.clone(),
                existing: entry.existing,
                subject: entry.subject,
                websites: entry.websites,
                hosting: entry.hosting,
                website: entry.website,
                website_number: entry.website_number,
                checks: entry.checks.clone(),
                materials: entry.materials.clone(),
                steps: entry.steps.iter().map(|s| s.get_ref().clone()).collect(),
                limits: entry.limits.clone(),
                sms: entry.sms.clone(),
                province_limits: entry.province_limits,
                rule,
            });
        }
        if let Some((name, entry)) = doc
            .operations
            .iter()
            .find(|(name, _)| name.parse::<Operation>().is_err())
        {
            return Err(file.error_at(entry.span(), format!("`{name}` is not an operation")));
        }
        let r = &doc.rules;
        let mut register =
            |name: &str, entry: &Entry| file.register(registry, format!("operations.rules.{name}"), entry);
        let record = RecordRules {
            add_website_mismatch: register("add_website_mismatch", &r.add_website_mismatch)?,
            add_access_mismatch: register("add_access_mismatch", &r.add_access_mismatch)?,
            province: register("province", &r.province)?,
            province_subject_change: register("province_subject_change", &r.province_subject_change)?,
            certificate_number: register("certificate_number", &r.certificate_number)?,
            domain_added: register("domain_added", &r.domain_added)?,
            app_identifier_changed: register("app_identifier_changed", &r.app_identifier_changed)?,
            unknown_number: register("unknown_number", &r.unknown_number)?,
            record: register("record", &r.record)?,
            entity_to_personal: register("entity_to_personal", &r.entity_to_personal)?,
            subject_change_uncertain: register("subject_change_uncertain", &r.subject_change_uncertain)?,
            combined: register("combined", &r.combined)?,
            personal_manager: register("personal_manager", &r.personal_manager)?,
            last_website: register("last_website", &r.last_website)?,
            last_access: register("last_access", &r.last_access)?,
            nothing_changed: register("nothing_changed", &r.nothing_changed)?,
            cancel_one_website: register("cancel_one_website", &r.cancel_one_website)?,
        };
        Ok(OperationsRules { operations, record })
    }

    /// The rules of one operation.
    pub(crate) fn of(&self, operation: Operation) -> &OperationRules {
        &self.operations[operation as usize]
    }
}

/// Whom a province lets a personal subject become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PersonalChange {
    /// No other subject (不允许变更主体).
    None,
    /// The enterprise whose legal representative the person is (个人如是企业法定代表人，可以变更为对应企业).
    OwnEnterprise,
    /// Any subject (允许变更主体).
    Any,
}

/// Whom a province lets an entity subject become (besides a rename, which
/// keeps the certificate number and is allowed everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EntityChange {
    /// Only a rename (企业变更为企业只接受更名).
    RenameOnly,
    /// Not another enterprise (企业不允许变更为其他企业).
    NotToOtherEnterprise,
    /// Another enterprise with proof from the business registry (企业变更为企业需要出具工商证明).
    WithBusinessProof,
    /// Another enterprise with the same legal representative.
    SameLegalRepresentative,
    /// Any subject (允许变更主体).
    Any,
}

/// What a province says of an entity becoming a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EntityToPersonal {
    /// An individual business (个体工商户) may become its legal representative.
    IndividualBusinessToLegalRepresentative,
    /// Sources disagree: a warning.
    Uncertain,
}

/// What a province does when the record holds a certificate number from
/// before the three-in-one reform and the order gives the credit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum OldCertificate {
    /// Submit with the recorded number, change at the original provider afterwards.
    OldNumber,
    /// Change or cancel at the original provider first.
    FixFirst,
}

/// Whether a subject with no service on record may add one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EmptySubject {
    /// It may (空壳主体可直接新增).
    Allowed,
    /// It is cancelled first, then filed anew.
    CancelFirst,
}

/// A part of an access order that a province lets differ from the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Part {
    /// The subject's own data.
    Subject,
    /// The principal.
    Principal,
    /// The websites and their managers.
    Websites,
}

rule_entry! {
    /// `[operations.subject_change]`: whom the subject may become.
    pub(crate) struct SubjectChangeEntry {
        #[serde(default)]
        personal: Option<PersonalChange>,
        #[serde(default)]
        entity: Option<EntityChange>,
        #[serde(default)]
        entity_to_personal: Option<EntityToPersonal>,
    }
}

rule_entry! {
    /// `[operations.old_certificate]`.
    pub(crate) struct OldCertificateEntry {
        policy: OldCertificate,
    }
}

rule_entry! {
    /// `[operations.empty_subject]`.
    pub(crate) struct EmptySubjectEntry {
        policy: EmptySubject,
    }
}

rule_entry! {
    /// `[operations.access_mismatch]`: what of an access order may differ
    /// from the record, with a warning instead of an error.
    pub(crate) struct AccessMismatchEntry {
        parts: Vec<Part>,
    }
}

/// Which changes a province takes only as a change of the whole filing
/// (变更备案).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum WholeChange {
    /// A change of the principal (主体负责人) to another person.
    Principal,
    /// Every change.
    Any,
}

rule_entry! {
    /// `[operations.change_filing_required]`: the changes a province takes
    /// only as `change_filing`.
    pub(crate) struct ChangeFilingEntry {
        changes: WholeChange,
    }
}

rule_entry! {
    /// A province rule without parameters.
    pub(crate) struct FlagEntry {}
}

/// The `[operations]` section of a province file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OperationsSection {
    #[serde(default)]
    subject_change: Option<SubjectChangeEntry>,
    #[serde(default)]
    old_certificate: Option<OldCertificateEntry>,
    #[serde(default)]
    empty_subject: Option<EmptySubjectEntry>,
    #[serde(default)]
    access_mismatch: Option<AccessMismatchEntry>,
    #[serde(default)]
    website_name_on_record: Option<FlagEntry>,
    #[serde(default)]
    empty_service_on_record: Option<FlagEntry>,
    #[serde(default)]
    cancel_website_offline: Option<FlagEntry>,
    #[serde(default)]
    change_filing_required: Option<ChangeFilingEntry>,
}

/// A province's change and access rules, compiled.
#[derive(Debug, Default)]
pub(crate) struct ProvinceOperationRules {
    pub(crate) subject_change: Option<(SubjectChangeEntry, Rule)>,
    pub(crate) old_certificate: Option<(OldCertificate, Rule)>,
    pub(crate) empty_subject: Option<(EmptySubject, Rule)>,
    pub(crate) access_mismatch: Option<(Vec<Part>, Rule)>,
    pub(crate) website_name_on_record: Option<Rule>,
    pub(crate) empty_service_on_record: Option<Rule>,
    pub(crate) cancel_website_offline: Option<Rule>,
    pub(crate) change_filing_required: Option<(WholeChange, Rule)>,
}

impl ProvinceOperationRules {
    pub(crate) fn load(section: OperationsSection, mut load: Load<'_>) -> Result<ProvinceOperationRules, RuleError> {
        let mut out = ProvinceOperationRules::default();
        if let Some(e) = section.subject_change {
            let rule = load.register("subject_change", &e)?;
            out.subject_change = Some((e, rule));
        }
        if let Some(e) = section.old_certificate {
            out.old_certificate = Some((e.policy, load.register("old_certificate", &e)?));
        }
        if let Some(e) = section.empty_subject {
            out.empty_subject = Some((e.policy, load.register("empty_subject", &e)?));
        }
        if let Some(e) = section.access_mismatch {
            let rule = load.register("access_mismatch", &e)?;
            out.access_mismatch = Some((e.parts, rule));
        }
        if let Some(e) = section.change_filing_required {
            let rule = load.register("change_filing_required", &e)?;
            out.change_filing_required = Some((e.changes, rule));
        }
        let mut flag = |name: &str, entry: Option<FlagEntry>| -> Result<Option<Rule>, RuleError> {
            entry.map(|e| load.register(name, &e)).transpose()
        };
        out.website_name_on_record = flag("website_name_on_record", section.website_name_on_record)?;
        out.empty_service_on_record = flag("empty_service_on_record", section.empty_service_on_record)?;
        out.cancel_website_offline = flag("cancel_website_offline", section.cancel_website_offline)?;
        Ok(out)
    }
}
